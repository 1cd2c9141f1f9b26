"""The draft index: what other drafts' findings and a run's scope need of every draft, between runs.

`pasha validate ONE_DRAFT` (as pre-commit calls it) reports on one draft, but the free plan's monthly
quota (PSH401), unique ids (PSH006) and the images a changed file may be (the scope) depend on every
draft of the project. Reading and parsing each of them is most of such a run in a large project;
the index keeps, per draft, the few fields those read (INDEXED_FIELDS) under the file's identity and
change stamp (device, inode, size, modification and change times in nanoseconds, as git's index
does). A draft whose stamp is unchanged is not read; any other is read in full and its entry made
anew. A file changed within RECENT_NS of the run is never indexed: a second change within the
clock's resolution could keep its stamp (git's "racily clean" files).

Drafts the index gives are `Draft(partial=True)`: the engine loads in full every draft it reports on.
Only drafts that loaded are indexed (a broken draft is read every time), and only fields whose
values JSON keeps exactly.

An aggregate (aggregate()) is a value made from every draft's indexed fields and where their folders
lead, such as the files the drafts name. It is kept under a digest of the drafts' paths, each
folder's real path, the index's generation (counted up whenever an entry is made or changed:
a draft whose stamp differs from its entry's is read again and its entry made anew) and the
stamps of the drafts read in full that have no entry (broken, outside the project, a link that
leads nowhere, a value or a name JSON does not keep: no count follows them), and made anew when
the digest differs, or when a draft has no stamp to trust (just changed, or gone).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeGuard

from pasha_cli import __version__
from pasha_cli.cache import JsonStore, project_name
from pasha_cli.model import FILE_FIELDS
from pasha_cli.project.drafts import Draft, Unreadable, leads_inside, load_draft, relative
from pasha_cli.project.locate import RealPaths, within
from pasha_cli.project.sourcemap import SourceMap

INDEXED_FIELDS = ("account", "publish_at", "status", "id", *FILE_FIELDS)
RECENT_NS = 2_000_000_000
LIMIT = 200_000  # drafts of one project
_STAMP = 5  # device, inode, size, modification and change times (ns)
_ENTRY = _STAMP + 1 + len(INDEXED_FIELDS)
GENERATION = "/generation"  # "/...": no draft's relative path
_KINDS = frozenset(("yaml", "json", "markdown"))
_NO_SOURCE = SourceMap()  # a partial draft has no positions (it is never reported on)


class DraftIndex:
    """One project's index, read on first use and saved once at the end of a run (save())."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._store = JsonStore(project_name("drafts", root, f"{__version__}-v2"), limit=LIMIT)
        self._started = _now_ns()
        self.real = RealPaths()  # where the drafts' folders lead, once each
        self._folders_inside: dict[str, bool] = {}
        self._paths: list[str] = []  # of every draft loaded, in order
        self._folders: set[str] = set()  # theirs
        self._whole = True  # every draft so far has a stamp to trust
        # the drafts read in full that gave no entry (broken, outside, not kept exactly): no count of
        # the index's changes follows them, so the aggregate's digest holds their places and stamps
        self._unentered: list[str] = []
        self.identities: dict[str, tuple[int, int]] = {}  # path: (device, inode), of each draft loaded
        # rel: stamp, of each draft loaded whose stamp is settled (what is kept of it between runs
        # holds while its stamp does: pasha_cli/kept.py keeps findings under it too)
        self.stamps: dict[str, list[int]] = {}
        # relative() without pathlib where the root is a plain prefix (POSIX, as most runs)
        self._base = str(root).rstrip(os.sep) + os.sep if os.sep == "/" else "\0"

    def load(self, path: str, partial: bool = False, info: os.stat_result | None = None) -> Draft | Unreadable:
        """The draft at `path` (absolute, normalised, as draft_files gives it, with its lstat `info`):
        from the index when `partial` and its stamp is unchanged, else read in full (and indexed)."""
        rel = path[len(self._base) :] if path.startswith(self._base) else relative(Path(path), self.root)
        try:
            info = os.lstat(path) if info is None else info
            link = stat.S_ISLNK(info.st_mode)
            stamp = _stamp(os.stat(path) if link else info)
        except (OSError, ValueError):
            if info is None or not stat.S_ISLNK(info.st_mode):
                self._whole = False
                return load_draft(Path(path), self.root, self.real)
            # a link that leads nowhere (or into a loop) is unreadable while it does: its own stamp
            # stands for it (it names no file; once it leads to a file, that file's stamp is taken)
            self._stamped(path, _stamp(info))
            self._unentered.append(f"{len(self._paths) - 1}:link:{_stamp(info)}")
            loaded = load_draft(Path(path), self.root, self.real)
            self._whole = self._whole and not isinstance(loaded, Draft)  # it came to lead somewhere just now
            return loaded
        self.identities[path] = (stamp[0], stamp[1])
        folder = _folder(path)
        settled = self._stamped(path, stamp, folder)
        if settled:
            self.stamps[rel] = stamp
        if partial and self._leads_inside(path, folder, link):
            known = self._known(path, rel, stamp)
            if known is not None:
                return known
        loaded = load_draft(Path(path), self.root, self.real)
        # a broken draft is read every time: its stamp says what it is
        if not (isinstance(loaded, Draft) and settled and self._remember(rel, stamp, loaded)):
            self._unentered.append(f"{len(self._paths) - 1}:{stamp}")
        return loaded

    def load_all(self, files: list[tuple[str, os.stat_result]], partial: bool) -> list[Draft | Unreadable]:
        """load() of each of draft_files' (path, lstat). With `partial`, the usual draft (a file, no
        link, in a folder inside the project, its stamp settled and as its entry has it) is taken
        from its entry here without load()'s calls: in a large project that is nearly every draft,
        and the calls were most of a run on one draft. Any other goes through load()."""
        if not partial or os.sep != "/":
            return [self.load(path, partial, info) for path, info in files]
        data, used = self._store.entries()
        base, start, oldest = self._base, len(self._base), self._started - RECENT_NS
        inside, paths, folders, identities = self._folders_inside, self._paths, self._folders, self.identities
        stamps = self.stamps
        loaded: list[Draft | Unreadable] = []
        for path, info in files:
            entry = data.get(path[start:]) if path.startswith(base) else None
            folder = path.rpartition("/")[0] or "/"
            stamp = _stamp(info)
            if (
                _holds(entry, stamp)
                and max(info.st_mtime_ns, info.st_ctime_ns) < oldest
                and not stat.S_ISLNK(info.st_mode)
                and (inside.get(folder) or self._leads_inside(path, folder, False))
            ):
                rel = path[start:]
                used.add(rel)
                identities[path] = (info.st_dev, info.st_ino)
                stamps[rel] = stamp
                paths.append(path)
                folders.add(folder)
                loaded.append(_partial(path, rel, entry))
            else:
                loaded.append(self.load(path, partial, info))
        return loaded

    def _stamped(self, path: str, stamp: list[int], folder: str | None = None) -> bool:
        """Count a draft with its stamp toward the aggregates: whether the stamp is settled."""
        settled = self._started - max(stamp[3], stamp[4]) > RECENT_NS
        self._paths.append(path)
        self._folders.add(_folder(path) if folder is None else folder)
        self._whole = self._whole and settled
        return settled

    def aggregate(self, name: str, make: Callable[[], Any], valid: Callable[[Any], bool]) -> Any:
        """make(): a value that depends on nothing but the drafts' indexed fields and where their
        folders lead, given from the index while none of them changed (see the module text); call it
        after every draft was loaded. `valid` checks a kept value's shape (a cache file is untrusted)."""
        key, digest = "/" + name, self._digest()  # "/...": no draft's relative path
        entry = self._store.get(key) if self._whole else None
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == digest and valid(entry[1]):
            return entry[1]
        value = make()
        if self._whole and _kept_exactly(value):
            self._store.put(key, [digest, value])
        return value

    def save(self) -> None:
        self._store.save()

    def _digest(self) -> str:
        generation = self._store.get(GENERATION)
        folders = sorted(self._folders)
        # NUL-separated, counted: no path holds a NUL, and the count says where the folders end
        text = "\0".join(
            [
                str(generation),
                str(len(folders)),
                *(f"{f}\0{self.real.folder(f)}" for f in folders),
                str(len(self._unentered)),
                *self._unentered,
                *self._paths,
            ]
        )
        return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()

    def _leads_inside(self, path: str, folder: str, link: bool) -> bool:
        """Whether the draft, its links followed, lies in the project: the stamp is the file's, not
        the way to it, and a folder on the way (or the draft, a link) may have come to lead out."""
        if link:
            return leads_inside(Path(path), self.root, self.real)
        inside = self._folders_inside.get(folder)
        if inside is None:  # a file that is no link lies where its folder leads
            real_folder = self.real.folder(folder)
            inside = self._folders_inside[folder] = bool(real_folder) and within(real_folder, self.root)
        return inside

    def _known(self, path: str, rel: str, stamp: list[int]) -> Draft | None:
        entry = self._store.get(rel)  # [*stamp, kind, *INDEXED_FIELDS' values]: flat lists read fastest
        return _partial(path, rel, entry) if _holds(entry, stamp) else None

    def _remember(self, rel: str, stamp: list[int], draft: Draft) -> bool:
        """Whether the draft's entry holds it now (made anew, or as it was)."""
        entry = [*stamp, draft.kind, *(draft.fields.get(name) for name in INDEXED_FIELDS)]
        kept = self._store.get(rel)
        if _same(kept, entry):  # as the index holds it, read from JSON: kept exactly (the usual case)
            return True
        if not _kept_exactly([rel, entry]):  # a file name that is not UTF-8 is read every time
            return False
        self._store.put(rel, entry)  # made anew (an entry of 1 where the draft now has true, too)
        generation = self._store.get(GENERATION)
        # a lost count starts again from the clock, never from a number an aggregate was kept under
        self._store.put(GENERATION, generation + 1 if isinstance(generation, int) else time.time_ns())
        return True


