"""Exact edits of a draft's body: replacements given as body ranges, written into the file text in
the scalar's own style (issue 16 item 4's foundation; no command uses it yet).

Each replacement takes the place of the file characters that write its body range (bodymap.py),
written as that style writes text: escaped in a double-quoted scalar or a JSON string, `''` for a
quote in a single-quoted one, as itself in a plain scalar, a block or Markdown. Every other
character of the file stays as it was: comments, line endings, indentation, the other fields. The
result is parsed again and must give exactly the edited body and the same other fields; where a
style cannot carry a replacement (a line break in a plain or single-quoted scalar, a control
character outside an escaping style, text that a plain scalar would read as a comment or a key),
the edit is refused, never approximated.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

from pasha_cli.project.bodymap import DOUBLE, FOLDED, JSON, LITERAL, MARKDOWN, PLAIN, SINGLE, BodyMap, body_map
from pasha_cli.project.drafts import Draft, parse_text


class Replacement(NamedTuple):
    start: int  # offsets in the body as the rules read it (code points)
    end: int  # exclusive; start == end inserts
    text: str


class EditRefused(Exception):
    """The edit cannot be written exactly in this draft (its reason is for the log, in English)."""


# characters YAML cannot hold as themselves (c-printable's complement), and the line breaks
_NOT_RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("[\r\n\x85\u2028\u2029]")
_DOUBLE_NAMED = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def apply(draft: Draft, replacements: Sequence[Replacement]) -> str:
    """The draft's file text (after its BOM) with the replacements made; EditRefused if one cannot be
    written exactly, or if they overlap."""
    source = draft.source.body
    found = body_map(source) if source is not None else None
    if source is None or found is None or draft.body is None:
        raise EditRefused("the body has no exact map")
    ordered = sorted(replacements, key=lambda r: (r.start, r.end))
    for before, after in pairwise(ordered):
        if after.start < before.end or (after.start == before.start and before.start == before.end):
            raise EditRefused("replacements overlap")
    text = source.text
    parts: list[str] = []
    at = 0
    body = draft.body
    edited: list[str] = []
    kept = 0
    for r in ordered:
        if not 0 <= r.start <= r.end <= found.length:
            raise EditRefused("a replacement outside the body")
        first = found.piece(r.start)[0] if r.start < found.length else _after_last(found)
        last = found.piece(r.end - 1)[1] if r.end > r.start else first
        parts += [text[at:first], _written(r.text, source.style, text)]
        at = last
        edited += [body[kept : r.start], r.text]
        kept = r.end
    parts.append(text[at:])
    edited.append(body[kept:])
    result = "".join(parts)
    _check(draft, result, "".join(edited))
    return result


def apply_bytes(raw: bytes, draft: Draft, replacements: Sequence[Replacement]) -> bytes:
    """As apply, on the file's bytes: a BOM the file starts with stays."""
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    return bom + apply(draft, replacements).encode("utf-8")


def _after_last(found: BodyMap) -> int:
    if not found.length:
        raise EditRefused("an empty body has no place to insert at")
    return found.piece(found.length - 1)[1]


def _written(text: str, style: str, file_text: str) -> str:
    """`text` as a scalar of `style` writes it."""
    if style == JSON:
        return json.dumps(text, ensure_ascii=False)[1:-1]
    if style == DOUBLE:
        return "".join(_double(c, n, len(text)) for n, c in enumerate(text))
    if _NOT_RAW.search(text) or (style != MARKDOWN and _BREAKS.search(text)):
        raise EditRefused(f"a {style} scalar cannot hold {text!r} as written")
    if style == SINGLE:
        return text.replace("'", "''")
    if style == MARKDOWN:
        return text.replace("\n", "\r\n") if "\r\n" in file_text else text
    if style in (PLAIN, LITERAL, FOLDED):
        return text
    raise EditRefused(f"unknown style {style}")


def _double(char: str, n: int, count: int) -> str:
    if char in _DOUBLE_NAMED:
        return _DOUBLE_NAMED[char]
    if char == " " and n in (0, count - 1):  # a blank at a line's end or start would be folded away
        return "\\x20"
    if _NOT_RAW.match(char) or _BREAKS.match(char) or char == "\ufeff":
        return f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}"
    return char


def _check(draft: Draft, result: str, body: str) -> None:
    """The edited text must read back as the edited body, with every other field as it was."""
    again = parse_text(Path(draft.file), draft.rel, result)
    expected = body.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    if not isinstance(again, Draft) or again.body != expected:
        raise EditRefused("the scalar's style cannot carry the replacement exactly")
    others = {k: v for k, v in again.fields.items() if k != "body"}
    if others != {k: v for k, v in draft.fields.items() if k != "body"}:
        raise EditRefused("the edit would change another field")
