"""`pasha maintenance import` (the notice as printed -> [[maintenance]] entries, every other byte kept)
and `pasha maintenance list` (the windows in force, with where each comes from)."""

from __future__ import annotations

import json
import tomllib
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from pasha_cli.jpcalendar import Origin, Window
from pasha_cli.plan import maintenance as plan
from pasha_cli.plan.notice import MAX_NOTICE_BYTES, MAX_ROWS, NoticeError, decode_notice, parse_notice
from pasha_cli.project.config import load_config
from pasha_cli.project.config_edit import add_windows
from pasha_cli.project.spec import load_spec
from pasha_cli.timeutil import JST
from tests.conftest import BASE_CONFIG as TESTS_CONFIG
from tests.conftest import _Main, run

SEED = Path(__file__).parent / "data" / "notice-2024-06.txt"
# the tests' config, without the far coverage date the other tests use: the import moves it on
BASE_CONFIG = TESTS_CONFIG.replace("maintenance_known_until = 2199-12-31\n", "")
assert BASE_CONFIG != TESTS_CONFIG
OWN_ONLY = "use_default_maintenance = false\n" + BASE_CONFIG  # the shipped windows are not in force


def _w(day: str, start: str, end: str, end_day: str | None = None) -> Window:
    def at(d: str, hm: str) -> datetime:
        return datetime.fromisoformat(f"{d}T{hm}").replace(tzinfo=JST)

    return Window(at(day, start), at(end_day or day, end))


def _windows(text: str) -> list[Window]:
    return [row.window for row in parse_notice(text)]


def _import(root: Path, *args: str, config: str = "pasha.toml") -> tuple[int, str, str]:
    result = run(["maintenance", "import", *args, "--config", str(root / config)])
    return result.exit_code, result.stdout, result.stderr


# --- the seed: the 2024-06 notice gives exactly the shipped windows ---


def test_the_seed_notice_gives_exactly_the_shipped_windows() -> None:
    shipped = [Window(s, e) for s, e in load_spec("2024-06").maintenance]
    assert len(shipped) == 6
    assert _windows(SEED.read_text("utf-8")) == shipped
    assert [row.line for row in parse_notice(SEED.read_text("utf-8"))] == [2, 3, 4, 5, 6, 7]


def test_importing_the_seed_into_a_project_without_the_shipped_schedule(tmp_path: Path) -> None:
    (tmp_path / "pasha.toml").write_text(OWN_ONLY, "utf-8")
    code, out, _ = _import(tmp_path, str(SEED))
    assert code == 0 and "Added 6 windows to" in out
    config = load_config(tmp_path / "pasha.toml")
    assert list(config.maintenance.windows) == [Window(s, e) for s, e in load_spec().maintenance]
    assert config.maintenance.origins == tuple(Origin(entry=i) for i in range(6))
    assert "\nmaintenance_known_until = 2024-09-30\n" in (tmp_path / "pasha.toml").read_text("utf-8")


def test_importing_the_seed_where_it_is_shipped_skips_all_six(tmp_path: Path) -> None:
    (tmp_path / "pasha.toml").write_text(BASE_CONFIG, "utf-8")
    code, out, _ = _import(tmp_path, str(SEED))
    assert code == 0 and out.startswith("Nothing to add to ") and out.count("  = 2024-") == 6
    # the shipped schedule is known to its last day already: no byte changes
    assert out.endswith("maintenance_known_until stays 2024-09-30 (the notice's last day is not later)\n")
    assert (tmp_path / "pasha.toml").read_text("utf-8") == BASE_CONFIG


def test_an_older_notice_never_shortens_the_known_schedule(tmp_path: Path) -> None:
    """With no date in the file, the day known is the default (the shipped schedule's last day):
    a notice that ends before it adds its windows and leaves the date alone."""
    notice = tmp_path / "notice.txt"
    notice.write_text("2024 6 24 月曜 AM1:00-AM6:00\n", "utf-8")
    (tmp_path / "pasha.toml").write_text(BASE_CONFIG, "utf-8")
    code, out, _ = _import(tmp_path, str(notice))
    assert code == 0 and "maintenance_known_until stays 2024-09-30" in out
    assert "maintenance_known_until" not in (tmp_path / "pasha.toml").read_text("utf-8")


# --- the rows as Rakuten prints them, and messier pastes ---

