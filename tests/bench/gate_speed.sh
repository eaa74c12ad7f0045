#!/bin/sh
# Speed of `evident gate` in regression mode on the gate benchmark (tests/bench/gate_evidence.sh:
# 10,000 metrics x 100 samples and a baseline, 30 MB together) beside `jq empty` of the same two
# files: runs each EVIDENT and jq RUNS times, alternating, and prints for each the median wall time,
# the median CPU time (user + sys) and the largest maximum RSS (/usr/bin/time), and each binary's
# time as a fraction of jq's. Every binary must print the same bytes and exit alike (0 or 1), or the
# script stops: a faster gate that says something else measures nothing.
#   RUNS=5 tests/bench/gate_speed.sh EVIDENT...   (default: 3 runs)
set -eu
[ $# -gt 0 ] || { echo "usage: [RUNS=N] gate_speed.sh EVIDENT..." >&2; exit 2; }
runs=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
first=$1
"$(dirname "$0")/gate_evidence.sh" "$work" "$first"
# NAME CMD...: one timed run, appending "MICROSECONDS USER SYS MAXRSS_KB" to $work/times.NAME.
timed() {
  name=$1
  shift
  start=$(date +%s%N)
  status=0
  /usr/bin/time -f "%U %S %M" -o "$work/time" "$@" > "$work/out.$name" 2> "$work/err.$name" || status=$?
  echo "$((($(date +%s%N) - start) / 1000)) $(cat "$work/time" | tail -n 1)" >> "$work/times.$name"
  echo "$status" > "$work/status.$name"
}
i=0
while [ "$i" -lt "$runs" ]; do
  n=0
  for evident in "$@"; do
    n=$((n + 1))
    timed "$n" "$evident" gate --max-file-size $((64 << 20)) --baseline "$work/baseline.json" --relative 0.001 \
      "$work/gate-new.json"
    case $(cat "$work/status.$n") in 0 | 1) ;; *) cat "$work/err.$n" >&2; exit 1 ;; esac
    if [ "$n" -gt 1 ]; then
      cmp -s "$work/out.1" "$work/out.$n" && cmp -s "$work/status.1" "$work/status.$n" \
        || { echo "$evident says something else than $first" >&2; exit 1; }
    fi
  done
  timed jq jq empty "$work/baseline.json" "$work/gate-new.json"
  i=$((i + 1))
done
# Per side: the median wall and CPU time and the largest peak of its runs, and its time against jq's.
n=0
for evident in "$@"; do
  n=$((n + 1))
  echo "$n $evident"
done | awk -v work="$work" -v runs="$runs" '
  function median(values, count,   i, j, swap) {  # sorts values[1..count] in place
    for (i = 2; i <= count; i++)
      for (j = i; j > 1 && values[j - 1] > values[j]; j--) { swap = values[j]; values[j] = values[j - 1]; values[j - 1] = swap }
    return values[int((count + 1) / 2)]
  }
  function side(key, name,   file, count, wall, cpu, peak, line, field) {
    file = work "/times." key
    count = 0; peak = 0
    while ((getline line < file) > 0) {
      split(line, field, " ")
      count++; wall[count] = field[1] / 1e6; cpu[count] = field[2] + field[3]
      if (field[4] > peak) peak = field[4]
    }
    close(file)
    walls[key] = median(wall, count)
    printf "%s: median %.3f s wall, %.2f s CPU, max RSS %.1f MiB", name, walls[key], median(cpu, count), peak / 1024
  }
  { keys[NR] = $1; names[NR] = $2 }
  END {
    side("jq", "jq empty"); printf " (%d runs)\n", runs
    for (i = 1; i <= NR; i++) { side(keys[i], names[i]); printf ", %.2f of jq'"'"'s time\n", walls[keys[i]] / walls["jq"] }
  }'
