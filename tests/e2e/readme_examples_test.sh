#!/usr/bin/env bash
# Every `build/release/evident ...` example in README.md's code blocks, run with the built binary
# from the source tree: each must exit as the table below documents, and never 2 or 3 (the example
# could not run, or crashed). What an example writes under out/ goes to a temporary directory.
#
#   tests/e2e/readme_examples_test.sh EVIDENT_BIN
set -uo pipefail
cd "$(dirname "$0")/../.."
evident=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset GITHUB_ACTIONS GITHUB_STEP_SUMMARY GITHUB_BASE_REF
mkdir -p "$work/out"

# The exit code each example documents. "0|1": the verdict depends on this host (doctor judges it);
# exit 1 is the point of the examples that show a failing check or gate.
declare -A expected=(
  ["build/release/evident check --config fixtures/check/regressed/evident.json --html out/regressed.html"]=1
  ["build/release/evident validate evidence/"]=0
  ["build/release/evident classify evidence/"]=0
  ["build/release/evident doctor --cpus 0 --runner-label self-hosted --runner-label isolated-benchmark"]="0|1"
  ["build/release/evident capture --cpus 0 --runs 10 --output out/sleep.json -- sleep 0.01"]=0
  ["build/release/evident import auto fixtures/import/googlebenchmark/repetitions.json --output out/gbench.json --force"]=0
  ["build/release/evident gate --baseline fixtures/gates/baseline.json --tolerances fixtures/gates/tolerances.json fixtures/gates/evidence-regressed.json"]=1
)

# Why capture cannot run here, or nothing: it pins to CPU 0 and locks it in /run/lock (docs/capture.md).
capture_blocker() {
  local allowed
  allowed=$(taskset -cp $$ 2>/dev/null | sed 's/.*: //')
  if [ -n "$allowed" ] && ! grep -Eq '(^|,)0(-|,|$)' <<<"$allowed"; then
    echo "CPU 0 is not in this process's CPU set ($allowed)"
  elif [ ! -w /run/lock ]; then
    echo "the lock directory /run/lock is not writable"
  fi
}

failures=0 examples=0
while IFS= read -r line; do
  examples=$((examples + 1))
  if [ -z "${expected[$line]+set}" ]; then
    echo "FAILED: no documented exit code in $0 for: $line"
    failures=$((failures + 1))
    continue
  fi
  read -ra words <<<"$line"
  args=()
  for word in "${words[@]:1}"; do
    case $word in out/*) args+=("$work/$word") ;; *) args+=("$word") ;; esac
  done
  if [ "${args[0]}" = capture ]; then
    blocker=$(capture_blocker)
    if [ -n "$blocker" ]; then
      echo "skipped: $line ($blocker)"
      continue
    fi
  fi
  timeout 120 "$evident" "${args[@]}" >"$work/stdout" 2>"$work/stderr"
  status=$?
  if [[ "|${expected[$line]}|" == *"|$status|"* ]]; then
    echo "ok: exit $status: $line"
  else
    echo "FAILED: exit $status, documented ${expected[$line]}: $line"
    sed 's/^/  | /' "$work/stderr" | head -20
    failures=$((failures + 1))
  fi
done < <(awk '/^```/ { block = !block; next } block && /^build\/release\/evident / { print }' README.md)

if [ "$examples" -eq 0 ]; then
  echo "FAILED: no build/release/evident example found in README.md"
  failures=1
fi
echo "$examples examples, $failures failed"
[ "$failures" -eq 0 ]
