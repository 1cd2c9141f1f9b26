"""The draft index (pasha_cli/project/index.py): a run on one path reads only that draft in full, and
reports exactly what a whole run reports on it, cross-draft findings included."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pasha_cli import engine
from pasha_cli.project import index
from pasha_cli.project.config import load_config
from tests.conftest import Project

FREE = "account: free\npublish_at: 2030-04-{day} 10:00\nbody: x\n"
POSTS = {
    "april/a.yaml": FREE.format(day="16"),  # three free posts in April: PSH401 on each
    "april/b.yaml": FREE.format(day="17") + "image: ../../shared.jpg\n",
    "april/c.md": "---\naccount: free\npublish_at: 2030-04-18 10:00\nid: spring-sale\n---\nx\n",
    "may/d.yaml": "account: paid\npublish_at: 2030-05-16 10:00\nbody: x\nid: spring-sale\nimage: ../../shared.jpg\n",
    "may/e.json": '{"account": "paid", "publish_at": "2030-05-17 10:00", "body": "x", "id": "spring-sale"}',
    "may/f.yaml": "account: paid\npublish_at: 2030-05-18 10:00\nbody: x\nimgae: typo.jpg\n",  # PSH002
    "may/broken.yaml": "account: [paid\n",  # PSH001: never indexed
    "june/cancelled.yaml": "account: free\npublish_at: 2030-04-20 10:00\nstatus: cancelled\nbody: x\n",
}


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """The run happens a minute after the files were written, so the index may keep them."""
    start = index._now_ns()
    monkeypatch.setattr(index, "_now_ns", lambda: start + 60 * 10**9)


def _project(root: Path) -> Project:
    project = Project(root)
    project.image("shared.jpg")
    for rel, text in POSTS.items():
        project.draft(rel, text)
    return project


def _findings(project: Project, *paths: str) -> list[dict[str, Any]]:
    _, report = project.validate(*(str(project.root / p) for p in paths))
    return report["findings"]


def _index_entries(cache: Path) -> dict[str, Any]:
    stores = list(cache.glob("drafts-*-v2.json"))
    return json.loads(stores[0].read_text()) if stores else {}


TARGETS = [*(f"posts/{rel}" for rel in POSTS), "shared.jpg"]


def _count_named_walks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one each time a run walks every draft for the files they name."""
    made: list[int] = []
    walk = engine._named_by_drafts

    def counted(*args: Any) -> Any:
        made.append(1)
        return walk(*args)

    monkeypatch.setattr(engine, "_named_by_drafts", counted)
    return made


@pytest.mark.parametrize("warm", [False, True], ids=["cold-index", "warm-index"])
@pytest.mark.parametrize("target", TARGETS)
def test_one_path_reports_what_the_whole_run_reports_on_it(
    tmp_path: Path, later: None, warm: bool, target: str
) -> None:
    project = _project(tmp_path / "p")
    whole = _findings(project)
    assert {f["code"] for f in whole} >= {"PSH001", "PSH002", "PSH006", "PSH401"}  # the table is what it says
    if not warm:
        for store in Path(os.environ["PASHA_CACHE_DIR"]).glob("drafts-*"):
            store.unlink()
    users = {"shared.jpg": {"posts/april/b.yaml", "posts/may/d.yaml"}}.get(target, {target})
    assert _findings(project, target) == [f for f in whole if f["path"] in users]


def test_the_index_keeps_the_fields_others_read_and_not_a_broken_draft(tmp_path: Path, later: None) -> None:
    project = _project(tmp_path / "p")
    _findings(project)
    entries = _index_entries(Path(os.environ["PASHA_CACHE_DIR"]))
    assert {key for key in entries if not key.startswith("/")} == {f"posts/{rel}" for rel in POSTS} - {
        "posts/may/broken.yaml"
    }
    assert {key for key in entries if key.startswith("/")} == {index.GENERATION}  # a whole run makes no aggregate
    # [device, inode, size, mtime_ns, ctime_ns, kind, *INDEXED_FIELDS], a field not written null
    assert entries["posts/may/d.yaml"][4:] == [
        (project.root / "posts/may/d.yaml").stat().st_ctime_ns,
        "yaml",
        "paid",
        "2030-05-16 10:00",
        None,
        "spring-sale",
        "../../shared.jpg",
        None,
    ]
    assert entries["posts/april/c.md"][5] == "markdown" and len(entries["posts/april/c.md"]) == 12  # no body


