"""The rulebook is complete, each rule once, listed in both languages; the schemas ship and are valid.

Every text in both languages: tests/test_i18n.py."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from pasha_cli.rules import ALL_RULES
from tests.conftest import run

REPO = Path(__file__).resolve().parents[1]
PRODUCT = REPO.parent / "shared" / "PRODUCT.md"
CONTRACT_CODES = [
    "PSH001",
    "PSH002",
    "PSH003",
    "PSH004",
    "PSH101",
    "PSH102",
    "PSH110",
    "PSH111",
    "PSH112",
    "PSH113",
    "PSH201",
    "PSH202",
    "PSH203",
    "PSH204",
    "PSH205",
    "PSH206",
    "PSH207",
    "PSH208",
    "PSH209",
    "PSH210",
    "PSH301",
    "PSH302",
    "PSH303",
    "PSH304",
    "PSH401",
    "PSH402",
    "PSH501",
    "PSH502",
    "PSH503",
]
# beyond the contract's table: unmatched-draft-pattern, duplicate-draft-id, beyond-known-maintenance
ADDED_CODES = ["PSH005", "PSH006", "PSH305"]
ADDED_CODES += ["PSH601", "PSH602", "PSH603", "PSH604", "PSH605"]  # claims need a recorded basis (issue 15)
ADDED_CODES += ["PSH610", "PSH611", "PSH612", "PSH613", "PSH614"]  # price claims (issue 15, item 2)
ADDED_CODES += ["PSH620", "PSH621", "PSH622", "PSH623", "PSH624"]  # dates in the body (issue 15, item 4)
ADDED_CODES += ["PSH630", "PSH631", "PSH632", "PSH633"]  # third-party content (issue 15, item 5)
ADDED_CODES += ["PSH640", "PSH641", "PSH642", "PSH643", "PSH644", "PSH645", "PSH646", "PSH647", "PSH648"]  # item 3
ADDED_CODES += ["PSH650", "PSH651", "PSH652", "PSH653"]  # product-category lists (issue 15, item 6)
ADDED_CODES += ["PSH120"]  # brand dictionaries (prh YAML; issue 16, item 1)
ADDED_CODES += ["PSH690"]  # an allow: that accepted nothing


def test_every_contract_code_is_registered_once_in_code_order() -> None:
    codes = [r.code for r in ALL_RULES]
    assert codes == sorted(codes)
    assert len(codes) == len(set(codes))
    assert set(CONTRACT_CODES) <= set(codes)
    assert set(codes) == set(CONTRACT_CODES) | set(ADDED_CODES)
    names = [r.name for r in ALL_RULES]
    assert len(names) == len(set(names))


@pytest.mark.skipif(not PRODUCT.exists(), reason="shared/PRODUCT.md is beside the repository in CI and dev")
def test_product_table_matches_the_registry() -> None:
    table = dict(re.findall(r"^\| (PSH\d{3}) \| ([a-z-]+) ", PRODUCT.read_text("utf-8"), re.M))
    assert table == {r.code: r.name for r in ALL_RULES if r.code in table}
    # "The codes below are fixed; more may be added": the added ones are exactly these
    assert {r.code for r in ALL_RULES} - set(table) == set(ADDED_CODES)


def test_rules_command_lists_every_rule_in_both_languages() -> None:
    for lang in ("ja", "en"):
        listed = run(["rules", "--lang", lang]).stdout
        for rule in ALL_RULES:
            assert rule.code in listed and rule.name in listed and rule.summary.get(lang) in listed


@pytest.mark.parametrize("name", ["post.schema.json", "config.schema.json", "terms.schema.json"])
def test_schemas_are_valid_json_schema(name: str) -> None:
    Draft202012Validator.check_schema(json.loads((REPO / "schemas" / name).read_text("utf-8")))


def test_check_jsonschema_accepts_the_example_drafts() -> None:
    drafts = sorted(str(p) for p in (REPO / "examples" / "posts").rglob("*") if p.suffix in (".yaml", ".json"))
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(REPO / "schemas" / "post.schema.json"), *drafts],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_the_wheel_ships_every_module_schemas_and_spec_data(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q", "-w", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if build.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {build.stderr[-300:]}")
    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = sorted(path.relative_to(REPO).as_posix() for path in (REPO / "pasha_cli").rglob("*.py"))
    data = [
        "pasha_cli/schemas/post.schema.json",
        "pasha_cli/schemas/config.schema.json",
        *(path.relative_to(REPO).as_posix() for path in (REPO / "pasha_cli").rglob("*.toml")),
    ]
    assert [name for name in [*sources, *data] if name not in names] == []
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(wheel).extractall(unpacked)
    modules = [name.removesuffix(".py").removesuffix("/__init__").replace("/", ".") for name in sources]
    modules.remove("pasha_cli.__main__")  # importing it runs pasha; it is in the wheel (checked above)
    probe = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    module = importlib.import_module(name)\n"
        f"    assert module.__file__.startswith({str(unpacked)!r}), module.__file__\n"
        "from pasha_cli.project.schema_check import schema_path\n"
        "from pasha_cli.project.spec import load_spec\n"
        "load_spec()\n"
        "print(schema_path('post.schema.json'))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={"PYTHONPATH": str(unpacked)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == str(unpacked / "pasha_cli" / "schemas" / "post.schema.json")


def test_config_knows_the_draft_suffixes_that_discovery_reads() -> None:
    from pasha_cli import model
    from pasha_cli.project import config, drafts

    assert config.DRAFT_SUFFIXES is drafts.DRAFT_SUFFIXES is model.DRAFT_SUFFIXES  # named once
