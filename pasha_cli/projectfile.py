"""Where a project's config is: the nearest pasha.toml, or pyproject.toml with [tool.pasha].

Apart from config.py (which loads and checks it) because finding is all that `pasha image`
needs outside a project, and config.py's imports (calendars, time zones) cost ~9 ms of start-up.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

CONFIG_NAME = "pasha.toml"
PYPROJECT = "pyproject.toml"


def real_path(path: Path) -> Path:
    """The path with symbolic links resolved; a path that cannot be resolved (a link loop: Python 3.11
    raises RuntimeError, later versions OSError; a NUL or a name too long) stays as it is, absolute:
    comparisons then match nothing and opening it fails as an OSError, which callers report."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return path.absolute()


def find_config(start: Path) -> Path | None:
    """The nearest pasha.toml, or pyproject.toml with [tool.pasha], at or above `start`."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_NAME
        if own.is_file():
            return own
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_pasha_table(pyproject):
            return pyproject
    return None


def _has_pasha_table(path: Path) -> bool:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "tool.pasha" not in text and "[tool]" not in text:
        return False  # cheap: most pyproject files are not ours
    try:
        return "pasha" in tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        return False