J = "2024-07-08"  # a Monday
READ = [
    ("2024 7 8 月曜 AM1:00-AM6:00", [_w(J, "01:00", "06:00")]),
    ("２０２４　７　８　月曜　ＡＭ１：００－ＡＭ６：００", [_w(J, "01:00", "06:00")]),  # full-width
    ("  2024   7  8    月曜    AM1:00 -  AM6:00  ", [_w(J, "01:00", "06:00")]),  # extra spaces
    ("2024\t7\t8\t月曜\tAM1:00～AM6:00", [_w(J, "01:00", "06:00")]),  # a table pasted with tabs
    ("| 2024 | 7 | 8 | 月曜 | AM1:00-AM6:00 |", [_w(J, "01:00", "06:00")]),  # a Markdown table
    ("2024 7 8 AM1:00-AM6:00", [_w(J, "01:00", "06:00")]),  # no weekday
    ("2024年7月8日（月）午前1時〜午前6時", [_w(J, "01:00", "06:00")]),
    ("2024/07/08 (月曜日) 01:00~06:00", [_w(J, "01:00", "06:00")]),
    ("2024-07-08 月 1:00AM－6:00AM", [_w(J, "01:00", "06:00")]),
    ("・2024年7月8日(月) 1時30分から5時", [_w(J, "01:30", "05:00")]),
    ("2024 7 8 月曜 AM12:00-AM6:00", [_w(J, "00:00", "06:00")]),  # AM12 is midnight
    ("2024 7 8 月曜 午前0時-午前6時", [_w(J, "00:00", "06:00")]),
    ("2024 7 8 月曜 PM12:00-PM1:00", [_w(J, "12:00", "13:00")]),  # PM12 is noon
    ("2024 7 8 月曜 午後0時～午後5時", [_w(J, "12:00", "17:00")]),
    ("2024 7 8 月曜 AM11:00-PM12:30", [_w(J, "11:00", "12:30")]),
    ("2024 7 8 月曜 午後1時～5時", [_w(J, "13:00", "17:00")]),  # the end takes the start's PM
    ("2024 7 8 月曜 PM11:00-PM11:59", [_w(J, "23:00", "23:59")]),
    ("2024 7 8 月曜 12:30AM-1:00AM", [_w(J, "00:30", "01:00")]),  # 12:30 AM is half past midnight
    ("2024 7 8 月曜 11:30 a.m. - 12:15 p.m.", [_w(J, "11:30", "12:15")]),
    ("2024 7 8 月曜 0:00-6:00", [_w(J, "00:00", "06:00")]),
    ("2024 7 8 月曜 22:00-24:00", [_w(J, "22:00", "00:00", "2024-07-09")]),  # 24:00 ends the day
    ("2024年\n7 8 月曜 AM1:00-AM6:00", [_w(J, "01:00", "06:00")]),  # a year heading
    (
        "2024 12 23 月曜 AM1:00-AM6:00\n2025 1 6 月曜 AM1:00-AM6:00\n1 20 月曜 AM1:00-AM6:00",  # a year change
        [_w("2024-12-23", "01:00", "06:00"), _w("2025-01-06", "01:00", "06:00"), _w("2025-01-20", "01:00", "06:00")],
    ),
    ("\ufeff年 月 日\r\n2024 7 8 月曜 AM1:00-AM6:00\r\n\r\n※作業時間は約5時間です\r\n", [_w(J, "01:00", "06:00")]),
    (
        "2024 7 8 月曜 AM1:00-AM6:00\n1. 対象: 全店舗\n3-4 時間程度\n2024年6月\n合計 1 件",
        [_w(J, "01:00", "06:00")],
    ),  # notes
    # 日 after the day: its suffix in the 月 form, else the weekday (Sunday), checked
    ("2024/07/07 日 01:00-06:00", [_w("2024-07-07", "01:00", "06:00")]),
    ("2024年7月8 日 AM1:00-AM6:00", [_w(J, "01:00", "06:00")]),
    ("2024年7月7日日曜 AM1:00-AM6:00", [_w("2024-07-07", "01:00", "06:00")]),
]


@pytest.mark.parametrize(("text", "windows"), READ, ids=[text.splitlines()[0][:30] for text, _ in READ])
def test_rows_as_printed_and_pasted(text: str, windows: list[Window]) -> None:
    assert _windows(decode_notice(text.encode("utf-8"))) == windows


