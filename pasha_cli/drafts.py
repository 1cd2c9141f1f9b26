"""Discover and load drafts: YAML, JSON, or Markdown with YAML front matter.

Drafts from a pull request are untrusted data: YAML is loaded with a safe loader (no tags that
build objects, no aliases, timestamps kept as text), files have a size limit, and every path a
draft names must stay inside the project. Loading returns `Draft | Unreadable`; it never raises.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, NamedTuple

import yaml

from pasha_cli.model import LocalText, Position
from pasha_cli.sourcemap import BodyOrigin, SourceMap, pointer
from pasha_cli.timeutil import DateError, parse_datetime

MAX_DRAFT_BYTES = 1_000_000
DRAFT_SUFFIXES = (".yaml", ".yml", ".json", ".md", ".markdown")


class Draft(NamedTuple):
    path: Path  # absolute
    rel: str  # POSIX path relative to the project root
    fields: dict[str, Any]  # as written, plus `body` from a Markdown text
    body: str | None  # line endings normalised to \n, trailing line breaks dropped
    source: SourceMap
    kind: str = "yaml"  # yaml | json | markdown

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
        value = self.fields.get("status", "draft")
        return value if isinstance(value, str) else "draft"

    @property
    def account(self) -> str | None:
        return self.text("account")


class Unreadable(NamedTuple):
    path: Path
    rel: str
    code: str  # PSH001, or PSH004 for a draft that leads outside the project
    text: LocalText
    position: Position = Position(1, 1)


L = LocalText


class _SafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The C safe loader where available, with YAML timestamps left as text for our own parser."""


_SafeLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Reject(Exception):
    def __init__(self, text: LocalText, line: int = 1, column: int = 1) -> None:
        super().__init__(text.en)
        self.text = text
        self.position = Position(line, column)


def relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def load_draft(path: Path, root: Path) -> Draft | Unreadable:
    rel = relative(path, root)
    try:
        if not path.resolve().is_relative_to(root):
            return Unreadable(path, rel, "PSH004", L(
                "下書きがプロジェクトの外を指しています（シンボリックリンク）", "the draft leads outside the project (symbolic link)"))
        return parse_draft(path, rel, _decode(_read(path)))
    except _Reject as exc:
        return Unreadable(path, rel, "PSH001", exc.text, exc.position)


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
    return Draft(path, rel, fields, _normalise(fields.get("body")), source, "yaml")


def parse_text(path: Path, rel: str, text: str) -> Draft | Unreadable:
    """As load_draft, for text in memory (pasha submit checks its own edit this way)."""
    try:
        return parse_draft(path, rel, text)
    except _Reject as exc:
        return Unreadable(path, rel, "PSH001", exc.text, exc.position)


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_DRAFT_BYTES:
            raise _Reject(L(f"ファイルが大きすぎます（{size:,} バイト、上限 {MAX_DRAFT_BYTES:,}）",
                            f"the file is too large ({size:,} bytes; the limit is {MAX_DRAFT_BYTES:,})"))
        return path.read_bytes()
    except OSError as exc:
        raise _Reject(L(f"ファイルを読めません: {exc.strerror}", f"cannot read the file: {exc.strerror}")) from None


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _Reject(L(
            "UTF-8 ではありません（Shift_JIS などで保存されていませんか？ UTF-8 で保存し直してください）",
            "not UTF-8 (saved as Shift_JIS or similar? save it again as UTF-8)"), line) from None
    if not text.strip():
        raise _Reject(L("ファイルが空です", "the file is empty"))
    return text


def _normalise(body: Any) -> str | None:
    if not isinstance(body, str):
        return None
    return body.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")


def _yaml(text: str, line_offset: int) -> tuple[dict[str, Any], SourceMap]:
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _Reject(L("ファイルが空です", "the file is empty"), line_offset + 1)
        keys: dict[str, Position] = {}
        values: dict[str, Position] = {}
        _walk(node, [], keys, values, line_offset, set(), text)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else line_offset + 1
        column = (mark.column + 1) if mark else 1
        problem = f"{exc.problem or ''} {exc.context or ''}".strip() or str(exc)
        raise _Reject(L(f"YAML の構文エラー: {problem}", f"YAML syntax error: {problem}"), line, column) from None
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: e.g. an integer of 5,000 digits
        raise _Reject(L(f"YAML を読めません: {exc}", f"cannot read the YAML: {exc}"), line_offset + 1) from None
    except RecursionError:
        raise _Reject(L("入れ子が深すぎます", "nested too deeply"), line_offset + 1) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise _Reject(L("項目（キー: 値）の集まりではありません", "not a mapping of fields (key: value)"),
                      node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)
    fields = {str(k): v for k, v in data.items()}
    body_node = next((v for k, v in node.value if k.value == "body"), None) if isinstance(node, yaml.MappingNode) else None
    origin = None
    if isinstance(body_node, yaml.ScalarNode) and body_node.style == "|":
        first = body_node.start_mark.line + 1  # the line after the `|` indicator (0-based)
        lines = text.splitlines()
        content = next((ln for ln in lines[first:] if ln.strip()), "")
        origin = BodyOrigin(first + 1 + line_offset, len(content) - len(content.lstrip(" ")))
    return fields, SourceMap(keys, values, origin)


