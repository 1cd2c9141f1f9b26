"""No image stalls or escapes the gate (issue 10, items 5, 8 and 11).

- hostile images (declaring far more work than their bytes) are refused before decoding: PSH208
  in validate and image check, a clean refusal in image fit; time bounds: benchmarks/hostile_images.py;
- image fit opens only JPEG, PNG, WebP, TIFF (and HEIC with the extra), whatever a file is named;
- image check says what validate says: the same rules, severities and exit code, through decide.py.
"""

from __future__ import annotations

import json
import struct
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from pasha_cli.image import guard as imageguard
from tests.conftest import BASE_CONFIG, NOW, Project, jpeg_bytes, run
from tests.hostile_images import DISGUISED, GIF_BLOCKS, HOSTILE, Maker, claiming, empty_scans, jpeg, png, png_chunk

DRAFT = "account: paid\npublish_at: 2030-04-16 10:00\nbody: x\nimage: {name}\n"
NOT_REGULAR = {"fifo", "link-to-dev-zero"}  # validate never reaches them: PSH004 (missing, outside)


@pytest.fixture
def no_child_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing here may start a program (Ghostscript for EPS, an external viewer)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a child process was started: {args}")

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)


@pytest.fixture
def own_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder pasha and Pillow would use, watched: nothing may be left in it."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.parametrize(("name", "make", "words"), HOSTILE, ids=[c[0] for c in HOSTILE])
@pytest.mark.usefixtures("no_child_process")
def test_hostile_image_in_validate_is_psh208(project: Project, name: str, make: Maker, words: str) -> None:
    make(project.root / "posts" / f"{name}.jpg")
    project.draft("a.yaml", DRAFT.format(name=f"{name}.jpg"))
    code, report = project.validate()
    assert code == 1
    found = {f["code"]: f["message"] for f in report["findings"]}
    if name in NOT_REGULAR:
        assert "PSH004" in found
        return
    assert "PSH208" in found and words in found["PSH208"], found
    japanese = run(
        ["validate", "--format", "json", "--now", NOW, "--config", str(project.root / "pasha.toml"), "--lang", "ja"]
    )
    message = next(f["message"] for f in json.loads(japanese.stdout)["findings"] if f["code"] == "PSH208")
    assert japanese.exit_code == 1 and not any(word in message for word in ("not opened", "is corrupt", "the limit"))


@pytest.mark.parametrize(("name", "make", "words"), HOSTILE, ids=[c[0] for c in HOSTILE])
@pytest.mark.usefixtures("no_child_process")
def test_hostile_image_in_image_check_is_psh208(tmp_path: Path, name: str, make: Maker, words: str) -> None:
    path = tmp_path / f"{name}.jpg"
    make(path)
    result = run(["image", "check", str(path), "--as", "timeline", "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = {f["code"]: f["message"] for f in json.loads(result.stdout)["images"][0]["findings"]}
    assert "PSH208" in findings and words in findings["PSH208"], findings
    japanese = run(["image", "check", str(path), "--as", "timeline", "--lang", "ja"])
    assert japanese.exit_code == 1 and "PSH208" in japanese.stdout
    assert "not opened" not in japanese.stdout and "is corrupt" not in japanese.stdout


def _gif(width: int, height: int) -> bytes:
    import io

    out = io.BytesIO()
    Image.new("P", (width, height)).save(out, "GIF")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "size"),
    [
        ("gif", _gif(300, 200), (300, 200)),
        ("gif-with-6-mb-of-one-byte-blocks", GIF_BLOCKS, (64, 64)),
    ],
    ids=["plain", "6-mb-of-one-byte-blocks"],
)
def test_validate_names_a_gif_from_its_header(project: Project, name: str, data: bytes, size: tuple[int, int]) -> None:
    """Pillow walks a GIF's blocks in Python; validate reads only the header (PSH201 whatever it holds)."""
    project.write(f"posts/{name}.jpg", data)
    project.draft("a.yaml", DRAFT.format(name=f"{name}.jpg"))
    _, report = project.validate()
    messages = {f["code"]: f["message"] for f in report["findings"]}
    assert {"PSH201", "PSH202", "PSH207"} <= set(messages) and "PSH208" not in messages
    assert "(it is GIF)" in messages["PSH201"] and f"is {size[0]} px wide" in messages["PSH202"]