REFUSED = [  # (text, line, words of the English reason)
    ("2024 7 9 月曜 AM1:00-AM6:00", 1, "2024-07-09 is a Tue, not a Mon"),
    ("2024 7 8 月曜 AM1:00-AM6:00\n7 23 月 AM1:00-AM6:00", 2, "2024-07-23 is a Tue, not a Mon"),
    ("2024 2 30 金曜 AM1:00-AM6:00", 1, "cannot read the date 2024-2-30: no such date"),
    ("1999 7 8 木曜 AM1:00-AM6:00", 1, "cannot read the date 1999-7-8"),
    ("2024 7 8 月曜 AM13:00-PM6:00", 1, "cannot read the time 'AM13:00'"),
    ("2024 7 8 月曜 25:00-26:00", 1, "cannot read the time '25:00'"),
    ("2024 7 8 月曜 24:00-24:00", 1, "cannot read the time '24:00'"),
    ("2024 7 8 月曜 1:60-6:00", 1, "cannot read the time '1:60'"),
    ("2024 7 8 月曜 AM6:00-AM1:00", 1, "the end 01:00 is not after the start 06:00"),
    ("2024 7 8 月曜 AM1:00-AM1:00", 1, "the end 01:00 is not after the start 01:00"),
    ("2024 7 8 月曜 PM11:00-AM2:00", 1, "a window over midnight is two rows"),
    ("2024 7 8 月曜 PM11:00-AM12:00", 1, "the end 00:00 is not after the start 23:00"),
    ("2024 7 8 月曜 PM12:00-AM11:00", 1, "the end 11:00 is not after the start 12:00"),
    ("2024 7 8 月曜 AM1:00PM-AM6:00", 1, "cannot read the time 'AM1:00PM'"),  # two of them
    ("2024 7 8 月曜 午後13時-午後14時", 1, "cannot read the time '午後13時'"),
    ("2024 12 23 月曜 AM1:00-AM6:00\n1 6 月曜 AM1:00-AM6:00", 2, "write the year where it changes"),
    ("年 月 日\n7 8 月曜 AM1:00-AM6:00", 2, "no year"),
    ("2024 7 8 月曜 AM1:00", 1, "is no row"),
    ("2024 7 8 月曜 AM1:00-AM6:00\n7 22 月曜", 2, "is no row"),  # a row broken by the paste
    ("メンテナンス日時: 2024年7月8日（月）AM1:00～AM6:00", 1, "is no row"),
    ("年 月 日 曜日 時間\n※予定は変更になる場合がございます", 0, "no maintenance row"),
    ("", 0, "no maintenance row"),
    # a line that starts with a date (a year, 月 or `/`) or holds a time (`1am`) is a row to read or
    # refuse, never skipped: a window dropped in silence would be "known" as no maintenance
    ("2024 7 8 月曜 AM1:00-AM6:00\n2024/07/22 Mon 1am-6am", 2, "is no row"),
    ("2024 7 8 月曜 AM1:00-AM6:00\n2024/07/22 Mon 1.00-6.00", 2, "is no row"),
    ("2024 7 8 月曜 AM1:00-AM6:00\n2024-07-22 Monday 01h00-06h00", 2, "is no row"),
    ("2024 7 8 月曜 AM1:00-AM6:00\n7/22 Mon 1-6", 2, "is no row"),
    ("2024 7 8 月曜 AM1:00-AM6:00\n7月22日 深夜", 2, "is no row"),
    # 午前12時 is noon and 午後12時 midnight by Japan's official usage, the other way round by AM/PM's
    ("2024 7 8 月曜 午前12時～午前6時", 1, "may be noon or midnight"),
    ("2024 7 8 月曜 午前11時～午後12時", 1, "may be noon or midnight"),
    ("2024 7 8 月曜 午後1時～12時", 1, "may be noon or midnight"),  # the end takes the start's 午後
    ("2024 7 8 月曜 12時午前-6時午前", 1, "may be noon or midnight"),
    # 日 after a `7/9` date is the weekday, not a suffix to skip: a Tuesday is no Sunday
    ("2024/07/09 日 01:00-06:00", 1, "2024-07-09 is a Tue, not a Sun"),
    ("2024-07-09 日 AM1:00-AM6:00", 1, "2024-07-09 is a Tue, not a Sun"),
    ("2024 7 9 日 AM1:00-AM6:00", 1, "2024-07-09 is a Tue, not a Sun"),
    # a number never ends inside a run of digits: no day taken from an hour's first digit
    ("2024 7 11:00-12:00", 1, "is no row"),
    ("2024 8 11:00-12:00", 1, "is no row"),
    ("2024 7 812:00-13:00", 1, "is no row"),
    ("2024 7 8 1:000-6:00", 1, "is no row"),
    # digits of other scripts are refused, never read (NFKC makes full-width ones ASCII)
    ("2024 7 8 \u0661:\u0660\u0660-\u0666:\u0660\u0660", 1, "is no row"),
    ("\u0662\u0660\u0662\u0664 7 8 1:00-6:00", 1, "is no row"),
    ("\u0968\u0966\u0968\u096a\n7 8 1:00-6:00", 1, "is no row"),
]


@pytest.mark.parametrize(("text", "line", "reason"), REFUSED, ids=[f"{t[:24]}-{r[:20]}" for t, _, r in REFUSED])
def test_rows_refused_with_their_line(text: str, line: int, reason: str) -> None:
    with pytest.raises(NoticeError) as caught:
        parse_notice(text)
    assert caught.value.line == line
    assert reason in caught.value.text.en, caught.value.text.en
    assert caught.value.text.ja != caught.value.text.en


HOSTILE = [  # (bytes, line, words of the reason)
    (b"2024 7 8 \xe6\x9c\x88 AM1:00-AM6:00\n\xff\xfe\n", 2, "UTF-8"),
    (b"2024 7 8 AM1:00-AM6:00\n\n7 22 AM1:00\x00-AM6:00\n", 3, "NUL"),
    (b"x" * (MAX_NOTICE_BYTES + 1), 0, "over 262,144 bytes"),
    ("2024 7 8 AM1:00-AM6:00\n".encode("utf-16"), 1, "not UTF-8"),
    (b"2024 7 8 AM1:00-AM6:00\n" * (MAX_ROWS + 1), MAX_ROWS + 1, "more than 1,000 rows"),
]


@pytest.mark.parametrize(
    ("raw", "line", "reason"), HOSTILE, ids=["invalid-utf8", "nul", "huge", "utf-16", "too-many-rows"]
)
def test_hostile_input_is_refused_with_its_line(raw: bytes, line: int, reason: str) -> None:
    with pytest.raises(NoticeError) as caught:
        parse_notice(decode_notice(raw))
    assert (caught.value.line, reason in caught.value.text.en) == (line, True), caught.value.text.en


