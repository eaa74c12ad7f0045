#!/usr/bin/env bash
# capture --memory through the real binary on this host's own memory cgroup: a run over the limit
# is recorded as OOM-killed, a run within it with its peak, a program that only reserves address
# space (as Go does at start) runs under the cgroup limit but not under --memory-rlimit, and no
# cgroup is left behind, also when evident is killed. Skipped (77) where this host has no writable
# memory cgroup, as doctor says.
#
#   tests/e2e/capture_memory_test.sh EVIDENT_BIN MEMORY_HOG_BIN
set -uo pipefail
cd "$(dirname "$0")/../.."
evident=$1
hog=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset GITHUB_ACTIONS GITHUB_STEP_SUMMARY GITHUB_BASE_REF EVIDENT_TEST_CGROUP_ROOT
export TMPDIR=$work
failures=0
check() {  # DESCRIPTION CONDITION...
  local description=$1
  shift
  if "$@"; then echo "ok: $description"; else echo "FAILED: $description"; failures=$((failures + 1)); fi
}
field() {  # FILE PYTHON-EXPRESSION-OF-d: prints its value as JSON
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(json.dumps(eval(sys.argv[2])))' "$1" "$2"
}
capture() { "$evident" capture --root fixtures/hosts/vm-no-cpufreq --cpus 0 --lock-dir "$work" --runs 1 --warmup 0 "$@"; }

# Doctor on a fake host whose cgroup v2 has no memory controller, and no v1 memory hierarchy.
mkdir -p "$work/fake/proc/self" "$work/fake/sys/fs/cgroup"
echo "30 24 0:26 / /sys/fs/cgroup rw,relatime - cgroup2 cgroup2 rw" >"$work/fake/proc/self/mountinfo"
echo "0::/" >"$work/fake/proc/self/cgroup"
echo "cpu io" >"$work/fake/sys/fs/cgroup/cgroup.controllers"
EVIDENT_TEST_CGROUP_ROOT=$work/fake "$evident" doctor --cpus 0 >"$work/doctor.txt"
check "doctor says when --memory would be refused" grep -qxF 'capture: --memory is refused here (cgroup v2: the memory controller is not available in /sys/fs/cgroup (cgroup.controllers: "cpu io"); cgroup v1: no hierarchy of the memory controller is mounted); --memory-rlimit limits the address space instead' "$work/doctor.txt"

"$evident" doctor --cpus 0 --format json >"$work/doctor.json"
mechanism=$(field "$work/doctor.json" 'd["capture"]["memory_limit"]' | tr -d '"')
if [[ $mechanism == null ]]; then
  echo "skipped: no cgroup can limit memory on this host: $(field "$work/doctor.json" 'd["capture"]["memory_limit_problem"]')"
  [[ $failures -eq 0 ]] || exit 1
  exit 77
