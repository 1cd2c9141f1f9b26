"""`pasha image fit`: a JPEG that passes every image rule, from whatever a marketer brings.

Phone photos (HEIC, rotated, with GPS), PNG logos with transparency and CMYK files from
designers become a baseline 4:2:0 JPEG in sRGB, with the EXIF orientation applied, no metadata
at all (no EXIF, XMP, ICC or comment: no profile means sRGB), never upscaled unless asked, and,
for the timeline, the best quality that fits the byte limit, found in about five encodes and
checked on the real byte count. With the `jpegli` extra jpegli encodes, else Pillow's libjpeg.
`--progressive` allows a progressive JPEG: with jpegli, a lossless mozjpeg pass then finishes it
(mozjpeg always writes progressive scans, so it cannot serve the baseline default).
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any, NamedTuple

from pasha_cli.model import LocalText
from pasha_cli.spec import Spec

KINDS = ("timeline", "icon", "top", "info")
ICON_SIZE = 400  # default side of a fitted icon (the spec's minimum is 150)
QUALITY_MAX = 100
QUALITY_MIN = 20  # below this a photo is not worth publishing: say so instead
DEFAULT_QUALITY = 92  # for kinds without a byte limit
L = LocalText


class FitError(Exception):
    def __init__(self, text: LocalText) -> None:
        super().__init__(text.en)
        self.text = text


class Encoded(NamedTuple):
    data: bytes
    quality: int
    encodes: int
    encoder: str  # "pillow", "jpegli", or "jpegli+mozjpeg" (progressive)


class FitResult(NamedTuple):
    source: Path
    output: Path
    width: int
    height: int
    bytes: int
    quality: int
    encodes: int
    encoder: str


def heif_available() -> bool:
    try:
        import pi_heif  # noqa: F401
    except ImportError:
        return False
    return True


def jpegli_available() -> bool:
    try:
        import mozjpeg_lossless_optimization  # noqa: F401
        import pyjpegli  # noqa: F401
    except ImportError:
        return False
    return True


def scale_needed(kind: str, spec: Spec, width: int | None, pad: bool) -> Any:
    """For a displayed size (w, h), the size worth decoding: twice the result's, or all of it."""

    def needed(w: int, h: int) -> tuple[int, int]:
        if kind == "icon":
            side = max(width or ICON_SIZE, spec.icon_min_size)
            factor = side / (max(w, h) if pad else min(w, h))
        else:
            factor = _target_width(kind, spec, width) / w
        factor *= 2  # decode at twice the size, then Lanczos: as sharp as a full decode, much faster
        return (math.ceil(w * factor), math.ceil(h * factor)) if factor < 1 else (w, h)

    return needed


def _target_width(kind: str, spec: Spec, width: int | None) -> int:
    """The output width for timeline/top/info: --width, never below the spec's minimum."""
    minimum = spec.min_width(kind) or 0
    return max(width or minimum, minimum)


def load(path: Path, max_pixels: int, needed: Any = None) -> Any:
    """Decode a source image: oriented, flattened on white, in sRGB (RGB or L). Raises FitError.

    `needed(w, h)` gives the displayed size worth decoding: a JPEG is then decoded at the smallest
    1/2, 1/4 or 1/8 scale that still covers it (libjpeg scales in the DCT: fast, and a photo from a
    phone is several times the size the platform shows).
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with path.open("rb") as handle:
            is_heif = handle.read(12)[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypmsf1", b"ftyphevc")
    except OSError as exc:
        raise FitError(L(f"読めません: {exc.strerror}", f"cannot be read: {exc.strerror}")) from None
    if is_heif:
        if not heif_available():
            raise FitError(L("HEIC/HEIF を開くには追加機能が必要です: pip install 'pasha-cli[heic]'",
                             "HEIC/HEIF needs the optional extra: pip install 'pasha-cli[heic]'"))
        import pi_heif

        pi_heif.register_heif_opener()
    Image.MAX_IMAGE_PIXELS = None  # our own check below names the size; nothing is decoded before it
    try:
        with Image.open(path) as image:
            if image.width * image.height > max_pixels:
                raise FitError(L(f"画素数が多すぎます（{image.width}x{image.height}、上限 {max_pixels:,} 画素）",
                                 f"too many pixels ({image.width}x{image.height}; the limit is {max_pixels:,})"))
            if needed is not None and image.format == "JPEG":
                swapped = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
                w, h = (image.height, image.width) if swapped else image.size
                want_w, want_h = needed(w, h)
                image.draft(image.mode, (want_h, want_w) if swapped else (want_w, want_h))
            image.load()
            oriented = ImageOps.exif_transpose(image)
            return to_srgb(oriented if oriented is not None else image)
    except FitError:
        raise
    except UnidentifiedImageError:
        raise FitError(L("画像として読めません", "not an image pasha can read")) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise FitError(L(f"画像が壊れています（{exc}）", f"the image is corrupt ({exc})")) from None


def to_srgb(image: Any) -> Any:
    """RGB (or L for greyscale) in sRGB: transparency on white, an embedded ICC profile converted
    (CMYK included; CMYK without a profile gets Pillow's plain conversion)."""
    from PIL import Image, ImageCms

    icc = image.info.get("icc_profile")
    if image.mode in ("P", "PA", "RGBA", "LA", "La", "RGBa") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, (255, 255, 255))
        image.paste(rgba, mask=rgba.getchannel("A"))
    if icc and image.mode in ("RGB", "CMYK"):
        try:
            converted = ImageCms.profileToProfile(
                image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), ImageCms.createProfile("sRGB"),
                outputMode="RGB", renderingIntent=ImageCms.Intent.PERCEPTUAL)
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken profile: the plain conversion below
    if image.mode in ("1", "L", "I", "I;16", "F"):
        return image.convert("L")
    return image.convert("RGB")