def test_a_long_line_of_spaces_costs_no_backtracking() -> None:
    """Runs of spaces become one space before the row pattern runs; a long line is no row."""
    with pytest.raises(NoticeError, match="is no row"):
        parse_notice("2024 7 8" + " " * 200_000 + "1:00 x")


# --- the command: exit codes, files byte for byte ---


def test_a_refused_notice_is_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "pasha.toml").write_text(BASE_CONFIG, "utf-8")
    notice = tmp_path / "notice.txt"
    notice.write_text("2024 10 14 月曜 AM1:00-AM6:00\n10 29 月曜 AM1:00-AM6:00\x1b[2J\n", "utf-8")
    code, out, err = _import(tmp_path, str(notice))
    assert code == 2 and out == ""
    assert f"{notice}:2: cannot read the notice (nothing was written): " in err
    assert "\x1b" not in err and "\\x1b[2J" in err  # a terminal escape is shown, never sent
    assert (tmp_path / "pasha.toml").read_text("utf-8") == BASE_CONFIG


@pytest.mark.parametrize(
    ("argv", "reason"),
    [(["missing.txt"], "missing.txt is not a file"), (["."], ". is not a file"), ([], "Missing argument")],
)
def test_a_notice_that_is_no_file_is_exit_2(tmp_path: Path, argv: list[str], reason: str) -> None:
    (tmp_path / "pasha.toml").write_text(BASE_CONFIG, "utf-8")
    code, _, err = _import(tmp_path, *argv)
    assert code == 2 and reason in err


def test_the_notice_from_standard_input_in_japanese(tmp_path: Path) -> None:
    (tmp_path / "pasha.toml").write_text(BASE_CONFIG, "utf-8")
    notice = "2024 10 14 月曜 AM1:00-AM6:00\n10 28 月曜 AM1:00-AM6:00\n".encode()
    result = CliRunner().invoke(
        _Main(),
        ["maintenance", "import", "-", "--config", str(tmp_path / "pasha.toml"), "--lang", "ja"],
        input=notice,
        env={"NO_COLOR": "1"},
    )
    assert result.exit_code == 0, result.output
    assert "pasha.toml に 2 件の時間帯を追加しました:" in result.stdout
    assert "  + 2024-10-14 (月) 01:00-06:00（1 行目）" in result.stdout
    assert "maintenance_known_until: 2024-09-30 → 2024-10-28" in result.stdout


def test_dry_run_writes_nothing_and_shows_what_it_would_do(tmp_path: Path) -> None:
    (tmp_path / "pasha.toml").write_text(BASE_CONFIG, "utf-8")
    notice = tmp_path / "n.txt"
    notice.write_text(SEED.read_text("utf-8") + "2024 10 14 月曜 AM1:00-AM6:00\n", "utf-8")
    before = (tmp_path / "pasha.toml").stat()
    code, out, _ = _import(tmp_path, str(notice), "--dry-run")
    assert code == 0
    assert out.splitlines() == [
        f"Would add 1 window to {tmp_path / 'pasha.toml'} (--dry-run: nothing written):",
        "  + 2024-10-14 (Mon) 01:00-06:00 (line 9)",
        "Skipped 6 windows already in force:",
        *[f"  = {plan.span(Window(s, e), 'en')} (line {n})" for n, (s, e) in enumerate(load_spec().maintenance, 2)],
        "maintenance_known_until: 2024-09-30 -> 2024-10-14 (--dry-run: nothing written)",
    ]
    after = (tmp_path / "pasha.toml").stat()
    assert (tmp_path / "pasha.toml").read_text("utf-8") == BASE_CONFIG
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.txt", "pasha.toml"]


def test_windows_of_a_recurrence_and_of_the_project_are_in_force(tmp_path: Path) -> None:
    config = BASE_CONFIG + (
        '\n[[maintenance]]\nstart = 2024-10-14T01:00:00+09:00\nrrule = "FREQ=WEEKLY;COUNT=3"\nduration = "PT5H"\n'
        "\n[[maintenance]]\nstart = 2024-11-11T01:00:00+09:00\nend = 2024-11-11T06:00:00+09:00\n"
    )
    (tmp_path / "pasha.toml").write_text(config, "utf-8")
    notice = tmp_path / "n.txt"
    notice.write_text("2024 10 21 月 AM1:00-AM6:00\n11 11 月 AM1:00-AM6:00\n11 11 月 AM1:00-AM6:00\n", "utf-8")
    code, out, _ = _import(tmp_path, str(notice))
    assert code == 0
    assert out.startswith("Nothing to add") and out.count("  = ") == 3  # a recurrence's, the project's, the row above's


