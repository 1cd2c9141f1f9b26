"""Every command over a project full of hostile input: no internal error (exit 3), no traceback,
nothing written outside the command's own target. Time per case: benchmarks/hostile.py."""

from __future__ import annotations

import os
from importlib.util import find_spec
from pathlib import Path

import pytest

from tests import hostile_corpus
from tests.conftest import run

NOW = "2030-03-01 12:00"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    hostile_corpus.build(root)
    return root


def _drafts(root: Path) -> list[str]:
    return sorted(
        p.relative_to(root).as_posix()
        for p in (root / "posts").rglob("*")
        if p.suffix in (".yaml", ".json", ".md") and (p.is_file() or p.is_symlink())
    )


def _images() -> list[str]:
    return sorted(f"posts/{name}" for name in hostile_corpus.IMAGES)


COMMANDS: list[tuple[str, list[str], set[int], tuple[str, ...]]] = [
    # (id, argv, allowed exit codes, paths the command may write, relative to the project)
    *[
        (f"validate-{fmt}", ["validate", "--format", fmt], {1}, ())
        for fmt in ("text", "json", "github", "sarif", "junit")
    ],
    (
        "validate-outputs",
        ["validate", "--output-file", "out/r.sarif", "--output-file", "junit:out/r.xml", "--output-file", "out/r.json"],
        {1},
        ("out/r.sarif", "out/r.xml", "out/r.json"),
    ),
    ("validate-strict-lang-ja", ["validate", "--strict", "--lang", "ja"], {1}, ()),
    ("validate-paths", ["validate", "posts/images", "posts/ok.jpg", "posts/md"], {1}, ()),
    ("calendar", ["calendar", "--month", "2030-04"], {0}, ()),
    ("calendar-json", ["calendar", "--month", "2030-04", "--format", "json"], {0}, ()),
    ("calendar-account", ["calendar", "--account", "free"], {0}, ()),
    ("ics", ["ics"], {0}, ()),
    ("ics-file", ["ics", "-o", "out/feed.ics"], {0}, ("out/feed.ics",)),
    ("ics-maintenance", ["ics", "--maintenance"], {0}, ()),
    ("slots-free", ["slots", "--account", "free"], {0}, ()),
    ("slots-paid-json", ["slots", "--account", "paid", "--format", "json"], {0}, ()),
    ("slots-campaign", ["slots", "--account", "paid", "--campaign", "posts/campaign-escape.json"], {0}, ()),
    ("export", ["export", "-o", "out/bundle.zip"], {1}, ("out/bundle.zip",)),
    ("export-cp932", ["export", "-o", "out/cp932.zip", "--encoding", "cp932"], {1}, ("out/cp932.zip",)),
    ("new", ["new", "--account", "free", "-o", "posts/new.yaml"], {0}, ("posts/new.yaml",)),
    ("deadline", ["deadline", "2030-04-16"], {0}, ()),
    ("maintenance-list", ["maintenance", "list", "--format", "json"], {0}, ()),
    # without the ja extra, terms says how to install it (exit 2)
    ("terms", ["terms"], {0} if find_spec("sudachipy") and find_spec("sudachidict_core") else {2}, ()),
    (
        "terms-json-file",
        ["terms", "--format", "json", "-o", "out/terms.json", "--lang", "ja"],
        {0, 2},
        ("out/terms.json",),
    ),
]


@pytest.mark.sample(1, per=lambda p: p["argv"][0])  # one run of each command
@pytest.mark.parametrize(("argv", "codes", "writes"), [c[1:] for c in COMMANDS], ids=[c[0] for c in COMMANDS])
def test_every_command_over_the_hostile_project(
    hostile: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str], codes: set[int], writes: tuple[str, ...]
) -> None:
    monkeypatch.chdir(hostile)
    before = hostile_corpus.snapshot(hostile)
    result = run([*argv, "--now", NOW] if argv[0] not in ("rules", "terms") else argv)  # no clock in them
    _assert_no_crash(result.exit_code, result.output + result.stderr, codes)
    after = hostile_corpus.snapshot(hostile)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert changed <= {*writes, "out"}, changed
    for rel in writes:
        (hostile / rel).unlink(missing_ok=True)


