#!/usr/bin/env bash
# The steps of action.yml (.ci/action.sh) run as GitHub runs them, with a simulated job environment
# (GITHUB_ACTIONS=true, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY in temporary files), on a passing and
# a failing copy of fixtures/check: the outputs, the job summary and the exit code must be exactly
# the expected ones. tests/action/expected/ holds the summaries; EVIDENT_UPDATE_GOLDEN=1 rewrites them.
#
#   tests/action/steps_test.sh EVIDENT
set -euo pipefail
evident=${1:?usage: steps_test.sh EVIDENT}
cd "$(dirname "$0")/../.."
source_dir=$PWD
evident=$(cd "$(dirname "$evident")" && pwd)/$(basename "$evident")
action=$source_dir/.ci/action.sh
expected_dir=$source_dir/tests/action/expected
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset GITHUB_ACTIONS GITHUB_OUTPUT GITHUB_STEP_SUMMARY INPUT_CONFIG INPUT_PROFILE INPUT_REPORTS INPUT_SUMMARY \
  INPUT_ANNOTATIONS INPUT_VERSION INPUT_BASE_REF GITHUB_BASE_REF EVIDENT_SOURCE EVIDENT_BIN RUNNER_TEMP

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

same() {  # WHAT EXPECTED_FILE ACTUAL_FILE
  if ! cmp -s "$2" "$3"; then
    fail "$1 differs from $2"
    diff -u "$2" "$3" | head -40 >&2 || true
  fi
}

golden() {  # NAME ACTUAL_FILE: compare with tests/action/expected/NAME, or rewrite it
  if [[ "${EVIDENT_UPDATE_GOLDEN:-}" == "1" ]]; then
    cp "$2" "$expected_dir/$1"
  else
    same "the job summary" "$expected_dir/$1" "$2"
  fi
}

# A job of its own for each case: a copy of a fixture repository, empty output and summary files.
# Runs `.ci/action.sh check` there with the given INPUT_* assignments; sets status.
run_check() {  # FIXTURE [NAME=VALUE...]
  local fixture=$1
  shift
  job=$work/job-$((++jobs))
  mkdir -p "$job/repo"
  cp -r "$source_dir/fixtures/check/$fixture/." "$job/repo/"
  : >"$job/output"
  : >"$job/summary"
  status=0
  (cd "$job/repo" && env GITHUB_ACTIONS=true GITHUB_OUTPUT="$job/output" GITHUB_STEP_SUMMARY="$job/summary" \
    EVIDENT_BIN="$evident" "$@" bash "$action" check >"$job/stdout" 2>"$job/stderr") || status=$?
}
jobs=0

expect_status() {  # CASE EXPECTED
  [[ $status == "$2" ]] || { fail "$1: exit $status, expected $2"; sed 's/^/  | /' "$job/stdout" "$job/stderr" >&2; }
}

expect_outputs() {  # CASE LINES...: GITHUB_OUTPUT must hold exactly these lines
  printf '%s\n' "${@:2}" >"$work/expected-output"
  same "$1: GITHUB_OUTPUT" "$work/expected-output" "$job/output"
}

# 1. A passing repository: outputs, summary, every report, no annotation.
run_check passing
expect_status passing 0
expect_outputs passing passed=true exit-code=0 result=evident-reports/result.json errors=0 warnings=0
golden passing-summary.md "$job/summary"
for report in report.md report.html result.json junit.xml; do
  [[ -s "$job/repo/evident-reports/$report" ]] || fail "passing: no evident-reports/$report"
done
grep -q '^evident check: passed$' "$job/stdout" || fail "passing: evident's text output is missing"
grep -q '^::' "$job/stdout" && fail "passing: a workflow command without a finding"

