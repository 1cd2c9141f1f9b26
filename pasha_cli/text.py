"""Characters as a reader sees them (extended grapheme clusters) and the hazards text can hide."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

_PHYSICAL_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def physical_lines(text: str) -> list[str]:
    """Lines as editors, git and GitHub count them: ended by \\n, \\r\\n or \\r only, endings kept.

    str.splitlines also breaks at U+2028, U+2029, U+0085, \\v, \\f and \\x1c-\\x1e, which no
    reviewer sees as line ends: a line split there could hide a `---` or a key.
    """
    return _PHYSICAL_LINE.findall(text)


INVISIBLE = {
    "\u00ad": "SOFT HYPHEN",
    "\u034f": "COMBINING GRAPHEME JOINER",
    "\u061c": "ARABIC LETTER MARK",
    "\u115f": "HANGUL CHOSEONG FILLER",
    "\u1160": "HANGUL JUNGSEONG FILLER",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR",
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
    "\u2060": "WORD JOINER",
    "\u2061": "FUNCTION APPLICATION",
    "\u2062": "INVISIBLE TIMES",
    "\u2063": "INVISIBLE SEPARATOR",
    "\u2064": "INVISIBLE PLUS",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\u3164": "HANGUL FILLER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE (BOM)",
    "\uffa0": "HALFWIDTH HANGUL FILLER",
}


@cache
def _patterns() -> tuple[Any, Any]:
    import regex  # ~10 ms: only when a text needs segmenting

    return regex.compile(r"\X"), regex.compile(r"\p{Extended_Pictographic}|\p{Regional_Indicator}")


_INVISIBLE = re.compile("[" + "".join(INVISIBLE) + "]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 but tab and newline, DEL, C1
_HALFWIDTH_KATAKANA = re.compile("[\uff61-\uff9f]")


def graphemes(text: str) -> list[str]:
    """Extended grapheme clusters (Unicode UAX #29, from the `regex` library)."""
    return _patterns()[0].findall(text)


def char_count(text: str) -> int:
    """Characters as PRODUCT.md defines them: grapheme clusters after CRLF/CR -> LF."""
    return len(graphemes(normalise_newlines(text)))


def exceeds(text: str, limit: int) -> int | None:
    """The character count when it is over `limit`, else None.

    A text never has more grapheme clusters than code points, so a short text needs no segmenting.
    """
    text = normalise_newlines(text)
    if len(text) <= limit:
        return None
    count = len(graphemes(text))
    return count if count > limit else None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def digest(text: str, limit: int) -> str:
    """The first `limit` characters, cut on a grapheme boundary."""
    return "".join(graphemes(normalise_newlines(text))[:limit])


class Spot(NamedTuple):
    """A character of interest in a text: where it is (1-based line and column) and what it is."""

    line: int
    column: int
    char: str

    @property
    def codepoint(self) -> str:
        return " ".join(f"U+{ord(c):04X}" for c in self.char)

    @property
    def name(self) -> str:
        return INVISIBLE.get(self.char) or " + ".join(unicodedata.name(c, "CONTROL") for c in self.char)


def _locate(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    return line, index - start + 1


def invisible_characters(text: str) -> Iterator[Spot]:
    """Zero-width and bidi-control characters; a ZWJ inside an emoji sequence is part of the emoji."""
    if not _INVISIBLE.search(text):
        return
    pictographic = _patterns()[1]
    index = 0
    for cluster in graphemes(text):
        for offset, char in enumerate(cluster):
            if char in INVISIBLE and not (char == "\u200d" and pictographic.search(cluster)):
                yield Spot(*_locate(text, index + offset), char)
        index += len(cluster)


def control_characters(text: str) -> Iterator[Spot]:
    """C0 and C1 controls and DEL; line feed and tab are ordinary text."""
    for m in _CONTROL.finditer(text):
        yield Spot(*_locate(text, m.start()), m.group())


def decomposed(text: str) -> Spot | None:
    """The first place where the text is not NFC because of a combining mark (e.g. macOS kana)."""
    if unicodedata.is_normalized("NFC", text):
        return None
    index = 0
    for cluster in graphemes(text):
        if any(unicodedata.category(c).startswith("M") for c in cluster) and unicodedata.normalize("NFC", cluster) != cluster:
            return Spot(*_locate(text, index), cluster)
        index += len(cluster)
    return None  # only compatibility ideographs differ: those are deliberate


def halfwidth_katakana(text: str) -> list[Spot]:
    return [Spot(*_locate(text, m.start()), m.group()) for m in _HALFWIDTH_KATAKANA.finditer(text)]
