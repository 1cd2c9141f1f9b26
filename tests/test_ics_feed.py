"""The calendar feed survives real use: a UID that outlives a move or a rename, a SEQUENCE that grows
with every edit, the same bytes for the same files, titles cut as a reader counts characters.

Every feed is read back by icalendar (what pasha writes with) and by vobject, an independent
parser (its own grammar and VTIMEZONE handling, the one Radicale serves calendars with)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import vobject
from icalendar import Calendar

from pasha_cli.plan.revisions import sequence
from tests.conftest import BASE_CONFIG, Project, run

NOW = "2030-03-01 12:00"
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # one character: a family
FLAG = "\U0001f1ef\U0001f1f5"  # one character: the flag of Japan
T1, T2, T3 = (datetime(2030, 2, day, 9, 30, 15, tzinfo=UTC) for day in (1, 2, 3))


class Event(dict[str, Any]):
    """One VEVENT as both parsers read it (they must agree)."""


def _feed(project: Project | Path, *extra: str, now: str = NOW) -> bytes:
    root = project if isinstance(project, Path) else project.root
    result = run(["ics", "--now", now, "--config", str(root / "pasha.toml"), *extra])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def _events(data: bytes) -> dict[str, Event]:
    """Events by UID, read by icalendar and by vobject, and checked to agree."""
    parsed = Calendar.from_ical(data).walk("VEVENT")
    ours = {str(e["uid"]): e for e in parsed}
    theirs = {e.uid.value: e for e in vobject.readOne(data.decode("utf-8")).vevent_list}
    assert set(ours) == set(theirs) and len(ours) == len(parsed)
    events = {}
    for key, a in ours.items():
        b = theirs[key]
        event = Event(
            summary=str(a["summary"]),
            sequence=int(a["sequence"]),
            dtstamp=a.decoded("dtstamp"),
            modified=a.decoded("last-modified"),
            start=a.decoded("dtstart"),
        )
        assert event["summary"] == b.summary.value
        assert event["sequence"] == int(b.sequence.value)
        assert event["dtstamp"] == b.dtstamp.value == event["modified"] == b.last_modified.value
        assert event["start"] == b.dtstart.value and event["start"].utcoffset() == b.dtstart.value.utcoffset()
        events[key] = event
    return events


def _posts(data: bytes) -> dict[str, Event]:
    return {k: v for k, v in _events(data).items() if k.startswith("post-")}


def _git(cwd: Path, *args: str, when: datetime | None = None) -> None:
    stamp = (when or T1).isoformat()
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com",
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_DATE": stamp,
        },
    )


def _commit(project: Project, when: datetime, message: str = "edit") -> None:
    _git(project.root, "add", "-A")
    _git(project.root, "commit", "-qm", message, when=when)


def _touch(path: Path, when: datetime) -> None:
    os.utime(path, (when.timestamp(), when.timestamp()))


DRAFT = "account: free\npublish_at: 2030-05-07 09:00\nbody: 新茶の季節\n"
ID = "3f2b8c1e-9d4a-4f6b-8e2a-1c5d7e9f0a1b"


def _move(project: Project, old: str, new: str) -> None:
    target = project.root / new
    target.parent.mkdir(parents=True, exist_ok=True)
    (project.root / old).rename(target)


# (id, the draft's id line, the move, whether its events keep their UIDs)
MOVES: list[tuple[str, str, tuple[str, str], bool]] = [
    ("id-next-month-folder", f"id: {ID}\n", ("posts/2030-05/tea.yaml", "posts/2030-06/tea.yaml"), True),
    ("id-renamed", f"id: {ID}\n", ("posts/2030-05/tea.yaml", "posts/2030-05/2030-05-07-free.yaml"), True),
    ("id-moved-and-renamed", f"id: {ID}\n", ("posts/2030-05/tea.yaml", "posts/archive/x.yaml"), True),
    ("slug-id-moved", "id: summer-tea\n", ("posts/2030-05/tea.yaml", "posts/2030-06/tea.yaml"), True),
    ("no-id-moved", "", ("posts/2030-05/tea.yaml", "posts/2030-06/tea.yaml"), False),  # the path fallback
    ("malformed-id-moved", "id: x y\n", ("posts/2030-05/tea.yaml", "posts/2030-06/tea.yaml"), False),
]


@pytest.mark.parametrize(("line", "move", "kept"), [c[1:] for c in MOVES], ids=[c[0] for c in MOVES])
def test_uids_survive_a_move_when_the_draft_has_an_id(
    project: Project, line: str, move: tuple[str, str], kept: bool
) -> None:
    project.write(move[0], DRAFT + line)
    project.draft("other.yaml", "account: paid\npublish_at: 2030-05-09 09:00\nbody: x\n")
    before = set(_events(_feed(project)))
    _move(project, *move)
    after = set(_events(_feed(project)))
    assert len(before) == len(after) == 4  # a post and its deadline each
    assert (before == after) is kept
    assert len(before & after) == (4 if kept else 2)  # the other draft's stay in any case


def test_the_id_ignores_case_and_the_fallback_is_the_path_as_before(project: Project) -> None:
    import hashlib

    project.draft("a.yaml", DRAFT + f"id: {ID.upper()}\n")
    project.draft("b.yaml", DRAFT.replace("05-07", "05-08"))
    upper = set(_posts(_feed(project)))
    project.draft("a.yaml", DRAFT + f"id: {ID}\n")
    assert set(_posts(_feed(project))) == upper
    # a draft without an id keeps the UID feeds had before ids existed: imported calendars keep their events
    legacy = f"post-{hashlib.sha1(b'posts/b.yaml|post').hexdigest()[:24]}@pasha-cli"
    assert legacy in upper


def test_an_id_belongs_to_its_account(project: Project) -> None:
    project.draft("a.yaml", DRAFT + "id: summer-tea\n")
    first = set(_posts(_feed(project)))
    project.draft("a.yaml", DRAFT.replace("free", "paid") + "id: summer-tea\n")
    assert set(_posts(_feed(project))) != first  # another brand's post is another event


def _sequences(data: bytes) -> dict[str, int]:
    return {k.split("-", 1)[0]: v["sequence"] for k, v in _events(data).items()}


@pytest.mark.parametrize("where", ["not-a-repository", "no-git-installed"])
def test_outside_git_an_edit_raises_sequence_and_the_feed_is_the_same_bytes_whenever_made(
    project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory, where: str
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(project.root.parent))  # whatever holds the test folder
    if where == "no-git-installed":
        monkeypatch.setenv("PATH", str(tmp_path_factory.mktemp("empty-path")))
    draft = project.draft("a.yaml", DRAFT + f"id: {ID}\n")
    _touch(draft, T1)
    _touch(project.root / "pasha.toml", T1)
    first = _feed(project)
    assert _feed(project, now="2030-04-20 08:00") == first  # the clock is not in the feed
    events = _events(first)
    assert all(e["sequence"] == sequence(T1) and e["dtstamp"] == T1.replace(microsecond=0) for e in events.values())
    draft.write_text(DRAFT.replace("09:00", "11:00") + f"id: {ID}\n", "utf-8")
    _touch(draft, T2)
    second = _events(_feed(project))
    assert set(second) == set(events)
    assert all(second[k]["sequence"] > events[k]["sequence"] for k in events)
    assert all(e["dtstamp"] == T2 for e in second.values())


@pytest.fixture
def repo(project: Project) -> Project:
    if shutil.which("git") is None:
        pytest.skip("no git here")
    _git(project.root, "init", "-q")
    project.write("posts/2030-05/a.yaml", DRAFT + f"id: {ID}\n")
    project.draft("b.yaml", DRAFT.replace("05-07", "05-08"))
    _commit(project, T1, "first")
    return project


def test_in_git_a_committed_edit_raises_sequence(repo: Project) -> None:
    first = _events(_feed(repo))
    assert {e["sequence"] for e in first.values()} == {sequence(T1)}
    repo.write("posts/2030-05/a.yaml", DRAFT.replace("09:00", "11:00") + f"id: {ID}\n")
    _commit(repo, T2)
    second = _events(_feed(repo))
    raised = {k for k in first if second[k]["sequence"] > first[k]["sequence"]}
    assert len(raised) == 2 and all(second[k]["dtstamp"] == T2 for k in raised)  # a's post and deadline
    assert all(second[k] == first[k] for k in first if k not in raised)  # b did not change


def test_in_git_a_move_keeps_the_uid_and_raises_sequence(repo: Project) -> None:
    first = _events(_feed(repo))
    _git(repo.root, "mv", "posts/2030-05/a.yaml", "posts/2030-06-a.yaml")
    _commit(repo, T2, "move")
    second = _events(_feed(repo))
    assert set(second) == set(first)
    assert sorted(second[k]["sequence"] - first[k]["sequence"] for k in first) == [0, 0, 1440, 1440]


def test_in_git_an_uncommitted_edit_counts_from_its_modification_time(repo: Project) -> None:
    before = _events(_feed(repo))
    draft = repo.root / "posts" / "b.yaml"
    draft.write_text(DRAFT.replace("05-07", "05-09"), "utf-8")
    _touch(draft, T2)  # edited after the commit, not committed yet
    edited = _events(_feed(repo))
    changed = {k for k in edited if k not in before or edited[k] != before[k]}
    assert len(changed) == 2 and {edited[k]["sequence"] for k in changed} == {sequence(T2)}
    _commit(repo, T3)  # committed later on: the commit's time
    committed = _events(_feed(repo))
    assert {committed[k]["sequence"] for k in changed} == {sequence(T3)}
    assert all(committed[k] == before[k] for k in before if k not in changed)


@pytest.mark.parametrize("state", ["untracked", "staged", "ignored"])
def test_in_git_a_draft_never_committed_counts_from_its_modification_time(repo: Project, state: str) -> None:
    draft = repo.draft("new.yaml", DRAFT.replace("05-07", "05-20"))
    _touch(draft, T3)
    if state == "staged":
        _git(repo.root, "add", "posts/new.yaml")
    elif state == "ignored":
        repo.write(".gitignore", "posts/new.yaml\n")
    events = _events(_feed(repo))
    assert {e["sequence"] for e in events.values() if e["start"].day in (20, 15)} == {sequence(T3)}
    assert {e["sequence"] for e in events.values() if e["start"].day not in (20, 15)} == {sequence(T1)}


def test_in_git_the_feed_is_the_same_on_every_clone(repo: Project, tmp_path_factory: pytest.TempPathFactory) -> None:
    made = _feed(repo)
    clone = tmp_path_factory.mktemp("clone") / "project"
    subprocess.run(["git", "clone", "-q", str(repo.root), str(clone)], check=True, capture_output=True)
    for path in clone.rglob("*.yaml"):
        _touch(path, T3)  # a checkout's modification times are the checkout's: not the drafts' revisions
    assert _feed(clone, now="2031-01-01 00:00") == made


def test_a_config_change_moves_deadlines_and_raises_their_sequence_only(repo: Project) -> None:
    first = _events(_feed(repo))
    config = (repo.root / "pasha.toml").read_text("utf-8")
    repo.write("pasha.toml", config.replace("[accounts.free]", "lead_business_days = 5\n\n[accounts.free]"))
    _commit(repo, T2, "longer lead time")
    second = _events(_feed(repo))
    for key in first:
        grew = second[key]["sequence"] > first[key]["sequence"]
        assert grew is key.startswith("deadline-"), key


def _title(project: Project, body: str, lang: str = "en") -> str:
    project.draft("a.json", json.dumps({"account": "free", "publish_at": "2030-05-07 09:00", "body": body}))
    summaries = [e["summary"] for e in _posts(_feed(project, "--lang", lang)).values()]
    assert len(summaries) == 1
    prefix = "公開: free " if lang == "ja" else "Post: free "
    assert summaries[0].startswith(prefix)
    return summaries[0][len(prefix) :]


# (id, body, the event's title): 40 characters as a reader counts them, of the first line with text
TITLES: list[tuple[str, str, str]] = [
    ("short", "新茶の季節です", "新茶の季節です"),
    ("first-line-only", "一行目\n二行目", "一行目"),
    ("exactly-40", "あ" * 40, "あ" * 40),
    ("cut-at-40", "あ" * 41, "あ" * 40 + "…"),
    ("family-at-the-cut", "あ" * 39 + FAMILY + "のお出かけに", "あ" * 39 + FAMILY + "…"),
    ("flag-at-the-cut", "い" * 39 + FLAG + FLAG, "い" * 39 + FLAG + "…"),
    ("combining-at-the-cut", "う" * 39 + "か\u3099" + "き", "う" * 39 + "か\u3099…"),  # が, decomposed (macOS)
    ("blank-first-lines", "\n\n   \n夏の新作", "夏の新作"),
    ("ideographic-space-line", "\u3000\u3000\nお知らせ", "お知らせ"),
    ("crlf", "\r\n\r\nお知らせ\r\n本文", "お知らせ"),
    ("spaces-around", "   お知らせ   ", "お知らせ"),
    ("blank-body", "  \n \n", "(no text)"),
    ("empty-body", "", "(no text)"),
    ("hidden-characters-shown", "\u202eお知らせ", "<U+202E>お知らせ"),
]


@pytest.mark.parametrize(("body", "expected"), [c[1:] for c in TITLES], ids=[c[0] for c in TITLES])
def test_titles_are_cut_on_graphemes_from_the_first_line_with_text(project: Project, body: str, expected: str) -> None:
    assert _title(project, body) == expected


def test_the_placeholder_title_speaks_japanese(project: Project) -> None:
    assert _title(project, "\n\n", "ja") == "（本文なし）"


def test_times_are_japan_time_in_both_readers_far_ahead_too(project: Project) -> None:
    project.draft("a.yaml", "account: paid\npublish_at: 2150-07-16 10:00\nbody: x\n")  # past the VTIMEZONE's 2038
    starts = sorted(e["start"] for e in _events(_feed(project)).values())
    assert {s.utcoffset().total_seconds() for s in starts} == {9 * 3600}  # type: ignore[union-attr]
    assert starts[-1].isoformat() == "2150-07-16T10:00:00+09:00"
    assert starts[0].strftime("%H:%M:%S") == "22:59:59"  # an hour before the deadline's end of day


# (id, the drafts as (path, account, id line), how many of them keep their id's UIDs)
COPIES: list[tuple[str, list[tuple[str, str, str]], int]] = [
    ("copied-draft", [("a.yaml", "free", f"id: {ID}\n"), ("b.yaml", "free", f"id: {ID}\n")], 0),
    ("copied-id-other-case", [("a.yaml", "free", f"id: {ID}\n"), ("b.yaml", "free", f"id: {ID.upper()}\n")], 0),
    (
        "three-copies-and-one-own",
        [
            ("a.yaml", "free", "id: summer-tea\n"),
            ("b.yaml", "free", "id: summer-tea\n"),
            ("c.yaml", "free", "id: summer-tea\n"),
            ("d.yaml", "free", "id: winter-cake\n"),
        ],
        1,
    ),
    ("same-id-other-account", [("a.yaml", "free", "id: summer-tea\n"), ("b.yaml", "paid", "id: summer-tea\n")], 2),
    ("no-ids", [("a.yaml", "free", ""), ("b.yaml", "free", "")], 0),
]


@pytest.mark.parametrize(("drafts", "by_id"), [c[1:] for c in COPIES], ids=[c[0] for c in COPIES])
def test_a_copied_id_never_gives_two_events_one_uid(
    project: Project, drafts: list[tuple[str, str, str]], by_id: int
) -> None:
    for day, (name, account, line) in enumerate(drafts, 7):
        project.draft(name, DRAFT.replace("free", account).replace("05-07", f"05-{day:02d}") + line)
    data = _feed(project)
    uids = [str(e["uid"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    assert len(uids) == len(set(uids)) == 2 * len(drafts)  # _events: vobject reads the same
    assert len(_events(data)) == 2 * len(drafts)
    kept = set()
    for name, _account, line in drafts:  # the UIDs a draft has alone in its project
        single = Project(project.root / f"alone-{name}", (project.root / "pasha.toml").read_text("utf-8"))
        single.draft(name, (project.root / "posts" / name).read_text("utf-8"))
        kept |= set(_posts(_feed(single))) & set(uids) if line else set()
    assert len(kept) == by_id


def test_the_feeds_time_zone_is_what_icalendar_and_tzdata_say_for_japan() -> None:
    """pasha writes Asia/Tokyo's VTIMEZONE itself (icalendar takes a scan of 68 years to find it): the
    same standard time icalendar derives from the installed tzdata, and no other offset and no
    daylight saving in any year a post can be planned for."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from icalendar import Timezone

    from pasha_cli.plan.ics import _japan_time
    from pasha_cli.timeutil import MAX_YEAR, MIN_YEAR

    derived = Timezone.from_tzid("Asia/Tokyo")
    ours = _japan_time()
    assert [c.to_ical() for c in ours.subcomponents] == [c.to_ical() for c in derived.subcomponents]
    assert ours["tzid"] == derived["tzid"] == "Asia/Tokyo"
    tokyo = ZoneInfo("Asia/Tokyo")
    for year in range(MIN_YEAR, MAX_YEAR + 1):
        for month in (1, 4, 7, 10):
            moment = datetime(year, month, 1, 12, tzinfo=tokyo)
            assert moment.utcoffset() == timedelta(hours=9) and moment.dst() == timedelta(0), moment


