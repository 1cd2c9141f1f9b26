"""Atomic file writes: a temporary file in the same folder, flushed, then renamed over the target.

A reader never sees a half-written file, and a failure leaves the old file (or none) in place.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable
from pathlib import Path


def write_atomic(path: Path, data: bytes, verify: Callable[[Path], None] | None = None, replace: bool = True) -> None:
    """Write `data` to `path` atomically; `verify` may inspect the finished temporary file and raise,
    in which case nothing is written. With `replace=False` an existing `path` is never replaced, even
    one that appears while writing: FileExistsError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = create_beside(path)
    try:
        os.fchmod(fd, _mode(path))  # created 0600: give the file the mode a plain write would
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if verify is not None:
            verify(temporary)
        _place(temporary, path, replace)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _place(temporary: Path, path: Path, replace: bool) -> None:
    if replace:
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


_NO_HARD_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK,
                  getattr(errno, "ENOTSUP", -1), getattr(errno, "EOPNOTSUPP", -1)}


def create_beside(path: Path, attempts: int = 100) -> tuple[int, Path]:
    """A new empty file, readable by its owner only, in `path`'s folder under a random hidden name:
    what tempfile.mkstemp makes (O_EXCL, so no existing file or planted link is ever opened).
    Not tempfile itself: its imports (shutil, random, bz2, lzma) cost ~7 ms, a tenth of the work
    `pasha image fit` does on a small photo."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(attempts):
        candidate = path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(candidate, flags, 0o600), candidate
        except FileExistsError:
            continue  # one name in 2**48 taken: another
    raise FileExistsError(f"no free temporary name beside {path}")


def _mode(path: Path) -> int:
    """The existing file's permissions, or the default for a new file under the current umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
