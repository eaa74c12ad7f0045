#!/usr/bin/env bash
# Every hint of the golden cases is something evident accepts (tests/e2e/hints_check.py).
# Usage: hints_test.sh EVIDENT, from the repository root. Skipped (77) only where python3 is missing.
set -euo pipefail
evident="$1"
if ! command -v python3 >/dev/null 2>&1; then
  echo "python3 not found: skipped"
  exit 77
fi
exec python3 "$(dirname "$0")/hints_check.py" "$evident"
