#!/usr/bin/env bash
# evident gate's raw and adjusted p-values against SciPy and statsmodels (tests/core/correction_reference.py).
# Usage: correction_reference_test.sh EVIDENT. Skipped (77) where no python3 has SciPy and statsmodels
# (Debian: python3-scipy, python3-statsmodels, which .ci/dev installs); under CI=true that fails.
set -euo pipefail
evident="$1"
for python in python3 /usr/bin/python3; do
  if command -v "$python" >/dev/null 2>&1 && "$python" -c 'import scipy, statsmodels' 2>/dev/null; then
    exec "$python" "$(dirname "$0")/correction_reference.py" "$evident"
  fi
done
echo "no python3 with scipy and statsmodels found"
if [[ "${CI:-}" == "true" ]]; then exit 1; fi
exit 77
