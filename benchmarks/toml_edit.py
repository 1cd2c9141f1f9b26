"""How `pasha maintenance import` edits the config: pasha's text insertion against tomlkit, on the odd layouts.

For every layout of tests/test_maintenance.py (LAYOUTS: CRLF, no final line break, a byte-order mark,
comments after the last table, inline tables, `maintenance = [...]` inline on one line and over lines,
an empty array, [tool.pasha] followed by other tables, a multi-line string that looks like a table)
the same two windows and `maintenance_known_until` are added by both ways, and each result is judged:

- document: the result parses (tomllib) to the old document plus exactly the new entries and date;
- kept: every character of the old text is still there, in order (only insertions: difflib's
  opcodes on characters show no deletion or replacement);
- exact: the bytes are the layout's expected bytes in the test (pasha's choice of place; tomlkit
  may choose another place and still keep every byte, so "kept" is the fair column);
- line endings: no LF-only line was added to a CRLF file.

tomlkit is not a dependency of pasha: install it by hand for this benchmark, e.g.
`pip install --target /tmp/tomlkit-lib tomlkit` and run
`PYTHONPATH=/tmp/tomlkit-lib:. python3 benchmarks/toml_edit.py`.

Measured on 2026-12-01 with tomlkit 0.15.2, 11 layouts (pasha | tomlkit): document 11 | 11, kept
11 | 11, exact 11 | 2, line endings 11 | 9. Both keep every old byte and make the right document;
where they differ is where new text goes and how it looks:
- tomlkit writes LF-only lines into a CRLF file (both CRLF layouts: mixed line endings);
- it gives a file without a final line break one;
- it puts a new top-level key between a table and the comment lines above that table's header
  (`# the accounts` then `maintenance_known_until = ...` then `[accounts.free]`), and new
  [[tool.pasha.maintenance]] tables after the comment that introduces the next tool's table
  (`# lint`), with no blank line before that table;
- its inline tables are `{start = ...}` whatever the array's items look like.
So pasha inserts text (no new runtime dependency) and checks every result by parsing it.
"""

from __future__ import annotations

import difflib
import sys
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pasha_cli.project.config_edit import add_windows
from tests.test_maintenance import LAYOUTS, _w

WINDOWS = [_w("2024-10-14", "01:00", "06:00"), _w("2024-10-28", "01:00", "06:00")]
UNTIL = date(2024, 10, 28)


def prefix_of(name: str) -> tuple[str, ...]:
    return ("tool", "pasha") if name == "pyproject.toml" else ()


def by_pasha(text: str, prefix: tuple[str, ...]) -> str:
    return add_windows(text, prefix, WINDOWS, UNTIL)


def by_tomlkit(text: str, prefix: tuple[str, ...]) -> str:
    import tomlkit
    from tomlkit.items import Array

    doc: Any = tomlkit.parse(text)
    table = doc
    for key in prefix:
        table = table[key]
    existing = table.get("maintenance")
    if isinstance(existing, Array):
        for w in WINDOWS:
            item = tomlkit.inline_table()
            item.update({"start": w.start, "end": w.end})
            existing.append(item)
    else:
        aot = existing if existing is not None else tomlkit.aot()
        for w in WINDOWS:
            entry = tomlkit.table()
            entry.update({"start": w.start, "end": w.end})
            aot.append(entry)
        if existing is None:
            table["maintenance"] = aot
    table["maintenance_known_until"] = UNTIL
    return str(tomlkit.dumps(doc))


def expected_document(text: str, prefix: tuple[str, ...]) -> dict[str, Any]:
    document = tomllib.loads(text)
    table = document
    for key in prefix:
        table = table[key]
    table["maintenance"] = [*table.get("maintenance", []), *({"start": w.start, "end": w.end} for w in WINDOWS)]
    table["maintenance_known_until"] = UNTIL
    return document


def judge(old: str, new: str, expected: str, prefix: tuple[str, ...]) -> dict[str, bool]:
    try:
        document = tomllib.loads(new) == expected_document(old, prefix)
    except tomllib.TOMLDecodeError:
        document = False
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    kept = all(op in ("equal", "insert") for op, *_ in opcodes)
    crlf = "\r\n" not in old or new.replace("\r\n", "").count("\n") == 0
    return {"document": document, "kept": kept, "exact": new == expected, "line endings": crlf}


def main() -> None:
    columns = ("document", "kept", "exact", "line endings")
    totals = {way: dict.fromkeys(columns, 0) for way in ("pasha", "tomlkit")}
    print(f"{'layout':<76} {'way':<8} " + " ".join(f"{c:<12}" for c in columns))
    for name, file, before, after in LAYOUTS:
        prefix = prefix_of(file)
        old, expected = before.removeprefix("\ufeff"), after.removeprefix("\ufeff")
        for way, edit in (("pasha", by_pasha), ("tomlkit", by_tomlkit)):
            try:
                marks = judge(old, edit(old, prefix), expected, prefix)
            except Exception as exc:  # a library's refusal counts as a failure on every column
                print(f"{name:<76} {way:<8} raised {type(exc).__name__}: {exc}")
                continue
            for column, ok in marks.items():
                totals[way][column] += ok
            print(f"{name:<76} {way:<8} " + " ".join(f"{'yes' if marks[c] else 'NO':<12}" for c in columns))
    for way, counts in totals.items():
        print(f"{'total of ' + str(len(LAYOUTS)):<76} {way:<8} " + " ".join(f"{counts[c]:<12}" for c in columns))


if __name__ == "__main__":
    main()
