"""Atomic writes: a hidden temporary file of pasha's own beside the target, never an existing file
or link; a failure at any step leaves the old file and no temporary; temporaries of writers that
died are removed by the next write, and nothing else is."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pasha_cli import atomic, parallel
from pasha_cli.atomic import Writer, create_beside, open_atomic, remove_stale, temporary_name, write_atomic
from tests.conftest import failing


def _name(target: str, who: Writer, random: str = "0" * 8) -> str:
    return temporary_name(target, who, random)


def test_a_taken_or_planted_name_is_never_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    target = tmp_path / "out.jpg"
    names = iter([b"\x00" * 4, b"\x00" * 4, b"\x01" * 4])
    monkeypatch.setattr(atomic.os, "urandom", lambda n: next(names))
    me = atomic.writer()
    planted = tmp_path / _name("out.jpg", me, "00" * 4)
    planted.symlink_to(victim)  # someone guessed the first name
    fd, temporary = create_beside(target)
    os.close(fd)
    assert temporary == tmp_path / _name("out.jpg", me, "01" * 4)
    assert victim.read_text() == "keep me"
    assert stat.S_IMODE(temporary.stat().st_mode) == 0o600


def test_no_free_name_is_an_error_not_a_loop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic.os, "urandom", lambda n: b"\x07" * n)
    (tmp_path / _name("out.jpg", atomic.writer(), "07" * 4)).touch()
    with pytest.raises(FileExistsError):
        create_beside(tmp_path / "out.jpg", attempts=3)


def test_a_temporary_names_its_writer(tmp_path: Path) -> None:
    fd, temporary = create_beside(tmp_path / "out.jpg")
    os.close(fd)
    match = atomic.temporary_match(temporary.name)
    assert match is not None and temporary.name.startswith(".out.jpg.pasha-")
    assert Writer(int(match[1]), int(match[2]), match[3]) == atomic.writer()
    assert atomic.writer().pid == os.getpid()
    if sys.platform.startswith("linux"):  # a start time and a boot id, so a reused pid is told apart
        assert atomic.writer().start > 0 and atomic.writer().boot != atomic.UNKNOWN_BOOT


LONG_NAMES = [
    ("ascii-255", "a" * 251 + ".jpg"),
    ("japanese-255-bytes", "写" * 83 + "x.jpg"),  # 3 bytes each: a cut may not split a character
    ("short", "a.jpg"),
]


@pytest.mark.parametrize("name", [n for _, n in LONG_NAMES], ids=[i for i, _ in LONG_NAMES])
def test_a_target_whose_name_is_legal_gets_a_legal_temporary(tmp_path: Path, name: str) -> None:
    assert len(os.fsencode(name)) <= atomic.NAME_MAX
    target = tmp_path / name
    with open_atomic(target) as handle:
        handle.write(b"data")
        temporaries = [p for p in tmp_path.iterdir() if p != target]
        assert len(temporaries) == 1 and len(os.fsencode(temporaries[0].name)) <= atomic.NAME_MAX
        assert atomic.temporary_match(temporaries[0].name)
    assert target.read_bytes() == b"data" and list(tmp_path.iterdir()) == [target]


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


def test_a_streamed_write_is_the_same_file(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    with open_atomic(target) as handle:
        for chunk in (b"a" * 10, b"b" * 10):
            handle.write(chunk)
        assert not target.exists()  # nothing in place before the block ends
    assert target.read_bytes() == b"a" * 10 + b"b" * 10
    with pytest.raises(RuntimeError), open_atomic(target) as handle:
        handle.write(b"half")
        raise RuntimeError("the caller failed midway")
    assert target.read_bytes() == b"a" * 10 + b"b" * 10 and list(tmp_path.iterdir()) == [target]


# (id, the step that fails, errno): each step of a write, with the errors disks and systems give
FAILURES = [
    ("create-read-only", "open", errno.EROFS),
    ("create-permission", "open", errno.EACCES),
    ("create-full", "open", errno.ENOSPC),
    ("mode-permission", "fchmod", errno.EPERM),
    ("flush-full", "fsync", errno.ENOSPC),
    ("flush-io", "fsync", errno.EIO),
    ("flush-quota", "fsync", errno.EDQUOT),
    ("rename-permission", "replace", errno.EACCES),
    ("rename-read-only", "replace", errno.EROFS),
    ("rename-busy", "replace", errno.EBUSY),
]


@pytest.mark.parametrize(("step", "err"), [f[1:] for f in FAILURES], ids=[f[0] for f in FAILURES])
def test_a_failing_step_keeps_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, err: int
) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    real_open = os.open
    if step == "open":  # only the temporary's creation: the folder may still be read
        monkeypatch.setattr(
            atomic.os,
            "open",
            lambda path, flags, mode=0o777: failing(err)() if flags & os.O_CREAT else real_open(path, flags, mode),
        )
    else:
        monkeypatch.setattr(atomic.os, step, failing(err))
    with pytest.raises(OSError) as raised:
        write_atomic(target, b"new")
    assert raised.value.errno == err
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def _file_in_the_way(folder: Path, *below: str) -> Path:
    (folder / "file").write_bytes(b"")
    return folder.joinpath("file", *below)


def _folder_in_the_way(folder: Path) -> Path:
    (folder / "out.txt").mkdir()
    return folder / "out.txt"


# (id, how the target is made impossible, errno): real ones, no patching
REAL_FAILURES: list[tuple[str, Callable[[Path], Path], int]] = [
    ("name-too-long", lambda d: d / ("a" * 256), errno.ENAMETOOLONG),
    ("parent-is-a-file", lambda d: _file_in_the_way(d, "out.txt"), errno.ENOTDIR),
    ("ancestor-is-a-file", lambda d: _file_in_the_way(d, "sub", "out.txt"), errno.ENOTDIR),
    ("target-is-a-folder", _folder_in_the_way, errno.EISDIR),
]


@pytest.mark.parametrize(("make", "err"), [f[1:] for f in REAL_FAILURES], ids=[f[0] for f in REAL_FAILURES])
def test_real_failures_are_os_errors_and_leave_nothing(tmp_path: Path, make: Callable[[Path], Path], err: int) -> None:
    target = make(tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(OSError) as raised:
        write_atomic(target, b"new")
    assert raised.value.errno == err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_a_file_too_large_for_the_limit_is_an_os_error(tmp_path: Path) -> None:
    """A real short write: the file size limit (RLIMIT_FSIZE) stops write() as a full disk does."""
    code = (
        "import resource, sys\nfrom pathlib import Path\nfrom pasha_cli.atomic import write_atomic\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
        "try:\n    write_atomic(Path(sys.argv[1]), b'x' * 100_000)\n"
        "except OSError as exc:\n    print(exc.errno)\n"
    )
    pytest.importorskip("resource")
    (tmp_path / "out.bin").write_bytes(b"old")
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "out.bin")], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == str(errno.EFBIG), done.stderr
    assert (tmp_path / "out.bin").read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_a_worker_whose_parent_has_gone_renames_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    monkeypatch.setattr(parallel, "_parent", [os.getppid() + 1])  # as in a worker whose parent has died
    with pytest.raises(parallel.ParentGone):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def _dead_pid() -> int:
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    return done.pid


NOW = time.time()
LONG_AGO = (atomic._boot_time() or NOW) - 3600  # before this machine's boot
YESTERDAY = NOW - 24 * 3600


def _stale_cases() -> list[tuple[str, Callable[[Writer], tuple[str, float]], bool]]:
    """(id, (this process as a writer) -> (file name, its mtime), removed?)."""
    other_boot = "deadbeef"
    return [
        ("writer-ended", lambda me: (_name("a.zip", me._replace(pid=_dead_pid())), NOW), True),
        ("writer-ended-long-name", lambda me: (_name("写" * 83 + "x.zip", me._replace(pid=_dead_pid())), NOW), True),
        ("pid-reused-by-another-process", lambda me: (_name("a.zip", me._replace(start=me.start + 1)), NOW), True),
        ("writer-runs", lambda me: (_name("a.zip", me), NOW), False),
        ("writer-runs-old-file", lambda me: (_name("a.zip", me), LONG_AGO), False),
        ("other-boot-before-this-one", lambda me: (_name("a.zip", me._replace(boot=other_boot)), LONG_AGO), True),
        ("other-boot-or-machine-now", lambda me: (_name("a.zip", me._replace(boot=other_boot)), NOW), False),
        # files that are not pasha's own, however close their names
        ("older-pasha-name", lambda me: (".a.zip.0123456789ab.tmp", LONG_AGO), False),
        ("not-hidden", lambda me: (_name("a.zip", me._replace(pid=_dead_pid()))[1:], NOW), False),
        ("other-suffix", lambda me: (_name("a.zip", me._replace(pid=_dead_pid())) + "~", NOW), False),
        ("no-random-part", lambda me: (f".a.zip.pasha-{_dead_pid()}-1-{me.boot}.tmp", NOW), False),
        ("upper-case-hex", lambda me: (_name("a.zip", me._replace(pid=_dead_pid()), "ABCDEF01"), NOW), False),
        ("someone-elses-tmp", lambda me: (".a.zip.swp.tmp", LONG_AGO), False),
    ]


@pytest.mark.parametrize(("make", "removed"), [c[1:] for c in _stale_cases()], ids=[c[0] for c in _stale_cases()])
def test_only_temporaries_of_writers_that_ended_are_removed(
    tmp_path: Path, make: Callable[[Writer], tuple[str, float]], removed: bool
) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("start times and boot ids come from Linux's /proc")
    name, mtime = make(atomic.writer())
    path = tmp_path / name
    path.write_bytes(b"x" * 1000)
    os.utime(path, (mtime, mtime))
    keep = tmp_path / "a.zip"
    keep.write_bytes(b"mine")
    write_atomic(tmp_path / "other.zip", b"new")  # any write to the folder cleans it
    assert path.exists() is not removed
    assert keep.read_bytes() == b"mine" and (tmp_path / "other.zip").read_bytes() == b"new"


@pytest.mark.parametrize(
    ("kind", "removed"), [("dead-and-old", True), ("dead-and-recent", False), ("alive-and-old", False)]
)
def test_without_a_boot_id_only_old_files_of_ended_writers_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, removed: bool
) -> None:
    """macOS has no /proc: an ended writer and a file untouched for long, so a writer on another
    machine sharing the folder keeps its file."""
    monkeypatch.setattr(atomic, "_boot", [atomic.UNKNOWN_BOOT])
    me = atomic.writer()
    assert me.boot == atomic.UNKNOWN_BOOT and me.start == 0
    pid = os.getpid() if kind.startswith("alive") else _dead_pid()
    path = tmp_path / _name("a.zip", me._replace(pid=pid))
    path.write_bytes(b"x")
    mtime = YESTERDAY if kind.endswith("old") else NOW
    os.utime(path, (mtime, mtime))
    assert (remove_stale(tmp_path) == [path]) is removed and path.exists() is not removed


def test_folders_and_links_with_a_matching_name_are_kept(tmp_path: Path) -> None:
    me = atomic.writer()
    folder = tmp_path / _name("a.zip", me._replace(pid=_dead_pid()), "00000001")
    folder.mkdir()
    link = tmp_path / _name("a.zip", me._replace(pid=_dead_pid()), "00000002")
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    link.symlink_to(victim)
    assert remove_stale(tmp_path) == []
    assert folder.is_dir() and link.is_symlink() and victim.read_bytes() == b"keep"


def test_a_folder_that_cannot_be_read_is_not_an_error(tmp_path: Path) -> None:
    assert remove_stale(tmp_path / "missing") == []
    (tmp_path / "file").write_bytes(b"")
    assert remove_stale(tmp_path / "file") == []


def test_a_writer_proc_does_not_show_is_kept_while_it_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """/proc mounted with hidepid shows no other user's process: the system is asked instead."""
    me = atomic.writer()
    running = tmp_path / _name("a.zip", me._replace(pid=os.getppid(), start=1))
    ended = tmp_path / _name("b.zip", me._replace(pid=_dead_pid(), start=1))
    for path in (running, ended):
        path.write_bytes(b"x")
    real = atomic._start_time
    monkeypatch.setattr(atomic, "_start_time", lambda pid: real(pid) if pid == os.getpid() else None)
    assert remove_stale(tmp_path) == [ended] and running.exists()
