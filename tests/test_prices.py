"""The price rules (PSH610-PSH614): price claims in the body, the `price_basis:` record, the 8-week test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pasha_cli.project.terms import CONTENT_MAX_CHARS, shipped_terms
from pasha_cli.rules.prices import prices_in, recency
from tests import test_content
from tests.conftest import BASE_CONFIG, Project, run

NOW = "2030-03-01 12:00"
PUBLISH = "2030-04-16 10:00"  # the offer's first day, unless offer_from says otherwise
PRICE_TERMS = tuple(t for t in shipped_terms() if t.rule == "price")
CODES = ("PSH610", "PSH611", "PSH612", "PSH613", "PSH614")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


def draft(body: str, record: dict[str, object] | None = None, *, publish: str = PUBLISH, extra: str = "") -> str:
    lines = "".join(f"  {line}\n" for line in body.split("\n"))
    text = f"account: paid\npublish_at: {publish}\nbody: |\n{lines}"
    if record is not None:
        text += "price_basis:\n" + "".join(f"  {k}: {v}\n" for k, v in record.items())
    return text + extra


def findings(project: Project, now: str = NOW) -> list[tuple[str, str, str | None]]:
    """(code, field, message key words) of every price finding, in report order."""
    _, report = project.validate(now=now)
    return [(f["code"], f["field"], f["accepted"]) for f in report["findings"] if f["code"] in CODES]


def codes(project: Project, now: str = NOW) -> list[str]:
    return [code for code, _, _ in findings(project, now)]


# --- what is a price claim: a table of realistic posts -------------------------------------------

# (body, the claims as (term id, wording as written), the comparison prices the body names)
TABLE: list[tuple[str, list[tuple[str, str]], list[int]]] = [
    # claims: 16 posts
    ("春の新茶、通常価格3,980円のところ今だけ2,980円！", [("usual-price", "通常価格3,980円")], [3980]),
    (
        "【決算セール】ドリップバッグ30袋 3,980円→2,980円（税込）",
        [("price-pair", "3,980円→2,980円")],
        [3980],
    ),
    ("全品30%OFF！週末だけのタイムセールです。", [("discount-rate", "30%OFF")], []),
    ("保湿クリーム、今だけ３０％オフでお試しいただけます。", [("discount-rate", "３０％オフ")], []),
    ("缶コーヒー24本入りケースが2割引！", [("discount-rate", "2割引")], []),
    ("母の日ギフトは早割で1割引き。", [("discount-rate", "1割引き")], []),
    ("訳ありせんべい、半額セール開催中。", [("discount-rate", "半額")], []),
    ("アプリで使える50%OFFクーポンを配布中です。", [("discount-rate", "50%OFF")], []),
    (
        "メーカー希望小売価格 3,300円（税込）の美容液を、楽天市場店限定で2,640円でご提供。",
        [("maker-price", "メーカー希望小売価格 3,300円")],
        [3300],
    ),
    ("定価1,200円のところ、980円でお届けします。", [("list-price", "定価1,200円")], [1200]),
    (
        "当店通常価格：￥１，９８０ → 特価￥１，４８０",
        [("usual-price", "当店通常価格：￥１，９８０"), ("price-pair", "￥１，９８０ → 特価￥１，４８０")],
        [1980, 1980],
    ),
    ("3980→2980円、在庫限りのお値下げです。", [("price-pair", "3980→2980円")], [3980]),
    (
        "ボディソープ 通常 1,078円 → 858円",
        [("usual-price", "通常 1,078円"), ("price-pair", "1,078円 → 858円")],
        [1078, 1078],
    ),
    ("冷凍餃子が最大40%off、まとめ買いのチャンス。", [("discount-rate", "40%off")], []),
    ("税込3,980円→税込2,980円のお買い得品です。", [("price-pair", "3,980円→税込2,980円")], [3980]),
    ("シャンプー詰め替え、定価の半額でご奉仕。", [("discount-rate", "半額")], []),
    # clean: 16 posts
    ("定価販売を続けてきた老舗の味を、ぜひご家庭で。", [], []),
    ("定価1,200円の文庫サイズ手帳が新発売です。", [], []),
    ("受付時間を10→12時に変更しました。", [], []),
    ("レシピの分量を1→2人前に増やしました。", [], []),
    ("アプリをver2.1→2.2に更新してください。", [], []),
    ("原材料の高騰により、3,980円→4,280円に価格を改定いたします。", [], []),
    ("2本目は半額、まとめ買いがお得です。", [], []),
    ("送料半額キャンペーンは今月末まで。", [], []),
    ("半額以下の送料でお届けできる地域が増えました。", [], []),
    ("糖質50%オフのパスタで、ヘルシーなランチを。", [], []),
    ("カロリー30%オフのドレッシングが新登場。", [], []),
    ("メーカー希望小売価格はございません。オープン価格です。", [], []),
    ("通常価格でのご提供です。3,000円以上で送料無料。", [], []),
    ("新発売のハンドクリーム 1,650円（税込）。送料550円→無料のクーポンも。", [], []),
    ("定価1,200円、送料300円でお届けします。", [], []),  # a fee is no lower price offered
    ("セールの詳細は https://example.jp/sale/50%off/ をご覧ください。", [], []),  # inside a URL
]


def claims_of(text: str) -> tuple[list[tuple[str, str]], list[int]]:
    found = prices_in(text, PRICE_TERMS)
    return [(m.term.id, found.place(m)[0]) for m in found.claims], [c.amount for c in found.comparisons]


@pytest.mark.parametrize(("text", "claims", "compared"), TABLE, ids=[f"post-{n}" for n in range(len(TABLE))])
def test_realistic_posts_give_exactly_their_price_claims(
    text: str, claims: list[tuple[str, str]], compared: list[int]
) -> None:
    assert claims_of(text) == (claims, compared)


def test_the_table_is_large_and_half_clean() -> None:
    clean = [text for text, claims, _ in TABLE if not claims]
    assert len(TABLE) >= 24 and abs(len(clean) - len(TABLE) / 2) <= 1


@pytest.mark.parametrize("text", [text for text, _ in test_content.TABLE])
def test_the_claim_table_gives_no_price_claim(text: str) -> None:
    """The content rules' own table (test_content.TABLE): the price terms add nothing there."""
    assert claims_of(text) == ([], [])


