"""Where a project's config is: the nearest pasha.toml, or pyproject.toml with [tool.pasha].

Apart from config.py (which loads and checks it) because finding is all that `pasha image`
needs outside a project, and config.py's imports (calendars, time zones) cost start-up time.

A config pasha cannot read never means "no config": a pasha.toml that is a folder, a dangling
link, unreadable or not UTF-8, and a pyproject.toml that names [tool.pasha] but does not parse,
are ConfigErrors (exit 2) naming the file and line, not a reason to look further up.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any

from pasha_cli.errors import ConfigError, PashaUsageError
from pasha_cli.i18n import t

if TYPE_CHECKING:
    from pasha_cli.project.config import Config

CONFIG_NAME = "pasha.toml"
PYPROJECT = "pyproject.toml"
MAX_CONFIG_BYTES = 1_000_000


# [tool.pasha], [tool.pasha.accounts.x], tool.pasha.drafts = ..., "tool".'pasha', tool = { pasha = ... }
@cache  # compiled on first use: most runs never need it
def _mentions_pasha_pattern() -> re.Pattern[str]:
    return re.compile(r"""\btool["']?\s*\.\s*["']?pasha(?![\w-])|\btool\s*=\s*\{[^\n]*\bpasha(?![\w-])""")


@cache  # compiled on first use: most runs never need it
def _tool_header_pattern() -> re.Pattern[str]:
    return re.compile(r"""^\s*\[\s*["']?tool["']?\s*\]""")


@cache  # compiled on first use: most runs never need it
def _pasha_key_pattern() -> re.Pattern[str]:
    return re.compile(r"""^\s*["']?pasha["']?\s*[.=]""")


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def real_path(path: Path) -> Path:
    """The path with symbolic links resolved; a path that cannot be resolved (a link loop: Python 3.11
    raises RuntimeError, later versions OSError; a NUL or a name too long) stays as it is, absolute:
    comparisons then match nothing and opening it fails as an OSError, which callers report."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return path.absolute()


def resolve_inside(
    base: Path, name: str, root: Path, real: Callable[[str], str] = os.path.realpath
) -> tuple[Path | None, str]:
    """Resolve a path a file names. Returns (path, "") or (None, why): absolute | outside | missing | unusable.
    `real`: os.path.realpath, or a run's RealPaths (the same answers, each folder resolved once)."""
    if (name[:1] in ("/", "\\") or name[1:2] == ":") and _absolute(name):  # no parsing for a plain name
        return None, "absolute"
    try:
        candidate = real(os.path.join(base, name))
        if real(candidate) != candidate:  # a loop on the way (`loop/../x`) stops resolving: links are left
            return None, "unusable"
        try:
            mode: int | None = os.stat(candidate).st_mode
            failure = None
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # a symbolic-link loop
                return None, "unusable"
            mode, failure = None, exc
        if not within(candidate, root):
            return None, "outside"
        if failure is not None and failure.errno not in (errno.ENOENT, errno.ENOTDIR, errno.EBADF):
            return None, "unusable"  # e.g. no permission to look
        if mode is None or not stat.S_ISREG(mode):
            return None, "missing"
    except (OSError, ValueError):  # a NUL, a name too long
        return None, "unusable"
    return Path(candidate), ""


def within(resolved: str, root: Path) -> bool:
    """Whether a resolved path is the project's root or lies below it (on part boundaries)."""
    base = str(root)
    return resolved == base or resolved.startswith(base.rstrip(os.sep) + os.sep)


def _absolute(name: str) -> bool:
    """Absolute on POSIX or on Windows, or with a drive (`C:x`)."""
    return PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() or bool(PureWindowsPath(name).drive)


class RealPaths:
    """os.path.realpath for one run, each folder resolved once: a large project's drafts name their
    images from a few folders, and resolving every component of every path was most of PSH004's time.
    Only for one run: a folder's links may change between runs."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        folder, name = os.path.split(path)
        if name in ("", ".", ".."):
            return os.path.realpath(path)
        real_folder = self.folder(folder)
        if not real_folder:
            return os.path.realpath(path)
        joined = os.path.join(real_folder, name)
        try:
            link = stat.S_ISLNK(os.lstat(joined).st_mode)
        except OSError:  # not there: realpath keeps the name as it is
            link = False
        return os.path.realpath(joined) if link else joined

    def folder(self, folder: str) -> str:
        """Where a folder leads, once a run; "" for one the system cannot open (missing, a loop):
        realpath's answer past such a part depends on what follows it, so it is not kept alone."""
        if folder not in self._folders:
            self._folders[folder] = os.path.realpath(folder) if os.path.isdir(folder) else ""
        return self._folders[folder]


def find_config(start: Path) -> Path | None:
    """The nearest pasha.toml, or pyproject.toml with [tool.pasha], at or above `start`.

    Raises ConfigError for a candidate that is there but cannot be read (see the module text).
    """
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_NAME
        if present(own):
            read_config(own)  # a pasha.toml that cannot be read stops the search here
            return own
        pyproject = candidate / PYPROJECT
        if present(pyproject) and _has_pasha_table(pyproject):
            return pyproject
    return None


def optional_config(config_path: str | None, cwd: Path) -> Config | None:
    """`--config`'s project, or the one `cwd` lies in, when there is one (its spec overrides apply);
    None outside a project: the shipped spec then."""
    found = Path(config_path) if config_path else find_config(cwd)
    if found is None:
        return None
    if not found.is_file():
        raise PashaUsageError(t("config-not-found", path=str(found)))
    # the one import of config.py here: `image fit` and `image check` outside a project need none of it
    from pasha_cli.project.config import load_config

    return load_config(found.resolve())


def by_project(paths: list[Path]) -> dict[Path, list[Path]]:
    """Paths by the config of the project each lies in: where the file lies, not where a link leads;
    a path that is gone (a file a commit deletes) by the folders above it that are left."""
    groups: dict[Path, list[Path]] = {}
    for path in paths:
        found = find_config(Path(os.path.abspath(path)))
        if found is not None:
            groups.setdefault(found.resolve(), []).append(path)
    return groups


def shown(path: Path) -> str:
    """How messages name a config file: from the current folder when inside it (a repository may hold
    several projects, each with a pyproject.toml), else in full."""
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except (ValueError, OSError):
        return str(path.absolute())


def present(path: Path) -> bool:
    """Something is there by that name: a file, a folder, a link (even a dangling one)."""
    try:
        path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True  # it cannot be looked at: read_config says why
    return True


def read_config(path: Path) -> str:
    """The text of a config file, or a ConfigError saying why pasha cannot read it."""
    display = shown(path)
    try:
        info = path.stat()
    except OSError as exc:  # a dangling link, a link loop, no permission on the folder
        raise ConfigError(t("config-unreadable", path=display, reason=_why(exc))) from None
    if stat.S_ISDIR(info.st_mode):
        raise ConfigError(t("config-not-a-file", path=display, kind=t("config-kind-folder")))
    if not stat.S_ISREG(info.st_mode):  # a FIFO would block the run, a device would never end
        raise ConfigError(t("config-not-a-file", path=display, kind=t("config-kind-special")))
    if info.st_size > MAX_CONFIG_BYTES:
        raise ConfigError(t("config-too-large", path=display, size=info.st_size, limit=MAX_CONFIG_BYTES))
    try:
        raw = _read_at_most(path, MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError(t("config-unreadable", path=display, reason=_why(exc))) from None
    if len(raw) > MAX_CONFIG_BYTES:  # grew after its size was seen
        raise ConfigError(t("config-too-large", path=display, size=len(raw), limit=MAX_CONFIG_BYTES))
    return decode_config(raw, display)


def _read_at_most(path: Path, limit: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(limit)


def decode_config(raw: bytes, display: str) -> str:
    """UTF-8 (a byte-order mark, as Windows editors write, is allowed); else a ConfigError with the line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(t("config-invalid", path=display, line=line, message=t("not-utf8"))) from None


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def parse_toml(text: str, display: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            t("config-toml", path=display, line=toml_error_line(str(exc), text), reason=str(exc))
        ) from None


def toml_error_line(message: str, text: str) -> int:
    # tomllib: "... (at line 3, column 7)", or "(at end of document)": the last line
    match = re.search(r"at line (\d+)", message)
    return int(match.group(1)) if match else max(1, len(text.splitlines()))


def _has_pasha_table(path: Path) -> bool:
    """Whether a pyproject.toml holds pasha's config; ConfigError when it may but cannot be read."""
    try:
        info = path.stat()
    except OSError:
        read_config(path)  # says why: a dangling link, a loop, no permission (what is inside is unknown)
        raise
    if stat.S_ISDIR(info.st_mode):
        return False  # a folder named pyproject.toml holds no [tool.pasha]
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CONFIG_BYTES:
        if not stat.S_ISREG(info.st_mode) or _bytes_mention_pasha(path):
            read_config(path)  # a FIFO would block, a device never end; too large to be read
        return False
    try:
        head = _read_at_most(path, MAX_CONFIG_BYTES)
    except OSError:
        read_config(path)
        raise
    if b"pasha" not in head and head[:2] not in _UTF16_BOMS:
        return False  # cheap: most pyproject files are not ours
    if not _mentions_pasha(head.decode("utf-16" if head[:2] in _UTF16_BOMS else "utf-8", "replace")):
        return False
    text = decode_config(head, shown(path))  # a pyproject that names [tool.pasha] must be UTF-8
    document = parse_toml(text, shown(path))
    tool = document.get("tool")
    return isinstance(tool, dict) and "pasha" in tool


def _bytes_mention_pasha(path: Path) -> bool:
    """Whether a large file holds the word, read a chunk at a time."""
    tail = b""
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                if b"pasha" in tail + chunk:
                    return True
                tail = chunk[-4:]
    except OSError:
        return True  # cannot tell: read_config says why
    return False


def _mentions_pasha(text: str) -> bool:
    """Whether TOML text (perhaps broken) names a pasha table under [tool], by its lines alone."""
    if _mentions_pasha_pattern().search(text):
        return True
    in_tool = False
    for line in text.splitlines():
        if line.lstrip().startswith("["):
            in_tool = bool(_tool_header_pattern().match(line))
        elif in_tool and _pasha_key_pattern().match(line):
            return True
    return False
