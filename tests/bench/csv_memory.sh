#!/bin/sh
# Memory and throughput of CSV validation: generates a table of SIZE_MB megabytes (default 1024)
# without uniqueness constraints, validates it with /usr/bin/time -v, and prints max RSS and MB/s
# next to `wc -l` on the same file as the floor.
#   tests/bench/csv_memory.sh build/release/evident [SIZE_MB]
set -eu
evident=${1:?usage: csv_memory.sh EVIDENT [SIZE_MB]}
size_mb=${2:-1024}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/table.json" <<'JSON'
{"fields": [
  {"name": "suite", "type": "string", "constraints": {"required": true, "pattern": "[a-z]+"}},
  {"name": "benchmark", "type": "string", "constraints": {"required": true, "maxLength": 200}},
  {"name": "metric", "type": "string", "constraints": {"required": true}},
  {"name": "unit", "type": "string", "constraints": {"required": true}},
  {"name": "better", "type": "string", "constraints": {"required": true, "enum": ["lower", "higher"]}},
  {"name": "run", "type": "integer", "constraints": {"required": true, "minimum": 0}},
  {"name": "value", "type": "number", "constraints": {"required": true}}
]}
JSON
awk -v bytes=$((size_mb * 1048576)) 'BEGIN {
  print "suite,benchmark,metric,unit,better,run,value"; total = 44
  for (i = 0; total < bytes; i++) {
    line = sprintf("engine,\"bench, %d\",wall_time,s,lower,%d,%.6f", i % 1000, i, (i % 997) / 1000.0)
    print line; total += length(line) + 1
  }
}' > "$work/big.csv"
bytes=$(wc -c < "$work/big.csv")
start=$(date +%s.%N)
wc -l "$work/big.csv" > /dev/null
wc_seconds=$(echo "$(date +%s.%N) - $start" | bc)
/usr/bin/time -v "$evident" validate --schema "$work/table.json" "$work/big.csv" > "$work/out" 2> "$work/time" || true
seconds=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time" | awk -F: '{ print ($1 * 60) + $2 }')
rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
tail -1 "$work/out"
echo "file: $((bytes / 1048576)) MiB; validate: ${seconds}s, $(echo "scale=1; $bytes / 1048576 / $seconds" | bc) MiB/s, max RSS $((rss_kb / 1024)) MiB; wc -l: ${wc_seconds}s"
