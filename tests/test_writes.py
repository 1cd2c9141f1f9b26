"""Writes that fail or are killed leave nothing behind (issue 11, item 4): `pasha image fit` and
`pasha export` on full, read-only and impossible targets; a fit batch goes on past a failure;
workers end with the command; stale temporary files of pasha's own go on the next write."""

from __future__ import annotations

import errno
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image

from pasha_cli import atomic
from pasha_cli.image import fit as imagefit
from tests.conftest import BASE_CONFIG, NOW, Project, failing, run
from tests.test_imagefit import assert_compliant, photo, save

_PNGS: dict[tuple[int, int], bytes] = {}


def _png(width: int, height: int, path: Path) -> Path:
    """save(photo(width, height), path, "PNG"), encoded once per size: compressing the grain is most
    of a case's time, and every case needs only the same few pictures."""
    if (width, height) not in _PNGS:
        _PNGS[(width, height)] = save(photo(width, height), path, "PNG").read_bytes()
    else:
        path.write_bytes(_PNGS[(width, height)])
    return path


REPO = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(REPO), "PASHA_LANG": "en", "NO_COLOR": "1"}
temporary_match = atomic.temporary_match


def _pasha(*args: str) -> list[str]:
    return [sys.executable, "-m", "pasha_cli", *args]


