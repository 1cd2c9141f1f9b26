"""Data-driven rule tests: one small draft per case, each naming the (code, line) it must produce.

Boundaries are written inline. The clock is fixed at conftest.NOW (Fri 2030-03-01 12:00 JST).
"""

from __future__ import annotations

import pytest

from tests.conftest import Project

OK_HEAD = "account: free\npublish_at: 2030-04-16 10:00\n"


def body_of(n: int, char: str = "あ") -> str:
    return "body: " + char * n + "\n"


CASES: list[tuple[str, str, str, set[tuple[str, int]]]] = [
    # (case id, file name, content, expected {(code, line)})
    ("clean", "a.yaml", OK_HEAD + "body: こんにちは\n", set()),
    # PSH001
    ("broken-yaml", "a.yaml", "account: free\npublish_at: [2030\nbody: x\n", {("PSH001", 3)}),
    ("python-tag", "a.yaml", OK_HEAD + "body: !!python/object/apply:os.system ['echo hi']\n", {("PSH001", 3)}),
    ("alias", "a.yaml", "account: &a free\npublish_at: 2030-04-16 10:00\nbody: *a\n", {("PSH001", 3)}),
    ("duplicate-key", "a.yaml", OK_HEAD + "body: a\nbody: b\n", {("PSH001", 4)}),
    ("top-level-list", "a.yaml", "- account: free\n", {("PSH001", 1)}),
    ("empty", "a.yaml", "\n\n", {("PSH001", 1)}),
    ("md-no-front-matter", "a.md", "just text\n", {("PSH001", 1)}),
    ("md-unclosed", "a.md", "---\naccount: free\n", {("PSH001", 1)}),
    (
        "md-body-twice",
        "a.md",
        "---\naccount: free\npublish_at: 2030-04-16 10:00\nbody: x\n---\ntext\n",
        {("PSH001", 4)},
    ),
    ("json-syntax", "a.json", '{"account": "free",\n "body": }\n', {("PSH001", 2)}),
    ("json-duplicate", "a.json", '{"account": "free", "account": "paid"}', {("PSH001", 1)}),
    # PSH002
    ("unknown-field", "a.yaml", OK_HEAD + "body: x\nimgae: a.jpg\n", {("PSH002", 4)}),
    ("missing-body", "a.yaml", OK_HEAD, {("PSH002", 1)}),
    ("wrong-type", "a.yaml", OK_HEAD + "body: 12\n", {("PSH002", 3)}),
    ("bad-status", "a.yaml", OK_HEAD + "body: x\nstatus: done\n", {("PSH002", 4)}),
    ("impossible-date", "a.yaml", "account: free\npublish_at: 2030-02-30 10:00\nbody: x\n", {("PSH002", 2)}),
    ("partial-date", "a.yaml", "account: free\npublish_at: 2030-04-16\nbody: x\n", {("PSH002", 2)}),
    ("submitted-needs-time", "a.yaml", OK_HEAD + "body: x\nstatus: submitted\n", {("PSH002", 1)}),
    (
        "md-unknown-field",
        "a.md",
        "---\naccount: free\npublish_at: 2030-04-16 10:00\nimgae: x.jpg\n---\n本文\n",
        {("PSH002", 4)},
    ),
    # PSH002: the `id` format (4 to 64 letters, digits, - and _, a letter or digit at each end)
    ("id-uuid", "a.yaml", OK_HEAD + "body: x\nid: 3f2b8c1e-9d4a-4f6b-8e2a-1c5d7e9f0a1b\n", set()),
    ("id-slug", "a.yaml", OK_HEAD + "body: x\nid: Summer_sale-2030\n", set()),
    ("id-4", "a.yaml", OK_HEAD + "body: x\nid: abcd\n", set()),
    ("id-3", "a.yaml", OK_HEAD + "body: x\nid: abc\n", {("PSH002", 4)}),
    ("id-64", "a.yaml", OK_HEAD + "body: x\nid: " + "a" * 64 + "\n", set()),
    ("id-65", "a.yaml", OK_HEAD + "body: x\nid: " + "a" * 65 + "\n", {("PSH002", 4)}),
    ("id-space", "a.yaml", OK_HEAD + "body: x\nid: summer sale\n", {("PSH002", 4)}),
    ("id-leading-hyphen", "a.yaml", OK_HEAD + "body: x\nid: -summer\n", {("PSH002", 4)}),
    ("id-trailing-underscore", "a.yaml", OK_HEAD + "body: x\nid: summer_\n", {("PSH002", 4)}),
    ("id-non-ascii", "a.yaml", OK_HEAD + "body: x\nid: 夏のセール\n", {("PSH002", 4)}),
    ("id-number", "a.yaml", OK_HEAD + "body: x\nid: 20300416\n", {("PSH002", 4)}),
    ("id-empty", "a.yaml", OK_HEAD + "body: x\nid: ''\n", {("PSH002", 4)}),
    (
        "id-json",
        "a.json",
        '{"account": "free", "publish_at": "2030-04-16 10:00", "body": "x", "id": "a/b/c/d"}',
        {("PSH002", 1)},
    ),
    # PSH003
    ("unknown-account", "a.yaml", "account: fre\npublish_at: 2030-04-16 10:00\nbody: x\n", {("PSH003", 1)}),
    # PSH004
    ("missing-image", "a.yaml", OK_HEAD + "body: x\nimage: nope.jpg\n", {("PSH004", 4)}),
    ("dotdot-image", "a.yaml", OK_HEAD + "body: x\nimage: ../../../etc/passwd\n", {("PSH004", 4)}),
    ("absolute-image", "a.yaml", OK_HEAD + "body: x\nimage: /etc/passwd\n", {("PSH004", 4)}),
    ("windows-absolute", "a.yaml", OK_HEAD + "body: x\nimage: 'C:\\Windows\\x.jpg'\n", {("PSH004", 4)}),
    # PSH101 / PSH102: 2,000 vs 2,001 characters, an emoji family counts 1, CRLF counts 1
    ("body-2000", "a.yaml", OK_HEAD + body_of(2000), set()),
    ("body-2001", "a.yaml", OK_HEAD + body_of(2001), {("PSH101", 3)}),
    ("body-2000-families", "a.yaml", OK_HEAD + body_of(2000, "👨‍👩‍👧‍👦"), set()),
    ("body-2001-flags", "a.yaml", OK_HEAD + body_of(2001, "🇯🇵"), {("PSH101", 3)}),
    ("body-empty", "a.yaml", OK_HEAD + "body: ''\n", {("PSH102", 3)}),
    ("body-blank", "a.yaml", OK_HEAD + "body: '  \u3000 '\n", {("PSH102", 3)}),
    # PSH110-113, located inside a literal block body and a Markdown body
    ("zero-width-in-block", "a.yaml", OK_HEAD + "body: |\n  一行目\n  二\u200b行目\n", {("PSH110", 5)}),
    ("emoji-zwj-ok", "a.yaml", OK_HEAD + "body: 家族 👨‍👩‍👧\n", set()),
    (
        "bidi-in-markdown",
        "a.md",
        "---\naccount: free\npublish_at: 2030-04-16 10:00\n---\n\n本文\n\u202eこちら\n",
        {("PSH110", 7)},
    ),
    ("control", "a.yaml", OK_HEAD + 'body: "bell\\u0007"\n', {("PSH111", 3)}),
    ("decomposed", "a.yaml", OK_HEAD + "body: \u30ab\u3099イド\n", {("PSH112", 3)}),
    ("halfwidth", "a.yaml", OK_HEAD + "body: ｾｰﾙ\n", {("PSH113", 3)}),
    # PSH3xx (now: Fri 2030-03-01 12:00)
    ("deadline-passed", "a.yaml", "account: free\npublish_at: 2030-03-05 10:00\nbody: x\n", {("PSH301", 2)}),
    ("deadline-soon", "a.yaml", "account: free\npublish_at: 2030-03-08 10:00\nbody: x\n", {("PSH304", 2)}),
    ("deadline-later", "a.yaml", "account: free\npublish_at: 2030-03-12 10:00\nbody: x\n", set()),
    ("in-past", "a.yaml", "account: free\npublish_at: 2030-02-01 10:00\nbody: x\n", {("PSH303", 2)}),
    ("published-past-ok", "a.yaml", "account: free\npublish_at: 2024-02-01 10:00\nstatus: published\nbody: x\n", set()),
    ("cancelled-past-ok", "a.yaml", "account: free\npublish_at: 2024-02-01 10:00\nstatus: cancelled\nbody: x\n", set()),
    (
        "submitted-on-time",
        "a.yaml",
        "account: free\npublish_at: 2030-03-05 10:00\nstatus: submitted\nsubmitted_at: 2030-02-27 09:00\nbody: x\n",
        set(),
    ),
    (
        "submitted-late",
        "a.yaml",
        "account: free\npublish_at: 2030-03-05 10:00\nstatus: submitted\nsubmitted_at: 2030-03-01 00:00\nbody: x\n",
        {("PSH301", 4)},
    ),
    (
        "submitted-last-second",
        "a.yaml",
        "account: free\npublish_at: 2030-03-05 10:00\nstatus: submitted\nsubmitted_at: 2030-02-28 23:59:59\nbody: x\n",
        set(),
    ),
    # PSH402
    ("free-video", "a.yaml", OK_HEAD + "body: x\nvideo: v.mp4\n", {("PSH402", 4), ("PSH004", 4)}),
    ("free-segment-push", "a.yaml", OK_HEAD + "body: x\nsegment: fans\npush: true\n", {("PSH402", 4), ("PSH402", 5)}),
    ("free-push-false-ok", "a.yaml", OK_HEAD + "body: x\npush: false\n", set()),
    (
        "paid-segment-ok",
        "a.yaml",
        "account: paid\npublish_at: 2030-04-16 10:00\nbody: x\nsegment: [fans]\npush: true\n",
        set(),
    ),
    # PSH5xx
    ("rakuten-link", "a.yaml", OK_HEAD + "body: x\nlink: https://item.rakuten.co.jp/shop/1/\n", set()),
    ("own-domain", "a.yaml", OK_HEAD + "body: x\nlink: https://www.example.co.jp/\n", set()),
    ("idn-trailing-dot", "a.yaml", OK_HEAD + "body: x\nlink: https://WWW.Rakuten.co.jp./x\n", set()),
    ("lookalike", "a.yaml", OK_HEAD + "body: x\nlink: https://rakuten.co.jp.evil.example/\n", {("PSH502", 4)}),
    ("suffix-not-label", "a.yaml", OK_HEAD + "body: x\nlink: https://notrakuten.co.jp/\n", {("PSH502", 4)}),
    ("ip-address", "a.yaml", OK_HEAD + "body: x\nlink: https://192.0.2.1/\n", {("PSH502", 4)}),
    ("userinfo", "a.yaml", OK_HEAD + "body: x\nlink: https://www.rakuten.co.jp@evil.example/\n", {("PSH501", 4)}),
    ("javascript", "a.yaml", OK_HEAD + "body: x\nlink: javascript:alert(1)\n", {("PSH501", 4)}),
    ("no-host", "a.yaml", OK_HEAD + "body: x\nlink: 'https://?path'\n", {("PSH501", 4)}),
    ("bad-port", "a.yaml", OK_HEAD + "body: x\nlink: https://rakuten.co.jp:99999/\n", {("PSH501", 4)}),
    ("http", "a.yaml", OK_HEAD + "body: x\nlink: http://www.rakuten.co.jp/\n", {("PSH503", 4)}),
    (
        "other-accounts-domain",
        "a.yaml",
        "account: paid\npublish_at: 2030-04-16 10:00\nbody: x\nlink: https://example.co.jp/\n",
        {("PSH502", 4)},
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "expected"), [(c[1], c[2], c[3]) for c in CASES], ids=[c[0] for c in CASES]
)
def test_rule_case(project: Project, name: str, content: str, expected: set[tuple[str, int]]) -> None:
    project.draft(name, content)
    found = {(code, line) for path, code, line in project.codes()}
    assert found == expected


