"""Reporters: render(report, style) -> str, one module per format, imported only when used."""

from __future__ import annotations

import os
from functools import cache
from importlib import import_module
from typing import NamedTuple

from pasha_cli.model import Report

# each format and its module (json_, so as not to shadow the standard library's json)
_MODULES = {"text": "text", "json": "json_", "github": "github", "sarif": "sarif", "junit": "junit"}
FORMATS = tuple(_MODULES)
VIEW_FORMATS = ("text", "json")  # slots, calendar and image check: for people, or for scripts
SUFFIXES = {".sarif": "sarif", ".json": "json", ".xml": "junit", ".txt": "text", ".log": "text"}


class Style(NamedTuple):
    lang: str
    color: bool = False
    base: str | None = None  # CI formats give paths relative to this folder (the workspace); None: the project
    strict: bool = False  # --strict: warnings fail, and JUnit reports them as failures


def render(report: Report, fmt: str, style: Style) -> str:
    module = import_module(f"pasha_cli.report.{_MODULES[fmt]}")
    return module.render(report, style)


def workspace() -> str:
    """The folder CI formats give paths from: the CI workspace, else the working folder."""
    return os.environ.get("GITHUB_WORKSPACE") or os.environ.get("CI_PROJECT_DIR") or os.getcwd()


def ci_path(report: Report, path: str, style: Style) -> str:
    """A finding's path as CI systems want it: relative to the workspace, POSIX separators.

    The workspace and the project are compared as resolved paths: a workspace reached through a
    symbolic link (or the project found through one) would otherwise give `../` paths that CI
    cannot place. A project outside the workspace keeps its project-relative paths.
    """
    if style.base is None or not report.root:
        return path
    inside = _project_in_workspace(report.root, style.base)
    if inside is None:
        return path
    return path if inside == os.curdir else f"{inside.replace(os.sep, '/')}/{path}"


@cache
def _project_in_workspace(root: str, base: str) -> str | None:
    """The project folder relative to the workspace, both resolved; None when it is not inside."""
    try:
        inside = os.path.relpath(os.path.realpath(root), os.path.realpath(base))
    except ValueError:  # another drive (Windows)
        return None
    if inside == os.pardir or inside.startswith(os.pardir + os.sep) or os.path.isabs(inside):
        return None
    return inside
