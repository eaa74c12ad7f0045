#!/usr/bin/env bash
# The steps of the GitHub Action (action.yml), kept here so they run and are tested outside GitHub:
#   .ci/action.sh source  write to $GITHUB_OUTPUT the directory of the sources to build: this
#                         repository, or the tag or commit INPUT_VERSION fetched from the action's own
#   .ci/action.sh key     write the cache key and the binary's path to $GITHUB_OUTPUT
#   .ci/action.sh build   install the build packages (.ci/dev deps) and build the binary, unless the
#                         cache already restored it; a restored binary that does not start gets the
#                         packages that carry its libraries
#   .ci/action.sh check   run `evident check` in the working directory, write the reports, the job
#                         summary and the outputs; exit with evident's exit code
# The inputs arrive as INPUT_* variables (action.yml maps them); EVIDENT_SOURCE is the source tree
# to build (default: the one this script is in), EVIDENT_BIN the binary to run or build. The check
# runs in the repository being checked.
set -euo pipefail
action_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source_dir=${EVIDENT_SOURCE:-$action_dir}

fail() {  # MESSAGE: evident could not run as asked (exit 2, as evident itself)
  local message=${1//%/%25}  # escaped as a workflow command's message must be
  message=${message//$'\r'/%0D}
  echo "::error title=evident action::${message//$'\n'/%0A}"
  exit 2
}

output() {  # NAME VALUE: one output of the step
  [[ -n "${GITHUB_OUTPUT:-}" ]] || fail "GITHUB_OUTPUT is not set: run this as a step of a GitHub Actions job"
  printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
}

need_runner_temp() {  # RUNNER_TEMP: the job's scratch directory, which GitHub empties after each job
  [[ -n "${RUNNER_TEMP:-}" ]] || fail "RUNNER_TEMP is not set: run this as a step of a GitHub Actions job"
}

single_line() {  # NAME VALUE: an input that ends up in an output or a path must be one line
  [[ "$2" != *$'\n'* && "$2" != *$'\r'* ]] || fail "input $1 must be one line"
}

is_on() {  # NAME VALUE: whether a switch is on; anything but on/off (or true/false) is refused
  case "$2" in
    on | true) return 0 ;;
    off | false) return 1 ;;
    *) fail "input $1 must be on or off, not '$2'" ;;
  esac
}

# The version of the sources next to this script, and a digest of everything the binary is built
# from, so a moved tag (v0) or a changed source never reuses an old binary.
source_version() {
  sed -n 's/^project(evident VERSION \([0-9.]*\).*/\1/p' "$source_dir/CMakeLists.txt"
}

source_digest() {
  (cd "$source_dir" && find CMakeLists.txt cmake validator schemas templates -type f -print0 | LC_ALL=C sort -z |
    xargs -0 sha256sum | sha256sum | cut -c1-16)
}

# The system the binary is built for: its libraries are the distribution's.
system_name() {
  local ID="" VERSION_ID=""
  # shellcheck disable=SC1091
  [[ -r /etc/os-release ]] && . /etc/os-release
  echo "${ID:-unknown}${VERSION_ID:+-$VERSION_ID}-$(uname -m)"
}

run_source() {
  local version=${INPUT_VERSION:-}
  if [[ -z "$version" ]]; then
    output dir "$action_dir"
    return
  fi
  [[ "$version" =~ ^[A-Za-z0-9][A-Za-z0-9._/-]*$ ]] || fail "input version must be a tag or a commit, not '$version'"
  local repository=${ACTION_REPOSITORY:-}
  [[ -n "$repository" ]] || fail "input version needs the action's repository (uses: OWNER/evident@REF)"
  local url=${GITHUB_SERVER_URL:?GITHUB_SERVER_URL is not set}/$repository.git
  need_runner_temp
  local dir=$RUNNER_TEMP/evident-source
  rm -rf "$dir"
  git init -q "$dir"
  git -C "$dir" fetch -q --depth 1 "$url" "$version" || fail "cannot fetch $version from $url"
  git -C "$dir" checkout -q FETCH_HEAD
  output dir "$dir"
}

run_key() {
  need_runner_temp
  local binary=${EVIDENT_BIN:-$RUNNER_TEMP/evident-bin/evident}
  single_line EVIDENT_BIN "$binary"
  output key "evident-$(source_version)-$(source_digest)-$(system_name)"
  output binary "$binary"
}

