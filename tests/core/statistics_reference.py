#!/usr/bin/env python3
"""Reference values for evident's mean, sample stdev and CV%, computed independently of evident.

Each data set is a list of doubles. The reference mean and sample variance (divisor n - 1) are exact
rationals (fractions.Fraction reads every double exactly); the square root is taken with decimal at
50 significant digits and printed to 40. Doubles are printed as exact hex floats, so C++ and this
script read the same numbers.

  statistics_reference.py                    print every data set and its reference values
  statistics_reference.py --check EVIDENT    write the data sets as an evidence history, run
                                             `EVIDENT rolling --format json` on it, compare
                                             (exit 0 when all agree, 1 otherwise)

The values pasted into tests/core/statistics_test.cc come from the first form.
"""

import decimal
import json
import os
import subprocess
import sys
import tempfile
from fractions import Fraction

MASK64 = (1 << 64) - 1
TWO_TO_MINUS_53 = 2.0 ** -53
SEED = 20261206


def splitmix64(state):
    """One step of SplitMix64: returns (next state, output). The C++ test repeats it bit for bit."""
    state = (state + 0x9E3779B97F4A7C15) & MASK64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return state, z ^ (z >> 31)


def uniform_doubles(count, seed=SEED):
    """count doubles in [0, 1), each (output >> 11) * 2^-53: exact, the same in every language."""
    state = seed
    values = []
    for _ in range(count):
        state, output = splitmix64(state)
        values.append((output >> 11) * TWO_TO_MINUS_53)
    return values


def data_sets():
    """The named data sets. Every transformation below is exact or a single rounding (a product by a
    power of two, then one addition), so the C++ test computes the same doubles."""
    well_conditioned = [float(text) for text in
                        ["0.101", "0.102", "0.1", "0.0995", "0.1013", "0.1008", "0.0999", "0.1021"]]
    # Mean 1e12, spread under 1e-3: 1e12 + u * 2^-10 (the ulp at 1e12 is 2^-13).
    large_mean = [1e12 + u * 2.0 ** -10 for u in uniform_doubles(50, SEED + 1)]
    # |mean| / stdev about 1e15: 3 + k * 2^-51 for k in 0..23 (2^-51 is the ulp at 3).
    ratio_1e15 = [3.0 + int(u * 24) * 2.0 ** -51 for u in uniform_doubles(40, SEED + 2)]
    two_values = [0.1, 0.3]
    # 10,000 values 100 + u * 16.
    large_n = [100.0 + u * 16.0 for u in uniform_doubles(10000, SEED + 3)]
    return [
        ("well_conditioned", well_conditioned),
        ("large_mean", large_mean),
        ("ratio_1e15", ratio_1e15),
        ("equal_123_456", [123.456] * 5),
        ("equal_zero", [0.0] * 5),
        ("equal_minus_3", [-3.0] * 4),
        ("two_values", two_values),
        ("large_n", large_n),
    ]


def reference(values):
    """Exact mean and variance, stdev and CV% to 50 digits, as decimal.Decimal (None when undefined)."""
    decimal.getcontext().prec = 50
    exact = [Fraction(v) for v in values]
    n = len(exact)
    mean = sum(exact, Fraction(0)) / n
    to_decimal = lambda q: decimal.Decimal(q.numerator) / decimal.Decimal(q.denominator)
    stdev = cv = None
    if n >= 2:
        variance = sum(((x - mean) ** 2 for x in exact), Fraction(0)) / (n - 1)
        stdev = to_decimal(variance).sqrt()
        if variance == 0:
            cv = decimal.Decimal(0)
        elif mean > 0:
            cv = stdev / to_decimal(mean) * 100
    return to_decimal(mean), stdev, cv


def digits40(value):
    return "undefined" if value is None else format(value, ".40g")


def print_references():
    for name, values in data_sets():
        mean, stdev, cv = reference(values)
        print(f"{name}: n={len(values)} first={values[0].hex()} last={values[-1].hex()}")
        if len(values) <= 8:
            print("  values: " + ", ".join(v.hex() for v in values))
        print(f"  mean  = {digits40(mean)}")
        print(f"  stdev = {digits40(stdev)}")
        print(f"  cv%   = {digits40(cv)}")
        if stdev:
            print(f"  |mean|/stdev = {format(abs(mean) / stdev, '.3g')}")


# Relative agreement asked of evident: 1e-12 on well-conditioned data, 1e-6 when |mean|/stdev
# reaches 1e15; equal samples must be exact.
# large_mean (|mean|/stdev about 3e15) is held to the same 1e-6.
TOLERANCE = {"ratio_1e15": 1e-6, "large_mean": 1e-6}
EXACT = {"equal_123_456", "equal_zero", "equal_minus_3"}
RUNS = 3  # each data set is split across this many runs, which `rolling` pools again


def evidence_run(index, sets):
    """One run holding the index-th of RUNS slices of every data set, as one metric each."""
    metrics = []
    for name, values in sets:
        part = values[index::RUNS]
        if part:
            metrics.append({"name": name, "unit": "s", "better": "lower", "samples": part})
    return {
        "schema_version": "evident/evidence/1",
        "suite": {"name": "reference"},
        "classification": "functional_non_isolated",
        "status": "passed",
        "captured_at": f"2026-12-0{index + 1}T00:00:00Z",
        "host": {"hostname": "reference"},
        "benchmarks": [{"name": "statistics", "metrics": metrics}],
    }


def agrees(observed, expected, name):
    if expected is None:
        return observed is None
    if observed is None:
        return False
    if name in EXACT:
        # Equal samples: the mean is the samples' value, stdev and CV exactly 0 (compared as exact
        # rationals: 50 digits hold every double of these sets exactly).
        return Fraction(observed) == Fraction(expected)
    scale = abs(expected)
    if scale == 0:
        return observed == 0
    error = abs(decimal.Decimal(observed) - expected) / scale
    return error <= decimal.Decimal(TOLERANCE.get(name, 1e-12))


def check(evident):
    sets = data_sets()
    with tempfile.TemporaryDirectory() as history:
        for index in range(RUNS):
            with open(os.path.join(history, f"run-{index}.json"), "w", encoding="utf-8") as out:
                # repr() of a float is the shortest text that reads back as the same double.
                json.dump(evidence_run(index, sets), out)
        completed = subprocess.run([evident, "rolling", "--format", "json", "--window", str(RUNS), history],
                                   capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        print(f"evident rolling exited {completed.returncode}:\n{completed.stdout}{completed.stderr}")
        return 1
    # nlohmann prints doubles as the shortest text that reads back as the same double.
    report = json.loads(completed.stdout)
    observed = {metric["metric"]: metric for metric in report["metrics"]}
    failures = 0
    for name, values in sets:
        metric = observed.get(f"reference/statistics/{name}")
        if metric is None or metric["n"] != len(values):
            print(f"FAIL {name}: missing or wrong n in {metric}")
            failures += 1
            continue
        for field, expected in zip(("mean", "stdev", "cv_percent"), reference(values)):
            got = metric[field]
            verdict = "ok  " if agrees(got, expected, name) else "FAIL"
            failures += verdict == "FAIL"
            error = ""
            if got is not None and expected:
                error = f" (relative error {format(abs(decimal.Decimal(got) - expected) / abs(expected), '.1e')})"
            print(f"{verdict} {name} {field}: evident {got!r}, reference {digits40(expected)}{error}")
    return 1 if failures else 0


def main(argv):
    if len(argv) == 1:
        print_references()
        return 0
    if len(argv) == 3 and argv[1] == "--check":
        return check(argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
