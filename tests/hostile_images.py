"""Hostile and disguised image files, made in the test (and, larger, in benchmarks/hostile_images.py).

Each maker writes one file at a path: most are a few kilobytes that declare far more work than
their bytes (empty scans, segments, chunks, tags), or a file that is not what its name says.
"""

from __future__ import annotations

import io
import os
import random
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

from PIL import Image

Maker = Callable[[Path], None]


def jpeg(width: int = 64, height: int = 64, noise: bool = False, **options: object) -> bytes:
    out = io.BytesIO()
    picture = (
        Image.effect_noise((width, height), 80).convert("RGB")
        if noise
        else Image.new("RGB", (width, height), (200, 120, 60))
    )
    picture.save(out, "JPEG", **{"quality": 80, **options})
    return out.getvalue()


def _write(data: bytes) -> Maker:
    return lambda path: path.write_bytes(data)


def _before_eoi(data: bytes, extra: bytes) -> bytes:
    return data[:-2] + extra + data[-2:]


def _after_soi(data: bytes, extra: bytes) -> bytes:
    return data[:2] + extra + data[2:]


def _after_first_segment(data: bytes, extra: bytes) -> bytes:
    length = struct.unpack_from(">H", data, 4)[0]
    return data[: 4 + length] + extra + data[4 + length :]


EMPTY_SCAN = b"\xff\xda\x00\x08\x01\x01\x00\x01\x3f\x10"  # an AC refinement scan of one component, no data


def empty_scans(count: int, width: int = 64, height: int = 64, progressive: bool = True) -> bytes:
    """A small picture followed by `count` scans that carry nothing: each costs a pass over it."""
    return _before_eoi(jpeg(width, height, progressive=progressive), EMPTY_SCAN * count)


def claiming(width: int, height: int, data: bytes | None = None) -> bytes:
    """A small JPEG whose frame header claims another size."""
    out = bytearray(data or jpeg(16, 16))
    sof = out.index(b"\xff\xc0") if b"\xff\xc0" in out else out.index(b"\xff\xc2")
    struct.pack_into(">HH", out, sof + 5, height, width)
    return bytes(out)


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def png(
    width: int = 32,
    height: int = 32,
    before_idat: bytes = b"",
    idat_piece: int | None = None,
    rows: bytes | None = None,
) -> bytes:
    """A greyscale PNG made chunk by chunk: extra chunks before IDAT, IDAT split into pieces."""
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    raw = rows if rows is not None else (b"\x00" + b"\x80" * width) * height
    packed = zlib.compress(raw, 9)
    piece = idat_piece or len(packed)
    idat = b"".join(png_chunk(b"IDAT", packed[i : i + piece]) for i in range(0, len(packed), piece))
    return b"\x89PNG\r\n\x1a\n" + header + before_idat + idat + png_chunk(b"IEND", b"")


def png_bomb(width: int, height: int) -> bytes:
    """Zeros that inflate to every pixel of a large greyscale picture: ~1,000 times smaller."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)
    packed = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + header + png_chunk(b"IDAT", packed) + png_chunk(b"IEND", b"")


def png_bomb_start(width: int, height: int, size: int) -> bytes:
    """A png_bomb cut short after `size` bytes, made without compressing the rows it leaves out."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)
    packed = b""
    for _ in range(height):
        packed += compressor.compress(row)
        if len(packed) >= size:
            break
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    return (b"\x89PNG\r\n\x1a\n" + header + png_chunk(b"IDAT", packed))[:size]


def tiff(tags: list[tuple[int, int, int, int]], extra_entries: int = 0) -> bytes:
    """A little-endian TIFF whose first IFD holds `tags` (tag, type, count, value) and filler tags."""
    entries = sorted(tags) + [(60000 + i % 5000, 3, 1, 0) for i in range(extra_entries)]
    ifd = struct.pack("<H", len(entries)) + b"".join(struct.pack("<HHII", *e) for e in entries) + b"\x00" * 4
    return b"II*\x00" + struct.pack("<I", 8) + ifd + b"\x80" * 64


