"""The click layer: parse options, build settings, call one function, print. No checking logic here.

Exit codes: 0 no error findings; 1 error findings (or warnings with --strict); 2 the tool was
used wrongly (bad option, unreadable config). Nothing the user gives produces a traceback;
set PASHA_DEBUG=1 to see one for a bug in pasha itself.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from pasha_cli import __version__
from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import choose_lang, t
from pasha_cli.report import FORMATS
from pasha_cli.timeutil import DATE_FORMATS_HELP, FORMATS_HELP, DateError

ENV_HELP = "Environment: PASHA_NOW (fixed current time), PASHA_LANG (ja|en), PASHA_CONFIG, NO_COLOR, PASHA_DEBUG."


def _lang_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--lang", type=click.Choice(["ja", "en"]), default=None,
                        help="Message language (default: PASHA_LANG, then the locale).")(f)


def _project_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--now", "now", envvar="PASHA_NOW", metavar="DATETIME",
                     help=f"Fix the current time (Japan time unless an offset is given): {FORMATS_HELP}. [env: PASHA_NOW]")(f)
    f = click.option("--config", "config_path", envvar="PASHA_CONFIG", metavar="PATH",
                     help="The project config (default: pasha.toml or pyproject.toml [tool.pasha], searched upward). "
                          "[env: PASHA_CONFIG]")(f)
    return _lang_option(f)


def _now(value: str | None) -> datetime:
    from pasha_cli.timeutil import now_jst

    try:
        return now_jst(value)
    except DateError as exc:
        raise PashaUsageError(t("bad-now", value=value, reason=t(f"reason-{exc.reason}"), formats=FORMATS_HELP)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             epilog=ENV_HELP)
@click.version_option(__version__, prog_name="pasha")
def cli() -> None:
    """pasha: check, plan and hand over posts for Rakuten Pasha official accounts.

    pasha: 楽天パシャ公式アカウントの投稿を検査・計画・引き渡しするツール。
    """


@cli.command(epilog=ENV_HELP)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True,
              help="Report format on standard output.")
@click.option("--output-file", "output_files", multiple=True, metavar="[FORMAT:]PATH",
              help="Also write a report to a file; the format comes from the prefix or the suffix "
                   "(.sarif, .json, .xml = junit, .txt), else --format. Repeatable.")
@click.option("--select", multiple=True, metavar="CODES", help="Only these rules: codes, prefixes (PSH2) or names.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules: codes, prefixes (PSH2) or names.")
@click.option("--strict", is_flag=True, help="Warnings fail the run too (exit 1).")
@_project_options
def validate(paths: tuple[Path, ...], fmt: str, output_files: tuple[str, ...], select: tuple[str, ...],
             ignore: tuple[str, ...], strict: bool, now: str | None, config_path: str | None, lang: str | None) -> int:
    """Check drafts (files, folders, or images: an image checks the drafts that use it).

    下書きを検査します。パスを省略するとプロジェクトのすべての下書きを検査します。
    """
    from pasha_cli.config import load_config, locate_config
    from pasha_cli.engine import match_rules, validate as run
    from pasha_cli.report import Style, render

    language = choose_lang(lang)
    moment = _now(now)
    outputs = [_output_target(spec, fmt) for spec in output_files]
    config = load_config(locate_config(config_path, list(paths), Path.cwd()))
    chosen = match_rules(select, "--select") if select else None
    skipped = match_rules(ignore, "--ignore") if ignore else set()
    report = run(config, moment, list(paths) or None, chosen, skipped)
    base = os.environ.get("GITHUB_WORKSPACE") or os.environ.get("CI_PROJECT_DIR") or os.getcwd()
    style = Style(language, False, base)
    for out_fmt, target in outputs:
        _write_report(target, render(report, out_fmt, style))
    color = fmt == "text" and _use_color()
    click.echo(render(report, fmt, style._replace(color=color)), nl=False, color=color)
    return report.exit_code(strict)


def _output_target(spec: str, default: str) -> tuple[str, Path]:
    from pasha_cli.report import SUFFIXES

    prefix, sep, rest = spec.partition(":")
    if sep and prefix in FORMATS and rest:
        return prefix, Path(rest)
    path = Path(spec)
    return SUFFIXES.get(path.suffix.lower(), default), path


def _write_report(target: Path, content: str) -> None:
    from pasha_cli.atomic import write_atomic

    try:
        write_atomic(target, content.encode("utf-8"))
    except OSError as exc:
        raise PashaUsageError(t("output-failed", path=str(target), reason=exc.strerror or str(exc))) from None


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
    """List the rules, or explain one.  ルールの一覧、または1つの説明。"""
    from pasha_cli.rules import ALL_RULES, RULES_BY_CODE

    language = choose_lang(lang)
    if code is None:
        click.echo(t("rules-header").get(language))
        for r in ALL_RULES:
            click.echo(f"{r.code}    {r.severity.value:<8}  {r.name} — {r.summary.get(language)}")
        return 0
    found = RULES_BY_CODE.get(code.upper()) or next((r for r in ALL_RULES if r.name == code.lower()), None)
    if found is None:
        raise PashaUsageError(t("unknown-rule", code=code))
    click.echo(f"{found.code} {found.name} ({t('rules-default').get(language)}: {found.severity.value})\n")
    click.echo(found.explanation(language))
    return 0


@cli.command()
@click.argument("date")
@_project_options
def deadline(date: str, now: str | None, config_path: str | None, lang: str | None) -> int:
    """Show the set-up deadline for a publication DATE and the days not counted.

    公開日 DATE の設定期限と、数えなかった休日を表示します。
    """
    from datetime import timedelta

    from pasha_cli.config import find_config, load_config, locate_config
    from pasha_cli.i18n import WEEKDAYS
    from pasha_cli.jpcalendar import BusinessCalendar, is_past
    from pasha_cli.spec import load_spec
    from pasha_cli.timeutil import parse_date, parse_time_of_day

    language = choose_lang(lang)
    try:
        day = parse_date(date)
    except DateError as exc:
        raise PashaUsageError(t("bad-date", value=date, reason=t(f"reason-{exc.reason}"), formats=DATE_FORMATS_HELP)) from None
    # A project is optional here: without one, the shipped spec and calendar apply.
    found = Path(config_path) if config_path else find_config(Path.cwd())
    if found is not None:
        config = load_config(locate_config(str(found), [], Path.cwd()))
        spec, calendar = config.spec, config.calendar
    else:
        spec = load_spec()
        calendar = BusinessCalendar.from_month_days(spec.closure_days)
    moment = calendar.deadline(day, spec.lead_business_days, parse_time_of_day(spec.deadline_time))
    click.echo(t("deadline-line", date=day.isoformat(), weekday=WEEKDAYS[day.weekday()],
                 deadline=moment.strftime("%Y-%m-%d %H:%M:%S JST"),
                 deadline_weekday=WEEKDAYS[moment.weekday()]).get(language))
    skipped = calendar.skipped(moment.date() + timedelta(days=1), day - timedelta(days=1))
    if skipped:
        click.echo(t("deadline-skipped").get(language))
        for when, reason in skipped:
            click.echo(f"  {when.isoformat()} ({WEEKDAYS[when.weekday()].get(language)})  {reason.get(language)}")
    else:
        click.echo(t("deadline-none-skipped").get(language))
    current = _now(now)
    if is_past(current, moment):
        click.echo(t("deadline-passed", now=current.strftime("%Y-%m-%d %H:%M")).get(language))
    else:
        days = calendar.business_days_after(current.date(), moment.date())
        click.echo(t("deadline-remaining", days=days).get(language))
    return 0


def _argv_lang(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return choose_lang(argv[i + 1])
        if arg.startswith("--lang="):
            return choose_lang(arg.split("=", 1)[1])
    return choose_lang(None)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    try:
        code = cli.main(args=args, prog_name="pasha", standalone_mode=False)
    except PashaUsageError as exc:
        click.echo(f"pasha: {exc.text.get(_argv_lang(args))}", err=True)
        code = exc.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        code = 130
    except click.ClickException as exc:
        exc.show()
        code = 2  # every misuse of the command line is exit 2, whatever click would say
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:  # a bug in pasha: say so plainly; the traceback is behind PASHA_DEBUG
        if os.environ.get("PASHA_DEBUG"):
            raise
        click.echo(f"pasha: {t('internal-error', reason=repr(exc)).get(_argv_lang(args))}", err=True)
        code = 2
    sys.exit(code if isinstance(code, int) else 0)