CHANGES = [  # (draft changed behind the index's back, its new text, the finding that must appear on a.yaml)
    ("may/d.yaml", "account: free\npublish_at: 2030-04-21 10:00\nbody: x\n", "PSH401"),  # a new size
    ("june/cancelled.yaml", POSTS["june/cancelled.yaml"].replace("cancelled", "published"), "PSH401"),
]


@pytest.mark.parametrize(("rel", "text", "code"), CHANGES, ids=["moved-into-april", "same-size-same-mtime"])
def test_a_draft_changed_since_the_index_is_read_again(
    tmp_path: Path, later: None, rel: str, text: str, code: str
) -> None:
    project = Project(tmp_path / "p")
    project.image("shared.jpg")
    project.draft("april/a.yaml", FREE.format(day="16"))
    project.draft(rel, POSTS[rel])
    assert _findings(project) == []  # the index now knows both
    path = project.root / "posts" / rel
    before = path.stat()
    path.write_text(text, "utf-8")
    if len(text) == before.st_size:  # what `touch -r` or a careful tool does: only the change time moves
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    found = _findings(project, "posts/april/a.yaml")
    assert [f["code"] for f in found] == [code] and found[0]["path"] == "posts/april/a.yaml"


def test_files_changed_just_now_are_not_indexed(tmp_path: Path) -> None:
    """Without `later`, every file was written within RECENT_NS: a second change within the clock's
    resolution could keep its stamp, so none is indexed (and each is read in full next time)."""
    project = _project(tmp_path / "p")
    _findings(project)
    _findings(project, "posts/april/a.yaml")
    assert _index_entries(Path(os.environ["PASHA_CACHE_DIR"])) == {}


@pytest.mark.parametrize(
    ("fields", "kept"),
    [
        ({"account": "a", "publish_at": "2030-04-16 10:00"}, True),
        ({"account": "a", "status": 3}, True),
        ({"account": "a", "image": ["x.jpg", True, None]}, True),
        ({"account": "a", "publish_at": float("nan")}, False),  # no NaN in standard JSON
        ({"account": "a", "id": 1.0e400}, False),  # infinity
        ({"account": "a", "video": {"k": (1, 2)}}, False),  # a tuple comes back a list
    ],
)
def test_only_values_json_keeps_exactly_are_indexed(fields: dict[str, Any], kept: bool) -> None:
    assert index._kept_exactly(fields) is kept


@pytest.mark.parametrize(
    "garbage",
    [
        b"\x00not json{",
        b"[]",
        b'{"posts/april/b.yaml": "x"}',
        b'{"posts/april/b.yaml": [[0, 0, 0, 0, 0], "yaml", {"account": "free"}]}',  # a stamp that is not the file's
        b'{"posts/april/b.yaml": [null, "toml", {"body": "x"}]}',
        b'{"posts/april/b.yaml": [[1], "yaml", {"account": "free", "body": "not indexed"}]}',
        b"[" * 100_000,  # deeper than the JSON decoder recurses: RecursionError, not ValueError
    ],
    ids=["not-json", "a-list", "a-string-entry", "another-stamp", "wrong-kind", "unindexed-field", "deeply-nested"],
)
def test_a_broken_or_foreign_index_is_read_past(tmp_path: Path, later: None, garbage: bytes) -> None:
    project = _project(tmp_path / "p")
    whole = _findings(project)
    for store in Path(os.environ["PASHA_CACHE_DIR"]).glob("drafts-*"):
        store.write_bytes(garbage)
    assert _findings(project, "posts/april/a.yaml") == [f for f in whole if f["path"] == "posts/april/a.yaml"]


def _folder_moved_out(project: Project) -> None:
    os.rename(project.root / "store", project.root.parent / "out")
    os.symlink("../out", project.root / "store")


def _folder_link_retargeted(project: Project) -> None:
    (project.root.parent / "out").mkdir()
    os.link(project.root / "real/d.yaml", project.root.parent / "out/d.yaml")  # the same file, outside
    assert _findings(project)  # the index learns the file's new change time (a link was added)
    os.unlink(project.root / "store")
    os.symlink("../out", project.root / "store")


