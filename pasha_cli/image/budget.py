"""The best JPEG of a picture within a byte limit: the timeline's 100,000 bytes.

- libjpeg (Pillow) encodes with N. Robidoux's tables on a continuous quality, so that a search can
  use nearly all of the limit; with the `jpegli` extra, jpegli searches too, on a second thread;
- the chroma is 4:2:0, unless 4:4:4 is measurably better within the same bytes (PSNR against the
  picture, by FULL_CHROMA_MARGIN_DB): colourful fine detail, which 4:2:0 halves, needs it;
- every size is the real byte count of a real encoding, never an encoder's own target.
"""

from __future__ import annotations

import errno
import io
import math
import os
from typing import Any, NamedTuple

from pasha_cli.i18n import t
from pasha_cli.model import LocalText
from pasha_cli.parallel import start

GREY = "4:0:0"  # the subsampling notation's name for luma only: a greyscale JPEG
QUALITY_MAX = 100
QUALITY_MIN = 20  # below this a photo is not worth publishing: say so instead
DEFAULT_QUALITY = 92  # for kinds without a byte limit


class FitError(Exception):
    def __init__(self, text: LocalText) -> None:
        super().__init__(text.en)
        self.text = text


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
FULL_CHROMA_MARGIN_DB = 0.5  # 4:4:4 is the exception: taken only when clearly better than 4:2:0
FILL = 0.97  # a search on a continuous quality stops once it uses this much of the byte limit
GOOD_ENOUGH = 0.95  # ... or, using this much, once one try for more has overshot
MAX_ENCODES = 8  # per search; photographs need three to five
CLOSE_ENOUGH = 0.25  # a continuous search stops when what fits and what does not are this close
CLOSE_MIN_FILL = 0.9  # ... and what fits uses this much of the limit (else a setting between may)
FULL_CHROMA_OFFSET = 0.45  # on _x's scale, where 4:4:4 of a photo lands relative to its 4:2:0
PROBE_OVER = 0.1  # the 4:4:4 probe aims ~10 % over the limit: then it bounds what 4:4:4 can reach
# PSNR falls by 1.3-4.5 dB per halving of the bytes near the limit (measured on the benchmark's
# photos at 4:4:4); the smallest, a little less, keeps the bound on what 4:4:4 can reach safe
PSNR_PER_DOUBLING_MIN = 1.2