def _leftovers(folder: Path) -> list[str]:
    """Hidden temporary files in a folder, pasha's or not."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp"))


# ---------------------------------------------------------------------------------------------------
# A batch goes on past a failure of the second of four sources, whatever the failure


def _unknown_format(folder: Path, out: Path) -> Path:
    (folder / "s1.png").write_bytes(b"not an image at all")
    return folder / "s1.png"


def _truncated(folder: Path, out: Path) -> Path:
    data = _png(1300, 900, folder / "s1.png").read_bytes()
    (folder / "s1.png").write_bytes(data[: len(data) // 3])
    return folder / "s1.png"


def _too_small(folder: Path, out: Path) -> Path:
    return _png(600, 400, folder / "s1.png")


def _missing(folder: Path, out: Path) -> Path:
    return folder / "s1.png"


def _a_folder(folder: Path, out: Path) -> Path:
    (folder / "s1.png").mkdir()
    return folder / "s1.png"


def _a_photo(folder: Path, out: Path) -> Path:
    return _png(1300, 900, folder / "s1.png")


def _output_name_too_long(folder: Path, out: Path) -> Path:
    return _png(1300, 900, folder / ("s" * 253))  # legal; its output, with .jpg, is not


# (id, make the second source, the call that fails for its output only, exit code, words its
# message has); every one run as one process and as two (forked workers inherit the broken call)
SECOND_FAILS: list[tuple[str, Callable[[Path, Path], Path], tuple[str, int] | None, int, tuple[str, ...]]] = [
    ("unknown-format", _unknown_format, None, 1, ("unknown format",)),
    ("truncated", _truncated, None, 1, ("is corrupt",)),
    ("too-small-without-upscale", _too_small, None, 1, ("600 px wide", "--upscale")),
    ("missing", _missing, None, 1, ("no such file",)),
    ("source-is-a-folder", _a_folder, None, 1, ()),
    ("output-name-too-long", _output_name_too_long, None, 2, ("Cannot write", "File name too long")),
    (
        "its-output-on-a-full-disk",
        _a_photo,
        ("open", errno.ENOSPC),
        2,
        ("Cannot write", "s1.jpg", os.strerror(errno.ENOSPC)),
    ),
    ("its-output-read-only", _a_photo, ("open", errno.EROFS), 2, ("s1.jpg", os.strerror(errno.EROFS))),
    ("its-output-denied", _a_photo, ("replace", errno.EACCES), 2, ("s1.jpg", os.strerror(errno.EACCES))),
]


def _break_one(monkeypatch: pytest.MonkeyPatch, call: str, err: int, name: str) -> None:
    """`call` fails with `err` for the temporary file of `name` only."""
    real = getattr(os, call)

    def broken(path: object, *args: object, **kwargs: object) -> object:
        if f".{name}.pasha-" in str(path):
            raise OSError(err, os.strerror(err))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(atomic.os, call, broken)


@pytest.mark.sample(1, per="jobs")  # one batch of each kind
@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize(
    ("make", "broken", "code", "words"), [c[1:] for c in SECOND_FAILS], ids=[c[0] for c in SECOND_FAILS]
)
def test_a_batch_goes_on_past_a_failed_source(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make: Callable[[Path, Path], Path],
    broken: tuple[str, int] | None,
    code: int,
    words: tuple[str, ...],
    jobs: str,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    good = [_png(1300 + 20 * i, 900, tmp_path / f"s{i}.png") for i in (0, 2, 3)]
    second = make(tmp_path, out)
    if broken is not None:
        _break_one(monkeypatch, *broken, f"{second.stem}.jpg")
    sources = [good[0], second, good[1], good[2]]
    result = run(["image", "fit", *map(str, sources), "--out-dir", str(out), "--as", "top", "--jobs", jobs])
    assert result.exit_code == code, result.output
    assert [line.split(" -> ")[0] for line in result.stdout.splitlines()] == [str(s) for s in good]
    failed = result.stderr.splitlines()
    assert len(failed) == 1 and failed[0].startswith(f"{second}: ") and "Traceback" not in result.stderr
    assert all(word in failed[0] for word in words), failed[0]
    for source in good:
        assert_compliant(out / f"{source.stem}.jpg", "top")
    assert sorted(p.name for p in out.iterdir()) == [f"{s.stem}.jpg" for s in good]  # nothing else, no temporary


def test_a_bug_with_one_source_does_not_stop_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug is still exit 3, once the other sources are done (forked workers inherit the patch)."""
    real = imagefit.load

    def load(path: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if path.name == "s1.png":
            raise RuntimeError("a bug")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(imagefit, "load", load)
    sources = [_png(1300, 900, tmp_path / f"s{i}.png") for i in range(4)]
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = run(["image", "fit", *map(str, sources), "--out-dir", str(out), "--as", "top", "--jobs", jobs])
        assert result.exit_code == 3 and "a bug" in result.stderr and "Traceback" not in result.stderr
        assert sorted(p.name for p in out.iterdir()) == ["s0.jpg", "s2.jpg", "s3.jpg"]


# ---------------------------------------------------------------------------------------------------
# Disk errors: a clean exit 2 naming the output and the reason, and nothing left behind

# (id, the system call that fails, errno): what a full, read-only or foreign disk answers
DISK_ERRORS = [
    ("full-at-flush", "fsync", errno.ENOSPC),
    ("quota-at-flush", "fsync", errno.EDQUOT),
    ("io-error-at-flush", "fsync", errno.EIO),
    ("read-only-at-create", "open", errno.EROFS),
    ("denied-at-create", "open", errno.EACCES),
    ("full-at-create", "open", errno.ENOSPC),
    ("denied-at-rename", "replace", errno.EACCES),
    ("read-only-at-rename", "replace", errno.EROFS),
]


def _break(monkeypatch: pytest.MonkeyPatch, call: str, err: int) -> None:
    if call == "open":  # creating the temporary only: sources and folders are still read
        real = os.open
        monkeypatch.setattr(
            atomic.os,
            "open",
            lambda path, flags, mode=0o777, **kw: (
                failing(err)() if flags & os.O_CREAT else real(path, flags, mode, **kw)
            ),
        )
    else:
        monkeypatch.setattr(atomic.os, call, failing(err))
    if call == "replace":  # a write that may not replace an existing file places its own by a hard link
        monkeypatch.setattr(atomic.os, "link", failing(err))


@pytest.mark.sample(1, per="call")  # each system call once
@pytest.mark.parametrize(("call", "err"), [d[1:] for d in DISK_ERRORS], ids=[d[0] for d in DISK_ERRORS])
def test_fit_on_a_broken_disk_is_exit_2_for_each_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str, err: int
) -> None:
    sources = [_png(1300, 900, tmp_path / f"s{i}.png") for i in range(2)]
    out = tmp_path / "out"
    out.mkdir()
    _break(monkeypatch, call, err)
    for lang, words in (
        ("en", f"Cannot write {out / '{}.jpg'}: {os.strerror(err)}"),
        ("ja", f"{out / '{}.jpg'} に書き込めません: {os.strerror(err)}"),
    ):
        result = run(
            ["image", "fit", *map(str, sources), "--out-dir", str(out), "--as", "top", "--jobs", "1", "--lang", lang]
        )
        assert result.exit_code == 2 and result.stdout == "" and "Traceback" not in result.stderr
        assert result.stderr.splitlines() == [f"{s}: {words.format(s.stem)}" for s in sources]
        assert list(out.iterdir()) == []


