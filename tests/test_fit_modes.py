"""`pasha image fit` keeps the picture, whatever mode Pillow opens it in (issue 11, item 5).

One row per (format, mode): the source is generated here from known sample values, and the
8-bit sRGB picture it should become is computed from those values by the formulas written down
here (v / 257 for 16 bits, alpha over white, JFIF's YCbCr, CIE L*a*b* D50, HSV...), never by the
conversion under test. Each row is checked twice: `to_srgb` on the decoded source, sample for
sample, and the JPEG that `pasha image fit` writes (at quality 100, 4:4:4, no resize: 1200 px is
the top image's width), by its mean and largest error.
"""

from __future__ import annotations

import colorsys
import io
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from PIL import Image, ImageChops

from pasha_cli.image import FitError
from pasha_cli.image import modes as imagemodes
from tests.conftest import run

W, H = 1200, 8  # 1200: the top image's width, so fit does not resample and the pixels can be compared
ALPHAS = (255, 0, 1, 64, 128, 200, 254, 255)  # one a row: opaque, transparent and between


def ramp(x: int, top: int = 255) -> int:
    """0 at the left edge to `top` at the right, rounded."""
    return (2 * x * top + W - 1) // (2 * (W - 1))


def over_white(value: int, alpha: int) -> int:
    return (value * alpha + 255 * (255 - alpha) + 127) // 255


def grey16(value: int) -> int:
    return (value * 255 + 32767) // 65535  # round(v / 257)


def colour(x: int, y: int) -> tuple[int, int, int]:
    return ramp(x), 255 - ramp(x), 40 + 25 * y


def picture(mode: str, pixel: Callable[[int, int], int | tuple[int, ...]]) -> Image.Image:
    """An 8-bit picture of W x H, its pixels from `pixel(x, y)`."""
    image = Image.new(mode, (W, H))
    image.putdata([pixel(x, y) for y in range(H) for x in range(W)])
    return image


def samples(fmt: str, pixel: Callable[[int, int], tuple[float, ...]]) -> bytes:
    """Raw samples of W x H pixels, packed by `fmt` (a struct code, with its byte order)."""
    order, code = fmt[0], fmt[1:]
    return b"".join(
        struct.pack(order + code * len(values), *values) for values in (pixel(x, y) for y in range(H) for x in range(W))
    )


def raw(mode: str, fmt: str, pixel: Callable[[int, int], tuple[float, ...]]) -> Image.Image:
    return Image.frombytes(mode, (W, H), samples(fmt, pixel))


