#!/usr/bin/env bash
# Each importer's real fixture through the real binary: import, then validate, classify, gate
# against budgets (passing and breached), and baseline plus a regression gate; and a snapshot of an
# isolated host merged in earns isolated_affinity.
#
#   tests/e2e/import_roundtrip_test.sh EVIDENT_BIN
set -uo pipefail
cd "$(dirname "$0")/../.."
evident=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset GITHUB_ACTIONS GITHUB_STEP_SUMMARY GITHUB_BASE_REF
failures=0
check() {  # DESCRIPTION CONDITION...
  local description=$1
  shift
  if "$@"; then echo "ok: $description"; else echo "FAILED: $description"; failures=$((failures + 1)); fi
}

# format, fixture, a metric id of it, and a budget that metric breaches
roundtrip() {
  local format=$1 input=$2 metric=$3 breached=$4 unit=$5
  local out="$work/$format.json"
  "$evident" import "$format" "$input" --captured-at 2026-11-22T12:00:00Z --output "$out" >"$work/import" 2>&1
  check "$format: import exits 0" test $? -eq 0
  check "$format: it names what it wrote" grep -q "^$out: " "$work/import"
  "$evident" validate "$out" >"$work/validate" 2>&1
  check "$format: validate accepts the evidence" test $? -eq 0
  "$evident" classify "$out" >"$work/classify" 2>&1
  check "$format: classify agrees with the claim" \
    grep -q "claimed functional_non_isolated, derived functional_non_isolated" "$work/classify"
  check "$format: and says why it is not isolated" grep -q "runner.missing" "$work/classify"
  "$evident" gate --budgets "fixtures/import/budgets/$format.json" "$out" >"$work/gate" 2>&1
  check "$format: the committed budgets pass" test $? -eq 0
  printf '{"schema_version": "evident/budgets/1", "metrics": {"%s": {%s, "unit": "%s"}}}\n' \
    "$metric" "$breached" "$unit" >"$work/tight.json"
  "$evident" gate --budgets "$work/tight.json" "$out" >"$work/gate" 2>&1
  check "$format: a tighter budget fails (exit 1)" test $? -eq 1
  check "$format: naming the metric" grep -qF "$metric" "$work/gate"
  "$evident" baseline --output "$work/$format.baseline.json" "$out" >/dev/null 2>&1
  check "$format: a baseline is written from it" test -s "$work/$format.baseline.json"
  "$evident" gate --baseline "$work/$format.baseline.json" --relative 0.05 "$out" >"$work/gate" 2>&1
  check "$format: and the same evidence passes against it" test $? -eq 0
}

roundtrip googlebenchmark fixtures/import/googlebenchmark/repetitions.json \
  "bench/BM_StringCopy/real_time" '"max": 10, "stat": "median"' ns
roundtrip hyperfine fixtures/import/hyperfine/two-commands.json \
  "hyperfine/sleep 0.02/wall_time" '"max": 0.015, "stat": "median"' s
roundtrip gotest fixtures/import/gotest/benchmem-count3.txt \
  "bench/BenchmarkCopy:size=64/MB_per_s" '"min": 30000, "stat": "median"' MB/s
roundtrip pytest-benchmark fixtures/import/pytest-benchmark/json-with-data.json \
  "project/test_bench.py::test_json_dumps/time" '"max": 0.000001, "stat": "median"' s
roundtrip benchmarkjs fixtures/import/benchmarkjs/string-search.txt \
  "benchmarkjs/String#indexOf/ops_per_sec" '"min": 100000000' ops/s
roundtrip vitest fixtures/import/vitest/describe-groups.json \
  "vitest/sort.bench.js > sort > copy and sort/mean" '"max": 0.001' ms
roundtrip tinybench fixtures/import/tinybench/retain-samples.json \
  "tinybench/sort 1000/latency" '"max": 0.01, "stat": "median"' ms
roundtrip bmf fixtures/import/bmf/latency-size-throughput.json \
  "bmf/gzip 180kB/latency" '"max": 1000' ns
roundtrip gab-smaller fixtures/import/github-action-benchmark/smaller.json \
  "gab-smaller/gzip 180kB/value" '"max": 0.001' ms