def test_windows_line_endings_count_once(project: Project) -> None:
    head = OK_HEAD.replace("\n", "\r\n").encode()
    # 1,000 lines: 999 of one character and one of two, plus 999 CRLF newlines = 2,000 characters
    exactly = ["あ"] * 999 + ["ああ"]
    project.write("posts/a.yaml", head + b"body: |\r\n" + "".join(f"  {x}\r\n" for x in exactly).encode())
    assert project.codes() == set()
    project.write("posts/a.yaml", head + b"body: |\r\n" + "".join(f"  {x}\r\n" for x in [*exactly, "い"]).encode())
    assert project.codes() == {("posts/a.yaml", "PSH101", 3)}
    # CRLF inside a JSON string counts once too
    body = "\\r\\n".join(exactly)
    project.write("posts/a.yaml", b"")
    project.root.joinpath("posts/a.yaml").unlink()
    project.write("posts/b.json", f'{{"account": "free", "publish_at": "2030-04-16 10:00", "body": "{body}"}}')
    assert project.codes() == set()


def test_maintenance_window_start_is_inside_end_is_not(project: Project) -> None:
    project.write(
        "pasha.toml",
        project.root.joinpath("pasha.toml").read_text()
        + """
[[maintenance]]
start = 2030-04-15T01:00:00+09:00
end = 2030-04-15T06:00:00+09:00
""",
    )
    project.draft("a.yaml", "account: paid\npublish_at: 2030-04-15 01:00\nbody: x\n")
    project.draft("b.yaml", "account: paid\npublish_at: 2030-04-15 06:00\nbody: x\n")
    project.draft("c.yaml", "account: paid\npublish_at: 2030-04-15 05:59\nbody: x\n")
    assert project.codes() == {("posts/a.yaml", "PSH302", 2), ("posts/c.yaml", "PSH302", 2)}