@pytest.mark.parametrize(("name", "make", "words"), HOSTILE + DISGUISED, ids=[c[0] for c in HOSTILE + DISGUISED])
@pytest.mark.usefixtures("no_child_process")
def test_image_fit_refuses_cleanly(tmp_path: Path, own_temp: Path, name: str, make: Maker, words: str) -> None:
    work = tmp_path / "work"
    work.mkdir()
    source = work / "photo.jpg"
    make(source)
    before = _listing(work)
    result = run(["image", "fit", str(source), "-o", str(work / "out.jpg"), "--as", "timeline"])
    assert result.exit_code == 1, result.output
    assert words in result.stderr and "Traceback" not in result.output, result.stderr
    assert _listing(work) == before and _listing(own_temp) == set()  # nothing written, nothing left behind
    japanese = run(["image", "fit", str(source), "-o", str(work / "out.jpg"), "--as", "timeline", "--lang", "ja"])
    assert japanese.exit_code == 1 and "photo.jpg: " in japanese.stderr
    assert not any(word in japanese.stderr for word in ("not opened", "is corrupt", "which pasha does not open"))


HONEST = [
    ("progressive-10-scans", jpeg(64, 64, progressive=True)),
    ("progressive-100-scans", empty_scans(90)),  # Pillow's 10 and 90 more: the limit itself
    ("baseline", jpeg(64, 64)),
    ("icc-profile", jpeg_bytes(64, 64, icc=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())),
    (
        "ff-da-in-a-profile-before-the-first-scan",
        b"\xff\xd8\xff\xe2" + struct.pack(">H", 2 + 2 * 500) + b"\xff\xda" * 500 + jpeg(64, 64)[2:],
    ),
    ("1000-segments", b"\xff\xd8" + b"\xff\xfe\x00\x02" * 990 + jpeg(64, 64)[2:]),
    ("png-1000-ancillary-chunks", png(before_idat=png_chunk(b"zzZz", b"") * 990)),
    ("png-libpng-8k-idat", png(256, 256, idat_piece=8192)),
    ("png-1000-small-idat", png(128, 128, idat_piece=17)),
    ("tiff-deflate", None),
]


@pytest.mark.parametrize(("name", "data"), HONEST, ids=[c[0] for c in HONEST])
def test_honest_files_near_the_bounds_still_open(tmp_path: Path, name: str, data: bytes | None) -> None:
    path = tmp_path / "x"
    if data is None:
        Image.new("RGB", (64, 64), (9, 9, 9)).save(path, "TIFF", compression="tiff_adobe_deflate")
    else:
        path.write_bytes(data)
    with imageguard.opened(path, 50_000_000) as (handle, mapped):
        formats = imageguard.VALIDATE_FORMATS
        with imageguard.open_image(formats, 50_000_000, handle, mapped) as image:
            image.load()
            assert image.size in ((64, 64), (32, 32), (128, 128), (256, 256))


def test_the_byte_bound_follows_the_pixel_limit(tmp_path: Path) -> None:
    path = tmp_path / "x.jpg"
    path.write_bytes(claiming(100, 100))
    with path.open("r+b") as handle:
        handle.truncate(imageguard.max_bytes(1000) + 1)
    with pytest.raises(imageguard.Refused, match="bytes"), imageguard.opened(path, 1000):
        pass
    with imageguard.opened(path, 2000):  # the spec's limit raised: the file is read
        pass


# --- image check says what validate says ---------------------------------------------------------


def _gps_narrow() -> bytes:
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (35.0, 40.0, 0.0)})
    return jpeg_bytes(1000, 700, exif=exif)


def _png_named_jpg() -> bytes:
    import io

    out = io.BytesIO()
    Image.new("RGB", (1300, 800)).save(out, "PNG")
    return out.getvalue()


