"""Where a command may write: one check for every file a user names as an output.

Every writing command (`validate --output-file`, `ics -o`, `preview --html`, `export -o`, `new -o`,
`image fit`) asks `check` before it writes and `write` to write. An existing file is replaced only
with `--force`; the project's config, its drafts and the images they use (for `image fit`: the
sources it reads) are never written over, even with `--force`. Files are compared by identity
(device and inode), so a path spelt another way (`./`, a symbolic or hard link, another case on a
case-insensitive disk) is the same file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import t

if TYPE_CHECKING:
    from pasha_cli.config import Config
    from pasha_cli.drafts import Draft, Unreadable

# what a kept file is, as the refusal names it
CONFIG, DRAFT, IMAGE, SOURCE = "config", "draft", "image", "source"

Identity = tuple[int, int]


class Kept(NamedTuple):
    """The files no command writes over, by identity, with what each is and one path it has."""

    files: dict[Identity, tuple[str, Path]]

    def what(self, path: Path) -> tuple[str, Path] | None:
        for identity in _identities(path):
            if identity in self.files:
                return self.files[identity]
        return None


def kept(entries: Iterable[tuple[str, Path]]) -> Kept:
    files: dict[Identity, tuple[str, Path]] = {}
    for what, path in entries:
        for identity in _identities(path):
            files.setdefault(identity, (what, path))
    return Kept(files)


def project_files(config: Config, loaded: Iterable[Draft | Unreadable], images: bool = True) -> list[tuple[str, Path]]:
    """The config, every draft the patterns match, and (with `images`) every file a draft or an
    account names."""
    from pasha_cli.engine import named_files

    loaded = list(loaded)
    entries = [(CONFIG, config.path)] + [(DRAFT, draft.path) for draft in loaded]
    if images:
        entries += [(IMAGE, path) for path in named_files(config, loaded)]
    return entries


def check(targets: Iterable[Path], force: bool, keep: Kept) -> None:
    """Refuse (exit 2) before anything is written: a folder, a kept file, an existing file without
    `force`, or one file named twice."""
    seen: dict[str, Path] = {}
    for target in targets:
        if os.path.isdir(target):  # False for a name the system refuses (too long): its write says why
            raise PashaUsageError(t("output-is-folder", path=str(target)))
        refuse_kept(target, keep)
        key = os.path.normcase(os.path.abspath(target))
        if key in seen:
            raise PashaUsageError(t("output-twice", path=str(target)))
        seen[key] = target
        if os.path.lexists(target) and not force:
            raise PashaUsageError(t("output-exists", path=str(target)))


def refuse_kept(target: Path, keep: Kept) -> None:
    found = keep.what(target)
    if found is not None:
        raise PashaUsageError(t("output-kept", path=str(target), what=t(f"output-kept-{found[0]}")))


def write(target: Path, data: bytes, force: bool) -> None:
    """Write atomically; without `force` never over a file, even one that appears meanwhile.
    A failure is exit 2 naming the file and the reason."""
    from pasha_cli.atomic import write_atomic

    try:
        write_atomic(target, data, replace=force)
    except FileExistsError:
        raise PashaUsageError(t("output-exists", path=str(target))) from None
    except (OSError, ValueError) as exc:  # ValueError: a target with no file name (`/`, `.`), a NUL
        raise write_failed(target, exc) from None


@contextlib.contextmanager
def stream(target: Path, force: bool) -> Iterator[BinaryIO]:
    """write() for a file made piece by piece: the block writes into the temporary file."""
    from pasha_cli.atomic import open_atomic

    try:
        with open_atomic(target, replace=force) as handle:
            yield handle
    except FileExistsError:
        raise PashaUsageError(t("output-exists", path=str(target))) from None
    except (OSError, ValueError) as exc:
        raise write_failed(target, exc) from None


def write_failed(target: Path, exc: Exception) -> PashaUsageError:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return PashaUsageError(t("output-failed", path=str(target), reason=reason))


def _identities(path: Path) -> list[Identity]:
    """The file a path leads to and, for a link, the link itself."""
    found = []
    for follow in (True, False):
        try:
            info = os.stat(path, follow_symlinks=follow)
        except (OSError, ValueError):
            continue
        found.append((info.st_dev, info.st_ino))
    return found
