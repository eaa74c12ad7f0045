#!/usr/bin/env bash
# evident export through the real binary, read back two ways: by evident's own importers (bmf,
# gab-smaller and gab-bigger) and `validate --pair` (csv), and by an independent reader of the
# written files (python3's json and csv) against the evidence read by python3. Every number, name,
# unit and direction must survive; what Bencher Metric Format cannot carry is said.
#
#   tests/e2e/export_roundtrip_test.sh EVIDENT_BIN
set -uo pipefail
cd "$(dirname "$0")/../.."
evident=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset GITHUB_ACTIONS GITHUB_STEP_SUMMARY
command -v python3 >/dev/null || { echo "python3 is needed to read the exports independently"; exit 77; }
failures=0
check() {  # DESCRIPTION CONDITION...
  local description=$1
  shift
  if "$@"; then echo "ok: $description"; else echo "FAILED: $description"; failures=$((failures + 1)); fi
}

# compare.py MODE EVIDENCE OUTPUT...: the evidence's metrics against what was exported or imported back.
cat >"$work/compare.py" <<'PY'
import csv, json, statistics, sys

mode, evidence_path, *outputs = sys.argv[1:]
evidence = json.load(open(evidence_path))
suite = evidence["suite"]["name"]
metrics = [(b["name"], m) for b in evidence["benchmarks"] for m in b["metrics"]]
problems = []

def representative(metric):
    return metric["value"] if "value" in metric else statistics.median(metric["samples"])

def expect(what, got, wanted):
    if got != wanted or type(got) is not type(wanted) and not (isinstance(got, (int, float)) and isinstance(wanted, (int, float))):
        problems.append(f"{what}: got {got!r}, expected {wanted!r}")

def imported_metrics(paths):
    found = {}
    for path in paths:
        document = json.load(open(path))
        expect(f"{path} suite", document["suite"]["name"], suite)
        for benchmark in document["benchmarks"]:
            for metric in benchmark["metrics"]:
                found[(benchmark["name"], metric["name"])] = metric
    return found

if mode == "bmf-file":  # the BMF document itself
    document = json.load(open(outputs[0]))
    expect("benchmarks", list(document), list(dict.fromkeys(name for name, _ in metrics)))
    for name, metric in metrics:
        measure = document[name][metric["name"]]
        expect(f"{name}/{metric['name']} value", measure["value"], representative(metric))
        if metric.get("samples"):
            expect(f"{name}/{metric['name']} lower_value", measure["lower_value"], min(metric["samples"]))
            expect(f"{name}/{metric['name']} upper_value", measure["upper_value"], max(metric["samples"]))
elif mode in ("bmf-import", "bmf-import-units"):  # imported back with `import bmf --suite SUITE`
    found = imported_metrics(outputs)
    expect("metric count", len(found), len(metrics))
    for name, metric in metrics:
        back = found.get((name, metric["name"]))
        if back is None:
            problems.append(f"{name}/{metric['name']} is not in the import"); continue
        expect(f"{name}/{metric['name']} value", back["value"], representative(metric))
        if mode == "bmf-import-units":
            expect(f"{name}/{metric['name']} unit", back["unit"], metric["unit"])
            expect(f"{name}/{metric['name']} better", back["better"], metric["better"])
elif mode == "gab-files":  # the two files of github-action-benchmark
    entries = {}
    for path in outputs:
        better = "lower" if path.endswith("customSmallerIsBetter.json") else "higher"
        for entry in json.load(open(path)):
            entries[entry["name"]] = (entry, better)
    expect("entry count", len(entries), len(metrics))
    for name, metric in metrics:
        key = name if metric["name"] == "value" else name + "/" + metric["name"]
        entry, better = entries[key]
        expect(f"{key} unit", entry["unit"], metric["unit"])
        expect(f"{key} file", better, metric["better"])
        expect(f"{key} value", entry["value"], representative(metric))
elif mode == "gab-import":  # imported back with gab-smaller and gab-bigger
    found = imported_metrics(outputs)
    expect("metric count", len(found), len(metrics))
    for name, metric in metrics:
        key = name if metric["name"] == "value" else name + ":" + metric["name"]
        back = found.get((key, "value"))
        if back is None:
            problems.append(f"{key} is not in the import"); continue
        expect(f"{key} unit", back["unit"], metric["unit"])
        expect(f"{key} better", back["better"], metric["better"])
        expect(f"{key} value", back["value"], representative(metric))
