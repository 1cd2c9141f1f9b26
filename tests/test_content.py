"""The content rules (PSH6xx): the term list and its examples, claims and their evidence, `allow`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pasha_cli.project.terms import (
    CONTENT_MAX_CHARS,
    compile_terms,
    hints_cover,
    normalise,
    shipped_terms,
    term_problem,
)
from pasha_cli.rules import ALL_RULES
from pasha_cli.rules.content import MAX_CLAIMS, add_months, period_end
from tests.conftest import BASE_CONFIG, Project, run

REPO = Path(__file__).resolve().parents[1]
NOW = "2030-03-01 12:00"
TERMS = shipped_terms()


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


def draft(body: str, *extra: str, publish: str = "2030-04-16 10:00") -> str:
    lines = "".join(f"  {line}\n" for line in body.split("\n"))
    return f"account: paid\npublish_at: {publish}\nbody: |\n{lines}" + "".join(f"{e}\n" for e in extra)


RECORD = (
    "evidence:\n  - claim: 売上No.1\n    source: 楽天ランキング\n    method: インターネット調査\n"
    "    respondents: 1000\n    period: 2030-01\n    by: 調査会社\n    marker: '*'"
)


def findings(project: Project, *args: str, now: str = NOW) -> list[tuple[str, int, str, str | None]]:
    """(code, line, field, accepted) of every finding of the content rules."""
    _, report = project.validate(*args, now=now)
    return [(f["code"], f["line"], f["field"], f["accepted"]) for f in report["findings"] if f["code"] >= "PSH6"]


# --- the term list -------------------------------------------------------------------------------


@pytest.mark.parametrize("term", TERMS, ids=[t.id for t in TERMS])
def test_every_shipped_term_matches_its_examples_and_names_its_basis(term: object) -> None:
    assert term_problem(term) is None  # type: ignore[arg-type]  # compiles, is quick on hostile texts, examples agree
    assert term.basis and term.matches and term.clean  # type: ignore[attr-defined]


def test_shipped_ids_are_unique_and_the_file_is_dated() -> None:
    ids = [t.id for t in TERMS]
    assert len(ids) == len(set(ids))
    assert all("(" in t.basis and "-" in t.basis for t in TERMS)  # every basis names a dated document


@pytest.mark.parametrize(
    ("text", "normal", "span", "original"),
    [
        ("ＮＯ．１です", "no.1です", (0, 4), "ＮＯ．１"),
        ("ｶﾞﾗﾅ No.1", "ガラナ no.1", (0, 1), "ｶﾞ"),  # a half-width voiced kana is one character, both kept
        ("№1", "no1", (0, 3), "№1"),
        ("ｎｏ1\n日本一", "no1\n日本一", (4, 7), "日本一"),
    ],
)
def test_normalised_text_maps_back_to_the_body(text: str, normal: str, span: tuple[int, int], original: str) -> None:
    folded = normalise(text)
    assert folded.text == normal
    start, end = folded.span(*span)
    assert text[start:end] == original


# --- a table of realistic posts: exactly which claims each gives -----------------------------------

TABLE = [
    # clean: 19 posts
    ("春限定のさくらラテが新登場。ほんのり甘い香りをお楽しみください。", []),
    ("明日の最高気温は30度の予報。冷たいアイスコーヒーはいかがですか。", []),
    ("日本一周の旅のおともに、持ち運びやすいドリップバッグをどうぞ。", []),
    ("ナンバーワンを目指して、毎朝ていねいに焙煎しています。", []),
    ("新作ポテトチップス うすしお味、全国のコンビニで発売中です。", []),
    ("ブレンドNo.12は深煎りのほろ苦さが特徴です。", []),
    ("最高の笑顔でお待ちしています！週末は店頭で試飲会を開催します。", []),
    ("一番茶だけを使った新茶を、4月20日から販売します。", []),
    ("保湿クリームの詰め替え用が出ました。ボトルに移してお使いください。", []),
    ("200円OFFクーポンを配布中です。詳しくは https://item.rakuten.co.jp/shop/no1/ から。", []),
    ("満足度アンケートにご協力いただいた方に、次回使えるクーポンを差し上げます。", []),
    ("業界一丸となって、フードロス削減に取り組んでいます。", []),
    ("はじめての方へ：お試しセットは送料無料です。", []),
    ("朝一番に焼き上げたクッキーを、その日のうちにお届けします。", []),
    ("3個入りのミニサイズは、ちょっとした差し入れにぴったり。", []),
    ("世界一周クルーズが当たるキャンペーンの応募は今月末まで。", []),
    ("ご満足いただけるよう、品質管理を徹底しています。", []),
    ("第12回 新茶まつりを開催します。", []),
    ("100%オーガニックのコットンを使用したフェイスタオルです。", []),
    # claims: 19 posts
    ("売上No.1のブレンドを、期間限定でお得に。", [("number-one", "No.1")]),
    ("楽天ランキング1位獲得！人気のドリップバッグ", [("ranking-first", "ランキング1位")]),
    ("日本一売れているせんべいです。", [("first-in-class", "日本一")]),
    ("世界初の製法で仕上げた、なめらかな口どけ。", [("first-ever", "世界初")]),
    ("ネット最安値でご提供します。", [("cheapest", "最安")]),
    ("最高級のアラビカ豆を100%使用。", [("superlative", "最高級")]),
    ("満足度98%の保湿クリーム、ついに新登場。", [("satisfaction", "満足度98%")]),
    ("92%の方がリピートしています。", [("satisfaction", "92%の方がリピート")]),
    ("当店比1.5倍の大容量パックです。", [("comparison", "当店比")]),
    ("シリーズ累計500万個突破！ありがとうございます。", [("sales-figure", "累計500万個")]),
    ("モンドセレクション金賞受賞のビール。", [("award", "金賞受賞")]),
    ("ＮＯ．１の実力、お試しください。", [("number-one", "ＮＯ．１")]),
    ("ｶﾞﾗﾅ味が人気ランキング第１位に！", [("ranking-first", "ランキング第１位")]),
    ("最強の保湿力で、朝までしっとり。", [("superlative", "最強")]),
    ("業界初！詰め替えできる紙パックのシャンプー。", [("first-ever", "業界初")]),
    ("国内シェア35%の定番ソース。", [("ranking-first", "シェア35%")]),
    ("いちばん売れているお茶を、今だけ2本セットで。", [("superlative", "いちばん売れ")]),
    ("No.1コーヒーと最高のパンを一緒に。", [("number-one", "No.1"), ("superlative", "最高")]),
    ("満足度ＮＯ．１！", [("satisfaction", "満足度ＮＯ．１")]),
    # a first held-out set (benchmarks/content_holdout.py), moved here once the terms were tuned on it
    ("夏季限定のレモンスカッシュ、今年も始まりました。", []),
    ("ひんやり冷やしておいしい、水出し緑茶のティーバッグです。", []),
    ("第1弾は抹茶味、第2弾はほうじ茶味を予定しています。", []),
    ("2本目は半額、まとめ買いがお得です。", []),
    ("カロリー50%カットのスナックで、罪悪感なくおやつタイム。", []),
    ("1位から10位まで、スタッフが選んだおすすめをご紹介。", []),
    ("今日の最高の一杯は、浅煎りのエチオピアです。", [("superlative", "最高")]),  # about the goods: flagged
    ("No.5の香りに近い、フローラル系のハンドクリームです。", []),
    ("世界中のコーヒー好きに届けたい、という思いで始めたお店です。", []),
    ("最新のレシピは公式サイトで公開中です。", []),
    ("限定100個、お一人さま1個までとさせていただきます。", []),
    ("初回限定のお試しセットをご用意しました。", []),
    ("楽天ランキングで1位になりました！ありがとうございます。", [("ranking-first", "ランキングで1位")]),
    ("業界No.1の品質を、毎日の食卓に。", [("number-one", "No.1")]),
    ("満足度95.2%の美容液、定期便なら送料無料。", [("satisfaction", "満足度95.2%")]),
    ("日本で一番売れているカップスープです。", [("superlative", "一番売れ")]),
    ("世界で初めて、紙ストローの量産に成功。", [("first-ever", "世界で初めて")]),
    ("他社製品より20%多く入っています。", [("comparison", "他社製品より")]),
    ("累計出荷数3億本のロングセラー。", [("sales-figure", "累計出荷数3億本")]),
    ("最安値保証！他店より高ければご相談ください。", [("cheapest", "最安"), ("comparison", "他店より")]),
    ("ナンバーワン人気のチーズケーキ、数量限定で再販します。", [("number-one", "ナンバーワン")]),
    ("顧客満足度No.1*に選ばれました。", [("satisfaction", "満足度No.1")]),
    ("9割の方が効果を実感しています。", [("satisfaction", "9割の方が効果")]),
    ("当社従来品と比べて保湿力2倍。", [("comparison", "従来品と比べ")]),
]


def claims_in(text: str) -> list[tuple[str, str]]:
    folded = normalise(text)
    matches, slow = compile_terms(t for t in TERMS if t.rule == "claim").matches(folded.text)  # PSH601's terms
    assert slow == []
    return [(m.term.id, text[slice(*folded.span(m.start, m.end))]) for m in matches]


@pytest.mark.parametrize(("text", "expected"), TABLE, ids=[f"post-{n}" for n in range(len(TABLE))])
def test_realistic_posts_give_exactly_their_claims(text: str, expected: list[tuple[str, str]]) -> None:
    assert claims_in(text) == expected


def test_the_table_is_large_and_half_clean() -> None:
    clean = [text for text, expected in TABLE if not expected]
    assert len(TABLE) >= 30 and abs(len(clean) - len(TABLE) / 2) <= 1


# --- PSH601 through a project --------------------------------------------------------------------


def test_a_claim_without_a_record_is_found_at_its_wording(project: Project) -> None:
    project.draft("a.yaml", draft("春の新作です。\n売上No.1のブレンド"))
    _, report = project.validate()
    (found,) = [f for f in report["findings"] if f["code"] == "PSH601"]
    assert (found["line"], found["column"], found["field"]) == (5, 5, "body")  # `|` body: the file's line
    assert "No.1" in found["message"] and "消費者庁" in found["message"]


def test_markdown_and_quoted_yaml_bodies(project: Project) -> None:
    project.draft("a.md", "---\naccount: paid\npublish_at: 2030-04-16 10:00\n---\n\n一行目\n日本一のおいしさ\n")
    project.draft("b.yaml", 'account: paid\npublish_at: 2030-04-16 10:00\nbody: "一行目\\n日本一のおいしさ"\n')
    _, report = project.validate()
    places = {(f["path"], f["line"], f["column"]) for f in report["findings"] if f["code"] == "PSH601"}
    assert places == {("posts/a.md", 7, 1), ("posts/b.yaml", 3, 13)}  # a quoted body: after `body: "一行目\\n`


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ((RECORD,), []),
        ((), [("PSH601", 5, "body", None)]),
        ((RECORD.replace("claim: 売上No.1", "claim: 売上ＮＯ．１"),), []),  # the record's wording is normalised too
    ],
)
def test_a_record_covers_the_claim(project: Project, extra: tuple[str, ...], expected: list[object]) -> None:
    project.draft("a.yaml", draft("春の新作です。\n売上No.1*のブレンド\n*情報元：楽天ランキング", *extra))
    assert findings(project) == expected


def test_a_shared_record_covers_every_draft_that_holds_its_claim(tmp_path: Path) -> None:
    shared = RECORD.replace("evidence:\n  - ", "[[evidence]]\n").replace("\n    ", "\n").replace(": ", " = ")
    shared = shared.replace("= 売上No.1", '= "売上No.1"').replace("= 楽天ランキング", '= "楽天ランキング"')
    shared = shared.replace("= インターネット調査", '= "インターネット調査"').replace("= 2030-01", '= "2030-01"')
    shared = shared.replace("= 調査会社", '= "調査会社"').replace("= '*'", '= "*"')
    project = Project(tmp_path, BASE_CONFIG + "\n" + shared + "\n")
    project.draft("a.yaml", draft("売上No.1*のブレンド\n*情報元：楽天ランキング"))
    project.draft("b.yaml", draft("売上No.1のブレンド\n*情報元：楽天ランキング", publish="2030-05-14 10:00"))
    assert findings(project) == [("PSH603", 4, "body", None)]  # b.yaml: the marker is not after the claim


# --- PSH602-PSH605 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("drop", "missing"),
    [
        ("    source: 楽天ランキング\n", "source"),
        ("    by: 調査会社\n", "by"),
        ("    respondents: 1000\n", "respondents"),  # a survey needs its sample
        ("    period: 2030-01\n", "period"),
    ],
)
def test_a_record_lacking_a_field(project: Project, drop: str, missing: str) -> None:
    record = (RECORD + "\n").replace(drop, "")
    project.draft("a.yaml", draft("売上No.1*のブレンド\n*情報元", record.rstrip("\n")))
    _, report = project.validate()
    (found,) = [f for f in report["findings"] if f["code"] == "PSH602"]
    assert found["line"] == 7 and found["field"] == "evidence" and missing in found["message"]


def test_sales_data_needs_no_respondents(project: Project) -> None:
    record = RECORD.replace("インターネット調査", "販売実績の集計").replace("    respondents: 1000\n", "")
    project.draft("a.yaml", draft("売上No.1*のブレンド\n*情報元", record))
    assert findings(project) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("売上No.1*のブレンド\n*情報元", []),
        ("売上No.1 *のブレンド\n*情報元", [("PSH603", 4, "body", None)]),  # not right after the wording
        ("売上No.1*のブレンド", [("PSH603", 4, "body", None)]),  # no footnote line
        ("売上No.1のブレンド", [("PSH603", 4, "body", None), ("PSH603", 4, "body", None)]),
    ],
)
def test_the_marker_follows_the_claim_and_starts_a_footnote(
    project: Project, body: str, expected: list[object]
) -> None:
    project.draft("a.yaml", draft(body, RECORD))
    assert findings(project) == expected


@pytest.mark.parametrize(
    ("period", "publish", "months", "old"),
    [
        ("2029-03", "2030-03-31 23:00", 12, False),  # the day itself: 12 months after the period's last day
        ("2029-03", "2030-04-01 00:00", 12, True),  # the day after
        ("2029-08-31", "2030-02-28 10:00", 6, False),  # a shorter month: its last day
        ("2029-08-31", "2030-03-01 10:00", 6, True),
        ("2028-01-01/2029-03-15", "2030-03-15 10:00", 12, False),  # a range ages from its end
        ("2028-01-01/2029-03-15", "2030-03-16 10:00", 12, True),
        ("9999-12", "2030-03-16 10:00", 12, False),  # its age limit is past year 9999: no day is later
        ("2029-01/9999-06-30", "2030-03-16 10:00", 120, False),
    ],
)
def test_evidence_age_at_its_boundaries(tmp_path: Path, period: str, publish: str, months: int, old: bool) -> None:
    config = BASE_CONFIG + f"\n[content]\nevidence_max_age_months = {months}\n"
    project = Project(tmp_path, config)
    record = RECORD.replace("period: 2030-01", f"period: {period}")
    project.draft("a.yaml", draft("売上No.1*のブレンド\n*情報元", record, publish=publish))
    assert findings(project, now="2029-12-01 10:00") == ([("PSH604", 11, "evidence", None)] if old else [])


@pytest.mark.parametrize(
    ("text", "end"),
    [("2029-02", "2029-02-28"), ("2028-02", "2028-02-29"), ("2029-02-30", None), ("2029-01-01/2029-06", "2029-06-30")],
)
def test_period_end(text: str, end: str | None) -> None:
    found = period_end(text)
    assert (found.isoformat() if found else None) == end


def test_add_months_keeps_the_day_or_the_month_end() -> None:
    assert [add_months(period_end(p), 1).isoformat() for p in ("2030-01", "2030-03-15")] == [  # type: ignore[arg-type]
        "2030-02-28",
        "2030-04-15",
    ]


def test_a_record_whose_claim_is_not_in_the_body(project: Project) -> None:
    project.draft("a.yaml", draft("売上No.2*のブレンド\n*情報元", RECORD))
    assert findings(project) == [("PSH605", 7, "evidence", None)]


# --- allow ---------------------------------------------------------------------------------------

ALLOW = "allow:\n  - {code: PSH601, reason: '法務確認済み 2030-02-20'}"


def test_an_accepted_finding_is_shown_and_fails_no_run(project: Project) -> None:
    project.draft("a.yaml", draft("日本一のおいしさ", ALLOW))
    code, report = project.validate("--strict")
    assert code == 0
    assert findings(project) == [("PSH601", 4, "body", "法務確認済み 2030-02-20")]
    assert report["summary"] == {"files": 2, "errors": 0, "warnings": 0, "accepted": 1}


def test_accepted_findings_in_every_reporter(project: Project) -> None:
    project.draft("a.yaml", draft("日本一のおいしさ\n世界初の製法", ALLOW.replace("PSH601", "PSH601")))
    project.draft("b.yaml", draft("最強の保湿力", publish="2030-05-14 10:00"))
    base = ["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW, "--strict"]
    text = run([*base]).stdout
    assert "[accepted: 法務確認済み 2030-02-20]" in text
    assert "0 errors, 1 warning (and 2 findings accepted)" in text
    sarif = json.loads(run([*base, "--format", "sarif"]).stdout)
    results = sarif["runs"][0]["results"]
    suppressed = [r["suppressions"] for r in results if "suppressions" in r]
    assert suppressed == [[{"kind": "inSource", "status": "accepted", "justification": "法務確認済み 2030-02-20"}]] * 2
    junit = run([*base, "--format", "junit"]).stdout
    assert (
        junit.count("<failure") == 1 and junit.count("[accepted: 法務確認済み 2030-02-20]") == 4
    )  # 2 × message and text
    github = run([*base, "--format", "github"]).stdout
    assert github.count("::notice ") == 2 and github.count("::warning ") == 1
    assert run([*base]).exit_code == 1  # b.yaml's claim is not accepted


def test_an_allow_that_accepts_nothing_is_stale(project: Project) -> None:
    project.draft("a.yaml", draft("春の新作です。", ALLOW))
    assert findings(project) == [("PSH690", 6, "allow", None)]
    assert findings(project, "--ignore", "PSH601") == []  # the rule did not run: nothing to judge


@pytest.mark.parametrize(
    "entry",
    [
        "{code: PSH101, reason: 長いけれど登録できる}",  # a form rule: Rakuten rejects it whatever the review says
        "{code: PSH699, reason: x}",  # no such rule
        "{code: PSH601, reason: ' '}",  # a blank reason
        "{code: PSH601}",
    ],
)
def test_a_bad_allow_is_a_schema_error(project: Project, entry: str) -> None:
    project.draft("a.yaml", draft("日本一のおいしさ", f"allow:\n  - {entry}"))
    _, report = project.validate()
    assert [f["line"] for f in report["findings"] if f["code"] == "PSH002"] != []
    assert [f["accepted"] for f in report["findings"] if f["code"] == "PSH601"] == [None]


def test_the_allow_enum_is_the_content_rules() -> None:
    schema = json.loads((REPO / "schemas" / "post.schema.json").read_text("utf-8"))
    enum = schema["properties"]["allow"]["items"]["properties"]["code"]["enum"]
    assert enum == [r.code for r in ALL_RULES if r.code.startswith("PSH6") and r.name != "unused-allow"]


# --- a project's own terms -----------------------------------------------------------------------

OWN = """\
[[term]]
id = "gokujo"
label = "極上"
patterns = ['極上']
basis = "社内表記基準 2030-01"
matches = ["極上の一杯"]
clean = ["上質の一杯"]
"""


def test_a_project_adds_replaces_and_disables_terms(tmp_path: Path) -> None:
    config = BASE_CONFIG + '\n[content]\nterms = ["style/claims.toml"]\ndisable = ["first-in-class"]\n'
    project = Project(tmp_path, config)
    replaced = OWN + OWN.replace('"gokujo"', '"superlative"').replace("極上", "至高")
    project.write("style/claims.toml", replaced)
    project.draft("a.yaml", draft("極上の一杯を、日本一の水で。\n最強の保湿"))
    _, report = project.validate()
    words = [f["message"].split('"')[1] for f in report["findings"] if f["code"] == "PSH601"]
    assert words == ["極上"]  # 日本一: disabled; 最強: the project's "superlative" replaced the shipped one


@pytest.mark.parametrize(
    ("terms", "disable", "said"),
    [
        (OWN.replace("['極上']", "['(極上']"), "", "does not compile"),
        (OWN.replace("['極上']", "['(a+)+$']"), "", "run away"),
        (OWN.replace("['極上']", "['(?:極+)+$|極上']"), "", "run away"),  # on a run of its own 極
        (OWN.replace("['極上']", "['(?:x+x+)+y|極上']"), "", "run away"),
        (OWN.replace('["極上の一杯"]', '["上質"]'), "", "does not match"),
        (OWN.replace('["上質の一杯"]', '["極上"]'), "", "matches"),
        (OWN.replace('basis = "社内表記基準 2030-01"\n', ""), "", "basis"),
        ("[[term]\n", "", "claims.toml"),
        (OWN, 'disable = ["no-such-term"]', "no-such-term"),
    ],
)
def test_a_bad_term_file_is_a_config_error(tmp_path: Path, terms: str, disable: str, said: str) -> None:
    config = BASE_CONFIG + f'\n[content]\nterms = ["style/claims.toml"]\n{disable}\n'
    project = Project(tmp_path, config)
    project.write("style/claims.toml", terms)
    result = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW])
    assert result.exit_code == 2 and said in result.output and "pasha.toml:" in result.output


@pytest.mark.parametrize("name", ["../outside.toml", "style/missing.toml", "/etc/passwd"])
def test_a_term_file_outside_the_project_or_missing(tmp_path: Path, name: str) -> None:
    (tmp_path / "outside.toml").write_text(OWN, "utf-8")
    project = Project(tmp_path / "p", BASE_CONFIG + f'\n[content]\nterms = ["{name}"]\n')
    result = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW])
    assert result.exit_code == 2 and "content.terms.0" in result.output


# --- hostile input -------------------------------------------------------------------------------


def test_a_huge_body_full_of_claims_is_bounded(project: Project) -> None:
    project.draft("a.yaml", draft("No.1 日本一 " * 40_000))
    _, report = project.validate()
    assert len([f for f in report["findings"] if f["code"] == "PSH601"]) == MAX_CLAIMS
    assert len("No.1 日本一 " * 40_000) > CONTENT_MAX_CHARS


def test_too_many_evidence_records_is_a_schema_error(project: Project) -> None:
    records = "evidence:\n" + "".join(f"  - {{claim: 'No.{n}'}}\n" for n in range(101))
    project.draft("a.yaml", draft("春の新作", records.rstrip("\n")))
    _, report = project.validate()
    assert any(f["code"] == "PSH002" and f["field"] == "evidence" for f in report["findings"])


def test_terminal_escapes_in_values_are_shown_escaped(project: Project) -> None:
    record = RECORD.replace("claim: 売上No.1", 'claim: "\\e[31m売上No.1"').replace("    source: 楽天ランキング\n", "")
    project.draft("a.yaml", draft("\x1b[31m売上No.1*\n*情報元", record, ALLOW.replace("PSH601", "PSH602")))
    project.write("posts/b.yaml", draft("日本一", 'allow:\n  - {code: PSH601, reason: "\\e]0;owned\\a"}'))
    for fmt in ("text", "github", "junit"):
        out = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW, "--format", fmt]).stdout
        assert "\x1b" not in out and "\x07" not in out, fmt


def test_a_drafts_own_record_comes_before_a_shared_one(tmp_path: Path) -> None:
    shared = '[[evidence]]\nclaim = "売上No.1"\nsource = "古い調査"\nmethod = "販売実績"\nperiod = "2020-01"\nby = "x"\nmarker = "※"\n'
    project = Project(tmp_path, BASE_CONFIG + "\n" + shared)
    project.draft("a.yaml", draft("売上No.1*のブレンド\n*情報元", RECORD))
    project.draft("b.yaml", draft("売上No.1※のブレンド\n※情報元", publish="2030-05-14 10:00"))
    _, report = project.validate()
    assert [(f["path"], f["code"]) for f in report["findings"]] == [("posts/b.yaml", "PSH604")]  # a.yaml: its own


@pytest.mark.parametrize("term", TERMS, ids=[t.id for t in TERMS])
def test_every_shipped_hint_is_held_by_every_match(term: object) -> None:
    """A body without one of the hint's strings skips the term: sound only if every match contains one."""
    assert term.hint, "a shipped term without a hint is matched against every body"  # type: ignore[attr-defined]
    for pattern in term.patterns:  # type: ignore[attr-defined]
        assert hints_cover(pattern, term.hint), pattern  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("pattern", "hints", "covered"),
    [
        ("シェア\\s?1", ["シェア"], True),
        ("シェア\\s?1", ["シ"], True),  # within the run
        ("シェア\\s?1", ["ェア1"], False),  # across a part that may hold a space
        ("(?:当店|当社)比", ["比"], True),
        ("(?:当店|当社)\\s?x", ["店"], False),  # 当社 holds no hint
        ("(?:当店|当社)\\s?x", ["店", "社"], True),
        ("(?:当店)?比較", ["当店"], False),  # an optional part covers nothing
        ("(?:当店)+比較", ["当店"], True),
        ("[%％]オフ", ["%", "％"], True),
        ("今(?:月|週)末", ["今月", "今週"], True),  # a class within a run: each text it can be
        ("今(?:月|週)末", ["今月"], False),
        ("今[月週]\\s?末", ["月末", "週末"], False),  # a space may come between
        ("[%％]オフ", ["%"], False),
        ("[0-9]+%", ["1"], False),
        ("a|b", ["a"], False),
        ("a|b", ["a", "b"], True),
        ("(?=比)x", ["比"], False),  # a look-ahead consumes nothing of the match
        ("(?i)pick", ["pick"], False),  # ignoring case, i also matches ı (kept by NFKC and folding)
        ("(?i:no)1", ["no"], False),
        ("(?i:no)1", ["1"], True),
    ],
)
def test_hints_cover_only_what_every_match_holds(pattern: str, hints: list[str], covered: bool) -> None:
    assert hints_cover(pattern, hints) is covered


