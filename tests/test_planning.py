"""slots, calendar, ics, preview, export and submit end to end, with a fixed clock."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from pasha_cli.characters import shown
from pasha_cli.plan.export import default_name
from pasha_cli.plan.slots import Slot, render_json, render_text
from pasha_cli.timeutil import JST
from tests.conftest import BASE_CONFIG, Project, chromium, jpeg_bytes, run

NOW = "2030-03-01 12:00"


def _args(project: Project, *rest: str) -> list[str]:
    return [*rest, "--config", str(project.root / "pasha.toml"), "--now", NOW]


def test_slots_text_and_json(project: Project) -> None:
    project.draft("april.yaml", "account: free\npublish_at: 2030-04-10 10:00\nbody: x\n")
    result = run(_args(project, "slots", "--account", "free", "--count", "3", "--format", "json"))
    assert result.exit_code == 0
    slots = json.loads(result.stdout)["slots"]
    assert [s["publish_at"] for s in slots] == [
        "2030-03-06T10:00:00+09:00",
        "2030-05-01T10:00:00+09:00",
        "2030-06-01T10:00:00+09:00",
    ]
    assert slots[0]["deadline"] == "2030-03-01T23:59:59+09:00"
    text = run(_args(project, "slots", "--account", "paid", "--from", "2030-07-15", "--lang", "ja")).stdout
    assert "2030-07-15 10:00（月）" in text and "設定期限" in text
    assert run(_args(project, "slots", "--account", "nobody")).exit_code == 2


def test_calendar_json_and_grid(project: Project) -> None:
    project.write(
        "pasha.toml",
        BASE_CONFIG + "\n[[maintenance]]\nstart = 2030-05-13T01:00:00+09:00\nend = 2030-05-13T06:00:00+09:00\n",
    )
    project.draft("a.yaml", "account: paid\npublish_at: 2030-05-07 09:00\nbody: x\n")
    project.draft(
        "b.yaml",
        "account: free\npublish_at: 2030-05-20 10:00\nstatus: submitted\nsubmitted_at: 2030-05-01 10:00\nbody: x\n",
    )
    result = run(
        [*_args(project, "calendar", "--month", "2030-05", "--format", "json")[:-2], "--now", "2030-05-02 09:00"]
    )
    days = {d["date"]: d for d in json.loads(result.stdout)["days"]}
    assert len(days) == 31 and days["2030-05-02"]["today"]
    assert days["2030-05-06"]["holiday"]["ja"] == "振替休日"
    assert not days["2030-05-06"]["business_day"]
    assert days["2030-05-07"]["posts"] == [
        {"path": "posts/a.yaml", "account": "paid", "time": "09:00", "status": "draft"}
    ]
    assert days["2030-05-13"]["maintenance"][0]["start"].startswith("2030-05-13T01:00")
    assert days["2030-05-15"]["deadlines"] == []  # b is submitted: no deadline to chase
    grid = run(_args(project, "calendar", "--month", "2030-05", "--lang", "ja")).stdout
    assert "2030-05 の予定" in grid and "振替休日" in grid and "メンテ" in grid and "01:00-06:00" in grid
    assert "09:00 paid" in grid
    assert run(_args(project, "calendar", "--month", "2030-13")).exit_code == 2


def test_ics_parses_back_with_stable_uids(project: Project) -> None:
    project.draft("a.yaml", "account: paid\npublish_at: 2030-05-07 09:00\nbody: 新茶の季節\n")
    project.draft("b.yaml", "account: paid\npublish_at: 2030-05-08 09:00\nstatus: cancelled\nbody: x\n")
    out = project.root / "plan.ics"
    assert run(_args(project, "ics", "-o", str(out))).exit_code == 0
    calendar = Calendar.from_ical(out.read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 4
    post = next(e for e in events.values() if "新茶の季節" in str(e["summary"]) and str(e["uid"]).startswith("post-"))
    start = post.decoded("dtstart")
    assert start.isoformat() == "2030-05-07T09:00:00+09:00" and str(start.tzinfo) == "Asia/Tokyo"
    due = next(e for e in events.values() if str(e["uid"]).startswith("deadline-") and "新茶" in str(e["summary"]))
    assert due.decoded("dtend").isoformat() == "2030-04-30T23:59:59+09:00"
    cancelled = [e for e in events.values() if str(e["status"]) == "CANCELLED"]
    assert len(cancelled) == 2
    again = project.root / "again.ics"
    project.draft("a.yaml", "account: paid\npublish_at: 2030-05-09 09:00\nbody: 新茶の季節\n")  # moved
    assert run(_args(project, "ics", "-o", str(again))).exit_code == 0
    assert {str(e["uid"]) for e in Calendar.from_ical(again.read_bytes()).walk("VEVENT")} == set(events)


def test_preview_terminal_and_escaped_html(project: Project) -> None:
    project.write("posts/a.jpg", jpeg_bytes(1200, 800))
    body = "<script>alert('x')</script> & " + "あ" * 120
    project.draft(
        "a.yaml",
        f'account: free\npublish_at: 2030-05-07 09:00\nbody: "{body}"\nimage: a.jpg\n'
        "link: https://item.rakuten.co.jp/x/?a=1&b=<2>\n",
    )
    html_path = project.root / "preview.html"
    result = run(
        _args(project, "preview", str(project.root / "posts" / "a.yaml"), "--html", str(html_path), "--lang", "ja")
    )
    assert result.exit_code == 0, result.output
    assert "…もっと見る" in result.stdout and "1200x800 px" in result.stdout and "許可されたドメイン" in result.stdout
    page = html_path.read_text("utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "a=1&amp;b=&lt;2&gt;" in page and 'src="data:image/jpeg;base64,' in page
    digest = page.split('id="digest">')[1].split("<span")[0]
    import html as html_lib

    assert len(html_lib.unescape(digest)) == 100


@pytest.mark.slow
def test_preview_page_in_headless_chromium(project: Project, tmp_path: Path) -> None:
    browser = chromium()
    if browser is None:
        pytest.skip("no Chromium here and none could be installed")
    project.write("posts/a.jpg", jpeg_bytes(1200, 800, color=(30, 120, 200)))
    project.draft(
        "a.yaml",
        "account: free\npublish_at: 2030-05-07 09:00\nbody: 夏限定のアイスコーヒーが登場しました。\n"
        "image: a.jpg\nlink: https://item.rakuten.co.jp/x/\n",
    )
    page = tmp_path / "card.html"
    assert run(_args(project, "preview", str(project.root / "posts" / "a.yaml"), "--html", str(page))).exit_code == 0
    shot = tmp_path / "card.png"
    done = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--hide-scrollbars",
            "--window-size=420,720",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
    )
    assert shot.is_file(), done.stderr.decode(errors="replace")[-2000:]
    from PIL import Image

    with Image.open(shot) as image:
        assert image.size == (420, 720)
        rgb = image.convert("RGB")
        # the card's embedded 1200 x 800 photo shows, 375 px wide and so 250 px high (not stretched)
        blue_rows = [y for y in range(720) if (lambda p: p[2] > 150 and p[0] < 80)(rgb.getpixel((210, y)))]
        assert blue_rows and abs(len(blue_rows) - 250) <= 3
        assert all(rgb.getpixel((x, blue_rows[0] + 5))[2] > 150 for x in range(40, 380, 20))


def test_export_bundle_in_both_encodings(project: Project) -> None:
    project.write("posts/a.jpg", jpeg_bytes(1200, 800))
    project.draft(
        "a.yaml",
        "account: paid\npublish_at: 2030-05-07 09:00\nbody: |\n  新茶の季節です。\n  二行目\n"
        "image: a.jpg\nlink: https://www.rakuten.co.jp/x/\n",
    )
    project.draft("b.yaml", "account: paid\npublish_at: 2030-05-08 09:00\nbody: 絵文字なし\n")
    project.draft("c.yaml", "account: paid\npublish_at: 2030-05-09 09:00\nbody: ''\n")  # an error: left out
    project.draft("june.yaml", "account: paid\npublish_at: 2030-06-09 09:00\nbody: 六月\n")
    out = project.root / "bundle.zip"
    result = run(_args(project, "export", "--month", "2030-05", "-o", str(out)))
    assert result.exit_code == 1 and "posts/c.yaml" in result.stderr
    with zipfile.ZipFile(out) as bundle:
        names = bundle.namelist()
        assert all(not n.startswith("/") and ".." not in n for n in names)
        assert "images/001-a-a.jpg" in names and "texts/001-a.txt" in names
        raw = bundle.read("manifest.csv")
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        assert [r["source"] for r in rows] == ["posts/a.yaml", "posts/b.yaml"]
        assert (
            rows[0]["body"] == "新茶の季節です。\n二行目" and rows[0]["deadline"] == "'2030-04-30 23:59:59"
        )  # stays text in Excel
        assert bundle.read("texts/001-a.txt").decode("utf-8-sig") == "新茶の季節です。\r\n二行目"
    assert run(_args(project, "export", "--month", "2030-05", "-o", str(out))).exit_code == 2  # exists
    cp = project.root / "cp932.zip"
    assert run(_args(project, "export", "--month", "2030-05", "-o", str(cp), "--encoding", "cp932")).exit_code == 1
    with zipfile.ZipFile(cp) as bundle:
        rows = list(csv.DictReader(io.StringIO(bundle.read("manifest.csv").decode("cp932"))))
        assert rows[1]["body"] == "絵文字なし"
    project.draft("emoji.yaml", "account: paid\npublish_at: 2030-05-10 09:00\nbody: お茶🍵\n")
    refused = run(
        _args(project, "export", "--month", "2030-05", "-o", str(project.root / "x.zip"), "--encoding", "cp932")
    )
    assert refused.exit_code == 1 and "🍵" in refused.stderr and not (project.root / "x.zip").exists()


def test_submit_changes_only_its_lines(project: Project) -> None:
    original = (
        "# 夏のキャンペーン\r\naccount: paid   # 有料\r\npublish_at: '2030-05-07 09:00'\r\nstatus: ready  # 承認済み\r\n"
        "body: |\r\n  一行目\r\n\r\n  二行目\r\n# 最後のコメント\r\nlink: https://www.rakuten.co.jp/x/\r\n"
    )
    path = project.root / "posts" / "a.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + original.encode())
    result = run(_args(project, "submit", str(path)))
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    before_lines = original.encode().splitlines(keepends=True)
    after_lines = after[3:].splitlines(keepends=True)
    assert after_lines[3] == "status: submitted  # 承認済み\r\n".encode()
    assert after_lines[4] == b"submitted_at: 2030-03-01 12:00\r\n"
    assert after_lines[:3] == before_lines[:3] and after_lines[5:] == before_lines[4:]
    assert run(_args(project, "validate")).exit_code == 0
    again = run(_args(project, "submit", str(path)))
    assert again.exit_code == 0 and path.read_bytes() == after  # already submitted: nothing to do


def test_submit_inserts_missing_fields_in_markdown_and_json(project: Project) -> None:
    md = project.draft("a.md", "---\naccount: paid\npublish_at: 2030-05-07 09:00\n---\n本文\n")
    js = project.draft(
        "b.json", '{\n    "account": "paid",\n    "publish_at": "2030-05-08 09:00",\n    "body": "x"\n}\n'
    )
    assert run(_args(project, "submit", str(md), str(js))).exit_code == 0
    assert (
        md.read_text()
        == "---\naccount: paid\npublish_at: 2030-05-07 09:00\nstatus: submitted\nsubmitted_at: 2030-03-01 12:00\n---\n本文\n"
    )
    assert json.loads(js.read_text()) == {
        "account": "paid",
        "publish_at": "2030-05-08 09:00",
        "status": "submitted",
        "submitted_at": "2030-03-01 12:00",
        "body": "x",
    }
    assert '    "status": "submitted",\n' in js.read_text()


def test_submit_refuses_drafts_with_errors(project: Project) -> None:
    late = project.draft("late.yaml", "account: paid\npublish_at: 2030-03-04 09:00\nbody: x\n")  # deadline passed
    before = late.read_bytes()
    result = run(_args(project, "submit", str(late)))
    assert result.exit_code == 1 and "PSH301" in result.stderr and late.read_bytes() == before
    assert run(_args(project, "submit", str(project.root / "posts" / "none.yaml"))).exit_code == 2


SLOT = Slot(datetime(2030, 4, 16, 10, 0, tzinfo=JST), datetime(2030, 4, 11, 23, 59, 59, tzinfo=JST))
CLOCK = datetime(2030, 4, 1, 9, 30, tzinfo=JST)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "Publication slots for `shop` (now 2030-04-01 09:30):\n"
            "  2030-04-16 10:00 (Tue)  set-up deadline 2030-04-11 23:59:59 (Thu)\n",
        ),
        (
            "ja",
            "アカウント `shop` の公開枠（現在 2030-04-01 09:30）:\n"
            "  2030-04-16 10:00（火）  設定期限 2030-04-11 23:59:59（木）\n",
        ),
    ],
)
def test_slots_text_from_hand_built_slots(lang: str, expected: str) -> None:
    assert render_text("shop", CLOCK, [SLOT], lang) == expected


def test_slots_text_shows_an_account_id_as_characters_shown_does() -> None:
    assert render_text("a\x1b[2Jb", CLOCK, [], "en").splitlines() == [
        shown("Publication slots for `a\x1b[2Jb` (now 2030-04-01 09:30):")
    ]
    assert "\x1b" not in render_text("a\x1b[2Jb", CLOCK, [], "en")


def test_slots_json_from_hand_built_slots() -> None:
    assert json.loads(render_json("shop", CLOCK, [SLOT])) == {
        "version": 1,
        "account": "shop",
        "now": "2030-04-01T09:30:00+09:00",
        "maintenance_known_until": None,
        "slots": [
            {
                "publish_at": "2030-04-16T10:00:00+09:00",
                "deadline": "2030-04-11T23:59:59+09:00",
                "maintenance_known": True,
            }
        ],
    }


@pytest.mark.parametrize(
    ("month", "name"), [("2030-04", "pasha-export-2030-04.zip"), (None, "pasha-export-20300401.zip")]
)
def test_export_default_name(month: str | None, name: str) -> None:
    assert default_name(month, CLOCK) == Path(name)
