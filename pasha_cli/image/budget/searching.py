"""One way's search: the highest quality whose real encoding fits the byte limit, in few encodings.

Qualities are compared on libjpeg's fineness scale (encoders.fineness), against which log(bytes)
is close to a straight line. Each next try follows the line through the closest quality that fits
and the closest that does not (one point and a slope at first), aiming a little under the limit;
where two tries in a row land on one side, the far end is weighed half (the Illinois variant of
regula falsi), so that the line stops creeping.

After each encoding the rules of STOP_RULES are asked in order; the first that applies ends the
search, each with its reason. An encoder of whole qualities (jpegli) has few settings: its search
is exact, ended only by the rules marked "any". One of continuous qualities (libjpeg) stops once
more tries would gain little.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, NamedTuple

from pasha_cli.image.budget.encoders import Encoded, Way, fineness, quality_at_fineness

QUALITY_MAX = 100
QUALITY_MIN = 20  # below this a photo is not worth publishing: say so instead
FIRST_TRY = 85.0  # where a search starts unless told: most photographs fit the timeline near it
FILL = 0.97  # a continuous search is done once it uses this much of the limit
GOOD_ENOUGH = 0.95  # ... or this much, once one try for more has overshot
CLOSE_ENOUGH = 0.25  # qualities this close, one fitting and one not, are neighbours ...
CLOSE_MIN_FILL = 0.9  # ... and end the search when the one that fits uses this much of the limit
MAX_ENCODES = 8  # per search


class Bounds(NamedTuple):
    """The qualities one search may try: up to `highest` (--quality caps it), starting at `first`."""

    highest: float = QUALITY_MAX
    first: float = FIRST_TRY


UNCAPPED = Bounds()  # no --quality: up to QUALITY_MAX, from FIRST_TRY


class Grid(NamedTuple):
    """The qualities an encoder takes."""

    whole: bool
    snap: Callable[[float], Any]  # a guess to a quality the encoder takes
    step: float  # the least a guess moves past a quality already tried


WHOLE = Grid(True, math.floor, 1.0)  # jpegli: whole qualities, a guess rounded down (an int)
CONTINUOUS = Grid(False, float, 0.1)  # libjpeg: any quality (its tables are scaled here)


class Try(NamedTuple):
    quality: float
    bytes: int


class Progress(NamedTuple):
    """What the stop rules see after each encoding."""

    limit: int
    highest: float  # the highest quality the search may choose, a whole one for whole qualities
    whole: bool  # the encoder takes whole qualities only
    tries: tuple[Try, ...]  # every encoding so far, the latest last
    fits: Try | None  # the highest quality tried that fits the limit
    over: Try | None  # the lowest quality tried that does not
    next_quality: float | None  # where the search goes next; None: no other setting lies between


class StopRule(NamedTuple):
    name: str
    applies: Callable[[Progress], bool]
    finds: bool  # True: the answer is the best quality that fits (if any); False: nothing fits
    why: str


def _filled(p: Progress, share: float) -> bool:
    return p.fits is not None and p.fits.bytes >= p.limit * share


# The one table of how a search ends: asked in this order after each encoding.
STOP_RULES: tuple[StopRule, ...] = (
    StopRule(
        "highest fits",
        lambda p: p.fits is not None and p.fits.quality >= p.highest,
        True,
        "any: the highest quality allowed fits; nothing better may be tried",
    ),
    StopRule(
        "limit filled",
        lambda p: not p.whole and _filled(p, FILL),
        True,
        "continuous: FILL of the limit used; the rest would gain less than the encodes cost",
    ),
    StopRule(
        "overshot near the limit",
        lambda p: not p.whole and p.tries[-1].bytes > p.limit and _filled(p, GOOD_ENOUGH),
        True,
        "continuous: GOOD_ENOUGH used and a try for the last few per cent overshot; more would gain less",
    ),
    StopRule(
        "lowest does not fit",
        lambda p: p.over is not None and p.over.quality <= QUALITY_MIN,
        False,
        "any: not even QUALITY_MIN fits; below it a photo is not worth publishing (the user is told)",
    ),
    StopRule(
        "neighbours",
        lambda p: (
            not p.whole
            and p.fits is not None
            and p.over is not None
            and p.over.quality - p.fits.quality < CLOSE_ENOUGH
            and _filled(p, CLOSE_MIN_FILL)
        ),
        True,
        "continuous: sizes jump between neighbouring tables here; only once CLOSE_MIN_FILL is used, "
        "since a setting between may still use more",
    ),
    StopRule(
        "nothing between",
        lambda p: p.next_quality is None,
        True,
        "any: no other setting lies between the best that fits and the closest that does not: exact",
    ),
    StopRule(
        "encodes spent",
        lambda p: len(p.tries) >= MAX_ENCODES,
        True,
        "any: MAX_ENCODES per search bounds the time a picture the line misjudges can take",
    ),
)


class Stopped(NamedTuple):
    quality: float | None  # the best that fits; None: nothing does
    rule: str  # the name of the stop rule that ended the search


def search(
    size_at: Callable[[float], int],
    setting: Callable[[float], Any],
    limit: int,
    whole: bool,
    bounds: Bounds = UNCAPPED,
) -> Stopped:
    """The highest quality in [QUALITY_MIN, bounds.highest] whose encoding fits `limit`, and why the
    search stopped there. `size_at(q)` is the byte count of a real encoding, `setting(q)` what the
    encoder is given (qualities with equal settings give equal bytes)."""
    grid = WHOLE if whole else CONTINUOUS
    # a whole-quality search aims at the limit itself, a continuous one between FILL of it and all of it
    aim = math.log(limit if whole else limit * (1 + FILL) / 2)
    highest = grid.snap(bounds.highest)
    # the floor, for a first try below it (the 4:4:4 probe's quality can be)
    quality: float = grid.snap(max(float(QUALITY_MIN), min(highest, bounds.first)))
    tries: list[Try] = []
    fits: Try | None = None
    over: Try | None = None
    while True:
        tried = Try(quality, size_at(quality))
        tries.append(tried)
        if tried.bytes <= limit:
            fits = tried if fits is None or tried.quality > fits.quality else fits
        else:
            over = tried if over is None or tried.quality < over.quality else over
        following = next_quality(aim, fits, over, tries, limit, setting, grid, highest)
        progress = Progress(limit, highest, whole, tuple(tries), fits, over, following)
        for rule in STOP_RULES:
            if rule.applies(progress):
                return Stopped(fits.quality if rule.finds and fits is not None else None, rule.name)
        assert following is not None  # "nothing between" stops the search otherwise
        quality = following


def next_quality(
    aim: float,
    fits: Try | None,
    over: Try | None,
    tries: list[Try],
    limit: int,
    setting: Callable[[float], Any],
    grid: Grid,
    highest: float,
) -> float | None:
    """The quality whose size should be exp(aim): between the best that fits and the closest that
    does not, or beyond the one side tried so far; None when no other setting lies between them."""
    if fits and over:
        return _between(aim, fits, over, tries, limit, setting, grid)
    if over:  # everything so far is too big: down along the slope
        guess = quality_at_fineness(fineness(over.quality) + (aim - math.log(over.bytes)) / _slope(tries, over))
        return max(float(QUALITY_MIN), grid.snap(min(guess, over.quality - grid.step)))
    assert fits is not None  # one of the two after any try
    guess = quality_at_fineness(fineness(fits.quality) + (aim - math.log(fits.bytes)) / _slope(tries, fits))
    return min(highest, grid.snap(max(guess, fits.quality + grid.step)))


def _between(
    aim: float, fits: Try, over: Try, tries: list[Try], limit: int, setting: Callable[[float], Any], grid: Grid
) -> float | None:
    """Regula falsi between a quality that fits and one that does not, on the fineness scale."""
    below, above = math.log(fits.bytes) - aim, math.log(over.bytes) - aim
    if not grid.whole and len(tries) >= 2 and (tries[-1].bytes > limit) == (tries[-2].bytes > limit):
        # two in a row on one side: a line that keeps its far end creeps towards the answer (the
        # size curve bends near the top of the scale), so that end is weighed half (Illinois)
        below, above = (below / 2, above) if tries[-1].bytes > limit else (below, above / 2)
    x1, x2 = fineness(fits.quality), fineness(over.quality)
    guess = (
        quality_at_fineness(x1 - below * (x2 - x1) / (above - below))
        if above > below
        else (fits.quality + over.quality) / 2
    )
    ends = (setting(fits.quality), setting(over.quality))
    candidates = (
        grid.snap(min(max(guess, fits.quality + grid.step), over.quality - grid.step)),
        grid.snap((fits.quality + over.quality) / 2),
    )
    between = [c for c in candidates if fits.quality < c < over.quality and setting(c) not in ends]
    return between[0] if between else None


def _slope(tries: list[Try], at: Try) -> float:
    """d log(bytes) / d fineness, measured between the last two encodings when there are two (near
    the top of the scale it flattens: tables reach 1), else the typical slope of photographs at `at`."""
    x = fineness(at.quality)
    if len(tries) < 2:
        return _typical_slope(x)
    (qa, sa), (qb, sb) = tries[-2:]
    if fineness(qa) == fineness(qb):
        return _typical_slope(x)
    return min(max((math.log(sb) - math.log(sa)) / (fineness(qb) - fineness(qa)), 0.3), 2.0)


def _typical_slope(x: float) -> float:
    """d log(bytes) / d fineness for photographs: ~0.65 around quality 45, ~0.9 at 85, ~1.15 at 97."""
    return min(max(0.9 + 0.2 * (x - fineness(85)), 0.6), 1.3)


def search_way(
    image: Any, way: Way, limit: int, bounds: Bounds = UNCAPPED, known: dict[Any, bytes] | None = None
) -> Encoded | None:
    """The best that fits by one way (its PSNR not yet measured), reusing encodings already `known`."""
    by_setting = dict(known or {})  # qualities a hair apart often give the same tables: encode once
    done = len(by_setting)
    prepared = way.prepare(image)

    def size_at(quality: float) -> int:
        key = way.setting(quality)
        if key not in by_setting:
            by_setting[key] = way.encode(prepared, quality)
        return len(by_setting[key])

    best = search(size_at, way.setting, limit, way.whole_qualities, bounds).quality
    if best is None:
        return None
    return Encoded(by_setting[way.setting(best)], round(best, 1), len(by_setting) - done, way.name, way.subsampling)
