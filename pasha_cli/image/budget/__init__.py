"""The best JPEG of a picture within a byte limit (the timeline's): plan, run, choose.

    encode()        the entry: the ways for this picture, then plan -> run -> choose
    encoders.py     how to encode: a Way (encoder, subsampling), libjpeg's quality scale and tables
    planning.py     which ways, which on a second thread, which only if a probe says it may win
    searching.py    one way's search for its best quality that fits; STOP_RULES, how a search ends
    running.py      the searches and the probe, on threads
    choosing.py     which encoding wins: PSNR against the picture, 4:4:4 only by a margin

Chroma is 4:2:0 unless 4:4:4 is measurably better within the same bytes (PSNR against the
picture, by choosing.FULL_CHROMA_MARGIN_DB); every size is the real byte count of a real encoding.
"""

from __future__ import annotations

from typing import Any

from pasha_cli.i18n import t
from pasha_cli.image import FitError
from pasha_cli.image.budget.choosing import choose
from pasha_cli.image.budget.encoders import Encoded
from pasha_cli.image.budget.planning import DEFAULT_QUALITY, plan, ways_for
from pasha_cli.image.budget.running import run
from pasha_cli.image.budget.searching import QUALITY_MIN

# what `pasha image fit --encoder` and `--subsampling` take; "auto": encode() chooses (planning.ways_for)
ENCODERS = ("auto", "pillow", "jpegli")
SUBSAMPLINGS = ("auto", "4:2:0", "4:4:4")


def encode(
    image: Any,
    limit: int | None,
    quality: float | None = None,
    encoder: str = "auto",
    progressive: bool = False,
    subsampling: str = "auto",
) -> Encoded:
    """The best picture whose real byte count is within `limit` (or at `quality`, or the default).
    Raises FitError when nothing fits, or for an encoder that cannot be used (encoders.check_encoder)."""
    ways = ways_for(image, encoder, subsampling, progressive, limit)
    if limit is None:
        at = quality or DEFAULT_QUALITY
        return Encoded(ways[0].encode(ways[0].prepare(image), at), at, 1, ways[0].name, ways[0].subsampling)
    outcome = run(image, limit, plan(ways, quality))
    if not outcome.found:
        smallest = len(ways[0].encode(ways[0].prepare(image), QUALITY_MIN))
        raise FitError(t("fit-over-limit", quality=QUALITY_MIN, limit=limit, smallest=smallest))
    encodes = outcome.probes + sum(found.encodes for found in outcome.found)
    return choose(outcome.found)._replace(encodes=encodes)
