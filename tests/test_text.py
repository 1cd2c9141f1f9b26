from __future__ import annotations

from pasha_cli import text


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
