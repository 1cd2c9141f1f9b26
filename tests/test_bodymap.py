"""The body map (issue 16 item 2): each body character's place in the file, for every way a body is
written, and the exact start and end of the findings about text."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml

from pasha_cli.characters import line_column
from pasha_cli.project.bodymap import BodyMap, body_map
from pasha_cli.project.drafts import Draft, load_draft, parse_text
from tests.conftest import Project

HEAD = "account: paid\npublish_at: 2030-07-01 10:00\n"
Z = "\u200b"  # an invisible character (PSH110); ｺｰﾋｰ is half-width katakana (PSH113); 日本一 a claim (PSH601)

# (style, file, {code: (line, column, end_line, end_column)}): the end is exclusive
TEXT_FINDINGS = [
    (
        "plain",
        HEAD + f"body: 新作ｺｰﾋｰと{Z}\n  日本一の味\n",
        {110: (3, 14, 3, 15), 113: (3, 9, 3, 13), 601: (4, 3, 4, 6)},
    ),
    ("plain, an empty line", HEAD + f"body: 新作\n\n  ｺｰﾋｰと{Z}日本一\n", {110: (5, 8, 5, 9), 601: (5, 9, 5, 12)}),
    ("single-quoted", HEAD + f"body: 'It''s ｺｰﾋｰ{Z}\n  日本一'\n", {110: (3, 18, 3, 19), 113: (3, 14, 3, 18)}),
    (
        "double-quoted escapes",
        HEAD + 'body: "\\u65b0\\x41\\U0001F600ｺｰﾋｰ\\u200b\\\n   日本一"\n',
        {110: (3, 32, 3, 38), 113: (3, 28, 3, 32), 601: (4, 4, 4, 7)},
    ),
    ("double-quoted raw", HEAD + f'body: "新作ｺｰﾋｰ{Z}\\t日本一"\n', {110: (3, 14, 3, 15), 601: (3, 17, 3, 20)}),
    (
        "literal",
        HEAD + f"body: |\n  新作\n  ｺｰﾋｰと{Z}日本一\n",
        {110: (5, 8, 5, 9), 113: (5, 3, 5, 7), 601: (5, 9, 5, 12)},
    ),
    ("literal |2-", HEAD + f"body: |2-\n    新作\n  ｺｰﾋｰと{Z}日本一\n\n", {110: (5, 8, 5, 9), 601: (5, 9, 5, 12)}),
    ("folded", HEAD + f"body: >\n  新作\n  ｺｰﾋｰと{Z}\n\n  日本一\n", {110: (5, 8, 5, 9), 601: (7, 3, 7, 6)}),
    (
        "flow mapping",
        "{account: paid, publish_at: 2030-07-01 10:00, body: 'ｺｰﾋｰ" + Z + "',\n title: t}\n",
        {110: (1, 58, 1, 59), 113: (1, 54, 1, 58)},
    ),
    ("CRLF", (HEAD + f"body: |\n  新作\n  ｺｰﾋｰと{Z}日本一\n").replace("\n", "\r\n"), {110: (5, 8, 5, 9)}),
    ("BOM", "\ufeff" + HEAD + f"body: 'ｺｰﾋｰ{Z}'\n", {110: (3, 12, 3, 13), 113: (3, 8, 3, 12)}),
    (
        "JSON escapes",
        '{"account": "paid", "publish_at": "2030-07-01 10:00",\n'
        ' "body": "\\ud83d\\ude00\\uff7a\\uff70\\uff8b\\uff70\\u200b\\n\\u65e5本一"}',
        {110: (2, 47, 2, 53), 113: (2, 23, 2, 47), 601: (2, 55, 2, 63)},
    ),
    (
        "Markdown",
        "---\n" + HEAD + f"---\n\n新作\r\nｺｰﾋｰと{Z}日本一\r\n",
        {110: (7, 6, 7, 7), 113: (7, 1, 7, 5), 601: (7, 7, 7, 10)},
    ),
]


@pytest.mark.parametrize(("style", "text", "expected"), TEXT_FINDINGS, ids=[c[0] for c in TEXT_FINDINGS])
def test_text_findings_have_their_exact_start_and_end(
    project: Project, style: str, text: str, expected: dict[int, tuple[int, int, int, int]]
) -> None:
    name = "a.json" if style.startswith("JSON") else "a.md" if style == "Markdown" else "a.yaml"
    project.draft(name, text)
    _, report = project.validate()
    found = {
        int(f["code"][3:]): (f["line"], f["column"], f["end_line"], f["end_column"])
        for f in report["findings"]
        if int(f["code"][3:]) in expected
    }
    assert found == expected


def test_a_whole_field_finding_spans_its_key_to_its_value(project: Project) -> None:
    project.draft("a.yaml", "account: paid\npublish_at: 2030-07-01 10:00\nbody: |\n  x\nlink: 12\n")
    _, report = project.validate()
    (link,) = [f for f in report["findings"] if f["field"] == "link"]
    assert (link["line"], link["column"], link["end_line"], link["end_column"]) == (5, 7, 5, 9)  # the value


# --- the property: every body character maps back to the file characters that write it ------------

# what a pull request can put in a body: invisible and bidi characters, kana that half-width and
# combining forms write, an emoji (two UTF-16 units), quotes, YAML indicators, a BOM, tabs
ALPHABET = ["あ", "ｺ", "ｰ", "か\u3099", "\u200b", "\u202e", "😀", "#", ":", "-", "'", '"', "\\", "\ufeff", "x", "1"]
ESCAPES = ["\\x41", "\\u3042", "\\U0001F600", "\\N", "\\_", "\\L", "\\P", "\\t", "\\\t", "\\0", "\\e", '\\"', "\\\\"]
ESCAPES += ["\\/", "\\ ", "\\a", "\\u200b", "\\x07", "\\r"]
FOLDS = ["\n  ", "\n\n  ", "  \n \n  \t ", "\n  \n\n   ", " \t\n  "]


def _flow_source(rng: random.Random, style: str) -> str:
    """A random plain or quoted scalar, as its style may write it (folds, escapes, quotes)."""
    parts: list[str] = ["x"]
    for _ in range(rng.randint(1, 40)):
        kind = rng.random()
        if kind < 0.15:
            parts.append(rng.choice(FOLDS))
            parts.append("x")  # a fold is followed by text (a plain scalar's next line starts with it)
        elif kind < 0.25 and style != "plain":
            parts.append(rng.choice([" ", "\t", "  "]))
        elif kind < 0.45 and style == "double":
            parts.append(rng.choice(ESCAPES))
        elif kind < 0.5 and style == "double":
            parts.append(rng.choice(["\\\n  ", "\\\n\n  ", "\\\n \n  \\ "]))  # escaped line breaks
        elif kind < 0.5 and style == "single":
            parts.append("''")
        else:
            char = rng.choice(ALPHABET)
            if style == "plain" and char in "#:-'\"":
                char = "あ"
            if style == "double" and char in '"\\':
                char = "\\" + char
            if style == "single" and char == "'":
                char = "''"
            parts.append(char)
            if style == "plain" and rng.random() < 0.2:
                parts.append(" ")
    parts.append("x")
    inner = "".join(parts)
    return {"plain": inner, "single": f"'{inner}'", "double": f'"{inner}"'}[style]


def _block_source(rng: random.Random, style: str) -> str:
    """A random literal or folded block: indicators, more-indented and empty lines, a comment."""
    chomping = rng.choice(["", "-", "+"])
    explicit = rng.random() < 0.5
    header = ("|" if style == "literal" else ">") + (chomping + "2" if explicit else chomping)
    if rng.random() < 0.3:
        header += " # a comment"
    lines = []
    for n in range(rng.randint(1, 8)):
        if rng.random() < 0.2 and n:
            lines.append(rng.choice(["", " ", "  "]))
            continue
        extra = " " * rng.choice([0, 0, 0, 1, 3]) if explicit or n else ""
        content = "".join(rng.choice([*ALPHABET, " ", "\t", "x"]) for _ in range(rng.randint(1, 8)))
        lines.append("  " + extra + content.strip(" \t") + "y")
    return header + "\n" + "\n".join(lines) + rng.choice(["\n", "\n\n", "\n  \n", ""])


def _json_source(rng: random.Random) -> str:
    """A JSON string of random characters, each raw or escaped (astral ones as a surrogate pair)."""
    out = []
    for _ in range(rng.randint(1, 40)):
        char = rng.choice([*ALPHABET, "\n", "\x07", "\t", "/", "\u2028"])
        if char in '"\\' or char < " " or rng.random() < 0.4:
            out.append(json.dumps(char, ensure_ascii=True)[1:-1] if rng.random() < 0.8 else _u(char))
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _u(text: str) -> str:
    """Every character as a \\u escape: an astral one as its UTF-16 surrogate pair."""
    data = text.encode("utf-16-be")
    return "".join(f"\\u{int.from_bytes(data[i : i + 2], 'big'):04x}" for i in range(0, len(data), 2))


def _file(rng: random.Random, style: str) -> tuple[str, str]:
    """(file name, file text) of a draft whose body is a random scalar of `style`."""
    if style == "json":
        return "a.json", '{"account": "paid",\n  "body": ' + _json_source(rng) + "}"
    if style == "markdown":
        body = "".join(rng.choice([*ALPHABET, "\n", " ", "\t"]) for _ in range(rng.randint(1, 40)))
        return "a.md", "---\naccount: paid\n---\n\n" + body
    if style == "flow":
        return "a.yaml", "{account: paid, body: " + _flow_source(rng, rng.choice(["plain", "single"])) + ",\n x: 1}\n"
    scalar = _block_source(rng, style) if style in ("literal", "folded") else _flow_source(rng, style)
    return "a.yaml", f"account: paid\nbody: {scalar}\nlink: x\n"


def _reads_as(written: str, char: str, style: str) -> bool:
    """Whether the file's characters `written` stand for the body character `char` (line endings as
    the rules read them) in a scalar of `style`: read on their own by the parser of that style."""
    if "\n" in written and not written.strip(" \t\r\n"):  # blanks and breaks: a fold, or an empty line in one
        return char == "\n" or (char == " " and written.count("\n") == 1 and style not in ("literal", "md"))
    if style in ("literal", "folded", "md"):
        read = " " if style == "folded" and char == " " and written in ("\n", "\r\n") else written
    elif style == "json":
        read = json.loads(f'"{written}"')
    elif style == "single":
        read = yaml.safe_load(f"'{written}'")
    elif style == "double" or "\n" in written:  # a plain fold folds as a quoted one
        read = yaml.safe_load(f'"{written}"')
    else:
        read = written
    return bool(read.replace("\r\n", "\n").replace("\r", "\n") == char)


def _check(draft: Draft, text: str) -> None:
    assert draft.body is not None and draft.source.body is not None
    found = body_map(draft.source.body)
    assert isinstance(found, BodyMap), "no exact map"
    assert found.length == len(draft.body)
    assert found.text == text  # offsets are the file's (after its BOM)
    previous = 0
    for char, (first, end) in zip(draft.body, found.pieces(), strict=True):
        assert previous <= first < end, "pieces in order, never overlapping"
        written = found.text[first:end]
        assert _reads_as(written, char, draft.source.body.style), (char, written)
        assert found.position(first) == line_column(text, first)
        previous = end


STYLES = ["plain", "single", "double", "literal", "folded", "flow", "json", "markdown"]


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_every_body_character_maps_back_to_what_writes_it(tmp_path: Path, style: str, seed: int, crlf: bool) -> None:
    rng = random.Random(f"{style}-{seed}")
    name, text = _file(rng, style)
    if crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    bom = "\ufeff" if rng.random() < 0.3 else ""
    path = tmp_path / name
    path.write_bytes((bom + text).encode("utf-8", "surrogatepass"))
    draft = load_draft(path, tmp_path)
    if not isinstance(draft, Draft) or draft.body is None:
        pytest.skip(f"the generator wrote a draft that does not load: {draft}")
    _check(draft, text)


def test_the_generated_drafts_load() -> None:
    """The property above holds over drafts that load: nearly all that the generators write."""
    loaded = 0
    for style in STYLES:
        for seed in range(40):
            name, text = _file(random.Random(f"{style}-{seed}"), style)
            draft = parse_text(Path(name), name, text)
            loaded += isinstance(draft, Draft) and draft.body is not None
    assert loaded >= 0.95 * len(STYLES) * 40


def test_a_body_the_map_cannot_read_exactly_falls_back_to_the_whole_value() -> None:
    draft = parse_text(Path("a.yaml"), "a.yaml", "account: paid\nbody: 'abc'\n")
    assert isinstance(draft, Draft) and draft.source.body is not None
    wrong = draft.source._replace(body=draft.source.body._replace(value="abd", memo=[]))  # not what it reads as
    assert body_map(wrong.body) is None  # type: ignore[arg-type]
    assert wrong.body_span(1, 2) == ((2, 7), (2, 12))  # the whole value, quotes included
    assert draft.source.body_span(1, 2) == ((2, 9), (2, 10))


EXAMPLE_DRAFTS = sorted(
    p for p in (Path(__file__).resolve().parents[1] / "examples").rglob("*") if p.suffix in (".yaml", ".json", ".md")
)


def test_every_example_body_has_an_exact_map() -> None:
    mapped = 0
    for path in EXAMPLE_DRAFTS:
        draft = load_draft(path, path.parent)
        if isinstance(draft, Draft) and draft.body is not None and draft.source.body is not None:
            assert body_map(draft.source.body) is not None, path
            mapped += 1
    assert mapped >= 40
