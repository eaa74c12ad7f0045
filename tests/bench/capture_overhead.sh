#!/usr/bin/env bash
# Benchmark: what `evident capture` costs per run, and what pinning does to the spread.
#
#   tests/bench/capture_overhead.sh [--runs N] [--cpu C] [--evident BIN]
#
# 1. Per-run time of `true` under `evident capture` (N runs) next to `hyperfine -N --runs N true`
#    (Debian package hyperfine), both as the median wall time of one run, and the whole capture's
#    wall time divided by N, which includes evident's own work between runs.
# 2. The CV of a fixed CPU-bound workload (sha256sum of a 64 MiB file in the page cache), captured
#    pinned to one CPU and "unpinned" (allowed on every CPU), 20 runs each.
# Prints the figures; no assertion on time (machines are shared and noisy).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=200 cpu=1 evident=build/release/evident
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --cpu) cpu=$2; shift 2 ;;
    --evident) evident=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -x "$evident" ]] || { echo "build first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
all_cpus=$(cat /sys/devices/system/cpu/online)

samples_of() {  # FILE METRIC -> the metric's samples, one per line
  awk -v metric="$2" '
    $0 ~ "\"name\": \"" metric "\"" { grab = 1 }
    grab && /"samples"/ { collecting = 1; next }
    collecting && /\]/ { collecting = 0; grab = 0 }
    collecting { gsub(/[ ,]/, ""); print $0 + 0 }' "$1"
}
median_of() {  # FILE METRIC -> the median of the metric's samples
  samples_of "$1" "$2" | sort -g | awk '{ x[NR] = $1 } END { print (NR % 2) ? x[(NR + 1) / 2] : (x[NR / 2] + x[NR / 2 + 1]) / 2 }'
}
cv_of() {  # FILE -> CV% of wall_time
  awk '
    /"name": "wall_time"/ { grab = 1 }
    grab && /"samples"/ { collecting = 1; next }
    collecting && /\]/ { collecting = 0; grab = 0 }
    collecting { gsub(/[ ,]/, ""); x[n++] = $0 + 0 }
    END { for (i = 0; i < n; i++) s += x[i]; m = s / n; for (i = 0; i < n; i++) v += (x[i] - m) ^ 2;
          printf "%.3f", sqrt(v / (n - 1)) / m * 100 }' "$1"
}

echo "== capture of 'true', $runs runs, pinned to CPU $cpu"
start=$(date +%s.%N)
"$evident" capture --cpus "$cpu" --runs "$runs" --warmup 3 --lock-dir "$work" --output "$work/true.json" -- true >/dev/null
end=$(date +%s.%N)
echo "evident capture: median run $(awk -v s="$(median_of "$work/true.json" wall_time)" 'BEGIN { printf "%.3f ms", s * 1000 }'),"\
     "whole capture / runs $(awk -v a="$start" -v b="$end" -v n="$runs" 'BEGIN { printf "%.3f ms", (b - a) / (n + 3) * 1000 }')"
if command -v hyperfine >/dev/null; then
  hyperfine -N --runs "$runs" --warmup 3 --export-json "$work/hyperfine.json" true >/dev/null 2>&1
  echo "hyperfine -N:    median run $(awk -F': ' '/"median"/ { gsub(/,/, "", $2); printf "%.3f ms", $2 * 1000; exit }' "$work/hyperfine.json")"
else
  echo "hyperfine: not installed (apt-get install hyperfine)"
fi

echo "== CV of sha256sum over 64 MiB, 20 runs each"
head -c $((64 << 20)) /dev/urandom >"$work/data"
sha256sum "$work/data" >/dev/null  # into the page cache
"$evident" capture --cpus "$cpu" --runs 20 --warmup 2 --lock-dir "$work" --output "$work/pinned.json" -- sha256sum "$work/data" >/dev/null
"$evident" capture --cpus "$all_cpus" --allow-smt --runs 20 --warmup 2 --lock-dir "$work" --output "$work/unpinned.json" -- sha256sum "$work/data" >/dev/null
echo "pinned to CPU $cpu:        CV $(cv_of "$work/pinned.json")%, median $(median_of "$work/pinned.json" wall_time) s"
echo "allowed on CPUs $all_cpus: CV $(cv_of "$work/unpinned.json")%, median $(median_of "$work/unpinned.json" wall_time) s"