@pytest.mark.slow
def test_preview_of_every_hostile_draft(hostile: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(hostile)
    before = hostile_corpus.snapshot(hostile)
    drafts = _drafts(hostile)
    assert len(drafts) >= 50
    for n, rel in enumerate(drafts):
        result = run(["preview", rel, "--html", str(tmp_path / f"{n}.html"), "--now", NOW])
        _assert_no_crash(result.exit_code, result.output + result.stderr, {0, 1, 2}, rel)
    assert hostile_corpus.snapshot(hostile) == before


def test_submit_refuses_every_broken_hostile_draft(hostile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(hostile)
    before = hostile_corpus.snapshot(hostile)
    broken = [rel for rel in _drafts(hostile) if not rel.startswith("posts/-") and "name" not in rel]
    result = run(["submit", "--now", NOW, "--", *broken])
    _assert_no_crash(result.exit_code, result.output + result.stderr, {1, 2})
    assert hostile_corpus.snapshot(hostile) == before


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("kind", ["timeline", "icon", "top", "info"])
def test_image_check_of_every_hostile_image(
    hostile: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, kind: str
) -> None:
    monkeypatch.chdir(hostile)
    images = [*_images(), *(["posts/loop.jpg"] if os.name != "nt" else [])]
    result = run(["image", "check", "--as", kind, "--format", fmt, "--", *images])
    _assert_no_crash(result.exit_code, result.output + result.stderr, {1, 2})


@pytest.mark.parametrize("image", [*hostile_corpus.IMAGES, "loop.jpg"])
def test_image_fit_of_every_hostile_image(
    hostile: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, image: str
) -> None:
    if image == "loop.jpg" and os.name == "nt":
        pytest.skip("symbolic links")
    monkeypatch.chdir(hostile)
    before = hostile_corpus.snapshot(hostile)
    result = run(["image", "fit", f"posts/{image}", "-o", str(tmp_path / "out.jpg"), "--as", "timeline"])
    _assert_no_crash(result.exit_code, result.output + result.stderr, {0, 1, 2})
    assert hostile_corpus.snapshot(hostile) == before
    assert sorted(p.name for p in tmp_path.iterdir()) in ([], ["out.jpg"])  # no temporary file left behind


def _assert_no_crash(code: int, output: str, allowed: set[int], what: str = "") -> None:
    assert code != 3 and "Internal error" not in output and "Traceback" not in output, (what, output[-2000:])
    assert code in allowed, (what, code, output[-2000:])


# programs a repository's own git config could make git run while pasha asks it about the drafts
GIT_CONFIG_PROGRAMS = [
    ("fsmonitor", [("core.fsmonitor", "PROGRAM")]),
    ("pager", [("core.pager", "PROGRAM")]),
    ("external-diff", [("diff.external", "PROGRAM")]),
    ("gpg-for-signed-commits", [("log.showSignature", "true"), ("gpg.program", "PROGRAM")]),
    ("alias-diff", [("alias.diff", "!PROGRAM")]),
    ("alias-log", [("alias.log", "!PROGRAM")]),
    ("alias-status", [("alias.status", "!PROGRAM")]),
]
GIT_COMMANDS = [
    ("pre-commit", ["validate", "--pre-commit", "--", "posts/a.yaml"]),
    ("ics", ["ics"]),
]


@pytest.mark.parametrize("settings", [k for _, k in GIT_CONFIG_PROGRAMS], ids=[i for i, _ in GIT_CONFIG_PROGRAMS])
@pytest.mark.parametrize("argv", [a for _, a in GIT_COMMANDS], ids=[i for i, _ in GIT_COMMANDS])
def test_git_runs_no_program_the_repository_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: list[tuple[str, str]], argv: list[str]
) -> None:
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    from tests.conftest import Project

    project = Project(tmp_path / "repo", '[accounts.shop]\nname = "店"\nplan = "paid"\n')
    project.draft("a.yaml", "account: shop\npublish_at: 2030-03-20 10:00\nbody: 本文\n")
    marker = tmp_path / "ran"
    program = tmp_path / "program.sh"
    program.write_text(f"#!/bin/sh\necho \"$@\" >> '{marker}'\n", encoding="utf-8")
    program.chmod(0o755)

    def git(*args: str, data: bytes | None = None) -> bytes:
        return subprocess.run(["git", *args], cwd=project.root, check=True, capture_output=True, input=data).stdout

    git("init", "-q")
    git("add", "-A")
    tree = git("write-tree").decode().strip()
    signed = (
        f"tree {tree}\nauthor t <t@t> 1900000000 +0000\ncommitter t <t@t> 1900000000 +0000\n"
        "gpgsig -----BEGIN PGP SIGNATURE-----\n \n AAAA\n -----END PGP SIGNATURE-----\n\nstart\n"
    )
    commit = git("hash-object", "-t", "commit", "-w", "--stdin", data=signed.encode()).decode().strip()
    git("reset", "-q", "--soft", commit)  # a signed commit (its signature never checks: gpg need not exist)
    for key, value in settings:
        git("config", key, value.replace("PROGRAM", str(program)))
    os.utime(project.root / "posts/a.yaml", (1, 1))  # stat differs from the index: git must look again
    monkeypatch.chdir(project.root)
    result = run(argv, env={"PASHA_NOW": NOW})
    assert result.exit_code in (0, 1), result.output
    assert not marker.exists(), marker.read_text(encoding="utf-8")
