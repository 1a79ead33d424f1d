#!/usr/bin/env bash
# Builds the npm package in pkg/ from one crate, two modules (see README, "Design choices"):
#   server  (default features, release profile, opt-level 3): Node, Workers, `aliyun-idv/full`
#   browser (no default features: checks only, `browser` profile, opt-level "z"): the `browser` entry
# Rust -> wasm32 -> wasm-bindgen (web target) -> wasm-opt -> scripts/assemble-pkg.mjs -> pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --target wasm32-unknown-unknown --lib --features module
cargo build --profile browser --no-default-features --features module-small --target wasm32-unknown-unknown --lib
rm -rf build/bindgen && mkdir -p build/bindgen
wasm-bindgen --target web --out-dir build/bindgen --out-name aliyun_idv \
  target/wasm32-unknown-unknown/release/aliyun_idv.wasm
wasm-bindgen --target web --out-dir build/bindgen --out-name aliyun_idv_browser \
  target/wasm32-unknown-unknown/browser/aliyun_idv.wasm
# npm binaryen, not Debian's (108 produces broken modules for current wasm-bindgen output).
# -O3 for the server module (speed), -Oz for the browser one (size); measured in BENCHMARKS.md.
# The browser module keeps its data as one segment (no memory-packing: that pass splits the data
# at every run of zeros, and the hundreds of segment headers it makes gzip worse than the zeros
# they save: 29,092 -> 28,024 bytes gzipped, 64,708 -> 67,781 raw), and --converge repeats -Oz
# until it changes nothing (-63 bytes gzipped).
opt() {
  local file=$1
  shift
  node node_modules/binaryen/bin/wasm-opt "$@" --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --strip-producers "build/bindgen/$file" -o "build/bindgen/$file.opt"
  mv "build/bindgen/$file.opt" "build/bindgen/$file"
}
# shellcheck disable=SC2086 # SERVER_OPT / BROWSER_OPT: flags, split on spaces
opt aliyun_idv_bg.wasm ${SERVER_OPT:--O3}
# shellcheck disable=SC2086
opt aliyun_idv_browser_bg.wasm ${BROWSER_OPT:--Oz --skip-pass=memory-packing --converge}
node scripts/assemble-pkg.mjs
