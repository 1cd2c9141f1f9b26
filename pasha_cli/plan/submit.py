"""`pasha submit`: record in the draft that it was set up — `status: submitted` and `submitted_at`.

The edit is a splice. The parser's own positions (PyYAML's event marks; for JSON the json module's
scanner) locate the top-level `status` and `submitted_at` values, or the end of the entry a new one
goes after; only those characters change, and a new entry copies its neighbour's layout (indent,
separator, quotes, line ending). The result must read back with every other field identical and
fit the draft size limit. It is written over the real file (a symbolic link stays a link), under a
lock, and only while the file is still what was validated. What cannot be spliced safely (a YAML
anchor, tag or block scalar on those fields) is refused, saying why and what to write by hand.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
from collections.abc import Iterator
from datetime import datetime
from json.scanner import make_scanner
from pathlib import Path
from typing import Any, NamedTuple

from pasha_cli import engine  # called through the module: a test changes the file inside engine.validate
from pasha_cli.atomic import write_atomic
from pasha_cli.characters import physical_lines
from pasha_cli.i18n import t
from pasha_cli.model import SUBMITTED, UNSUBMITTED, LocalText, Severity
from pasha_cli.project.config import Config
from pasha_cli.project.drafts import MAX_DRAFT_BYTES, Draft, front_matter_end, parse_text
from pasha_cli.project.locate import real_path
from pasha_cli.timeutil import MINUTE_FORMAT

BOM = b"\xef\xbb\xbf"
STATUS_AFTER = ("publish_at", "account")  # where a missing `status` goes; a missing `submitted_at` follows it
_BREAK = re.compile(r"\r\n|\r|\n")
_LOCK_ATTEMPTS = 100  # each a rename by another process between our open and our lock
_NO_LOCKS = (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP)  # flock where the file system has none


class EditError(Exception):
    def __init__(self, text: LocalText) -> None:
        super().__init__(text.en)
        self.text = text


class Changed(EditError):
    """The file is no longer the one that was validated."""


class Entry(NamedTuple):
    """One top-level `key: value`, as offsets into the whole text (value_end is exclusive)."""

    key: str | None  # None: a key that is not a scalar
    key_start: int
    key_end: int
    value_start: int
    value_end: int
    key_style: str  # '' plain, "'" or '"'
    value_style: str | None  # '' plain, "'", '"', '|', '>'; None: a collection or an alias
    decorated: bool  # the key or the value carries a YAML anchor or tag


class Layout(NamedTuple):
    """The top-level mapping as the parser saw it."""

    flow: bool  # {...} (JSON, a YAML flow mapping), else block (key: value lines)
    start: int  # its first character: `{`, or the first key of a block mapping
    entries: tuple[Entry, ...]
    json: bool = False


def edit_text(kind: str, text: str, stamp: str) -> str:
    """The text with `status: submitted` and `submitted_at: stamp` set. Raises EditError."""
    text = _set(kind, text, "status", SUBMITTED, STATUS_AFTER)
    return _set(kind, text, "submitted_at", stamp, ("status",))


def _set(kind: str, text: str, key: str, value: str, after: tuple[str, ...]) -> str:
    layout = layout_of(kind, text)
    found = _entry(layout, key)
    if found is not None:
        return _replace(text, layout, found, key, value)
    present = (_entry(layout, name) for name in after)
    anchor = next((e for e in present if e is not None), layout.entries[-1] if layout.entries else None)
    if anchor is None:
        raise EditError(t("submit-why-not-mapping"))
    return _insert(text, layout, anchor, key, value)


def _entry(layout: Layout, key: str) -> Entry | None:
    return next((e for e in layout.entries if e.key == key), None)


def _replace(text: str, layout: Layout, entry: Entry, key: str, value: str) -> str:
    if entry.decorated:
        raise EditError(t("submit-why-decorated", field=key, value=value))
    if entry.value_style is None or entry.value_style in ("|", ">"):
        raise EditError(t("submit-why-shape", field=key, value=value))
    new = _scalar(value, entry.value_style, layout.json)
    if entry.value_start == entry.value_end:  # `status:` with nothing after the colon
        new = " " + new
    return text[: entry.value_start] + new + text[entry.value_end :]


def _insert(text: str, layout: Layout, anchor: Entry, key: str, value: str) -> str:
    """A new entry after `anchor`, laid out as `anchor` is."""
    quotes = ("'", '"')
    separator = text[anchor.key_end : anchor.value_start]
    if not re.fullmatch(r"[ \t]*:[ \t]*" if layout.json else r"[ \t]*:[ \t]+", separator):
        separator = ": "  # the value began on the next line, or after a comment
    entry = (
        _scalar(key, anchor.key_style if anchor.key_style in quotes else "", layout.json)
        + separator
        + _scalar(value, anchor.value_style if anchor.value_style in quotes else "", layout.json)
    )
    if layout.flow:
        at = anchor.value_end
        return text[:at] + _flow_gap(text, layout, anchor) + entry + text[at:]
    found = _BREAK.search(text, anchor.key_start) or _BREAK.search(text)  # its line's, else the file's first
    newline = found.group() if found else "\n"
    line = " " * (layout.start - _line_start(text, layout.start)) + entry
    end = anchor.value_end
    if not text[_line_start(text, end) : end].strip(" \t"):
        at = _line_start(text, end)  # a block value ends where the next line starts
    else:
        following = _BREAK.search(text, end)  # after the comment that may end the value's line
        if following is None:  # the last line, without a line break: the file keeps ending without one
            return text + newline + line
        at = following.end()
    return text[:at] + line + newline + text[at:]


def _flow_gap(text: str, layout: Layout, anchor: Entry) -> str:
    """What goes between two entries of a flow mapping (`, `, `,\\n    `, `\\n, `), as the file has it."""
    entries = layout.entries
    index = entries.index(anchor)
    later = index if index > 0 else 1
    if later < len(entries):
        gap = text[entries[later - 1].value_end : entries[later].key_start]
    else:  # the only entry: the space after `{` (`{"a": 1}`, or a line break and an indent)
        gap = "," + text[layout.start + 1 : entries[0].key_start]
    return re.sub(r"[ \t]*#[^\r\n]*", "", gap)  # a YAML comment stays with its own entry


def _line_start(text: str, index: int) -> int:
    return max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1


def _scalar(value: str, style: str, is_json: bool) -> str:
    """A key or value (plain ASCII with no quotes or escapes) in the given style."""
    if is_json:
        return json.dumps(value, ensure_ascii=False)
    return style + value + style if style in ("'", '"') else value


def layout_of(kind: str, text: str) -> Layout:
    """The top-level mapping of a draft's text (without its BOM). Raises EditError."""
    if kind == "json":
        return _json_layout(text)
    if kind == "markdown":
        lines = physical_lines(text)
        end = front_matter_end(lines)
        if end is None:
            raise EditError(t("submit-why-unreadable"))
        return _yaml_layout(text, len(lines[0]), sum(map(len, lines[:end])))
    return _yaml_layout(text, 0, len(text))


