"""A config pasha cannot read, a `drafts` pattern it cannot use, a recurrence it cannot bound: exit 2, naming the
file and the line, wherever the config is found; never "nothing to check" (issue 10, items 3 and 5)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from pasha_cli.jpcalendar import END_YEAR, FIRST_YEAR, HORIZON_YEARS, RecurringWindow, RuleError, _twin_year
from pasha_cli.timeutil import JST
from tests.conftest import NOW, Project, run
from tests.hostile_rrules import HOSTILE_RRULES, LINE_OF, config_for

DRAFT = "account: x\npublish_at: 2030-04-16 10:00\nbody: こんにちは\n"
ACCOUNTS = '[accounts.x]\nplan = "free"\n'
PYPROJECT_HEAD = '[project]\nname = "shop"\n\n'


def _validate_as_pre_commit(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    """`pasha validate posts/a.yaml` from the repository root, as pre-commit calls it."""
    monkeypatch.chdir(root)
    result = run(["validate", "--now", NOW, *args, "posts/a.yaml"])
    return result.exit_code, result.stderr + result.stdout


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dangling(path: Path) -> None:
    path.symlink_to(path.parent / "gone.toml")


def _loop(path: Path) -> None:
    path.symlink_to(path)


def _folder(path: Path) -> None:
    path.mkdir()


def _device(path: Path) -> None:
    path.symlink_to("/dev/zero")


# (id, file name, content or a function that makes it, text the message must hold)
BROKEN_CONFIGS: list[tuple[str, str, bytes | Callable[[Path], None], str]] = [
    # pyproject.toml whose [tool.pasha] does not parse: today the paths lie "in no project" and the hook passes
    (
        "pyproject-syntax",
        "pyproject.toml",
        (PYPROJECT_HEAD + '[tool.pasha]\ndrafts = ["posts/*.yaml"\n[tool.pasha.accounts.x]\nplan = "free"\n').encode(),
        "pyproject.toml:6:",
    ),
    (
        "pyproject-unclosed-end",
        "pyproject.toml",
        (PYPROJECT_HEAD + "[tool.pasha]\naccounts = [\n").encode(),
        "pyproject.toml:5:",
    ),
    (
        "pyproject-dotted-keys",
        "pyproject.toml",
        (PYPROJECT_HEAD + 'tool.pasha.accounts.x.plan = "free\n').encode(),
        "pyproject.toml:4:",
    ),
    (
        "pyproject-tool-section",
        "pyproject.toml",
        (PYPROJECT_HEAD + "[tool]\npasha = { accounts = { x = 1 }\n").encode(),
        "pyproject.toml:5:",
    ),
    (
        "pyproject-inline-tool",
        "pyproject.toml",
        (PYPROJECT_HEAD + "tool = { pasha = { accounts = [ }\n").encode(),
        "pyproject.toml:4:",
    ),
    (
        "pyproject-quoted-keys",
        "pyproject.toml",
        (PYPROJECT_HEAD + '["tool"."pasha"]\naccounts = ]\n').encode(),
        "pyproject.toml:5:",
    ),
    (
        "pyproject-duplicate-table",
        "pyproject.toml",
        (PYPROJECT_HEAD + '[tool.pasha.accounts.x]\nplan = "free"\n[tool.pasha.accounts.x]\nplan = "paid"\n').encode(),
        "pyproject.toml:6:",
    ),
    (
        "pyproject-shift-jis",
        "pyproject.toml",
        (PYPROJECT_HEAD + '[tool.pasha.accounts.x]\nplan = "free"\nname = "珈琲"\n').encode("shift_jis"),
        "pyproject.toml:6: not UTF-8",
    ),
    (
        "pyproject-utf16",
        "pyproject.toml",
        (PYPROJECT_HEAD + '[tool.pasha.accounts.x]\nplan = "free"\n').encode("utf-16"),
        "pyproject.toml:1: not UTF-8",
    ),
    (
        "pyproject-not-a-table",
        "pyproject.toml",
        (PYPROJECT_HEAD + '[tool]\npasha = "yes"\n').encode(),
        "pyproject.toml has no [tool.pasha] table",
    ),
    ("pyproject-dangling-link", "pyproject.toml", _dangling, "pyproject.toml: cannot read the config"),
    ("pyproject-link-loop", "pyproject.toml", _loop, "pyproject.toml: cannot read the config"),
    (
        "pyproject-too-large",
        "pyproject.toml",
        (PYPROJECT_HEAD + "[tool.pasha]\n" + "#" * 1_000_001 + "\n").encode(),
        "pyproject.toml: the config is too large",
    ),
    (
        "pyproject-pasha-after-a-megabyte",
        "pyproject.toml",
        (PYPROJECT_HEAD + "#" * 1_000_001 + "\n[tool.pasha]\naccounts = [\n").encode(),
        "pyproject.toml: the config is too large",
    ),
    ("pyproject-fifo", "pyproject.toml", _fifo, "pyproject.toml: cannot read the config: it is not a regular file"),
    # pasha.toml in every shape but a readable file
    ("pasha-syntax", "pasha.toml", b'[accounts.x]\nplan = "free"\nname = \n', "pasha.toml:3:"),
    ("pasha-folder", "pasha.toml", _folder, "pasha.toml: cannot read the config: it is a folder"),
    ("pasha-dangling-link", "pasha.toml", _dangling, "pasha.toml: cannot read the config"),
    ("pasha-link-loop", "pasha.toml", _loop, "pasha.toml: cannot read the config"),
    ("pasha-fifo", "pasha.toml", _fifo, "pasha.toml: cannot read the config: it is not a regular file"),
    ("pasha-device", "pasha.toml", _device, "pasha.toml: cannot read the config: it is not a regular file"),
    ("pasha-shift-jis", "pasha.toml", (ACCOUNTS + 'name = "珈琲"\n').encode("shift_jis"), "pasha.toml:3: not UTF-8"),
    ("pasha-latin1", "pasha.toml", (ACCOUNTS + "name = 'caf\xe9'\n").encode("latin-1"), "pasha.toml:3: not UTF-8"),
    ("pasha-utf16", "pasha.toml", ACCOUNTS.encode("utf-16"), "pasha.toml:1: not UTF-8"),
    ("pasha-bom-twice", "pasha.toml", b"\xef\xbb\xbf\xef\xbb\xbf" + ACCOUNTS.encode(), "pasha.toml:1:"),
    ("pasha-nul", "pasha.toml", ACCOUNTS.encode() + b"name = 'a\x00b'\n", "pasha.toml:3:"),
    ("pasha-empty", "pasha.toml", b"", "pasha.toml:1: required field `accounts`"),
    (
        "pasha-too-large",
        "pasha.toml",
        ("#" * 1_000_001 + "\n" + ACCOUNTS).encode(),
        "pasha.toml: the config is too large",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "expected"), [c[1:] for c in BROKEN_CONFIGS], ids=[c[0] for c in BROKEN_CONFIGS]
)
def test_a_config_pasha_cannot_read_is_exit_2_where_pre_commit_finds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: bytes | Callable[[Path], None], expected: str
) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.yaml").write_text(DRAFT, "utf-8")
    if callable(content):
        content(tmp_path / name)
    else:
        (tmp_path / name).write_bytes(content)
    code, output = _validate_as_pre_commit(tmp_path, monkeypatch)
    assert code == 2, output
    assert expected in output
    assert "Internal error" not in output


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_refusal_is_in_both_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.yaml").write_text(DRAFT, "utf-8")
    (tmp_path / "pasha.toml").mkdir()
    code, output = _validate_as_pre_commit(tmp_path, monkeypatch, "--lang", lang)
    assert code == 2
    assert ("フォルダー" in output) == (lang == "ja") and ("folder" in output) == (lang == "en")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
@pytest.mark.parametrize("name", ["pasha.toml", "pyproject.toml"])
def test_an_unreadable_config_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.yaml").write_text(DRAFT, "utf-8")
    config = tmp_path / name
    config.write_text("[tool.pasha.accounts.x]\nplan = 'free'\n", "utf-8")
    config.chmod(0)
    code, output = _validate_as_pre_commit(tmp_path, monkeypatch)
    assert code == 2 and f"{name}: cannot read the config" in output


def test_a_broken_pyproject_in_a_subproject_is_not_skipped_for_the_one_above(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pasha.toml").write_text(ACCOUNTS, "utf-8")
    sub = tmp_path / "shop"
    (sub / "posts").mkdir(parents=True)
    (sub / "posts" / "a.yaml").write_text(DRAFT, "utf-8")
    (sub / "pyproject.toml").write_text("[tool.pasha]\naccounts = {\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(["validate", "--now", NOW, "shop/posts/a.yaml"])
    assert result.exit_code == 2 and "pasha: shop/pyproject.toml:2:" in result.stderr  # which of the repository's


# configs that are readable, or not pasha's: they must keep working as before
READABLE = [
    ("pasha-bom", "pasha.toml", b"\xef\xbb\xbf" + ACCOUNTS.encode(), 0),
    ("pyproject-bom", "pyproject.toml", b"\xef\xbb\xbf[tool.pasha.accounts.x]\nplan = 'free'\n", 0),
    ("pyproject-crlf", "pyproject.toml", b"[tool.pasha.accounts.x]\r\nplan = 'free'\r\n", 0),
]


@pytest.mark.parametrize(("name", "content", "code"), [c[1:] for c in READABLE], ids=[c[0] for c in READABLE])
def test_readable_configs_still_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: bytes, code: int
) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.yaml").write_text(DRAFT, "utf-8")
    (tmp_path / name).write_bytes(content)
    result, output = _validate_as_pre_commit(tmp_path, monkeypatch)
    assert result == code, output
    assert "Checked 1 file:" in output


NOT_OURS = [
    ("broken-without-pasha", PYPROJECT_HEAD + "[tool.black]\nline-length = \n"),
    ("broken-script-named-pasha", PYPROJECT_HEAD + '[project.scripts]\npasha = "pasha_cli.cli:console"\nx = [\n'),
    ("pasha-in-a-comment", PYPROJECT_HEAD + "# we might use [tool.pasha] one day\n"),
    ("tool-is-a-string", PYPROJECT_HEAD + 'tool = "pasha"\n'),
    ("other-tool-named-like-it", PYPROJECT_HEAD + "[tool.pasha-lint]\nx = 1\n"),
    ("not-utf8-without-pasha", "[tool.black]\nname = 'caf\udce9'\n"),
]


@pytest.mark.parametrize("content", [c[1] for c in NOT_OURS], ids=[c[0] for c in NOT_OURS])
def test_a_pyproject_that_is_not_pashas_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str
) -> None:
    (tmp_path / "pasha.toml").write_text(ACCOUNTS, "utf-8")  # the project above it
    sub = tmp_path / "lib"
    (sub / "posts").mkdir(parents=True)
    (sub / "posts" / "a.yaml").write_text(DRAFT, "utf-8")
    (sub / "pyproject.toml").write_bytes(content.encode("utf-8", "surrogateescape"))
    monkeypatch.chdir(tmp_path)
    result = run(["validate", "--now", NOW, "--format", "json", "lib/posts/a.yaml"])
    assert result.exit_code in (0, 1), result.stderr
    assert json.loads(result.stdout)["summary"]["files"] == 0  # lib/ is outside the drafts patterns


def test_a_folder_named_pyproject_is_passed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pasha.toml").write_text(ACCOUNTS, "utf-8")
    (tmp_path / "lib" / "pyproject.toml").mkdir(parents=True)
    (tmp_path / "lib" / "a.yaml").write_text(DRAFT, "utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(["validate", "--now", NOW, "lib/a.yaml"]).exit_code == 0


def test_an_explicit_config_that_is_a_folder_says_so(tmp_path: Path) -> None:
    (tmp_path / "pasha.toml").mkdir()
    result = run(["validate", "--config", str(tmp_path / "pasha.toml"), "--now", NOW])
    assert result.exit_code == 2 and "it is a folder" in result.stderr


# drafts patterns pasha cannot use: (id, pattern as TOML, line of the message, text it must hold)
PATTERNS = [
    ("globstar-alone", '"**"', 3, "names a folder"),
    ("globstar-in-a-name", '"**.yaml"', 3, "** can only be a whole folder name"),
    ("globstar-prefix", '"posts/**.yaml"', 3, "** can only be a whole folder name"),
    ("triple-star", '"posts/***/*.yaml"', 3, "** can only be a whole folder name"),
    ("globstar-last", '"posts/**"', 3, "names a folder"),
    ("braces-folder", '"{news,sale}/*.yaml"', 3, "brace sets"),
    ("braces-suffix", '"posts/*.{yaml,md}"', 3, "brace sets"),
    ("home", '"~/posts/*.yaml"', 3, "~ is not expanded"),
    ("home-user", '"~shop/*.yaml"', 3, "~ is not expanded"),
    ("dot", '"."', 3, "names a folder"),
    ("dot-slash", '"./"', 3, "names a folder"),
    ("trailing-slash", '"posts/"', 3, "names a folder"),
    ("bare-folder-name", '"posts"', 3, "names a folder"),
    ("folder-with-draft-suffix", '"old.yaml"', 3, "names a folder"),
    ("absolute", '"/etc/*.yaml"', 3, "reaches outside the project"),
    ("dotdot", '"../shared/*.yaml"', 3, "reaches outside the project"),
    ("dotdot-inside", '"posts/../../*.yaml"', 3, "reaches outside the project"),
    ("windows-drive", '"C:/posts/*.yaml"', 3, "reaches outside the project"),
    ("windows-drive-relative", '"C:posts/*.yaml"', 3, "reaches outside the project"),
    ("windows-separators", "'posts\\*.yaml'", 3, "backslashes are not allowed"),
    ("unc-path", "'\\\\server\\share\\*.yaml'", 3, "backslashes are not allowed"),
    ("nul", '"posts/a\\u0000.yaml"', 3, "control characters"),
    ("tab", '"posts/\\t*.yaml"', 3, "control characters"),
    ("newline", '"posts/\\n*.yaml"', 3, "control characters"),
    ("leading-space", '" posts/*.yaml"', 3, "starts or ends with a space"),
    ("trailing-space", '"posts/*.yaml "', 3, "starts or ends with a space"),
    ("only-spaces", '"   "', 3, "starts or ends with a space"),
    ("not-a-draft-suffix", '"posts/*.txt"', 3, ".txt files are not read as drafts"),
    ("image-suffix", '"posts/**/*.JPG"', 3, ".jpg files are not read as drafts"),
    ("literal-not-a-draft", '"posts/README.rst"', 3, ".rst files are not read as drafts"),
    ("empty", '""', 1, "`drafts.1` is empty"),
]


@pytest.mark.parametrize(("pattern", "line", "expected"), [c[1:] for c in PATTERNS], ids=[c[0] for c in PATTERNS])
def test_a_pattern_pasha_cannot_use_is_a_config_error_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pattern: str, line: int, expected: str
) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.yaml").write_text(DRAFT, "utf-8")
    (tmp_path / "old.yaml").mkdir()
    (tmp_path / "pasha.toml").write_text(f'drafts = [\n  "posts/*.yaml",\n  {pattern},\n]\n{ACCOUNTS}', "utf-8")
    code, output = _validate_as_pre_commit(tmp_path, monkeypatch)
    assert code == 2, output
    assert f"pasha.toml:{line}: " in output and expected in output


USABLE_PATTERNS = [
    "posts/**/*.yaml",
    "posts/*.y?ml",
    "posts/[ab].yaml",
    "./posts/*.yaml",
    "posts//*.yaml",
    "posts/*",
    "posts/a.yaml",
    "**/*.yaml",
    "posts/*.y*",
    "投稿/*.yaml",
]


@pytest.mark.parametrize("pattern", USABLE_PATTERNS)
def test_usable_patterns_are_taken(project: Project, pattern: str) -> None:
    project.write("投稿/a.yaml", DRAFT.replace("account: x", "account: free"))
    project.write(
        "pasha.toml", f"drafts = [{json.dumps(pattern, ensure_ascii=False)}]\n[accounts.free]\nplan = 'free'\n"
    )
    project.draft("a.yaml", DRAFT.replace("account: x", "account: free"))
    _, report = project.validate()
    assert report["summary"]["files"] >= 2 and not [f for f in report["findings"] if f["code"] == "PSH005"]


# PSH005: (id, drafts line of pasha.toml or None, files to write, expected {(code, line)} on pasha.toml)
UNMATCHED = [
    (
        "custom-pattern-typo",
        'drafts = [\n  "posts/**/*.yaml",\n  "campaing/**/*.yaml",\n]',
        ["posts/a.yaml"],
        {("PSH005", 3)},
    ),
    (
        "two-dead-patterns",
        'drafts = ["posts/*.yaml",\n  "news/*.md",\n  "sale/*.json"]',
        ["posts/a.yaml"],
        {("PSH005", 2), ("PSH005", 3)},
    ),
    (
        "matches-only-other-files",
        'drafts = [\n  "posts/*.yaml",\n  "notes/*",\n]',
        ["posts/a.yaml", "notes/x.txt"],
        {("PSH005", 3)},
    ),
    (
        "name-too-long",
        'drafts = [\n  "posts/*.yaml",\n  "' + "a" * 5000 + '.yaml",\n]',
        ["posts/a.yaml"],
        {("PSH005", 3)},
    ),
    ("no-draft-at-all", 'drafts = ["content/*.yaml"]', [], {("PSH005", 1)}),
    ("defaults-and-no-draft", None, [], {("PSH005", 1)}),
    (
        "init-defaults-without-drafts",
        'drafts = ["posts/**/*.yaml", "posts/**/*.yml", "posts/**/*.md",\n          "posts/**/*.json"]',
        [],
        {("PSH005", 1)},
    ),
    ("defaults-one-suffix-used", None, ["posts/a.yaml"], set()),
    (
        "init-defaults-one-suffix-used",
        'drafts = ["posts/**/*.yaml", "posts/**/*.yml", "posts/**/*.md",\n          "posts/**/*.json"]',
        ["posts/sub/a.md"],
        set(),
    ),
    ("custom-pattern-used", 'drafts = ["content/**/*.yaml"]', ["content/2030/a.yaml"], set()),
    (
        "only-unreadable-draft-matches",
        'drafts = [\n  "posts/*.yaml",\n  "broken/*.yaml",\n]',
        ["posts/a.yaml", "broken/b.yaml:"],
        set(),
    ),
]


@pytest.mark.parametrize(("drafts", "files", "expected"), [c[1:] for c in UNMATCHED], ids=[c[0] for c in UNMATCHED])
def test_patterns_that_match_no_draft_are_findings(
    tmp_path: Path, drafts: str | None, files: list[str], expected: set[tuple[str, int]]
) -> None:
    project = Project(tmp_path, (drafts + "\n" if drafts else "") + "[accounts.free]\nplan = 'free'\n")
    for name in files:
        clean = name.rstrip(":")
        project.write(clean, "account: [\n" if name.endswith(":") else DRAFT.replace("account: x", "account: free"))
    _, report = project.validate()
    found = {(f["code"], f["line"]) for f in report["findings"] if f["path"] == "pasha.toml"}
    assert found == expected
    assert all(f["path"] == "pasha.toml" for f in report["findings"] if f["code"] == "PSH005")


def test_an_unmatched_pattern_is_not_reported_when_only_a_draft_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Project(tmp_path, 'drafts = ["posts/*.yaml", "news/*.yaml"]\n[accounts.free]\nplan = "free"\n')
    (tmp_path / "posts" / "a.yaml").write_text(DRAFT.replace("account: x", "account: free"), "utf-8")
    code, output = _validate_as_pre_commit(tmp_path, monkeypatch)
    assert code == 0 and "PSH005" not in output
    monkeypatch.chdir(tmp_path)
    whole = run(["validate", "--now", NOW])
    assert whole.exit_code == 1 and "pasha.toml" in whole.stdout and "PSH005" in whole.stdout


def test_a_new_project_from_init_has_no_unmatched_pattern(tmp_path: Path) -> None:
    assert run(["init", str(tmp_path / "shop"), "--account", "shop", "--now", NOW]).exit_code == 0
    result = run(["validate", "--config", str(tmp_path / "shop" / "pasha.toml"), "--now", NOW])
    assert "PSH005" not in result.stdout


# [[maintenance]] recurrences pasha refuses (tests/hostile_rrules.py): exit 2 at the key's line, every command
@pytest.mark.parametrize(
    ("start", "rrule", "duration", "key"), [c[1:] for c in HOSTILE_RRULES], ids=[c[0] for c in HOSTILE_RRULES]
)
def test_a_hostile_recurrence_is_refused_at_its_line(
    tmp_path: Path, start: str, rrule: str, duration: str, key: str
) -> None:
    (tmp_path / "pasha.toml").write_text(config_for(start, rrule, duration), "utf-8")
    for lang in ("en", "ja"):
        result = run(["validate", "--config", str(tmp_path / "pasha.toml"), "--now", NOW, "--lang", lang])
        assert result.exit_code == 2, result.output
        # a start outside the years pasha plans in is refused by the schema's date check, in backticks
        assert re.search(rf"pasha\.toml:{LINE_OF[key]}: `?maintenance\.0\.{key}`?[: ]", result.stderr), result.stderr
        assert "Internal error" not in result.stderr


@pytest.mark.parametrize("command", [["calendar", "--month", "2030-02"], ["slots", "--account", "x"], ["ics"]])
def test_every_project_command_refuses_a_secondly_rule(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "pasha.toml").write_text(config_for("2030-01-07T01:00:00+09:00", "FREQ=SECONDLY", "PT1S"), "utf-8")
    result = run([*command, "--config", str(tmp_path / "pasha.toml"), "--now", NOW])
    assert result.exit_code == 2 and "pasha.toml:6: maintenance.0.rrule: FREQ=SECONDLY is too fine" in result.stderr


# recurrences pasha takes: its windows are exactly dateutil's, walked from the start
GOOD_RULES = [
    ("2030-01-07T01:00:00+09:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"),
    ("2030-01-07T01:00:00+09:00", "FREQ=MONTHLY;BYDAY=2MO"),
    ("2030-01-07T01:00:00+09:00", "FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=2"),
    ("2030-01-07T01:00:00+09:00", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"),
    ("2030-01-07T01:00:00+09:00", "FREQ=DAILY;BYHOUR=1,13"),
    ("2030-01-31T01:00:00+09:00", "FREQ=MONTHLY"),
    ("2030-01-07T01:00:00+09:00", "FREQ=WEEKLY;BYDAY=MO,WE;BYSETPOS=-1;WKST=SU"),
    ("2030-01-07T01:00:00+09:00", "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO"),
    ("2030-01-07T01:00:00+09:00", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1"),
    ("2030-01-07T01:00:00+09:00", "FREQ=DAILY;INTERVAL=10;COUNT=50"),
    ("2032-02-29T01:00:00+09:00", "FREQ=YEARLY"),
    ("2000-01-01T00:00:00+09:00", "FREQ=YEARLY;BYYEARDAY=366"),
    ("2085-12-31T23:00:00+09:00", "FREQ=WEEKLY;BYDAY=SU"),
    ("2099-12-31T23:00:00+09:00", "FREQ=DAILY"),
    ("2030-01-07T01:00:00+09:00", "FREQ=WEEKLY;UNTIL=20300401T000000Z"),
]


@pytest.mark.parametrize(("start", "text"), GOOD_RULES)
def test_bounded_windows_are_dateutils_windows(start: str, text: str) -> None:
    from dateutil.rrule import rrulestr

    first = datetime.fromisoformat(start)
    rule = RecurringWindow.parse(text, first, timedelta(hours=3))
    horizon = min(datetime(END_YEAR, 1, 1, tzinfo=JST), first.replace(year=min(first.year + HORIZON_YEARS, END_YEAR)))
    expected = [
        w for w in rrulestr(text, dtstart=first.astimezone(JST)).between(first, horizon, inc=True) if w < horizon
    ]
    got = [w.start for w in rule.between(first, horizon)]
    assert got == expected and got
    for moment in expected[:50]:
        assert rule.window_at(moment) is not None and rule.window_at(moment - timedelta(seconds=1)) is None


def test_windows_end_at_the_horizon_whatever_is_asked() -> None:
    rule = RecurringWindow.parse("FREQ=DAILY", datetime(2030, 1, 7, 1, tzinfo=JST), timedelta(hours=5))
    assert rule.window_at(datetime(2049, 1, 7, 2, tzinfo=JST)) is not None
    assert rule.window_at(datetime(2050, 1, 8, 2, tzinfo=JST)) is None
    assert list(rule.between(datetime(9000, 1, 1, tzinfo=JST), datetime(9999, 12, 31, tzinfo=JST))) == []
    assert list(rule.between(datetime(1, 1, 2, tzinfo=JST), datetime(2030, 1, 8, tzinfo=JST)))


def test_every_start_year_has_a_twin_with_the_same_calendar() -> None:
    def leap(year: int) -> bool:
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)

    for year in range(FIRST_YEAR, END_YEAR):
        twin = _twin_year(year)
        assert 9952 <= twin <= 9979
        for k in range(-1, HORIZON_YEARS + 1):
            if year + k < END_YEAR:
                assert leap(year + k) == leap(twin + k)
                assert date(year + k, 1, 1).weekday() == date(twin + k, 1, 1).weekday()


def test_refusals_carry_both_languages() -> None:
    with pytest.raises(RuleError) as caught:
        RecurringWindow.parse("FREQ=MINUTELY", datetime(2030, 1, 7, tzinfo=JST), timedelta(hours=1))
    assert "細かすぎます" in caught.value.text.ja and "too fine" in caught.value.text.en


@pytest.mark.parametrize(
    ("count", "entry", "expected"),
    [
        (
            11,
            'start = 2030-01-07T01:00:00+09:00\nrrule = "FREQ=WEEKLY"\nduration = "PT5H"\n',
            "maintenance: 11 recurrences (rrule) (at most 10)",
        ),
        (
            1_001,
            "start = 2030-01-07T01:00:00+09:00\nend = 2030-01-07T02:00:00+09:00\n",
            "maintenance: 1,001 windows (at most 1,000)",
        ),
    ],
)
def test_the_number_of_maintenance_entries_is_bounded(tmp_path: Path, count: int, entry: str, expected: str) -> None:
    lines_per_entry = entry.count("\n") + 1
    (tmp_path / "pasha.toml").write_text(ACCOUNTS + "".join("[[maintenance]]\n" + entry for _ in range(count)), "utf-8")
    result = run(["validate", "--config", str(tmp_path / "pasha.toml"), "--now", NOW])
    first_too_many = 3 + lines_per_entry * (count - 1)  # the header of the entry past the limit
    assert result.exit_code == 2 and f"pasha.toml:{first_too_many}: {expected}" in result.stderr
