"""Each report format, built from a hand-made Report and checked with a parser of that format."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from jsonschema import Draft4Validator

from pasha_cli.characters import inert, normalise_newlines, shown, visible
from pasha_cli.model import Finding, LocalText, Position, Report, Severity
from pasha_cli.report import Style, render
from pasha_cli.report.github import escape_data, escape_property
from pasha_cli.rules import ALL_RULES, RULES_BY_CODE
from tests.conftest import NOW, Project, run
from tests.hostile_text import HOSTILE, commands, raw_characters

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))

FINDINGS = (
    Finding(
        "posts/a,b:c.yaml",
        3,
        5,
        "PSH101",
        "body-too-long",
        Severity.ERROR,
        LocalText("本文が 2,001 文字あります：50% 超過\n次の行", "the body has 2,001 characters: 50% over\r\nnext"),
        end=Position(5, 2),
    ),
    Finding(
        "posts/b.yaml",
        2,
        1,
        "PSH401",
        "free-plan-monthly-limit",
        Severity.ERROR,
        LocalText("同じ月", "same month"),
        "publish_at",
        ("posts/c.yaml",),
    ),
    Finding(
        "posts/b.yaml",
        4,
        1,
        "PSH111",
        "control-character",
        Severity.WARNING,
        LocalText("ベル\x07と\x1b", "bell\x07 and escape\x1b"),
        "body",
        end=Position(4, 2),
    ),
)
REPORT = Report(FINDINGS, 3, "/work/project", ALL_RULES)
CLEAN = Report((), 4, "/work/project", ALL_RULES)
# RFC 3986 relative-path reference as pasha writes it: unreserved characters, `/`, and %XX
URI_REFERENCE = re.compile(r"(?:[A-Za-z0-9._~/-]|%[0-9A-F]{2})+")


def test_github_escaping() -> None:
    assert escape_data("50% off\r\nnext") == "50%25 off%0D%0Anext"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"


ESCAPE_ROUND_TRIPS = [
    "50%",
    "%0A",
    "%0D%0A",
    "%25",
    "%250A",
    "%%0A%",
    "%3A%2C",
    "a,b",
    "a:b",
    "::",
    "a=b=c",
    "x\r\ny",
    "\n::add-mask::x",
    "posts/a,b:c=d.yaml",
    "価格：1,000円",
    "%E5%A4%8F",
]


@pytest.mark.parametrize("value", ESCAPE_ROUND_TRIPS)
def test_github_escaping_is_undone_exactly_by_the_runner(value: str) -> None:
    """Escape as pasha does, parse and unescape as actions/runner does: the value comes back whole."""
    line = f"::error file={escape_property(value)},title={escape_property(value)}::{escape_data(value)}"
    assert "\n" not in line and "\r" not in line
    assert _annotation(line) == ("error", {"file": value, "title": value}, value)


def test_github_annotations_then_text() -> None:
    out = render(REPORT, "github", Style("en", base="/work"))
    lines = out.splitlines()
    assert lines[0] == (
        "::error file=project/posts/a%2Cb%3Ac.yaml,line=3,endLine=5,col=5,title=PSH101 body-too-long"
        "::the body has 2,001 characters: 50%25 over<U+000D><U+000A>next"
    )
    assert lines[1].startswith("::error file=project/posts/b.yaml,line=2,endLine=2,col=1,endColumn=1,title=PSH401")
    assert lines[2].startswith(
        "::warning file=project/posts/b.yaml,line=4,endLine=4,col=1,endColumn=2,title=PSH111 control-character::"
    )
    assert "Checked 3 files: 2 errors, 1 warning" in out  # the text report follows
    ja = render(REPORT, "github", Style("ja", base="/work/project")).splitlines()[0]
    assert ja.endswith("::本文が 2,001 文字あります：50%25 超過<U+000A>次の行")


def test_json_findings_carry_their_exclusive_end() -> None:
    document = json.loads(render(REPORT, "json", Style("en")))
    places = [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in document["findings"]]
    assert places == [(3, 5, 5, 2), (2, 1, 2, 1), (4, 1, 4, 2)]  # no end: a point, at the start


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
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "posts/a%2Cb%3Ac.yaml"
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in log["runs"][0]["results"]]
    assert regions == [
        {"startLine": 3, "startColumn": 5, "endLine": 5, "endColumn": 2},
        {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 1},  # no end: a point
        {"startLine": 4, "startColumn": 1, "endLine": 4, "endColumn": 2},
    ]
    assert (
        log["runs"][0]["results"][1]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "posts/c.yaml"
    )
    assert [r["level"] for r in log["runs"][0]["results"]] == ["error", "error", "warning"]


def test_junit_parses_with_control_characters() -> None:
    root = ET.fromstring(render(REPORT, "junit", Style("en", base="/work/project")))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "3" and suite.get("failures") == "2"
    assert suite.get("skipped") == "1"
    cases = suite.findall("testcase")
    assert [c.find("failure") is not None for c in cases] == [True, True, False]
    warning = cases[2].find("skipped")  # GitLab shows the text of a skipped case, never a passing one's
    assert warning is not None and "bell<U+0007> and escape<U+001B>" in (warning.text or "")
    assert warning.get("message") == "bell<U+0007> and escape<U+001B>"
    assert cases[0].get("file") == "posts/a,b:c.yaml" and cases[0].get("line") == "3"


def test_junit_clean_run_has_one_passing_case() -> None:
    root = ET.fromstring(render(CLEAN, "junit", Style("ja")))
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 1 and not list(cases[0])
    assert root.get("failures") == "0"


def test_text_to_the_terminal_and_sarif_and_junit_to_files_in_one_run(project: Project) -> None:
    project.draft("a.yaml", "account: free\npublish_at: 2030-04-16 10:00\nbody: ''\n")
    out = project.root / "reports"
    result = run(
        [
            "validate",
            "--config",
            str(project.root / "pasha.toml"),
            "--now",
            NOW,
            "--output-file",
            str(out / "pasha.sarif"),
            "--output-file",
            f"junit:{out / 'junit.txt'}",
            "--output-file",
            str(out / "report.json"),
        ]
    )
    assert result.exit_code == 1
    assert "PSH102" in result.stdout and result.stdout.rstrip().endswith("Checked 2 files: 1 error, 0 warnings")
    Draft4Validator(SARIF_SCHEMA).validate(json.loads((out / "pasha.sarif").read_text("utf-8")))
    assert ET.parse(out / "junit.txt").getroot().get("failures") == "1"
    assert json.loads((out / "report.json").read_text("utf-8"))["summary"]["errors"] == 1
    assert not list(out.glob(".*tmp"))  # written atomically: no temporary files left


def test_unwritable_output_file_exits_2(project: Project) -> None:
    blocker = project.write("file", "not a folder")
    result = run(
        [
            "validate",
            "--config",
            str(project.root / "pasha.toml"),
            "--now",
            NOW,
            "--output-file",
            str(blocker / "x.sarif"),
        ]
    )
    assert result.exit_code == 2 and "x.sarif" in result.stderr


def test_github_format_end_to_end_paths_relative_to_the_workspace(project: Project) -> None:
    project.draft("a.yaml", "account: free\npublish_at: 2030-04-16 10:00\nbody: ''\n")
    result = run(
        ["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW, "--format", "github"],
        env={"GITHUB_WORKSPACE": str(project.root.parent)},
    )
    assert result.stdout.startswith(
        f"::error file={project.root.name}/posts/a.yaml,line=3,endLine=3,col=1,endColumn=9,title=PSH102 body-empty::"
    )


# --- output cannot be used to inject (issue 10, item 7) ---------------------------------------


def _hostile_report(value: str, root: str = "/work/project") -> Report:
    """Findings whose path and message carry `value`: one at the project root (its path starts a line)."""
    findings = (
        Finding(
            f"{value}.yaml",
            1,
            1,
            "PSH003",
            "unknown-account",
            Severity.ERROR,
            LocalText(f"アカウント `{value}` はありません", f"account `{value}` is not in pasha.toml"),
            "account",
        ),
        Finding(
            f"posts/{value}.yaml",
            4,
            1,
            "PSH502",
            "link-domain-not-allowed",
            Severity.ERROR,
            LocalText(f"リンク {value}", f"the link {value}"),
            "link",
            (f"posts/{value}-other.yaml",),
        ),
        Finding(
            f"posts/{value}.yaml",
            5,
            1,
            "PSH503",
            "insecure-link",
            Severity.WARNING,
            LocalText(f"画像 {value}", f"image {value}"),
            "image",
        ),
    )
    return Report(tuple(sorted(findings, key=Finding.sort_key)), 2, root, ALL_RULES)


def _unescape_runner(value: str, property_: bool) -> str:
    """As actions/runner's ActionCommand.UnescapeProperty / UnescapeData do it, in their order."""
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if property_ else []) + [("%25", "%")]
    for escaped, char in pairs:
        value = value.replace(escaped, char)
    return value


