"""Exact body edits (issue 16 item 4's foundation): replacements written in the scalar's own style,
every other byte of the file unchanged, the edited text read back as exactly the edited body."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pasha_cli.project.bodyedit import EditRefused, Replacement, apply, apply_bytes
from pasha_cli.project.bodymap import body_map
from pasha_cli.project.drafts import Draft, parse_text
from tests.test_bodymap import ALPHABET, STYLES, _file

Z = "\u200b"
HEAD = "account: paid  # the brand\n"

# (file, before, after): ｺｰﾋｰ becomes コーヒー and the zero-width space goes, whatever the style
EDITS = [
    (
        "a.yaml",
        HEAD + f"body: 新作ｺｰﾋｰと{Z}\n  日本一の味  # plain\n",
        HEAD + "body: 新作コーヒーと\n  日本一の味  # plain\n",
    ),
    ("a.yaml", HEAD + f"body: 'It''s ｺｰﾋｰ{Z}\n  日本一'\n", HEAD + "body: 'It''s コーヒー\n  日本一'\n"),
    ("a.yaml", HEAD + 'body: "\\u65b0ｺｰﾋｰ\\u200b\\\n   日本一"\n', HEAD + 'body: "\\u65b0コーヒー\\\n   日本一"\n'),
    (
        "a.yaml",
        HEAD + f"body: |2-\n    新作\n  ｺｰﾋｰと{Z}日本一\n\n# end\n",
        HEAD + "body: |2-\n    新作\n  コーヒーと日本一\n\n# end\n",
    ),
    (
        "a.yaml",
        HEAD + f"body: >\n  新作\n  ｺｰﾋｰと{Z}\n\n  日本一\n",
        HEAD + "body: >\n  新作\n  コーヒーと\n\n  日本一\n",
    ),
    (
        "a.yaml",
        "{account: paid, body: 'ｺｰﾋｰ" + Z + "',\n title: t}\n",
        "{account: paid, body: 'コーヒー',\n title: t}\n",
    ),
    (
        "a.yaml",
        (HEAD + f"body: |\n  ｺｰﾋｰ{Z}\n  x\n").replace("\n", "\r\n"),
        (HEAD + "body: |\n  コーヒー\n  x\n").replace("\n", "\r\n"),
    ),
    (
        "a.json",
        '{"account": "paid",\r\n "body": "\\uff7a\\uff70\\uff8b\\uff70\\u200b\\n日本一"}\r\n',
        '{"account": "paid",\r\n "body": "コーヒー\\n日本一"}\r\n',
    ),
    (
        "a.md",
        "---\naccount: paid\n---\n\n新作\r\nｺｰﾋｰと" + Z + "日本一\r\n",
        "---\naccount: paid\n---\n\n新作\r\nコーヒーと日本一\r\n",
    ),
]


def _draft(name: str, text: str) -> Draft:
    draft = parse_text(Path(name), name, text)
    assert isinstance(draft, Draft)
    return draft


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no-bom", "bom"])
@pytest.mark.parametrize(("name", "before", "after"), EDITS)
def test_an_edit_changes_only_the_characters_it_edits(name: str, before: str, after: str, bom: bytes) -> None:
    draft = _draft(name, before)
    assert draft.body is not None
    katakana, invisible = draft.body.index("ｺ"), draft.body.index(Z)
    edits = [Replacement(katakana, katakana + 4, "コーヒー"), Replacement(invisible, invisible + 1, "")]
    assert apply_bytes(bom + before.encode("utf-8"), draft, edits) == bom + after.encode("utf-8")


@pytest.mark.parametrize(
    ("text", "replacement"),
    [
        (HEAD + "body: plain text\n", "a\nb"),  # a line break: a plain scalar cannot write one as itself
        (HEAD + "body: plain text\n", "a: b"),  # a key
        (HEAD + "body: plain text\n", " #x"),  # a comment
        (HEAD + "body: 'quoted'\n", "a\nb"),
        (HEAD + "body: |\n  block\n", "\x07"),  # no control character outside an escaping style
        (HEAD + "body: |\n  block\n", "a\nb"),
    ],
)
def test_a_style_that_cannot_carry_a_replacement_refuses_it(text: str, replacement: str) -> None:
    draft = _draft("a.yaml", text)
    with pytest.raises(EditRefused):
        apply(draft, [Replacement(1, 2, replacement)])


@pytest.mark.parametrize("replacement", ["a\nb", "\x07", '"\\', "'", " lead", "trail ", "\u2028\ufeff😀"])
def test_a_double_quoted_body_takes_any_replacement(replacement: str) -> None:
    draft = _draft("a.yaml", HEAD + 'body: "one\n  two"\n')
    edited = _draft("a.yaml", apply(draft, [Replacement(3, 4, replacement)]))
    assert edited.body == "one" + replacement + "two"


def test_overlapping_replacements_are_refused() -> None:
    draft = _draft("a.yaml", HEAD + "body: abcdef\n")
    with pytest.raises(EditRefused):
        apply(draft, [Replacement(1, 3, "x"), Replacement(2, 4, "y")])


@pytest.mark.parametrize("seed", range(25))
@pytest.mark.parametrize("style", STYLES)
def test_generated_edits_are_exact_or_refused(style: str, seed: int) -> None:
    rng = random.Random(f"edit-{style}-{seed}")
    name, text = _file(rng, style)
    draft = parse_text(Path(name), name, text)
    if not isinstance(draft, Draft) or not draft.body or draft.source.body is None:
        pytest.skip("the generator wrote a draft without a body")
    found = body_map(draft.source.body)
    assert found is not None
    start = rng.randrange(len(draft.body))
    end = min(len(draft.body), start + rng.randint(0, 3))
    new = "".join(rng.choice([*ALPHABET, " ", "\n"]) for _ in range(rng.randint(0, 3)))
    try:
        result = apply(draft, [Replacement(start, end, new)])
    except EditRefused:
        assert style not in ("double", "json"), "an escaping style writes any text"
        return
    first = found.piece(start)[0]
    last = found.piece(end - 1)[1] if end > start else first
    assert result.startswith(text[:first]) and result.endswith(text[last:])  # every other character stays
    again = parse_text(Path(name), name, result)
    assert isinstance(again, Draft)
    assert again.body == (draft.body[:start] + new + draft.body[end:]).rstrip("\n")
