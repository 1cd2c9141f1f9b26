"""Write the golden reports in tests/golden/ anew from examples/: `python3 -m tests.regenerate_golden`.

Run it after a change that is meant to alter the reports (a new rule, a new broken example), then read the
diff of tests/golden/ before committing it: the goldens are what the tests compare every reporter with.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
GOLDEN = REPO / "tests" / "golden"
BROKEN_NOW = "2026-11-22 12:00"  # as tests/test_cli.py


def main() -> None:
    os.environ.setdefault("PASHA_CACHE_DIR", tempfile.mkdtemp(prefix="pasha-golden-"))
    from tests.conftest import run

    broken = ["validate", str(EXAMPLES / "broken"), "--now", BROKEN_NOW]
    outputs = {
        "broken.json": run([*broken, "--format", "json"]),
        "broken.ja.txt": run([*broken, "--lang", "ja"]),
        "examples-2030-04-01.json": run(["validate", str(EXAMPLES), "--format", "json", "--now", "2030-04-01 12:00"]),
    }
    for fmt, name in (("github", "broken.github.txt"), ("sarif", "broken.sarif"), ("junit", "broken.junit.xml")):
        outputs[name] = run([*broken, "--format", fmt], env={"GITHUB_WORKSPACE": str(REPO)})
    for name, result in outputs.items():
        (GOLDEN / name).write_text(result.stdout, "utf-8")
    print(json.loads(outputs["broken.json"].stdout)["summary"])


if __name__ == "__main__":
    main()
