"""The Japanese business calendar, set-up deadlines and maintenance windows.

A business day is not a Saturday, not a Sunday, not a Japanese national holiday (substitute
and citizens' holidays included, from the `holidays` library) and not a closure day.
Named jpcalendar, not calendar, so as not to shadow the standard library module.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from pasha_cli.cache import holiday_table
from pasha_cli.characters import codepoint
from pasha_cli.i18n import t
from pasha_cli.model import LocalText
from pasha_cli.timeutil import JST, UTC_STAMP_FORMAT, parse_month_day, parse_time_of_day, to_jst

if TYPE_CHECKING:
    from pasha_cli.project.spec import Spec

DEFAULT_CLOSURE = ("12-29", "12-30", "12-31", "01-01", "01-02", "01-03")


CACHED_YEARS = range(2020, 2041)


class _Holidays:
    """Japanese national holidays from the `holidays` library, Japanese and English names.

    Importing the library and computing the years is the largest part of a pre-commit run's
    start-up (benchmarks/startup.py, PASHA_NO_CACHE=1); so the years 2020-2040 are computed once and
    kept in the user cache (see `cache.py`), keyed by the library's version: a new holidays release
    recomputes them. Without the cache, and for years outside that range, the library answers
    directly, computing only the years asked for.
    """

    def __init__(self) -> None:
        self._table: dict[str, tuple[str, str]] | None = None
        self._table_loaded = False
        self._live: tuple[Any, Any] | None = None

    def _cached(self) -> dict[str, tuple[str, str]] | None:
        if not self._table_loaded:
            self._table = holiday_table(self._compute)
            self._table_loaded = True
        return self._table

    def _compute(self) -> dict[str, tuple[str, str]]:
        japan = japan_holidays()
        ja, en = japan(language="ja", years=CACHED_YEARS), japan(language="en_US", years=CACHED_YEARS)
        return {day.isoformat(): (name, en.get(day) or name) for day, name in sorted(ja.items())}

    def _library(self) -> tuple[Any, Any]:
        if self._live is None:
            japan = japan_holidays()
            self._live = (japan(language="ja"), japan(language="en_US"))
        return self._live

    def names(self, day: date) -> tuple[str, str] | None:
        """(Japanese name, English name) of the holiday on `day`, or None."""
        table = self._cached() if day.year in CACHED_YEARS else None
        if table is not None:
            return table.get(day.isoformat())
        ja, en = self._library()
        name = ja.get(day)
        return (name, en.get(day) or name) if name else None


def japan_holidays() -> Any:
    """holidays' calendar of Japan (the class `country_holidays("JP", ...)` makes), without the other
    countries: `holidays.countries`' own module imports all of them, most of a run without the cache.
    Japan's module is loaded under its package's unexecuted stand-in, its class kept, and both taken
    out of sys.modules again: a later `import holidays.countries` loads them for real, as if this
    had not happened. If the library is laid out otherwise, it is asked the documented way."""
    import importlib.util
    import sys

    import holidays

    package, module = "holidays.countries", "holidays.countries.japan"
    if package not in sys.modules and module not in sys.modules:
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.submodule_search_locations is not None:
            sys.modules[package] = importlib.util.module_from_spec(spec)  # not executed: no other country
            try:
                japan = importlib.import_module(module).Japan
            except (ImportError, AttributeError):
                japan = None
            finally:
                sys.modules.pop(module, None)
                sys.modules.pop(package, None)
            if japan is not None:
                return japan
    return type(holidays.country_holidays("JP"))


class BusinessCalendar(NamedTuple):
    closure_days: frozenset[tuple[int, int]]  # (month, day)
    holidays: _Holidays

    @classmethod
    def from_month_days(cls, month_days: tuple[str, ...] | list[str] = DEFAULT_CLOSURE) -> BusinessCalendar:
        return cls(frozenset(parse_month_day(md) for md in month_days), _Holidays())

    def holiday_name(self, day: date) -> str | None:
        names = self.holidays.names(day)
        return names[0] if names else None

    def is_closure(self, day: date) -> bool:
        return (day.month, day.day) in self.closure_days

    def is_business_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_closure(day) and self.holiday_name(day) is None

    def why_not_business(self, day: date) -> LocalText | None:
        """Why `day` is not a business day (None when it is one). A holiday is named first."""
        names = self.holidays.names(day)
        if names:
            return t("holiday", name=LocalText(*names), name_ja=names[0])
        if self.is_closure(day):
            return t("day-closure")
        if day.weekday() >= 5:
            return t("day-saturday" if day.weekday() == 5 else "day-sunday")
        return None

    def deadline_day(self, publish_date: date, lead: int) -> date:
        """The `lead`-th business day before `publish_date` (the publish date itself when lead is 0)."""
        day, counted = publish_date, 0
        while counted < lead:
            day -= timedelta(days=1)
            if self.is_business_day(day):
                counted += 1
        return day

    def deadline(self, publish_date: date, lead: int, end_of_day: time) -> datetime:
        return datetime.combine(self.deadline_day(publish_date, lead), end_of_day, JST)

    def business_days_after(self, start: date, end: date, at_most: int | None = None) -> int:
        """Business days d with start < d <= end (counting stops past `at_most`, when given)."""
        count = 0
        day = start + timedelta(days=1)
        while day <= end and (at_most is None or count <= at_most):
            count += self.is_business_day(day)
            day += timedelta(days=1)
        return count

    def skipped(self, first: date, last: date) -> list[tuple[date, LocalText]]:
        """The non-business days from `first` to `last` inclusive, with the reason for each."""
        days = []
        day = first
        while day <= last:
            reason = self.why_not_business(day)
            if reason is not None:
                days.append((day, reason))
            day += timedelta(days=1)
        return days


def setup_deadline(spec: Spec, calendar: BusinessCalendar, day: date) -> datetime:
    """The end (spec.deadline_time, JST) of the lead_business_days-th business day before `day`."""
    return calendar.deadline(day, spec.lead_business_days, parse_time_of_day(spec.deadline_time))


def is_past(moment: datetime, deadline: datetime) -> bool:
    """After the deadline's last second (23:59:59.999 is still on time)."""
    return moment.replace(microsecond=0) > deadline


