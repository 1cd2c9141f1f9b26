"""Which rows of a parametrized test run in the inner loop (`-m "not slow"`): tests/conftest.py's
collection hook, over stand-ins for pytest's items."""

from __future__ import annotations

import itertools
from typing import Any, NamedTuple

import pytest
from conftest import pytest_collection_modifyitems


class _Spec(NamedTuple):
    params: dict[str, Any]


class _Row:
    """What the hook reads of a pytest item, and the marks it adds."""

    def __init__(self, name: str, params: dict[str, Any], marks: list[pytest.Mark]) -> None:
        self.nodeid = f"tests/test_x.py::{name}[{'-'.join(map(str, params.values()))}]"
        self.callspec = _Spec(params)
        self.marks = list(marks)

    def get_closest_marker(self, name: str) -> pytest.Mark | None:
        return next(self.iter_markers(name), None)

    def iter_markers(self, name: str) -> Any:
        return (mark for mark in self.marks if mark.name == name)

    def add_marker(self, mark: pytest.MarkDecorator) -> None:
        self.marks.append(mark.mark)


A = [1, 2, 3]
B = ["x", "y"]
CROSS = [pytest.mark.parametrize("a", A).mark, pytest.mark.parametrize("b", B).mark]

# (id, the test's marks, the rows (a, b) that run in the inner loop), over the rows of A x B in order
CASES = [
    # a cross product: each value of each axis once, the other combinations in the full run
    ("cross-product", CROSS, {(1, "x"), (1, "y"), (2, "x"), (3, "x")}),
    ("one-parametrize-of-two-names", [pytest.mark.parametrize("a,b", []).mark], {*itertools.product(A, B)}),
    ("own-sample-mark", [*CROSS, pytest.mark.sample(1).mark], {(1, "x")}),
    ("own-sample-per-axis", [*CROSS, pytest.mark.sample(1, per="b").mark], {(1, "x"), (1, "y")}),
    ("own-sample-keeps-two", [*CROSS, pytest.mark.sample(2).mark], {(1, "x"), (1, "y")}),
]


@pytest.mark.parametrize(("marks", "fast"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_inner_loop_runs_a_sample_and_the_full_run_every_row(
    marks: list[pytest.Mark], fast: set[tuple[int, str]]
) -> None:
    rows = [_Row("test_t", {"a": a, "b": b}, marks) for a, b in itertools.product(A, B)]
    pytest_collection_modifyitems(rows)  # type: ignore[arg-type]
    assert len(rows) == len(A) * len(B)  # no row is dropped: the others are slow, for the full run
    assert {(r.callspec.params["a"], r.callspec.params["b"]) for r in rows if not r.get_closest_marker("slow")} == fast