def test_every_table_post_gives_exactly_one_finding_without_a_record(project: Project) -> None:
    for number, (text, _, _) in enumerate(TABLE):
        project.draft(f"p{number:02}.yaml", draft(text))
    _, report = project.validate()
    found = sorted((f["path"], f["code"]) for f in report["findings"] if f["code"] in CODES)
    expected = sorted((f"posts/p{n:02}.yaml", "PSH610") for n, (_, claims, _) in enumerate(TABLE) if claims)
    assert found == expected


# --- PSH610 --------------------------------------------------------------------------------------


def test_a_claim_without_a_record_is_found_at_its_wording(project: Project) -> None:
    project.draft("a.yaml", draft("春の新茶です。\n通常価格3,980円のところ2,980円\n30%OFF"))
    _, report = project.validate()
    (found,) = [f for f in report["findings"] if f["code"] == "PSH610"]
    assert (found["line"], found["column"], found["field"]) == (5, 3, "body")
    assert "通常価格3,980円" in found["message"] and "30%OFF" in found["message"]
    assert "不当な価格表示についての景品表示法上の考え方" in found["message"]


def test_a_record_of_the_wrong_type_is_only_the_schemas(project: Project) -> None:
    project.draft("a.yaml", draft("全品30%OFF", extra="price_basis: 3980\n"))
    _, report = project.validate()
    assert [f["code"] for f in report["findings"]] == ["PSH002"]


def test_cancelled_drafts_are_not_checked(project: Project) -> None:
    project.draft("a.yaml", draft("全品30%OFF", extra="status: cancelled\n"))
    assert codes(project) == []


