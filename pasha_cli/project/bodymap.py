"""Where each character of a draft's body is written in its file, for every way a body is written.

The rules read the body as text (line endings normalised, trailing line breaks dropped); a finding
names a span of that text. This module maps body offsets back to the file's characters: a
character written as itself maps to itself, one written as an escape (`\\u3042`, `''`, a JSON
surrogate pair) maps to the whole escape, and one a line fold made (a space for a line break, a
line feed for an empty line) maps to the break and the blanks around it. The map is built from
the scalar's own source text, following the YAML (or JSON) rules of its style, and is kept only
when reading the source back that way gives exactly the string the parser gave; otherwise there
is none and a finding falls back to the whole value (coarse, never wrong).

Built on demand: a clean draft never pays for it.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from typing import NamedTuple

from pasha_cli.model import Position

PLAIN, SINGLE, DOUBLE, LITERAL, FOLDED, JSON, MARKDOWN = "plain", "single", "double", "literal", "folded", "json", "md"
_YAML_STYLES = {None: PLAIN, "": PLAIN, "'": SINGLE, '"': DOUBLE, "|": LITERAL, ">": FOLDED}


class BodySource(NamedTuple):
    """Where a draft's body is written: enough to build its map when a finding needs one."""

    text: str  # the text the body was read from: the file's (after the BOM), or its front matter's
    style: str  # one of PLAIN ... MARKDOWN
    start: int  # offset in `text` of the scalar's first character (its quote or block indicator)
    end: int  # offset just after it
    value: str  # the string the parser gave, before pasha's normalisation
    line_offset: int  # lines of the file before `text` (front matter starts on line 2)
    indent: int  # the column (0-based) of the `body` key: a block scalar's indentation is counted from it
    # the map once built: every rule that places a finding in this body asks, one rule after another
    # over all the drafts (so no bounded cache would keep it), and a clean draft never builds it
    memo: list[BodyMap | None]

    @classmethod
    def of(
        cls, text: str, style: str, start: int, end: int, value: str, line_offset: int = 0, indent: int = 0
    ) -> BodySource:
        return cls(text, style, start, end, value, line_offset, indent, [])


def yaml_style(style: str | None) -> str:
    """The BodySource style of a PyYAML scalar node's `style`."""
    return _YAML_STYLES.get(style, PLAIN)


# a scanner's reading of a scalar, in order: (value, first, end, literal). A literal piece is text
# written as itself, one file character per character (never a line break); any other piece is one
# character of the value (or a CRLF) written as file[first:end]: an escape, a fold, a line break.
Piece = tuple[str, int, int, bool]


class BodyMap(NamedTuple):
    """The body (as the rules read it) as runs: each run's start in the body and its file offsets."""

    starts: tuple[int, ...]  # where each run starts in the body
    firsts: tuple[int, ...]  # its first file offset
    ends: tuple[int, ...]  # the file offset just after it
    literal: tuple[bool, ...]  # True: one file character per body character; False: one body character
    length: int  # the body's length
    text: str
    line_offset: int
    breaks: tuple[int, ...]  # offsets of the text's line feeds
    empty_at: int  # where an empty body is: its scalar's start

    def piece(self, index: int) -> tuple[int, int]:
        """The file offsets (first, end) of the characters that write body[index]."""
        run = bisect_right(self.starts, index) - 1
        if self.literal[run]:
            first = self.firsts[run] + index - self.starts[run]
            return first, first + 1
        return self.firsts[run], self.ends[run]

    def pieces(self) -> list[tuple[int, int]]:
        return [self.piece(index) for index in range(self.length)]

    def position(self, offset: int) -> Position:
        """The file's line and column (1-based, code points) of an offset in the source text."""
        line = bisect_right(self.breaks, offset - 1)  # line feeds before `offset`
        start = self.breaks[line - 1] + 1 if line else 0
        return Position(line + 1 + self.line_offset, offset - start + 1)

    def span(self, start: int, end: int) -> tuple[Position, Position]:
        """Where body[start:end] is written: its first character's start and its last's end (exclusive).
        An empty span is a point: before body[start], or after the body's last character."""
        count = self.length
        if not count:
            return self.position(self.empty_at), self.position(self.empty_at)
        start = min(max(start, 0), count)
        end = min(max(end, start), count)
        first = self.piece(start)[0] if start < count else self.piece(count - 1)[1]
        last = self.piece(end - 1)[1] if end > start else first
        return self.position(first), self.position(last)


