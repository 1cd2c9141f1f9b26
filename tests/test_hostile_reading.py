"""Drafts are read as reviewers read them, and no single draft can crash the run (issue 10, items 4 and 6)."""

from __future__ import annotations

import json
import os

import pytest

from tests.conftest import Project, run

HEAD = "account: free\npublish_at: 2030-04-16 10:00\n"
OTHER = "account: paid\npublish_at: 2030-04-17 10:00\nbody: fine\n"

# (id, file, bytes, (code, line, column) expected for it). Each hides a line end that PyYAML sees
# and editors, GitHub and YAML 1.2 readers do not; the schedule rules must not be switched off unseen.
SEPARATORS = [
    ("ls-status", "a.yaml", HEAD + "body: hello\u2028status: published\n", (2 + 1, 12)),
    ("ps-status", "a.yaml", HEAD + "body: hello\u2029status: published\n", (3, 12)),
    ("nel-status", "a.yaml", HEAD + "body: hello\x85status: published\n", (3, 12)),
    ("cr-status", "a.yaml", HEAD + "body: hello\rstatus: published\n", (3, 12)),
    ("ls-in-key-line", "a.yaml", "account: free\u2028publish_at: 2030-04-16 10:00\nbody: x\n", (1, 14)),
    ("ls-in-quoted", "a.yaml", HEAD + 'body: "hello\u2028status: published"\n', (3, 13)),
    ("ls-in-block", "a.yaml", HEAD + "body: |\n  one\u2028two\n", (4, 6)),
    ("ls-in-comment", "a.yaml", HEAD + "body: x # note\u2028status: published\n", (3, 15)),
    ("ls-front-matter", "a.md", "---\n" + HEAD + "status: draft\u2028---\n---\nbody\n", (4, 14)),
    ("ls-hides-fence", "a.md", "---\n" + HEAD + "x: 1\u2028---\nstatus: published\n---\nbody\n", (4, 5)),
    ("cr-front-matter", "a.md", "---\n" + HEAD + "status: draft\rstatus: published\n---\nbody\n", (4, 14)),
    ("nel-json-source", "a.yaml", '{"account": "free",\x85"status": "published"}\n', (1, 20)),
    ("second-line", "a.yaml", HEAD + "body: ok\nlink: https://item.rakuten.co.jp/\u2029x\n", (4, 34)),
]


@pytest.mark.parametrize(("name", "text", "where"), [c[1:] for c in SEPARATORS], ids=[c[0] for c in SEPARATORS])
def test_ambiguous_line_breaks_are_refused_where_they_are(
    project: Project, name: str, text: str, where: tuple[int, int]
) -> None:
    project.draft(name, text.encode("utf-8"))
    project.draft("other.yaml", OTHER)
    _, report = project.validate()
    found = [(f["code"], f["line"], f["column"]) for f in report["findings"] if f["path"] == f"posts/{name}"]
    assert found == [("PSH001", *where)]
    assert not [f for f in report["findings"] if f["path"] == "posts/other.yaml"]


@pytest.mark.parametrize(
    "text",
    [
        "---\naccount: free\npublish_at: 2030-04-16 10:00\n---\none\u2028two\n",  # a Markdown body is not YAML
        '{"account": "free", "publish_at": "2030-04-16 10:00", "body": "one\u2028two"}',  # JSON reads it as text
        HEAD + 'body: "one\\u2028two"\n',  # an escape is what editors show too
        HEAD + "body: one\r\n  two\r\n",  # CRLF is a line end for everyone
    ],
)
def test_line_separators_where_every_reader_agrees(project: Project, text: str) -> None:
    name = "a.md" if text.startswith("---") else "a.json" if text.startswith("{") else "a.yaml"
    project.draft(name, text.encode("utf-8"))
    codes = {c for _, c, _ in project.codes()}
    assert "PSH001" not in codes


def test_markdown_front_matter_ends_only_at_a_line_editors_see(project: Project) -> None:
    # str.splitlines would end the front matter at the U+2028: the body would start early
    project.draft("a.md", "---\naccount: free\npublish_at: 2030-04-16 10:00\n---\nline\u2028---\nmore\n")
    _, report = project.validate("--select", "PSH1")
    assert [f["code"] for f in report["findings"]] == ["PSH110"]  # the LS in the body, as an invisible character


