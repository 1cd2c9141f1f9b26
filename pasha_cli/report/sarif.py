"""--format sarif: a SARIF 2.1.0 log for code scanning (GitHub, GitLab, Azure DevOps).

One rule descriptor per rule that ran, with its summary and explanation; columns are counted
in Unicode code points, as pasha counts them. Paths are relative to the workspace (%SRCROOT%).
"""

from __future__ import annotations

import json
from typing import Any

from pasha_cli import __version__
from pasha_cli.model import Report, Severity
from pasha_cli.report import Style, ci_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def render(report: Report, style: Style) -> str:
    from pasha_cli.rules import ALL_RULES

    rules = list(report.rules) or list(ALL_RULES)
    index = {rule.code: n for n, rule in enumerate(rules)}
    descriptors = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary.get(style.lang)},
            "fullDescription": {"text": rule.explanation(style.lang)},
            "help": {"text": rule.explanation(style.lang)},
            "defaultConfiguration": {"level": _level(rule.severity)},
        }
        for rule in rules
    ]
    results = []
    for f in report.findings:
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": _level(f.severity),
            "message": {"text": f.message(style.lang)},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": ci_path(report, f.path, style), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": f.line, "startColumn": f.column},
                },
            }],
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if f.other:
            result["relatedLocations"] = [
                {"id": n, "physicalLocation": {"artifactLocation": {"uri": ci_path(report, o, style),
                                                                     "uriBaseId": "%SRCROOT%"}}}
                for n, o in enumerate(f.other)
            ]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "pasha", "version": __version__, "semanticVersion": __version__,
                                "rules": descriptors}},
            "language": style.lang,
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
