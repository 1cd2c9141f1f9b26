"""PSH630-PSH633: third-party content is labelled (within the digest) and its reuse permitted.

The clock is conftest.NOW (Fri 2030-03-01 12:00 JST); every draft is published 2030-04-16 10:00.
"""

from __future__ import annotations

import json

import pytest

from pasha_cli.rules.sources import label_in_digest
from tests.conftest import Project, run
from tests.hostile_text import HOSTILE, RAW

HEAD = "account: paid\npublish_at: 2030-04-16 10:00\n"
PERMITTED = 'permission: {by: "@hana_coffee", granted: 2030-04-02, scope: "写真と文章の再利用（この投稿のみ）"}\n'


def _draft(source: str | None, body: str, extra: str = "") -> str:
    head = HEAD + (f"source: {source}\n" if source else "")
    return head + "body: " + json.dumps(body, ensure_ascii=False) + "\n" + extra


def _codes(project: Project, content: str, name: str = "a.yaml") -> list[str]:
    project.draft(name, content)
    _, report = project.validate()
    return sorted(f["code"] for f in report["findings"])


# --- the label's place: the whole label within the digest's 100 characters (grapheme clusters) ---

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one character of five code points


@pytest.mark.parametrize(
    ("body", "inside"),
    [
        ("あ" * 98 + "PR", True),  # PR is the 99th and 100th character
        ("あ" * 99 + "PR", False),  # the 100th and 101st: cut by the digest's end
        ("あ" * 100 + "PR", False),  # the 101st: after the digest
        ("あ" * 98 + "【PR】", False),  # 】 is the 101st
        ("あ" * 96 + "【PR】", True),  # 】 is the 100th
        ("あ" * 98 + "広告", True),
        ("あ" * 99 + "広告", False),
        ("あ" * 93 + "プロモーション", True),
        ("あ" * 94 + "プロモーション", False),
        (FAMILY + "あ" * 97 + "PR", True),  # 104 code points, 100 characters
        (FAMILY + "あ" * 98 + "PR", False),
        ("あ\r\n" * 49 + "PR", True),  # CRLF is one character: 98, then PR
        ("あ" * 99 + "PRICE #PR", False),  # PR of PRICE at the 100th is no label, #PR is later
        ("あ" * 99 + "P" + "あ" * 50 + "#PR", False),
    ],
)
def test_the_label_must_lie_wholly_within_the_digest(body: str, inside: bool) -> None:
    body = body.replace("\r\n", "\n")  # as a draft holds its body
    assert label_in_digest(body, 100)[0] is inside


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("あ" * 98 + "PR", set()),
        ("あ" * 99 + "PR", {("PSH630", 1, 100)}),
        ("あ" * 100 + "#PR", {("PSH630", 1, 102)}),  # the word PR: its # is no part of it
        ("あ" * 50 + "\n" + "い" * 60 + "\n【PR】", {("PSH630", 3, 2)}),
        ("いつもありがとうございます", {("PSH630", 1, 1)}),  # no label: its place is the body's start
    ],
)
def test_positions_point_at_the_late_label_or_the_body_start(
    project: Project, body: str, expected: set[tuple[str, int, int]]
) -> None:
    # a Markdown body maps line for line onto the file: the body starts on line 7
    project.draft("a.md", "---\n" + HEAD + "source: ugc\n" + PERMITTED + "---\n" + body + "\n")
    _, report = project.validate()
    found = {(f["code"], f["line"] - 6, f["column"]) for f in report["findings"]}
    assert found == expected
    assert all(f["field"] == "body" for f in report["findings"])


def test_the_late_label_is_named_in_both_languages(project: Project) -> None:
    project.draft("a.yaml", _draft("influencer", "あ" * 100 + "【ＰＲ】", PERMITTED))
    for lang, words in (
        ("en", ['"ＰＲ"', "line 1, column 102", "100 characters", "2023-10-01"]),
        ("ja", ["「ＰＲ」", "102 文字目", "令和5年内閣府告示第19号"]),
    ):
        result = run(
            ["validate", "--now", "2030-03-01 12:00", "--config", str(project.root / "pasha.toml"), "--lang", lang]
        )
        assert result.exit_code == 0, result.output  # warnings only
        assert "PSH630" in result.stdout and all(w in result.stdout for w in words), result.stdout