def tiff_basic(compression: int = 1, strips: int = 1, extra_entries: int = 0) -> bytes:
    base = [
        (256, 3, 1, 8),
        (257, 3, 1, 8),
        (258, 3, 1, 8),
        (259, 3, 1, compression),
        (262, 3, 1, 1),
        (273, 4, strips, 0),
        (277, 3, 1, 1),
        (278, 3, 1, 8),
        (279, 4, strips, 64),
    ]
    return tiff(base, extra_entries)


def webp_canvas(width: int, height: int) -> bytes:
    """A WebP whose extended header (VP8X) declares a canvas of this size around a tiny picture."""
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 20, 30)).save(out, "WEBP")
    simple = out.getvalue()
    vp8 = simple[12:]
    vp8x = (
        b"VP8X"
        + struct.pack("<I", 10)
        + b"\x00\x00\x00\x00"
        + (width - 1).to_bytes(3, "little")
        + (height - 1).to_bytes(3, "little")
    )
    body = b"WEBP" + vp8x + vp8
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _gif_blocks(count: int) -> bytes:
    """A GIF whose comment extension is `count` one-byte sub-blocks: Pillow walks them in Python."""
    out = io.BytesIO()
    Image.new("P", (64, 64)).save(out, "GIF")
    data = out.getvalue()
    header = 13 + 3 * (2 << (data[10] & 7)) if data[10] & 0x80 else 13
    return data[:header] + b"\x21\xfe" + b"\x01x" * count + b"\x00" + data[header:]


GIF_BLOCKS = _gif_blocks(3_000_000)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _sparse(size: int) -> Maker:
    def make(path: Path) -> None:
        with path.open("wb") as handle:
            handle.write(jpeg())
            handle.truncate(size)  # a hole: no disk used, nothing read before the refusal

    return make


# (id, maker, words the refusal's English message contains)
HOSTILE: list[tuple[str, Maker, str]] = [
    ("jpeg-progressive-empty-scans", _write(empty_scans(200)), "more than 100 JPEG scans"),
    ("jpeg-progressive-101-scans", _write(empty_scans(91)), "more than 100 JPEG scans"),  # Pillow's 10 + 91
    ("jpeg-baseline-extra-scans", _write(empty_scans(150, progressive=False)), "more than 100 JPEG scans"),
    (
        "jpeg-scans-in-a-comment-between-scans",
        _write(_before_eoi(jpeg(progressive=True), b"\xff\xfe" + struct.pack(">H", 2 + 2 * 120) + b"\xff\xda" * 120)),
        "more than 100 JPEG scans",
    ),
    ("jpeg-scans-after-the-end", _write(jpeg() + empty_scans(120)), "more than 100 JPEG scans"),
    ("jpeg-many-comment-segments", _write(_after_soi(jpeg(), b"\xff\xfe\x00\x02" * 1001)), "JPEG segments"),
    ("jpeg-many-app-segments", _write(_after_soi(jpeg(), b"\xff\xef\x00\x03x" * 1200)), "JPEG segments"),
    ("jpeg-junk-between-segments", _write(_after_first_segment(jpeg(), b"\x00" * 70_000)), "junk"),
    ("jpeg-fill-bytes", _write(_after_first_segment(jpeg(), b"\xff" * 70_000)), "junk"),
    ("jpeg-restart-markers-in-header", _write(_after_first_segment(jpeg(), b"\xff\xd0" * 40_000)), "junk"),
    ("jpeg-stuffing-in-header", _write(_after_first_segment(jpeg(), b"\xff\x00" * 40_000)), "junk"),
    ("jpeg-claims-60000x60000", _write(claiming(60000, 60000)), "decompression bomb"),
    (
        "jpeg-progressive-claims-65535x65535",
        _write(claiming(65535, 65535, jpeg(progressive=True))),
        "decompression bomb",
    ),
    ("png-many-text-chunks", _write(png(before_idat=png_chunk(b"tEXt", b"k\x00v") * 1001)), "ancillary chunks"),
    ("png-many-unknown-chunks", _write(png(before_idat=png_chunk(b"zzZz", b"") * 1500)), "ancillary chunks"),
    (
        "apng-1001-frames",
        _write(
            png(before_idat=png_chunk(b"acTL", struct.pack(">II", 1001, 0)) + png_chunk(b"fcTL", b"\x00" * 26) * 1001)
        ),
        "animation frames",
    ),
    (
        "png-idat-in-one-byte-chunks",
        _write(png(128, 128, idat_piece=1, rows=random.Random(1).randbytes(129 * 128))),
        "tiny chunks",
    ),
    ("png-claims-60000x60000", _write(png_bomb_start(60000, 60000, 4000)), "decompression bomb"),
    (
        "png-ztxt-bomb",
        _write(png(before_idat=png_chunk(b"zTXt", b"k\x00\x00" + zlib.compress(b"\x00" * 20_000_000)))),
        "corrupt",
    ),
    ("tiff-many-tags", _write(tiff_basic(extra_entries=1001)), "TIFF tags"),
    ("tiff-jpeg-compressed", _write(tiff_basic(compression=7)), "TIFF compression 7"),
    ("tiff-old-jpeg-compressed", _write(tiff_basic(compression=6)), "TIFF compression 6"),
    ("tiff-many-strips", _write(tiff_basic(strips=2_000_000)), "strips or tiles"),
    ("webp-canvas-16384x16384", _write(webp_canvas(16384, 16384)), ""),
    ("empty-file", _write(b""), "empty file"),
    ("fifo", _fifo, "not a regular file"),
    ("link-to-dev-zero", _dev_zero, "not a regular file"),
    ("sparse-10-gb", _sparse(10 * 1024**3), "bytes (the limit is"),
]