@pytest.mark.parametrize("move", [_folder_moved_out, _folder_link_retargeted], ids=["moved-out", "link-retargeted"])
def test_a_draft_whose_way_now_leads_outside_is_not_taken_from_the_index(
    tmp_path: Path, later: None, move: Callable[[Project], None]
) -> None:
    """The stamp is the file's (the links followed): a folder on the way that now leads out of the
    project leaves it as it was, but the draft is PSH004 now and counts toward no quota."""
    project = Project(tmp_path / "p")
    project.image("shared.jpg")
    project.draft("a.yaml", FREE.format(day="16"))
    project.draft("b.yaml", FREE.format(day="17"))
    d = FREE.format(day="18") + "image: ../shared.jpg\n"  # from the link's folder, posts/
    if move is _folder_moved_out:
        project.write("store/d.yaml", d)
    else:
        project.write("real/d.yaml", d)
        os.symlink("real", project.root / "store")
    os.symlink("../store/d.yaml", project.root / "posts/d.yaml")
    assert {f["path"] for f in _findings(project)} == {"posts/a.yaml", "posts/b.yaml", "posts/d.yaml"}  # PSH401
    assert {f["path"] for f in _findings(project, "shared.jpg")} == {"posts/d.yaml"}  # the aggregate is kept
    move(project)
    whole = _findings(project)
    assert [f["code"] for f in whole if f["path"] == "posts/d.yaml"] == ["PSH004"]
    assert _findings(project, "posts/a.yaml") == [f for f in whole if f["path"] == "posts/a.yaml"]
    assert _findings(project, "shared.jpg") == []  # an unreadable draft names no file


TYPO = "account: paid\npublish_at: 2030-05-16 10:00\nbody: x\nimgae: t\n"  # PSH002 on line 4
THROUGH_LINKS = [  # (files: rel -> text, or "->target" for a link; the path given; the drafts it is about)
    # after a link, `..` is the folder above where the link leads (the system's answer), not posts/
    (
        {
            "store/sub/": "",
            "store/img.jpg": None,
            "posts/L": "->../store/sub",
            "posts/a.yaml": TYPO + "image: L/../img.jpg\n",
        },
        "store/img.jpg",
        {"posts/a.yaml"},
    ),
    (
        {"store/sub/": "", "store/a.yaml": TYPO, "posts/q.yaml": "->../store/a.yaml", "posts/L": "->../store/sub"},
        "posts/L/../a.yaml",
        {"posts/q.yaml"},
    ),
]


@pytest.mark.parametrize(("files", "given", "about"), THROUGH_LINKS, ids=["named-link-dotdot", "given-link-dotdot"])
def test_a_path_through_a_link_and_dotdot_meets_the_file_the_system_opens(
    tmp_path: Path, files: dict[str, str | None], given: str, about: set[str]
) -> None:
    project = Project(tmp_path / "p")
    for rel, text in files.items():
        if rel.endswith("/"):
            (project.root / rel).mkdir(parents=True)
        elif text is None:
            project.image(rel)
        elif text.startswith("->"):
            os.symlink(text[2:], project.root / rel)
        else:
            project.write(rel, text)
    whole = _findings(project)
    assert {f["path"] for f in whole} == about
    assert _findings(project, given) == whole


@pytest.mark.parametrize("store", ["drafts-*", "valid-*", "holidays-*"])
def test_every_cache_store_nested_too_deep_is_read_past(tmp_path: Path, later: None, store: str) -> None:
    project = _project(tmp_path / "p")
    whole = _findings(project)
    stores = list(Path(os.environ["PASHA_CACHE_DIR"]).glob(store))
    assert stores  # the run made the store this case spoils
    for path in stores:
        path.write_bytes(b'{"k": ' * 100_000)
    assert _findings(project) == whole


@pytest.mark.parametrize(
    "removed",
    ["posts/" + "x" * 300 + ".yaml", "/".join(["y" * 200] * 30) + "/a.yaml", "posts/a\0.yaml"],
    ids=["name-too-long", "path-too-long", "nul"],
)
def test_a_removed_path_the_system_refuses_is_about_no_draft(tmp_path: Path, removed: str) -> None:
    """The hook's removed files come from git, whose names the system may refuse (too long for it)."""
    project = Project(tmp_path / "p")
    project.draft("a.yaml", TYPO)
    config = load_config(project.root / "pasha.toml")
    _, scope, _ = engine.load_scope(config, [], (project.root / removed,))
    assert scope == engine.Scope(frozenset(), False)