def test_a_project_price_term_is_a_claim(tmp_path: Path) -> None:
    project = Project(tmp_path, BASE_CONFIG + '\n[content]\nterms = ["style/prices.toml"]\n')
    project.write(
        "style/prices.toml",
        '[[term]]\nid = "amount-off"\nrule = "price"\nlabel = "割引額"\npatterns = [\'[0-9]+円\\s?引き\']\n'
        'basis = "社内規程 (2030-01-01)"\nmatches = ["300円引き"]\nclean = ["300円です"]\n',
    )
    project.draft("a.yaml", draft("今だけ300円引き"))
    assert codes(project) == ["PSH610"]


def test_an_accepted_price_claim_is_shown_as_accepted(project: Project) -> None:
    project.draft("a.yaml", draft("全品30%OFF", extra="allow:\n  - {code: PSH610, reason: 法務確認済み 2030-03-01}\n"))
    assert findings(project) == [("PSH610", "body", "法務確認済み 2030-03-01")]


# --- PSH611 --------------------------------------------------------------------------------------

GOOD = {"compared_price": 3980, "sold_from": "2030-01-01", "sold_until": "2030-04-15"}
BODY = "通常価格3,980円のところ2,980円"


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (GOOD, []),
        ({"sold_from": "2030-01-01", "sold_until": "2030-04-15"}, [("PSH611", "price_basis")]),  # no price
        ({"compared_price": 3980}, [("PSH611", "price_basis")]),  # no period
        ({"compared_price": 3980, "sold_from": "2030-01-01"}, [("PSH611", "price_basis")]),
        ({**GOOD, "kind": "maker"}, [("PSH613", "body"), ("PSH611", "price_basis.sold_from")]),
        ({**GOOD, "sold_until": "2029-12-31"}, [("PSH611", "price_basis.sold_until")]),  # reversed
        ({**GOOD, "sold_until": "2030-04-16"}, []),  # up to the offer's first day
        ({**GOOD, "sold_until": "2030-04-17"}, [("PSH611", "price_basis.sold_until")]),  # into the offer
        ({**GOOD, "sold_until": "2030-04-30", "offer_from": "2030-05-01"}, []),  # the offer starts later
        ({**GOOD, "on_sale_from": "2030-01-01"}, []),
        ({**GOOD, "on_sale_from": "2030-01-02"}, [("PSH611", "price_basis.sold_from")]),  # sold before launch
    ],
)
def test_a_record_lacking_or_contradicting_a_field(
    project: Project, record: dict[str, object], expected: list[tuple[str, str]]
) -> None:
    project.draft("a.yaml", draft(BODY, record))
    assert [(c, f) for c, f, _ in findings(project)] == expected


def test_a_maker_price_needs_no_period(project: Project) -> None:
    project.draft("a.yaml", draft("メーカー希望小売価格3,980円を2,980円で", {"compared_price": 3980, "kind": "maker"}))
    assert codes(project) == []


# --- PSH612 and PSH613 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "price", "expected"),
    [
        (BODY, 3980, []),
        (BODY, 3979, ["PSH612"]),  # a yen off
        (BODY, 3981, ["PSH612"]),
        ("当店通常価格：￥３，９８０ → 特価￥２，９８０", 3980, []),  # full-width, ￥ and an arrow
        ("当店通常価格：￥３，９８０ → 特価￥２，９８０", 3981, ["PSH612"]),  # one finding for the one price
        ("全品30%OFF", 1, []),  # the body names no comparison price
        ("通常価格3,980円→2,980円、通常価格1,980円→1,480円", 3980, ["PSH612"]),  # the second price
    ],
)
def test_the_body_compares_with_the_recorded_price(
    project: Project, body: str, price: int, expected: list[str]
) -> None:
    project.draft("a.yaml", draft(body, {**GOOD, "compared_price": price}))
    assert codes(project) == expected


