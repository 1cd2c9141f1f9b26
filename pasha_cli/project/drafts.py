"""Discover and load drafts: YAML, JSON, or Markdown with YAML front matter.

Drafts from a pull request are untrusted data: YAML is loaded with a safe loader (no tags that
build objects, no aliases, timestamps kept as text), files have a size limit, and every path a
draft names must stay inside the project. Loading returns `Draft | Unreadable`; it never raises.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pasha_cli.characters import physical_lines
from pasha_cli.i18n import t
from pasha_cli.model import DRAFT, DRAFT_SUFFIXES, STATUSES, LocalText, Position
from pasha_cli.project.bodymap import JSON, MARKDOWN, BodySource, yaml_style
from pasha_cli.project.globbing import matching
from pasha_cli.project.locate import within
from pasha_cli.project.schema_check import load_schema
from pasha_cli.project.sourcemap import SourceMap, Written, pointer
from pasha_cli.timeutil import DateError, parse_datetime

if TYPE_CHECKING:  # PyYAML is imported where a draft is parsed: `pasha rules` and the hook need none
    import yaml

MAX_DRAFT_BYTES = 1_000_000


class Draft(NamedTuple):
    # the absolute path, as a string: most drafts of a run on one file come from the index and are
    # never opened, and a Path for each was a large part of such a run (`path` makes one on use)
    file: str
    rel: str  # POSIX path relative to the project root
    fields: dict[str, Any]  # as written, plus `body` from a Markdown text
    body: str | None  # line endings normalised to \n, trailing line breaks dropped
    source: SourceMap
    kind: str = "yaml"  # yaml | json | markdown
    # True: only the fields other drafts' findings and a run's scope read, from the index (index.py);
    # such a draft is never reported on (the engine loads every draft it reports on in full)
    partial: bool = False

    @property
    def path(self) -> Path:
        """The draft's file (absolute)."""
        return Path(self.file)

    def text(self, name: str) -> str | None:
        """A field's value when it is a non-empty string (wrong types are PSH002's business)."""
        value = self.fields.get(name)
        return value if isinstance(value, str) and value else None

    def time(self, name: str) -> datetime | None:
        """A date field parsed by the one strict parser; None when absent or unreadable (PSH002's)."""
        value = self.text(name)
        if value is None:
            return None
        try:
            return parse_datetime(value)
        except DateError:
            return None

    @property
    def status(self) -> str:
        """The status as written when it is one of STATUSES; anything else (`Draft`, 3) counts as a
        draft: checked in full and counted toward the quota, as PSH002 reports the value itself."""
        value = self.fields.get("status", DRAFT)
        return value if value in STATUSES else DRAFT

    @property
    def account(self) -> str | None:
        return self.text("account")

    @property
    def id(self) -> str | None:
        """The draft's `id` when it is one by the schema (a malformed one is PSH002's): its identity in
        the calendar feed, kept when the file moves. None without one."""
        value = self.text("id")
        return value if value is not None and draft_id_pattern().fullmatch(value) else None


@cache
def draft_id_pattern() -> re.Pattern[str]:
    """The `id` pattern of schemas/post.schema.json, the one definition of the format."""

    return re.compile(load_schema("post.schema.json")["properties"]["id"]["pattern"])


class Unreadable(NamedTuple):
    path: Path
    rel: str
    code: str  # PSH001, or PSH004 for a draft that leads outside the project
    text: LocalText
    position: Position = Position(1, 1)


L = LocalText


@cache
def _safe_loader() -> type[yaml.SafeLoader]:
    """The C safe loader where available, with YAML timestamps left as text for our own parser."""
    import yaml

    class SafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    SafeLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return SafeLoader


class _Reject(Exception):
    def __init__(self, text: LocalText, line: int = 1, column: int = 1) -> None:
        super().__init__(text.en)
        self.text = text
        self.position = Position(line, column)