def geometry(image: Any, kind: str, spec: Spec, width: int | None, pad: bool, upscale: bool) -> Any:
    """Resize (and for the icon, crop or pad to a square) to the kind's size. Raises FitError."""
    from PIL import Image

    if kind == "icon":
        side = min(image.size) if not pad else max(image.size)
        target = width or min(ICON_SIZE, side)
        target = max(target, spec.icon_min_size)
        if pad:
            fill = (255, 255, 255) if image.mode == "RGB" else 255
            square = Image.new(image.mode, (side, side), fill)
            square.paste(image, ((side - image.width) // 2, (side - image.height) // 2))
        else:
            left, top = (image.width - side) // 2, (image.height - side) // 2
            square = image.crop((left, top, left + side, top + side))
        if target > side and not upscale:
            raise FitError(L(f"元画像が小さすぎます（{side} px の正方形、{target} px 必要）。拡大するなら --upscale",
                             f"the source is too small ({side} px square; {target} px needed). Use --upscale to enlarge"))
        return square.resize((target, target), Image.Resampling.LANCZOS) if target != side else square
    target = _target_width(kind, spec, width)
    if image.width < target and not upscale:
        raise FitError(L(f"元画像の幅が {image.width} px しかありません（{target} px 必要）。拡大するなら --upscale",
                         f"the source is only {image.width} px wide ({target} px needed). Use --upscale to enlarge"))
    if image.width == target:
        return image
    height = max(1, round(image.height * target / image.width))
    return image.resize((target, height), Image.Resampling.LANCZOS)


def _pillow_encode(image: Any, quality: int, progressive: bool = False) -> bytes:
    out = io.BytesIO()
    image.info.clear()  # nothing of the source's metadata rides along (Pillow copies comments and XMP)
    image.save(out, "JPEG", quality=quality, subsampling=2, optimize=True, progressive=progressive)
    return out.getvalue()


def _jpegli_encode(image: Any, quality: int, progressive: bool = False) -> bytes:
    """jpegli writes a baseline 4:2:0 JPEG with optimised Huffman tables and no metadata. The lossless
    mozjpeg pass saves another ~10-15 %, but its output is always progressive: only on request."""
    import pyjpegli

    rgb = image.convert("RGB")
    data = pyjpegli.encode(rgb.tobytes(), rgb.width, rgb.height, quality)
    if not progressive:
        return bytes(data)
    import mozjpeg_lossless_optimization

    return bytes(mozjpeg_lossless_optimization.optimize(data))


def encode(image: Any, limit: int | None, quality: int | None = None, use_jpegli: bool | None = None,
           progressive: bool = False) -> Encoded:
    """The best quality whose real byte count is within `limit` (or `quality`, or the default)."""
    jpegli = jpegli_available() if use_jpegli is None else use_jpegli
    encoder = ("jpegli+mozjpeg" if progressive else "jpegli") if jpegli else "pillow"
    encode_at = _jpegli_encode if jpegli else _pillow_encode
    sizes: dict[int, bytes] = {}

    def at(q: int) -> bytes:
        if q not in sizes:
            sizes[q] = encode_at(image, q, progressive)
        return sizes[q]

    if limit is None:
        q = quality or DEFAULT_QUALITY
        return Encoded(at(q), q, 1, encoder)
    best = _search(at, limit, quality or QUALITY_MAX)
    if best is None:
        raise FitError(L(f"品質 {QUALITY_MIN} でも {limit:,} バイトに収まりません（{len(at(QUALITY_MIN)):,} バイト）",
                         f"even at quality {QUALITY_MIN} it does not fit {limit:,} bytes ({len(at(QUALITY_MIN)):,} bytes)"))
    return Encoded(at(best), best, len(sizes), encoder)


def _x(quality: float) -> float:
    """Quality on the scale libjpeg applies to its quantisation tables (-log of the scale factor),
    against which log(size) is close to a straight line of slope ~0.9 for photographs."""
    scale = 5000 / quality if quality < 50 else 200 - 2 * quality
    return -math.log(max(scale, 1.0))


def _quality_at(x: float) -> float:
    scale = math.exp(-x)
    return 5000 / scale if scale > 100 else (200 - scale) / 2


def _search(at: Any, limit: int, top: int) -> int | None:
    """The highest quality in [QUALITY_MIN, top] whose encoding fits `limit`.

    Each next guess follows the line through the closest quality that fits and the closest that
    does not (one point and the typical slope at first), so most photos take three encodes: a
    first guess, the answer, and the quality above it that does not fit.
    """
    fits: tuple[int, int] | None = None  # (quality, bytes)
    over: tuple[int, int] | None = None
    q = min(top, 85)
    target = math.log(limit)
    while True:
        size = len(at(q))
        if size <= limit:
            fits = (q, size) if fits is None or q > fits[0] else fits
        else:
            over = (q, size) if over is None or q < over[0] else over
        if fits and (fits[0] >= top or (over and over[0] - fits[0] <= 1)):
            return fits[0]
        if over and over[0] <= QUALITY_MIN:
            return None
        if fits and over:
            (q1, s1), (q2, s2) = fits, over
            slope = (math.log(s2) - math.log(s1)) / (_x(q2) - _x(q1))
            guess = _quality_at(_x(q1) + (target - math.log(s1)) / slope) if slope > 0 else (q1 + q2) / 2
            q = min(max(int(guess), q1 + 1), q2 - 1)
        elif over:
            q2, s2 = over
            q = max(QUALITY_MIN, min(q2 - 1, int(_quality_at(_x(q2) + (target - math.log(s2)) / 0.9))))
        else:
            q1, s1 = fits  # type: ignore[misc]
            q = min(top, max(q1 + 1, int(_quality_at(_x(q1) + (target - math.log(s1)) / 0.9))))


def fit_file(source: Path, output: Path, kind: str, spec: Spec, *, width: int | None = None, pad: bool = False,
             upscale: bool = False, quality: int | None = None, encoder: str = "auto", in_place: bool = False,
             force: bool = False, progressive: bool = False) -> FitResult:
    """Fit one image and write it atomically; the written file passes every image rule for `kind`."""
    if not source.is_file():
        raise FitError(L("ファイルがありません", "no such file"))
    same = output.exists() and output.resolve() == source.resolve()
    if same and not in_place:
        raise FitError(L("出力先が元画像です。元画像を置き換えるなら --in-place", "the output is the source; use --in-place to replace it"))
    if output.exists() and not same and not force:
        raise FitError(L(f"{output} はすでにあります。上書きするなら --force", f"{output} already exists; use --force to replace it"))
    if encoder == "jpegli" and not jpegli_available():
        raise FitError(L("jpegli を使うには追加機能が必要です: pip install 'pasha-cli[jpegli]'",
                         "jpegli needs the optional extra: pip install 'pasha-cli[jpegli]'"))
    needed = scale_needed(kind, spec, width, pad)
    image = geometry(load(source, spec.image_max_pixels, needed), kind, spec, width, pad, upscale)
    limit = spec.timeline_image_max_bytes if kind == "timeline" else None
    result = encode(image, limit, quality, None if encoder == "auto" else encoder == "jpegli", progressive)

    def verify(written: Path) -> None:
        from pasha_cli.images import inspect_image
        from pasha_cli.rules.images import image_findings

        info = inspect_image(written, spec.image_max_pixels)
        errors = [code for code, _ in image_findings(kind, info, spec)]  # not even a warning may remain
        if errors:  # a bug in pasha, never the user's: write nothing
            raise FitError(L(f"内部エラー: 出力が検査に通りません（{', '.join(errors)}）",
                             f"internal error: the output fails {', '.join(errors)}"))

    from pasha_cli.atomic import write_atomic

    write_atomic(output, result.data, verify)
    return FitResult(source, output, image.width, image.height, len(result.data), result.quality, result.encodes,
                     result.encoder)