def libjpeg_tables(quality: float, subsampling: str) -> list[list[int]]:
    """Luma and chroma tables at `quality`, scaled as libjpeg scales its own (jcparam.c) but on a
    continuous quality, so that a search can use all of a byte limit; baseline keeps them <= 255."""
    scale = 5000 / quality if quality < 50 else 200 - 2 * quality
    chroma = CHROMA_WEIGHT_420 if subsampling == "4:2:0" else 1.0
    return [
        [min(255, max(1, int((base * weight * scale + 50) // 100))) for base in ROBIDOUX] for weight in (1.0, chroma)
    ]


class Way(NamedTuple):
    """One way to encode: an encoder, a chroma subsampling, and whether it takes whole qualities."""

    encoder: str  # "pillow" or "jpegli"
    subsampling: str  # "4:2:0", "4:4:4", or GREY
    progressive: bool

    @property
    def name(self) -> str:
        return "jpegli+mozjpeg" if self.encoder == "jpegli" and self.progressive else self.encoder

    @property
    def whole(self) -> bool:
        return self.encoder == "jpegli"  # pyjpegli takes an int quality

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
    """jpegli writes a baseline 4:2:0 JPEG with no metadata. The lossless mozjpeg pass saves another
    ~10-15 %, but its output is always progressive: only on request."""
    import pyjpegli

    data = pyjpegli.encode(*rgb, quality)
    if not progressive:
        return bytes(data)
    import mozjpeg_lossless_optimization

    return bytes(mozjpeg_lossless_optimization.optimize(data))


def check_encoder(encoder: str, subsampling: str) -> None:
    """Raises FitError when the encoder asked for is missing or cannot write the subsampling."""
    if encoder == "jpegli" and not jpegli_available():
        raise FitError(t("fit-jpegli-extra"))
    if encoder == "jpegli" and subsampling == "4:4:4":
        raise FitError(t("fit-jpegli-444"))


class Encoded(NamedTuple):
    data: bytes
    quality: float
    encodes: int
    encoder: str  # "pillow", "jpegli", or "jpegli+mozjpeg" (progressive)
    subsampling: str
    psnr: float | None = None  # against the resized picture, when candidates were compared


def ways_for(image: Any, encoder: str, subsampling: str, progressive: bool, limit: int | None) -> list[Way]:
    """The ways worth trying, the preferred first. Raises FitError for a combination that cannot be."""
    check_encoder(encoder, subsampling)
    jpegli = encoder == "jpegli" or (encoder == "auto" and jpegli_available())
    if image.mode == "L" and encoder != "jpegli":  # one channel: libjpeg writes it as one (jpegli as three)
        return [Way("pillow", GREY, progressive)]
    if limit is None:  # no budget to weigh ways against
        sub = "4:4:4" if subsampling == "4:4:4" else "4:2:0"
        return [Way("jpegli" if jpegli and sub == "4:2:0" else "pillow", sub, progressive)]
    ways = []
    if subsampling != "4:4:4":
        if jpegli:
            ways.append(Way("jpegli", "4:2:0", progressive))
        if encoder != "jpegli":
            ways.append(Way("pillow", "4:2:0", progressive))
    if subsampling != "4:2:0" and encoder != "jpegli":
        ways.append(Way("pillow", "4:4:4", progressive))
    return ways


def encode(
    image: Any,
    limit: int | None,
    quality: float | None = None,
    encoder: str = "auto",
    progressive: bool = False,
    subsampling: str = "auto",
) -> Encoded:
    """The best picture whose real byte count is within `limit` (or at `quality`, or the default).

    With a limit, each way (jpegli and libjpeg at 4:2:0, libjpeg at 4:4:4) searches its best
    quality that fits, and the one closest to the resized picture (PSNR) wins, 4:4:4 only by a
    margin. jpegli searches on a second thread beside libjpeg (pyjpegli, and Pillow writing to a
    file, let go of the GIL while they encode); 4:4:4 is searched only when one encoding a little
    over the limit (made on a thread while libjpeg's 4:2:0 result is measured) shows it can beat
    the best 4:2:0, jpegli's included.
    """
    ways = ways_for(image, encoder, subsampling, progressive, limit)
    if limit is None:
        q = quality or DEFAULT_QUALITY
        return Encoded(ways[0].encode(ways[0].prepare(image), q), q, 1, ways[0].name, ways[0].subsampling)
    top = float(quality or QUALITY_MAX)
    measure = len(ways) > 1
    results: dict[Way, Encoded | None] = {}

    def search(way: Way, start_at: float = 85.0, known: dict[Any, bytes] | None = None) -> None:
        found = _fit_way(image, way, limit, top, start_at, known)
        results[way] = _measured(image, found) if measure else found

    helpers = [start(search, way) for way in ways if way.whole]  # jpegli beside libjpeg
    half = next((way for way in ways if not way.whole and way.subsampling != "4:4:4"), None)  # libjpeg: 4:2:0 or grey
    full = next((way for way in ways if way.subsampling == "4:4:4"), None)
    seed = _fit_way(image, half, limit, top) if half is not None else None
    probe: list[tuple[bytes, float]] = []
    if full is not None and seed is not None:
        # from libjpeg's 4:2:0 quality (jpegli's scale is its own); encoded while that is measured
        probe_at = _quality_at(_x(seed.quality) - FULL_CHROMA_OFFSET + PROBE_OVER)
        prepared = full.prepare(image)

        def probe_full() -> None:
            data = full.encode(prepared, probe_at)
            probe.append((data, psnr(image, data)))

        helpers.append(start(probe_full))
    if half is not None:
        results[half] = _measured(image, seed) if measure else seed
    for helper in helpers:
        helper.join_or_raise()
    if full is not None and not probe:  # no 4:2:0 to compare with: 4:4:4 is searched
        search(full)
    elif full is not None:
        data, probe_psnr = probe[0]
        best = max(found.psnr or 0.0 for found in results.values() if found is not None)
        if _may_win(probe_psnr, len(data), limit, best):
            search(full, probe_at, {full.setting(probe_at): data})
    fitted = [found for found in results.values() if found is not None]
    if not fitted:
        smallest = len(ways[0].encode(ways[0].prepare(image), QUALITY_MIN))
        raise FitError(t("fit-over-limit", quality=QUALITY_MIN, limit=limit, smallest=smallest))
    return choose(fitted)._replace(encodes=len(probe) + sum(found.encodes for found in fitted))


def _may_win(probe_psnr: float, probe_bytes: int, limit: int, best_psnr: float) -> bool:
    """Whether 4:4:4 can beat 4:2:0's best by the margin, judged from one encoding: what fits the
    limit has at most the probe's PSNR less PSNR_PER_DOUBLING_MIN per doubling the probe is over,
    or, from a probe under the limit, at most 6 dB per doubling more."""
    ratio = math.log2(probe_bytes / limit)
    reachable = probe_psnr - (PSNR_PER_DOUBLING_MIN * ratio if ratio > 0 else 6.0 * ratio)
    return reachable >= best_psnr + FULL_CHROMA_MARGIN_DB


def choose(fitted: list[Encoded]) -> Encoded:
    """The closest to the picture: the best 4:2:0, unless 4:4:4 is better by FULL_CHROMA_MARGIN_DB."""

    def closest(of: list[Encoded]) -> Encoded | None:
        return max(of, key=lambda found: found.psnr or 0.0) if of else None

    half = closest([found for found in fitted if found.subsampling == "4:2:0"])
    full = closest([found for found in fitted if found.subsampling == "4:4:4"])
    if full is not None and (half is None or (full.psnr or 0.0) >= (half.psnr or 0.0) + FULL_CHROMA_MARGIN_DB):
        return full
    return half or fitted[0]  # fitted[0]: a greyscale picture's one way


def _fit_way(
    image: Any, way: Way, limit: int, top: float, start_at: float = 85.0, known: dict[Any, bytes] | None = None
) -> Encoded | None:
    """The best that fits by one way (unmeasured): the search, reusing encodings already `known`."""
    by_setting = dict(known or {})  # qualities a hair apart often give the same tables: encode once
    done = len(by_setting)
    prepared = way.prepare(image)

    def size_at(q: float) -> int:
        key = way.setting(q)
        if key not in by_setting:
            by_setting[key] = way.encode(prepared, q)
        return len(by_setting[key])

    best = _search(size_at, way.setting, limit, top, way.whole, start_at)
    if best is None:
        return None
    return Encoded(by_setting[way.setting(best)], round(best, 1), len(by_setting) - done, way.name, way.subsampling)


def _measured(image: Any, found: Encoded | None) -> Encoded | None:
    return found._replace(psnr=psnr(image, found.data)) if found is not None else None


def psnr(image: Any, data: bytes) -> float:
    """Peak signal-to-noise ratio of a JPEG encoding against the picture it encodes, in dB."""
    from PIL import Image, ImageChops

    with Image.open(io.BytesIO(data), formats=["JPEG"]) as decoded:
        same_mode = decoded if decoded.mode == image.mode else decoded.convert(image.mode)
        histogram = ImageChops.difference(image, same_mode).histogram()
    squares = sum(count * (level % 256) ** 2 for level, count in enumerate(histogram))
    mse = squares / (image.width * image.height * len(image.getbands()))
    return 10 * math.log10(255**2 / mse) if mse else math.inf


def _x(quality: float) -> float:
    """Quality on the scale libjpeg applies to its quantisation tables (-log of the scale factor),
    against which log(size) is close to a straight line of slope ~0.9 for photographs."""
    scale = 5000 / quality if quality < 50 else 200 - 2 * quality
    return -math.log(max(scale, 1.0))


def _typical_slope(x: float) -> float:
    """d log(size) / dx for photographs: ~0.65 around quality 45, ~0.9 at 85, ~1.15 at 97."""
    return min(max(0.9 + 0.2 * (x - _x(85)), 0.6), 1.3)


def _quality_at(x: float) -> float:
    scale = math.exp(-x)
    return 5000 / scale if scale > 100 else (200 - scale) / 2


def _search(size_at: Any, setting: Any, limit: int, top: float, whole: bool, start: float = 85.0) -> float | None:
    """The highest quality in [QUALITY_MIN, top] whose encoding fits `limit`: for an encoder taking
    whole qualities, exactly; for a continuous one, once it uses FILL of the limit, or GOOD_ENOUGH
    and a try for more overshot, or no other setting lies between the best that fits and the
    closest that does not.

    Each next guess follows the line through the closest quality that fits and the closest that
    does not (one point and a slope at first), aiming just under the limit, so most photos take
    three or four encodes; where two guesses in a row land on one side, the far end is weighed
    half (the Illinois variant of regula falsi), so the line stops creeping.
    """
    fits: tuple[float, int] | None = None  # (quality, bytes)
    over: tuple[float, int] | None = None
    target = math.log(limit if whole else limit * (1 + FILL) / 2)
    snap: Any = math.floor if whole else float
    top = snap(top)
    q: float | None = snap(max(float(QUALITY_MIN), min(top, start)))  # a seed may fall below the floor
    seen: list[tuple[float, int]] = []
    while q is not None and len(seen) < MAX_ENCODES:
        size = size_at(q)
        seen.append((q, size))
        if size <= limit:
            fits = (q, size) if fits is None or q > fits[0] else fits
        else:
            over = (q, size) if over is None or q < over[0] else over
        if fits and (fits[0] >= top or (not whole and fits[1] >= limit * FILL)):
            return fits[0]
        if not whole and fits and size > limit and fits[1] >= limit * GOOD_ENOUGH:
            return fits[0]  # a try for the last few per cent overshot: more tries would gain less
        if over and over[0] <= QUALITY_MIN:
            return None
        if fits and over and not whole and over[0] - fits[0] < CLOSE_ENOUGH and fits[1] >= limit * CLOSE_MIN_FILL:
            return fits[0]  # sizes jump between neighbouring tables here
        q = _next_try(target, fits, over, seen, limit, setting, whole, top)
    return fits[0] if fits else None


def _next_try(
    target: float,
    fits: tuple[float, int] | None,
    over: tuple[float, int] | None,
    seen: list[tuple[float, int]],
    limit: int,
    setting: Any,
    whole: bool,
    top: float,
) -> float | None:
    """The quality whose size should be exp(target), between the best that fits and the closest
    that does not; None when no other setting lies between them."""
    snap: Any = math.floor if whole else float
    step = 1.0 if whole else 0.1
    if fits and over:
        (q1, s1), (q2, s2) = fits, over
        below, above = math.log(s1) - target, math.log(s2) - target  # < 0 and > 0
        if not whole and len(seen) >= 2 and (seen[-1][1] > limit) == (seen[-2][1] > limit):
            # two in a row on one side: a line that keeps its far end creeps towards the answer
            # (the size curve bends near the top of the scale), so weigh that end half (Illinois)
            below, above = (below / 2, above) if seen[-1][1] > limit else (below, above / 2)
        x1, x2 = _x(q1), _x(q2)
        guess = _quality_at(x1 - below * (x2 - x1) / (above - below)) if above > below else (q1 + q2) / 2
        ends = (setting(q1), setting(q2))
        between = [
            c
            for c in (snap(min(max(guess, q1 + step), q2 - step)), snap((q1 + q2) / 2))
            if q1 < c < q2 and setting(c) not in ends
        ]
        return between[0] if between else None
    if over:
        q2, s2 = over
        guess = _quality_at(_x(q2) + (target - math.log(s2)) / _slope(seen, _x(q2)))
        return max(float(QUALITY_MIN), snap(min(guess, q2 - step)))
    q1, s1 = fits  # type: ignore[misc]
    guess = _quality_at(_x(q1) + (target - math.log(s1)) / _slope(seen, _x(q1)))
    return min(top, snap(max(guess, q1 + step)))


def _slope(seen: list[tuple[float, int]], x: float) -> float:
    """d log(size) / dx measured between the last two encodings when there are two (near the top of
    the scale it flattens: tables reach 1), else the typical slope of photographs at x."""
    if len(seen) < 2:
        return _typical_slope(x)
    (qa, sa), (qb, sb) = seen[-2:]
    if _x(qa) == _x(qb):
        return _typical_slope(x)
    return min(max((math.log(sb) - math.log(sa)) / (_x(qb) - _x(qa)), 0.3), 2.0)
