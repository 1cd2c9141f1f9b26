"""Hostile-config benchmark: every hostile [[maintenance]] recurrence of tests/hostile_rrules.py through
`pasha validate` (a fresh process each, as pre-commit runs it), seconds per case and the exit code.

Each case must end quickly with exit 2 (the rule is refused, naming its line); a case that runs
past --timeout is killed and shown as TIMEOUT (a main before issue 10 hangs on FREQ=SECONDLY and
spends seconds on a rule that never matches). Two good rules and no rule at all are the baseline.

    python3 benchmarks/hostile_config.py [--runs 3] [--timeout 30] [--code PATH_OF_ANOTHER_CHECKOUT]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import REPO, precompile

sys.path.insert(0, str(REPO))
from tests.hostile_rrules import HOSTILE_RRULES, START, config_for

BASELINE = [
    ("good-weekly", START, "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "PT5H"),
    ("good-daily-no-end", START, "FREQ=DAILY", "PT1H"),
]
DRAFT = "account: x\npublish_at: 2030-04-16 10:00\nbody: こんにちは\n"


def run_once(code: Path, folder: Path, timeout: float) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(code), "PASHA_LANG": "en", "PASHA_CACHE_DIR": str(folder / "cache")}
    began = time.perf_counter()
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pasha_cli",
                "validate",
                "--config",
                str(folder / "pasha.toml"),
                "--now",
                "2030-03-01 12:00",
            ],
            env=env,
            cwd=folder,
            capture_output=True,
            timeout=timeout,
        )  # cwd: `-m` puts it first on sys.path, before PYTHONPATH
    except subprocess.TimeoutExpired:
        return time.perf_counter() - began, "TIMEOUT"
    return time.perf_counter() - began, str(done.returncode)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--code", type=Path, default=REPO, help="the checkout whose pasha_cli runs (default: this one)")
    options = parser.parse_args()
    precompile()
    cases = [(*c[:4],) for c in BASELINE] + [(c[0], c[1], c[2], c[3]) for c in HOSTILE_RRULES]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, start, rrule, duration in cases:
            folder = Path(tmp) / name
            (folder / "posts").mkdir(parents=True)
            (folder / "posts" / "a.yaml").write_text(DRAFT, "utf-8")
            (folder / "pasha.toml").write_text(config_for(start, rrule, duration), "utf-8")
            times, codes = [], set()
            for _ in range(options.runs):
                seconds, code = run_once(options.code, folder, options.timeout)
                times.append(seconds)
                codes.add(code)
                if code == "TIMEOUT":
                    break
            rows.append((name, statistics.median(times), max(times), "/".join(sorted(codes))))
    width = max(len(r[0]) for r in rows)
    print(f"{'case':<{width}}  median s  max s  exit")
    for name, median, most, codes in rows:
        print(f"{name:<{width}}  {median:8.3f}  {most:5.3f}  {codes}")
    hostile = [r for r in rows if r[0] not in {b[0] for b in BASELINE}]
    print(
        f"\n{len(hostile)} hostile cases: slowest {max(r[2] for r in hostile):.3f} s, "
        f"median {statistics.median(r[1] for r in hostile):.3f} s"
    )


if __name__ == "__main__":
    main()
