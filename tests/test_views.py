"""The terminal views fit the terminal: the calendar adapts to the width, text columns align by display width.

Widths are measured here with unicodedata's East Asian Width (wide and fullwidth: 2 columns,
combining and format characters: 0), independently of rich, which pasha lays out with.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from pasha_cli.columns import align, cell_width, pad, terminal_width
from pasha_cli.i18n import WEEKDAYS, t
from pasha_cli.model import Finding, LocalText, Report, Severity
from pasha_cli.report import Style, render
from tests.conftest import Project, jpeg_bytes, run
from tests.hostile_text import HOSTILE, SGR, commands, raw_characters

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).with_name("golden")


def columns(text: str) -> int:
    """Display columns of `text` as a terminal counts them (the test's own reader, not rich's)."""
    return sum(
        0 if unicodedata.category(c) in ("Mn", "Me", "Cf") else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def at_columns(line: str) -> list[tuple[int, str]]:
    """(display column, character) of every character of `line`."""
    out, col = [], 0
    for char in line:
        out.append((col, char))
        col += columns(char)
    return out


# --- the width primitives ------------------------------------------------------------------------

WIDTHS = [
    ("ascii", "error", 5),
    ("katakana", "エラー", 6),
    ("kanji", "警告", 4),
    ("halfwidth-katakana", "ｴﾗｰ", 3),
    ("fullwidth-latin", "ＡＢ", 4),
    ("combining-dakuten", "か\u3099", 2),
    ("combining-acute", "e\u0301", 1),
    ("emoji", "☕", 2),
    ("emoji-family", "👨\u200d👩\u200d👧", 2),
    ("flag", "🇯🇵", 2),
    ("mixed", "10:00 抹茶 [準備完了]", 21),
]


@pytest.mark.parametrize(("text", "expected"), [w[1:] for w in WIDTHS], ids=[w[0] for w in WIDTHS])
def test_cell_width_is_the_display_width(text: str, expected: int) -> None:
    assert cell_width(text) == expected
    assert cell_width(pad(text, 24)) == 24 and pad(text, 24).startswith(text)


def test_align_starts_every_cell_at_one_column() -> None:
    rows = [["コード", "既定", "名前"], ["PSH001", "error", "x"], ["PSH1000000", "警告", "y"]]
    lines = align(rows, minimum=(8, 8))
    starts = {tuple(col for col, char in at_columns(line) if char in "名xy") for line in lines}
    assert starts == {(22,)}  # 10 (widest code) + 2, 8 + 2


WIDTH_SOURCES = [
    ("option", 100, {"COLUMNS": "50"}, 100),
    ("option-narrowest", 3, {}, 20),
    ("columns", None, {"COLUMNS": "120"}, 120),
    ("columns-narrow", None, {"COLUMNS": "5"}, 20),
    ("columns-very-wide", None, {"COLUMNS": "100000"}, 100000),
    ("columns-padded", None, {"COLUMNS": " 90 "}, 90),
]


@pytest.mark.parametrize(
    ("option", "environ", "expected"), [w[1:] for w in WIDTH_SOURCES], ids=[w[0] for w in WIDTH_SOURCES]
)
def test_terminal_width_sources(option: int | None, environ: dict[str, str], expected: int) -> None:
    assert terminal_width(option, environ) == expected


@pytest.mark.parametrize("columns_value", [None, "", "abc", "0", "-3"])
def test_piped_output_is_80_columns_without_a_usable_columns(tmp_path: Path, columns_value: str | None) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR", "FORCE_COLOR")}
    if columns_value is not None:
        env["COLUMNS"] = columns_value
    code = "from pasha_cli.columns import terminal_width; print(terminal_width())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.strip() == "80", done.stderr


# --- the calendar at every width -----------------------------------------------------------------

LONG = "sencha-and-gyokuro-seasonal-limited-edition-store-2030"  # 54 columns: wider than any cell
CONFIG = f"""\
drafts = ["posts/**/*.yaml"]