def test_shipped_schedule_applies_and_can_be_dropped(project: Project) -> None:
    project.draft(
        "a.yaml",
        "account: paid\npublish_at: 2024-07-08 01:00\nstatus: submitted\nsubmitted_at: 2024-07-01 10:00\nbody: x\n",
    )
    assert ("posts/a.yaml", "PSH302", 2) in project.codes(now="2024-07-01 12:00")
    project.write("pasha.toml", "use_default_maintenance = false\n" + project.root.joinpath("pasha.toml").read_text())
    assert project.codes(now="2024-07-01 12:00") == set()


def test_deadline_last_second(project: Project) -> None:
    # Tue 2024-07-16: the deadline is Wed 2024-07-10 23:59:59
    project.draft("a.yaml", "account: paid\npublish_at: 2024-07-16 10:00\nbody: x\n")
    assert ("posts/a.yaml", "PSH301", 2) not in project.codes(now="2024-07-10 23:59:59")
    assert ("posts/a.yaml", "PSH301", 2) in project.codes(now="2024-07-11 00:00")


def test_free_month_boundary_in_japan_time(project: Project) -> None:
    # 23:30 on the last day of a month and 00:30 the next day are different months in JST,
    # although both are the same UTC day.
    project.draft("a.yaml", "account: free\npublish_at: 2030-04-30 23:30\nbody: x\n")
    project.draft("b.yaml", "account: free\npublish_at: 2030-05-01 00:30\nbody: x\n")
    assert project.codes() == set()
    project.draft("c.yaml", "account: free\npublish_at: 2030-04-30T14:59:00Z\nbody: x\n")  # 23:59 JST, April
    found = project.codes()
    assert found == {("posts/a.yaml", "PSH401", 2), ("posts/c.yaml", "PSH401", 2)}


