"""Shared test helpers: a project in a temporary folder, generated JPEGs, the CLI runner."""

from __future__ import annotations

import ast
import functools
import io
import json
import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from click.testing import CliRunner, Result
from PIL import Image, PngImagePlugin

from pasha_cli.cli import cli

NOW = "2030-03-01 12:00"  # a Friday; every test fixes the clock

# The clock is in 2030, after the shipped maintenance schedule: the projects of tests declare their
# schedule known (PSH305 is tested with configs of its own).
BASE_CONFIG = """\
drafts = ["posts/**/*.yaml", "posts/**/*.yml", "posts/**/*.json", "posts/**/*.md"]
maintenance_known_until = 2199-12-31

[accounts.free]
name = "無料の店"
plan = "free"
link_domains = ["example.co.jp"]

[accounts.paid]
name = "有料の店"
plan = "paid"
"""


PACKAGE = Path(__file__).resolve().parents[1] / "pasha_cli"


class Module(NamedTuple):
    """One of the package's modules as the tests that read the code see it."""

    path: Path
    tree: ast.Module
    nodes: tuple[ast.AST, ...]  # every node, in ast.walk order
    parents: dict[ast.AST, ast.AST]


@functools.cache
def package_modules() -> tuple[Module, ...]:
    """Every module of pasha_cli, parsed and walked once a session: several tests read the code, and
    parsing and walking it again was most of their time. No test changes a tree."""
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        nodes = tuple(ast.walk(tree))
        parents = {child: node for node in nodes for child in ast.iter_child_nodes(node)}
        modules.append(Module(path, tree, nodes, parents))
    return tuple(modules)


def jpeg_bytes(
    width: int = 1200,
    height: int = 800,
    *,
    mode: str = "RGB",
    quality: int = 85,
    exif: Image.Exif | None = None,
    icc: bytes | None = None,
    pad_to: int | None = None,
    color: Any = (200, 120, 60),
) -> bytes:
    """A real JPEG made in the test; `pad_to` pads it with comment segments to exactly that many bytes."""
    data = _plain_jpeg(width, height, mode, quality, None if exif is None else exif.tobytes(), icc, repr(color))
    if pad_to is not None:
        data = pad_jpeg(data, pad_to)
    return data


@functools.lru_cache(maxsize=256)
def _plain_jpeg(
    width: int, height: int, mode: str, quality: int, exif: bytes | None, icc: bytes | None, color: str
) -> bytes:
    """Encoded once a session for each set of arguments: many tests make the same plain picture, and
    encoding it was a large share of their time (bytes are immutable, so no test can change another's)."""
    image = Image.new(mode, (width, height), ast.literal_eval(color))
    options: dict[str, Any] = {"quality": quality}
    if exif is not None:
        options["exif"] = exif
    if icc is not None:
        options["icc_profile"] = icc
    out = io.BytesIO()
    image.save(out, "JPEG", **options)
    return out.getvalue()


@functools.lru_cache(maxsize=64)
def png_bytes(
    width: int = 1300, height: int = 900, color: tuple[int, ...] = (10, 120, 200), mode: str = "RGB"
) -> bytes:
    """A plain PNG made in the test, encoded once a session for each set of arguments: fixtures that
    give every test the same source image spent most of their set-up encoding it (bytes are
    immutable, so no test can change another's)."""
    out = io.BytesIO()
    Image.new(mode, (width, height), color).save(out, "PNG", compress_level=1)
    return out.getvalue()


def pad_jpeg(data: bytes, size: int) -> bytes:
    """Insert comment (COM) segments after SOI so the JPEG is exactly `size` bytes."""
    missing = size - len(data)
    assert missing == 0 or missing >= 4, "cannot pad by 1 to 3 bytes"
    segments = []
    while missing:
        chunk = min(missing - 4, 65533)
        if 0 < missing - (chunk + 4) < 4:
            chunk -= 4
        segments.append(b"\xff\xfe" + (chunk + 2).to_bytes(2, "big") + b"x" * chunk)
        missing -= chunk + 4
    padded = data[:2] + b"".join(segments) + data[2:]
    assert len(padded) == size
    return padded


