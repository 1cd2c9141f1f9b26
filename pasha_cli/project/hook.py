"""What the pre-commit hook needs beyond the file names pre-commit passes.

pre-commit passes only files that still exist, so a commit that deletes or renames an image a draft
uses would pass unseen. The hook asks git for the files the commit (or, at the pre-push stage, the
pushed range) removes; the engine then checks the drafts that name them.
"""

from __future__ import annotations

import os
from pathlib import Path

from pasha_cli.errors import ConfigError, PashaUsageError
from pasha_cli.i18n import t
from pasha_cli.model import DRAFT_SUFFIXES
from pasha_cli.project.locate import CONFIG_NAME, by_project, find_config


def removals(cwd: Path) -> dict[Path, tuple[Path, ...]]:
    """The files the commit removes, by the config of the project each lay in. A removed config
    that leaves drafts unchecked is refused (exit 2)."""
    gone = removed_files(cwd)
    orphaned = orphaning_removal(gone)
    if orphaned is not None:
        raise ConfigError(t("hook-config-removed", path=os.path.relpath(orphaned)))
    return {config: tuple(group) for config, group in by_project(gone).items()}


def removed_files(cwd: Path, environ: dict[str, str] | None = None) -> list[Path]:
    """Files the commit being made deletes (renames count as a deletion and an addition), or, when
    pre-commit runs for a range (pre-push, `--from-ref/--to-ref`), the files that range deletes.
    Paths are absolute. Outside a git work tree (`pre-commit run --files` in a plain folder): none."""
    env = os.environ if environ is None else environ
    source, target = env.get("PRE_COMMIT_FROM_REF"), env.get("PRE_COMMIT_TO_REF")
    command = ["git", "diff", "--no-ext-diff", "--no-renames", "--name-only", "--diff-filter=D", "-z"]
    # a ref that starts with "-" is a revision, never an option (`--output=FILE` would write a file)
    command += ["--end-of-options", f"{source}...{target}"] if source and target else ["--cached"]
    import subprocess  # only in a hook run: validate of named files or of a project asks git nothing

    try:
        top = _git(["git", "rev-parse", "--show-toplevel"], cwd).strip()
        if not top:
            return []
        listed = _git([*command, "--"], cwd)
    except FileNotFoundError:  # no git on this machine: pre-commit itself needs it, so not a hook run
        return []
    except subprocess.TimeoutExpired as exc:
        raise PashaUsageError(t("hook-git-failed", reason=str(exc))) from None
    except subprocess.CalledProcessError as exc:
        if "rev-parse" in exc.cmd:
            return []  # not a git work tree
        raise PashaUsageError(t("hook-git-failed", reason=(exc.stderr or "").strip() or str(exc))) from None
    return [Path(top) / name for name in listed.split("\0") if name]


def _git(command: list[str], cwd: Path) -> str:
    # a core.fsmonitor in the repository's config is a program git would run on reading the index
    command = [command[0], "-c", "core.fsmonitor=false", *command[1:]]
    import subprocess

    done = subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        check=True,
        timeout=60,
        env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C", "GIT_NO_LAZY_FETCH": "1"},
    )
    return done.stdout.decode("utf-8", "surrogateescape")


def orphaning_removal(removed: list[Path]) -> Path | None:
    """A removed pasha.toml whose folder still holds drafts: the commit would leave them unchecked
    (no project, so "nothing to check"); refused unless another config now covers them."""
    for path in removed:
        folder = path.parent
        if path.name != CONFIG_NAME or not folder.is_dir() or find_config(folder) is not None:
            continue
        if any(p.suffix.lower() in DRAFT_SUFFIXES for p in folder.rglob("*") if p.is_file()):
            return path
    return None
