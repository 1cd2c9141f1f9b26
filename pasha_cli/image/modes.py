"""Every mode Pillow opens, as the 8-bit sRGB picture the JPEG encoders take: RGB, or L for grey.

Pillow's `convert("L")` clips deep values instead of scaling them (a 16-bit grey PNG came out
white, a float TIFF black), so pasha maps them itself, by one rule for every source:

- Integer grey (I;16, I;16B, I;16L, I;16N; I, as Pillow opens signed and 32-bit TIFFs and older
  Pillow 16-bit PNGs): 0 is black, the largest value of the file's bit depth white, so 16 bits
  give v / 257 as in ImageMagick and libpng (a 12-bit TIFF: v * 255 / 4095; signed 16-bit: 32767;
  signed 8-bit, which Pillow hands over as unsigned bytes: 127). 32-bit integers have no full
  scale a picture reaches: they are taken as 16-bit. A TIFF whose zero is white is inverted.
- Float grey (F): 0.0 is black and 1.0 white (TIFF's and ImageMagick's convention).
- Values beyond that range (negative ones, an HDR merge or a depth map in float, a 32-bit TIFF)
  widen it to [min(0, lowest), max(white, highest)], mapped linearly: the picture keeps all its
  contrast instead of clipping to white or black, and a picture within its range is not touched.
  Float pixels that are not numbers (NaN, infinity) are refused: nothing says what they show.
- Transparency (an alpha band, premultiplied or not, a transparent palette entry, grey value or
  colour) is composited on white; grey sources stay one channel.
- An embedded ICC profile is converted to sRGB (CMYK and grey included); CMYK without one gets
  Pillow's plain conversion, LAB, YCbCr and HSV Pillow's own formulas.
- 16-bit colour: Pillow keeps the high byte of each sample (within one level of v / 257); a
  16-bit colour PNG with a transparent colour is refused (which pixels match it is lost).
A mode not listed here is refused with its name rather than guessed at.
"""

from __future__ import annotations

import io
from typing import Any, NamedTuple

from pasha_cli.i18n import t
from pasha_cli.image import FitError
from pasha_cli.image.inspect import icc_description, names_srgb

SIXTEEN = ("I;16", "I;16L", "I;16B", "I;16N")
DEEP_GREY = (*SIXTEEN, "I", "F")
GREY = ("1", "L", "LA", "La", *DEEP_GREY)
STRAIGHT_ALPHA = ("LA", "PA", "RGBA")
PREMULTIPLIED = ("La", "RGBa")
PLAIN = ("RGB", "RGBX", "CMYK", "YCbCr", "LAB", "HSV", "P")
RGB_LIKE = ("RGB", "RGBA", "RGBa", "RGBX", "P", "PA")
PROFILED = (*RGB_LIKE, "CMYK", "L", "LA", "La", *DEEP_GREY)  # the modes an embedded profile describes
KNOWN = frozenset((*GREY, *STRAIGHT_ALPHA, *PREMULTIPLIED, *PLAIN))
NOOPTIMIZE = 0x0100  # lcms's cmsFLAGS_NOOPTIMIZE: every pixel through the whole pipeline
TIFF_PHOTOMETRIC, TIFF_BITS, TIFF_SAMPLE_FORMAT = 262, 258, 339


def to_srgb(image: Any) -> Any:
    """RGB (or L for greyscale) in sRGB, 8 bits a sample; transparency on white. Raises FitError."""
    if image.mode not in KNOWN:
        raise FitError(t("image-mode-unknown", mode=image.mode))
    icc = image.info.get("icc_profile")
    profiled = image.mode in PROFILED
    if _transparent(image):
        image = on_white(image)
    elif image.mode in DEEP_GREY:
        image = deep_grey(image)
    elif image.mode == "L" and declared(image)[:2] == (8, 2):
        image = signed_bytes(image)
    elif image.mode in ("P", "RGBX"):
        image = image.convert("RGB")  # RGB before its profile applies
    if icc and profiled and image.mode == "RGB" and names_srgb(icc_description(icc)):
        icc = None  # already sRGB: converting would take time and change nothing
    if icc and profiled:
        converted = _grey_profile_to_srgb(image, icc) if image.mode == "L" else _profile_to_srgb(image, icc)
        if converted is not None:
            return converted
    if image.mode in ("RGB", "L"):
        return image  # already what the encoders take: no copy
    if image.mode == "1":
        return image.convert("L")
    return image.convert("RGB")


