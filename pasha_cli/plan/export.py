"""`pasha export`: the hand-over bundle for the Rakuten team or an agency.

A zip with the manifest twice, `manifest.xlsx` (every cell text, exact) and `manifest.csv` (Excel
opens it: UTF-8 with a BOM by default, or cp932; made Excel-safe by manifest.py), the images, and
one text file per body. Only drafts without error findings go in; the others are listed.
Entry names are built from base names only (never absolute, never ..); the same input gives the
same bytes, streamed into the temporary file of an atomic write (never held whole in memory).
"""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO, NamedTuple

from pasha_cli.characters import digest, visible
from pasha_cli.engine import load_project, validate
from pasha_cli.i18n import t
from pasha_cli.model import SCHEDULED, LocalText, Severity
from pasha_cli.plan.manifest import EXCEL_CELL_MAX, csv_bytes, excel_length, xlsx_bytes, zip_entry, zip_time
from pasha_cli.plan.slots import PlanItem, plan_items
from pasha_cli.project.config import Config
from pasha_cli.project.drafts import Draft, Unreadable
from pasha_cli.project.locate import resolve_inside
from pasha_cli.timeutil import COMPACT_DAY_FORMAT, MINUTE_FORMAT, SECOND_FORMAT, month_bounds

COLUMNS = (
    "account",
    "account_name",
    "publish_at",
    "deadline",
    "status",
    "body",
    "digest",
    "link",
    "image",
    "text_file",
    "source",
)
_PROSE = ("body", "digest")  # the other columns are names and short: a refusal shows them


class Selection(NamedTuple):
    items: list[PlanItem]  # what goes in the bundle
    excluded: list[str]  # drafts left out because they have errors (or do not read)
    config: Config
    loaded: list[Draft | Unreadable]  # every draft of the project, as read once for the selection

    def refusals(self, encoding: str) -> list[LocalText]:
        return refusals(entries(self.config, self.items), encoding)

    @property
    def exit_code(self) -> int:
        """1 when a draft was left out (it has errors, or does not read): the bundle is not the whole plan."""
        return 1 if self.excluded else 0


def default_name(month: str | None, now: datetime) -> Path:
    """The bundle's name without -o: of the month asked for, else of the day."""
    return Path(f"pasha-export-{month or now.strftime(COMPACT_DAY_FORMAT)}.zip")


def select(config: Config, now: datetime, month: str | None) -> Selection:
    """The drafts to hand over (draft, ready, submitted; of `month` if given), minus those with errors."""

    loaded = load_project(config)
    report = validate(config, now, None, loaded=loaded)
    broken = {f.path for f in report.findings if f.severity is Severity.ERROR}
    items = [i for i in plan_items(config, [d for d in loaded if isinstance(d, Draft)]) if i.status in SCHEDULED]
    if month:
        first, last = month_bounds(month)
        items = [i for i in items if first <= i.when.date() <= last]
    excluded = sorted(
        {i.draft.rel for i in items if i.draft.rel in broken} | {d.rel for d in loaded if not isinstance(d, Draft)}
    )
    return Selection(
        [i for i in items if i.draft.rel not in broken and i.account in config.accounts], excluded, config, loaded
    )


class Entry(NamedTuple):
    """One post of the bundle: its manifest row and the files that go with it."""

    path: str  # the draft, as messages name it
    row: tuple[str, ...]  # the manifest's cells, in COLUMNS order
    text: tuple[str, str]  # (archive name, body): the body as a text file
    image: tuple[str, Path] | None  # (archive name, source file)


class Bundle(NamedTuple):
    data: bytes  # empty when the archive went to a file
    rows: int


def _safe(name: str) -> str:
    """An archive-safe base name: no folders, no leading dots, no separators."""
    base = visible(PurePosixPath(name.replace("\\", "/")).name).lstrip(".") or "file"  # no control or undecodable
    return "".join(c if c not in '<>:"|?*\x00' else "_" for c in base)


