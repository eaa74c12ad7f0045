#!/usr/bin/env bash
# evident capture through the real binary: a capture that validate and classify accept, a failed
# run kept with exit 1, and signals (Ctrl-C, a kill) that leave no file at the output path.
#
#   tests/e2e/capture_binary_test.sh EVIDENT_BIN
set -uo pipefail
cd "$(dirname "$0")/../.."
evident=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset GITHUB_ACTIONS GITHUB_STEP_SUMMARY
export TMPDIR=$work  # where a killed capture leaves its private directory
failures=0
check() {  # DESCRIPTION CONDITION...
  local description=$1
  shift
  if "$@"; then echo "ok: $description"; else echo "FAILED: $description"; failures=$((failures + 1)); fi
}
capture() { "$evident" capture --root fixtures/hosts/vm-no-cpufreq --cpus 0 --lock-dir "$work" "$@"; }

capture --runs 3 --warmup 1 --output "$work/ok.json" -- true >"$work/out" 2>&1
check "a capture exits 0" test $? -eq 0
check "it says how it classified" grep -q "classified functional_non_isolated" "$work/out"
"$evident" validate "$work/ok.json" >/dev/null
check "validate accepts the evidence" test $? -eq 0
"$evident" classify "$work/ok.json" >"$work/classify" 2>&1
check "classify agrees with the claim" grep -q "claimed functional_non_isolated, derived functional_non_isolated" "$work/classify"
check "the reason is the missing cpufreq" grep -q "governor.unreadable" "$work/classify"

capture --runs 2 --output "$work/failed.json" -- sh -c 'exit 4' >/dev/null 2>"$work/err"
check "a failed run exits 1" test $? -eq 1
check "and is kept in the evidence" grep -q '"exit_code": 4' "$work/failed.json"
check "with status failed" grep -q '"status": "failed"' "$work/failed.json"

timeout --preserve-status -s INT 0.5 "$evident" capture --root fixtures/hosts/vm-no-cpufreq --cpus 0 --lock-dir "$work" \
  --runs 1 --output "$work/interrupted.json" -- sleep 10 >/dev/null 2>"$work/err"
check "Ctrl-C exits 2" test $? -eq 2
check "saying nothing was written" grep -q "interrupted; nothing written" "$work/err"
check "and nothing is at the output" test ! -e "$work/interrupted.json"

{ timeout -s KILL 0.5 "$evident" capture --root fixtures/hosts/vm-no-cpufreq --cpus 0 --lock-dir "$work" \
  --runs 1 --output "$work/killed.json" -- sleep 3 >/dev/null 2>&1; } 2>/dev/null
check "a killed capture leaves no file at the output" test ! -e "$work/killed.json"

"$evident" capture --root fixtures/hosts/vm-no-cpufreq --cpus 0 --lock-dir "$work" --runs 1 \
  --output "$work/ok.json" -- true >/dev/null 2>"$work/err"
check "an existing output is refused (exit 2)" test $? -eq 2
check "with its reason" grep -q "exists; pass --force to replace it" "$work/err"

capture --runs 1 --timeout 0.2 --cleanup "pwd > $work/cleaned" --output "$work/timeout.json" -- sleep 5 \
  >/dev/null 2>"$work/err"
check "a timed-out run exits 1" test $? -eq 1
check "and is recorded as timed out" grep -q '"timed_out": true' "$work/timeout.json"
check "the cleanup ran after the failure, in the private directory" grep -q "evident-capture-" "$work/cleaned"

capture --runs 1 --output "$work/missing.json" -- no-such-benchmark-command >/dev/null 2>"$work/err"
check "a command that cannot start exits 2" test $? -eq 2
check "and writes nothing" test ! -e "$work/missing.json"

if command -v flock >/dev/null; then
  flock "$work/evident-cpu-0.lock" sleep 2 &
  holder=$!
  sleep 0.3
  capture --runs 1 --no-wait --output "$work/busy.json" -- true >/dev/null 2>"$work/err"
  check "a CPU held by another capture is refused with --no-wait (exit 2)" test $? -eq 2
  check "naming the CPU" grep -q "CPU 0 is in use by another capture" "$work/err"
  capture --runs 1 --output "$work/queued.json" -- true >/dev/null 2>"$work/err"
  check "without --no-wait the capture waits its turn" test $? -eq 0
  check "and says so" grep -q "waiting for CPU 0" "$work/err"
  wait "$holder"
fi

# Another process busy on the benchmark CPU (a fake /proc): recorded by pid and name; its command
# line, with the password it carries, only with --record-command-lines.
jobs_of() { python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["host"]["concurrent_jobs"], sort_keys=True))' "$1"; }
"$evident" capture --root fixtures/hosts/busy-secret --cpus 0 --lock-dir "$work" --runs 1 --output "$work/secret.json" \
  -- true >"$work/out" 2>&1
check "a capture beside a busy process exits 0" test $? -eq 0
check "it records the process by pid and name" test "$(jobs_of "$work/secret.json")" = \
  '[{"comm": "psql", "cpu_share": 0.0, "cpus": [0], "pid": 5150}]'
check "and not its arguments" test "$(grep -c 's3cret' "$work/secret.json" "$work/out" | grep -vc ':0$')" = 0
check "the finding names it" grep -q 'because concurrent_jobs.present: process 5150 ("psql") was busy' "$work/out"
"$evident" validate "$work/secret.json" >/dev/null
check "validate accepts it" test $? -eq 0
"$evident" capture --root fixtures/hosts/busy-secret --cpus 0 --lock-dir "$work" --runs 1 --record-command-lines \
  --output "$work/secret-lines.json" -- true >/dev/null 2>&1
check "with --record-command-lines the command line is recorded" test "$(jobs_of "$work/secret-lines.json")" = \
  '[{"comm": "psql", "command": "psql postgresql://bench:s3cret-token@db.internal/results -c select 1", "cpu_share": 0.0, "cpus": [0], "pid": 5150}]'

# This machine itself: a build VM has no cpufreq, and that is honestly not isolated.
"$evident" capture --cpus 0 --runs 2 --lock-dir "$work" --output "$work/here.json" -- true >"$work/out" 2>&1
check "a capture on this machine exits 0" test $? -eq 0
if [[ ! -e /sys/devices/system/cpu/cpu0/cpufreq ]]; then
  check "without cpufreq it is functional_non_isolated" grep -q "classified functional_non_isolated" "$work/out"
  check "because the governor is unreadable" grep -q "because governor.unreadable" "$work/out"
fi

((failures == 0)) && echo "all capture cases passed"
exit $((failures > 0))
