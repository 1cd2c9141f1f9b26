"""--format text: findings grouped by file, `line:col  code  severity  message`, then a summary.

The columns are aligned by display width (pasha_cli.columns): `エラー` is 3 characters but 6 columns.

Plain text when not a terminal, with NO_COLOR, or in tests; rich (imported only then) adds colour.
Paths and whole messages are shown with text.visible and the output made inert: a value from a
draft or a file name can neither break a line nor reach the terminal or the CI runner as a command.
"""

from __future__ import annotations

import io
from functools import cache
from itertools import groupby

from pasha_cli.characters import inert, visible
from pasha_cli.columns import cell_width, pad
from pasha_cli.i18n import t, tn
from pasha_cli.model import Finding, Report, Severity
from pasha_cli.report import Style


def _lines(report: Report, lang: str) -> list[tuple[str, str]]:
    """(style, text) pairs: the styles are rich's, ignored in plain output."""
    out: list[tuple[str, str]] = []
    where = max([8, *(len(_where(f)) for f in report.findings)])  # one column for the whole report
    for path, group in groupby(report.findings, key=lambda f: f.path):
        out.append(("bold underline", visible(path)))
        for f in group:
            out.append((_style(f), _row(f, lang, where)))
        out.append(("", ""))
    files, accepted = tn("n-files", report.files), tn("n-accepted", report.accepted)
    if report.errors or report.warnings:
        counts = {
            "files": files,
            "errors": tn("n-errors", report.errors),
            "warnings": tn("n-warnings", report.warnings),
        }
        summary = t("summary-accepted", **counts, accepted=accepted) if report.accepted else t("summary", **counts)
        out.append(("bold red" if report.errors else "bold yellow", summary.get(lang)))
    elif report.accepted:
        out.append(("bold green", t("summary-clean-accepted", files=files, accepted=accepted).get(lang)))
    else:
        out.append(("bold green", t("summary-clean", files=files).get(lang)))
    return out


def _style(f: Finding) -> str:
    if f.accepted is not None:
        return "dim"
    return "red" if f.severity is Severity.ERROR else "yellow"


def _where(f: Finding) -> str:
    return f"{f.line}:{f.column}"


def _row(f: Finding, lang: str, where: int) -> str:
    row = f"  {_where(f):<{where}} {f.code}  {severity_cell(f.severity, lang)}  {visible(f.message(lang))}"
    return row if f.accepted is None else f"{row}  {visible(t('accepted-mark', reason=f.accepted).get(lang))}"


@cache
def severity_cell(severity: Severity, lang: str) -> str:
    """The severity's label padded to the widest label of the language: the messages after it line up
    (one of a few cells, made once each: a report of thousands of findings asks for every row)."""
    labels = {s: t(f"severity-{s.value}").get(lang) for s in Severity}
    return pad(labels[severity], max(cell_width(label) for label in labels.values()))


def render(report: Report, style: Style) -> str:
    lines = [(rich_style, inert(text)) for rich_style, text in _lines(report, style.lang)]
    if not style.color:
        return "\n".join(text for _, text in lines) + "\n"
    from rich.console import Console
    from rich.text import Text

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="standard", width=10_000, soft_wrap=True)
    for rich_style, text in lines:
        console.print(Text(text, style=rich_style))
    return out.getvalue()