class Window(NamedTuple):
    """A maintenance window [start, end): the start is inside, the end is not."""

    start: datetime
    end: datetime

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    def between(self, first: datetime, last: datetime) -> Iterator[Window]:
        if self.start < last and self.end > first:
            yield self

    def last_day(self) -> date:
        """The last day (Japan time) the window is known on: the day of its last moment."""
        return to_jst(self.end - _INSTANT).date()


_INSTANT = timedelta(microseconds=1)


@cache  # compiled on first use: most runs never need it
def _until_value_pattern() -> re.Pattern[str]:
    return re.compile(r"(\d{8})(T\d{6})?(Z?)")


# A DTSTART line as calendars write it: DTSTART;TZID=Asia/Tokyo:20241014T010000, DTSTART:20241013T160000Z
@cache  # compiled on first use: most runs never need it
def _dtstart_line_pattern() -> re.Pattern[str]:
    return re.compile(r"DTSTART[;:]", re.IGNORECASE)


@cache  # compiled on first use: most runs never need it
def _dtstart_pattern() -> re.Pattern[str]:
    return re.compile(r"DTSTART((?:;[^;:]*)*):(.*)", re.IGNORECASE)


@cache  # compiled on first use: most runs never need it
def _dtstart_value_pattern() -> re.Pattern[str]:
    return re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)")


JAPAN_ZONES = ("Asia/Tokyo",)  # a DTSTART's TZID pasha reads; see _dtstart

# Bounds on a recurrence (see RecurringWindow): what a maintenance schedule needs, and no more.
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
TOO_FINE = ("HOURLY", "MINUTELY", "SECONDLY")
FIRST_YEAR, END_YEAR = 2000, 2100  # a rule starts in 2000-2099; its windows end before 2100
HORIZON_YEARS = 20  # a rule without COUNT or UNTIL makes windows for 20 years after its start
MAX_WINDOWS = 20_000
MAX_INTERVAL = 1_000
MAX_DURATION = timedelta(days=7)
_RANGES = {  # RFC 5545 value ranges; dateutil ignores some (BYMONTHDAY=0) and fails later on others
    "BYMONTH": (1, 12, False),
    "BYWEEKNO": (1, 53, True),
    "BYYEARDAY": (1, 366, True),
    "BYMONTHDAY": (1, 31, True),
    "BYHOUR": (0, 23, False),
    "BYMINUTE": (0, 59, False),
    "BYSECOND": (0, 59, False),
    "BYSETPOS": (1, 366, True),
}
_KEYS = ("FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST", "BYDAY", *_RANGES)


@cache  # compiled on first use: most runs never need it
def _day_pattern() -> re.Pattern[str]:
    return re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")


