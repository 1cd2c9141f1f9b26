"""Choosing: which encoding wins, by a PSNR that weighs luma as eyes do (picture_psnr) against the
resized picture. libjpeg's best 4:2:0 is the reference; jpegli's (the extra) replaces it only when
better by JPEGLI_MARGIN_DB, 4:4:4 only when better than both by FULL_CHROMA_MARGIN_DB; whether
4:4:4 is worth searching at all is judged from one probe encoding (full_chroma_may_win)."""

from __future__ import annotations

import io
import math
from typing import Any

from pasha_cli.image.budget.encoders import Encoded

# Luma weighs six times each chroma channel (as video coding weighs YCbCr PSNR): an eye sees detail
# and edges in brightness, and PSNR pooled over R, G and B counts chroma noise no one sees as loss.
LUMA_WEIGHT = 6
FULL_CHROMA_MARGIN_DB = 0.5  # 4:4:4 is the exception: taken only when clearly better than 4:2:0
# jpegli's adaptive quantisation spends bytes where PSNR does not look: within this margin its
# result was as often worse as better on SSIMULACRA2 and butteraugli (benchmarks/fit_photos.py)
JPEGLI_MARGIN_DB = 0.1
# What a probe over the limit bounds: PSNR falls by at least this much per halving of the bytes near
# the limit (the least seen on photographs at 4:4:4, a little less to keep the bound safe; see
# benchmarks/fit_photos.py)
PSNR_PER_DOUBLING_MIN = 1.2
PSNR_PER_DOUBLING_MAX = 6.0  # ... and from a probe under it, PSNR gains at most this much per doubling


def picture_psnr(image: Any, data: bytes) -> float:
    """PSNR in dB of a JPEG encoding against the picture it encodes, over Y, Cb and Cr (JPEG's own
    colour space) weighted LUMA_WEIGHT : 1 : 1; a greyscale picture's over its one channel."""
    from PIL import Image, ImageChops

    with Image.open(io.BytesIO(data), formats=["JPEG"]) as decoded:
        if image.mode == "L":
            pairs, weights = [(image, decoded.convert("L"))], [1]
        else:
            ours, theirs = image.convert("YCbCr").split(), decoded.convert("RGB").convert("YCbCr").split()
            pairs, weights = list(zip(ours, theirs, strict=True)), [LUMA_WEIGHT, 1, 1]
        squares = [_squared_error(ImageChops.difference(a, b)) for a, b in pairs]
    mse = sum(w * s for w, s in zip(weights, squares, strict=True)) / (sum(weights) * image.width * image.height)
    return 10 * math.log10(255**2 / mse) if mse else math.inf


def _squared_error(difference: Any) -> int:
    """The sum of squares of one channel's absolute differences, from its histogram."""
    return sum(count * level**2 for level, count in enumerate(difference.histogram()))


def measured(image: Any, found: Encoded | None) -> Encoded | None:
    return found._replace(psnr=picture_psnr(image, found.data)) if found is not None else None


def full_chroma_may_win(probe_psnr: float, probe_bytes: int, limit: int, best_psnr: float) -> bool:
    """Whether 4:4:4 can beat 4:2:0's best by the margin, judged from one encoding: what fits the
    limit has at most the probe's PSNR less PSNR_PER_DOUBLING_MIN per doubling the probe is over,
    or, from a probe under the limit, at most PSNR_PER_DOUBLING_MAX per doubling more."""
    ratio = math.log2(probe_bytes / limit)
    reachable = probe_psnr - (PSNR_PER_DOUBLING_MIN * ratio if ratio > 0 else PSNR_PER_DOUBLING_MAX * ratio)
    return reachable >= best_psnr + FULL_CHROMA_MARGIN_DB


def choose(fitted: list[Encoded]) -> Encoded:
    """The closest to the picture: libjpeg's 4:2:0, unless jpegli's is better by JPEGLI_MARGIN_DB
    (the extra never makes a result worse on picture_psnr), unless 4:4:4 is better than that by
    FULL_CHROMA_MARGIN_DB."""

    def score(found: Encoded) -> float:
        return found.psnr or 0.0

    reduced = [found for found in fitted if found.subsampling == "4:2:0"]
    libjpeg = max((found for found in reduced if found.encoder == "pillow"), key=score, default=None)
    extra = max((found for found in reduced if found.encoder != "pillow"), key=score, default=None)
    better = extra is not None and (libjpeg is None or score(extra) >= score(libjpeg) + JPEGLI_MARGIN_DB)
    best = extra if better else libjpeg
    full = max((found for found in fitted if found.subsampling == "4:4:4"), key=score, default=None)
    if full is not None and (best is None or score(full) >= score(best) + FULL_CHROMA_MARGIN_DB):
        return full
    return best or fitted[0]  # fitted[0]: a greyscale picture's one way
