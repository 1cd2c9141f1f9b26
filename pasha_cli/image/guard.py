"""What pasha agrees to decode: a regular file, of a format it means to open (by magic number),
whose structure is within bounds that no camera, phone or editor reaches.

Images come from pull requests. A decoder's work grows with what a file declares, not with its
bytes: a 10-byte empty scan makes libjpeg pass over every coefficient of a progressive image
again, a PNG chunk or a junk byte before a JPEG's first scan costs a turn of Pillow's Python loop.
So before Pillow sees a file, a walk that is linear in its bytes (and mostly C: bytes.count and
find) counts what costs, and a file beyond a bound is refused with a message that names the
bound. Both `pasha validate` / `image check` (inspect.py) and `image fit` (fit.py) open
images here, each with its own list of formats (Pillow's `Image.open(formats=...)`).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import struct
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pasha_cli.i18n import t
from pasha_cli.model import LocalText

# Bounds, each far beyond what real encoders write (see the README, "What pasha refuses to open").
MAX_SCANS = 100  # from the first scan on (an MPF preview's counts too): libjpeg, mozjpeg and jpegli
# write ~10 progressive scans, Photoshop 3 to 5
MAX_HEADER_SEGMENTS = 1000  # a camera JPEG has ~15 before its first scan; an ICC profile is <= 255 chunks
MAX_HEADER_JUNK = 64 * 1024  # bytes between segments: Pillow steps over them one at a time, in Python
MAX_PNG_CHUNKS = 1000  # besides IDAT: a PNG carries ~10 (text, ICC, gamma, physical size)
MAX_FRAMES = 1000  # of an animated PNG: only the first is used, but each is a turn of Pillow's loop
MIN_IDAT_BYTES = 1024  # IDAT chunks beyond the first 1000, one per KiB: libpng writes 8 KiB chunks, others larger
MAX_TIFF_TAGS = 1000  # in the first IFD; a scanner or Photoshop TIFF has ~30
MAX_TIFF_PIECES = 1_000_000  # strips or tiles (a 50-MP picture in one-row strips has ~7,000)
TIFF_COMPRESSIONS = {1: "none", 5: "LZW", 8: "Deflate", 32946: "Deflate", 32773: "PackBits"}
MAX_BYTES_PER_PIXEL = 8  # 16-bit RGBA, uncompressed: no honest file is larger than this per pixel
MAX_METADATA_BYTES = 64 * 1024 * 1024  # beyond the pixels: profiles, previews, XMP

VALIDATE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP")  # identified to name them (PSH201)
FIT_FORMATS = ("JPEG", "PNG", "WEBP", "TIFF")  # and HEIF with the heic extra (the README's list)
_NOT_FF = re.compile(rb"[^\xff]")
HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")


class Refused(Exception):
    """The file is not opened: what it is or what it declares is beyond a bound. `text` says which."""

    def __init__(self, text: LocalText) -> None:
        super().__init__(text.en)
        self.text = text


def max_bytes(max_pixels: int) -> int:
    """The largest file worth reading: every pixel uncompressed at 16-bit RGBA, plus metadata."""
    return max_pixels * MAX_BYTES_PER_PIXEL + MAX_METADATA_BYTES


def sniff(head: bytes) -> str | None:
    """Pillow's format name for a file's first bytes, for the formats pasha knows; else None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:2] == b"BM":
        return "BMP"
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return "HEIF"
    return None