def png(depth: int, colour_type: int, data: bytes, *chunks: tuple[bytes, bytes]) -> bytes:
    """A PNG written by hand: Pillow cannot write 16-bit colour or grey with alpha."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    stride = len(data) // H
    rows = b"".join(b"\x00" + data[y * stride : (y + 1) * stride] for y in range(H))
    head = chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, depth, colour_type, 0, 0, 0))
    return (
        b"\x89PNG\r\n\x1a\n"
        + head
        + b"".join(chunk(*c) for c in chunks)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def tiff(
    data: bytes,
    bits: tuple[int, ...],
    photometric: int,
    sample_format: int = 1,
    extra: tuple[int, ...] = (),
    order: str = "<",
) -> bytes:
    """A baseline uncompressed TIFF in one strip, written by hand: Pillow cannot write 16-bit colour,
    signed or unsigned 32-bit integers, associated alpha or a zero that is white."""

    def packed(kind: int, values: tuple[int, ...]) -> bytes:
        return struct.pack(order + ("H" if kind == 3 else "I") * len(values), *values)

    def entries(strip: int) -> list[tuple[int, int, tuple[int, ...]]]:  # in tag order, as TIFF wants
        return [
            (256, 4, (W,)),
            (257, 4, (H,)),
            (258, 3, bits),
            (259, 3, (1,)),
            (262, 3, (photometric,)),
            (273, 4, (strip,)),
            (277, 3, (len(bits),)),
            (278, 4, (H,)),
            (279, 4, (len(data),)),
            (284, 3, (1,)),
            *([(338, 3, extra)] if extra else []),
            (339, 3, (sample_format,) * len(bits)),
        ]

    outside = 8 + 2 + 12 * len(entries(0)) + 4  # values longer than 4 bytes go after the IFD, then the strip
    strip = outside + sum(len(packed(kind, values)) for _, kind, values in entries(0) if len(packed(kind, values)) > 4)
    table, blobs = b"", b""
    for tag, kind, values in entries(strip):
        value = packed(kind, values)
        if len(value) <= 4:
            table += struct.pack(order + "HHI", tag, kind, len(values)) + value.ljust(4, b"\x00")
        else:
            table += struct.pack(order + "HHII", tag, kind, len(values), outside + len(blobs))
            blobs += value
    head = (b"II*\x00" if order == "<" else b"MM\x00*") + struct.pack(order + "I", 8)
    return head + struct.pack(order + "H", len(entries(0))) + table + bytes(4) + blobs + data


def twelve_bits(values: list[int]) -> bytes:
    """12-bit samples packed two in three bytes, high bits first (TIFF's fill order 1)."""
    return b"".join(
        bytes((a >> 4, (a & 15) << 4 | b >> 8, b & 255)) for a, b in zip(values[::2], values[1::2], strict=True)
    )


def saved(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def s15(*values: float) -> bytes:
    return b"".join(struct.pack(">i", round(value * 65536)) for value in values)


D50 = (0.9642, 1.0, 0.8249)  # the ICC connection space's white
SRGB_D50 = ((0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141))  # sRGB's primaries, adapted


def icc(device: bytes, pcs: bytes, kind: bytes, tags: dict[bytes, bytes]) -> bytes:
    """An ICC v2 profile written by hand: no CMYK profile, nor an RGB one other than sRGB, ships with Pillow."""
    tags = {
        b"desc": b"desc" + bytes(4) + struct.pack(">I", 5) + b"test\x00" + bytes(8 + 3 + 67),
        b"wtpt": b"XYZ " + bytes(4) + s15(*D50),
        **tags,
    }
    start, table, body = 128 + 4 + 12 * len(tags), b"", b""
    for signature, data in tags.items():
        table += signature + struct.pack(">II", start + len(body), len(data))
        body += data + b"\x00" * (-len(data) % 4)
    header = (
        struct.pack(">I", start + len(body))
        + b"lcms"
        + bytes((2, 0x10, 0, 0))
        + kind
        + device
        + pcs
        + bytes(12)
        + b"acspAPPL"
        + bytes(20)
        + bytes(4)
        + s15(*D50)
        + bytes(48)
    )  # flags..attributes, intent
    return header + struct.pack(">I", len(tags)) + table + body


def cyan_only_cmyk_profile() -> bytes:
    """CMYK to L*a*b*: grey that darkens with cyan alone, from L* 100 to 0 (a black point of 0: the
    perceptual intent then scales nothing); magenta, yellow and black do nothing. Linear in cyan,
    so any interpolation gives it exactly, and nothing like the plain conversion, so a profile
    left unused shows."""
    identity = bytes(range(256))
    clut = b"".join(bytes((255 - 255 * (index >> 3), 128, 128)) for index in range(16))  # cyan: the slowest input
    lut = b"mft1" + bytes(4) + bytes((4, 3, 2, 0)) + s15(1, 0, 0, 0, 1, 0, 0, 0, 1) + identity * 4 + clut + identity * 3
    return icc(b"CMYK", b"Lab ", b"prtr", {b"A2B0": lut})


def swapped_rgb_profile() -> bytes:
    """An RGB profile with sRGB's primaries but red and green swapped, and linear curves."""
    linear = b"curv" + bytes(4) + struct.pack(">I", 0)
    red, green, blue = SRGB_D50
    return icc(
        b"RGB ",
        b"XYZ ",
        b"mntr",
        {
            b"rXYZ": b"XYZ " + bytes(4) + s15(*green),
            b"gXYZ": b"XYZ " + bytes(4) + s15(*red),
            b"bXYZ": b"XYZ " + bytes(4) + s15(*blue),
            b"rTRC": linear,
            b"gTRC": linear,
            b"bTRC": linear,
        },
    )


def linear_grey_profile() -> bytes:
    """A grey profile whose values are linear light (sRGB's are not: the picture lightens)."""
    return icc(b"GRAY", b"XYZ ", b"mntr", {b"kTRC": b"curv" + bytes(4) + struct.pack(">I", 0)})


def srgb_encode(linear: float) -> int:
    c = min(1.0, max(0.0, linear))
    return round(255 * (12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055))


def lightness_grey(lightness: float) -> int:
    """sRGB's value for the neutral grey of CIE lightness L* (0..100)."""
    f = (lightness + 16) / 116
    return srgb_encode(f**3 if f > 6 / 29 else 3 * (6 / 29) ** 2 * (f - 4 / 29))


def cyan_grey(x: int, y: int) -> tuple[int, int, int]:
    cyan = cmyk(x, y)[0] / 255
    return (lightness_grey(100 - 100 * cyan),) * 3


def swapped(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    red, green, blue = rgb
    return srgb_encode(green / 255), srgb_encode(red / 255), srgb_encode(blue / 255)


class Case(NamedTuple):
    id: str
    source: Callable[[], Image.Image | tuple[str, bytes]]  # in memory, or (suffix, the file's bytes)
    expected: Callable[[], Image.Image]  # the 8-bit sRGB picture, from the sample values
    tolerance: int = (
        0  # largest error per sample of to_srgb: Pillow's own rounding, or reading 16 bits by their high byte
    )


# --- the sources' sample values and what they should become ---


def grey_expected(value: Callable[[int, int], int]) -> Callable[[], Image.Image]:
    return lambda: picture("L", value)


def deep(full: int, low: int = 0) -> Callable[[int, int], tuple[int]]:
    return lambda x, y: (low + ramp(x, full - low),)


def stretched(low: float, high: float, value: Callable[[int, int], float]) -> Callable[[int, int], int]:
    return lambda x, y: min(255, max(0, int((value(x, y) - low) * 255 / (high - low) + 0.5)))


def f32(value: float) -> float:
    return struct.unpack("<f", struct.pack("<f", value))[0]


def unit(x: int, y: int) -> float:
    return f32(x / (W - 1))


def hdr(x: int, y: int) -> float:
    return f32(-2 + 8 * x / (W - 1))


KEY16 = ramp(600, 65535)  # a 16-bit grey value made transparent by PNG's tRNS
PALETTE = [(i, 255 - i, (i * 7) % 256) for i in range(256)]


def palette_image(mode: str = "P", alpha: list[int] | None = None) -> Image.Image:
    image = picture("L", lambda x, y: ramp(x)).convert("L")
    indexed = Image.frombytes("P", image.size, image.tobytes())
    flat = [channel for entry in PALETTE for channel in entry]
    if alpha is None:
        indexed.putpalette(flat)
    else:
        indexed.putpalette([c for i, entry in enumerate(PALETTE) for c in (*entry, alpha[i])], "RGBA")
    if mode == "PA":
        with_alpha = Image.merge("PA", [indexed, picture("L", lambda x, y: ALPHAS[y])])
        with_alpha.putpalette(flat)
        return with_alpha
    return indexed


def lab(x: int, y: int) -> tuple[int, int, int]:
    """Colours well inside sRGB's gamut, where every correct formula agrees."""
    return 100 + ramp(x, 100), 128 - 12 + ramp(x, 24), 128 + 12 - 3 * y


def lab_to_srgb(lightness: int, a: int, b: int) -> tuple[int, int, int]:
    """CIE L*a*b* (D50, the ICC PCS white) to sRGB, through XYZ and sRGB's D50-adapted matrix."""
    fy = (lightness * 100 / 255 + 16) / 116
    fx, fz = fy + (a - 128) / 500, fy - (b - 128) / 200

    def inverse(f: float) -> float:
        return f**3 if f > 6 / 29 else 3 * (6 / 29) ** 2 * (f - 4 / 29)

    x, y, z = 0.9642 * inverse(fx), inverse(fy), 0.8249 * inverse(fz)
    linear = (
        3.1338561 * x - 1.6168667 * y - 0.4906146 * z,
        -0.9787684 * x + 1.9161415 * y + 0.0334540 * z,
        0.0719453 * x - 0.2289914 * y + 1.4052427 * z,
    )

    def encode(c: float) -> int:
        c = min(1.0, max(0.0, c))
        return round(255 * (12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055))

    r, g, bl = (encode(c) for c in linear)
    return r, g, bl


def ycbcr(x: int, y: int) -> tuple[int, int, int]:
    return 30 + ramp(x, 190), 128 - 20 + 5 * y, 128 + 30 - ramp(x, 60)


def ycbcr_to_rgb(luma: int, cb: int, cr: int) -> tuple[int, int, int]:
    """JFIF's conversion (the JPEG one, which Pillow's YCbCr mode is)."""

    def clip(v: float) -> int:
        return min(255, max(0, round(v)))

    return (
        clip(luma + 1.402 * (cr - 128)),
        clip(luma - 0.344136 * (cb - 128) - 0.714136 * (cr - 128)),
        clip(luma + 1.772 * (cb - 128)),
    )


def hsv(x: int, y: int) -> tuple[int, int, int]:
    return ramp(x), 100 + 20 * y, 200


def hsv_to_rgb(h: int, s: int, v: int) -> tuple[int, int, int]:
    r, g, b = colorsys.hsv_to_rgb(h / 255, s / 255, v / 255)
    return round(r * 255), round(g * 255), round(b * 255)


def cmyk(x: int, y: int) -> tuple[int, int, int, int]:
    return ramp(x), 255 - ramp(x), 30 * y, 15 * y


def cmyk_to_rgb(c: int, m: int, ye: int, k: int) -> tuple[int, int, int]:
    """The plain conversion without a profile: each ink and black subtract their share of the light."""
    return tuple(round((255 - ink) * (255 - k) / 255) for ink in (c, m, ye))  # type: ignore[return-value]


def rgb16(x: int, y: int) -> tuple[int, int, int]:
    return ramp(x, 65535), 65535 - ramp(x, 65535), 2000 + 7000 * y


def grey_alpha16(x: int, y: int) -> tuple[int, int]:
    return ramp(x, 65535), ALPHAS[y] * 257


def rgba16(x: int, y: int) -> tuple[int, int, int, int]:
    return (*rgb16(x, y), ALPHAS[y] * 257)


def straight(x: int, y: int) -> tuple[int, int, int, int]:
    return (*colour(x, y), ALPHAS[y])


def premultiplied(x: int, y: int) -> tuple[int, int, int, int]:
    r, g, b = colour(x, y)
    a = ALPHAS[y]
    return (r * a + 127) // 255, (g * a + 127) // 255, (b * a + 127) // 255, a


def rgb_over_white(
    pixel: Callable[[int, int], tuple[int, ...]], scale: Callable[[int], int] = int
) -> Callable[[], Image.Image]:
    def over(x: int, y: int) -> tuple[int, ...]:
        *colours, alpha = (scale(v) for v in pixel(x, y))
        return tuple(over_white(c, alpha) for c in colours)

    return lambda: picture("RGB", over)


def premultiplied_over_white(x: int, y: int) -> tuple[int, int, int]:
    *colours, alpha = premultiplied(x, y)
    return tuple(c + 255 - alpha for c in colours)  # type: ignore[return-value]


def pattern(x: int, y: int) -> int:
    return 255 if (x // 7 + y) % 2 else 0


CASES = [
    # PNG
    Case("png-1", lambda: ("png", saved(picture("L", pattern).convert("1"), "PNG")), grey_expected(pattern)),
    Case(
        "png-1-trns",
        lambda: ("png", saved(picture("L", pattern).convert("1"), "PNG", transparency=0)),  # black
        grey_expected(lambda x, y: 255),
    ),
    Case(
        "png-L", lambda: ("png", saved(picture("L", lambda x, y: ramp(x)), "PNG")), grey_expected(lambda x, y: ramp(x))
    ),
    Case(
        "png-L-trns",
        lambda: ("png", saved(picture("L", lambda x, y: ramp(x)), "PNG", transparency=ramp(600))),
        grey_expected(lambda x, y: 255 if ramp(x) == ramp(600) else ramp(x)),
    ),
    Case(
        "png-L-icc",
        lambda: ("png", saved(picture("L", lambda x, y: ramp(x)), "PNG", icc_profile=linear_grey_profile())),
        grey_expected(lambda x, y: srgb_encode(ramp(x) / 255)),
        2,
    ),
    Case(
        "png-LA",
        lambda: ("png", saved(picture("LA", lambda x, y: (ramp(x), ALPHAS[y])), "PNG")),
        grey_expected(lambda x, y: over_white(ramp(x), ALPHAS[y])),
        1,
    ),
    Case(
        "png-P", lambda: ("png", saved(palette_image(), "PNG")), lambda: picture("RGB", lambda x, y: PALETTE[ramp(x)])
    ),
    Case(
        "png-P-trns-index",
        lambda: ("png", saved(palette_image(), "PNG", transparency=100)),
        lambda: picture("RGB", lambda x, y: (255, 255, 255) if ramp(x) == 100 else PALETTE[ramp(x)]),
    ),
    Case(
        "png-P-rgba-palette",
        lambda: ("png", saved(palette_image(alpha=list(range(256))), "PNG")),
        lambda: picture("RGB", lambda x, y: tuple(over_white(c, ramp(x)) for c in PALETTE[ramp(x)])),
        1,
    ),
    Case("png-RGB", lambda: ("png", saved(picture("RGB", colour), "PNG")), lambda: picture("RGB", colour)),
    Case(
        "png-RGB-trns",
        lambda: ("png", saved(picture("RGB", colour), "PNG", transparency=colour(600, 3))),
        lambda: picture("RGB", lambda x, y: (255, 255, 255) if colour(x, y) == colour(600, 3) else colour(x, y)),
    ),
    Case("png-RGBA", lambda: ("png", saved(picture("RGBA", straight), "PNG")), rgb_over_white(straight), 1),
    Case(
        "png-RGB-icc",
        lambda: ("png", saved(picture("RGB", colour), "PNG", icc_profile=swapped_rgb_profile())),
        lambda: picture("RGB", lambda x, y: swapped(colour(x, y))),
        2,
    ),
    Case(
        "png-P-icc",
        lambda: ("png", saved(palette_image(), "PNG", icc_profile=swapped_rgb_profile())),
        lambda: picture("RGB", lambda x, y: swapped(PALETTE[ramp(x)])),
        2,
    ),
    Case(
        "png-16-grey",
        lambda: ("png", saved(raw("I;16", "<H", deep(65535)), "PNG")),
        grey_expected(lambda x, y: grey16(ramp(x, 65535))),
    ),
    Case(
        "png-16-grey-icc",
        lambda: ("png", saved(raw("I;16", "<H", deep(65535)), "PNG", icc_profile=linear_grey_profile())),
        grey_expected(lambda x, y: srgb_encode(grey16(ramp(x, 65535)) / 255)),
        2,
    ),
    Case(
        "png-16-grey-trns",
        lambda: ("png", saved(raw("I;16", "<H", deep(65535)), "PNG", transparency=KEY16)),
        grey_expected(lambda x, y: 255 if ramp(x, 65535) == KEY16 else grey16(ramp(x, 65535))),
    ),
    Case(
        "png-16-grey-alpha",
        lambda: ("png", png(16, 4, samples(">H", grey_alpha16))),
        lambda: picture("RGB", lambda x, y: (over_white(grey16(ramp(x, 65535)), ALPHAS[y]),) * 3),
        2,
    ),
    Case(
        "png-16-RGB",
        lambda: ("png", png(16, 2, samples(">H", rgb16))),
        lambda: picture("RGB", lambda x, y: tuple(grey16(v) for v in rgb16(x, y))),
        1,
    ),
    Case("png-16-RGBA", lambda: ("png", png(16, 6, samples(">H", rgba16))), rgb_over_white(rgba16, grey16), 2),
    # TIFF
    Case("tiff-1", lambda: ("tif", saved(picture("L", pattern).convert("1"), "TIFF")), grey_expected(pattern)),
    Case(
        "tiff-L",
        lambda: ("tif", saved(picture("L", lambda x, y: ramp(x)), "TIFF")),
        grey_expected(lambda x, y: ramp(x)),
    ),
    Case(
        "tiff-LA",
        lambda: ("tif", saved(picture("LA", lambda x, y: (ramp(x), ALPHAS[y])), "TIFF")),
        grey_expected(lambda x, y: over_white(ramp(x), ALPHAS[y])),
        1,
    ),
    Case(
        "tiff-La",
        lambda: ("tif", tiff(samples("<B", lambda x, y: premultiplied(x, y)[::3]), (8, 8), 1, extra=(1,))),
        grey_expected(lambda x, y: premultiplied(x, y)[0] + 255 - ALPHAS[y]),
    ),
    Case(
        "tiff-P", lambda: ("tif", saved(palette_image(), "TIFF")), lambda: picture("RGB", lambda x, y: PALETTE[ramp(x)])
    ),
    Case(
        "tiff-PA",
        lambda: ("tif", saved(palette_image("PA"), "TIFF")),
        lambda: picture("RGB", lambda x, y: tuple(over_white(c, ALPHAS[y]) for c in PALETTE[ramp(x)])),
        1,
    ),
    Case("tiff-RGB", lambda: ("tif", saved(picture("RGB", colour), "TIFF")), lambda: picture("RGB", colour)),
    Case("tiff-RGBA", lambda: ("tif", saved(picture("RGBA", straight), "TIFF")), rgb_over_white(straight), 1),
    Case(
        "tiff-RGB-associated-alpha",
        lambda: ("tif", tiff(samples("<B", premultiplied), (8, 8, 8, 8), 2, extra=(1,))),
        lambda: picture("RGB", premultiplied_over_white),
        2,
    ),
    Case(
        "tiff-CMYK",
        lambda: ("tif", saved(picture("CMYK", cmyk), "TIFF")),
        lambda: picture("RGB", lambda x, y: cmyk_to_rgb(*cmyk(x, y))),
        1,
    ),
    Case(
        "tiff-CMYK-icc",
        lambda: ("tif", saved(picture("CMYK", cmyk), "TIFF", icc_profile=cyan_only_cmyk_profile())),
        lambda: picture("RGB", cyan_grey),
        2,
    ),
    Case(
        "tiff-YCbCr",
        lambda: ("tif", saved(picture("YCbCr", ycbcr), "TIFF")),
        lambda: picture("RGB", lambda x, y: ycbcr_to_rgb(*ycbcr(x, y))),
        1,
    ),
    Case(
        "tiff-LAB",
        lambda: ("tif", saved(picture("LAB", lab), "TIFF")),
        lambda: picture("RGB", lambda x, y: lab_to_srgb(*lab(x, y))),
        2,
    ),
    Case(
        "tiff-16-grey",
        lambda: ("tif", saved(raw("I;16", "<H", deep(65535)), "TIFF")),
        grey_expected(lambda x, y: grey16(ramp(x, 65535))),
    ),
    Case(
        "tiff-16-grey-big-endian",
        lambda: ("tif", saved(raw("I;16B", ">H", deep(65535)), "TIFF")),
        grey_expected(lambda x, y: grey16(ramp(x, 65535))),
    ),
    Case(
        "tiff-12-grey",
        lambda: ("tif", tiff(twelve_bits([ramp(x, 4095) for y in range(H) for x in range(W)]), (12,), 1)),
        grey_expected(lambda x, y: (ramp(x, 4095) * 255 + 2047) // 4095),
    ),
    Case(
        "tiff-16-signed-grey",
        lambda: ("tif", tiff(samples("<h", deep(32767, -32768)), (16,), 1, sample_format=2)),
        grey_expected(stretched(-32768, 32767, lambda x, y: -32768 + ramp(x, 65535))),
    ),
    Case(
        "tiff-8-signed-grey",
        lambda: ("tif", tiff(samples("<b", lambda x, y: (ramp(x) - 128,)), (8,), 1, sample_format=2)),
        grey_expected(lambda x, y: ramp(x)),
    ),  # -128..127: black to white
    Case(
        "tiff-16-grey-min-is-white",
        lambda: ("tif", tiff(samples("<H", deep(65535)), (16,), 0)),
        grey_expected(lambda x, y: 255 - grey16(ramp(x, 65535))),
    ),
    Case(
        "tiff-F-min-is-white",
        lambda: ("tif", tiff(samples("<f", lambda x, y: (unit(x, y),)), (32,), 0, sample_format=3)),
        grey_expected(lambda x, y: 255 - stretched(0, 1, unit)(x, y)),
    ),
    Case(
        "tiff-32-int-grey-16-bit-values",
        lambda: ("tif", saved(raw("I", "=i", deep(65535)), "TIFF")),
        grey_expected(lambda x, y: grey16(ramp(x, 65535))),
    ),
    Case(
        "tiff-32-int-grey-beyond-16-bits",
        lambda: ("tif", saved(raw("I", "=i", deep(200_000, -70_000)), "TIFF")),
        grey_expected(stretched(-70_000, 200_000, lambda x, y: -70_000 + ramp(x, 270_000))),
    ),
    Case(
        "tiff-F-0-1",
        lambda: ("tif", saved(raw("F", "=f", lambda x, y: (unit(x, y),)), "TIFF")),
        grey_expected(stretched(0, 1, unit)),
    ),
    Case(
        "tiff-F-out-of-range",
        lambda: ("tif", saved(raw("F", "=f", lambda x, y: (hdr(x, y),)), "TIFF")),
        grey_expected(stretched(-2, 6, hdr)),
    ),
    Case(
        "tiff-16-RGB",
        lambda: ("tif", tiff(samples("<H", rgb16), (16, 16, 16), 2)),
        lambda: picture("RGB", lambda x, y: tuple(grey16(v) for v in rgb16(x, y))),
        1,
    ),
    Case(
        "tiff-16-RGB-big-endian",
        lambda: ("tif", tiff(samples(">H", rgb16), (16, 16, 16), 2, order=">")),
        lambda: picture("RGB", lambda x, y: tuple(grey16(v) for v in rgb16(x, y))),
        1,
    ),
    # WebP (always RGB or RGBA), JPEG
    Case(
        "webp-RGB",
        lambda: ("webp", saved(picture("RGB", colour), "WEBP", lossless=True)),
        lambda: picture("RGB", colour),
    ),
    Case(
        "webp-RGBA",
        lambda: ("webp", saved(picture("RGBA", straight), "WEBP", lossless=True, exact=True)),
        rgb_over_white(straight),
        1,
    ),
    Case(
        "jpeg-L",
        lambda: ("jpg", saved(picture("L", lambda x, y: ramp(x)), "JPEG", quality=100)),
        grey_expected(lambda x, y: ramp(x)),
        2,
    ),
    Case(
        "jpeg-RGB",
        lambda: ("jpg", saved(picture("RGB", colour), "JPEG", quality=100, subsampling=0)),
        lambda: picture("RGB", colour),
        4,
    ),
    Case(
        "jpeg-CMYK",
        lambda: ("jpg", saved(picture("CMYK", cmyk), "JPEG", quality=100)),
        lambda: picture("RGB", lambda x, y: cmyk_to_rgb(*cmyk(x, y))),
        4,
    ),
    Case(
        "jpeg-CMYK-icc",
        lambda: ("jpg", saved(picture("CMYK", cmyk), "JPEG", quality=100, icc_profile=cyan_only_cmyk_profile())),
        lambda: picture("RGB", cyan_grey),
        4,
    ),
    # modes only ever made in memory: to_srgb alone
    *(
        Case(
            f"memory-{mode}",
            lambda mode=mode, order=order: raw(mode, order + "H", deep(65535)),  # type: ignore[misc]
            grey_expected(lambda x, y: grey16(ramp(x, 65535))),
        )
        for mode, order in (("I;16", "<"), ("I;16L", "<"), ("I;16B", ">"), ("I;16N", "="))
    ),
    Case(
        "memory-I-16-bit-values",
        lambda: raw("I", "=i", deep(65535)),
        grey_expected(lambda x, y: grey16(ramp(x, 65535))),
    ),
    Case(
        "memory-I-beyond-16-bits",
        lambda: raw("I", "=i", deep(2**31 - 1, -(2**31))),
        grey_expected(stretched(-(2**31), 2**31 - 1, lambda x, y: -(2**31) + ramp(x, 2**32 - 1))),
    ),
    Case("memory-F-0-1", lambda: raw("F", "=f", lambda x, y: (unit(x, y),)), grey_expected(stretched(0, 1, unit))),
    Case(
        "memory-F-out-of-range", lambda: raw("F", "=f", lambda x, y: (hdr(x, y),)), grey_expected(stretched(-2, 6, hdr))
    ),
    Case(
        "memory-La",
        lambda: raw("La", "=B", lambda x, y: premultiplied(x, y)[::3]),
        grey_expected(lambda x, y: premultiplied(x, y)[0] + 255 - ALPHAS[y]),
    ),
    Case("memory-RGBa", lambda: raw("RGBa", "=B", premultiplied), lambda: picture("RGB", premultiplied_over_white)),
    Case("memory-RGBX", lambda: raw("RGBX", "=B", lambda x, y: (*colour(x, y), 0)), lambda: picture("RGB", colour)),
    Case("memory-HSV", lambda: picture("HSV", hsv), lambda: picture("RGB", lambda x, y: hsv_to_rgb(*hsv(x, y))), 1),
    Case(
        "memory-YCbCr",
        lambda: picture("YCbCr", ycbcr),
        lambda: picture("RGB", lambda x, y: ycbcr_to_rgb(*ycbcr(x, y))),
        1,
    ),
    Case("memory-LAB", lambda: picture("LAB", lab), lambda: picture("RGB", lambda x, y: lab_to_srgb(*lab(x, y))), 2),
    Case(
        "memory-CMYK", lambda: picture("CMYK", cmyk), lambda: picture("RGB", lambda x, y: cmyk_to_rgb(*cmyk(x, y))), 1
    ),
    Case(
        "memory-PA",
        lambda: palette_image("PA"),
        lambda: picture("RGB", lambda x, y: tuple(over_white(c, ALPHAS[y]) for c in PALETTE[ramp(x)])),
        1,
    ),
]
FILES = [case for case in CASES if not case.id.startswith("memory-")]


def errors(got: Image.Image, want: Image.Image) -> tuple[float, int]:
    """(mean, largest) absolute difference per sample, both seen as RGB."""
    assert got.size == want.size
    histogram = ImageChops.difference(got.convert("RGB"), want.convert("RGB")).histogram()
    counts = [sum(histogram[value::256]) for value in range(256)]
    return sum(v * n for v, n in enumerate(counts)) / sum(counts), max(v for v, n in enumerate(counts) if n)


def opened(case: Case) -> Image.Image:
    source = case.source()
    if isinstance(source, Image.Image):
        return source
    image = Image.open(io.BytesIO(source[1]))
    image.load()
    return image


@pytest.mark.sample(4, per=lambda p: p["case"].id.split("-")[0])  # a few modes of each format and of memory
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_to_srgb_gives_the_picture(case: Case) -> None:
    converted = imagemodes.to_srgb(opened(case))
    want = case.expected()
    assert converted.mode in ("RGB", "L")
    assert converted.mode == "L" or want.mode == "RGB", "a grey source stays one channel"
    assert errors(converted, want)[1] <= case.tolerance


@pytest.mark.sample(1, per=lambda p: p["case"].id.split("-")[0])  # a file of each format
@pytest.mark.parametrize("case", FILES, ids=[case.id for case in FILES])
def test_fit_writes_the_picture(tmp_path: Path, case: Case) -> None:
    suffix, data = case.source()  # type: ignore[misc]
    source = tmp_path / f"in.{suffix}"
    source.write_bytes(data)
    out = tmp_path / "out.jpg"
    result = run(
        [
            "image",
            "fit",
            str(source),
            "-o",
            str(out),
            "--as",
            "top",
            "--quality",
            "100",
            "--subsampling",
            "4:4:4",
            "--encoder",
            "pillow",
        ]
    )
    assert result.exit_code == 0, result.stderr
    mean, largest = errors(Image.open(out), case.expected())
    assert mean <= 1.0 and largest <= case.tolerance + 4, (mean, largest)  # quality 100 JPEG: a level or two


def nan_tiff() -> bytes:
    return saved(raw("F", "=f", lambda x, y: (float("nan") if x == 700 else unit(x, y),)), "TIFF")


REFUSED = [
    ("tiff-F-nan", "tif", nan_tiff, ("NaN", "NaN")),
    (
        "tiff-F-infinity",
        "tif",
        lambda: saved(raw("F", "=f", lambda x, y: (float("-inf") if y == 5 else 0.5,)), "TIFF"),
        ("NaN", "NaN"),
    ),
    (
        "tiff-32-unsigned-beyond-2-31",
        "tif",
        lambda: tiff(samples("<I", lambda x, y: (ramp(x, 2**32 - 1),)), (32,), 1),
        ("2^31", "2^31"),
    ),
    (
        "png-16-RGB-transparent-colour",
        "png",
        lambda: png(16, 2, samples(">H", rgb16), (b"tRNS", struct.pack(">HHH", *rgb16(600, 3)))),
        ("16-bit", "16 ビット"),
    ),
    (
        "gif",
        "gif",
        lambda: saved(picture("RGB", colour).convert("P"), "GIF"),
        ("GIF", "GIF"),
    ),  # not among fit's formats
]


@pytest.mark.parametrize(("name", "suffix", "data", "words"), REFUSED, ids=[row[0] for row in REFUSED])
def test_what_has_no_faithful_picture_is_refused(
    tmp_path: Path, name: str, suffix: str, data: Callable[[], bytes], words: tuple[str, str]
) -> None:
    source = tmp_path / f"{name}.{suffix}"
    source.write_bytes(data())
    for lang, word in zip(("en", "ja"), words, strict=True):
        result = run(["image", "fit", str(source), "-o", str(tmp_path / "out.jpg"), "--as", "top", "--lang", lang])
        assert result.exit_code == 1 and source.name in result.stderr and word in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and not (tmp_path / "out.jpg").exists()


def test_a_refused_source_in_a_batch_is_that_file_s_failure(tmp_path: Path) -> None:
    bad, good = tmp_path / "nan.tif", tmp_path / "grey.png"
    bad.write_bytes(nan_tiff())
    good.write_bytes(saved(raw("I;16", "<H", deep(65535)), "PNG"))
    result = run(
        ["image", "fit", str(bad), str(good), "--out-dir", str(tmp_path / "out"), "--as", "top", "--quality", "100"]
    )
    assert result.exit_code == 1 and "nan.tif" in result.stderr and "grey.png" not in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["grey.jpg"]
    assert errors(Image.open(tmp_path / "out" / "grey.jpg"), picture("L", lambda x, y: grey16(ramp(x, 65535))))[0] <= 1


def test_an_unknown_mode_is_refused_by_name() -> None:
    image = Image.new("L", (4, 4))
    image._mode = "I;16S"  # what a future Pillow might open; never guessed at  # type: ignore[attr-defined]
    with pytest.raises(FitError) as refused:
        imagemodes.to_srgb(image)
    assert "I;16S" in refused.value.text.en and "I;16S" in refused.value.text.ja


@pytest.mark.parametrize(
    ("mode", "bits", "sample_format", "white"),
    [
        ("I;16", None, None, 65535),
        ("I;16", 12, 1, 4095),
        ("I;16", 10, 1, 1023),
        ("I", 16, 2, 32767),
        ("I", 32, 2, 65535),
        ("I", 32, 1, 65535),
        ("I", None, None, 65535),
        ("F", 32, 3, 1.0),
    ],
)
def test_white_is_the_full_scale_of_the_declared_depth(
    mode: str, bits: int | None, sample_format: int | None, white: float
) -> None:
    image = Image.new(mode, (1, 1))
    if bits is not None:
        image.tag_v2 = {258: (bits,), 339: (sample_format,)}  # type: ignore[attr-defined]
    assert imagemodes.full_scale(image) == white
