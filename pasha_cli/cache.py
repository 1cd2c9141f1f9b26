"""A small user cache for work that is the same on every run (pre-commit runs pasha on every commit).

Location: $PASHA_CACHE_DIR, else $XDG_CACHE_HOME/pasha, else ~/.cache/pasha. The cache is an
optimisation only: an unreadable, corrupt or unwritable cache is ignored and the work is done again.
Entries are keyed by everything they depend on (content hash, library and pasha versions, limits)
and written atomically. Set PASHA_NO_CACHE=1 to neither read nor write it.
"""

from __future__ import annotations

import contextlib
import functools
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
    explicit = os.environ.get("PASHA_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pasha"


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


class JsonStore:
    """A bounded key -> JSON value store in one cache file, saved once at the end of a run."""

    def __init__(self, name: str, limit: int = 50_000) -> None:
        self.path = cache_dir() / name
        self.limit = limit
        self._data: dict[str, Any] | None = None
        self._dirty = False

    def _loaded(self) -> dict[str, Any]:
        if self._data is None:
            data = _read(self.path) if enabled() else None
            self._data = data if isinstance(data, dict) else {}
        return self._data

    def get(self, key: str) -> Any:
        return self._loaded().get(key)

    def put(self, key: str, value: Any) -> None:
        self._loaded()[key] = value
        self._dirty = True

    def save(self) -> None:
        if not self._dirty or self._data is None or not enabled():
            return
        items = list(self._data.items())[-self.limit :]  # the oldest entries go first
        _write(self.path, dict(items))
        self._dirty = False


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def _write(path: Path, value: Any) -> None:
    with contextlib.suppress(OSError):  # a read-only home or a full disk: run without the cache
        write_atomic(path, json.dumps(value, ensure_ascii=False).encode("utf-8"))
