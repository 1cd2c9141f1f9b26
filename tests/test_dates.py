"""PSH62x: dates with a weekday in the body (issue 15, item 4).

A table of post texts written for these tests (coffee, snacks, cosmetics, drinks) names exactly
the findings each gives, as (code, the text the finding points at); about half are clean, so a
change of the patterns cannot add false positives unnoticed. Calendar facts used: 2030-07-16 is a
Tuesday, 2030-07-15 Marine Day (a Monday), 2030-11-03 Culture Day (a Sunday), 2030-05-06 a
substitute holiday, 2031-01-05 a Sunday, 2032-02-29 a Sunday.
"""

from __future__ import annotations

from datetime import date

import pytest

from pasha_cli.jpcalendar import BusinessCalendar
from pasha_cli.rules.dates import mentions, problems, year_for
from tests.conftest import Project

CALENDAR = BusinessCalendar.from_month_days()
JULY = date(2030, 7, 1)

POSTS: list[tuple[str, date | None, str, list[tuple[str, str]]]] = [
    # (case id, publication day, body, expected [(code, text)]) -- clean
    (
        "coffee-range",
        JULY,
        "夏の水出しコーヒーキャンペーン☕\n7/16(火)〜7/31(水)の期間中、対象商品を買うとポイント2倍！\n詳しくはプロフィールから",
        [],
    ),
    (
        "snack-kanji-range",
        JULY,
        "新フレーバー「焦がしバター味」🍪\n7月16日(火)～20日(土)まで全国のコンビニで試食会。",
        [],
    ),
    ("full-width", JULY, "限定パッケージは７／１６（火）から店頭に並びます。なくなり次第終了です。", []),
    ("long-weekday", JULY, "美容液の新作は7月16日（火曜日）発売。10:00から公式ストアで予約受付中です。", []),
    ("weekday-youbi", JULY, "毎月恒例の試飲会、次回は7/16(火曜)です", []),
    ("year-written", date(2030, 4, 1), "2030年7月16日(火)、新ブランド誕生。", []),
    ("reiwa", JULY, "令和12年7月16日(火)発売のボディミルク", []),
    ("marine-day", JULY, "7/15(月・祝)は海の日！アイスコーヒー1杯無料クーポンを配布します。", []),
    ("holiday-only", JULY, "7/15(祝)は店舗限定のポップアップイベント。", []),
    ("sunday-holiday", date(2030, 11, 1), "11/3(日・祝) 文化の日はポイント5倍", []),
    ("substitute-holiday", date(2030, 5, 1), "連休最終日5/6(月・祝)まで、詰め替え用が20%OFF", []),
    ("roll-over", date(2030, 12, 20), "年末年始もお得に🎍 12/28(土)〜1/5(日)は福袋セール。", []),
    ("roll-over-single", date(2030, 12, 20), "新春限定ブレンドは1/5(日)発売", []),
    ("recipe-and-times", JULY, "レシピ：牛乳3/4カップ、砂糖1/2杯。配布は10:00〜18:00、1/3の価格で！", []),
    ("no-weekday", JULY, "7/16 から発売！ 7/20 まで。2/30 はありません", []),
    ("url", JULY, "詳細は https://event.example.co.jp/2030/7/18(火) をご覧ください", []),
    ("version", JULY, "公式アプリ v1.7.16(火)配信、ver2.7/16(火)も", []),
    ("mixed-width", JULY, "７/16(火)から、7／16（火）まで", []),
    ("space-before-bracket", JULY, "7月16日 (火) 10:00 予約開始", []),
    ("day-only-slash-range", JULY, "7/16(火)〜20(土) 新作チョコの試食会", []),
    ("publication-day", date(2030, 7, 16), "本日7/16(火)限り！ 23:59までの限定クーポン", []),
    ("range-under-way", date(2030, 7, 20), "開催中！7/16(火)〜7/31(水) 夏のスキンケアフェア", []),
    ("leap-day", date(2032, 2, 1), "うるう年限定パック、2/29(日)だけの販売です", []),
    ("no-publication-yearless", None, "新作は7/16(水)発売、2/29(火)まで", []),
    # findings
    ("wrong-weekday", JULY, "新作リップは7/16(水)発売！", [("PSH620", "7/16(水)")]),
    ("after-a-label", JULY, "発売日：7/16(水)、予約:7/18(金)", [("PSH620", "7/16(水)"), ("PSH620", "7/18(金)")]),
    ("after-a-time", JULY, "受付は10:7/16(水)", []),  # 10:7 reads as a time, as before
    ("wrong-weekday-kanji", JULY, "７月１６日（木）より全国のドラッグストアで", [("PSH620", "７月１６日（木）")]),
    ("range-end-weekday", JULY, "7/16(火)〜7/20(金) 新作ラテ", [("PSH620", "7/20(金)")]),
    ("roll-over-weekday", date(2030, 12, 20), "福袋は1/5(月)まで", [("PSH620", "1/5(月)")]),
    ("impossible-feb", date(2030, 1, 10), "バレンタイン後も！2/30(日)まで延長", [("PSH621", "2/30(日)")]),
    ("impossible-april", date(2030, 4, 1), "4/31(水)までの限定セット", [("PSH621", "4/31(水)")]),
    ("impossible-month", date(2030, 4, 1), "13/1(月)から予約開始", [("PSH621", "13/1(月)")]),
    ("common-year-feb-29", date(2031, 2, 1), "2/29(土)までのご応募", [("PSH621", "2/29(土)")]),
    ("recap", date(2030, 7, 20), "7/16(火)に発売した新商品、好評です", [("PSH622", "7/16(火)")]),
    ("last-month", date(2030, 8, 5), "7/16(火)の試飲会にご来場ありがとうございました", [("PSH622", "7/16(火)")]),
    ("range-over", date(2030, 8, 1), "7/16(火)〜7/31(水)のキャンペーン", [("PSH622", "7/16(火)〜7/31(水)")]),
    ("day-before", date(2030, 7, 17), "7/16(火)まで", [("PSH622", "7/16(火)")]),
    ("december-in-january", date(2031, 1, 10), "12/28(土)の初売りに感謝", [("PSH622", "12/28(土)")]),
    ("year-written-past", JULY, "2029年7月16日(月)の発売以来", [("PSH622", "2029年7月16日(月)")]),
    ("not-a-holiday", JULY, "7/16(火・祝)は店休日", [("PSH623", "7/16(火・祝)")]),
    ("not-a-holiday-saijitsu", JULY, "7/16(祭日)は店休日", [("PSH623", "7/16(祭日)")]),  # 祭日 first
    ("saijitsu-wrong-weekday", JULY, "7/17(祭日・火)", [("PSH620", "7/17(祭日・火)"), ("PSH623", "7/17(祭日・火)")]),
    ("holiday-wrong-weekday", JULY, "7/17(火・祝)", [("PSH620", "7/17(火・祝)"), ("PSH623", "7/17(火・祝)")]),
    ("reversed", JULY, "7/20(土)〜7/16(火)", [("PSH624", "7/20(土)〜7/16(火)")]),
    ("reversed-day-only", JULY, "7月20日(土)～16日(火)", [("PSH624", "7月20日(土)～16日(火)")]),
    ("no-publication-with-year", None, "2030年7月16日(水)", [("PSH620", "2030年7月16日(水)")]),
    ("no-publication-impossible", None, "2/30(火)", [("PSH621", "2/30(火)")]),
]