class RuleError(ValueError):
    """A recurrence rule pasha refuses, with the reason in Japanese and English (catalogue key + arguments)."""

    def __init__(self, message: str, /, **args: Any) -> None:
        self.key = message  # the catalogue key: which refusal
        self.text = t(message, **args)
        super().__init__(self.text.en)


class RecurringWindow(NamedTuple):
    """Windows from an RFC 5545 RRULE starting at `start`, each lasting `duration`.

    The work is bounded whatever the rule says: only daily and coarser frequencies, a start in
    2000-2099, windows for at most 20 years (and before 2100), at most 20,000 of them, and a rule
    that makes no window in that time is refused. dateutil walks a rule that never matches up to
    the year 9999; so the rule is expanded in a year next to 9999 whose calendar is the same day
    for day (`_twin_year`), and its windows are moved back: no walk is longer than 48 years.

    The first window's start is the entry's `start` or the rule's own DTSTART line, as calendars
    copy a recurrence (both: the same moment). A DTSTART in UTC (`...Z`) has the rule read in UTC,
    as RFC 5545 reads a rule in its DTSTART's zone (BYDAY=SU at 16:00Z is Monday 01:00 in Japan);
    any other start, in Japan time.
    """

    text: str
    start: datetime  # Japan time
    duration: timedelta
    expansion: _Expansion
    until: datetime | None = None  # UNTIL, Japan time
    counted: int | None = None  # COUNT

    @classmethod
    def parse(cls, text: str, start: datetime | None, duration: timedelta) -> RecurringWindow:
        """The rule, or RuleError saying what is refused (`start`: None when the text has a DTSTART)."""
        from dateutil.rrule import rrule, rrulestr

        written, body = _lines(text)
        parts = _parts(body)
        _check_parts(parts)
        if duration <= timedelta(0) or duration > MAX_DURATION:
            raise RuleError("rrule-duration", duration=str(duration))
        anchor = _anchor(written, start)  # in the zone the rule is read in
        start = to_jst(anchor)
        if not FIRST_YEAR <= start.year < END_YEAR:
            raise RuleError("rrule-start", start=start.isoformat(), first=FIRST_YEAR, last=END_YEAR - 1)
        horizon = _horizon(start)
        until = _until(parts["UNTIL"]) if "UNTIL" in parts else None
        if until is not None:  # dateutil wants UNTIL in UTC when the start has a zone
            parts["UNTIL"] = until.astimezone(UTC).strftime(UTC_STAMP_FORMAT)
        try:
            rule = rrulestr(";".join(f"{k}={v}" for k, v in parts.items()), dtstart=anchor, forceset=False)
        except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
            raise RuleError("rrule-syntax", reason=str(exc)) from None
        if until is not None and until < start:
            raise RuleError("rrule-until-before", until=until.isoformat(), start=start.isoformat())
        if until is not None and until >= horizon:
            raise RuleError(
                "rrule-until-after",
                until=until.isoformat(),
                horizon=horizon.isoformat(),
                years=HORIZON_YEARS,
                end=END_YEAR,
            )
        most = _most_windows(parts, horizon - start)
        if most > MAX_WINDOWS:
            raise RuleError("rrule-too-many", count=most, limit=MAX_WINDOWS, years=HORIZON_YEARS)
        years = _twin_year(anchor.year) - anchor.year
        if not isinstance(rule, rrule):  # one RRULE line, checked by _parts: never a set
            raise RuleError("rrule-not-single")
        moved = rule.replace(dtstart=_moved(anchor, years), until=_moved(until, years) if until else None)
        expansion = _Expansion(moved, years, horizon)
        if not expansion.any_start():
            raise RuleError("rrule-never", start=start.isoformat(), horizon=horizon.isoformat())
        count = int(parts["COUNT"]) if "COUNT" in parts else None
        return cls(text, start, duration, expansion, until, count)

    def last_day(self) -> date:
        """The last day (Japan time) the rule speaks for: UNTIL's day, the day its COUNT-th window
        ends on, or, without either, the last whole day before its horizon (20 years after its start)."""
        if self.until is not None:
            return self.until.date()
        last = self.expansion.last_start() if self.counted is not None else None
        if last is not None:
            return (last + self.duration - _INSTANT).date()
        return self.expansion.horizon.date() - timedelta(days=1)

    def between(self, first: datetime, last: datetime) -> Iterator[Window]:
        """The windows that overlap [first, last)."""
        for occ in self.expansion.starts_between(_minus(to_jst(first), self.duration), to_jst(last)):
            window = Window(occ, occ + self.duration)
            if window.start < last and window.end > first:
                yield window

    def window_at(self, moment: datetime) -> Window | None:
        latest = self.expansion.latest_at(to_jst(moment))  # equal durations: the latest start ends last
        if latest is not None and moment < latest + self.duration:
            return Window(latest, latest + self.duration)
        return None