def body_map(source: BodySource) -> BodyMap | None:
    """The map of the body (as the rules read it) to the source text, or None where it cannot be exact."""
    if not source.memo:
        source.memo.append(_build(source))
    return source.memo[0]


def _build(source: BodySource) -> BodyMap | None:
    try:
        pieces = _SCANNERS[source.style](source)
    except (IndexError, ValueError, KeyError):  # a source this reading does not follow: no map
        return None
    if "".join(value for value, _, _, _ in pieces) != source.value:
        return None
    length = len(source.value.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n"))
    starts, firsts, ends, literal = runs(pieces, length)
    breaks = tuple(m.start() for m in _LF.finditer(source.text))
    empty_at = json_body_start(source.text) if source.style == JSON else source.start
    return BodyMap(starts, firsts, ends, literal, length, source.text, source.line_offset, breaks, empty_at)


_LF = re.compile("\n")


def runs(
    pieces: list[Piece], length: int
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[bool, ...]]:
    """The body's runs from the value's pieces: pasha reads CRLF and CR as one LF (a `\\r` escape and
    the line break after it too) and drops the trailing line feeds (those past `length`)."""
    starts: list[int] = []
    firsts: list[int] = []
    ends: list[int] = []
    literal: list[bool] = []
    at = i = 0
    while i < len(pieces) and at < length:
        value, first, end, plain = pieces[i]
        if value == "\r" and i + 1 < len(pieces) and pieces[i + 1][0] == "\n" and not pieces[i + 1][3]:
            end = pieces[i + 1][2]
            i += 1
        starts.append(at)
        firsts.append(first)
        ends.append(end)
        literal.append(plain)
        at += len(value) if plain else 1
        i += 1
    return tuple(starts), tuple(firsts), tuple(ends), tuple(literal)


# -- the scanners: each reads a scalar's source as its style does, character by character ---------

_ESCAPES = {
    "0": "\0",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_CODES = {"x": 2, "u": 4, "U": 8}
_JSON_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_HEX = re.compile("[0-9A-Fa-f]+")


def _break(text: str, i: int) -> int:
    """The length of the line break at `i`: 2 for CRLF, 1 for LF, 0 for none (other breaks are refused
    before a draft is parsed)."""
    if text.startswith("\r\n", i):
        return 2
    return 1 if text.startswith("\n", i) else 0


def _blanks(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t":
        i += 1
    return i


def _column(text: str, i: int) -> int:
    return i - (text.rfind("\n", 0, i) + 1)


def _hex(digits: str, count: int) -> int:
    if len(digits) != count or not _HEX.fullmatch(digits):
        raise ValueError(digits)
    return int(digits, 16)


def _fold(text: str, gap: int, i: int, out: list[Piece]) -> int:
    """A line fold from `gap` (the blanks before the break at `i`) to the next line's text: one line
    break is a space, each further one (an empty line) a line feed. Each character made covers its
    part of the gap, so that the pieces cover every blank and break. Returns where the text resumes."""
    ends = []
    while (n := _break(text, i)) > 0:
        i += n
        ends.append(i)
        i = _blanks(text, i)
    if len(ends) == 1:
        out.append((" ", gap, i, False))
        return i
    for m in range(len(ends) - 1):
        out.append(("\n", gap if m == 0 else ends[m], i if m == len(ends) - 2 else ends[m + 1], False))
    return i


def _escaped_break(text: str, i: int, out: list[Piece]) -> int:
    """A double-quoted `\\` at the end of a line: that break joins the lines; each further one (an
    empty line) is a line feed. Blanks that start the next line are dropped."""
    first = i  # the backslash
    i += 1 + _break(text, i + 1)
    ends = []
    i = _blanks(text, i)
    while (n := _break(text, i)) > 0:
        i += n
        ends.append(i)
        i = _blanks(text, i)
    for m in range(len(ends)):
        out.append(("\n", first if m == 0 else ends[m - 1], i if m == len(ends) - 1 else ends[m], False))
    return i


def _properties(text: str, i: int) -> int:
    """Past a node's tag and anchor (`!!str`, `&a`): the node starts there, its scalar after them."""
    while text[i] in "!&":
        while i < len(text) and text[i] not in " \t\r\n":
            i += 1
        while i < len(text) and (text[i] in " \t" or _break(text, i)):
            i += max(_break(text, i), 1)
    return i


# what ends a run of text written as itself, in each flow style
_SPECIAL = {
    PLAIN: re.compile("[ \t\r\n]"),
    SINGLE: re.compile("[ \t\r\n']"),
    DOUBLE: re.compile("[ \t\r\n\\\\]"),
}


def _flow(source: BodySource) -> list[Piece]:
    """A plain or quoted scalar: text as written, blanks kept inside a line, folded across lines."""
    text, style = source.text, source.style
    i = _properties(text, source.start)
    end = source.end
    if style != PLAIN:
        i, end = i + 1, end - 1  # inside the quotes
    special = _SPECIAL[style]
    out: list[Piece] = []
    while i < end:
        found = special.search(text, i, end)
        j = found.start() if found else end
        if j > i:
            out.append((text[i:j], i, j, True))
            i = j
            continue
        ch = text[i]
        if ch in " \t":
            j = _blanks(text, i)
            if j < end and _break(text, j):
                i = _fold(text, i, j, out)
            else:
                out.append((text[i:j], i, j, True))
                i = j
        elif _break(text, i):
            i = _fold(text, i, i, out)
        elif ch == "'":
            if text[i + 1] != "'":
                raise ValueError("quote")
            out.append(("'", i, i + 2, False))
            i += 2
        elif ch == "\\":
            escape = text[i + 1]
            if escape in _ESCAPES:
                out.append((_ESCAPES[escape], i, i + 2, False))
                i += 2
            elif escape in _CODES:
                count = _CODES[escape]
                out.append((chr(_hex(text[i + 2 : i + 2 + count], count)), i, i + 2 + count, False))
                i += 2 + count
            elif _break(text, i + 1):
                i = _escaped_break(text, i, out)
            else:
                raise ValueError(escape)
        else:  # a lone CR: a line break to YAML, refused before a draft is parsed
            raise ValueError("CR")
    return out


_LINE_END = re.compile("[\r\n]")


def _block(source: BodySource) -> list[Piece]:
    """A literal (`|`) or folded (`>`) block, with its chomping and indentation indicators, read as
    PyYAML's scanner reads it (scan_block_scalar)."""
    text = source.text
    i = _properties(text, source.start) + 1
    folded = source.style == FOLDED
    chomping: bool | None = None
    increment: int | None = None
    for _ in range(2):
        ch = text[i : i + 1]
        if ch and ch in "+-" and chomping is None:
            chomping, i = ch == "+", i + 1
        elif ch and ch in "123456789" and increment is None:
            increment, i = int(ch), i + 1
        else:
            break
    i = _blanks(text, i)
    if text.startswith("#", i):
        found = _LINE_END.search(text, i)
        i = found.start() if found else len(text)
    i += _break(text, i)
    min_indent = source.indent + 1
    breaks: list[Piece] = []
    if increment is None:
        max_indent, column = 0, _column(text, i)
        while i < len(text) and (text[i] == " " or _break(text, i)):
            if text[i] == " ":
                i, column = i + 1, column + 1
                max_indent = max(max_indent, column)
            else:
                n = _break(text, i)
                breaks.append(("\n", i, i + n, False))
                i, column = i + n, 0
        indent = max(min_indent, max_indent)
    else:
        indent = min_indent + increment - 1
        breaks, i = _block_breaks(text, i, indent)
    out: list[Piece] = []
    line_break: Piece | None = None
    while i < len(text) and _column(text, i) == indent:
        out.extend(breaks)
        leading_text = text[i] not in " \t"
        found = _LINE_END.search(text, i)
        j = found.start() if found else len(text)
        if j > i:
            out.append((text[i:j], i, j, True))
        n = _break(text, j)
        line_break = ("\n", j, j + n, False) if n else None
        breaks, i = _block_breaks(text, j + n, indent)
        if not (i < len(text) and _column(text, i) == indent):
            break
        if folded and line_break is not None and leading_text and text[i] not in " \t":
            if not breaks:
                out.append((" ", line_break[1], line_break[2], False))
        elif line_break is not None:
            out.append(line_break)
    if chomping is not False and line_break is not None:
        out.append(line_break)
    if chomping is True:
        out.extend(breaks)
    return out


def _block_breaks(text: str, i: int, indent: int) -> tuple[list[Piece], int]:
    """The empty lines from `i` (each a line break), past the indentation of the line after them."""
    breaks: list[Piece] = []
    i = _indentation(text, i, i + indent - _column(text, i))
    while (n := _break(text, i)) > 0:
        breaks.append(("\n", i, i + n, False))
        i += n
        i = _indentation(text, i, i + indent)  # a line's start: column 0
    return breaks, i


def _indentation(text: str, i: int, limit: int) -> int:
    while i < limit and i < len(text) and text[i] == " ":
        i += 1
    return i


_WHITESPACE = re.compile(r"[ \t\n\r]*")


def json_body_start(text: str) -> int:
    """The offset of the opening quote of a JSON object's top-level "body" string (ValueError if none)."""
    decoder = json.JSONDecoder()
    i = _WHITESPACE.match(text).end()  # type: ignore[union-attr]
    if text[i] != "{":
        raise ValueError("not an object")
    i = _WHITESPACE.match(text, i + 1).end()  # type: ignore[union-attr]
    while text[i] == '"':
        key, i = json.decoder.scanstring(text, i + 1)  # type: ignore[attr-defined]
        i = _WHITESPACE.match(text, i).end()  # type: ignore[union-attr]
        if text[i] != ":":
            raise ValueError("no colon")
        i = _WHITESPACE.match(text, i + 1).end()  # type: ignore[union-attr]
        if key == "body":
            return i
        _, i = decoder.raw_decode(text, i)
        i = _WHITESPACE.match(text, i).end()  # type: ignore[union-attr]
        if text[i] == ",":
            i = _WHITESPACE.match(text, i + 1).end()  # type: ignore[union-attr]
    raise ValueError("no body")


_JSON_SPECIAL = re.compile('["\\\\]')


def _json(source: BodySource) -> list[Piece]:
    """A JSON string: each escape one character, a surrogate pair (`\\ud83d\\ude00`) one character."""
    text = source.text
    i = json_body_start(text) + 1
    out: list[Piece] = []
    while text[i] != '"':
        found = _JSON_SPECIAL.search(text, i)
        j = found.start() if found else len(text)
        if j > i:
            out.append((text[i:j], i, j, True))
            i = j
        elif text[i + 1] == "u":
            code, n = _hex(text[i + 2 : i + 6], 4), 6
            if 0xD800 <= code <= 0xDBFF and text.startswith("\\u", i + 6):
                low = _hex(text[i + 8 : i + 12], 4)
                if 0xDC00 <= low <= 0xDFFF:
                    code, n = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), 12
            out.append((chr(code), i, i + n, False))
            i += n
        else:
            out.append((_JSON_ESCAPES[text[i + 1]], i, i + 2, False))
            i += 2
    return out


_BREAK = re.compile("\r\n|\r|\n")


def _markdown(source: BodySource) -> list[Piece]:
    """A Markdown body is the file's text itself: its lines, and each line break one character."""
    text, i = source.text, source.start
    out: list[Piece] = []
    for found in _BREAK.finditer(text, i, source.end):
        if found.start() > i:
            out.append((text[i : found.start()], i, found.start(), True))
        out.append((found.group(), found.start(), found.end(), False))
        i = found.end()
    if i < source.end:
        out.append((text[i : source.end], i, source.end, True))
    return out


_SCANNERS = {
    PLAIN: _flow,
    SINGLE: _flow,
    DOUBLE: _flow,
    LITERAL: _block,
    FOLDED: _block,
    JSON: _json,
    MARKDOWN: _markdown,
}
