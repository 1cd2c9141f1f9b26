"""Running a plan: the searches and the 4:4:4 probe, on threads where the encoders let go of the GIL
(pyjpegli, and Pillow writing to a file, do while they encode; pasha_cli/parallel.py).

This thread searches libjpeg's 4:2:0 while jpegli searches beside it; the probe is encoded on a
thread while libjpeg's result is measured; 4:4:4 is searched last, if at all, reusing the probe.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from pasha_cli.image.budget.choosing import choose, full_chroma_may_win, measured, picture_psnr
from pasha_cli.image.budget.encoders import Encoded, Way
from pasha_cli.image.budget.planning import Plan, probe_quality
from pasha_cli.image.budget.searching import FIRST_TRY, Bounds, search_way
from pasha_cli.parallel import start


class Probe(NamedTuple):
    quality: float
    data: bytes
    psnr: float


class Outcome(NamedTuple):
    found: list[Encoded]  # each way's best that fits (measured when compared), for the ways where one does
    probes: int  # encodings besides the searches' own: the 4:4:4 probe


def run(image: Any, limit: int, plan: Plan) -> Outcome:
    results: dict[Way, Encoded | None] = {}

    def search(way: Way, first: float = FIRST_TRY, known: dict[Any, bytes] | None = None) -> None:
        found = search_way(image, way, limit, Bounds(plan.highest, first), known)
        results[way] = measured(image, found) if plan.compare else found

    helpers = [start(search, way) for way in plan.beside]
    libjpeg, full = plan.libjpeg, plan.full_chroma
    reduced = search_way(image, libjpeg, limit, Bounds(plan.highest)) if libjpeg is not None else None
    probe: list[Probe] = []
    if full is not None and reduced is not None:
        at = probe_quality(reduced.quality)
        prepared = full.prepare(image)

        def encode_probe() -> None:
            data = full.encode(prepared, at)
            probe.append(Probe(at, data, picture_psnr(image, data)))

        helpers.append(start(encode_probe))
    if libjpeg is not None:
        results[libjpeg] = measured(image, reduced) if plan.compare else reduced
    for helper in helpers:
        helper.join_or_raise()
    if full is not None and not probe:  # no 4:2:0 result to place a probe: 4:4:4 is searched
        search(full)
    elif full is not None:
        best = choose([found for found in results.values() if found is not None]).psnr or 0.0
        if full_chroma_may_win(probe[0].psnr, len(probe[0].data), limit, best):
            search(full, probe[0].quality, {full.setting(probe[0].quality): probe[0].data})
    return Outcome([found for found in results.values() if found is not None], len(probe))
