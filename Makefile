# aliyun-idv: `make demo` and `make test` work on a fresh machine (Rust with rustup, Node 20, npm,
# apt as root); they install what is missing and skip what is present.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
WASM_RUNNER := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
PKGTEST = $$(cat build/pkgtest-dir)

.PHONY: all setup setup-test build demo test tables test-tables test-native test-lint test-wasm-node test-wasm-browser \
        test-package test-differential test-client test-mock test-types test-workerd test-browser www mock clean fuzz

all: build

setup:
	bash scripts/setup.sh build

setup-test:
	bash scripts/setup.sh test

## build: the npm package in pkg/ (one .wasm, entries for Node, Workers, browsers, bundlers)
build: setup
	bash scripts/build.sh

## demo: build, then run the end-to-end example
demo: build
	node examples/demo.mjs

## test: every test, at every layer
test: setup-test build test-tables test-native test-lint test-wasm-node test-wasm-browser test-package test-differential test-client test-mock test-types test-workerd test-browser
	@echo "make test: all layers passed"

## tables: regenerate the compiled region and mobile tables from data/
tables:
	python3 scripts/gen-tables.py

test-tables:
	python3 scripts/gen-tables.py --check

test-native:
	cargo test --all-targets

test-lint:
	cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --all-targets -- -D warnings

test-wasm-node:
	$(WASM_RUNNER) cargo test --target wasm32-unknown-unknown --test wasm

test-wasm-browser:
	CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_USE_BROWSER=1 $(WASM_RUNNER) \
	  cargo test --target wasm32-unknown-unknown --test wasm

## the packed tarball installed into a fresh project, then used from each runtime
test-package:
	node tests/package/prepare.mjs
	cd "$(PKGTEST)" && node --test esm.test.mjs cjs.test.cjs wire.test.mjs

## the installed package against the official @alicloud/openapi-util on random requests
test-differential:
	node --test tests/differential/

## createClient from the installed package against the local mock
test-client:
	node --test tests/client/

## the mock's own tests (its signature verifier against the official vectors)
test-mock:
	node --test tools/mock-cloudauth/

test-types:
	node node_modules/typescript/bin/tsc -p "$(PKGTEST)/tsconfig.json"
	@echo "tsc --strict: the declarations type-check (ESM and CommonJS)"

test-workerd:
	node --test tests/workerd/

test-browser:
	node --test tests/browser/

## fuzz: each cargo-fuzz target for FUZZ_SECONDS (default 60), then merge the finds into
## fuzz/corpus/ (replayed by `cargo test`). Not part of `make test`; see fuzz/README.md.
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz.sh

## mock: the local mock of the Alibaba endpoint on http://127.0.0.1:8910/ (credentials in its README)
mock:
	node tools/mock-cloudauth/server.mjs --port 8910

## www: serve the browser demo on http://127.0.0.1:8080/
www: build
	node scripts/static-server.mjs www 8080 /pkg/=pkg

clean:
	rm -rf build pkg target/wasm32-unknown-unknown
