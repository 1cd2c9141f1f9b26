"""Time bounds for hostile images (issue 10): seconds per case, in validate and in image fit.

    python3 benchmarks/hostile_images.py [--timeout 120] [--only SUBSTRING] [--pasha CHECKOUT]

Every case is generated here (nothing is committed) into a temporary folder, then opened in a fresh
process by pasha's own functions: `images.inspect_image` (what `pasha validate` and `pasha image
check` do per image) and `imagefit.load` (the decode of `pasha image fit`). A case that runs past
--timeout is cut and shown as such. Printed per case: the file's bytes, the seconds of each, and
the first words of the result (refused, or what was decoded). `--pasha` times another checkout
(e.g. main, to see the stalls this fixes); the cases come from this one.

Two kinds of case: the small ones of tests/hostile_images.py (refused by a bound before any pixel
is decoded) and larger ones here, at or under the bounds, that are decoded: what an attacker can
still make pasha do. BOUND_S is the time each must stay under on a laptop core.
"""

from __future__ import annotations

import argparse
import io
import os
import struct
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
BOUND_S = 2.0

from tests.hostile_images import (  # noqa: E402  (after the path is set)
    DISGUISED,
    EMPTY_SCAN,
    HOSTILE,
    claiming,
    png_bomb,
    png_chunk,
)


def _jpeg(width: int, height: int, **options: object) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (120, 140, 160)).save(out, "JPEG", **{"quality": 80, **options})
    return out.getvalue()


def _scans(width: int, height: int, count: int) -> bytes:
    data = _jpeg(width, height, progressive=True)
    return data[:-2] + EMPTY_SCAN * count + data[-2:]


def _icc(size: int) -> bytes:
    """A JPEG carrying an ICC profile of `size` bytes in the most APP2 chunks the format allows."""
    from PIL import ImageCms

    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    profile += b"\x00" * (size - len(profile))
    struct.pack_into(">I", profile, 0, len(profile))
    step = 65519 - 14
    pieces = [profile[i : i + step] for i in range(0, len(profile), step)]
    segments = b"".join(
        b"\xff\xe2" + struct.pack(">H", 2 + 14 + len(p)) + b"ICC_PROFILE\x00" + bytes([n + 1, len(pieces)]) + p
        for n, p in enumerate(pieces)
    )
    data = _jpeg(1200, 800)
    return data[:2] + segments + data[2:]


def _exif_tags(count: int) -> bytes:
    entries = b"".join(struct.pack("<HHII", 40000 + i % 20000, 3, 1, i) for i in range(count))
    tiff = b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", count) + entries + b"\x00" * 4
    app1 = b"Exif\x00\x00" + tiff
    data = _jpeg(1200, 800)
    return data[:2] + b"\xff\xe1" + struct.pack(">H", 2 + len(app1)) + app1 + data[2:]


def _frames(fmt: str, count: int, size: tuple[int, int] = (64, 64)) -> bytes:
    from PIL import Image

    frames = [Image.new("RGB", size, (i % 256, 0, 0)) for i in range(count)]
    out = io.BytesIO()
    frames[0].save(out, fmt, save_all=True, append_images=frames[1:])
    return out.getvalue()


def _png_text(chunks: int, size: int) -> bytes:
    from tests.hostile_images import png

    return png(before_idat=png_chunk(b"tEXt", b"k\x00" + b"v" * size) * chunks)


