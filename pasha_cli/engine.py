"""Run the selected rules over a project and collect one sorted Report.

The engine, not the rules, decides what is reported: which files are in scope, which rules
are selected, and each finding's severity (config [severity] table, then --select/--ignore);
the last two through decide.py, which `pasha image check` shares. `run()` is `pasha validate`'s
whole run: projects opened, output files checked, the report rendered to each output.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from pasha_cli import cache, decide, kept
from pasha_cli.cache import enabled
from pasha_cli.errors import PashaUsageError, debugging
from pasha_cli.i18n import t
from pasha_cli.model import FILE_FIELDS, Crash, Finding, LocalText, Position, Report
from pasha_cli.outputs import check_outputs, output_target, write
from pasha_cli.parallel import cores, worker_started
from pasha_cli.project.config import Config, load_config, locate_config
from pasha_cli.project.drafts import Draft, Unreadable, draft_files, load_draft, relative
from pasha_cli.project.index import DraftIndex
from pasha_cli.project.locate import RealPaths, by_project, find_config, real_path
from pasha_cli.project.schema_check import save_known_valid
from pasha_cli.report import Style, render, workspace
from pasha_cli.rules import ALL_RULES, Context, Hit, Rule
from pasha_cli.rules.content import accept


def match_rules(tokens: Iterable[str], option: str, rules: tuple[Rule, ...] | None = None) -> set[str]:
    """Codes named by a comma-separated list of codes, code prefixes (PSH2) or rule names."""
    return decide.match_rules(tokens, option, ALL_RULES if rules is None else rules)


def rule_choice(select: tuple[str, ...], ignore: tuple[str, ...]) -> decide.Choice:
    """validate's --select and --ignore, as codes of every rule."""
    return decide.choice(select, ignore, ALL_RULES)


def selected_rules(config: Config, select: set[str] | None, ignore: set[str]) -> tuple[Rule, ...]:
    return decide.selected_rules(ALL_RULES, config.severity, select, ignore)


class Scope(NamedTuple):
    targets: frozenset[str]  # relative paths of the drafts to report on
    config_in_scope: bool


def load_project(config: Config) -> list[Draft | Unreadable]:
    """Every draft of the project, read in full."""
    loaded, index = _load(config, partial=False)
    index.save()
    return loaded


def _load(config: Config, partial: bool) -> tuple[list[Draft | Unreadable], DraftIndex]:
    """The project's drafts (with `partial`, a draft the index knows unchanged comes from the index:
    Draft.partial, only what other drafts' findings and the scope read), and the index they came
    through (each one's file identity, and aggregates of them all)."""
    index = DraftIndex(config.root)
    with _no_collection():
        loaded = index.load_all(draft_files(config.root, config.drafts), partial)
    return loaded, index


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """The cyclic garbage collector paused while a project's drafts are read: they (and the index
    they come through) live until the run ends and hold no cycles, and in a large project the
    collector walked the growing heap again and again while they were made."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def load_scope(
    config: Config, paths: list[Path] | None, removed: tuple[Path, ...] = ()
) -> tuple[list[Draft | Unreadable], Scope, dict[str, list[int]]]:
    """The project's drafts for a run on `paths`, with its scope (those it reports on in full, the
    others as the index knows them) and the drafts' settled file stamps (DraftIndex.stamps)."""
    if paths is None:
        loaded, index = _load(config, partial=False)
        index.save()
        return loaded, scope_for(config, loaded, None), index.stamps
    known, index = _load(config, partial=True)
    scope = scope_for(config, known, paths, removed, index)
    index.save()
    complete = [
        load_draft(item.path, config.root)
        if isinstance(item, Draft) and item.partial and item.rel in scope.targets
        else item
        for item in known
    ]
    return complete, scope, index.stamps


