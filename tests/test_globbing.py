"""project/globbing.py yields what Python 3.11's Path.glob yields, on a tree made to tell them apart."""

from __future__ import annotations

import fnmatch
import os
import sys
from pathlib import Path

import pytest

from pasha_cli.project import globbing
from pasha_cli.project.drafts import discover
from pasha_cli.project.globbing import matching

FILES = [
    "posts/a.yaml",
    "posts/b.YAML",
    "posts/.hidden.yaml",
    "posts/.dot/c.yaml",
    "posts/2030/04/d.yaml",
    "posts/2030/04/e.md",
    "posts/2030/04/sub/f.json",
    "posts/x.yaml/g.yaml",  # a folder with a draft's name
    "posts/[x]literal.yaml",
    "posts/star*name.yaml",
    "posts/q?.yaml",
    "posts/日本語/h.yaml",
    "posts/sp ace/i.yml",
    "other/j.yaml",
    "pasts/k.json",
]
LINKS = [  # (link, target it names)
    ("posts/loop", "."),  # a link to its own folder: `**` must not enter it, `*/` may
    ("posts/up", ".."),
    ("posts/linked-dir", "../other"),
    ("posts/link.yaml", "a.yaml"),
    ("posts/dangling.yaml", "missing.yaml"),
    ("posts/self.yaml", "self.yaml"),  # a loop
]
PATTERNS = [
    "posts/**/*.yaml",
    "**/*.yaml",
    "posts/*.yaml",
    "posts/*/*.yaml",
    "posts/*/*/*.yaml",
    "p?sts/**/*.json",
    "posts/**/[ab]*.yaml",
    "posts/[[]x]*.yaml",
    "posts/[!a]*.yaml",
    "posts/a.yaml",
    "posts/missing.yaml",
    "posts/x.yaml/*.yaml",
    "posts/**/**/*.md",
    "posts/**/sub/*.json",
    "posts/.dot/*.yaml",
    "./posts/./*.yaml",
    "posts//*.yaml",
    "posts/2030/**/*",
    "posts/*",
    "nowhere/**/*.yaml",
    "posts/loop/loop/*.yaml",
    "posts/*/a.yaml",
    "posts/**/*.[jy]*",
    "posts/日本語/*.yaml",
    "posts/sp ace/*.yml",
]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("glob")
    for rel in FILES:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x")
    for link, target in LINKS:
        os.symlink(target, root / link)
    os.mkfifo(root / "posts" / "fifo.yaml")
    return root


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="the rules are Python 3.11's pathlib glob")
@pytest.mark.parametrize("pattern", PATTERNS)
def test_a_pattern_matches_what_pathlib_matches(tree: Path, pattern: str) -> None:
    ours = sorted(matching(str(tree), pattern))
    theirs = sorted(str(path) for path in tree.glob(pattern))
    assert ours == theirs


def test_drafts_are_the_files_and_links_among_the_matches(tree: Path) -> None:
    found = [path.relative_to(tree).as_posix() for path in discover(tree, ("posts/**/*.yaml", "posts/**/*.yml"))]
    assert found == sorted(found, key=lambda rel: rel.split("/"))  # Path order: by parts
    assert "posts/fifo.yaml" not in found  # no file (a link to one is a draft, and loads as PSH001)
    assert {"posts/dangling.yaml", "posts/self.yaml", "posts/link.yaml", "posts/sp ace/i.yml"} <= set(found)
    assert "posts/x.yaml" not in found and "posts/x.yaml/g.yaml" in found  # a folder is no draft
    assert "posts/b.YAML" not in found  # the pattern is case-sensitive, as pathlib is on POSIX
    assert not any(rel.startswith(("posts/loop/", "posts/up/", "posts/linked-dir/")) for rel in found)


PARTS = ["*", "*.yaml", "*.YAML", "*.ya?l", "*[.]yaml", "post-*.yaml", "**.yaml", "*.", "*\\.yaml", "*.yaml*"]
NAMES = ["a.yaml", ".yaml", "A.YAML", "a.yml", "a.yaml.bak", "a\nb.yaml", "post-1.yaml", "yaml", "a.", "a\\.yaml", ""]


@pytest.mark.parametrize("part", PARTS)
def test_a_name_matches_a_part_as_fnmatchcase_says(part: str) -> None:
    """The `*` + plain ending fast path (str.endswith) and the regex give fnmatch's answers."""
    assert [bool(globbing._matcher(part)(name)) for name in NAMES] == [fnmatch.fnmatchcase(n, part) for n in NAMES]


SUFFIX_NAMES = [
    *NAMES,
    "..yaml",
    "a.b.md",
    "x.MarkDown",
    ".md",
    ".Yml",
    "a.json.",
    "a.yaml\u3000",
    "dir.yaml/x",
    "é.yml",
]


@pytest.mark.parametrize("name", SUFFIX_NAMES)
def test_a_draft_name_is_one_whose_suffix_pathlib_gives_as_a_drafts(name: str) -> None:
    """The str.endswith fast path for draft suffixes answers as Path(...).suffix.lower() does."""
    from pasha_cli.model import DRAFT_SUFFIXES
    from pasha_cli.project.drafts import _is_draft_name

    path = f"/project/posts/{name}"
    assert _is_draft_name(path) is (Path(path).suffix.lower() in DRAFT_SUFFIXES)
