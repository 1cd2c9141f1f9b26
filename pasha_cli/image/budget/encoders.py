"""How a picture is encoded: a way (encoder, chroma subsampling, baseline or progressive), libjpeg's
quality scale with N. Robidoux's tables, and each encoder's own call.

- libjpeg (Pillow) is given tables scaled here as libjpeg scales its own, but on a continuous
  quality, so that a search can use nearly all of a byte limit;
- jpegli (the `jpegli` extra) takes whole qualities and writes 4:2:0 only;
- every size is the real byte count of a real encoding, never an encoder's own target.
"""

from __future__ import annotations

import errno
import math
import os
from typing import Any, NamedTuple

from pasha_cli.i18n import t
from pasha_cli.image import FitError

GREY = "4:0:0"  # the subsampling notation's name for luma only: a greyscale JPEG


def jpegli_available() -> bool:
    """Whether the jpegli extra is installed, found without importing it (that waits until used)."""
    from importlib.util import find_spec

    return all(find_spec(module) is not None for module in ("pyjpegli", "mozjpeg_lossless_optimization"))


# N. Robidoux's table for ImageMagick, mozjpeg's default (its table 3), in natural order. At the same
# byte count it keeps more of a photograph than the Annex K example tables libjpeg uses by default.
ROBIDOUX = (
    16, 16, 16, 18, 25, 37, 56, 85,
    16, 17, 20, 27, 34, 40, 53, 75,
    16, 20, 24, 31, 43, 62, 91, 135,
    18, 27, 31, 40, 53, 74, 106, 156,
    25, 34, 43, 53, 69, 94, 131, 189,
    37, 40, 62, 74, 94, 124, 169, 238,
    56, 53, 91, 106, 131, 169, 226, 311,
    85, 75, 135, 156, 189, 238, 311, 418,
)  # fmt: skip
CHROMA_WEIGHT_420 = 0.8  # halved chroma carries more per coefficient: quantise it a little finer


def libjpeg_scale(quality: float) -> float:
    """The percentage libjpeg scales its base tables by at `quality` (jcparam.c's
    jpeg_quality_scaling), on a continuous quality: 5000 / q below 50, 200 - 2 q from 50."""
    return 5000 / quality if quality < 50 else 200 - 2 * quality


def fineness(quality: float) -> float:
    """How fine the tables are at `quality`: -log of libjpeg's scale (at least 1 %). A photograph's
    log(bytes) is close to a straight line in it, of slope ~0.9, so the search interpolates here."""
    return -math.log(max(libjpeg_scale(quality), 1.0))


def quality_at_fineness(x: float) -> float:
    """The quality whose fineness is `x`: libjpeg_scale inverted."""
    scale = math.exp(-x)
    return 5000 / scale if scale > 100 else (200 - scale) / 2


def libjpeg_tables(quality: float, subsampling: str) -> list[list[int]]:
    """Luma and chroma tables at `quality`, scaled by libjpeg_scale and rounded as libjpeg rounds
    its own; baseline keeps them <= 255."""
    scale = libjpeg_scale(quality)
    chroma = CHROMA_WEIGHT_420 if subsampling == "4:2:0" else 1.0
    return [
        [min(255, max(1, int((base * weight * scale + 50) // 100))) for base in ROBIDOUX] for weight in (1.0, chroma)
    ]


class Way(NamedTuple):
    """One way to encode: an encoder, a chroma subsampling, and baseline or progressive."""

    encoder: str  # "pillow" or "jpegli"
    subsampling: str  # "4:2:0", "4:4:4", or GREY
    progressive: bool

    @property
    def name(self) -> str:
        return "jpegli+mozjpeg" if self.encoder == "jpegli" and self.progressive else self.encoder

    @property
    def whole_qualities(self) -> bool:
        """Whether the encoder takes whole qualities only (pyjpegli takes an int)."""
        return self.encoder == "jpegli"

    def setting(self, quality: float) -> Any:
        """What the encoder is actually given for `quality`: equal settings give equal bytes."""
        if self.encoder == "jpegli":
            return round(quality)
        return tuple(map(tuple, libjpeg_tables(quality, self.subsampling)))

    def prepare(self, image: Any) -> Any:
        """What encode() takes, made once per search: for jpegli the RGB bytes; for Pillow a copy of
        its own, since save() keeps its options on the image and the info is cleared, while jpegli
        may be reading the picture on its thread."""
        if self.encoder == "jpegli":
            rgb = image if image.mode == "RGB" else image.convert("RGB")  # no copy before tobytes
            return rgb.tobytes(), rgb.width, rgb.height
        copy = image.copy()
        copy.info.clear()  # nothing of the source's metadata rides along (Pillow copies comments and XMP)
        return copy

    def encode(self, prepared: Any, quality: float) -> bytes:
        if self.encoder == "jpegli":
            return _jpegli_encode(prepared, round(quality), self.progressive)
        return _pillow_encode(prepared, quality, self.subsampling, self.progressive)


class Encoded(NamedTuple):
    data: bytes
    quality: float
    encodes: int
    encoder: str  # "pillow", "jpegli", or "jpegli+mozjpeg" (progressive)
    subsampling: str
    psnr: float | None = None  # against the resized picture, when candidates were compared


def check_encoder(encoder: str, subsampling: str) -> None:
    """Raises FitError when the encoder asked for is missing or cannot write the subsampling."""
    if encoder == "jpegli" and not jpegli_available():
        raise FitError(t("fit-jpegli-extra"))
    if encoder == "jpegli" and subsampling == "4:4:4":
        raise FitError(t("fit-jpegli-444"))


def _pillow_encode(image: Any, quality: float, subsampling: str = "4:2:0", progressive: bool = False) -> bytes:
    """libjpeg through Pillow, on an image no other thread uses and with no metadata (Way.prepare)."""
    tables = libjpeg_tables(quality, subsampling)
    with _scratch_file() as out:  # a real file: Pillow lets go of the GIL while it encodes to one
        image.save(
            out,
            "JPEG",
            qtables=tables[:1] if image.mode == "L" else tables,
            subsampling=2 if subsampling == "4:2:0" else 0,
            optimize=True,
            progressive=progressive,
        )
        out.seek(0)
        data = out.read()
    if not data.endswith(b"\xff\xd9"):  # a short write (a size limit, a full disk): Pillow does not check
        raise OSError(errno.EFBIG, os.strerror(errno.EFBIG))
    return data


def _scratch_file() -> Any:
    """A file in memory where the system has them (Linux), else an anonymous temporary file."""
    if hasattr(os, "memfd_create"):
        return os.fdopen(os.memfd_create("pasha-fit"), "w+b")
    import tempfile

    return tempfile.TemporaryFile()


def _jpegli_encode(rgb: tuple[bytes, int, int], quality: int, progressive: bool = False) -> bytes:
    """jpegli writes a baseline 4:2:0 JPEG with no metadata. The lossless mozjpeg pass makes it
    smaller still, but its output is always progressive: only on request."""
    import pyjpegli

    data = pyjpegli.encode(*rgb, quality)
    if not progressive:
        return bytes(data)
    import mozjpeg_lossless_optimization

    return bytes(mozjpeg_lossless_optimization.optimize(data))