def entries(config: Config, items: list[PlanItem]) -> list[Entry]:
    """Every post's row and files: the one source of what the bundle holds, for the checks and the writer."""
    made = []
    for number, item in enumerate(items, start=1):
        draft: Draft = item.draft
        prefix = f"{number:03d}-{_safe(Path(draft.rel).stem)}"
        body = draft.body or ""
        text_name = f"texts/{prefix}.txt"
        image = None
        if draft.text("image"):
            resolved, _ = resolve_inside(draft.path.parent, draft.text("image") or "", config.root)
            if resolved is not None:
                image = (f"images/{prefix}-{_safe(resolved.name)}", resolved)
        cells = {
            "account": item.account,
            "account_name": config.accounts[item.account].name,
            "publish_at": item.when.strftime(MINUTE_FORMAT),
            "deadline": item.deadline.strftime(SECOND_FORMAT),
            "status": item.status,
            "body": body,
            "digest": digest(body, config.spec.digest_chars),
            "link": draft.text("link") or "",
            "image": image[0] if image else "",
            "text_file": text_name,
            "source": visible(draft.rel),  # a name that is not UTF-8 shows its bytes as <U+DCxx>
        }
        made.append(Entry(draft.rel, tuple(cells[c] for c in COLUMNS), (text_name, body), image))
    return made


def refusals(made: list[Entry], encoding: str) -> list[LocalText]:
    """Why the bundle cannot be written: a cell `encoding` cannot hold (cp932 has no emoji, for one;
    file names count as much as bodies), or a cell longer than a cell of manifest.xlsx can be.
    Every column of every row is checked: the rows are those the writer writes."""
    problems = []
    for entry in made:
        for field, value in zip(COLUMNS, entry.row, strict=True):
            bad = "".join(_shown(c, encoding) for c in sorted(set(value)) if not _encodes(c, encoding))
            if bad and field in _PROSE:
                problems.append(t("export-unencodable", path=entry.path, field=field, chars=bad, encoding=encoding))
            elif bad:
                problems.append(
                    t(
                        "export-unencodable-name",
                        path=entry.path,
                        field=field,
                        value=value,
                        chars=bad,
                        encoding=encoding,
                    )
                )
            if excel_length(value) > EXCEL_CELL_MAX:
                problems.append(
                    t("export-too-long", path=entry.path, field=field, count=excel_length(value), limit=EXCEL_CELL_MAX)
                )
    return problems


def _shown(char: str, encoding: str) -> str:
    """A character `encoding` does not hold, with what it would become where it becomes another: 〜→～."""
    try:
        return f"{char}→{char.encode(encoding).decode(encoding)}"
    except UnicodeError:
        return char


def _encodes(char: str, encoding: str) -> bool:
    """Whether `encoding` holds `char` and gives it back: Python's cp932 writes 〜 (U+301C) and − (U+2212)
    as the bytes of ～ (U+FF5E) and － (U+FF0D), which is a change, not a hold."""
    try:
        return char.encode(encoding).decode(encoding) == char
    except UnicodeError:
        return False


def build(config: Config, items: list[PlanItem], encoding: str, now: datetime, out: BinaryIO | None = None) -> Bundle:
    """The zip, written to `out` (a seekable file) or returned as bytes: the same drafts, images and
    `now` give the same bytes."""
    made = entries(config, items)
    stamp = zip_time(now)
    archive = out if out is not None else io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        for entry in made:
            text_name, body = entry.text
            bundle.writestr(zip_entry(text_name, stamp), body.replace("\n", "\r\n").encode(encoding))
            if entry.image:
                with entry.image[1].open("rb") as image, bundle.open(zip_entry(entry.image[0], stamp), "w") as into:
                    shutil.copyfileobj(image, into, 1 << 20)  # piece by piece: an image is never whole in memory
        rows = [entry.row for entry in made]
        bundle.writestr(zip_entry("manifest.csv", stamp), csv_bytes(COLUMNS, rows, encoding))
        bundle.writestr(zip_entry("manifest.xlsx", stamp), xlsx_bytes(COLUMNS, rows, now))
    return Bundle(archive.getvalue() if isinstance(archive, io.BytesIO) else b"", len(made))
