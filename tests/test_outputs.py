"""Every command that writes a file the user names: an existing file only with --force, and never the
project's config, a draft or an image in use (for `image fit`: a source), however the path is spelt."""

from __future__ import annotations

import errno
import json
import os
from importlib.util import find_spec
from pathlib import Path

import pytest
from conftest import NOW, Project, jpeg_bytes, png_bytes, run

from pasha_cli import atomic

DRAFT = "posts/a.yaml"
DRAFT_TEXT = """\
account: paid
publish_at: 2030-03-20 10:00
body: 春の新作です。
image: photo.jpg
link: https://www.rakuten.co.jp/
"""

# every writing command, with OUT where the output goes
COMMANDS = [
    ("validate-output-file", ["validate", "--output-file", "OUT"]),
    ("validate-output-file-format", ["validate", "--output-file", "sarif:OUT"]),
    ("ics", ["ics", "-o", "OUT"]),
    ("preview-html", ["preview", DRAFT, "--html", "OUT"]),
    ("export", ["export", "--month", "2030-03", "-o", "OUT"]),
    ("image-fit", ["image", "fit", "raw.png", "--as", "timeline", "-o", "OUT"]),
    *([("terms", ["terms", "-o", "OUT"])] if find_spec("sudachipy") and find_spec("sudachidict_core") else []),
]

# files no command writes over, even with --force, spelt in every way that leads to them
KEPT = [
    ("config", "pasha.toml"),
    ("config-dot", "./pasha.toml"),
    ("config-dotdot", "posts/../pasha.toml"),
    ("config-absolute", "{root}/pasha.toml"),
    ("config-symlink", "config-link.toml"),
    ("config-hard-link", "config-hard.toml"),
    ("draft", DRAFT),
    ("draft-symlink", "draft-link.yaml"),
    ("draft-other-folder", "posts/2030-04/b.md"),
    ("draft-unreadable", "posts/broken.yaml"),
]
# images in use: kept from every command but image fit, which is how they are remade
IMAGES = [
    ("draft-image", "posts/photo.jpg"),
    ("account-icon", "account/icon.jpg"),
    ("image-symlink", "photo-link.jpg"),
]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    config = (
        'drafts = ["posts/**/*.yaml", "posts/**/*.md"]\n\n'
        '[accounts.paid]\nname = "有料の店"\nplan = "paid"\nicon = "account/icon.jpg"\n'
    )
    project = Project(tmp_path, config)
    project.draft("a.yaml", DRAFT_TEXT)
    project.write("posts/2030-04/b.md", "---\naccount: paid\npublish_at: 2030-04-20 10:00\n---\n本文\n")
    project.write("posts/broken.yaml", "account: [\n")
    project.image("posts/photo.jpg")
    project.image("account/icon.jpg", width=400, height=400)
    project.write("raw.png", png_bytes(1300, 900, (10, 120, 200)))
    os.symlink("pasha.toml", tmp_path / "config-link.toml")
    os.link(tmp_path / "pasha.toml", tmp_path / "config-hard.toml")
    os.symlink(DRAFT, tmp_path / "draft-link.yaml")
    os.symlink("posts/photo.jpg", tmp_path / "photo-link.jpg")
    monkeypatch.chdir(tmp_path)
    return project


def _run(args: list[str], out: str) -> tuple[int, str]:
    result = run([a.replace("OUT", out) for a in args], env={"PASHA_NOW": NOW})
    return result.exit_code, result.output


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink() and ".pasha" not in p.parts
    }


@pytest.mark.sample(1, per=("command", "target", "force"))
@pytest.mark.parametrize("command", [c for _, c in COMMANDS], ids=[i for i, _ in COMMANDS])
@pytest.mark.parametrize("target", [t for _, t in KEPT], ids=[i for i, _ in KEPT])
@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
def test_never_over_the_config_or_a_draft(tree: Project, command: list[str], target: str, force: bool) -> None:
    before = _snapshot(tree.root)
    code, output = _run(command + (["--force"] if force else []), target.format(root=tree.root))
    assert code == 2, output
    assert "never writes over it" in output
    assert _snapshot(tree.root) == before
    assert (tree.root / "config-link.toml").is_symlink() and (tree.root / "draft-link.yaml").is_symlink()


