"""Japan time and the one strict date parser.

Every date or time read from a file, an option or the environment goes through
:func:`parse_datetime` or :func:`parse_date`. Nothing is ever completed silently:
a partial, ambiguous or impossible date raises :class:`DateError`.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import cache, lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pasha_cli.i18n import t

if TYPE_CHECKING:
    from pasha_cli.model import LocalText

JST = ZoneInfo("Asia/Tokyo")

# Full-width digits and the punctuation that comes with them from a Japanese IME.
_FULLWIDTH = str.maketrans("０１２３４５６７８９：／－　", "0123456789:/- ")

_DATE = r"(?P<y>\d{4})(?P<sep>[-/])(?P<mo>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
_HM = r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?"
_OFFSET = r"(?P<tz>Z|z|[+-]\d{2}:?\d{2})?"
_PATTERNS = (
    # 2024-07-16 10:00, 2024/07/16 10:00 (seconds optional), Japan time
    re.compile(rf"{_DATE}[ ]+{_HM}", re.ASCII),
    # ISO 8601: 2024-07-16T10:00:00+09:00, ...Z, or without an offset (Japan time)
    re.compile(r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})[Tt]" + _HM + r"(?:\.\d{1,6})?" + _OFFSET, re.ASCII),
    # 2024年7月16日 10時00分
    re.compile(r"(?P<y>\d{4})年(?P<mo>\d{1,2})月(?P<d>\d{1,2})日[ ]*(?P<h>\d{1,2})時(?P<mi>\d{1,2})分", re.ASCII),
)
_DATE_PATTERNS = (
    re.compile(_DATE, re.ASCII),
    re.compile(r"(?P<y>\d{4})年(?P<mo>\d{1,2})月(?P<d>\d{1,2})日", re.ASCII),
)

# The years pasha plans in. Outside them a date is refused, never carried into arithmetic that overflows
# (year 1 or 9999 with an offset, a deadline three business days before 0001-01-01).
MIN_YEAR, MAX_YEAR = 2000, 2199

FORMATS_HELP = "YYYY-MM-DD HH:MM, YYYY/MM/DD HH:MM, ISO 8601 (2024-07-16T10:00:00+09:00), YYYY年M月D日 H時M分"
DATE_FORMATS_HELP = "YYYY-MM-DD, YYYY/MM/DD, YYYY年M月D日"

# The formats pasha writes dates and times in (strftime), each named once.
MINUTE_FORMAT = "%Y-%m-%d %H:%M"  # a publication time, as a draft holds it
SECOND_FORMAT = "%Y-%m-%d %H:%M:%S"  # a set-up deadline (the end of its day, 23:59:59 by default)
DAY_FORMAT = "%Y-%m-%d"
MONTH_FORMAT = "%Y-%m"  # a month folder of drafts, `--month`
CLOCK_FORMAT = "%H:%M"  # a time of day on the calendar
COMPACT_DAY_FORMAT = "%Y%m%d"  # in a file name
UTC_STAMP_FORMAT = "%Y%m%dT%H%M%SZ"  # RFC 5545's UTC date-time (an RRULE's UNTIL)


class DateError(ValueError):
    """A date or time that is partial, ambiguous, impossible or in no accepted format."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"{text!r}: {reason}")
        self.text = text
        self.reason = reason  # "format" | "impossible" | "partial" | "range"

    @property
    def why(self) -> LocalText:
        """Why the text cannot be read, in both languages: one set of words for drafts, config and options."""
        return t(f"reason-{self.reason}", first=MIN_YEAR, last=MAX_YEAR)


def _clean(text: str) -> str:
    return text.translate(_FULLWIDTH).strip()


def _offset(tz: str | None) -> timezone | ZoneInfo:
    if not tz:
        return JST
    if tz in ("Z", "z"):
        return UTC
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        raise ValueError("offset out of range")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _in_years(year: int, text: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(text, "range")


@lru_cache(maxsize=8192)
def parse_datetime(text: str) -> datetime:
    """Parse a date and time strictly; the result is aware and expressed in Japan time."""
    cleaned = _clean(text)
    for pattern in _PATTERNS:
        m = pattern.fullmatch(cleaned)
        if not m:
            continue
        g = m.groupdict()
        try:
            tzinfo = _offset(g.get("tz"))
            value = datetime(
                int(g["y"]),
                int(g["mo"]),
                int(g["d"]),
                int(g["h"]),
                int(g["mi"]),
                int(g.get("s") or 0),
                tzinfo=tzinfo,
            )
        except ValueError:
            raise DateError(text, "impossible") from None
        _in_years(value.year, text)
        return value.astimezone(JST)
    if any(p.fullmatch(cleaned) for p in _DATE_PATTERNS):
        raise DateError(text, "partial")  # a date with no time of day
    raise DateError(text, "format")


def parse_date(text: str) -> date:
    """Parse a calendar date strictly (a date and time is accepted: its Japan-time date)."""
    cleaned = _clean(text)
    for pattern in _DATE_PATTERNS:
        m = pattern.fullmatch(cleaned)
        if m:
            try:
                day = date(int(m["y"]), int(m["mo"]), int(m["d"]))
            except ValueError:
                raise DateError(text, "impossible") from None
            _in_years(day.year, text)
            return day
    return parse_datetime(text).date()


_MONTH = re.compile(r"(?P<y>\d{4})-(?P<mo>0[1-9]|1[0-2])", re.ASCII)


def parse_month(text: str) -> str:
    """A calendar month YYYY-MM (full-width digits accepted), within the years pasha plans in."""
    m = _MONTH.fullmatch(_clean(text))
    if m is None:
        raise DateError(text, "format")
    _in_years(int(m["y"]), text)
    return m.group()


def month_bounds(month: str) -> tuple[date, date]:
    """The first and last day of a month read by :func:`parse_month` (YYYY-MM). Raises ValueError."""
    year, number = (int(part) for part in month.split("-", 1))
    first = date(year, number, 1)
    following = date(year + (number == 12), number % 12 + 1, 1)
    return first, following - timedelta(days=1)


def parse_month_day(text: str) -> tuple[int, int]:
    """(month, day) from MM-DD (config values already checked by the schema)."""
    month, day = text.split("-", 1)
    return int(month), int(day)


def parse_time_of_day(text: str) -> time:
    """HH:MM or HH:MM:SS (config values already checked by the schema)."""
    parts = [int(p) for p in text.split(":")] + [0]
    return time(parts[0], parts[1], parts[2])


def to_jst(value: datetime) -> datetime:
    """An aware datetime in Japan time; a naive one is taken to be Japan time already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=JST)
    return value.astimezone(JST)


def now_jst(option: str | None) -> datetime:
    """The current time, or the fixed time from --now / PASHA_NOW (already resolved by click)."""
    if option:
        return parse_datetime(option)
    return datetime.now(JST).replace(microsecond=0)


@cache  # compiled on first use: most runs never need it
def _duration() -> re.Pattern[str]:
    return re.compile(r"P(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+)S)?)?")


def parse_duration(text: str) -> timedelta:
    """An ISO 8601 duration of days, hours, minutes and seconds (PT5H, P1DT2H)."""
    m = _duration().fullmatch(text.strip())
    if not m or not any(m.groupdict().values()):
        raise ValueError(f"not an ISO 8601 duration: {text!r}")
    return timedelta(
        **{k: int(v) for k, v in zip(("days", "hours", "minutes", "seconds"), m.groups(), strict=False) if v}
    )
