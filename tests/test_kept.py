"""Findings of the draft rules kept between runs (pasha_cli/kept.py): a run that replays them reports
exactly what a run that finds them anew reports, and anything they follow from makes them found anew."""

from __future__ import annotations

import json
import os
import shutil
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pasha_cli import engine, kept
from pasha_cli.project import index, schema_check
from pasha_cli.rules import ALL_RULES
from tests.conftest import NOW, run

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "broken"
DRAFT_RULES = {r.code for r in ALL_RULES if not r.reads}


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """The run happens a minute after the files were written, so their stamps are settled."""
    start = index._now_ns()
    monkeypatch.setattr(index, "_now_ns", lambda: start + 60 * 10**9)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """examples/broken (every kind of mistake, more drafts than kept.FEW) in a folder of its own."""
    root = tmp_path / "broken"
    shutil.copytree(EXAMPLES, root)
    assert len(list((root / "posts").iterdir())) >= kept.FEW
    return root


@pytest.fixture
def fresh_drafts(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """Per run, the drafts the draft rules ran on (those with nothing kept that holds)."""
    runs: list[set[str]] = []
    original = engine._run_isolated

    def spy(rule: Any, ctx: Any) -> Any:
        if not rule.reads and not ctx.config_in_scope:
            runs[-1] |= set(ctx.targets)
        return original(rule, ctx)

    monkeypatch.setattr(engine, "_run_isolated", spy)
    real_validate = engine.validate

    def counted(*args: Any, **kwargs: Any) -> Any:
        runs.append(set())
        return real_validate(*args, **kwargs)

    monkeypatch.setattr(engine, "validate", counted)
    return runs


def _report(root: Path, *args: str, now: str = NOW, env: dict[str, str] | None = None) -> dict[str, Any]:
    result = run(["validate", "--format", "json", "--now", now, "--config", str(root / "pasha.toml"), *args], env)
    assert result.exit_code in (0, 1), result.output
    return dict(json.loads(result.stdout))


def _anew(root: Path, *args: str, now: str = NOW) -> dict[str, Any]:
    """The report of a run that keeps nothing and reads nothing kept."""
    return _report(root, *args, now=now, env={"PASHA_NO_CACHE": "1"})


def _store(cache: Path) -> dict[str, Any]:
    (path,) = cache.glob("findings-*.json")
    return dict(json.loads(path.read_text("utf-8")))


def test_replayed_findings_are_the_found_ones(broken: Path, later: None, fresh_drafts: list[set[str]]) -> None:
    first = _report(broken)
    again = _report(broken)
    assert first == again == _anew(broken)
    every = {p.relative_to(broken).as_posix() for p in (broken / "posts").iterdir()}
    assert fresh_drafts[0] >= every - {"posts/unreadable.yaml", "posts/empty.yaml"} - _unreadable(first)
    # the second run found anew only the drafts whose findings follow from the clock (no publish_at)
    assert fresh_drafts[1] <= {f["path"] for f in first["findings"] if f["code"] in ("PSH002",)}
    assert len(fresh_drafts[1]) < len(fresh_drafts[0]) // 4
    kept_codes = {code for entry in _store(Path(os.environ["PASHA_CACHE_DIR"])).values() for code in entry[2]}
    assert kept_codes and kept_codes <= DRAFT_RULES


def _unreadable(report: dict[str, Any]) -> set[str]:
    return {f["path"] for f in report["findings"] if f["code"] == "PSH001"}


def _edit_draft(root: Path) -> None:
    path = root / "posts" / "claim-without-evidence.yaml"
    path.write_text(path.read_text("utf-8").replace("No.1", "日本一"), "utf-8")


def _config_severity(root: Path) -> None:
    with (root / "pasha.toml").open("a", encoding="utf-8") as config:
        config.write('\n[severity]\nPSH601 = "error"\nPSH113 = "error"\n')


def _touch_all(root: Path) -> None:
    for path in (root / "posts").iterdir():
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))


def _code_changed(root: Path) -> None:
    kept._code.cache_clear()
    original = kept._code.__wrapped__
    kept._code = lambda: original() + "changed"  # type: ignore[assignment]


_CODE = kept._code


def _next_process() -> None:
    """What a new process of pasha starts without: the digest of its files, the schemas it read."""
    for cached in (_CODE, schema_check.load_schema, schema_check._validator, schema_check._salt):
        cached.cache_clear()


def _schema_changed(root: Path) -> None:
    """A schema pasha ships, edited: in a source checkout schemas/ lies beside the package, not in it."""
    folder = root.parent / "schemas"
    shutil.copytree(schema_check.schema_path("post.schema.json").parent, folder)
    schema = json.loads((folder / "post.schema.json").read_text("utf-8"))
    schema["required"].append("id")
    (folder / "post.schema.json").write_text(json.dumps(schema), "utf-8")
    schema_check.schema_path = lambda name: folder / name  # type: ignore[assignment]
    _next_process()