def relative(path: Path, root: Path) -> str:
    text, base = str(path), str(root).rstrip(os.sep) + os.sep
    if text.startswith(base) and os.sep == "/":  # most paths: no pathlib parsing (a run asks for every draft's)
        return text[len(base) :]
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def load_draft(path: Path, root: Path, real: Callable[[str], str] = os.path.realpath) -> Draft | Unreadable:
    """`real`: os.path.realpath, or a run's locate.RealPaths (each folder resolved once)."""
    rel = relative(path, root)
    try:
        if not leads_inside(path, root, real):
            return Unreadable(
                path,
                rel,
                "PSH004",
                t("draft-outside"),
            )
        return parse_draft(path, rel, _decode(_read(path)))
    except _Reject as exc:
        return Unreadable(path, rel, "PSH001", exc.text, exc.position)
    except (OSError, RuntimeError) as exc:  # a symbolic-link loop, a name the system refuses
        return Unreadable(path, rel, "PSH001", t("draft-unreadable", reason=exc))


def leads_inside(path: Path | str, root: Path, real: Callable[[str], str] = os.path.realpath) -> bool:
    """Whether the draft's file, its links followed, lies in the project (PSH004 otherwise)."""
    return within(real(os.fspath(path)), root)


def kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    return "markdown" if suffix in (".md", ".markdown") else "json" if suffix == ".json" else "yaml"


def parse_draft(path: Path, rel: str, text: str) -> Draft:
    """A draft from its text; the format follows the file name. Raises _Reject (see parse_text)."""
    kind = kind_of(path)
    if kind == "markdown":
        return _markdown(path, rel, text)
    if kind == "json":
        return _json(path, rel, text)
    fields, source = _yaml(text, line_offset=0)
    _no_surrogates(fields, source)
    return Draft(str(path), rel, fields, _normalise(fields.get("body")), source, "yaml")


def parse_text(path: Path, rel: str, text: str) -> Draft | Unreadable:
    """As load_draft, for text in memory (pasha submit checks its own edit this way)."""
    try:
        return parse_draft(path, rel, text)
    except _Reject as exc:
        return Unreadable(path, rel, "PSH001", exc.text, exc.position)


