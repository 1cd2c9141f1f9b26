"""--format json: one object, version 1, findings sorted by path, line, code (PRODUCT.md section 4).

`accepted` is the reason of the draft's `allow` entry that accepts a finding (null: not accepted);
accepted findings are not in the summary's errors and warnings but in its `accepted` count.
`end_line`/`end_column` are where what the finding is about ends: just after its last character
(exclusive, as SARIF's endColumn), in code points like `column`; equal to the start for a point."""

from __future__ import annotations

import json
import re
from typing import Any

from pasha_cli.model import Report
from pasha_cli.report import Style

_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(document: Any) -> str:
    """JSON text that is valid UTF-8 and keeps every value exact.

    Non-ASCII stays readable; a lone surrogate (a file name's undecodable byte, a JSON `\\udcff`
    in a draft) is written as its \\u escape, the one way JSON can carry it: raw, it is no UTF-8.
    """
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def render(report: Report, style: Style) -> str:
    return dumps(
        {
            "version": 1,
            "findings": [
                {
                    "path": f.path,
                    "line": f.line,
                    "column": f.column,
                    "end_line": f.end_position.line,
                    "end_column": f.end_position.column,
                    "code": f.code,
                    "name": f.name,
                    "severity": f.severity.value,
                    "message": f.message(style.lang),
                    "field": f.field,
                    "accepted": f.accepted,
                }
                for f in report.findings
            ],
            "summary": {
                "files": report.files,
                "errors": report.errors,
                "warnings": report.warnings,
                "accepted": report.accepted,
            },
        }
    )
