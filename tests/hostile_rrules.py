"""Hostile [[maintenance]] recurrences, shared by tests/test_config_hostile.py and benchmarks/hostile_config.py.

Each case is (id, start, rrule, duration, key the message names). In the config that `config_for`
writes, `start` is on line 5, `rrule` on line 6 and `duration` on line 7.
"""

from __future__ import annotations

import json

START = "2030-01-07T01:00:00+09:00"  # a Monday
ALL_HOURS = ",".join(str(h) for h in range(24))
ALL_MINUTES = ",".join(str(m) for m in range(60))

HOSTILE_RRULES: list[tuple[str, str, str, str, str]] = [
    # frequencies finer than a maintenance schedule: today they hang while memory grows
    ("secondly", START, "FREQ=SECONDLY", "PT5H", "rrule"),
    ("minutely", START, "FREQ=MINUTELY", "PT5H", "rrule"),
    ("hourly", START, "FREQ=HOURLY", "PT1H", "rrule"),
    ("secondly-count", START, "FREQ=SECONDLY;COUNT=10", "PT5H", "rrule"),
    ("minutely-lowercase", START, "rrule:freq=minutely;interval=1", "PT5H", "rrule"),
    # rules that never match: dateutil walks them to the year 9999
    ("feb-30-daily", START, "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "PT5H", "rrule"),
    ("feb-31-yearly", START, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31", "PT5H", "rrule"),
    ("apr-31-weekly", START, "FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31", "PT5H", "rrule"),
    ("yearday-366-in-january", START, "FREQ=MONTHLY;BYYEARDAY=366;BYMONTH=1", "PT5H", "rrule"),
    ("setpos-beyond-week", START, "FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=5", "PT5H", "rrule"),
    ("setpos-beyond-day", START, "FREQ=DAILY;BYSETPOS=2", "PT5H", "rrule"),
    ("weekno-53-in-june", START, "FREQ=YEARLY;BYWEEKNO=53;BYMONTH=6", "PT5H", "rrule"),
    ("interval-skips-leap-years", START, "FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", "PT5H", "rrule"),
    # values out of range, which dateutil ignores or fails on later
    ("bymonth-13", START, "FREQ=DAILY;BYMONTH=13", "PT5H", "rrule"),
    ("bymonthday-0", START, "FREQ=DAILY;BYMONTHDAY=0", "PT5H", "rrule"),
    ("byday-ninth-monday", START, "FREQ=MONTHLY;BYDAY=+9MO", "PT5H", "rrule"),
    ("byday-ordinal-weekly", START, "FREQ=WEEKLY;BYDAY=1MO", "PT5H", "rrule"),
    ("byweekno-54", START, "FREQ=YEARLY;BYWEEKNO=54", "PT5H", "rrule"),
    ("byhour-25", START, "FREQ=DAILY;BYHOUR=25", "PT5H", "rrule"),
    ("interval-0", START, "FREQ=DAILY;INTERVAL=0", "PT5H", "rrule"),
    ("interval-negative", START, "FREQ=DAILY;INTERVAL=-1", "PT5H", "rrule"),
    ("interval-huge", START, "FREQ=DAILY;INTERVAL=99999999999999999999", "PT5H", "rrule"),
    # COUNT and UNTIL extremes
    ("count-0", START, "FREQ=DAILY;COUNT=0", "PT5H", "rrule"),
    ("count-huge", START, "FREQ=DAILY;COUNT=100000000", "PT5H", "rrule"),
    ("count-and-until", START, "FREQ=DAILY;COUNT=3;UNTIL=20300201", "PT5H", "rrule"),
    ("until-9999", START, "FREQ=DAILY;UNTIL=99991231", "PT5H", "rrule"),
    ("until-before-start", START, "FREQ=DAILY;UNTIL=20290101", "PT5H", "rrule"),
    ("until-impossible", START, "FREQ=DAILY;UNTIL=20300231", "PT5H", "rrule"),
    ("until-garbage", START, "FREQ=DAILY;UNTIL=tomorrow", "PT5H", "rrule"),
    # too many windows
    ("every-hour-daily", START, f"FREQ=DAILY;BYHOUR={ALL_HOURS}", "PT5M", "rrule"),
    ("every-minute-daily", START, f"FREQ=DAILY;BYHOUR={ALL_HOURS};BYMINUTE={ALL_MINUTES}", "PT1M", "rrule"),
    # syntax pasha does not take
    ("dtstart-line", START, "DTSTART:20300101T000000\nRRULE:FREQ=DAILY", "PT5H", "rrule"),
    ("dtstart-part", START, "FREQ=DAILY;DTSTART=20300101T000000", "PT5H", "rrule"),
    ("two-rules", START, "FREQ=DAILY\nRRULE:FREQ=WEEKLY", "PT5H", "rrule"),
    ("freq-twice", START, "FREQ=DAILY;FREQ=WEEKLY", "PT5H", "rrule"),
    ("no-freq", START, "BYDAY=MO", "PT5H", "rrule"),
    ("byeaster", START, "FREQ=YEARLY;BYEASTER=0", "PT5H", "rrule"),
    ("unknown-key", START, "FREQ=DAILY;X-NAME=1", "PT5H", "rrule"),
    ("trailing-semicolon", START, "FREQ=DAILY;", "PT5H", "rrule"),
    ("nul", START, "FREQ=DAILY\u0000;COUNT=2", "PT5H", "rrule"),
    # durations
    ("duration-zero", START, "FREQ=WEEKLY", "PT0S", "duration"),
    ("duration-zero-days", START, "FREQ=WEEKLY", "P0D", "duration"),
    ("duration-eight-days", START, "FREQ=WEEKLY", "P8D", "duration"),
    ("duration-ten-years", START, "FREQ=WEEKLY", "P3650D", "duration"),
    ("duration-overflow", START, "FREQ=WEEKLY", "PT99999999999999999H", "duration"),
    # starts far in the past or the future
    ("start-1999", "1999-12-31T01:00:00+09:00", "FREQ=WEEKLY", "PT5H", "start"),
    ("start-2100", "2100-01-04T01:00:00+09:00", "FREQ=WEEKLY", "PT5H", "start"),
    ("start-1970", "1970-01-01T00:00:00Z", "FREQ=DAILY", "PT5H", "start"),
]

LINE_OF = {"start": 5, "rrule": 6, "duration": 7}


def config_for(start: str, rrule: str, duration: str) -> str:
    """A pasha.toml with one recurring window: start on line 5, rrule on 6, duration on 7."""
    return (
        '[accounts.x]\nplan = "free"\n\n[[maintenance]]\n'
        f"start = {start}\nrrule = {json.dumps(rrule)}\nduration = {json.dumps(duration)}\n"
    )