class _Expansion:
    """The window starts of a moved rule, made lazily in order and kept for the run."""

    def __init__(self, moved: Any, years: int, horizon: datetime) -> None:
        self._source = iter(moved)
        self._years = years
        self._horizon = horizon
        self._starts: list[datetime] = []
        self._done = False

    def _extend(self, moment: datetime) -> None:
        """Make starts until one is after `moment` (or there are no more)."""
        while not self._done and (not self._starts or self._starts[-1] <= moment):
            try:
                occ = next(self._source, None)
            except (ValueError, IndexError, OverflowError):  # ranges are checked: not expected
                occ = None
            if occ is not None:
                occ = to_jst(_moved(occ, -self._years))
            if occ is None or occ >= self._horizon or len(self._starts) >= MAX_WINDOWS:
                self._done = True
            else:
                self._starts.append(occ)

    @property
    def horizon(self) -> datetime:
        return self._horizon

    def last_start(self) -> datetime | None:
        """The rule's last window start before the horizon (making them all)."""
        self._extend(datetime.max.replace(tzinfo=JST))
        return self._starts[-1] if self._starts else None

    def any_start(self) -> bool:
        """Whether the rule makes a window before the horizon (making only the first)."""
        self._extend(datetime.min.replace(tzinfo=JST))
        return bool(self._starts)

    def starts_between(self, first: datetime, last: datetime) -> list[datetime]:
        """The starts in [first, last)."""
        self._extend(last)
        return self._starts[bisect_left(self._starts, first) : bisect_left(self._starts, last)]

    def latest_at(self, moment: datetime) -> datetime | None:
        """The last start at or before `moment`."""
        self._extend(moment)
        index = bisect_right(self._starts, moment)
        return self._starts[index - 1] if index else None


def _lines(text: str) -> tuple[str | None, str]:
    """(The DTSTART line or None, the RRULE line) of a rule written alone or as calendars copy it:
    one RRULE line and at most one DTSTART line, in either order, ending in LF or CRLF."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if line]
    if any(ord(ch) < 32 or ord(ch) == 127 for line in lines for ch in line):
        raise RuleError("rrule-control")
    # RFC 5545 writes a rule in ASCII: other digits (`²`, `٣`, full-width) pass str.isdigit and `\d`
    # but not int() or dateutil alike, so one script is read everywhere
    strange = next((ch for line in lines for ch in line if not ch.isascii()), None)
    if strange is not None:
        raise RuleError("rrule-ascii", char=codepoint(strange))
    starts = [line for line in lines if _dtstart_line_pattern().match(line)]
    rules = [line for line in lines if not _dtstart_line_pattern().match(line)]
    if len(starts) > 1:
        raise RuleError("rrule-dtstart-twice")
    if len(rules) != 1:
        raise RuleError("rrule-one-line")
    return (starts[0] if starts else None), rules[0]


def _anchor(written: str | None, start: datetime | None) -> datetime:
    """The first window's start: the DTSTART line's (in its own zone) or the entry's `start`
    (in Japan time); given both, they must be the same moment."""
    if written is None:
        if start is None:
            raise RuleError("rrule-no-start")
        return to_jst(start)
    first = _dtstart(written)
    if start is not None and first != start:
        raise RuleError("rrule-start-conflict", dtstart=to_jst(first).isoformat(), start=to_jst(start).isoformat())
    return first


def _dtstart(line: str) -> datetime:
    """A DTSTART line's moment. A time in UTC (Z), with TZID=Asia/Tokyo or floating (Japan time, as
    everywhere in pasha) is read; a date alone (a window starts at a time of day) and any other
    TZID are refused: the rule's days and hours would be read in that zone and its daylight saving."""
    m = _dtstart_pattern().fullmatch(line)
    if m is None:
        raise RuleError("rrule-dtstart-value", value=line)
    value, zone = m.group(2).strip(), None
    for param in m.group(1).split(";")[1:]:
        name, _, setting = (piece.strip() for piece in param.partition("="))
        if name.upper() == "VALUE" and setting.upper() in ("DATE", "DATE-TIME"):
            if setting.upper() == "DATE":
                raise RuleError("rrule-dtstart-date", value=value)
        elif name.upper() == "TZID" and zone is None:
            quoted = len(setting) > 1 and setting[0] == setting[-1] == '"'
            zone = setting[1:-1] if quoted else setting  # a lone quote stays: no zone pasha reads
        else:
            raise RuleError("rrule-dtstart-param", param=param)
    v = _dtstart_value_pattern().fullmatch(value)
    if v is None:
        raise RuleError("rrule-dtstart-date" if re.fullmatch(r"\d{8}", value) else "rrule-dtstart-value", value=value)
    utc = v.group(7) == "Z"
    if zone is not None and (utc or zone not in JAPAN_ZONES):
        raise RuleError("rrule-dtstart-zone", zone=zone)
    if not FIRST_YEAR <= int(v.group(1)) < END_YEAR:  # before any arithmetic: 9999 in UTC overflows in Japan
        raise RuleError("rrule-dtstart-year", value=value, first=FIRST_YEAR, last=END_YEAR - 1)
    year, month, day, hour, minute, second = (int(g) for g in v.groups()[:6])
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC if utc else JST)
    except ValueError:
        raise RuleError("rrule-dtstart-value", value=value) from None