def test_the_time_zone_comes_before_the_events_and_once(project: Project) -> None:
    project.draft("a.yaml", "account: free\npublish_at: 2040-04-16 10:00\nbody: x\n")
    data = _feed(project, now="2040-04-01 10:00")  # beyond 2038, where icalendar's zone said it ended
    names = [c.name for c in Calendar.from_ical(data).subcomponents]
    assert names[0] == "VTIMEZONE" and names.count("VTIMEZONE") == 1 and "VEVENT" in names
    assert b"COMMENT" not in data
    event = next(vobject.readComponents(data.decode())).vevent_list[0]
    assert event.dtstart.value.utcoffset().total_seconds() == 9 * 3600


MAINTENANCE_CONFIG = (
    BASE_CONFIG
    + """
[[maintenance]]
start = 2030-05-13T01:00:00+09:00
end = 2030-05-13T06:00:00+09:00

[[maintenance]]
rrule = "DTSTART;TZID=Asia/Tokyo:20300603T010000\\nRRULE:FREQ=MONTHLY;BYDAY=1MO;COUNT=6"
duration = "PT5H"

[[maintenance]]
start = 2031-01-06T01:00:00+09:00
end = 2031-01-06T06:00:00+09:00
"""
)
# the feed's months run from July 2024 (the published post) to July 2030 (the last post): the shipped
# windows, the project's May window and the recurrence's first two; not its later ones, nor 2031's
FEED_WINDOWS = [
    *(f"2024-{day}T01:00:00+09:00" for day in ("07-08", "07-22", "08-05", "08-26", "09-09", "09-30")),
    "2030-05-13T01:00:00+09:00",
    "2030-06-03T01:00:00+09:00",
    "2030-07-01T01:00:00+09:00",
]