[accounts.matcha]
plan = "paid"

[accounts.hojicha]
plan = "paid"

[accounts.{LONG}]
plan = "paid"

[[maintenance]]
start = 2030-05-13T01:00:00+09:00
end = 2030-05-13T06:00:00+09:00

[[maintenance]]
start = 2030-05-13T22:00:00+09:00
end = 2030-05-14T02:00:00+09:00
"""
STATUSES = ["draft", "ready", "submitted", "published", "cancelled"]
# (month, today, the days that carry posts): Golden Week and its substitute holiday, the respect
# for the aged and equinox holidays (the longest English names), the new-year closure
MONTHS = [
    (
        "golden-week",
        "2030-05",
        "2030-05-02 09:00",
        ["2030-05-07"] * 7 + ["2030-05-20", "2030-05-21", "2030-05-31", "2030-05-28", "2030-05-29"],
    ),
    ("september", "2030-09", "2030-09-10 09:00", ["2030-09-17"] * 3 + ["2030-09-24", "2030-09-30"]),
    ("new-year", "2031-01", "2030-12-20 09:00", ["2031-01-06"] * 4 + ["2031-01-14"]),
]
ACCOUNTS = ["matcha", "hojicha", LONG]


def _busy(root: Path, days: list[str]) -> Project:
    project = Project(root, CONFIG)
    for n, day in enumerate(days):
        status = STATUSES[n % len(STATUSES)]
        stamp = f"submitted_at: {day} 08:00\n" if status in ("submitted", "published") else ""
        project.draft(
            f"p{n}.yaml",
            f"account: {ACCOUNTS[n % 3]}\npublish_at: {day} {9 + n % 12:02d}:{n % 4 * 15:02d}\n"
            f"status: {status}\n{stamp}body: x\n",
        )
    return project


def _calendar(
    project: Project, month: str, now: str, lang: str, *extra: str, env: dict[str, str] | None = None
) -> tuple[str, list[dict]]:
    args = ["calendar", "--month", month, "--config", str(project.root / "pasha.toml"), "--now", now, "--lang", lang]
    shown = run([*args, *extra], env=env)
    assert shown.exit_code == 0, shown.output
    days = json.loads(run([*args, "--format", "json"]).stdout)["days"]
    return shown.stdout, days


def _expected(day: dict, lang: str) -> list[str]:
    """What must be readable in a day's cell, spaces removed (a wrap takes a space away)."""
    wanted = [day["holiday"][lang]] if day["holiday"] else [t("day-closure").get(lang)] if day["closure"] else []
    wanted += [f"{w['start'][11:16]}-{w['end'][11:16]}" for w in day["maintenance"]]
    usual = day["maintenance_usual"]  # the usual slot, on a day whose maintenance is not known
    wanted += [f"{usual['start']}-{usual['end']}"] if usual else []
    wanted += [f"{p['time']}{p['account']}" for p in day["posts"]]
    wanted += [part for d in day["deadlines"] for part in (d["account"], d["publish_at"][5:10])]
    wanted += [t("cal-today").get(lang)] if day["today"] else []
    return [re.sub(r"\s", "", w) for w in wanted]


def _grid_cells(lines: list[str]) -> dict[int, str]:
    """{day: the cell's text without spaces}; asserts every border is at one column on every line."""
    table = [line for line in lines if line[:1] in "┏┃┡│├└"]
    borders = {tuple(col for col, char in at_columns(line) if char in "┏┳┓┃┡╇┩│├┼┤└┴┘") for line in table}
    assert len(borders) == 1, borders
    edges = next(iter(borders))
    assert len(edges) == 8
    cells: dict[int, str] = {}
    row: list[str] = [""] * 7
    for line in table:
        if line[0] == "│":
            chars = at_columns(line)
            for n in range(7):
                row[n] += "".join(c for col, c in chars if edges[n] < col < edges[n + 1]) + "\n"
        elif line[0] in "├└":
            for text in row:
                head = text.split()
                if head:  # the day's number, and ? when its maintenance is not known
                    cells[int(head[0].rstrip("?"))] = re.sub(r"\s", "", text)
            row = [""] * 7
    return cells


