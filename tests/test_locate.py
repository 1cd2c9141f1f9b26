"""locate.resolve_inside gives the answers of Path.resolve() for every kind of name a draft can give,
with os.path.realpath and with a run's RealPaths (each folder resolved once)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from pasha_cli import engine
from pasha_cli.project.locate import RealPaths, resolve_inside


def _by_pathlib(base: Path, name: str, root: Path) -> tuple[Path | None, str]:
    """What resolve_inside answered when it resolved with pathlib (the reference)."""
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() or PureWindowsPath(name).drive:
        return None, "absolute"
    try:
        candidate = (base / name).resolve()
        if not candidate.is_relative_to(root):
            return None, "outside"
        if not candidate.is_file():
            return None, "missing"
    except (OSError, RuntimeError, ValueError):
        return None, "unusable"
    return candidate, ""


NAMES = [
    "a.jpg",
    "./a.jpg",
    "../images/b.jpg",
    "../../project/images/b.jpg",
    "sub/../a.jpg",
    "linked/b.jpg",  # through a link to a folder
    "linked/../a.jpg",  # `..` after a link: where the link leads, then up
    "link-to-a.jpg",
    "link-to-outside.jpg",
    "outside-dir/secret.jpg",
    "dangling.jpg",
    "loop.jpg",
    "missing.jpg",
    "sub",  # a folder
    "fifo.jpg",
    "../..",
    "/etc/passwd",
    "C:/x.jpg",
    "c:x.jpg",
    "\\\\server\\share\\x.jpg",
    "\\rooted.jpg",
    "a\\b.jpg",
    "bad\0name.jpg",
    "x" * 300 + ".jpg",
    "日本語.jpg",
    "a.jpg/",
    "sub/.",
]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    top = tmp_path_factory.mktemp("locate")
    root = top / "project"
    posts, images = root / "posts", root / "images"
    for folder in (posts / "sub", images, top / "outside"):
        folder.mkdir(parents=True)
    for path in (posts / "a.jpg", images / "b.jpg", top / "outside" / "secret.jpg", posts / "日本語.jpg"):
        path.write_bytes(b"\xff\xd8")
    os.symlink("../images", posts / "linked")
    os.symlink("a.jpg", posts / "link-to-a.jpg")
    os.symlink(str(top / "outside" / "secret.jpg"), posts / "link-to-outside.jpg")
    os.symlink(str(top / "outside"), posts / "outside-dir")
    os.symlink("nowhere.jpg", posts / "dangling.jpg")
    os.symlink("loop.jpg", posts / "loop.jpg")
    os.mkfifo(posts / "fifo.jpg")
    return root.resolve(), (root / "posts").resolve()


@pytest.mark.parametrize("name", NAMES, ids=range(len(NAMES)))
def test_a_name_resolves_as_pathlib_resolves_it(tree: tuple[Path, Path], name: str) -> None:
    root, base = tree
    expected = _by_pathlib(base, name, root)
    assert resolve_inside(base, name, root) == expected
    real = RealPaths()
    assert [resolve_inside(base, name, root, real) for _ in range(2)] == [expected, expected]  # memo too


LOOP_THEN_UP = ["loop.jpg/../link-to-outside.jpg", "loop.jpg/../outside-dir/secret.jpg"]


@pytest.mark.parametrize("name", LOOP_THEN_UP)
def test_a_loop_then_dotdot_is_unusable_not_a_way_out(tree: tuple[Path, Path], name: str) -> None:
    """realpath (and so Path.resolve) stops at a loop and shortens the rest as text: `loop/../x`
    came back as `posts/x` with its links unresolved, and a link out of the project was accepted."""
    root, base = tree
    for real in (os.path.realpath, RealPaths()):
        assert resolve_inside(base, name, root, real) == (None, "unusable")


# (links: name -> target, the path asked): a part the system cannot open (a loop) before `..`
NOT_COMPOSED = [({"d": "d", "a": "b/..", "f": "a"}, "a/d/../f"), ({"d": "d", "f": "."}, "d/../f/f")]


@pytest.mark.parametrize(("links", "path"), NOT_COMPOSED, ids=["loop-up-link", "loop-up-dot"])
def test_real_paths_answers_as_realpath_past_a_folder_that_cannot_be_opened(
    tmp_path: Path, links: dict[str, str], path: str
) -> None:
    for name, target in links.items():
        os.symlink(target, tmp_path / name)
    asked = str(tmp_path / path)
    assert RealPaths()(asked) == os.path.realpath(asked)


def _seen_by_the_system(path: str) -> tuple[object, object]:
    """What opening `path` meets: the entry (lstat) and the file (stat), or the error's kind."""

    def look(call: Callable[[str], os.stat_result]) -> object:
        try:
            info = call(path)
        except (OSError, ValueError) as exc:
            return type(exc).__name__
        return info.st_dev, info.st_ino

    return look(os.lstat), look(os.stat)


CLIMBS = [
    "linked/../../images/b.jpg",  # `..` after a link: never shortened as text
    "sub//a.jpg",
    "./../images/b.jpg",
    "../posts/linked/../a.jpg",
    "../../project/posts/./sub/../a.jpg",
    "/etc/../etc/passwd",
    "",
]


@pytest.mark.parametrize("name", [*NAMES, *CLIMBS], ids=range(len(NAMES) + len(CLIMBS)))
@pytest.mark.parametrize("folder", ["posts", "via-link"])
def test_a_named_file_is_the_file_the_system_opens(tree: tuple[Path, Path], folder: str, name: str) -> None:
    """engine._opened shortens a name as text only where the system would reach the same file: from
    a folder with no link on the way, a name climbing only at its start."""
    root, posts = tree
    via_link = root / "elsewhere" / "via-link"  # `..` from it is the project, not `elsewhere`
    if not via_link.is_symlink():
        via_link.parent.mkdir(exist_ok=True)
        os.symlink("../posts", via_link)
    start = str(posts if folder == "posts" else via_link)
    opened = engine._opened(start, name, RealPaths())
    assert _seen_by_the_system(opened) == _seen_by_the_system(os.path.join(start, name))


def test_names_of_one_file_from_plain_folders_are_one_path(tree: tuple[Path, Path]) -> None:
    """The point of _opened: drafts in many folders naming one image give one path to look at."""
    root, posts = tree
    real = RealPaths()
    names = [(str(posts), "../images/b.jpg"), (str(posts / "sub"), "../../images/b.jpg"), (str(root), "images/b.jpg")]
    assert {engine._opened(folder, name, real) for folder, name in names} == {str(root / "images" / "b.jpg")}
    linked = str(root / "elsewhere" / "via-link")
    if not os.path.islink(linked):
        os.makedirs(os.path.dirname(linked), exist_ok=True)
        os.symlink("../posts", linked)
    assert engine._opened(linked, "../images/b.jpg", real) == os.path.join(linked, "../images/b.jpg")
