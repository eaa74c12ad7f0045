#!/bin/sh
# Throughput of `evident validate --schema` on the CSV benchmark table (tests/bench/csv_table.sh):
# runs each EVIDENT RUNS times, the binaries alternating, and prints for each the median wall time,
# the median CPU time (user + sys, to 10 ms), MB/s (10^6 bytes) of the median wall time, and the
# largest maximum RSS (both from /usr/bin/time, whose own start is in the wall time); then `cat` on the
# same file, the floor. The machine should be otherwise idle: CPU time near wall time says it was.
#   tests/bench/csv_speed.sh EVIDENT... [-- ROWS [RUNS]]   (defaults: 1000000 rows, 5 runs)
set -eu
binaries=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do binaries="$binaries $1"; shift; done
[ -n "$binaries" ] || { echo "usage: csv_speed.sh EVIDENT... [-- ROWS [RUNS]]" >&2; exit 2; }
[ $# -gt 0 ] && shift
rows=${1:-1000000}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$(dirname "$0")/csv_table.sh" "$work" "$rows"
bytes=$(wc -c < "$work/table.csv")
i=0
while [ "$i" -lt "$runs" ]; do
  n=0
  for evident in $binaries; do
    n=$((n + 1))
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S %M" -o "$work/time" "$evident" validate --schema "$work/table.json" "$work/table.csv" \
      > "$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
    echo "$((($(date +%s%N) - start) / 1000)) $(cat "$work/time")" >> "$work/times.$n"
  done
  start=$(date +%s%N)
  /usr/bin/time -f "%U %S %M" -o "$work/time" cat "$work/table.csv" > /dev/null
  echo "$((($(date +%s%N) - start) / 1000)) $(cat "$work/time")" >> "$work/times.cat"
  i=$((i + 1))
done
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
report() {
  wall=$(awk '{ print $1 / 1e6 }' "$1" | median)
  cpu=$(awk '{ print $2 + $3 }' "$1" | median)
  rss=$(awk '{ print $4 }' "$1" | sort -n | tail -1)
  awk -v name="$2" -v wall="$wall" -v cpu="$cpu" -v rss="$rss" -v bytes="$bytes" -v runs="$runs" 'BEGIN {
    printf "%s: median %.3f s wall, %.2f s CPU, %.0f MB/s, max RSS %.1f MiB (%d runs, %d bytes)\n",
      name, wall, cpu, bytes / 1e6 / (wall > 0 ? wall : 0.01), rss / 1024, runs, bytes
  }'
}
n=0
for evident in $binaries; do
  n=$((n + 1))
  report "$work/times.$n" "$evident"
done
report "$work/times.cat" "cat"