def _parts(body: str) -> dict[str, str]:
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    parts: dict[str, str] = {}
    for part in body.split(";"):
        key, sep, value = part.partition("=")
        key, value = key.strip().upper(), value.strip().upper()
        if not sep or not key or not value:
            raise RuleError("rrule-part", part=part)
        if key == "DTSTART":
            raise RuleError("rrule-dtstart")
        if key not in _KEYS:
            raise RuleError("rrule-key", key=key, keys=", ".join(_KEYS))
        if key in parts:
            raise RuleError("rrule-twice", key=key)
        parts[key] = value
    return parts


def _check_parts(parts: dict[str, str]) -> None:
    freq = parts.get("FREQ")
    if freq is None:
        raise RuleError("rrule-no-freq")
    if freq in TOO_FINE:
        raise RuleError("rrule-too-fine", freq=freq)
    if freq not in FREQUENCIES:
        raise RuleError("rrule-freq", freq=freq, choices=", ".join(FREQUENCIES))
    for key, low, high in (("INTERVAL", 1, MAX_INTERVAL), ("COUNT", 1, MAX_WINDOWS)):
        if key in parts and not (parts[key].isdigit() and low <= int(parts[key]) <= high):
            raise RuleError("rrule-number", key=key, value=parts[key], low=low, high=high)
    if "COUNT" in parts and "UNTIL" in parts:
        raise RuleError("rrule-count-until")
    for key, (low, high, signed) in _RANGES.items():
        for item in _items(parts, key):
            number = item.lstrip("+-") if signed else item
            if not (number.isdigit() and low <= int(number) <= high):
                raise RuleError("rrule-value", key=key, value=item, low=(-high if signed else low), high=high)
    limit = {"MONTHLY": 5, "YEARLY": 53}.get(freq, 0)  # BYDAY=2MO: the 2nd Monday of a month or year
    for item in _items(parts, "BYDAY"):
        m = _day_pattern().fullmatch(item)
        if not m or (m.group(1) and not 1 <= abs(int(m.group(1))) <= limit):
            raise RuleError("rrule-day", value=item, freq=freq)


def _items(parts: dict[str, str], key: str) -> list[str]:
    return parts[key].split(",") if key in parts else []


def _horizon(start: datetime) -> datetime:
    end = datetime(END_YEAR, 1, 1, tzinfo=JST)
    if start.year + HORIZON_YEARS >= END_YEAR:
        return end
    return start.replace(year=start.year + HORIZON_YEARS)  # Feb 29 + 20 years is Feb 29 before 2100


def _most_windows(parts: dict[str, str], span: timedelta) -> int:
    """An upper bound on the windows a rule can make in `span`, from its parts alone."""
    freq = parts["FREQ"]
    period_days = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 28, "YEARLY": 365}[freq]
    days = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 31, "YEARLY": 366}[freq]
    if not any(k in parts for k in ("BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO")):
        days = len(_items(parts, "BYMONTH")) if freq == "YEARLY" and "BYMONTH" in parts else 1
    times = 1
    for key in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        times *= max(1, len(set(_items(parts, key))))
    per_period = days * times
    if "BYSETPOS" in parts:
        per_period = min(per_period, len(set(_items(parts, "BYSETPOS"))))
    periods = span.days // (period_days * int(parts.get("INTERVAL", "1"))) + 1
    most = periods * per_period
    return min(most, int(parts["COUNT"])) if "COUNT" in parts else most


