"""A small user cache for work that is the same on every run (pre-commit runs pasha on every commit).

Location: $PASHA_CACHE_DIR, else $XDG_CACHE_HOME/pasha, else ~/.cache/pasha. The cache is an
optimisation only: an unreadable, corrupt or unwritable cache is ignored and the work is done again.
Entries are keyed by everything they depend on (content hash, library and pasha versions, limits)
and written atomically. Set PASHA_NO_CACHE=1 to neither read nor write it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from pasha_cli.atomic import write_atomic

FORMAT = 1


def enabled() -> bool:
    return not os.environ.get("PASHA_NO_CACHE")


def cache_dir() -> Path:
    return _cache_dir(os.environ.get("PASHA_CACHE_DIR"), os.environ.get("XDG_CACHE_HOME"), os.environ.get("HOME"))


@functools.cache
def _cache_dir(explicit: str | None, xdg: str | None, home: str | None) -> Path:
    """Worked out once per setting: a run asks for it per draft, and Path.home() looks it up each time."""
    if explicit:
        return Path(explicit)
    return Path(xdg or str(Path.home() / ".cache")) / "pasha"


def library_version(module: str, distribution: str) -> str | None:
    """An installed library's version, found without importing it (importing is what we save)."""
    spec = find_spec(module)
    if spec is None or spec.origin is None:
        return None
    package = Path(spec.origin).parent
    version = _installed(str(package.parent)).get(distribution.lower().replace("-", "_"))
    if version is not None:
        return version
    try:  # not a regular install: the package's own files are the key
        stat = Path(spec.origin).stat()
    except OSError:
        return None
    return f"{stat.st_size}-{stat.st_mtime_ns}"


@functools.cache
def _installed(folder: str) -> dict[str, str]:
    """Lower-cased distribution name -> version, for every `NAME-VERSION.dist-info` in `folder`: one
    listing of site-packages a process, however many libraries are asked about."""
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return {}
    found: dict[str, str] = {}
    for name in names:
        if name.endswith(".dist-info") and "-" in name:
            distribution, version = name.removesuffix(".dist-info").split("-", 1)
            found.setdefault(distribution.lower(), version)
    return found


def holiday_table(compute: Callable[[], dict[str, tuple[str, str]]]) -> dict[str, tuple[str, str]] | None:
    """The holiday table for the installed `holidays` release, from the cache or computed and kept;
    None when there is no cache to keep it in (the caller then asks the library year by year)."""
    version = library_version("holidays", "holidays")
    if version is None or not enabled():
        return None
    path = cache_dir() / f"holidays-jp-{version}-v{FORMAT}.json"
    cached = _read(path)
    if isinstance(cached, dict) and all(isinstance(v, list) and len(v) == 2 for v in cached.values()):
        return {k: (v[0], v[1]) for k, v in cached.items()}
    table = compute()
    _write(path, table)
    return table


def parsed_data(kind: str, source: Path, parse: Callable[[str], Any], valid: Callable[[Any], bool]) -> Any:
    """parse(source's text), kept in the cache under the text's digest: data shipped in the package
    (the content rules' term list) is read as JSON on later runs, as the holiday table is, instead of
    parsed as TOML every time. `valid` checks a kept value's shape (a cache file is untrusted)."""
    text = source.read_text("utf-8")
    if not enabled():
        return parse(text)
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()
    path = cache_dir() / f"{kind}-{digest}-v{FORMAT}.json"
    kept = _read(path)
    if kept is not None and valid(kept):
        return kept
    value = parse(text)
    _write(path, value)
    return value


def project_name(kind: str, root: Path | None, version: str) -> str:
    """The file name of a store of `kind` for the project at `root` (None: shared by all): each
    project's own, so a large project's entries never slow a small project's runs."""
    if root is None:
        return f"{kind}-{version}.json"
    digest = hashlib.blake2b(str(root).encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()
    return f"{kind}-{digest}-{version}.json"


class JsonStore:
    """A bounded key -> JSON value store in one cache file, saved once at the end of a run.

    In a worker process a run forked (held_saves()), save() writes nothing: the worker hands what
    it added (additions()) to the command, which adds it to its own stores (add_all())."""

    def __init__(self, name: str, limit: int = 50_000) -> None:
        self.name = name
        self.path = cache_dir() / name
        self.limit = limit
        self._data: dict[str, Any] | None = None
        self._dirty = False
        self._used: set[str] = set()  # keys this run found or added: kept before those it did not need
        self._added: dict[str, Any] = {}  # keys this process put, with their values
        _OPEN[self.path] = self

    def _loaded(self) -> dict[str, Any]:
        if self._data is None:
            data = _read(self.path) if enabled() else None
            self._data = data if isinstance(data, dict) else {}
        return self._data

    def get(self, key: str) -> Any:
        value = self._loaded().get(key)
        if value is not None:
            self._used.add(key)
        return value

    def entries(self) -> tuple[dict[str, Any], set[str]]:
        """The store's entries and the set of keys this run used, for a caller that reads many
        entries in one loop: it adds to the set each key it takes (as get() does)."""
        return self._loaded(), self._used

    def put(self, key: str, value: Any) -> None:
        data = self._loaded()
        data.pop(key, None)  # a new value is the newest entry
        data[key] = value
        self._used.add(key)
        self._added[key] = value
        self._dirty = True

    def save(self) -> None:
        """Write the store when this run added to it. Over its limit, the entries this run neither
        found nor added go first, oldest first, then the oldest of the others: a project within the
        limit finds on its next run every entry this one used."""
        if not self._dirty or self._data is None or not enabled() or _HELD:
            return
        items = list(self._data.items())
        if len(items) > self.limit:  # a stable sort: unused, then used, each oldest first
            items = sorted(items, key=lambda item: item[0] in self._used)[-self.limit :]
        _write(self.path, dict(items))
        self._dirty = False


_OPEN: dict[Path, JsonStore] = {}  # the stores this process opened, by file (the newest of each)
_HELD: list[bool] = []  # [True] in a worker process: its stores are saved by the command


def held_saves() -> None:
    """In a worker a run forked: no store is written here (they would race the command's)."""
    _HELD[:] = [True]


Additions = list[tuple[str, int, dict[str, Any], list[str]]]  # store name, limit, added, used keys


def additions() -> Additions:
    """What this process added to its stores and which keys it used (a worker's, for add_all)."""
    return [(s.name, s.limit, s._added, sorted(s._used)) for s in _OPEN.values() if s._added or s._used]


def add_all(found: Additions) -> None:
    """Workers' additions() put into this process's stores (the same file's open store, else one
    opened for them) and saved, the keys any worker used kept first; a store no worker added to is
    left to its owner."""
    added_to: dict[Path, JsonStore] = {}
    for name, limit, added, _ in found:
        if added:
            store = added_to.get(cache_dir() / name) or _OPEN.get(cache_dir() / name) or JsonStore(name, limit)
            for key, value in added.items():
                store.put(key, value)
            added_to[store.path] = store
    for name, _, _, used in found:
        if cache_dir() / name in added_to:
            added_to[cache_dir() / name]._used.update(used)
    for store in added_to.values():
        store.save()


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):  # RecursionError: nested deeper than the decoder goes
        return None


def _write(path: Path, value: Any) -> None:
    try:
        data = json.dumps(value, ensure_ascii=False).encode("utf-8")
    except ValueError:  # a lone surrogate (a file name that is not UTF-8): not kept
        return
    with contextlib.suppress(OSError):  # a read-only home or a full disk: run without the cache
        write_atomic(path, data)
