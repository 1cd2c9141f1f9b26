"""The command line end to end: exit codes, options, languages, config discovery, golden output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BASE_CONFIG, NOW, Project, run

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
GOLDEN = Path(__file__).with_name("golden")


def test_examples_validate_clean_today_and_for_years() -> None:
    for now in (NOW, "2026-11-22 09:00", "2027-12-31 23:00", "2029-06-01 10:00"):
        result = run(["validate", str(EXAMPLES), "--now", now])
        assert result.exit_code == 0, result.output


def test_examples_json_golden() -> None:
    result = run(["validate", str(EXAMPLES), "--format", "json", "--now", "2030-04-01 12:00"])
    assert result.exit_code == 1
    expected = (GOLDEN / "examples-2030-04-01.json").read_text("utf-8")
    assert result.stdout == expected


def test_broken_examples_json_golden() -> None:
    result = run(["validate", str(EXAMPLES / "broken"), "--format", "json", "--now", "2026-11-22 12:00"])
    assert result.exit_code == 1
    assert result.stdout == (GOLDEN / "broken.json").read_text("utf-8")
    report = json.loads(result.stdout)
    keys = [(f["path"], f["line"], f["code"]) for f in report["findings"]]
    assert keys == sorted(keys)


def test_broken_examples_text_golden_in_japanese() -> None:
    result = run(["validate", str(EXAMPLES / "broken"), "--now", "2026-11-22 12:00", "--lang", "ja"])
    assert result.exit_code == 1
    assert result.stdout == (GOLDEN / "broken.ja.txt").read_text("utf-8")


@pytest.mark.parametrize(
    ("fmt", "golden"), [("github", "broken.github.txt"), ("sarif", "broken.sarif"), ("junit", "broken.junit.xml")]
)
def test_ci_formats_golden(fmt: str, golden: str) -> None:
    result = run(
        ["validate", str(EXAMPLES / "broken"), "--format", fmt, "--now", "2026-11-22 12:00"],
        env={"GITHUB_WORKSPACE": str(REPO)},
    )
    assert result.exit_code == 1
    assert result.stdout == (GOLDEN / golden).read_text("utf-8")


def test_readme_rule_table_matches_the_registry() -> None:
    from pasha_cli.rules import ALL_RULES

    readme = (REPO / "README.md").read_text("utf-8")
    table = [line.split("|")[1:4] for line in readme.splitlines() if line.startswith("| PSH")]
    assert [(c.strip(), n.strip(), s.strip()) for c, n, s in table] == [
        (r.code, r.name, r.severity.value) for r in ALL_RULES
    ]


def test_exit_codes(project: Project) -> None:
    project.draft("a.yaml", "account: free\npublish_at: 2030-04-16 10:00\nbody: ｱ\n")  # a warning only
    config = ["--config", str(project.root / "pasha.toml"), "--now", NOW]
    assert run(["validate", *config]).exit_code == 0
    assert run(["validate", "--strict", *config]).exit_code == 1
    assert run(["validate", "--ignore", "PSH113", "--strict", *config]).exit_code == 0
    assert run(["validate", "--format", "yaml", *config]).exit_code == 2
    assert run(["validate", "--select", "PSH999", *config]).exit_code == 2
    assert run(["validate", *config, "--now", "2030-02-30 10:00"]).exit_code == 2
    assert run(["validate", str(project.root / "nope.yaml"), *config]).exit_code == 2
    project.draft("b.yaml", "account: free\npublish_at: 2030-05-16 10:00\nbody: ''\n")
    assert run(["validate", *config]).exit_code == 1


def test_select_and_ignore_by_code_prefix_and_name(project: Project) -> None:
    project.draft("a.yaml", "account: free\npublish_at: 2030-03-05 10:00\nbody: ｱ\nlink: http://www.rakuten.co.jp/\n")
    assert {c for _, c, _ in project.codes()} == {"PSH113", "PSH301", "PSH503"}
    assert {c for _, c, _ in project.codes("--select", "PSH3")} == {"PSH301"}
    assert {c for _, c, _ in project.codes("--select", "insecure-link,halfwidth-katakana")} == {"PSH503", "PSH113"}
    assert {c for _, c, _ in project.codes("--ignore", "PSH1", "--ignore", "PSH503")} == {"PSH301"}


def test_config_severity_overrides(project: Project) -> None:
    project.write("pasha.toml", BASE_CONFIG + '\n[severity]\nPSH113 = "error"\nPSH503 = "off"\n')
    project.draft("a.yaml", "account: free\npublish_at: 2030-04-16 10:00\nbody: ｱ\nlink: http://www.rakuten.co.jp/\n")
    code, report = project.validate()
    assert code == 1
    assert [(f["code"], f["severity"]) for f in report["findings"]] == [("PSH113", "error")]


def test_json_shape(project: Project) -> None:
    project.draft("a.yaml", "account: free\npublish_at: 2030-04-16 10:00\nbody: ''\n")
    _, report = project.validate()
    assert report == {
        "version": 1,
        "findings": [
            {
                "path": "posts/a.yaml",
                "line": 3,
                "column": 1,
                "end_line": 3,
                "end_column": 9,  # a whole field: from its key to just after its value
                "code": "PSH102",
                "name": "body-empty",
                "severity": "error",
                "message": "the body is empty",
                "field": "body",
                "accepted": None,
            }
        ],
        "summary": {"files": 2, "errors": 1, "warnings": 0, "accepted": 0},
    }


def test_language_choice(project: Project) -> None:
    project.draft("a.yaml", "account: free\npublish_at: 2030-04-16 10:00\nbody: ''\n")
    args = ["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW]
    assert "本文が空です" in run([*args, "--lang", "ja"]).stdout
    assert "本文が空です" in run(args, env={"PASHA_LANG": "ja"}).stdout
    assert "the body is empty" in run(args, env={"PASHA_LANG": "", "LC_ALL": "", "LANG": "en_US.UTF-8"}).stdout
    assert "本文が空です" in run(args, env={"PASHA_LANG": "", "LC_ALL": "", "LANG": "ja_JP.UTF-8"}).stdout
    assert "the body is empty" in run([*args, "--lang", "en"], env={"PASHA_LANG": "ja"}).stdout


def test_pasha_now_environment(project: Project) -> None:
    project.draft("a.yaml", "account: free\npublish_at: 2030-03-05 10:00\nbody: x\n")
    args = ["validate", "--config", str(project.root / "pasha.toml"), "--format", "json"]
    assert run(args, env={"PASHA_NOW": "2030-02-01 10:00"}).exit_code == 0
    assert run(args, env={"PASHA_NOW": "2030-03-04 10:00"}).exit_code == 1
    assert run([*args, "--now", "2030-02-01 10:00"], env={"PASHA_NOW": "2030-03-04 10:00"}).exit_code == 0


def test_config_found_upward_from_the_paths_and_cwd(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = project.draft("deep/a.yaml", "account: free\npublish_at: 2030-04-16 10:00\nbody: ''\n")
    result = run(["validate", str(draft), "--now", NOW, "--format", "json"])
    assert json.loads(result.stdout)["findings"][0]["path"] == "posts/deep/a.yaml"
    monkeypatch.chdir(draft.parent)
    assert run(["validate", "--now", NOW]).exit_code == 1


def test_pyproject_table_and_pasha_toml_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.pasha]\n[tool.pasha.accounts.shop]\nplan = "paid"\n'
    )
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.yaml").write_text("account: shop\npublish_at: 2030-04-16 10:00\nbody: x\n")
    monkeypatch.chdir(tmp_path)
    assert run(["validate", "--now", NOW]).exit_code == 0
    (tmp_path / "pasha.toml").write_text('[accounts.other]\nplan = "paid"\n')  # wins in the same folder
    assert run(["validate", "--now", NOW]).exit_code == 1


def test_pyproject_errors_name_the_tool_pasha_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.pasha.accounts.shop]\nplan = "gold"\n')
    monkeypatch.chdir(tmp_path)
    result = run(["validate", "--now", NOW])
    assert result.exit_code == 2
    assert "pyproject.toml:5:" in result.stderr


def test_no_project_exits_2_and_says_where_it_looked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["validate"])
    assert result.exit_code == 2
    assert "pasha.toml" in result.stderr and str(tmp_path) in result.stderr
    assert run(["validate", "--config", str(tmp_path / "missing.toml")]).exit_code == 2


def test_paths_select_drafts_folders_and_images(project: Project) -> None:
    project.image("posts/shared.jpg", width=1000, height=500)
    a = project.draft("a.yaml", "account: paid\npublish_at: 2030-04-16 10:00\nbody: x\nimage: shared.jpg\n")
    project.draft("sub/b.yaml", "account: paid\npublish_at: 2030-04-17 10:00\nbody: ''\n")
    project.draft("c.yaml", "account: paid\npublish_at: 2030-04-18 10:00\nbody: x\nimage: shared.jpg\n")
    readme = project.write("README.md", "# not a draft\n")
    assert project.codes(str(a)) == {("posts/a.yaml", "PSH202", 4)}
    assert project.codes(str(project.root / "posts" / "sub")) == {("posts/sub/b.yaml", "PSH102", 3)}
    assert project.codes(str(project.root / "posts" / "shared.jpg")) == {
        ("posts/a.yaml", "PSH202", 4),
        ("posts/c.yaml", "PSH202", 4),
    }
    code, report = project.validate(str(readme))
    assert (code, report["summary"]["files"], report["findings"]) == (0, 0, [])
    assert len(project.codes(str(project.root / "pasha.toml"))) == 3  # a changed config checks everything


def test_rules_command_lists_and_explains(runner) -> None:  # type: ignore[no-untyped-def]
    listed = run(["rules"]).stdout
    assert "PSH001" in listed and "PSH503" in listed
    explained = run(["rules", "PSH301", "--lang", "ja"])
    assert explained.exit_code == 0 and "設定期限" in explained.stdout
    assert run(["rules", "insecure-link"]).exit_code == 0
    assert run(["rules", "PSH999"]).exit_code == 2
    family = run(["rules", "PSH2"]).stdout
    assert "PSH201" in family and "PSH210" in family and "PSH101" not in family


def test_deadline_command() -> None:
    result = run(["deadline", "2024-07-16", "--now", "2024-07-01 10:00", "--lang", "en"])
    assert result.exit_code == 0
    assert "2024-07-10 23:59:59 JST (Wed)" in result.stdout
    assert "2024-07-15 (Mon)  海の日 (Marine Day)" in result.stdout
    ja = run(["deadline", "2025年1月6日", "--now", "2024-12-20 10:00", "--lang", "ja"]).stdout
    assert "2024-12-25 23:59:59 JST（水）" in ja and "元日" in ja and "休業日" in ja
    assert run(["deadline", "2024-02-30"]).exit_code == 2
    assert run(["deadline", "someday"]).exit_code == 2


def test_help_and_version() -> None:
    assert run(["--help"]).exit_code == 0
    assert "PASHA_NOW" in run(["validate", "--help"]).stdout
    assert run(["--version"]).exit_code == 0


# (words, the usage line the help starts with, a line of the help's body)
NO_ARGUMENT_CASES = [
    ([], "Usage: pasha [OPTIONS] COMMAND [ARGS]...", "  validate     Check drafts"),
    (["image"], "Usage: pasha image [OPTIONS] COMMAND [ARGS]...", "  fit    Write a compliant JPEG"),
    (["maintenance"], "Usage: pasha maintenance [OPTIONS] COMMAND [ARGS]...", "  list    The maintenance windows"),
]


@pytest.mark.parametrize(
    ("words", "usage", "body"), NO_ARGUMENT_CASES, ids=["pasha", "pasha image", "pasha maintenance"]
)
def test_a_group_without_arguments_prints_its_help_once_and_exits_2(words: list[str], usage: str, body: str) -> None:
    """click 8.2 says it with a UsageError whose message is the whole help: shown as it is, not as
    an error line with its newlines escaped."""
    result = run(words)
    assert result.exit_code == 2
    assert result.stderr.startswith(usage + "\n") and result.stderr.count("Usage:") == 1, result.stderr
    assert any(line.startswith(body) for line in result.stderr.splitlines()), result.stderr
    assert "<U+000A>" not in result.stderr and "\npasha: " not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_list_of_commands_shows_each_ones_help_in_the_language(lang: str) -> None:
    """`pasha --help` lists the commands from the catalogue, without importing them."""
    from pasha_cli.cli import COMMANDS
    from pasha_cli.i18n import HELP

    lines = run(["--help"], env={"PASHA_LANG": lang}).stdout.splitlines()
    rows = dict(line.split(None, 1) for line in lines if line[:2] == "  " and line.split(None, 1)[0] in COMMANDS)
    assert sorted(rows) == sorted(COMMANDS)
    for name, short in rows.items():
        assert " ".join(HELP[name].get(lang).split()).startswith(short.removesuffix("...")), (name, short)


def test_console_script_as_a_subprocess(project: Project) -> None:
    project.draft("a.yaml", "account: free\npublish_at: 2030-04-16 10:00\nbody: ''\n")
    env = {**os.environ, "PASHA_NOW": NOW, "PASHA_LANG": "en", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "pasha_cli", "validate", "--format", "json"],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)["summary"]["errors"] == 1
    assert done.stderr == ""


def test_the_console_script_flushes_and_exits_with_mains_code(tmp_path: Path) -> None:
    """console() leaves through os._exit (no interpreter teardown): nothing printed may be lost."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # block-buffered, as in a pipe
    env.update(PASHA_LANG="en", NO_COLOR="1")

    def pasha(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pasha_cli", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    listed = pasha("rules")
    assert (listed.returncode, listed.stdout, listed.stderr) == (0, run(["rules"]).stdout, "")
    missing = pasha("image", "fit", "missing.jpg", "-o", "out.jpg", "--as", "timeline")
    assert missing.returncode == 1
    assert "missing.jpg: no such file" in missing.stderr
    assert pasha("--bogus").returncode == 2


def test_color_only_when_asked(project: Project) -> None:
    project.draft("a.yaml", "account: free\npublish_at: 2030-04-16 10:00\nbody: ''\n")
    args = ["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW]
    assert "\x1b[" not in run(args).stdout
    assert "\x1b[" in run(args, env={"NO_COLOR": "", "FORCE_COLOR": "1"}).stdout


def test_paths_from_several_projects_are_checked_each_in_its_own(tmp_path: Path) -> None:
    """An agency repository: one project per brand; pre-commit passes files of both at once."""
    a, b = Project(tmp_path / "brand-a"), Project(tmp_path / "brand-b")
    bad_a = a.draft("x.yaml", "account: free\npublish_at: 2030-04-16 10:00\nbody: ''\n")
    bad_b = b.draft("y.yaml", "account: paid\npublish_at: 2030-04-16 10:00\nbody: ｱ\n")
    workflow = tmp_path / ".github" / "workflows" / "ci.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("on: push\n")
    result = run(["validate", str(bad_a), str(workflow), str(bad_b), "--format", "json", "--now", NOW])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [(f["path"], f["code"]) for f in report["findings"]] == [
        ("brand-a/posts/x.yaml", "PSH102"),
        ("brand-b/posts/y.yaml", "PSH113"),
    ]
    assert report["summary"]["files"] == 2


def test_paths_in_no_project_check_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workflow = tmp_path / "ci.yml"
    workflow.write_text("on: push\n")
    monkeypatch.chdir(tmp_path)
    result = run(["validate", str(workflow), "--now", NOW])
    assert result.exit_code == 0 and "nothing to check" in result.stderr
    assert run(["validate", "--now", NOW]).exit_code == 2  # no path and no project: a real mistake


def test_cross_draft_findings_of_several_projects_name_the_others_from_the_shared_folder(tmp_path: Path) -> None:
    a, b = Project(tmp_path / "brand-a"), Project(tmp_path / "brand-b")
    first = a.draft("x.yaml", "account: free\npublish_at: 2030-04-16 10:00\nbody: x\n")
    a.draft("y.yaml", "account: free\npublish_at: 2030-04-20 10:00\nbody: y\n")
    other = b.draft("z.yaml", "account: paid\npublish_at: 2030-04-16 10:00\nbody: ''\n")
    result = run(["validate", str(first), str(other), "--format", "json", "--now", NOW])
    found = {(f["path"], f["code"]): f for f in json.loads(result.stdout)["findings"]}
    assert ("brand-a/posts/x.yaml", "PSH401") in found and ("brand-b/posts/z.yaml", "PSH102") in found
    sarif = json.loads(run(["validate", str(first), str(other), "--format", "sarif", "--now", NOW]).stdout)
    related = [
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
        for loc in r.get("relatedLocations", [])
    ]
    assert related and all(uri.startswith("brand-a/posts/") for uri in related), related


HELP_PATHS = [[], ["image"], ["validate"], ["rules"], ["deadline"], ["slots"], ["calendar"], ["ics"], ["preview"],
              ["export"], ["submit"], ["new"], ["init"], ["image", "fit"], ["image", "check"], ["maintenance"],
              ["maintenance", "import"], ["maintenance", "list"]]  # fmt: skip


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("words", HELP_PATHS, ids=lambda words: " ".join(words) or "pasha")
def test_dash_h_is_help_for_every_command(words: list[str], lang: str) -> None:
    """-h is --help everywhere (the group's context settings): a command's help option is made from
    the first context click sees for it, and localizing the help must not make it with --help alone."""
    result = run([*words, "-h"], env={"PASHA_LANG": lang})
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "-h, --help" in result.stdout


def test_dash_h_in_a_fresh_process() -> None:
    done = subprocess.run([sys.executable, "-m", "pasha_cli", "image", "-h"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PASHA_LANG": "en"})  # fmt: skip
    assert done.returncode == 0 and "-h, --help" in done.stdout, done.stderr


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("command", [["image", "check", "x.jpg"], ["image", "fit", "x.jpg", "-o", "y.jpg"]])
def test_a_missing_choice_lists_the_choices_on_lines_of_their_own(
    command: list[str], lang: str, tmp_path: Path
) -> None:
    (tmp_path / "x.jpg").write_bytes(b"")
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = run(command, env={"PASHA_LANG": lang})
    finally:
        os.chdir(old)
    assert result.exit_code == 2
    assert "<U+" not in result.stderr  # click's own line breaks are shown as breaks, not escaped
    assert [line.strip() for line in result.stderr.splitlines()[-4:]] == ["timeline,", "icon,", "top,", "info"]
