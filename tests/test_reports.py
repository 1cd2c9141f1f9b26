"""Each report format, built from a hand-made Report and checked with a parser of that format."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from jsonschema import Draft4Validator

from pasha_cli.model import Finding, LocalText, Report, Severity
from pasha_cli.report import Style, render
from pasha_cli.report.github import escape_data, escape_property
from pasha_cli.rules import ALL_RULES, RULES_BY_CODE
from tests.conftest import NOW, Project, run

SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))

FINDINGS = (
    Finding("posts/a,b:c.yaml", 3, 5, "PSH101", "body-too-long", Severity.ERROR,
            LocalText("本文が 2,001 文字あります：50% 超過\n次の行", "the body has 2,001 characters: 50% over\r\nnext")),
    Finding("posts/b.yaml", 2, 1, "PSH401", "free-plan-monthly-limit", Severity.ERROR,
            LocalText("同じ月", "same month"), "publish_at", ("posts/c.yaml",)),
    Finding("posts/b.yaml", 4, 1, "PSH111", "control-character", Severity.WARNING,
            LocalText("ベル\x07と\x1b", "bell\x07 and escape\x1b"), "body"),
)
REPORT = Report(FINDINGS, 3, "/work/project", ALL_RULES)
CLEAN = Report((), 4, "/work/project", ALL_RULES)


def test_github_escaping() -> None:
    assert escape_data("50% off\r\nnext") == "50%25 off%0D%0Anext"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"


def test_github_annotations_then_text() -> None:
    out = render(REPORT, "github", Style("en", base="/work"))
    lines = out.splitlines()
    assert lines[0] == ("::error file=project/posts/a%2Cb%3Ac.yaml,line=3,col=5,title=PSH101 body-too-long"
                        "::the body has 2,001 characters: 50%25 over%0D%0Anext")
    assert lines[2].startswith("::warning file=project/posts/b.yaml,line=4,col=1,title=PSH111 control-character::")
    assert "Checked 3 files: 2 errors, 1 warnings" in out  # the text report follows
    ja = render(REPORT, "github", Style("ja", base="/work/project")).splitlines()[0]
    assert ja.endswith("::本文が 2,001 文字あります：50%25 超過%0A次の行")


def test_sarif_validates_against_the_official_schema() -> None:
    for report in (REPORT, CLEAN):
        log = json.loads(render(report, "sarif", Style("ja", base="/work/project")))
        Draft4Validator(SARIF_SCHEMA).validate(log)
        run_ = log["runs"][0]
        assert run_["columnKind"] == "unicodeCodePoints"
        assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == [r.code for r in ALL_RULES]
    log = json.loads(render(REPORT, "sarif", Style("en", base="/work/project")))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    first = log["runs"][0]["results"][0]
    assert first["ruleId"] == "PSH101" and rules[first["ruleIndex"]]["id"] == "PSH101"
    assert rules[first["ruleIndex"]]["fullDescription"]["text"] == RULES_BY_CODE["PSH101"].explanation("en")
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "posts/a,b:c.yaml"
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 5}
    assert log["runs"][0]["results"][1]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "posts/c.yaml"
    assert [r["level"] for r in log["runs"][0]["results"]] == ["error", "error", "warning"]


def test_junit_parses_with_control_characters() -> None:
    root = ET.fromstring(render(REPORT, "junit", Style("en", base="/work/project")))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "3" and suite.get("failures") == "2"
    cases = suite.findall("testcase")
    assert [c.find("failure") is not None for c in cases] == [True, True, False]
    warning = cases[2].find("system-out")
    assert warning is not None and "bellU+0007 and escapeU+001B" in (warning.text or "")
    assert cases[0].get("file") == "posts/a,b:c.yaml" and cases[0].get("line") == "3"


def test_junit_clean_run_has_one_passing_case() -> None:
    root = ET.fromstring(render(CLEAN, "junit", Style("ja")))
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 1 and not list(cases[0])
    assert root.get("failures") == "0"


def test_text_to_the_terminal_and_sarif_and_junit_to_files_in_one_run(project: Project) -> None:
    project.draft("a.yaml", "account: free\npublish_at: 2030-04-16 10:00\nbody: ''\n")
    out = project.root / "reports"
    result = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW,
                  "--output-file", str(out / "pasha.sarif"), "--output-file", f"junit:{out / 'junit.txt'}",
                  "--output-file", str(out / "report.json")])
    assert result.exit_code == 1
    assert "PSH102" in result.stdout and result.stdout.rstrip().endswith("1 errors, 0 warnings")
    Draft4Validator(SARIF_SCHEMA).validate(json.loads((out / "pasha.sarif").read_text("utf-8")))
    assert ET.parse(out / "junit.txt").getroot().get("failures") == "1"
    assert json.loads((out / "report.json").read_text("utf-8"))["summary"]["errors"] == 1
    assert not list(out.glob(".*tmp"))  # written atomically: no temporary files left


def test_unwritable_output_file_exits_2(project: Project) -> None:
    blocker = project.write("file", "not a folder")
    result = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW,
                  "--output-file", str(blocker / "x.sarif")])
    assert result.exit_code == 2 and "x.sarif" in result.stderr


def test_github_format_end_to_end_paths_relative_to_the_workspace(project: Project) -> None:
    project.draft("a.yaml", "account: free\npublish_at: 2030-04-16 10:00\nbody: ''\n")
    result = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW, "--format", "github"],
                 env={"GITHUB_WORKSPACE": str(project.root.parent)})
    assert result.stdout.startswith(f"::error file={project.root.name}/posts/a.yaml,line=3,col=1,title=PSH102 body-empty::")
