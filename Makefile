# aliyun-idv: `make demo` and `make test` work on a fresh machine (Rust with rustup, Node 20, npm,
# apt as root); they install what is missing and skip what is present.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
WASM_RUNNER := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
PKGTEST = $$(cat build/pkgtest-dir)

.PHONY: all setup setup-test build demo test test-size tables test-tables test-native test-lint test-wasm-node test-wasm-browser \
        test-package test-differential test-client test-faults test-hardening test-mock test-types test-workerd test-browser test-www www mock clean bench fuzz

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
test: setup-test build test-size test-tables test-native test-lint test-wasm-node test-wasm-browser test-package test-differential test-client test-faults test-hardening test-mock test-types test-workerd test-browser test-www
	@echo "make test: all layers passed"

## tables: regenerate the compiled region and mobile tables from data/
tables:
	python3 scripts/gen-tables.py

## the built package within size-budget.json
test-size:
	node scripts/check-size.mjs

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

## the fault-injection suite: a misbehaving proxy between createClient and the mock, at most one
## bill per call for every scenario and signature version; writes build/faults-table.md
test-faults:
	node --test tests/faults/

## every export with wrong types, the secret and personal data kept out of errors, no memory growth
## over a million calls (the installed package, from test-package)
test-hardening:
	node --test tests/hardening/

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

## cli: the bulk command line (cli/, npm bin `aliyun-idv`): its own dependencies from cli/package-lock.json,
## and the library as its packed tarball; then `node cli/bin/aliyun-idv.mjs check|verify ...`
.PHONY: cli test-cli bench-cli
cli: build
	node cli/scripts/install-lib.mjs

## the CLI as a user runs it: check on every kind of bad row and encoding, the verify journal, and
## verify against the bundled mock killed (SIGKILL) at random points in 20 runs then resumed.
## Part of `make test` (the prerequisite is added here, after the layers listed on the test: line).
test: test-cli
test-cli:
	node cli/scripts/install-lib.mjs
	node cli/test/fixtures/generate.mjs --check
	node --test cli/test/*.test.mjs

## bench-cli: `aliyun-idv check` on generated 1,000,000-row 3-column files (not in make test; BENCHMARKS.md "Bulk")
bench-cli: cli
	node cli/bench/bulk.mjs 1000000
	node cli/bench/bulk.mjs 1000000 --jsonl
	node cli/bench/bulk.mjs 1000000 --gbk

## fuzz: each cargo-fuzz target for FUZZ_SECONDS (default 60), then merge the finds into
## fuzz/corpus/ (replayed by `cargo test`). Not part of `make test`; see fuzz/README.md.
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz.sh

## mock: the local mock of the Alibaba endpoint on http://127.0.0.1:8910/ (credentials in its README)
mock:
	node tools/mock-cloudauth/server.mjs --port 8910

## the browser demo (www/) in headless Chromium; screenshots go to build/artifacts/
test-www:
	node --test tests/www/

## www: serve the browser demo on http://127.0.0.1:8080/
www: build
	node scripts/static-server.mjs www 8080 /pkg/=pkg

## bench: speed, accuracy, import time and size against the packages the issue names, plus the
## native core (not part of `make test`; BENCHMARKS.md). bench/ has its own lockfile. Raised
## priority when allowed (other jobs share the 2 cores); results also in target/bench-results.md.
BENCH_NICE := $(shell nice -n -5 true 2>/dev/null && echo nice -n -5)
bench: build
	@if [ ! -d bench/node_modules ] || ! npm ls --prefix bench --depth=0 >/dev/null 2>&1; then npm ci --prefix bench --no-audit --no-fund; fi
	node bench/corpus.mjs --check
	$(BENCH_NICE) cargo bench --bench core
	$(BENCH_NICE) node bench/run.mjs --markdown | tee target/bench-results.md

clean:
	rm -rf build pkg target/wasm32-unknown-unknown
