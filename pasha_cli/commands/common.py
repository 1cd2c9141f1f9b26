"""What the commands share: the option types and groups, parsing a date or a clock, printing."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import click

from pasha_cli.characters import shown
from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import t
from pasha_cli.timeutil import DATE_FORMATS_HELP, FORMATS_HELP, DateError, now_jst, parse_date, parse_month


class PathType(click.Path):
    """click.Path that says a name the system refuses (a NUL in it) is a bad value: click's own
    checks let the ValueError of os.stat escape."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def lang_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--lang", type=click.Choice(["ja", "en"]), default=None)(f)


def now_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--now", "now", envvar="PASHA_NOW", metavar="DATETIME")(f)


def config_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--config", "config_path", envvar="PASHA_CONFIG", metavar="PATH")(f)


def project_options(f: Callable[..., Any]) -> Callable[..., Any]:
    return lang_option(config_option(now_option(f)))


def parse_now(value: str | None) -> datetime:
    """--now (or PASHA_NOW, or the clock) in JST; a value it cannot read is exit 2."""
    try:
        return now_jst(value)
    except DateError as exc:
        raise PashaUsageError(
            t("bad-now", value=value, reason=t(f"reason-{exc.reason}"), formats=FORMATS_HELP)
        ) from None


def parse_day(text: str) -> date:
    try:
        return parse_date(text)
    except DateError as exc:
        raise PashaUsageError(
            t("bad-date", value=text, reason=t(f"reason-{exc.reason}"), formats=DATE_FORMATS_HELP)
        ) from None


def parse_month_option(value: str | None, moment: datetime) -> str:
    """--month as YYYY-MM; none given: the month of `moment`."""
    if value is None:
        return moment.strftime("%Y-%m")
    try:
        return parse_month(value)
    except DateError:
        raise PashaUsageError(t("bad-month", value=value)) from None


def say(text: str, err: bool = False) -> None:
    """Print a line that quotes user values (paths, config values, argv) as characters.shown shows them."""
    click.echo(shown(text), err=err)


def use_color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()