@pytest.mark.parametrize(
    "command", [c for i, c in COMMANDS if i != "image-fit"], ids=[i for i, _ in COMMANDS if i != "image-fit"]
)
@pytest.mark.parametrize("target", [t for _, t in IMAGES], ids=[i for i, _ in IMAGES])
def test_never_over_an_image_in_use(tree: Project, command: list[str], target: str) -> None:
    before = _snapshot(tree.root)
    code, output = _run([*command, "--force"], target)
    assert code == 2, output
    assert "an image a draft or an account uses" in output
    assert _snapshot(tree.root) == before


@pytest.mark.parametrize("target", ["raw.png", "./raw.png", "raw-link.png"])
def test_image_fit_never_over_its_source_but_remakes_an_image_in_use(tree: Project, target: str) -> None:
    os.symlink("raw.png", tree.root / "raw-link.png")
    before = (tree.root / "raw.png").read_bytes()
    code, output = _run(["image", "fit", "raw.png", "--as", "timeline", "-o", "OUT", "--force"], target)
    assert code == 2 and "source image" in output, output
    assert (tree.root / "raw.png").read_bytes() == before
    code, output = _run(["image", "fit", "raw.png", "--as", "timeline", "-o", "OUT", "--force"], "posts/photo.jpg")
    assert code == 0, output  # refitting the image a draft uses is what fit is for
    assert (tree.root / "posts/photo.jpg").read_bytes() != jpeg_bytes()


def test_image_fit_in_place_is_the_one_way_onto_a_source(tree: Project) -> None:
    tree.image("shot.jpg", width=1600, height=1000)
    code, output = _run(["image", "fit", "shot.jpg", "--as", "timeline", "--in-place"], "")
    assert code == 0, output
    code, output = _run(["image", "fit", DRAFT, "--as", "timeline", "--in-place"], "")
    assert code == 2 and "is a draft" in output, output


@pytest.mark.parametrize("command", [c for _, c in COMMANDS], ids=[i for i, _ in COMMANDS])
def test_an_existing_file_only_with_force(tree: Project, command: list[str]) -> None:
    out = tree.write("out/result.bin", b"the user's own file")
    code, output = _run(command, "out/result.bin")
    assert code == 2 and "--force" in output, output
    assert out.read_bytes() == b"the user's own file"
    code, output = _run([*command, "--force"], "out/result.bin")
    assert code in (0, 1), output
    assert out.read_bytes() != b"the user's own file"


@pytest.mark.parametrize("command", [c for _, c in COMMANDS], ids=[i for i, _ in COMMANDS])
def test_a_new_file_is_written_and_a_second_run_refuses(tree: Project, command: list[str]) -> None:
    code, output = _run(command, "new/out.file")
    assert code in (0, 1), output
    written = (tree.root / "new/out.file").read_bytes()
    assert written
    code, output = _run(command, "new/out.file")
    assert code == 2 and "already exists" in output, output
    assert (tree.root / "new/out.file").read_bytes() == written
    assert not [p for p in (tree.root / "new").iterdir() if p.name.startswith(".")]  # no temporary left


@pytest.mark.parametrize(
    "command", [c for i, c in COMMANDS if i != "image-fit"], ids=[i for i, _ in COMMANDS if i != "image-fit"]
)
@pytest.mark.parametrize("target", ["posts", ".", "dangling-link"])
def test_a_folder_or_a_dangling_link_is_refused(tree: Project, command: list[str], target: str) -> None:
    os.symlink("nowhere", tree.root / "dangling-link")
    before = _snapshot(tree.root)
    code, output = _run([*command], target)
    assert code == 2, output
    assert _snapshot(tree.root) == before
    assert (tree.root / "dangling-link").is_symlink()


@pytest.mark.parametrize("second", ["report.json", "./report.json", "sarif:report.json", "out/../report.json"])
def test_one_report_named_twice_is_refused(tree: Project, second: str) -> None:
    code, output = _run(["validate", "--output-file", "report.json", "--output-file", second], "")
    assert code == 2 and "twice" in output, output
    assert not (tree.root / "report.json").exists()


