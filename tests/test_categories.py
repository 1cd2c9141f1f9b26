"""Product-category expression lists (PSH650-PSH653): the shipped entries and their examples, known
false positives, a table of realistic posts per category, the opt-in (an account's category, a draft's
override, nothing loaded without one), a project's own lists, `allow`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pasha_cli import model
from pasha_cli.project import terms
from pasha_cli.project.terms import (
    CATEGORY_RULES,
    ContentSettings,
    Term,
    hints_cover,
    normalise,
    shipped_category_terms,
    shipped_terms,
    term_problem,
)
from pasha_cli.rules import RULES_BY_CODE
from pasha_cli.rules.categories import MAX_FINDINGS, category_matches
from tests.conftest import Project, run
from tests.test_content import TABLE as CLAIMS_TABLE

NOW = "2030-03-01 12:00"
ENTRIES = shipped_category_terms()
CATEGORIES = tuple(c for c in model.CATEGORIES if c != model.GENERAL)
CODES = {"efficacy": "PSH650", "maximal": "PSH651", "medicinal": "PSH652", "function": "PSH653"}
CONFIG = """\
drafts = ["posts/**/*.yaml", "posts/**/*.md"]
maintenance_known_until = 2199-12-31

[accounts.cosme]
plan = "paid"
category = "cosmetics"

[accounts.health]
plan = "paid"
category = "health_food"

