"""Atomic file writes: a temporary file in the same folder, flushed, then renamed over the target.

A reader never sees a half-written file, and a failure leaves the old file (or none) in place.
A temporary file's name says whose it is, `.NAME.pasha-PID-START-BOOT-RANDOM.tmp` (the writer's
process id, its start time and this boot's id): one whose writer has died (kill -9, a power cut)
is removed by the next write to the same folder. No other file is ever removed, nor the file of a
writer that still runs.

Only a regular file (or nothing) is ever replaced: a rename over a device, a FIFO or a socket, or a
link to one (`/dev/stdout` is a link to `/proc/self/fd/1`), would put a regular file where the node
was, for every program on the system when run as root. So would a rename over `/dev/stdout` when
stdout is a file. Such a target is refused (NotRegular), once before the temporary file is made and
again just before the rename.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from pasha_cli.parallel import ParentGone, parent_gone

NAME_MAX = 255  # bytes in one file name on every file system pasha writes to
UNKNOWN_BOOT = "0" * 8  # where the system does not tell (not Linux)
STALE_AFTER_S = 600  # without a boot id, a dead writer's file is removed only once it is this old
TEMPORARY = r"\..*\.pasha-(\d+)-(\d+)-([0-9a-f]{8})-[0-9a-f]{8}\.tmp"  # compiled on first use: most runs write nothing


def temporary_match(name: str) -> re.Match[str] | None:
    """The (pid, start, boot) of one of pasha's temporary files, from its name; None for any other name."""
    return re.fullmatch(TEMPORARY, name, re.DOTALL)


class NotRegular(OSError):
    """An existing target that is no regular file (a device, a FIFO, a socket, or a link to one) or
    a process's descriptor (special()): never replaced by a rename."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EEXIST, "not a regular file (a device, a FIFO, a socket or a descriptor)", str(path))


def special(path: Path) -> int | None:
    """The file type (stat.S_IFMT) of what `path` leads to, following links, when it exists and is
    neither a regular file nor a folder (a rename over a folder fails by itself), or is reached
    through one of this process's descriptors (`/dev/stdout` when stdout is a file); else None."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):  # none, a dangling link, a name too long: nothing special is there
        return None
    if stat.S_ISDIR(mode) or (stat.S_ISREG(mode) and descriptor_entry(path) is None):
        return None
    return stat.S_IFMT(mode)


def descriptor_entry(path: Path) -> tuple[int, int] | None:
    """(process id, descriptor) of the /proc/PID/fd entry `path` is or leads to through links
    (`/dev/stdout`, `/dev/fd/1`): an open file of a process, not a place to rename a file into."""
    current = os.path.abspath(path)
    for _ in range(40):  # the system's own limit on links in a row
        found = re.fullmatch(
            r"/proc/(\d+)/fd/(\d+)", os.path.join(os.path.realpath(os.path.dirname(current)), os.path.basename(current))
        )
        if found:
            return int(found[1]), int(found[2])
        try:
            target = os.readlink(current)
        except (OSError, ValueError):  # not a link: the end of the chain
            return None
        current = os.path.join(os.path.dirname(current), target)
    return None


def _refuse_special(path: Path) -> None:
    if special(path) is not None:
        raise NotRegular(path)


class Writer(NamedTuple):
    """Who writes a temporary file: enough to tell, later, whether that process still runs."""

    pid: int
    start: int  # the process's start in clock ticks since boot (Linux), or 0
    boot: str  # the first 8 hex digits of this boot's id (Linux), or UNKNOWN_BOOT


def write_atomic(path: Path, data: bytes, verify: Callable[[Path], None] | None = None, replace: bool = True) -> None:
    """Write `data` to `path` atomically; `verify` may inspect the finished temporary file and raise,
    in which case nothing is written. With `replace=False` an existing `path` is never replaced, even
    one that appears while writing: FileExistsError."""
    with open_atomic(path, verify, replace) as handle:
        handle.write(data)


@contextlib.contextmanager
def open_atomic(path: Path, verify: Callable[[Path], None] | None = None, replace: bool = True) -> Iterator[BinaryIO]:
    """A file to write `path` through: put in place when the block ends without an error (as
    write_atomic's `replace` says), removed otherwise. A caller can stream into it instead of holding
    the whole file in memory."""
    _refuse_special(path)  # before any work: no temporary file beside a device (in /dev)
    _make_folder(path.parent)
    remove_stale(path.parent)
    fd, temporary = create_beside(path)
    try:
        _chmod(fd, temporary, _mode(path))  # created 0600: give the file the mode a plain write would
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if verify is not None:
            verify(temporary)
        if parent_gone():  # a worker whose command was killed: what it made is not wanted
            raise ParentGone(1)
        _place(temporary, path, replace)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _place(temporary: Path, path: Path, replace: bool) -> None:
    if replace:
        _refuse_special(path)  # again: one may have been made meanwhile
        os.replace(temporary, path)
        return
    try:
        os.link(temporary, path)  # a hard link never replaces: the check and the write are one step
    except OSError as exc:
        if isinstance(exc, FileExistsError) or exc.errno not in _NO_HARD_LINKS:
            raise
        if os.path.lexists(path):  # a file system without hard links (FAT, some network shares)
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.replace(temporary, path)
        return
    os.unlink(temporary)


