"""Time bound per hostile case: every command over the hostile project of tests/hostile_corpus.py,
and `pasha validate` on each hostile draft and image alone, through the installed CLI.

A case over the bound (default 10 s) is reported and the script exits 1: no draft, image, config
or file name may stall a run. The tests assert the behaviour; this script measures the time.

    python3 benchmarks/hostile.py [--bound 10]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import REPO, precompile

sys.path.insert(0, str(REPO))
from tests import hostile_corpus

NOW = "2030-03-01 12:00"
COMMANDS = [
    ["validate"],
    ["validate", "--format", "sarif"],
    ["validate", "--format", "github"],
    ["calendar", "--month", "2030-04"],
    ["ics"],
    ["slots", "--account", "free"],
    ["export", "-o", "{out}/bundle.zip"],
    ["new", "--account", "free", "-o", "{out}/n.yaml"],
]


def timed(argv: list[str], cwd: Path) -> tuple[float, int]:
    env = {**os.environ, "PASHA_NOW": NOW, "PASHA_LANG": "en", "NO_COLOR": "1", "PASHA_NO_CACHE": "1"}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pasha_cli", *argv], cwd=cwd, env=env, capture_output=True, timeout=600
    )
    return time.perf_counter() - start, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bound", type=float, default=10.0, help="seconds allowed per case")
    args = parser.parse_args()
    precompile()
    over = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        root.mkdir()
        out = Path(tmp) / "out"
        out.mkdir()
        hostile_corpus.build(root)
        cases = [(" ".join(c), [a.format(out=out) for a in c]) for c in COMMANDS]
        cases += [(f"validate {name}", ["validate", "--", f"posts/{name}"]) for name in sorted(hostile_corpus.DRAFTS)]
        cases += [
            (f"image check {name}", ["image", "check", "--as", "timeline", "--", f"posts/{name}"])
            for name in sorted(hostile_corpus.IMAGES)
        ]
        cases += [
            (
                f"image fit {name}",
                ["image", "fit", f"posts/{name}", "-o", str(out / f"{name}.out.jpg"), "--as", "timeline", "--force"],
            )
            for name in sorted(hostile_corpus.IMAGES)
        ]
        print(f"{'case':<60} {'seconds':>8}  exit")
        for label, argv in cases:
            seconds, code = timed(argv, root)
            flag = "  OVER" if seconds > args.bound or code == 3 else ""
            print(f"{label[:60]:<60} {seconds:8.2f}  {code}{flag}")
            if flag:
                over.append(label)
    print(
        f"\n{len(cases)} cases, {len(over)} over {args.bound:g} s or exit 3" + (f": {', '.join(over)}" if over else "")
    )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