elif mode == "csv":  # the CSV summary, read by python's csv module
    rows = list(csv.DictReader(open(outputs[0], newline="")))
    wanted = []
    for name, metric in metrics:
        values = metric.get("samples") or [metric["value"]]
        for run, value in enumerate(values):
            wanted.append((suite, name, metric["name"], metric["unit"], metric["better"], run, value))
    got = [(r["suite"], r["benchmark"], r["metric"], r["unit"], r["better"], int(r["run"]), float(r["value"])) for r in rows]
    expect("rows", got, [w[:6] + (float(w[6]),) for w in wanted])
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
PY
compare() { python3 "$work/compare.py" "$@"; }

at=(--captured-at 2026-11-22T12:00:00Z)

suite_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["suite"]["name"])' "$1"; }

# bmf: the document, then `import bmf` of it. (both-directions.json and many-benchmarks.json name a
# metric "throughput" in MB/s, which Bencher's measure of that name is not: export.bmf_measure.)
for fixture in fixtures/export/bencher-measures.json fixtures/evidence/valid/spec-example.json \
  fixtures/evidence/valid/leap-day.json fixtures/evidence/valid/hostile-names.json; do
  name=$(basename "$fixture" .json)
  suite=$(suite_of "$fixture")
  "$evident" export bmf "$fixture" -o "$work/$name.bmf.json" >"$work/out" 2>&1
  check "$name: export bmf exits 0" test $? -eq 0
  check "$name: bmf holds every metric's number" compare bmf-file "$fixture" "$work/$name.bmf.json"
  "$evident" import bmf "$work/$name.bmf.json" --suite "$suite" "${at[@]}" -o "$work/$name.bmf-back.json" >/dev/null 2>&1
  check "$name: import bmf reads the export" test $? -eq 0
  check "$name: and gets back every name and number" compare bmf-import "$fixture" "$work/$name.bmf-back.json"
done

for fixture in fixtures/export/both-directions.json fixtures/evidence/valid/many-benchmarks.json \
  fixtures/evidence/valid/spec-example.json fixtures/export/bencher-measures.json \
  fixtures/evidence/valid/hostile-names.json; do
  name=$(basename "$fixture" .json)
  suite=$(suite_of "$fixture")

  # gab: one file per direction, each imported with its direction.
  mkdir -p "$work/$name.gab"
  "$evident" export gab "$fixture" -o "$work/$name.gab" >"$work/out" 2>&1
  check "$name: export gab exits 0" test $? -eq 0
  gab_files=() imports=()
  for file in customSmallerIsBetter customBiggerIsBetter; do
    [ -f "$work/$name.gab/$file.json" ] || continue
    gab_files+=("$work/$name.gab/$file.json")
    format=gab-smaller
    [ "$file" = customBiggerIsBetter ] && format=gab-bigger
    "$evident" import "$format" "$work/$name.gab/$file.json" --suite "$suite" "${at[@]}" \
      -o "$work/$name.$format.json" >/dev/null 2>&1
    check "$name: import $format reads $file.json" test $? -eq 0
    imports+=("$work/$name.$format.json")
  done
  check "$name: gab files hold every metric in the file of its direction" compare gab-files "$fixture" "${gab_files[@]}"
  check "$name: imported back, every name, unit, direction and number" compare gab-import "$fixture" "${imports[@]}"
done

# Bencher's own measures keep their unit and direction through bmf as well.
check "bencher-measures: units and directions come back from import bmf" \
  compare bmf-import-units fixtures/export/bencher-measures.json "$work/bencher-measures.bmf-back.json"
"$evident" export bmf fixtures/evidence/valid/spec-example.json >"$work/spec.bmf.json" 2>"$work/err"
check "a metric of no Bencher measure is warned about (export.bmf_no_unit)" grep -q "warning\[export.bmf_no_unit\]" "$work/err"

# csv: `validate --pair` agrees with the evidence, and python reads every sample exactly.
for fixture in fixtures/export/both-directions.json fixtures/evidence/valid/many-benchmarks.json \
  fixtures/evidence/valid/spec-example.json fixtures/export/bencher-measures.json fixtures/pair/run.json; do
  name=$(basename "$fixture" .json)
  "$evident" export csv "$fixture" -o "$work/$name.csv" >/dev/null 2>&1
  check "$name: export csv exits 0" test $? -eq 0
  "$evident" validate --pair "$fixture" "$work/$name.csv" >"$work/pair" 2>&1
  check "$name: validate --pair agrees with the evidence" test $? -eq 0
  check "$name: every row, read by python's csv" compare csv "$fixture" "$work/$name.csv"