@pytest.mark.parametrize(
    ("body", "kind", "expected"),
    [
        ("通常価格3,980円のところ2,980円", "sold", []),
        ("通常価格3,980円のところ2,980円", "maker", ["PSH613"]),
        ("元値3,980円→2,980円", "maker", ["PSH613"]),
        ("メーカー希望小売価格3,980円のところ2,980円", "maker", []),
        ("メーカー希望小売価格3,980円のところ2,980円", "sold", ["PSH613"]),
        ("希望小売価格：税込¥3,980を¥2,980で", "sold", ["PSH613"]),
        ("定価3,980円のところ2,980円", "sold", []),  # 定価 fits either
        ("定価3,980円のところ2,980円", "maker", []),
        ("3,980円→2,980円", "maker", []),  # a bare pair names no kind
    ],
)
def test_the_wording_fits_the_kind_of_record(project: Project, body: str, kind: str, expected: list[str]) -> None:
    record: dict[str, object] = {"compared_price": 3980, "kind": kind}
    if kind == "sold":
        record = {**GOOD, "kind": "sold"}
    project.draft("a.yaml", draft(body, record))
    assert codes(project) == expected


# --- PSH614: the 8-week test at the boundaries ---------------------------------------------------


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        # the 8 weeks before 2030-04-16 are 2030-02-19 to 2030-04-15 (56 days): more than 28 needed
        ({"sold_from": "2030-03-18", "sold_until": "2030-04-15"}, []),  # 29 days
        ({"sold_from": "2030-03-19", "sold_until": "2030-04-15"}, ["majority"]),  # 28: exactly half
        ({"sold_from": "2030-03-20", "sold_until": "2030-04-15"}, ["majority"]),  # 27
        # goods on sale since 2030-04-02: 14 days judged, at least 14 in all needed
        ({"sold_from": "2030-04-02", "sold_until": "2030-04-15", "on_sale_from": "2030-04-02"}, []),  # 14
        ({"sold_from": "2030-04-03", "sold_until": "2030-04-15", "on_sale_from": "2030-04-02"}, ["short"]),  # 13
        # the last day at that price: 14 days before the offer at most
        ({"sold_from": "2030-01-01", "sold_until": "2030-04-02"}, []),  # 14 days before
        ({"sold_from": "2030-01-01", "sold_until": "2030-04-01"}, ["stale"]),  # 15
        # counted back from offer_from when the offer starts later than the post
        ({"sold_from": "2030-03-18", "sold_until": "2030-04-15", "offer_from": "2030-04-29"}, []),  # 14 before
        ({"sold_from": "2030-03-18", "sold_until": "2030-04-15", "offer_from": "2030-04-30"}, ["stale"]),  # 15
        # an offer from 2030-05-01: 2030-03-06 to 2030-04-30 judged
        ({"sold_from": "2030-03-20", "sold_until": "2030-04-30", "offer_from": "2030-05-01"}, []),  # 42 of 56
        ({"sold_from": "2030-04-05", "sold_until": "2030-04-30", "offer_from": "2030-05-01"}, ["majority"]),  # 26
        ({"sold_from": "2029-01-01", "sold_until": "2029-12-31"}, ["majority", "stale"]),  # long ago
    ],
)
def test_the_recent_price_test(project: Project, record: dict[str, str], expected: list[str]) -> None:
    project.draft("a.yaml", draft(BODY, {"compared_price": 3980, **record}))
    _, report = project.validate()
    words = {"majority": "not more than half", "short": "in all before", "stale": "last charged"}
    found = [f["message"] for f in report["findings"] if f["code"] == "PSH614"]
    assert [next(k for k, w in words.items() if w in m) for m in found] == expected
    assert all("価格表示ガイドライン" in m for m in found)


@pytest.mark.parametrize(
    ("first", "last", "offer", "launch", "figures"),
    [
        (date(2030, 3, 18), date(2030, 4, 15), date(2030, 4, 16), None, (56, 29, 29, 1)),
        (date(2030, 1, 1), date(2030, 4, 20), date(2030, 4, 16), None, (56, 56, 105, -4)),  # days after: not counted
        (date(2030, 4, 3), date(2030, 4, 15), date(2030, 4, 16), date(2030, 4, 2), (14, 13, 13, 1)),
        (date(2030, 5, 1), date(2030, 5, 5), date(2030, 4, 16), None, (56, 0, 0, -19)),  # all after the offer
    ],
)
def test_recency_figures(
    first: date, last: date, offer: date, launch: date | None, figures: tuple[int, int, int, int]
) -> None:
    assert tuple(recency(first, last, offer, launch)) == figures


