"""Text laid out in a terminal's columns: display width, padding, and the width to lay out for.

A terminal gives a character the columns of its East Asian Width (wide and fullwidth: 2, such as
`エラー`, 6 columns in 3 code points), a combining mark 0 and an emoji sequence 2. pasha counts
them as rich does (rich.cells, grapheme-aware), the library that draws its tables, so that padded
columns and rich's grids agree.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping, Sequence

DEFAULT_WIDTH = 80  # output that is not a terminal (a pipe, a file, a CI log) and no COLUMNS
MIN_WIDTH = 20  # narrower is laid out as 20: a view that wraps every word says nothing


def cell_width(text: str) -> int:
    """The columns `text` takes in a terminal."""
    if text.isascii() and text.isprintable():
        return len(text)  # the common case, without importing rich (start-up time)
    from rich.cells import cell_len

    return cell_len(text)


def pad(text: str, width: int) -> str:
    """`text` followed by spaces to `width` display columns (`str.ljust` counts code points)."""
    return text + " " * max(0, width - cell_width(text))


def align(rows: Sequence[Sequence[str]], gap: str = "  ", minimum: Sequence[int] = ()) -> list[str]:
    """Rows of cells as lines whose every cell starts at the same display column.

    Each column but the last is padded to its widest cell (at least `minimum[i]`); the last is left
    as it is, so a long message wraps in the terminal without pushing the columns apart.
    """
    if not rows:
        return []
    columns = max(len(row) for row in rows)
    widths = [
        max([cell_width(row[i]) for row in rows if i < len(row)] + [minimum[i] if i < len(minimum) else 0])
        for i in range(columns - 1)
    ]
    lines = []
    for row in rows:
        cells = [pad(cell, widths[i]) if i < len(row) - 1 else cell for i, cell in enumerate(row)]
        lines.append(gap.join(cells))
    return lines


def terminal_width(option: int | None = None, environ: Mapping[str, str] | None = None) -> int:
    """The width to lay a view out for: `--width`, else COLUMNS, else the terminal's, else 80.

    shutil.get_terminal_size reads COLUMNS first, then asks the terminal on standard output, and
    falls back to DEFAULT_WIDTH when that is not a terminal: piped output is laid out the same
    on every machine. Never less than MIN_WIDTH.
    """
    if option is not None:
        return max(MIN_WIDTH, option)
    env = os.environ if environ is None else environ
    given = env.get("COLUMNS", "").strip()
    if given.isdigit() and int(given) > 0:
        return max(MIN_WIDTH, int(given))
    return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)