def _renamed_image(project: Project) -> None:
    project.image("other.jpg")
    project.draft("april/b.yaml", FREE.format(day="17") + "image: ../../other.jpg\n")


def _image_dropped(project: Project) -> None:
    project.draft("april/b.yaml", FREE.format(day="17") + "imgae: ../../shared.jpg\n")


def _new_user(project: Project) -> None:
    project.draft("june/g.yaml", FREE.format(day="19") + "image: ../../shared.jpg\n")


def _user_removed(project: Project) -> None:
    (project.root / "posts/may/d.yaml").unlink()


# (what changes behind the index between two runs on a file, the file then given)
NAMED_CHANGES = [
    (_renamed_image, "other.jpg"),
    (_renamed_image, "shared.jpg"),
    (_image_dropped, "shared.jpg"),
    (_new_user, "shared.jpg"),
    (_user_removed, "shared.jpg"),
]


@pytest.mark.parametrize(
    ("change", "given"), NAMED_CHANGES, ids=["now-named", "no-longer-named", "field-dropped", "new-user", "user-gone"]
)
def test_the_files_drafts_name_are_kept_until_a_draft_changes(
    tmp_path: Path, later: None, monkeypatch: pytest.MonkeyPatch, change: Callable[[Project], None], given: str
) -> None:
    """The files the drafts name come from the index (one aggregate) while no draft changed; after
    any change a run on a named file reports on exactly the drafts that name it now."""
    made = _count_named_walks(monkeypatch)
    project = _project(tmp_path / "p")
    _findings(project, "shared.jpg")
    _findings(project, "shared.jpg")
    assert len(made) == 1  # the second run took the aggregate
    change(project)
    whole = _findings(project)
    users = {path for path, text in _texts(project).items() if f"\nimage: ../../{given}\n" in text}
    assert users  # the table is what it says
    assert _findings(project, given) == [f for f in whole if f["path"] in users]
    assert len(made) == 2


def _texts(project: Project) -> dict[str, str]:
    return {
        path.relative_to(project.root).as_posix(): path.read_text("utf-8")
        for path in (project.root / "posts").rglob("*")
        if path.is_file()
    }


def test_the_aggregate_is_made_anew_when_a_drafts_folder_leads_elsewhere(tmp_path: Path, later: None) -> None:
    """No draft's stamp changes when its folder is moved and a link put in its place, but a name
    with `..` in it now opens another file: the aggregate's digest holds where each folder leads."""
    project = _project(tmp_path / "p")
    config = load_config(project.root / "pasha.toml")

    def digest() -> str:
        drafts = index.DraftIndex(config.root)
        for path in sorted(str(p) for p in (project.root / "posts").rglob("*.yaml")):
            drafts.load(path, partial=True)
        digest = drafts._digest()
        drafts.save()
        return digest

    before = digest()
    assert digest() == before
    (project.root / "elsewhere/deep").mkdir(parents=True)
    os.rename(project.root / "posts/may", project.root / "elsewhere/deep/may")
    os.symlink("../elsewhere/deep/may", project.root / "posts/may")
    assert digest() != before


@pytest.mark.parametrize("garbage", [[], "x", {"a": "b"}, {"a": [1]}, {"a": [None]}, {"a": [["posts/x"]]}, None])
def test_a_kept_aggregate_of_the_wrong_shape_is_made_anew(tmp_path: Path, later: None, garbage: Any) -> None:
    project = _project(tmp_path / "p")
    whole = _findings(project)
    _findings(project, "shared.jpg")
    store = next(Path(os.environ["PASHA_CACHE_DIR"]).glob("drafts-*"))
    entries = json.loads(store.read_text("utf-8"))
    entries["/named"][1] = garbage  # under the digest of this very project
    store.write_text(json.dumps(entries), "utf-8")
    users = {"posts/april/b.yaml", "posts/may/d.yaml"}
    assert _findings(project, "shared.jpg") == [f for f in whole if f["path"] in users]


ENTRY_GARBAGE = [  # what a draft's entry becomes (its stamp kept), and the index must read past it
    lambda e: e[:-1],
    lambda e: [*e, None],
    lambda e: [*e[:5], "toml", *e[6:]],
    lambda e: [*e[:5], 5, *e[6:]],
    lambda e: {"stamp": e[:5]},
    lambda e: [e[:5], e[5], {}],  # the first release's form
    lambda e: [*e[:4], str(e[4]), *e[5:]],
]


