"""--format junit: JUnit XML for CI test reports (GitLab, Jenkins, Azure DevOps).

One test case per finding and one passing test case on a clean run. Errors are failures.
Warnings are skipped test cases with their text: GitLab's parser (lib/gitlab/ci/parsers/test/
junit.rb) keeps the text of a <failure>, <error> or <skipped> and drops it for a passing case,
so a warning written as a passing case was never seen there. With --strict, warnings fail
like errors. GitLab keys a test case by suite, class name and name, and keeps one of each key:
a second finding of the same rule on the same line gets ` #2` so that none is lost. A finding a
draft's `allow` accepts is a skipped case whose text starts with the acceptance and its reason,
also with --strict: accepted findings fail no run.

JUnit is shown to people (GitLab's test report, Jenkins), not read back by a machine, so every
value is shown with text.visible: no control, separator or bidi character reaches the page,
and XML 1.0, which cannot hold most control characters even escaped, always parses.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

from pasha_cli.characters import visible
from pasha_cli.i18n import t, tn
from pasha_cli.model import Report, Severity
from pasha_cli.report import Style, ci_path


def render(report: Report, style: Style) -> str:
    failing = [(f.severity is Severity.ERROR or style.strict) and f.accepted is None for f in report.findings]
    failures = sum(failing)
    cases = max(len(report.findings), 1)
    skipped = len(report.findings) - failures
    suites = ET.Element(
        "testsuites", name="pasha", tests=str(cases), failures=str(failures), errors="0", skipped=str(skipped)
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="pasha validate",
        tests=str(cases),
        failures=str(failures),
        errors="0",
        skipped=str(skipped),
    )
    seen: Counter[tuple[str, str]] = Counter()
    for f, fails in zip(report.findings, failing, strict=True):
        path = visible(ci_path(report, f.path, style))
        message = visible(f.message(style.lang))
        if f.accepted is not None:
            message = f"{visible(t('accepted-mark', reason=f.accepted).get(style.lang))} {message}"
        name = f"{f.code} {f.name} ({f.line}:{f.column})"
        seen[(path, name)] += 1
        if seen[(path, name)] > 1:
            name += f" #{seen[(path, name)]}"
        case = ET.SubElement(suite, "testcase", classname=path, name=name, file=path, line=str(f.line))
        detail = f"{path}:{f.line}:{f.column}: {f.code} {f.severity.value}: {message}"
        if fails:
            ET.SubElement(case, "failure", type=f.code, message=message).text = detail
        else:
            ET.SubElement(case, "skipped", message=message).text = detail
    if not report.findings:
        ET.SubElement(
            suite, "testcase", classname="pasha", name=f"pasha validate ({tn('n-files', report.files).get(style.lang)})"
        )
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