done

# The importers' own fixtures, imported then exported, give their numbers back as the tool wrote them.
"$evident" import gab-smaller fixtures/import/github-action-benchmark/smaller.json "${at[@]}" -o "$work/gab.json" >/dev/null 2>&1
mkdir -p "$work/gab-again"
"$evident" export gab "$work/gab.json" -o "$work/gab-again" >/dev/null 2>&1
check "gab fixture: imported and exported, each entry's name, unit and value as written" python3 -c '
import json, sys
a = [(e["name"], e["unit"], e["value"]) for e in json.load(open(sys.argv[1]))]
b = [(e["name"], e["unit"], e["value"]) for e in json.load(open(sys.argv[2]))]
sys.exit(a != b)' fixtures/import/github-action-benchmark/smaller.json "$work/gab-again/customSmallerIsBetter.json"
"$evident" import bmf fixtures/import/bmf/latency-size-throughput.json "${at[@]}" -o "$work/bmf.json" >/dev/null 2>&1
"$evident" export bmf "$work/bmf.json" -o "$work/bmf-again.json" >/dev/null 2>&1
check "bmf fixture: imported and exported, every benchmark, measure and value as written" python3 -c '
import json, sys
a = {b: {m: v["value"] for m, v in ms.items()} for b, ms in json.load(open(sys.argv[1])).items()}
b = {b: {m: v["value"] for m, v in ms.items()} for b, ms in json.load(open(sys.argv[2])).items()}
sys.exit(a != b)' fixtures/import/bmf/latency-size-throughput.json "$work/bmf-again.json"

# A file left from an earlier export of the other direction is removed, not sent on.
mkdir -p "$work/stale"
"$evident" export gab fixtures/export/both-directions.json -o "$work/stale" >/dev/null 2>&1
"$evident" export gab fixtures/evidence/valid/spec-example.json -o "$work/stale" >/dev/null 2>&1
check "gab refuses to replace files without --force (exit 2)" test $? -eq 2
"$evident" export gab fixtures/evidence/valid/spec-example.json -o "$work/stale" --force >"$work/out" 2>&1
check "with --force it writes" test $? -eq 0
check "and removes the other direction's file" test ! -e "$work/stale/customBiggerIsBetter.json"
check "saying so" grep -q "customBiggerIsBetter.json: removed" "$work/out"

# Same inputs, same bytes.
"$evident" export csv fixtures/evidence/valid/many-benchmarks.json fixtures/export/other-suite.json >"$work/a.csv" 2>/dev/null
"$evident" export csv fixtures/export/other-suite.json fixtures/evidence/valid/many-benchmarks.json >"$work/b.csv" 2>/dev/null
check "csv of two suites is the same bytes whatever the order of the arguments" cmp -s "$work/a.csv" "$work/b.csv"

# import without a time of its own: the file's modification time, with a warning that says so.
cp fixtures/import/hyperfine/two-commands.json "$work/hyperfine.json"
touch -d 2026-11-22T08:30:00Z "$work/hyperfine.json"
"$evident" import hyperfine "$work/hyperfine.json" -o "$work/mtime.json" >"$work/out" 2>&1
check "import with neither --captured-at nor a time in the output exits 0" test $? -eq 0
check "captured_at is the file's modification time" grep -q '"captured_at": "2026-11-22T08:30:00Z"' "$work/mtime.json"
check "with the warning import.time_from_mtime" \
  grep -qF "$work/hyperfine.json: warning[import.time_from_mtime]: captured_at is 2026-11-22T08:30:00Z, the file's modification time" "$work/out"
check "whose hint says how to pass the run's time" grep -qF 'hint: pass the run'"'"'s time: --captured-at "$(date -u +%FT%TZ)"' "$work/out"
"$evident" import hyperfine "$work/hyperfine.json" --captured-at 2026-11-22T07:00:00Z -o "$work/given.json" >"$work/out" 2>&1
check "with --captured-at there is no such warning" bash -c "! grep -q time_from_mtime '$work/out'"
"$evident" import googlebenchmark fixtures/import/googlebenchmark/repetitions.json -o "$work/own.json" >"$work/out" 2>&1
check "nor when the output records its time" bash -c "! grep -q time_from_mtime '$work/out'"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
