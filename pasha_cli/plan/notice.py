"""Rakuten's maintenance notice, read as it is pasted from the notice or its PDF: one window a row.

A row is a date, an optional weekday and a time range: `2024 7 8 月曜 AM1:00-AM6:00`,
`7月8日（月） 午前1時～午前6時`, `2024/07/08 01:00〜06:00`. Full-width characters are read as their
ASCII forms (NFKC); `|` and tabs (a pasted table) are spaces. The rules, each a refusal with the
row's line when broken:

- the year is carried from the row above; the first row with a date must have one. A row without
  a year that goes back from the row above (12 then 1) is refused, not rolled into the next year:
  the notice prints the year where it changes, and a guess would put windows a year off;
- a weekday, when given, is the date's (a mismatch is a misread date); 日 after the day is its
  suffix only in the 月 form (`7月8日`), after `7/8` it is Sunday;
- digits are ASCII after NFKC (other scripts' are refused), and no number ends inside a run of
  digits: `2024 7 11:00-12:00` is no row, never July 1 at 1:00;
- AM/PM or 午前/午後 before or after a time: AM12:00 and 午前0時 are midnight, PM12:00 and 午後0時
  noon; 午前12時 and 午後12時 are refused (Japan's official usage reads them as noon and midnight,
  AM/PM's the other way round), an hour over 12 with one is refused; an end without one takes the start's (`午後1時～5時`);
  a time without one is a 24-hour time, and 24:00 may end a day;
- the end is after the start on the same day: a window over midnight is two rows (or a
  [[maintenance]] entry written by hand), since a notice row is one date.

Lines with no clock time and no leading date (headers, notes, blank lines) are skipped; a line that
has one but is no row is refused, so a row broken by the paste is never dropped in silence. The
input is bounded (MAX_NOTICE_BYTES, MAX_ROWS) and must be UTF-8 text without NUL characters.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from pasha_cli.characters import physical_lines
from pasha_cli.i18n import WEEKDAYS, t
from pasha_cli.jpcalendar import Window
from pasha_cli.model import LocalText
from pasha_cli.project.config import MAX_MAINTENANCE
from pasha_cli.timeutil import DAY_FORMAT, JST, DateError, parse_date

MAX_NOTICE_BYTES = 256 * 1024  # a notice of a year's windows is a few KB
MAX_ROWS = MAX_MAINTENANCE  # a config holds no more windows than this
MAX_ROW_CHARS = 200  # a row is some 30 characters; a longer line is none
MAX_SHOWN = 120  # characters of a refused line quoted in the message

_WEEKDAYS_JA = "月火水木金土日"  # as date.weekday() numbers them
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\u301c~"}) | {
    ord("|"): " ",
    ord("\t"): " ",
}
_MERIDIEM = r"(?:午前|午後|(?<![A-Z])(?:AM|PM|A\.M\.|P\.M\.))"


def _time(p: str) -> str:
    """A time of day as a row writes it (`AM1:00`, `1:00AM`, `午前1時`, `1時30分`, `01:00`), groups prefixed `p`."""
    return (
        rf"(?P<{p}t>(?P<{p}m1>{_MERIDIEM})?\s*(?<![0-9])(?P<{p}h>[0-9]{{1,2}})\s*"
        rf"(?::\s*(?P<{p}mi>[0-9]{{2}})(?![0-9])|時(?:\s*(?P<{p}mj>[0-9]{{1,2}})\s*分)?)\s*(?P<{p}m2>{_MERIDIEM})?)"
    )


# ASCII digits only (NFKC makes full-width ones ASCII); a number never ends inside a run of digits, so
# `2024 7 11:00` is no row rather than July 1 at 1:00; 日 after the day is its suffix only in the
# 月 form (`7月8日`): after `7/8` it is the weekday (Sunday), checked as any weekday is
_DATE = (
    r"(?:(?P<y>[0-9]{4})\s*(?:年|[/.-]|\s)\s*)?(?P<mo>[0-9]{1,2})\s*(?:(?P<jm>月)|[/.-]|\s)\s*"
    r"(?P<d>[0-9]{1,2})(?![0-9])(?(jm)\s*日?)"
)
_WEEKDAY = rf"(?:\(\s*(?P<w1>[{_WEEKDAYS_JA}])(?:曜日?)?\s*\)|(?P<w2>[{_WEEKDAYS_JA}])(?:曜日?)?)"
_BULLET = r"[\s・*•]*(?:-\s+)?"
_ROW = re.compile(rf"{_BULLET}{_DATE}\s*{_WEEKDAY}?\s*{_time('s')}\s*(?:-|から)\s*{_time('e')}\s*", re.IGNORECASE)
_YEAR_LINE = re.compile(r"\s*(?P<y>\d{4})\s*年?\s*")  # a year alone: the rows below are in it
# what makes a line a row that must be read: a clock time (`1:00`, `AM1`, `1am`, `1時`), or a date
# where a row starts: one written with a year or with 月 or `/` whatever follows it (`2024/07/08 Mon
# 1.00-6.00` is no row pasha reads, and is refused rather than skipped), one of bare numbers
# (`7 8`) only before a weekday or alone, as a note's numbers are not
_LOOKS_LIKE_A_ROW = re.compile(
    rf"\d{{1,2}}\s*:\s*\d{{2}}|{_MERIDIEM}\s*\d|\d\s*(?:[AP]\.?M\.?|午[前後])(?![A-Z])|\d\s*時(?!点|間)|"
    rf"^{_BULLET}(?:\d{{4}}\s*(?:年|[/.-]|\s)\s*\d{{1,2}}\s*(?:月|[/.-]|\s)|\d{{1,2}}\s*(?:月|/))\s*\d{{1,2}}|"
    rf"^{_BULLET}(?:\d{{4}}\s*(?:年|[/.-]|\s)\s*)?\d{{1,2}}\s*(?:月|[/.-]|\s)\s*\d{{1,2}}(?:\s*日)?\s*(?:[({_WEEKDAYS_JA}]|$)",
    re.IGNORECASE,
)


class NoticeRow(NamedTuple):
    line: int  # 1-based, in the input
    window: Window


class NoticeError(ValueError):
    """A notice pasha refuses: the line (0: the whole input) and why, in both languages."""

    def __init__(self, line: int, text: LocalText) -> None:
        super().__init__(text.en)
        self.line = line
        self.text = text


def decode_notice(raw: bytes) -> str:
    """The input as text: UTF-8 (a byte-order mark allowed), no NUL, at most MAX_NOTICE_BYTES."""
    if len(raw) > MAX_NOTICE_BYTES:
        raise NoticeError(0, t("notice-too-large", limit=MAX_NOTICE_BYTES))
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Notepad's "Unicode": UTF-16, NULs between the ASCII
        raise NoticeError(1, t("not-utf8"))
    if b"\0" in raw:
        raise NoticeError(raw[: raw.index(b"\0")].count(b"\n") + 1, t("notice-nul"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NoticeError(raw[: exc.start].count(b"\n") + 1, t("not-utf8")) from None


def parse_notice(text: str) -> list[NoticeRow]:
    """The windows of the notice's rows, in the order written. Raises NoticeError."""
    rows: list[NoticeRow] = []
    year: int | None = None
    previous: date | None = None
    for number, physical in enumerate(physical_lines(text), start=1):
        # one space for any run of them: the row pattern then backtracks over a few characters at most
        line = " ".join(unicodedata.normalize("NFKC", physical).translate(_DASHES).split())
        heading = _YEAR_LINE.fullmatch(line)
        if heading and not heading["y"].isascii():  # another script's digits: refused, as in a row
            raise NoticeError(number, t("notice-not-a-row", row=_quoted(physical)))
        if heading:
            year, previous = int(heading["y"]), None
            continue
        if not _LOOKS_LIKE_A_ROW.search(line):
            continue
        m = _ROW.fullmatch(line) if len(line) <= MAX_ROW_CHARS else None
        if m is None:
            raise NoticeError(number, t("notice-not-a-row", row=_quoted(physical)))
        if len(rows) == MAX_ROWS:
            raise NoticeError(number, t("notice-too-many", limit=MAX_ROWS))
        if m["y"] is None and year is None:
            raise NoticeError(number, t("notice-no-year", row=_quoted(physical)))
        carried = m["y"] is None
        year = int(m["y"]) if m["y"] else year
        day = _day(number, f"{year}-{m['mo']}-{m['d']}")
        if carried and previous is not None and day < previous:
            raise NoticeError(
                number, t("notice-backwards", day=day.strftime(DAY_FORMAT), previous=previous.strftime(DAY_FORMAT))
            )
        weekday = m["w1"] or m["w2"]
        if weekday and _WEEKDAYS_JA.index(weekday) != day.weekday():
            raise NoticeError(
                number,
                t(
                    "notice-weekday",
                    day=day.strftime(DAY_FORMAT),
                    written=WEEKDAYS[_WEEKDAYS_JA.index(weekday)],
                    actual=WEEKDAYS[day.weekday()],
                ),
            )
        start, meridiem = _clock(number, m, "s", None, end=False)
        end, _ = _clock(number, m, "e", meridiem, end=True)
        if end <= start:
            raise NoticeError(number, t("notice-order", start=_hm(start), end=_hm(end)))
        midnight = datetime.combine(day, time(0), JST)
        rows.append(NoticeRow(number, Window(midnight + start, midnight + end)))
        previous = day
    if not rows:
        raise NoticeError(0, t("notice-empty"))
    return rows