def _annotation(line: str) -> tuple[str, dict[str, str], str]:
    """A `::command props::data` line parsed as the runner's TryParseV2 does."""
    end = line.index("::", 2)
    name, _, props = line[2:end].partition(" ")
    properties = dict(pair.split("=", 1) for pair in props.strip().split(",") if pair)
    return name, {k: _unescape_runner(v, True) for k, v in properties.items()}, _unescape_runner(line[end + 2 :], False)


@pytest.mark.parametrize(("value",), [(h[1],) for h in HOSTILE], ids=[h[0] for h in HOSTILE])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_human_formats_show_hostile_values_visibly(value: str, lang: str) -> None:
    report = _hostile_report(value)
    style = Style(lang, base="/work/project")
    for out in (render(report, "text", style), render(report, "text", style._replace(color=True))):
        assert raw_characters(out) == [] and commands(out) == []
        assert shown(f"posts/{value}.yaml") in out
    github = render(report, "github", style)
    assert raw_characters(github) == []
    own = commands(github)
    assert len(own) == len(report.findings)  # pasha's annotations, and nothing else
    for line, finding in zip(own, report.findings, strict=True):
        command, properties, data = _annotation(line)
        assert command in ("error", "warning")
        assert properties["file"] == visible(finding.path) and properties["line"] == str(finding.line)
        assert set(properties) == {"file", "line", "endLine", "col", "endColumn", "title"}  # none smuggled in
        assert data == visible(finding.message(lang))
    junit = render(report, "junit", style)
    assert raw_characters(junit) == []
    cases = ET.fromstring(junit).findall("./testsuite/testcase")
    assert [c.get("file") for c in cases] == [visible(f.path) for f in report.findings]


