"""The hook file, and real `pre-commit` runs of it (from a snapshot of this working tree) in scratch repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import BASE_CONFIG, jpeg_bytes

REPO = Path(__file__).resolve().parents[1]


def test_hook_file_parses_and_its_entry_resolves() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "pasha-validate")
    assert hook["language"] == "python" and hook["require_serial"] is True
    assert hook["types"] == [] and hook["types_or"] == ["file", "symlink"] and "files" not in hook  # pasha sorts them
    import tomllib

    scripts = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert hook["entry"].split()[0] in scripts
    assert hook["entry"].split()[1] == "validate"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com",
        },
    )


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's store, with this repository's hook as it is in the working tree, committed to a
    snapshot repository once: every run of the module reuses one installed hook environment
    (`try-repo` would install it again for every run)."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    snapshot = tmp_path_factory.mktemp("hook-source")
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        if (REPO / name).is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, snapshot / name)
    _git(snapshot, "init", "-q")
    _git(snapshot, "add", "-A")
    _git(snapshot, "commit", "-q", "-m", "snapshot")
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=snapshot, capture_output=True, text=True, check=True
    ).stdout.strip()
    (home / "config.yaml").write_text(
        f"repos:\n  - repo: {snapshot.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: pasha-validate\n", "utf-8"
    )
    return home


def _pre_commit(work: Path, home: Path, *files: str) -> subprocess.CompletedProcess[str]:
    """The real pre-commit with the shipped hook on the named files (`--files`), or, with none, as a
    commit runs it: on the staged changes."""
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "PASHA_NOW": "2030-03-01 12:00",
        "PASHA_LANG": "en",
        "NO_COLOR": "1",
        "PRE_COMMIT_COLOR": "never",
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "run",
            "--config",
            str(home / "config.yaml"),
            "pasha-validate",
            "--verbose",
            *(["--files", *files] if files else []),
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def _hook_repo(tmp_path: Path) -> Path:
    work = tmp_path / "drafts-repo"
    (work / "shop" / "posts").mkdir(parents=True)
    _git(work, "init", "-q")
    (work / "shop" / "pasha.toml").write_text(BASE_CONFIG, "utf-8")
    (work / "shop" / "posts" / "ok.yaml").write_text(
        "account: paid\npublish_at: 2030-04-16 10:00\nbody: こんにちは\nimage: ok.jpg\n", "utf-8"
    )
    (work / "shop" / "posts" / "ok.jpg").write_bytes(jpeg_bytes())
    (work / "shop" / "posts" / "other.jpg").write_bytes(jpeg_bytes())
    _git(work, "add", "-A")
    _git(work, "commit", "-q", "-m", "drafts")
    return work


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_real_pre_commit_pre_commit(tmp_path: Path, pre_commit_home: Path) -> None:
    work = _hook_repo(tmp_path)
    (work / "README.md").write_text("# not a draft\n", "utf-8")
    _git(work, "add", "-A")

    clean = _pre_commit(work, pre_commit_home, "shop/posts/ok.yaml", "shop/posts/ok.jpg", "README.md")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout

    (work / "shop" / "posts" / "broken.yaml").write_text(
        "account: paid\npublish_at: 2030-04-17 10:00\nbody: x\nimgae: ok.jpg\n", "utf-8"
    )
    _git(work, "add", "-A")
    broken = _pre_commit(work, pre_commit_home, "shop/posts/broken.yaml", "shop/posts/ok.yaml")
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "Failed" in broken.stdout
    assert "PSH002" in broken.stdout and "posts/broken.yaml" in broken.stdout
    assert broken.stdout.count("PSH002") == 1


# File names that would be options if they came before `--`: each would switch the config, write
# over pasha.toml, silence the rules, print help instead of checking, or end the hook with exit 2.
OPTION_NAMES = [
    "--config=evil.toml",
    "--output-file=pasha.toml",
    "--output-file=json:pasha.toml",
    "--format=json",
    "--now=2020-01-01 00:00",
    "--ignore=PSH0,PSH1,PSH2,PSH3,PSH4,PSH5",
    "--select=PSH999",
    "--help",
    "-h",
    "--version",
    "--lang=xx",
    "--strict",
    "--pre-commit",
    "-",
    "--",
    "---",
    "-o",
]


@pytest.mark.parametrize("name", OPTION_NAMES)
def test_file_names_after_the_separator_are_never_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """The argv pre-commit builds from the hook file (entry + args + file names), run in process."""
    from tests.conftest import Project, run

    project = Project(tmp_path)
    project.write("evil.toml", "drafts = []\n[accounts.x]\nname = 'x'\nplan = 'paid'\n")
    project.draft("broken.yaml", "account: paid\npublish_at: 2030-04-17 10:00\nbody: x\nimgae: a.jpg\n")
    (tmp_path / name).write_text("not a draft\n", "utf-8")
    config_before = (tmp_path / "pasha.toml").read_bytes()
    monkeypatch.chdir(tmp_path)
    hook = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))[0]
    argv = [*hook["entry"].split()[1:], *hook["args"], name, "posts/broken.yaml"]
    result = run([*argv], env={"PASHA_NOW": "2030-03-01 12:00"})
    assert result.exit_code == 1, result.output
    assert result.stdout.count("PSH002") == 1 and "posts/broken.yaml" in result.stdout
    assert (tmp_path / "pasha.toml").read_bytes() == config_before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({"evil.toml", "pasha.toml", "posts", name})


@pytest.mark.parametrize("args", [[], ["--strict"], ["--format", "json"]])
def test_pre_commit_mode_refuses_args_without_the_separator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    from tests.conftest import Project, run

    Project(tmp_path).draft("ok.yaml", "account: paid\npublish_at: 2030-04-17 10:00\nbody: x\n")
    monkeypatch.chdir(tmp_path)
    result = run(["validate", "--pre-commit", *args, "posts/ok.yaml"])
    assert result.exit_code == 2 and 'keep "--" last' in result.stderr


def test_init_writes_a_hook_with_the_separator_and_always_run(tmp_path: Path) -> None:
    from pasha_cli.plan.scaffold import PRE_COMMIT_TEMPLATE

    hook = yaml.safe_load(PRE_COMMIT_TEMPLATE)["repos"][0]["hooks"][0]
    shipped = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))[0]
    assert hook["entry"] == shipped["entry"] == "pasha validate --pre-commit"
    assert hook["args"] == shipped["args"] == ["--"]
    assert hook["always_run"] is shipped["always_run"] is True
    assert "files" not in hook and hook["types_or"] == shipped["types_or"] == ["file", "symlink"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize(
    ("change", "fails"),
    [
        (["rm", "-q", "shop/posts/ok.jpg"], True),  # the image a draft uses, deleted
        (["mv", "shop/posts/ok.jpg", "shop/posts/renamed.jpg"], True),  # ... renamed
        (["mv", "shop/posts", "shop/moved"], True),  # its folder moved: the draft comes along, its image name holds
        (["rm", "-q", "shop/posts/other.jpg"], False),  # an image no draft uses
        (["rm", "-q", "shop/posts/ok.yaml"], False),  # the draft itself
    ],
)
def test_real_pre_commit_sees_what_a_commit_removes(
    tmp_path: Path, pre_commit_home: Path, change: list[str], fails: bool
) -> None:
    work = _hook_repo(tmp_path)
    _git(work, *change)
    result = _pre_commit(work, pre_commit_home)
    if change[0] == "mv" and change[1] == "shop/posts":
        assert result.returncode == 0, result.stdout + result.stderr  # moved together: nothing broken
        return
    assert result.returncode == (1 if fails else 0), result.stdout + result.stderr
    assert ("PSH004" in result.stdout) is fails


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_real_pre_commit_with_option_like_file_names(tmp_path: Path, pre_commit_home: Path) -> None:
    work = _hook_repo(tmp_path)
    for name in OPTION_NAMES:
        if name not in ("-", "--"):  # git itself reads these two as its own syntax in `git add`
            (work / name).write_text("not a draft\n", "utf-8")
    (work / "shop" / "posts" / "broken.yaml").write_text(
        "account: paid\npublish_at: 2030-04-17 10:00\nbody: x\nimgae: ok.jpg\n", "utf-8"
    )
    config = (work / "shop" / "pasha.toml").read_bytes()
    _git(work, "add", "-A")
    result = _pre_commit(work, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.count("PSH002") == 1 and "posts/broken.yaml" in result.stdout
    assert (work / "shop" / "pasha.toml").read_bytes() == config


def _retarget(work: Path) -> None:
    (work / "shop" / "posts" / "ok.jpg").unlink()
    (work / "shop" / "posts" / "ok.jpg").symlink_to("/etc/hostname")


def _truncate_unsuffixed(work: Path) -> None:
    (work / "shop" / "posts" / "photo").write_bytes(jpeg_bytes()[:300])


def _truncate_jfif(work: Path) -> None:
    (work / "shop" / "posts" / "p.jfif").write_bytes(jpeg_bytes()[:300])


def _relink_draft(work: Path) -> None:
    (work / "shop" / "posts" / "b.yaml").unlink()
    (work / "shop" / "posts" / "b.yaml").symlink_to("bad.txt")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None or os.name == "nt", reason="needs git and symbolic links")
@pytest.mark.parametrize(
    ("change", "code"),
    [
        (_retarget, "PSH004"),  # the image a draft uses now leads out of the project (pre-commit types it "symlink")
        (_truncate_unsuffixed, "PSH208"),  # an image named without a suffix, broken
        (_truncate_jfif, "PSH208"),  # a suffix pre-commit does not type as jpeg
        (_relink_draft, "PSH002"),  # a draft that is a link, now to a file with errors
    ],
)
def test_real_pre_commit_sees_changes_whatever_their_type(
    tmp_path: Path, pre_commit_home: Path, change: Callable[[Path], None], code: str
) -> None:
    work = _hook_repo(tmp_path)
    posts = work / "shop" / "posts"
    (posts / "photo").write_bytes(jpeg_bytes())
    (posts / "p.jfif").write_bytes(jpeg_bytes())
    (posts / "unsuffixed.yaml").write_text(
        "account: paid\npublish_at: 2030-04-17 10:00\nbody: x\nimage: photo\n", "utf-8"
    )
    (posts / "jfif.yaml").write_text("account: paid\npublish_at: 2030-04-18 10:00\nbody: x\nimage: p.jfif\n", "utf-8")
    (posts / "good.txt").write_text("account: paid\npublish_at: 2030-04-19 10:00\nbody: x\n", "utf-8")
    (posts / "bad.txt").write_text("account: paid\npublish_at: 2030-04-19 10:00\nbody: x\nimgae: y\n", "utf-8")
    (posts / "b.yaml").symlink_to("good.txt")
    _git(work, "add", "-A")
    _git(work, "commit", "-q", "-m", "more")
    assert _pre_commit(work, pre_commit_home).returncode == 0
    change(work)
    _git(work, "add", "-A")
    result = _pre_commit(work, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert code in result.stdout


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize(
    ("change", "code"),
    [
        (["rm", "-q", "shop/pasha.toml"], 2),  # drafts left without a project: never "nothing to check"
        (["mv", "shop/pasha.toml", "shop/pasha.toml.off"], 2),
        (["rm", "-q", "-r", "shop"], 0),  # the whole project goes: nothing is left unchecked
    ],
)
def test_real_pre_commit_refuses_a_commit_that_orphans_drafts(
    tmp_path: Path, pre_commit_home: Path, change: list[str], code: int
) -> None:
    work = _hook_repo(tmp_path)
    _git(work, *change)
    result = _pre_commit(work, pre_commit_home)
    assert result.returncode == (1 if code else 0), result.stdout + result.stderr  # pre-commit's own code
    if code == 2:
        assert "exit code: 2" in result.stdout and "removes shop/pasha.toml while drafts remain" in result.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("ref", ["--output=written.txt", "-p", "--exec=touch pwned"])
def test_a_from_ref_that_looks_like_an_option_is_a_revision(tmp_path: Path, ref: str) -> None:
    from pasha_cli.errors import PashaUsageError
    from pasha_cli.project.hook import removed_files

    work = _hook_repo(tmp_path)
    with pytest.raises(PashaUsageError):  # git: a bad revision, said as a hook failure (exit 2)
        removed_files(work, {"PRE_COMMIT_FROM_REF": ref, "PRE_COMMIT_TO_REF": "HEAD"})
    assert sorted(p.name for p in work.iterdir()) == [".git", "shop"]
