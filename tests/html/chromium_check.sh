#!/bin/sh
# Loads an HTML page in headless Chromium, without network, and fails when the page logs anything
# to the console or the screenshot of it comes out empty.
#
#   chromium_check.sh HTML_FILE SCREENSHOT_PNG
#
# Exit codes: 0 the page loaded quietly, 1 it did not (or no Chromium under CI=true), 2 usage,
# 77 no Chromium here (a skip, outside CI).
#
# Headless Chromium prints every console message on stderr as
#   [pid:tid:time:INFO:CONSOLE:1] "message", source: file:///page.html (1)
# at the same INFO level whatever the message's own level, so console.error, an uncaught
# exception and a Content Security Policy violation ("... violates the following Content Security
# Policy directive ...") cannot be told apart from console.log. A report runs no script, so any
# console message at all is a failure.
set -u

if [ "$#" -ne 2 ]; then
  echo "usage: $0 HTML_FILE SCREENSHOT_PNG" >&2
  exit 2
fi
html_file=$1
screenshot=$2

browser=
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then
    browser=$candidate
    break
  fi
done
if [ -z "$browser" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "error: no chromium installed, and under CI=true an HTML test must run, not skip (.ci/dev test installs it)" >&2
    exit 1
  fi
  echo "skipped: no chromium installed" >&2
  exit 77
fi
if [ ! -f "$html_file" ]; then
  echo "error: no such file: $html_file" >&2
  exit 1
fi

case $html_file in
  /*) url="file://$html_file" ;;
  *) url="file://$(pwd)/$html_file" ;;
esac

scratch=$(mktemp -d) || exit 1
trap 'rm -rf "$scratch"' EXIT INT TERM
mkdir "$scratch/home" "$scratch/profile"
rm -f "$screenshot"

# A private HOME and profile, so the run neither reads nor leaves anything of the user's; every
# host name resolves to nothing and the proxy is a closed port, so the page cannot reach a network.
HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home" XDG_CACHE_HOME="$scratch/home" \
  DBUS_SESSION_BUS_ADDRESS=disabled: \
  timeout 60 "$browser" --headless --no-sandbox --disable-gpu \
  --user-data-dir="$scratch/profile" --no-first-run --no-default-browser-check \
  --disable-extensions --disable-sync --disable-background-networking --disable-component-update \
  --host-resolver-rules="MAP * ~NOTFOUND" --proxy-server="http://127.0.0.1:9" \
  --enable-logging=stderr --v=0 --log-level=0 \
  --virtual-time-budget=5000 \
  --screenshot="$screenshot" --window-size=1200,2000 \
  "$url" >"$scratch/stdout" 2>"$scratch/stderr"
status=$?

failed=0
if [ "$status" -ne 0 ]; then
  echo "error: $browser exited with status $status" >&2
  tail -n 20 "$scratch/stderr" >&2
  failed=1
fi
if grep -e ':CONSOLE' "$scratch/stderr" >"$scratch/console"; then
  echo "error: the page logged to the console:" >&2
  cat "$scratch/console" >&2
  failed=1
fi
# A PNG file starts with the eight bytes 89 50 4E 47 0D 0A 1A 0A; "PNG" at offset 1 is enough here.
if [ ! -s "$screenshot" ] || [ "$(dd if="$screenshot" bs=1 skip=1 count=3 2>/dev/null)" != "PNG" ]; then
  echo "error: no screenshot written to $screenshot" >&2
  failed=1
fi
exit "$failed"