@contextlib.contextmanager
def opened(path: Path, max_pixels: int) -> Iterator[tuple[Any, Any]]:
    """(file object, memory map) of a regular file within the byte bound. Raises Refused, OSError.

    Opened without blocking, then checked on the descriptor: a FIFO or a device (a link to
    /dev/zero) is refused before a byte is read, and never waits for a writer."""
    import mmap

    fd = os.open(
        path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(t("image-not-regular"))
        if info.st_size == 0:
            raise Refused(t("image-empty"))
        limit = max_bytes(max_pixels)
        if info.st_size > limit:
            raise Refused(t("image-too-large", size=info.st_size, limit=limit, pixels=max_pixels))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        yield handle, data


def open_image(formats: tuple[str, ...], max_pixels: int, handle: Any, data: Any, header_only: bool = False) -> Any:
    """Pillow's image for a file opened with `opened`, after its structure is checked; the pixel
    count is checked before any pixel is decoded. Raises Refused (and Pillow's own errors).

    `header_only`: the caller reads the header alone (size, mode, EXIF) and decodes nothing, so
    only what Pillow's open reads is bounded and walked (check_header), not the whole file."""
    from PIL import Image

    found = sniff(bytes(data[:16]))
    if found not in formats:
        raise Refused(t("image-format-refused", format=found or t("image-format-unknown"), allowed=", ".join(formats)))
    if header_only:
        check_header(found, data)
    else:
        check_structure(found, data)
    with pillow_unbounded():  # our own check below names the size and the spec's limit
        image = Image.open(handle, formats=[found])
    width, height = image.size
    if width * height > max_pixels:
        image.close()
        raise Refused(t("image-bomb", dims=f"{width}x{height}", limit=max_pixels))
    return image


_UNBOUNDED = threading.Lock()  # one opening at a time changes Pillow's bound, so each puts back the real one


@contextlib.contextmanager
def pillow_unbounded() -> Iterator[None]:
    """Pillow's own pixel bound (`Image.MAX_IMAGE_PIXELS`, a process-wide setting) off while the block
    runs, put back as it was however the block ends: pasha used as a library, or a fit, leaves it to
    the program that set it. Pillow checks it as it opens a file, so open_image turns it off for
    Image.open alone; the pixels that follow are bounded by the spec's limit, within Pillow's."""
    from PIL import Image

    with _UNBOUNDED:
        previous = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = None
        try:
            yield
        finally:
            Image.MAX_IMAGE_PIXELS = previous


def check_structure(fmt: str, data: Any) -> None:
    """Raise Refused when the file declares more work than an honest file of its format does."""
    if fmt == "JPEG":
        _check_jpeg(data)
    elif fmt == "PNG":
        _check_png(data)
    elif fmt == "TIFF":
        _check_tiff(data)


def check_header(fmt: str, data: Any) -> None:
    """As check_structure, for what Pillow's open reads: a JPEG's segments before its first scan, a
    PNG's chunks before its first image data, a TIFF's first directory. Pages after them are never
    touched (a view of a 400 MB photo reads its first kilobytes)."""
    if fmt == "JPEG":
        _jpeg_header(data)
    elif fmt == "PNG":
        _check_png(data, header_only=True)
    elif fmt == "TIFF":
        _check_tiff(data)


def header_size(fmt: str, data: Any) -> tuple[int, int] | None:
    """(width, height) from the first bytes of a format Pillow would read whole to open (WebP: its
    open hands the entire file to libwebp); None when the header is not one pasha can read."""
    if fmt != "WEBP" or len(data) < 30:
        return None
    chunk = bytes(data[12:16])
    if chunk == b"VP8X":  # the extended format: a 24-bit canvas size, minus one
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    if chunk == b"VP8L" and data[20] == 0x2F:  # lossless: 14-bit sizes, minus one, after the signature
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 " and bytes(data[23:26]) == b"\x9d\x01\x2a":  # lossy: a key frame's start code, then sizes
        return struct.unpack_from("<H", data, 26)[0] & 0x3FFF, struct.unpack_from("<H", data, 28)[0] & 0x3FFF
    return None


def _check_jpeg(data: Any) -> None:
    first_scan = _jpeg_header(data)
    # From the first scan on, every scan libjpeg reads starts with an FF DA pair in the file:
    # counting the pairs bounds the scans from above, whatever the bytes around them pretend.
    if first_scan is not None and _occurrences(data, b"\xff\xda", first_scan, MAX_SCANS + 1) > MAX_SCANS:
        raise Refused(t("image-jpeg-scans", limit=MAX_SCANS))


def _jpeg_header(data: Any) -> int | None:
    """Where the first scan starts (None: nowhere), after bounding the segments before it.

    Pillow reads these itself, a Python turn per segment or junk byte; they are walked as libjpeg
    walks them (by their lengths, skipping junk and fill bytes), so a profile or a thumbnail that
    happens to hold FF DA is not taken for a scan."""
    pos, segments, junk, size = 2, 0, 0, len(data)
    while pos < size:
        marker = data.find(b"\xff", pos)
        if marker < 0:
            return None  # truncated: the decoder says so
        after = _NOT_FF.search(data, marker)  # over fill bytes (FF FF ...) at C speed
        if after is None:
            return None
        junk += after.start() - pos - 1
        code, pos = data[after.start()], after.start() + 1
        if code == 0xDA:
            return marker
        if code == 0xD9:
            return None
        if code == 0x00 or 0xD0 <= code <= 0xD8 or code == 0x01:
            junk += 2  # stuffing, restart, SOI, TEM: no length, but a turn of the loop each
        else:
            segments += 1
            if segments > MAX_HEADER_SEGMENTS:
                raise Refused(t("image-jpeg-segments", limit=MAX_HEADER_SEGMENTS))
            if pos + 2 > size:
                return None
            pos += data[pos] << 8 | data[pos + 1]
        if junk > MAX_HEADER_JUNK:
            raise Refused(t("image-jpeg-junk", limit=MAX_HEADER_JUNK))
    return None


def _occurrences(data: Any, needle: bytes, start: int, stop: int) -> int:
    """How often `needle` occurs from `start`, counted up to `stop`: find() runs in C, a memory map
    has no count()."""
    found, pos = 0, data.find(needle, start)
    while pos >= 0 and found < stop:
        found += 1
        pos = data.find(needle, pos + len(needle))
    return found


def _check_png(data: Any, header_only: bool = False) -> None:
    pos, size, others, idat, frames = 8, len(data), 0, 0, 0
    while pos + 8 <= size:
        length, kind = struct.unpack_from(">I4s", data, pos)
        if kind in (b"IDAT", b"fdAT"):  # image data, of the first frame and of an APNG's others
            if header_only:
                return  # Pillow's open stops at the first
            idat += 1
        elif kind == b"fcTL":
            frames += 1
            if frames > MAX_FRAMES:
                raise Refused(t("image-frames", limit=MAX_FRAMES))
        else:
            others += 1
            if others > MAX_PNG_CHUNKS:
                raise Refused(t("image-png-chunks", limit=MAX_PNG_CHUNKS))
        if idat > MAX_PNG_CHUNKS + size // MIN_IDAT_BYTES:
            raise Refused(t("image-png-idat", limit=idat - 1, size=size))
        if kind == b"IEND":
            return
        pos += 12 + length


def _check_tiff(data: Any) -> None:
    order = "<" if data[:2] == b"II" else ">"
    size = len(data)
    if size < 8:
        return
    (ifd,) = struct.unpack_from(order + "I", data, 4)
    if ifd + 2 > size:
        return  # the decoder says it is corrupt
    (count,) = struct.unpack_from(order + "H", data, ifd)
    if count > MAX_TIFF_TAGS:
        raise Refused(t("image-tiff-tags", count=count, limit=MAX_TIFF_TAGS))
    for index in range(count):
        entry = ifd + 2 + 12 * index
        if entry + 12 > size:
            return
        tag, kind, values = struct.unpack_from(order + "HHI", data, entry)
        if tag == 259:  # Compression
            (scheme,) = struct.unpack_from(order + ("H" if kind == 3 else "I"), data, entry + 8)
            if scheme not in TIFF_COMPRESSIONS:
                raise Refused(
                    t(
                        "image-tiff-compression",
                        scheme=scheme,
                        allowed=", ".join(sorted(set(TIFF_COMPRESSIONS.values()))),
                    )
                )
        elif tag in (273, 324) and values > MAX_TIFF_PIECES:  # StripOffsets, TileOffsets
            raise Refused(t("image-tiff-pieces", count=values, limit=MAX_TIFF_PIECES))
