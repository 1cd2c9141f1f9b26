"""Where a command may write: one check for every file a user names as an output.

Every writing command (`validate --output-file`, `ics -o`, `preview --html`, `export -o`, `new -o`,
`image fit`) asks `check` before it writes and `write` to write. An existing file is replaced only
with `--force`; the project's config, its drafts and the images they use (for `image fit`: the
sources it reads) are never written over, even with `--force`. Files are compared by identity
(device and inode), so a path spelt another way (`./`, a symbolic or hard link, another case on a
case-insensitive disk) is the same file.

Where a file would land is judged too, for the project it lands in (which need not be the one the
command reads): no output is made where a project's draft patterns would read it as a draft, none is
named like a config (`pasha.toml`, `pyproject.toml`: it would become one, or break one), and none goes
inside git's own folder.

Only a regular file is ever replaced. A character device or a FIFO (`/dev/null`, `/dev/stdout` on a
terminal or a pipe, a named pipe a script reads) is written through by the text outputs
(`validate --output-file`, `ics -o`, `preview --html`), as a shell's `>` would: opened for writing,
nothing replaced, so no `--force` is needed. A bundle or an image (`export -o`, `image fit`) is put in
place whole and checked, which a device or a pipe cannot be, so there it is refused; a block device
(a disk) or a socket is refused everywhere.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
from collections.abc import Iterable, Iterator
from fnmatch import fnmatchcase
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from pasha_cli.atomic import NotRegular, descriptor_entry, open_atomic, special
from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import t
from pasha_cli.model import DRAFT_SUFFIXES
from pasha_cli.project.locate import find_config, real_path
from pasha_cli.report import FORMATS, SUFFIXES

if TYPE_CHECKING:
    from pasha_cli.project.config import Config
    from pasha_cli.project.drafts import Draft, Unreadable

# what a kept file is, as the refusal names it
CONFIG, DRAFT, IMAGE, SOURCE = "config", "draft", "image", "source"

Identity = tuple[int, int]


class Kept(NamedTuple):
    """The files no command writes over, by identity, with what each is."""

    files: dict[Identity, str]

    def what(self, path: Path) -> str | None:
        return next((self.files[i] for i in _identities(path) if i in self.files), None)


def kept(entries: Iterable[tuple[str, Path]]) -> Kept:
    files: dict[Identity, str] = {}
    for what, path in entries:
        for identity in _identities(path):
            files.setdefault(identity, what)
    return Kept(files)


def project_files(config: Config, loaded: Iterable[Draft | Unreadable], images: bool = True) -> list[tuple[str, Path]]:
    """The config, every draft the patterns match, and (with `images`) every file a draft or an
    account names."""
    from pasha_cli.engine import named

    loaded = list(loaded)
    entries = [(CONFIG, config.path)] + [(DRAFT, draft.path) for draft in loaded]
    if images:
        entries += [(IMAGE, Path(path)) for path, _ in named(config, loaded)]  # a link: its own and its file's identity
    return entries


def check_outputs(
    targets: list[Path],
    force: bool,
    projects: Iterable[tuple[Config, list[Draft | Unreadable]]],
    inputs: Iterable[Path] = (),
) -> None:
    """check() against what the projects keep (their configs, drafts and images in use) and the
    files the command reads as drafts."""
    entries = [entry for config, loaded in projects for entry in project_files(config, loaded)]
    check(targets, force, kept(entries + [(DRAFT, path) for path in inputs]))


def check_project_outputs(
    config: Config,
    targets: list[Path],
    force: bool,
    inputs: tuple[Path, ...] = (),
    loaded: list[Draft | Unreadable] | None = None,
) -> None:
    """check_outputs() for a command that reads one project: `loaded` its drafts when the command
    has read them already, else they are read here."""
    from pasha_cli.engine import load_project  # as project_files: `image fit` loads no engine

    check_outputs(targets, force, [(config, load_project(config) if loaded is None else loaded)], inputs)


def output_target(spec: str, default: str) -> tuple[str, Path]:
    """`--output-file [FORMAT:]PATH`: the format named, else the one the suffix says, else `default`."""
    prefix, sep, rest = spec.partition(":")
    if sep and prefix in FORMATS and rest:
        return prefix, Path(rest)
    path = Path(spec)
    return SUFFIXES.get(path.suffix.lower(), default), path


def fit_targets(
    sources: tuple[Path, ...], output: Path | None, out_dir: Path | None, in_place: bool
) -> list[tuple[Path, Path]]:
    """(source, output) for `image fit`: `-o`, the source itself, or `--out-dir/<stem>.jpg`."""
    if output is not None:
        return [(source, output) for source in sources]
    if in_place or out_dir is None:
        return [(source, source) for source in sources]
    return [(source, out_dir / f"{source.stem}.jpg") for source in sources]


def check_fit_targets(config: Config | None, targets: list[tuple[Path, Path]], in_place: bool, force: bool) -> None:
    """Before any work: never two sources onto one output, an output over the config, a draft or
    (but with --in-place, onto itself) a source, nor over another file without --force. An image a
    draft uses may be replaced: refitting it is what fit is for."""
    seen: dict[Path, Path] = {}
    for source, target in targets:
        first = seen.setdefault(real_path(target), source)
        if first != source:  # the second would replace the first's output
            raise PashaUsageError(t("fit-clash", first=str(first), second=str(source), output=str(target)))
    entries = [] if in_place else [(SOURCE, source) for source, _ in targets]
    if config is not None:
        from pasha_cli.project.drafts import discover  # only in a project, as draft_pattern

        entries += [(CONFIG, config.path)] + [(DRAFT, path) for path in discover(config.root, config.drafts)]
    keep = kept(entries)
    if in_place:
        for _, target in targets:
            refuse_kept(target, keep)
    else:
        check([target for _, target in targets], force, keep, through=False)


def check(targets: Iterable[Path], force: bool, keep: Kept, through: bool = True) -> None:
    """Refuse (exit 2) before anything is written: a folder, a kept file, an existing file without
    `force`, one file named twice, or a target no regular file (`through`: but a character device
    or a FIFO, which write() writes through)."""
    seen: dict[str, Path] = {}
    projects: dict[Path, Project | None] = {}  # by folder: a batch of 500 outputs loads a config once
    for target in targets:
        if _is_dir(target):
            raise PashaUsageError(t("output-is-folder", path=str(target)))
        refuse_kept(target, keep)
        refuse_place(target, projects)
        key = os.path.normcase(os.path.abspath(target))
        if key in seen:
            raise PashaUsageError(t("output-twice", path=str(target)))
        seen[key] = target
        kind = special(target)
        if kind is not None:
            refuse_special(target, kind, through)
        elif os.path.lexists(target) and not force:
            raise PashaUsageError(t("output-exists", path=str(target)))


def refuse_kept(target: Path, keep: Kept) -> None:
    found = keep.what(target)
    if found is not None:
        raise PashaUsageError(t("output-kept", path=str(target), what=t(f"output-kept-{found}")))


# names pasha reads as a project's config wherever they lie (projectfile.find_config)
CONFIG_NAMES = ("pasha.toml", "pyproject.toml")


class Project(NamedTuple):
    """What the project a file lands in keeps: its files by identity, its real root, its patterns."""

    keep: Kept
    root: Path
    patterns: tuple[str, ...]


def refuse_place(target: Path, projects: dict[Path, Project | None]) -> None:
    """Refuse (exit 2) a file that, once written, would be read as a config or a draft, or would sit
    in git's own folder. Judged where the file lands: through linked folders, in whichever project
    lies there (`--config` may name another), case-blind as a case-insensitive disk would be."""
    where = _landing_outside_config_and_git(target)
    if where.parent not in projects:
        projects[where.parent] = _project_at(where.parent)
    project = projects[where.parent]
    if project is None:
        return
    refuse_kept(target, project.keep)
    pattern = draft_pattern(where, project.root, project.patterns)
    if pattern is not None:
        raise PashaUsageError(t("output-draft-pattern", path=str(target), pattern=pattern))


def draft_pattern(where: Path, root: Path, patterns: tuple[str, ...]) -> str | None:
    """The draft pattern a file at `where` (a landing path) would match in the project at `root`
    (its real path), if any."""
    if where.suffix.lower() not in DRAFT_SUFFIXES or not where.is_relative_to(root):
        return None
    parts = where.relative_to(root).parts
    return next((pattern for pattern in patterns if glob_matches(parts, tuple(pattern.split("/")))), None)


def enclosing_project(folder: Path) -> Project | None:
    """The project a folder (or, for one not made yet, its nearest existing parent) lies in."""
    folder = Path(os.path.abspath(folder))
    while not os.path.isdir(folder) and folder.parent != folder:
        folder = folder.parent
    return _project_at(folder)


def refuse_new_draft_place(target: Path, config: Config) -> None:
    """`pasha new -o`: refuse (exit 2) a draft the project would not check. It must be YAML (what
    new writes) and lie where the project's `drafts` patterns match, or the gate never sees it; and,
    like any output, not under a config's name or inside git's own folder."""
    where = _landing_outside_config_and_git(target)
    if where.suffix.lower() not in (".yaml", ".yml"):
        raise PashaUsageError(t("new-not-yaml", path=str(target)))
    if draft_pattern(where, Path(os.path.realpath(config.root)), config.drafts) is None:
        raise PashaUsageError(t("new-outside-drafts", path=str(target), patterns=", ".join(config.drafts)))


def _project_at(folder: Path) -> Project | None:
    try:
        found = find_config(folder)
    except (OSError, ValueError):  # a folder name too long: nothing can be written there either
        return None
    if found is None:
        return None
    from pasha_cli.project.config import load_config
    from pasha_cli.project.drafts import discover

    config = load_config(found.resolve())
    drafts = discover(config.root, config.drafts)
    return Project(
        kept([(CONFIG, config.path)] + [(DRAFT, path) for path in drafts]),
        Path(os.path.realpath(config.root)),
        config.drafts,
    )


def _landing_outside_config_and_git(target: Path) -> Path:
    """Where `target` lands; refused (exit 2) under a config's name or inside git's own folder."""
    if target.name.casefold() in CONFIG_NAMES:
        raise PashaUsageError(t("output-config-name", path=str(target)))
    where = landing(target)
    if any(part.casefold() == ".git" for part in where.parts):
        raise PashaUsageError(t("output-in-git", path=str(target)))
    return where


def landing(target: Path) -> Path:
    """Where a file written at `target` lies: its folder with links and `..` resolved, then its name."""
    return Path(os.path.realpath(target.parent)) / target.name


def glob_matches(parts: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """Whether a relative path would be one of `Path.glob(pattern)`'s answers (`**` as a whole segment:
    none or more folders; config.py refuses the rest), ignoring case."""

    @functools.cache
    def match(i: int, j: int) -> bool:
        if j == len(pattern):
            return i == len(parts)
        if pattern[j] == "**":
            return any(match(k, j + 1) for k in range(i, len(parts) + 1))
        return i < len(parts) and fnmatchcase(parts[i].casefold(), pattern[j].casefold()) and match(i + 1, j + 1)

    return match(0, 0)


def _is_dir(path: Path) -> bool:
    """Path.is_dir, but a name too long, a folder without search permission or a NUL is simply not
    a folder here: the write then fails with its own reason (exit 2)."""
    try:
        return os.path.isdir(path)
    except (OSError, ValueError):
        return False


# what a text output is written through, rather than replaced (a regular file: only as a
# process's open descriptor, `/dev/stdout` when stdout is a file; special() says which)
THROUGH = (stat.S_IFCHR, stat.S_IFIFO, stat.S_IFREG)


def refuse_special(target: Path, kind: int, through: bool) -> None:
    """Refuse (exit 2) a target that is no regular file (`kind`, as special() says), unless `through`
    and write() can write through it."""
    if not (through and kind in THROUGH):
        raise _refusal(target, kind)


def _refusal(target: Path, kind: int | None) -> PashaUsageError:
    return PashaUsageError(t("output-special-whole" if kind in THROUGH else "output-special", path=str(target)))


def write(target: Path, data: bytes, force: bool) -> None:
    """Write a text output atomically; without `force` never over a file, even one that appears
    meanwhile. A character device or a FIFO is written through instead. A failure is exit 2 naming
    the file and the reason."""
    kind = special(target)
    if kind in THROUGH:
        write_through(target, data, kind)
        return
    if kind is not None:  # a block device or a socket made since check()
        raise _refusal(target, kind)
    with stream(target, force) as handle:
        handle.write(data)


def write_through(target: Path, data: bytes, kind: int) -> None:
    """Write into an existing character device, FIFO or descriptor (`kind`, as special() found it;
    blocking, as a shell would, until a reader opens a FIFO). Never created: without O_CREAT a node
    gone meanwhile is an error, not a new file."""
    # a descriptor's regular file: appended to, as the shell's `>` (empty) or `>>` left it
    append = os.O_APPEND if kind == stat.S_IFREG else 0
    entry = descriptor_entry(target)
    try:
        if entry is not None and entry[0] == os.getpid():  # our own stdout: its descriptor, sharing its offset
            fd = os.dup(entry[1])
        else:
            fd = os.open(target, os.O_WRONLY | append | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "wb") as handle:
            if kind not in THROUGH or stat.S_IFMT(os.fstat(fd).st_mode) != kind:  # swapped meanwhile: not ours
                raise FileExistsError(target)
            handle.write(data)
    except FileExistsError:
        raise PashaUsageError(t("output-exists", path=str(target))) from None
    except (OSError, ValueError) as exc:  # /dev/full, a reader gone (EPIPE), no permission
        raise write_failed(target, exc) from None


@contextlib.contextmanager
def stream(target: Path, force: bool) -> Iterator[BinaryIO]:
    """write() for a file made piece by piece (a bundle): the block writes into the temporary file.
    Never through a device or a FIFO: refused (exit 2) before the block runs."""
    try:
        with open_atomic(target, replace=force) as handle:
            yield handle
    except NotRegular:
        raise _refusal(target, special(target)) from None
    except FileExistsError:
        raise PashaUsageError(t("output-exists", path=str(target))) from None
    except (OSError, ValueError) as exc:  # ValueError: a target with no file name (`/`, `.`), a NUL
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
