"""Run the selected rules over a project and collect one sorted Report.

The engine, not the rules, decides what is reported: which files are in scope, which rules
are selected, and each finding's severity (config [severity] table, then --select/--ignore);
the last two through decide.py, which `pasha image check` shares.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from pasha_cli import decide
from pasha_cli.config import Config
from pasha_cli.drafts import Draft, Unreadable, discover, load_draft, relative, resolve_inside
from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import t
from pasha_cli.model import Finding, Position, Report
from pasha_cli.rules import ALL_RULES, Context, Hit, Rule
from pasha_cli.schemas import save_known_valid

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".jpe", ".png", ".webp", ".gif", ".tif", ".tiff", ".bmp", ".heic", ".heif")


def match_rules(tokens: Iterable[str], option: str, rules: tuple[Rule, ...] | None = None) -> set[str]:
    """Codes named by a comma-separated list of codes, code prefixes (PSH2) or rule names."""
    return decide.match_rules(tokens, option, ALL_RULES if rules is None else rules)


def selected_rules(config: Config, select: set[str] | None, ignore: set[str]) -> tuple[Rule, ...]:
    return decide.selected_rules(ALL_RULES, config.severity, select, ignore)


class Scope(NamedTuple):
    targets: frozenset[str]  # relative paths of the drafts to report on
    config_in_scope: bool


def load_project(config: Config) -> list[Draft | Unreadable]:
    return [load_draft(path, config.root) for path in discover(config.root, config.drafts)]


def scope_for(config: Config, loaded: list[Draft | Unreadable], paths: list[Path] | None) -> Scope:
    """Which drafts a `pasha validate PATH...` run reports on (None: the whole project)."""
    everything = frozenset(item.rel for item in loaded)
    if not paths:
        return Scope(everything, True)
    targets: set[str] = set()
    config_in_scope = False
    by_path = {item.path.resolve(): item.rel for item in loaded}
    account_images = {
        resolved for account in config.accounts.values() for _, name, _ in account.image_refs()
        for resolved in [resolve_inside(config.path.parent, name, config.root)[0]] if resolved
    }
    for given in paths:
        if not given.exists():
            raise PashaUsageError(t("path-missing", path=str(given)))
        path = given.resolve()
        if path == config.path.resolve():
            return Scope(everything, True)  # a changed config can change every finding
        if path.is_dir():
            targets |= {rel for p, rel in by_path.items() if p.is_relative_to(path)}
            config_in_scope |= config.path.resolve().is_relative_to(path)
        elif path in by_path:
            targets.add(by_path[path])
        elif path.suffix.lower() in IMAGE_SUFFIXES:
            targets |= {d.rel for d in loaded if isinstance(d, Draft) and _uses_image(d, path, config.root)}
            config_in_scope |= path in account_images
        # anything else (a README, a workflow file) is not ours: ignored, as pre-commit expects
    return Scope(frozenset(targets), config_in_scope)


def _uses_image(draft: Draft, image: Path, root: Path) -> bool:
    name = draft.text("image")
    return bool(name) and resolve_inside(draft.path.parent, name, root)[0] == image  # type: ignore[arg-type]


def projects_for(explicit: str | None, paths: list[Path], cwd: Path) -> list[tuple[Path, list[Path] | None]]:
    """(config file, the paths of its project) for a run: with --config or no paths, one project;
    otherwise each path goes to the project it lies in. Paths in no project are ignored, as pre-commit
    expects (a changed workflow file is not ours); when none lies in a project, the cwd's project
    checks them, and with no project there either there is nothing to check: an empty list."""
    from pasha_cli.config import locate_config
    from pasha_cli.projectfile import find_config

    if explicit or not paths:
        return [(locate_config(explicit, paths, cwd), paths or None)]
    groups: dict[Path, list[Path]] = {}
    for path in paths:
        if not path.exists():
            raise PashaUsageError(t("path-missing", path=str(path)))
        found = find_config(path.resolve())
        if found is not None:
            groups.setdefault(found.resolve(), []).append(path)
    if not groups:
        cwd_config = find_config(cwd)
        return [(cwd_config.resolve(), paths)] if cwd_config is not None else []
    return list(groups.items())


def merge_reports(reports: list[Report]) -> Report:
    """One report from several projects' reports, paths relative to the folder they share."""
    if not reports:
        return Report((), 0, os.getcwd())
    if len(reports) == 1:
        return reports[0]
    common = os.path.commonpath([r.root for r in reports])
    findings = sorted((f._replace(path=os.path.relpath(os.path.join(r.root, f.path), common).replace(os.sep, "/"))
                       for r in reports for f in r.findings), key=Finding.sort_key)
    return Report(tuple(findings), sum(r.files for r in reports), common, reports[0].rules)


def validate(config: Config, now: datetime, paths: list[Path] | None = None,
             select: set[str] | None = None, ignore: frozenset[str] | set[str] = frozenset(),
             loaded: list[Draft | Unreadable] | None = None) -> Report:
    loaded = load_project(config) if loaded is None else loaded
    scope = scope_for(config, loaded, paths)
    drafts = tuple(d for d in loaded if isinstance(d, Draft))
    unreadable = tuple(u for u in loaded if isinstance(u, Unreadable) and u.rel in scope.targets)
    ctx = Context(config, now, drafts, unreadable, scope.targets, scope.config_in_scope)
    rules = selected_rules(config, select, set(ignore))
    findings = [
        _finding(rule, hit, config)
        for rule in rules
        for hit in rule.check(ctx)
        if hit.draft is None or hit.draft.rel in scope.targets
    ]
    findings.sort(key=Finding.sort_key)
    ctx.images.save()
    save_known_valid()
    files = len(scope.targets) + (1 if scope.config_in_scope else 0)
    return Report(tuple(findings), files, str(config.root), rules)


def _finding(rule: Rule, hit: Hit, config: Config) -> Finding:
    if hit.draft is not None:
        path = hit.draft.rel
        position = hit.position or hit.draft.source.key("/" + hit.field.replace(".", "/") if hit.field else "")
    elif hit.path is not None:
        path, position = hit.path, hit.position or Position.start()
    else:
        path = relative(config.path, config.root)
        position = hit.position or config.position(hit.config_keys)
    return decide.finding(rule, config.severity, path, position, hit.args, hit.message, hit.field, hit.other)