# --- a table of realistic posts: exactly which findings each gives ---

UGC_PERMIT = PERMITTED
INFLUENCER_PERMIT = (
    'permission: {by: "株式会社サンプルエージェンシー", granted: 2030-03-20, scope: "投稿文と写真の転載"}\n'
)

TABLE: list[tuple[str, str | None, str, str, list[str]]] = [
    # (id, source, body, extra fields, expected codes)
    # own posts: never checked, whatever they say
    ("own-price", None, "PRICE改定のお知らせ。4月1日より一部商品の価格を改定いたします。", "", []),
    ("own-april", "own", "April フェア開催中！春の新作ブレンドをお楽しみください。", "", []),
    ("own-product", None, "NEW PRODUCT：さくらラテが登場しました。", "", []),
    ("own-no-label", "own", "スタッフおすすめの水出しアイスコーヒーの淹れ方をご紹介します。", "", []),
    # ugc reposts
    (
        "ugc-clean",
        "ugc",
        "【PR】@hana_coffee さんの素敵な一枚をご紹介！いつもご愛飲ありがとうございます。",
        UGC_PERMIT,
        [],
    ),
    (
        "ugc-hashtag",
        "ugc",
        "#PR お客さまのお写真をお借りしました📷 春のテラス席、気持ちよさそうですね。",
        UGC_PERMIT,
        [],
    ),
    ("ugc-fullwidth", "ugc", "［ＰＲ］ご投稿いただいたアレンジレシピをご紹介します。", UGC_PERMIT, []),
    ("ugc-lowercase", "ugc", "みなさまの #pr 投稿から、今月のベストショットを選びました。", UGC_PERMIT, []),
    (
        "ugc-no-label",
        "ugc",
        "@hana_coffee さんの素敵な一枚をご紹介！いつもご愛飲ありがとうございます。",
        UGC_PERMIT,
        ["PSH630"],
    ),
    (
        "ugc-price-is-no-label",
        "ugc",
        "お客さまが見つけたPRICE以上の満足。ご投稿ありがとうございます。",
        UGC_PERMIT,
        ["PSH630"],
    ),
    (
        "ugc-april-is-no-label",
        "ugc",
        "April の思い出をシェアしてくださったお客さまのお写真です。",
        UGC_PERMIT,
        ["PSH630"],
    ),
    ("ugc-no-permission", "ugc", "【PR】お客さまのお写真をご紹介します。", "", ["PSH631"]),
    ("ugc-neither", "ugc", "お客さまのお写真をご紹介します。", "", ["PSH630", "PSH631"]),
    (
        "ugc-url-is-no-label",
        "ugc",
        "詳しくは https://example.co.jp/pr/ をご覧ください。お客さまのお写真です。",
        UGC_PERMIT,
        ["PSH630"],
    ),
    ("ugc-denial-is-no-label", "ugc", "広告ではありません！お客さまの本音のレビューです。", UGC_PERMIT, ["PSH630"]),
    (
        "ugc-label-after-digest",
        "ugc",
        "お客さまのお写真をご紹介します。" * 7 + "#PR",
        UGC_PERMIT,
        ["PSH630"],
    ),
    # influencer collaborations
    (
        "influencer-clean",
        "influencer",
        "プロモーション｜人気料理家の〇〇さんに、新作ラテのアレンジを考えていただきました。",
        INFLUENCER_PERMIT,
        [],
    ),
    (
        "influencer-provided",
        "influencer",
        "商品提供：サンプル珈琲 〇〇さんが新作ブレンドを試してくださいました。",
        INFLUENCER_PERMIT,
        [],
    ),
    ("influencer-ad", "influencer", "〇〇さんの朝のコーヒー習慣 #ad #コーヒー", INFLUENCER_PERMIT, []),
    ("influencer-no-label", "influencer", "人気インフルエンサーの〇〇さんも愛用中！", INFLUENCER_PERMIT, ["PSH630"]),
    ("influencer-spring", "influencer", "Spring has come! 〇〇さんと春のカフェめぐり。", INFLUENCER_PERMIT, ["PSH630"]),
    (
        "influencer-late-granted",
        "influencer",
        "【PR】〇〇さんと春のカフェめぐり。",
        'permission: {by: "〇〇", granted: 2030-04-17, scope: "転載"}\n',
        ["PSH633"],
    ),
    (
        "influencer-no-scope",
        "influencer",
        "【PR】〇〇さんと春のカフェめぐり。",
        'permission: {by: "〇〇", granted: 2030-04-01}\n',
        ["PSH632"],
    ),
    # collaborations: labelled; a permission record is not required
    ("collab-tieup", "collaboration", "タイアップ企画｜サンプル茶房×サンプル珈琲のコラボドリンクが登場！", "", []),
    ("collab-bracket-pr", "collaboration", "(PR) 春限定コラボ、はじまります。", "", []),
    ("collab-no-label", "collaboration", "サンプル茶房×サンプル珈琲のコラボドリンクが登場！", "", ["PSH630"]),
    ("collab-product-code", "collaboration", "コラボ商品 PR2030 が登場！", "", ["PSH630"]),
    ("collab-apr", "collaboration", "APR限定のコラボドリンク。", "", ["PSH630"]),
    # the lifecycle: a cancelled post is never shown; a published one is still on the timeline
    ("cancelled", "ugc", "お客さまのお写真をご紹介します。", "status: cancelled\n", []),
    ("published", "ugc", "お客さまのお写真をご紹介します。", "status: published\n", ["PSH630", "PSH631"]),
]


