"""The Japanese business calendar, set-up deadlines and maintenance windows.

A business day is not a Saturday, not a Sunday, not a Japanese national holiday (substitute
and citizens' holidays included, from the `holidays` library) and not a closure day.
Named jpcalendar, not calendar, so as not to shadow the standard library module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from pasha_cli.model import LocalText
from pasha_cli.timeutil import JST, to_jst

DEFAULT_CLOSURE = ("12-29", "12-30", "12-31", "01-01", "01-02", "01-03")


class _Holidays:
    """Japanese national holidays, loaded on first use (the library costs ~70 ms to import)."""

    def __init__(self) -> None:
        self._ja: Any = None
        self._en: Any = None

    def name(self, day: date) -> str | None:
        if self._ja is None:
            import holidays

            self._ja = holidays.country_holidays("JP", language="ja")
        return self._ja.get(day)

    def english_name(self, day: date) -> str | None:
        if self._en is None:
            import holidays

            self._en = holidays.country_holidays("JP", language="en_US")
        return self._en.get(day)


@dataclass(frozen=True)
class BusinessCalendar:
    closure_days: frozenset[tuple[int, int]]  # (month, day)
    _holidays: _Holidays = field(default_factory=_Holidays, compare=False, repr=False)

    @classmethod
    def from_month_days(cls, month_days: tuple[str, ...] | list[str] = DEFAULT_CLOSURE) -> BusinessCalendar:
        return cls(frozenset((int(md[:2]), int(md[3:])) for md in month_days))

    def holiday_name(self, day: date) -> str | None:
        return self._holidays.name(day)

    def is_closure(self, day: date) -> bool:
        return (day.month, day.day) in self.closure_days

    def is_business_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_closure(day) and self.holiday_name(day) is None

    def why_not_business(self, day: date) -> LocalText | None:
        """Why `day` is not a business day (None when it is one). A holiday is named first."""
        name = self.holiday_name(day)
        if name:
            english = self._holidays.english_name(day) or name
            return LocalText(name, f"{name} ({english})")
        if self.is_closure(day):
            return LocalText("休業日（closure）", "closure")
        if day.weekday() == 5:
            return LocalText("土曜日", "Saturday")
        if day.weekday() == 6:
            return LocalText("日曜日", "Sunday")
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

    def business_days_after(self, start: date, end: date) -> int:
        """Business days d with start < d <= end."""
        return sum(1 for n in range(1, (end - start).days + 1) if self.is_business_day(start + timedelta(days=n)))

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


@dataclass(frozen=True)
class Window:
    """A maintenance window [start, end): the start is inside, the end is not."""

    start: datetime
    end: datetime

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    def between(self, first: datetime, last: datetime) -> Iterator[Window]:
        if self.start < last and self.end > first:
            yield self


_UNTIL = re.compile(r"UNTIL=(\d{8})(T\d{6})?(Z?)", re.IGNORECASE)


@dataclass(frozen=True)
class RecurringWindow:
    """Windows from an RFC 5545 RRULE starting at `start`, each lasting `duration`."""

    text: str
    start: datetime
    duration: timedelta
    rule: Any = field(compare=False, repr=False)

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
    day = datetime.strptime(m.group(1), "%Y%m%d")
    moment = datetime.strptime(m.group(1) + m.group(2), "%Y%m%dT%H%M%S") if m.group(2) else day.replace(hour=23, minute=59, second=59)
    return "UNTIL=" + moment.replace(tzinfo=JST).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True)
class MaintenanceSchedule:
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
