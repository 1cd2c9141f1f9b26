from __future__ import annotations

import unicodedata

import pytest

from pasha_cli import characters as text
from tests.hostile_text import HOSTILE, commands, raw_characters


def test_graphemes_as_a_reader_counts() -> None:
    assert text.char_count("👨‍👩‍👧‍👦") == 1  # a family
    assert text.char_count("🇯🇵") == 1  # a flag
    assert text.char_count("\u304b\u3099") == 1  # decomposed: か + combining dakuten
    assert text.char_count("a\r\nb") == 3  # CRLF is one newline
    assert text.char_count("a\rb") == 3
    assert text.char_count("👍🏽") == 1  # skin tone modifier


def test_digest_cuts_on_a_grapheme_boundary() -> None:
    body = "あ" * 99 + "👨‍👩‍👧‍👦" + "い"
    assert text.digest(body, 100) == "あ" * 99 + "👨‍👩‍👧‍👦"
    assert text.digest("短い", 100) == "短い"


def test_invisible_characters_but_not_emoji_joiners() -> None:
    spots = list(text.invisible_characters("a\u200bb\n👨‍👩‍👧c\u202e"))
    assert [(s.line, s.column, s.codepoint) for s in spots] == [(1, 2, "U+200B"), (2, 7, "U+202E")]
    assert list(text.invisible_characters("x\u200dy")) != []  # a ZWJ between letters is suspicious


def test_control_characters() -> None:
    spots = list(text.control_characters("ok\ttab\nbell\x07 del\x7f c1\x85"))
    assert [s.codepoint for s in spots] == ["U+0007", "U+007F", "U+0085"]


def test_decomposed_kana_but_not_compatibility_ideographs() -> None:
    spot = text.decomposed("\u30ab\u3099イド と \u304b\u3099")  # ガ and が decomposed
    assert spot is not None and (spot.line, spot.column) == (1, 1)
    assert text.decomposed("ガイド") is None
    assert text.decomposed("\ufa19") is None  # 神 (compatibility form): deliberate, not decomposed


def test_halfwidth_katakana() -> None:
    assert [s.column for s in text.halfwidth_katakana("セール ｾｰﾙ")] == [5, 6, 7]


VISIBLE = [
    ("plain", "サンプル珈琲 abc", "サンプル珈琲 abc"),
    ("escape", "a\x1b[2Jb", "a<U+001B>[2Jb"),
    ("osc52", "\x1b]52;c;eA==\x07", "<U+001B>]52;c;eA==<U+0007>"),
    ("newline", "x\n::add-mask::y", "x<U+000A>::add-mask::y"),
    ("crlf", "x\r\ny", "x<U+000D><U+000A>y"),
    ("tab", "a\tb", "a<U+0009>b"),
    ("nul", "a\x00b", "a<U+0000>b"),
    ("del", "\x7f", "<U+007F>"),
    ("c1-csi", "\x9b2J", "<U+009B>2J"),
    ("next-line", "a\x85b", "a<U+0085>b"),
    ("line-separator", "a\u2028b", "a<U+2028>b"),
    ("paragraph-separator", "a\u2029b", "a<U+2029>b"),
    ("rlo", "abc\u202edcb", "abc<U+202E>dcb"),
    ("isolates", "\u2066x\u2069", "<U+2066>x<U+2069>"),
    ("zero-width-space", "a\u200bb", "a<U+200B>b"),
    ("bom", "\ufeffa", "<U+FEFF>a"),
    ("soft-hyphen", "a\u00adb", "a<U+00AD>b"),
    ("hangul-filler", "\u3164", "<U+3164>"),
    ("tag-outside-emoji", "a\U000e0041", "a<U+E0041>"),
    ("interlinear", "\ufff9a\ufffa", "<U+FFF9>a<U+FFFA>"),
    ("lone-surrogate", "a\ud800", "a<U+D800>"),
    ("escaped-byte", "d\udcff.yaml", "d<U+DCFF>.yaml"),
    ("non-character", "\uffff", "<U+FFFF>"),
    ("zwj-between-letters", "x\u200dy", "x<U+200D>y"),
    ("emoji-family-kept", "👨‍👩‍👧 家族", "👨‍👩‍👧 家族"),
    (
        "emoji-flag-tags-kept",
        "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
        "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
    ),
    ("emoji-then-rlo", "👍\u202e", "👍<U+202E>"),
    ("variation-selector-kept", "葛\U000e0100 ❤\ufe0f", "葛\U000e0100 ❤\ufe0f"),
    ("ideographic-space-kept", "全角\u3000空白", "全角\u3000空白"),
    ("literal-notation-kept", "<U+0007>", "<U+0007>"),
]


@pytest.mark.parametrize(("value", "expected"), [c[1:] for c in VISIBLE], ids=[c[0] for c in VISIBLE])
def test_visible_shows_every_hidden_character_by_its_code_point(value: str, expected: str) -> None:
    assert text.visible(value) == expected


def test_visible_multiline_keeps_line_breaks_and_tabs_only() -> None:
    assert text.visible("一行目\n\t二行目\r\x1b", multiline=True) == "一行目\n\t二行目<U+000D><U+001B>"


def test_every_format_control_and_separator_character_is_hidden() -> None:
    """The class in text.py is written as ranges; check it against this Python's Unicode data."""
    for code in range(0x110000):
        char = chr(code)
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Cs") and char not in "\n\t":
            assert text.visible(char) == f"<U+{code:04X}>", f"U+{code:04X}"


INERT = [
    ("error", "::error::x", "<U+003A>:error::x"),
    ("after-spaces", "   ::add-mask::x", "   <U+003A>:add-mask::x"),
    ("after-ideographic-space", "\u3000::warning::x", "\u3000<U+003A>:warning::x"),
    ("after-nbsp-and-tab", "\xa0\t::group::x", "\xa0\t<U+003A>:group::x"),
    ("second-line", "ok\n::stop-commands::tok", "ok\n<U+003A>:stop-commands::tok"),
    ("v1-anywhere", "see ##[add-mask]x", "see <U+0023>#[add-mask]x"),
    ("v1-upper", "##[ERROR]x", "<U+0023>#[ERROR]x"),
    ("azure", "a ##vso[task.complete]", "a <U+0023>#vso[task.complete]"),
    ("teamcity", "##teamcity[message text='x']", "<U+0023>#teamcity[message text='x']"),
    ("mid-line-colons-kept", "time 10::20 a::b", "time 10::20 a::b"),
    ("decorative-colons-kept", "::::: お知らせ :::::", "::::: お知らせ :::::"),
    ("japanese-after-colons-kept", "::告知::", "::告知::"),
    ("markdown-heading-kept", "##[告知] セール", "##[告知] セール"),
]


@pytest.mark.parametrize(("value", "expected"), [c[1:] for c in INERT], ids=[c[0] for c in INERT])
def test_inert_defuses_ci_workflow_commands(value: str, expected: str) -> None:
    assert text.inert(value) == expected
    assert not commands(expected)


@pytest.mark.parametrize(("value",), [(c[1],) for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_shown_leaves_nothing_raw_and_no_command(value: str) -> None:
    for placed in (value, f"  {value}", f"{value} at the end"):
        out = text.shown(placed)
        assert raw_characters(out, keep="") == [] and "\n" not in out
        assert not commands(out)
