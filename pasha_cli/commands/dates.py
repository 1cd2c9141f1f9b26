"""--now, a date and --month as the commands take them: a value pasha cannot read is exit 2."""

from __future__ import annotations

from datetime import date, datetime

from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import t
from pasha_cli.timeutil import (
    DATE_FORMATS_HELP,
    FORMATS_HELP,
    MONTH_FORMAT,
    DateError,
    now_jst,
    parse_date,
    parse_month,
)


def parse_now(value: str | None) -> datetime:
    """--now (or PASHA_NOW, or the clock) in JST; a value it cannot read is exit 2."""
    try:
        return now_jst(value)
    except DateError as exc:
        raise PashaUsageError(t("bad-now", value=value, reason=exc.why, formats=FORMATS_HELP)) from None


def parse_day(text: str) -> date:
    try:
        return parse_date(text)
    except DateError as exc:
        raise PashaUsageError(t("bad-date", value=text, reason=exc.why, formats=DATE_FORMATS_HELP)) from None


def parse_month_option(value: str | None, moment: datetime) -> str:
    """--month as YYYY-MM; none given: the month of `moment`."""
    if value is None:
        return moment.strftime(MONTH_FORMAT)
    try:
        return parse_month(value)
    except DateError:
        raise PashaUsageError(t("bad-month", value=value)) from None