def _read(path: Path) -> bytes:
    """At most MAX_DRAFT_BYTES of a regular file. Opened without blocking and checked on the
    descriptor: a draft that is a link to a FIFO waited for a writer forever, and one that grew
    after its size was seen was read whole. Read with os.read: a buffered read of the limit
    allocates the whole megabyte for every draft."""
    try:
        fd = os.open(
            path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
        )
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise _Reject(t("draft-not-regular"))
            chunks: list[bytes] = []
            left = MAX_DRAFT_BYTES + 1 if info.st_size <= MAX_DRAFT_BYTES else 0
            while left > 0:
                chunk = os.read(fd, min(left, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
            raw = b"".join(chunks)
        finally:
            os.close(fd)
    except OSError as exc:
        raise _Reject(t("draft-unreadable", reason=exc.strerror)) from None
    size = max(info.st_size, len(raw))
    if size > MAX_DRAFT_BYTES:
        raise _Reject(t("draft-too-large", size=size, limit=MAX_DRAFT_BYTES))
    return raw


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _Reject(
            t("not-utf8"),
            line,
        ) from None
    if not text.strip():
        raise _Reject(t("draft-empty"))
    return text


def _normalise(body: Any) -> str | None:
    if not isinstance(body, str):
        return None
    return body.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")


# PyYAML (YAML 1.1) ends a line at NEL, LS and PS; editors, GitHub, js-yaml and the YAML language
# server (YAML 1.2) do not. A lone CR ends a line for PyYAML while a terminal's `git diff` shows the
# text after it written over the start of the line. Either way a reviewer and pasha would read
# different fields ("status: published" hidden on the body's line), so such a file is refused.
_AMBIGUOUS_BREAK = re.compile("[\x85\u2028\u2029]|\r(?!\n)")
_BREAK_NAMES = {
    "\x85": "U+0085 NEXT LINE",
    "\u2028": "U+2028 LINE SEPARATOR",
    "\u2029": "U+2029 PARAGRAPH SEPARATOR",
    "\r": "CR (a carriage return without a line feed)",
}


def _ambiguous_breaks(text: str, line_offset: int) -> None:
    found = _AMBIGUOUS_BREAK.search(text)
    if found is None:
        return
    before = text[: found.start()]
    line = before.count("\n") + 1 + line_offset
    column = found.start() - (before.rfind("\n") + 1) + 1
    name = _BREAK_NAMES[found.group()]
    raise _Reject(
        t("draft-ambiguous-break", name=name),
        line,
        column,
    )


def _no_surrogates(fields: dict[str, Any], source: SourceMap) -> None:
    """A lone surrogate (JSON "\\ud800", YAML "\\ud800") is no character: no file, terminal or
    encoder can hold it, so it is refused at the door with the field it is in."""

    def walk(value: Any, path: list[Any]) -> None:
        if isinstance(value, str):
            if _SURROGATE.search(value):
                where = source.value(pointer(path)) if path else Position(1, 1)
                raise _Reject(
                    t("draft-lone-surrogate", field=".".join(map(str, path)) or "-"),
                    where.line,
                    where.column,
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(str(key), path)
                walk(item, [*path, key])
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, [*path, index])

    walk(fields, [])


_SURROGATE = re.compile("[\ud800-\udfff]")


# `%YAML 1.2` promises YAML 1.2 (where `off` and `1:30` are text) to editors and js-yaml, while
# PyYAML reads 1.1 whatever the directive says; `%TAG` renames tags. Neither is needed in a draft.
_DIRECTIVE = re.compile(r"^%", re.MULTILINE)


# libyaml's composer recurses in C for each level of nesting and crashes the process (a segmentation
# fault: no report, no exit code of ours) some tens of thousands of levels down, fewer on a small stack;
# pasha's own walk refuses far shallower drafts anyway. A draft that could nest deeper than this is
# refused before it is composed. No readable post comes near: the body alone holds 2,000 characters.
MAX_NESTING = 2_000
_FLOW = re.compile(r"[\[\]{}]")
_BLOCK_INDICATORS = re.compile(r"^[ \t]*((?:[-?][ \t]+)+)", re.MULTILINE)


def _too_deep(text: str) -> bool:
    """Whether `text` may nest deeper than MAX_NESTING: its deepest run of flow brackets plus its
    longest run of block indicators (`- - - x`) on a line; an upper bound, counted in linear time."""
    if sum(text.count(ch) for ch in "[{-?") <= MAX_NESTING:
        return False
    depth = deepest = 0
    for bracket in _FLOW.finditer(text):
        depth = depth + 1 if bracket.group() in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    block = max((m[1].count("-") + m[1].count("?") for m in _BLOCK_INDICATORS.finditer(text)), default=0)
    return deepest + block > MAX_NESTING


def _yaml(text: str, line_offset: int) -> tuple[dict[str, Any], SourceMap]:
    import yaml

    _ambiguous_breaks(text, line_offset)
    if _too_deep(text):
        raise _Reject(t("draft-too-deep"), line_offset + 1)
    directive = _DIRECTIVE.search(text)
    if directive is not None:
        line = text.count("\n", 0, directive.start()) + 1 + line_offset
        raise _Reject(
            t("draft-yaml-directive"),
            line,
        )
    loader = _safe_loader()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _Reject(t("draft-empty"), line_offset + 1)
        keys: dict[str, Position] = {}
        values: dict[str, Position] = {}
        _walk(node, "", keys, values, line_offset, set(), text)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else line_offset + 1
        column = (mark.column + 1) if mark else 1
        problem = f"{exc.problem or ''} {exc.context or ''}".strip() or str(exc)
        raise _Reject(t("draft-yaml-syntax", problem=problem), line, column) from None
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: e.g. an integer of 5,000 digits
        raise _Reject(t("draft-yaml-unreadable", reason=exc), line_offset + 1) from None
    except RecursionError:
        raise _Reject(t("draft-too-deep"), line_offset + 1) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise _Reject(
            t("draft-not-mapping"),
            node.start_mark.line + 1 + line_offset,
            node.start_mark.column + 1,
        )
    fields = {str(k): v for k, v in data.items()}
    body = None
    if isinstance(fields.get("body"), str) and isinstance(node, yaml.MappingNode):
        key_node, body_node = next(((k, v) for k, v in node.value if k.value == "body"), (None, None))
        if key_node is not None and isinstance(body_node, yaml.ScalarNode):
            start, end = body_node.start_mark.index, body_node.end_mark.index
            style = yaml_style(body_node.style)
            body = BodySource.of(text, style, start, end, fields["body"], line_offset, key_node.start_mark.column)
    return fields, SourceMap(keys, values, Written.of(text, line_offset), body)


def _walk(
    node: yaml.Node,
    here: str,
    keys: dict[str, Position],
    values: dict[str, Position],
    offset: int,
    seen: set[int],
    text: str,
) -> None:
    import yaml

    if id(node) in seen:  # an alias: the composer hands back the anchored node again
        alias = next((t.start_mark for t in yaml.scan(text) if isinstance(t, yaml.AliasToken)), node.start_mark)
        raise _Reject(
            t("draft-yaml-alias"),
            alias.line + 1 + offset,
            alias.column + 1,
        )
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        names: set[str] = set()
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":  # `<<:` folds another mapping's fields in, unseen
                raise _Reject(
                    t("draft-yaml-merge-key"),
                    key_node.start_mark.line + 1 + offset,
                    key_node.start_mark.column + 1,
                )
            name = str(key_node.value)
            if name in names:
                raise _Reject(
                    t("draft-field-twice", field=name),
                    key_node.start_mark.line + 1 + offset,
                    key_node.start_mark.column + 1,
                )
            names.add(name)
            child = here + pointer([name])
            if here.count("/") < _POSITION_DEPTH:
                keys[child] = Position(key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1)
                values[child] = Position(value_node.start_mark.line + 1 + offset, value_node.start_mark.column + 1)
            _walk(value_node, child, keys, values, offset, seen, text)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = f"{here}/{index}"
            if here.count("/") < _POSITION_DEPTH:
                keys[child] = values[child] = Position(item.start_mark.line + 1 + offset, item.start_mark.column + 1)
            _walk(item, child, keys, values, offset, seen, text)


# Positions are kept this many levels down; deeper a finding names its nearest kept parent (no
# field pasha reads is that deep). One pointer a node, each as long as its depth: without a bound a
# deeply nested draft costs the square of its depth in time and memory.
_POSITION_DEPTH = 16


def _json(path: Path, rel: str, text: str) -> Draft:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise _Reject(t("draft-field-twice", field=key))
            result[key] = value
        return result

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        raise _Reject(t("draft-json-syntax", problem=exc.msg), exc.lineno, exc.colno) from None
    except ValueError as exc:  # e.g. an integer of 5,000 digits
        raise _Reject(t("draft-json-unreadable", reason=exc)) from None
    except RecursionError:
        raise _Reject(t("draft-too-deep")) from None
    if not isinstance(data, dict):
        raise _Reject(t("draft-not-mapping"))
    try:  # JSON is YAML: reuse the YAML node marks for positions
        _, source = _yaml(text, line_offset=0)
    except _Reject:
        source = SourceMap()
    if isinstance(data.get("body"), str):  # YAML's \u escapes read a surrogate pair as two characters
        source = source._replace(body=BodySource.of(text, JSON, -1, -1, data["body"]))
    _no_surrogates(data, source)
    return Draft(str(path), rel, data, _normalise(data.get("body")), source, "json")


def _markdown(path: Path, rel: str, text: str) -> Draft:
    lines = physical_lines(text)
    if not lines or not _fence(lines[0], ("---",)):
        raise _Reject(t("draft-no-front-matter"))
    end = front_matter_end(lines)
    if end is None:
        raise _Reject(t("draft-front-matter-open"))
    front = "".join(lines[1:end])
    if not front.strip():
        raise _Reject(t("draft-front-matter-empty"), 2)
    fields, source = _yaml(front, line_offset=1)
    _no_surrogates(fields, source)
    rest = lines[end + 1 :]
    blank = 0
    while blank < len(rest) and not rest[blank].strip("\r\n"):
        blank += 1
    body = _normalise("".join(rest[blank:]))
    body_line = end + 2 + blank
    if "body" in fields:
        raise _Reject(
            t("draft-body-twice"),
            source.key("/body").line,
        )
    fields = {**fields, "body": body}
    keys = {**source.keys, "/body": Position(min(body_line, len(lines) + 1), 1)}
    start = sum(len(line) for line in lines[: end + 1 + blank])
    written = BodySource.of(text, MARKDOWN, start, len(text), text[start:])
    return Draft(str(path), rel, fields, body, SourceMap(keys, keys, source.written, written), "markdown")


def _fence(line: str, marks: tuple[str, ...]) -> bool:
    return line.rstrip("\r\n").rstrip(" \t") in marks  # ASCII blanks only, as Jekyll and GitHub


def front_matter_end(lines: list[str]) -> int | None:
    """The index of the `---` (or `...`) line that closes the front matter opened by lines[0], if any
    (pasha submit edits the same lines that are read)."""
    return next((i for i in range(1, len(lines)) if _fence(lines[i], ("---", "..."))), None)


def discover(root: Path, patterns: tuple[str, ...]) -> list[Path]:
    """Every file matching the config's draft patterns, in a stable order (config.py checks the patterns)."""
    return [Path(path) for path, _ in draft_files(root, patterns)]


def draft_files(root: Path, patterns: tuple[str, ...]) -> list[tuple[str, os.stat_result]]:
    """discover's files as absolute path strings, each with its lstat: the draft index makes its
    stamp from it, so that a large project's drafts are listed and looked at once a run."""
    found: dict[str, os.stat_result] = {}
    for pattern in patterns:
        for path, info in _drafts_matching(root.absolute(), pattern):
            found.setdefault(path, info)
    # Path's order (by parts): the separator sorts before any character a name can hold
    return sorted(found.items(), key=lambda item: item[0].replace(os.sep, "\0"))


def matches_a_draft(root: Path, pattern: str) -> bool:
    """Whether a pattern matches at least one draft file (the walk stops at the first)."""
    return next(_drafts_matching(root, pattern), None) is not None


def _drafts_matching(root: Path, pattern: str) -> Iterator[tuple[str, os.stat_result]]:
    try:
        for path in matching(str(root), pattern):
            # a symbolic link that leads nowhere (a loop, a missing or outside target) is still a
            # draft a reviewer sees: it loads as PSH001/PSH004 instead of being skipped unseen
            if _is_draft_name(path):
                info = _file_or_link(path)
                if info is not None:
                    yield path, info
    except (ValueError, OSError):  # a pattern the config check let through, a folder that went away
        return


def _file_or_link(path: str) -> os.stat_result | None:
    """The lstat of a regular file or a symbolic link (whatever it leads to: a link to a file is a file)."""
    try:
        info = os.lstat(path)
    except (OSError, ValueError):
        return None
    return info if stat.S_ISLNK(info.st_mode) or stat.S_ISREG(info.st_mode) else None


def _is_draft_name(path: str) -> bool:
    """Whether the path's suffix (as Path's, any case) is a draft's: str.endswith for the usual
    lower-case names, the suffix itself for the others."""
    if path.endswith(DRAFT_SUFFIXES):
        return path[path.rfind(".") - 1] != os.sep  # `.yaml` alone is a hidden name with no suffix
    return _suffix(path) in DRAFT_SUFFIXES


def _suffix(path: str) -> str:
    """Path(path).suffix.lower(), without the Path."""
    name = path.rpartition(os.sep)[2]
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""
