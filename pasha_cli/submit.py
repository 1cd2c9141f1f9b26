"""`pasha submit`: record in the draft that it was set up — `status: submitted` and `submitted_at` —
changing those lines only: comments, order, quoting and line endings stay as the user wrote them.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from pasha_cli.config import Config
from pasha_cli.drafts import Draft
from pasha_cli.i18n import t
from pasha_cli.model import LocalText
from pasha_cli.projectfile import real_path
from pasha_cli.text import physical_lines


class EditError(Exception):
    pass


def _line_ending(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def edit_yaml(text: str, stamp: str, front_matter: bool) -> str:
    """Set the top-level `status` and `submitted_at` lines (inserting them after `publish_at` when
    absent); every other line stays byte for byte."""
    lines = physical_lines(text)
    first, end = 0, len(lines)
    if front_matter:
        first = 1
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip("\r\n").rstrip(" \t") in ("---", "..."))
    newline = _line_ending(text)

    def find(key: str) -> int | None:
        return next((i for i in range(first, end) if re.match(rf"^{key}\s*:", lines[i])), None)

    def entry_end(index: int) -> int:
        """The last line of the top-level entry at `index` (a block scalar spans several)."""
        last = index
        for n in range(index + 1, end):
            if lines[n].strip() and not lines[n][0].isspace():
                break
            if lines[n].strip():
                last = n
        return last

    def put(key: str, value: str, after: tuple[str, ...]) -> None:
        nonlocal end
        index = find(key)
        if index is not None:
            m = re.match(rf"^({key}\s*:[ \t]*)(.*?)([ \t]+#.*)?(\r?\n)?$", lines[index])
            if not m or m.group(2).strip()[:1] in ("|", ">", "&", "*", "!"):
                raise EditError(f"line {index + 1}: {lines[index].strip()}")
            lines[index] = m.group(1) + value + (m.group(3) or "") + (m.group(4) or "")
            return
        anchor = next((i for i in map(find, after) if i is not None), end - 1)
        at = entry_end(anchor) + 1
        if at > 0 and not lines[at - 1].endswith(("\n", "\r")):
            lines[at - 1] += newline
        lines.insert(at, f"{key}: {value}{newline}")
        end += 1

    put("status", "submitted", ("publish_at", "account"))
    put("submitted_at", stamp, ("status",))
    return "".join(lines)


def edit_json(text: str, stamp: str) -> str:
    """Pretty-printed JSON is edited line by line; anything else is rewritten with two-space indents."""
    lines = physical_lines(text)
    status = next((i for i, ln in enumerate(lines) if re.match(r'^\s*"status"\s*:', ln)), None)
    publish = next((i for i, ln in enumerate(lines) if re.match(r'^\s*"publish_at"\s*:', ln)), None)
    if len(lines) > 2 and publish is not None:
        def set_line(index: int | None, key: str, value: str, after: int) -> None:
            if index is not None:
                lines[index] = re.sub(rf'^(\s*"{key}"\s*:\s*)"[^"]*"', lambda m: m.group(1) + json.dumps(value), lines[index])
            else:
                indent = re.match(r"^(\s*)", lines[after]).group(1)  # type: ignore[union-attr]
                newline = _line_ending(text)
                lines.insert(after + 1, f'{indent}"{key}": {json.dumps(value)},{newline}')
                if not lines[after].rstrip().endswith(","):
                    lines[after] = lines[after].rstrip("\r\n") + "," + newline

        set_line(status, "status", "submitted", publish)
        submitted = next((i for i, ln in enumerate(lines) if re.match(r'^\s*"submitted_at"\s*:', ln)), None)
        anchor = next(i for i, ln in enumerate(lines) if re.match(r'^\s*"status"\s*:', ln))
        set_line(submitted, "submitted_at", stamp, anchor)
        return "".join(lines)
    data = json.loads(text)
    data["status"] = "submitted"
    data["submitted_at"] = stamp
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def submitted_text(draft: Draft, moment: datetime) -> tuple[str, bytes]:
    """The draft's new text (and the BOM it had), recording the set-up at `moment`."""
    raw = Path(draft.path).read_bytes()
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    text = raw[len(bom):].decode("utf-8")
    stamp = moment.strftime("%Y-%m-%d %H:%M")
    if draft.kind == "json":
        return edit_json(text, stamp), bom
    return edit_yaml(text, stamp, front_matter=draft.kind == "markdown"), bom


def check_edit(before: Draft, after: Draft | object, stamp: str) -> None:
    """The edit changed exactly status and submitted_at, and the draft still reads. Raises EditError."""
    if not isinstance(after, Draft):
        raise EditError("the edited draft no longer reads")
    expected = {**before.fields, "status": "submitted", "submitted_at": stamp}
    if after.fields != expected:
        changed = sorted(k for k in set(expected) | set(after.fields) if expected.get(k) != after.fields.get(k))
        raise EditError(f"the edit would change {', '.join(changed)}")


class Outcome(NamedTuple):
    text: LocalText
    ok: bool  # recorded, or nothing to do
    failed: bool  # counts toward exit 1
    report: Any = None  # the findings that stopped it


def record(config: Config, paths: list[Path], now: datetime) -> list[Outcome]:
    """Validate, then record each clean draft as submitted at `now` (atomically, checked edit)."""
    from pasha_cli.atomic import write_atomic
    from pasha_cli.drafts import parse_text
    from pasha_cli.engine import load_project, validate
    from pasha_cli.model import Severity

    loaded = {real_path(item.path): item for item in load_project(config)}
    report = validate(config, now, paths, loaded=list(loaded.values()))
    outcomes = []
    stamp = now.strftime("%Y-%m-%d %H:%M")
    for path in paths:
        draft = loaded.get(real_path(path))
        if not isinstance(draft, Draft):
            outcomes.append(Outcome(t("submit-not-draft", path=str(path)), False, True))
            continue
        errors = tuple(f for f in report.findings if f.path == draft.rel and f.severity is Severity.ERROR)
        if errors:
            outcomes.append(Outcome(t("submit-refused", path=draft.rel), False, True, report._replace(findings=errors, files=1)))
            continue
        if draft.status not in ("draft", "ready"):
            outcomes.append(Outcome(t("submit-status", path=draft.rel, status=draft.status), False,
                                    draft.status != "submitted"))
            continue
        try:
            text, bom = submitted_text(draft, now)
            check_edit(draft, parse_text(draft.path, draft.rel, text), stamp)
            write_atomic(draft.path, bom + text.encode("utf-8"))
        except (EditError, OSError) as exc:
            outcomes.append(Outcome(t("submit-edit-failed", path=draft.rel, reason=str(exc)), False, True))
            continue
        outcomes.append(Outcome(t("submit-done", path=draft.rel, stamp=stamp), True, False))
    return outcomes
