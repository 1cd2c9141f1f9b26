"""--format text: findings grouped by file, `line:col  code  severity  message`, then a summary.

Plain text when not a terminal, with NO_COLOR, or in tests; rich (imported only then) adds colour.
Paths and whole messages are shown with text.visible and the output made inert: a value from a
draft or a file name can neither break a line nor reach the terminal or the CI runner as a command.
"""

from __future__ import annotations

from itertools import groupby

from pasha_cli.i18n import t, tn
from pasha_cli.model import Finding, Report, Severity
from pasha_cli.report import Style
from pasha_cli.text import inert, visible


def _lines(report: Report, lang: str) -> list[tuple[str, str]]:
    """(style, text) pairs: the styles are rich's, ignored in plain output."""
    out: list[tuple[str, str]] = []
    for path, group in groupby(report.findings, key=lambda f: f.path):
        out.append(("bold underline", visible(path)))
        for f in group:
            out.append((_style(f), _row(f, lang)))
        out.append(("", ""))
    if report.findings:
        summary = t("summary", files=tn("n-files", report.files), errors=tn("n-errors", report.errors),
                    warnings=tn("n-warnings", report.warnings)).get(lang)
        out.append(("bold red" if report.errors else "bold yellow", summary))
    else:
        out.append(("bold green", t("summary-clean", files=tn("n-files", report.files)).get(lang)))
    return out


def _style(f: Finding) -> str:
    return "red" if f.severity is Severity.ERROR else "yellow"


def _row(f: Finding, lang: str) -> str:
    severity = t(f"severity-{f.severity.value}").get(lang)
    where = f"{f.line}:{f.column}"
    return f"  {where:<8} {f.code}  {severity:<7}  {visible(f.message(lang))}"


def render(report: Report, style: Style) -> str:
    lines = [(rich_style, inert(text)) for rich_style, text in _lines(report, style.lang)]
    if not style.color:
        return "\n".join(text for _, text in lines) + "\n"
    import io

    from rich.console import Console
    from rich.text import Text

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="standard", width=10_000, soft_wrap=True)
    for rich_style, text in lines:
        console.print(Text(text, style=rich_style))
    return out.getvalue()
