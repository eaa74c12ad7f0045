#!/usr/bin/env python3
"""Writes N evidence files into DIR for the memory and speed benchmarks of commands that read many
files: each one run of suite "engine" (from fixtures/evidence/valid/spec-example.json), 5 benchmarks
x 3 metrics x 20 samples, indented, about 11 KB; runs are an hour apart, so none ties.

    python3 tests/bench/evidence_corpus.py N DIR
"""
import datetime
import json
import os
import random
import sys

TEMPLATE = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "evidence", "valid", "spec-example.json")
METRICS = [("wall_time", "s", "lower", 0.1), ("throughput", "MB/s", "higher", 950.0), ("cycles", "count", "lower", 3e8)]


def evidence(template, index, rng):
    run = json.loads(json.dumps(template))
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    run["captured_at"] = (start + datetime.timedelta(hours=index)).strftime("%Y-%m-%dT%H:%M:%SZ")
    run["benchmarks"] = [
        {"name": f"kernel-{b}", "metrics": [
            {"name": name, "unit": unit, "better": better,
             "samples": [round(typical * rng.uniform(0.97, 1.03), 6) for _ in range(20)]}
            for name, unit, better, typical in METRICS]}
        for b in range(5)]
    run.pop("artifacts", None)
    return run


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: evidence_corpus.py N DIR")
    count, directory = int(sys.argv[1]), sys.argv[2]
    os.makedirs(directory, exist_ok=True)
    with open(TEMPLATE, encoding="utf-8") as f:
        template = json.load(f)
    rng = random.Random(15)
    width = len(str(max(count - 1, 0)))
    for i in range(count):
        with open(os.path.join(directory, f"run-{i:0{width}d}.json"), "w", encoding="utf-8") as f:
            json.dump(evidence(template, i, rng), f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
