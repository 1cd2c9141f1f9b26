"""The files a `drafts` pattern matches, as Python 3.11's `Path(root).glob(pattern)` yields them,
without pathlib's objects: a run lists every draft of the project, and in a project of tens of
thousands of drafts pathlib's per-entry work was a large part of a run on one changed draft.

The rules, pathlib's (tests/test_globbing.py holds this to pathlib on a hostile tree):
- `**` is the folder itself and every folder below it, not entering links to folders;
- a name with `*`, `?` or `[` matches each entry of its folder (fnmatch, case-sensitive on POSIX,
  hidden names included), entering links to folders when more parts follow;
- another name is that entry, when it exists (a folder when more parts follow);
- a folder that cannot be read is skipped; a path is yielded once per `**`.
Patterns come checked (config.pattern_problem): relative, `/`-separated, no `..`.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import re
import stat
from collections.abc import Callable, Iterator
from functools import cache

_IGNORED = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)  # pathlib's "does not exist"


def matching(root: str, pattern: str) -> Iterator[str]:
    parts = tuple(part for part in pattern.split("/") if part and part != ".")
    if not parts or not _is_dir(root):
        return iter(())
    return _select(root, parts)


def _select(parent: str, parts: tuple[str, ...]) -> Iterator[str]:
    if not parts:
        yield parent
        return
    part, rest = parts[0], parts[1:]
    try:
        if part == "**" and len(rest) == 1 and _is_pattern(rest[0]):
            yield from _below(parent, _matcher(rest[0]))  # `**/*.yaml`, the usual drafts pattern
        elif part == "**":
            yielded: set[str] = set()
            for start in _folders(parent):
                for path in _select(start, rest):
                    if path not in yielded:
                        yielded.add(path)
                        yield path
        elif _is_pattern(part):
            match = _matcher(part)
            with os.scandir(parent) as listing:
                entries = list(listing)
            if not rest:  # the last part: every entry that matches (the common case, kept flat)
                yield from (entry.path for entry in entries if match(entry.name))
                return
            for entry in entries:
                if _entry_is_dir(entry) and match(entry.name):
                    yield from _select(os.path.join(parent, entry.name), rest)
        else:
            path = os.path.join(parent, part)
            if _is_dir(path) if rest else _exists(path):
                yield from _select(path, rest)
    except PermissionError:
        return


def _is_pattern(part: str) -> bool:
    return "*" in part or "?" in part or "[" in part


def _below(top: str, match: Callable[[str], object]) -> Iterator[str]:
    """`**/<last>`: the entries that match in `top` and every folder below it, each folder listed
    once for both its names and its subfolders (each path comes once)."""
    for _folder, entries in _listings(top):
        yield from (entry.path for entry in entries if match(entry.name))


def _folders(parent: str) -> Iterator[str]:
    return (folder for folder, _entries in _listings(parent))


def _listings(top: str) -> Iterator[tuple[str, list[os.DirEntry[str]]]]:
    """`top` and every folder below it (not entering links to folders), depth first in listing order,
    each with its entries (none when it cannot be read)."""
    pending = [top]
    while pending:
        parent = pending.pop()
        try:
            with os.scandir(parent) as listing:
                entries = list(listing)
        except PermissionError:
            entries = []
        yield parent, entries
        folders = [os.path.join(parent, entry.name) for entry in entries if _is_folder(entry)]
        pending.extend(reversed(folders))


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """A folder that `**` enters: not a link to one."""
    return _entry_is_dir(entry, follow=False)


def _entry_is_dir(entry: os.DirEntry[str], follow: bool = True) -> bool:
    try:
        return entry.is_dir(follow_symlinks=follow)
    except OSError as exc:
        if exc.errno not in _IGNORED:
            raise
        return False


@cache
def _matcher(part: str) -> Callable[[str], object]:
    """fnmatch's answer for one name; `*` and a plain ending (`*.yaml`, the usual draft pattern) is
    str.endswith: the same names (case-sensitive, hidden ones included), without a regex per entry."""
    if part.startswith("*") and not any(c in part[1:] for c in "*?["):
        return _ending(part[1:])
    return re.compile(fnmatch.translate(part)).fullmatch


def _ending(suffix: str) -> Callable[[str], bool]:
    def ends(name: str) -> bool:
        return name.endswith(suffix)

    return ends


def _mode(path: str) -> int | None:
    try:
        return os.stat(path).st_mode
    except OSError as exc:
        if exc.errno not in _IGNORED:
            raise
        return None
    except ValueError:  # a NUL in the name
        return None


def _is_dir(path: str) -> bool:
    mode = _mode(path)
    return mode is not None and stat.S_ISDIR(mode)


def _exists(path: str) -> bool:
    return _mode(path) is not None
