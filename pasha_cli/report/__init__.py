"""Reporters: render(report, lang) -> str, one module per format, imported only when used."""

from __future__ import annotations

from importlib import import_module

from pasha_cli.model import Report

FORMATS = ("text", "json")
_MODULES = {"text": "text", "json": "json_"}


def render(report: Report, fmt: str, lang: str, color: bool = False) -> str:
    module = import_module(f"pasha_cli.report.{_MODULES[fmt]}")
    if fmt == "text":
        return module.render(report, lang, color=color)  # type: ignore[no-any-return]
    return module.render(report, lang)  # type: ignore[no-any-return]
