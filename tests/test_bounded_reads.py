"""Reads are bounded by what a command needs. `pasha preview` reads an image's header for its size,
and the bytes only of an image within the timeline's byte limit (the one it embeds); a draft is read
up to its size limit, and only when it is a regular file. Memory is measured in a child process."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import Project, jpeg_bytes, run

NOW = "2030-03-01 12:00"
MB = 1024 * 1024
RSS_BOUND = 200 * MB  # far below the files' sizes, and several times what a run of pasha needs
PAGE_BOUND = 64 * 1024  # the card without an embedded image is ~2 KB


def _saved(fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 800), (200, 120, 60)).save(out, fmt, **options)
    return out.getvalue()


def _sparse(path: Path, head: bytes, size: int) -> Path:
    """A real image's bytes followed by a hole up to `size`: a large file that costs no disk."""
    with path.open("wb") as handle:
        handle.write(head)
        handle.truncate(size)
    return path


def _child_rss(argv: list[str], cwd: Path) -> tuple[int, str]:
    """(peak resident bytes of one `pasha` run, its stdout), measured from a parent of its own:
    RUSAGE_CHILDREN of the test process would count every child a test before it ran."""
    probe = (
        "import json, resource, subprocess, sys\n"
        "done = subprocess.run([sys.executable, '-m', 'pasha_cli', *sys.argv[1:]], capture_output=True, text=True)\n"
        "print(json.dumps([done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.stdout,"
        " done.stderr]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PASHA_LANG": "en", "NO_COLOR": "1", "PASHA_NO_CACHE": "1"},
    )
    code, rss_kib, out, err = json.loads(done.stdout)
    assert code == 0, out + err
    return rss_kib * 1024, out


# (id, the image's first bytes, the file's size, what the terminal shows of it)
LARGE: list[tuple[str, Callable[[], bytes], int, str]] = [
    ("jpeg-440mb", lambda: jpeg_bytes(1200, 800), 440 * MB, "1200x800 px"),  # within the guard's 467 MB bound
    ("jpeg-1gb", lambda: jpeg_bytes(1200, 800), 1024 * MB, "not opened"),  # beyond it: refused unread
    ("png-440mb", lambda: _saved("PNG"), 440 * MB, "1200x800 px"),
    ("webp-440mb", lambda: _saved("WEBP"), 440 * MB, "1200x800 px"),  # Pillow's open would read it whole
    ("webp-lossless-440mb", lambda: _saved("WEBP", lossless=True), 440 * MB, "1200x800 px"),
    ("tiff-440mb", lambda: _saved("TIFF"), 440 * MB, "1200x800 px"),
]


@pytest.mark.sample(1, per="size")  # one within the guard's bound, one beyond it
@pytest.mark.parametrize(("make", "size", "shown"), [c[1:] for c in LARGE], ids=[c[0] for c in LARGE])
@pytest.mark.parametrize("html", [False, True], ids=["terminal", "html"])
def test_preview_of_a_huge_image_reads_its_header_only(
    tmp_path: Path, make: Callable[[], bytes], size: int, shown: str, html: bool
) -> None:
    project = Project(tmp_path)
    _sparse(project.root / "posts" / "big.img", make(), size)
    project.draft("a.yaml", "account: free\npublish_at: 2030-05-07 09:00\nbody: x\nimage: big.img\n")
    page = project.root / "card.html"
    argv = ["preview", "posts/a.yaml", "--now", NOW, *(["--html", str(page)] if html else [])]
    rss, out = _child_rss(argv, project.root)
    assert rss < RSS_BOUND, f"{rss / MB:.0f} MB resident for a {size / MB:.0f} MB image"
    assert shown in out and f"{size:,} bytes" in out
    if html:
        text = page.read_text("utf-8")
        assert page.stat().st_size < PAGE_BOUND and "data:image" not in text
        assert 'id="image-note"' in text and "big.img" in text


LIMIT = 100_000  # the shipped spec's timeline_image_max_bytes
# (id, files to write beside the draft, the draft's image, embedded?, what the placeholder says)
SMALL: list[tuple[str, dict[str, bytes], str, bool, str]] = [
    ("at-the-limit", {"a.jpg": jpeg_bytes(1200, 800, pad_to=LIMIT)}, "a.jpg", True, ""),
    (
        "one-byte-over",
        {"a.jpg": jpeg_bytes(1200, 800, pad_to=LIMIT + 1)},
        "a.jpg",
        False,
        "over the timeline image limit of 100,000 bytes",
    ),
    ("png-within", {"a.png": _saved("PNG", compress_level=9)}, "a.png", True, ""),
    ("tiff-small", {"a.tif": _saved("TIFF", compression="tiff_lzw")}, "a.tif", False, "a browser does not show TIFF"),
    ("truncated-jpeg", {"a.jpg": jpeg_bytes(1200, 800)[:3000]}, "a.jpg", False, "not shown: it is corrupt"),
    ("missing", {}, "nowhere.jpg", False, "no such file inside the project"),
    ("outside", {}, "../../x.jpg", False, "no such file inside the project"),
]