_NO_HARD_LINKS = {
    errno.EPERM,
    errno.EXDEV,
    errno.EMLINK,
    getattr(errno, "ENOTSUP", -1),
    getattr(errno, "EOPNOTSUPP", -1),
}


def create_beside(path: Path, attempts: int = 100) -> tuple[int, Path]:
    """A new empty file, readable by its owner only, in `path`'s folder under a hidden name of
    pasha's own: what tempfile.mkstemp makes (O_EXCL, so no existing file or planted link is ever
    opened). Not tempfile itself: its imports (shutil, random, bz2, lzma) are a noticeable part of
    what `pasha image fit` costs on a small image (benchmarks/startup.py)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    me = writer()
    for _ in range(attempts):
        candidate = path.with_name(temporary_name(path.name, me, os.urandom(4).hex()))
        try:
            return os.open(candidate, flags, 0o600), candidate
        except FileExistsError:
            continue  # taken: another
    raise FileExistsError(f"no free temporary name beside {path}")


def temporary_name(name: str, who: Writer, random: str) -> str:
    """`.NAME.pasha-PID-START-BOOT-RANDOM.tmp`, NAME shortened so that the whole is one legal file
    name wherever the target's own name is."""
    tail = f".pasha-{who.pid}-{who.start}-{who.boot}-{random}.tmp"
    room = NAME_MAX - 1 - len(tail)
    while len(os.fsencode(name)) > room:
        name = name[:-1]
    return f".{name}{tail}"


def remove_stale(folder: Path) -> list[Path]:
    """Remove the temporary files of pasha writers that no longer run from `folder`; what was
    removed. Never fails: a folder that cannot be read or cleaned is left as it is."""
    removed = []
    try:
        with os.scandir(folder) as scan:  # the names first, cheaply: a folder may hold thousands of photos
            entries = [e for e in scan if e.name.endswith(".tmp") and e.name.startswith(".")]
    except OSError:
        return []
    for entry in entries:
        match = temporary_match(entry.name)
        if match is None:
            continue
        who = Writer(int(match[1]), int(match[2]), match[3])
        try:
            if entry.is_file(follow_symlinks=False) and writer_gone(who, entry.stat(follow_symlinks=False).st_mtime):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue  # gone meanwhile, or not ours to remove
    return removed


def writer_gone(who: Writer, modified: float) -> bool:
    """Whether the process that made a temporary file is certainly no longer writing it."""
    me = writer()
    if me.boot == UNKNOWN_BOOT:  # no boot id: a process that does not exist, and a file not touched for long
        return who.boot == UNKNOWN_BOOT and not _exists(who.pid) and time.time() - modified > STALE_AFTER_S
    if who.boot != me.boot:  # another boot, or another machine sharing the folder: only if from before this boot
        boot_time = _boot_time()
        return boot_time is not None and modified < boot_time
    start = _start_time(who.pid)
    if start is None:  # no such process, or one /proc does not show (hidepid): ask the system
        return not _exists(who.pid)
    return start != who.start  # another process has the number now


def writer() -> Writer:
    """This process, as its temporary files name it (a forked worker is another writer)."""
    pid = os.getpid()
    boot = _boot_id()
    start = _start_time(pid) if boot != UNKNOWN_BOOT else None
    return Writer(pid, start or 0, boot if start is not None else UNKNOWN_BOOT)


_boot: list[str] = []


def _boot_id() -> str:
    if not _boot:
        try:
            _boot.append(
                Path("/proc/sys/kernel/random/boot_id").read_text("ascii").strip().replace("-", "")[:8].lower()
            )
        except (OSError, UnicodeDecodeError):
            _boot.append(UNKNOWN_BOOT)
        if not re.fullmatch("[0-9a-f]{8}", _boot[0]):
            _boot[0] = UNKNOWN_BOOT
    return _boot[0]


def _start_time(pid: int) -> int | None:
    """A process's start in clock ticks since boot (Linux's /proc), or None when there is none."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return None
    fields = stat[stat.rfind(b")") + 2 :].split()  # after the command name, which may hold anything
    try:
        return None if fields[0] == b"Z" else int(fields[19])  # a zombie has ended
    except (IndexError, ValueError):
        return None


def _boot_time() -> float | None:
    try:
        for line in Path("/proc/stat").read_text("ascii").splitlines():
            if line.startswith("btime "):
                return float(line.split()[1])
    except (OSError, UnicodeDecodeError, ValueError):
        pass
    return None


def _exists(pid: int) -> bool:
    if os.name != "posix":  # Windows' os.kill ends the process it is given: assume it runs
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's
    return True


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file (or a dangling link) where the folder must be
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder)) from None


def _chmod(fd: int, path: Path, mode: int) -> None:
    """os.fchmod, or os.chmod by name where there is none (Windows before Python 3.13)."""
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:
        os.chmod(path, mode)


def _mode(path: Path) -> int:
    """The existing file's permissions, or the default for a new file under the current umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