def _found(body: str, publish: date | None) -> list[tuple[str, str]]:
    return [(p.code, body[p.at : p.at + len(p.args["text"])]) for p in problems(body, publish, CALENDAR)]


@pytest.mark.parametrize(("publish", "body", "expected"), [c[1:] for c in POSTS], ids=[c[0] for c in POSTS])
def test_post_texts(publish: date | None, body: str, expected: list[tuple[str, str]]) -> None:
    assert _found(body, publish) == expected


def test_the_table_is_half_clean() -> None:
    clean = sum(1 for *_, expected in POSTS if not expected)
    assert len(POSTS) >= 30 and abs(clean - len(POSTS) / 2) <= 3


@pytest.mark.parametrize(
    ("publish", "month", "year"),
    [
        (date(2030, 12, 20), 1, 2031),  # a January date written in December: next year
        (date(2030, 12, 20), 10, 2031),
        (date(2030, 12, 20), 11, 2030),  # last month: this year, a recap
        (date(2030, 12, 20), 12, 2030),
        (date(2031, 1, 10), 12, 2030),  # December in January: last year's
        (date(2031, 1, 10), 11, 2031),
        (date(2030, 7, 1), 6, 2030),
        (date(2030, 7, 31), 5, 2031),
    ],
)
def test_year_of_a_yearless_date(publish: date, month: int, year: int) -> None:
    assert year_for(month, publish) == year