def test_free_month_names_the_other_draft_and_skips_cancelled(project: Project) -> None:
    project.draft("a.yaml", "account: free\npublish_at: 2030-04-10 10:00\nbody: x\n")
    project.draft("b.yaml", "account: free\npublish_at: 2030-04-20 10:00\nbody: x\n")
    project.draft("c.yaml", "account: free\npublish_at: 2030-05-20 10:00\nstatus: cancelled\nbody: x\n")
    project.draft("d.yaml", "account: free\npublish_at: 2030-05-21 10:00\nbody: x\n")
    _, report = project.validate()
    limit = [f for f in report["findings"] if f["code"] == "PSH401"]
    assert [(f["path"], "posts/b.yaml" in f["message"] or "posts/a.yaml" in f["message"]) for f in limit] == [
        ("posts/a.yaml", True),
        ("posts/b.yaml", True),
    ]
    assert "posts/b.yaml" in limit[0]["message"]


def test_published_posts_count_but_are_not_flagged(project: Project) -> None:
    project.draft("a.yaml", "account: free\npublish_at: 2030-02-10 10:00\nstatus: published\nbody: x\n")
    project.draft("b.yaml", "account: free\npublish_at: 2030-02-25 10:00\nstatus: published\nbody: x\n")
    project.draft("c.yaml", "account: free\npublish_at: 2030-03-29 10:00\nbody: x\n")
    project.draft("d.yaml", "account: free\npublish_at: 2030-03-02 09:00\nstatus: published\nbody: x\n")
    assert project.codes() == {("posts/c.yaml", "PSH401", 2)}