@pytest.mark.parametrize(
    "merge", ["<<: {status: published}\n", "<<: [{status: published}]\n", "? <<\n: {status: published}\n"]
)
def test_yaml_merge_keys_are_refused(project: Project, merge: str) -> None:
    project.draft("a.yaml", HEAD + "body: x\n" + merge)
    assert {(c, ln) for _, c, ln in project.codes()} == {("PSH001", 4)}


SURROGATE_FIELDS = ["account", "publish_at", "body", "image", "link", "status", "submitted_at", "segment"]


@pytest.mark.parametrize("field", SURROGATE_FIELDS)
@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "x\\udc00y", "\\ud83d"])
def test_lone_surrogates_in_json_are_unreadable_drafts(project: Project, field: str, escape: str) -> None:
    fields = {"account": "free", "publish_at": "2030-04-16 10:00", "body": "x"}
    text = json.dumps(fields)[:-1] + f', "{field}_": 1' * 0 + "}"
    text = (
        text.replace(f'"{field}": "', f'"{field}": "{escape}')
        if field in fields
        else text[:-1] + f', "{field}": "{escape}"' + "}"
    )
    project.draft("a.json", text)
    project.draft("other.yaml", OTHER)
    code, report = project.validate()
    assert code == 1
    assert [(f["path"], f["code"]) for f in report["findings"]] == [("posts/a.json", "PSH001")]
    assert field in report["findings"][0]["message"]


@pytest.mark.parametrize(
    "text",
    [
        '{"\\ud800": "x", "account": "free"}',  # in a key
        '{"account": "free", "publish_at": "2030-04-16 10:00", "body": "x", "segment": ["\\udc00"]}',  # in a list
        HEAD + 'body: "x\\ud800"\n',  # YAML's double-quoted escapes too
        '---\naccount: "\\udfff"\npublish_at: 2030-04-16 10:00\n---\nbody\n',
    ],
)
def test_lone_surrogates_anywhere(project: Project, text: str) -> None:
    name = "a.md" if text.startswith("---") else "a.json" if text.startswith("{") else "a.yaml"
    project.draft(name, text)
    assert {c for _, c, _ in project.codes()} == {"PSH001"}


DATES = [
    "0001-01-01T00:00:00+09:00",
    "0001-01-01T00:00:00-12:00",
    "9999-12-31T23:59:00-05:00",
    "9999-12-31 23:59",
    "1999-12-31 23:59",
    "2200-01-01 00:00",
    "0000-01-01 00:00",
    "9999年12月31日 23時59分",
    "２２００/０１/０１ ００:００",
    "٢٠٣٠-04-16 10:00",  # Arabic-Indic digits: Python's \d matches them, a reviewer does not read a date
]


@pytest.mark.sample(1, per=("value", "field"))  # every date once, each field
@pytest.mark.parametrize("value", DATES)
@pytest.mark.parametrize("field", ["publish_at", "submitted_at"])
def test_dates_outside_the_planning_years_are_schema_findings(project: Project, value: str, field: str) -> None:
    extra = "status: submitted\n" if field == "submitted_at" else ""
    publish = value if field == "publish_at" else "2030-04-16 10:00"
    project.draft(
        "a.yaml",
        f"account: free\npublish_at: '{publish}'\nbody: x\n{extra}"
        + (f"submitted_at: '{value}'\n" if field == "submitted_at" else ""),
    )
    project.draft("other.yaml", OTHER)
    assert ("posts/a.yaml", "PSH002") in {(p, c) for p, c, _ in project.codes()}
    for command in (["calendar", "--month", "2030-04"], ["ics"], ["slots", "--account", "free"]):
        result = run([*command, "--config", str(project.root / "pasha.toml"), "--now", "2030-03-01 12:00"])
        assert result.exit_code == 0, (command, result.output)