@pytest.mark.parametrize(
    ("body", "count"),
    [
        ("7/16(火)" * 250, 250),  # 2,000 characters of dates
        ("1/" * 100_000, 0),  # digits and slashes
        ("1/1(" * 50_000, 0),
        ("1/1(月" * 50_000, 0),
        ("12月1日(" * 30_000 + "月)", 1),
        ("(" + "1" * 100_000 + "/1(月)", 0),
        ("7/1(月)〜" * 30_000, 15_000),
    ],
    ids=["dates", "slashes", "open-parens", "open-weekdays", "one-late-close", "long-digits", "ranges"],
)
def test_hostile_bodies_are_read_in_one_pass(body: str, count: int) -> None:
    assert len(mentions(body)) == count


def test_a_range_end_is_found_once() -> None:
    (only,) = mentions("7/16(火)〜7/20(土)")
    assert only.end is not None and only.end.text == "7/20(土)" and only.end.at == 8


def _dates(project: Project, *args: str) -> list[tuple[str, str, int, int, str]]:
    _, report = project.validate(*args)
    return sorted(
        (f["path"], f["code"], f["line"], f["column"], f["severity"])
        for f in report["findings"]
        if f["code"].startswith("PSH62")
    )


HEAD = "account: paid\npublish_at: 2030-07-01 10:00\n"


def test_positions_point_at_the_date_in_the_file(project: Project) -> None:
    project.draft("a.yaml", HEAD + "body: |\n  夏の新作🍹\n  新作は7/16(水)発売、7/20(土)〜7/16(火)\n")
    project.draft("b.md", "---\n" + HEAD + "---\n新作リップ\n\n7/16(火・祝)発売\n")
    project.draft("c.yaml", HEAD + 'body: "新作は 2/30(月)"\n')
    assert _dates(project) == [
        ("posts/a.yaml", "PSH620", 5, 6, "warning"),
        ("posts/a.yaml", "PSH624", 5, 16, "warning"),
        ("posts/b.md", "PSH623", 7, 1, "warning"),
        ("posts/c.yaml", "PSH621", 3, 12, "warning"),  # inside the quotes
    ]


@pytest.mark.parametrize(("severity", "exit_code"), [(None, 0), ("error", 1)])
def test_a_calendar_contradiction_blocks_a_post_only_where_the_project_says(
    project: Project, severity: str | None, exit_code: int
) -> None:
    """Warnings by default, as every content check; `[severity]` makes them errors."""
    project.draft("a.yaml", HEAD + "body: 新作は7/16(水)発売\n")
    if severity is not None:
        config = project.root / "pasha.toml"
        config.write_text(config.read_text("utf-8") + f'\n[severity]\nPSH620 = "{severity}"\n', "utf-8")
    code, report = project.validate()
    assert [(f["code"], f["severity"]) for f in report["findings"]] == [("PSH620", severity or "warning")]
    assert code == exit_code


def test_messages_name_the_date_and_the_weekday(project: Project) -> None:
    project.draft("a.yaml", HEAD + "body: 新作は7/16(水)発売、7/1(月)までの予約\n")
    project.draft("b.yaml", "account: paid\npublish_at: 2030-07-03 10:00\nbody: 7/1(月)まで\n")
    _, report = project.validate()
    messages = sorted(f["message"] for f in report["findings"] if f["code"].startswith("PSH62"))
    assert messages == [
        '"7/1(月)" in the body at line 1, column 1: 2030-07-01 is 2 days before publication on 2030-07-03',
        '"7/16(水)" in the body at line 1, column 4: 2030-07-16 is a Tue, not a Wed',
    ]


@pytest.mark.parametrize(
    ("status", "checked"), [("draft", True), ("ready", True), ("published", False), ("cancelled", False)]
)
def test_only_drafts_still_to_go_out_are_checked(project: Project, status: str, checked: bool) -> None:
    project.draft("a.yaml", HEAD + f"status: {status}\nbody: 新作は7/16(水)発売\n")
    assert bool(_dates(project)) == checked


def test_one_draft_gives_the_whole_runs_findings(project: Project) -> None:
    for name, body in [("a.yaml", "7/16(水)"), ("b.yaml", "7/20(土)〜7/16(火)"), ("c.yaml", "7/16(火)")]:
        project.draft(name, HEAD + f"body: {body}\n")
    whole = _dates(project)
    assert [row for row in whole if row[0] == "posts/a.yaml"] == _dates(project, str(project.root / "posts/a.yaml"))
    assert [row for row in whole if row[0] == "posts/b.yaml"] == _dates(project, str(project.root / "posts/b.yaml"))
    assert {row[0] for row in whole} == {"posts/a.yaml", "posts/b.yaml"}
