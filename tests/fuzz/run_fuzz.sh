#!/usr/bin/env bash
# One fuzz target as a test: replay its crash inputs and seeds, then fuzz from the seeds for
# EVIDENT_FUZZ_SECONDS seconds (default: 60 under CI=true, else 10; 0 replays only). Fails on any
# crash, leak, timeout (10 s for one input), memory above 2 GiB or sanitizer report, and prints
# libFuzzer's summary line.
#   run_fuzz.sh BINARY WORK_DIR CRASH_DIR DICT|- MAX_LEN SEED...
set -euo pipefail
binary=$1 work=$2 crashes=$3 dict=$4 max_len=$5
shift 5
seeds=("$@")

if [[ -n "${EVIDENT_FUZZ_SECONDS:-}" ]]; then
  seconds=$EVIDENT_FUZZ_SECONDS
elif [[ "${CI:-}" == "true" ]]; then
  seconds=60
else
  seconds=10
fi
if ! [[ "$seconds" =~ ^[0-9]+$ ]]; then
  echo "EVIDENT_FUZZ_SECONDS must be a whole number of seconds, not \"$seconds\"" >&2
  exit 2
fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
limits=(-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048)

rm -rf "$work"
mkdir -p "$work/corpus" "$work/artifacts" "$work/tmp"
export TMPDIR="$work/tmp"  # the targets write their inputs there as files

# Every input that once broke the target, and every seed, run once each.
replay=()
for source in "$crashes" "${seeds[@]}"; do
  [[ -e "$source" ]] || continue
  while IFS= read -r -d '' file; do replay+=("$file"); done \
    < <(find "$source" -type f ! -name README.md -print0 | sort -z)
done
if ! "$binary" "${limits[@]}" -artifact_prefix="$work/artifacts/" "${replay[@]}" >"$work/replay.log" 2>&1; then
  tail -n 60 "$work/replay.log"
  echo "$(basename "$binary"): replaying ${#replay[@]} inputs failed (log: $work/replay.log)" >&2
  exit 1
fi
echo "$(basename "$binary"): replayed ${#replay[@]} inputs"
((seconds > 0)) || exit 0

# libFuzzer's entropic scheduling keeps as "rare" the 100 rarest features and every feature seen at
# most 255 times, and scans that list for each feature of each input: in a target with 30,000
# features (import_fuzz) the scan was half of the time in its first minutes. At 16 the list falls
# back to the 100 rarest sooner (docs/fuzzing.md).
options=("${limits[@]}" -max_total_time="$seconds" -max_len="$max_len" -print_final_stats=1
         -entropic_feature_frequency_threshold=16 -artifact_prefix="$work/artifacts/")
if [[ "$dict" != "-" ]]; then options+=(-dict="$dict"); fi
existing=()
for source in "${seeds[@]}"; do [[ -d "$source" ]] && existing+=("$source"); done
if ! "$binary" "${options[@]}" "$work/corpus" "${existing[@]}" >"$work/fuzz.log" 2>&1; then
  tail -n 60 "$work/fuzz.log"
  echo "$(basename "$binary"): found a failing input; it is in $work/artifacts/ (keep it under $crashes/)" >&2
  exit 1
fi
grep -E '^#[0-9]+[[:space:]]+DONE|^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$work/fuzz.log"
