#!/usr/bin/env bash
# Installs what the build and the tests need, skipping what is already there.
#   scripts/setup.sh build   the wasm target, wasm-bindgen-cli at the version pinned in Cargo.toml, npm dev deps
#   scripts/setup.sh test    the above, plus Chromium, ChromeDriver and a CJK font from apt (browser tests;
#                            the font lets the demo's screenshots show Chinese instead of empty boxes)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-build}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

want=$(sed -n 's/^wasm-bindgen = .*version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$want" ] || { echo "setup: no exact wasm-bindgen version pinned in Cargo.toml" >&2; exit 1; }
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ] || ! command -v wasm-bindgen-test-runner >/dev/null; then
  echo "setup: installing wasm-bindgen-cli $want (have: ${have:-none}); takes a few minutes"
  cargo install wasm-bindgen-cli --version "$want" --locked --force \
    || cargo install wasm-bindgen-cli --version "$want" --force
fi

# npm dev dependencies, from the committed lockfile; reinstalled when the lockfile changes.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi

if [ "$what" = test ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    echo "setup: installing Chromium and ChromeDriver from apt"
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium chromium-driver
  fi
  if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    echo "setup: installing a CJK font from apt (fonts-wqy-microhei)"
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends fonts-wqy-microhei
  fi
fi