@pytest.mark.parametrize("damage", ENTRY_GARBAGE, ids=range(len(ENTRY_GARBAGE)))
def test_an_entry_of_the_wrong_shape_is_read_past(tmp_path: Path, later: None, damage: Callable[[Any], Any]) -> None:
    project = _project(tmp_path / "p")
    whole = _findings(project)
    store = next(Path(os.environ["PASHA_CACHE_DIR"]).glob("drafts-*"))
    entries = json.loads(store.read_text("utf-8"))
    for rel in ("posts/may/d.yaml", "posts/april/b.yaml"):
        entries[rel] = damage(entries[rel])
    store.write_text(json.dumps(entries), "utf-8")
    for target in ("posts/may/e.json", "posts/april/a.yaml"):  # their findings name the damaged drafts
        assert _findings(project, target) == [f for f in whole if f["path"] == target]


def _user_broken(project: Project) -> None:
    project.draft("april/b.yaml", "account: [free\nimage: ../../shared.jpg\n")


def _user_too_large(project: Project) -> None:
    project.draft("april/b.yaml", FREE.format(day="17") + "image: ../../shared.jpg\n" + "#" * 1_000_001 + "\n")


def _user_leads_outside(project: Project) -> None:
    outside = project.root.parent / "outside.yaml"
    outside.write_text(FREE.format(day="17") + "image: ../../shared.jpg\n", "utf-8")
    (project.root / "posts/april/b.yaml").unlink()
    os.symlink(outside, project.root / "posts/april/b.yaml")


def _user_not_kept_exactly(project: Project) -> None:
    project.draft("april/b.yaml", FREE.format(day="17") + "image: ../../other.jpg\nid: .nan\n")


def _odd_name_now_names(project: Project) -> None:
    project.draft("april/\udcff.yaml", FREE.format(day="19") + "image: ../../other.jpg\n")


# (a change after which a draft is read in full but gives no entry, the file then given, the drafts
# that name it now): the aggregate must not outlive the change, though the index's entries (and so
# its count of changes) stay as they were
UNINDEXED_CHANGES = [
    (_user_broken, "shared.jpg", {"posts/may/d.yaml"}),
    (_user_too_large, "shared.jpg", {"posts/may/d.yaml"}),
    (_user_leads_outside, "shared.jpg", {"posts/may/d.yaml"}),
    (_user_not_kept_exactly, "shared.jpg", {"posts/may/d.yaml"}),
    (_user_not_kept_exactly, "other.jpg", {"posts/april/b.yaml"}),
    (_odd_name_now_names, "other.jpg", {"posts/april/\udcff.yaml"}),
]


@pytest.mark.parametrize(
    ("change", "given", "users"),
    UNINDEXED_CHANGES,
    ids=["broken", "too-large", "leads-outside", "nan-old-image", "nan-new-image", "odd-name"],
)
def test_a_draft_read_in_full_without_an_entry_makes_the_aggregate_anew(
    tmp_path: Path, later: None, change: Callable[[Project], None], given: str, users: set[str]
) -> None:
    project = _project(tmp_path / "p")
    project.image("other.jpg")
    project.draft("april/\udcff.yaml", FREE.format(day="19"))  # a name the index cannot keep
    _findings(project)
    _findings(project, "shared.jpg")  # the aggregate is kept
    change(project)
    whole = _findings(project)
    assert {f["path"] for f in whole} >= users  # the table is what it says
    assert _findings(project, given) == [f for f in whole if f["path"] in users]


@pytest.mark.parametrize("scans", [0, 1, 100], ids=["table-at-once", "table-after-one", "scans-only"])
def test_many_paths_meet_the_same_drafts_by_scan_or_by_table(
    tmp_path: Path, later: None, monkeypatch: pytest.MonkeyPatch, scans: int
) -> None:
    """The hook may pass hundreds of files: after a few, the drafts' identities are laid out in a
    table instead of scanned for each path; a hard link or a symbolic link to a draft meets it."""
    monkeypatch.setattr(engine._DraftPlaces, "SCANS", scans)
    project = _project(tmp_path / "p")
    (project.root / "notes").mkdir()
    os.link(project.root / "posts/may/f.yaml", project.root / "notes/f-copy.txt")
    os.symlink("../posts/april/c.md", project.root / "notes/c-link.txt")
    project.write("notes/readme.txt", "not ours")
    whole = _findings(project)
    _findings(project, "posts/may/e.json")  # the index knows every draft
    given = ["notes/readme.txt", "posts/may/e.json", "notes/f-copy.txt", "notes/c-link.txt", "shared.jpg"]
    about = {"posts/may/e.json", "posts/may/f.yaml", "posts/april/c.md", "posts/april/b.yaml", "posts/may/d.yaml"}
    assert _findings(project, *given) == [f for f in whole if f["path"] in about]


