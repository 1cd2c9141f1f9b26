"""Shared by the benchmarks (run as `python3 benchmarks/NAME.py`)."""

from __future__ import annotations

import compileall
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def precompile() -> None:
    """Byte-compile pasha as `pip install` does: a source checkout run with PYTHONDONTWRITEBYTECODE
    (set on some machines) would otherwise compile every module on every run, which no user pays."""
    compileall.compile_dir(str(REPO / "pasha_cli"), quiet=1)