def _restart_every_block(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.effect_noise((width, height), 60).convert("RGB").save(out, "JPEG", quality=90, restart_marker_blocks=1)
    return out.getvalue()


def _big_cases() -> list[tuple[str, Callable[[], bytes]]]:
    return [
        ("jpeg-1mp-progressive-5000-empty-scans", lambda: _scans(1200, 800, 5000)),
        ("jpeg-12mp-progressive-3000-empty-scans", lambda: _scans(4000, 3000, 3000)),
        ("jpeg-49mp-progressive-3000-empty-scans", lambda: _scans(7000, 7000, 3000)),
        ("jpeg-49mp-progressive-100-scans (at the bound)", lambda: _scans(7000, 7000, 90)),
        ("jpeg-49mp-baseline-declared-in-1-kb", lambda: claiming(7000, 7000, _jpeg(16, 16))),
        ("jpeg-49mp-progressive-declared-in-1-kb", lambda: claiming(7000, 7000, _jpeg(16, 16, progressive=True))),
        ("jpeg-12mp-restart-marker-every-block", lambda: _restart_every_block(4000, 3000)),
        (
            "jpeg-1000-segments (at the bound)",
            lambda: _jpeg(1200, 800)[:2] + b"\xff\xfe\x00\x02" * 990 + _jpeg(1200, 800)[2:],
        ),
        ("jpeg-64-kib-junk (at the bound)", lambda: _jpeg(1200, 800)[:20] + b"\x00" * 65_000 + _jpeg(1200, 800)[20:]),
        ("jpeg-16-mb-icc-profile-in-255-chunks", lambda: _icc(255 * 65_000)),
        ("jpeg-exif-with-5000-tags", lambda: _exif_tags(5000)),
        ("png-49mp-zlib-bomb (under the pixel limit)", lambda: png_bomb(7000, 7000)),
        ("png-60-text-chunks-of-1-mb", lambda: _png_text(60, 1_000_000)),
        ("png-1000-ancillary-chunks (at the bound)", lambda: _png_text(990, 1)),
        ("apng-5000-frames", lambda: _frames("PNG", 5000)),
        ("webp-animated-2000-frames", lambda: _frames("WEBP", 2000)),
        ("tiff-5000-pages", lambda: _frames("TIFF", 5000)),
        ("gif-5000-frames", lambda: _frames("GIF", 5000)),
        ("tiff-lzw-bomb-49mp", lambda: _tiff_bomb(7000, 7000)),
    ]


def _tiff_bomb(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (width, height), 0).save(out, "TIFF", compression="tiff_adobe_deflate")
    return out.getvalue()


CHILD = """
import sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from pasha_cli.image.inspect import inspect_image
from pasha_cli.image import fit as imagefit
from pasha_cli.image import FitError
from PIL import Image
Image.init()  # Pillow's plugins imported before the clock starts: the work is timed, not imports
path, which = Path(sys.argv[2]), sys.argv[3]
start = time.perf_counter()
if which == "validate":
    info = inspect_image(path, 50_000_000)
    words = info.problem.en if info.problem else f"decoded {info.format} {info.width}x{info.height}"
else:
    try:
        image = imagefit.load(path, 50_000_000)
        words = f"decoded {image.width}x{image.height}"
    except FitError as exc:
        words = exc.text.en
print(f"{time.perf_counter() - start:.3f}\\t{words}")
"""


def _time(pasha: Path, path: Path, which: str, timeout: float) -> tuple[str, str]:
    env = {**os.environ, "PASHA_NO_CACHE": "1"}
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(pasha), str(path), which],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return f">{timeout:.0f}", "cut at the timeout"
    if done.returncode != 0:
        return "-", "crashed: " + (done.stderr.strip().splitlines() or ["?"])[-1]
    seconds, words = done.stdout.strip().split("\t", 1)
    return seconds, words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--only", default="")
    parser.add_argument("--pasha", type=Path, default=REPO, help="the checkout whose pasha_cli is timed")
    args = parser.parse_args()
    cases: list[tuple[str, Callable[[Path], None]]] = [
        (f"{name} [{words or 'refused'}]", make) for name, make, words in HOSTILE
    ]
    cases += [(f"disguised: {name}", make) for name, make, _ in DISGUISED]
    cases += [(name, lambda path, build=build: path.write_bytes(build())) for name, build in _big_cases()]
    slowest = 0.0
    print(f"{'case':<62} {'bytes':>12} {'validate s':>10} {'fit s':>8}  result (validate | fit)")
    with tempfile.TemporaryDirectory() as folder:
        for index, (name, make) in enumerate(cases):
            if args.only not in name:
                continue
            path = Path(folder) / f"case{index}.jpg"
            make(path)
            size = path.stat().st_size if path.is_file() else 0
            validate_s, validate_words = _time(args.pasha, path, "validate", args.timeout)
            fit_s, fit_words = _time(args.pasha, path, "fit", args.timeout)
            for seconds in (validate_s, fit_s):
                slowest = max(slowest, float(seconds.lstrip(">")) if seconds != "-" else 0.0)
            print(
                f"{name[:62]:<62} {size:>12,} {validate_s:>10} {fit_s:>8}  {validate_words[:60]} | {fit_words[:60]}",
                flush=True,
            )
            path.unlink(missing_ok=True)
    print(f"\nslowest case: {slowest:.2f} s (bound {BOUND_S} s)")
    return 0 if slowest <= BOUND_S else 1


if __name__ == "__main__":
    sys.exit(main())
