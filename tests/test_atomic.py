"""Atomic writes: a hidden temporary file beside the target, never an existing file or link."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pasha_cli import atomic
from pasha_cli.atomic import create_beside, write_atomic


def test_a_taken_or_planted_name_is_never_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    target = tmp_path / "out.jpg"
    names = iter([b"\x00" * 6, b"\x00" * 6, b"\x01" * 6])
    monkeypatch.setattr(atomic.os, "urandom", lambda n: next(names))
    planted = tmp_path / f".out.jpg.{'00' * 6}.tmp"
    planted.symlink_to(victim)  # someone guessed the first name
    fd, temporary = create_beside(target)
    os.close(fd)
    assert temporary == tmp_path / f".out.jpg.{'01' * 6}.tmp"
    assert victim.read_text() == "keep me"
    assert stat.S_IMODE(temporary.stat().st_mode) == 0o600


def test_no_free_name_is_an_error_not_a_loop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic.os, "urandom", lambda n: b"\x07" * n)
    (tmp_path / f".out.jpg.{'07' * 6}.tmp").touch()
    with pytest.raises(FileExistsError):
        create_beside(tmp_path / "out.jpg", attempts=3)


def test_write_keeps_the_mode_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    write_atomic(target, b"one")
    assert target.read_bytes() == b"one"
    os.chmod(target, 0o640)
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_a_failed_check_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")

    def refuse(written: Path) -> None:
        assert written.read_bytes() == b"new" and written.parent == tmp_path
        raise ValueError("no")

    with pytest.raises(ValueError):
        write_atomic(target, b"new", refuse)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
