"""`pasha maintenance import` and `pasha maintenance list`: the schedule as Rakuten prints it, and as pasha holds it.

import: the notice's rows (plan/notice.py) become `[[maintenance]]` entries of the project's config,
inserted as text (project/config_edit.py). A window already in force (shipped, in the config, or
made by a recurrence) is skipped; `maintenance_known_until` becomes the notice's last date unless
the config already says a later one. Nothing is written unless the result parses to the old
document plus exactly the new entries, loads with pasha's own config loader and holds the old
windows plus the new; and only while the file still holds the bytes it was made from.

list: the windows that overlap a range of days, each with where it comes from.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from pasha_cli.atomic import write_atomic
from pasha_cli.errors import ConfigError, PashaUsageError
from pasha_cli.i18n import WEEKDAYS, t, tn
from pasha_cli.jpcalendar import MaintenanceSchedule, Origin, RecurringWindow, Window
from pasha_cli.model import LocalText
from pasha_cli.plan.notice import NoticeRow
from pasha_cli.project.config import Config, load_config, usual_slot
from pasha_cli.project.config_edit import KNOWN_UNTIL, MAINTENANCE, EditError, add_windows
from pasha_cli.project.locate import MAX_CONFIG_BYTES, decode_config, read_config, real_path, shown
from pasha_cli.project.spec import Spec
from pasha_cli.timeutil import CLOCK_FORMAT, DAY_FORMAT, JST, to_jst

BOM = b"\xef\xbb\xbf"
DEFAULT_DAYS = 365  # `list` without --to: a year from --from


class Changed(Exception):
    """The config is no longer the file the edit was made from."""


class ImportResult(NamedTuple):
    config: str  # the config file, as messages name it
    added: tuple[NoticeRow, ...]
    skipped: tuple[NoticeRow, ...]
    known_before: date | None
    known_after: date | None  # None: left as it was
    refusal: LocalText | None = None  # --dry-run: why the real run would write nothing (exit 2)


def import_rows(path: Path, rows: list[NoticeRow], dry_run: bool) -> ImportResult:
    """Add the rows' windows to the config at `path` (nothing written with `dry_run`). Raises PashaUsageError."""
    display = shown(path)
    read_config(path)  # a folder, a FIFO, too large, not UTF-8: said as everywhere
    raw = _read(path, display)
    text = decode_config(raw, display)
    config = load_config(path, text)
    # the day known now: as written, else the default (the shipped date, the last window's day);
    # moved on only past it, so that an import never makes the known schedule shorter
    known = config.maintenance.known_until
    added: list[NoticeRow] = []
    skipped: list[NoticeRow] = []
    for row in rows:
        taken = {*config.maintenance.between(row.window.start, row.window.end), *(a.window for a in added)}
        (skipped if row.window in taken else added).append(row)
    last = max(row.window.start.date() for row in rows)
    after = last if known is None or known < last else None
    result = ImportResult(display, tuple(added), tuple(skipped), known, after)
    if not added and after is None:
        return result
    windows = [row.window for row in added]
    try:
        new_text = add_windows(text, config.prefix, windows, after)
        _check(path, config, text, new_text, windows, after)
    except (ValueError, IndexError) as exc:  # EditError, or the scanner misread a layout tomllib reads
        refusal = t(
            "import-cannot-edit", path=display, reason=exc.text if isinstance(exc, EditError) else t("edit-unsure")
        )
        if dry_run:  # what to write by hand is what the dry run shows
            return result._replace(refusal=refusal)
        raise PashaUsageError(refusal) from None
    if dry_run:
        return result
    data = (BOM if raw.startswith(BOM) else b"") + new_text.encode("utf-8")
    target = real_path(path)  # a link to the config stays a link
    try:
        write_atomic(target, data, verify=_unchanged(target, raw))
    except Changed:
        raise PashaUsageError(t("import-changed", path=display)) from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise PashaUsageError(t("output-failed", path=display, reason=reason)) from None
    return result


def _read(path: Path, display: str) -> bytes:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError(t("config-unreadable", path=display, reason=exc.strerror or str(exc))) from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(t("config-too-large", path=display, size=len(raw), limit=MAX_CONFIG_BYTES))
    return raw


def _table(document: dict[str, Any], prefix: tuple[str, ...]) -> dict[str, Any]:
    for key in prefix:
        document = document[key]
    return document


def _check(path: Path, config: Config, old: str, new: str, windows: list[Window], known_until: date | None) -> None:
    """The new text is the old document with exactly these entries and this date, and pasha loads it
    with the old windows plus the new. Raises EditError."""
    try:
        expected = tomllib.loads(old)
        found = tomllib.loads(new)
    except tomllib.TOMLDecodeError:
        raise EditError(t("edit-unsure")) from None
    table = _table(expected, config.prefix)
    if windows:
        table[MAINTENANCE] = [*table.get(MAINTENANCE, []), *({"start": w.start, "end": w.end} for w in windows)]
    if known_until is not None:
        table[KNOWN_UNTIL] = known_until
    if found != expected:
        raise EditError(t("edit-unsure"))
    try:
        loaded = load_config(path, new)
    except ConfigError as exc:
        raise EditError(exc.text) from None
    if list(map(_same, loaded.maintenance.windows)) != [*map(_same, config.maintenance.windows), *windows]:
        raise EditError(t("edit-unsure"))


def _same(entry: Window | RecurringWindow) -> object:
    """What makes two entries of a schedule the same (a recurrence's expansion is a cache)."""
    return entry if isinstance(entry, Window) else (entry.text, entry.start, entry.duration)