def test_known_until_never_moves_back(tmp_path: Path) -> None:
    config = "maintenance_known_until = 2025-03-31  # the next notice says so\n" + OWN_ONLY
    (tmp_path / "pasha.toml").write_text(config, "utf-8")
    code, out, _ = _import(tmp_path, str(SEED))
    assert code == 0 and "maintenance_known_until stays 2025-03-31" in out
    text = (tmp_path / "pasha.toml").read_text("utf-8")
    assert text.startswith(config) and text.count("[[maintenance]]") == 6


def test_known_until_moves_on_in_place(tmp_path: Path) -> None:
    config = "maintenance_known_until = 2024-01-31  # the last notice\n" + BASE_CONFIG
    (tmp_path / "pasha.toml").write_text(config, "utf-8")
    assert _import(tmp_path, str(SEED))[0] == 0
    assert (tmp_path / "pasha.toml").read_text("utf-8") == config.replace("2024-01-31", "2024-09-30")


def test_a_config_changed_meanwhile_is_not_written_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "pasha.toml"
    path.write_text(BASE_CONFIG, "utf-8")
    edit = plan.add_windows

    def and_an_editor_saves(*args: object) -> str:
        result = edit(*args)  # type: ignore[arg-type]
        path.write_text(BASE_CONFIG + "# saved by an editor\n", "utf-8")
        return result

    monkeypatch.setattr(plan, "add_windows", and_an_editor_saves)
    notice = tmp_path / "notice.txt"
    notice.write_text(ONE, "utf-8")
    code, _, err = _import(tmp_path, str(notice))
    assert code == 2 and "changed while pasha was editing it (nothing was written)" in err
    assert path.read_text("utf-8") == BASE_CONFIG + "# saved by an editor\n"


def test_a_link_to_the_config_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "shared.toml").write_text(BASE_CONFIG, "utf-8")
    (tmp_path / "pasha.toml").symlink_to("shared.toml")
    (tmp_path / "notice.txt").write_text(ONE, "utf-8")
    assert _import(tmp_path, str(tmp_path / "notice.txt"))[0] == 0
    assert (tmp_path / "pasha.toml").is_symlink() and "maintenance_known_until" in (
        tmp_path / "shared.toml"
    ).read_text()


# --- layouts: every byte of the config stays but the new ones ---

