"""What pasha knows of the maintenance schedule, and says it does not: maintenance_known_until (spec
data and config), PSH305 at the coverage boundary, and the marks `calendar` and `slots` make."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pasha_cli.project.config import load_config
from tests.conftest import Project, run

ACCOUNT = '[accounts.x]\nplan = "paid"\n'
NOW = "2024-09-01 10:00"  # before the shipped schedule's last day, 2024-09-30 (a Monday)
WINDOW = "[[maintenance]]\nstart = {start}\nend = {end}\n"
RECURRING = '[[maintenance]]\nstart = 2030-01-07T01:00:00+09:00\nrrule = "{rule}"\nduration = "PT5H"\n'

# (id, the config before its account, the last known day or None)
KNOWN: list[tuple[str, str, date | None]] = [
    ("shipped", "", date(2024, 9, 30)),
    ("declared", "maintenance_known_until = 2025-03-31\n", date(2025, 3, 31)),
    ("declared-as-text", 'maintenance_known_until = "2025-03-31"\n', date(2025, 3, 31)),
    ("declared-before-a-window", "maintenance_known_until = 2024-08-31\n", date(2024, 8, 31)),
    (
        "a-later-window",
        WINDOW.format(start="2024-10-07T01:00:00+09:00", end="2024-10-07T06:00:00+09:00"),
        date(2024, 10, 7),
    ),
    (
        "an-earlier-window",
        WINDOW.format(start="2024-07-01T01:00:00+09:00", end="2024-07-01T06:00:00+09:00"),
        date(2024, 9, 30),
    ),
    (
        "across-midnight",
        WINDOW.format(start="2024-10-06T23:00:00+09:00", end="2024-10-07T02:00:00+09:00"),
        date(2024, 10, 7),
    ),
    (
        "ending-at-midnight",
        WINDOW.format(start="2024-10-06T22:00:00+09:00", end="2024-10-07T00:00:00+09:00"),
        date(2024, 10, 6),
    ),
    (
        "a-window-in-utc",
        WINDOW.format(start="2024-10-06T16:00:00Z", end="2024-10-06T21:00:00Z"),
        date(2024, 10, 7),
    ),
    ("no-shipped-no-window", "use_default_maintenance = false\n", None),
    (
        "no-shipped-an-earlier-window",
        "use_default_maintenance = false\n"
        + WINDOW.format(start="2024-08-05T01:00:00+09:00", end="2024-08-05T06:00:00+09:00"),
        date(2024, 8, 5),
    ),
    (
        "no-shipped-declared",
        "use_default_maintenance = false\nmaintenance_known_until = 2024-12-31\n",
        date(2024, 12, 31),
    ),
    # a recurrence covers up to its UNTIL day, the day its COUNT-th window ends, else its 20-year horizon
    ("recurrence-until", RECURRING.format(rule="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL=20301231"), date(2030, 12, 31)),
    ("recurrence-until-utc", RECURRING.format(rule="FREQ=WEEKLY;UNTIL=20301230T160000Z"), date(2030, 12, 31)),
    ("recurrence-count", RECURRING.format(rule="FREQ=WEEKLY;COUNT=3"), date(2030, 1, 21)),
    ("recurrence-open", RECURRING.format(rule="FREQ=WEEKLY;BYDAY=MO"), date(2050, 1, 6)),
]


def _config(head: str) -> str:
    """The keys of `head` at the top level (a [[maintenance]] table after them), then the account."""
    tables = head.find("[[")
    keys, windows = (head, "") if tables < 0 else (head[:tables], head[tables:])
    return keys + ACCOUNT + windows


@pytest.mark.parametrize(("head", "expected"), [c[1:] for c in KNOWN], ids=[c[0] for c in KNOWN])
def test_the_last_known_day_defaults_to_the_last_known_window(tmp_path: Path, head: str, expected: date | None) -> None:
    (tmp_path / "pasha.toml").write_text(_config(head), "utf-8")
    assert load_config(tmp_path / "pasha.toml").maintenance.known_until == expected


def test_the_last_known_day_in_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.pasha]\nmaintenance_known_until = 2025-01-31\n\n[tool.pasha.accounts.x]\n'
        'plan = "free"\n',
        "utf-8",
    )
    assert load_config(tmp_path / "pyproject.toml").maintenance.known_until == date(2025, 1, 31)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-02-30", "pasha.toml:1: TOML syntax error"),
        ('"2024-02-30"', "pasha.toml:1: maintenance_known_until: cannot use the date '2024-02-30'"),
        ("2299-01-01", "pasha.toml:1: maintenance_known_until: cannot use the date '2299-01-01'"),
        ('"2024/09/30"', "pasha.toml:1: `maintenance_known_until`"),
        ("2024-09-30T00:00:00+09:00", "pasha.toml:1: `maintenance_known_until`"),
        ("20240930", "pasha.toml:1: `maintenance_known_until`"),
    ],
)
def test_an_unusable_last_known_day_is_refused_at_its_line(tmp_path: Path, value: str, message: str) -> None:
    (tmp_path / "pasha.toml").write_text(f"maintenance_known_until = {value}\n{ACCOUNT}", "utf-8")
    for lang in ("en", "ja"):
        result = run(["validate", "--config", str(tmp_path / "pasha.toml"), "--now", NOW, "--lang", lang])
        assert result.exit_code == 2, result.output
        assert "Internal error" not in result.stderr
    assert message in run(["validate", "--config", str(tmp_path / "pasha.toml"), "--now", NOW]).stderr


# (publication time, status, the PSH305 message or None): the shipped schedule is known until 2024-09-30
BOUNDARY: list[tuple[str, str, str | None]] = [
    ("2024-09-30 23:59", "draft", None),  # the last known day itself
    ("2024-10-01 00:00", "draft", "default"),  # the next day
    ("2024-10-07 00:59", "draft", "default"),  # the next Monday, before the usual slot
    ("2024-10-07 01:00", "draft", "usual"),  # the usual slot's start is inside
    ("2024-10-07 05:59", "ready", "usual"),
    ("2024-10-07 06:00", "draft", "default"),  # its end is not
    ("2024-10-08 01:00", "draft", "default"),  # a Tuesday
    ("2024-10-07 03:00", "submitted", "usual"),
    ("2024-10-07 03:00", "published", None),  # not schedule-checked
    ("2024-10-07 03:00", "cancelled", None),
]
ENGLISH = {
    "default": "no maintenance schedule is known for publication {publish} (known until 2024-09-30; "
    "windows so far: Mondays 01:00-06:00 JST): add windows with `pasha maintenance import` or "
    "[[maintenance]] in pasha.toml",
    "usual": "publication {publish} is in the usual maintenance slot (Mondays 01:00-06:00 JST) on a day whose "
    "schedule is not known (known until 2024-09-30): it may well fall in a window",
}
JAPANESE = {
    "default": "公開 {publish} の日のメンテナンス予定は分かりません（分かっているのは 2024-09-30 まで、"
    "これまでの時間帯は毎週月曜 日本時間 01:00〜06:00）",
    "usual": "公開 {publish} はいつものメンテナンス時間（毎週月曜 日本時間 01:00〜06:00）に入っていて",
}


def _drafts(project: Project, rows: list[tuple[str, str, str | None]]) -> list[str]:
    names = []
    for n, (when, status, _) in enumerate(rows):
        submitted = "submitted_at: 2024-08-30 10:00\n" if status == "submitted" else ""
        project.draft(f"{n:02d}.yaml", f"account: x\nstatus: {status}\npublish_at: {when}\n{submitted}body: x\n")
        names.append(f"posts/{n:02d}.yaml")
    return names


def _findings(project: Project, *args: str) -> dict[str, list[dict[str, object]]]:
    result = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW, "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    found: dict[str, list[dict[str, object]]] = {}
    for finding in json.loads(result.stdout)["findings"]:
        found.setdefault(str(finding["path"]), []).append(finding)
    return found


@pytest.mark.parametrize(("lang", "texts"), [("en", ENGLISH), ("ja", JAPANESE)])
def test_psh305_at_the_coverage_boundary(tmp_path: Path, lang: str, texts: dict[str, str]) -> None:
    project = Project(tmp_path, ACCOUNT)
    names = _drafts(project, BOUNDARY)
    found = _findings(project, "--lang", lang)
    for name, (when, _, message) in zip(names, BOUNDARY, strict=True):
        ours = [f for f in found.get(name, []) if f["code"] == "PSH305"]
        if message is None:
            assert ours == [], (when, ours)
            continue
        assert [(f["severity"], f["field"], f["line"]) for f in ours] == [("warning", "publish_at", 3)], when
        assert texts[message].format(publish=when) in str(ours[0]["message"]), (when, ours[0]["message"])
    assert set(found) - set(names) == set()  # nothing else, on the config either


def test_psh305_when_no_schedule_is_known_at_all_and_once_it_is(tmp_path: Path) -> None:
    project = Project(tmp_path, "use_default_maintenance = false\n" + ACCOUNT)
    project.draft("a.yaml", "account: x\npublish_at: 2024-10-14 03:00\nbody: x\n")
    (finding,) = _findings(project)["posts/a.yaml"]
    assert finding["code"] == "PSH305" and "no maintenance schedule is known at all" in str(finding["message"])
    project.write("pasha.toml", "use_default_maintenance = false\nmaintenance_known_until = 2024-12-31\n" + ACCOUNT)
    assert _findings(project) == {}  # known, and no window: nothing to say


def test_psh305_follows_the_project_schedule_and_its_severity(tmp_path: Path) -> None:
    window = WINDOW.format(start="2024-10-07T01:00:00+09:00", end="2024-10-07T06:00:00+09:00")
    project = Project(tmp_path, ACCOUNT + window)
    project.draft("in.yaml", "account: x\npublish_at: 2024-10-07 03:00\nbody: x\n")
    project.draft("after.yaml", "account: x\npublish_at: 2024-10-08 00:00\nbody: x\n")
    found = _findings(project)
    assert [f["code"] for f in found["posts/in.yaml"]] == ["PSH302"]  # the window is known: an error, not a guess
    assert [f["code"] for f in found["posts/after.yaml"]] == ["PSH305"]
    project.write("pasha.toml", '[severity]\nPSH305 = "error"\n\n' + ACCOUNT + window)
    result = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW, "--select", "PSH305"])
    assert result.exit_code == 1 and "PSH305  error" in result.stdout


def _calendar(project: Project, month: str, *extra: str) -> dict[str, object]:
    result = run(["calendar", "--config", str(project.root / "pasha.toml"), "--now", NOW, "--month", month, *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "json" in extra else {"text": result.stdout}


def test_the_calendar_json_marks_the_days_beyond_the_schedule(tmp_path: Path) -> None:
    project = Project(tmp_path, ACCOUNT)
    month = _calendar(project, "2024-10", "--format", "json")
    assert month["maintenance_known_until"] == "2024-09-30"
    days = {d["date"]: d for d in month["days"]}  # type: ignore[attr-defined]
    assert not any(d["maintenance_known"] for d in days.values())
    usual = {day for day, d in days.items() if d["maintenance_usual"]}
    assert usual == {"2024-10-07", "2024-10-14", "2024-10-21", "2024-10-28"}  # the Mondays
    assert days["2024-10-07"]["maintenance_usual"] == {"start": "01:00", "end": "06:00"}
    september = {d["date"]: d for d in _calendar(project, "2024-09", "--format", "json")["days"]}  # type: ignore[attr-defined]
    assert all(d["maintenance_known"] and d["maintenance_usual"] is None for d in september.values())
    assert september["2024-09-30"]["maintenance"] == [
        {"start": "2024-09-30T01:00:00+09:00", "end": "2024-09-30T06:00:00+09:00"}
    ]


@pytest.mark.parametrize(
    ("width", "lang", "note", "usual"),
    [
        (120, "en", "?: no maintenance schedule is known after 2024-09-30", "maint.? 01:00-06:00"),
        (60, "en", "?: no maintenance schedule is known after 2024-09-30", "maint.? 01:00-06:00"),
        (60, "ja", "?: 2024-09-30 より後のメンテナンス予定は分かりません", "メンテ? 01:00-06:00"),
    ],
)
def test_the_calendar_text_marks_the_days_beyond_the_schedule(
    tmp_path: Path, width: int, lang: str, note: str, usual: str
) -> None:
    project = Project(tmp_path, ACCOUNT)
    text = str(_calendar(project, "2024-10", "--width", str(width), "--lang", lang)["text"])
    flat = "".join(text.split())  # wherever the lines wrap
    assert "".join(note.split()) in flat and usual.split(maxsplit=1)[0] in text  # a grid's cell may fold the times
    assert "31?" in text and "7?" in text
    september = str(_calendar(project, "2024-09", "--width", str(width), "--lang", lang)["text"])
    assert "?" not in september  # every day of it is known


def test_slots_mark_the_days_beyond_the_schedule(tmp_path: Path) -> None:
    project = Project(tmp_path, ACCOUNT)
    args = ["slots", "--account", "x", "--config", str(project.root / "pasha.toml"), "--now", "2024-09-24 10:00"]
    document = json.loads(run([*args, "--count", "6", "--format", "json"]).stdout)
    assert document["maintenance_known_until"] == "2024-09-30"
    assert [(s["publish_at"][:10], s["maintenance_known"]) for s in document["slots"]] == [
        ("2024-09-27", True),
        ("2024-09-28", True),
        ("2024-09-29", True),
        ("2024-09-30", True),
        ("2024-10-01", False),
        ("2024-10-02", False),
    ]
    lines = run([*args, "--count", "6"]).stdout.splitlines()
    assert [line.endswith("  ?") for line in lines[1:7]] == [False] * 4 + [True] * 2
    assert lines[7].startswith("?: no maintenance schedule is known after 2024-09-30 (windows so far: Mondays")
    assert len(run([*args, "--count", "4"]).stdout.splitlines()) == 5  # all known: no note
