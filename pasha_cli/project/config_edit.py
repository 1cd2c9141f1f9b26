"""Add maintenance windows to a project's config by inserting text: every existing byte stays.

A small scanner finds the config's statements (table headers and `key = value`, a value to its
end across lines, strings and comments understood); new text goes in at three kinds of place:

- each window as a `[[maintenance]]` table (`[[tool.pasha.maintenance]]` in pyproject.toml) after
  the config's last statement: the end of pasha.toml, or after the last `[tool.pasha...]` table's
  last line, before whatever follows it (blank lines, comments, `[tool.ruff]`);
- into `maintenance = [...]` when the file writes the array inline: inline tables after its last
  item, one a line when the array spans lines, with its indent and its trailing comma;
- `maintenance_known_until`: its value replaced where it is written, else a new line after the
  config's last top-level key (after the `[tool.pasha]` header when it has none; in pasha.toml
  before the first table and the comment lines directly above it).

New lines end as the file's first line does (CRLF stays CRLF), a file without a final line break
keeps ending without one, and a new table has a blank line before it. What this cannot place (a
config written as `tool = { pasha = {...} }`, no `[tool.pasha]` header for a new key) is EditError;
the caller checks every result by parsing it (plan.maintenance), so a layout the scanner misreads
is refused, never written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from pasha_cli.i18n import t
from pasha_cli.jpcalendar import Window
from pasha_cli.model import LocalText

KNOWN_UNTIL = "maintenance_known_until"
MAINTENANCE = "maintenance"
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR = re.compile(r"[^\s#,\]}]+(?: [0-9][^\s#,\]}]*)?")  # a number, a boolean, a date (and time after a space)
_SPACE = " \t"


class EditError(ValueError):
    def __init__(self, text: LocalText) -> None:
        super().__init__(text.en)
        self.text = text


class Statement(NamedTuple):
    """A header or a key/value pair: offsets into the text (end: after its last line's line break)."""

    header: bool
    array: bool  # [[...]]
    keys: tuple[str, ...]  # a header's names, or the full key: the table's names and the dotted key
    table: tuple[str, ...]  # the names of the header it is under (a header's own), () for the root
    start: int  # the start of its first line
    end: int
    value_start: int = 0  # a key's value
    value_end: int = 0


class ArrayShape(NamedTuple):
    """An inline array value: where its items end and what separates them."""

    last_item_end: int  # after its last item (0: no item)
    trailing_comma: int  # the offset of a comma after the last item (0: none)
    multiline: bool  # a line break between the last item (or `[`) and `]`
    indent: str  # the last item's line indent


def statements(text: str) -> list[Statement]:
    """The headers and key/value pairs of a TOML text (one that tomllib has read)."""
    found: list[Statement] = []
    table: tuple[str, ...] = ()
    at = 0
    while at < len(text):
        at = _skip_blank(text, at)
        if at >= len(text):
            break
        line_start = text.rfind("\n", 0, at) + 1
        if text[at] == "[":
            array = text.startswith("[[", at)
            close = text.index("]]" if array else "]", at)
            names = _key_parts(text[at + (2 if array else 1) : close])
            table = names
            end = _line_end(text, close + (2 if array else 1))
            found.append(Statement(True, array, names, names, line_start, end))
            at = end
            continue
        equals = _key_end(text, at)
        keys = _key_parts(text[at:equals])
        value_start = _skip_space(text, equals + 1)
        value_end = _value_end(text, value_start)
        end = _line_end(text, value_end)
        found.append(Statement(False, False, table + keys, table, line_start, end, value_start, value_end))
        at = end
    return found


def _skip_blank(text: str, at: int) -> int:
    """Past spaces, line breaks and comments."""
    while at < len(text):
        if text[at] in " \t\r\n":
            at += 1
        elif text[at] == "#":
            at = _after_comment(text, at)
        else:
            break
    return at


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in _SPACE:
        at += 1
    return at


def _after_comment(text: str, at: int) -> int:
    newline = text.find("\n", at)
    return len(text) if newline < 0 else newline


def _line_end(text: str, at: int) -> int:
    """After the line break that ends the line `at` is on (a comment may come first); len(text) at the end."""
    newline = text.find("\n", at)
    return len(text) if newline < 0 else newline + 1


def _key_end(text: str, at: int) -> int:
    """The offset of the `=` after a key (quoted parts may hold one)."""
    while text[at] != "=":
        at = _string_end(text, at) if text[at] in "\"'" else at + 1
    return at


def _key_parts(text: str) -> tuple[str, ...]:
    parts = []
    at = 0
    while at < len(text):
        char = text[at]
        if char in "\"'":
            end = _string_end(text, at)
            parts.append(text[at + 1 : end - 1])
            at = end
        elif _BARE.match(char):
            m = _BARE.match(text, at)
            assert m is not None
            parts.append(m.group())
            at = m.end()
        else:
            at += 1
    return tuple(parts)


def _string_end(text: str, at: int) -> int:
    """After the string that starts at `at` (basic, literal, or a multi-line one of either)."""
    quote = text[at]
    escapes = quote == '"'  # a basic string's backslash escapes the next character (`\\"""` is content)
    if text.startswith(quote * 3, at):
        at += 3
        while not text.startswith(quote * 3, at):
            if at >= len(text):
                raise ValueError("unterminated string")
            at += 2 if escapes and text[at] == "\\" else 1
        while text.startswith(quote, at + 3):  # up to two quotes may end the content
            at += 1
        return at + 3
    at += 1
    while text[at] != quote:
        at += 2 if escapes and text[at] == "\\" else 1
    return at + 1


def _value_end(text: str, at: int) -> int:
    """After the value that starts at `at`: a string, an array or inline table to its closing
    bracket, anything else (a number, a date, a boolean) to the space, comment or line end."""
    if text[at] in "\"'":
        return _string_end(text, at)
    if text[at] in "[{":
        depth = 0
        while True:
            char = text[at]
            if char in "\"'":
                at = _string_end(text, at)
                continue
            if char == "#":
                at = _after_comment(text, at)
                continue
            depth += (char in "[{") - (char in "]}")
            at += 1
            if depth == 0:
                return at
    m = _SCALAR.match(text, at)
    return m.end() if m else at


def array_shape(text: str, statement: Statement) -> ArrayShape:
    """The shape of an inline array value (statement's value starts with `[`)."""
    at = statement.value_start + 1
    close = statement.value_end - 1
    last_end = comma = 0
    while True:
        at = _skip_blank(text, at)
        if at >= close:
            break
        if text[at] == ",":
            comma = at
            at += 1
            continue
        last_end, comma = _value_end(text, at), 0
        at = last_end
    after = last_end or statement.value_start + 1
    line_start = text.rfind("\n", 0, last_end) + 1 if last_end else 0
    item_start = _skip_space(text, line_start)
    return ArrayShape(last_end, comma, "\n" in text[after:close], text[line_start:item_start])


def newline_of(text: str) -> str:
    """The file's line ending: its first line's (CRLF or LF), LF for a file of one line."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def moment(value: Window, key: str) -> str:
    """A window's start or end as a TOML offset datetime in Japan time, as the shipped spec writes it."""
    return getattr(value, key).isoformat(timespec="seconds")


def add_windows(text: str, prefix: tuple[str, ...], windows: Sequence[Window], known_until: date | None) -> str:
    """The config text with `windows` added and maintenance_known_until set to `known_until` (None:
    left alone). Raises EditError where it cannot place them."""
    if known_until is not None:
        text = _set_known_until(text, prefix, known_until)
    if not windows:
        return text
    found = statements(text)
    inline = next((s for s in found if not s.header and s.keys == (*prefix, MAINTENANCE)), None)
    if inline is not None:
        if not text.startswith("[", inline.value_start):
            raise EditError(t("edit-maintenance-shape"))
        return _into_array(text, inline, windows)
    nl = newline_of(text)
    header = "[[" + ".".join((*prefix, MAINTENANCE)) + "]]"
    blocks = [nl.join((header, f"start = {moment(w, 'start')}", f"end = {moment(w, 'end')}")) for w in windows]
    body = (nl + nl).join(blocks)
    at = _config_end(text, found, prefix)
    before, after = text[:at], text[at:]
    if not before:
        return body + nl + after
    if not before.endswith("\n"):  # the last line, without a line break: the file keeps ending without one
        return before + nl + nl + body + after
    blank = "" if before.endswith("\n\n") or before.endswith("\n\r\n") else nl
    return before + blank + body + nl + after


def _config_end(text: str, found: list[Statement], prefix: tuple[str, ...]) -> int:
    """Where a new table of the config goes: the end of pasha.toml, or after the last statement of
    the last [tool.pasha...] table."""
    if not prefix:
        return len(text)
    last = None
    table_is_ours = False
    for statement in found:
        if statement.header:
            table_is_ours = statement.keys[: len(prefix)] == prefix
        if table_is_ours or (not statement.header and statement.keys[: len(prefix)] == prefix):
            last = statement
    if last is None or not any(s.header and s.keys[: len(prefix)] == prefix for s in found):
        raise EditError(t("edit-no-table", table=".".join(prefix)))
    return last.end


def _into_array(text: str, statement: Statement, windows: Sequence[Window]) -> str:
    shape = array_shape(text, statement)
    items = [f"{{ start = {moment(w, 'start')}, end = {moment(w, 'end')} }}" for w in windows]
    if shape.multiline:
        nl = newline_of(text)
        if not shape.last_item_end:  # `[`, a line break, `]`: one item a line after the `[`
            at = statement.value_start + 1
            return text[:at] + "".join(f"{nl}  {item}," for item in items) + text[at:]
        # each on a line of its own after the last item's line (and the comment that may end it)
        line_end = text.find("\n", shape.trailing_comma or shape.last_item_end)
        line_end -= text[line_end - 1] == "\r"
        tail = "," if shape.trailing_comma else ""
        new = "".join(f"{nl}{shape.indent}{item}," for item in items[:-1]) + f"{nl}{shape.indent}{items[-1]}{tail}"
        if not shape.trailing_comma:
            at = shape.last_item_end
            return text[:at] + "," + text[at:line_end] + new + text[line_end:]
        return text[:line_end] + new + text[line_end:]
    if not shape.last_item_end:
        return text[: statement.value_start + 1] + ", ".join(items) + text[statement.value_start + 1 :]
    at = shape.last_item_end
    return text[:at] + "".join(f", {item}" for item in items) + text[at:]


def _set_known_until(text: str, prefix: tuple[str, ...], day: date) -> str:
    found = statements(text)
    value = day.isoformat()
    existing = next((s for s in found if not s.header and s.keys == (*prefix, KNOWN_UNTIL)), None)
    if existing is not None:
        return text[: existing.value_start] + value + text[existing.value_end :]
    nl = newline_of(text)
    line = f"{KNOWN_UNTIL} = {value}"
    own_keys = [s for s in found if not s.header and s.table == prefix]
    if own_keys:
        return _insert_line(text, own_keys[-1].end, line, nl)
    if prefix:
        own = next((s for s in found if s.header and not s.array and s.keys == prefix), None)
        if own is None:
            raise EditError(t("edit-no-table", table=".".join(prefix)))
        return _insert_line(text, own.end, line, nl)
    first = next((s for s in found if s.header), None)
    if first is None:
        return _insert_line(text, len(text), line, nl)
    at = _comments_above(text, first.start)
    return text[:at] + line + nl + nl + text[at:]


def _insert_line(text: str, at: int, line: str, nl: str) -> str:
    if at == len(text) and text and not text.endswith("\n"):
        return text + nl + line
    return text[:at] + line + nl + text[at:]


def _comments_above(text: str, at: int) -> int:
    """The start of the comment lines directly above the line at `at` (no blank line between)."""
    while at > 0:
        previous = text.rfind("\n", 0, at - 1) + 1
        if not text[previous:at].lstrip(_SPACE).startswith("#"):
            break
        at = previous
    return at
