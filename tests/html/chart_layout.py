#!/usr/bin/env python3
"""The inline charts of an HTML report stay legible on a desktop and on a phone.

Loads the page in headless Chromium, without network, through the DevTools protocol over a pipe,
once in a 1280 px wide window and once as a 390 px wide phone; in each, runs chart_layout.js in the
page (the protocol's Runtime.evaluate, so the page itself is loaded unchanged, its Content Security
Policy included) and takes a screenshot of the whole page. The measurements of both are compared
with an expected file: same text, or the test fails with the difference.

Usage: chart_layout.py [--evident EVIDENT] INPUT EXPECTED OUT_DIR
  INPUT     an HTML file; with --evident, a result document that `EVIDENT report` renders first
  EXPECTED  the expected measurements; EVIDENT_UPDATE_GOLDEN=1 writes them instead
  OUT_DIR   where the report and the screenshots (NAME-1280.png, NAME-390.png) are written

Exit codes: 0 as expected, 1 not (or no Chromium under CI=true), 2 usage, 77 no Chromium here (a
skip, outside CI).
"""
import argparse
import base64
import difflib
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# The desktop window, and a phone: its width in CSS pixels, as a phone that honours the page's
# viewport meta tag lays it out.
SCREENS = [
    {"width": 1280, "height": 900, "mobile": False},
    {"width": 390, "height": 844, "mobile": True},
]
TIMEOUT_SECONDS = 60


class Failure(Exception):
    pass


def find_browser():
    for candidate in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(candidate)
        if path:
            return path
    return None


class DevTools:
    """One headless Chromium driven through --remote-debugging-pipe: JSON messages, each ended by a
    NUL byte, read by the browser on its fd 3 and answered on its fd 4."""

    def __init__(self, browser, scratch):
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def give_pipes():
            # Above any descriptor number the child already has, then into place as fd 3 and 4.
            high_read = os.dup2(to_browser_read, 100)
            high_write = os.dup2(from_browser_write, 101)
            os.dup2(high_read, 3)
            os.dup2(high_write, 4)

        home = os.path.join(scratch, "home")
        os.mkdir(home)
        environment = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home, XDG_CACHE_HOME=home,
                           DBUS_SESSION_BUS_ADDRESS="disabled:")
        # A private profile; every host name resolves to nothing and the proxy is a closed port, so
        # the page cannot reach a network.
        self._stderr = open(os.path.join(scratch, "stderr"), "wb")
        self._process = subprocess.Popen(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--user-data-dir=" + os.path.join(scratch, "profile"), "--no-first-run",
             "--no-default-browser-check", "--disable-extensions", "--disable-sync",
             "--disable-background-networking", "--disable-component-update",
             "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
             "--hide-scrollbars", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=self._stderr, env=environment,
            close_fds=False, preexec_fn=give_pipes)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._next_id = 0
        self._buffer = b""
        self._events = []
        self._deadline = time.monotonic() + TIMEOUT_SECONDS

    def _read_message(self):
        while b"\0" not in self._buffer:
            left = self._deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise Failure("Chromium did not answer within %d seconds" % TIMEOUT_SECONDS)
            chunk = os.read(self._from_browser, 65536)
            if not chunk:
                raise Failure("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, session=None, **params):
        self._next_id += 1
        request = {"id": self._next_id, "method": method, "params": params}
        if session:
            request["sessionId"] = session
        os.write(self._to_browser, json.dumps(request).encode() + b"\0")
        while True:
            message = self._read_message()
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise Failure("%s failed: %s" % (method, message["error"].get("message")))
                return message.get("result", {})
            self._events.append(message)

    def wait_for(self, method, session):
        while True:
            for index, event in enumerate(self._events):
                if event.get("method") == method and event.get("sessionId") == session:
                    del self._events[index]
                    return event
            self._events.append(self._read_message())

    def close(self):
        try:
            self.call("Browser.close")
        except Failure:
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)
        self._stderr.close()