@pytest.mark.parametrize(("call", "err"), [d[1:] for d in DISK_ERRORS], ids=[d[0] for d in DISK_ERRORS])
def test_export_on_a_broken_disk_is_exit_2(
    project: Project, monkeypatch: pytest.MonkeyPatch, call: str, err: int
) -> None:
    project.draft("a.yaml", "account: paid\npublish_at: 2030-05-07 09:00\nbody: x\n")
    target = project.root / "out" / "bundle.zip"
    target.parent.mkdir()
    _break(monkeypatch, call, err)
    result = run(["export", "-o", str(target), "--config", str(project.root / "pasha.toml"), "--now", NOW])
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert result.stderr == f"pasha: Cannot write {target}: {os.strerror(err)}\n"
    assert list(target.parent.iterdir()) == []


def _mount_works(folder: Path) -> bool:
    if not shutil.which("unshare") or not sys.platform.startswith("linux"):
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", 'mount -t tmpfs -o size=64k pasha-test "$0"', str(folder)],
        capture_output=True,
        timeout=30,
    )
    return probe.returncode == 0


# (id, tmpfs options, what the system says)
REAL_DISKS = [("full", "size=64k", os.strerror(errno.ENOSPC)), ("read-only", "ro,size=64k", os.strerror(errno.EROFS))]


@pytest.mark.slow
@pytest.mark.parametrize(("options", "reason"), [d[1:] for d in REAL_DISKS], ids=[d[0] for d in REAL_DISKS])
def test_a_real_full_or_read_only_disk(tmp_path: Path, options: str, reason: str) -> None:
    """A small tmpfs in a mount namespace of its own (root, Linux): the real errors, end to end."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if not _mount_works(disk):
        pytest.skip("no mount namespace here (needs root and unshare)")
    project = Project(tmp_path / "project", BASE_CONFIG + "\n[spec]\ntimeline_image_max_bytes = 5000000\n")
    big = Image.effect_noise((1200, 800), 80).convert("RGB")
    save(big, project.root / "posts" / "a.jpg", "JPEG", quality=95)  # far more than the disk holds
    project.draft("a.yaml", "account: paid\npublish_at: 2030-05-07 09:00\nbody: x\nimage: a.jpg\n")
    sources = [_png(1300, 900, tmp_path / f"s{i}.png") for i in range(2)]
    script = (
        'mount -t tmpfs -o "$1" pasha-test "$0" || exit 99\n'
        "shift\n"
        '"$@" > "$OUT/fit.out" 2> "$OUT/fit.err"; echo $? > "$OUT/fit.code"\n'
        f"{shlex.join(_pasha('export', '-o', str(disk / 'bundle.zip'), '--config', str(project.root / 'pasha.toml'), '--now', NOW))}"
        ' > /dev/null 2> "$OUT/export.err"; echo $? > "$OUT/export.code"\n'
        'ls -A "$0" > "$OUT/left"\n'
    )
    report = tmp_path / "report"
    report.mkdir()
    done = subprocess.run(
        [
            "unshare",
            "-m",
            "sh",
            "-c",
            script,
            str(disk),
            options,
            *_pasha("image", "fit", *map(str, sources), "--out-dir", str(disk), "--as", "timeline", "--jobs", "2"),
        ],
        env={**ENV, "OUT": str(report)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert (report / "fit.code").read_text() == "2\n", (report / "fit.err").read_text()
    assert (report / "fit.err").read_text().splitlines() == [
        f"{s}: Cannot write {disk / s.stem}.jpg: {reason}" for s in sources
    ]
    assert (report / "export.code").read_text() == "2\n"
    assert (report / "export.err").read_text() == f"pasha: Cannot write {disk / 'bundle.zip'}: {reason}\n"
    assert (report / "left").read_text() == ""  # no output, no temporary file


def test_a_file_size_limit_stops_a_fit_cleanly(tmp_path: Path) -> None:
    """RLIMIT_FSIZE makes write() fail as a full disk does, with no mount needed: here first in the
    encoder's scratch file, whose short write Pillow does not notice (the JPEG came out cut)."""
    resource = pytest.importorskip("resource")
    sources = [_png(1300, 900, tmp_path / f"s{i}.png") for i in range(2)]
    out = tmp_path / "out"

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))

    done = subprocess.run(
        _pasha("image", "fit", *map(str, sources), "--out-dir", str(out), "--as", "timeline"),
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        f"{s}: cannot write the encoder's scratch file: {os.strerror(errno.EFBIG)}" for s in sources
    ]
    assert not out.exists()


# ---------------------------------------------------------------------------------------------------
# Workers end with the command that started them


def _proc_fields(pid: int) -> list[bytes] | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return None
    return stat[stat.rfind(b")") + 2 :].split()