def _maintenance_project(root: Path) -> Project:
    project = Project(root, MAINTENANCE_CONFIG)
    project.draft("a.yaml", "account: paid\npublish_at: 2030-05-20 10:00\nbody: x\n")
    project.draft("b.yaml", "account: paid\npublish_at: 2030-07-16 10:00\nbody: x\n")
    project.draft("c.yaml", "account: paid\nstatus: published\npublish_at: 2024-07-10 10:00\nbody: x\n")
    return project


def _windows(data: bytes) -> dict[str, Event]:
    return {k: v for k, v in _events(data).items() if k.startswith("maintenance-")}


def test_the_feed_holds_the_maintenance_windows_of_its_months(tmp_path: Path) -> None:
    project = _maintenance_project(tmp_path / "one")
    data = _feed(project, "--maintenance")
    windows = _windows(data)
    assert sorted(e["start"].isoformat() for e in windows.values()) == FEED_WINDOWS
    assert {e["sequence"] for e in windows.values()} == {sequence(datetime(2000, 1, 1, tzinfo=UTC))}
    assert {e["summary"] for e in windows.values()} == {"Pasha maintenance: ads that lead to Pasha may need stopping"}
    for event in Calendar.from_ical(data).walk("VEVENT"):
        if str(event["uid"]) in windows:  # Asia/Tokyo, as the feed's own VTIMEZONE names it
            assert event["dtstart"].params["TZID"] == event["dtend"].params["TZID"] == "Asia/Tokyo"
    assert b"DTSTART;TZID=Asia/Tokyo:20300513T010000\r\nDTEND;TZID=Asia/Tokyo:20300513T060000\r\n" in data
    for event in vobject.readOne(data.decode("utf-8")).vevent_list:
        if event.uid.value in windows:  # five hours, in Japan time
            assert event.dtend.value - event.dtstart.value == timedelta(hours=5)
            assert event.dtstart.value.utcoffset() == timedelta(hours=9)
            assert event.categories.value == ["pasha", "maintenance"]
    assert _windows(_feed(project)) == {}  # only when asked
    assert len(_events(data)) == len(_events(_feed(project))) + len(FEED_WINDOWS)  # the posts' events stay


