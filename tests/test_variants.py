"""`pasha terms`: spelling variants grouped across drafts, written as a prh dictionary to edit.

The groups come from SudachiPy (the extra `pasha-cli[ja]`): the tests that need it skip without it.
The prh side (patterns, specs, the YAML a hostile spelling or draft name cannot break) is tested
on groups made by hand, and the specs are run as prh runs them: in JavaScript when node is at hand.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import Project, run

from pasha_cli import variants
from pasha_cli.variants import Form, Group

HAS_SUDACHI = find_spec("sudachipy") is not None and find_spec("sudachidict_core") is not None
needs_sudachi = pytest.mark.skipif(not HAS_SUDACHI, reason="SudachiPy is not installed (pip install '.[ja]')")


def _write(project: Project, bodies: dict[str, str]) -> None:
    """JSON drafts: their escapes carry any character to the body (YAML refuses some as they are)."""
    for name, body in bodies.items():
        project.draft(f"{name}.json", json.dumps({"account": "free", "publish_at": "2030-04-16 10:00", "body": body}))


def _terms(project: Project, *args: str) -> Any:
    result = run(["terms", "--config", str(project.root / "pasha.toml"), *args])
    assert result.exit_code == 0, result.output
    return result


def _groups(project: Project, *args: str) -> list[tuple[Any, ...]]:
    """[(form, kind, count, drafts), ...] per group, the expected spelling first (kind None)."""
    found = json.loads(_terms(project, "--format", "json", *args).stdout)
    return [
        [(f["form"], f["kind"], f["count"], tuple(f["drafts"])) for f in group["forms"]] for group in found["variants"]
    ]


A, B, C = "posts/a.json", "posts/b.json", "posts/c.json"

# (id, the drafts' bodies, the groups: each [(spelling, kind, uses, drafts), ...], expected first)
GROUPS = [
    (
        "kana-kanji",
        {"a": "コーヒーが好き。コーヒーを飲む。", "b": "珈琲を淹れる。"},
        [[("コーヒー", None, 2, (A,)), ("珈琲", "kanji", 1, (B,))]],
    ),
    (
        "okurigana",
        {"a": "お問い合わせは窓口へ。", "b": "問い合わせ先。", "c": "お問合せください。"},
        [[("問い合わせ", None, 2, (A, B)), ("問合せ", "okurigana", 1, (C,))]],
    ),
    (
        "long-vowel",
        {"a": "サーバーを再起動。", "b": "サーバーが落ちた。サーバを見る。"},
        [[("サーバー", None, 2, (A, B)), ("サーバ", "long-vowel", 1, (B,))]],
    ),
    (
        "width-katakana",
        {"a": "コーヒーです。", "b": "コーヒーと、ｺｰﾋｰ。"},
        [[("コーヒー", None, 2, (A, B)), ("ｺｰﾋｰ", "width", 1, (B,))]],
    ),
    (
        "width-latin",
        {"a": "ABCの日。ABCです。", "b": "ＡＢＣです。"},
        [[("ABC", None, 2, (A,)), ("ＡＢＣ", "width", 1, (B,))]],
    ),
    (
        "case",
        {"a": "OKです。", "b": "OKでした。Okです。"},
        [[("OK", None, 2, (A, B)), ("Ok", "case", 1, (B,))]],
    ),
    (
        "case-unknown-word",  # a word Sudachi does not know: keyed by its surface, NFKC and casefolded
        {"a": "Zqxvbrandの新作。", "b": "ZQXVBRANDの新作。Zqxvbrandです。"},
        [[("Zqxvbrand", None, 2, (A, B)), ("ZQXVBRAND", "case", 1, (B,))]],
    ),
    (
        "hiragana-katakana",
        {"a": "りんごを買う。りんごです。", "b": "リンゴの季節。"},
        [[("りんご", None, 2, (A,)), ("リンゴ", "kana", 1, (B,))]],
    ),
    (
        "three-spellings",
        {"a": "コーヒー。コーヒー。", "b": "珈琲。", "c": "ｺｰﾋｰ。ｺｰﾋｰ。"},
        [[("コーヒー", None, 2, (A,)), ("ｺｰﾋｰ", "width", 2, (C,)), ("珈琲", "kanji", 1, (B,))]],
    ),
    (
        "tie-goes-to-the-standard-spelling",
        {"a": "問合せ窓口。", "b": "問い合わせ窓口。"},
        [[("問い合わせ", None, 1, (B,)), ("問合せ", "okurigana", 1, (A,))]],
    ),
    ("inflections-are-no-variants", {"a": "食べる。食べた。食べて。"}, []),
    ("a-link-is-not-prose", {"a": "Rakutenの店: https://www.rakuten.co.jp/shop/ と rakuten@example.jp"}, []),
    ("numbers-and-symbols-are-no-words", {"a": "１０個と10個。＃と#。"}, []),
]


@needs_sudachi
@pytest.mark.parametrize(("bodies", "groups"), [g[1:] for g in GROUPS], ids=[g[0] for g in GROUPS])
def test_variants_are_grouped_with_their_counts(project: Project, bodies: dict[str, str], groups: list[Any]) -> None:
    _write(project, bodies)
    assert _groups(project) == groups


@needs_sudachi
def test_most_used_words_first_and_every_draft_read(project: Project) -> None:
    _write(project, {"a": "サーバ。サーバー。サーバー。", "b": "珈琲。コーヒー。", "c": "珈琲。"})
    assert [group[0][:3] for group in _groups(project)] == [("サーバー", None, 2), ("珈琲", None, 2)]


@needs_sudachi
def test_a_pattern_found_inside_other_words_is_flagged(project: Project) -> None:
    """さま for 様 would also rewrite さまざま: the count of such places and the first of them."""
    _write(project, {"a": "お客様へ。お客様の声。", "b": "お客さまへ。さまざまな品をさまざまに。"})
    [group] = json.loads(_terms(project, "--format", "json").stdout)["variants"]
    assert [(f["form"], f["elsewhere"]) for f in group["forms"]] == [("様", 0), ("さま", 2)]
    comment = "# kana / kanji: さま (1 use: posts/b.json); careful: also matches 2 times inside other words (as in “まへ。さまざまな”)"
    assert comment in _terms(project).stdout
    assert "（「まへ。さまざまな」など）" in _terms(project, "--lang", "ja").stdout


@needs_sudachi
def test_min_count_leaves_out_rare_spellings(project: Project) -> None:
    _write(project, {"a": "サーバー。サーバー。サーバ。", "b": "コーヒー。コーヒー。珈琲。珈琲。"})
    assert _groups(project, "--min-count", "2") == [[("コーヒー", None, 2, (B,)), ("珈琲", "kanji", 2, (B,))]]


@needs_sudachi
def test_paths_choose_the_drafts_read(project: Project) -> None:
    _write(project, {"a": "サーバー。", "b": "サーバ。", "c": "サーバ。"})
    assert _groups(project, str(project.root / A), str(project.root / B)) == [
        [("サーバー", None, 1, (A,)), ("サーバ", "long-vowel", 1, (B,))]
    ]
    assert _groups(project, str(project.root / A)) == []


@needs_sudachi
def test_an_unreadable_draft_is_left_out_and_said(project: Project) -> None:
    _write(project, {"a": "サーバー。", "b": "サーバ。"})
    project.draft("broken.yaml", "body: [unclosed\n")
    result = _terms(project)
    assert "Left out 1 unreadable draft (pasha validate says why)" in result.stderr
    assert yaml.safe_load(result.stdout)["rules"][0]["expected"] == "サーバー"


def _shape(document: Any) -> None:
    """A prh version-1 dictionary: rules of an `expected` string, `patterns` strings, `specs` pairs."""
    assert document["version"] == 1
    assert isinstance(document["rules"], list)
    for rule in document["rules"]:
        assert isinstance(rule["expected"], str) and rule["expected"]
        assert rule["patterns"] and all(isinstance(p, str) and p for p in rule["patterns"])
        assert all(set(spec) == {"from", "to"} for spec in rule["specs"])


@needs_sudachi
def test_the_yaml_is_a_prh_dictionary_and_the_json_says_the_same(project: Project) -> None:
    _write(project, {"a": "サーバー。お問い合わせ。OK。コーヒー。", "b": "サーバ。問合せ。Ok。珈琲。ｺｰﾋｰ。"})
    text = _terms(project).stdout
    document = yaml.safe_load(text)
    _shape(document)
    assert [r["expected"] for r in document["rules"]] == ["コーヒー", "OK", "サーバー", "問い合わせ"]
    assert document["rules"][2] == {
        "expected": "サーバー",
        "patterns": ["/サーバ(?!ー)/"],
        "specs": [{"from": "サーバ", "to": "サーバー"}, {"from": "サーバー", "to": "サーバー"}],
    }
    assert text.startswith("# A draft of a prh dictionary (version 1), made by pasha terms")
    assert "  # コーヒー (1 use: posts/a.json)\n" in text
    assert "      # width: ｺｰﾋｰ (1 use: posts/b.json)\n" in text
    as_json = json.loads(_terms(project, "--format", "json").stdout)
    assert as_json["rules"] == document["rules"]


@needs_sudachi
def test_no_variants_is_an_empty_dictionary(project: Project) -> None:
    _write(project, {"a": "春の新作です。"})
    document = yaml.safe_load(_terms(project).stdout)
    assert document == {"version": 1, "rules": []}


@needs_sudachi
@pytest.mark.parametrize(
    ("lang", "header", "comment"),
    [
        ("en", "# A draft of a prh dictionary", "# long vowel mark: サーバ (1 use: posts/b.json)"),
        ("ja", "# pasha terms が 2 件の下書きの本文", "# 長音符: サーバ（1 回: posts/b.json）"),
    ],
)
def test_comments_in_the_chosen_language(project: Project, lang: str, header: str, comment: str) -> None:
    _write(project, {"a": "サーバー。", "b": "サーバ。サーバー。"})
    text = _terms(project, "--lang", lang).stdout
    assert text.startswith(header)
    assert comment in text
    _shape(yaml.safe_load(text))


# bodies no draft should have, each around a pair of variants: the dictionary still reads back
HOSTILE = [
    ("control", "サーバー\x01サーバ\x7f\x1bサーバー"),
    ("line-breaks", "サーバー\x85サーバ\u2028サーバー\u2029\r"),
    ("invisible", "\ufeffサーバー\u200bサーバ\u202eサーバー\u200d"),
    ("combining", "サーバー、サーハ\u3099ー、サーバ"),
    ("yaml-syntax", "サーバー: #サーバ 'サーバー' \"--- ... & * ! | > % @ `"),
    ("long", "サーバー。" * 12_000 + "サーバ"),  # more than Sudachi reads at once
]


@needs_sudachi
@pytest.mark.parametrize("body", [h[1] for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_hostile_bodies_make_a_dictionary_that_reads_back(project: Project, body: str) -> None:
    _write(project, {"a": body})
    document = yaml.safe_load(_terms(project).stdout)
    _shape(document)
    assert document["rules"][0]["expected"] == "サーバー"
    assert "/サーバ(?!ー)/" in document["rules"][0]["patterns"]


def _group(expected: str, *forms: str, drafts: tuple[str, ...] = (A,)) -> Group:
    return Group(Form(expected, len(forms) + 1, drafts), tuple(Form(f, 1, drafts) for f in forms))


# spellings and draft names with every character that could end a YAML line or scalar early
NASTY = ["a\nb", "a\rb", "a\x85b", "a\u2028b", "a\u2029b", "\ufeffa", "a\x00b", "a\x1bb", "a\x7fb", "a\ud7ffb"]
NASTY += ["'q'", '"q"', "\\", "# c", "a: b", "- x", "&a *a !t", "\t", "\U0001f600", "\ue000"]


@pytest.mark.parametrize("nasty", NASTY, ids=[repr(n) for n in NASTY])
def test_any_spelling_or_draft_name_reads_back_exactly(nasty: str) -> None:
    groups = [_group("x" + nasty, "y" + nasty, drafts=(f"posts/{nasty}.yaml",))]
    for text in (variants.render_yaml(groups, 1, "en"), variants.render_yaml(groups, 1, "ja")):
        document = yaml.safe_load(text)
        assert document["rules"][0]["expected"] == "x" + nasty
        assert document["rules"][0]["specs"][0] == {"from": "y" + nasty, "to": "x" + nasty}
        # eight lines of YAML and two comments on the rule: no comment or scalar broke in two
        lines = text.splitlines()
        assert len([line for line in lines if not line.lstrip().startswith("#")]) == 8
        assert len([line for line in lines if line.startswith(("  #", "      #"))]) == 2
    assert json.loads(variants.render_json(groups))["variants"][0]["forms"][0]["drafts"] == [f"posts/{nasty}.yaml"]


# (the variant, the group's spellings: expected first, the prh pattern)
PATTERNS = [
    ("珈琲", ("コーヒー", "珈琲"), "珈琲"),
    ("サーバ", ("サーバー", "サーバ"), "/サーバ(?!ー)/"),  # the start of the expected spelling
    ("込み", ("申込み", "込み"), "/(?<!申)込み/"),  # its end
    ("申込", ("申し込み", "申込", "申込み"), "/申込(?!み)/"),  # the start of another variant
    ("合わ", ("問い合わせ", "合わ"), "/(?!(?<=問い)合わせ)合わ/"),  # its middle
    ("ーー", ("ーーー", "ーー"), "/(?!ーーー)(?!(?<=ー)ーー)ーー/"),  # twice, overlapping
    ("Ok", ("OK", "Ok"), "/\\bOk\\b/"),  # Latin: not inside Okinawa
    ("ok", ("OKです", "ok"), "/\\bok\\b/"),
    ("Ｏｋ", ("OK", "Ｏｋ"), "Ｏｋ"),  # full-width letters: no ASCII word edge
    ("/x/", ("y", "/x/"), "/\\/x\\//"),  # a string prh would read as a regex
    ("a.b", ("c", "a.b"), "/\\ba\\.b\\b/"),
]


@pytest.mark.parametrize(("form", "spellings", "expected"), PATTERNS, ids=[p[0] for p in PATTERNS])
def test_patterns_never_rewrite_another_spelling(form: str, spellings: tuple[str, ...], expected: str) -> None:
    assert variants.pattern(form, _group(*spellings)) == expected


def _prh_regex(pattern: str) -> re.Pattern[str]:
    """A pattern as prh compiles it, in Python: `/.../` is a regex, a string is matched literally;
    re.ASCII for JavaScript's ASCII \\b (the patterns use nothing else that differs)."""
    found = re.fullmatch(r"/(.*)/([gimy]*)", pattern, re.DOTALL)
    return re.compile(found[1] if found else re.escape(pattern), re.ASCII)