run_build() {
  local binary=${EVIDENT_BIN:?EVIDENT_BIN names the binary to build}
  if [[ -x "$binary" ]]; then
    # The binary links the distribution's shared libraries (simdjson's among them), which a fresh
    # runner may lack: the build packages carry them.
    if ! "$binary" --version >/dev/null 2>&1; then
      echo "evident: the cached binary does not start here; installing the packages that carry its libraries"
      bash "$action_dir/.ci/dev" deps
      "$binary" --version >/dev/null 2>&1 || fail "the cached $binary does not run, even with the build packages installed"
    fi
    echo "evident: using the cached $("$binary" --version)"
    return
  fi
  need_runner_temp
  bash "$action_dir/.ci/dev" deps
  local build_dir=$RUNNER_TEMP/evident-build
  cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEVIDENT_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build_dir" --target evident
  mkdir -p "$(dirname "$binary")"
  cp "$build_dir/evident" "$binary"
  echo "evident: built $("$binary" --version)"
}

# Reads one count of the result's summary ("errors", "warnings"). The result is evident's own JSON,
# written with two spaces of indent, so the summary's fields are the lines four spaces deep between
# "summary": { and its closing brace.
summary_count() {  # RESULT FIELD
  sed -n '/^  "summary": {$/,/^  }/s/^    "'"$2"'": \([0-9]*\),\{0,1\}$/\1/p' "$1"
}

# Fetches a pull request's base branch and, in a shallow clone, the history down to the merge base,
# so that check --base-ref can compare the gate's files with it. Outside a git repository there is
# nothing to fetch, and evident itself says what is missing.
fetch_base() {  # BRANCH
  git rev-parse --git-dir >/dev/null 2>&1 || return 0
  git fetch -q --no-tags origin "+refs/heads/$1:refs/remotes/origin/$1" || fail "cannot fetch the base branch $1 from origin"
  if [[ $(git rev-parse --is-shallow-repository) == true ]]; then
    git fetch -q --no-tags --unshallow origin || fail "cannot fetch the history down to the merge base with $1"
  fi
}

run_check() {
  local binary=${EVIDENT_BIN:?EVIDENT_BIN names the binary to run}
  local config=${INPUT_CONFIG:-evident.json} profile=${INPUT_PROFILE:-} reports=${INPUT_REPORTS:-evident-reports}
  local summary=on annotations=on
  is_on summary "${INPUT_SUMMARY:-on}" || summary=off
  is_on annotations "${INPUT_ANNOTATIONS:-on}" || annotations=off
  single_line config "$config"
  single_line profile "$profile"
  single_line reports "$reports"
  local base_ref=${INPUT_BASE_REF:-}
  single_line base-ref "$base_ref"
  [[ -n "$reports" ]] || fail "input reports must name a directory"
  [[ -x "$binary" ]] || fail "no evident binary at $binary"

  local arguments=(check --config "$config" --markdown "$reports/report.md" --html "$reports/report.html"
    --json "$reports/result.json" --junit "$reports/junit.xml")
  [[ -z "$profile" ]] || arguments+=(--profile "$profile")
  if [[ $base_ref == off ]]; then
    arguments+=(--no-base-ref)
  elif [[ -n "$base_ref" ]]; then
    arguments+=(--base-ref "$base_ref")
  elif [[ -n "${GITHUB_BASE_REF:-}" ]]; then
    fetch_base "$GITHUB_BASE_REF"
  fi
  local environment=()
  # evident annotates under GITHUB_ACTIONS=true and appends to a non-empty GITHUB_STEP_SUMMARY.
  [[ $annotations == on ]] || environment+=(-u GITHUB_ACTIONS)
  [[ $summary == on ]] || environment+=(GITHUB_STEP_SUMMARY=)
  mkdir -p "$reports"
  rm -f "$reports/result.json"  # a result left by an earlier run must not stand for this one

  local status=0
  env "${environment[@]}" "$binary" "${arguments[@]}" || status=$?

  local result="$reports/result.json" errors="" warnings=""
  if [[ -f "$result" ]]; then
    errors=$(summary_count "$result" errors)
    warnings=$(summary_count "$result" warnings)
  else
    result=""  # evident could not run (exit 2): there is no result to point at
  fi
  output passed "$([[ $status == 0 ]] && echo true || echo false)"
  output exit-code "$status"
  output result "$result"
  output errors "$errors"
  output warnings "$warnings"
  return "$status"
}

case "${1:-}" in
  source) run_source ;;
  key) run_key ;;
  build) run_build ;;
  check) run_check ;;
  *)
    echo "usage: .ci/action.sh source | key | build | check" >&2
    exit 2
    ;;
esac