@pytest.mark.parametrize(
    ("source", "body", "extra", "expected"), [case[1:] for case in TABLE], ids=[c[0] for c in TABLE]
)
def test_realistic_posts(project: Project, source: str | None, body: str, extra: str, expected: list[str]) -> None:
    assert _codes(project, _draft(source, body, extra)) == expected


def test_the_table_is_about_half_clean() -> None:
    clean = sum(1 for case in TABLE if not case[4])
    assert len(TABLE) >= 24 and 0.4 <= clean / len(TABLE) <= 0.6


# --- the permission record ---


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (PERMITTED, []),
        ('permission: {by: "@a", granted: 2030-04-16, scope: "再利用"}\n', []),  # granted on the day itself
        ('permission: {by: "@a", granted: "2030-04-16 23:00", scope: "再利用"}\n', []),  # a time: its day counts
        (
            'permission: {by: "@a", granted: 2030-04-17, scope: "再利用"}\n',
            [("PSH633", "permission.granted", "1 day ")],
        ),
        (
            'permission: {by: "@a", granted: 2030年4月18日, scope: "再利用"}\n',
            [("PSH633", "permission.granted", "2 days")],
        ),
        ('permission: {by: "@a", scope: "再利用"}\n', [("PSH632", "permission", "1 field (granted)")]),
        ("permission: {}\n", [("PSH632", "permission", "3 fields (by, granted, scope)")]),
        (
            'permission: {by: "  ", granted: 2030-04-02, scope: "　"}\n',
            [("PSH632", "permission", "2 fields (by, scope)")],
        ),
    ],
)
def test_permission_records(project: Project, extra: str, expected: list[tuple[str, str, str]]) -> None:
    project.draft("a.yaml", _draft("ugc", "【PR】お客さまのお写真です。", extra))
    _, report = project.validate()
    found = report["findings"]
    assert [(f["code"], f["field"]) for f in found] == [e[:2] for e in expected]
    for f, (_, _, words) in zip(found, expected, strict=True):
        assert words in f["message"]


def test_a_missing_permission_is_reported_at_source(project: Project) -> None:
    project.draft("a.yaml", HEAD + "source: influencer\nbody: 【PR】〇〇さんの投稿です。\n")
    _, report = project.validate()
    assert [(f["code"], f["field"], f["line"]) for f in report["findings"]] == [("PSH631", "source", 3)]


# --- the schema: the fields' types (PSH002) ---


