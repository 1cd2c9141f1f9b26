from __future__ import annotations

from datetime import date, datetime, time, timedelta

import jpholiday
import pytest

from pasha_cli.jpcalendar import BusinessCalendar, MaintenanceSchedule, RecurringWindow, Window, is_past
from pasha_cli.project.spec import load_spec
from pasha_cli.timeutil import JST

END = time(23, 59, 59)
CAL = BusinessCalendar.from_month_days()


def test_the_contract_example() -> None:
    # Tue 2024-07-16; Mon 07-15 is Marine Day -> Wed 2024-07-10 23:59:59
    assert CAL.deadline(date(2024, 7, 16), 3, END) == datetime(2024, 7, 10, 23, 59, 59, tzinfo=JST)


def test_substitute_and_citizens_holidays() -> None:
    assert CAL.holiday_name(date(2024, 2, 12)) == "振替休日"  # substitute holiday
    assert CAL.holiday_name(date(2026, 9, 22)) == "国民の休日"  # citizens' holiday
    assert not CAL.is_business_day(date(2026, 9, 22))


def test_closure_days_are_configurable() -> None:
    assert not CAL.is_business_day(date(2025, 12, 29))  # a Monday, closure by default
    assert BusinessCalendar.from_month_days([]).is_business_day(date(2025, 12, 29))
    custom = BusinessCalendar.from_month_days(["08-13", "08-14", "08-15"])  # obon
    assert not custom.is_business_day(date(2025, 8, 13))
    assert custom.is_business_day(date(2025, 12, 29))


def _reference_deadline(day: date, lead: int) -> date:
    """An independent implementation with jpholiday."""

    def business(d: date) -> bool:
        closure = (d.month, d.day) in {(12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3)}
        return d.weekday() < 5 and not jpholiday.is_holiday(d) and not closure

    counted = 0
    while counted < lead:
        day -= timedelta(days=1)
        counted += business(day)
    return day


def test_every_deadline_2024_to_2030_matches_jpholiday() -> None:
    day = date(2024, 1, 1)
    mismatches = []
    while day <= date(2030, 12, 31):
        if CAL.deadline_day(day, 3) != _reference_deadline(day, 3):
            mismatches.append(day)
        day += timedelta(days=1)
    assert mismatches == []


def test_holiday_names_match_jpholiday() -> None:
    for day, name in jpholiday.year_holidays(2025):
        assert CAL.holiday_name(day) is not None, (day, name)


def test_deadline_last_second() -> None:
    deadline = CAL.deadline(date(2024, 7, 16), 3, END)
    assert not is_past(datetime(2024, 7, 10, 23, 59, 59, 999999, tzinfo=JST), deadline)
    assert is_past(datetime(2024, 7, 11, 0, 0, 0, tzinfo=JST), deadline)


def test_business_days_after() -> None:
    # Fri 2024-07-12 -> Wed 07-17: Tue 16 and Wed 17 (Mon 15 is a holiday)
    assert CAL.business_days_after(date(2024, 7, 12), date(2024, 7, 17)) == 2
    assert CAL.business_days_after(date(2024, 7, 12), date(2024, 7, 12)) == 0


def test_skipped_days_name_their_reason() -> None:
    reasons = {d: r.ja for d, r in CAL.skipped(date(2024, 7, 11), date(2024, 7, 15))}
    assert reasons == {date(2024, 7, 13): "土曜日", date(2024, 7, 14): "日曜日", date(2024, 7, 15): "海の日"}


def test_shipped_schedule_boundaries() -> None:
    spec = load_spec()
    schedule = MaintenanceSchedule(tuple(Window(s, e) for s, e in spec.maintenance))
    assert len(spec.maintenance) == 6
    assert schedule.window_at(datetime(2024, 7, 8, 0, 59, 59, tzinfo=JST)) is None
    assert schedule.window_at(datetime(2024, 7, 8, 1, 0, tzinfo=JST)) is not None
    assert schedule.window_at(datetime(2024, 7, 8, 5, 59, 59, tzinfo=JST)) is not None
    assert schedule.window_at(datetime(2024, 7, 8, 6, 0, tzinfo=JST)) is None
    assert schedule.window_at(datetime(2024, 7, 15, 1, 0, tzinfo=JST)) is None  # irregular: not weekly


