#!/bin/sh
# Renders a result file as an HTML report and checks it in headless Chromium (chromium_check.sh).
#
#   render_and_check.sh EVIDENT_BIN RESULT_JSON OUT_DIR
#
# Writes OUT_DIR/<name>.html and OUT_DIR/<name>.png; exits as chromium_check.sh does (77: skip).
set -u

if [ "$#" -ne 3 ]; then
  echo "usage: $0 EVIDENT_BIN RESULT_JSON OUT_DIR" >&2
  exit 2
fi
evident_bin=$1
result_json=$2
out_dir=$3
name=$(basename "$result_json" .json)
here=$(dirname "$0")

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 &&
   ! command -v google-chrome >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then
    echo "error: no chromium installed, and under CI=true an HTML test must run, not skip (.ci/dev test installs it)" >&2
    exit 1
  fi
  echo "skipped: no chromium installed" >&2
  exit 77
fi

mkdir -p "$out_dir" || exit 1
rm -f "$out_dir/$name.html"
"$evident_bin" report "$result_json" --format html --output "$out_dir/$name.html"
status=$?
# Exit status 1 only says the result failed its checks, which a report may well show; 2 and above
# say the report could not be made.
if [ "$status" -gt 1 ] || [ ! -s "$out_dir/$name.html" ]; then
  echo "error: '$evident_bin report' wrote no report (exit status $status)" >&2
  exit 1
fi
exec "$here/chromium_check.sh" "$out_dir/$name.html" "$out_dir/$name.png"
