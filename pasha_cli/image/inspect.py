"""Inspect an image as the platform sees it: real format, displayed size, colour mode, metadata.

Pillow is imported on first use only. Decoding is bounded (guard.py): only regular files of
the formats named here are opened, their structure is walked before Pillow sees them (scans,
segments, chunks), the header's pixel count is checked against the spec's `image_max_pixels`
before any pixel is decoded (decompression bombs), and a JPEG's whole entropy-coded stream is
read (at 1/8 scale, which is cheap) so that truncation shows.
"""

from __future__ import annotations

import contextlib
import io
import struct
from pathlib import Path
from typing import Any, NamedTuple, TypeGuard

from pasha_cli import __version__
from pasha_cli.cache import JsonStore, library_version, project_name
from pasha_cli.i18n import t
from pasha_cli.image.guard import VALIDATE_FORMATS, Refused, header_size, open_image, opened, sniff
from pasha_cli.model import LocalText

JPEG_MAGIC = b"\xff\xd8\xff"
EXIF_ORIENTATION = 0x0112
EXIF_GPS_IFD = 0x8825
QUARTER_TURNS = frozenset({5, 6, 7, 8})  # the EXIF orientations that turn the picture a quarter


class ImageInfo(NamedTuple):
    path: Path
    bytes: int
    is_jpeg: bool  # by magic number, whatever the name says
    format: str | None = None
    width: int | None = None  # as displayed: after the EXIF orientation
    height: int | None = None
    mode: str | None = None
    has_gps: bool = False
    icc_description: str | None = None  # None: no embedded profile (taken as sRGB)
    problem: LocalText | None = None  # undecodable, truncated or a decompression bomb

    @property
    def icc_is_srgb(self) -> bool:
        return names_srgb(self.icc_description)


class ImageInspector:
    """Inspects each image once per run, and remembers the result across runs by its content.

    A project's images rarely change while its drafts do, so a pre-commit run usually needs
    neither Pillow nor a decode. The key is the file's BLAKE2 hash with the pixel limit and the
    pasha and Pillow versions; files over 64 MB are inspected without the cache.
    """

    MAX_HASHED = 64 * 1024 * 1024

    def __init__(self, max_pixels: int, root: Path | None = None) -> None:
        self.max_pixels = max_pixels
        self._seen: dict[Path, ImageInfo] = {}
        self._store = JsonStore(project_name("images", root, "v2"))  # the project's; v2: the bounds of guard.py
        self._salt = f"{__version__}|{library_version('PIL', 'pillow')}|{max_pixels}|"

    def inspect(self, path: Path) -> ImageInfo:
        if path not in self._seen:
            self._seen[path] = self._inspect(path)
        return self._seen[path]

    def _inspect(self, path: Path) -> ImageInfo:
        key = self._key(path)
        cached = self._store.get(key) if key else None
        if _well_formed(cached):  # the store's own entry: read, never changed (it is saved as it is)
            fields = {name: value for name, value in cached.items() if name != "problem"}
            problem = cached["problem"]
            return ImageInfo(path=path, problem=LocalText(*problem) if problem else None, **fields)
        info = inspect_image(path, self.max_pixels)
        if key:
            entry = info._asdict()
            del entry["path"]
            self._store.put(key, entry)
        return info

    def _key(self, path: Path) -> str | None:
        import hashlib

        try:
            if path.stat().st_size > self.MAX_HASHED:
                return None
            digest = hashlib.blake2b(self._salt.encode(), digest_size=20)
            with opened(path, self.max_pixels) as (_, data):  # a regular file only, never read into memory whole
                for start in range(0, len(data), 1 << 20):
                    digest.update(data[start : start + (1 << 20)])
            return digest.hexdigest()
        except (OSError, Refused):
            return None

    def save(self) -> None:
        self._store.save()


_CACHED_TYPES: dict[str, tuple[type, ...]] = {
    "bytes": (int,),
    "is_jpeg": (bool,),
    "format": (str, type(None)),
    "width": (int, type(None)),
    "height": (int, type(None)),
    "mode": (str, type(None)),
    "has_gps": (bool,),
    "icc_description": (str, type(None)),
    "problem": (list, type(None)),
}


def _well_formed(entry: object) -> TypeGuard[dict[str, Any]]:
    """A cache entry of exactly this layout (anything else is inspected again)."""
    if not isinstance(entry, dict) or set(entry) != set(_CACHED_TYPES):
        return False
    problem = entry["problem"]
    return all(isinstance(entry[k], t) for k, t in _CACHED_TYPES.items()) and (
        problem is None or (len(problem) == 2 and all(isinstance(p, str) for p in problem))
    )


