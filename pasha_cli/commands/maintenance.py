"""`pasha maintenance import FILE|-` and `pasha maintenance list`: the maintenance schedule."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import click

from pasha_cli.commands.common import config_option, lang_option, project_options, say
from pasha_cli.commands.dates import parse_day, parse_now
from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import choose_lang, t
from pasha_cli.plan import maintenance as schedule
from pasha_cli.plan.notice import MAX_NOTICE_BYTES, NoticeError, decode_notice, parse_notice
from pasha_cli.project.config import locate_config
from pasha_cli.project.locate import optional_config
from pasha_cli.project.spec import load_spec
from pasha_cli.report import VIEW_FORMATS


@click.group()
def maintenance() -> None:
    pass


@maintenance.command("import")
@click.argument("source", metavar="FILE|-")
@click.option("--dry-run", is_flag=True)
@config_option
@lang_option
def import_notice(source: str, dry_run: bool, config_path: str | None, lang: str | None) -> int:
    language = choose_lang(lang)
    try:
        rows = parse_notice(decode_notice(_read_notice(source)))
    except NoticeError as exc:
        name = t("notice-stdin") if source == "-" else source
        where = t("notice-where", source=name, line=exc.line) if exc.line else name
        raise PashaUsageError(t("notice-refused", source=where, reason=exc.text)) from None
    path = locate_config(config_path, [], Path.cwd())
    result = schedule.import_rows(path, rows, dry_run)
    for line in schedule.render_import(result, dry_run, language).splitlines():
        say(line)
    if result.refusal is not None:
        raise PashaUsageError(result.refusal)
    return 0


def _read_notice(source: str) -> bytes:
    """At most one byte more than a notice may have, from the file or standard input."""
    if source == "-":
        return sys.stdin.buffer.read(MAX_NOTICE_BYTES + 1)
    path = Path(source)
    try:
        if not path.is_file():  # a folder, a FIFO, a device: no notice, and never a wait
            raise PashaUsageError(t("notice-not-file", path=source))
        with path.open("rb") as handle:
            return handle.read(MAX_NOTICE_BYTES + 1)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise PashaUsageError(t("notice-unreadable", path=source, reason=reason)) from None


@maintenance.command("list")
@click.option("--from", "start", metavar="DATE")
@click.option("--to", "end", metavar="DATE")
@click.option("--format", "fmt", type=click.Choice(VIEW_FORMATS), default="text", show_default=True)
@project_options
def list_windows(
    start: str | None, end: str | None, fmt: str, now: str | None, config_path: str | None, lang: str | None
) -> int:
    language = choose_lang(lang)
    today = parse_now(now).date()  # --now is checked as everywhere, though --from may not need it
    first = parse_day(start) if start else today
    last = parse_day(end) if end else first + timedelta(days=schedule.DEFAULT_DAYS)
    if last < first:
        raise PashaUsageError(t("maint-list-range", first=first.isoformat(), last=last.isoformat()))
    config = optional_config(config_path, Path.cwd())  # outside a project: the shipped schedule
    windows = config.maintenance if config is not None else schedule.shipped_schedule(load_spec())
    items = schedule.listed(windows, config, first, last)
    if fmt == "json":
        click.echo(schedule.render_list_json(items, first, last), nl=False)
    else:
        text = schedule.render_list_text(items, first, last, schedule.latest_one_off(windows), language)
        for line in text.splitlines():
            say(line)
    return 0
