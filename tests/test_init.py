"""`pasha init`: the first five minutes. The printed steps, followed literally, end with a working hook
and a clean first commit; the sample validates clean on any day; a failed init leaves nothing."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from pasha_cli.plan import scaffold
from tests.conftest import run

STEP = re.compile(r"^\s+\d+\. (.+?)    # ", re.M)


def _days() -> list[str]:
    """Every kind of day a newcomer may start on: each weekday, the eve of long holidays (Golden Week,
    Silver Week, the year end), a closure day, a day before a maintenance window, a leap day."""
    picked = [date(2030, 1, 1) + timedelta(days=n) for n in range(0, 365, 11)]
    picked += [
        date(2030, 4, 26),
        date(2030, 4, 30),
        date(2030, 5, 2),
        date(2030, 9, 13),
        date(2030, 12, 26),
        date(2030, 12, 28),
        date(2030, 12, 31),
        date(2031, 1, 3),
        date(2024, 7, 5),
        date(2024, 7, 8),
        date(2028, 2, 29),
        date(2030, 3, 1),
    ]
    return [f"{d:%Y-%m-%d} {h}" for d in picked for h in ("00:00", "17:30", "23:59")][::2]


@pytest.mark.sample(4, per="plan")
@pytest.mark.parametrize("now", _days())
@pytest.mark.parametrize("plan", ["free", "paid"])
def test_the_sample_validates_clean_on_any_day(tmp_path: Path, now: str, plan: str) -> None:
    """Clean, but for the one warning that is true: after the shipped schedule's last day
    (2024-09-30), pasha knows no maintenance on the sample's day (PSH305)."""
    result = run(["init", str(tmp_path / "p"), "--plan", plan, "--now", now])
    assert result.exit_code == 0, result.output
    checked = run(
        ["validate", "--config", str(tmp_path / "p" / "pasha.toml"), "--now", now, "--format", "json", "--strict"]
    )
    findings = json.loads(checked.stdout)["findings"]
    sample = next((tmp_path / "p" / "posts").rglob("*.yaml")).read_text("utf-8")
    day = re.search(r"^publish_at: (\d{4}-\d{2}-\d{2})", sample, re.M)
    assert day, sample
    expected = [] if day.group(1) <= "2024-09-30" else [("PSH305", "warning")]
    assert [(f["code"], f["severity"]) for f in findings] == expected, checked.output
    assert checked.exit_code == (1 if expected else 0), checked.output
    # the validate step says what it will show, and how to add the schedule
    validate = next(line for line in result.stdout.splitlines() if "pasha validate    #" in line)
    beyond = "one PSH305 warning: pasha knows the maintenance schedule up to 2024-09-30"
    assert (beyond in validate and "maintenance import -" in validate) is bool(expected)
    assert ("the sample is clean" in validate) is not expected


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PASHA_NOW": "2030-03-01 12:00",
        "PASHA_LANG": "en",
        "NO_COLOR": "1",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PRE_COMMIT_COLOR": "never",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    }


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None or shutil.which("pasha") is None, reason="needs git and pasha")
@pytest.mark.parametrize("where", ["sub-folder", "here"])
def test_following_the_printed_steps_ends_with_a_working_hook(tmp_path: Path, where: str) -> None:
    env = _env(tmp_path)
    start = tmp_path / "start"
    start.mkdir()
    args = [sys.executable, "-m", "pasha_cli", "init", *(["shop"] if where == "sub-folder" else [])]
    made = subprocess.run(args, cwd=start, env=env, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    steps = STEP.findall(made.stdout)
    assert steps[-3:] == ["pre-commit install", "pasha validate", 'git add -A && git commit -m "Start a pasha project"']
    assert ("git init" in steps) and (steps[0] == "cd shop") is (where == "sub-folder")
    cwd = start
    for step in steps:  # literally, as a newcomer types them
        if step.startswith("cd "):
            cwd = cwd / step[3:]
            continue
        done = subprocess.run(step, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, f"{step}\n{done.stdout}\n{done.stderr}"
        if step.startswith("git add"):
            assert re.search(r"pasha validate\.+Passed", done.stdout + done.stderr), done.stdout + done.stderr
    # the hook is live: a broken draft cannot be committed
    (cwd / "posts" / "bad.yaml").write_text("account: my-shop\npublish_at: 2030-02-30 10:00\nbody: x\n", "utf-8")
    refused = subprocess.run(
        'git add -A && git commit -m "bad"', shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    assert refused.returncode != 0 and "PSH002" in refused.stdout + refused.stderr, refused.stdout + refused.stderr


def test_inside_a_git_repository_no_git_init_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    result = run(["init", "deep/shop", "--now", "2030-03-01 12:00"])
    assert result.exit_code == 0, result.output
    steps = STEP.findall(result.stdout)
    assert steps[0] == "cd deep/shop" and "git init" not in steps


def test_a_folder_name_with_spaces_is_quoted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["init", "my shop", "--now", "2030-03-01 12:00"])
    assert result.exit_code == 0, result.output
    assert STEP.findall(result.stdout)[0] == "cd 'my shop'"


# (folder given to init, the `cd` step a shell runs as printed)
FOLDERS = [
    ("spaces", "my shop", "cd 'my shop'"),
    ("dash", "-x", "cd ./-x"),
    ("dash-alone", "-", "cd ./-"),
    ("dash-spaces", "-my shop", "cd './-my shop'"),
    ("quote-and-dollar", "a'$(x)", "cd 'a'\"'\"'$(x)'"),
]


@pytest.mark.parametrize(("folder", "step"), [c[1:] for c in FOLDERS], ids=[c[0] for c in FOLDERS])
def test_the_cd_step_goes_to_the_folder_in_a_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str, step: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["init", "--now", "2030-03-01 12:00", "--", folder])
    assert result.exit_code == 0, result.output
    printed = STEP.findall(result.stdout)[0]
    assert printed == step
    done = subprocess.run(["sh", "-c", f"{printed} && pwd -P"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == str((tmp_path / folder).resolve()), done.stderr


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_steps_in_both_languages(tmp_path: Path, lang: str) -> None:
    result = run(["init", str(tmp_path / "p"), "--now", "2030-03-01 12:00", "--lang", lang])
    assert result.exit_code == 0
    assert ("次の手順" if lang == "ja" else "Next steps") in result.stdout
    assert "cd ." not in STEP.findall(result.stdout)


# which file fails, and how: every failure leaves nothing, and a second init then succeeds
FAILURES = [(n, e) for n in range(5) for e in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EIO)]


@pytest.mark.parametrize(("failing", "error"), FAILURES)
def test_a_failed_init_leaves_nothing_and_can_be_run_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: int, error: int
) -> None:
    target = tmp_path / "shop"
    real = scaffold.write_atomic
    calls = []

    def failing_write(path: Path, data: bytes, *args: object, **kwargs: object) -> None:
        calls.append(path)
        if len(calls) == failing + 1:
            raise OSError(error, os.strerror(error), str(path))
        real(path, data, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(scaffold, "write_atomic", failing_write)
    result = run(["init", str(target), "--now", "2030-03-01 12:00"])
    assert result.exit_code == 2, result.output
    assert os.strerror(error) in result.stderr and "Traceback" not in result.output
    assert not target.exists()  # not even the folders it made
    monkeypatch.setattr(scaffold, "write_atomic", real)
    assert run(["init", str(target), "--now", "2030-03-01 12:00"]).exit_code == 0


def test_a_failed_init_keeps_what_was_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "mine.txt").write_text("mine")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")

    def full(path: Path, data: bytes, *args: object, **kwargs: object) -> None:
        if path.suffix == ".yaml":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        scaffold_write(path, data, *args, **kwargs)  # type: ignore[arg-type]

    scaffold_write = scaffold.write_atomic
    monkeypatch.setattr(scaffold, "write_atomic", full)
    assert run(["init", str(tmp_path), "--now", "2030-03-01 12:00"]).exit_code == 2
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        ".pre-commit-config.yaml",
        "posts",
        "posts/mine.txt",
    ]