def scope_for(
    config: Config,
    loaded: list[Draft | Unreadable],
    paths: list[Path] | None,
    removed: tuple[Path, ...] = (),
    index: DraftIndex | None = None,
) -> Scope:
    """Which drafts a `pasha validate PATH...` run reports on (None: the whole project).

    A path is the config (everything), a folder (the drafts in it), a draft, or a file a draft or an
    account names, whatever its name (an image called `photo`, a link that now leads elsewhere).
    `removed` are files a commit deletes (the hook learns them from git): who names one is in scope.
    A path meets a draft or a named file when they are the same file (a link, a hard link), or the
    same path as written or once its links are resolved. `index`: the index the drafts came through,
    where the caller has one (their identities, and the files they name, kept between runs).
    """
    everything = frozenset(item.rel for item in loaded)
    if paths is None:
        return Scope(everything, True)
    targets: set[str] = set()
    config_in_scope = False
    drafts = _DraftPlaces(loaded, index.identities if index is not None else {})
    named = _named_places(config, loaded, index)
    config_paths = set(_both(config.path))
    for given, must_exist in [*((p, True) for p in paths), *((g, False) for g in removed)]:
        if must_exist and not os.path.lexists(given):  # a link that leads nowhere is still a file a commit changed
            raise PashaUsageError(t("path-missing", path=str(given)))
        if config_paths & set(_both(given)):
            return Scope(everything, True)  # a changed (or removed) config can change every finding
        path = real_path(given)
        if os.path.isdir(path):  # not Path.is_dir: a removed name too long for the system raised
            targets |= {item.rel for item in loaded if any(p.is_relative_to(path) for p in _both(item.path))}
            config_in_scope |= config.path.resolve().is_relative_to(path)
            continue
        # the draft itself, the drafts that name it, the config (None) when an account names it;
        # anything else (a README, a workflow file) is not ours: ignored, as pre-commit expects
        claims = drafts.meeting(given) | named.meeting(given)
        config_in_scope |= None in claims
        targets |= {rel for rel in claims if rel is not None}
    return Scope(frozenset(targets), config_in_scope)


class _Places:
    """Files of a project by where a run's path may meet them: the path as written (absolute,
    normalised), the file itself (device and inode: a link or a hard link to it), and, for a file that
    is not there (a dangling link, a removed file), the path its links lead to. One system call a
    distinct path: a run on one draft in a large project resolves no links of the others."""

    def __init__(self, identities: dict[str, tuple[int, int]] | None = None) -> None:
        self.by_path: dict[str, set[str | None]] = {}
        self.by_file: dict[tuple[int, int], set[str | None]] = {}
        self.by_target: dict[str, set[str | None]] = {}
        self._seen: dict[str, tuple[int, int] | str] = dict(identities or {})

    def add(self, written: str, owners: Iterable[str | None], normal: bool = False) -> None:
        """`normal`: the path is absolute and normalised already (as draft_files gives a draft's)."""
        lexical = written if normal else os.path.abspath(written)
        self.by_path.setdefault(lexical, set()).update(owners)
        if written not in self._seen:  # as written: after a link, `..` is where the link leads
            identity = _identity(written)
            self._seen[written] = identity if identity is not None else str(real_path(Path(written)))
        place = self._seen[written]
        if isinstance(place, tuple):
            self.by_file.setdefault(place, set()).update(owners)
        else:
            self.by_target.setdefault(place, set()).update(owners)

    def meeting(self, given: Path) -> set[str | None]:
        found: set[str | None] = set()
        for key in {os.path.abspath(given), str(real_path(given))}:
            found |= self.by_path.get(key, set()) | self.by_target.get(key, set())
        identity = _identity(os.fspath(given))
        if identity is not None:
            found |= self.by_file.get(identity, set())
        return found


class _DraftPlaces:
    """The drafts by where a run's path may meet them, as _Places has them, but looked up when a path
    is given instead of laid out for every draft: a run on one path in a large project asks once.
    `identities`: the drafts' (device, inode) as loaded; a draft without one is laid out in _Places."""

    SCANS = 4  # paths looked up by scanning the identities; then they are laid out (about five scans' work)

    def __init__(self, loaded: list[Draft | Unreadable], identities: dict[str, tuple[int, int]]) -> None:
        self._rels = {item.file if isinstance(item, Draft) else str(item.path): item.rel for item in loaded}
        self._identities = identities
        self._others: _Places | None = None
        self._scans = 0
        self._by_identity: dict[tuple[int, int], set[str]] | None = None

    def meeting(self, given: Path) -> set[str | None]:
        found: set[str | None] = set()
        for key in {os.path.abspath(given), str(real_path(given))}:
            if key in self._rels:  # a draft's path is absolute and normalised
                found.add(self._rels[key])
        identity = _identity(os.fspath(given))
        if identity is not None:
            found |= self._same_file(identity)
        return found | self._unknown().meeting(given)

    def _same_file(self, identity: tuple[int, int]) -> set[str]:
        """The drafts that are this file: a scan for the first few paths (the hook's usual one or
        two), by a table after (a commit of hundreds of files in a large project)."""
        if self._by_identity is None and self._scans < self.SCANS:
            self._scans += 1
            return {self._rels[path] for path, known in self._identities.items() if known == identity}
        if self._by_identity is None:
            self._by_identity = {}
            for path, known in self._identities.items():
                self._by_identity.setdefault(known, set()).add(self._rels[path])
        return self._by_identity.get(identity, set())

    def _unknown(self) -> _Places:
        if self._others is None:
            self._others = _Places()
            for path, rel in self._rels.items():
                if path not in self._identities:
                    self._others.add(path, [rel], normal=True)
        return self._others


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):  # missing, a dangling link or a loop, a NUL in the name
        return None
    return info.st_dev, info.st_ino


