"""When each file last changed, as a calendar feed needs it: a time that grows with every edit,
is the same on every clone, and needs no server or state of pasha's own.

In a git work tree a committed, unmodified file's revision is the committer time of the last
commit that changed it on the branch (the first-parent history: a merge counts at the time it
was merged). A file with uncommitted changes, or not committed at all, or outside any git work
tree, takes its modification time (the later of the two when it has both). Checkout sets a
file's modification time to the moment of the checkout, so only git's time is the same on every
clone; a shallow clone knows only its last commit, whose time is later than the file's real
one, never earlier. Every git call is bounded in time; when git is missing or fails, the
modification times stand.
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

GIT_TIMEOUT = 30  # seconds for each git call; the history walk stops once every file is found
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # no pasha time is earlier (timeutil.MIN_YEAR)


def revisions(paths: Iterable[Path], cwd: Path) -> dict[Path, datetime]:
    """The revision time (UTC, whole seconds) of each path that exists, keyed by the path as given.
    `cwd` is the project folder: git is asked about the files under it only."""
    wanted = {path: _real(path) for path in paths}
    found = {path: when for path in wanted if (when := _mtime(path)) is not None}
    top = _top(cwd)
    state = _state(cwd, top) if top is not None else None
    if top is None or state is None:
        return found
    committed, changed = state
    times = _last_commits(cwd, top, {real for path, real in wanted.items() if path in found and real in committed})
    for path, real in wanted.items():
        if path in found and real in times:
            found[path] = max(times[real], found[path]) if real in changed else times[real]
    return found


def sequence(when: datetime) -> int:
    """An RFC 5545 SEQUENCE from a revision time: whole minutes since 2000 (within its 31 bits
    until the year 6000; edits within one minute are told apart by DTSTAMP, as RFC 5546 orders
    revisions: SEQUENCE first, then DTSTAMP)."""
    return max(0, int((when - EPOCH).total_seconds()) // 60)


def _real(path: Path) -> Path:
    """The folders resolved, the name kept: git records a symbolic link as itself."""
    return Path(os.path.realpath(path.parent)) / path.name


def _mtime(path: Path) -> datetime | None:
    try:
        stamp = int(path.stat().st_mtime)
        return max(EPOCH, datetime.fromtimestamp(stamp, UTC))
    except (OSError, ValueError, OverflowError):  # gone, or a time the platform cannot hold
        return None


_ENV = {
    "GIT_OPTIONAL_LOCKS": "0",
    "LC_ALL": "C",  # read only: git writes no index refresh
    "GIT_NO_LAZY_FETCH": "1",
}  # a partial clone fetches nothing (no ssh, no credential helper)
# programs the repository's config could make these calls run: a file-system monitor, and gpg for
# every signed commit the log walks (log.showSignature)
_SAFE = ("-c", "core.fsmonitor=false", "-c", "log.showSignature=false")


def _git(cwd: Path, *args: str) -> bytes:
    """git's answer. Raises OSError (no git) and subprocess errors (not a work tree, a failure,
    the time bound)."""
    return subprocess.run(
        ["git", *_SAFE, *args],
        cwd=cwd,
        capture_output=True,
        check=True,
        timeout=GIT_TIMEOUT,
        env={**os.environ, **_ENV},
    ).stdout


def _top(cwd: Path) -> Path | None:
    try:
        top = os.fsdecode(_git(cwd, "rev-parse", "--show-toplevel").strip())
    except (OSError, subprocess.SubprocessError):  # no git here, not a work tree, a git that hangs
        return None
    return Path(os.path.realpath(top)) if top else None


def _state(cwd: Path, top: Path) -> tuple[set[Path], set[Path]] | None:
    """(files under `cwd` in the last commit, those of them changed since: staged or not), or None
    when git cannot say (no commit yet, a failure): then modification times stand for every file.
    Files never committed (untracked, ignored, only staged) have no commit to date them."""
    try:
        tree = _git(cwd, "ls-tree", "-r", "-z", "--name-only", "--full-name", "HEAD", "--", ".")
        status = _git(cwd, "status", "--porcelain=v1", "-z", "--untracked-files=no", "--no-renames", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return None
    committed = {top / os.fsdecode(name) for name in tree.split(b"\0") if name}
    changed = {top / os.fsdecode(entry[3:]) for entry in status.split(b"\0") if len(entry) > 3}
    return committed, changed


def _last_commits(cwd: Path, top: Path, wanted: set[Path]) -> dict[Path, datetime]:
    """The committer time of the newest first-parent commit that changed each wanted file.

    One walk of the history under `cwd`, newest first, read as it comes and stopped once every
    wanted file has been seen (a project whose drafts all changed lately costs a few commits),
    and killed after GIT_TIMEOUT seconds whatever it is doing."""
    found: dict[Path, datetime] = {}
    if not wanted:
        return found
    command = [
        "git",
        *_SAFE,
        "log",
        "--first-parent",
        "-m",
        "--no-renames",
        "--name-only",
        "-z",
        "--format=%x01%ct",
        "--",
        ".",
    ]
    try:
        git = subprocess.Popen(
            command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env={**os.environ, **_ENV}
        )
    except OSError:
        return found
    timer = threading.Timer(GIT_TIMEOUT, git.kill)
    timer.start()
    try:
        assert git.stdout is not None
        _read_log(git.stdout, top, wanted, found)
    finally:
        timer.cancel()
        git.kill()
        git.wait()
        git.stdout.close()  # type: ignore[union-attr]
    return found


def _read_log(stream: IO[bytes], top: Path, wanted: set[Path], found: dict[Path, datetime]) -> None:
    """`git log -z --name-only --format=%x01%ct`: each commit is \\x01TIME, then the files it changed,
    each ended by NUL, the first after a line feed. Newest first, so a file's first time is its last."""
    when: datetime | None = None
    first = False
    pending = b""
    while chunk := os.read(stream.fileno(), 1 << 16):  # what has come, not a full buffer
        *tokens, pending = (pending + chunk).split(b"\0")
        for token in tokens:
            if _HEADER.fullmatch(token.lstrip(b"\n")):
                when, first = _utc(int(token.lstrip(b"\n")[1:])), True
                continue
            name = token.removeprefix(b"\n") if first else token
            first = False
            path = top / os.fsdecode(name)
            if when is not None and name and path in wanted and path not in found:
                found[path] = max(EPOCH, when)
                if len(found) == len(wanted):
                    return


_HEADER = re.compile(rb"\x01[0-9]{1,12}")


def _utc(stamp: int) -> datetime | None:
    try:
        return datetime.fromtimestamp(stamp, UTC)
    except (ValueError, OverflowError, OSError):  # a committer date past what the platform holds
        return None
