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
from functools import lru_cache
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
    line_offset: int = 0  # lines of the file before `text` (front matter starts on line 2)
    indent: int = 0  # the column (0-based) of the `body` key: a block scalar's indentation is counted from it


def yaml_style(style: str | None) -> str:
    """The BodySource style of a PyYAML scalar node's `style`."""
    return _YAML_STYLES.get(style, PLAIN)


# (first, end) offsets in the source text of each character of a string
Pieces = list[tuple[int, int]]
# a scanner's reading: each character of the value with its (first, end) offsets
Chars = list[tuple[str, int, int]]


class BodyMap(NamedTuple):
    """Each body character's (first, end) offsets in the source text."""

    pieces: tuple[tuple[int, int], ...]
    text: str
    line_offset: int
    breaks: tuple[int, ...]  # offsets of the text's line feeds
    empty_at: int  # where an empty body is: its scalar's start

    def position(self, offset: int) -> Position:
        """The file's line and column (1-based, code points) of an offset in the source text."""
        line = bisect_right(self.breaks, offset - 1)  # line feeds before `offset`
        start = self.breaks[line - 1] + 1 if line else 0
        return Position(line + 1 + self.line_offset, offset - start + 1)

    def span(self, start: int, end: int) -> tuple[Position, Position]:
        """Where body[start:end] is written: its first character's start and its last's end (exclusive).
        An empty span is a point: before body[start], or after the body's last character."""
        pieces, count = self.pieces, len(self.pieces)
        if not count:
            return self.position(self.empty_at), self.position(self.empty_at)
        start = min(max(start, 0), count)
        end = min(max(end, start), count)
        first = pieces[start][0] if start < count else pieces[-1][1]
        last = pieces[end - 1][1] if end > start else first
        return self.position(first), self.position(last)


def body_map(source: BodySource) -> BodyMap | None:
    """The map of the body (as the rules read it) to the source text, or None where it cannot be exact."""
    return _cached(source)


@lru_cache(maxsize=16)
def _cached(source: BodySource) -> BodyMap | None:
    try:
        chars = _SCANNERS[source.style](source)
    except (IndexError, ValueError, KeyError):  # a source this reading does not follow: no map
        return None
    if "".join(c for c, _, _ in chars) != source.value:
        return None
    pieces = [(a, b) for _, a, b in chars]
    normal = normalised(source.value, pieces)
    breaks = tuple(m.start() for m in re.finditer("\n", source.text))
    start = json_body_start(source.text) if source.style == JSON else source.start
    return BodyMap(tuple(normal), source.text, source.line_offset, breaks, start)


def normalised(value: str, pieces: Pieces) -> Pieces:
    """The pieces of pasha's body text (CRLF and CR as LF, trailing line feeds dropped) from the value's."""
    out: Pieces = []
    i = 0
    while i < len(value):
        if value[i] == "\r" and value[i + 1 : i + 2] == "\n":
            out.append((pieces[i][0], pieces[i + 1][1]))
            i += 2
        else:
            out.append(pieces[i])
            i += 1
    body = value.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    return out[: len(body)]


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


def _fold(text: str, gap: int, i: int, out: Chars) -> int:
    """A line fold from `gap` (the blanks before the break at `i`) to the next line's text: one line
    break is a space, each further one (an empty line) a line feed. Each character made covers its
    part of the gap, so that the pieces cover every blank and break. Returns where the text resumes."""
    ends = []
    while (n := _break(text, i)) > 0:
        i += n
        ends.append(i)
        i = _blanks(text, i)
    if len(ends) == 1:
        out.append((" ", gap, i))
        return i
    for m in range(len(ends) - 1):
        out.append(("\n", gap if m == 0 else ends[m], i if m == len(ends) - 2 else ends[m + 1]))
    return i


def _escaped_break(text: str, i: int, out: Chars) -> int:
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
        out.append(("\n", first if m == 0 else ends[m - 1], i if m == len(ends) - 1 else ends[m]))
    return i


def _properties(text: str, i: int) -> int:
    """Past a node's tag and anchor (`!!str`, `&a`): the node starts there, its scalar after them."""
    while text[i] in "!&":
        while i < len(text) and text[i] not in " \t\r\n":
            i += 1
        while i < len(text) and (text[i] in " \t" or _break(text, i)):
            i += max(_break(text, i), 1)
    return i