def named(config: Config, loaded: Iterable[Draft | Unreadable]) -> Iterator[tuple[str, str | None]]:
    """Every file a draft (its rel) or the config (None) names, as the path the system opens
    (_opened: a file that many drafts name from many folders is one path)."""
    real = RealPaths()
    yield from _named_by_drafts(loaded, real)
    yield from _named_by_config(config, real)


def _named_by_drafts(loaded: Iterable[Draft | Unreadable], real: RealPaths) -> Iterator[tuple[str, str]]:
    for draft in loaded:
        if isinstance(draft, Draft):
            folder = ""
            for field in FILE_FIELDS:
                value = draft.fields.get(field)
                if isinstance(value, str) and value:
                    folder = folder or os.path.dirname(draft.file)
                    yield _opened(folder, value, real), draft.rel


def _named_by_config(config: Config, real: RealPaths) -> Iterator[tuple[str, None]]:
    for account in config.accounts.values():
        for _, name, _ in account.image_refs():
            if name:
                yield _opened(str(config.path.parent), name, real), None


def _opened(folder: str, name: str, real: RealPaths) -> str:
    """The path the system opens for `name` written in a file in `folder` (absolute), normalised
    where that follows from the text alone: the folder is where it leads (no link on the way), the
    name climbs (`..`) only at its start, so each `..` leaves a real folder for its real parent, and
    it ends in a name (`a.jpg/` and `a.jpg/.` ask for a folder). Anything else stays as written:
    after a link, `..` is where the link leads."""
    joined = os.path.join(folder, name)
    parts = name.split("/")
    if os.sep != "/" or parts[-1] in ("", ".", "..") or real.folder(folder) != folder:
        return joined
    climbing = True
    for part in parts:
        if part == "..":
            if not climbing:
                return joined
        elif part not in ("", "."):
            climbing = False
    return os.path.normpath(joined)


def _named_places(config: Config, loaded: list[Draft | Unreadable], index: DraftIndex | None) -> _Places:
    """The files the drafts and the config name; the drafts' part from the index while no draft
    changed (a large project's drafts are not walked for a run on one of them)."""
    places = _Places()
    real = index.real if index is not None else RealPaths()

    def by_path() -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        for path, owner in _named_by_drafts(loaded, real):
            grouped.setdefault(path, []).append(owner)
        return grouped

    grouped = by_path() if index is None else index.aggregate("named", by_path, _is_grouping)
    for path, owners in grouped.items():
        places.add(path, owners)
    for path, owner in _named_by_config(config, real):
        places.add(path, [owner])
    return places


def _is_grouping(value: Any) -> bool:
    """A kept {path: [draft, ...]} as by_path makes it."""
    return isinstance(value, dict) and all(
        isinstance(owners, list) and all(isinstance(owner, str) for owner in owners) for owners in value.values()
    )


def _both(path: Path) -> tuple[Path, ...]:
    """A path as written (absolute, normalised) and with its links resolved: a draft naming
    `ok.jpg` is about that name and about the file it leads to."""
    lexical = Path(os.path.abspath(path))
    resolved = real_path(path)
    return (lexical,) if resolved == lexical else (lexical, resolved)