def _twin_year(year: int) -> int:
    """A year of 9952-9979 whose calendar is `year`'s, day for day, for 20 years and more (see RecurringWindow).

    From 2000 to 2099, as from 9901 to 9999, every 4th year is a leap year; two years in such
    stretches have the same calendar from 1 January on when they are leap years alike and start on
    the same weekday. Among any 28 consecutive years of a stretch there is one.
    """
    first = date(year, 1, 1).weekday()
    return next(y for y in range(9979, 9951, -1) if y % 4 == year % 4 and date(y, 1, 1).weekday() == first)


def _moved(moment: datetime, years: int) -> datetime:
    return moment.replace(year=moment.year + years)


def _minus(moment: datetime, delta: timedelta) -> datetime:
    try:
        return moment - delta
    except OverflowError:
        return datetime.min.replace(tzinfo=moment.tzinfo)


def _until(value: str) -> datetime:
    """UNTIL as written: a Z time is UTC; a bare time or date is Japan time (a date: to the end of that day)."""
    m = _until_value_pattern().fullmatch(value)
    if not m:
        raise RuleError("rrule-until-date", until=value)
    day, clock = m.group(1), (m.group(2) or "T235959")[1:]
    try:
        return datetime(
            int(day[:4]),
            int(day[4:6]),
            int(day[6:]),
            int(clock[:2]),
            int(clock[2:4]),
            int(clock[4:]),
            tzinfo=UTC if m.group(3) else JST,
        ).astimezone(JST)
    except (ValueError, OverflowError):
        raise RuleError("rrule-until-date", until=value) from None


class Origin(NamedTuple):
    """Where an entry of the schedule comes from: the shipped spec (its version), or the project's
    config (the entry's index in its `maintenance` array; its line is found when it is shown)."""

    spec_version: str | None = None
    entry: int | None = None


WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # as date.weekday() numbers them


class UsualSlot(NamedTuple):
    """The slot every published window has taken so far (spec data): a weekday, [start, end), Japan time."""

    weekday: int  # date.weekday(): 0 is Monday
    start: time
    end: time

    def contains(self, moment: datetime) -> bool:
        local = to_jst(moment)
        return local.weekday() == self.weekday and self.start <= local.time() < self.end


class MaintenanceSchedule(NamedTuple):
    """The windows in force, the last day (Japan time) whose maintenance is known (None: no day is),
    and the usual slot, which days after that day may well have a window in."""

    windows: tuple[Window | RecurringWindow, ...]
    known_until: date | None = None
    usual: UsualSlot | None = None
    origins: tuple[Origin, ...] = ()  # one per entry of `windows`, when known

    def sourced_between(self, first: datetime, last: datetime) -> list[tuple[Window, Origin, str | None]]:
        """Each window overlapping [first, last) with its entry's origin and its rule (None: a one-off window)."""
        origins = self.origins or (Origin(),) * len(self.windows)
        found = [
            (window, origin, entry.text if isinstance(entry, RecurringWindow) else None)
            for entry, origin in zip(self.windows, origins, strict=True)
            for window in entry.between(first, last)
        ]
        return sorted(found, key=lambda item: item[0].start)

    def window_at(self, moment: datetime) -> Window | None:
        for entry in self.windows:
            if isinstance(entry, Window):
                if entry.contains(moment):
                    return entry
            else:
                window = entry.window_at(moment)
                if window is not None:
                    return window
        return None

    def between(self, first: datetime, last: datetime) -> list[Window]:
        found = {w for entry in self.windows for w in entry.between(first, last)}
        return sorted(found, key=lambda w: w.start)

    def known(self, day: date) -> bool:
        """Whether the maintenance on `day` (Japan time) is known."""
        return self.known_until is not None and day <= self.known_until

    def usually_maintained(self, moment: datetime) -> bool:
        """Whether `moment` falls in the usual slot on a day whose maintenance is not known."""
        return self.usual is not None and not self.known(to_jst(moment).date()) and self.usual.contains(moment)


def known_until(
    declared: date | None, shipped: date | None, windows: tuple[Window | RecurringWindow, ...]
) -> date | None:
    """The last day whose maintenance is known: as the project declares it, else the latest of the
    shipped schedule's date (None when it is not used) and the last day of each window."""
    if declared is not None:
        return declared
    days = [entry.last_day() for entry in windows]
    return max([*days, shipped] if shipped is not None else days, default=None)
