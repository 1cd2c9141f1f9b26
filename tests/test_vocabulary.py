"""The file format's vocabularies are named once in the code, and equal to schemas/ (their source of truth);
date formats are named once, in timeutil."""

from __future__ import annotations

import ast
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from pasha_cli import model, timeutil
from pasha_cli.project.config import DEFAULT_DRAFTS
from pasha_cli.project.schema_check import load_schema
from tests.conftest import package_modules

PACKAGE = Path(model.__file__).resolve().parent


def _post(*keys: str) -> Any:
    node: Any = load_schema("post.schema.json")["properties"]
    for key in keys:
        node = node[key]
    return node


def _account() -> Any:
    return load_schema("config.schema.json")["properties"]["accounts"]["additionalProperties"]["properties"]


@pytest.mark.parametrize(
    ("named", "schema"),
    [
        (model.STATUSES, lambda: _post("status", "enum")),
        (model.PLANS, lambda: _account()["plan"]["enum"]),
        (model.SOURCES, lambda: _post("source", "enum")),
        (model.CATEGORIES, lambda: _post("category", "enum")),
        (model.CATEGORIES, lambda: _account()["category"]["enum"]),
        (
            tuple(c for c in model.CATEGORIES if c != model.GENERAL),
            lambda: load_schema("terms.schema.json")["properties"]["term"]["items"]["properties"]["categories"][
                "items"
            ]["enum"],
        ),
        (DEFAULT_DRAFTS, lambda: load_schema("config.schema.json")["properties"]["drafts"]["default"]),
    ],
    ids=["statuses", "plans", "sources", "categories", "account-categories", "term-categories", "default-drafts"],
)
def test_a_vocabulary_equals_the_schema(named: tuple[str, ...], schema: Any) -> None:
    assert list(named) == schema()


def test_the_status_subsets_are_the_lifecycle_up_to_a_step() -> None:
    assert model.SCHEDULED == ("draft", "ready", "submitted")
    assert model.UNSUBMITTED == ("draft", "ready")
    assert _post("status", "default") == model.STATUSES[0]
    assert _post("source", "default") == model.OWN == model.SOURCES[0]


def test_the_default_draft_patterns_are_draft_suffixes() -> None:
    assert all(Path(pattern).suffix in model.DRAFT_SUFFIXES for pattern in DEFAULT_DRAFTS)


# A strftime directive that names a date or time part ("%YAML" in a YAML message is no date).
_DIRECTIVE = re.compile(r"%[YmdHMS](?![A-Za-z])")


def test_date_formats_are_written_only_in_timeutil() -> None:
    written = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "timeutil.py"
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if _DIRECTIVE.search(line)
    ]
    assert written == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("MINUTE_FORMAT", "2024-07-16 10:05"),
        ("SECOND_FORMAT", "2024-07-16 10:05:09"),
        ("DAY_FORMAT", "2024-07-16"),
        ("MONTH_FORMAT", "2024-07"),
        ("CLOCK_FORMAT", "10:05"),
        ("COMPACT_DAY_FORMAT", "20240716"),
    ],
)
def test_a_written_format_reads_back(name: str, expected: str) -> None:
    moment = datetime(2024, 7, 16, 10, 5, 9, tzinfo=timeutil.JST)
    assert moment.strftime(getattr(timeutil, name)) == expected


def test_what_pasha_writes_its_parser_reads() -> None:
    moment = datetime(2024, 7, 16, 10, 5, 9, tzinfo=timeutil.JST)
    for name in ("MINUTE_FORMAT", "SECOND_FORMAT"):
        written = moment.strftime(getattr(timeutil, name))
        assert timeutil.parse_datetime(written).strftime(getattr(timeutil, name)) == written
    assert timeutil.parse_date(moment.strftime(timeutil.DAY_FORMAT)) == moment.date()
    assert timeutil.parse_month(moment.strftime(timeutil.MONTH_FORMAT)) == "2024-07"


@pytest.mark.parametrize(
    ("month", "bounds"),
    [("2024-02", ("2024-02-01", "2024-02-29")), ("2024-12", ("2024-12-01", "2024-12-31"))],
)
def test_month_bounds(month: str, bounds: tuple[str, str]) -> None:
    assert tuple(d.isoformat() for d in timeutil.month_bounds(month)) == bounds


@pytest.mark.parametrize(("text", "parts"), [("12-29", (12, 29)), ("01-03", (1, 3))])
def test_parse_month_day(text: str, parts: tuple[int, int]) -> None:
    assert timeutil.parse_month_day(text) == parts


def _status_literals(node: ast.AST) -> list[str]:
    """The status values written as literals where a status is compared, set or defaulted."""

    def literals(*values: ast.AST) -> list[str]:
        found = []
        for value in values:
            items = value.elts if isinstance(value, ast.Tuple | ast.List | ast.Set) else [value]
            found += [i.value for i in items if isinstance(i, ast.Constant) and i.value in model.STATUSES]
        return found

    if isinstance(node, ast.Compare):
        sides = [node.left, *node.comparators]
        if any(isinstance(side, ast.Attribute) and side.attr == "status" for side in sides):
            return literals(*sides)
    if isinstance(node, ast.Dict):
        return literals(
            *[
                v
                for k, v in zip(node.keys, node.values, strict=True)
                if isinstance(k, ast.Constant) and k.value == "status"
            ]
        )
    if isinstance(node, ast.Call):  # fields.get("status", "draft"), _set(text, "status", "submitted")
        args = node.args
        return [
            s
            for i, arg in enumerate(args[:-1])
            if isinstance(arg, ast.Constant) and arg.value == "status"
            for s in literals(args[i + 1])
        ]
    return []


def test_status_values_are_named_once_in_model() -> None:
    written = [
        f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', 0)}: {value!r}"
        for path, _tree, nodes, _parents in package_modules()
        for node in nodes
        for value in _status_literals(node)
    ]
    assert written == []


def test_the_language_is_chosen_by_local_text_alone() -> None:
    """A pair is picked with LocalText.get; clicktext binds click's words for a language and is the exception."""
    chosen = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path, _tree, nodes, _parents in package_modules()
        if path.name not in ("model.py", "clicktext.py")
        for node in nodes
        if isinstance(node, ast.Compare)
        and any(isinstance(side, ast.Constant) and side.value in ("ja", "en") for side in node.comparators)
    ]
    assert chosen == []