def test_maintenance_uids_are_the_same_on_every_run_and_machine(tmp_path: Path) -> None:
    one, other = _maintenance_project(tmp_path / "one"), _maintenance_project(tmp_path / "elsewhere" / "two")
    first = _feed(one, "--maintenance")
    assert _feed(one, "--maintenance") == first
    assert set(_windows(_feed(other, "--maintenance", now="2031-06-01 09:00"))) == set(_windows(first))
    # a window that moves is another window; the others keep their UIDs
    one.write("pasha.toml", MAINTENANCE_CONFIG.replace("2030-05-13T06:00", "2030-05-13T07:00"))
    moved = _windows(_feed(one, "--maintenance"))
    assert len(set(moved) - set(_windows(first))) == 1 and len(set(_windows(first)) - set(moved)) == 1


def test_maintenance_events_speak_japanese(tmp_path: Path) -> None:
    project = _maintenance_project(tmp_path)
    windows = _windows(_feed(project, "--maintenance", "--lang", "ja"))
    assert {e["summary"] for e in windows.values()} == {
        "Pasha メンテナンス: Pasha へ誘導する広告は配信停止が必要な場合があります"
    }


def test_a_feed_without_posts_has_no_months_and_no_windows(project: Project) -> None:
    assert Calendar.from_ical(_feed(project, "--maintenance")).walk("VEVENT") == []