def measure(devtools, url, script, screen, screenshot):
    target = devtools.call("Target.createTarget", url="about:blank")["targetId"]
    session = devtools.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    devtools.call("Emulation.setDeviceMetricsOverride", session, width=screen["width"],
                  height=screen["height"], deviceScaleFactor=1, mobile=screen["mobile"])
    devtools.call("Page.enable", session)
    devtools.call("Page.navigate", session, url=url)
    devtools.wait_for("Page.loadEventFired", session)
    evaluated = devtools.call("Runtime.evaluate", session, expression=script, returnByValue=True)
    if "exceptionDetails" in evaluated:
        raise Failure("the measuring script failed: %s" % evaluated["exceptionDetails"].get("text"))
    content = devtools.call("Page.getLayoutMetrics", session)["cssContentSize"]
    shot = devtools.call("Page.captureScreenshot", session, format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": screen["width"],
                               "height": content["height"], "scale": 1})
    with open(screenshot, "wb") as out:
        out.write(base64.b64decode(shot["data"]))
    devtools.call("Target.closeTarget", targetId=target)
    value = evaluated["result"].get("value")
    if not isinstance(value, str):
        raise Failure("the measuring script gave no text")
    return value


def main():
    parser = argparse.ArgumentParser(usage="chart_layout.py [--evident EVIDENT] INPUT EXPECTED OUT_DIR")
    parser.add_argument("--evident")
    parser.add_argument("input")
    parser.add_argument("expected")
    parser.add_argument("out_dir")
    arguments = parser.parse_args()

    browser = find_browser()
    if not browser:
        if os.environ.get("CI") == "true":
            print("error: no chromium installed, and under CI=true an HTML test must run, not skip "
                  "(.ci/dev test installs it)", file=sys.stderr)
            return 1
        print("skipped: no chromium installed", file=sys.stderr)
        return 77

    os.makedirs(arguments.out_dir, exist_ok=True)
    name = os.path.splitext(os.path.basename(arguments.input))[0]
    page = os.path.abspath(arguments.input)
    if arguments.evident:
        page = os.path.abspath(os.path.join(arguments.out_dir, name + ".html"))
        if os.path.exists(page):
            os.remove(page)
        status = subprocess.run([arguments.evident, "report", arguments.input, "--format", "html",
                                 "--output", page]).returncode
        # Exit status 1 only says the result failed its checks, which a report may well show.
        if status > 1 or not os.path.exists(page):
            print("error: '%s report' wrote no report (exit status %d)" % (arguments.evident, status),
                  file=sys.stderr)
            return 1
    with open(os.path.join(HERE, "chart_layout.js"), encoding="utf-8") as source:
        script = source.read()

    measured = ""
    with tempfile.TemporaryDirectory() as scratch:
        devtools = DevTools(browser, scratch)
        try:
            for screen in SCREENS:
                screenshot = os.path.join(arguments.out_dir, "%s-%d.png" % (name, screen["width"]))
                measured += "%s at %d px\n" % ("phone" if screen["mobile"] else "window", screen["width"])
                measured += measure(devtools, "file://" + page, script, screen, screenshot)
        except Failure as failure:
            print("error: %s" % failure, file=sys.stderr)
            with open(os.path.join(scratch, "stderr"), encoding="utf-8", errors="replace") as log:
                sys.stderr.write("".join(log.readlines()[-20:]))
            return 1
        finally:
            devtools.close()

    if os.environ.get("EVIDENT_UPDATE_GOLDEN") == "1":
        with open(arguments.expected, "w", encoding="utf-8") as out:
            out.write(measured)
        return 0
    with open(arguments.expected, encoding="utf-8") as source:
        expected = source.read()
    if measured != expected:
        print("error: the charts of %s are not laid out as %s says:" % (page, arguments.expected),
              file=sys.stderr)
        sys.stderr.writelines(difflib.unified_diff(expected.splitlines(True), measured.splitlines(True),
                                                   "expected", "measured"))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
