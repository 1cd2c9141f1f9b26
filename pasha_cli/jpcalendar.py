"""The Japanese business calendar, set-up deadlines and maintenance windows.

A business day is not a Saturday, not a Sunday, not a Japanese national holiday (substitute
and citizens' holidays included, from the `holidays` library) and not a closure day.
Named jpcalendar, not calendar, so as not to shadow the standard library module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple

from pasha_cli.model import LocalText
from pasha_cli.timeutil import JST, to_jst

DEFAULT_CLOSURE = ("12-29", "12-30", "12-31", "01-01", "01-02", "01-03")


CACHED_YEARS = range(2020, 2041)


class _Holidays:
    """Japanese national holidays from the `holidays` library, Japanese and English names.

    Importing the library and computing the years costs ~150 ms, paid on every pre-commit run;
    so the years 2020-2040 are computed once and kept in the user cache (see `cache.py`), keyed
    by the library's version: a new holidays release recomputes them. Without the cache, and for
    years outside that range, the library answers directly, computing only the years asked for.
    """

    def __init__(self) -> None:
        self._table: dict[str, tuple[str, str]] | None = None
        self._table_loaded = False
        self._live: tuple[Any, Any] | None = None

    def _cached(self) -> dict[str, tuple[str, str]] | None:
        if not self._table_loaded:
            from pasha_cli.cache import holiday_table

            self._table = holiday_table(self._compute)
            self._table_loaded = True
        return self._table

    def _compute(self) -> dict[str, tuple[str, str]]:
        import holidays

        ja = holidays.country_holidays("JP", language="ja", years=CACHED_YEARS)
        en = holidays.country_holidays("JP", language="en_US", years=CACHED_YEARS)
        return {day.isoformat(): (name, en.get(day) or name) for day, name in sorted(ja.items())}

    def _library(self) -> tuple[Any, Any]:
        if self._live is None:
            import holidays

            self._live = (holidays.country_holidays("JP", language="ja"),
                          holidays.country_holidays("JP", language="en_US"))
        return self._live

    def names(self, day: date) -> tuple[str, str] | None:
        """(Japanese name, English name) of the holiday on `day`, or None."""
        table = self._cached() if day.year in CACHED_YEARS else None
        if table is not None:
            return table.get(day.isoformat())
        ja, en = self._library()
        name = ja.get(day)
        return (name, en.get(day) or name) if name else None


class BusinessCalendar(NamedTuple):
    closure_days: frozenset[tuple[int, int]]  # (month, day)
    holidays: _Holidays

    @classmethod
    def from_month_days(cls, month_days: tuple[str, ...] | list[str] = DEFAULT_CLOSURE) -> BusinessCalendar:
        return cls(frozenset((int(md[:2]), int(md[3:])) for md in month_days), _Holidays())

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
            return LocalText(names[0], f"{names[0]} ({names[1]})")
        from pasha_cli.i18n import t

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


_UNTIL = re.compile(r"UNTIL=(\d{8})(T\d{6})?(Z?)", re.IGNORECASE)


class RecurringWindow(NamedTuple):
    """Windows from an RFC 5545 RRULE starting at `start`, each lasting `duration`."""

    text: str
    start: datetime
    duration: timedelta
    rule: Any  # the parsed dateutil rule

    @classmethod
    def parse(cls, text: str, start: datetime, duration: timedelta) -> RecurringWindow:
        from dateutil.rrule import rrulestr

        body = text.strip()
        if body.upper().startswith("RRULE:"):
            body = body[6:]
        if "DTSTART" in body.upper():
            raise ValueError("give the first window as `start`, not as DTSTART in the rule")
        if duration <= timedelta(0):
            raise ValueError("duration must be positive")
        body = _UNTIL.sub(_until_in_utc, body)
        rule = rrulestr(body, dtstart=to_jst(start), cache=True)
        return cls(text, to_jst(start), duration, rule)

    def between(self, first: datetime, last: datetime) -> Iterator[Window]:
        """The windows that overlap [first, last)."""
        for occ in self.rule.between(to_jst(first) - self.duration, to_jst(last), inc=True):
            window = Window(occ, occ + self.duration)
            if window.start < last and window.end > first:
                yield window


def _until_in_utc(m: re.Match[str]) -> str:
    """dateutil wants UNTIL in UTC when DTSTART has a zone; a bare UNTIL is read as Japan time."""
    if m.group(3):
        return m.group(0)
    day, clock = m.group(1), (m.group(2) or "T235959")[1:]  # a bare date: to the end of that day
    try:
        moment = datetime(int(day[:4]), int(day[4:6]), int(day[6:]), int(clock[:2]), int(clock[2:4]), int(clock[4:]),
                          tzinfo=JST)
    except ValueError:
        raise ValueError(f"UNTIL={day}{m.group(2) or ''} is not a real date") from None
    return "UNTIL=" + moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


class MaintenanceSchedule(NamedTuple):
    windows: tuple[Window | RecurringWindow, ...]

    def window_at(self, moment: datetime) -> Window | None:
        for entry in self.windows:
            if isinstance(entry, Window):
                if entry.contains(moment):
                    return entry
            else:
                for window in entry.between(moment, moment + timedelta(microseconds=1)):
                    if window.contains(moment):
                        return window
        return None

    def between(self, first: datetime, last: datetime) -> list[Window]:
        found = {w for entry in self.windows for w in entry.between(first, last)}
        return sorted(found, key=lambda w: w.start)
