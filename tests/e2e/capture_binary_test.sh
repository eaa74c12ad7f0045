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
unset GITHUB_ACTIONS GITHUB_STEP_SUMMARY GITHUB_BASE_REF
export TMPDIR=$work  # where a killed capture leaves its private directory
failures=0
check() {  # DESCRIPTION CONDITION...
  local description=$1
  shift
  if "$@"; then echo "ok: $description"; else echo "FAILED: $description"; failures=$((failures + 1)); fi
}
# The pids of the processes of GROUP that have not ended (zombies excluded).
group_members() {
  local stat line fields
  for stat in /proc/[0-9]*/stat; do
    { read -r line <"$stat"; } 2>/dev/null || continue
    read -ra fields <<<"${line##*) }"
    if [[ ${fields[2]} == "$1" && ${fields[0]} != Z ]]; then echo "${stat//[^0-9]/}"; fi
  done
}
# Waits up to 5 s for GROUP to have no member left; true when it has none.
group_gone() {
  local _
  for _ in $(seq 100); do
    [[ -z $(group_members "$1") ]] && return 0
    sleep 0.05
  done
  return 1
}
# Waits up to 5 s for FILE to hold a line; prints it.
first_line() {
  local _ line
  for _ in $(seq 100); do
    { read -r line <"$1"; } 2>/dev/null && [[ -n $line ]] && echo "$line" && return 0
    sleep 0.05
  done
  return 1
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

# The benchmark never outlives its capture. It prints its pid, its process group, and starts a
# process in the background beside the one it waits for.
background='echo $$; sleep 300 & sleep 301; wait'
for signal in KILL TERM INT; do
  "$evident" capture --root fixtures/hosts/vm-no-cpufreq --cpus 0 --lock-dir "$work" --runs 1 \
    --output "$work/$signal.json" -- sh -c "$background" >"$work/$signal.pid" 2>/dev/null &
  capture_pid=$!
  group=$(first_line "$work/$signal.pid")
  check "SIG$signal: the benchmark started" test -n "$group"
  sleep 0.2
  check "SIG$signal: its group holds the shell and both sleeps" test "$(group_members "$group" | wc -l)" -eq 3
  kill -s "$signal" "$capture_pid"
  wait "$capture_pid" 2>/dev/null
  status=$?
  check "SIG$signal: no process of the benchmark's group is left" group_gone "$group"
  check "SIG$signal: the CPU lock is free again" flock -w 5 "$work/evident-cpu-0.lock" true
  check "SIG$signal: nothing is at the output" test ! -e "$work/$signal.json"
  if [[ $signal != KILL ]]; then check "SIG$signal: evident exits 2" test "$status" -eq 2; fi
done

# What a benchmark leaves running in the background ends with its run.
capture --runs 1 --output "$work/left.json" -- sh -c 'echo $$; sleep 302 &' >"$work/left.pid" 2>/dev/null
check "a run that leaves a process behind passes" test $? -eq 0
check "and the process it left is gone" group_gone "$(head -1 "$work/left.pid")"

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

# A private /tmp where evident may mount one (root here and in CI), else a private TMPDIR.
"$evident" doctor --cpus 0 --format json >"$work/doctor.json" 2>/dev/null
seen=/tmp/evident-seen-$$  # the second run fails when it sees what the first left
leak="test ! -e $seen || exit 5; touch $seen; echo \"\$TMPDIR\""
if grep -q '"private_tmp": true' "$work/doctor.json"; then
  "$evident" doctor --cpus 0 >"$work/doctor.txt" 2>/dev/null
  check "doctor says each run gets a private /tmp" \
    grep -qx "capture: each run gets a private /tmp (mount namespace, fresh tmpfs)" "$work/doctor.txt"
  capture --runs 2 --warmup 0 --output "$work/private.json" -- sh -c "$leak" >"$work/out" 2>&1
  check "runs in a private /tmp do not see each other's files" test $? -eq 0
  check "and leave nothing in the host's /tmp" test ! -e "$seen"
  check "TMPDIR is /tmp in the private /tmp" test "$(grep -c '^/tmp$' "$work/out")" -eq 2
  check "the evidence says private_mount for each run" test "$(grep -c '"tmp": "private_mount"' "$work/private.json")" -eq 2
  check "and no tmp_problem" test -z "$(grep tmp_problem "$work/private.json")"
  "$evident" validate "$work/private.json" >/dev/null
  check "validate accepts it" test $? -eq 0
  named=$(mktemp -d /tmp/evident-named-XXXXXX)
  capture --runs 1 --warmup 0 --output "$work/named.json" -- sh -c "ls $named/" >/dev/null 2>&1
  check "a command that names what is in the host's /tmp gets the host's /tmp" grep -q '"tmp": "tmpdir"' "$work/named.json"
  check "and says why" grep -q "\"tmp_problem\": \"argument 2 names \\\\\"$named\\\\\" of the host's /tmp, which a private /tmp would hide\"" \
    "$work/named.json"
  rmdir "$named"
else
  check "doctor says why there is no private /tmp" grep -q '"private_tmp_problem": "' "$work/doctor.json"
fi
EVIDENT_TEST_NO_PRIVATE_TMP=1 "$evident" doctor --cpus 0 >"$work/doctor.txt" 2>/dev/null
check "doctor says when runs get no private /tmp" grep -qx \
  "capture: no private /tmp (EVIDENT_TEST_NO_PRIVATE_TMP is set); runs get a private TMPDIR instead" "$work/doctor.txt"
EVIDENT_TEST_NO_PRIVATE_TMP=1 capture --runs 2 --warmup 0 --output "$work/shared.json" -- sh -c "$leak" \
  >"$work/out" 2>"$work/err"
check "without a private /tmp the second run sees the first one's file" test $? -eq 1
check "and fails on it" grep -q "run 2 of 2: exit status 5" "$work/err"
check "TMPDIR is capture's private directory" grep -q "^$work/evident-capture-" "$work/out"
check "the evidence says tmpdir" grep -q '"tmp": "tmpdir"' "$work/shared.json"
check "and why" grep -q '"tmp_problem": "EVIDENT_TEST_NO_PRIVATE_TMP is set"' "$work/shared.json"
rm -f "$seen"

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
