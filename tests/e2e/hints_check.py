#!/usr/bin/env python3
"""Every hint of the golden cases is something evident accepts.

Collects each `hint:` and `fix:` of tests/e2e/cases/*/expected_{stdout,stderr} (and each "hint" of
the JSON outputs) and checks it by the rule below that matches it first:

- a suggested evident command with concrete arguments is run in a scratch copy of the repository
  and must exit 0; what it writes (a baseline, imported evidence) must validate;
- a suggested edit that can be made mechanically is made to the file the finding names, in the
  scratch copy, and the case is run again: the finding must be gone;
- a hint that acts on a host, a CI runner or a benchmark (cpupower, the kernel command line, runner
  labels, "rerun") cannot be run here and is listed as such, with the reason.

A hint no rule matches fails the test, so a new hint is classified when it is added.
Usage: hints_check.py EVIDENT (run from the repository root).
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

ROOT = os.getcwd()
CASES = os.path.join(ROOT, "tests", "e2e", "cases")
LOCATED = re.compile(r"^(?P<file>\S.*?):(?P<line>\d+):(?P<col>\d+): (?:error|warning)\[(?P<code>[^\]]+)\]")
HINT_LINE = re.compile(r"^\s+(?:hint|fix): (?P<text>.*)$")
JSON_HINT = re.compile(r'"hint": ("(?:[^"\\]|\\.)*")')

# Hints that act outside what a test can do here: the reason is the whole check.
NOT_MECHANICAL = [
    (r"cpupower |echo [01] > |isolcpus=|setarch -R|take it offline", "changes a host's kernel settings"),
    (r"config\.sh --labels|runs-on|self-hosted runner", "changes a CI runner"),
    (r"^rerun |^fix the |^keep other work|^stop |^run on a host|^run the benchmark|^make .*readable|"
     r"^let the producer|^make the runner's identity|^record |^pin |^keep the gate soft|^find what changed|"
     r"^convert the values|^run cargo bench|^re-run `evident doctor",
     "acts on a benchmark, its host or its producer"),
    (r"^in Bencher, ", "a setting of Bencher, another tool"),
    (r"^export one run|^export each suite|^add \"change_points\": true, or remove|"
     r"^remove \"[^\"]+\" from required_advisories or from rules",
     "a choice between inputs or settings, each checked by its own case"),
    (r"^claim |^this run meets|^fix each failed rule", "a choice between claims, each checked by its own case"),
    (r"^keep exactly one|^remove the empty line|^make one key|^check the |^set \"mode\"|^write |"
     r"^put its descriptor|^re-encode|^point evident|^raise the limit|^gate against|^a metric keeps|"
     r"^record the metric|^make every run|^keep each run's|^report the baseline's unit|^give |^say which|"
     r"^take the snapshot|^this build knows|^\"\w+\" is field|^RFC 4180|^go |^Catch2 |"
     r"^[A-Z].*\.$|^name the format|^schemas/|^$",
     "says what is wrong or what the value must look like; no single edit follows from it"),
]


def run(args, cwd, stdin=None):
    return subprocess.run(args, cwd=cwd, input=stdin, capture_output=True, text=True)


def collect():
    """(case, hint, located diagnostic before it or None) for every hint of every case."""
    found = []
    for case in sorted(os.listdir(CASES)):
        for name in ("expected_stdout", "expected_stderr"):
            path = os.path.join(CASES, case, name)
            if not os.path.exists(path):
                continue
            located = None
            with open(path, encoding="utf-8", errors="replace") as f:
                for line in f:
                    m = LOCATED.match(line)
                    if m:
                        located = m
                        continue
                    h = HINT_LINE.match(line)
                    if h:
                        found.append((case, h.group("text"), located))
                        continue
                    for j in JSON_HINT.finditer(line):
                        found.append((case, json.loads(j.group(1)), None))
    return found


def case_args(case):
    with open(os.path.join(CASES, case, "args"), encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.rstrip("\n") != ""]


SCRATCH = None


class scratch_copy:
    """The scratch copy of fixtures/ and schemas/ (made once), with the files a check writes or
    edits put back as they were when it ends."""

    def __init__(self, *touched):
        global SCRATCH
        if SCRATCH is None:
            SCRATCH = tempfile.mkdtemp(prefix="evident-hints-")
            for part in ("fixtures", "schemas"):
                shutil.copytree(os.path.join(ROOT, part), os.path.join(SCRATCH, part), symlinks=True)
        self.saved = {}
        for path in touched:
            full = os.path.join(SCRATCH, path)
            self.saved[full] = None
            if os.path.exists(full):
                with open(full, "rb") as f:
                    self.saved[full] = f.read()

    def __enter__(self):
        return SCRATCH

    def __exit__(self, *exc):
        for full, content in self.saved.items():
            if content is None:
                if os.path.exists(full):
                    os.remove(full)
            else:
                with open(full, "wb") as f:
                    f.write(content)


def suggested_commands(hint):
    """The evident commands of a hint, with concrete arguments (no placeholder in capitals)."""
    commands = []
    for m in re.finditer(r"evident (?:baseline|import) .*?(?=$|, or evident| \(| \)|; )", hint):
        words = shlex.split(m.group(0))
        if any(re.fullmatch(r"[A-Z]+", w) for w in words) or not any("/" in w for w in words):
            continue  # a placeholder, or an option named without the file it applies to
        commands.append(words)
    return commands


def check_command(evident, words, failures, case):
    output = words[words.index("--output") + 1] if "--output" in words else "imported.json"
    with scratch_copy(output) as scratch:
        result = run([evident] + words[1:], scratch)
        # Exit 1 is an import of a run that failed: the evidence is written, marked failed.
        imported_failed_run = words[1] == "import" and result.returncode == 1 and "status failed" in result.stderr
        if result.returncode != 0 and not imported_failed_run:
            failures.append(f"{case}: `{shlex.join(words)}` exits {result.returncode}: {result.stderr[:400]}")
            return
        written = None
        if "--output" in words:
            written = words[words.index("--output") + 1]
        elif words[1] == "import":
            written = "imported.json"
            with open(os.path.join(scratch, written), "w", encoding="utf-8") as f:
                f.write(result.stdout)
        if written:
            check = run([evident, "validate", written], scratch)
            if check.returncode != 0:
                failures.append(f"{case}: what `{shlex.join(words)}` wrote does not validate: {check.stdout[:400]}")


def replace_token(text, line, col, replacement):
    """text with the token at 1-based line and column (code points) replaced: a JSON string, or a
    bare word up to the next comma, quote or end of line."""
    lines = text.split("\n")
    row = lines[line - 1]
    start = col - 1
    if row[start:start + 1] == '"':
        end = start + 1
        while row[end] != '"':
            end += 2 if row[end] == "\\" else 1
        lines[line - 1] = row[:start] + json.dumps(replacement) + row[end + 1:]
    else:
        end = start
        while end < len(row) and row[end] not in ',"\r':
            end += 1
        lines[line - 1] = row[:start] + replacement + row[end:]
    return "\n".join(lines)


def check_did_you_mean(evident, case, suggestion, located, failures):
    if located is None:
        return "names a value of a command-line option or of a whole document; the case shows it"
    with scratch_copy(located.group("file")) as scratch:
        path = os.path.join(scratch, located.group("file"))
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(replace_token(text, int(located.group("line")), int(located.group("col")), suggestion))
        result = run([evident] + case_args(case), scratch)
        still = f'{located.group("file")}:{located.group("line")}:{located.group("col")}: '
        for line in result.stdout.splitlines():
            if line.startswith(still) and f'[{located.group("code")}]' in line:
                failures.append(f"{case}: after the edit to \"{suggestion}\", {line}")
    return None


def check_nan_hint(evident, failures):
    """A NaN in samples is refused with the hint; the evidence with it left out and marked failed
    validates."""
    with scratch_copy("nan.json", "failed.json") as scratch:
        source = os.path.join(scratch, "fixtures", "evidence", "valid", "spec-example.json")
        with open(source, encoding="utf-8") as f:
            evidence = json.load(f)
        samples = evidence["benchmarks"][0]["metrics"][0]["samples"]
        with_nan = json.dumps(evidence, indent=2).replace(
            json.dumps(samples[-1]), json.dumps(samples[-1]) + ", NaN", 1)
        with open(os.path.join(scratch, "nan.json"), "w", encoding="utf-8") as f:
            f.write(with_nan)
        refused = run([evident, "validate", "nan.json"], scratch)
        if "json.nan_infinity" not in refused.stdout or "leave a failed measurement out" not in refused.stdout:
            failures.append(f"a NaN sample is not refused with the hint: {refused.stdout}")
        evidence["status"] = "failed"
        with open(os.path.join(scratch, "failed.json"), "w", encoding="utf-8") as f:
            json.dump(evidence, f, indent=2)
        accepted = run([evident, "validate", "failed.json"], scratch)
        if accepted.returncode != 0:
            failures.append(f"the evidence the NaN hint asks for does not validate: {accepted.stdout[:400]}")


def main():
    evident = os.path.abspath(sys.argv[1])
    failures = []
    checked = {"command": 0, "edit": 0, "listed": 0}
    seen = set()
    for case, hint, located in collect():
        key = hint if suggested_commands(hint) else (hint, located.group(0) if located else None)
        if key in seen:
            continue
        seen.add(key)
        commands = suggested_commands(hint)
        if commands:
            for words in commands:
                check_command(evident, words, failures, case)
            checked["command"] += 1
            continue
        m = re.fullmatch(r'did you mean "(.+)"\?', hint)
        if m:
            if check_did_you_mean(evident, case, m.group(1), located, failures) is None:
                checked["edit"] += 1
            else:
                checked["listed"] += 1
            continue
        if hint.startswith('leave a failed measurement out of "samples"'):
            check_nan_hint(evident, failures)
            checked["edit"] += 1
            continue
        if any(re.search(pattern, hint) for pattern, _ in NOT_MECHANICAL):
            checked["listed"] += 1
            continue
        failures.append(f"{case}: a hint no rule checks (add a rule to tests/e2e/hints_check.py): {hint}")
    if SCRATCH is not None:
        shutil.rmtree(SCRATCH)
    for failure in failures:
        print("FAIL", failure)
    print(f"hints: {checked['command']} run as commands, {checked['edit']} applied as edits, "
          f"{checked['listed']} listed as not mechanical; {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
