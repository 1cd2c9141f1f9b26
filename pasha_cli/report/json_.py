"""--format json: one object, version 1, findings sorted by path, line, code (PRODUCT.md section 4)."""

from __future__ import annotations

import json

from pasha_cli.model import Report
from pasha_cli.report import Style


def render(report: Report, style: Style) -> str:
    document = {
        "version": 1,
        "findings": [
            {
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "code": f.code,
                "name": f.name,
                "severity": f.severity.value,
                "message": f.message(style.lang),
                "field": f.field,
            }
            for f in report.findings
        ],
        "summary": {"files": report.files, "errors": report.errors, "warnings": report.warnings},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
