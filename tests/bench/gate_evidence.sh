#!/bin/sh
# Writes the gate benchmark's evidence into DIR: gate-old.json and gate-new.json, each one evidence
# file of BENCHMARKS x METRICS metrics with SAMPLES samples (default 10 x 1,000 x 100: about 11 MB each),
# every metric of the new run 0.2 % slower than the old, so a gate has regressions to find. Then, with
# EVIDENT given, baseline.json: `evident baseline` of the old run. Deterministic: the same arguments,
# the same bytes.
#   tests/bench/gate_evidence.sh DIR [EVIDENT [BENCHMARKS METRICS SAMPLES]]
set -eu
dir=${1:?usage: gate_evidence.sh DIR [EVIDENT [BENCHMARKS METRICS SAMPLES]]}
evident=${2:-}
benchmarks=${3:-10} metrics=${4:-1000} samples=${5:-100}
mkdir -p "$dir"
# OUTPUT SHIFT SEED: shift > 0 makes every metric slower.
generate() {
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
generate "$dir/gate-old.json" 0 1
generate "$dir/gate-new.json" 0.002 2
if [ -n "$evident" ]; then
  "$evident" baseline --max-file-size $((64 << 20)) "$dir/gate-old.json" --output "$dir/baseline.json" > /dev/null
fi