# (a draft link that leads nowhere, what then comes to be where it leads: None, nothing)
DANGLING = [
    (None, set()),
    (FREE.format(day="19") + "image: ../../shared.jpg\n", {"posts/april/g.yaml"}),  # a draft naming it
    ("account: [broken\n", set()),
]


@pytest.mark.parametrize(("target", "more"), DANGLING, ids=["still-nowhere", "now-a-user", "now-broken"])
def test_a_draft_link_that_leads_nowhere_keeps_the_aggregate_until_it_leads_somewhere(
    tmp_path: Path, later: None, monkeypatch: pytest.MonkeyPatch, target: str | None, more: set[str]
) -> None:
    """A link to a missing draft has no stamp of its file; its own stamp says it still leads nowhere,
    so one such link does not make every run walk every draft for the files they name."""
    made = _count_named_walks(monkeypatch)
    project = _project(tmp_path / "p")
    os.symlink("../../store/g.yaml", project.root / "posts/april/g.yaml")
    whole = _findings(project)
    assert _findings(project, "shared.jpg") == [
        f for f in whole if f["path"] in {"posts/april/b.yaml", "posts/may/d.yaml"}
    ]
    _findings(project, "shared.jpg")
    assert len(made) == 1  # the second run took the aggregate
    if target is not None:
        project.write("store/g.yaml", target)
    whole = _findings(project)
    users = {"posts/april/b.yaml", "posts/may/d.yaml"} | more
    assert _findings(project, "shared.jpg") == [f for f in whole if f["path"] in users]


def _one_by_one(root: Path, files: list[tuple[str, os.stat_result]]) -> index.DraftIndex:
    kept = index.DraftIndex(root)
    kept.loaded = [kept.load(path, True, info) for path, info in files]  # type: ignore[attr-defined]
    return kept


def test_loading_all_at_once_gives_what_loading_each_gives(tmp_path: Path, later: None) -> None:
    """load_all's loop for the usual draft (known, unchanged) gives exactly load()'s drafts, and
    leaves the index as load() leaves it (the aggregates' digest included), for every kind of draft
    around it: a link, a link that leads nowhere, a broken one, one changed since the index, one not
    yet indexed."""
    project = _project(tmp_path / "p")
    os.symlink("april/a.yaml", project.root / "posts/link.yaml")
    os.symlink("nowhere.yaml", project.root / "posts/dangling.yaml")
    project.validate()  # the index holds every draft that loads
    project.draft("april/a.yaml", FREE.format(day="21"))  # changed since
    project.draft("june/new.yaml", FREE.format(day="22"))  # not yet indexed
    config = load_config(project.root / "pasha.toml")
    from pasha_cli.project.drafts import draft_files

    files = draft_files(config.root, config.drafts)
    assert len(files) == len(POSTS) + 3
    each = _one_by_one(config.root, files)
    together = index.DraftIndex(config.root)
    assert together.load_all(files, True) == each.loaded  # type: ignore[attr-defined]
    assert together._digest() == each._digest()
    assert (together.identities, together._whole) == (each.identities, each._whole)


def test_a_known_unchanged_draft_is_not_read(tmp_path: Path, later: None, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path / "p")
    project.validate()
    config = load_config(project.root / "pasha.toml")
    from pasha_cli.project.drafts import draft_files

    read: list[str] = []
    monkeypatch.setattr(index, "load_draft", lambda path, *a: read.append(str(path)))
    files = draft_files(config.root, config.drafts)
    drafts = index.DraftIndex(config.root).load_all(files, True)
    assert read == [str(project.root / "posts/may/broken.yaml")]  # never indexed: read every time
    assert sum(getattr(d, "partial", False) for d in drafts) == len(POSTS) - 1
