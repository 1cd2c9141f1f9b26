"""The hook file, and one real `pre-commit try-repo` run against this repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import BASE_CONFIG, jpeg_bytes

REPO = Path(__file__).resolve().parents[1]


def test_hook_file_parses_and_its_entry_resolves() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "pasha-validate")
    assert hook["language"] == "python" and hook["require_serial"] is True
    assert set(hook["types_or"]) >= {"yaml", "json", "markdown", "toml", "jpeg", "png"}
    import tomllib

    scripts = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert hook["entry"].split()[0] in scripts
    assert hook["entry"].split()[1] == "validate"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"})


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _try_repo(work: Path, home: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PASHA_NOW": "2030-03-01 12:00", "PASHA_LANG": "en",
           "NO_COLOR": "1", "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "pasha-validate", "--verbose",
                           "--files", *files], cwd=work, env=env, capture_output=True, text=True, timeout=900)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_real_pre_commit_try_repo(tmp_path: Path, pre_commit_home: Path) -> None:
    work = tmp_path / "drafts-repo"
    (work / "shop" / "posts").mkdir(parents=True)
    _git(work, "init", "-q")
    (work / "shop" / "pasha.toml").write_text(BASE_CONFIG, "utf-8")
    (work / "shop" / "posts" / "ok.yaml").write_text(
        "account: paid\npublish_at: 2030-04-16 10:00\nbody: こんにちは\nimage: ok.jpg\n", "utf-8")
    (work / "shop" / "posts" / "ok.jpg").write_bytes(jpeg_bytes())
    (work / "README.md").write_text("# not a draft\n", "utf-8")
    _git(work, "add", "-A")

    clean = _try_repo(work, pre_commit_home, "shop/posts/ok.yaml", "shop/posts/ok.jpg", "README.md")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout

    (work / "shop" / "posts" / "broken.yaml").write_text(
        "account: paid\npublish_at: 2030-04-17 10:00\nbody: x\nimgae: ok.jpg\n", "utf-8")
    _git(work, "add", "-A")
    broken = _try_repo(work, pre_commit_home, "shop/posts/broken.yaml", "shop/posts/ok.yaml")
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "Failed" in broken.stdout
    assert "PSH002" in broken.stdout and "posts/broken.yaml" in broken.stdout
    assert broken.stdout.count("PSH002") == 1
