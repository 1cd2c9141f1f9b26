"""--format junit: JUnit XML for CI test reports (GitLab, Jenkins, Azure DevOps).

One test case per finding (errors fail, warnings pass with their text), and one passing test
case on a clean run. XML 1.0 cannot hold most control characters even escaped, so a message
that contains one shows it as U+0007 and the like: the report always parses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from pasha_cli.model import Report, Severity
from pasha_cli.report import Style, ci_path

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value: str) -> str:
    return _NOT_XML.sub(lambda m: f"U+{ord(m.group()):04X}", value)


def render(report: Report, style: Style) -> str:
    failures = report.errors
    cases = max(len(report.findings), 1)
    suites = ET.Element("testsuites", name="pasha", tests=str(cases), failures=str(failures), errors="0")
    suite = ET.SubElement(suites, "testsuite", name="pasha validate", tests=str(cases), failures=str(failures),
                          errors="0", skipped="0")
    for f in report.findings:
        path = ci_path(report, f.path, style)
        message = xml_text(f.message(style.lang))
        case = ET.SubElement(suite, "testcase", classname=xml_text(path), name=f"{f.code} {f.name} ({f.line}:{f.column})",
                             file=xml_text(path), line=str(f.line))
        detail = f"{path}:{f.line}:{f.column}: {f.code} {f.severity.value}: {message}"
        if f.severity is Severity.ERROR:
            failure = ET.SubElement(case, "failure", type=f.code, message=message)
            failure.text = detail
        else:
            ET.SubElement(case, "system-out").text = detail
    if not report.findings:
        ET.SubElement(suite, "testcase", classname="pasha", name=f"pasha validate ({report.files} files)")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
