#!/usr/bin/env bash
# Benchmark: `evident validate` over a generated corpus of evidence files (default 10,000).
# Prints files per second and MB/s per run, and writes the result as evident evidence
# (default evidence/validate-corpus.json), with the host metadata this script can read.
#
#   tests/bench/validate_corpus.sh [--files N] [--runs R] [--jobs J] [--evident BIN] [--output FILE]
#                                  [--hostname NAME] [--withhold-cmdline]
#
# --hostname records NAME instead of the machine's host name, and --withhold-cmdline records the
# kernel command line as {"unreadable": "withheld by the operator"}, for evidence that is published.
#
# It does not pin or isolate anything, so the evidence it writes is honestly
# functional_non_isolated; `evident capture` replaces it once that exists.
set -euo pipefail
cd "$(dirname "$0")/../.."

files=10000 runs=5 jobs=$(nproc) evident=build/release/evident output=evidence/validate-corpus.json
hostname=$(cat /proc/sys/kernel/hostname) withhold_cmdline=false
while (($#)); do
  case "$1" in
    --files) files=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --evident) evident=$2; shift 2 ;;
    --output) output=$2; shift 2 ;;
    --hostname) hostname=$2; shift 2 ;;
    --withhold-cmdline) withhold_cmdline=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -x "$evident" ]] || { echo "build first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }

corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
template=fixtures/evidence/valid/spec-example.json
for ((i = 0; i < files; i++)); do
  sed "s/matmul-f32/matmul-$i/" "$template" > "$corpus/evidence-$i.json"
done
bytes=$(cat "$corpus"/*.json | wc -c)

# A reading that fails is recorded as {"unreadable": reason}, never left out.
json_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g' | tr -d '\000-\037')"; }
read_or_unreadable() {  # FILE -> JSON string of its first line, or an unreadable object
  if [[ -r "$1" ]]; then json_string "$(head -n 1 "$1")"; else printf '{"unreadable": "ENOENT: %s"}' "$1"; fi
}
loadavg() { awk '{printf "[%s, %s, %s]", $1, $2, $3}' /proc/loadavg; }

load_before=$(loadavg)
captured_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
wall=() rate=() throughput=()
"$evident" validate --jobs "$jobs" "$corpus" > /dev/null  # warm-up: page cache, not measured
for ((run = 0; run < runs; run++)); do
  start=$(date +%s%N)
  "$evident" validate --jobs "$jobs" "$corpus" > /dev/null
  end=$(date +%s%N)
  seconds=$(awk -v ns=$((end - start)) 'BEGIN {printf "%.6f", ns / 1e9}')
  wall+=("$seconds")
  rate+=("$(awk -v s="$seconds" -v n="$files" 'BEGIN {printf "%.1f", n / s}')")
  throughput+=("$(awk -v s="$seconds" -v b="$bytes" 'BEGIN {printf "%.2f", b / 1048576 / s}')")
  echo "run $((run + 1))/$runs: ${seconds} s, ${rate[-1]} files/s, ${throughput[-1]} MiB/s" >&2
done
load_after=$(loadavg)

join() { local out="" separator=""; for item in "$@"; do out+="$separator$item"; separator=", "; done; echo "$out"; }
affinity=$(awk '/^Cpus_allowed_list/ {print $2}' /proc/self/status)
cpu_entries=()
for cpu in $(seq 0 $(($(nproc --all) - 1))); do
  base=/sys/devices/system/cpu/cpu$cpu/cpufreq
  governor=$(read_or_unreadable "$base/scaling_governor")
  if [[ -r "$base/scaling_cur_freq" ]]; then frequency=$(cat "$base/scaling_cur_freq")
  else frequency="{\"unreadable\": \"ENOENT: $base/scaling_cur_freq\"}"; fi
  cpu_entries+=("{\"id\": $cpu, \"governor\": $governor, \"frequency_khz\": $frequency}")
done
expand_list() { awk -F, '{for (i = 1; i <= NF; i++) {n = split($i, r, "-"); if (n == 1) r[2] = r[1]; for (c = r[1]; c <= r[2]; c++) printf "%s%d", (out++ ? ", " : ""), c}}'; }

mkdir -p "$(dirname "$output")"
cat > "$output" <<JSON
{
  "schema_version": "evident/evidence/1",
  "suite": {"name": "evident", "profile": "dev", "commit": "$(git rev-parse HEAD 2>/dev/null || echo 0000000)"},
  "classification": "functional_non_isolated",
  "status": "passed",
  "captured_at": "$captured_at",
  "command": ["evident", "validate", "--jobs", "$jobs", "<corpus of $files evidence files>"],
  "producer": {"name": "tests/bench/validate_corpus.sh"},
  "host": {
    "hostname": $(json_string "$hostname"),
    "kernel": $(json_string "$(uname -r)"),
    "kernel_cmdline": $($withhold_cmdline && echo '{"unreadable": "withheld by the operator"}' || read_or_unreadable /proc/cmdline),
    "cpu_model": $(json_string "$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"),
    "logical_cpus": $(nproc --all),
    "runner": {"name": $(json_string "$hostname"), "self_hosted": false, "labels": []},
    "affinity": [$(echo "$affinity" | expand_list)],
    "scheduler": {"policy": "SCHED_OTHER", "priority": 0},
    "cpus": [$(join "${cpu_entries[@]}")],
    "boost": $(read_or_unreadable /sys/devices/system/cpu/cpufreq/boost),
    "load_avg": {"before": $load_before, "after": $load_after}
  },
  "benchmarks": [
    {"name": "validate-$files-files", "parameters": {"files": $files, "bytes": $bytes, "jobs": $jobs}, "metrics": [
      {"name": "wall_time", "unit": "s", "better": "lower", "samples": [$(join "${wall[@]}")]},
      {"name": "files_per_second", "unit": "files/s", "better": "higher", "samples": [$(join "${rate[@]}")]},
      {"name": "throughput", "unit": "MiB/s", "better": "higher", "samples": [$(join "${throughput[@]}")]}
    ]}
  ]
}
JSON
echo "wrote $output" >&2
"$evident" validate "$output"