def _profile_to_srgb(image: Any, icc: bytes, flags: Any = 0) -> Any:  # lcms flags, an int before Pillow 10.3
    """The image (RGB, CMYK or L) through its embedded profile to sRGB; None for a broken profile or
    one of another colour space."""
    from PIL import ImageCms

    try:
        return ImageCms.profileToProfile(
            image,
            ImageCms.ImageCmsProfile(io.BytesIO(icc)),
            ImageCms.createProfile("sRGB"),
            outputMode="RGB",
            renderingIntent=ImageCms.Intent.PERCEPTUAL,
            flags=flags,
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None  # the plain conversion, as without one


def _grey_profile_to_srgb(image: Any, icc: bytes) -> Any:
    """L through a grey profile: its 256 values through the profile, unoptimised (lcms's optimised
    grey-to-RGB table is 10 levels off in the shadows, and slow on every pixel), as one table."""
    from PIL import Image

    levels = _profile_to_srgb(Image.frombytes("L", (256, 1), bytes(range(256))), icc, NOOPTIMIZE)
    return None if levels is None else image.point(list(levels.convert("L").tobytes()))


def _transparent(image: Any) -> bool:
    return (
        image.mode in STRAIGHT_ALPHA
        or image.mode in PREMULTIPLIED
        or "transparency" in image.info
        or (image.mode == "P" and image.palette is not None and image.palette.mode == "RGBA")
    )


def on_white(image: Any) -> Any:
    """The picture composited on white: L for a grey source, RGB for any other."""
    from PIL import Image, ImageChops

    if image.mode in PREMULTIPLIED:  # colour already times alpha: on white it is c + (255 - alpha), exactly
        *colours, alpha = image.split()
        white_behind = ImageChops.invert(alpha)
        return Image.merge(image.mode[:-1], [ImageChops.add(band, white_behind) for band in colours])
    if image.mode in ("1", "L", *DEEP_GREY):
        grey, alpha = (deep_grey(image) if image.mode in DEEP_GREY else image.convert("L")), _key_mask(image)
    elif image.mode == "LA":
        grey, alpha = image.getchannel("L"), image.getchannel("A")
    else:
        rgba = image.convert("RGBA")  # palettes, PA, a transparent RGB colour: Pillow's own lookup
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    flat = Image.new("L", grey.size, 255)
    if alpha is not None:
        flat.paste(grey, mask=alpha)
        return flat
    return grey


def _key_mask(image: Any) -> Any:
    """For a grey image with a transparent value ("transparency" in its info): 0 there, else 255.
    The value is the file's own sample (PNG's tRNS): a deep image's before scaling, 0 or 1 for 1 bit."""
    key = image.info.get("transparency")
    if not isinstance(key, int) or image.mode == "F":  # no format keys a float
        return None
    if image.mode == "1":
        key = 255 if key else 0  # Pillow's "1" pixels are 0 and 255
    if image.mode in SIXTEEN or image.mode == "I":
        table = [255] * 65536
        if 0 <= key < 65536:
            table[key] = 0
        return _as_int(image).point(table, "L")  # a 65,536-entry table: "I" to "L" in one pass
    return image.convert("L").point([0 if value == key else 255 for value in range(256)])


def _as_int(image: Any) -> Any:
    return image.convert("I") if image.mode in SIXTEEN else image  # exact; getextrema takes only I;16 of these


class Declared(NamedTuple):
    """How a file stores its grey samples."""

    bits: int = 16
    sample_format: int = 1  # 1 unsigned, 2 signed, 3 float
    min_is_white: bool = False


def declared(image: Any) -> Declared:
    """What a TIFF declares of its samples; any other file's deep grey is 16-bit unsigned (PNG's
    only depth beyond 8)."""
    tags = getattr(image, "tag_v2", None)
    if tags is None:
        return Declared()
    return Declared(
        _first(tags.get(TIFF_BITS), 16),
        _first(tags.get(TIFF_SAMPLE_FORMAT), 1),
        _first(tags.get(TIFF_PHOTOMETRIC), 1) == 0,
    )


def full_scale(image: Any) -> float:
    """The value that is white in a deep grey image: 1.0 for floats, else the largest value of its
    bit depth; 32-bit integers count as 16-bit (white at 2**32 would make any picture black)."""
    if image.mode == "F":
        return 1.0
    bits, sample_format, _ = declared(image)
    if not 1 < bits <= 16:
        bits, sample_format = 16, 1
    return float(2 ** (bits - (sample_format == 2)) - 1)


def _first(value: Any, default: int) -> int:
    if isinstance(value, tuple):
        value = value[0] if value else None
    return value if isinstance(value, int) else default


def deep_grey(image: Any) -> Any:
    """L from a grey image of more than 8 bits: black..white (see full_scale), widened to the
    picture's own lowest and highest values where they fall outside. Raises FitError."""
    from PIL import ImageChops

    white, samples = full_scale(image), declared(image)
    image = _as_int(image)
    if image.mode == "F" and not _all_finite(image):
        raise FitError(t("image-float-not-finite"))
    lowest, highest = image.getextrema()
    if image.mode == "I" and samples[:2] == (32, 1) and lowest < 0:  # Pillow reads 2**31 and more as negative
        raise FitError(t("image-uint32-wrapped"))
    black, white = min(0, lowest), max(white, highest)
    if image.mode == "I" and black == 0 and white <= 65535:  # exact: one table, one pass
        span = int(white)
        grey = image.point([min(255, (value * 510 + span) // (2 * span)) for value in range(65536)], "L")
    else:
        scale = 255 / (white - black)
        # F to L truncates: + 0.5 rounds; values beyond 0..255 (float error) clip
        floats = image if image.mode == "F" else image.convert("F")
        grey = floats.point(lambda value: value * scale + (0.5 - black * scale)).convert("L")
    return ImageChops.invert(grey) if samples.min_is_white else grey  # Pillow inverts only 8 bits and fewer


def signed_bytes(image: Any) -> Any:
    """L from a TIFF's signed 8-bit grey, which Pillow hands over as unsigned bytes (-5 as 251): as
    deep grey, 0 black and 127 white, widened to the picture's lowest value."""
    present = [value - 256 * (value > 127) for value, count in enumerate(image.histogram()) if count]
    black, white = min(0, *present), max(127, *present)
    return image.point(
        [int((value - 256 * (value > 127) - black) * 255 / (white - black) + 0.5) for value in range(256)]
    )


def refuse_lost_key(image: Any) -> None:
    """Before decoding, raise FitError for a 16-bit colour PNG with a transparent colour: PNG
    compares all 16 bits with it, Pillow keeps 8, so which pixels are transparent is lost."""
    if isinstance(image.info.get("transparency"), tuple) and any(
        str(tile[3]).startswith("RGB;16") for tile in image.tile
    ):
        raise FitError(t("image-key-16-bit"))


def _all_finite(image: Any) -> bool:
    """Whether a float image holds only numbers: times 0 every finite pixel is +0.0 (-0.0 times 0
    plus Pillow's offset 0 too), whose bits are all zero, and every NaN or infinity a NaN, whose
    are not. In strips of a megapixel: the copies stay small."""
    from PIL import Image

    rows = max(1, 1_000_000 // image.width)
    for top in range(0, image.height, rows):
        zeros = image.crop((0, top, image.width, min(image.height, top + rows))).point(lambda value: value * 0)
        if Image.frombytes("I", zeros.size, zeros.tobytes()).getextrema() != (0, 0):
            return False
    return True