def _walk(node: yaml.Node, path: list[Any], keys: dict[str, Position], values: dict[str, Position],
          offset: int, seen: set[int], text: str) -> None:
    if id(node) in seen:  # an alias: the composer hands back the anchored node again
        alias = next((t.start_mark for t in yaml.scan(text) if isinstance(t, yaml.AliasToken)), node.start_mark)
        raise _Reject(L("YAML のエイリアス（*名前）は使えません", "YAML aliases (*name) are not allowed"),
                      alias.line + 1 + offset, alias.column + 1)
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        names: set[str] = set()
        for key_node, value_node in node.value:
            name = str(key_node.value)
            if name in names:
                raise _Reject(L(f"項目 `{name}` が2回書かれています", f"the field `{name}` is given twice"),
                              key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1)
            names.add(name)
            here = pointer([*path, name])
            keys[here] = Position(key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1)
            values[here] = Position(value_node.start_mark.line + 1 + offset, value_node.start_mark.column + 1)
            _walk(value_node, [*path, name], keys, values, offset, seen, text)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            here = pointer([*path, index])
            keys[here] = values[here] = Position(item.start_mark.line + 1 + offset, item.start_mark.column + 1)
            _walk(item, [*path, index], keys, values, offset, seen, text)


def _json(path: Path, rel: str, text: str) -> Draft:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise _Reject(L(f"項目 `{key}` が2回書かれています", f"the field `{key}` is given twice"))
            result[key] = value
        return result

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        raise _Reject(L(f"JSON の構文エラー: {exc.msg}", f"JSON syntax error: {exc.msg}"), exc.lineno, exc.colno) from None
    except ValueError as exc:  # e.g. an integer of 5,000 digits
        raise _Reject(L(f"JSON を読めません: {exc}", f"cannot read the JSON: {exc}")) from None
    except RecursionError:
        raise _Reject(L("入れ子が深すぎます", "nested too deeply")) from None
    if not isinstance(data, dict):
        raise _Reject(L("項目（キー: 値）の集まりではありません", "not a mapping of fields (key: value)"))
    try:  # JSON is YAML: reuse the YAML node marks for positions
        _, source = _yaml(text, line_offset=0)
    except _Reject:
        source = SourceMap()
    return Draft(path, rel, data, _normalise(data.get("body")), source, "json")


def _markdown(path: Path, rel: str, text: str) -> Draft:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        raise _Reject(L("先頭に --- で始まる YAML フロントマターがありません",
                        "no YAML front matter: the file must start with a --- line"))
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r\n").rstrip() in ("---", "...")), None)
    if end is None:
        raise _Reject(L("フロントマターの終わりの --- がありません", "the front matter has no closing --- line"))
    front = "".join(lines[1:end])
    if not front.strip():
        raise _Reject(L("フロントマターが空です", "the front matter is empty"), 2)
    fields, source = _yaml(front, line_offset=1)
    rest = lines[end + 1:]
    blank = 0
    while blank < len(rest) and not rest[blank].strip("\r\n"):
        blank += 1
    body = _normalise("".join(rest[blank:]))
    body_line = end + 2 + blank
    if "body" in fields:
        raise _Reject(L("本文がフロントマターの body と本文の両方にあります（どちらか一方に）",
                        "the body is given twice: as `body` in the front matter and as the text (keep one)"),
                      source.key("/body").line)
    fields = {**fields, "body": body}
    keys = {**source.keys, "/body": Position(min(body_line, len(lines) + 1), 1)}
    return Draft(path, rel, fields, body, SourceMap(keys, keys, BodyOrigin(body_line, 0)), "markdown")


def resolve_inside(base: Path, name: str, root: Path) -> tuple[Path | None, str]:
    """Resolve a path a file names. Returns (path, "") or (None, why): absolute | outside | missing."""
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() or PureWindowsPath(name).drive:
        return None, "absolute"
    candidate = (base / name).resolve()
    if not candidate.is_relative_to(root):
        return None, "outside"
    if not candidate.is_file():
        return None, "missing"
    return candidate, ""


def discover(root: Path, patterns: tuple[str, ...]) -> list[Path]:
    """Every file matching the config's draft patterns, in a stable order (config.py checks the patterns)."""
    return sorted({path.absolute() for pattern in patterns for path in _drafts_matching(root, pattern)})


def matches_a_draft(root: Path, pattern: str) -> bool:
    """Whether a pattern matches at least one draft file (the walk stops at the first)."""
    return next(_drafts_matching(root, pattern), None) is not None


def _drafts_matching(root: Path, pattern: str) -> Iterator[Path]:
    try:
        for path in root.glob(pattern):
            if path.suffix.lower() in DRAFT_SUFFIXES and path.is_file():
                yield path
    except (ValueError, OSError):  # a pattern the config check let through, a folder that went away
        return
