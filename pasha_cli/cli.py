"""The click layer: parse options, build settings, call one function, print. No checking logic here.

Exit codes: 0 no error findings; 1 error findings (or warnings with --strict); 2 the tool was
used wrongly (bad option, unreadable config); 3 an internal error, a bug in pasha. Nothing the user
gives produces a traceback or exit 3; set PASHA_DEBUG=1 to see the traceback of a bug.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import click

from pasha_cli import __version__, clicktext
from pasha_cli.errors import ConfigError, PashaUsageError
from pasha_cli.i18n import choose_lang, t, tn
from pasha_cli.model import IMAGE_KINDS, PLANS, LocalText
from pasha_cli.report import FORMATS

if TYPE_CHECKING:
    from datetime import datetime


INTERNAL_ERROR = 3  # a bug in pasha, never the input's fault: tests tell it apart from misuse (2)


class _Path(click.Path):
    """click.Path that says a name the system refuses (a NUL in it) is a bad value: click's own
    checks let the ValueError of os.stat escape."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def _lang_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--lang", type=click.Choice(["ja", "en"]), default=None)(f)


def _project_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--now", "now", envvar="PASHA_NOW", metavar="DATETIME")(f)
    f = click.option("--config", "config_path", envvar="PASHA_CONFIG", metavar="PATH")(f)
    return _lang_option(f)


def _now(value: str | None) -> datetime:
    from pasha_cli.timeutil import FORMATS_HELP, DateError, now_jst

    try:
        return now_jst(value)
    except DateError as exc:
        raise PashaUsageError(t("bad-now", value=value, reason=exc.why, formats=FORMATS_HELP)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="pasha")
@click.option("--lang", type=click.Choice(["ja", "en"]), expose_value=False, callback=clicktext.group_lang)
def cli() -> None:
    pass