# 2. A failing repository (a regression, an over-claim, a duplicate key, a noisy metric): exit 1,
#    the counts of the result, the summary, and an annotation per finding.
run_check regressed
expect_status regressed 1
expect_outputs regressed passed=false exit-code=1 result=evident-reports/result.json errors=5 warnings=1
golden regressed-summary.md "$job/summary"
[[ $(grep -c '^::error file=' "$job/stdout") == 5 ]] || fail "regressed: expected 5 error annotations"
[[ $(grep -c '^::warning file=' "$job/stdout") == 2 ]] || fail "regressed: expected 2 warning annotations"
grep -q '^::error file=evidence/broken.json,line=3,col=31,title=evident json.duplicate_key::' "$job/stdout" ||
  fail "regressed: no annotation at evidence/broken.json:3:31"
cp "$job/summary" "$work/regressed-summary"

# 3. The same with summary and annotations off: the same outputs, nothing in the summary, no
#    workflow command; the reports are still written.
run_check regressed INPUT_SUMMARY=off INPUT_ANNOTATIONS=off INPUT_REPORTS=out/evident
expect_status "summary off" 1
expect_outputs "summary off" passed=false exit-code=1 result=out/evident/result.json errors=5 warnings=1
[[ ! -s "$job/summary" ]] || fail "summary off: the job summary was written"
grep -q '^::' "$job/stdout" && fail "annotations off: a workflow command was printed"
[[ -s "$job/repo/out/evident/junit.xml" ]] || fail "summary off: no out/evident/junit.xml"

# 4. A profile reaches evident: the pr run is left out, the nightly run checked.
run_check profiles INPUT_PROFILE=nightly
expect_status profile 0
expect_outputs profile passed=true exit-code=0 result=evident-reports/result.json errors=0 warnings=0
grep -q '^evident check (profile nightly): passed$' "$job/stdout" || fail "profile: evident did not apply the profile nightly"
grep -q '^evidence/pr-run.json:5:16: note\[check.other_profile\]' "$job/stdout" || fail "profile: the pr run was not left out"

# 5. evident cannot run (no configuration): exit 2, no result to point at, no counts.
run_check passing INPUT_CONFIG=missing.json
expect_status "missing config" 2
expect_outputs "missing config" passed=false exit-code=2 result= errors= warnings=
grep -q 'missing.json' "$job/stderr" || fail "missing config: evident did not name the file"

# 6. A result left by an earlier run does not stand for this one.
job=$work/job-stale
mkdir -p "$job/repo/evident-reports"
cp "$source_dir/fixtures/results/passed.json" "$job/repo/evident-reports/result.json"
: >"$job/output"
status=0
(cd "$job/repo" && env GITHUB_ACTIONS=true GITHUB_OUTPUT="$job/output" GITHUB_STEP_SUMMARY="$job/summary" \
  EVIDENT_BIN="$evident" bash "$action" check >"$job/stdout" 2>&1) || status=$?
expect_status "stale result" 2
expect_outputs "stale result" passed=false exit-code=2 result= errors= warnings=

# 7. Inputs the action does not accept: exit 2 with an error annotation, no output.
run_check passing INPUT_SUMMARY=maybe
expect_status "bad summary" 2
grep -qx "::error title=evident action::input summary must be on or off, not 'maybe'" "$job/stdout" ||
  fail "bad summary: no error annotation"
[[ ! -s "$job/output" ]] || fail "bad summary: outputs were written"
run_check passing INPUT_ANNOTATIONS=100%
expect_status "bad annotations" 2
grep -qx "::error title=evident action::input annotations must be on or off, not '100%25'" "$job/stdout" ||
  fail "bad annotations: the message is not escaped as a workflow command: $(cat "$job/stdout")"
run_check passing "INPUT_REPORTS=out
result=forged"
expect_status "two-line reports" 2
grep -qx "::error title=evident action::input reports must be one line" "$job/stdout" || fail "two-line reports: no error"
[[ ! -s "$job/output" ]] || fail "two-line reports: outputs were written"

