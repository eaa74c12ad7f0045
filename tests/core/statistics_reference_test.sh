#!/usr/bin/env bash
# evident rolling --format json against the exact reference of tests/core/statistics_reference.py.
# Usage: statistics_reference_test.sh EVIDENT. Skipped (77) only where python3 is missing.
set -euo pipefail
evident="$1"
if ! command -v python3 >/dev/null 2>&1; then
  echo "python3 not found: skipped"
  exit 77
fi
exec python3 "$(dirname "$0")/statistics_reference.py" --check "$evident"