def _day(number: int, text: str) -> date:
    try:
        return parse_date(text)  # the one strict date parser: an impossible date, a year out of range
    except DateError as exc:
        raise NoticeError(number, t("notice-date", value=text, reason=exc.why)) from None


def _clock(number: int, m: re.Match[str], p: str, carried: str | None, end: bool) -> tuple[timedelta, str | None]:
    """A time of the row (groups prefixed `p`) as the time since the day's midnight, and its AM or PM."""
    written = m[f"{p}m1"] or m[f"{p}m2"]
    meridiem = _meridiem(written) if written else carried
    hour, minute = int(m[f"{p}h"]), int(m[f"{p}mi"] or m[f"{p}mj"] or 0)
    if meridiem in ("午前", "午後") and hour == 12:  # noon and midnight by Japan's official usage, not AM/PM's
        raise NoticeError(number, t("notice-time-12", value=m[f"{p}t"].strip()))
    if meridiem is not None and hour <= 12 and not (m[f"{p}m1"] and m[f"{p}m2"]):
        hour = hour % 12 + (12 if meridiem in ("PM", "午後") else 0)  # AM12:00 is midnight, PM12:00 noon
    elif meridiem is not None or hour > 24 or (hour == 24 and (minute or not end)):  # 24:00 only ends a day
        raise NoticeError(number, t("notice-time", value=m[f"{p}t"].strip()))
    if minute > 59:
        raise NoticeError(number, t("notice-time", value=m[f"{p}t"].strip()))
    return timedelta(hours=hour, minutes=minute), meridiem


def _meridiem(text: str) -> str:
    """AM, PM, 午前 or 午後 (the Japanese forms kept: their 12 o'clock is read differently)."""
    return text if text in ("午前", "午後") else "AM" if text.upper().replace(".", "") == "AM" else "PM"


def _hm(since_midnight: timedelta) -> str:
    minutes = int(since_midnight.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _quoted(line: str) -> str:
    text = line.rstrip("\r\n")
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"