def test_cross_draft_rules_see_the_whole_project_when_one_file_is_named(project: Project) -> None:
    a = project.draft("a.yaml", "account: free\npublish_at: 2030-04-10 10:00\nbody: x\n")
    project.draft("b.yaml", "account: free\npublish_at: 2030-04-20 10:00\nbody: ｱ\n")
    assert project.codes(str(a)) == {("posts/a.yaml", "PSH401", 2)}


ID_HEAD = "account: {account}\npublish_at: 2030-0{month}-16 10:00\nbody: x\nid: {id}\n"


def _with_id(ident: str, month: int = 4, account: str = "paid") -> str:
    return ID_HEAD.format(id=ident, month=month, account=account)


# (case id, drafts {name: content}, expected {(path, code, line)}): an id is unique in the project
DUPLICATE_IDS: list[tuple[str, dict[str, str], set[tuple[str, str, int]]]] = [
    ("unique", {"a.yaml": _with_id("one1"), "b.yaml": _with_id("two2")}, set()),
    (
        "copied",
        {"a.yaml": _with_id("summer-tea"), "b.yaml": _with_id("summer-tea", 5)},
        {("posts/a.yaml", "PSH006", 4), ("posts/b.yaml", "PSH006", 4)},
    ),
    (
        "case-does-not-count",
        {"a.yaml": _with_id("Summer-Tea"), "b.yaml": _with_id("summer-tea", 5)},
        {("posts/a.yaml", "PSH006", 4), ("posts/b.yaml", "PSH006", 4)},
    ),
    (
        "across-accounts",
        {"a.yaml": _with_id("summer-tea"), "b.yaml": _with_id("summer-tea", 5, "free")},
        {("posts/a.yaml", "PSH006", 4), ("posts/b.yaml", "PSH006", 4)},
    ),
    (
        "across-formats",
        {
            "a.yaml": _with_id("summer-tea"),
            "b.md": "---\naccount: paid\npublish_at: 2030-05-16 10:00\nid: summer-tea\n---\nx\n",
            "c.json": '{"account": "paid", "publish_at": "2030-06-16 10:00", "body": "x",\n "id": "summer-tea"}',
        },
        {("posts/a.yaml", "PSH006", 4), ("posts/b.md", "PSH006", 4), ("posts/c.json", "PSH006", 2)},
    ),
    (
        "in-subfolders",
        {"2030-04/a.yaml": _with_id("summer-tea"), "2030-05/a.yaml": _with_id("summer-tea", 5)},
        {("posts/2030-04/a.yaml", "PSH006", 4), ("posts/2030-05/a.yaml", "PSH006", 4)},
    ),
    (
        "malformed-ids-are-psh002-only",
        {"a.yaml": _with_id("x y"), "b.yaml": _with_id("x y", 5)},
        {("posts/a.yaml", "PSH002", 4), ("posts/b.yaml", "PSH002", 4)},
    ),
    (
        "cancelled-still-counts",
        {"a.yaml": _with_id("summer-tea") + "status: cancelled\n", "b.yaml": _with_id("summer-tea", 5)},
        {("posts/a.yaml", "PSH006", 4), ("posts/b.yaml", "PSH006", 4)},
    ),
]


@pytest.mark.parametrize(("drafts", "expected"), [c[1:] for c in DUPLICATE_IDS], ids=[c[0] for c in DUPLICATE_IDS])
def test_duplicate_draft_ids(project: Project, drafts: dict[str, str], expected: set[tuple[str, str, int]]) -> None:
    for name, content in drafts.items():
        project.draft(name, content)
    assert project.codes() == expected


def test_a_duplicate_id_names_the_others_and_is_found_from_one_file(project: Project) -> None:
    a = project.draft("a.yaml", _with_id("summer-tea"))
    for n in range(2, 9):
        project.draft(f"{n}.yaml", _with_id("summer-tea", 5))
    assert project.codes(str(a)) == {("posts/a.yaml", "PSH006", 4)}  # the hook names one file
    _, report = project.validate(str(a), "--lang", "ja")
    (finding,) = report["findings"]
    assert "id `summer-tea` はほかの下書きでも使われています: posts/2.yaml" in finding["message"]
    assert "ほか 2 件" in finding["message"]  # five named, the other two counted