def test_new_never_writes_over_a_file(tree: Project) -> None:
    for target in ("pasha.toml", DRAFT, "posts/photo.jpg", "elsewhere.yaml"):
        if target == "elsewhere.yaml":
            tree.write(target, "mine\n")
        before = (tree.root / target).read_bytes()
        result = run(["new", "--account", "paid", "-o", target], env={"PASHA_NOW": NOW})
        assert result.exit_code == 2, result.output
        assert (tree.root / target).read_bytes() == before


# the no-replace write: the check and the write are one step
def test_write_without_replace_refuses_a_file_that_appears_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.ics"
    real_link = os.link

    def racing_link(src: str, dst: str) -> None:
        Path(dst).write_bytes(b"arrived meanwhile")  # another process wins the name after our check
        real_link(src, dst)

    monkeypatch.setattr(atomic.os, "link", racing_link)
    with pytest.raises(FileExistsError):
        atomic.write_atomic(target, b"ours", replace=False)
    assert target.read_bytes() == b"arrived meanwhile"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ics"]


@pytest.mark.parametrize("error", [errno.EPERM, errno.EXDEV, errno.EOPNOTSUPP])
def test_write_without_replace_on_a_disk_without_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: int
) -> None:
    def no_links(src: str, dst: str) -> None:
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(atomic.os, "link", no_links)
    atomic.write_atomic(tmp_path / "new.ics", b"ours", replace=False)
    assert (tmp_path / "new.ics").read_bytes() == b"ours"
    with pytest.raises(FileExistsError):
        atomic.write_atomic(tmp_path / "new.ics", b"again", replace=False)
    assert (tmp_path / "new.ics").read_bytes() == b"ours"
    assert [p.name for p in tmp_path.iterdir()] == ["new.ics"]


def test_write_without_replace_passes_on_other_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "link", full)
    with pytest.raises(OSError) as caught:
        atomic.write_atomic(tmp_path / "new.ics", b"ours", replace=False)
    assert caught.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []


OTHER_CONFIG = 'drafts = ["posts/*.yaml"]\n\n[accounts.paid]\nname = "別の店"\nplan = "paid"\n'


def _other_project(tree: Project) -> None:
    """A second project beside the one the commands read, and a folder linked into the drafts."""
    tree.write("other/pasha.toml", OTHER_CONFIG)
    tree.write("other/posts/b.yaml", DRAFT_TEXT.replace("posts/", ""))
    os.symlink("posts", tree.root / "linked-posts")
    (tree.root / ".git").mkdir()


# where no output may land, even with --force: it would be read as a config or a draft, or is git's
PLACES = [
    ("new-draft-by-pattern", "posts/2030-05/report.yaml", "the next run would read it as a draft"),
    ("new-draft-upper-case", "posts/REPORT.YAML", "the next run would read it as a draft"),
    ("new-draft-through-linked-folder", "linked-posts/report.md", "the next run would read it as a draft"),
    ("new-draft-dotdot", "out/../posts/report.md", "the next run would read it as a draft"),
    ("other-project-new-draft", "other/posts/new.yaml", "the next run would read it as a draft"),
    ("other-project-draft", "other/posts/b.yaml", "never writes over it"),
    ("other-project-config", "other/pasha.toml", "named like a project's config"),
    ("new-config", "sub/pasha.toml", "named like a project's config"),
    ("new-pyproject", "sub/pyproject.toml", "named like a project's config"),
    ("config-name-case", "out/Pasha.TOML", "named like a project's config"),
    ("inside-git", ".git/report.json", "inside git's own folder"),
    ("inside-git-nested", ".git/hooks/pre-commit", "inside git's own folder"),
]
# and where one may: the patterns do not take it, or it lies outside every project's drafts
ALLOWED = [
    ("json-not-a-pattern", "posts/report.json"),
    ("yaml-at-root", "report.yaml"),
    ("other-project-outside-patterns", "other/report.yaml"),
    ("other-project-sub-folder", "other/posts/2030/report.yaml"),
    ("gitignore-like-name", "out/.github-report.json"),
]


@pytest.mark.sample(1, per=("command", "target", "force"))  # every command, every place, with and without --force
@pytest.mark.parametrize("command", [c for _, c in COMMANDS], ids=[i for i, _ in COMMANDS])
@pytest.mark.parametrize(("target", "reason"), [(t, r) for _, t, r in PLACES], ids=[i for i, _, _ in PLACES])
@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
def test_no_output_becomes_a_config_or_a_draft(
    tree: Project, command: list[str], target: str, reason: str, force: bool
) -> None:
    _other_project(tree)
    before = _snapshot(tree.root)
    code, output = _run(command + (["--force"] if force else []), target)
    assert code == 2 and reason in output, output
    assert _snapshot(tree.root) == before