class _SeparatorAware(click.Command):
    """Remembers whether the arguments held `--`: the hook's file names must come after one."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["pasha.separator"] = "--" in args
        return super().parse_args(ctx, args)


@cli.command(cls=_SeparatorAware)
@click.argument("paths", nargs=-1, type=_Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True)
@click.option("--output-file", "output_files", multiple=True, metavar="[FORMAT:]PATH")
@click.option("--select", multiple=True, metavar="CODES")
@click.option("--ignore", multiple=True, metavar="CODES")
@click.option("--strict", is_flag=True)
@click.option("--force", is_flag=True)
@click.option("--pre-commit", "pre_commit", is_flag=True)
@_project_options
@click.pass_context
def validate(
    ctx: click.Context,
    paths: tuple[Path, ...],
    fmt: str,
    output_files: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    force: bool,
    pre_commit: bool,
    now: str | None,
    config_path: str | None,
    lang: str | None,
) -> int:
    language = choose_lang(lang)
    if pre_commit and not ctx.meta.get("pasha.separator"):
        raise PashaUsageError(t("hook-no-separator"))  # else a file named --config=x.toml is an option
    moment = _now(now)
    removed: dict[Path, tuple[Path, ...]] = {}
    if pre_commit:
        from pasha_cli.project.hook import orphaning_removal, removed_files
        from pasha_cli.project.locate import by_project

        gone = removed_files(Path.cwd())
        orphaned = orphaning_removal(gone)
        if orphaned is not None:
            raise ConfigError(t("hook-config-removed", path=os.path.relpath(orphaned)))
        removed = {config: tuple(group) for config, group in by_project(gone).items()}
        if not paths and not removed:
            return 0  # the hook runs on every commit (always_run); this one touches nothing of ours: no engine
    from pasha_cli.engine import load_project, match_rules, merge_reports, projects_for
    from pasha_cli.engine import validate as run
    from pasha_cli.outputs import check_outputs, write
    from pasha_cli.project.config import load_config
    from pasha_cli.report import Style, render

    outputs = [_output_target(spec, fmt) for spec in output_files]
    chosen = match_rules(select, "--select") if select else None
    skipped = match_rules(ignore, "--ignore") if ignore else set()
    # pre-commit passes the changed files of a whole repository: each goes to its own project
    projects = projects_for(config_path, list(paths), Path.cwd()) if paths or not pre_commit else []
    given = {config for config, _ in projects}
    projects += [(config, []) for config in removed if config not in given]
    if not projects:
        click.echo(t("no-project-for-paths").get(language), err=True)
    configs = [(load_config(path), group, removed.get(path, ())) for path, group in projects]
    runs = [(config, group, removals, load_project(config)) for config, group, removals in configs]
    if outputs:  # before any work: never a report over the config, a draft, an image or a file it checks
        check_outputs([target for _, target in outputs], force, [(c, drafts) for c, _, _, drafts in runs], paths)
    report = merge_reports(
        [
            run(config, moment, group, chosen, skipped, loaded=drafts, removed=removals)
            for config, group, removals, drafts in runs
        ]
    )
    base = os.environ.get("GITHUB_WORKSPACE") or os.environ.get("CI_PROJECT_DIR") or os.getcwd()
    style = Style(language, False, base, strict)
    for out_fmt, target in outputs:
        write(target, render(report, out_fmt, style).encode("utf-8"), force)
    color = fmt == "text" and _use_color()
    click.echo(render(report, fmt, style._replace(color=color)), nl=False, color=color)
    for crash in report.crashes:
        _say(
            f"pasha: {t('rule-crashed', code=crash.code, path=crash.path or '-', reason=crash.error).get(language)}",
            err=True,
        )
    return report.exit_code(strict)


def _real_path(path: Path) -> Path:
    from pasha_cli.project.locate import real_path

    return real_path(path)


def _output_target(spec: str, default: str) -> tuple[str, Path]:
    from pasha_cli.report import SUFFIXES

    prefix, sep, rest = spec.partition(":")
    if sep and prefix in FORMATS and rest:
        return prefix, Path(rest)
    path = Path(spec)
    return SUFFIXES.get(path.suffix.lower(), default), path


def _write_failed(target: Path, exc: Exception) -> PashaUsageError:
    from pasha_cli.outputs import write_failed

    return write_failed(target, exc)


def _say(text: str, err: bool = False) -> None:
    """Print a line that quotes user values (paths, config values, argv) as text.shown shows them."""
    from pasha_cli.characters import shown

    click.echo(shown(text), err=err)


def _use_color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


@cli.command()
@click.argument("code", required=False)
@_lang_option
def rules(code: str | None, lang: str | None) -> int:
    from pasha_cli.rules import ALL_RULES, RULES_BY_CODE

    language = choose_lang(lang)
    found = (
        None
        if code is None
        else (RULES_BY_CODE.get(code.upper()) or next((r for r in ALL_RULES if r.name == code.lower()), None))
    )
    if found is None:  # no code, or a prefix such as PSH2: list
        listed = [r for r in ALL_RULES if code is None or r.code.startswith(code.upper())]
        if not listed:
            raise PashaUsageError(t("unknown-rule", code=code))
        from pasha_cli.columns import align

        head = [t(f"rules-col-{column}").get(language) for column in ("code", "default", "name")]
        rows = [[r.code, r.severity.value, f"{r.name} — {r.summary.get(language)}"] for r in listed]
        click.echo("\n".join(align([head, *rows], minimum=(8, 8))))  # 8: the columns as wide as they always were
        return 0
    click.echo(f"{found.code} {found.name} ({t('rules-default').get(language)}: {found.severity.value})\n")
    click.echo(found.explanation(language))
    return 0


@cli.command()
@click.argument("date")
@_project_options
def deadline(date: str, now: str | None, config_path: str | None, lang: str | None) -> int:
    from datetime import timedelta

    from pasha_cli.i18n import WEEKDAYS
    from pasha_cli.jpcalendar import BusinessCalendar, is_past
    from pasha_cli.project.config import setup_deadline
    from pasha_cli.project.spec import load_spec
    from pasha_cli.timeutil import MINUTE_FORMAT, SECOND_FORMAT

    language = choose_lang(lang)
    day = _date(date)
    config = _optional_config(config_path)
    if config is not None:
        spec, calendar = config.spec, config.calendar
    else:
        spec = load_spec()
        calendar = BusinessCalendar.from_month_days(spec.closure_days)
    moment = setup_deadline(spec, calendar, day)
    click.echo(
        t(
            "deadline-line",
            date=day.isoformat(),
            weekday=WEEKDAYS[day.weekday()],
            deadline=f"{moment:{SECOND_FORMAT}} JST",
            deadline_weekday=WEEKDAYS[moment.weekday()],
        ).get(language)
    )
    skipped = calendar.skipped(moment.date() + timedelta(days=1), day - timedelta(days=1))
    if skipped:
        click.echo(t("deadline-skipped").get(language))
        for when, reason in skipped:
            _say(f"  {when.isoformat()} ({WEEKDAYS[when.weekday()].get(language)})  {reason.get(language)}")
    else:
        click.echo(t("deadline-none-skipped").get(language))
    current = _now(now)
    if is_past(current, moment):
        click.echo(t("deadline-passed", now=current.strftime(MINUTE_FORMAT)).get(language))
    else:
        days = calendar.business_days_after(current.date(), moment.date())
        click.echo(t("deadline-remaining", days=tn("n-business-days", days)).get(language))
    return 0


def _check_fit_targets(config: Any, targets: list[tuple[Path, Path]], in_place: bool, force: bool) -> None:
    """Before any work: never an output over the config, a draft or (but with --in-place, onto
    itself) a source, nor over another file without --force. An image a draft uses may be
    replaced: refitting it is what fit is for."""
    from pasha_cli.outputs import CONFIG, DRAFT, SOURCE, check, kept, refuse_kept

    entries = [] if in_place else [(SOURCE, source) for source, _ in targets]
    if config is not None:
        from pasha_cli.project.drafts import discover

        entries += [(CONFIG, config.path)] + [(DRAFT, path) for path in discover(config.root, config.drafts)]
    keep = kept(entries)
    if in_place:
        for _, target in targets:
            refuse_kept(target, keep)
    else:
        check([target for _, target in targets], force, keep)


def _optional_config(config_path: str | None) -> Any:
    """The project's config when there is one (its spec overrides apply), else None: the shipped spec."""
    from pasha_cli.project.locate import find_config

    found = Path(config_path) if config_path else find_config(Path.cwd())
    if found is None:
        return None
    if not found.is_file():
        raise PashaUsageError(t("config-not-found", path=str(found)))
    from pasha_cli.project.config import load_config  # only now: outside a project, none of its imports

    return load_config(found.resolve())


