"""Inspect an image as the platform sees it: real format, displayed size, colour mode, metadata.

Pillow is imported on first use only. Decoding is bounded: the header's pixel count is checked
against the spec's `image_max_pixels` before any pixel is decoded (decompression bombs), and the
whole entropy-coded stream is read (at 1/8 scale, which is cheap) so that truncation shows.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from pasha_cli.model import LocalText

JPEG_MAGIC = b"\xff\xd8\xff"
_ORIENTATION = 0x0112
_GPS_IFD = 0x8825
_SWAPPED = {5, 6, 7, 8}  # EXIF orientations that turn the picture a quarter
_FORMATS = ["JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP"]


@dataclass(frozen=True)
class ImageInfo:
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
        return self.icc_description is None or "srgb" in self.icc_description.lower().replace(" ", "")


def inspect_image(path: Path, max_pixels: int) -> ImageInfo:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            is_jpeg = handle.read(3) == JPEG_MAGIC
    except OSError as exc:
        return ImageInfo(path, 0, False, problem=LocalText(f"読めません: {exc.strerror}", f"cannot be read: {exc.strerror}"))

    from PIL import Image, UnidentifiedImageError

    info = ImageInfo(path, size, is_jpeg)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image.MAX_IMAGE_PIXELS = max_pixels
            with Image.open(path, formats=_FORMATS) as image:
                width, height = image.size
                if width * height > max_pixels:
                    return _bomb(info, width, height, max_pixels)
                exif = image.getexif()
                if exif.get(_ORIENTATION, 1) in _SWAPPED:
                    width, height = height, width
                gps = {k: v for k, v in exif.get_ifd(_GPS_IFD).items() if k != 0}  # 0 is only GPSVersionID
                icc = image.info.get("icc_profile")
                info = ImageInfo(path, size, is_jpeg, image.format, width, height, image.mode, bool(gps),
                                 _icc_description(icc) if icc else None)
                if image.format == "JPEG":
                    image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _bomb(info, info.width or 0, info.height or 0, max_pixels)
    except UnidentifiedImageError:
        return _with_problem(info, LocalText("画像として読めません", "is not an image that can be decoded"))
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as exc:
        reason = str(exc) or type(exc).__name__
        return _with_problem(info, LocalText(f"壊れています（{reason}）", f"is corrupt ({reason})"))
    return info


def _with_problem(info: ImageInfo, problem: LocalText) -> ImageInfo:
    return ImageInfo(info.path, info.bytes, info.is_jpeg, info.format, info.width, info.height, info.mode,
                     info.has_gps, info.icc_description, problem)


def _bomb(info: ImageInfo, width: int, height: int, limit: int) -> ImageInfo:
    dims = f"{width}x{height}" if width else "?"
    return _with_problem(info, LocalText(
        f"画素数が多すぎます（{dims}、上限 {limit:,} 画素）: 展開爆弾の可能性があるため開きません",
        f"has too many pixels ({dims}; the limit is {limit:,}): not opened, as it may be a decompression bomb"))


def _icc_description(icc: bytes) -> str:
    try:
        from PIL import ImageCms

        return ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc))).strip() or "(unnamed)"
    except Exception:  # a broken profile is itself not sRGB; say so rather than fail
        return "(unreadable ICC profile)"
