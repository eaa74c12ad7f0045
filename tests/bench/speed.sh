#!/usr/bin/env bash
# Benchmark: evident's speed and peak memory beside the programs it is measured against, and the
# project's own speed evidence (docs/performance.md).
#
#   tests/bench/speed.sh [--runs R] [--tools DIR] [--memory-check] [--evident BIN] [--output FILE]
#                        [--hostname NAME] [--withhold-cmdline]
#
# In a scratch directory it generates: 10,000 evidence files (5 benchmarks x 3 metrics x 20 samples,
# indented, about 11 KB each, made from fixtures/evidence/valid/spec-example.json); a 1,000,000-row,
# 5-column CSV (about 37 MB) with its Table Schema; an evidence file of 10,000 metrics x 100 samples
# and a baseline written by `evident baseline` from an earlier run of it. Then, for each work item,
# one warm-up run of each side and R measured runs (default 3), alternating (A B A B A B):
#
#   validate  evident validate DIR               ajv validate (ajv-cli 5, ajv-formats) with
#                                                schemas/evidence.schema.json over DIR/*.json
#   csv       evident validate --schema T D.csv  tableschema-js casting every cell (forceCast)
#   gate      evident gate --baseline B E        jq merely reading the same two files (jq empty)
#   check     evident check over the 10,000      evident validate of the same files
#   cat       cat of the 10,000 files: the floor
#   startup   evident validate of one file: the cost of starting
#
# It prints, as a Markdown table, per work item the median wall time and peak RSS (/usr/bin/time -v)
# of each side and the ratio reference / evident (bigger = evident faster), then files per second
# per core and memory per file, and writes the figures as evidence (default evidence/speed.json).
# Every run must end as expected (everything valid; the gate may find regressions); otherwise the
# script stops, since a failing run measures nothing.
#
# --tools DIR      where ajv-cli, ajv-formats and tableschema are, or are installed with npm when
#                  they are missing (default: a fresh install into the scratch directory)
# --memory-check   also validates 100,000 files once and prints its peak next to the one for 10,000
#                  files (needs about 1.2 GB of scratch space); the run is limited to 4 GiB of address
#                  space beyond the worker stacks, so a peak that grows with the files stops there
# --hostname NAME  records NAME instead of the machine's host name, and --withhold-cmdline records
#                  the kernel command line as {"unreadable": "withheld by the operator"}, for
#                  evidence that is published.
#
# It does not pin or isolate anything, so the evidence it writes is honestly functional_non_isolated.
# No assertion on time here: `evident check` holds the evidence to evidence/budgets.json.
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=3 tools="" memory_check=false memory_failure="" evident=build/release/evident output=evidence/speed.json
hostname=$(cat /proc/sys/kernel/hostname) withhold_cmdline=false
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --tools) tools=$2; shift 2 ;;
    --memory-check) memory_check=true; shift ;;
    --evident) evident=$2; shift 2 ;;
    --output) output=$2; shift 2 ;;
    --hostname) hostname=$2; shift 2 ;;
    --withhold-cmdline) withhold_cmdline=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "--runs takes a positive integer" >&2; exit 2; }
