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
    import regex  # a costly import: only when a text needs segmenting

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
    at: int = 0  # its offset in the text

    @property
    def codepoint(self) -> str:
        return " ".join(f"U+{ord(c):04X}" for c in self.char)

    @property
    def name(self) -> str:
        return INVISIBLE.get(self.char) or " + ".join(unicodedata.name(c, "CONTROL") for c in self.char)


def line_column(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column (in code points) of `index` in `text`, as the body rules count them."""
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
                yield Spot(*line_column(text, index + offset), char, index + offset)
        index += len(cluster)


def control_characters(text: str) -> Iterator[Spot]:
    """C0 and C1 controls and DEL; line feed and tab are ordinary text."""
    for m in _CONTROL.finditer(text):
        yield Spot(*line_column(text, m.start()), m.group(), m.start())


def decomposed(text: str) -> Spot | None:
    """The first place where the text is not NFC because of a combining mark (e.g. macOS kana)."""
    if unicodedata.is_normalized("NFC", text):
        return None
    index = 0
    for cluster in graphemes(text):
        if (
            any(unicodedata.category(c).startswith("M") for c in cluster)
            and unicodedata.normalize("NFC", cluster) != cluster
        ):
            return Spot(*line_column(text, index), cluster, index)
        index += len(cluster)
    return None  # only compatibility ideographs differ: those are deliberate


def halfwidth_katakana(text: str) -> list[Spot]:
    return [Spot(*line_column(text, m.start()), m.group(), m.start()) for m in _HALFWIDTH_KATAKANA.finditer(text)]


# What output must never carry raw (PRODUCT.md section 6): C0 and C1 controls and DEL (terminal
# escapes, CR overwrites, the CI runner's line breaks), line and paragraph separators, every
# format character (Cf: bidi controls as in Trojan Source, zero-width characters, tags), the
# invisible fillers of INVISIBLE, lone surrogates (undecodable file-name bytes, JSON "\ud800")
# and the two non-characters XML cannot hold. Cf is listed as ranges (Unicode 15.1) so that no
# table is built at start-up; tests/test_text.py checks it against the running unicodedata.
_HIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0\ud800-\udfff\ufffe\uffff]"
)
_EMOJI_PARTS = re.compile("[\u200d\U000e0020-\U000e007f]")  # ZWJ and tags: parts of emoji sequences
# How the GitHub Actions runner finds a workflow command in a line of output
# (actions/runner ActionCommand.TryParseV2 and TryParse): `::name` after the leading white space
# that .NET's String.TrimStart removes, and `##[name` anywhere in the line; Azure Pipelines
# (`##vso[`) and TeamCity (`##teamcity[`) look anywhere in the line too.
_NET_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_LINE_COMMAND = re.compile(f"^([{_NET_SPACE}]*):(?=:[A-Za-z0-9_-])", re.MULTILINE)
_INLINE_COMMAND = re.compile(r"#(?=#(?:vso|teamcity)?\[[A-Za-z0-9_.-])", re.IGNORECASE)


def codepoint(char: str) -> str:
    """The one notation pasha uses to show a character that cannot be shown as itself."""
    return f"<U+{ord(char):04X}>"


def visible(text: str, multiline: bool = False) -> str:
    """`text` with every hidden character (see _HIDDEN) written as <U+XXXX>.

    One-line values (a name, a path, a message) show newlines and tabs too; `multiline` keeps
    them as they are (a post's body). A zero-width joiner or a tag inside an emoji sequence is
    part of the emoji and stays, so a family or a flag looks as it does on the timeline.
    """
    if not _HIDDEN.search(text):
        return text
    keep = "\n\t" if multiline else ""
    emoji = _emoji_positions(text) if _EMOJI_PARTS.search(text) else frozenset()

    def show(m: re.Match[str]) -> str:
        char = m.group()
        return char if char in keep or m.start() in emoji else codepoint(char)

    return _HIDDEN.sub(show, text)


def _emoji_positions(text: str) -> frozenset[int]:
    """Indexes of the joiners and tags that belong to an emoji sequence."""
    pictographic = _patterns()[1]
    found: set[int] = set()
    index = 0
    for cluster in graphemes(text):
        if pictographic.search(cluster):
            found.update(index + n for n, char in enumerate(cluster) if _EMOJI_PARTS.match(char))
        index += len(cluster)
    return frozenset(found)


def inert(output: str) -> str:
    """Output with nothing a CI runner would execute: a command marker's first character as <U+XXXX>.

    Applied to whole human-readable outputs, after `visible` has made every value one line:
    only pasha's own `--format github` annotations may be commands.
    """
    output = _LINE_COMMAND.sub(lambda m: m.group(1) + codepoint(":"), output)
    return _INLINE_COMMAND.sub(codepoint("#"), output)


def shown(text: str) -> str:
    """A one-line message as it may be printed: hidden characters visible, no CI command in it."""
    return inert(visible(text))
