#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo-fuzz, libFuzzer, AddressSanitizer) of ticket decoding (Avro
# and JSON) and the offline planner's text handling; the targets are in fuzz/.
#
#   scripts/fuzz.sh              # 10 minutes per target
#   scripts/fuzz.sh 20           # 20 seconds per target (what scripts/test.sh runs)
#   scripts/fuzz.sh 300 planner_text
#
# Needs a nightly toolchain and cargo-fuzz (`rustup toolchain install nightly`,
# `cargo install cargo-fuzz`). The corpus grows in target/fuzz/corpus/<target> (kept between
# runs, not committed), starting from the seeds in fuzz/seeds/<target>. An input that
# crashes a target is copied to fuzz/regressions/<target>/, where the stable test suite
# replays it (tests/it/fuzz_regressions.rs), and the script fails.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECS=${1:-600}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(ticket_avro ticket_json planner_text)
log() { printf '[fuzz.sh] %s\n' "$*" >&2; }

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  log "needs a nightly toolchain and cargo-fuzz: rustup toolchain install nightly && cargo install cargo-fuzz"
  exit 2
fi
# A target directory of its own: the nightly compiler and the sanitizer flags rebuild every
# dependency, so nothing of the stable builds could be shared.
export CARGO_TARGET_DIR="$ROOT/target/fuzz/build"
mkdir -p "$ROOT/target/fuzz"
log "building the targets (nightly, address sanitizer, optimised)"
cargo +nightly fuzz build --fuzz-dir fuzz -O
failed=0
for t in "${TARGETS[@]}"; do
  corpus="$ROOT/target/fuzz/corpus/$t"
  artifacts="$ROOT/target/fuzz/artifacts/$t"
  mkdir -p "$corpus" "$artifacts" "fuzz/seeds/$t"
  log "$t for ${SECS}s"
  if ! cargo +nightly fuzz run --fuzz-dir fuzz -O "$t" "$corpus" "fuzz/seeds/$t" -- \
      -max_total_time="$SECS" -timeout=10 -rss_limit_mb=4096 \
      -artifact_prefix="$artifacts/" -print_final_stats=1 2>"$ROOT/target/fuzz/$t.log"; then
    failed=1
    mkdir -p "fuzz/regressions/$t"
    for a in "$artifacts"/*; do
      [ -f "$a" ] && cp "$a" "fuzz/regressions/$t/" && log "$t: crashing input kept as fuzz/regressions/$t/$(basename "$a")"
    done
    tail -40 "$ROOT/target/fuzz/$t.log" >&2
  else
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$ROOT/target/fuzz/$t.log" | sed "s/^/[fuzz.sh] $t /" >&2 || true
  fi
done
exit $failed