def test_without_publish_at_the_offer_is_judged_today(project: Project) -> None:
    project.draft(
        "a.yaml",
        "account: paid\nbody: 通常価格3,980円のところ2,980円\nprice_basis:\n  compared_price: 3980\n"
        "  sold_from: 2030-01-01\n  sold_until: 2030-02-20\n",
    )
    _, report = project.validate(now="2030-03-01 12:00")
    assert [f["code"] for f in report["findings"] if f["code"] in CODES] == []  # 9 days before today
    _, report = project.validate(now="2030-03-10 12:00")
    assert [f["code"] for f in report["findings"] if f["code"] in CODES] == ["PSH614"]  # 18 days


# --- hostile inputs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "9" * 19_000 + "円→1円 通常価格" + "1" * 500 + "円",  # a price of thousands of digits is no price
        "3,980円→2,980円→" * 1_000,  # 2,000 arrows
        "→" * 2_000 + "1円",
        "通常価格" * 4_000 + "3,980円",
        "通常価格1円" * 3_000,  # thousands of comparison wordings and offers
        "定価9円、" * 4_000,
        "30%OFF" * 3_000,
        "9,999,999,999円→1円",  # beyond 9 digits
    ],
)
def test_hostile_bodies_are_read_in_bounds(project: Project, body: str) -> None:
    project.draft("a.yaml", 'account: paid\npublish_at: 2030-04-16 10:00\nbody: "' + body + '"\n')
    result = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW])
    assert result.exit_code in (0, 1), result.output
    found = prices_in(body, PRICE_TERMS)
    assert len(body) > CONTENT_MAX_CHARS or all(c.amount < 10**9 for c in found.comparisons)


def test_a_price_of_900000_digits_is_read_in_bounds(project: Project) -> None:
    """The file is under the 1 MB limit; the body is too long (PSH101) and only its head is read."""
    project.draft("a.yaml", draft("9" * 900_000 + "円→1円\n通常価格3,980円→2,980円"))
    code, report = project.validate()
    assert code == 1 and [f["code"] for f in report["findings"]] == ["PSH101"]


@pytest.mark.parametrize(
    "value",
    ["-3980", "0", "true", "3980.5", "'3980'", "1" + "0" * 4000, "[1, 2]", "{a: 1}"],
    ids=["negative", "zero", "bool", "float", "text", "4001-digits", "list", "mapping"],
)
def test_hostile_compared_prices_are_the_schemas(project: Project, value: str) -> None:
    project.draft("a.yaml", draft(BODY, {**GOOD, "compared_price": value}))
    code, report = project.validate()
    assert code == 1
    assert [f["code"] for f in report["findings"]] == ["PSH002"]  # and no price finding guessed from it


def test_terminal_escapes_in_values_are_shown_escaped(project: Project) -> None:
    project.draft(
        "a.yaml",
        draft(
            "通常価格3,980円\x1b[31mのところ2,980円",
            {
                "compared_price": 3979,
                "sold_from": '"2030-03-01\\x1b[2J"',
                "sold_until": "2030-04-15",
                "store": '"\\x1b]0;x\\x07"',
            },
        ).replace(
            "body: |\n  通常価格3,980円\x1b[31mのところ2,980円\n", 'body: "通常価格3,980円\\x1b[31mのところ2,980円"\n'
        ),
    )
    result = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "PSH612" in result.output and "PSH002" in result.output


def test_an_unknown_field_in_the_record_is_a_schema_error(project: Project) -> None:
    project.draft("a.yaml", draft(BODY, {**GOOD, "compared_prise": 3980}))
    _, report = project.validate()
    assert [f["code"] for f in report["findings"]] == ["PSH002"]
