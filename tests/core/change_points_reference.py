#!/usr/bin/env python3
"""The change points of `evident rolling --change-points` against an implementation written apart
from evident's: the divergence of every split summed straight from its definition (O(n^2) pairs per
split), the p-value from scipy.stats.ttest_ind (Student's, pooled variance), and the split-then-merge
scheme as docs/change-points.md states it.
  change_points_reference.py EVIDENT    write constructed series as an evidence history, run
                                        EVIDENT rolling --change-points --format json with several
                                        parameters, compare every change point; and check the known
                                        shifts are where they were put (exit 0 when all agree)
"""
import json
import math
import os
import random
import subprocess
import sys
import tempfile

from scipy.stats import ttest_ind

RUNS = 130  # runs of the history; a series of n points is in the newest n of them


def mean(values):
    return sum(values) / len(values)


def divergence(segment, tau):
    """q(tau) of Matteson and James with alpha 1, from the three sums of distances as defined."""
    x, y = segment[:tau], segment[tau:]
    n, m = len(x), len(y)
    across = sum(abs(a - b) for a in x for b in y)
    within_x = sum(abs(x[i] - x[k]) for i in range(n) for k in range(i + 1, n))
    within_y = sum(abs(y[j] - y[k]) for j in range(m) for k in range(j + 1, m))
    energy = 2.0 * across / (n * m) - within_x / (n * (n - 1) / 2) - within_y / (m * (m - 1) / 2)
    return n * m / (n + m) * energy


def t_p(left, right):
    if len(set(left)) == 1 and len(set(right)) == 1:
        # No spread on either side: SciPy divides 0 by 0 (nan) or gives 0; the documented rule.
        return 1.0 if left[0] == right[0] else 0.0
    return float(ttest_ind(left, right).pvalue)


def divide(window, max_p):
    """E-divisive within one window: the split of largest divergence, kept while significant."""
    bounds = [0, len(window)]
    found = []
    while True:
        best = None  # (q, index, from, to)
        for a, b in zip(bounds, bounds[1:]):
            for tau in range(2, b - a - 1):
                q = divergence(window[a:b], tau)
                if q > 0 and (best is None or q > best[0]):
                    best = (q, a + tau, a, b)
        if best is None:
            return found
        _, index, a, b = best
        if not t_p(window[a:index], window[index:b]) < max_p:
            return found
        found.append(index)
        bounds = sorted(bounds + [index])


def stats(series, start, index, end):
    left, right = series[start:index], series[index:end]
    before, after = mean(left), mean(right)
    change = None if before == 0 else (after - before) / abs(before) * 100.0
    return {"index": index, "mean_before": before, "mean_after": after, "change_percent": change,
            "p": t_p(left, right)}


def magnitude(point):
    return math.inf if point["change_percent"] is None else abs(point["change_percent"])