def _eps() -> bytes:
    return b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\n{ } loop\nshowpage\n"


def _other(fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 64), (1, 2, 3)).save(out, fmt, **options)
    return out.getvalue()


# Files named photo.jpg that are something else: `image fit` opens none of them (id, bytes, words)
DISGUISED: list[tuple[str, Maker, str]] = [
    ("eps", _write(_eps()), "unknown format"),
    ("eps-binary-header", _write(b"\xc5\xd0\xd3\xc6" + b"\x00" * 28 + _eps()), "unknown format"),
    ("postscript", _write(b"%!PS\n{ } loop\n"), "unknown format"),
    ("pdf", _write(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), "unknown format"),
    ("gif", _write(_other("GIF")), "is GIF"),
    ("bmp", _write(_other("BMP")), "is BMP"),
    ("gif-6-mb-of-one-byte-blocks", _write(GIF_BLOCKS), "is GIF"),
    ("ico", _write(_other("ICO")), "unknown format"),
    ("svg", _write(b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'), "unknown format"),
    ("xbm", _write(b"#define x_width 8\n#define x_height 1\nstatic char x_bits[] = {0x00};\n"), "unknown format"),
    (
        "psd",
        _write(b"8BPS\x00\x01" + b"\x00" * 6 + b"\x00\x03" + struct.pack(">II", 64, 64) + b"\x00\x08\x00\x03"),
        "unknown format",
    ),
    ("tga", _write(_other("TGA")), "unknown format"),
    ("ppm", _write(_other("PPM")), "unknown format"),
    ("avif-brand", _write(b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"), "unknown format"),
    ("text", _write("これは画像ではありません\n".encode() * 20), "unknown format"),
    ("empty", _write(b""), "empty file"),
    ("truncated-jpeg", _write(jpeg(1400, 900, noise=True, quality=95)[:30_000]), "corrupt"),
    ("jpeg-magic-only", _write(b"\xff\xd8\xff"), "can be decoded"),
    ("link-to-dev-zero", _dev_zero, "not a regular file"),
    ("fifo", _fifo, "not a regular file"),
]