@pytest.mark.parametrize(("files", "name", "embedded", "note"), [c[1:] for c in SMALL], ids=[c[0] for c in SMALL])
def test_preview_embeds_only_images_within_the_byte_limit(
    tmp_path: Path, files: dict[str, bytes], name: str, embedded: bool, note: str
) -> None:
    project = Project(tmp_path)
    for file, data in files.items():
        project.write(f"posts/{file}", data)
    project.draft("a.yaml", f"account: free\npublish_at: 2030-05-07 09:00\nbody: x\nimage: {name}\n")
    page = project.root / "card.html"
    result = run(
        [
            "preview",
            str(project.root / "posts" / "a.yaml"),
            "--html",
            str(page),
            "--now",
            NOW,
            "--config",
            str(project.root / "pasha.toml"),
        ]
    )
    assert result.exit_code == 0, result.output
    text = page.read_text("utf-8")
    assert ('src="data:image/' in text) is embedded
    assert ('id="image-note"' in text) is not embedded
    assert note in text
    if embedded:
        assert page.stat().st_size < LIMIT * 4 // 3 + PAGE_BOUND  # base64 of at most the limit


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_placeholder_speaks_both_languages(project: Project, lang: str) -> None:
    project.write("posts/a.jpg", jpeg_bytes(1200, 800, pad_to=LIMIT + 1))
    project.draft("a.yaml", "account: free\npublish_at: 2030-05-07 09:00\nbody: x\nimage: a.jpg\n")
    page = project.root / "card.html"
    assert (
        run(
            [
                "preview",
                str(project.root / "posts" / "a.yaml"),
                "--html",
                str(page),
                "--now",
                NOW,
                "--lang",
                lang,
                "--config",
                str(project.root / "pasha.toml"),
            ]
        ).exit_code
        == 0
    )
    expected = "タイムライン画像の上限 100,000 バイト" if lang == "ja" else "timeline image limit of 100,000 bytes"
    assert expected in page.read_text("utf-8")


def _link_to_fifo(root: Path) -> None:
    os.mkfifo(root / "fifo")
    (root / "posts" / "a.yaml").symlink_to("../fifo")


def _link_to_folder(root: Path) -> None:
    (root / "folder.yaml").mkdir()
    (root / "posts" / "a.yaml").symlink_to("../folder.yaml")


def _huge(root: Path) -> None:
    _sparse(root / "posts" / "a.yaml", b"account: free\nbody: x\n", 1024 * MB)


def _over_by_one(root: Path) -> None:
    (root / "posts" / "a.yaml").write_bytes(b"account: free\nbody: x\n#" + b"x" * (1_000_000 - 23) + b"\n")


# (id, how the draft is made, what PSH001 says): a link to a FIFO waited for a writer for ever
DRAFTS: list[tuple[str, Callable[[Path], None], str]] = [
    ("link-to-fifo", _link_to_fifo, "not a regular file"),
    ("link-to-folder", _link_to_folder, "not a regular file"),
    ("sparse-1gb", _huge, "the file is too large (1,073,741,824 bytes"),
    ("one-byte-over", _over_by_one, "the file is too large (1,000,001 bytes"),
]


@pytest.mark.parametrize(("make", "says"), [c[1:] for c in DRAFTS], ids=[c[0] for c in DRAFTS])
def test_a_draft_is_read_only_when_regular_and_within_its_limit(
    tmp_path: Path, make: Callable[[Path], None], says: str
) -> None:
    project = Project(tmp_path)
    make(project.root)
    done = subprocess.run(
        [sys.executable, "-m", "pasha_cli", "validate", "--format", "json", "--now", NOW],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PASHA_LANG": "en", "PASHA_NO_CACHE": "1"},
    )
    assert done.returncode == 1, done.stdout + done.stderr
    findings = json.loads(done.stdout)["findings"]
    assert [(f["path"], f["code"]) for f in findings] == [("posts/a.yaml", "PSH001")]
    assert says in findings[0]["message"]