@pytest.mark.sample(1, per=("command", "target"))
@pytest.mark.parametrize("command", [c for _, c in COMMANDS], ids=[i for i, _ in COMMANDS])
@pytest.mark.parametrize("target", [t for _, t in ALLOWED], ids=[i for i, _ in ALLOWED])
def test_an_output_beside_the_drafts_is_written(tree: Project, command: list[str], target: str) -> None:
    _other_project(tree)
    code, output = _run(command, target)
    assert code in (0, 1), output
    assert (tree.root / target).stat().st_size > 0


# a file the command reads as a draft, though the patterns do not take it
INPUTS = [
    ("preview", ["preview", "stray.yaml", "--html", "OUT", "--force"], "stray.yaml"),
    ("preview-through-link", ["preview", "stray.yaml", "--html", "OUT", "--force"], "stray-link.yaml"),
    ("validate", ["validate", "stray.yaml", "--output-file", "OUT", "--force"], "stray.yaml"),
    ("validate-absolute", ["validate", "stray.yaml", "--output-file", "OUT", "--force"], "{root}/stray.yaml"),
]


@pytest.mark.parametrize(("command", "target"), [(c, t) for _, c, t in INPUTS], ids=[i for i, _, _ in INPUTS])
def test_never_over_the_draft_a_command_reads(tree: Project, command: list[str], target: str) -> None:
    tree.write("stray.yaml", DRAFT_TEXT)
    os.symlink("stray.yaml", tree.root / "stray-link.yaml")
    code, output = _run(command, target.format(root=tree.root))
    assert code == 2 and "is a draft" in output, output
    assert (tree.root / "stray.yaml").read_text(encoding="utf-8") == DRAFT_TEXT


@pytest.mark.parametrize(
    "command",
    [c for i, c in COMMANDS if i != "image-fit"],  # fit's write: item 4
    ids=[i for i, _ in COMMANDS if i != "image-fit"],
)
@pytest.mark.parametrize("target", ["a" * 300 + ".json", "d" * 300 + "/report.json"], ids=["name", "folder"])
def test_a_name_too_long_is_a_usage_error(tree: Project, command: list[str], target: str) -> None:
    code, output = _run(command, target)
    assert code == 2 and "too long" in output, output


# `pasha new -o`: (id, target, exit code, what the message says); the tree's patterns take posts/**/*.yaml and .md
NEW_PLACES = [
    ("outside-the-patterns", "notes/new.yaml", 2, "would never check it"),
    ("root", "new.yaml", 2, "would never check it"),
    ("other-project", "other/posts/new.yaml", 2, "would never check it"),
    ("not-yaml-text", "posts/new.txt", 2, "YAML draft"),
    ("not-yaml-json", "posts/new.json", 2, "YAML draft"),
    ("not-yaml-markdown", "posts/new.md", 2, "YAML draft"),
    ("config-name", "posts/pasha.toml", 2, "named like a project's config"),
    ("inside-git", ".git/new.yaml", 2, "inside git's own folder"),
    ("in-the-patterns", "posts/2030-06/new.yaml", 0, "posts/2030-06/new.yaml"),
    ("through-a-linked-folder", "linked-posts/new.yaml", 0, "linked-posts/new.yaml"),
]


@pytest.mark.parametrize(("target", "code", "says"), [c[1:] for c in NEW_PLACES], ids=[c[0] for c in NEW_PLACES])
def test_new_writes_a_draft_only_where_the_project_checks_it(tree: Project, target: str, code: int, says: str) -> None:
    _other_project(tree)
    before = _snapshot(tree.root)
    checked = _checked_files()
    result = run(["new", "--account", "paid", "-o", target], env={"PASHA_NOW": NOW})
    assert result.exit_code == code and says in result.output, result.output
    if code:
        assert _snapshot(tree.root) == before
    else:  # and the next validate checks it
        assert _checked_files() == checked + 1


def _checked_files() -> int:
    return int(json.loads(run(["validate", "--format", "json"], env={"PASHA_NOW": NOW}).stdout)["summary"]["files"])