def _spec(config_path: str | None) -> Any:
    from pasha_cli.project.spec import load_spec

    config = _optional_config(config_path)
    return config.spec if config is not None else load_spec()


@cli.group()
def image() -> None:
    pass


@image.command("fit")
@click.argument("sources", nargs=-1, required=True, type=_Path(path_type=Path))
@click.option("-o", "--output", type=_Path(path_type=Path, dir_okay=False))
@click.option("--out-dir", type=_Path(path_type=Path, file_okay=False))
@click.option("--as", "kind", type=click.Choice(IMAGE_KINDS), required=True)
@click.option("--width", type=click.IntRange(1, 20000))
@click.option("--pad", is_flag=True)
@click.option("--upscale", is_flag=True)
@click.option("--quality", type=click.FloatRange(20, 100))
@click.option("--encoder", type=click.Choice(["auto", "pillow", "jpegli"]), default="auto", show_default=True)
@click.option("--subsampling", type=click.Choice(["auto", "4:2:0", "4:4:4"]), default="auto", show_default=True)
@click.option("--progressive", is_flag=True)
@click.option("--in-place", is_flag=True)
@click.option("--force", is_flag=True)
@click.option("--jobs", "-j", type=click.IntRange(0, 256), default=0, metavar="N")
@click.option("--config", "config_path", envvar="PASHA_CONFIG", metavar="PATH")
@_lang_option
def image_fit(
    sources: tuple[Path, ...],
    output: Path | None,
    out_dir: Path | None,
    kind: str,
    width: int | None,
    pad: bool,
    upscale: bool,
    quality: float | None,
    encoder: str,
    subsampling: str,
    progressive: bool,
    in_place: bool,
    force: bool,
    jobs: int,
    config_path: str | None,
    lang: str | None,
) -> int:
    from pasha_cli.image.fit import FitOptions, failure_code, fit_many

    language = choose_lang(lang)
    chosen = sum(x is not None and x is not False for x in (output, out_dir, in_place or None))
    if chosen != 1 or (output is not None and len(sources) > 1):
        raise PashaUsageError(t("fit-targets"))
    config = _optional_config(config_path)
    options = FitOptions(
        kind,
        config.spec if config is not None else _spec(None),
        width=width,
        pad=pad,
        upscale=upscale,
        quality=quality,
        encoder=encoder,
        in_place=in_place,
        force=force,
        progressive=progressive,
        subsampling=subsampling,
    )
    targets = [
        (source, output or (source if in_place else out_dir / f"{source.stem}.jpg"))  # type: ignore[operator]
        for source in sources
    ]
    seen: dict[Path, Path] = {}
    for source, target in targets:
        first = seen.setdefault(_real_path(target), source)
        if first != source:  # the second would replace the first's output
            raise PashaUsageError(t("fit-clash", first=str(first), second=str(source), output=str(target)))
    _check_fit_targets(config, targets, in_place, force)
    code = 0
    for source, done in fit_many(targets, options, jobs):  # every source has its turn, whatever fails
        if isinstance(done, LocalText):
            code = max(code, failure_code(done))  # 2: an output could not be written; 1: a source refused
            _say(t("fit-failed", source=str(source), reason=done).get(language), err=True)
            continue
        _say(
            t(
                "fit-done",
                source=str(source),
                output=str(done.output),
                width=done.width,
                height=done.height,
                bytes=tn("n-bytes", done.bytes),
                quality=f"{done.quality:g}",
                encoder=done.encoder,
                subsampling=done.subsampling,
                encodes=tn("n-encodes", done.encodes),
            ).get(language)
        )
    return code