# 8. The cache key: the version, a digest of the sources, the system; the same twice; the binary
#    under RUNNER_TEMP.
: >"$work/key-output"
GITHUB_OUTPUT=$work/key-output RUNNER_TEMP=$work/runner bash "$action" key
GITHUB_OUTPUT=$work/key-output RUNNER_TEMP=$work/runner bash "$action" key
version=$(sed -n 's/^project(evident VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
# shellcheck disable=SC1091
system=$(. /etc/os-release && echo "$ID${VERSION_ID:+-$VERSION_ID}-$(uname -m)")
key_pattern="^key=evident-${version//./\\.}-[0-9a-f]{16}-${system//./\\.}\$"
[[ $(sed -n 1p "$work/key-output") =~ $key_pattern ]] || fail "key: $(sed -n 1p "$work/key-output") is not $key_pattern"
[[ $(sed -n 2p "$work/key-output") == "binary=$work/runner/evident-bin/evident" ]] || fail "key: binary is $(sed -n 2p "$work/key-output")"
[[ $(sed -n 1p "$work/key-output") == $(sed -n 3p "$work/key-output") ]] || fail "key: not the same twice"

# 9. The build step with the binary the cache restored builds nothing; outside a job it refuses.
[[ $(EVIDENT_BIN=$evident RUNNER_TEMP=$work/runner bash "$action" build) == "evident: using the cached evident $version" ]] ||
  fail "build: did not use the cached binary"
# A restored binary that does not start (here one that exits 127, as a missing library makes it) gets
# the build packages (all here already), and when it still does not start the step fails.
printf '#!/bin/sh\nexit 127\n' >"$work/broken-evident"
chmod +x "$work/broken-evident"
status=0
EVIDENT_BIN=$work/broken-evident RUNNER_TEMP=$work/runner bash "$action" build >"$work/out" 2>&1 || status=$?
[[ $status == 2 ]] && grep -qx "::error title=evident action::the cached $work/broken-evident does not run, even with the build packages installed" "$work/out" ||
  { fail "build: a cached binary that does not start was accepted (exit $status)"; cat "$work/out" >&2; }
status=0
GITHUB_OUTPUT=$work/none bash "$action" key >"$work/out" 2>&1 || status=$?
[[ $status == 2 && $(cat "$work/out") == "::error title=evident action::RUNNER_TEMP is not set: run this as a step of a GitHub Actions job" ]] ||
  fail "key: ran without RUNNER_TEMP: $(cat "$work/out")"

# 10. version: the tag fetched from the action's repository is the source that is keyed and built.
upstream=$work/server/owner/evident
mkdir -p "$upstream" "$work/tagged"
printf 'cmake_minimum_required(VERSION 3.25)\nproject(evident VERSION 9.8.7 LANGUAGES CXX)\n' >"$work/tagged/CMakeLists.txt"
mkdir -p "$work/tagged/cmake" "$work/tagged/validator" "$work/tagged/schemas" "$work/tagged/templates"
touch "$work/tagged/cmake/x" "$work/tagged/validator/x" "$work/tagged/schemas/x" "$work/tagged/templates/x"
git_quiet=(-c user.name=test -c user.email=test@example.com -c init.defaultBranch=main -c advice.detachedHead=false)
git "${git_quiet[@]}" -C "$work/tagged" init -q
git "${git_quiet[@]}" -C "$work/tagged" add -A
git "${git_quiet[@]}" -C "$work/tagged" commit -q -m tagged
git "${git_quiet[@]}" -C "$work/tagged" tag v9
git "${git_quiet[@]}" clone -q --bare "$work/tagged" "$upstream.git"
: >"$work/source-output"
GITHUB_OUTPUT=$work/source-output RUNNER_TEMP=$work/runner GITHUB_SERVER_URL=file://$work/server \
  ACTION_REPOSITORY=owner/evident INPUT_VERSION=v9 bash "$action" source
[[ $(cat "$work/source-output") == "dir=$work/runner/evident-source" ]] || fail "source: $(cat "$work/source-output")"
[[ -f "$work/runner/evident-source/CMakeLists.txt" ]] || fail "source: v9 was not checked out"
: >"$work/key-output"
GITHUB_OUTPUT=$work/key-output RUNNER_TEMP=$work/runner EVIDENT_SOURCE=$work/runner/evident-source bash "$action" key
grep -Eq '^key=evident-9\.8\.7-[0-9a-f]{16}-' "$work/key-output" || fail "source: the key is not v9's: $(cat "$work/key-output")"
: >"$work/source-output"
GITHUB_OUTPUT=$work/source-output bash "$action" source
[[ $(cat "$work/source-output") == "dir=$source_dir" ]] || fail "source: without version: $(cat "$work/source-output")"
status=0
GITHUB_OUTPUT=$work/source-output RUNNER_TEMP=$work/runner GITHUB_SERVER_URL=file://$work/server \
  ACTION_REPOSITORY=owner/evident INPUT_VERSION='v9;rm' bash "$action" source >"$work/out" 2>&1 || status=$?
[[ $status == 2 ]] && grep -q "input version must be a tag or a commit, not 'v9;rm'" "$work/out" ||
  fail "source: a version that is no ref was accepted"

# 10b. A pull request checked out as actions/checkout does (one commit deep, no base branch): the
#     step fetches the base branch and the history down to the merge base, and check compares the
#     gate's files with it; base-ref off compares nothing.
pr_git=(git -c user.name=test -c user.email=test@example.com -c init.defaultBranch=main -c advice.detachedHead=false)
mkdir -p "$work/pr-source"
cp -r "$source_dir/fixtures/check/passing/." "$work/pr-source/"
"${pr_git[@]}" -C "$work/pr-source" init -q
"${pr_git[@]}" -C "$work/pr-source" add -A
"${pr_git[@]}" -C "$work/pr-source" commit -q -m base
"${pr_git[@]}" -C "$work/pr-source" checkout -q -b feature
echo "a change of code" >"$work/pr-source/code.txt"
"${pr_git[@]}" -C "$work/pr-source" add -A
"${pr_git[@]}" -C "$work/pr-source" commit -q -m feature
for base_input in "" off; do
  job=$work/job-pr-${base_input:-fetch}
  mkdir -p "$job"
  "${pr_git[@]}" clone -q --depth 1 --branch feature "file://$work/pr-source" "$job/repo"
  : >"$job/output"
  status=0
  (cd "$job/repo" && env GITHUB_ACTIONS=true GITHUB_OUTPUT="$job/output" GITHUB_STEP_SUMMARY="$job/summary" \
    GITHUB_BASE_REF=main INPUT_BASE_REF="$base_input" EVIDENT_BIN="$evident" bash "$action" check >"$job/stdout" 2>"$job/stderr") ||
    status=$?
  expect_status "pull request (base-ref '$base_input')" 0
  if [[ -z $base_input ]]; then
    grep -Eq '^  gate changes since origin/main \(merge base [0-9a-f]{12}\): 0 \(0 looser or not judged\); 1 other file changed$' \
      "$job/stdout" || fail "pull request: the gate's files were not compared with origin/main: $(cat "$job/stdout" "$job/stderr")"
  else
    grep -q 'gate changes since' "$job/stdout" && fail "base-ref off: the gate's files were compared"
  fi
done

# 11. action.yml passes every input the script reads, and the script reads every input.
for name in $(grep -o 'INPUT_[A-Z][A-Z_]*' "$action" | sort -u); do
  grep -q "^        $name: \${{ inputs\.[a-z-]* }}$" action.yml || fail "action.yml does not pass $name"
done
for input in $(sed -n '/^inputs:$/,/^outputs:$/s/^  \([a-z-]*\):$/\1/p' action.yml); do
  grep -q "inputs\.$input }}" <(sed -n '/^runs:$/,$p' action.yml) || fail "action.yml never uses the input $input"
done
for name in $(sed -n '/^outputs:$/,/^runs:$/s/^  \([a-z-]*\):$/\1/p' action.yml); do
  grep -q "^  output $name " "$action" || grep -q "output $name \"" "$action" || fail "the output $name is never set"
done

((failures == 0)) || exit 1
echo "all action step cases passed"
