#!/bin/sh
# Speed of the commands that read many evidence files (tests/bench/evidence_corpus.py, about 11 KB
# each), for one or more binaries: `check` over 10,000 files (validate and classify, text output, no
# gate) beside `validate` of the same files, `classify` over 10,000 files, `baseline` from 1,000 and
# `rolling` over a history of 2,000. Runs each binary RUNS times per command, alternating, and prints
# a Markdown table of the median wall time, the median CPU time (user + sys) and the largest maximum
# RSS (/usr/bin/time). Every binary must print the same bytes (and write the same baseline) and exit
# alike, or the script stops: a faster command that says something else measures nothing.
#   RUNS=5 tests/bench/loader_speed.sh EVIDENT...   (default: 3 runs; several binaries: before/after)
set -eu
[ $# -gt 0 ] || { echo "usage: [RUNS=N] loader_speed.sh EVIDENT..." >&2; exit 2; }
runs=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus="$(dirname "$0")/evidence_corpus.py"
python3 "$corpus" 10000 "$work/runs" > /dev/null
python3 "$corpus" 2000 "$work/history" > /dev/null
python3 "$corpus" 1000 "$work/pool" > /dev/null
cat > "$work/evident.json" <<'JSON'
{"schema_version": "evident/config/1", "evidence": ["runs/*.json"]}
JSON
binaries=""
for evident in "$@"; do binaries="$binaries $(realpath "$evident")"; done
all=$binaries
first=$(echo $binaries | cut -d' ' -f1)
cd "$work"
# KEY CMD...: one timed run, appending "MICROSECONDS USER SYS MAXRSS_KB" to times.KEY; the output
# (and the baseline written, if any) to out.KEY, the exit status to status.KEY.
timed() {
  key=$1
  shift
  rm -f baseline.json
  start=$(date +%s%N)
  status=0
  /usr/bin/time -f "%U %S %M" -o time "$@" > "out.$key" 2> "err.$key" || status=$?
  echo "$((($(date +%s%N) - start) / 1000)) $(tail -n 1 time)" >> "times.$key"
  [ ! -f baseline.json ] || cat baseline.json >> "out.$key"
  echo "$status" > "status.$key"
  [ "$status" -eq 0 ] || { cat "err.$key" >&2; exit 1; }
}
# ITEM ARGS...: every binary RUNS times, alternating, each saying what the first says.
measure() {
  item=$1
  shift
  i=0
  while [ "$i" -lt "$runs" ]; do
    n=0
    for evident in $binaries; do
      n=$((n + 1))
      timed "$item.$n" "$evident" "$@"
      if [ "$n" -gt 1 ]; then
        cmp -s "out.$item.1" "out.$item.$n" && cmp -s "err.$item.1" "err.$item.$n" \
          || { echo "$evident says something else than $first in $item" >&2; exit 1; }
      fi
    done
    i=$((i + 1))
  done
}
measure check check --config evident.json
measure classify classify runs
measure baseline baseline pool --output baseline.json
measure rolling rolling history
binaries=$first
measure validate validate runs  # the reference of check: the first binary alone
echo "| command | binary | median wall s | median CPU s | max RSS MiB |"
echo "|---|---|---:|---:|---:|"
for item in check validate classify baseline rolling; do
  n=0
  for evident in $all; do
    n=$((n + 1))
    [ -f "times.$item.$n" ] || continue
    awk -v item="$item" -v name="$evident" '
      function median(values, count,   i, j, swap) {
        for (i = 2; i <= count; i++)
          for (j = i; j > 1 && values[j - 1] > values[j]; j--) { swap = values[j]; values[j] = values[j - 1]; values[j - 1] = swap }
        return values[int((count + 1) / 2)]
      }
      { count++; wall[count] = $1 / 1e6; cpu[count] = $2 + $3; if ($4 > peak) peak = $4 }
      END { printf "| %s | %s | %.3f | %.3f | %.1f |\n", item, name, median(wall, count), median(cpu, count), peak / 1024 }
    ' "times.$item.$n"
  done
done
