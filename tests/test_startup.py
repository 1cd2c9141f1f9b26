"""Start-up: what each command imports. Heavy libraries load in the functions that use them and
commands load when they run, so a command imports only what its work needs (timed in
benchmarks/startup.py, guarded here). Each case runs pasha in a fresh interpreter and compares
the modules it added to sys.modules with the table."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.conftest import BASE_CONFIG, NOW, jpeg_bytes

PROBE = """\
import json, sys
already = set(sys.modules)  # whatever this machine's site imports at start-up
from pasha_cli.cli import main
try:
    main(json.loads(sys.argv[1]))
except SystemExit as exc:
    code = exc.code
print(json.dumps([code, sorted(set(sys.modules) - already)]))
"""

DRAFT = "account: free\npublish_at: 2030-04-16 10:00\nbody: 春の新作です。\n"
LINKED = DRAFT + "link: https://item.rakuten.co.jp/x/\n"

# libraries every planning or checking command may do without
HEAVY = (
    "PIL",
    "jsonschema",
    "rich",
    "holidays",
    "regex",
    "icalendar",
    "dateutil",
    "openpyxl",
    "ada_url",
    "yaml",
    "sudachipy",
)
# the other commands' modules: a trailing dot names a package's modules
IMAGE_WORK = ("pasha_cli.image.fit", "pasha_cli.image.budget", "pasha_cli.commands.image_fit")
PLAN_VIEWS = ("pasha_cli.plan.calendar", "pasha_cli.plan.ics", "pasha_cli.plan.export", "pasha_cli.plan.manifest")
OTHER_RULES = tuple(f"pasha_cli.rules.{family}" for family in ("body", "files", "links", "plan", "schedule"))
# what image fit and image check need no module of outside a project: its config, time zones, calendars
OUTSIDE_A_PROJECT = (
    "pasha_cli.project.config",
    "pasha_cli.timeutil",
    "jsonschema",
    "rich",
    "yaml",
    "holidays",
    "pasha_cli.engine",
)
# the config alone: a maintenance command reads no draft and no image (jsonschema checks the config)
NO_DRAFTS = (*(name for name in HEAVY if name != "jsonschema"), "pasha_cli.engine", "pasha_cli.project.drafts")
COMMANDS = tuple(
    f"pasha_cli.commands.{name}" for name in ("validate", "rules", "deadline", "image", "scaffold", "export")
)


class Case(NamedTuple):
    id: str
    argv: list[str]
    where: str  # "project": a draft and an image; "linked": a draft with a link; "outside": no project
    code: int  # the exit code: the command did its work, not an early refusal
    absent: tuple[str, ...]  # modules it must not import
    present: tuple[str, ...] = ()  # modules its work needs (the table is not vacuous)


CASES = [
    Case(
        "validate a YAML draft",
        ["validate", "posts/a.yaml"],
        "project",
        0,
        ("PIL", "rich", "icalendar", "openpyxl", "ada_url", "pasha_cli.plan.", *IMAGE_WORK, "subprocess", "sudachipy"),
        ("yaml", "jsonschema", "pasha_cli.engine"),
    ),
    Case("validate a draft with a link", ["validate", "posts/a.yaml"], "linked", 0, ("PIL", "rich"), ("ada_url",)),
    Case(
        "the hook on a commit of none of ours",
        ["validate", "--pre-commit", "--"],
        "project",
        0,
        (*HEAVY, "pasha_cli.engine", "pasha_cli.rules", "pasha_cli.project.config", "pasha_cli.project.drafts"),
    ),
    Case(
        "rules",
        ["rules"],
        "outside",
        0,
        (*HEAVY, "pasha_cli.engine", "pasha_cli.plan."),
        OTHER_RULES,
    ),
    Case("rules CODE", ["rules", "PSH101"], "outside", 0, (*HEAVY, "pasha_cli.engine", "pasha_cli.plan.")),
    Case(
        "deadline",
        ["deadline", "2030-04-16"],
        "outside",
        0,
        (
            "pasha_cli.project.config",
            "yaml",
            "PIL",
            "jsonschema",
            "rich",
            "icalendar",
            "openpyxl",
            "regex",
            "pasha_cli.engine",
            "pasha_cli.project.drafts",
        ),
        ("holidays",),
    ),
    Case(
        "deadline in a project", ["deadline", "2030-04-16"], "project", 0, ("yaml", "PIL", "rich", "pasha_cli.engine")
    ),
    Case(
        "image check",
        ["image", "check", "posts/p.jpg", "--as", "timeline"],
        "project",
        0,
        (
            "yaml",
            "regex",
            "rich",
            "holidays",
            "icalendar",
            "openpyxl",
            "pasha_cli.engine",
            "pasha_cli.project.drafts",
            *OTHER_RULES,
            *IMAGE_WORK,
        ),
        ("PIL", "pasha_cli.rules.images"),
    ),
    Case(
        "image fit outside a project",
        ["image", "fit", "p.jpg", "-o", "out.jpg", "--as", "timeline"],
        "outside",
        0,
        (*OUTSIDE_A_PROJECT, "tempfile", "pasha_cli.commands.image_check", "pasha_cli.commands.validate"),
        ("PIL", "pasha_cli.image.fit"),
    ),
    Case(
        "image check outside a project",
        ["image", "check", "p.jpg", "--as", "timeline"],
        "outside",
        0,
        (*OUTSIDE_A_PROJECT, *IMAGE_WORK),
        ("PIL", "pasha_cli.rules.images"),
    ),
    Case(
        "slots",
        ["slots", "--account", "free"],
        "project",
        0,
        ("PIL", "rich", "icalendar", "openpyxl", "ada_url", *PLAN_VIEWS, *IMAGE_WORK),
        ("yaml", "pasha_cli.plan.slots"),
    ),
    Case(
        "calendar",
        ["calendar", "--month", "2030-04"],
        "project",
        0,
        ("PIL", "icalendar", "openpyxl", "pasha_cli.plan.ics", *IMAGE_WORK),
        ("rich", "pasha_cli.plan.calendar"),
    ),
    Case("ics", ["ics"], "project", 0, ("PIL", "rich", "openpyxl", "pasha_cli.plan.calendar"), ("icalendar",)),
    Case(
        "preview",
        ["preview", "posts/a.yaml"],
        "project",
        0,
        ("rich", "icalendar", "openpyxl", "pasha_cli.plan.ics", "pasha_cli.plan.export"),
        ("pasha_cli.plan.preview",),
    ),
    Case(
        "export",
        ["export", "--month", "2030-04", "-o", "out.zip"],
        "project",
        0,
        ("rich", "icalendar", "pasha_cli.plan.calendar", "pasha_cli.plan.ics"),
        ("openpyxl", "pasha_cli.plan.export"),
    ),
    Case(
        "submit",
        ["submit", "posts/a.yaml"],
        "project",
        0,
        ("rich", "icalendar", "openpyxl", *PLAN_VIEWS, *IMAGE_WORK),
        ("pasha_cli.plan.submit",),
    ),
    Case(
        "new",
        ["new", "--account", "free"],
        "project",
        0,
        ("PIL", "rich", "icalendar", "openpyxl", *PLAN_VIEWS, *IMAGE_WORK),
        ("pasha_cli.plan.scaffold",),
    ),
    Case(
        "init",
        ["init", "fresh"],
        "outside",
        0,
        ("PIL", "rich", "icalendar", "openpyxl", "ada_url", *PLAN_VIEWS, *IMAGE_WORK),
        ("pasha_cli.plan.scaffold",),
    ),
    Case(
        "maintenance import",
        ["maintenance", "import", "--dry-run", "notice.txt"],
        "project",
        0,
        (*NO_DRAFTS, *PLAN_VIEWS, *IMAGE_WORK),
        ("pasha_cli.plan.notice", "pasha_cli.project.config_edit", "jsonschema"),
    ),
    Case(
        "maintenance list",
        ["maintenance", "list"],
        "project",
        0,
        (*NO_DRAFTS, *PLAN_VIEWS, *IMAGE_WORK),
        ("pasha_cli.plan.maintenance",),
    ),
    *(
        # the analyser of the extra pasha-cli[ja], for this command alone (validate, --help: never)
        [Case("terms", ["terms"], "project", 0, ("PIL", "rich", "icalendar", *PLAN_VIEWS), ("sudachipy",))]
        if find_spec("sudachipy") is not None and find_spec("sudachidict_core") is not None
        else []
    ),
    Case(
        "terms --help (not the analyser)",
        ["terms", "--help"],
        "outside",
        0,
        ("sudachipy", "sudachidict_core", "pasha_cli.variants"),
    ),
    Case("--help (the list of commands from their help texts)", ["--help"], "outside", 0, (*HEAVY, *COMMANDS)),
    Case(
        "export --help (its modules, not the workbook library)",
        ["export", "--help"],
        "outside",
        0,
        HEAVY,
        ("pasha_cli.plan.export", "pasha_cli.plan.manifest"),
    ),
]


def _place(root: Path, where: str) -> Path:
    if where == "outside":
        (root / "p.jpg").write_bytes(jpeg_bytes(1300, 900))
        return root
    (root / "pasha.toml").write_text(BASE_CONFIG, "utf-8")
    (root / "posts").mkdir()
    (root / "posts" / "a.yaml").write_text(LINKED if where == "linked" else DRAFT, "utf-8")
    (root / "posts" / "p.jpg").write_bytes(jpeg_bytes(1300, 900))
    (root / "notice.txt").write_text("2030 4 15 月曜 AM1:00-AM6:00\n", "utf-8")
    return root


def _matches(module: str, name: str) -> bool:
    return module.startswith(name) if name.endswith(".") else module == name or module.startswith(name + ".")


# a fresh interpreter per row: the inner loop runs the first row of each kind of place (validate in a
# project, with a link, outside one), the full run every command
@pytest.mark.sample(1, per=lambda p: p["case"].where)
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_command_imports_only_what_its_work_needs(tmp_path: Path, case: Case, empty_cache: None) -> None:
    """With an empty cache, as on a fresh CI runner: nothing comes from an earlier run."""
    root = _place(tmp_path, case.where)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(case.argv)],
        cwd=root,
        env={**os.environ, "PASHA_NOW": NOW, "PASHA_LANG": "en", "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    code, imported = json.loads(done.stdout.splitlines()[-1])
    assert code == case.code, done.stdout + done.stderr
    assert [name for name in case.absent if any(_matches(m, name) for m in imported)] == []
    assert [name for name in case.present if not any(_matches(m, name) for m in imported)] == []