def test_many_slow_terms_are_refused_within_the_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pasha_cli.project import terms

    monkeypatch.setattr(terms, "CHECK_SECONDS", -1)  # every check is over budget: the first term refuses
    monkeypatch.setattr("pasha_cli.project.config.CHECK_SECONDS", -1)
    project = Project(tmp_path, BASE_CONFIG + '\n[content]\nterms = ["style/claims.toml"]\n')
    project.write("style/claims.toml", OWN)
    result = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW])
    assert result.exit_code == 2 and "took more than" in result.output


def test_a_term_file_too_large(tmp_path: Path) -> None:
    project = Project(tmp_path, BASE_CONFIG + '\n[content]\nterms = ["style/claims.toml"]\n')
    project.write("style/claims.toml", OWN + "#" * 1_000_001 + "\n")
    result = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW])
    assert result.exit_code == 2 and "larger than 1,000,000 bytes" in result.output


# --- the shipped term list, kept in the user cache as the holiday table is ------------------------


def _shipped_fresh() -> tuple[object, ...]:
    from pasha_cli.project import terms

    terms.shipped_terms.cache_clear()
    return terms.shipped_terms()


def test_the_shipped_terms_are_read_as_toml_once_then_from_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from pasha_cli.project import terms

    first = _shipped_fresh()
    kept = list(Path(os.environ["PASHA_CACHE_DIR"]).glob("terms-*.json"))
    assert len(kept) == 1

    def no_toml(text: str) -> object:
        raise AssertionError("the TOML was parsed again")

    monkeypatch.setattr(terms.tomllib, "loads", no_toml)
    assert _shipped_fresh() == first and len(first) >= 10


TERMS_GARBAGE = [
    b"",
    b"{",
    b"[]",
    b"[]x",
    b"{}",
    b'[{"id": 1}]',
    b'[{"id": "a", "patterns": "No.1"}]',
    b'[{"id": "a"}]',
    b"[1]",
]


@pytest.mark.parametrize("garbage", TERMS_GARBAGE)
def test_a_broken_kept_term_list_is_read_past(garbage: bytes) -> None:
    import os

    expected = _shipped_fresh()
    for path in Path(os.environ["PASHA_CACHE_DIR"]).glob("terms-*.json"):
        path.write_bytes(garbage)
    assert _shipped_fresh() == expected  # "[]" too: no shipped file is without terms
