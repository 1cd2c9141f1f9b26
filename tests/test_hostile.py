"""Hostile and broken input: every case is a finding or an exit-2 message, never a traceback or a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import Project, run

HEAD = "account: free\npublish_at: 2030-04-16 10:00\n"

HOSTILE: list[tuple[str, str, bytes, str]] = [
    ("python-object", "a.yaml", (HEAD + "body: !!python/object:os.system {}\n").encode(), "PSH001"),
    ("python-name", "a.yaml", (HEAD + "body: !!python/name:os.system\n").encode(), "PSH001"),
    (
        "billion-laughs",
        "a.yaml",
        b"a: &a [x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c]\n",
        "PSH001",
    ),
    ("deep-nesting", "a.yaml", b"body: " + b"[" * 5000 + b"]" * 5000 + b"\n", "PSH001"),
    ("deep-json", "a.json", b"[" * 100000 + b"]" * 100000, "PSH001"),
    ("shift-jis", "a.yaml", "account: free\nbody: こんにちは\n".encode("shift_jis"), "PSH001"),
    ("utf-16", "a.yaml", (HEAD + "body: x\n").encode("utf-16"), "PSH001"),
    ("nul-bytes", "a.yaml", HEAD.encode() + b"body: a\x00b\n", "PSH001"),
    ("only-bom", "a.yaml", b"\xef\xbb\xbf", "PSH001"),
    ("tabs-indent", "a.yaml", b"account: free\n\tbody: x\n", "PSH001"),
    ("two-documents", "a.yaml", (HEAD + "body: x\n---\nbody: y\n").encode(), "PSH001"),
    ("scalar-document", "a.yaml", b"just a string\n", "PSH001"),
    ("null-document", "a.yaml", b"~\n", "PSH001"),
    ("json-array", "a.json", b"[1, 2]", "PSH001"),
    ("json-nan", "a.json", b'{"account": "free", "publish_at": "2030-04-16 10:00", "body": NaN}', "PSH002"),
    ("non-string-keys", "a.yaml", (HEAD + "body: x\n1: one\nyes: true\n").encode(), "PSH002"),
    ("timestamp-is-text", "a.yaml", b"account: free\npublish_at: 2030-04-16 10:00:00\nbody: x\n", ""),
    ("date-object", "a.yaml", b"account: free\npublish_at: 2030-04-16\nbody: x\n", "PSH002"),
    ("sexagesimal", "a.yaml", b"account: free\npublish_at: 10:00\nbody: x\n", "PSH002"),
    ("huge-int", "a.yaml", HEAD.encode() + b"body: x\npush: " + b"9" * 5000 + b"\n", "PSH001"),
    ("huge-json-int", "a.json", b'{"push": ' + b"9" * 5000 + b"}", "PSH001"),
    ("md-only-fence", "a.md", b"---\n---\n", "PSH001"),
    ("md-bad-yaml", "a.md", b"---\naccount: [free\n---\nbody\n", "PSH001"),
    ("crlf-markdown", "a.md", b"---\r\naccount: free\r\npublish_at: 2030-04-16 10:00\r\n---\r\n\r\nbody\r\n", ""),
]


@pytest.mark.parametrize(("name", "data", "code"), [(c[1], c[2], c[3]) for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_hostile_draft_is_a_finding(project: Project, name: str, data: bytes, code: str) -> None:
    project.write(f"posts/{name}", data)
    codes = {c for _, c, _ in project.codes()}
    assert codes == ({code} if code else set())


def test_oversized_draft(project: Project) -> None:
    project.write("posts/big.yaml", HEAD + "body: " + "x" * 1_000_001 + "\n")
    assert project.codes() == {("posts/big.yaml", "PSH001", 1)}


@pytest.mark.skipif(os.name == "nt", reason="symbolic links")
def test_symlinks_leading_out_of_the_project(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.jpg").write_bytes(b"\xff\xd8\xff secret")
    (outside / "secret.yaml").write_text(HEAD + "body: x\n")
    project = Project(tmp_path / "project")
    (project.root / "posts" / "link.jpg").symlink_to(outside / "secret.jpg")
    (project.root / "posts" / "linked-draft.yaml").symlink_to(outside / "secret.yaml")
    project.draft("a.yaml", HEAD.replace("04-16", "05-16") + "body: x\nimage: link.jpg\n")
    assert project.codes() == {("posts/a.yaml", "PSH004", 4), ("posts/linked-draft.yaml", "PSH004", 1)}


def test_dotdot_that_stays_inside_is_fine(project: Project) -> None:
    project.image("images/a.jpg")
    project.draft("sub/a.yaml", HEAD + "body: x\nimage: ../../images/a.jpg\n")
    assert project.codes() == set()


CONFIGS = [
    ("toml-syntax", "accounts = [\n", "pasha.toml:1"),
    ("wrong-plan", '[accounts.x]\nplan = "pro"\n', "pasha.toml:2: `accounts.x.plan`"),
    ("unknown-key", '[accounts.x]\nplan = "free"\nicn = "a.jpg"\n', "pasha.toml:3: unknown field `icn`"),
    ("no-accounts", 'drafts = ["posts/*.yaml"]\n', "accounts"),
    ("bad-closure", 'closure_days = ["13-01"]\n[accounts.x]\nplan = "free"\n', "pasha.toml:1: `closure_days.0`"),
    (
        "bad-window",
        '[accounts.x]\nplan = "free"\n[[maintenance]]\nstart = 2030-01-01T01:00:00+09:00\n',
        "pasha.toml:3: `maintenance.0`",
    ),
    (
        "end-before-start",
        '[accounts.x]\nplan = "free"\n[[maintenance]]\nstart = 2030-01-01T06:00:00+09:00\n'
        "end = 2030-01-01T01:00:00+09:00\n",
        "pasha.toml:3",
    ),
    (
        "bad-rrule",
        '[accounts.x]\nplan = "free"\n[[maintenance]]\nstart = 2030-01-01T01:00:00+09:00\n'
        'rrule = "FREQ=NEVER"\nduration = "PT5H"\n',
        "pasha.toml:5: maintenance.0.rrule",
    ),
    (
        "date-only-window",
        '[accounts.x]\nplan = "free"\n[[maintenance]]\nstart = 2030-01-01\nend = 2030-01-02\n',
        "pasha.toml:4: `maintenance.0.start`",
    ),
    (
        "absolute-pattern",
        'drafts = ["/etc/*.yaml"]\n[accounts.x]\nplan = "free"\n',
        "pasha.toml:1: drafts: the pattern '/etc/*.yaml'",
    ),
    (
        "dotdot-pattern",
        'drafts = [\n  "posts/*.yaml",\n  "../*.yaml",\n]\n[accounts.x]\nplan = "free"\n',
        "pasha.toml:3: drafts",
    ),
    ("not-utf8", "[accounts.x]\nplan = 'free'\nname = '\x83e'\n", "pasha.toml"),
]


@pytest.mark.parametrize(("config", "expected"), [(c[1], c[2]) for c in CONFIGS], ids=[c[0] for c in CONFIGS])
def test_broken_config_exits_2_with_file_line_and_key(tmp_path: Path, config: str, expected: str) -> None:
    (tmp_path / "pasha.toml").write_bytes(config.encode("latin-1") if "\x83" in config else config.encode())
    result = run(["validate", "--config", str(tmp_path / "pasha.toml"), "--now", "2030-03-01 10:00"])
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_random_bytes_never_crash(project: Project) -> None:
    import random

    rng = random.Random(20301)
    for n in range(60):
        suffix = (".yaml", ".json", ".md")[n % 3]
        data = bytes(rng.getrandbits(8) for _ in range(rng.randrange(1, 300)))
        if n % 4 == 0:
            data = b"---\n" + data
        project.write(f"posts/r{n}{suffix}", data)
    code, report = project.validate()
    assert code == 1
    assert report["summary"]["files"] == 61


@pytest.mark.parametrize(
    ("depth", "style"),
    [(20, "block"), (20, "flow"), (120, "flow"), (120, "json")],
)
def test_positions_of_a_deep_draft_are_kept_to_a_bound(tmp_path: Path, depth: int, style: str) -> None:
    """A deep value costs its depth, not its square: positions are kept 16 levels down (the field is
    the first), and a field
    deeper down is placed at its nearest kept parent (its line, never line 1)."""
    from pasha_cli.project.drafts import load_draft

    if style == "block":
        nested = "".join(f"{'  ' * (level + 1)}k:\n" for level in range(depth)) + f"{'  ' * (depth + 1)}leaf: 1\n"
        text = HEAD + "body: x\nsegment:\n" + nested
    elif style == "flow":
        text = HEAD + "body: x\nsegment: " + "[" * depth + "1" + "]" * depth + "\n"
    else:
        text = '{"account": "free",\n"segment": ' + "[" * depth + "1" + "]" * depth + "}"
    path = tmp_path / ("a.json" if style == "json" else "a.yaml")
    path.write_text(text)
    draft = load_draft(path, tmp_path)
    keys = draft.source.keys  # type: ignore[union-attr]
    assert max(key.count("/") for key in keys) == 16
    deepest = "/segment" + ("/k" if style == "block" else "/0") * (depth - 1)
    line = 2 if style == "json" else 4
    assert draft.source.key(deepest).line == (line if style != "block" else 4 + 15)  # type: ignore[union-attr]


DEEP = [  # nesting libyaml's composer recursed into until the process crashed (a segmentation fault)
    ("flow-sequences", "a.yaml", HEAD + "body: " + "[" * 40_000 + "]" * 40_000 + "\n"),
    ("flow-mappings", "a.yaml", HEAD + "segment: " + "{a: " * 40_000 + "1" + "}" * 40_000 + "\n"),
    ("block-sequences", "a.yaml", HEAD + "segment:\n" + "- " * 40_000 + "x\n"),
    ("complex-keys", "a.yaml", HEAD + "segment:\n  " + "? " * 40_000 + "x\n"),
    ("mixed", "a.yaml", HEAD + "segment:\n" + "- [" * 20_000 + "x" + "]" * 20_000 + "\n"),
    ("front-matter", "a.md", "---\n" + HEAD + "segment: " + "[" * 40_000 + "]" * 40_000 + "\n---\nbody\n"),
]


@pytest.mark.sample(1, per="name")  # a YAML file and a Markdown one, each in a process of its own
@pytest.mark.parametrize(("name", "text"), [(c[1], c[2]) for c in DEEP], ids=[c[0] for c in DEEP])
def test_nesting_that_crashed_the_parser_is_a_finding(tmp_path: Path, name: str, text: str) -> None:
    """In a process of its own: a crash of the parser would end pytest's too."""
    import json
    import subprocess
    import sys

    project = Project(tmp_path)
    project.draft(name, text)
    project.draft("ok.yaml", HEAD.replace("04-16", "05-16") + "body: fine\n")
    done = subprocess.run(
        [sys.executable, "-m", "pasha_cli", "validate", "--format", "json", "--now", "2030-03-01 12:00"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PASHA_LANG": "en"},
    )
    assert done.returncode == 1, done.stderr
    found = {(f["path"], f["code"]) for f in json.loads(done.stdout)["findings"]}
    assert found == {(f"posts/{name}", "PSH001")}


@pytest.mark.parametrize(
    "body",
    ["[" * 1_999, "x" * 5_000 + "- " * 900, "[[a]] " * 300, "- - x\n? y\n" * 400],
    ids=["brackets-within-the-bound", "dashes-in-text", "balanced", "many-short-runs"],
)
def test_text_that_only_looks_deep_is_read(tmp_path: Path, body: str) -> None:
    from pasha_cli.project.drafts import load_draft

    path = tmp_path / "a.yaml"
    path.write_text(HEAD + "body: |\n" + "".join(f"  {line}\n" for line in body.split("\n")))
    draft = load_draft(path, tmp_path)
    assert getattr(draft, "code", None) is None, draft