fi
parent=$(field "$work/doctor.json" 'd["capture"]["memory_cgroup_parent"]' | tr -d '"')
echo "memory limits by $mechanism below $parent"
"$evident" doctor --cpus 0 >"$work/doctor.txt"
check "doctor says how --memory limits here" grep -qxF "capture: --memory limits each run with a $mechanism cgroup below $parent" "$work/doctor.txt"
# The run cgroups below parent whose capture is no longer running.
leftovers() {
  local directory pid
  for directory in "$parent"/evident-capture-*; do
    [[ -d $directory ]] || continue
    pid=${directory##*/evident-capture-}
    pid=${pid%%-*}
    kill -0 "$pid" 2>/dev/null || echo "$directory"
  done
}

capture --memory 64M --output "$work/oom.json" -- "$hog" touch 209715200 >"$work/out" 2>"$work/err"
check "a run over the limit exits 1" test $? -eq 1
check "capture says the OOM killer ended it" grep -q "run 1 of 1: killed by the OOM killer at the memory limit ($mechanism, 67108864 bytes; peak [0-9]* bytes): capture.oom_killed" "$work/err"
check "the evidence records the OOM kill" test "$(field "$work/oom.json" '[d["runs"][0]["oom_killed"], d["runs"][0]["signal"], d["status"]]')" = '[true, 9, "failed"]'
check "and the limit that applied" test "$(field "$work/oom.json" 'd["runs"][0]["memory_limit"]')" = "{\"mechanism\": \"$mechanism\", \"bytes\": 67108864}"
check "its peak is at most the limit" test "$(field "$work/oom.json" '0 < d["runs"][0]["memory_peak_bytes"] <= 67108864')" = true
"$evident" validate "$work/oom.json" >/dev/null
check "validate accepts it" test $? -eq 0

capture --memory 256M --output "$work/within.json" -- "$hog" touch 67108864 >/dev/null 2>"$work/err"
check "a run within the limit exits 0" test $? -eq 0
check "with its peak: the 64 MiB it touched, less than the limit" \
  test "$(field "$work/within.json" '67108864 <= d["runs"][0]["memory_peak_bytes"] < 268435456')" = true
check "and no OOM kill" test "$(field "$work/within.json" '"oom_killed" in d["runs"][0]')" = false
check "the settings name the mechanism" \
  test "$(field "$work/within.json" 'd["extensions"]["evident.capture"]["memory_mechanism"]')" = "\"$mechanism\""

capture --memory 256M --output "$work/reserve.json" -- "$hog" reserve 4294967296 >/dev/null 2>"$work/err"
check "a 4 GiB reservation starts under a 256 MiB cgroup limit" test $? -eq 0
capture --memory-rlimit 256M --output "$work/rlimit.json" -- "$hog" reserve 4294967296 >/dev/null 2>"$work/err"
check "but not under a 256 MiB RLIMIT_AS" test $? -eq 1
check "which the evidence records" \
  test "$(field "$work/rlimit.json" '[d["runs"][0]["exit_code"], d["runs"][0]["memory_limit"]]')" = '[3, {"mechanism": "rlimit_as", "bytes": 268435456}]'
check "with no peak: there is no cgroup" test "$(field "$work/rlimit.json" '"memory_peak_bytes" in d["runs"][0]')" = false

capture --memory 64M --memory-rlimit 64M --output "$work/both.json" -- true >/dev/null 2>"$work/err"
check "--memory with --memory-rlimit is exit 2" test $? -eq 2
check "which says why" grep -q -- "--memory excludes --memory-rlimit" "$work/err"

# evident killed during a run: its keeper kills the run and removes the run's cgroup.
"$evident" capture --root fixtures/hosts/vm-no-cpufreq --cpus 0 --lock-dir "$work" --runs 1 --warmup 0 --memory 64M \
  --output "$work/killed.json" -- sleep 30 >/dev/null 2>&1 &
evident_pid=$!
# Killed once the command is in its cgroup: the keeper is started before that. Killed between the
# cgroup's mkdir and the keeper's fork, evident would leave the cgroup empty, for the next capture
# to remove (docs/capture.md).
run_cgroup=$parent/evident-capture-$evident_pid-0
in_cgroup() { [[ -n "$(cat "$run_cgroup/cgroup.procs" 2>/dev/null)" ]]; }
for _ in $(seq 200); do in_cgroup && break; sleep 0.05; done  # up to 10 s
check "the run's cgroup holds the command while it runs" in_cgroup
kill -9 "$evident_pid"
wait "$evident_pid" 2>/dev/null
for _ in $(seq 200); do [[ -d $run_cgroup ]] || break; sleep 0.05; done  # up to 10 s
check "and is removed when evident is killed" test ! -d "$run_cgroup"
check "no capture left a cgroup behind" test -z "$(leftovers)"

[[ $failures -eq 0 ]] || { echo "$failures failed"; exit 1; }
echo "all passed"
