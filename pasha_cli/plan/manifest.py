"""The export manifest as spreadsheets open it: manifest.csv made Excel-safe, manifest.xlsx typed as text.

A spreadsheet opening a CSV reads each cell as a formula or a value where it can: `=HYPERLINK(..)`
runs, `0120123456` loses its zero, `6/1` becomes a date. OWASP's advice for CSV injection is to
let no cell begin with = + - @ tab CR LF, to quote every field and to prepend a single quote.
`csv_cell` prepends one apostrophe to every cell a spreadsheet could read as anything but text
(the class is wider than OWASP's list: numbers, dates, booleans, full-width forms) and to every
cell that already begins with one, so that a program gets the exact text back by removing one
leading apostrophe wherever there is one.

manifest.xlsx needs no such change: every cell is a string cell (t="inlineStr", format "@"),
which Excel and LibreOffice show as it is. Characters XML 1.0 cannot carry (C0 controls, and CR,
which XML parsers turn into LF) are written with ECMA-376's _xHHHH_ escape (Part 1, 22.4.2.4),
and a literal `_xHHHH_` in the text has its underscore escaped as _x005F_, so the text is exact.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime

EXCEL_CELL_MAX = 32_767  # characters in one cell, counted as Excel does: UTF-16 code units
SHEET = "manifest"
ZIP_RANGE = ((1980, 1, 1, 0, 0, 0), (2107, 12, 31, 23, 59, 58))  # what an MS-DOS date, a zip entry's, holds

# What may start a formula: OWASP's = + - @, the minus sign, and the apostrophe itself (so that
# the one csv_cell adds can always be removed). Compared after NFKC, so ＝ ＋ － ＠ ＇ ﹦ count too.
_FORMULA_START = frozenset("=+-@'\u2212")
# What may start a value: a digit of any script (Calc reads ٣ and ０ as numbers), a currency sign,
# . , ( (-1 is written (1)), # (Excel's error values such as #N/A) and %.
_VALUE_START = frozenset(".,(#%")
# A month, an era (its initial or name) or AM/PM, then a number: dates like `May 1`, `Jun-30`,
# `R2.5.1`, `令和2年5月1日`, times like `PM 1:30`, `午後1時`.
_WORD_NUMBER = re.compile(
    r"(?:(?i:[a-z]|[ap]\.?m\.?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)|明治|大正|昭和|平成|令和|午前|午後)[\s.,/-]*\d"
)
_BOOLEANS = ("true", "false")
# XML 1.0 Char minus CR (a parser reads a raw CR as LF): each is written as _xHHHH_.
_XML_UNSAFE = "\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff"
# One pass: a character XML cannot hold, or an underscore that a reader would take for the start
# of an escape (followed by xHHHH and then _ or an escape this pass writes).
_XLSX_ESCAPE = re.compile(f"[{_XML_UNSAFE}]|_(?=x[0-9A-Fa-f]{{4}}(?:_|[{_XML_UNSAFE}]))")


def csv_cell(text: str) -> str:
    """`text` with one apostrophe in front when a spreadsheet could read it as other than text."""
    return "'" + text if spreadsheet_reads(text) else text


def spreadsheet_reads(text: str) -> bool:
    """Whether Excel or Calc could take the cell for a formula, number, date, time or boolean."""
    if not text:
        return False
    if text[0].isspace() or unicodedata.category(text[0]) in ("Cc", "Cf", "Zs", "Zl", "Zp"):
        return True  # tab, CR, LF, a space before a number, a BOM or zero-width space before `=`
    head = unicodedata.normalize("NFKC", text[:24])  # full-width and other compatibility forms
    first = head[:1]
    if first in _FORMULA_START or first in _VALUE_START or first.isdecimal():
        return True
    if unicodedata.category(first) == "Sc" or _WORD_NUMBER.match(head):
        return True
    return len(text) <= 8 and unicodedata.normalize("NFKC", text).strip().casefold() in _BOOLEANS


def csv_bytes(columns: Sequence[str], rows: Sequence[Sequence[str]], encoding: str) -> bytes:
    """The CSV: every field quoted (a separator in a cell starts no new cell), every cell Excel-safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    for values in (columns, *rows):
        writer.writerow([csv_cell(v) for v in values])
    return out.getvalue().encode(encoding)  # utf-8-sig writes the BOM Excel looks for


def excel_length(text: str) -> int:
    """The length Excel counts: UTF-16 code units (an emoji beyond U+FFFF counts 2)."""
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def xlsx_text(text: str) -> str:
    """`text` as an OOXML string holds it exactly (ECMA-376 Part 1, 22.4.2.4)."""
    return _XLSX_ESCAPE.sub(lambda m: f"_x{ord(m.group()[0]):04X}_", text)


def xlsx_bytes(columns: Sequence[str], rows: Sequence[Sequence[str]], moment: datetime) -> bytes:
    """The workbook: one sheet, every cell a text cell; the same rows and `moment` give the same bytes."""
    from openpyxl import Workbook  # imported here: only export writes a workbook
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook has one sheet (`active` is typed as maybe none)
    sheet.title = SHEET
    for number, values in enumerate((columns, *rows), start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=number, column=column, value=xlsx_text(value))
            cell.data_type = "s"  # a string, never a formula, whatever it begins with
            cell.number_format = "@"  # Text: a cell edited in Excel stays text too
    sheet.freeze_panes = "A2"  # the header stays in view
    # docProps/core.xml holds creation and modification times: the export's, in UTC, not the clock's
    # (Workbook.save would set `modified` to the clock: ExcelWriter is what it calls after that)
    utc = moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
    book.properties.creator = "pasha"
    book.properties.created = book.properties.modified = utc
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return restamp(raw.getvalue(), zip_time(moment))  # and the zip's entries are dated by the clock


def zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    """`moment` as a zip entry's date, within ZIP_RANGE (a --now outside it is a valid pasha time)."""
    t = moment.timetuple()
    return max(ZIP_RANGE[0], min((t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec), ZIP_RANGE[1]))


def zip_entry(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    """An entry that depends on nothing but its name and `stamp`: not the clock, the umask or the system."""
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, wherever it is built
    info.external_attr = 0o644 << 16
    return info


def restamp(data: bytes, stamp: tuple[int, int, int, int, int, int]) -> bytes:
    """The zip `data` again with every entry dated `stamp` (openpyxl dates them by the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(zip_entry(info.filename, stamp), source.read(info))
    return out.getvalue()