def test_recurring_window_boundaries_and_until_in_japan_time() -> None:
    start = datetime(2030, 1, 7, 1, 0, tzinfo=JST)
    rule = RecurringWindow.parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL=20300121", start, timedelta(hours=5))
    schedule = MaintenanceSchedule((rule,))
    at = lambda *a: schedule.window_at(datetime(*a, tzinfo=JST))  # noqa: E731
    assert at(2030, 1, 7, 1, 0) is not None
    assert at(2030, 1, 7, 6, 0) is None
    assert at(2030, 1, 21, 1, 0) is not None  # UNTIL is a Japan-time date and includes that day
    assert at(2030, 1, 21, 5, 59) is not None
    assert at(2030, 1, 14, 1, 0) is None  # fortnightly
    assert at(2030, 2, 4, 1, 0) is None  # after UNTIL
    windows = schedule.between(datetime(2030, 1, 1, tzinfo=JST), datetime(2030, 2, 1, tzinfo=JST))
    assert [w.start.day for w in windows] == [7, 21]


def test_recurring_window_utc_until_and_rrule_prefix() -> None:
    start = datetime(2030, 1, 7, 1, 0, tzinfo=JST)
    rule = RecurringWindow.parse("RRULE:FREQ=DAILY;UNTIL=20300108T000000Z", start, timedelta(hours=1))
    schedule = MaintenanceSchedule((rule,))
    assert schedule.window_at(datetime(2030, 1, 8, 1, 30, tzinfo=JST)) is not None  # 07-08 01:00 JST = 07-07 16:00Z
    assert schedule.window_at(datetime(2030, 1, 9, 1, 30, tzinfo=JST)) is None


@pytest.mark.parametrize("text", ["FREQ=SOMETIMES", "DTSTART:20300102T000000\nRRULE:FREQ=DAILY", "nonsense"])
def test_bad_rules_raise_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        RecurringWindow.parse(text, datetime(2030, 1, 1, tzinfo=JST), timedelta(hours=1))


def test_holidays_without_the_cache_and_beyond_the_cached_years(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PASHA_NO_CACHE", "1")
    calendar = BusinessCalendar.from_month_days()
    assert calendar.holiday_name(date(2024, 7, 15)) == "海の日"
    assert calendar.holiday_name(date(2099, 1, 1)) == "元日"
    assert calendar.why_not_business(date(2024, 7, 15)).en == "海の日 (Marine Day)"  # type: ignore[union-attr]


def test_the_holiday_table_is_computed_once_then_read(monkeypatch: pytest.MonkeyPatch, empty_cache: None) -> None:
    from pasha_cli import jpcalendar

    first = BusinessCalendar.from_month_days()
    assert first.holiday_name(date(2030, 5, 6)) == "振替休日"

    def fail(self):  # type: ignore[no-untyped-def]
        raise AssertionError("computed again")

    monkeypatch.setattr(jpcalendar._Holidays, "_compute", fail)
    assert BusinessCalendar.from_month_days().holiday_name(date(2030, 5, 6)) == "振替休日"


_JAPAN_ONLY = """
import json, sys
from pasha_cli.jpcalendar import japan_holidays
japan = japan_holidays()
loaded = sorted(m for m in sys.modules if m.startswith("holidays.countries"))
years = range(1990, 2100)
ours = {lang: {d.isoformat(): n for d, n in japan(language=lang, years=years).items()} for lang in ("ja", "en_US")}
import holidays
import holidays.countries
again = holidays.countries.japan.Japan is not None and holidays.country_holidays("JP", language="ja", years=[2030])
theirs = {
    lang: {d.isoformat(): n for d, n in holidays.country_holidays("JP", language=lang, years=years).items()}
    for lang in ("ja", "en_US")
}
print(json.dumps([loaded, ours == theirs, bool(again), len(ours["ja"]), type(japan).__name__]))
"""


def test_only_japans_holidays_are_imported_and_they_are_the_librarys() -> None:
    """In a fresh interpreter: japan_holidays() loads Japan's module alone, gives the dates and names
    `country_holidays("JP")` gives for 1990-2099 in both languages, and leaves the library whole for
    whoever imports it next."""
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _JAPAN_ONLY], capture_output=True, text=True, check=True)
    loaded, same, usable_after, days, _ = json.loads(done.stdout)
    assert loaded == []  # neither the countries' package nor Japan's module is left half-loaded
    assert same and usable_after and days > 1500


def test_with_the_countries_loaded_already_the_library_is_asked_as_documented() -> None:
    import holidays
    import holidays.countries

    from pasha_cli.jpcalendar import japan_holidays

    assert japan_holidays() is type(holidays.country_holidays("JP"))