def _daily(minute: int) -> str:
    """A recurrence of two windows a day for 20 years: 14,610 windows, within one rule's bound."""
    return (
        f'\n[[maintenance]]\nrrule = "FREQ=DAILY;BYHOUR=1,2"\n'
        f'start = 2030-01-07T01:{minute:02d}:00+09:00\nduration = "PT10M"\n'
    )


@pytest.mark.parametrize(
    ("rules", "code"),
    [  # one rule; the same rule twice (one set of windows); two rules
        pytest.param((0,), 0, marks=pytest.mark.slow, id="one-rule"),
        pytest.param((0, 0), 0, marks=pytest.mark.slow, id="one-rule-twice"),
        pytest.param((0, 30), 2, id="two-rules"),
    ],
)
def test_a_feed_holds_at_most_a_rules_bound_of_windows(tmp_path: Path, rules: tuple[int, ...], code: int) -> None:
    """Each recurrence is bounded alone; a feed over the years of its posts is bounded too: past
    20,000 distinct windows it is refused (exit 2) before any event is made, never millions of them."""
    project = Project(tmp_path, BASE_CONFIG + "".join(_daily(m) for m in rules))
    project.draft("a.yaml", "account: paid\npublish_at: 2030-05-20 10:00\nbody: x\n")
    project.draft("b.yaml", "account: paid\npublish_at: 2049-05-20 10:00\nbody: x\n")
    result = run(["ics", "--now", NOW, "--config", str(project.root / "pasha.toml"), "--maintenance"])
    assert result.exit_code == code, result.output
    if not code:  # every window of the rule in the feed's months, once: 2030-05-01 to 2049-05-31
        assert result.stdout_bytes.count(b"UID:maintenance-") == 2 * (date(2049, 6, 1) - date(2030, 5, 1)).days
    else:
        assert result.stdout == "" and "hold more than 20,000 maintenance windows" in result.stderr
        assert _feed(project).count(b"BEGIN:VEVENT") == 4  # without --maintenance: the posts and deadlines