def _running(pid: int) -> bool:
    fields = _proc_fields(pid)
    return fields is not None and fields[0] != b"Z"  # a zombie has ended; its reaper may be slow


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        fields = _proc_fields(int(entry.name)) if entry.name.isdigit() else None
        if fields is not None and int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _until(condition: Callable[[], bool], seconds: float) -> bool:
    """Poll `condition` for at most `seconds` (a bound against a hang, not a timing assertion)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


@pytest.fixture
def reaped() -> Iterator[list[int]]:
    """Pids a test started: whatever a failing test leaves running is ended."""
    pids: list[int] = []
    yield pids
    for pid in pids:
        if _running(pid):
            os.kill(pid, signal.SIGKILL)


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds processes through /proc")


@pytest.mark.slow
@needs_proc
def test_kill_9_of_a_batch_ends_its_workers_and_their_writes(tmp_path: Path, reaped: list[int]) -> None:
    sources = [
        save(Image.effect_noise((2600, 1900), 60).convert("RGB"), tmp_path / f"big{i}.png", "PNG") for i in range(10)
    ]
    out = tmp_path / "out"
    command = subprocess.Popen(
        _pasha("image", "fit", *map(str, sources), "--out-dir", str(out), "--as", "timeline", "--jobs", "2"),
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    reaped.append(command.pid)
    assert _until(lambda: len(_children(command.pid)) >= 2 and any(out.glob("*.jpg")), 120), "the batch never began"
    workers = _children(command.pid)
    reaped.extend(workers)
    command.kill()
    command.wait()
    assert _until(lambda: not any(map(_running, workers)), 10), "workers outlived the command"
    written = sorted(p.name for p in out.iterdir())
    time.sleep(1.5)  # anything still at work would write now
    assert sorted(p.name for p in out.iterdir()) == written
    assert len(written) < len(sources) and _leftovers(out) == []  # stopped mid-batch; each worker cleaned up
    for name in written:
        assert_compliant(out / name, "timeline")


# (id, how the worker learns of it, what it is doing when the parent dies)
DEATHS = [
    ("prctl-busy", "prctl", "busy"),
    ("prctl-waiting", "prctl", "waiting"),
    ("watcher-busy", "watcher", "busy"),
    ("watcher-waiting", "watcher", "waiting"),
]
ORPHAN = """
import os, sys, time
from pathlib import Path
from pasha_cli import parallel
how, doing, marker = sys.argv[1:]
if how == "watcher":  # as where prctl does not exist (macOS, Windows)
    parallel._signal_on_parent_death = lambda signum: False
reading, _ = os.pipe()
child = os.fork()
if child == 0:
    parallel.worker_started(os.getppid())
    try:  # the signal may come as soon as the pid is out: inside the try, as in a real task
        print(os.getpid(), flush=True)  # ready: the test kills the parent now
        if doing == "busy":
            while True:
                sum(range(10_000))  # at work in Python
        else:
            os.read(reading, 1)  # waiting for work that never comes
    except parallel.ParentGone:
        Path(marker).write_text("cleaned up")
        raise
time.sleep(60)
"""


@pytest.mark.slow
@needs_proc
@pytest.mark.parametrize(("how", "doing"), [d[1:] for d in DEATHS], ids=[d[0] for d in DEATHS])
def test_a_worker_ends_when_its_parent_is_killed(tmp_path: Path, reaped: list[int], how: str, doing: str) -> None:
    marker = tmp_path / "marker"
    parent = subprocess.Popen(
        [sys.executable, "-c", ORPHAN, how, doing, str(marker)], env=ENV, stdout=subprocess.PIPE, text=True
    )
    reaped.append(parent.pid)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    reaped.append(child)
    assert _running(child)
    parent.kill()
    parent.wait()
    assert _until(lambda: not _running(child), 15), "the worker outlived its parent"
    if doing == "busy":  # SIGTERM (or the watcher) reached the work, which could clean up
        assert marker.read_text() == "cleaned up"


# ---------------------------------------------------------------------------------------------------
# A write killed midway leaves a temporary file of pasha's own; the next write there removes it

SLOW_EXPORT = """
import sys, time, zipfile
from pasha_cli.cli import main
real = zipfile.ZipFile.writestr
def slow(self, *args, **kwargs):
    real(self, *args, **kwargs)
    print("writing", flush=True)
    time.sleep(60)  # the test kills the command here, in the middle of the bundle
zipfile.ZipFile.writestr = slow
main(sys.argv[1:])
"""
SLOW_FIT = """
import os, sys, time
from pasha_cli.cli import main
real = os.fsync
def slow(fd):
    real(fd)
    print("writing", flush=True)
    time.sleep(60)  # the test kills the command here: the output written, not yet renamed