def _unchanged(path: Path, raw: bytes) -> Callable[[Path], None]:
    """Just before the rename: the config still holds the bytes the edit was made from."""

    def verify(_: Path) -> None:
        with path.open("rb") as handle:
            if handle.read(len(raw) + 1) != raw:
                raise Changed

    return verify


def render_import(result: ImportResult, dry_run: bool, lang: str) -> str:
    lines = []
    if not result.added:
        lines.append(tn("import-nothing", len(result.skipped), path=result.config).get(lang))
    else:
        added = tn("import-would-add" if dry_run else "import-added", len(result.added), path=result.config)
        lines.append(added.get(lang))
        lines += [f"  + {_row(row, lang)}" for row in result.added]
        if result.skipped:
            lines.append(tn("import-skipped", len(result.skipped)).get(lang))
    lines += [f"  = {_row(row, lang)}" for row in result.skipped]
    if result.known_after is not None:
        before = result.known_before.strftime(DAY_FORMAT) if result.known_before else t("import-unset")
        after = result.known_after.strftime(DAY_FORMAT)
        known = t(
            "import-known-would" if dry_run else "import-known-set", key_name=KNOWN_UNTIL, before=before, after=after
        )
        lines.append(known.get(lang))
    elif result.known_before is not None:
        lines.append(
            t("import-known-kept", key_name=KNOWN_UNTIL, day=result.known_before.strftime(DAY_FORMAT)).get(lang)
        )
    return "\n".join(lines) + "\n"


def _row(row: NoticeRow, lang: str) -> str:
    return t("import-row", window=span(row.window, lang), line=row.line).get(lang)


def span(window: Window, lang: str) -> str:
    """`2024-07-08 (Mon) 01:00-06:00`; an end at midnight is 24:00; a window over days names both."""
    start, end = to_jst(window.start), to_jst(window.end)
    first = f"{start.strftime(DAY_FORMAT)} ({WEEKDAYS[start.weekday()].get(lang)}) {start.strftime(CLOCK_FORMAT)}"
    if end.date() == start.date():
        return f"{first}-{end.strftime(CLOCK_FORMAT)}"
    if end.date() == start.date() + timedelta(days=1) and end.time() == datetime.min.time():
        return f"{first}-24:00"
    return f"{first} - {end.strftime(DAY_FORMAT)} ({WEEKDAYS[end.weekday()].get(lang)}) {end.strftime(CLOCK_FORMAT)}"


# --- list ---


class Listed(NamedTuple):
    window: Window
    spec_version: str | None  # from the shipped spec
    file: str | None  # from the project's config: its name and the entry's line
    line: int | None
    rrule: str | None  # made by this recurrence


def shipped_schedule(spec: Spec) -> MaintenanceSchedule:
    """The shipped spec's windows, outside a project."""
    windows = tuple(Window(to_jst(s), to_jst(e)) for s, e in spec.maintenance)
    return MaintenanceSchedule(
        windows, spec.maintenance_known_until, usual_slot(spec), (Origin(spec_version=spec.version),) * len(windows)
    )


def listed(schedule: MaintenanceSchedule, config: Config | None, first: date, last: date) -> list[Listed]:
    """The windows overlapping the days first..last (inclusive, Japan time), each with its origin."""
    begin = datetime.combine(first, datetime.min.time(), JST)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), JST)
    found = []
    lines: dict[int, int] = {}  # an entry's line, found once (a recurrence makes many windows)
    for window, origin, rule in schedule.sourced_between(begin, end):
        file = line = None
        if config is not None and origin.entry is not None:
            if origin.entry not in lines:
                lines[origin.entry] = config.position((MAINTENANCE, origin.entry)).line
            file, line = config.rel_path, lines[origin.entry]
        found.append(Listed(window, origin.spec_version, file, line, rule))
    return found


def latest_one_off(schedule: MaintenanceSchedule) -> Window | None:
    return max((w for w in schedule.windows if isinstance(w, Window)), key=lambda w: w.end, default=None)


def source_text(item: Listed) -> LocalText:
    if item.spec_version is not None:
        return t("maint-list-from-spec", version=item.spec_version)
    if item.rrule is not None:  # a DTSTART line and the RRULE, on the window's one line
        rule = " ".join(line.strip() for line in item.rrule.splitlines() if line.strip())
        return t("maint-list-from-rule", path=item.file or "?", line=item.line or 0, rule=rule)
    return t("maint-list-from-config", path=item.file or "?", line=item.line or 0)


def render_list_text(items: list[Listed], first: date, last: date, latest: Window | None, lang: str) -> str:
    days = {"first": first.strftime(DAY_FORMAT), "last": last.strftime(DAY_FORMAT)}
    if not items:
        lines = [t("maint-list-none", **days).get(lang)]
        if latest is not None:
            lines.append(t("maint-list-latest", window=span(latest, lang)).get(lang))
        return "\n".join(lines) + "\n"
    lines = [tn("maint-list-header", len(items), **days).get(lang)]
    lines += [f"{span(item.window, lang)}  {source_text(item).get(lang)}" for item in items]
    return "\n".join(lines) + "\n"


def render_list_json(items: list[Listed], first: date, last: date) -> str:
    """`--format json`: version 1, the range, each window with its origin (`source`: spec or config)."""

    def entry(item: Listed) -> dict[str, Any]:
        origin: dict[str, Any] = (
            {"source": "spec", "spec_version": item.spec_version}
            if item.spec_version is not None
            else {"source": "config", "file": item.file, "line": item.line, "rrule": item.rrule}
        )
        return {"start": item.window.start.isoformat(), "end": item.window.end.isoformat(), **origin}

    document = {"version": 1, "from": first.isoformat(), "to": last.isoformat(), "windows": [entry(i) for i in items]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