ONE = "2024 10 14 月曜 AM1:00-AM6:00\n10 28 月曜 AM1:00-AM6:00\n"
OCT14 = "start = 2024-10-14T01:00:00+09:00\nend = 2024-10-14T06:00:00+09:00"
OCT28 = "start = 2024-10-28T01:00:00+09:00\nend = 2024-10-28T06:00:00+09:00"
ACCOUNT = '[accounts.free]\nplan = "free"\n'
I14 = "{ start = 2024-10-14T01:00:00+09:00, end = 2024-10-14T06:00:00+09:00 }"
I28 = "{ start = 2024-10-28T01:00:00+09:00, end = 2024-10-28T06:00:00+09:00 }"
I01 = "{ start = 2024-10-01T01:00:00+09:00, end = 2024-10-01T06:00:00+09:00 }"
K = "maintenance_known_until = 2024-10-28\n"
ESCAPED = 'description = """a \\""" b\n[tool.pasha]\nmaintenance_known_until = 2020-01-01 \\"""\n"""\n'
LAYOUTS = [  # (id, file name, before, after)
    (
        # an escaped quote in a multi-line basic string is content: its closing quotes come later
        "escaped quotes in a multi-line string",
        "pyproject.toml",
        f'[project]\n{ESCAPED}\n[tool.pasha]\n[tool.pasha.accounts.free]\nplan = "free"\nname = """x\\""""\n',
        f'[project]\n{ESCAPED}\n[tool.pasha]\n{K}[tool.pasha.accounts.free]\nplan = "free"\nname = """x\\""""\n\n'
        f"[[tool.pasha.maintenance]]\n{OCT14}\n\n[[tool.pasha.maintenance]]\n{OCT28}\n",
    ),
    (
        "plain",
        "pasha.toml",
        '# our config\ndrafts = ["posts/*.yaml"]  # the drafts\n\n' + ACCOUNT,
        f'# our config\ndrafts = ["posts/*.yaml"]  # the drafts\n{K}\n{ACCOUNT}\n'
        f"[[maintenance]]\n{OCT14}\n\n[[maintenance]]\n{OCT28}\n",
    ),
    (
        "crlf",
        "pasha.toml",
        ('drafts = ["posts/*.yaml"]\n\n' + ACCOUNT).replace("\n", "\r\n"),
        (f'drafts = ["posts/*.yaml"]\n{K}\n{ACCOUNT}\n[[maintenance]]\n{OCT14}\n\n[[maintenance]]\n{OCT28}\n').replace(
            "\n", "\r\n"
        ),
    ),
    (
        "no final line break",
        "pasha.toml",
        ACCOUNT.rstrip("\n"),
        f"{K}\n{ACCOUNT}\n[[maintenance]]\n{OCT14}\n\n[[maintenance]]\n{OCT28}",
    ),
    (
        "a byte-order mark and comments after the last table",
        "pasha.toml",
        "\ufeff# header comment\n\n# the accounts\n" + ACCOUNT + "\n# [[maintenance]] kept for later:\n# start = x\n",
        f"\ufeff# header comment\n\n{K}\n# the accounts\n{ACCOUNT}\n# [[maintenance]] kept for later:\n# start = x\n\n"
        f"[[maintenance]]\n{OCT14}\n\n[[maintenance]]\n{OCT28}\n",
    ),
    (
        "inline tables",
        "pasha.toml",
        'accounts = { free = { plan = "free", name = "[店]" } }\nseverity = {PSH304 = "off"}\n',
        f'accounts = {{ free = {{ plan = "free", name = "[店]" }} }}\nseverity = {{PSH304 = "off"}}\n{K}\n'
        f"[[maintenance]]\n{OCT14}\n\n[[maintenance]]\n{OCT28}\n",
    ),
    (
        "an inline array over lines, trailing comma",
        "pasha.toml",
        f"maintenance = [\n    {I01},  # from the last notice\n]\n\n{ACCOUNT}",
        f"maintenance = [\n    {I01},  # from the last notice\n    {I14},\n    {I28},\n]\n{K}\n{ACCOUNT}",
    ),
    (
        "an inline array over lines, no trailing comma",
        "pasha.toml",
        f"maintenance = [\n  {I01}  # kept\n]\n{ACCOUNT}",
        f"maintenance = [\n  {I01},  # kept\n  {I14},\n  {I28}\n]\n{K}{ACCOUNT}",
    ),
    (
        "an inline array on one line",
        "pasha.toml",
        f"maintenance = [{I01}]  # [x]\n{ACCOUNT}",
        f"maintenance = [{I01}, {I14}, {I28}]  # [x]\n{K}{ACCOUNT}",
    ),
    (
        "an empty inline array",
        "pasha.toml",
        f"maintenance = []\n{ACCOUNT}",
        f"maintenance = [{I14}, {I28}]\n{K}{ACCOUNT}",
    ),
    (
        "[tool.pasha] followed by other tables",
        "pyproject.toml",
        '[project]\nname = "shop"\n\n[tool.pasha]\ndrafts = ["posts/*.yaml"]\n\n[tool.pasha.accounts.free]\n'
        'plan = "free"\n\n# lint\n[tool.ruff]\nline-length = 100\n',
        f'[project]\nname = "shop"\n\n[tool.pasha]\ndrafts = ["posts/*.yaml"]\n{K}\n[tool.pasha.accounts.free]\n'
        f'plan = "free"\n\n[[tool.pasha.maintenance]]\n{OCT14}\n\n[[tool.pasha.maintenance]]\n{OCT28}\n\n'
        "# lint\n[tool.ruff]\nline-length = 100\n",
    ),
    (
        "[tool.pasha] with no keys of its own, CRLF, a string that looks like a table",
        "pyproject.toml",
        '[tool.pasha]\n[tool.pasha.accounts.free]\nplan = "free"\n[tool.black]\nx = """\n[y]\n"""\n'.replace(
            "\n", "\r\n"
        ),
        (
            f'[tool.pasha]\n{K}[tool.pasha.accounts.free]\nplan = "free"\n\n[[tool.pasha.maintenance]]\n{OCT14}\n\n'
            f'[[tool.pasha.maintenance]]\n{OCT28}\n[tool.black]\nx = """\n[y]\n"""\n'
        ).replace("\n", "\r\n"),
    ),
]


@pytest.mark.parametrize(("name", "before", "after"), [c[1:] for c in LAYOUTS], ids=[c[0] for c in LAYOUTS])
def test_the_config_keeps_every_byte_but_the_new_ones(tmp_path: Path, name: str, before: str, after: str) -> None:
    path = tmp_path / name
    path.write_bytes(before.encode("utf-8"))
    old = load_config(path).maintenance.windows
    (tmp_path / "n.txt").write_text(ONE, "utf-8")
    code, _, err = _import(tmp_path, str(tmp_path / "n.txt"), config=name)
    assert code == 0, err
    assert path.read_bytes() == after.encode("utf-8")
    assert load_config(path).maintenance.windows == (
        *old,
        _w("2024-10-14", "01:00", "06:00"),
        _w("2024-10-28", "01:00", "06:00"),
    )


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("pyproject.toml", '[tool]\npasha = { accounts = { free = { plan = "free" } } }\n'),
        ("pyproject.toml", '[tool.pasha.accounts.free]\nplan = "free"\n'),  # no [tool.pasha] for the new key
    ],
    ids=["an inline [tool.pasha]", "no [tool.pasha] header"],
)
def test_a_layout_it_cannot_edit_is_refused_and_left_alone(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    (tmp_path / "n.txt").write_text(ONE, "utf-8")
    code, out, err = _import(tmp_path, str(tmp_path / "n.txt"), config=name)
    assert code == 2 and out == ""
    assert "cannot add to" in err and "(nothing is written)" in err and "by hand" in err
    code, out, err = _import(tmp_path, str(tmp_path / "n.txt"), "--dry-run", config=name)
    assert code == 2 and "cannot add to" in err  # and what to write by hand:
    assert "  + 2024-10-14 (Mon) 01:00-06:00 (line 1)\n  + 2024-10-28 (Mon) 01:00-06:00 (line 2)\n" in out
    assert path.read_text("utf-8") == text


def test_a_config_pasha_cannot_read_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "pasha.toml").write_text("drafts = [\n", "utf-8")
    code, _, err = _import(tmp_path, str(SEED))
    assert code == 2 and "TOML syntax error" in err


