"""Process-wide switches are put back: pasha used as a library, or a command run in-process, leaves
Pillow's pixel bound as it found it, and the console script's shortcut out of the interpreter does not
throw away what a tracer (coverage) saves at teardown. The switch interval: tests/test_imagefit.py."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image

from pasha_cli import atomic, cli
from tests.conftest import NOW, Project, jpeg_bytes, run

PROGRAMS_BOUND = 123_456_789  # a program's own Pillow bound, not Pillow's default


def _huge_header() -> bytes:
    """A small JPEG whose frame header declares 60000x60000 pixels: beyond the spec's limit and Pillow's."""
    data = bytearray(jpeg_bytes(64, 48))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = (60000).to_bytes(2, "big") * 2
    return bytes(data)


# (id, the image, the command after `pasha`, given the project's root and the image's path)
PILLOW_BOUND_CASES: list[tuple[str, bytes, Callable[[Path, Path], list[str]]]] = [
    (
        "validate-draft",
        jpeg_bytes(),
        lambda root, image: ["validate", "--now", NOW, "--config", str(root / "pasha.toml")],
    ),
    (
        "validate-draft-huge",
        _huge_header(),
        lambda root, image: ["validate", "--now", NOW, "--config", str(root / "pasha.toml")],
    ),
    (
        "validate-draft-undecodable",
        b"\xff\xd8\xff\xe0" + b"\x00" * 64,
        lambda root, image: ["validate", "--now", NOW, "--config", str(root / "pasha.toml")],
    ),
    ("image-check", jpeg_bytes(), lambda root, image: ["image", "check", str(image), "--as", "timeline"]),
    ("image-check-huge", _huge_header(), lambda root, image: ["image", "check", str(image), "--as", "timeline"]),
    (
        "image-fit",
        jpeg_bytes(),
        lambda root, image: ["image", "fit", str(image), "-o", str(root / "out.jpg"), "--as", "timeline"],
    ),
    (
        "image-fit-huge",
        _huge_header(),
        lambda root, image: ["image", "fit", str(image), "-o", str(root / "out.jpg"), "--as", "timeline"],
    ),
]


@pytest.mark.parametrize(
    ("image", "command"), [c[1:] for c in PILLOW_BOUND_CASES], ids=[c[0] for c in PILLOW_BOUND_CASES]
)
def test_commands_leave_pillows_pixel_bound_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, image: bytes, command: Callable[[Path, Path], list[str]]
) -> None:
    project = Project(tmp_path)
    path = project.write("posts/photo.jpg", image)
    project.draft("a.yaml", "account: paid\npublish_at: 2030-04-16 10:00\nbody: x\nimage: photo.jpg\n")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", PROGRAMS_BOUND)
    result = run(command(project.root, path))
    assert result.exit_code in (0, 1), result.output  # findings or none; never Pillow's bomb error (exit 3)
    assert Image.MAX_IMAGE_PIXELS == PROGRAMS_BOUND


def _settrace() -> Callable[[], None]:
    previous = sys.gettrace()
    sys.settrace(lambda frame, event, arg: None)
    return lambda: sys.settrace(previous)


def _setprofile() -> Callable[[], None]:
    previous = sys.getprofile()
    sys.setprofile(lambda frame, event, arg: None)
    return lambda: sys.setprofile(previous)


def _no_observer(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Nothing watches (not even the coverage this suite may run under), until the returned undo."""
    monkeypatch.delenv("COVERAGE_PROCESS_START", raising=False)
    monkeypatch.setattr(sys, "monitoring", SimpleNamespace(get_tool=lambda tool: None), raising=False)
    trace, profile = sys.gettrace(), sys.getprofile()
    sys.settrace(None)
    sys.setprofile(None)

    def undo() -> None:
        sys.settrace(trace)
        sys.setprofile(profile)

    return undo


# (id, how the process is watched, the exit main() raises, os._exit called with): under a tracer the
# interpreter's own exit runs (SystemExit), so that coverage writes its data at teardown
CONSOLE_CASES: list[tuple[str, str, int | None, int | None]] = [
    ("no-observer", "none", 1, 1),
    ("no-observer-clean", "none", None, 0),
    ("settrace", "trace", 1, None),
    ("settrace-clean", "trace", None, None),
    ("setprofile", "profile", 2, None),
    ("coverage-subprocess", "env", 1, None),
    ("sys-monitoring", "monitoring", 1, None),
]


@pytest.mark.parametrize(
    ("observer", "exit_code", "hard_exit"), [c[1:] for c in CONSOLE_CASES], ids=[c[0] for c in CONSOLE_CASES]
)
def test_the_console_script_exits_through_the_interpreter_when_watched(
    monkeypatch: pytest.MonkeyPatch, observer: str, exit_code: int | None, hard_exit: int | None
) -> None:
    hard: list[int] = []

    def main() -> None:
        raise SystemExit(exit_code)

    monkeypatch.setattr(cli, "main", main)
    monkeypatch.setattr(cli.os, "_exit", hard.append)  # recorded instead of ending pytest
    undo = _no_observer(monkeypatch)
    try:
        if observer == "trace":
            undo_trace = _settrace()
        elif observer == "profile":
            undo_trace = _setprofile()
        else:
            undo_trace = lambda: None  # noqa: E731
        if observer == "env":
            monkeypatch.setenv("COVERAGE_PROCESS_START", ".coveragerc")
        if observer == "monitoring":  # coverage's sys.monitoring core (Python 3.12+) holds tool 1
            monkeypatch.setattr(
                sys,
                "monitoring",
                SimpleNamespace(get_tool=lambda tool: "coverage.py" if tool == 1 else None),
                raising=False,
            )
        try:
            cli.console()
            left: int | None = None
        except SystemExit as exc:
            left = exc.code if isinstance(exc.code, int) else None
        finally:
            undo_trace()
    finally:
        undo()
    if hard_exit is None:
        assert (hard, left) == ([], exit_code or 0)
    else:
        assert (hard, left) == ([hard_exit], None)


# (id, the target's mode before, or None for a new file, the umask)
MODE_CASES = [
    ("new-022", None, 0o022),
    ("new-077", None, 0o077),
    ("new-002", None, 0o002),
    ("existing-640", 0o640, 0o022),
    ("existing-600", 0o600, 0o022),
    ("existing-755", 0o755, 0o077),
]


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="compares with os.fchmod")
@pytest.mark.parametrize(("before", "umask"), [c[1:] for c in MODE_CASES], ids=[c[0] for c in MODE_CASES])
def test_atomic_writes_without_fchmod_give_the_same_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: int | None, umask: int
) -> None:
    """Windows has no os.fchmod before Python 3.13: the mode is set by name instead."""
    with_fchmod, without = tmp_path / "a" / "out.txt", tmp_path / "b" / "out.txt"
    for target in (with_fchmod, without):
        target.parent.mkdir()
        if before is not None:
            target.write_bytes(b"old")
            target.chmod(before)
    mask = os.umask(umask)
    try:
        atomic.write_atomic(with_fchmod, b"new")
        monkeypatch.delattr(atomic.os, "fchmod")
        atomic.write_atomic(without, b"new")
    finally:
        os.umask(mask)
    assert without.read_bytes() == b"new" and [p.name for p in without.parent.iterdir()] == ["out.txt"]
    assert stat.S_IMODE(without.stat().st_mode) == stat.S_IMODE(with_fchmod.stat().st_mode)