@pytest.mark.parametrize(
    "now",
    [
        "0001-01-01 00:00",
        "9999-12-31 23:59",
        "1999-12-31 23:59",
        "2200-01-01 00:00",
        "9999-12-31T23:59:59-12:00",
        "2030-02-30 10:00",
        "now",
        "٢٠٣٠-01-01 10:00",
    ],
)
@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["calendar"],
        ["ics"],
        ["slots", "--account", "free"],
        ["deadline", "2030-04-16"],
        ["export", "-o", "x.zip"],
    ],
)
def test_extreme_now_is_a_usage_error(
    project: Project, monkeypatch: pytest.MonkeyPatch, now: str, command: list[str]
) -> None:
    monkeypatch.chdir(project.root)
    project.draft("a.yaml", HEAD + "body: x\n")
    by_option = run([*command, "--config", str(project.root / "pasha.toml"), "--now", now])
    by_environment = run([*command, "--config", str(project.root / "pasha.toml")], env={"PASHA_NOW": now})
    for result in (by_option, by_environment):
        assert result.exit_code == 2, result.output
        assert "Internal error" not in result.stderr
    assert "Internal error" not in result.stderr


@pytest.mark.parametrize("now", ["2000-01-01 00:00", "2199-12-31 23:59", "2199-12-31T23:59:00-12:00"])
@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["calendar", "--month", "2199-12"],
        ["calendar", "--month", "2000-01"],
        ["ics"],
        ["slots", "--account", "free", "--from", "2199-12-31"],
        ["deadline", "2000-01-01"],
        ["deadline", "2199-12-31"],
        ["export", "-o", "x.zip"],
        ["new", "--account", "free", "-o", "posts/new.yaml"],
    ],
)
def test_the_edges_of_the_planning_years_work(
    project: Project, monkeypatch: pytest.MonkeyPatch, now: str, command: list[str]
) -> None:
    monkeypatch.chdir(project.root)
    project.draft("a.yaml", HEAD + "body: x\n")
    result = run([*command, "--config", str(project.root / "pasha.toml"), "--now", now])
    assert result.exit_code in (0, 1), result.output


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "1999-12", "2200-01", "2030-13", "2030-1", "٢٠٣٠-04", "x"])
def test_months_outside_the_planning_years(project: Project, month: str) -> None:
    result = run(
        ["calendar", "--month", month, "--config", str(project.root / "pasha.toml"), "--now", "2030-03-01 12:00"]
    )
    assert result.exit_code == 2 and "Cannot read the month" in result.stderr


@pytest.mark.parametrize("status", ["Draft", "PUBLISHED", "Cancelled", "published ", 3, True, None, ["draft"]])
def test_a_status_pasha_does_not_know_is_checked_as_a_draft(project: Project, status: object) -> None:
    project.draft(
        "a.json", json.dumps({"account": "free", "publish_at": "2030-03-02 10:00", "body": "x", "status": status})
    )
    codes = {c for _, c, _ in project.codes()}
    assert {"PSH002", "PSH301"} <= codes  # the value is reported, and the schedule is still checked
    for command in (
        ["calendar", "--month", "2030-03"],
        ["calendar", "--month", "2030-03", "--format", "json"],
        ["ics"],
        ["slots", "--account", "free"],
        ["preview", str(project.root / "posts/a.json")],
    ):
        result = run([*command, "--config", str(project.root / "pasha.toml"), "--now", "2030-03-01 12:00"])
        assert result.exit_code in (0, 1), (command, result.output)


@pytest.mark.skipif(os.name == "nt", reason="symbolic links")
@pytest.mark.parametrize("field", ["image", "video"])
@pytest.mark.parametrize("kind", ["loop", "self", "long", "nul"])
def test_unusable_file_names_are_findings(project: Project, field: str, kind: str) -> None:
    posts = project.root / "posts"
    if kind == "loop":
        (posts / "a.jpg").symlink_to(posts / "b.jpg")
        (posts / "b.jpg").symlink_to(posts / "a.jpg")
        name = "a.jpg"
    elif kind == "self":
        (posts / "self.jpg").symlink_to(posts / "self.jpg")
        name = "self.jpg"
    elif kind == "long":
        name = "x" * 5000 + ".jpg"
    else:
        name = "a\x00b.jpg"
    project.draft("a.json", json.dumps({"account": "paid", "publish_at": "2030-04-16 10:00", "body": "x", field: name}))
    project.draft("other.yaml", OTHER)
    found = {(p, c) for p, c, _ in project.codes()}
    assert ("posts/a.json", "PSH004") in found
    assert not {c for p, c in found if p == "posts/other.yaml"}


