#!/usr/bin/env bash
# Benchmark: `evident gate` in regression mode on 10,000 metrics with 100 samples each (a generated
# evidence file and baseline), and `evident baseline` writing that baseline.
#
#   tests/bench/gate_metrics.sh [--benchmarks B] [--metrics M] [--samples S] [--runs R] [--evident BIN]
#
# Prints the wall time of each run; no assertion on time (machines are shared and noisy).
set -euo pipefail
cd "$(dirname "$0")/../.."
benchmarks=10 metrics=1000 samples=100 runs=3 evident=build/release/evident
while (($#)); do
  case "$1" in
    --benchmarks) benchmarks=$2; shift 2 ;;
    --metrics) metrics=$2; shift 2 ;;
    --samples) samples=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --evident) evident=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -x "$evident" ]] || { echo "build first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One evidence file; shift > 0 makes every metric slower, so the gate has regressions to find.
generate() {  # OUTPUT SHIFT SEED
  awk -v b="$benchmarks" -v m="$metrics" -v s="$samples" -v shift="$2" -v seed="$3" 'BEGIN {
    srand(seed);
    printf "{\"schema_version\": \"evident/evidence/1\", \"suite\": {\"name\": \"bench\"},\n";
    printf " \"classification\": \"functional_non_isolated\", \"status\": \"passed\",\n";
    printf " \"captured_at\": \"2026-11-20T10:%02d:00Z\", \"host\": {}, \"benchmarks\": [\n", seed;
    for (i = 0; i < b; i++) {
      printf "  {\"name\": \"b%d\", \"metrics\": [\n", i;
      for (j = 0; j < m; j++) {
        printf "    {\"name\": \"m%d\", \"unit\": \"s\", \"better\": \"lower\", \"samples\": [", j;
        for (k = 0; k < s; k++) printf "%s%.6f", (k ? ", " : ""), 1 + shift + rand() * 0.01;
        printf "]}%s\n", (j + 1 < m ? "," : "");
      }
      printf "  ]}%s\n", (i + 1 < b ? "," : "");
    }
    printf "]}\n";
  }' > "$1"
}
generate "$work/old.json" 0 1
generate "$work/new.json" 0.002 2
echo "evidence: $(wc -c < "$work/new.json") bytes, $((benchmarks * metrics)) metrics x $samples samples" >&2
max_size=$((64 << 20))
start=$(date +%s%N)
"$evident" baseline --max-file-size "$max_size" "$work/old.json" --output "$work/baseline.json" > /dev/null
echo "baseline: $(awk -v ns=$(($(date +%s%N) - start)) 'BEGIN {printf "%.3f", ns / 1e9}') s" >&2
for ((run = 1; run <= runs; run++)); do
  start=$(date +%s%N)
  status=0
  "$evident" gate --max-file-size "$max_size" --baseline "$work/baseline.json" --relative 0.001 "$work/new.json" \
    > "$work/gate.txt" || status=$?
  end=$(date +%s%N)
  echo "gate run $run/$runs: $(awk -v ns=$((end - start)) 'BEGIN {printf "%.3f", ns / 1e9}') s, exit $status, $(tail -n 1 "$work/gate.txt")" >&2
done