def _list_cells(lines: list[str], lang: str, marked: bool = False) -> dict[int, str]:
    """{day: its events without spaces}; asserts every event line starts at one column. `marked`:
    some days' maintenance is not known (a ? after their number, a note after the days)."""
    weekday = max(columns(w.get(lang)) for w in WEEKDAYS)
    start = 2 + marked + 1 + weekday + 1
    cells: dict[int, str] = {}
    day = 0
    for line in lines[1:]:
        if line.startswith("?: "):  # the note: no more days
            break
        if not line.strip():
            continue
        chars = at_columns(line)
        head = "".join(c for col, c in chars if col < start)
        rest = "".join(c for col, c in chars if col >= start)
        if head.strip():
            assert re.fullmatch(r"[ \d]\d" + ("[ ?]" if marked else "") + r" \S+ *", head), line
            day = int(head.split()[0].rstrip("?"))
            assert day == len(cells) + 1, line  # every day, in order
            cells[day] = ""
        assert rest == rest.lstrip(), line  # no event starts to the right of the column
        cells[day] += re.sub(r"\s", "", rest)
    return cells


@pytest.mark.sample(1, per=("width", "lang", "month"))
@pytest.mark.parametrize("width", [20, 40, 80, 105, 106, 120, 250])
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize(("month", "now", "days"), [m[1:] for m in MONTHS], ids=[m[0] for m in MONTHS])
def test_calendar_fits_the_width_and_loses_nothing(
    tmp_path: Path, month: str, now: str, days: list[str], lang: str, width: int
) -> None:
    project = _busy(tmp_path, days)
    out, planned = _calendar(project, month, now, lang, "--width", str(width))
    lines = out.splitlines()
    assert max(columns(line) for line in lines) <= width
    assert all(line == line.rstrip() for line in lines)
    grid = width >= 106  # 7 cells of 12 columns (建国記念の日) and the frame
    assert ("┏" in out) is grid
    marked = not all(day["maintenance_known"] for day in planned)
    cells = _grid_cells(lines) if grid else _list_cells(lines, lang, marked)
    assert sorted(cells) == list(range(1, len(planned) + 1))
    assert any(line.startswith("?: ") for line in lines) is marked
    for day in planned:
        text = cells[int(day["date"][8:])]
        for wanted in _expected(day, lang):
            assert wanted in text, (day["date"], wanted, text)
        for account in ACCOUNTS:
            assert text.count(account) == sum(item["account"] == account for item in day["posts"] + day["deadlines"])


WIDTH_CHOICES = [
    ("columns-80", "80", (), 80),
    ("columns-120", "120", (), 120),
    ("option-over-columns", "120", ("--width", "80"), 80),
    ("columns-too-narrow", "10", (), 20),
]


@pytest.mark.parametrize(
    ("columns_value", "option", "width"), [w[1:] for w in WIDTH_CHOICES], ids=[w[0] for w in WIDTH_CHOICES]
)
def test_calendar_width_comes_from_columns_unless_given(
    tmp_path: Path, columns_value: str, option: tuple[str, ...], width: int
) -> None:
    project = _busy(tmp_path, MONTHS[0][3])
    out, _ = _calendar(project, "2030-05", "2030-05-02 09:00", "ja", *option, env={"COLUMNS": columns_value})
    assert out == _calendar(project, "2030-05", "2030-05-02 09:00", "ja", "--width", str(width))[0]


@pytest.mark.parametrize(("width", "code"), [("10", 2), ("0", 2), ("abc", 2), ("20", 0), ("120", 0)])
def test_calendar_width_option_is_checked(tmp_path: Path, width: str, code: int) -> None:
    project = _busy(tmp_path, [])
    result = run(["calendar", "--month", "2030-05", "--config", str(project.root / "pasha.toml"), "--width", width])
    assert result.exit_code == code, result.output


