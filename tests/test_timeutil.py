from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from pasha_cli.timeutil import JST, DateError, parse_date, parse_datetime, parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-07-16 10:00", datetime(2024, 7, 16, 10, 0, tzinfo=JST)),
        ("2024/07/16 10:00", datetime(2024, 7, 16, 10, 0, tzinfo=JST)),
        ("2024-7-6 9:05", datetime(2024, 7, 6, 9, 5, tzinfo=JST)),
        ("2024-07-16 10:00:30", datetime(2024, 7, 16, 10, 0, 30, tzinfo=JST)),
        ("2024-07-16T10:00:00+09:00", datetime(2024, 7, 16, 10, 0, tzinfo=JST)),
        ("2024-07-16T01:00:00Z", datetime(2024, 7, 16, 10, 0, tzinfo=JST)),
        ("2024-07-15T20:00-05:00", datetime(2024, 7, 16, 10, 0, tzinfo=JST)),
        ("2024-07-16T10:00", datetime(2024, 7, 16, 10, 0, tzinfo=JST)),  # no offset: Japan time
        ("2024年7月16日 10時00分", datetime(2024, 7, 16, 10, 0, tzinfo=JST)),
        ("２０２４年７月１６日　１０時００分", datetime(2024, 7, 16, 10, 0, tzinfo=JST)),
        ("2024-02-29 23:59", datetime(2024, 2, 29, 23, 59, tzinfo=JST)),
    ],
)
def test_accepted_formats(text: str, expected: datetime) -> None:
    parsed = parse_datetime(text)
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(hours=9)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2024-02-30 10:00", "impossible"),
        ("2023-02-29 10:00", "impossible"),
        ("2024-07-16 24:00", "impossible"),
        ("2024-13-01 10:00", "impossible"),
        ("2024-07-16", "partial"),
        ("2024年7月16日", "partial"),
        ("2024-07", "format"),
        ("07/16/2024 10:00", "format"),
        ("16.07.2024 10:00", "format"),
        ("2024-07-16 10", "format"),
        ("2024年7月16日 10時", "format"),
        ("2024-07/16 10:00", "format"),
        ("tomorrow", "format"),
        ("", "format"),
    ],
)
def test_rejected_never_completed(text: str, reason: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_datetime(text)
    assert caught.value.reason == reason


def test_parse_date() -> None:
    assert parse_date("2024-07-16") == date(2024, 7, 16)
    assert parse_date("2024/7/16") == date(2024, 7, 16)
    assert parse_date("２０２４年７月１６日") == date(2024, 7, 16)
    assert parse_date("2024-07-15T20:00:00Z") == date(2024, 7, 16)  # its Japan-time date
    with pytest.raises(DateError):
        parse_date("2024-02-30")


def test_duration() -> None:
    assert parse_duration("PT5H") == timedelta(hours=5)
    assert parse_duration("P1DT2H30M") == timedelta(days=1, hours=2, minutes=30)
    for bad in ("P", "PT", "5H", "PT5X"):
        with pytest.raises(ValueError):
            parse_duration(bad)
