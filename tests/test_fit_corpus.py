"""Every output of `pasha image fit` over the generated corpus (tests/fit_corpus.py) is the one
recorded in tests/data/fit_corpus.json, byte for byte, with the same decisions (quality, encoder,
subsampling, encodes). A change to the byte-limit search or to a fit's pipeline that changes any
output shows up here; one meant to re-records: python3 benchmarks/fit_corpus.py --write ...

Outputs depend on the encoders' versions (not on the cores): elsewhere the comparison is skipped (the
search's own decisions are pinned without encoders in test_imagefit.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests import fit_corpus

RECORDED = Path(__file__).parent / "data" / "fit_corpus.json"


def recorded() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(RECORDED.read_text())
    if document["environment"] != fit_corpus.environment():
        pytest.skip(f"recorded with {document['environment']}, this is {fit_corpus.environment()}")
    return document["cases"]


def test_the_record_covers_the_corpus() -> None:
    document = json.loads(RECORDED.read_text())
    assert sorted(document["cases"]) == sorted(case.name for case in fit_corpus.cases())
    written = [r for r in document["cases"].values() if "sha256" in r]
    assert len(written) > 300 and {r["encoder"] for r in written} >= {"pillow", "jpegli"}
    assert {r["subsampling"] for r in written} == {"4:2:0", "4:4:4", "4:0:0"}


# one case in twenty, every kind of source among them; the inner loop runs the first of each source,
# kind, encoder and byte limit in it, the full run all of them (and the whole corpus)
SAMPLE = fit_corpus.cases()[::20]


@pytest.mark.sample(
    1,
    per=(
        lambda p: p["case"].source,
        lambda p: p["case"].options.get("encoder"),
    ),
)
@pytest.mark.parametrize("case", SAMPLE, ids=[case.name for case in SAMPLE])
def test_a_sample_of_the_corpus_is_as_recorded(tmp_path: Path, case: fit_corpus.Case) -> None:
    expected = recorded()
    ((name, result),) = list(fit_corpus.run(tmp_path, [case]))
    assert result == expected[name]


@pytest.mark.slow
def test_the_whole_corpus_is_as_recorded(tmp_path: Path) -> None:
    expected = recorded()
    differ = {name: result for name, result in fit_corpus.run(tmp_path) if expected[name] != result}
    assert differ == {}
