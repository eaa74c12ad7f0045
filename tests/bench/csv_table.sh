#!/bin/sh
# Writes the CSV benchmark table and its Table Schema into DIR: table.json and table.csv, with ROWS
# data rows (default 1,000,000: 37 MB) of five columns: two strings, an integer, a number and a
# string with an enum constraint, every cell checked. Deterministic: the same ROWS, the same bytes.
#   tests/bench/csv_table.sh DIR [ROWS]
set -eu
dir=${1:?usage: csv_table.sh DIR [ROWS]}
rows=${2:-1000000}
mkdir -p "$dir"
cat > "$dir/table.json" <<'JSON'
{"fields": [
  {"name": "suite", "type": "string", "constraints": {"required": true}},
  {"name": "benchmark", "type": "string", "constraints": {"required": true, "maxLength": 200}},
  {"name": "run", "type": "integer", "constraints": {"required": true, "minimum": 0}},
  {"name": "value", "type": "number", "constraints": {"required": true}},
  {"name": "better", "type": "string", "constraints": {"required": true, "enum": ["lower", "higher"]}}
]}
JSON
awk -v rows="$rows" 'BEGIN {
  print "suite,benchmark,run,value,better"
  for (i = 0; i < rows; i++) printf "engine,bench-%03d,%d,%.4f,lower\n", i % 1000, i, (i % 9973) / 10000.0
}' > "$dir/table.csv"