class Project:
    """A pasha project in a temporary folder."""

    def __init__(self, root: Path, config: str = BASE_CONFIG) -> None:
        self.root = root
        (root / "posts").mkdir(parents=True, exist_ok=True)
        self.write("pasha.toml", config)

    def write(self, rel: str, content: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if content.startswith("\n") else content, "utf-8")
        return path

    def draft(self, name: str, content: str) -> Path:
        return self.write(f"posts/{name}", content)

    def image(self, rel: str, **options: Any) -> Path:
        return self.write(rel, jpeg_bytes(**options))

    def validate(self, *args: str, now: str = NOW) -> tuple[int, dict[str, Any]]:
        result = run(["validate", "--format", "json", "--now", now, "--config", str(self.root / "pasha.toml"), *args])
        assert result.exit_code in (0, 1), result.output
        return result.exit_code, json.loads(result.stdout)

    def codes(self, *args: str, now: str = NOW) -> set[tuple[str, str, int]]:
        """{(path, code, line)} of every finding."""
        _, report = self.validate(*args, now=now)
        return {(f["path"], f["code"], f["line"]) for f in report["findings"]}


def run(args: list[str], env: dict[str, str] | None = None) -> Result:

    runner = CliRunner()
    # main() maps every failure to an exit code; invoke through it, as the console script does
    return runner.invoke(
        _Main(), args, env={"PASHA_LANG": "en", "NO_COLOR": "1", **(env or {})}, catch_exceptions=False
    )


def chromium() -> str | None:
    """A headless browser for the tests that ask one, or None (then they skip). A test never
    installs one: .ci/run does, where it can."""
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def failing(err: int) -> Callable[..., None]:
    """A stand-in for a system call that fails with `err`, as a full, read-only or foreign disk answers."""

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(err, os.strerror(err))

    return fail


class _Main:
    """Adapter so CliRunner calls pasha_cli.cli.main (exit-code mapping included)."""

    name = "pasha"

    def main(self, args: list[str], prog_name: str | None = None, **_: Any) -> None:
        from pasha_cli.cli import main

        main(list(args))


@pytest.hookimpl(tryfirst=True)  # before -m "not slow" deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`@pytest.mark.sample(n, per=...)` on a parametrized test: its first n rows run in the inner
    loop, the others are marked slow, so every row still runs in the full run (.ci/run). With `per`
    (an argument's name, a function of the row's arguments, or a tuple of them) the first n rows of
    each value run: a row runs in the inner loop when it is among the first n for any of them.

    A test with no sample mark and two or more stacked `@pytest.mark.parametrize` (a cross product)
    is sampled as `sample(1, per=<each parametrize>)`: the inner loop runs every value of every axis
    at least once, the full run every combination. A sample mark of its own replaces that."""
    seen: dict[tuple[str, int, str], int] = {}
    for item in items:
        marker = item.get_closest_marker("sample")
        params = getattr(getattr(item, "callspec", None), "params", None)
        if params is None:
            continue
        if marker is None:
            keep, kinds = 1, _axes(item)
            if len(kinds) < 2:
                continue
        else:
            keep = marker.args[0] if marker.args else 1
            per = marker.kwargs.get("per", ())
            kinds = [(lambda _: None)] if not per else list(per) if isinstance(per, (tuple, list)) else [per]
        fast = False
        for index, kind in enumerate(kinds):
            value = kind(params) if callable(kind) else params[kind]
            key = (item.nodeid.split("[", 1)[0], index, repr(value))
            seen[key] = seen.get(key, 0) + 1
            fast = fast or seen[key] <= keep
        if not fast:
            item.add_marker(pytest.mark.slow)


def _axes(item: pytest.Item) -> list[Callable[[dict[str, Any]], object]]:
    """One function per `@pytest.mark.parametrize` of a test: which of that decorator's rows a row of
    the test takes (the identity of its values: the same objects in every row that takes them)."""
    axes: list[Callable[[dict[str, Any]], object]] = []
    for mark in item.iter_markers("parametrize"):
        names = mark.args[0] if mark.args else mark.kwargs.get("argnames", ())
        names = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
        axes.append(lambda params, names=tuple(names): tuple(id(params.get(n)) for n in names))
    return axes


@pytest.fixture
def tmp_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh folder for each test, as pytest's own, made in one step: pytest numbers each test's
    folder by listing its base folder, so with thousands of tests the listings grew with the square
    of their number."""
    return Path(tempfile.mkdtemp(prefix="t", dir=tmp_path_factory.getbasetemp()))