def _holds(entry: Any, stamp: list[int]) -> TypeGuard[list[Any]]:
    """Whether a kept entry (untrusted: a cache file) has the right shape, a draft's kind and this stamp."""
    return isinstance(entry, list) and len(entry) == _ENTRY and entry[:_STAMP] == stamp and entry[_STAMP] in _KINDS


def _partial(path: str, rel: str, entry: list[Any]) -> Draft:
    """The partial draft an entry of the right shape and kind holds."""
    # a field not written is null, as one written empty: every reader of a partial draft's
    # fields (Draft.text, status, account, id, the named files) takes the two alike
    fields = dict(zip(INDEXED_FIELDS, entry[_STAMP + 1 :], strict=True))
    return Draft._make((path, rel, fields, None, _NO_SOURCE, entry[_STAMP], True))  # partial=True


def _folder(path: str) -> str:
    """os.path.dirname of an absolute, normalised POSIX path, for every draft of a run."""
    if os.sep != "/":
        return os.path.dirname(path)
    return path.rpartition("/")[0] or "/"


def _now_ns() -> int:
    return time.time_ns()


def _stamp(info: os.stat_result) -> list[int]:
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


def _kept_exactly(value: Any) -> bool:
    """Whether standard JSON gives back exactly `value`, types included (NaN, infinity, a tuple do not)."""
    try:
        again = json.loads(json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8"))
    except (TypeError, ValueError, RecursionError):  # UnicodeEncodeError is a ValueError
        return False
    return _same(value, again)


def _same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)