def projects_for(explicit: str | None, paths: list[Path], cwd: Path) -> list[tuple[Path, list[Path] | None]]:
    """(config file, the paths of its project) for a run: with --config or no paths, one project;
    otherwise each path goes to the project it lies in. Paths in no project are ignored, as pre-commit
    expects (a changed workflow file is not ours); when none lies in a project, the cwd's project
    checks them, and with no project there either there is nothing to check: an empty list."""
    if explicit or not paths:
        return [(locate_config(explicit, paths, cwd), paths or None)]
    for path in paths:
        if not os.path.lexists(path):
            raise PashaUsageError(t("path-missing", path=str(path)))
    groups = by_project(paths)
    if not groups:
        cwd_config = find_config(cwd)
        return [(cwd_config.resolve(), paths)] if cwd_config is not None else []
    return list(groups.items())


class Run(NamedTuple):
    """One project's part of a `pasha validate` run: what it checks, with its drafts read."""

    config: Config
    paths: list[Path] | None  # None: the whole project
    removed: tuple[Path, ...]  # files the commit removes (the hook)
    drafts: list[Draft | Unreadable]  # those in the scope in full, the others perhaps partial
    scope: Scope
    stamps: dict[str, list[int]]  # the drafts' settled file stamps (DraftIndex.stamps)


def open_runs(
    explicit: str | None, paths: list[Path], removed: dict[Path, tuple[Path, ...]], pre_commit: bool, cwd: Path
) -> list[Run]:
    """The projects a validate run checks, configs loaded and drafts read, before any rule runs."""
    # pre-commit passes the changed files of a whole repository: each goes to its own project
    projects = projects_for(explicit, paths, cwd) if paths or not pre_commit else []
    given = {config for config, _ in projects}
    projects += [(config, []) for config in removed if config not in given]
    configs = [(load_config(path), group, removed.get(path, ())) for path, group in projects]
    return [Run(config, group, removals, *load_scope(config, group, removals)) for config, group, removals in configs]


def validate_runs(runs: list[Run], now: datetime, choice: decide.Choice, jobs: int = 1) -> Report:
    """Each project validated, then one report."""
    return merge_reports(
        [
            validate(
                run.config,
                now,
                run.paths,
                choice.select,
                choice.ignore,
                run.drafts,
                run.removed,
                scope=run.scope,
                stamps=run.stamps,
                jobs=jobs,
            )
            for run in runs
        ]
    )


def merge_reports(reports: list[Report]) -> Report:
    """One report from several projects' reports, paths relative to the folder they share."""
    if not reports:
        return Report((), 0, os.getcwd())
    if len(reports) == 1:
        return reports[0]
    common = os.path.commonpath([r.root for r in reports])

    def rebased(root: str, path: str) -> str:
        return os.path.relpath(os.path.join(root, path), common).replace(os.sep, "/")

    findings = sorted(
        (
            f._replace(path=rebased(r.root, f.path), other=tuple(rebased(r.root, o) for o in f.other))
            for r in reports
            for f in r.findings
        ),
        key=Finding.sort_key,
    )
    crashes = tuple(c._replace(path=rebased(r.root, c.path)) if c.path else c for r in reports for c in r.crashes)
    return Report(tuple(findings), sum(r.files for r in reports), common, reports[0].rules, crashes)


def validate(
    config: Config,
    now: datetime,
    paths: list[Path] | None = None,
    select: set[str] | None = None,
    ignore: frozenset[str] | set[str] = frozenset(),
    loaded: list[Draft | Unreadable] | None = None,
    removed: tuple[Path, ...] = (),
    scope: Scope | None = None,
    stamps: Mapping[str, list[int]] | None = None,
    jobs: int = 1,
) -> Report:
    """`stamps`: the settled file stamps of the drafts, as the index has them (project/index.py),
    under which the draft rules' findings are kept between runs (kept.py); None: nothing kept.
    `jobs`: worker processes for a large run (_check_in_parts; 0: one per core)."""
    if loaded is None:
        loaded, scope, stamps = load_scope(config, paths, removed)
    scope = scope_for(config, loaded, paths, removed) if scope is None else scope
    drafts = tuple(d for d in loaded if isinstance(d, Draft))
    if any(d.partial and d.rel in scope.targets for d in drafts):  # never a finding from the index alone
        raise AssertionError("a draft in the scope was not read in full")
    unreadable = tuple(u for u in loaded if isinstance(u, Unreadable) and u.rel in scope.targets)
    ctx = Context(config, now, drafts, unreadable, scope.targets, scope.config_in_scope)
    rules = selected_rules(config, select, set(ignore))
    findings, crashes = _check_in_parts(ctx, rules, stamps, jobs)
    crashes = _in_order(crashes, rules)
    findings = accept(findings, ctx, rules)  # the drafts' `allow`: accepted findings marked, never dropped
    findings.sort(key=Finding.sort_key)
    ctx.images.save()
    save_known_valid()
    files = len(scope.targets) + (1 if scope.config_in_scope else 0)
    return Report(tuple(findings), files, str(config.root), rules, tuple(crashes))


