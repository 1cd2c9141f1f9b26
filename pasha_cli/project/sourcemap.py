"""Where things are in a file: JSON pointer -> (line, column), and each body character's place.

YAML (and so JSON, and Markdown front matter) positions come from PyYAML's node marks, the body's
from its map (bodymap.py, built when a finding asks); TOML positions from a small line scanner,
since tomllib keeps none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import NamedTuple

from pasha_cli.model import Position
from pasha_cli.project.bodymap import BodySource, body_map


class Written(NamedTuple):
    """The YAML text a draft's fields were read from: their ends are found in it when a finding asks
    (composed again then, once: a clean draft never pays for them)."""

    text: str
    line_offset: int  # lines of the file before `text` (front matter starts on line 2)
    memo: list[Mapping[str, Position]]

    @classmethod
    def of(cls, text: str, line_offset: int) -> Written:
        return cls(text, line_offset, [])

    def ends(self) -> Mapping[str, Position]:
        if not self.memo:
            self.memo.append(value_ends(self.text, self.line_offset))
        return self.memo[0]


class SourceMap(NamedTuple):
    keys: Mapping[str, Position] = MappingProxyType({})
    values: Mapping[str, Position] = MappingProxyType({})
    written: Written | None = None  # the fields' text, for their ends
    body: BodySource | None = None  # where the body is written: its map is built when a finding asks

    @property
    def ends(self) -> Mapping[str, Position]:
        """Just after each value (exclusive), by JSON pointer."""
        return self.written.ends() if self.written is not None else MappingProxyType({})

    def key(self, pointer: str) -> Position:
        """The position of a field's key, or of its nearest present parent."""
        while pointer:
            if pointer in self.keys:
                return self.keys[pointer]
            pointer = pointer.rpartition("/")[0]
        return Position.start()

    def value(self, pointer: str) -> Position:
        if pointer in self.values:
            return self.values[pointer]
        return self.key(pointer)

    def end(self, pointer: str) -> Position:
        """Just after a field's value (exclusive), or of its nearest present parent's."""
        if pointer == "/body" and self.body is not None:  # its last character, not the block's last break
            found = body_map(self.body)
            if found is not None and found.length:
                return found.span(0, found.length)[1]
        field = pointer
        while pointer:
            if pointer in self.ends:
                return self.ends[pointer]
            pointer = pointer.rpartition("/")[0]
        return self.value(field)

    def field_span(self, pointer: str) -> tuple[Position, Position]:
        """A whole field: from its key to the end of its value."""
        return self.key(pointer), self.end(pointer)

    def value_span(self, pointer: str) -> tuple[Position, Position]:
        """A field's value, from its first character to just after its last."""
        return self.value(pointer), self.end(pointer)

    def body_span(self, start: int, end: int) -> tuple[Position, Position]:
        """Where body[start:end] (offsets in the body as the rules read it) is written in the file: its
        first character's position and the position just after its last (exclusive). Where the body
        has no exact map, the whole body value."""
        found = body_map(self.body) if self.body is not None else None
        if found is None:
            return self.value_span("/body")
        return found.span(start, end)


def value_ends(text: str, line_offset: int) -> dict[str, Position]:
    """Where each value ends in YAML text that loaded (exclusive), as deep as drafts.py keeps positions."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    ends: dict[str, Position] = {}
    try:
        stack = [(loader.get_single_node(), "")]
    except yaml.YAMLError:  # never: the text loaded once already
        return ends
    finally:
        loader.dispose()
    while stack:
        node, here = stack.pop()
        if isinstance(node, yaml.MappingNode):
            children = [(here + pointer([str(k.value)]), v) for k, v in node.value]
        elif isinstance(node, yaml.SequenceNode):
            children = [(f"{here}/{n}", item) for n, item in enumerate(node.value)]
        else:
            continue
        if here.count("/") < _POSITION_DEPTH:
            for child, value in children:
                ends[child] = Position(value.end_mark.line + 1 + line_offset, value.end_mark.column + 1)
                stack.append((value, child))
    return ends


_POSITION_DEPTH = 16  # as drafts.py keeps keys and values


def pointer(parts: Iterable[object]) -> str:
    """A JSON pointer ('' is the whole document)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=""")
_PART = re.compile(r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*\.?""")


def _split_key(text: str) -> tuple[str, ...]:
    return tuple(p.strip("\"'") for p in _PART.findall(text))


def toml_line(text: str, path: tuple[str | int, ...], prefix: tuple[str, ...] = ()) -> int:
    """The 1-based line of a key in TOML text (or of its nearest present parent; 1 if none).

    `path` may hold integers for arrays of tables ([[maintenance]] number 2 is ("maintenance", 1)).
    Good enough for the hand-written files pasha reads: multi-line strings and inline tables
    are not entered, which only makes a position coarser, never wrong by more than the parent.
    """
    target = prefix + tuple(path)
    best = (0, 1)  # (how many parts matched, line)
    table: tuple[str | int, ...] = ()
    array_counts: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            names = _split_key(header.group(2))
            if header.group(1) == "[[":
                index = array_counts.get(names, -1) + 1
                array_counts[names] = index
                table = (*names, index)
            else:
                table = names
            candidate = table
        else:
            key = _KEY.match(line)
            if not key:
                continue
            candidate = table + _split_key(key.group(1))
        matched = _common(candidate, target)
        # only a line whose whole key lies on the target's path counts
        if (matched == len(candidate) or (not header and matched == len(target))) and matched > best[0]:
            best = (matched, number)
    return best[1]


def _common(a: tuple[str | int, ...], b: tuple[str | int, ...]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