[accounts.plain]
plan = "paid"
"""


def draft(account: str, body: str, *extra: str, publish: str = "2030-04-16 10:00") -> str:
    lines = "".join(f"  {line}\n" for line in body.split("\n"))
    return f"account: {account}\npublish_at: {publish}\nbody: |\n{lines}" + "".join(f"{e}\n" for e in extra)


def findings(project: Project, *args: str) -> list[tuple[str, int, int, str, str | None]]:
    """(code, line, column, field, accepted) of every finding of the category rules."""
    _, report = project.validate(*args, now=NOW)
    return [
        (f["code"], f["line"], f["column"], f["field"], f["accepted"])
        for f in report["findings"]
        if "PSH650" <= f["code"] <= "PSH659"
    ]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path, CONFIG)


# --- the shipped lists ---------------------------------------------------------------------------


@pytest.mark.parametrize("term", ENTRIES, ids=[t.id for t in ENTRIES])
def test_every_entry_matches_its_examples_and_names_its_basis_and_review(term: Term) -> None:
    assert term_problem(term) is None  # compiles, quick on hostile texts, its examples agree
    assert term.basis and term.matches and term.clean
    assert term.rule in CATEGORY_RULES and term.categories and set(term.categories) <= set(CATEGORIES)
    assert len(term.reviewed) == 10 and term.reviewed[4] == "-"  # YYYY-MM-DD
    assert "（" in term.basis and ("号" in term.basis or "法第" in term.basis)  # a document, its number or article


@pytest.mark.parametrize("term", ENTRIES, ids=[t.id for t in ENTRIES])
def test_every_entry_hint_is_held_by_every_match(term: Term) -> None:
    for pattern in term.patterns:
        assert hints_cover(pattern, term.hint), pattern


def test_ids_are_unique_across_the_claim_and_category_lists() -> None:
    ids = [t.id for t in (*shipped_terms(), *ENTRIES)]
    assert len(ids) == len(set(ids))


def test_every_category_has_a_list_and_every_rule_has_entries() -> None:
    settings = ContentSettings()
    for category in CATEGORIES:
        assert settings.category_terms(category)
    assert {t.rule for t in ENTRIES} == set(CATEGORY_RULES)
    assert settings.category_terms(model.GENERAL) == ()


# Wording a caution, a permitted efficacy or an ordinary food text: no category may flag it.
KNOWN_CLEAN = [
    "治療中の方は医師にご相談ください。",
    "妊娠中・授乳中の方は、医師にご相談のうえお召し上がりください。",
    "妊娠中・授乳中の方はご使用をお控えください。",
    "お肌に合わないときはご使用をおやめください。",
    "シミ・そばかすを防ぐ",  # 化粧品の効能の範囲 (37): 日やけによるシミ、ソバカスを防ぐ
    "日やけによるシミ・そばかすを防ぐ",
    "乾燥による小じわを目立たなくする",  # item (56), approved with its test
    "疲れた日のご褒美に",
    "脂肪分ひかえめ",
    "糖尿病の治療を受けている方は、医師にご相談ください。",
    "アトピー性皮膚炎の方は、医師にご相談のうえお使いください。",
    "お肌に異常があらわれたときは、皮膚科専門医等にご相談ください。",
    "ご使用前に必ずお読みください。",
    "桜の葉の塩漬けをほんのり効かせたラテ",
]


def category_hits(category: str, text: str) -> list[tuple[str, str]]:
    """(term id, wording as written) of what the category rules find in a text, in order."""
    folded = normalise(text)
    hits, slow = category_matches(ContentSettings().category_terms(category), folded.text)
    assert slow == []
    found = sorted((m for kind in CATEGORY_RULES for m in hits[kind]), key=lambda m: (m.start, -m.end))
    return [(m.term.id, text[slice(*folded.span(m.start, m.end))]) for m in found]


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize("text", KNOWN_CLEAN)
def test_known_false_positives_give_nothing_in_any_category(category: str, text: str) -> None:
    assert category_hits(category, text) == []


# --- a table of realistic posts, each under its category: exactly which wording each flags ------------

POSTS = [
    # cosmetics: 6 clean, 6 flagged
    ("cosmetics", "乾燥による小じわを目立たなくする※1美容液が新登場。\n※1 効能評価試験済み", []),
    ("cosmetics", "日やけによるシミ・そばかすを防ぐUVミルク。汗や水に強いウォータープルーフ処方です。", []),
    ("cosmetics", "お肌に合わないときはご使用をおやめください。詰め替え用も発売中です。", []),
    ("cosmetics", "キメを整えて、うるおいを与える化粧水。角質層まで浸透します。", []),
    ("cosmetics", "香りにより毛髪の不快臭を抑えるヘアミスト。クシどおりもなめらかに。", []),
    ("cosmetics", "最高の笑顔になれる、春の新色リップ。", []),
    ("cosmetics", "塗るだけでシミが消える！話題の美容液", [("cosme-spots-vanish", "シミが消え")]),
    ("cosmetics", "皮膚科医も推薦する、敏感肌のための保湿クリーム。", [("cosme-endorsement", "皮膚科医も推薦")]),
    ("cosmetics", "ニキビが治る洗顔フォームで、すっきり毎日。", [("cosme-acne-cure", "ニキビが治る")]),
    (
        "cosmetics",
        "細胞から若返る、最先端のエイジングケア。",
        [("cosme-cell", "細胞から"), ("cosme-rejuvenate", "若返"), ("cosme-maximal", "最先端")],
    ),
    ("cosmetics", "副作用なしで安心、天然成分100%のオールインワンジェル", [("cosme-safety", "副作用なし")]),
    (
        "cosmetics",
        "1週間でシワが消える、と話題のアイクリーム",  # the speed (PSH651) and the efficacy (PSH650): two checks
        [("cosme-speed", "1週間でシワが消え"), ("cosme-wrinkles-vanish", "シワが消え")],
    ),
    # quasi-drugs: an approved efficacy (美白, 育毛) is not flagged for them; cures and diseases are
    ("quasi_drug", "薬用美白※美容液。\n※メラニンの生成を抑え、シミ・そばかすを防ぐ", []),
    ("quasi_drug", "薬用育毛剤で、抜け毛を予防。", []),
    ("quasi_drug", "アトピーにも使える薬用クリーム", [("cosme-disease", "アトピー")]),
    ("quasi_drug", "即効でニキビを治す薬用ジェル", [("cosme-speed", "即効"), ("cosme-acne-cure", "ニキビを治す")]),
    # health foods: 4 clean, 4 flagged
    ("health_food", "1日2粒を目安に、水またはぬるま湯でお召し上がりください。", []),
    ("health_food", "妊娠中・授乳中の方、治療中の方は医師にご相談ください。", []),
    ("health_food", "国産大麦若葉100%の青汁。ほんのり甘く飲みやすい味です。", []),
    ("health_food", "カルシウムは、骨や歯の形成に必要な栄養素です。（栄養機能食品）", []),
    (
        "health_food",
        "機能性表示食品 届出番号A123\nGABAには血圧が高めの方の血圧を下げる機能があることが報告されています。",
        [("food-markers", "血圧が高め"), ("food-markers", "血圧を下げ")],
    ),
    ("health_food", "飲むだけで痩せる！脂肪燃焼サプリ", [("food-weight", "痩せる"), ("food-weight", "脂肪燃焼")]),
    ("health_food", "糖尿病が気になる方に、毎日の青汁習慣を。", [("food-disease", "糖尿病")]),
    (
        "health_food",
        "免疫力アップで風邪に負けない体づくり",
        [("food-immunity", "免疫力アップ"), ("food-symptom", "風邪に負けな")],
    ),
    ("health_food", "特定保健用食品\n食後の血糖値の上昇をおだやかにします。", [("food-markers", "血糖値の上昇を")]),
    # foods and drinks: 8 clean, 7 flagged
    ("food", "脂肪分ひかえめのヨーグルトに、国産いちごのソースを添えて。", []),
    ("food", "疲れた日のご褒美に、濃厚チョコレートケーキはいかが？", []),
    ("food", "ピリッと山椒を効かせた麻婆豆腐の素、新発売。", []),
    ("food", "冷えたビールによく合う、やみつき手羽先。", []),
    ("food", "朝食にぴったりのグラノーラ。食物繊維たっぷりです。", []),
    ("food", "カフェインゼロの麦茶。寝る前にもどうぞ。", []),
    ("food", "炭酸水で割ってもおいしい、果汁100%のりんごジュース", []),
    ("food", "がんばるあなたに、ガツンと甘いカフェオレを。", []),
    ("food", "便秘解消にはこのヨーグルト！", [("food-symptom", "便秘解消")]),
    ("food", "血液サラサラ効果の黒酢ドリンク", [("food-blood-detox", "血液サラサラ")]),
    ("food", "がんに効くと評判のきのこスープ", [("food-cancer", "がんに効")]),
    ("food", "毎朝の一杯で疲労回復。はちみつレモン", [("food-fatigue", "疲労回復")]),
    ("food", "デトックスウォーターで体の中からキレイに", [("food-blood-detox", "デトックス")]),
    ("food", "ぐっすり眠れる夜に、ノンカフェインのハーブティー", [("food-other-function", "ぐっすり眠")]),
    ("food", "お腹の調子を整える乳酸菌飲料です。", [("food-gut", "お腹の調子を整え")]),
    # a first held-out set (benchmarks/categories_holdout.py: 0 of 13 clean flagged, 10 of 13 missed),
    # moved here once the lists were tuned on it
    ("cosmetics", "頭皮、毛髪を清浄にするシャンプー。ノンシリコンで指どおりさらさら。", []),
    ("cosmetics", "皮膚の乾燥を防ぐボディミルク。お風呂上がりにどうぞ。", []),
    ("cosmetics", "口唇の荒れを防ぐリップクリーム、限定の桜の香り。", []),
    ("cosmetics", "メイクの上から使えるミスト化粧水で、日中も肌にうるおいを。", []),
    ("cosmetics", "新色のアイシャドウは、まぶたに透明感をプラスするシアーカラー。", []),
    (
        "cosmetics",
        "夜のお手入れに、ひと塗りでハリ肌を実感できるクリーム。",
        [("cosme-speed", "ひと塗りでハリ肌を実感")],
    ),
    (
        "cosmetics",
        "たった3日でくすみが消えて、明るい肌へ。",
        [("cosme-speed", "3日でくすみが消え"), ("cosme-spots-vanish", "くすみが消え")],
    ),
    ("cosmetics", "毛穴の黒ずみが完全になくなる、話題の角栓ケア。", [("cosme-spots-vanish", "黒ずみが完全になくな")]),
    ("cosmetics", "敏感肌でも絶対に荒れない、やさしい処方です。", [("cosme-guarantee", "絶対に荒れな")]),
    ("cosmetics", "美容皮膚科の先生も愛用している美容液。", [("cosme-endorsement", "皮膚科の先生も愛用")]),
    ("quasi_drug", "薬用ハンドクリームで、ひび・あかぎれを防ぎます。", []),
    ("quasi_drug", "肌荒れを完治させる薬用ローション", [("cosme-acne-cure", "肌荒れを完治")]),
    ("health_food", "1日3粒で、毎日の健康を応援します。", []),
    ("health_food", "原材料に乳成分を含みます。アレルギーのある方はご注意ください。", []),
    ("health_food", "国産しょうがを使った、体がぽかぽか温まるスープの素。", []),
    ("health_food", "関節痛がなくなったと喜びの声が続々！", [("food-symptom", "関節痛がなくな")]),
    ("health_food", "ブルーベリーで目の疲れすっきり", [("food-other-function", "目の疲れ")]),
    ("health_food", "肝臓の数値が改善した、とリピーター多数。", [("food-markers", "肝臓の数値が改善")]),
    ("food", "ほっと一息、やさしい甘さのミルクティー。", []),
    ("food", "低カロリーなこんにゃくゼリー、ぶどう味が新登場。", []),
    ("food", "鉄分たっぷりのプルーンで、毎朝の元気を。", []),
    ("food", "揚げたてのコロッケを、冷めてもおいしいように工夫しました。", []),
    ("food", "この黒豆茶で血圧が下がったというお声をいただきました。", [("food-markers", "血圧が下が")]),
    ("food", "飲む点滴と呼ばれる甘酒で、夏バテ予防。", [("food-cure", "飲む点滴"), ("food-symptom", "夏バテ予防")]),
    ("food", "ウコンの力で二日酔い知らず！", [("food-symptom", "二日酔い知らず")]),
    ("food", "毎日のお通じに悩む方へ、食物繊維たっぷりのシリアル。", [("food-gut", "お通じに悩")]),
]


@pytest.mark.parametrize(("category", "text", "expected"), POSTS, ids=[f"post-{n}" for n in range(len(POSTS))])
def test_realistic_posts_give_exactly_their_findings(category: str, text: str, expected: list[object]) -> None:
    assert category_hits(category, text) == expected


def test_the_table_is_large_and_half_clean_and_covers_every_category() -> None:
    clean = [text for _, text, expected in POSTS if not expected]
    assert len(POSTS) >= 30 and abs(len(clean) - len(POSTS) / 2) <= 1
    assert {category for category, _, _ in POSTS} == set(CATEGORIES)
    found = {term_id for _, _, expected in POSTS for term_id, _ in expected}
    assert {t.rule for t in ENTRIES if t.id in found} == set(CATEGORY_RULES)


# The claims table of tests/test_content.py (foods, drinks, cosmetics, with and without claims) under every
# category: what each category adds there. 最強の保湿力 is a 最大級 expression of a cosmetic's efficacy
# (PSH651) besides a claim that needs a record (PSH601); nothing else in it is category wording.
ADDED_TO_CLAIMS_TABLE = {
    "cosmetics": [("最強の保湿力で、朝までしっとり。", "cosme-maximal", "最強")],
    "quasi_drug": [("最強の保湿力で、朝までしっとり。", "cosme-maximal", "最強")],
    "health_food": [],
    "food": [],
}


@pytest.mark.parametrize("category", CATEGORIES)
def test_the_claims_table_under_every_category(category: str) -> None:
    added = [(text, term_id, wording) for text, _ in CLAIMS_TABLE for term_id, wording in category_hits(category, text)]
    assert added == ADDED_TO_CLAIMS_TABLE[category]


# --- through a project: opt-in, override, positions, allow ----------------------------------------


def test_a_finding_is_at_its_wording_with_its_basis(project: Project) -> None:
    project.draft("a.yaml", draft("cosme", "春の新作です。\n塗るだけでシミが消える美容液"))
    _, report = project.validate()
    (found,) = [f for f in report["findings"] if f["code"] == "PSH650"]
    assert (found["line"], found["column"], found["field"], found["severity"]) == (5, 8, "body", "warning")
    assert "シミが消え" in found["message"] and "薬食発0721第1号" in found["message"]
    assert "cosmetics" in found["message"]


@pytest.mark.parametrize(
    ("account", "override", "expected"),
    [
        ("cosme", None, ["PSH650"]),  # the account's category
        ("plain", None, []),  # no category: nothing
        ("plain", "cosmetics", ["PSH650"]),  # the draft declares one
        ("cosme", "general", []),  # the draft opts out
        ("cosme", "health_food", ["PSH652"]),  # the draft's category replaces the account's
        ("health", "quasi_drug", ["PSH650"]),
        ("cosme", "perfume", ["PSH650"]),  # not a category: PSH002's, and the account's is used
    ],
)
def test_the_category_of_an_account_and_a_drafts_override(
    project: Project, account: str, override: str | None, expected: list[str]
) -> None:
    extra = (f"category: {override}",) if override else ()
    project.draft("a.yaml", draft(account, "肌が再生する、と評判。高血圧が改善", *extra))
    assert [code for code, *_ in findings(project)] == expected
    _, report = project.validate()
    assert any(f["code"] == "PSH002" for f in report["findings"]) == (override == "perfume")


def test_a_project_without_categories_reads_and_compiles_no_category_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled: list[Term] = []
    real = terms._compiled
    monkeypatch.setattr(terms, "_compiled", lambda term: compiled.append(term) or real(term))
    shipped_category_terms.cache_clear()
    project = Project(tmp_path, CONFIG)
    project.draft("a.yaml", draft("plain", "シミが消える。高血圧が改善。売上No.1"))
    _, report = project.validate(now=NOW)
    assert {f["code"] for f in report["findings"]} == {"PSH601"}  # the claim rules ran on the body
    assert shipped_category_terms.cache_info().currsize == 0  # the category file was never read
    assert compiled and not [t for t in compiled if t.categories]  # claim terms compiled, no category term
    project.draft("b.yaml", draft("cosme", "シミが消える", publish="2030-05-14 10:00"))
    project.validate(now=NOW)
    assert shipped_category_terms.cache_info().currsize == 1
    hinted = {t.id for t in compiled if t.categories}  # only the terms whose hint characters the body holds
    assert "cosme-spots-vanish" in hinted and "cosme-endorsement" not in hinted


def test_an_accepted_category_finding_fails_no_run(project: Project) -> None:
    allow = "allow:\n  - {code: PSH653, reason: '機能性表示食品 届出番号A123 と照合済み 2030-02-20'}"
    project.draft("a.yaml", draft("health", "血圧が高めの方に", allow))
    code, _ = project.validate("--strict")
    assert code == 0
    assert findings(project) == [("PSH653", 4, 3, "body", "機能性表示食品 届出番号A123 と照合済み 2030-02-20")]


def test_an_allow_of_a_category_code_with_nothing_to_accept_is_stale(project: Project) -> None:
    project.draft("a.yaml", draft("plain", "春の新作です。", "allow:\n  - {code: PSH650, reason: 確認済み}"))
    _, report = project.validate()
    assert [f["code"] for f in report["findings"]] == ["PSH690"]


def test_every_category_rule_is_a_warning_that_says_no_finding_is_not_lawful() -> None:
    for code in CODES.values():
        rule = RULES_BY_CODE[code]
        assert rule.severity == model.Severity.WARNING
        assert "No findings does not mean the copy is lawful" in rule.why.en and "意味しません" in rule.why.ja


@pytest.mark.parametrize("rule_name", CATEGORY_RULES)
def test_every_rule_has_its_finding_in_a_draft(project: Project, rule_name: str) -> None:
    entry = next(t for t in ENTRIES if t.rule == rule_name)
    account = "cosme" if "cosmetics" in entry.categories else "health"
    project.draft("a.yaml", draft(account, entry.matches[0]))
    assert [code for code, *_ in findings(project)] == [CODES[rule_name]]


def test_a_cancelled_or_bodyless_draft_is_read_as_the_claim_rules_read_it(project: Project) -> None:
    project.draft("a.yaml", "account: cosme\npublish_at: 2030-04-16 10:00\nbody: ''\n")
    assert findings(project) == []


def test_a_huge_body_is_bounded(project: Project) -> None:
    project.draft("a.yaml", draft("cosme", "シミが消える 最強 " * 20_000))
    _, report = project.validate()
    codes = [f["code"] for f in report["findings"]]
    assert codes.count("PSH650") == MAX_FINDINGS and codes.count("PSH651") == MAX_FINDINGS


# --- a project's own lists -----------------------------------------------------------------------

OWN = """\
[[term]]
id = "kampo"
rule = "medicinal"
categories = ["health_food", "food"]
label = "漢方"
patterns = ['漢方']
basis = "社内表記基準 2030-01（46通知 別紙）"
reviewed = "2030-01-15"
matches = ["漢方の力で"]
clean = ["和風だしの力で"]
"""


def test_a_project_adds_its_own_category_list_and_disables_a_shipped_entry(tmp_path: Path) -> None:
    config = CONFIG + '\n[content]\nterms = ["style/food.toml"]\ndisable = ["food-weight"]\n'
    project = Project(tmp_path, config)
    project.write("style/food.toml", OWN)
    project.draft("a.yaml", draft("health", "漢方の力で脂肪燃焼、疲労回復"))
    _, report = project.validate()
    words = [(f["code"], f["message"].split('"')[1]) for f in report["findings"] if f["code"] >= "PSH65"]
    assert words == [("PSH652", "漢方"), ("PSH652", "疲労回復")]  # 脂肪燃焼: its entry disabled
    project.draft("b.yaml", draft("cosme", "漢方の力で", publish="2030-05-14 10:00"))
    _, report = project.validate()
    assert not [f for f in report["findings"] if f["path"] == "posts/b.yaml" and f["code"] >= "PSH65"]


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda s: s.replace('rule = "medicinal"\n', ""), "rule"),  # categories need a category rule
        (lambda s: s.replace('categories = ["health_food", "food"]\n', ""), "categories"),
        (lambda s: s.replace('["health_food", "food"]', '["general"]'), "general"),
        (lambda s: s.replace('rule = "medicinal"', 'rule = "claim"'), "claim"),
        (lambda s: s.replace('"2030-01-15"', "2030-01-15"), "reviewed"),
    ],
)
def test_a_bad_category_entry_is_a_config_error(tmp_path: Path, change: object, said: str) -> None:
    project = Project(tmp_path, CONFIG + '\n[content]\nterms = ["style/food.toml"]\n')
    project.write("style/food.toml", change(OWN))  # type: ignore[operator]
    result = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW])
    assert result.exit_code == 2 and "pasha.toml:" in result.output and said in result.output


def test_a_disabled_id_of_the_category_list_is_known(tmp_path: Path) -> None:
    project = Project(tmp_path, CONFIG + '\n[content]\ndisable = ["cosme-maximal", "number-one"]\n')
    project.draft("a.yaml", draft("cosme", "最強のNo.1美容液"))
    _, report = project.validate()
    assert [f["code"] for f in report["findings"]] == ["PSH601"]  # 最強: its claim term; cosme-maximal is off


def test_a_bad_category_in_the_config_is_a_config_error(tmp_path: Path) -> None:
    project = Project(tmp_path, CONFIG.replace('category = "cosmetics"', 'category = "perfume"'))
    result = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW])
    assert result.exit_code == 2 and "pasha.toml:6" in result.output and "perfume" in result.output


def test_the_category_list_is_kept_in_the_cache_and_a_broken_copy_is_read_past() -> None:
    import os

    shipped_category_terms.cache_clear()
    first = shipped_category_terms()
    kept = list(Path(os.environ["PASHA_CACHE_DIR"]).glob("categories-*.json"))
    assert len(kept) == 1
    kept[0].write_bytes(b'[{"id": "x", "patterns": "y"}]')
    shipped_category_terms.cache_clear()
    assert shipped_category_terms() == first


def test_the_schemas_describe_the_category_for_editors() -> None:
    repo = Path(__file__).resolve().parents[1]
    post = json.loads((repo / "schemas" / "post.schema.json").read_text("utf-8"))["properties"]["category"]
    config = json.loads((repo / "schemas" / "config.schema.json").read_text("utf-8"))
    account = config["properties"]["accounts"]["additionalProperties"]["properties"]["category"]
    for field in (post, account):
        assert field["enum"] == list(model.CATEGORIES) and "PSH650" in field["description"]
