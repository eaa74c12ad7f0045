#!/bin/sh
# Memory and throughput of CSV validation: generates the benchmark table of csv_table.sh at SIZE_MB
# megabytes (default 1024; it has no uniqueness constraints, so nothing may grow with the file),
# validates it with /usr/bin/time -v, and prints max RSS and MiB/s next to `wc -l` on the same file
# as the floor.
#   tests/bench/csv_memory.sh build/release/evident [SIZE_MB]
set -eu
evident=${1:?usage: csv_memory.sh EVIDENT [SIZE_MB]}
size_mb=${2:-1024}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The benchmark table of tests/bench/csv_table.sh (37 to 39 bytes a row), about SIZE_MB of it.
"$(dirname "$0")/csv_table.sh" "$work" $((size_mb * 1048576 / 37))
mv "$work/table.csv" "$work/big.csv"
bytes=$(wc -c < "$work/big.csv")
start=$(date +%s.%N)
wc -l "$work/big.csv" > /dev/null
wc_seconds=$(echo "$(date +%s.%N) - $start" | bc)
/usr/bin/time -v "$evident" validate --schema "$work/table.json" "$work/big.csv" > "$work/out" 2> "$work/time" || true
seconds=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time" | awk -F: '{ print ($1 * 60) + $2 }')
rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
tail -1 "$work/out"
echo "file: $((bytes / 1048576)) MiB; validate: ${seconds}s, $(echo "scale=1; $bytes / 1048576 / $seconds" | bc) MiB/s, max RSS $((rss_kb / 1024)) MiB; wc -l: ${wc_seconds}s"
