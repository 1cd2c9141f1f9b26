"""Findings of the draft rules, kept between runs.

A draft rule (Rule.reads empty) reads a draft and the config and nothing else: not the clock, not the
files drafts name, not the other drafts. Its findings on a draft are the same on every run while the
draft's file, the config (with the files it reads) and pasha are. They are kept here, per draft,
under the draft's file stamp (as the draft index has it: device, inode, size, modification and
change times; only a stamp settled before the run began is trusted, see project/index.py) and a
digest of the rest: the config's inputs, pasha's own files (its code and shipped data) and the
versions of the libraries whose results the rules report (PyYAML's positions, jsonschema's messages,
the holiday table, the regex engine, ada-url's parse of a link, dateutil's maintenance windows) and of
Python (its Unicode database).

A draft's findings are kept only when every draft rule that ran on it reached nothing else
(Context.reached) and did not date it by the clock (a draft without a valid publish_at is judged as
published today), and no rule failed on it. Severity and acceptance (`allow`) are applied after, on
every run, to kept and new findings alike.

Reading the kept findings costs a read of the whole store, more than the rules cost on a few drafts:
a run that reports on fewer than FEW drafts (pre-commit's usual call) neither reads nor adds to it.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pasha_cli import __version__
from pasha_cli.cache import JsonStore, library_version, project_name
from pasha_cli.decide import severity_of
from pasha_cli.model import Finding, LocalText, Position

FEW = 24  # drafts reported on: below, the rules cost less than reading what is kept (a few ms)
LIMIT = 200_000  # drafts of one project, as the index
LIBRARIES = (
    ("yaml", "PyYAML"),
    ("jsonschema", "jsonschema"),
    ("holidays", "holidays"),
    ("regex", "regex"),
    ("ada_url", "ada-url"),
    ("dateutil", "python-dateutil"),
)

Row = list[Any]  # [line, column, ja, en, field, [other, ...], end line, end column]: a finding less what the run adds


class KeptFindings:
    """One project's kept findings of the draft rules, read on first use, saved at the end of a run."""

    def __init__(self, root: Path, inputs: str, codes: Iterable[str], stamps: Mapping[str, list[int]]) -> None:
        """`codes`: the draft rules this run runs (a run with other --select or --ignore keeps its own);
        `stamps`: the drafts' settled file stamps (DraftIndex.stamps), under which entries hold."""
        self._store = JsonStore(project_name("findings", root, f"{__version__}-v2"), limit=LIMIT)
        self._key = _key(inputs, sorted(codes))
        self._stamps = stamps

    def get(self, rel: str) -> dict[str, list[Row]] | None:
        """The kept findings of the draft at `rel` by rule code (those that found something), when
        they hold for its stamp."""
        stamp = self._stamps.get(rel)
        if stamp is None:
            return None
        entry = self._store.get(rel)
        if not (isinstance(entry, list) and len(entry) == 3 and entry[0] == stamp and entry[1] == self._key):
            return None
        by_code = entry[2]
        if not isinstance(by_code, dict) or not all(isinstance(rows, list) for rows in by_code.values()):
            return None
        return by_code

    def put(self, rel: str, by_code: Mapping[str, list[Row]]) -> None:
        """Keep a draft's findings by rule code, when its stamp is settled (else nothing)."""
        stamp = self._stamps.get(rel)
        if stamp is not None:
            self._store.put(rel, [stamp, self._key, {code: rows for code, rows in by_code.items() if rows}])

    def save(self) -> None:
        self._store.save()


def row(finding: Finding) -> Row:
    end = [finding.end.line, finding.end.column] if finding.end is not None else [None, None]
    return [finding.line, finding.column, finding.text.ja, finding.text.en, finding.field, list(finding.other), *end]


def finding(rel: str, rule: Any, overrides: Mapping[str, str], kept: Row) -> Finding | None:
    """The finding a kept row stands for, with this run's severity; None for a row of the wrong
    shape (the store is a file anyone could have written)."""
    if not (isinstance(kept, list) and len(kept) == 8):
        return None
    line, column, ja, en, field, other, end_line, end_column = kept
    if not (
        type(line) is int
        and type(column) is int
        and ((end_line is None and end_column is None) or (type(end_line) is int and type(end_column) is int))
        and isinstance(ja, str)
        and isinstance(en, str)
        and (field is None or isinstance(field, str))
        and isinstance(other, list)
        and all(isinstance(o, str) for o in other)
    ):
        return None
    text, severity = LocalText(ja, en), severity_of(rule, overrides)
    end = Position(end_line, end_column) if end_line is not None and end_column is not None else None
    return Finding(rel, line, column, rule.code, rule.name, severity, text, field, tuple(other), None, end)


def _key(inputs: str, codes: list[str]) -> str:
    versions = [f"{module}={library_version(module, name)}" for module, name in LIBRARIES]
    # the Python that runs the rules: its Unicode database names and classes the characters of a body
    python = f"python={sys.version}|unicode={unicodedata.unidata_version}"
    text = "\0".join([inputs, _code(), python, *versions, ",".join(codes)])
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


@functools.cache
def _code() -> str:
    """pasha's own files (code and shipped data) by name, size and modification time: a changed rule
    in a working copy is never answered from what the old one found. In a source checkout the
    schemas the rules read lie outside the package (schemas/, mapped into the wheel): counted too."""
    from pasha_cli.project.schema_check import schema_path

    package = os.path.dirname(os.path.abspath(__file__))
    schemas = os.path.dirname(os.path.abspath(schema_path("post.schema.json")))
    inside = os.path.commonpath([package, schemas]) == package
    parts = [_listing(package), *([] if inside else [_listing(schemas)])]
    return hashlib.blake2b("\n".join(parts).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _listing(top: str) -> str:
    """Each file under `top` (compiled files aside) by its path there, size and modification time."""
    parts = []
    for folder, subfolders, names in os.walk(top):
        subfolders[:] = sorted(s for s in subfolders if s != "__pycache__")
        for name in sorted(names):
            if not name.endswith((".pyc", ".pyo")):
                try:
                    info = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                parts.append(f"{os.path.relpath(os.path.join(folder, name), top)}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts)
