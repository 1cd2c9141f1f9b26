"""Image rules with images generated in the test: sizes at their boundaries, rotation, metadata."""

from __future__ import annotations

import io
import struct

from PIL import Image, ImageCms

from tests.conftest import Project, jpeg_bytes

DRAFT = "account: paid\npublish_at: 2030-04-16 10:00\nbody: x\nimage: {name}\n"


def _check(project: Project, name: str, data: bytes) -> set[str]:
    project.write(f"posts/{name}", data)
    project.draft("a.yaml", DRAFT.format(name=name))
    return {code for _, code, _ in project.codes()}


def _exif_orientation(value: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = value
    return exif


def test_width_1199_vs_1200(project: Project) -> None:
    assert _check(project, "w.jpg", jpeg_bytes(1199, 600)) == {"PSH202"}
    assert _check(project, "w.jpg", jpeg_bytes(1200, 600)) == set()


def test_width_is_taken_after_exif_orientation(project: Project) -> None:
    # stored 800 x 1200, shown rotated a quarter: 1200 wide
    assert _check(project, "r.jpg", jpeg_bytes(800, 1200, exif=_exif_orientation(6))) == set()
    # stored 1200 x 800, shown rotated: 800 wide
    assert _check(project, "r.jpg", jpeg_bytes(1200, 800, exif=_exif_orientation(8))) == {"PSH202"}
    # orientation 3 is upside down: the width stays
    assert _check(project, "r.jpg", jpeg_bytes(1200, 800, exif=_exif_orientation(3))) == set()


def test_bytes_100000_vs_100001(project: Project) -> None:
    assert _check(project, "b.jpg", jpeg_bytes(pad_to=100_000)) == set()
    assert _check(project, "b.jpg", jpeg_bytes(pad_to=100_001)) == {"PSH203"}


def test_byte_limit_is_spec_data_overridable(project: Project) -> None:
    project.write(
        "pasha.toml", project.root.joinpath("pasha.toml").read_text() + "\n[spec]\ntimeline_image_max_bytes = 50000\n"
    )
    assert _check(project, "b.jpg", jpeg_bytes(pad_to=50_001)) == {"PSH203"}


def test_png_named_jpg_is_not_jpeg(project: Project) -> None:
    out = io.BytesIO()
    Image.new("RGB", (1200, 800)).save(out, "PNG")
    assert _check(project, "logo.jpg", out.getvalue()) == {"PSH201"}


def test_garbage_named_jpg(project: Project) -> None:
    assert _check(project, "g.jpg", b"not an image at all" * 10) == {"PSH201", "PSH208"}


def test_truncated_jpeg_is_corrupt(project: Project) -> None:
    data = jpeg_bytes(1200, 800, color=(10, 200, 30), quality=95)
    assert _check(project, "t.jpg", data[: len(data) * 2 // 3]) == {"PSH208"}


def _claiming(width: int, height: int) -> bytes:
    """A small JPEG whose frame header claims another size."""
    data = bytearray(jpeg_bytes(16, 16))
    sof = data.index(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


def test_decompression_bomb_is_not_decoded(project: Project) -> None:
    assert _check(project, "bomb.jpg", _claiming(60000, 60000)) == {"PSH208"}
    _, report = project.validate()
    assert "60000x60000" in report["findings"][0]["message"] or "decompression bomb" in report["findings"][0]["message"]


def test_pixel_limit_boundary(project: Project) -> None:
    project.write(
        "pasha.toml", project.root.joinpath("pasha.toml").read_text() + "\n[spec]\nimage_max_pixels = 960000\n"
    )
    assert "PSH208" not in _check(project, "p.jpg", jpeg_bytes(1200, 800))  # exactly 960,000
    assert "PSH208" in _check(project, "p.jpg", jpeg_bytes(1200, 801))


def test_cmyk(project: Project) -> None:
    assert _check(project, "c.jpg", jpeg_bytes(1200, 800, mode="CMYK", color=(0, 0, 0, 0))) == {"PSH207"}


def test_greyscale_is_fine(project: Project) -> None:
    assert _check(project, "g.jpg", jpeg_bytes(1200, 800, mode="L", color=128)) == set()


def test_gps(project: Project) -> None:
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (35.0, 40.0, 0.0), 3: "E", 4: (139.0, 45.0, 0.0)})
    assert _check(project, "gps.jpg", jpeg_bytes(exif=exif)) == {"PSH209"}


def test_icc_profiles(project: Project) -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    assert _check(project, "s.jpg", jpeg_bytes(icc=srgb)) == set()
    other = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    assert _check(project, "p3.jpg", jpeg_bytes(icc=other)) == {"PSH210"}
    assert _check(project, "bad.jpg", jpeg_bytes(icc=b"\x00" * 200)) == {"PSH210"}


ACCOUNT = """
[accounts.shop]
plan = "paid"
icon = "account/icon.jpg"
top_image = "account/top.jpg"
info_images = {info}
"""


def _account(project: Project, info: list[str]) -> set[tuple[str, str, int]]:
    project.write("pasha.toml", project.root.joinpath("pasha.toml").read_text() + ACCOUNT.format(info=info))
    return project.codes("--select", "PSH2")  # the image rules: a project of account images alone has no draft (PSH005)


def test_account_images(project: Project) -> None:
    project.image("account/icon.jpg", width=150, height=150)
    project.image("account/top.jpg", width=1200, height=400)
    project.image("account/info.jpg", width=1200, height=800)
    assert _account(project, ["account/info.jpg"] * 3) == set()


def test_account_image_findings_point_at_the_config_line(project: Project) -> None:
    project.image("account/icon.jpg", width=149, height=149)
    project.image("account/top.jpg", width=1199, height=400)
    project.image("account/info.jpg", width=1200, height=800)
    found = _account(project, ["account/info.jpg"] * 4)
    text = project.root.joinpath("pasha.toml").read_text().splitlines()
    line = {
        key: next(i for i, ln in enumerate(text, 1) if ln.startswith(key))
        for key in ("icon", "top_image", "info_images")
    }
    assert found == {
        ("pasha.toml", "PSH205", line["icon"]),
        ("pasha.toml", "PSH202", line["top_image"]),
        ("pasha.toml", "PSH206", line["info_images"]),
    }


def test_icon_must_be_square(project: Project) -> None:
    project.image("account/icon.jpg", width=300, height=200)
    project.image("account/top.jpg", width=1200, height=400)
    assert {c for _, c, _ in _account(project, [])} == {"PSH204"}


def test_an_image_shared_by_many_drafts_is_inspected_once(project: Project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pasha_cli.image import inspect as images

    calls: list[object] = []
    real = images.inspect_image
    monkeypatch.setattr(images, "inspect_image", lambda *a: calls.append(a) or real(*a))
    project.image("posts/shared.jpg")
    for n in range(5):
        project.draft(f"d{n}.yaml", "account: paid\npublish_at: 2030-04-16 10:00\nbody: x\nimage: shared.jpg\n")
    assert project.codes() == set()
    assert len(calls) == 1


def test_image_results_are_cached_across_runs_by_content(project: Project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pasha_cli.image import inspect as images

    calls: list[object] = []
    real = images.inspect_image
    monkeypatch.setattr(images, "inspect_image", lambda *a: calls.append(a) or real(*a))
    project.image("posts/a.jpg", width=1000, height=500)
    project.draft("a.yaml", DRAFT.format(name="a.jpg"))
    first = project.codes()
    assert first == {("posts/a.yaml", "PSH202", 4)} and len(calls) == 1
    assert project.codes() == first and len(calls) == 1  # the second run reads the cache
    project.image("posts/a.jpg", width=1200, height=500)  # new content: inspected again
    assert project.codes() == set() and len(calls) == 2
    monkeypatch.setenv("PASHA_NO_CACHE", "1")
    assert project.codes() == set() and len(calls) == 3


def test_a_corrupt_cache_is_ignored(project: Project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pasha_cli.cache import cache_dir

    project.image("posts/a.jpg", width=1000, height=500)
    project.draft("a.yaml", DRAFT.format(name="a.jpg"))
    assert project.codes() == {("posts/a.yaml", "PSH202", 4)}
    for entry in cache_dir().iterdir():
        entry.write_bytes(b"\x00not json{")
    assert project.codes() == {("posts/a.yaml", "PSH202", 4)}
    (store,) = cache_dir().glob("images-*-v2.json")  # the project's own
    import json

    key = next(iter(json.loads(store.read_bytes())))
    for broken in ({"bytes": "wrong", "unexpected": 1}, {**json.loads(store.read_bytes())[key], "width": "wide"}):
        store.write_text(json.dumps({key: broken}))
        assert project.codes() == {("posts/a.yaml", "PSH202", 4)}