@pytest.fixture(scope="session")
def _caches(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str | None, bytes]:
    """(the folder the tests' own caches are made in, the holiday table's name and bytes). The table
    is computed once for the session: it depends only on the installed `holidays` release, and
    computing it in every test would be most of their time. One folder for the caches, because
    pytest looks through its base folder on every tmp_path it makes."""
    from pasha_cli.jpcalendar import BusinessCalendar

    folder = tmp_path_factory.mktemp("holiday-table")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PASHA_CACHE_DIR", str(folder))
        patch.delenv("PASHA_NO_CACHE", raising=False)
        BusinessCalendar.from_month_days().holiday_name(date(2030, 1, 1))
    table = next(folder.glob("holidays-jp-*.json"), None)
    return tmp_path_factory.mktemp("caches"), table.name if table else None, table.read_bytes() if table else b""


def _no_flush(fd: int) -> None:
    """os.fsync in the tests: the file descriptor is checked (a bad one fails as fsync fails), the
    flush to the disk is skipped. No test can observe durability, and flushing every cache entry
    and output was a large share of the tests' time; a test that makes fsync fail patches over it."""
    os.fstat(fd)


@pytest.fixture(scope="session", autouse=True)
def _quick_process() -> Iterator[None]:
    """Session-wide stand-ins for what cannot change within a test session, in this process only
    (subprocess tests run the real thing): the disk flush, and PNG compression."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", _no_flush)
        patch.setitem(Image.SAVE, "PNG", _quick_png(PngImagePlugin._save))
        yield


def _quick_png(save: Callable[..., None]) -> Callable[..., None]:
    """PNG as the tests write their sources: zlib level 1 unless a test asks for another. The pixels
    are the same; compressing grain at the default level took most of an image test's time."""

    def quick(image: Image.Image, fp: object, filename: object, *args: object) -> None:
        image.encoderinfo.setdefault("compress_level", 1)
        save(image, fp, filename, *args)

    return quick


@pytest.fixture
def empty_cache() -> None:
    """Asked for by a test that needs its pasha cache empty, without even the holiday table."""


@pytest.fixture(autouse=True)
def _own_cache(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, _caches: tuple[Path, str | None, bytes]
) -> None:
    """Every test gets a pasha cache of its own, holding only the holiday table (a copy: a test may
    break it): results never depend on an earlier run. The copy is written from the bytes read once
    a session: a file copy in every test cost more than the smaller tests themselves."""
    caches, name, table = _caches
    folder = tempfile.mkdtemp(dir=caches)
    if name is not None and "empty_cache" not in request.fixturenames:
        with open(os.path.join(folder, name), "xb") as copy:
            copy.write(table)
    monkeypatch.setenv("PASHA_CACHE_DIR", folder)
    monkeypatch.delenv("PASHA_NO_CACHE", raising=False)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


@pytest.fixture
def runner() -> Callable[..., Result]:
    return run


__all__ = ["NOW", "Project", "chromium", "cli", "failing", "jpeg_bytes", "png_bytes", "run"]