def _flow(source: BodySource) -> Chars:
    """A plain or quoted scalar: text as written, blanks kept inside a line, folded across lines."""
    text, style = source.text, source.style
    i = _properties(text, source.start)
    end = source.end
    if style != PLAIN:
        i, end = i + 1, end - 1  # inside the quotes
    out: Chars = []
    while i < end:
        ch = text[i]
        if ch in " \t":
            j = _blanks(text, i)
            if j < end and _break(text, j):
                i = _fold(text, i, j, out)
            else:
                out.extend((text[k], k, k + 1) for k in range(i, j))
                i = j
        elif _break(text, i):
            i = _fold(text, i, i, out)
        elif style == SINGLE and ch == "'":
            if text[i + 1] != "'":
                raise ValueError("quote")
            out.append(("'", i, i + 2))
            i += 2
        elif style == DOUBLE and ch == "\\":
            escape = text[i + 1]
            if escape in _ESCAPES:
                out.append((_ESCAPES[escape], i, i + 2))
                i += 2
            elif escape in _CODES:
                count = _CODES[escape]
                out.append((chr(_hex(text[i + 2 : i + 2 + count], count)), i, i + 2 + count))
                i += 2 + count
            elif _break(text, i + 1):
                i = _escaped_break(text, i, out)
            else:
                raise ValueError(escape)
        else:
            out.append((ch, i, i + 1))
            i += 1
    return out


def _block(source: BodySource) -> Chars:
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
        while i < len(text) and text[i] not in "\r\n":
            i += 1
    i += _break(text, i)
    min_indent = source.indent + 1
    breaks: Chars = []
    if increment is None:
        max_indent = 0
        while i < len(text) and (text[i] == " " or _break(text, i)):
            if text[i] == " ":
                i += 1
                max_indent = max(max_indent, _column(text, i))
            else:
                n = _break(text, i)
                breaks.append(("\n", i, i + n))
                i += n
        indent = max(min_indent, max_indent)
    else:
        indent = min_indent + increment - 1
        breaks, i = _block_breaks(text, i, indent)
    out: Chars = []
    line_break: tuple[str, int, int] | None = None
    while i < len(text) and _column(text, i) == indent:
        out.extend(breaks)
        leading_text = text[i] not in " \t"
        j = i
        while j < len(text) and text[j] not in "\r\n":
            j += 1
        out.extend((text[k], k, k + 1) for k in range(i, j))
        n = _break(text, j)
        line_break = ("\n", j, j + n) if n else None
        breaks, i = _block_breaks(text, j + n, indent)
        if not (i < len(text) and _column(text, i) == indent):
            break
        if folded and line_break is not None and leading_text and text[i] not in " \t":
            if not breaks:
                out.append((" ", line_break[1], line_break[2]))
        elif line_break is not None:
            out.append(line_break)
    if chomping is not False and line_break is not None:
        out.append(line_break)
    if chomping is True:
        out.extend(breaks)
    return out


def _block_breaks(text: str, i: int, indent: int) -> tuple[Chars, int]:
    breaks: Chars = []
    while i < len(text) and text[i] == " " and _column(text, i) < indent:
        i += 1
    while (n := _break(text, i)) > 0:
        breaks.append(("\n", i, i + n))
        i += n
        while i < len(text) and text[i] == " " and _column(text, i) < indent:
            i += 1
    return breaks, i


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


def _json(source: BodySource) -> Chars:
    """A JSON string: each escape one character, a surrogate pair (`\\ud83d\\ude00`) one character."""
    text = source.text
    i = json_body_start(text) + 1
    out: Chars = []
    while text[i] != '"':
        if text[i] != "\\":
            out.append((text[i], i, i + 1))
            i += 1
        elif text[i + 1] == "u":
            code, n = _hex(text[i + 2 : i + 6], 4), 6
            if 0xD800 <= code <= 0xDBFF and text.startswith("\\u", i + 6):
                low = _hex(text[i + 8 : i + 12], 4)
                if 0xDC00 <= low <= 0xDFFF:
                    code, n = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), 12
            out.append((chr(code), i, i + n))
            i += n
        else:
            out.append((_JSON_ESCAPES[text[i + 1]], i, i + 2))
            i += 2
    return out


def _markdown(source: BodySource) -> Chars:
    """A Markdown body is the file's text itself."""
    text, start = source.text, source.start
    return [(text[k], k, k + 1) for k in range(start, source.end)]


_SCANNERS = {
    PLAIN: _flow,
    SINGLE: _flow,
    DOUBLE: _flow,
    LITERAL: _block,
    FOLDED: _block,
    JSON: _json,
    MARKDOWN: _markdown,
}