def change_points(series, max_p, min_change, window):
    n = len(series)
    if n < 4 or window < 4:
        return []
    split_p = min(1.0, max_p * 10)
    indexes = set()
    start = 0
    while True:
        end = min(start + window, n)
        found = [start + i for i in divide(series[start:end], split_p)]
        indexes.update(found)
        if end == n:
            break
        start = max(max(found, default=0), start + window // 2)
    indexes = sorted(indexes)
    bounds = lambda points, i: (0 if i == 0 else points[i - 1]["index"],
                                n if i + 1 == len(points) else points[i + 1]["index"])
    points = [{"index": i} for i in indexes]
    points = [stats(series, *(lambda b: (b[0], p["index"], b[1]))(bounds(points, k))) for k, p in enumerate(points)]
    while points:
        weakest = max(range(len(points)), key=lambda k: (points[k]["p"], -k))
        if points[weakest]["p"] < max_p:
            weakest = min(range(len(points)), key=lambda k: (magnitude(points[k]), k))
            if magnitude(points[weakest]) >= min_change:
                break
        del points[weakest]
        for k in (weakest - 1, weakest):
            if 0 <= k < len(points):
                start, end = bounds(points, k)
                points[k] = stats(series, start, points[k]["index"], end)
    return points


def series_set():
    """The constructed series: name -> (values, the known shifts or None where none is claimed)."""
    rng = random.Random(20261206)
    noise = lambda level, count, spread=1.0: [level + rng.gauss(0, spread) for _ in range(count)]
    single = noise(100, 40) + noise(112, 40)
    several = noise(50, 35) + noise(60, 30) + noise(45, 40) + noise(55, 25)
    none = noise(200, 120, 3.0)
    early = noise(10, 3) + noise(14, 57, 0.5)
    trend = [100 + 0.2 * i + rng.gauss(0, 0.5) for i in range(100)]
    outliers = noise(30, 70, 0.5)
    for at in (9, 30, 51):
        outliers[at] += 25
    step_with_outliers = noise(30, 45, 0.5) + noise(36, 45, 0.5)
    for at in (12, 60):
        step_with_outliers[at] -= 20
    higher_better = noise(900, 50, 5) + noise(800, 10, 5)  # throughput falls in the newest runs
    return {
        "single": (single, [40]),
        "several": (several, [35, 65, 105]),
        "none": (none, []),
        "early": (early, [3]),
        "trend": (trend, None),
        "outliers": (outliers, []),
        "step_with_outliers": (step_with_outliers, [45]),
        "throughput": (higher_better, [50]),
    }


def write_history(directory, sets):
    for run in range(RUNS):
        metrics = []
        for name, (values, _) in sets.items():
            at = run - (RUNS - len(values))
            if at >= 0:
                better = "higher" if name == "throughput" else "lower"
                metrics.append({"name": name, "unit": "ms", "better": better, "value": values[at]})
        document = {
            "schema_version": "evident/evidence/1",
            "suite": {"name": "cp", "commit": format(0xc0ffee000 + run, "x")},
            "classification": "functional_non_isolated",
            "status": "passed",
            "captured_at": f"2026-01-01T{run // 60:02d}:{run % 60:02d}:00Z",
            "host": {"hostname": "reference"},
            "benchmarks": [{"name": "series", "metrics": metrics}],
        }
        with open(os.path.join(directory, f"run-{run:03d}.json"), "w") as out:
            json.dump(document, out)


def close(a, b, tolerance):
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def compare(evident, directory, sets, flags, max_p, min_change, window):
    process = subprocess.run([evident, "rolling", directory, "--format", "json", "--enforce", "soft",
                              "--change-points", *flags], capture_output=True, text=True)
    if process.returncode != 0:
        print(f"evident exited {process.returncode}: {process.stderr}")
        return 1
    report = json.loads(process.stdout)
    problems = 0
    by_metric = {m["metric"]: m for m in report["metrics"]}
    for name, (values, _) in sets.items():
        metric = by_metric[f"cp/series/{name}"]
        expected = change_points(values, max_p, min_change, window)
        observed = metric["change_points"]
        found = [p["index"] for p in observed]
        if found != [p["index"] for p in expected]:
            print(f"{name} {flags}: evident found {found}, the reference {[p['index'] for p in expected]}")
            problems += 1
            continue
        first_run = RUNS - len(values)
        for want, got in zip(expected, observed):
            run = first_run + want["index"]
            checks = [
                ("source", got["source"] == os.path.join(directory, f"run-{run:03d}.json")),
                ("commit", got["commit"] == format(0xc0ffee000 + run, "x")),
                ("mean_before", close(got["mean_before"], want["mean_before"], 1e-12)),
                ("mean_after", close(got["mean_after"], want["mean_after"], 1e-12)),
                ("change_percent", close(got["change_percent"], want["change_percent"], 1e-9)),
                ("p", close(got["p"], want["p"], 1e-6)),
                ("worse", got["worse"] == ((want["mean_after"] < want["mean_before"]) if name == "throughput"
                                           else (want["mean_after"] > want["mean_before"]))),
            ]
            for what, ok in checks:
                if not ok:
                    print(f"{name} {flags} at {want['index']}: {what} {got} against {want}")
                    problems += 1
        print(f"{name} {flags}: {found} as the reference")
    return problems


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    evident = sys.argv[1]
    sets = series_set()
    problems = 0
    # Defaults: the known shifts are where they were put, and nowhere else.
    for name, (values, shifts) in sets.items():
        found = [p["index"] for p in change_points(values, 0.001, 0.0, 50)]
        if shifts is not None and found != shifts:
            print(f"reference on {name}: found {found}, the series was built with {shifts}")
            problems += 1
    with tempfile.TemporaryDirectory() as directory:
        write_history(directory, sets)
        problems += compare(evident, directory, sets, [], 0.001, 0.0, 50)
        problems += compare(evident, directory, sets, ["--cp-window", "20", "--max-p", "0.01", "--min-change", "5"],
                            0.01, 5.0, 20)
        problems += compare(evident, directory, sets, ["--cp-window", "130", "--max-p", "0.0001"], 0.0001, 0.0, 130)
    print("agree" if problems == 0 else f"{problems} disagreements")
    return 0 if problems == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