def _p3() -> bytes:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB"))
    return jpeg_bytes(1200, 800, icc=profile.tobytes())


IMAGES = [
    ("gps-narrow", _gps_narrow()),
    ("png", _png_named_jpg()),
    ("lab-profile", _p3()),
    ("scans", empty_scans(120)),
    ("clean", jpeg_bytes(1200, 800)),
    ("heavy", jpeg_bytes(pad_to=100_001)),
]
CONFIGS = [
    ("defaults", "", ()),
    ("gps-off", '[severity]\nPSH209 = "off"\n', ()),
    ("narrow-warning", '[severity]\nPSH202 = "warning"\n', ()),
    ("narrow-warning-strict", '[severity]\nPSH202 = "warning"\n', ("--strict",)),
    ("gps-error", '[severity]\nPSH209 = "error"\n', ()),
    (
        "all-warnings",
        '[severity]\nPSH201 = "warning"\nPSH202 = "warning"\nPSH203 = "warning"\nPSH208 = "warning"\n',
        (),
    ),
    (
        "all-warnings-strict",
        '[severity]\nPSH201 = "warning"\nPSH202 = "warning"\nPSH203 = "warning"\nPSH208 = "warning"\n',
        ("--strict",),
    ),
    ("profile-error", '[severity]\nPSH210 = "error"\n', ()),
    ("corrupt-off", '[severity]\nPSH208 = "off"\nPSH201 = "off"\n', ()),
    ("ignore-gps", "", ("--ignore", "PSH209")),
    ("ignore-by-name", "", ("--ignore", "location-metadata,image-too-narrow")),
    ("select-prefix", "", ("--select", "PSH20")),
    ("select-one", "", ("--select", "PSH203")),
    ("strict", "", ("--strict",)),
    ("warning-ignored-strict", '[severity]\nPSH202 = "warning"\n', ("--ignore", "PSH202,PSH209", "--strict")),
]


@pytest.mark.sample(1, per=("config", "image"))  # every config, every image
@pytest.mark.parametrize(("config", "options"), [(c[1], c[2]) for c in CONFIGS], ids=[c[0] for c in CONFIGS])
@pytest.mark.parametrize(("image", "data"), IMAGES, ids=[i[0] for i in IMAGES])
def test_image_check_says_what_validate_says(
    tmp_path: Path, config: str, options: tuple[str, ...], image: str, data: bytes
) -> None:
    project = Project(tmp_path, BASE_CONFIG + "\n" + config)
    path = project.write(f"posts/{image}.jpg", data)
    project.draft("a.yaml", DRAFT.format(name=f"{image}.jpg"))
    toml = str(project.root / "pasha.toml")
    validated = run(["validate", "--format", "json", "--now", NOW, "--config", toml, *options])
    checked = run(["image", "check", str(path), "--as", "timeline", "--format", "json", "--config", toml, *options])
    assert validated.exit_code in (0, 1) and checked.exit_code == validated.exit_code, checked.output
    said = sorted((f["code"], f["severity"], f["message"]) for f in json.loads(validated.stdout)["findings"])
    checked_findings = json.loads(checked.stdout)["images"][0]["findings"]
    assert sorted((f["code"], f["severity"], f["message"]) for f in checked_findings) == said


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_image_check_codes_are_image_rules(tmp_path: Path, option: str) -> None:
    path = tmp_path / "a.jpg"
    path.write_bytes(jpeg_bytes(1200, 800))
    result = run(["image", "check", str(path), "--as", "timeline", option, "PSH999"])
    assert result.exit_code == 2 and "PSH999" in result.stderr


def test_the_per_image_rules_are_the_registrys() -> None:
    from pasha_cli.rules import ALL_RULES
    from pasha_cli.rules.images import PER_IMAGE, PER_IMAGE_RULES

    assert tuple(r for r in ALL_RULES if r.code.startswith("PSH2") and r.code != "PSH206") == PER_IMAGE_RULES
    assert [rule.code for rule in PER_IMAGE_RULES] == [code for code, _, _ in PER_IMAGE]