def _yaml_layout(text: str, start: int, end: int) -> Layout:
    """The YAML mapping in text[start:end] from the parser's events; offsets into `text`."""
    import yaml

    try:
        events: list[Any] = list(yaml.parse(text[start:end], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except yaml.YAMLError:
        raise EditError(t("submit-why-unreadable")) from None
    if sum(isinstance(e, yaml.DocumentStartEvent) for e in events) != 1:
        raise EditError(t("submit-why-documents"))
    if len(events) < 3 or not isinstance(events[2], yaml.MappingStartEvent):
        raise EditError(t("submit-why-not-mapping"))
    entries = []
    index = 3
    while not isinstance(events[index], yaml.MappingEndEvent):
        key, value_at = events[index], _skip(events, index)
        value, after = events[value_at], _skip(events, value_at)
        scalar_key = isinstance(key, yaml.ScalarEvent)
        entries.append(
            Entry(
                key.value if scalar_key else None,
                start + key.start_mark.index,
                start + events[value_at - 1].end_mark.index,
                start + value.start_mark.index,
                start + events[after - 1].end_mark.index,
                (key.style or "") if scalar_key else "",
                (value.style or "") if isinstance(value, yaml.ScalarEvent) else None,
                _decorated(key) or _decorated(value),
            )
        )
        index = after
    opening: Any = events[2]  # a parser's event: its marks are always set
    return Layout(bool(opening.flow_style), start + opening.start_mark.index, tuple(entries))


def _skip(events: list[Any], index: int) -> int:
    """The index after the node that starts at events[index]."""
    import yaml

    depth = 0
    while True:
        event = events[index]
        index += 1
        depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
        if depth == 0:
            return index


def _decorated(event: Any) -> bool:
    return getattr(event, "anchor", None) is not None or getattr(event, "tag", None) is not None


def _json_layout(text: str) -> Layout:
    """The JSON object's members, located with the json module's own scanner."""
    space = re.compile(r"[ \t\n\r]*")  # JSON's whitespace, as json.decoder has it
    scan = make_scanner(json.JSONDecoder())  # type: ignore[arg-type]  # typeshed types it as a class of itself
    entries = []
    try:
        start = space.match(text).end()  # type: ignore[union-attr]
        if text[start] != "{":
            raise EditError(t("submit-why-not-mapping"))
        at = space.match(text, start + 1).end()  # type: ignore[union-attr]
        while text[at] != "}":
            key, key_end = scan(text, at)
            colon = space.match(text, key_end).end()  # type: ignore[union-attr]
            value_start = space.match(text, colon + 1).end()  # type: ignore[union-attr]
            _, value_end = scan(text, value_start)
            entries.append(
                Entry(
                    key if text[at] == '"' else None,
                    at,
                    key_end,
                    value_start,
                    value_end,
                    '"',
                    None if text[value_start] in "[{" else '"',
                    False,
                )
            )
            at = space.match(text, value_end).end()  # type: ignore[union-attr]
            if text[at] == ",":
                at = space.match(text, at + 1).end()  # type: ignore[union-attr]
    except (StopIteration, ValueError, IndexError):
        raise EditError(t("submit-why-unreadable")) from None
    return Layout(True, start, tuple(entries), json=True)


def check_edit(before: Draft, after: Draft | object, stamp: str) -> None:
    """The edit changed exactly status and submitted_at, and the draft still reads. Raises EditError."""
    if not isinstance(after, Draft):
        raise EditError(t("submit-why-unreadable"))
    expected = {**before.fields, "status": SUBMITTED, "submitted_at": stamp}
    if after.fields != expected:
        changed = sorted(k for k in set(expected) | set(after.fields) if expected.get(k) != after.fields.get(k))
        raise EditError(t("submit-why-changes", fields=", ".join(changed), stamp=stamp))


def edited(draft: Draft, raw: bytes, stamp: str) -> bytes:
    """The file's new bytes: `raw` (what `draft` was read from) with only the spliced characters changed."""
    bom = BOM if raw.startswith(BOM) else b""
    text = edit_text(draft.kind, raw[len(bom) :].decode("utf-8"), stamp)
    data = bom + text.encode("utf-8")
    if len(data) > MAX_DRAFT_BYTES:  # the next validation would refuse the file (drafts.py's limit)
        raise EditError(t("submit-why-too-large", size=len(data), limit=MAX_DRAFT_BYTES))
    check_edit(draft, parse_text(draft.path, draft.rel, text), stamp)
    return data


class Outcome(NamedTuple):
    text: LocalText
    ok: bool  # recorded, or nothing to do
    failed: bool  # counts toward exit 1
    report: Any = None  # the findings that stopped it
    write_error: bool = False  # the disk refused: exit 2


def record(config: Config, paths: list[Path], now: datetime) -> list[Outcome]:
    """Validate, then record each clean draft as submitted at `now` (atomically, checked edit)."""
    loaded = {real_path(item.path): item for item in engine.load_project(config)}
    report = engine.validate(config, now, paths, loaded=list(loaded.values()))
    outcomes = []
    stamp = now.strftime(MINUTE_FORMAT)
    for path in paths:
        draft = loaded.get(real_path(path))
        if not isinstance(draft, Draft):
            outcomes.append(Outcome(t("submit-not-draft", path=str(path)), False, True))
            continue
        errors = tuple(f for f in report.findings if f.path == draft.rel and f.severity is Severity.ERROR)
        if errors:
            outcomes.append(
                Outcome(t("submit-refused", path=draft.rel), False, True, report._replace(findings=errors, files=1))
            )
            continue
        if draft.status not in UNSUBMITTED:
            outcomes.append(
                Outcome(t("submit-status", path=draft.rel, status=draft.status), False, draft.status != SUBMITTED)
            )
            continue
        outcomes.append(_record_one(config.root, draft, stamp))
    return outcomes


def _record_one(root: Path, draft: Draft, stamp: str) -> Outcome:
    """Edit the real file of a validated draft, under the lock, if it still holds what was validated."""
    target = real_path(draft.path)  # a symbolic link is followed to the file it names, and kept
    try:
        if not target.is_relative_to(root):  # the link changed since it was checked
            raise EditError(t("submit-why-outside"))
        with _locked(target, draft.rel) as raw:
            fresh = _reread(draft, raw)
            if fresh is not None and fresh.status not in UNSUBMITTED:  # e.g. another `pasha submit` came first
                return Outcome(
                    t("submit-status", path=draft.rel, status=fresh.status), False, fresh.status != SUBMITTED
                )
            if fresh is None or fresh.fields != draft.fields:
                raise Changed(t("submit-changed", path=draft.rel))
            data = edited(fresh, raw, stamp)
            write_atomic(target, data, verify=lambda _: _unchanged(target, raw, draft.rel))
    except Changed as exc:
        return Outcome(exc.text, False, True)
    except EditError as exc:
        return Outcome(t("submit-edit-failed", path=draft.rel, reason=exc.text), False, True)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in a resolved name
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return Outcome(t("output-failed", path=str(target), reason=reason), False, True, write_error=True)
    return Outcome(t("submit-done", path=draft.rel, stamp=stamp), True, False)


def _reread(draft: Draft, raw: bytes) -> Draft | None:
    """The draft as read from `raw` now, or None when it no longer reads."""
    try:
        text = raw[len(BOM) :].decode("utf-8") if raw.startswith(BOM) else raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    fresh = parse_text(draft.path, draft.rel, text) if len(raw) <= MAX_DRAFT_BYTES and text.strip() else None
    return fresh if isinstance(fresh, Draft) else None


def _unchanged(path: Path, raw: bytes, rel: str) -> None:
    """Just before the rename: the file still holds what the edit was made from (an editor may have
    saved meanwhile; a lock binds only other `pasha submit`s)."""
    with path.open("rb") as handle:
        if handle.read(len(raw) + 1) != raw:
            raise Changed(t("submit-changed", path=rel))


@contextlib.contextmanager
def _locked(path: Path, rel: str) -> Iterator[bytes]:
    """The file's bytes, read under an exclusive lock (POSIX flock) held until the block ends, so that
    two `pasha submit`s of one file take turns and the second reads what the first wrote.

    Without fcntl (Windows) there is no lock, and the file is closed at once (an open file cannot be
    renamed over there): _unchanged's check just before the rename then narrows the race to the
    moment between that check and the rename."""
    try:
        import fcntl
    except ImportError:
        with path.open("rb") as handle:
            _check_file(os.fstat(handle.fileno()))
            raw = handle.read(MAX_DRAFT_BYTES + 1)
        yield raw
        return
    descriptor = _open_locked(path, rel, fcntl)
    try:
        with os.fdopen(os.dup(descriptor), "rb") as handle:
            raw = handle.read(MAX_DRAFT_BYTES + 1)
        yield raw
    finally:
        os.close(descriptor)


def _open_locked(path: Path, rel: str, fcntl: Any) -> int:
    """A descriptor of the file `path` names, locked. The rename replaces the file: a waiter may wake
    holding the old one, so it opens again until what it locked is what the name leads to. A file
    system without locks (some network and FUSE mounts) leaves the re-read checks alone on guard."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK  # no FIFO may block us, no link swapped in
    for _ in range(_LOCK_ATTEMPTS):
        descriptor = os.open(path, flags)
        try:
            info = os.fstat(descriptor)
            _check_file(info)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX)
            except OSError as exc:
                if exc.errno not in _NO_LOCKS:
                    raise
            now = os.stat(path, follow_symlinks=False)
        except BaseException:
            os.close(descriptor)
            raise
        if (now.st_dev, now.st_ino) == (info.st_dev, info.st_ino):
            return descriptor
        os.close(descriptor)
    raise Changed(t("submit-changed", path=rel))


def _check_file(info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise EditError(t("submit-why-not-file"))
    if info.st_nlink > 1:  # the rename would leave the other names with the old text
        raise EditError(t("submit-why-hard-links"))