# --- list ---

LISTED = BASE_CONFIG + (
    "\n[[maintenance]]\nstart = 2030-03-04T01:00:00+09:00\nend = 2030-03-04T06:00:00+09:00\n"
    '\n[[maintenance]]\nstart = 2030-03-11T01:00:00+09:00\nrrule = "FREQ=WEEKLY;COUNT=2"\nduration = "PT5H"\n'
)


def _list(root: Path, *args: str, lang: str = "en") -> tuple[int, str, str]:
    result = run(["maintenance", "list", "--now", "2030-03-01 12:00", *args], env={"PASHA_LANG": lang})
    return result.exit_code, result.stdout, result.stderr


def test_list_names_where_each_window_comes_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pasha.toml").write_text(LISTED, "utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = _list(tmp_path)
    assert code == 0
    assert out.splitlines() == [
        "3 maintenance windows from 2030-03-01 to 2031-03-01 (Japan time):",
        "2030-03-04 (Mon) 01:00-06:00  pasha.toml:12",
        "2030-03-11 (Mon) 01:00-06:00  pasha.toml:16 recurrence FREQ=WEEKLY;COUNT=2",
        "2030-03-18 (Mon) 01:00-06:00  pasha.toml:16 recurrence FREQ=WEEKLY;COUNT=2",
    ]
    code, out, _ = _list(tmp_path, "--from", "2024-07-01", "--to", "2024-07-31", lang="ja")
    assert out.splitlines() == [
        "2024-07-01 から 2024-07-31 までのメンテナンス時間帯（日本時間）: 2 件",
        "2024-07-08 (月) 01:00-06:00  同梱の仕様 2024-06",
        "2024-07-22 (月) 01:00-06:00  同梱の仕様 2024-06",
    ]


@pytest.mark.parametrize(
    "rule",
    [
        "DTSTART;TZID=Asia/Tokyo:20300311T010000\\nRRULE:FREQ=WEEKLY;COUNT=2",
        "DTSTART;TZID=Asia/Tokyo:20300311T010000\\r\\nRRULE:FREQ=WEEKLY;COUNT=2\\r\\n",
        "\\n  DTSTART;TZID=Asia/Tokyo:20300311T010000\\n  RRULE:FREQ=WEEKLY;COUNT=2\\n",
    ],
    ids=["lf", "crlf", "indented"],
)
def test_list_shows_a_rule_with_its_dtstart_on_the_windows_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rule: str
) -> None:
    """One window, one line: the rule's own line breaks would print its RRULE as a line of its own."""
    entry = f'\n[[maintenance]]\nrrule = "{rule}"\nduration = "PT5H"\n'
    (tmp_path / "pasha.toml").write_text(BASE_CONFIG + entry, "utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = _list(tmp_path, "--from", "2030-03-01", "--to", "2030-03-31")
    shown = "recurrence DTSTART;TZID=Asia/Tokyo:20300311T010000 RRULE:FREQ=WEEKLY;COUNT=2"
    assert code == 0
    assert out.splitlines() == [
        "2 maintenance windows from 2030-03-01 to 2030-03-31 (Japan time):",
        f"2030-03-11 (Mon) 01:00-06:00  pasha.toml:12 {shown}",
        f"2030-03-18 (Mon) 01:00-06:00  pasha.toml:12 {shown}",
    ]


def test_list_as_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pasha.toml").write_text(LISTED, "utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = _list(tmp_path, "--from", "2024-09-30", "--to", "2030-03-11", "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "version": 1,
        "from": "2024-09-30",
        "to": "2030-03-11",
        "windows": [
            {"start": "2024-09-30T01:00:00+09:00", "end": "2024-09-30T06:00:00+09:00", "source": "spec", "spec_version": "2024-06"},
            {"start": "2030-03-04T01:00:00+09:00", "end": "2030-03-04T06:00:00+09:00", "source": "config", "file": "pasha.toml", "line": 12, "rrule": None},
            {"start": "2030-03-11T01:00:00+09:00", "end": "2030-03-11T06:00:00+09:00", "source": "config", "file": "pasha.toml", "line": 16, "rrule": "FREQ=WEEKLY;COUNT=2"},
        ],
    }  # fmt: skip


def test_list_outside_a_project_is_the_shipped_schedule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = _list(tmp_path)
    assert code == 0
    assert out.splitlines() == [
        "pasha knows no maintenance window from 2030-03-01 to 2031-03-01.",
        "The latest known window: 2024-09-30 (Mon) 01:00-06:00 (--from and --to show other dates)",
    ]
    assert _list(tmp_path, "--from", "2024-01-01", "--to", "2024-12-31")[1].count("shipped spec 2024-06") == 6


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--from", "2030-03-10", "--to", "2030-03-09"], "--to (2030-03-09) is before --from (2030-03-10)"),
        (["--from", "2030-02-30"], "2030-02-30"),
        (["--to", "tomorrow"], "tomorrow"),
        (["--from", "1999-01-01"], "1999-01-01"),
        (["--from", "2030-03-01", "--now", "soon"], "soon"),
    ],
)
def test_list_refuses_dates_it_cannot_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], reason: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _list(tmp_path, *args)
    assert code == 2 and out == "" and reason in err