@pytest.mark.parametrize(("value",), [(h[1],) for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_machine_formats_keep_hostile_values_exact(value: str) -> None:
    report = _hostile_report(value)
    style = Style("en", base="/work/project")
    document = json.loads(render(report, "json", style))
    assert [(f["path"], f["message"]) for f in document["findings"]] == [
        (f.path, f.message("en")) for f in report.findings
    ]
    log = json.loads(render(report, "sarif", style))
    Draft4Validator(SARIF_SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert all(URI_REFERENCE.fullmatch(u) for u in uris), uris
    assert [unquote(u, errors="surrogateescape") for u in uris] == [f.path for f in report.findings]
    assert [r["message"]["text"] for r in results] == [f.message("en") for f in report.findings]


@pytest.mark.parametrize("fmt", ["text", "github", "junit", "json", "sarif"])
def test_every_format_is_utf8_with_undecodable_file_names_and_lone_surrogates(fmt: str) -> None:
    report = _hostile_report("d\udcff\ud800")  # a name's byte 0xFF as os.fsdecode gives it; a JSON "\ud800"
    out = render(report, fmt, Style("en", base="/work/project"))
    out.encode("utf-8")  # strict: a raw surrogate cannot be written
    if fmt in ("json", "sarif"):
        assert "\\udcff\\ud800" in out and json.loads(out)  # exact, as JSON's escape
    if fmt == "sarif":
        assert "d%FF%3F" in out  # the file's own byte; a surrogate no file can have becomes ?


def _toml_string(value: str) -> str:
    return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\U{ord(c):08X}" for c in value) + '"'


def _hostile_project(root: Path, value: str) -> Path:
    """A project whose config and one draft carry `value` in every field that messages quote.

    The draft sits at the project root, so its path begins the lines of the text report."""
    project = Project(root, f'drafts = ["*.json"]\n\n[accounts.free]\nname = {_toml_string(value)}\nplan = "free"\n')
    name = f"{value}.json" if "\x00" not in value and "/" not in value else "plain.json"
    # an image name with NUL ends the run with an internal error in path resolution (issue 10 item 6)
    image = f"{value}.jpg" if "\x00" not in value else "plain.jpg"
    draft = {
        "account": value,
        "publish_at": "2030-04-16 10:00",
        "status": "draft",
        "body": f"本文 {value}\n次の行",
        "link": f"https://evil.example/{value}",
        "image": image,
        value: "unknown field",
    }
    project.write(name, json.dumps(draft, ensure_ascii=True))
    second = {
        "account": "free",
        "publish_at": "2030-04-17 10:00",
        "body": value,
        "link": f"https://evil.example/{value}",
    }
    project.write("second.json", json.dumps(second))
    return project.root / name


def _assert_safe(result: Any, codes: tuple[int, ...], annotations: bool = False) -> None:
    """Exit as expected, strict UTF-8, nothing raw, and no workflow command but pasha's own annotations."""
    assert result.exit_code in codes, result.output
    for stream in (result.stdout_bytes, result.stderr_bytes):
        text = stream.decode("utf-8")  # strict
        assert "Internal error" not in text and "Traceback" not in text
        assert raw_characters(text) == [], text
        own = [
            line for line in text.split("\n") if annotations and line.startswith(("::error file=", "::warning file="))
        ]
        assert commands(text) == own, text


@pytest.mark.sample(6)
@pytest.mark.parametrize(("value",), [(h[1],) for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_every_command_shows_hostile_values_visibly(tmp_path: Path, value: str) -> None:
    draft = _hostile_project(tmp_path / "p", value)
    config = ["--config", str(tmp_path / "p" / "pasha.toml"), "--now", NOW]
    reports = tmp_path / "reports"
    text = run(["validate", *config])
    _assert_safe(text, (1,))
    assert shown(f"`{value}`") in text.stdout and inert(visible(draft.name)) in text.stdout
    github = run(
        [
            "validate",
            *config,
            "--format",
            "github",
            "--output-file",
            f"junit:{reports / 'j.xml'}",
            "--output-file",
            str(reports / "r.sarif"),
            "--output-file",
            str(reports / "r.json"),
        ]
    )
    _assert_safe(github, (1,), annotations=True)
    assert len(commands(github.stdout)) == len(json.loads((reports / "r.json").read_text("utf-8"))["findings"])
    assert raw_characters((reports / "j.xml").read_text("utf-8")) == []
    Draft4Validator(SARIF_SCHEMA).validate(json.loads((reports / "r.sarif").read_text("utf-8")))
    messages = [f["message"] for f in json.loads((reports / "r.json").read_text("utf-8"))["findings"]]
    assert any(value in m for m in messages)  # exact in the machine format
    calendar = run(["calendar", *config, "--month", "2030-04"])
    _assert_safe(calendar, (0,))
    assert visible(value) == value or "<U+" in calendar.stdout  # the account id is shown, visibly
    preview = run(["preview", str(draft), *config, "--html", str(reports / "p.html")])
    _assert_safe(preview, (0,))
    assert inert(visible(normalise_newlines(f"本文 {value}"), multiline=True)) in preview.stdout
    page = (reports / "p.html").read_text("utf-8")
    assert raw_characters(page) == [] and "<script" not in page
    argv_value = value.replace("\x00", "")  # an argument cannot hold NUL
    for args in (
        ["validate", *config, str(tmp_path / "p" / f"{argv_value}-missing.json")],
        ["calendar", *config, "--month", argv_value],
        ["slots", *config, "--account", argv_value],
        ["validate", *config, "--format", argv_value],
        ["validate", "--config", str(tmp_path / f"{argv_value}.toml")],
        ["validate", *config, "--now", argv_value],
        ["image", "check", "--as", "timeline", str(tmp_path / f"{argv_value}-missing.jpg")],
    ):
        _assert_safe(run(args), (2,))
    if "/" not in argv_value:  # a file of that name that is no image: the measured line and the failure name it
        source = tmp_path / f"{argv_value}.jpg"
        source.write_bytes(b"not an image")
        _assert_safe(run(["image", "check", "--as", "timeline", str(source)]), (1,))
        _assert_safe(run(["image", "fit", "--as", "timeline", str(source), "-o", str(tmp_path / "out.jpg")]), (1,))


@pytest.mark.skipif(os.name == "nt", reason="file names as bytes")
def test_undecodable_file_name_in_every_format(project: Project) -> None:
    name = os.fsdecode(b"posts/d\xff.yaml")
    project.draft(name[len("posts/") :], "account: nobody\npublish_at: 2030-04-16 10:00\nbody: x\n")
    config = ["--config", str(project.root / "pasha.toml"), "--now", NOW]
    for fmt in ("text", "github", "junit"):
        result = run(["validate", *config, "--format", fmt])
        _assert_safe(result, (1,), annotations=fmt == "github")
        assert "d<U+DCFF>.yaml" in result.stdout.replace("&lt;", "<").replace("&gt;", ">")
    document = json.loads(run(["validate", *config, "--format", "json"]).stdout_bytes.decode("utf-8"))
    assert document["findings"][0]["path"] == name
    log = json.loads(run(["validate", *config, "--format", "sarif"]).stdout_bytes.decode("utf-8"))
    assert (
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "posts/d%FF.yaml"
    )
    image = project.write(os.fsdecode(b"e\xff.jpg"), b"no image")
    checked = run(["image", "check", "--as", "timeline", "--format", "json", str(image)])
    assert json.loads(checked.stdout_bytes.decode("utf-8"))["images"][0]["path"] == str(image)


# --- CI files that GitHub and GitLab accept and place correctly (issue 10, item 9) -----------

SARIF_NAMES = [
    ("japanese", "posts/夏のセール.yaml"),
    ("japanese-folder", "posts/キャンペーン/告知.yaml"),
    ("space", "posts/my post.yaml"),
    ("ideographic-space", "posts/全角\u3000空白.yaml"),
    ("percent", "posts/50%off.yaml"),
    ("percent-hex", "posts/%41%2F.yaml"),
    ("hash", "posts/#1.yaml"),
    ("question", "posts/what?.yaml"),
    ("colon-first-segment", "a:b.yaml"),
    ("plus", "posts/a+b.yaml"),
    ("sub-delims", "posts/a&b=c;d,e!$'()*.yaml"),
    ("brackets-braces", "posts/[x]{y}.yaml"),
    ("at-sign", "posts/@brand.yaml"),
    ("backslash", "posts/a\\b.yaml"),
    ("quote-lt-gt", 'posts/"<x>".yaml'),
    ("emoji", "posts/☕️.yaml"),
    ("tilde-dots", "posts/~.x..yaml"),
]


@pytest.mark.parametrize(("path",), [(n[1],) for n in SARIF_NAMES], ids=[n[0] for n in SARIF_NAMES])
def test_sarif_uri_is_a_relative_reference_that_resolves_to_the_file(path: str) -> None:
    report = Report(
        (
            Finding(
                path,
                2,
                1,
                "PSH401",
                "free-plan-monthly-limit",
                Severity.ERROR,
                LocalText("同じ月", "same month"),
                "publish_at",
                ("posts/other 50%#?.yaml",),
            ),
        ),
        1,
        "/ws/project",
        ALL_RULES,
    )
    log = json.loads(render(report, "sarif", Style("ja", base="/ws")))
    Draft4Validator(SARIF_SCHEMA).validate(log)
    result = log["runs"][0]["results"][0]
    for location, expected in (
        (result["locations"][0], f"project/{path}"),
        (result["relatedLocations"][0], "project/posts/other 50%#?.yaml"),
    ):
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        assert URI_REFERENCE.fullmatch(uri), uri
        joined = urlsplit(urljoin("file:///home/runner/work/repo/", uri))  # as %SRCROOT% resolves it
        assert (joined.scheme, joined.query, joined.fragment) == ("file", "", "")
        assert unquote(joined.path) == f"/home/runner/work/repo/{expected}"


def test_sarif_places_real_files_with_hostile_names(project: Project) -> None:
    for _, path in SARIF_NAMES:
        if path.startswith("posts/") and "\\" not in path:
            project.write(path, "account: free\npublish_at: 2030-04-16 10:00\nbody: ''\n")
    result = run(
        ["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW, "--format", "sarif"],
        env={"GITHUB_WORKSPACE": str(project.root.parent)},
    )
    log = json.loads(result.stdout)
    Draft4Validator(SARIF_SCHEMA).validate(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert len(uris) == sum(1 for _, p in SARIF_NAMES if p.startswith("posts/") and "\\" not in p)
    for uri in uris:
        assert URI_REFERENCE.fullmatch(uri) and (project.root.parent / unquote(uri)).is_file(), uri


@pytest.mark.skipif(os.name == "nt", reason="symbolic links")
@pytest.mark.parametrize("via", ["workspace-is-a-link", "config-through-a-link", "both"])
def test_paths_through_a_symbolic_link_stay_inside_the_workspace(tmp_path: Path, via: str) -> None:
    real = tmp_path / "real" / "ws"
    project = Project(real / "project")
    project.draft("a b.yaml", "account: free\npublish_at: 2030-04-16 10:00\nbody: ''\n")
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    workspace = link if via in ("workspace-is-a-link", "both") else real
    config = (link if via in ("config-through-a-link", "both") else real) / "project" / "pasha.toml"
    args = ["validate", "--config", str(config), "--now", NOW]
    env = {"GITHUB_WORKSPACE": str(workspace)}
    log = json.loads(run([*args, "--format", "sarif"], env=env).stdout)
    assert (
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "project/posts/a%20b.yaml"
    )
    assert run([*args, "--format", "github"], env=env).stdout.startswith("::error file=project/posts/a b.yaml,line=3")
    case = ET.fromstring(run([*args, "--format", "junit"], env=env).stdout).find("./testsuite/testcase")
    assert case is not None and case.get("file") == "project/posts/a b.yaml"


def test_a_project_outside_the_workspace_keeps_project_paths(tmp_path: Path) -> None:
    project = Project(tmp_path / "project")
    project.draft("a.yaml", "account: free\npublish_at: 2030-04-16 10:00\nbody: ''\n")
    (tmp_path / "ws").mkdir()
    result = run(
        ["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW, "--format", "github"],
        env={"GITHUB_WORKSPACE": str(tmp_path / "ws")},
    )
    assert result.stdout.startswith("::error file=posts/a.yaml,")


def _fingerprints(log: dict[str, Any]) -> list[tuple[str, int, str]]:
    return [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["partialFingerprints"]["pashaFinding/v1"],
        )
        for r in log["runs"][0]["results"]
    ]


def test_sarif_fingerprints_are_unique_and_stable_across_runs_clocks_and_line_moves(project: Project) -> None:
    body = (
        "account: free\npublish_at: 2020-04-16 10:00\nbody: 'a\u200bb\u200bc\u202e'\nlink: http://www.example.co.jp/\n"
    )
    project.draft("a.yaml", body)
    project.draft("b.yaml", body)
    args = ["validate", "--config", str(project.root / "pasha.toml"), "--format", "sarif"]
    env = {"GITHUB_WORKSPACE": str(project.root)}
    first = _fingerprints(json.loads(run([*args, "--now", NOW], env=env).stdout))
    assert len(first) >= 8 and len({f for _, _, f in first}) == len(first)  # three PSH110 on one line: three alerts
    assert _fingerprints(json.loads(run([*args, "--now", NOW], env=env).stdout)) == first
    assert [f for _, _, f in _fingerprints(json.loads(run([*args, "--now", "2030-03-02 09:00"], env=env).stdout))] == [
        f for _, _, f in first
    ]  # PSH303's message names the clock; its alert stays the same
    project.draft("a.yaml", "# a comment moves every line down\n\n" + body)
    moved = _fingerprints(json.loads(run([*args, "--now", NOW], env=env).stdout))
    assert [(c, f) for c, _, f in moved] == [(c, f) for c, _, f in first]
    assert [line for _, line, _ in moved] != [line for _, line, _ in first]


def test_broken_examples_give_one_alert_and_one_gitlab_case_per_finding() -> None:
    args = ["validate", str(EXAMPLES / "broken"), "--now", "2026-11-22 12:00"]
    log = json.loads(run([*args, "--format", "sarif"], env={"GITHUB_WORKSPACE": str(REPO)}).stdout)
    prints = [f for _, _, f in _fingerprints(log)]
    assert len(prints) == 68 and len(set(prints)) == 68  # four PSH202 on pasha.toml among them
    cases = _gitlab_cases(run([*args, "--format", "junit"]).stdout)
    assert len(cases) == 68
    assert sorted(c[0] for c in cases.values()).count("skipped") == 38  # 37 warnings and an accepted finding


def _gitlab_cases(xml: str) -> dict[tuple[str | None, str | None, str | None], tuple[str, str | None]]:
    """Test cases as GitLab's JUnit parser keeps them: by (suite, class name, name), with status and output."""
    kept: dict[tuple[str | None, str | None, str | None], tuple[str, str | None]] = {}
    for suite in ET.fromstring(xml).iter("testsuite"):
        for case in suite.findall("testcase"):
            status, output = "success", None
            for tag, name in (("failure", "failed"), ("error", "error"), ("skipped", "skipped")):
                child = case.find(tag)
                if child is not None:
                    status, output = name, child.text
                    break
            kept[(suite.get("name"), case.get("classname"), case.get("name"))] = (status, output)
    return kept


def test_junit_warnings_are_visible_in_gitlab_and_fail_with_strict(project: Project) -> None:
    project.draft(
        "a.yaml", "account: free\npublish_at: 2030-04-16 10:00\nbody: ｱ\u200bｲ\u200b\nlink: http://www.example.co.jp/\n"
    )
    args = ["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW, "--format", "junit"]
    plain = run(args)
    assert plain.exit_code == 0
    cases = _gitlab_cases(plain.stdout)
    assert len(cases) == 4 and {s for s, _ in cases.values()} == {"skipped"}  # two PSH110 on one line both kept
    assert all(output and "warning" in output for _, output in cases.values())
    strict = run([*args, "--strict"])
    assert strict.exit_code == 1
    assert {s for s, _ in _gitlab_cases(strict.stdout).values()} == {"failed"}
    assert ET.fromstring(strict.stdout).get("failures") == "4"


def _month_of(project: Project, count: int) -> None:
    for n in range(count):
        project.draft(f"d{n:02d}.yaml", f"account: free\npublish_at: 2030-04-{n % 28 + 1:02d} 10:00\nbody: x\n")


PSH401_LISTS = [
    ("two", 2, "the others: posts/d01.yaml", "同じ月の投稿: posts/d01.yaml", 1),
    (
        "six",
        6,
        "the others: posts/d01.yaml, posts/d02.yaml, posts/d03.yaml, posts/d04.yaml, posts/d05.yaml",
        "posts/d04.yaml, posts/d05.yaml",
        5,
    ),
    ("seven", 7, "posts/d05.yaml and 1 more", "posts/d05.yaml ほか 1 件", 5),
    ("forty", 40, "posts/d05.yaml and 34 more", "posts/d05.yaml ほか 34 件", 5),
]


@pytest.mark.parametrize(
    ("count", "en", "ja", "related"), [c[1:] for c in PSH401_LISTS], ids=[c[0] for c in PSH401_LISTS]
)
def test_psh401_names_a_few_other_drafts_and_counts_the_rest(
    project: Project, count: int, en: str, ja: str, related: int
) -> None:
    _month_of(project, count)
    config = ["--config", str(project.root / "pasha.toml"), "--now", NOW]
    target = str(project.root / "posts" / "d00.yaml")
    for lang, expected in (("en", en), ("ja", ja)):
        report = json.loads(run(["validate", *config, "--format", "json", "--lang", lang, target]).stdout)
        (finding,) = report["findings"]
        assert finding["code"] == "PSH401" and finding["message"].endswith(expected), finding["message"]
    log = json.loads(run(["validate", *config, "--format", "sarif", target]).stdout)
    assert len(log["runs"][0]["results"][0]["relatedLocations"]) == related
    assert f"has {count} posts in 2030-04" in run(["validate", *config, target]).stdout


def test_psh401_with_a_limit_of_zero_says_one_post(project: Project) -> None:
    project.write(
        "pasha.toml", project.root.joinpath("pasha.toml").read_text() + "\n[spec]\nfree_posts_per_month = 0\n"
    )
    _month_of(project, 1)
    result = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW, "--format", "json"])
    messages = [f["message"] for f in json.loads(result.stdout)["findings"] if f["code"] == "PSH401"]
    assert messages == ["free-plan account `free` has 1 post in 2030-04 (limit 0)"]


SUMMARIES = [
    ("one-each", 1, 1, 1, "Checked 1 file: 1 error, 1 warning", "1 ファイルを検査しました: エラー 1 件、警告 1 件"),
    (
        "many",
        1234,
        2,
        0,
        "Checked 1,234 files: 2 errors, 0 warnings",
        "1,234 ファイルを検査しました: エラー 2 件、警告 0 件",
    ),
]


@pytest.mark.parametrize(
    ("files", "errors", "warnings", "en", "ja"), [c[1:] for c in SUMMARIES], ids=[c[0] for c in SUMMARIES]
)
def test_summary_counts_with_plurals(files: int, errors: int, warnings: int, en: str, ja: str) -> None:
    findings = tuple(
        Finding("a.yaml", n + 1, 1, "PSH101", "body-too-long", Severity.ERROR, LocalText("x", "x"))
        for n in range(errors)
    ) + tuple(
        Finding("a.yaml", 99, 1, "PSH113", "halfwidth-katakana", Severity.WARNING, LocalText("x", "x"))
        for _ in range(warnings)
    )
    report = Report(findings, files, "/p", ALL_RULES)
    assert render(report, "text", Style("en")).rstrip().endswith(en)
    assert render(report, "text", Style("ja")).rstrip().endswith(ja)
    assert render(Report((), 1, "/p"), "text", Style("en")).strip() == "Checked 1 file: no problems."