SPEC_GROUPS = [
    _group("サーバー", "サーバ"),
    _group("申し込み", "申込", "申込み"),
    _group("問い合わせ", "合わ"),
    _group("ーーー", "ーー"),
    _group("OK", "Ok", "ok"),
    _group("申込み", "込み"),
]


@pytest.mark.parametrize("group", SPEC_GROUPS, ids=[g.expected.text for g in SPEC_GROUPS])
def test_the_specs_hold(group: Group) -> None:
    [rule] = variants.rules([group])
    combined = re.compile("|".join(f"(?:{_prh_regex(p).pattern})" for p in rule["patterns"]), re.ASCII)  # type: ignore[attr-defined]
    for spec in rule["specs"]:  # type: ignore[attr-defined]
        assert combined.sub(rule["expected"], spec["from"]) == spec["to"]  # type: ignore[arg-type]
    assert combined.sub(rule["expected"], "Okinawa") == "Okinawa"  # type: ignore[arg-type]


PRH_IN_JS = """
const rules = JSON.parse(require("fs").readFileSync(0, "utf8")).rules;
const special = /[\\\\^$.*+?()[\\]{}|\\/-]/g;  // what prh escapes in a string pattern
const failed = [];
for (const rule of rules) {
  const sources = rule.patterns.map(p => {
    const m = p.match(/^\\/(.*)\\/([gimy]*)$/);
    return m ? m[1] : p.replace(special, "\\\\$&");
  });
  const re = new RegExp("(?:" + sources.join("|") + ")", "gm");
  for (const spec of rule.specs) {
    const got = spec.from.replace(re, () => rule.expected);
    if (got !== spec.to) failed.push([spec.from, spec.to, got]);
  }
}
console.log(JSON.stringify(failed));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_specs_hold_in_javascript() -> None:
    """As prh runs them (its patterns combined into one alternation, flags gm): node, not Python."""
    groups = [*SPEC_GROUPS, _group("/x/", "/y/"), _group("a.b", "a-b")]
    done = subprocess.run(
        ["node", "-e", PRH_IN_JS], input=variants.render_json(groups), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


KINDS = [
    ("ｺｰﾋｰ", "コーヒー", "width"),
    ("ＡＢＣ", "ABC", "width"),
    ("Ok", "OK", "case"),
    ("ＩＰＨＯＮＥ", "iPhone", "case"),
    ("サーバ", "サーバー", "long-vowel"),
    ("リンゴ", "りんご", "kana"),
    ("問合せ", "問い合わせ", "okurigana"),
    ("珈琲", "コーヒー", "kanji"),
    ("Web", "ウェブ", "script"),
    ("附属", "付属", "other"),
    ("シュミレーション", "シミュレーション", "other"),
]


@pytest.mark.parametrize(("form", "expected", "kind"), KINDS, ids=[k[0] for k in KINDS])
def test_each_variant_says_how_it_differs(form: str, expected: str, kind: str) -> None:
    assert variants.kind(form, expected) == kind


@pytest.mark.parametrize(
    "text",
    ["", "a\nb\n", "コーヒー\n" * 20_000, "長" * 40_000, "😀" * 30_000 + "\nx", "\r\n".join(["行"] * 30_000)],
    ids=["empty", "short", "many-lines", "one-long-line", "astral", "crlf"],
)
def test_chunks_fit_what_sudachi_reads_and_lose_nothing(text: str) -> None:
    pieces = list(variants.chunks(text))
    assert "".join(pieces) == text
    assert all(0 < len(p.encode("utf-8")) <= variants.MAX_CHUNK_BYTES for p in pieces)


def test_a_long_line_is_cut_after_punctuation_not_inside_a_word() -> None:
    pieces = list(variants.chunks("コーヒー。" * 2_000))
    assert len(pieces) > 1 and all(p.endswith("。") for p in pieces)


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "pasha terms needs the Japanese morphological analyser: pip install 'pasha-cli[ja]'"),
        ("ja", "pasha terms には日本語の形態素解析器が必要です: pip install 'pasha-cli[ja]'"),
    ],
)
@pytest.mark.parametrize("missing", ["sudachipy", "sudachidict_core"])
def test_without_the_extra_exit_2_and_how_to_install(
    project: Project, monkeypatch: pytest.MonkeyPatch, lang: str, message: str, missing: str
) -> None:
    _write(project, {"a": "サーバー。サーバ。"})
    monkeypatch.setitem(sys.modules, missing, None)  # as if not installed: importing it fails
    result = run(["terms", "--lang", lang, "--config", str(project.root / "pasha.toml"), "-o", "out.yml"])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert not (Path.cwd() / "out.yml").exists()


@needs_sudachi
def test_output_file_written_once_then_only_with_force(project: Project) -> None:
    _write(project, {"a": "サーバー。", "b": "サーバ。"})
    target = project.root / "style" / "brand.prh.yml"
    printed = _terms(project).stdout
    written = _terms(project, "-o", str(target))
    assert target.read_text("utf-8") == printed
    assert f"Created {target}" in written.stderr and written.stdout == ""
    target.write_text("# the team's edits\n", "utf-8")
    refused = run(["terms", "--config", str(project.root / "pasha.toml"), "-o", str(target)])
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert target.read_text("utf-8") == "# the team's edits\n"
    _terms(project, "-o", str(target), "--force")
    assert target.read_text("utf-8") == printed


@needs_sudachi
@pytest.mark.parametrize("target", ["pasha.toml", A], ids=["config", "draft"])
@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_never_over_the_config_or_a_draft(project: Project, target: str, force: list[str]) -> None:
    _write(project, {"a": "サーバー。", "b": "サーバ。"})
    before = (project.root / target).read_bytes()
    result = run(["terms", "--config", str(project.root / "pasha.toml"), "-o", str(project.root / target), *force])
    assert result.exit_code == 2
    assert "never writes over it" in result.stderr
    assert (project.root / target).read_bytes() == before
