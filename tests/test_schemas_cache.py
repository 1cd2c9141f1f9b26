"""Instances found valid are remembered in the user cache: the next run needs no jsonschema for them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pasha_cli import cache
from pasha_cli.project import schema_check as schemas

VALID = {"account": "shop", "publish_at": "2030-04-16 10:00", "status": "draft", "body": "本文"}


def refuse(_name: str) -> Any:
    raise AssertionError("jsonschema was asked again")


def test_a_valid_instance_is_known_on_the_next_run(monkeypatch: pytest.MonkeyPatch) -> None:
    assert schemas.problems("post.schema.json", VALID) == []
    schemas.save_known_valid()
    schemas._KNOWN_VALID.clear()  # a new run: only the cache file remains
    monkeypatch.setattr(schemas, "_validator", refuse)
    assert schemas.problems("post.schema.json", dict(reversed(VALID.items()))) == []  # key order does not matter


def test_invalid_or_changed_instances_are_always_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = {**VALID, "imgae": "x.jpg"}
    assert schemas.problems("post.schema.json", VALID) == []
    for _ in range(2):  # never remembered
        assert [p.field for p in schemas.problems("post.schema.json", bad)] == ["imgae"]
    changed = {**VALID, "body": "別の本文"}
    calls = []
    real = schemas._validator
    monkeypatch.setattr(schemas, "_validator", lambda name: calls.append(name) or real(name))
    assert schemas.problems("post.schema.json", changed) == [] and calls == ["post.schema.json"]
    # the same content against the other schema is not the same question
    assert schemas.problems("config.schema.json", VALID) != []


def test_without_the_cache_everything_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PASHA_NO_CACHE", "1")
    assert schemas.problems("post.schema.json", VALID) == []
    schemas.save_known_valid()
    schemas._KNOWN_VALID.clear()
    monkeypatch.setattr(schemas, "_validator", refuse)
    with pytest.raises(AssertionError, match="asked again"):
        schemas.problems("post.schema.json", VALID)


@pytest.mark.parametrize(
    ("entries", "distribution", "expected"),
    [
        (["fakelib-1.2.3.dist-info"], "fakelib", "1.2.3"),
        (["FakeLib-10.0.0.dist-info"], "fakelib", "10.0.0"),  # older wheels keep the project's case
        (["fake_lib-2.0.dist-info"], "fake-lib", "2.0"),  # a dash in the name is an underscore on disk
        (["fakelibx-9.9.dist-info", "fakelib-1.0.dist-info"], "fakelib", "1.0"),  # a longer name is another library
        (["fakelib-1.0.egg-info", "notes.txt"], "fakelib", None),  # no dist-info: the package's own file is the key
        ([], "fakelib", None),
    ],
)
def test_a_librarys_version_is_read_from_its_dist_info(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entries: list[str], distribution: str, expected: str | None
) -> None:
    site = tmp_path / "site"
    (site / "fakelib").mkdir(parents=True)
    init = site / "fakelib" / "__init__.py"
    init.write_text("")
    for name in entries:
        (site / name).mkdir() if name.endswith("-info") else (site / name).write_text("")
    monkeypatch.syspath_prepend(str(site))
    version = cache.library_version("fakelib", distribution)
    stat = init.stat()
    assert version == (expected if expected is not None else f"{stat.st_size}-{stat.st_mtime_ns}")
    assert cache.library_version("no_such_module_anywhere", distribution) is None