CHANGES: list[tuple[str, Callable[[Path], None]]] = [
    ("a draft edited", _edit_draft),
    ("the config's severities", _config_severity),
    ("every draft touched", _touch_all),
    ("pasha's own files", _code_changed),
    ("pasha's schemas", _schema_changed),
]


@pytest.mark.parametrize("change", [c for _, c in CHANGES], ids=[name for name, _ in CHANGES])
def test_a_change_they_follow_from_finds_them_anew(
    broken: Path,
    later: None,
    change: Callable[[Path], None],
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    monkeypatch.setattr(kept, "_code", kept._code)  # put back whatever the change does to it
    monkeypatch.setattr(schema_check, "schema_path", schema_check.schema_path)
    request.addfinalizer(_next_process)
    before = _report(broken)
    change(broken)
    after = _report(broken)
    assert after == _anew(broken)
    if change is not _touch_all and change is not _code_changed:
        assert after != before


def _another_version(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    real = kept.library_version
    monkeypatch.setattr(kept, "library_version", lambda m, d: "99.0.0" if m == module else real(m, d))


# what else the rules' findings follow from: Python, its Unicode database, a library they call
RUNNERS: list[tuple[str, Callable[[pytest.MonkeyPatch], None]]] = [
    ("another Python", lambda mp: mp.setattr(sys, "version", "99.0.0 (another build)")),
    ("another Unicode database", lambda mp: mp.setattr(unicodedata, "unidata_version", "99.0.0")),
    ("another ada-url (the links' parser)", lambda mp: _another_version(mp, "ada_url")),
    ("another PyYAML", lambda mp: _another_version(mp, "yaml")),
    ("another python-dateutil (maintenance rules' windows)", lambda mp: _another_version(mp, "dateutil")),
]


@pytest.mark.parametrize("change", [r[1] for r in RUNNERS], ids=[r[0] for r in RUNNERS])
def test_another_python_or_library_finds_them_anew(
    broken: Path,
    later: None,
    fresh_drafts: list[set[str]],
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[pytest.MonkeyPatch], None],
) -> None:
    """The rules judge a body's characters by the running Python's Unicode database (their names,
    classes and normal forms) and links by ada-url: an upgraded Python or library under the same pasha
    (a source checkout) replays nothing."""
    first = _report(broken)
    change(monkeypatch)
    assert _report(broken) == first
    assert fresh_drafts[1] == fresh_drafts[0]


def test_a_term_file_of_the_config_is_one_of_its_inputs(broken: Path, later: None) -> None:
    (broken / "terms.toml").write_text(_term("夏の新作"), "utf-8")
    with (broken / "pasha.toml").open("a", encoding="utf-8") as config:
        config.write('\n[content]\nterms = ["terms.toml"]\n')
    before = _report(broken)
    (broken / "terms.toml").write_text(_term("桜ラテ"), "utf-8")
    after = _report(broken)
    assert after == _anew(broken) and after != before


def _term(word: str) -> str:
    return (
        f'[[term]]\nid = "project-term"\nlabel = "{word}"\npatterns = [\'{word}\']\nbasis = "社内表記基準"\n'
        f'matches = ["{word}です"]\nclean = ["ほかの言葉"]\n'
    )


def test_a_run_with_other_rules_keeps_its_own(broken: Path, later: None, fresh_drafts: list[set[str]]) -> None:
    _report(broken)
    narrow = _report(broken, "--select", "PSH1")
    assert narrow == _anew(broken, "--select", "PSH1")
    assert fresh_drafts[1]  # found anew: what the whole run kept is not the narrow run's
    assert _report(broken) == _anew(broken)


def test_findings_dated_by_the_clock_are_never_kept(tmp_path: Path, later: None) -> None:
    """A draft without publish_at is judged as published today: its evidence's age follows the clock."""
    root = tmp_path / "p"
    shutil.copytree(EXAMPLES, root)
    old = (
        "account: sample-coffee\nbody: 売上No.1*の珈琲\nevidence:\n  - claim: No.1\n    source: 調査\n"
        "    method: インターネット調査\n    respondents: 1000\n    period: 2029-01\n    by: 調査会社\n    marker: '*'\n"
    )
    (root / "posts" / "undated.yaml").write_text(old, "utf-8")
    early, late = "2029-06-01 10:00", "2031-06-01 10:00"
    assert _report(root, now=early) == _anew(root, now=early)
    assert _report(root, now=late) == _anew(root, now=late)
    codes = {f["code"] for f in _report(root, now=late)["findings"] if f["path"] == "posts/undated.yaml"}
    assert "PSH604" in codes


HOSTILE_STORES: list[tuple[str, Callable[[dict[str, Any]], Any]]] = [
    ("not JSON", lambda store: b"\xff{["),
    ("a list", lambda store: []),
    ("entries of the wrong shape", lambda store: {rel: [1, 2] for rel in store}),
    ("rows of the wrong shape", lambda store: {rel: [e[0], e[1], {"PSH601": [[1, 2, 3]]}] for rel, e in store.items()}),
    (
        "rows of the wrong types",
        lambda store: {
            rel: [e[0], e[1], {"PSH601": [["1", 2, "a", "b", None, [], None, None]]}] for rel, e in store.items()
        },
    ),
    (
        "codes of no rule",
        lambda store: {
            rel: [e[0], e[1], {**e[2], "PSH999": [[1, 1, "a", "b", None, [], None, None]]}] for rel, e in store.items()
        },
    ),
]


@pytest.mark.parametrize("spoil", [s for _, s in HOSTILE_STORES], ids=[name for name, _ in HOSTILE_STORES])
def test_a_spoiled_store_is_never_believed_beyond_its_shape(
    broken: Path, later: None, spoil: Callable[[dict[str, Any]], Any]
) -> None:
    """The store is a cache file: a value of the wrong shape is found anew, and a code of no rule
    that ran never becomes a finding."""
    expected = _report(broken)
    cache = Path(os.environ["PASHA_CACHE_DIR"])
    (path,) = cache.glob("findings-*.json")
    spoiled = spoil(_store(cache))
    path.write_bytes(spoiled if isinstance(spoiled, bytes) else json.dumps(spoiled).encode())
    assert _report(broken) == expected


def test_a_store_from_another_checkout_holds_for_none_of_its_drafts(
    broken: Path, tmp_path: Path, later: None, fresh_drafts: list[set[str]]
) -> None:
    """An entry holds for one file's stamp (its device, inode and change time in nanoseconds): a store
    carried to a fresh checkout of the same files (a CI cache restored) replays nothing there."""
    _report(broken)
    cache = Path(os.environ["PASHA_CACHE_DIR"])
    (ours,) = cache.glob("findings-*.json")
    other = tmp_path / "checkout"
    shutil.copytree(broken, other)
    expected = _report(other)  # the checkout's own store (each project has one), then ours in its place
    (theirs,) = [p for p in cache.glob("findings-*.json") if p != ours]
    shutil.copyfile(ours, theirs)
    assert _report(other) == expected
    assert fresh_drafts[-1] == fresh_drafts[1]  # every draft found anew, as on the checkout's first run


@pytest.mark.parametrize("example", [EXAMPLES, EXAMPLES.parent], ids=["broken", "clean"])
def test_draft_rules_reach_nothing_but_the_draft_and_the_config(example: Path) -> None:
    """PASHA_DEBUG=1 makes a draft rule that reached the clock, a file or another draft raise."""
    result = run(["validate", "--now", NOW, "--config", str(example / "pasha.toml")], {"PASHA_DEBUG": "1"})
    assert result.exit_code in (0, 1), result.output


def test_a_draft_rule_that_reaches_the_clock_keeps_nothing(
    broken: Path, later: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule declared a draft rule by mistake (it reads ctx.now) is found out: nothing of the run is
    kept, and under PASHA_DEBUG it raises."""
    from pasha_cli import rules

    body_empty = rules.RULES_BY_CODE["PSH102"]

    def clocked(ctx: Any) -> Any:
        assert ctx.now is not None
        return body_empty.check(ctx)

    wrong = body_empty._replace(check=clocked)
    monkeypatch.setattr(engine, "ALL_RULES", tuple(wrong if r is body_empty else r for r in rules.ALL_RULES))
    assert _report(broken) == _anew(broken)
    assert not list(Path(os.environ["PASHA_CACHE_DIR"]).glob("findings-*.json"))
    with pytest.raises(AssertionError, match=r"a draft rule reached \['clock'\]"):
        run(["validate", "--now", NOW, "--config", str(broken / "pasha.toml")], {"PASHA_DEBUG": "1"})


def test_findings_of_a_search_that_ran_out_of_time_are_never_kept(
    broken: Path, later: None, fresh_drafts: list[set[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A term search stopped at its time budget says so (a "slow" finding): that follows from the
    machine's speed, so the next run searches the draft again."""
    from pasha_cli.project import terms

    original = terms.Matcher.matches

    def out_of_time(self: Any, normal: str) -> Any:
        found, slow = original(self, normal)
        return (found, [*slow, *self.terms[:1]]) if "no.1" in normal.lower() and self.terms else (found, slow)

    monkeypatch.setattr(terms.Matcher, "matches", out_of_time)
    first = _report(broken)
    timed = {f["path"] for f in first["findings"] if "could not be matched against this body in time" in f["message"]}
    assert timed
    assert _report(broken) == first
    assert timed <= fresh_drafts[1]
