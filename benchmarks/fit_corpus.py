"""Record or check the image-fit corpus (tests/fit_corpus.py): the sha256 of every output and the
search's decisions, to show that a change to pasha_cli/image/ leaves every output byte as it was.

    python3 benchmarks/fit_corpus.py --write tests/data/fit_corpus.json   # on the code before a change
    python3 benchmarks/fit_corpus.py --check tests/data/fit_corpus.json   # after it: every hash must match

One process, one source at a time (`--jobs 1`): a fit's output does not depend on the load, but on
the libraries' versions, which the record carries (not on the cores). tests/test_fit_corpus.py
runs the same check when its environment is the recorded one.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests import fit_corpus  # noqa: E402  (after the path: run from anywhere)


def main() -> int:
    parser = argparse.ArgumentParser()
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path, metavar="JSON")
    action.add_argument("--check", type=Path, metavar="JSON")
    parser.add_argument("--only", default="", metavar="SUBSTRING", help="only the cases whose name holds it")
    args = parser.parse_args()
    chosen = [case for case in fit_corpus.cases() if args.only in case.name]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pasha-fit-corpus-") as folder:
        results = dict(fit_corpus.run(Path(folder), chosen))
    seconds = time.perf_counter() - started
    if args.write:
        document = {"environment": fit_corpus.environment(), "cases": results}
        args.write.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")
        fitted = sum("sha256" in r for r in results.values())
        print(f"{len(results)} cases ({fitted} written, {len(results) - fitted} refused) in {seconds:.0f} s")
        return 0
    recorded = json.loads(args.check.read_text())
    if recorded["environment"] != fit_corpus.environment():
        print(f"recorded in {recorded['environment']}, this is {fit_corpus.environment()}: not comparable")
        return 2
    differ = [name for name, result in results.items() if recorded["cases"].get(name) != result]
    for name in differ:
        print(f"{name}: recorded {recorded['cases'].get(name)}, now {results[name]}")
    print(f"{len(results) - len(differ)} of {len(results)} cases as recorded ({seconds:.0f} s)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
