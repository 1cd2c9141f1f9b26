"""`pasha init`, `pasha new` and the slots they rely on."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from pasha_cli.engine import load_project
from pasha_cli.plan.slots import slots
from pasha_cli.project.config import load_config
from pasha_cli.project.drafts import Draft
from pasha_cli.timeutil import JST
from tests.conftest import BASE_CONFIG, Project, run

NOW = datetime(2030, 3, 1, 12, 0, tzinfo=JST)  # Fri


def _slots(project: Project, account: str, count: int = 3, **kw) -> list[str]:  # type: ignore[no-untyped-def]
    config = load_config((project.root / "pasha.toml").resolve())
    drafts = [d for d in load_project(config) if isinstance(d, Draft)]
    found = slots(config, account, drafts, kw.pop("now", NOW), kw.pop("start", None))
    return [next(found).strftime("%Y-%m-%d %H:%M") for _ in range(count)]


def test_paid_slots_start_after_the_lead_time(project: Project) -> None:
    # now Fri 03-01 12:00: Mon 03-04 has its deadline on Wed 02-27 (past); Tue 03-05 -> Thu 02-28 (past);
    # Wed 03-06 -> Fri 03-01 23:59:59, still ahead
    assert _slots(project, "paid") == ["2030-03-06 10:00", "2030-03-07 10:00", "2030-03-08 10:00"]


def test_free_slots_skip_months_with_a_post(project: Project) -> None:
    project.draft("march.yaml", "account: free\npublish_at: 2030-03-20 10:00\nbody: x\n")
    project.draft("may.yaml", "account: free\npublish_at: 2030-05-02 10:00\nstatus: cancelled\nbody: x\n")
    assert _slots(project, "free") == ["2030-04-01 10:00", "2030-05-01 10:00", "2030-06-01 10:00"]


def test_slots_move_past_a_maintenance_window(project: Project) -> None:
    project.write(
        "pasha.toml",
        BASE_CONFIG.replace("drafts", 'default_publish_time = "02:00"\ndrafts')
        + """
[[maintenance]]
start = 2030-03-11T01:00:00+09:00
end = 2030-03-11T06:00:00+09:00
""",
    )
    assert _slots(project, "paid", start=datetime(2030, 3, 11).date(), count=2) == [
        "2030-03-11 06:00",
        "2030-03-12 02:00",
    ]


def test_init_creates_a_project_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "shop"
    result = run(["init", str(target), "--account", "shop-1", "--name", '見本 "店"', "--now", "2030-03-01 12:00"])
    assert result.exit_code == 0, result.output
    for rel in (
        "pasha.toml",
        ".pre-commit-config.yaml",
        ".pasha/post.schema.json",
        ".pasha/config.schema.json",
        ".pasha/terms.schema.json",
    ):
        assert (target / rel).is_file()
    drafts = list((target / "posts").rglob("*.yaml"))
    assert len(drafts) == 1
    text = drafts[0].read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../.pasha/post.schema.json\n")
    # 03-06 is the first slot, but its deadline (Fri 03-01) is "soon": the sample takes the first calm one (Sat 03-09, deadline Wed 03-06)
    assert yaml.safe_load(text)["publish_at"] == "2030-03-09 10:00"
    assert run(["validate", "--config", str(target / "pasha.toml"), "--now", "2030-03-01 12:00"]).exit_code == 0
    hooks = yaml.safe_load((target / ".pre-commit-config.yaml").read_text())
    assert hooks["repos"][0]["hooks"][0]["id"] == "pasha-validate"
    again = run(["init", str(target)])
    assert again.exit_code == 2 and "pasha.toml" in again.stderr


def test_init_keeps_an_existing_pre_commit_config(tmp_path: Path) -> None:
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
    assert run(["init", str(tmp_path), "--now", "2030-03-01 12:00"]).exit_code == 0
    assert (tmp_path / ".pre-commit-config.yaml").read_text() == "repos: []\n"


def test_init_rejects_a_bad_account_id(tmp_path: Path) -> None:
    assert run(["init", str(tmp_path), "--account", "-bad id"]).exit_code == 2
    assert not (tmp_path / "pasha.toml").exists()


def test_new_takes_the_next_slot_and_never_overwrites(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.root)
    first = run(["new", "--account", "free", "--now", "2030-03-01 12:00"])
    assert first.exit_code == 0, first.output
    made = sorted((project.root / "posts").rglob("*.yaml"))
    assert [p.name for p in made] == ["2030-03-06-free.yaml"]
    second = run(["new", "--account", "free", "--now", "2030-03-01 12:00"])
    assert second.exit_code == 0
    assert sorted(p.name for p in (project.root / "posts").rglob("*.yaml")) == [
        "2030-03-06-free.yaml",
        "2030-04-01-free.yaml",
    ]
    assert run(["validate", "--now", "2030-03-01 12:00"]).exit_code == 0
    exists = run(["new", "--account", "paid", "-o", str(made[0]), "--now", "2030-03-01 12:00"])
    assert exists.exit_code == 2
    assert "account: free" in made[0].read_text()


def test_new_with_a_date_and_errors(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.root)
    result = run(["new", "--account", "paid", "--date", "2030-07-15", "--now", "2030-03-01 12:00", "--lang", "ja"])
    assert result.exit_code == 0 and "2030-07-15 10:00" in result.stdout
    assert (project.root / "posts" / "2030-07" / "2030-07-15-paid.yaml").is_file()
    assert run(["new", "--account", "nobody", "--now", "2030-03-01 12:00"]).exit_code == 2
    assert run(["new", "--account", "paid", "--date", "2030-02-30"]).exit_code == 2


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_new_and_init_write_a_fresh_valid_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    import uuid

    target = tmp_path / "shop"
    assert run(["init", str(target), "--now", "2030-03-01 12:00", "--lang", lang]).exit_code == 0
    monkeypatch.chdir(target)
    for _ in range(2):
        assert run(["new", "--account", "my-shop", "--now", "2030-03-01 12:00", "--lang", lang]).exit_code == 0
    drafts = sorted((target / "posts").rglob("*.yaml"))
    ids = [yaml.safe_load(d.read_text("utf-8"))["id"] for d in drafts]
    assert len(drafts) == 3 and len(set(ids)) == 3  # init's sample and two new drafts, each its own
    assert all(str(uuid.UUID(i)) == i for i in ids)
    comment = "ファイルを移動・改名しても変えず" if lang == "ja" else "keep it when you move or rename the file"
    assert all(comment in d.read_text("utf-8") for d in drafts)
    report = run(["validate", "--format", "json", "--now", "2030-03-01 12:00"])
    assert not [f for f in json.loads(report.stdout)["findings"] if f["code"] in ("PSH002", "PSH006")]