def _in_order(crashes: list[Crash], rules: tuple[Rule, ...]) -> list[Crash]:
    """The rules' failures by rule and file, each once: the same whichever parts the targets were
    checked in (a rule that failed on no one file fails once a part)."""
    position = {rule.code: n for n, rule in enumerate(rules)}
    return sorted(set(crashes), key=lambda c: (position.get(c.code, len(position)), c.code, c.path, c.error))


def _check(
    ctx: Context, rules: tuple[Rule, ...], stamps: Mapping[str, list[int]] | None
) -> tuple[list[Finding], list[Crash]]:
    """The rules' findings on the context's targets (and on the config, when it is in scope)."""
    findings, crashes = _draft_findings(tuple(r for r in rules if not r.reads), ctx, stamps)
    for rule in rules:
        if rule.reads:
            found, failed = _rule_findings(rule, ctx)
            findings += found
            crashes += failed
    return findings, crashes


def _rule_findings(rule: Rule, ctx: Context) -> tuple[list[Finding], list[Crash]]:
    """One rule's findings on the context's targets and (in scope) the config, and its failures."""
    hits, failed = _run_isolated(rule, ctx)
    found = [_finding(rule, hit, ctx.config) for hit in hits if hit.draft is None or hit.draft.rel in ctx.targets]
    return found, failed


PART_DRAFTS = 400  # the fewest drafts worth a worker process of their own (forking one and its results cost ~20 ms)

_WORK: list[tuple[tuple[Rule, ...], Mapping[str, list[int]] | None, list[Context]]] = []


