#!/usr/bin/env python3
"""evident gate's adjusted p-values against SciPy and statsmodels, computed independently of evident.

  correction_reference.py EVIDENT

Writes a baseline run and a current run of 40 metrics (10 samples a side, drawn with Python's own
seeded generator: some unchanged, some slower by various amounts, three with too few samples to be
tested), makes the baseline with `EVIDENT baseline`, and runs `EVIDENT gate --format json` with
--correction holm, bh and none. For each run of the gate it checks:
  - every raw p_value against scipy.stats.mannwhitneyu (exact, two-sided);
  - every p_adjusted against statsmodels' multipletests (holm, fdr_bh), and against the formulas
    written out below, over the metrics whose test decides;
  - every verdict: regression when the change is beyond tolerance and the adjusted p < alpha,
    noise when it is beyond tolerance but not.
Exit 0 when all agree, 1 otherwise.
"""

import json
import os
import random
import subprocess
import sys
import tempfile

from scipy.stats import mannwhitneyu
from statsmodels.stats.multitest import multipletests

ALPHA = 0.05
RELATIVE = 0.01


def evidence(captured_at, metrics):
    return {
        "schema_version": "evident/evidence/1",
        "suite": {"name": "ref"},
        "classification": "functional_non_isolated",
        "status": "passed",
        "captured_at": captured_at,
        "host": {},
        "benchmarks": [{"name": "b", "metrics": [
            {"name": name, "unit": "ms", "better": "lower", "samples": samples} for name, samples in metrics]}],
    }


def make_runs(seed):
    rng = random.Random(seed)
    before, after = [], []
    for i in range(40):
        n = 3 if i >= 37 else 10  # the last three: 3 vs 3, never testable
        shift = [0.0, 0.0, 0.0, 0.3, 0.6, 1.0, 2.0, 4.0][i % 8]
        # Rounded to 9 digits, distinct within a metric: no ties, so the exact test applies.
        base = [round(100 + rng.gauss(0, 1), 9) for _ in range(n)]
        now = [round(100 + shift + rng.gauss(0, 1), 9) for _ in range(n)]
        assert len(set(base + now)) == 2 * n
        name = "m%02d" % i
        before.append((name, base))
        after.append((name, now))
    return before, after


def holm(p):
    """Holm's step-down adjustment, written out."""
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    adjusted, running = [0.0] * m, 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[i]))
        adjusted[i] = running
    return adjusted


def bh(p):
    """Benjamini-Hochberg, written out."""
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    adjusted, running = [0.0] * m, 1.0
    for rank in range(m - 1, -1, -1):
        i = order[rank]
        running = min(running, min(1.0, m * p[i] / (rank + 1)))
        adjusted[i] = running
    return adjusted


def close(a, b):
    return abs(a - b) <= 1e-12 * max(1.0, abs(b))


def check(evident, workdir, seed):
    before, after = make_runs(seed)
    samples = {}
    for name, values in before:
        samples[name] = [values]
    for name, values in after:
        samples[name].append(values)
    paths = {}
    for label, run, when in (("before", before, "2026-11-20T10:00:00Z"), ("after", after, "2026-11-21T10:00:00Z")):
        paths[label] = os.path.join(workdir, "%s-%d.json" % (label, seed))
        with open(paths[label], "w") as out:
            json.dump(evidence(when, run), out)
    baseline = os.path.join(workdir, "baseline-%d.json" % seed)
    subprocess.run([evident, "baseline", paths["before"], "--output", baseline, "--force"], check=True,
                   stdout=subprocess.DEVNULL)
    failures = 0
    for correction in ("holm", "bh", "none"):
        result = subprocess.run([evident, "gate", "--baseline", baseline, "--relative", str(RELATIVE), "--correction",
                                 correction, "--format", "json", paths["after"]], stdout=subprocess.PIPE, check=False)
        report = json.loads(result.stdout)
        if report.get("correction") != correction:
            print("seed %d %s: report says correction %r" % (seed, correction, report.get("correction")))
            failures += 1
        checks = {c["metric"].split("/")[-1]: c for c in report["checks"]}
        family = sorted(name for name, (base, now) in samples.items() if len(base) >= 4)
        raw = []
        for name in family:
            base, now = samples[name]
            reference = mannwhitneyu(base, now, alternative="two-sided", method="exact").pvalue
            if not close(checks[name]["p_value"], reference):
                print("seed %d %s %s: p_value %r, scipy %r" % (seed, correction, name, checks[name]["p_value"],
                                                             reference))
                failures += 1
            raw.append(reference)
        if correction == "none":
            expected = raw
            library = raw
        else:
            expected = holm(raw) if correction == "holm" else bh(raw)
            library = list(multipletests(raw, alpha=ALPHA, method="holm" if correction == "holm" else "fdr_bh")[1])
        for name, mine, theirs in zip(family, expected, library):
            got = checks[name]["p_adjusted"]
            if not close(mine, theirs) or got is None or not close(got, theirs) or checks[name]["family"] != len(family):
                print("seed %d %s %s: p_adjusted %r (family %r), statsmodels %r, formula %r" % (
                    seed, correction, name, got, checks[name]["family"], theirs, mine))
                failures += 1
            base, now = samples[name]
            median_before, median_after = sorted(base)[len(base) // 2 - 1:len(base) // 2 + 1], \
                sorted(now)[len(now) // 2 - 1:len(now) // 2 + 1]
            worsening = sum(median_after) / 2 - sum(median_before) / 2
            beyond = worsening > RELATIVE * abs(sum(median_before) / 2)
            if worsening < 0:
                verdict = "improvement"
            elif not beyond:
                verdict = "pass"
            else:
                verdict = "regression" if theirs < ALPHA else "noise"
            if checks[name]["status"] != verdict:
                print("seed %d %s %s: status %r, expected %r" % (seed, correction, name, checks[name]["status"],
                                                               verdict))
                failures += 1
        for name in samples:
            if name not in family and checks[name]["p_adjusted"] is not None:
                print("seed %d %s %s: adjusted outside the family" % (seed, correction, name))
                failures += 1
    return failures


def main(argv):
    if len(argv) != 2:
        print(__doc__)
        return 2
    failures = 0
    with tempfile.TemporaryDirectory() as workdir:
        for seed in (1, 2, 3, 4, 5):
            failures += check(argv[1], workdir, seed)
    print("correction reference: %s" % ("all agree" if failures == 0 else "%d disagreements" % failures))
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