@pytest.mark.parametrize(
    ("extra", "codes"),
    [
        ("source: UGC\n", ["PSH002", "PSH630"]),  # not taken as own: the label is asked for too
        ("source: 3\n", ["PSH002", "PSH630"]),
        ("source: own\n", []),
        ("source: own\npermission: yes\n", ["PSH002"]),
        ("source: own\npermission: [a]\n", ["PSH002"]),
        ('source: own\npermission: {by: 12, granted: 2030-04-02, scope: "x"}\n', ["PSH002"]),
        ('source: own\npermission: {by: "", granted: 2030-04-02, scope: "x"}\n', ["PSH002", "PSH632"]),
        ('source: own\npermission: {by: "@a", granted: 2030-02-30, scope: "x"}\n', ["PSH002"]),
        ('source: own\npermission: {by: "@a", granted: 2030-04, scope: "x"}\n', ["PSH002"]),
        ('source: own\npermission: {by: "@a", granted: 20300402, scope: "x"}\n', ["PSH002"]),
        ('source: own\npermission: {by: "@a", granted: 2030-04-02, scope: "x", url: "y"}\n', ["PSH002"]),
        ('source: own\npermission: {by: "@a", granted: "2030-04-02 10:00", scope: "x"}\n', []),
    ],
)
def test_wrong_types_are_schema_violations(project: Project, extra: str, codes: list[str]) -> None:
    assert _codes(project, HEAD + "body: 本文です。\n" + extra) == codes


def test_a_date_that_is_no_date_names_the_date_formats(project: Project) -> None:
    project.draft("a.yaml", HEAD + 'body: x\npermission: {by: "@a", granted: 2030-02-30, scope: "x"}\n')
    _, report = project.validate()
    (finding,) = report["findings"]
    assert "permission.granted" in finding["message"] and "YYYY年M月D日" in finding["message"]
    assert "HH:MM" not in finding["message"]


def test_a_json_draft_is_checked_alike(project: Project) -> None:
    draft = {
        "account": "paid",
        "publish_at": "2030-04-16 10:00",
        "source": "ugc",
        "body": "お客さまのお写真です。",
        "permission": {"by": "@a", "granted": "2030-05-01"},
    }
    assert _codes(project, json.dumps(draft, ensure_ascii=False), "a.json") == ["PSH630", "PSH632", "PSH633"]


# --- hostile values: shown escaped, and clipped ---


@pytest.mark.parametrize(("name", "value"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_by_is_shown_escaped(project: Project, name: str, value: str) -> None:
    record = {"by": value + "x" * 5000, "granted": "2030-05-01", "scope": "再利用"}
    project.draft(
        "a.json",
        json.dumps(
            {
                "account": "paid",
                "publish_at": "2030-04-16 10:00",
                "source": "ugc",
                "body": "【PR】写真です。",
                "permission": record,
            }
        ),
    )
    result = run(["validate", "--now", "2030-03-01 12:00", "--config", str(project.root / "pasha.toml")])
    assert result.exit_code == 0 and "PSH633" in result.stdout, result.output
    line = next(line for line in result.stdout.splitlines() if "PSH633" in line)
    assert not RAW.search(line)
    assert len(line) < 400 and "…" in line  # 5,000 characters of `by` are not one report line


@pytest.mark.parametrize(
    ("content", "codes"),
    [
        (HEAD + "source: ugc\nbody: 12\n" + PERMITTED, ["PSH002"]),
        (HEAD + "source: ugc\nbody: '  '\n" + PERMITTED, ["PSH102"]),  # an empty body is PSH102's alone
        (HEAD + "source: [ugc]\nbody: 本文\n" + PERMITTED, ["PSH002", "PSH630"]),
        (HEAD + "source: ugc\nbody: 【PR】本文\npermission: null\n", ["PSH002"]),  # written: not missing
        (
            HEAD + "source: ugc\nbody: 【PR】本文\npermission: {by: [1], granted: [2030-01-01], scope: {a: 1}}\n",
            ["PSH002"] * 3,
        ),
    ],
)
def test_broken_values_are_the_schemas_and_do_not_crash(project: Project, content: str, codes: list[str]) -> None:
    assert _codes(project, content) == codes


def test_a_huge_body_with_a_late_label_is_one_finding(project: Project) -> None:
    body = "あ" * 1990 + "#PR"
    assert _codes(project, _draft("ugc", body, PERMITTED)) == ["PSH630"]
