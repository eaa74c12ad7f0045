#!/usr/bin/env bash
# Runs a reference written apart from evident in Python (tests/core/REFERENCE) against EVIDENT, with
# the first python3 that can import MODULES (a comma-separated list, e.g. "scipy.stats,statsmodels").
# Usage: python_reference_test.sh MODULES REFERENCE EVIDENT. Skipped (77) where no python3 has them,
# except under CI=true, where `.ci/dev test` installs them (python3-scipy, python3-statsmodels) and a
# missing module fails the test.
set -euo pipefail
modules="$1"
reference="$(dirname "$0")/$2"
evident="$3"
for python in /usr/bin/python3 python3; do
  if command -v "$python" >/dev/null 2>&1 && "$python" -c "import $modules" 2>/dev/null; then
    exec "$python" "$reference" "$evident"
  fi
done
echo "no python3 that can import $modules (Debian: python3-scipy, python3-statsmodels)"
if [[ "${CI:-}" == "true" ]]; then exit 1; fi
exit 77
