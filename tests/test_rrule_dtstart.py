"""A recurrence as calendars write it: a DTSTART line, then the RRULE, with or without `start`.

What is read: a time in UTC (Z; the rule is then read in UTC, as RFC 5545 reads it in DTSTART's
zone), with TZID=Asia/Tokyo, or floating (Japan time); either line order; LF or CRLF. What is
refused, each with its reason: a date alone, another zone, two DTSTARTs, a DTSTART that is not
`start`, years outside 2000-2099, and everything the rule's other bounds refuse."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from pasha_cli.jpcalendar import RecurringWindow, RuleError
from pasha_cli.timeutil import JST
from tests.conftest import run

FIVE_HOURS = timedelta(hours=5)
MONDAY = datetime(2024, 10, 14, 1, 0, tzinfo=JST)
RULE = "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3"
MONDAYS = ["2024-10-14T01:00:00+09:00", "2024-10-21T01:00:00+09:00", "2024-10-28T01:00:00+09:00"]

# (id, rrule text, the entry's start or None, the window starts)
ACCEPTED: list[tuple[str, str, datetime | None, list[str]]] = [
    ("tzid-tokyo", f"DTSTART;TZID=Asia/Tokyo:20241014T010000\n{RULE}", None, MONDAYS),
    ("tzid-tokyo-and-the-same-start", f"DTSTART;TZID=Asia/Tokyo:20241014T010000\n{RULE}", MONDAY, MONDAYS),
    ("same-start-written-in-utc", f"DTSTART;TZID=Asia/Tokyo:20241014T010000\n{RULE}", MONDAY.astimezone(), MONDAYS),
    ("crlf", f"DTSTART;TZID=Asia/Tokyo:20241014T010000\r\n{RULE}\r\n", None, MONDAYS),
    ("dtstart-after-rrule", f"{RULE}\nDTSTART;TZID=Asia/Tokyo:20241014T010000", None, MONDAYS),
    ("blank-lines-around", f"\n\nDTSTART;TZID=Asia/Tokyo:20241014T010000\n\n{RULE}\n", None, MONDAYS),
    ("floating-is-japan-time", f"DTSTART:20241014T010000\n{RULE}", None, MONDAYS),
    ("quoted-tzid", f'DTSTART;TZID="Asia/Tokyo":20241014T010000\n{RULE}', None, MONDAYS),
    ("value-date-time", f"DTSTART;VALUE=DATE-TIME;TZID=Asia/Tokyo:20241014T010000\n{RULE}", None, MONDAYS),
    ("lower-case", "dtstart;tzid=Asia/Tokyo:20241014T010000\nrrule:freq=weekly;byday=mo;count=3", None, MONDAYS),
    ("bare-rule-after-dtstart", "DTSTART:20241014T010000\nFREQ=WEEKLY;BYDAY=MO;COUNT=3", None, MONDAYS),
    # in UTC the rule is read in UTC: Sunday 16:00Z is Monday 01:00 in Japan
    ("utc-read-in-utc", "DTSTART:20241013T160000Z\nRRULE:FREQ=WEEKLY;BYDAY=SU;COUNT=3", None, MONDAYS),
    ("utc-with-the-same-start", "DTSTART:20241013T160000Z\nRRULE:FREQ=WEEKLY;COUNT=3", MONDAY, MONDAYS),
    (
        "utc-until",
        "DTSTART:20241013T160000Z\nRRULE:FREQ=WEEKLY;BYDAY=SU;UNTIL=20241027T160000Z",
        None,
        MONDAYS,
    ),
    ("no-dtstart-as-before", "FREQ=WEEKLY;BYDAY=MO;COUNT=3", MONDAY, MONDAYS),
]


@pytest.mark.parametrize(("text", "start", "expected"), [c[1:] for c in ACCEPTED], ids=[c[0] for c in ACCEPTED])
def test_a_rule_with_dtstart_is_read_as_calendars_mean_it(
    text: str, start: datetime | None, expected: list[str]
) -> None:
    rule = RecurringWindow.parse(text, start, FIVE_HOURS)
    windows = rule.between(datetime(2024, 1, 1, tzinfo=JST), datetime(2025, 1, 1, tzinfo=JST))
    assert [w.start.isoformat() for w in windows] == expected
    assert all(w.end - w.start == FIVE_HOURS for w in windows)
    assert rule.start.isoformat() == expected[0]


# (id, rrule text, the entry's start or None, the refusal's catalogue key)
REFUSED: list[tuple[str, str, datetime | None, str]] = [
    ("two-dtstarts", f"DTSTART:20241014T010000\nDTSTART:20241021T010000\n{RULE}", None, "rrule-dtstart-twice"),
    ("two-same-dtstarts", f"DTSTART:20241014T010000\nDTSTART:20241014T010000\n{RULE}", None, "rrule-dtstart-twice"),
    (
        "conflict-with-start",
        f"DTSTART;TZID=Asia/Tokyo:20241014T010000\n{RULE}",
        MONDAY + timedelta(hours=1),
        "rrule-start-conflict",
    ),
    ("utc-conflict", f"DTSTART:20241014T010000Z\n{RULE}", MONDAY, "rrule-start-conflict"),
    ("no-start-at-all", RULE, None, "rrule-no-start"),
    ("dtstart-alone", "DTSTART:20241014T010000", None, "rrule-one-line"),
    ("with-exdate", f"DTSTART:20241014T010000\n{RULE}\nEXDATE:20241021T010000", None, "rrule-one-line"),
    ("two-rrules", f"DTSTART:20241014T010000\n{RULE}\n{RULE}", None, "rrule-one-line"),
    ("value-date", f"DTSTART;VALUE=DATE:20241014\n{RULE}", None, "rrule-dtstart-date"),
    ("date-alone", f"DTSTART:20241014\n{RULE}", None, "rrule-dtstart-date"),
    ("huge-year-utc", f"DTSTART:99991231T235959Z\n{RULE}", None, "rrule-dtstart-year"),
    ("year-zero", f"DTSTART:00000101T010000\n{RULE}", None, "rrule-dtstart-year"),
    ("year-1999", f"DTSTART:19991227T010000\n{RULE}", None, "rrule-dtstart-year"),
    ("year-2100-in-japan", f"DTSTART:20991231T160000Z\n{RULE}", None, "rrule-start"),
    ("nine-digit-year", f"DTSTART:202410140T010000\n{RULE}", None, "rrule-dtstart-value"),
    ("impossible-date", f"DTSTART:20240230T010000\n{RULE}", None, "rrule-dtstart-value"),
    ("impossible-hour", f"DTSTART:20241014T250000\n{RULE}", None, "rrule-dtstart-value"),
    ("garbage-value", f"DTSTART:tomorrow\n{RULE}", None, "rrule-dtstart-value"),
    ("empty-value", f"DTSTART:\n{RULE}", None, "rrule-dtstart-value"),
    ("garbage-tzid", f"DTSTART;TZID=Mars/Olympus_Mons:20241014T010000\n{RULE}", None, "rrule-dtstart-zone"),
    ("other-tzid", f"DTSTART;TZID=America/New_York:20241014T010000\n{RULE}", None, "rrule-dtstart-zone"),
    ("tzid-with-z", f"DTSTART;TZID=Asia/Tokyo:20241014T010000Z\n{RULE}", None, "rrule-dtstart-zone"),
    ("empty-tzid", f"DTSTART;TZID=:20241014T010000\n{RULE}", None, "rrule-dtstart-zone"),
    ("two-tzids", f"DTSTART;TZID=Asia/Tokyo;TZID=Asia/Tokyo:20241014T010000\n{RULE}", None, "rrule-dtstart-param"),
    ("unknown-param", f"DTSTART;X-FOO=1:20241014T010000\n{RULE}", None, "rrule-dtstart-param"),
    ("lone-cr", f"DTSTART:20241014T010000\r{RULE}", None, "rrule-control"),
    ("nul", f"DTSTART:20241014T010000\n{RULE}\x00", None, "rrule-control"),
    ("tab", f"DTSTART:20241014T010000\t\n{RULE};INTERVAL=\t2", None, "rrule-control"),
    ("tzid-half-quoted", f'DTSTART;TZID="Asia/Tokyo:20241014T010000\n{RULE}', None, "rrule-dtstart-zone"),
    ("tzid-quote-inside", f'DTSTART;TZID=Asia/"Tokyo":20241014T010000\n{RULE}', None, "rrule-dtstart-zone"),
    # digits of other scripts pass str.isdigit and `\\d` but not int(): ASCII only, never exit 3
    ("superscript-count", "DTSTART:20300107T010000\nRRULE:FREQ=WEEKLY;COUNT=\u00b2", None, "rrule-ascii"),
    ("superscript-interval", "DTSTART:20300107T010000\nRRULE:FREQ=WEEKLY;INTERVAL=\u00b2", None, "rrule-ascii"),
    ("superscript-monthday", "DTSTART:20300107T010000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=\u00b9", None, "rrule-ascii"),
    ("superscript-byday", "DTSTART:20300107T010000\nRRULE:FREQ=MONTHLY;BYDAY=\u00b2MO", None, "rrule-ascii"),
    ("arabic-indic-count", "DTSTART:20300107T010000\nRRULE:FREQ=WEEKLY;COUNT=\u0663", None, "rrule-ascii"),
    (
        "arabic-indic-until",
        "DTSTART:20300107T010000\nRRULE:FREQ=WEEKLY;UNTIL=2030\u0660\u0662\u0660\u0661",
        None,
        "rrule-ascii",
    ),
    ("arabic-indic-dtstart", f"DTSTART:\u0662\u0660\u0663\u06600107T010000\n{RULE}", None, "rrule-ascii"),
    ("full-width-dtstart", f"DTSTART:\uff12\uff10\uff13\uff100107T010000\n{RULE}", None, "rrule-ascii"),
    ("no-break-space", "DTSTART:20300107T010000\nRRULE:FREQ=WEEKLY;\u00a0COUNT=2", None, "rrule-ascii"),
    ("dtstart-inside-the-rule", "FREQ=WEEKLY;DTSTART=20241014T010000", None, "rrule-dtstart"),
    ("dtstart-part-first", "DTSTART=20241014T010000;FREQ=WEEKLY", None, "rrule-dtstart"),
    # the rule's bounds hold from a DTSTART as from `start`
    ("until-too-far", "DTSTART:20300107T010000\nRRULE:FREQ=WEEKLY;UNTIL=20991231", None, "rrule-until-after"),
    ("until-before", "DTSTART:20300107T010000\nRRULE:FREQ=WEEKLY;UNTIL=20291231", None, "rrule-until-before"),
    ("count-huge", "DTSTART:20300107T010000\nRRULE:FREQ=DAILY;COUNT=100000000", None, "rrule-number"),
    ("too-fine", "DTSTART:20300107T010000\nRRULE:FREQ=HOURLY", None, "rrule-too-fine"),
    ("never", "DTSTART:20300107T010000\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", None, "rrule-never"),
    ("too-many", "DTSTART:20300107T010000\nRRULE:FREQ=DAILY;BYHOUR=0,1,2,3,4,5", None, "rrule-too-many"),
]


@pytest.mark.parametrize(("text", "start", "key"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_hostile_dtstart_text_is_refused_with_its_reason(text: str, start: datetime | None, key: str) -> None:
    with pytest.raises(RuleError) as caught:
        RecurringWindow.parse(text, start, FIVE_HOURS)
    assert caught.value.key == key
    assert caught.value.text.ja and caught.value.text.en


def _config(entry: str) -> str:
    return f'[accounts.x]\nplan = "free"\n\n[[maintenance]]\n{entry}duration = "PT5H"\n'


@pytest.mark.parametrize(
    ("entry", "line", "en", "ja"),
    [
        (
            'start = 2030-01-07T02:00:00+09:00\nrrule = "DTSTART;TZID=Asia/Tokyo:20300107T010000\\nRRULE:FREQ=WEEKLY"\n',
            6,
            "maintenance.0.rrule: DTSTART (2030-01-07T01:00:00+09:00) and `start` (2030-01-07T02:00:00+09:00) differ",
            "maintenance.0.rrule: DTSTART（2030-01-07T01:00:00+09:00）と start（2030-01-07T02:00:00+09:00）が違います",
        ),
        (
            'rrule = "FREQ=WEEKLY"\n',
            5,
            "maintenance.0.rrule: the first window's start is missing",
            "maintenance.0.rrule: 最初の時間帯の開始がありません",
        ),
        (
            'rrule = """\nDTSTART:20991231T160000Z\nRRULE:FREQ=WEEKLY"""\n',
            5,
            "maintenance.0.rrule: the start (2100-01-01T01:00:00+09:00) must be in the years 2000 to 2099",
            "maintenance.0.rrule: start（2100-01-01T01:00:00+09:00）は 2000 年から 2099 年までにしてください",
        ),
        (
            "rrule = '''DTSTART;TZID=Europe/London:20300107T010000\nRRULE:FREQ=WEEKLY'''\n",
            5,
            "maintenance.0.rrule: DTSTART: TZID=Europe/London is not read",
            "maintenance.0.rrule: DTSTART の TZID=Europe/London は読めません",
        ),
    ],
)
def test_a_dtstart_the_config_cannot_use_is_exit_2_at_its_line(
    tmp_path: Path, entry: str, line: int, en: str, ja: str
) -> None:
    (tmp_path / "pasha.toml").write_text(_config(entry), "utf-8")
    for lang, expected in (("en", en), ("ja", ja)):
        result = run(
            ["validate", "--config", str(tmp_path / "pasha.toml"), "--now", "2030-01-01 10:00", "--lang", lang]
        )
        assert result.exit_code == 2, result.output
        assert f"pasha.toml:{line}: {expected}" in result.stderr, result.stderr


@pytest.mark.parametrize(
    "rrule",
    [
        '"DTSTART;TZID=Asia/Tokyo:20300107T010000\\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4"',
        '"""\nDTSTART;TZID=Asia/Tokyo:20300107T010000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4\n"""',
    ],
    ids=["one-string", "multi-line-crlf"],
)
def test_a_recurrence_copied_from_a_calendar_needs_no_start(tmp_path: Path, rrule: str) -> None:
    (tmp_path / "pasha.toml").write_text(_config(f"rrule = {rrule}\n"), "utf-8")
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.yaml").write_text("account: x\npublish_at: 2030-01-21 03:00\nbody: x\n", "utf-8")
    result = run(
        ["validate", "--config", str(tmp_path / "pasha.toml"), "--now", "2030-01-01 10:00", "--format", "json"]
    )
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert result.exit_code == 1 and codes == ["PSH302"], result.output  # inside the third window
    assert re.search(r"2030-01-21 01:00 to 2030-01-21 06:00", result.stdout)