[[ -x "$evident" ]] || { echo "build first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
for program in python3 node npm jq /usr/bin/time; do
  command -v "$program" >/dev/null || { echo "speed.sh needs $program" >&2; exit 2; }
done
evident=$(realpath "$evident")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tools=${tools:-$work/tools}

echo "== reference programs" >&2
if [[ ! -x "$tools/node_modules/.bin/ajv" || ! -d "$tools/node_modules/ajv-formats" || ! -d "$tools/node_modules/tableschema" ]]; then
  mkdir -p "$tools"
  npm install --silent --no-audit --no-fund --prefix "$tools" ajv-cli@5 ajv-formats tableschema >&2
fi
tools=$(realpath "$tools")
package_version() { node -p "require('$tools/node_modules/$1/package.json').version"; }
ajv_name="ajv-cli $(package_version ajv-cli) (ajv $(package_version ajv), ajv-formats $(package_version ajv-formats))"
tableschema_name="tableschema-js $(package_version tableschema)"
jq_name=$(jq --version)
# tableschema-js streams the table and casts every cell against its field, constraints included;
# a row that fails comes back as an Error instead of stopping the read (forceCast).
cat > "$work/tableschema.js" <<'JS'
const {Table} = require('tableschema');
(async () => {
  const table = await Table.load(process.argv[3], {schema: process.argv[2]});
  let rows = 0, errors = 0;
  for await (const row of await table.iter({forceCast: true})) {
    rows++;
    if (row instanceof Error) errors++;
  }
  console.log(`${rows} rows, ${errors} with errors`);
  process.exit(errors ? 1 : 0);
})().catch((error) => { console.error(error); process.exit(2); });
JS

echo "== corpora in a scratch directory" >&2
# COUNT evidence files into DIR (tests/bench/evidence_corpus.py: each its own samples and instant,
# the metadata of the spec example).
generate_corpus() {  # DIR COUNT
  python3 tests/bench/evidence_corpus.py "$2" "$1"
}
generate_corpus "$work/corpus" 10000
corpus_bytes=$(cat "$work"/corpus/*.json | wc -c)
cat > "$work/evident.json" <<'JSON'
{"schema_version": "evident/config/1", "evidence": ["corpus/*.json"]}
JSON

cat > "$work/table.json" <<'JSON'
{"fields": [
  {"name": "benchmark", "type": "string", "constraints": {"required": true, "pattern": "[a-z]+-[0-9]+", "maxLength": 64}},
  {"name": "metric", "type": "string", "constraints": {"required": true, "enum": ["wall_time", "throughput", "peak_rss"]}},
  {"name": "run", "type": "integer", "constraints": {"required": true, "minimum": 0}},
  {"name": "value", "type": "number", "constraints": {"required": true, "minimum": 0}},
  {"name": "unit", "type": "string", "constraints": {"required": true, "enum": ["s", "MiB/s", "bytes"]}}
]}
JSON
csv_rows=1000000
python3 - "$work/table.csv" "$csv_rows" <<'PY'
import random, sys
rng = random.Random(1)
metrics = (("wall_time", "s"), ("throughput", "MiB/s"), ("peak_rss", "bytes"))
with open(sys.argv[1], "w") as out:
    out.write("benchmark,metric,run,value,unit\n")
    for row in range(int(sys.argv[2])):
        metric, unit = metrics[row % 3]
        out.write(f"matmul-{row // 300 % 1000},{metric},{row % 100},{rng.uniform(0, 10):.6f},{unit}\n")
PY
csv_bytes=$(wc -c < "$work/table.csv")

# The gate's evidence (tests/bench/gate_evidence.sh): an old and a new run of BENCHMARKS x METRICS
# metrics with SAMPLES samples each, every metric of the new one slower, so the gate has regressions
# to find; the baseline is written below, timed.
gate_benchmarks=10 gate_metrics=1000 gate_samples=100
tests/bench/gate_evidence.sh "$work" "" "$gate_benchmarks" "$gate_metrics" "$gate_samples"
max_file_size=$((64 << 20))
start=$(date +%s%N)
"$evident" baseline --max-file-size "$max_file_size" "$work/gate-old.json" --output "$work/baseline.json" > /dev/null
echo "baseline of $((gate_benchmarks * gate_metrics)) metrics written by evident baseline in" \
  "$(awk -v ns=$(($(date +%s%N) - start)) 'BEGIN {printf "%.3f", ns / 1e9}') s (one run, not recorded)" >&2
gate_bytes=$(cat "$work/gate-new.json" "$work/baseline.json" | wc -c)

# One measured run: appends "ITEM SIDE SECONDS PEAK_BYTES" to $work/runs.tsv. The command's exit
# status must be one of ALLOWED (a comma-separated list); its output goes to OUT.
measure() {  # ITEM SIDE ALLOWED OUT CMD...
  local item=$1 side=$2 allowed=$3 out=$4 start end status=0 peak_kb
  shift 4
  start=$(date +%s%N)
  /usr/bin/time -v -o "$work/time.txt" "$@" > "$out" 2> "$work/stderr.txt" || status=$?
  end=$(date +%s%N)
  if [[ ",$allowed," != *",$status,"* ]]; then
    echo "$item/$side: exit $status, expected $allowed: $*" >&2
    tail -n 5 "$work/stderr.txt" >&2
    [[ "$out" == /dev/null ]] || tail -n 5 "$out" >&2
    return 1
  fi
  peak_kb=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$work/time.txt")
  echo "$item $side $(awk -v ns=$((end - start)) 'BEGIN {printf "%.6f", ns / 1e9}') $((peak_kb * 1024))" >> "$work/runs.tsv"
}
shown() { local line="$*"; ((${#line} <= 160)) && echo "$line" || echo "${line:0:160}..."; }  # a command, cut for a log line
# A warm-up run of each side (page cache; recorded as "warmup", left out of the figures), then R
# runs of each, alternating.
alternate() {  # ITEM -- evident side: ALLOWED OUT CMD... -- reference side: ALLOWED OUT CMD... (or nothing)
  local item=$1 run evident_side=() reference_side=()
  shift 2
  while [[ "$1" != -- ]]; do evident_side+=("$1"); shift; done
  shift
  reference_side=("$@")
  echo "== $item: $(shown "${evident_side[@]:2}")" >&2
  if ((${#reference_side[@]})); then echo "   beside: $(shown "${reference_side[@]:2}")" >&2; fi
  measure "$item" warmup "${evident_side[@]}"
  if ((${#reference_side[@]})); then measure "$item" warmup "${reference_side[@]}"; fi
  for ((run = 1; run <= runs; run++)); do
    measure "$item" evident "${evident_side[@]}"
    if ((${#reference_side[@]})); then measure "$item" reference "${reference_side[@]}"; fi
  done
}

loadavg() { awk '{printf "%s %s %s", $1, $2, $3}' /proc/loadavg; }
load_before=$(loadavg)
captured_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
: > "$work/runs.tsv"
alternate validate -- 0 "$work/out.txt" "$evident" validate "$work/corpus" \
  -- 0 "$work/ajv.txt" "$tools/node_modules/.bin/ajv" validate --spec=draft7 -c ajv-formats \
  -s schemas/evidence.schema.json -d "$work/corpus/*.json"
# ajv prints "FILE valid" for each file it validated; every file must be there.
valid=$(grep -c ' valid$' "$work/ajv.txt" || true)
((valid == 10000)) || { echo "ajv reported $valid of 10000 files valid" >&2; exit 1; }
alternate csv -- 0 "$work/out.txt" "$evident" validate --schema "$work/table.json" "$work/table.csv" \
  -- 0 "$work/tableschema.txt" env NODE_PATH="$tools/node_modules" node "$work/tableschema.js" \
  "$work/table.json" "$work/table.csv"
[[ "$(cat "$work/tableschema.txt")" == "$csv_rows rows, 0 with errors" ]] \
  || { echo "tableschema-js: $(cat "$work/tableschema.txt")" >&2; exit 1; }
alternate gate -- 0,1 "$work/out.txt" "$evident" gate --max-file-size "$max_file_size" \
  --baseline "$work/baseline.json" --relative 0.001 "$work/gate-new.json" \
  -- 0 /dev/null jq empty "$work/baseline.json" "$work/gate-new.json"
alternate check -- 0 "$work/out.txt" "$evident" check --config "$work/evident.json" \
  -- 0 "$work/out.txt" "$evident" validate "$work/corpus"
alternate cat -- 0 /dev/null cat "$work"/corpus/*.json --
alternate startup -- 0 "$work/out.txt" "$evident" validate "$work/corpus/run-0000.json" --
load_after=$(loadavg)

if $memory_check; then
  echo "== memory: 100,000 files" >&2
  generate_corpus "$work/corpus-100k" 100000
  # A guard for a shared machine: a peak that grows with the files stops at the limit instead of
  # taking the machine's memory. Worker stacks reserve 512 MiB of address space each.
  limit_kb=$(((4096 + 512 * $(nproc)) * 1024))
  if ! measure memory evident 0 "$work/out.txt" \
       bash -c 'ulimit -v "$1" && exec "$2" validate "$3"' limit "$limit_kb" "$evident" "$work/corpus-100k"; then
    memory_failure="validate of 100,000 files did not finish within $((limit_kb / 1024)) MiB of address space"
  fi
fi

EVIDENT_BIN=$evident RUNS=$runs OUTPUT=$output HOSTNAME_RECORDED=$hostname WITHHOLD_CMDLINE=$withhold_cmdline \
LOAD_BEFORE=$load_before LOAD_AFTER=$load_after CAPTURED_AT=$captured_at MEMORY_CHECK=$memory_check \
CORPUS_BYTES=$corpus_bytes CSV_ROWS=$csv_rows CSV_BYTES=$csv_bytes GATE_BYTES=$gate_bytes \
GATE_METRICS=$((gate_benchmarks * gate_metrics)) GATE_SAMPLES=$gate_samples \
AJV_NAME=$ajv_name TABLESCHEMA_NAME=$tableschema_name JQ_NAME=$jq_name \
  python3 - "$work/runs.tsv" <<'PY'
import errno, json, os, platform, statistics, subprocess, sys

env = os.environ
runs = {}  # (item, side) -> [(seconds, peak_bytes)]
for line in open(sys.argv[1]):
    item, side, seconds, peak = line.split()
    runs.setdefault((item, side), []).append((float(seconds), int(peak)))

corpus = f"the 10,000 files ({int(env['CORPUS_BYTES']) / 1e6:.0f} MB)"
items = [  # item, benchmark name, what evident does, what the reference is, parameters
    ("validate", "validate-10000-files", f"evident validate over {corpus}",
     (env["AJV_NAME"], "ajv validate --spec=draft7 -c ajv-formats -s schemas/evidence.schema.json -d 'DIR/*.json'"),
     {"files": 10000, "bytes": int(env["CORPUS_BYTES"])}),
    ("csv", f"csv-{env['CSV_ROWS']}-rows",
     f"evident validate --schema of a {int(env['CSV_ROWS']):,}-row, 5-column CSV ({int(env['CSV_BYTES']) / 1e6:.0f} MB)",
     (env["TABLESCHEMA_NAME"], "tableschema-js: Table.load, then every cell cast against its field (iter, forceCast)"),
     {"rows": int(env["CSV_ROWS"]), "bytes": int(env["CSV_BYTES"])}),
    ("gate", f"gate-{env['GATE_METRICS']}-metrics",
     f"evident gate in regression mode: {int(env['GATE_METRICS']):,} metrics x {env['GATE_SAMPLES']} samples against a baseline",
     (env["JQ_NAME"], "jq empty, merely reading the evidence and the baseline"),
     {"metrics": int(env["GATE_METRICS"]), "samples": int(env["GATE_SAMPLES"]), "bytes": int(env["GATE_BYTES"])}),
    ("check", "check-10000-files", f"evident check (validate and classify) over {corpus}",
     ("evident validate", "evident validate of the same files, which check should match"),
     {"files": 10000, "bytes": int(env["CORPUS_BYTES"])}),
    ("cat", "cat-10000-files", f"cat of {corpus}: the floor of reading the bytes", None,
     {"files": 10000, "bytes": int(env["CORPUS_BYTES"])}),
    ("startup", "validate-1-file", "evident validate of one of the files: the cost of starting", None, {"files": 1}),
]
if env["MEMORY_CHECK"] == "true":
    items.append(("memory", "validate-100000-files", "evident validate over 100,000 files (one run): peak memory",
                  None, {"files": 100000}))

mib = 1 << 20
median = statistics.median
print("| work | evident s | evident peak MiB | reference | reference s | reference peak MiB | ratio |")
print("|---|---:|---:|---|---:|---:|---:|")
benchmarks, medians = [], {}
for item, name, what, reference, parameters in items:
    measured = runs.get((item, "evident"))
    if not measured:
        continue
    seconds = [s for s, _ in measured]
    peaks = [p for _, p in measured]
    metrics = [
        {"name": "wall_time", "unit": "s", "better": "lower",
         "description": "Wall time of each measured run, from start to exit.", "samples": seconds},
        {"name": "peak_rss", "unit": "bytes", "better": "lower",
         "description": "Peak resident set size of each run (/usr/bin/time -v).", "samples": peaks},
    ]
    medians[item] = (median(seconds), median(peaks))
    row = f"| {name} | {median(seconds):.3f} | {median(peaks) / mib:.1f} |"
    other = runs.get((item, "reference"))
    if reference and other:
        other_seconds = [s for s, _ in other]
        other_peaks = [p for _, p in other]
        ratio = median(other_seconds) / median(seconds)
        metrics += [
            {"name": "reference_wall_time", "unit": "s", "better": "lower",
             "description": "Wall time of each run of the reference, alternating with evident's.",
             "samples": other_seconds},
            {"name": "reference_peak_rss", "unit": "bytes", "better": "lower",
             "description": "Peak resident set size of each run of the reference.", "samples": other_peaks},
            {"name": "ratio", "unit": "x", "better": "higher",
             "description": "The reference's median wall time divided by evident's: above 1, evident is faster.",
             "value": round(ratio, 4)},
        ]
        row += f" {reference[0]} | {median(other_seconds):.3f} | {median(other_peaks) / mib:.1f} | {ratio:.2f}x |"
        parameters = dict(parameters, reference=reference[0])
        what += f"; beside {reference[1]}"
    else:
        row += " | | | |"
    print(row)
    benchmarks.append({"name": name, "description": what, "parameters": parameters, "metrics": metrics})
print("\nratio: the reference's median wall time / evident's (bigger = evident faster)")

# Scale on paper (docs/performance.md): the work beyond starting, spread over the cores it ran on.
cores = len(os.sched_getaffinity(0))
if "validate" in medians and "startup" in medians:
    (seconds, peak), (start_seconds, start_peak) = medians["validate"], medians["startup"]
    rate = 10000 / max(seconds - start_seconds, 1e-9)
    print(f"validate: {rate:,.0f} files/s on {cores} cores, {rate / cores:,.0f} files/s per core (start-up left out)")
    print(f"validate: {(peak - start_peak) / mib:.1f} MiB above start-up: {(peak - start_peak) / 10000 / 1024:.1f} KiB "
          f"per file if all 10,000 are held, {(peak - start_peak) / cores / mib:.1f} MiB per file in flight if only "
          f"one per core is (--memory-check tells which)")
if "memory" in medians and "validate" in medians:
    print(f"peak of validate: {medians['validate'][1] / mib:.1f} MiB for 10,000 files, "
          f"{medians['memory'][1] / mib:.1f} MiB for 100,000")


def first_line(path):
    """The first line of a file, or the reading that failed as {"unreadable": reason}."""
    try:
        with open(path) as file:
            return file.readline().strip()
    except OSError as error:
        return {"unreadable": f"{errno.errorcode.get(error.errno, 'EIO')}: {path}"}


def cpu_model():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return {"unreadable": "no model name in /proc/cpuinfo"}


def cpu_entry(cpu):
    base = f"/sys/devices/system/cpu/cpu{cpu}/cpufreq"
    frequency = first_line(f"{base}/scaling_cur_freq")
    return {"id": cpu, "governor": first_line(f"{base}/scaling_governor"),
            "frequency_khz": int(frequency) if isinstance(frequency, str) else frequency}


def boost():
    reading = first_line("/sys/devices/system/cpu/cpufreq/boost")
    if isinstance(reading, str):
        return {"1": "enabled", "0": "disabled"}.get(reading, {"unreadable": f"unexpected value {reading!r}"})
    return reading


policies = {os.SCHED_OTHER: "SCHED_OTHER", os.SCHED_BATCH: "SCHED_BATCH", os.SCHED_IDLE: "SCHED_IDLE",
            os.SCHED_FIFO: "SCHED_FIFO", os.SCHED_RR: "SCHED_RR"}
hostname = env["HOSTNAME_RECORDED"]
commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
version = subprocess.run([env["EVIDENT_BIN"], "--version"], capture_output=True, text=True).stdout.split()[-1]
command = ["tests/bench/speed.sh", "--runs", env["RUNS"]] + (["--memory-check"] if env["MEMORY_CHECK"] == "true" else [])
evidence = {
    "schema_version": "evident/evidence/1",
    "suite": {"name": "evident", "profile": "dev", "version": version, **({"commit": commit} if commit else {})},
    "classification": "functional_non_isolated",
    "status": "passed",
    "captured_at": env["CAPTURED_AT"],
    "command": command,
    "producer": {"name": "tests/bench/speed.sh"},
    "host": {
        "hostname": hostname,
        "kernel": platform.release(),
        "kernel_cmdline": {"unreadable": "withheld by the operator"} if env["WITHHOLD_CMDLINE"] == "true"
                          else first_line("/proc/cmdline"),
        "cpu_model": cpu_model(),
        "logical_cpus": os.cpu_count(),
        "runner": {"name": hostname, "self_hosted": False, "labels": []},
        "affinity": sorted(os.sched_getaffinity(0)),
        "scheduler": {"policy": policies.get(os.sched_getscheduler(0), "SCHED_OTHER"),
                      "priority": os.sched_getparam(0).sched_priority},
        "cpus": [cpu_entry(cpu) for cpu in range(os.cpu_count())],
        "boost": boost(),
        "load_avg": {"before": [float(x) for x in env["LOAD_BEFORE"].split()],
                     "after": [float(x) for x in env["LOAD_AFTER"].split()]},
    },
    "benchmarks": benchmarks,
}


def dump(value, indent=0):
    """JSON with one line per member, and short objects and lists of numbers on one line."""
    inline = json.dumps(value)
    if not isinstance(value, (dict, list)) or len(inline) + indent <= 100 or \
            (isinstance(value, list) and all(isinstance(v, (int, float)) for v in value)):
        return inline
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        body = [f"{pad}{json.dumps(k)}: {dump(v, indent + 2)}" for k, v in value.items()]
        return "{\n" + ",\n".join(body) + "\n" + " " * indent + "}"
    return "[\n" + ",\n".join(pad + dump(v, indent + 2) for v in value) + "\n" + " " * indent + "]"


os.makedirs(os.path.dirname(env["OUTPUT"]) or ".", exist_ok=True)
with open(env["OUTPUT"], "w") as out:
    out.write(dump(evidence) + "\n")
print(f"wrote {env['OUTPUT']}", file=sys.stderr)
PY
if [[ -n "$memory_failure" ]]; then echo "$memory_failure"; fi
"$evident" validate "$output"