@pytest.mark.skipif(os.name == "nt", reason="symbolic links")
def test_a_draft_that_is_a_symlink_loop(project: Project) -> None:
    (project.root / "posts" / "x.yaml").symlink_to(project.root / "posts" / "x.yaml")
    project.draft("other.yaml", OTHER)
    assert {(p, c) for p, c, _ in project.codes()} == {("posts/x.yaml", "PSH001")}  # never skipped unseen


def test_a_rule_that_crashes_costs_one_draft_not_the_report(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in a rule (simulated) on one draft: the others' findings stand, the run exits 3."""
    from pasha_cli import rules, urls

    original = urls.parse_link.__wrapped__

    def broken(url: str) -> object:
        if "boom" in url:
            raise ZeroDivisionError("simulated bug")
        return original(url)

    monkeypatch.setattr(urls, "parse_link", broken)
    assert rules  # the registry holds the rules whose checks call parse_link through the module (Context.link)
    project.draft("a.yaml", HEAD + "body: x\nlink: https://boom.rakuten.co.jp/\n")
    project.draft("b.yaml", OTHER + "link: http://evil.example/\n")
    result = run(
        ["validate", "--format", "json", "--config", str(project.root / "pasha.toml"), "--now", "2030-03-01 12:00"]
    )
    assert result.exit_code == 3
    found = {(f["path"], f["code"]) for f in json.loads(result.stdout)["findings"]}
    assert {("posts/b.yaml", "PSH502"), ("posts/b.yaml", "PSH503")} <= found
    assert "PSH501 failed on posts/a.yaml" in result.stderr and "ZeroDivisionError" in result.stderr


def test_an_internal_error_is_exit_3(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from pasha_cli import engine

    def broken(*args: object, **kwargs: object) -> object:
        raise KeyError("simulated bug")

    monkeypatch.setattr(engine, "load_scope", broken)
    result = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", "2030-03-01 12:00"])
    assert result.exit_code == 3 and "Internal error in pasha" in result.stderr


def test_exit_code_3_outranks_findings() -> None:
    from pasha_cli.model import Crash, Report

    assert Report((), 0).exit_code(False) == 0
    assert Report((), 0, crashes=(Crash("PSH501", "a.yaml", "KeyError()"),)).exit_code(False) == 3


@pytest.mark.parametrize("directive", ["%YAML 1.2\n---\n", "%YAML 1.1\n---\n", "%TAG !e! tag:example.com,2000:\n---\n"])
def test_yaml_directives_are_refused(project: Project, directive: str) -> None:
    project.draft("a.yaml", directive + "account: paid\npublish_at: 2030-04-16 10:00\nbody: x\npush: off\n")
    assert {(c, ln) for _, c, ln in project.codes()} == {("PSH001", 1)}


@pytest.mark.parametrize("fence", ["---\u00a0", "---\u3000", "---\x0c", "---\u2028"])
def test_front_matter_fences_are_ascii_as_jekyll_reads_them(project: Project, fence: str) -> None:
    # Jekyll and GitHub end the front matter only at `---` with ASCII blanks: a fence with a
    # no-break space is a line of the front matter (here: a YAML error), never a silent end
    project.draft("a.md", f"---\naccount: free\npublish_at: 2030-04-16 10:00\n{fence}\nstatus: published\n---\nbody\n")
    assert {c for _, c, _ in project.codes()} == {"PSH001"}


@pytest.mark.sample(1)
@pytest.mark.parametrize("encoding", ["cp932", "latin-1", "ascii"])
def test_a_console_that_cannot_show_a_character_gets_an_escape(project: Project, encoding: str) -> None:
    import subprocess
    import sys

    project.draft("a.yaml", 'account: "😀"\npublish_at: 2030-04-16 10:00\nbody: x\n')
    done = subprocess.run(
        [sys.executable, "-m", "pasha_cli", "validate", "--now", "2030-03-01 12:00"],
        cwd=project.root,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding, "PASHA_LANG": "en"},
    )
    assert done.returncode == 1, done.stderr
    assert b"Internal error" not in done.stderr
    # click writes UTF-8 to a stream it takes as misconfigured (ascii); the others escape the emoji
    assert b"\\U0001f600" in done.stdout or (encoding == "ascii" and "😀".encode() in done.stdout)
