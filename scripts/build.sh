#!/usr/bin/env bash
# Builds the npm package in pkg/: Rust -> wasm32 -> wasm-bindgen (web target) -> wasm-opt -> pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --target wasm32-unknown-unknown --lib
rm -rf build/bindgen && mkdir -p build/bindgen
wasm-bindgen --target web --out-dir build/bindgen --out-name aliyun_idv \
  target/wasm32-unknown-unknown/release/aliyun_idv.wasm
# npm binaryen, not Debian's (108 produces broken modules for current wasm-bindgen output).
node node_modules/binaryen/bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals \
  build/bindgen/aliyun_idv_bg.wasm -o build/bindgen/aliyun_idv_bg.opt.wasm
mv build/bindgen/aliyun_idv_bg.opt.wasm build/bindgen/aliyun_idv_bg.wasm
node scripts/assemble-pkg.mjs
