#!/usr/bin/env bash
# Coverage-guided fuzzing of the public entry points (cargo-fuzz / libFuzzer), one target at a
# time, then a merge of what was found into the committed, minimised corpus fuzz/corpus/<target>/,
# which tests/fuzz_corpus.rs replays in every `cargo test`. Not part of `make test` or CI.
#
#   FUZZ_SECONDS=60  seconds per target (default 60)
#   FUZZ_RUNS=N      stop a target after N executions instead (libFuzzer -runs), whichever first
#   FUZZ_TARGETS="checks sign"   a subset (default: all six)
#
# Stable Rust is enough: cargo-fuzz needs nightly only for its sanitizers (ASan), so we build with
# --sanitizer none (no RUSTC_BOOTSTRAP needed). The fuzzer runs niced, one process at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

SECONDS_PER_TARGET="${FUZZ_SECONDS:-60}"
TARGETS="${FUZZ_TARGETS:-checks period sign builders parse_response dates}"
export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-$PWD/fuzz/target}"
BIN="$CARGO_TARGET_DIR/x86_64-unknown-linux-gnu/release"
STATS=fuzz/work/stats.log

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
nice -n 10 cargo fuzz build --sanitizer none -O

mkdir -p fuzz/work fuzz/artifacts
for t in $TARGETS; do
  mkdir -p "fuzz/work/$t" "fuzz/corpus/$t" "fuzz/artifacts/$t"
  extra=()
  [[ -n "${FUZZ_RUNS:-}" ]] && extra+=("-runs=$FUZZ_RUNS")
  log="fuzz/work/$t.log"
  echo "fuzz: $t for ${SECONDS_PER_TARGET}s${FUZZ_RUNS:+ or $FUZZ_RUNS runs}"
  start=$(date +%s)
  set +e
  nice -n 10 "$BIN/$t" -max_total_time="$SECONDS_PER_TARGET" "${extra[@]}" -print_final_stats=1 \
    -artifact_prefix="fuzz/artifacts/$t/" "fuzz/work/$t" "fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  echo "$(date -u +%FT%TZ) $t rc=$rc execs=${execs:-?} seconds=$(( $(date +%s) - start ))" | tee -a "$STATS"
  if [[ $rc -ne 0 ]]; then
    grep -E 'panicked|assert|Test unit written' -A3 "$log" | head -20
    echo "fuzz: $t found a crash (see $log and fuzz/artifacts/$t/)" >&2
    exit 1
  fi
  # Minimise: keep the inputs that add coverage, from the committed corpus and the new finds.
  rm -rf "fuzz/corpus/$t.new" && mkdir -p "fuzz/corpus/$t.new"
  nice -n 10 "$BIN/$t" -merge=1 "fuzz/corpus/$t.new" "fuzz/corpus/$t" "fuzz/work/$t" >"fuzz/work/$t.merge.log" 2>&1
  rm -rf "fuzz/corpus/$t" && mv "fuzz/corpus/$t.new" "fuzz/corpus/$t"
  echo "fuzz: $t corpus $(ls "fuzz/corpus/$t" | wc -l) files, $(du -sh --apparent-size "fuzz/corpus/$t" | cut -f1)"
done
echo "fuzz: totals per target (all runs in $STATS):"
awk '{ split($2, a, " "); for (i = 3; i <= NF; i++) if ($i ~ /^execs=/) { sub("execs=", "", $i); n[$2] += $i } } END { for (t in n) printf "  %-15s %d\n", t, n[t] }' "$STATS"