def _check_in_parts(
    ctx: Context, rules: tuple[Rule, ...], stamps: Mapping[str, list[int]] | None, jobs: int
) -> tuple[list[Finding], list[Crash]]:
    """_check() split over worker processes (`jobs`, 0: one per core), each on a part of the
    targets: every rule's findings on a draft are the same whichever other drafts are targets (the
    invariant a run on one draft rests on), and the workers, forked once the drafts are read, see
    them all. The config's own entries are the first part's. Where processes are not forked (not
    Linux) or the targets are few, one process does it all.

    One draft is checked here first: what the rules make once per process on first use (the term
    lists compiled, the schema's validator, the holiday table) is then made once, not in each worker."""
    count = min(jobs or cores(), len(ctx.targets) // PART_DRAFTS)
    if count <= 1 or not sys.platform.startswith("linux"):
        return _check(ctx, rules, stamps)
    parts = _parts(ctx, count)
    first = next(parts[0].target_drafts).rel
    findings, crashes = _check(ctx.part(frozenset([first]), False), rules, stamps)
    parts[0] = ctx.part(parts[0].targets - {first}, parts[0].config_in_scope)
    _WORK[:] = [(rules, stamps, parts)]  # what the forked workers inherit: nothing is sent
    try:
        done = _in_workers(len(parts))
    finally:
        _WORK.clear()
    for found, failed, added in done:
        findings += found
        crashes += failed
        cache.add_all(added)
    return findings, crashes


def _in_workers(count: int) -> list[tuple[list[Finding], list[Crash], cache.Additions]]:
    """_check_part(n) for each n < count, each in a worker forked for it, its result read back
    through a pipe. Plain fork and pipes, not a process pool: a worker that dies (killed, out of
    memory) is an internal error here, at once; a pool left waiting for it held the command's exit."""
    import pickle
    import signal

    parent, workers = os.getpid(), []
    try:
        for number in range(count):
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker: its result, or nothing and a failed status
                os.close(read)
                status = 1
                try:
                    worker_started(parent)
                    with os.fdopen(write, "wb") as out:
                        out.write(pickle.dumps(_check_part(number), pickle.HIGHEST_PROTOCOL))
                    status = 0
                except BaseException:
                    if debugging():
                        import traceback

                        traceback.print_exc()
                finally:
                    os._exit(status)
            os.close(write)
            workers.append((pid, read))
        done: list[tuple[list[Finding], list[Crash], cache.Additions]] = []
        while workers:
            pid, read = workers[0]
            with os.fdopen(read, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(pid, 0)
            workers.pop(0)
            if status != 0 or not data:
                raise RuntimeError(f"a worker process checking part {len(done) + 1} of {count} ended ({status})")
            done.append(pickle.loads(data))
        return done
    finally:  # a failure or Ctrl-C: no worker outlives the command
        for pid, read in workers:
            with contextlib.suppress(OSError):
                os.close(read)
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)


def _check_part(number: int) -> tuple[list[Finding], list[Crash], cache.Additions]:
    """In a worker: _check() on part `number`, and what it added to the caches (saved by the command)."""
    cache.held_saves()
    rules, stamps, parts = _WORK[0]
    findings, crashes = _check(parts[number], rules, stamps)
    return findings, crashes, cache.additions()


def _parts(ctx: Context, count: int) -> list[Context]:
    """The targets in `count` parts of about equal size, the drafts that use one image in one part
    (so that each image is inspected by one worker), the config's entries in the first."""
    groups: dict[str, list[str]] = {}
    for draft in ctx.target_drafts:
        image = draft.fields.get("image")
        key = (
            os.path.normpath(os.path.join(os.path.dirname(draft.file), image)) if isinstance(image, str) else draft.rel
        )
        groups.setdefault(key, []).append(draft.rel)
    for item in ctx.unreadable:
        groups.setdefault(item.rel, []).append(item.rel)
    sizes = [0] * max(count, 1)
    members: list[list[str]] = [[] for _ in sizes]
    for key in sorted(groups, key=lambda k: (-len(groups[k]), k)):  # largest first, each to the smallest part
        smallest = sizes.index(min(sizes))
        members[smallest] += groups[key]
        sizes[smallest] += len(groups[key])
    return [ctx.part(frozenset(rels), n == 0 and ctx.config_in_scope) for n, rels in enumerate(members)]


def _draft_findings(
    rules: tuple[Rule, ...], ctx: Context, stamps: Mapping[str, list[int]] | None
) -> tuple[list[Finding], list[Crash]]:
    """The draft rules' findings: on each target draft, kept from an earlier run where they hold
    (kept.py), else found now (and kept); then on the config. Each rule's findings on a draft in the
    order it gives them: the order the report's sort keeps among equals."""
    targets = list(ctx.target_drafts)
    by_code = {r.code: r for r in rules}
    stamps = stamps if len(targets) >= kept.FEW and rules and enabled() else None
    store = kept.KeptFindings(ctx.config.root, ctx.config.inputs, by_code, stamps) if stamps is not None else None
    findings: list[Finding] = []
    fresh: list[Draft] = []
    for draft in targets:
        rows = store.get(draft.rel) if store is not None else None
        found = _kept(draft.rel, rows, by_code, ctx.config) if rows is not None else None
        if found is None:
            fresh.append(draft)
        else:
            findings += found
    part = ctx.part(frozenset(d.rel for d in fresh), False, tuple(fresh))
    new: dict[str, dict[str, list[Finding]]] = {d.rel: {} for d in fresh}
    crashes: list[Crash] = []
    for rule in rules if fresh else ():
        found_now, failed = _rule_findings(rule, part)
        crashes += failed
        for item in found_now:
            if item.path in new:  # on a draft (the config is not this part's)
                new[item.path].setdefault(rule.code, []).append(item)
                findings.append(item)
    if part.reached and debugging():
        raise AssertionError(f"a draft rule reached {sorted(part.reached)}")
    if store is not None and not part.reached and not crashes:
        for rel, found_by_code in new.items():
            if rel not in part.dated_by_clock:
                store.put(rel, {code: [kept.row(f) for f in rows] for code, rows in found_by_code.items()})
        store.save()
    if ctx.config_in_scope:  # the rules' entries on the config itself: never kept
        alone = ctx.part(frozenset(), True)
        for rule in rules:
            found_now, failed = _rule_findings(rule, alone)
            findings += found_now
            crashes += failed
    return findings, crashes


def _kept(rel: str, rows: Mapping[str, list[Any]], rules: Mapping[str, Rule], config: Config) -> list[Finding] | None:
    """A draft's kept findings of the rules that run, or None when a row is not one (an untrusted file)."""
    found: list[Finding] = []
    for code, kept_rows in rows.items():
        rule = rules.get(code)
        for row in kept_rows if rule is not None else ():
            item = kept.finding(rel, rule, config.severity, row)
            if item is None:
                return None
            found.append(item)
    return found


def _run_isolated(rule: Rule, ctx: Context) -> tuple[list[Hit], list[Crash]]:
    """A rule's hits; when it raises (a bug in pasha), it runs again one file at a time, so that the
    one draft it fails on costs that draft's findings of that rule only, never the whole report."""
    try:
        return list(rule.check(ctx)), []
    except Exception as exc:
        if debugging():
            raise
        first = exc
    hits: list[Hit] = []
    crashes: list[Crash] = []
    parts = [(rel, frozenset([rel]), False) for rel in sorted(ctx.targets)]
    if ctx.config_in_scope:
        parts.append((ctx.config.rel_path, frozenset(), True))
    for path, targets, config_in_scope in parts:
        try:
            hits += rule.check(ctx.part(targets, config_in_scope))
        except Exception as exc:
            crashes.append(Crash(rule.code, path, repr(exc)))
    return hits, crashes or [Crash(rule.code, "", repr(first))]


def _finding(rule: Rule, hit: Hit, config: Config) -> Finding:
    end = hit.end
    if hit.draft is not None:
        path = hit.draft.rel
        if hit.position is None:  # about the whole field: from its key to the end of its value
            position, end = hit.draft.source.field_span("/" + hit.field.replace(".", "/") if hit.field else "")
        else:
            position = hit.position
    elif hit.path is not None:
        path, position = hit.path, hit.position or Position.start()
    else:
        path = relative(config.path, config.root)
        position = hit.position or config.position(hit.config_keys)
        if end is None:  # a config entry: to the end of its line
            lines = config.text.splitlines()
            end = Position(position.line, len(lines[position.line - 1]) + 1) if position.line <= len(lines) else None
    args, message, field, other = hit.args, hit.message, hit.field, hit.other
    return decide.finding(rule, config.severity, path, position, args, message, field, other, end)


class Request(NamedTuple):
    """What `pasha validate` was asked for, as its command parsed it."""

    paths: tuple[Path, ...]
    removed: dict[Path, tuple[Path, ...]]  # files the commit removes, by the config of their project (the hook)
    pre_commit: bool
    config_path: str | None
    now: datetime
    fmt: str  # the format for stdout
    output_files: tuple[str, ...]  # --output-file [FORMAT:]PATH
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    strict: bool
    force: bool
    lang: str
    color: bool  # whether stdout shows colour (the command knows its console)
    jobs: int = 0  # worker processes for a large run (0: one per core)


class Checked(NamedTuple):
    """A validate run done: the report for stdout, what to say on stderr after it, the exit code."""

    shown: str  # the report in the stdout format
    color: bool
    crashes: tuple[LocalText, ...]  # a rule that raised (a bug in pasha), one line each
    exit_code: int


def run(request: Request, cwd: Path, note: Callable[[LocalText], None]) -> Checked:
    """`pasha validate`: the rules chosen, the projects opened, the output files checked before any
    work, the projects validated and the report written to each --output-file. `note` says on
    stderr, as it happens, that no project holds the paths (before any error about the outputs)."""
    outputs = [output_target(spec, request.fmt) for spec in request.output_files]
    choice = rule_choice(request.select, request.ignore)
    runs = open_runs(request.config_path, list(request.paths), request.removed, request.pre_commit, cwd)
    if not runs:
        note(t("no-project-for-paths"))
    if outputs:  # before any work: never a report over the config, a draft, an image or a file it checks
        projects = [(run.config, run.drafts) for run in runs]
        check_outputs([target for _, target in outputs], request.force, projects, request.paths)
    report = validate_runs(runs, request.now, choice, request.jobs)
    style = Style(request.lang, False, workspace(), request.strict)
    for out_fmt, target in outputs:
        write(target, render(report, out_fmt, style).encode("utf-8"), request.force)
    color = request.fmt == "text" and request.color
    crashes = tuple(
        t("rule-crashed", code=crash.code, path=crash.path or "-", reason=crash.error) for crash in report.crashes
    )
    shown = render(report, request.fmt, style._replace(color=color))
    return Checked(shown, color, crashes, report.exit_code(request.strict))