def inspect_image(path: Path, max_pixels: int, header_only: bool = False) -> ImageInfo:
    """What the image rules need, bounded: see guard.py for what is refused before decoding.

    Only a JPEG is decoded to its end (a truncated upload is PSH208); any other format already
    fails PSH201 and needs `pasha image fit`, which decodes it with the same bounds.
    `header_only` (pasha preview): format, displayed size, mode and metadata from the header, no
    pixel decoded and nothing after the header read, whatever the file's size; truncation and the
    structure after the header are not checked."""
    try:
        with opened(path, max_pixels) as (handle, data):
            info = ImageInfo(path, len(data), data[:3] == JPEG_MAGIC)
            return _decode(info, max_pixels, handle, data, header_only)
    except Refused as exc:
        return _refused(path, exc.text)
    except OSError as exc:
        return ImageInfo(path, 0, False, problem=t("image-unreadable", reason=exc.strerror or type(exc).__name__))


def _refused(path: Path, problem: LocalText) -> ImageInfo:
    """A file refused before reading: its size and magic number, if it can be read at all cheaply."""
    try:
        size = path.stat().st_size if path.is_file() else 0
    except OSError:
        size = 0
    is_jpeg = False
    if size:
        with contextlib.suppress(OSError), path.open("rb") as handle:
            is_jpeg = handle.read(3) == JPEG_MAGIC
    return ImageInfo(path, size, is_jpeg, problem=problem)


def _decode(info: ImageInfo, max_pixels: int, handle: Any, data: Any, header_only: bool = False) -> ImageInfo:
    from PIL import Image, UnidentifiedImageError

    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        # named from its header alone: Pillow walks a GIF's extension blocks in Python, one turn
        # per sub-block (slow for a file of one-byte blocks), and a GIF fails PSH201 whatever it holds
        width, height = struct.unpack_from("<HH", data, 6)
        return ImageInfo(info.path, info.bytes, False, "GIF", width, height, "P")
    if header_only and sniff(bytes(data[:16])) == "WEBP":  # Pillow's open reads a WebP whole
        size = header_size("WEBP", data)
        if size is None:
            return _with_problem(info._replace(format="WEBP"), t("image-undecodable"))
        if size[0] * size[1] > max_pixels:
            return _with_problem(info, t("image-bomb", dims=f"{size[0]}x{size[1]}", limit=max_pixels))
        return info._replace(format="WEBP", width=size[0], height=size[1])
    try:
        with open_image(VALIDATE_FORMATS, max_pixels, handle, data, header_only) as image:
            width, height = image.size
            # a PNG's getexif() decodes every pixel to look for an eXIf chunk after the data: only
            # one before it is read (the PNG fails PSH201 anyway; image fit decodes it, bounded)
            exif = image.getexif() if image.format != "PNG" or "exif" in image.info else Image.Exif()
            if quarter_turned(exif):
                width, height = height, width
            gps = {k: v for k, v in exif.get_ifd(EXIF_GPS_IFD).items() if k != 0}  # 0 is only GPSVersionID
            icc = image.info.get("icc_profile")
            info = ImageInfo(
                info.path,
                info.bytes,
                info.is_jpeg,
                image.format,
                width,
                height,
                image.mode,
                bool(gps),
                icc_description(icc) if icc else None,
            )
            if image.format in ("JPEG", "MPO") and not header_only:
                image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
                image.load()
    except Refused as exc:
        return _with_problem(info, exc.text)
    except UnidentifiedImageError:
        return _with_problem(info, t("image-undecodable"))
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError, struct.error) as exc:
        return _with_problem(info, t("image-corrupt", reason=str(exc) or type(exc).__name__))
    return info


def quarter_turned(exif: Any) -> bool:
    """Whether the EXIF orientation shows the picture turned a quarter: width and height swap."""
    return exif.get(EXIF_ORIENTATION, 1) in QUARTER_TURNS


def read_small(path: Path, max_pixels: int, limit: int) -> bytes | None:
    """The bytes of an image file of at most `limit` bytes, opened as every image is (a regular file,
    within the guard's bound); None when it is larger or cannot be read. Never reads past `limit`."""
    try:
        with opened(path, max_pixels) as (_, data):
            return bytes(data[:limit]) if len(data) <= limit else None
    except (Refused, OSError):
        return None


def _with_problem(info: ImageInfo, problem: LocalText) -> ImageInfo:
    return ImageInfo(
        info.path,
        info.bytes,
        info.is_jpeg,
        info.format,
        info.width,
        info.height,
        info.mode,
        info.has_gps,
        info.icc_description,
        problem,
    )


def names_srgb(icc_description: str | None) -> bool:
    """No profile, or one that calls itself sRGB (sRGB IEC61966-2.1 and its variants)."""
    return icc_description is None or "srgb" in icc_description.lower().replace(" ", "")


def icc_description(icc: bytes) -> str:
    try:
        from PIL import ImageCms

        return ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc))).strip() or "(unnamed)"
    except Exception:  # a broken profile is itself not sRGB; say so rather than fail
        return "(unreadable ICC profile)"
