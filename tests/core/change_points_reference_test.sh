#!/usr/bin/env bash
# evident rolling --change-points against tests/core/change_points_reference.py, an implementation
# written apart from evident's with SciPy's t-test. Usage: change_points_reference_test.sh EVIDENT.
# Skipped (77) where no python3 can import SciPy, except under CI=true, where `.ci/dev test` installs
# python3-scipy and a missing SciPy fails the test.
set -euo pipefail
evident="$1"
for python in /usr/bin/python3 python3; do
  if command -v "$python" >/dev/null 2>&1 && "$python" -c "import scipy.stats" 2>/dev/null; then
    exec "$python" "$(dirname "$0")/change_points_reference.py" "$evident"
  fi
done
echo "no python3 with SciPy (Debian: python3-scipy)"
if [[ "${CI:-}" == "true" ]]; then exit 1; fi
exit 77
