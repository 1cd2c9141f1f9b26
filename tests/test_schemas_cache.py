"""Instances found valid are remembered in the user cache: the next run needs no jsonschema for them."""

from __future__ import annotations

import json
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


def test_a_full_store_keeps_what_the_last_run_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PASHA_CACHE_DIR", str(tmp_path))
    first = cache.JsonStore("t.json", limit=3)
    for key in "abc":
        first.put(key, key.upper())
    first.save()
    second = cache.JsonStore("t.json", limit=3)
    assert second.get("a") == "A"  # the oldest entry, used again
    second.put("d", "D")
    second.save()
    third = cache.JsonStore("t.json", limit=3)
    assert [third.get(key) for key in "abcd"] == ["A", None, "C", "D"]  # the oldest entry nobody used went
    third.put("c", "C2")  # a new value for a key is its newest entry
    third.put("e", "E")
    third.save()
    assert list(json.loads((tmp_path / "t.json").read_text())) == ["d", "c", "e"]  # all four used: the oldest (a) went


def test_an_image_found_in_the_cache_stays_there_for_the_next_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A run that finds one image in the cache and adds another saves the first as it found it."""
    from PIL import Image

    from pasha_cli.image import inspect

    monkeypatch.setenv("PASHA_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("a.jpg", "b.jpg"):
        Image.new("RGB", (40, 30), (10, 200, 30) if name == "a.jpg" else (1, 2, 3)).save(tmp_path / name)
    first = inspect.ImageInspector(10_000_000)
    first.inspect(tmp_path / "a.jpg")
    first.save()
    second = inspect.ImageInspector(10_000_000)
    second.inspect(tmp_path / "a.jpg")
    second.inspect(tmp_path / "b.jpg")  # a new entry: the store is written again
    second.save()

    def no_decode(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("decoded again")

    monkeypatch.setattr(inspect, "inspect_image", no_decode)
    third = inspect.ImageInspector(10_000_000)
    assert (third.inspect(tmp_path / "a.jpg").width, third.inspect(tmp_path / "b.jpg").width) == (40, 40)


def test_each_project_keeps_its_own_stores(tmp_path: Path) -> None:
    """A large project's entries never slow a small project's runs: drafts, images and known-valid
    entries are kept per project (the configs' known-valid entries and the holidays are shared)."""
    import os

    from tests.conftest import Project, jpeg_bytes

    for name in ("a", "b"):
        project = Project(tmp_path / name)
        project.write("posts/p.jpg", jpeg_bytes())
        project.draft("x.yaml", "account: free\npublish_at: 2030-04-16 10:00\nbody: x\nimage: p.jpg\n")
        assert project.codes() == set()
    names = sorted(path.name.split("-")[0] for path in Path(os.environ["PASHA_CACHE_DIR"]).glob("*.json"))
    assert names.count("images") == 2 and names.count("valid") == 3  # two projects' drafts, and the configs
    assert names.count("holidays") == 1
