"""Planning: which ways a picture is searched by, which of them on a second thread, which only if
a probe says it may win, and between which qualities.

With a limit, each way searches its best quality that fits: jpegli and libjpeg at 4:2:0, libjpeg
at 4:4:4. jpegli searches on a second thread beside libjpeg. 4:4:4 is the exception (colourful
fine detail, which 4:2:0 halves, needs it): searched only when one encoding a little over the
limit, the probe, placed from libjpeg's 4:2:0 result, shows it can beat the best 4:2:0.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from pasha_cli.image.budget import encoders
from pasha_cli.image.budget.encoders import GREY, Way, fineness, quality_at_fineness
from pasha_cli.image.budget.searching import QUALITY_MAX

DEFAULT_QUALITY = 92  # for kinds without a byte limit
FULL_CHROMA_OFFSET = 0.45  # on the fineness scale, where 4:4:4 of a photo lands relative to its 4:2:0
PROBE_OVER = 0.1  # the 4:4:4 probe aims ~10 % over the limit: then it bounds what 4:4:4 can reach


def ways_for(image: Any, encoder: str, subsampling: str, progressive: bool, limit: int | None) -> list[Way]:
    """The ways worth trying, the preferred first. Raises FitError for a combination that cannot be."""
    encoders.check_encoder(encoder, subsampling)
    jpegli = encoder == "jpegli" or (encoder == "auto" and encoders.jpegli_available())
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


class Plan(NamedTuple):
    """Who searches what, for a picture with a byte limit."""

    beside: tuple[Way, ...]  # searched on threads beside this one: the ways of whole qualities (jpegli)
    libjpeg: Way | None  # libjpeg at 4:2:0 (or grey), searched on this thread: its result places the probe
    full_chroma: Way | None  # libjpeg at 4:4:4: searched if its probe may win, or with no 4:2:0 to place one
    highest: float  # the highest quality any search may choose (--quality caps it)
    compare: bool  # more than one way: each result's PSNR is measured, and the closest wins


def plan(ways: list[Way], quality: float | None) -> Plan:
    return Plan(
        beside=tuple(way for way in ways if way.whole_qualities),
        libjpeg=next((way for way in ways if not way.whole_qualities and way.subsampling != "4:4:4"), None),
        full_chroma=next((way for way in ways if way.subsampling == "4:4:4"), None),
        highest=float(quality or QUALITY_MAX),
        compare=len(ways) > 1,
    )


def probe_quality(libjpeg_quality: float) -> float:
    """Where the 4:4:4 probe is encoded, from libjpeg's 4:2:0 result (jpegli's scale is its own)."""
    return quality_at_fineness(fineness(libjpeg_quality) - FULL_CHROMA_OFFSET + PROBE_OVER)