roundtrip jmh fixtures/import/jmh/modes-params-gc.json \
  "jmh/org.example.StringBench.concat:avgt:length=16,kind=ascii/score" '"max": 20, "stat": "median"' ns/op
# Catch2, go test -json, Criterion.rs and Rust libtest.
roundtrip catch2 fixtures/import/catch2/plain.xml "bench/Fibonacci:fib 10/mean" '"max": 40' ns
roundtrip gotest-json fixtures/import/gotest-json/benchmem-count2.json \
  "bench/BenchmarkCopy:size=64/MB_per_s" '"min": 30000, "stat": "median"' MB/s
roundtrip criterion fixtures/import/criterion/console.txt "criterion/fib 20/time" '"max": 1000' ns
roundtrip libtest fixtures/import/libtest/filtered-pass.txt "libtest/strings::join_three/ns_per_iter" '"max": 10' ns
# BenchmarkDotNet, the Catch2 console table and Criterion.rs's JSON files (a directory).
roundtrip benchmarkdotnet fixtures/import/benchmarkdotnet/params-memory.json \
  "benchmarkdotnet/StringBench.Concat: DefaultJob [Count=16]/time" '"max": 50, "stat": "median"' ns
roundtrip catch2-console fixtures/import/catch2-console/plain.txt "catch2-console/Fibonacci:fib 10/mean" '"max": 40' ns
roundtrip criterion-json fixtures/import/criterion-json/criterion "criterion-json/fib 20/time" \
  '"max": 1000, "stat": "median"' ns

# A failed benchmark is evidence too: written, status failed, exit 1.
"$evident" import gotest fixtures/import/gotest/multi-package-fail.txt --captured-at 2026-11-22T12:00:00Z \
  --output "$work/failed.json" >/dev/null 2>&1
check "a failed go benchmark exits 1" test $? -eq 1
check "and is written with status failed" grep -q '"status": "failed"' "$work/failed.json"
"$evident" validate "$work/failed.json" >/dev/null 2>&1
check "which validate accepts" test $? -eq 0

# The host snapshot of an isolated host, taken around the run, earns the isolated class honestly.
"$evident" import hyperfine fixtures/import/hyperfine/two-commands.json --captured-at 2026-11-22T12:00:00Z \
  --merge-host fixtures/import/snapshots/isolated-bench-01.json --output "$work/isolated.json" >"$work/import" 2>&1
check "--merge-host: import exits 0" test $? -eq 0
check "--merge-host: it says isolated_affinity" grep -q "isolated_affinity$" "$work/import"
"$evident" classify "$work/isolated.json" >"$work/classify" 2>&1
check "--merge-host: classify derives isolated_affinity" \
  grep -q "claimed isolated_affinity, derived isolated_affinity" "$work/classify"
"$evident" import hyperfine fixtures/import/hyperfine/two-commands.json --captured-at 2026-11-22T12:00:00Z \
  --merge-host fixtures/import/snapshots/vm.json --output "$work/vm.json" >"$work/import" 2>&1
check "--merge-host: a snapshot with blockers still gives functional_non_isolated" \
  grep -q "functional_non_isolated (runner.not_self_hosted" "$work/import"

# Without --output the evidence is the only thing on stdout.
"$evident" import auto fixtures/import/pytest-benchmark/autosave-no-data.json --captured-at 2026-11-22T12:00:00Z \
  >"$work/stdout.json" 2>"$work/stderr"
check "to stdout: exit 0" test $? -eq 0
"$evident" validate "$work/stdout.json" >/dev/null 2>&1
check "to stdout: the output is valid evidence" test $? -eq 0
check "to stdout: the detected format is said on stderr" grep -q "detected pytest-benchmark output" "$work/stderr"

# The same input gives the same bytes.
"$evident" import googlebenchmark fixtures/import/googlebenchmark/names.json >"$work/a.json" 2>/dev/null
"$evident" import googlebenchmark fixtures/import/googlebenchmark/names.json >"$work/b.json" 2>/dev/null
check "the same input gives the same bytes" cmp -s "$work/a.json" "$work/b.json"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
