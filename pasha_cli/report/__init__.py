"""Reporters: render(report, style) -> str, one module per format, imported only when used."""

from __future__ import annotations

import os
from importlib import import_module
from typing import NamedTuple

from pasha_cli.model import Report

FORMATS = ("text", "json", "github", "sarif", "junit")
_MODULES = {"text": "text", "json": "json_", "github": "github", "sarif": "sarif", "junit": "junit"}
SUFFIXES = {".sarif": "sarif", ".json": "json", ".xml": "junit", ".txt": "text", ".log": "text"}


class Style(NamedTuple):
    lang: str
    color: bool = False
    base: str | None = None  # CI formats give paths relative to this folder (the workspace); None: the project


def render(report: Report, fmt: str, style: Style) -> str:
    module = import_module(f"pasha_cli.report.{_MODULES[fmt]}")
    return module.render(report, style)


def ci_path(report: Report, path: str, style: Style) -> str:
    """A finding's path as CI systems want it: relative to the workspace, POSIX separators."""
    if style.base is None or not report.root:
        return path
    return os.path.relpath(os.path.join(report.root, path), style.base).replace(os.sep, "/")
