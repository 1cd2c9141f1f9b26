"""--format github: GitHub Actions workflow annotations, then the text report.

GitHub shows only the first few annotations of a step, so the full text report follows them.
Each annotation is one line that only pasha writes. Values are first shown with text.visible
(no control, separator or bidi character reaches the log, so no value starts a line), then
escaped as the runner unescapes them (actions/runner ActionCommand.cs): in the message %, CR
and LF; in properties also : and , (Japanese messages are full of both, and a raw one would cut
the annotation short). The runner reads a line that parses as a `::` command as that command
only, so a `##[` inside an annotation runs nothing. A file name that visible() changed cannot
be placed on its file; the annotation still shows, and the text report after it names the file.
A finding a draft's `allow` accepts is a `::notice` (GitHub's level that fails nothing), its message
starting with the acceptance and its reason.

Each annotation has its endLine; endColumn only on a one-line finding, as GitHub's check annotations
take columns only there. A range that ends just after a line break ends on the line before.
"""

from __future__ import annotations

from pasha_cli.characters import visible
from pasha_cli.i18n import t
from pasha_cli.model import Finding, Report, Severity
from pasha_cli.report import Style, ci_path
from pasha_cli.report import text as text_report


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def place(f: Finding) -> tuple[tuple[str, str], ...]:
    """The annotation's line, column and end, as GitHub takes them."""
    end = f.end_position
    end_line = end.line - 1 if end.column == 1 and end.line > f.line else end.line
    where = (("line", str(f.line)), ("endLine", str(end_line)), ("col", str(f.column)))
    return (*where, ("endColumn", str(end.column))) if end.line == f.line else where


def render(report: Report, style: Style) -> str:
    lines = []
    for f in report.findings:
        command = "error" if f.severity is Severity.ERROR else "warning"
        message = f.message(style.lang)
        if f.accepted is not None:
            command, message = "notice", f"{t('accepted-mark', reason=f.accepted).get(style.lang)} {message}"
        props = ",".join(
            f"{k}={escape_property(visible(v))}"
            for k, v in (
                ("file", ci_path(report, f.path, style)),
                *place(f),
                ("title", f"{f.code} {f.name}"),
            )
        )
        lines.append(f"::{command} {props}::{escape_data(visible(message))}")
    annotations = "\n".join(lines) + "\n" if lines else ""
    return annotations + text_report.render(report, style._replace(color=False))