@pytest.mark.parametrize(
    ("setup", "folder", "says"),
    [
        ("file", "afile", "is a file"),
        ("file", "afile/below", "is a file"),
        ("config", ".", "already exists"),
        ("sample", ".", "is a file"),
        (None, "x" * 300, "name too long"),
        (None, "bad\0name", "embedded null byte"),
    ],
)
def test_init_checks_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setup: str | None, folder: str, says: str
) -> None:
    monkeypatch.chdir(tmp_path)
    if setup == "file":
        (tmp_path / "afile").write_text("mine")
    elif setup == "config":
        (tmp_path / "pasha.toml").write_text("# mine\n")
    elif setup == "sample":  # a folder in the way of the sample draft's month
        (tmp_path / "posts").mkdir()
        (tmp_path / "posts" / "2030-03").write_text("mine")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = run(["init", folder, "--now", "2030-03-01 12:00"])
    assert result.exit_code == 2, result.output
    assert says.lower() in result.stderr.lower()
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize(
    ("patterns", "folder", "refused"),
    [
        (
            '["posts/**/*.yaml", "posts/**/*.json"]',
            "posts/shop",
            True,
        ),  # the sample and the schemas would be its drafts
        ('["posts/**/*.json"]', "posts/deep/er/shop", True),  # only the schema copies match
        ('["**/*.yaml"]', "anywhere/shop", True),
        ('["posts/*.yaml"]', "posts/shop", False),  # one level only: nothing the new project writes matches
        ('["posts/**/*.yaml"]', "elsewhere/shop", False),
        ('["POSTS/**/*.YAML"]', "posts/shop", True),  # case-blind, as a case-insensitive disk
    ],
)
def test_init_refuses_a_project_inside_another_ones_drafts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, patterns: str, folder: str, refused: bool
) -> None:
    (tmp_path / "pasha.toml").write_text(f'drafts = {patterns}\n\n[accounts.a]\nname = "A"\nplan = "paid"\n')
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "outer.yaml").write_text("account: a\npublish_at: 2030-04-16 10:00\nbody: x\n", "utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "outer.yaml").write_text("account: a\npublish_at: 2030-04-17 10:00\nbody: x\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(["init", folder, "--now", "2030-03-01 12:00"])
    if refused:
        assert result.exit_code == 2 and "draft pattern" in result.stderr, result.output
        assert not (tmp_path / folder).exists()
    else:
        assert result.exit_code == 0, result.output
        outer = run(["validate", "--config", str(tmp_path / "pasha.toml"), "--now", "2030-03-01 12:00"])
        assert outer.exit_code == 0, outer.output
