"""A large run split over worker processes (engine._check_in_parts, `validate --jobs`): the report is
the same whatever the number of parts, and what the workers add to the caches is kept."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pasha_cli import engine, kept
from pasha_cli.project import index
from tests.conftest import NOW, run

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    start = index._now_ns()
    monkeypatch.setattr(index, "_now_ns", lambda: start + 60 * 10**9)


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A part of two drafts is worth a worker here: the examples are split."""
    monkeypatch.setattr(engine, "PART_DRAFTS", 2)


@pytest.fixture(params=["broken", "clean"])
def example(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    root = tmp_path / request.param
    source = EXAMPLES / "broken" if request.param == "broken" else EXAMPLES
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("broken") if request.param == "clean" else None)
    return root


def _run(root: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = run(["validate", "--now", NOW, "--config", str(root / "pasha.toml"), *args], env)
    return result.exit_code, result.stdout


@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
@pytest.mark.parametrize("jobs", ["2", "3", "0"])
def test_the_report_is_the_same_in_any_number_of_parts(
    example: Path, small_parts: None, later: None, jobs: str, fmt: str
) -> None:
    one = _run(example, "--format", fmt, "--jobs", "1")
    assert one[0] in (0, 1)
    assert _run(example, "--format", fmt, "--jobs", jobs) == one  # cold caches
    assert _run(example, "--format", fmt, "--jobs", jobs) == one  # what the workers kept
    assert _run(example, "--format", fmt, "--jobs", "1") == one


@pytest.mark.xfail(
    strict=False,
    reason="open defect: in the whole serial suite (.ci/run) only the command's own entry was found kept; "
    "passes alone and with test_kept.py (an order-dependent state between tests, not yet found)",
)
def test_what_the_workers_add_to_the_caches_is_kept(
    example: Path, small_parts: None, later: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept, "FEW", 1)  # every part keeps its drafts' findings
    cache = Path(os.environ["PASHA_CACHE_DIR"])
    _run(example, "--jobs", "2")
    stores = {p.name.split("-")[0]: json.loads(p.read_text("utf-8")) for p in cache.glob("*-*.json")}
    drafts = [p for p in (example / "posts").iterdir() if p.suffix in (".yaml", ".md", ".json")]
    assert len(stores["findings"]) >= len(drafts) // 2  # every draft dated by publish_at and readable
    assert stores["images"]  # inspected in the workers
    assert stores["valid"]


def _on_first(victim: str, rel: str, targets: frozenset[str]) -> bool:
    return rel == victim


def _on_every(victim: str, rel: str, targets: frozenset[str]) -> bool:
    return True


def _on_several_only(victim: str, rel: str, targets: frozenset[str]) -> bool:
    """A bug that shows on several drafts together and on none alone: no one draft is to blame."""
    return len(targets) > 1


# (what fails, on which drafts, the rules that fail)
FAILURES: list[tuple[str, Callable[[str, str, frozenset[str]], bool], tuple[str, ...]]] = [
    ("one rule on one draft", _on_first, ("PSH501",)),
    ("two rules on every draft", _on_every, ("PSH102", "PSH501")),
    ("a rule on no draft alone", _on_several_only, ("PSH501",)),
]


@pytest.mark.parametrize(("fails", "codes"), [f[1:] for f in FAILURES], ids=[f[0] for f in FAILURES])
def test_a_rule_that_fails_in_a_worker_costs_that_draft_only(
    example: Path,
    small_parts: None,
    monkeypatch: pytest.MonkeyPatch,
    fails: Callable[[str, str, frozenset[str]], bool],
    codes: tuple[str, ...],
) -> None:
    """The findings and the internal errors said on stderr are the same in any number of parts."""
    from pasha_cli import rules

    victim = min(p.relative_to(example).as_posix() for p in (example / "posts").rglob("*.yaml"))

    def failing(original: Any) -> Any:
        def check(ctx: Any) -> Any:
            yield from original.check(ctx)
            if any(fails(victim, d.rel, ctx.targets) for d in ctx.target_drafts):
                raise ZeroDivisionError("simulated bug")

        return original._replace(check=check)

    broken = tuple(failing(r) if r.code in codes else r for r in rules.ALL_RULES)
    monkeypatch.setattr(engine, "ALL_RULES", broken)
    one = run(["validate", "--now", NOW, "--format", "json", "--config", str(example / "pasha.toml"), "-j", "1"])
    two = run(["validate", "--now", NOW, "--format", "json", "--config", str(example / "pasha.toml"), "-j", "2"])
    assert one.exit_code == two.exit_code == 3
    assert (one.stdout, one.stderr) == (two.stdout, two.stderr)
    assert f"{codes[0]} failed on {victim if fails is not _on_several_only else '-'}" in two.stderr


def test_a_worker_that_dies_is_an_internal_error(
    example: Path, small_parts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dies(number: int) -> Any:
        os._exit(9)

    monkeypatch.setattr(engine, "_check_part", dies)
    code, _ = _run(example, "-j", "2")
    assert code == 3


def test_few_drafts_are_checked_in_this_process(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Below PART_DRAFTS drafts a part, no worker is started (the hook's usual run)."""
    started: list[int] = []
    monkeypatch.setattr(engine, "_check_part", started.append)
    code, _ = _run(example, "-j", "4")
    assert code in (0, 1) and started == []


@pytest.mark.parametrize("jobs", ["-1", "257", "x"])
def test_jobs_out_of_range_is_misuse(example: Path, jobs: str) -> None:
    code, _ = _run(example, "--jobs", jobs)
    assert code == 2


def test_parts_checked_one_after_another_in_one_process_each_see_their_own(example: Path) -> None:
    """A worker may take a second part after its first (the pool gives it the next): what a rule
    made of one part's targets (a memo of the drafts with a price claim) must not answer for the next."""
    from pasha_cli.commands.dates import parse_now
    from pasha_cli.project.config import load_config
    from pasha_cli.project.drafts import Draft, Unreadable
    from pasha_cli.rules import Context

    config = load_config(example / "pasha.toml")
    loaded, scope, _ = engine.load_scope(config, None)
    drafts = tuple(d for d in loaded if isinstance(d, Draft))
    unreadable = tuple(u for u in loaded if isinstance(u, Unreadable))
    rules = engine.selected_rules(config, None, set())

    def context() -> Context:  # each order its own run
        return Context(config, parse_now(NOW), drafts, unreadable, scope.targets, True)

    whole = sorted(engine._check(context(), rules, None)[0], key=repr)
    for order in (lambda parts: parts, reversed):
        parts = engine._parts(context(), 3)
        assert len(parts) == 3 and all(p.targets for p in parts)
        one_by_one = [f for part in order(parts) for f in engine._check(part, rules, None)[0]]
        assert sorted(one_by_one, key=repr) == whole