def _piped(project: Path, *args: str, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR", "FORCE_COLOR")}
    done = subprocess.run(
        [sys.executable, "-m", "pasha_cli", "calendar", "--month", "2030-05", "--now", "2030-05-02 09:00", *args],
        cwd=project,
        capture_output=True,
        env={**clean, **env},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.decode("utf-8")


@pytest.mark.sample(1)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_piped_calendar_is_80_columns_and_plain(tmp_path: Path, lang: str) -> None:
    _busy(tmp_path, MONTHS[0][3])
    out = _piped(tmp_path, "--lang", lang)
    assert "\x1b" not in out and raw_characters(out) == []
    assert out == _piped(tmp_path, "--lang", lang, "--width", "80")


@pytest.mark.sample(1, per="lang")
@pytest.mark.parametrize(("width", "lang"), [("80", "ja"), ("120", "en"), ("40", "en")])
def test_forced_colour_is_only_sgr_and_fits(tmp_path: Path, width: str, lang: str) -> None:
    _busy(tmp_path, MONTHS[0][3])
    out = _piped(tmp_path, "--lang", lang, FORCE_COLOR="1", COLUMNS=width)
    assert SGR.search(out)
    plain = SGR.sub("", out)
    assert "\x1b" not in plain and raw_characters(out) == []
    assert max(columns(line) for line in plain.splitlines()) <= int(width)


@pytest.mark.sample(3, per="width")
@pytest.mark.parametrize("width", [40, 80, 120])
@pytest.mark.parametrize(("value",), [(h[1],) for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_hostile_account_cannot_become_a_command_when_wrapped(tmp_path: Path, value: str, width: int) -> None:
    """A wrap can put any part of a cell at the start of a line: `x::error::y` must not end up there raw."""
    project = Project(tmp_path, '[accounts.free]\nplan = "free"\n')
    for n, prefix in enumerate(["", "x", "xx ", "12345678901"]):  # shift the text against the wrap
        project.draft(
            f"d{n}.yaml",
            f"account: {json.dumps(prefix + value.replace(chr(0), ''))}\npublish_at: 2030-04-16 10:00\nbody: x\n",
        )
    result = run(
        [
            "calendar",
            "--month",
            "2030-04",
            "--config",
            str(project.root / "pasha.toml"),
            "--now",
            "2030-04-01 10:00",
            "--width",
            str(width),
        ]
    )
    assert result.exit_code == 0, result.output
    assert commands(result.stdout) == [] and raw_characters(result.stdout) == []
    assert max(columns(line) for line in result.stdout.splitlines()) <= width


EXAMPLES = REPO / "examples"
CALENDAR_GOLDEN = [("calendar-2030-04.ja.80.txt", "ja", "80"), ("calendar-2030-04.en.120.txt", "en", "120")]


@pytest.mark.parametrize(("golden", "lang", "width"), CALENDAR_GOLDEN)
def test_calendar_golden(golden: str, lang: str, width: str) -> None:
    result = run(
        [
            "calendar",
            "--month",
            "2030-04",
            "--config",
            str(EXAMPLES / "pasha.toml"),
            "--now",
            "2030-04-03 10:00",
            "--lang",
            lang,
            "--width",
            width,
        ]
    )
    assert result.exit_code == 0
    assert result.stdout == (GOLDEN / golden).read_text("utf-8")


# --- text columns by display width ----------------------------------------------------------------


def _finding(line: int, column: int, severity: Severity, path: str = "posts/a.yaml") -> Finding:
    return Finding(
        path, line, column, "PSH101", "body-too-long", severity, LocalText("本文が長すぎます", "body too long")
    )


FINDINGS = [
    ("one-file", [(1, 1, Severity.ERROR), (2, 1, Severity.WARNING), (3, 7, Severity.ERROR)]),
    ("long-positions", [(123456, 12, Severity.WARNING), (1, 1, Severity.ERROR), (99, 12345, Severity.ERROR)]),
    ("warnings-only", [(1, 1, Severity.WARNING), (10, 10, Severity.WARNING)]),
]


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize(("found",), [(f[1],) for f in FINDINGS], ids=[f[0] for f in FINDINGS])
def test_text_report_columns_align_by_display_width(found: list, lang: str, color: bool) -> None:
    findings = tuple(_finding(*f, path=f"posts/{n % 2}.yaml") for n, f in enumerate(found))
    report = Report(tuple(sorted(findings, key=lambda f: (f.path, f.line, f.code))), 2)
    out = SGR.sub("", render(report, "text", Style(lang, color)))
    message = findings[0].message(lang)
    rows = [line for line in out.splitlines() if message in line]
    assert len(rows) == len(found)
    code_at = {columns(row[: row.index("PSH101")]) for row in rows}
    message_at = {columns(row[: row.index(message)]) for row in rows}
    assert len(code_at) == 1 and len(message_at) == 1, out


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_image_check_severity_column_aligns(tmp_path: Path, lang: str) -> None:
    from PIL import Image

    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (35.0, 40.0, 0.0)})
    (tmp_path / "gps-narrow.jpg").write_bytes(jpeg_bytes(1000, 700, exif=exif))  # PSH202 error, PSH209 warning
    result = run(["image", "check", str(tmp_path / "gps-narrow.jpg"), "--as", "timeline", "--lang", lang])
    rows = [line for line in result.stdout.splitlines() if line.startswith("  PSH")]
    assert {row.split()[0] for row in rows} == {"PSH202", "PSH209"}
    starts = set()
    for row in rows:
        severity = row.split()[1]
        after = row.index(severity) + len(severity)
        starts.add(columns(row[:after]) + len(row[after:]) - len(row[after:].lstrip()))  # where the message starts
    assert len(starts) == 1, result.stdout


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_rules_list_columns_align(lang: str) -> None:
    result = run(["rules", "--lang", lang])
    lines = result.stdout.splitlines()
    header = lines[0].split("  ")
    head_at = [columns(lines[0][: lines[0].index(cell.strip())]) for cell in header if cell.strip()]
    table = lines[1 : lines.index("")]  # the content rules' note follows the table, after a blank line
    assert len(table) > 30
    for line in table:
        cells = re.split(r"(?<=\S) {2,}", line, maxsplit=2)
        assert [columns(line[: line.index(cell)]) for cell in cells] == head_at, line


# long enough to fill a line after the wrap: making it inert then must not widen it
WRAPPED_COMMANDS = [
    "::error::" + "boom" * 30,
    "::add-mask::" + "s" * 120,
    "##[warning]" + "boom" * 30,
    "##vso[task.setvariable variable=a]" + "b" * 120,
]


@pytest.mark.sample(1, per=("width", "command"))
@pytest.mark.parametrize("width", [40, 80, 120])
@pytest.mark.parametrize("command", WRAPPED_COMMANDS, ids=["error", "add-mask", "v1-inline", "vso-inline"])
def test_a_wrap_never_starts_a_line_with_a_command(tmp_path: Path, command: str, width: int) -> None:
    """`x ::error::boom`: wherever the wrap falls (a word of 0 to 40 letters before it), no line is a command."""
    project = Project(tmp_path, '[accounts.free]\nplan = "free"\n')
    for k in range(41):
        project.draft(
            f"d{k}.yaml", f"account: {json.dumps('x' * k + ' ' + command)}\npublish_at: 2030-04-16 10:00\nbody: x\n"
        )
    result = run(
        [
            "calendar",
            "--month",
            "2030-04",
            "--config",
            str(project.root / "pasha.toml"),
            "--now",
            "2030-04-01 10:00",
            "--width",
            str(width),
        ]
    )
    assert result.exit_code == 0, result.output
    assert commands(result.stdout) == []
    assert max(columns(line) for line in result.stdout.splitlines()) <= width
