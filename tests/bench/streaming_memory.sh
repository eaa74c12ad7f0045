#!/bin/sh
# Peak memory of the commands that read many files: generates N evidence files (default 10000;
# tests/bench/evidence_corpus.py, about 11 KB each) and prints the max RSS and wall time of
# `evident validate` and of `evident check` over them (no gate, and a budget gate), from
# /usr/bin/time -v. Run it with two sizes: the peak should not grow with N for validate.
#   tests/bench/streaming_memory.sh [EVIDENT] [N]
set -eu
evident=${1:-build/release/evident}
files=${2:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$(dirname "$0")/evidence_corpus.py" "$files" "$work/evidence"
cat > "$work/evident.json" <<'JSON'
{"schema_version": "evident/config/1", "evidence": ["evidence/*.json"]}
JSON
cat > "$work/gate.json" <<'JSON'
{"schema_version": "evident/config/1", "evidence": ["evidence/*.json"], "gate": {"mode": "budget", "budgets": "budgets.json"}}
JSON
cat > "$work/budgets.json" <<'JSON'
{"schema_version": "evident/budgets/1", "metrics": {"wall_time": {"max": 0.2}, "throughput": {"min": 10}}}
JSON
measure() {  # NAME ARGS...
  name=$1
  shift
  /usr/bin/time -v "$evident" "$@" > "$work/out" 2> "$work/time" || true
  rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")
  echo "$name, $files files: max RSS $((rss_kb / 1024)) MiB, wall $wall"
}
measure validate validate "$work/evidence"
measure check check --config "$work/evident.json"
measure "check (budget gate)" check --config "$work/gate.json"
