"""A small user cache for work that is the same on every run (pre-commit runs pasha on every commit).

Location: $PASHA_CACHE_DIR, else $XDG_CACHE_HOME/pasha, else ~/.cache/pasha. The cache is an
optimisation only: an unreadable, corrupt or unwritable cache is ignored and the work is done again.
Entries are keyed by what they depend on (a library's version), and written atomically.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import Any

FORMAT = 1


def cache_dir() -> Path:
    explicit = os.environ.get("PASHA_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pasha"


def _holidays_version() -> str | None:
    """Which holidays release is installed, found without importing it (that is what we save)."""
    spec = find_spec("holidays")
    if spec is None or spec.origin is None:
        return None
    package = Path(spec.origin).parent
    for dist in package.parent.glob("holidays-*.dist-info"):
        return dist.name.removesuffix(".dist-info").removeprefix("holidays-")
    try:  # not a regular install: the Japanese calendar file itself is the key
        stat = (package / "countries" / "japan.py").stat()
    except OSError:
        return None
    return f"{stat.st_size}-{stat.st_mtime_ns}"


def holiday_table(compute: Callable[[], dict[str, tuple[str, str]]]) -> dict[str, tuple[str, str]]:
    version = _holidays_version()
    if version is None:
        return compute()
    path = cache_dir() / f"holidays-jp-{version}-v{FORMAT}.json"
    cached = _read(path)
    if isinstance(cached, dict) and all(isinstance(v, list) and len(v) == 2 for v in cached.values()):
        return {k: (v[0], v[1]) for k, v in cached.items()}
    table = compute()
    _write(path, table)
    return table


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _write(path: Path, value: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as handle:
            json.dump(value, handle, ensure_ascii=False)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only home or a full disk: run without the cache
