#!/bin/sh
# Checks that every C++ source of the project is formatted as .clang-format says.
#
#   format_check.sh SOURCE_DIR
#
# Exit codes: 0 formatted, 1 a file differs (each is named, with the first lines clang-format would
# change), 77 no clang-format here (a skip outside CI; under CI=true a failure, since `.ci/dev test`
# installs it). To format: clang-format -i $(git ls-files '*.cc' '*.h').
set -u
source_dir=${1:?usage: format_check.sh SOURCE_DIR}

if ! command -v clang-format >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then
    echo "error: clang-format is not installed, and under CI=true the format check must run" >&2
    exit 1
  fi
  echo "skipped: no clang-format installed" >&2
  exit 77
fi

cd "$source_dir" || exit 1
status=0
for file in $(find validator tests -name '*.cc' -o -name '*.h' | LC_ALL=C sort); do
  if ! clang-format --dry-run --Werror "$file" >/dev/null 2>&1; then
    echo "not formatted: $file" >&2
    clang-format --dry-run "$file" 2>&1 | head -6 >&2
    status=1
  fi
done
exit $status
