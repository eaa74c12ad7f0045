#!/bin/sh
# Speed of `evident gate` in regression mode on the gate benchmark (tests/bench/gate_evidence.sh:
# 10,000 metrics x 100 samples and a baseline, 30 MB together) beside `jq empty` of the same two
# files: runs each EVIDENT and jq RUNS times, alternating, and prints for each the median wall time,
# the median CPU time (user + sys) and the largest maximum RSS (/usr/bin/time), and each binary's
# time as a fraction of jq's. Every binary must print the same bytes and exit alike (0 or 1), or the
# script stops: a faster gate that says something else measures nothing.
#   tests/bench/gate_speed.sh EVIDENT... [-- RUNS]   (default: 3 runs)
set -eu
binaries=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do binaries="$binaries $1"; shift; done
[ -n "$binaries" ] || { echo "usage: gate_speed.sh EVIDENT... [-- RUNS]" >&2; exit 2; }
[ $# -gt 0 ] && shift
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
first=${binaries# }
first=${first%% *}
"$(dirname "$0")/gate_evidence.sh" "$work" "$first"
# ONE-LINE NAME CMD...: one timed run, appending "MICROSECONDS USER SYS MAXRSS_KB" to $work/times.NAME.
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
  for evident in $binaries; do
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
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
jq_wall=$(awk '{ print $1 / 1e6 }' "$work/times.jq" | median)
report() {
  wall=$(awk '{ print $1 / 1e6 }' "$1" | median)
  cpu=$(awk '{ print $2 + $3 }' "$1" | median)
  rss=$(awk '{ print $4 }' "$1" | sort -n | tail -1)
  awk -v name="$2" -v wall="$wall" -v cpu="$cpu" -v rss="$rss" -v jq="$jq_wall" -v runs="$runs" 'BEGIN {
    printf "%s: median %.3f s wall, %.2f s CPU, max RSS %.1f MiB, %.2f of jq'"'"'s time (%d runs)\n",
      name, wall, cpu, rss / 1024, wall / jq, runs
  }'
}
n=0
for evident in $binaries; do
  n=$((n + 1))
  report "$work/times.$n" "$evident"
done
report "$work/times.jq" "jq empty"
