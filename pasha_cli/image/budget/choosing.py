"""Choosing: which encoding wins, by PSNR against the resized picture. The best 4:2:0 wins, unless
4:4:4 is better by FULL_CHROMA_MARGIN_DB; whether 4:4:4 is worth searching at all is judged from
one probe encoding (full_chroma_may_win)."""

from __future__ import annotations

import io
import math
from typing import Any

from pasha_cli.image.budget.encoders import Encoded

FULL_CHROMA_MARGIN_DB = 0.5  # 4:4:4 is the exception: taken only when clearly better than 4:2:0
# What a probe over the limit bounds: PSNR falls by at least this much per halving of the bytes near
# the limit (the least seen on photographs at 4:4:4, a little less to keep the bound safe; see
# benchmarks/fit_photos.py)
PSNR_PER_DOUBLING_MIN = 1.2
PSNR_PER_DOUBLING_MAX = 6.0  # ... and from a probe under it, PSNR gains at most this much per doubling


def psnr(image: Any, data: bytes) -> float:
    """Peak signal-to-noise ratio of a JPEG encoding against the picture it encodes, in dB."""
    from PIL import Image, ImageChops

    with Image.open(io.BytesIO(data), formats=["JPEG"]) as decoded:
        same_mode = decoded if decoded.mode == image.mode else decoded.convert(image.mode)
        histogram = ImageChops.difference(image, same_mode).histogram()
    squares = sum(count * (level % 256) ** 2 for level, count in enumerate(histogram))
    mse = squares / (image.width * image.height * len(image.getbands()))
    return 10 * math.log10(255**2 / mse) if mse else math.inf


def measured(image: Any, found: Encoded | None) -> Encoded | None:
    return found._replace(psnr=psnr(image, found.data)) if found is not None else None


def full_chroma_may_win(probe_psnr: float, probe_bytes: int, limit: int, best_psnr: float) -> bool:
    """Whether 4:4:4 can beat 4:2:0's best by the margin, judged from one encoding: what fits the
    limit has at most the probe's PSNR less PSNR_PER_DOUBLING_MIN per doubling the probe is over,
    or, from a probe under the limit, at most PSNR_PER_DOUBLING_MAX per doubling more."""
    ratio = math.log2(probe_bytes / limit)
    reachable = probe_psnr - (PSNR_PER_DOUBLING_MIN * ratio if ratio > 0 else PSNR_PER_DOUBLING_MAX * ratio)
    return reachable >= best_psnr + FULL_CHROMA_MARGIN_DB


def choose(fitted: list[Encoded]) -> Encoded:
    """The closest to the picture: the best 4:2:0, unless 4:4:4 is better by FULL_CHROMA_MARGIN_DB."""

    def closest(of: list[Encoded]) -> Encoded | None:
        return max(of, key=lambda found: found.psnr or 0.0) if of else None

    reduced = closest([found for found in fitted if found.subsampling == "4:2:0"])
    full = closest([found for found in fitted if found.subsampling == "4:4:4"])
    if full is not None and (reduced is None or (full.psnr or 0.0) >= (reduced.psnr or 0.0) + FULL_CHROMA_MARGIN_DB):
        return full
    return reduced or fitted[0]  # fitted[0]: a greyscale picture's one way