os.fsync = slow
main(sys.argv[1:])
"""


def _kill_midway(code: str, args: list[str], folder: Path, reaped: list[int]) -> Path:
    """Run pasha with a write that stops midway, kill -9 it there; the temporary file it leaves."""
    command = subprocess.Popen([sys.executable, "-c", code, *args], env=ENV, stdout=subprocess.PIPE, text=True)
    reaped.append(command.pid)
    assert command.stdout is not None and command.stdout.readline() == "writing\n"
    command.kill()
    command.wait()
    left = _leftovers(folder)
    assert len(left) == 1 and temporary_match(left[0]), left
    return folder / left[0]


def _foreign(folder: Path, target: str) -> list[Path]:
    """Files beside a target that are not a dead pasha writer's: each must stay."""
    me = atomic.writer()
    names = [
        f".{target}.0123456789ab.tmp",  # an older pasha's name: no writer in it to ask
        f".{target}.pasha-notes.tmp",
        f"{target}.pasha-1-1-{me.boot}-00000000.tmp",  # not hidden
        atomic.temporary_name(target, me, "0a0b0c0d"),  # a writer that runs: this test
    ]
    for name in names:
        (folder / name).write_bytes(b"keep")
    return [folder / name for name in names]


@pytest.mark.slow
@needs_proc
def test_a_killed_export_leaves_a_temporary_the_next_export_removes(project: Project, reaped: list[int]) -> None:
    for i in range(3):
        project.image(f"posts/p{i}.jpg")
        project.draft(f"p{i}.yaml", f"account: paid\npublish_at: 2030-05-0{i + 1} 09:00\nbody: x{i}\nimage: p{i}.jpg\n")
    out = project.root / "out"
    config = ["--config", str(project.root / "pasha.toml"), "--now", NOW]
    stray = _kill_midway(SLOW_EXPORT, ["export", "-o", str(out / "bundle.zip"), *config], out, reaped)
    assert stray.name.startswith(".bundle.zip.pasha-") and stray.stat().st_size > 0
    assert not (out / "bundle.zip").exists()
    kept = _foreign(out, "bundle.zip")
    result = run(["export", "-o", str(out / "bundle-2.zip"), *config])  # another name, the same folder
    assert result.exit_code == 0, result.output
    assert not stray.exists() and all(p.read_bytes() == b"keep" for p in kept)
    with zipfile.ZipFile(out / "bundle-2.zip") as bundle:
        names = bundle.namelist()
        assert bundle.testzip() is None and "manifest.csv" in names
        assert {f"images/00{i + 1}-p{i}-p{i}.jpg" for i in range(3)} <= set(names)


@pytest.mark.slow
@needs_proc
def test_a_killed_fit_leaves_a_temporary_the_next_fit_removes(tmp_path: Path, reaped: list[int]) -> None:
    source = _png(1300, 900, tmp_path / "s.png")
    out = tmp_path / "out"
    stray = _kill_midway(
        SLOW_FIT, ["image", "fit", str(source), "--out-dir", str(out), "--as", "timeline"], out, reaped
    )
    assert stray.name.startswith(".s.jpg.pasha-") and Image.open(stray).format == "JPEG"
    assert not (out / "s.jpg").exists()
    kept = _foreign(out, "s.jpg")
    assert run(["image", "fit", str(source), "--out-dir", str(out), "--as", "timeline"]).exit_code == 0
    assert not stray.exists() and all(p.read_bytes() == b"keep" for p in kept)
    assert_compliant(out / "s.jpg", "timeline")


def test_export_streams_the_bundle_it_would_have_held(project: Project) -> None:
    """The bundle is streamed into the temporary file now: the same bytes as built in memory."""
    from pasha_cli.plan import export
    from pasha_cli.project.config import load_config
    from pasha_cli.timeutil import now_jst

    project.image("posts/a.jpg")
    project.draft("a.yaml", "account: paid\npublish_at: 2030-05-07 09:00\nbody: 新茶\nimage: a.jpg\n")
    target = project.root / "bundle.zip"
    assert run(["export", "-o", str(target), "--config", str(project.root / "pasha.toml"), "--now", NOW]).exit_code == 0
    config = load_config(project.root / "pasha.toml")
    moment = now_jst(NOW)
    plan = export.select(config, moment, None)
    held = export.build(config, plan.items, "utf-8-sig", moment)
    assert held.rows == 1 and target.read_bytes() == held.data
