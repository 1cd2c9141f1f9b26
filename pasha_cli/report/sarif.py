"""--format sarif: a SARIF 2.1.0 log for code scanning (GitHub, GitLab, Azure DevOps).

One rule descriptor per rule that ran, with its summary and explanation; columns are counted
in Unicode code points, as pasha counts them (the run's columnKind says so: SARIF's default is
UTF-16 code units). Each region has its end: endColumn is exclusive, as SARIF defines it. Paths are relative to the workspace (%SRCROOT%),
written as RFC 3986 relative references (UTF-8, percent-encoded, `/` kept): a raw `%`, `#`, `?`,
space or Japanese name makes a log invalid or moves an alert to another file.

Each result has a fingerprint of its own (partialFingerprints, FINGERPRINT): GitHub would
otherwise merge results that share a rule and a line (four info images on one config line).
It hashes the rule code, the workspace-relative path, the field and the result's number among
those with the same three; not the line, the column or the message, which move with edits above
the field and, for some rules, with the clock. Values stay exact: this is a machine format.

A finding a draft's `allow` accepts carries SARIF 2.1.0's `suppressions` (section 3.27.23): kind
"inSource" (the exception is written in the analysed file, its front matter), status "accepted", and
the entry's reason as the justification. GitHub code scanning shows such an alert as dismissed.
"""

from __future__ import annotations

import re
from collections import Counter
from hashlib import sha256
from typing import Any
from urllib.parse import quote

from pasha_cli import __version__
from pasha_cli import rules as registry
from pasha_cli.model import Finding, Report, Severity
from pasha_cli.report import Style, ci_path
from pasha_cli.report.json_ import dumps

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "pashaFinding/v1"
_NOT_A_BYTE = re.compile("[\ud800-\udc7f\udd00-\udfff]")


def artifact_uri(path: str) -> str:
    """A relative POSIX path as a URI reference; a file name's undecodable bytes as they were on disk.

    os.fsdecode gives such a byte as a surrogate U+DC80-U+DCFF; any other surrogate (a draft's
    JSON "\\ud800") is in no file name, and becomes `?`.
    """
    return quote(_NOT_A_BYTE.sub("?", path).encode("utf-8", "surrogateescape"), safe="/")


def fingerprints(report: Report, style: Style) -> list[str]:
    """One stable fingerprint per finding, in the report's order (see the module's docstring)."""
    seen: Counter[tuple[str, str, str]] = Counter()
    out = []
    for f in report.findings:
        key = (f.code, ci_path(report, f.path, style), f.field or "")
        text = "\0".join((*key, str(seen[key])))
        seen[key] += 1
        out.append(sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32])
    return out


def region(f: Finding) -> dict[str, int]:
    """A finding's region: start and (exclusive) end, in code points."""
    end = f.end_position
    return {"startLine": f.line, "startColumn": f.column, "endLine": end.line, "endColumn": end.column}


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def render(report: Report, style: Style) -> str:
    rules = list(report.rules) or list(registry.ALL_RULES)
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
    for f, fingerprint in zip(report.findings, fingerprints(report, style), strict=True):
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": _level(f.severity),
            "message": {"text": f.message(style.lang)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": artifact_uri(ci_path(report, f.path, style)),
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": region(f),
                    },
                }
            ],
            "partialFingerprints": {FINGERPRINT: fingerprint},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if f.accepted is not None:
            result["suppressions"] = [{"kind": "inSource", "status": "accepted", "justification": f.accepted}]
        if f.other:
            result["relatedLocations"] = [
                {
                    "id": n,
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(ci_path(report, o, style)), "uriBaseId": "%SRCROOT%"}
                    },
                }
                for n, o in enumerate(f.other)
            ]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pasha",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": descriptors,
                    }
                },
                "language": style.lang,
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return dumps(log)
