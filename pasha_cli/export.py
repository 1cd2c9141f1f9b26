"""`pasha export`: the hand-over bundle for the Rakuten team or an agency.

A zip with `manifest.csv` (Excel opens it: UTF-8 with a BOM by default, or cp932), the images,
and one text file per body. Only drafts without error findings go in; the others are listed.
Entry names are built from base names only (never absolute, never ..), and the archive is
streamed into the temporary file of an atomic write (never held whole in memory).
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO, NamedTuple

from pasha_cli.config import Config
from pasha_cli.drafts import Draft, resolve_inside
from pasha_cli.planning import PlanItem
from pasha_cli.text import digest, visible

COLUMNS = ("account", "account_name", "publish_at", "deadline", "status", "body", "digest", "link", "image",
           "text_file", "source")
EXPORTED = ("draft", "ready", "submitted")


class Unencodable(NamedTuple):
    path: str
    field: str
    chars: str  # the characters the encoding cannot hold


class Selection(NamedTuple):
    items: list[PlanItem]  # what goes in the bundle
    excluded: list[str]  # drafts left out because they have errors (or do not read)
    config: Config

    def unencodable(self, encoding: str) -> list[Unencodable]:
        return unencodable(self.items, self.config, encoding)


def select(config: Config, now: datetime, month: str | None) -> Selection:
    """The drafts to hand over (draft, ready, submitted; of `month` if given), minus those with errors."""
    from pasha_cli.engine import load_project, validate
    from pasha_cli.model import Severity
    from pasha_cli.planning import month_bounds, plan_items

    loaded = load_project(config)
    report = validate(config, now, None, loaded=loaded)
    broken = {f.path for f in report.findings if f.severity is Severity.ERROR}
    items = [i for i in plan_items(config, [d for d in loaded if isinstance(d, Draft)]) if i.status in EXPORTED]
    if month:
        first, last = month_bounds(month)
        items = [i for i in items if first <= i.when.date() <= last]
    excluded = sorted({i.draft.rel for i in items if i.draft.rel in broken} | {d.rel for d in loaded if not isinstance(d, Draft)})
    return Selection([i for i in items if i.draft.rel not in broken and i.account in config.accounts], excluded, config)


class Bundle(NamedTuple):
    data: bytes  # empty when the archive went to a file
    rows: int


def _safe(name: str) -> str:
    """An archive-safe base name: no folders, no leading dots, no separators."""
    base = visible(PurePosixPath(name.replace("\\", "/")).name).lstrip(".") or "file"  # no control or undecodable
    return "".join(c if c not in '<>:"|?*\x00' else "_" for c in base)


def unencodable(items: list[PlanItem], config: Config, encoding: str) -> list[Unencodable]:
    """Every text field holding characters `encoding` cannot (cp932 has no emoji, for one)."""
    problems = []
    for item in items:
        for field, value in (("body", item.draft.body or ""), ("link", item.draft.text("link") or ""),
                             ("account_name", config.accounts[item.account].name)):
            bad = sorted({c for c in value if not _encodes(c, encoding)})
            if bad:
                problems.append(Unencodable(item.draft.rel, field, "".join(bad)))
    return problems


def _encodes(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def build(config: Config, items: list[PlanItem], encoding: str, now: datetime, out: BinaryIO | None = None) -> Bundle:
    """The bundle, written to `out` (a seekable file) or returned as bytes."""
    # a zip entry's date is MS-DOS's: 1980 to 2107 only (a --now outside it is a valid pasha time)
    stamp = max((1980, 1, 1, 0, 0, 0), min(now.timetuple()[:6], (2107, 12, 31, 23, 59, 58)))
    archive = out if out is not None else io.BytesIO()
    rows = []
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        def add(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, data)

        for number, item in enumerate(items, start=1):
            draft: Draft = item.draft
            prefix = f"{number:03d}-{_safe(Path(draft.rel).stem)}"
            body = draft.body or ""
            text_name = f"texts/{prefix}.txt"
            add(text_name, body.replace("\n", "\r\n").encode(encoding))
            image_name = ""
            image = draft.text("image")
            if image:
                resolved, _ = resolve_inside(draft.path.parent, image, config.root)
                if resolved is not None:
                    image_name = f"images/{prefix}-{_safe(resolved.name)}"
                    add(image_name, resolved.read_bytes())
            rows.append({
                "account": item.account, "account_name": config.accounts[item.account].name,
                "publish_at": item.when.strftime("%Y-%m-%d %H:%M"), "deadline": item.deadline.strftime("%Y-%m-%d %H:%M:%S"),
                "status": item.status, "body": body, "digest": digest(body, config.spec.digest_chars),
                "link": draft.text("link") or "", "image": image_name, "text_file": text_name,
                "source": visible(draft.rel),  # a name that is not UTF-8 shows its bytes as <U+DCxx>
            })
        manifest = io.StringIO()
        writer = csv.DictWriter(manifest, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        add("manifest.csv", manifest.getvalue().encode(encoding))  # utf-8-sig writes the BOM Excel looks for
    return Bundle(archive.getvalue() if isinstance(archive, io.BytesIO) else b"", len(rows))

