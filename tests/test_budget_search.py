"""The byte-limit search's decisions, pinned without an encoder: on known size curves, which
quality each search settles on, after how many encodings, and which stop rule ended it; and which
ways a plan searches where. A change to a stop rule, a constant or the next-try arithmetic shows
up here (and, with real encoders, in test_fit_corpus.py)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest
from PIL import Image

from pasha_cli.image.budget import encoders, planning, searching
from pasha_cli.image.budget.encoders import fineness


def photo(q: float) -> int:  # bytes grow with quality as a photograph's do: log-linear in fineness
    return int(40_000 * math.exp(0.9 * (fineness(q) - fineness(50))))


def bent(q: float) -> int:  # flat, then steep near the top of the scale
    knee = fineness(96)
    return int(96_000 * math.exp((0.4 if fineness(q) < knee else 12.0) * (fineness(q) - knee)))


def jumpy(q: float) -> int:  # 96 % of the limit just below 90, over it from 90
    return 96_000 if 89.5 <= q < 90.0 else (int(1000 * q) if q < 89.5 else 102_000)


def cliff(q: float) -> int:  # neighbouring settings 93 % and 101 % of the limit apart
    return 93_000 if q < 88.3 else 101_000


def flat(q: float) -> int:
    return 50_000


def tables(q: float) -> Any:
    return tuple(map(tuple, encoders.libjpeg_tables(q, "4:2:0")))


def same(q: float) -> float:
    return q


# (id, size curve, setting, limit, whole qualities, highest, first try) -> (quality, encodes, stop rule)
CASES: list[tuple[str, Callable[[float], int], Callable[[float], Any], int, bool, float, float, Any, int, str]] = [
    ("capped-whole", photo, round, 100_000, True, 60.0, 85.0, 60, 1, "highest fits"),
    ("small-climbs-to-100", flat, same, 100_000, False, 100.0, 85.0, 100.0, 5, "highest fits"),
    ("fractional-cap-whole", flat, round, 100_000, True, 97.5, 85.0, 97, 3, "highest fits"),
    ("photo-continuous", photo, same, 100_000, False, 100.0, 85.0, 81.63008434433613, 2, "limit filled"),
    ("photo-tables-tight", photo, tables, 30_000, False, 100.0, 85.0, 35.71547765874809, 2, "limit filled"),
    ("one-overshoot", jumpy, same, 100_000, False, 100.0, 89.9, 89.9, 2, "overshot near the limit"),
    ("too-big-whole", flat, round, 30_000, True, 100.0, 85.0, None, 3, "lowest does not fit"),
    ("first-try-below-floor", flat, same, 30_000, False, 100.0, 10.0, None, 1, "lowest does not fit"),
    ("neighbouring-tables", cliff, same, 100_000, False, 100.0, 85.0, 88.17337053865106, 5, "neighbours"),
    ("photo-whole", photo, round, 100_000, True, 100.0, 85.0, 81, 3, "nothing between"),
    ("photo-whole-from-floor", photo, round, 30_000, True, 100.0, 10.0, 36, 4, "nothing between"),
    ("bent", bent, same, 100_000, False, 100.0, 85.0, 95.51397616579978, 8, "encodes spent"),
]


@pytest.mark.parametrize(
    ("curve", "setting", "limit", "whole", "highest", "first", "quality", "encodes", "rule"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_where_a_search_stops_and_why(
    curve: Callable[[float], int],
    setting: Callable[[float], Any],
    limit: int,
    whole: bool,
    highest: float,
    first: float,
    quality: Any,
    encodes: int,
    rule: str,
) -> None:
    tried: list[float] = []

    def size_at(q: float) -> int:
        tried.append(q)
        return curve(q)

    stopped = searching.search(size_at, setting, limit, whole, searching.Bounds(highest, first))
    assert (stopped.quality, len(tried), stopped.rule) == (pytest.approx(quality, rel=1e-9), encodes, rule)
    assert all(q == int(q) for q in tried) or not whole  # whole qualities only for jpegli
    if stopped.quality is not None:
        assert curve(stopped.quality) <= limit


def test_every_stop_rule_has_a_case_a_name_and_a_reason() -> None:
    names = [rule.name for rule in searching.STOP_RULES]
    assert len(set(names)) == len(names) and all(rule.why for rule in searching.STOP_RULES)
    assert {case[-1] for case in CASES} == set(names)  # a new rule needs a case here


# (mode, --encoder, --subsampling, jpegli installed) -> (beside, libjpeg's, 4:4:4's, compared)
PLANS = [
    ("RGB", "auto", "auto", True, ("jpegli 4:2:0",), "pillow 4:2:0", "pillow 4:4:4", True),
    ("RGB", "auto", "auto", False, (), "pillow 4:2:0", "pillow 4:4:4", True),
    ("RGB", "pillow", "4:2:0", True, (), "pillow 4:2:0", None, False),
    ("RGB", "pillow", "4:4:4", True, (), None, "pillow 4:4:4", False),
    ("RGB", "jpegli", "auto", True, ("jpegli 4:2:0",), None, None, False),
    ("RGB", "auto", "4:2:0", True, ("jpegli 4:2:0",), "pillow 4:2:0", None, True),
    ("L", "auto", "auto", True, (), "pillow 4:0:0", None, False),
    ("L", "jpegli", "auto", True, ("jpegli 4:2:0",), None, None, False),
]


@pytest.mark.parametrize(("mode", "encoder", "subsampling", "jpegli", "beside", "libjpeg", "full", "compare"), PLANS)
def test_which_ways_search_where(
    monkeypatch: pytest.MonkeyPatch,
    mode: str,
    encoder: str,
    subsampling: str,
    jpegli: bool,
    beside: tuple[str, ...],
    libjpeg: str | None,
    full: str | None,
    compare: bool,
) -> None:
    monkeypatch.setattr(encoders, "jpegli_available", lambda: jpegli)

    def named(way: encoders.Way | None) -> str | None:
        return None if way is None else f"{way.encoder} {way.subsampling}"

    ways = planning.ways_for(Image.new(mode, (8, 8)), encoder, subsampling, False, 100_000)
    planned = planning.plan(ways, None)
    assert tuple(named(way) for way in planned.beside) == beside
    assert (named(planned.libjpeg), named(planned.full_chroma), planned.compare) == (libjpeg, full, compare)
    assert planned.highest == searching.QUALITY_MAX and planning.plan(ways, 90.5).highest == 90.5