@image.command("check")
@click.argument("files", nargs=-1, required=True, type=_Path(path_type=Path))
@click.option("--as", "kind", type=click.Choice(IMAGE_KINDS), required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--select", multiple=True, metavar="CODES")
@click.option("--ignore", multiple=True, metavar="CODES")
@click.option("--strict", is_flag=True)
@click.option("--config", "config_path", envvar="PASHA_CONFIG", metavar="PATH")
@_lang_option
def image_check(
    files: tuple[Path, ...],
    kind: str,
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    config_path: str | None,
    lang: str | None,
) -> int:
    from pasha_cli.decide import match_rules
    from pasha_cli.model import Report
    from pasha_cli.report.text import severity_cell
    from pasha_cli.rules.images import PER_IMAGE_RULES, check_images

    language = choose_lang(lang)
    config = _optional_config(config_path)
    spec = config.spec if config is not None else _spec(None)
    chosen = match_rules(select, "--select", PER_IMAGE_RULES) if select else None
    skipped = match_rules(ignore, "--ignore", PER_IMAGE_RULES) if ignore else set()
    for path in files:
        if not path.exists():  # a FIFO or a device is PSH208, said by the guard
            raise PashaUsageError(t("path-missing", path=str(path)))
    checked = check_images(list(files), kind, spec, config.severity if config is not None else {}, chosen, skipped)
    code = Report(tuple(f for image in checked for f in image.findings), len(checked)).exit_code(strict)
    if fmt == "json":
        click.echo(_image_check_json(kind, checked, language), nl=False)
        return code
    for image in checked:
        info = image.info
        _say(
            t(
                "check-measured",
                file=str(image.path),
                format=info.format or "?",
                width=info.width or "?",
                height=info.height or "?",
                bytes=tn("n-bytes", info.bytes),
                mode=info.mode or "?",
                gps=t("yes" if info.has_gps else "no"),
                icc=info.icc_description or "-",
            ).get(language)
        )
        for found in image.findings:
            _say(f"  {found.code}  {severity_cell(found.severity, language)}  {found.message(language)}")
        if not image.findings:
            click.echo("  " + t("check-clean").get(language))
    return code


def _image_check_json(kind: str, checked: list[Any], language: str) -> str:
    """`pasha image check --format json`: version 1, an entry per image with what was measured."""
    from pasha_cli.report.json_ import dumps

    images = [
        {
            "path": str(image.path),
            "kind": kind,
            "format": image.info.format,
            "width": image.info.width,
            "height": image.info.height,
            "bytes": image.info.bytes,
            "mode": image.info.mode,
            "gps": image.info.has_gps,
            "icc_profile": image.info.icc_description,
            "findings": [
                {"code": f.code, "name": f.name, "severity": f.severity.value, "message": f.message(language)}
                for f in image.findings
            ],
        }
        for image in checked
    ]
    severities = [finding["severity"] for image in images for finding in image["findings"]]
    summary = {"files": len(images), "errors": severities.count("error"), "warnings": severities.count("warning")}
    return dumps({"version": 1, "images": images, "summary": summary})  # valid UTF-8 with any file name


def _project(config_path: str | None) -> tuple[Any, list[Any]]:
    """The project's config and its readable drafts."""
    from pasha_cli.engine import load_project
    from pasha_cli.project.config import load_config, locate_config
    from pasha_cli.project.drafts import Draft

    config = load_config(locate_config(config_path, [], Path.cwd()))
    return config, [d for d in load_project(config) if isinstance(d, Draft)]


def _account(config: Any, account: str | None) -> None:
    if account is not None and account not in config.accounts:
        raise PashaUsageError(t("new-unknown-account", account=account, known=", ".join(sorted(config.accounts))))


def _month(value: str | None, moment: datetime) -> str:
    from pasha_cli.timeutil import MONTH_FORMAT, DateError, parse_month

    if value is None:
        return moment.strftime(MONTH_FORMAT)
    try:
        return parse_month(value)
    except DateError:
        raise PashaUsageError(t("bad-month", value=value)) from None


@cli.command()
@click.option("--account", required=True, metavar="ID")
@click.option("--count", type=click.IntRange(1, 366), default=5, show_default=True)
@click.option("--from", "start", metavar="DATE")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_project_options
def slots(
    account: str, count: int, start: str | None, fmt: str, now: str | None, config_path: str | None, lang: str | None
) -> int:
    import itertools
    import json

    from pasha_cli.i18n import WEEKDAYS
    from pasha_cli.plan.slots import slots as next_slots
    from pasha_cli.timeutil import MINUTE_FORMAT, SECOND_FORMAT

    language = choose_lang(lang)
    moment = _now(now)
    config, drafts = _project(config_path)
    _account(config, account)
    found = list(itertools.islice(next_slots(config, account, drafts, moment, _date(start) if start else None), count))
    rows = [(when, config.deadline(when.date())) for when in found]
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "version": 1,
                    "account": account,
                    "now": moment.isoformat(),
                    "slots": [{"publish_at": w.isoformat(), "deadline": d.isoformat()} for w, d in rows],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    _say(t("slots-header", account=account, now=moment.strftime(MINUTE_FORMAT)).get(language))
    for when, deadline in rows:
        _say(
            "  "
            + t(
                "slots-line",
                publish=when.strftime(MINUTE_FORMAT),
                weekday=WEEKDAYS[when.weekday()],
                deadline=deadline.strftime(SECOND_FORMAT),
                deadline_weekday=WEEKDAYS[deadline.weekday()],
            ).get(language)
        )
    return 0


@cli.command()
@click.option("--month", metavar="YYYY-MM")
@click.option("--account", metavar="ID")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--width", type=click.IntRange(20, 10_000), metavar="N")
@_project_options
def calendar(
    month: str | None,
    account: str | None,
    fmt: str,
    width: int | None,
    now: str | None,
    config_path: str | None,
    lang: str | None,
) -> int:
    from pasha_cli.columns import terminal_width
    from pasha_cli.plan import calendar as calendar_view

    language = choose_lang(lang)
    moment = _now(now)
    config, drafts = _project(config_path)
    _account(config, account)
    chosen = _month(month, moment)
    days = calendar_view.month_days(config, drafts, chosen, moment, account)
    if fmt == "json":
        click.echo(calendar_view.render_json(chosen, days), nl=False)
    else:
        color = _use_color()
        click.echo(
            calendar_view.render_text(chosen, days, language, color, terminal_width(width)), nl=False, color=color
        )
    return 0


@cli.command()
@click.option("-o", "--output", type=_Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True)
@click.option("--account", metavar="ID")
@_project_options
def ics(
    output: Path | None, force: bool, account: str | None, now: str | None, config_path: str | None, lang: str | None
) -> int:
    from pasha_cli.plan import ics as ical
    from pasha_cli.plan.slots import plan_items

    language = choose_lang(lang)
    _now(now)  # checked as everywhere, though the feed depends on the drafts' revisions, not the clock
    config, drafts = _project(config_path)
    _account(config, account)
    if output is not None:
        _check_outputs(config, [output], force)
    data = ical.feed(config, plan_items(config, drafts, account), language)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        _write_output(output, data, force)
    return 0


def _check_outputs(
    config: Any, targets: list[Path], force: bool, inputs: tuple[Path, ...] = (), loaded: list[Any] | None = None
) -> None:
    """Refuse (exit 2) before any work an output that exists (without --force), or that is the config,
    a draft or an image the project uses, or a draft the command reads (even with --force).
    `loaded`: the project's drafts when the command has read them already."""
    from pasha_cli.engine import load_project
    from pasha_cli.outputs import check_outputs

    check_outputs(targets, force, [(config, load_project(config) if loaded is None else loaded)], inputs)


def _write_output(target: Path, data: bytes, force: bool) -> None:
    from pasha_cli.outputs import write

    write(target, data, force)


def _stream_output(target: Path, force: bool) -> contextlib.AbstractContextManager[BinaryIO]:
    from pasha_cli.outputs import stream

    return stream(target, force)


@cli.command()
@click.argument("draft_path", metavar="DRAFT", type=_Path(path_type=Path, dir_okay=False))
@click.option("--html", "html_path", type=_Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True)
@_project_options
def preview(
    draft_path: Path, html_path: Path | None, force: bool, now: str | None, config_path: str | None, lang: str | None
) -> int:
    from pasha_cli.plan import preview as view
    from pasha_cli.project.config import load_config, locate_config
    from pasha_cli.project.drafts import Unreadable, load_draft

    language = choose_lang(lang)
    if not draft_path.is_file():
        raise PashaUsageError(t("path-missing", path=str(draft_path)))
    config = load_config(locate_config(config_path, [draft_path], Path.cwd()))
    if html_path is not None:
        _check_outputs(config, [html_path], force, inputs=(draft_path,))
    draft = load_draft(draft_path.absolute(), config.root)
    if isinstance(draft, Unreadable):
        _say(t("preview-unreadable", path=str(draft_path), reason=draft.text).get(language), err=True)
        return 1
    shown = view.build(config, draft)
    click.echo(view.render_text(shown, language, config.spec.body_max_chars), nl=False)
    if html_path is not None:
        _write_output(html_path, view.render_html(shown, language, config.spec.body_max_chars).encode("utf-8"), force)
        _say(t("created", path=str(html_path)).get(language))
    return 0


@cli.command()
@click.option("--month", metavar="YYYY-MM")
@click.option("-o", "--output", type=_Path(path_type=Path, dir_okay=False))
@click.option("--encoding", type=click.Choice(["utf-8-sig", "cp932"]), default="utf-8-sig", show_default=True)
@click.option("--force", is_flag=True)
@_project_options
def export(
    month: str | None,
    output: Path | None,
    encoding: str,
    force: bool,
    now: str | None,
    config_path: str | None,
    lang: str | None,
) -> int:
    from pasha_cli.plan import export as bundle
    from pasha_cli.project.config import load_config, locate_config
    from pasha_cli.timeutil import COMPACT_DAY_FORMAT

    language = choose_lang(lang)
    moment = _now(now)
    chosen = _month(month, moment) if month else None
    config = load_config(locate_config(config_path, [], Path.cwd()))
    plan = bundle.select(config, moment, chosen)
    refused = plan.refusals(encoding)
    for message in refused:
        _say(message.get(language), err=True)
    if refused:
        return 1
    target = output or Path(f"pasha-export-{chosen or moment.strftime(COMPACT_DAY_FORMAT)}.zip")
    _check_outputs(config, [target], force, loaded=plan.loaded)
    with _stream_output(target, force) as handle:  # streamed: a bundle of large images is never whole in memory
        made = bundle.build(config, plan.items, encoding, moment, handle)
    _say(tn("export-done", made.rows, path=str(target), encoding=encoding).get(language))
    for rel in plan.excluded:
        _say(t("export-excluded", path=rel).get(language), err=True)
    return 1 if plan.excluded else 0


@cli.command()
@click.argument("drafts", nargs=-1, required=True, type=_Path(path_type=Path, dir_okay=False))
@_project_options
def submit(drafts: tuple[Path, ...], now: str | None, config_path: str | None, lang: str | None) -> int:
    from pasha_cli.plan import submit as record
    from pasha_cli.project.config import load_config, locate_config

    language = choose_lang(lang)
    moment = _now(now)
    for path in drafts:
        if not path.is_file():
            raise PashaUsageError(t("path-missing", path=str(path)))
    config = load_config(locate_config(config_path, list(drafts), Path.cwd()))
    failed = write_error = False
    for outcome in record.record(config, list(drafts), moment):
        if outcome.report is not None:
            click.echo(_text_report(outcome.report, language), nl=False, err=True)
        _say(outcome.text.get(language), err=not outcome.ok)
        failed |= outcome.failed
        write_error |= outcome.write_error
    return 2 if write_error else 1 if failed else 0


def _text_report(report: Any, lang: str) -> str:
    from pasha_cli.report import Style, render

    return render(report, "text", Style(lang))


@cli.command()
@click.argument("folder", required=False, default=".", type=_Path(path_type=Path, file_okay=False))
@click.option("--account", default="my-shop", show_default=True)
@click.option("--name", default=None)
@click.option("--plan", type=click.Choice(PLANS), default="free", show_default=True)
@click.option("--now", "now", envvar="PASHA_NOW", metavar="DATETIME")
@_lang_option
def init(folder: Path, account: str, name: str | None, plan: str, now: str | None, lang: str | None) -> int:
    import json
    import re

    from pasha_cli.plan import scaffold
    from pasha_cli.timeutil import MINUTE_FORMAT, SECOND_FORMAT

    language = choose_lang(lang)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", account):
        raise PashaUsageError(t("init-bad-account", account=account))
    moment = _now(now)
    shown_name = json.dumps(name or account, ensure_ascii=False)[1:-1]
    try:  # everything is checked and made in memory first; a failed write removes what it made
        files, sample = scaffold.plan_project(folder, account, shown_name, plan, moment, language)
        scaffold.preflight(files)
        written, kept = scaffold.write_project(files)
    except (OSError, ValueError) as exc:  # read-only, full, a name too long or with a NUL
        raise _write_failed(getattr(exc, "filename", None) or folder, exc) from None
    for path in kept:
        _say(t("kept", path=os.path.relpath(path)).get(language))
    for path in written:
        if path != sample.path:
            _say(t("created", path=os.path.relpath(path)).get(language))
    _say(
        t(
            "new-created",
            path=os.path.relpath(sample.path),
            publish=sample.when.strftime(MINUTE_FORMAT),
            deadline=sample.deadline.strftime(SECOND_FORMAT),
        ).get(language)
    )
    _say(t("init-next").get(language))
    for number, (command, why) in enumerate(scaffold.next_steps(folder, Path.cwd()), 1):
        _say(f"  {number}. {command}    # {why.get(language)}")
    return 0


@cli.command()
@click.option("--account", required=True, metavar="ID")
@click.option("--date", "date_text", metavar="DATE")
@click.option("-o", "--output", type=_Path(path_type=Path, dir_okay=False))
@_project_options
def new(
    account: str, date_text: str | None, output: Path | None, now: str | None, config_path: str | None, lang: str | None
) -> int:
    from pasha_cli.project.config import load_config, locate_config

    language = choose_lang(lang)
    moment = _now(now)
    config = load_config(locate_config(config_path, [], Path.cwd()))
    _new_draft(config, account, moment, _date(date_text) if date_text else None, output, language)
    return 0


def _date(text: str) -> Any:
    from pasha_cli.timeutil import DATE_FORMATS_HELP, DateError, parse_date

    try:
        return parse_date(text)
    except DateError as exc:
        raise PashaUsageError(t("bad-date", value=text, reason=exc.why, formats=DATE_FORMATS_HELP)) from None


def _new_draft(config: Any, account: str, moment: datetime, start: Any, output: Path | None, lang: str) -> Path:
    """Write a draft for the first valid slot and say so; the path written."""
    from pasha_cli.plan import scaffold
    from pasha_cli.timeutil import MINUTE_FORMAT, SECOND_FORMAT

    _account(config, account)
    if output is not None:
        from pasha_cli.outputs import refuse_new_draft_place

        refuse_new_draft_place(output, config)
    try:
        made = scaffold.new_draft(config, account, moment, start, output, lang)
    except (OSError, ValueError) as exc:  # read-only, a name too long, not a folder
        raise _write_failed(output or config.root / "posts", exc) from None
    shown = os.path.relpath(made.path) if made.path.is_absolute() else str(made.path)
    _say(
        t(
            "new-created",
            path=shown,
            publish=made.when.strftime(MINUTE_FORMAT),
            deadline=made.deadline.strftime(SECOND_FORMAT),
        ).get(lang)
    )
    return made.path


def _tolerant_streams() -> None:
    """A console that cannot show a character (cp932 on a Japanese Windows, latin-1) gets an escape
    such as \\U0001f600 for it: one emoji in a draft must not end the run."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            with contextlib.suppress(ValueError, OSError):  # a stream that was closed or detached
                reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    _tolerant_streams()
    lang = clicktext.argv_lang(args)
    try:
        clicktext.localize(cli, lang)
        code = cli.main(args=args, prog_name="pasha", standalone_mode=False)
    except PashaUsageError as exc:
        _say(f"pasha: {exc.text.get(lang)}", err=True)
        code = exc.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        code = 130
    except click.ClickException as exc:
        click.echo(clicktext.click_error(exc, lang), err=True)
        code = 2  # every misuse of the command line is exit 2, whatever click would say
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:  # a bug in pasha: say so plainly; the traceback is behind PASHA_DEBUG
        if os.environ.get("PASHA_DEBUG"):
            raise
        _say(f"pasha: {t('internal-error', reason=repr(exc)).get(lang)}", err=True)
        code = INTERNAL_ERROR
    sys.exit(code if isinstance(code, int) else 0)


def console() -> None:
    """The `pasha` command: main(), then out without the interpreter's teardown.

    Tearing down the few hundred modules a run has imported (click, Pillow, the encoders) takes
    as long as some whole commands' work (benchmarks/startup.py), and frees nothing the system does
    not free at exit. Output is flushed first; every file pasha writes is closed before main() returns. Under a
    tracer or coverage the interpreter's own exit runs instead: they save their data at teardown.
    """
    try:
        main()
        code = 0
    except SystemExit as exc:  # as Python would exit: a number as it is, None as 0, a message printed and 1
        if isinstance(exc.code, int):
            code = exc.code
        elif exc.code is None:
            code = 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # the reader has gone (`pasha ... | head`), or closed
        code = code or 1
    if _observed():  # a tracer writes what it saw at teardown (coverage's data file): keep it
        raise SystemExit(code)
    os._exit(code)


def _observed() -> bool:
    """Whether a tracer, profiler or coverage watches this process (and saves its data at exit)."""
    if sys.gettrace() is not None or sys.getprofile() is not None or os.environ.get("COVERAGE_PROCESS_START"):
        return True
    monitoring = getattr(sys, "monitoring", None)  # Python 3.12+: coverage's sys.monitoring core
    return monitoring is not None and any(monitoring.get_tool(tool) is not None for tool in range(6))