def test_the_schedule_keeps_each_entrys_origin(tmp_path: Path) -> None:
    (tmp_path / "pasha.toml").write_text(LISTED, "utf-8")
    schedule = load_config(tmp_path / "pasha.toml").maintenance
    assert schedule.origins == (*[Origin(spec_version="2024-06")] * 6, Origin(entry=0), Origin(entry=1))
    items = plan.listed(schedule, None, date(2030, 3, 18), date(2030, 3, 18))
    assert [(i.window.start.day, i.rrule) for i in items] == [(18, "FREQ=WEEKLY;COUNT=2")]


# --- the scanner on layouts nobody listed: a right document or a refusal, never a wrong one ---

ROOT_PIECES = [
    'drafts = ["posts/*.yaml"]  # c\n',
    'drafts = [\n  "a/*.yaml",  # [x]\n  "b/*.md"\n]\n',
    "# comment [x]\n",
    "\n",
    "lead_business_days = 3\n",
    'severity = { PSH304 = "off" }\n',
    'x = """\n[accounts.y]\nz = 1\n"""\n',
    "y = '''\n# not a comment ]\n'''\n",
    "spec.body_max_chars = 100\n",
    '"quoted key" = "v=1 # not a comment"\n',
    "maintenance_known_until = 2024-01-01\n",
    "maintenance = [\n  # none yet\n]\n",
    f"maintenance = [{I01}]\n",
]
TABLE_PIECES = [
    '[accounts.free]\nplan = "free"\n',
    '[accounts."a.b"]\nplan = "paid"  # x\n',
    '# about\n[severity]\nPSH304 = "off"\n',
    "[[maintenance]]\nstart = 2024-01-08T01:00:00+09:00\nend = 2024-01-08T02:00:00+09:00\n",
    "# trailing comment\n",
]


def _layouts(count: int) -> list[tuple[str, tuple[str, ...]]]:
    import random

    rng = random.Random(14)
    found = []
    while len(found) < count:
        text = "".join(rng.sample(ROOT_PIECES, rng.randint(0, 5)) + rng.choices(TABLE_PIECES, k=rng.randint(0, 4)))
        prefix: tuple[str, ...] = ()
        if rng.random() < 0.3:
            prefix = ("tool", "pasha")
            for table in ("accounts", "severity", "maintenance"):
                text = text.replace(f"[{table}", f"[tool.pasha.{table}")
            text = '[project]\nname = "x"\n\n[tool.pasha]\n' + text + "\n[tool.ruff]\nx = 1\n" * rng.randint(0, 1)
        text = text.replace("\n", "\r\n") if rng.random() < 0.3 else text
        text = text.rstrip("\r\n") if rng.random() < 0.3 else text
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError:  # two pieces may define one key twice
            continue
        found.append((text, prefix))
    return found


def test_random_layouts_give_the_right_document() -> None:
    windows = [_w("2024-10-14", "01:00", "06:00")]
    for text, prefix in _layouts(400):
        expected = tomllib.loads(text)
        table = expected
        for key in prefix:
            table = table[key]
        table["maintenance"] = [*table.get("maintenance", []), {"start": windows[0].start, "end": windows[0].end}]
        table["maintenance_known_until"] = date(2024, 10, 14)
        assert tomllib.loads(add_windows(text, prefix, windows, date(2024, 10, 14))) == expected, text


def test_a_refused_row_from_standard_input_names_it(tmp_path: Path) -> None:
    (tmp_path / "pasha.toml").write_text(BASE_CONFIG, "utf-8")
    result = CliRunner().invoke(
        _Main(),
        ["maintenance", "import", "-", "--config", str(tmp_path / "pasha.toml")],
        input="年 月 日\n2024 7 8 月 PM11:00-AM2:00\n".encode(),
        env={"PASHA_LANG": "en", "NO_COLOR": "1"},
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("pasha: standard input:2: cannot read the notice (nothing was written): ")


def test_an_import_past_the_configs_window_limit_is_refused(tmp_path: Path) -> None:
    entries = "".join(
        f"\n[[maintenance]]\nstart = 2030-01-01T{i // 60:02d}:{i % 60:02d}:00+09:00\nend = 2030-01-02T00:00:00+09:00\n"
        for i in range(999)
    )
    (tmp_path / "pasha.toml").write_text(OWN_ONLY + entries, "utf-8")
    (tmp_path / "n.txt").write_text(ONE, "utf-8")
    code, _, err = _import(tmp_path, str(tmp_path / "n.txt"))
    assert code == 2 and "1,001 windows (at most 1,000)" in err
    assert (tmp_path / "pasha.toml").read_text("utf-8") == OWN_ONLY + entries
