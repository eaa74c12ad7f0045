#!/bin/sh
# Runs the clang-tidy checks of .clang-tidy over every C++ source of validator/, as the build
# compiles it (compile_commands.json of the build tree), with every warning an error.
#
#   tidy_check.sh SOURCE_DIR BUILD_DIR [JOBS]
#
# Exit codes: 0 clean, 1 a finding (each printed as clang-tidy reports it), 77 no clang-tidy here
# (a skip outside CI; under CI=true a failure, since `.ci/dev test` installs it).
# To run it by hand: run-clang-tidy -p build/release -quiet validator/
set -u
source_dir=${1:?usage: tidy_check.sh SOURCE_DIR BUILD_DIR [JOBS]}
build_dir=${2:?usage: tidy_check.sh SOURCE_DIR BUILD_DIR [JOBS]}
jobs=${3:-2}

if ! command -v run-clang-tidy >/dev/null 2>&1 || ! command -v clang-tidy >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then
    echo "error: clang-tidy is not installed, and under CI=true the tidy check must run" >&2
    exit 1
  fi
  echo "skipped: no clang-tidy installed" >&2
  exit 77
fi
if [ ! -f "$build_dir/compile_commands.json" ]; then
  echo "error: $build_dir/compile_commands.json is missing (configure the build first)" >&2
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Sources only: each header is checked through the sources that include it (HeaderFilterRegex).
# .clang-tidy makes every finding an error. run-clang-tidy 14 always asks for colour; the escapes
# are taken out so the log reads as text.
# -Wno-error: a build configured with -Werror (CI) would turn the compiler's own warnings, which
# are GCC's and which the build checks, into clang errors (an unknown -Wno-restrict, clang's view of
# a defaulted operator<=>); only the checks of .clang-tidy are judged here.
run-clang-tidy -p "$build_dir" -j "$jobs" -quiet -extra-arg=-Wno-error "$source_dir/validator/" 2>&1 |
  sed 's/\x1b\[[0-9;]*m//g' >"$log"
# run-clang-tidy prints one command line per translation unit it checks.
checked=$(grep -c -E '^clang-tidy(-[0-9]+)? ' "$log")
if [ "$checked" -eq 0 ]; then
  echo "error: clang-tidy checked no translation unit:" >&2
  head -20 "$log" >&2
  exit 1
fi
findings=$(grep -c -E '(warning|error): .*\[[a-z0-9.-]+(,[a-z0-9.-]+)*\]$' "$log")
if [ "$findings" -ne 0 ] || grep -q -E '^Error while processing|error: ' "$log"; then
  grep -E '(warning|error): |^ ' "$log" >&2
  echo "clang-tidy: $findings findings in $checked translation units" >&2
  exit 1
fi
echo "clang-tidy: no findings in $checked translation units"
