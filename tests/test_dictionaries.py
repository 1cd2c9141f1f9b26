"""Brand dictionaries (prh YAML, PSH120): each prh feature, JavaScript's regex semantics, the files
and their imports, real-world shapes, the CLI, and hostile dictionaries. Our own cases throughout."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from pasha_cli.project import dictionaries
from pasha_cli.project.dictionaries import DictionaryError, WordingRule, find, load
from pasha_cli.project.jsregex import JsSyntaxError, translate
from tests.conftest import BASE_CONFIG, NOW, Project, run


def rules_of(root: Path, text: str, **others: str) -> tuple[WordingRule, ...]:
    """The rules of `text` as style/brand.prh.yml (and of `others`, by their paths) in a project at root."""
    for rel, content in {"style/brand.prh.yml": text, **others}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content), "utf-8")
    return load(root.resolve(), ["style/brand.prh.yml"])


def found(rules: tuple[WordingRule, ...], text: str) -> list[tuple[str, str]]:
    """(as written, replacement) of every finding in `text`."""
    return [(d.wording, d.replacement) for d in find(rules, text).diffs]


def one_rule(root: Path, rule: str) -> tuple[WordingRule, ...]:
    return rules_of(root, "version: 1\nrules:\n" + textwrap.indent(textwrap.dedent(rule), "  "))


# --- expected alone: width- and case-insensitive, as prh spreads it ---


@pytest.mark.parametrize(
    ("expected", "text", "findings"),
    [
        (
            "Cookie",
            "cookie COOKIE ｃｏｏｋｉｅ ＣｏｏＫＩＥ Cookie",
            [(w, "Cookie") for w in ("cookie", "COOKIE", "ｃｏｏｋｉｅ", "ＣｏｏＫＩＥ")],
        ),
        ("iPhone 15", "iphone １５ と IPHONE 15", [("iphone １５", "iPhone 15"), ("IPHONE 15", "iPhone 15")]),
        ("楽天ポイント", "楽天ポイント", []),  # the text as written: no finding
        ("ＵＳＢ", "usb ＵＳＢ", []),  # a full-width letter in `expected` matches only itself (prh's spreading)
        ("Node.js", "Node-js and Node.js", [("Node-js", "Node.js")]),  # prh reads `expected` as a regex: . is any
    ],
)
def test_expected_alone_matches_every_width_and_case(tmp_path: Path, expected: str, text: str, findings: list) -> None:
    rules = one_rule(tmp_path, f"- expected: {json.dumps(expected, ensure_ascii=False)}\n")
    assert found(rules, text) == findings


def test_a_rule_written_as_a_bare_text_is_its_expected(tmp_path: Path) -> None:
    rules = rules_of(tmp_path, "version: 1\nrules:\n  - GitHub\n")
    assert found(rules, "github") == [("github", "GitHub")]


# --- pattern / patterns: texts as written, /regex/ in JavaScript syntax ---


@pytest.mark.parametrize(
    ("rule", "text", "findings"),
    [
        ("expected: デフォルト\npattern: ディフォルト", "ディフォルト設定", [("ディフォルト", "デフォルト")]),
        ("expected: メール\npattern: e-mail", "e-mail と E-mail", [("e-mail", "メール")]),  # a text: case as written
        ("expected: 株式会社\npattern: (株)", "(株)楽天 (株楽天", [("(株)", "株式会社")]),  # ( ) as text
        (
            "expected: /usr/local/bin\npattern: /usr/bin",
            "see /usr/bin",
            [("/usr/bin", "/usr/local/bin")],
        ),  # not /regex/
        (
            "expected: ハードウェア\npatterns:\n  - ハードウエアー\n  - ハードウエア",
            "ハードウエアーとハードウエア",
            [("ハードウエアー", "ハードウェア"), ("ハードウエア", "ハードウェア")],
        ),
        ("expected: サーバー\npattern: /サーバ(?!ー)/", "サーバとサーバー", [("サーバ", "サーバー")]),
        ("expected: Wi-Fi\npattern: /wi-?fi/i", "wifi WIFI Wi-Fi", [("wifi", "Wi-Fi"), ("WIFI", "Wi-Fi")]),
        ("expected: 記事\npattern: /(?<!記|大)事/", "記事 大事 火事", [("事", "記事")]),  # look-behind
        ("expected: ok\npattern: /^ng$/", "ng\nx ng\nng", [("ng", "ok"), ("ng", "ok")]),  # m is always on
        ("expected: 一\npattern: /a.b/", "a\u2028b axb", [("axb", "一")]),  # . stops at U+2028 too
        ("expected: 年\npattern: /(?<y>\\d{4})年/", "2030年", [("2030年", "年")]),  # a named group
    ],
)
def test_patterns_as_texts_and_as_javascript_regexes(tmp_path: Path, rule: str, text: str, findings: list) -> None:
    assert found(one_rule(tmp_path, "- " + rule.replace("\n", "\n  ") + "\n"), text) == findings


@pytest.mark.parametrize(
    ("pattern", "text", "matched"),
    [
        (r"\d+円", "500円 ５００円 ٥٠٠円", ["500円"]),  # JS \d is ASCII: full-width and Arabic digits are not
        (r"\w+", "café 日本 snake_case", ["caf", "snake_case"]),  # JS \w is ASCII
        (r"\bjs\b", "今日もjs祭り altjs js_x", ["js"]),  # JS \b: a kanji is no word character
        (r"a\sb", "a\ufeffb a\u0085b a\u3000b", ["a\ufeffb", "a\u3000b"]),  # JS \s holds U+FEFF, not U+0085
        (r"\u{1F600}|\uD83D\uDE01", "😀😁", ["😀", "😁"]),  # code point escapes and a surrogate pair
        (r"(a)|\1b", "b", ["b"]),  # a reference to a group that did not take part matches nothing, in JS
        (r"[\W\d]", "S9!", ["9", "!"]),
        (r"\p{Script=Han}+", "漢字かな", ["漢字"]),
    ],
)
def test_javascript_shorthands_keep_their_javascript_meaning(pattern: str, text: str, matched: list[str]) -> None:
    import regex

    done = translate(pattern, ignorecase=False)
    assert [m.group() for m in regex.compile(done.pattern).finditer(text)] == matched


def test_ignorecase_takes_the_long_s_and_kelvin_sign_as_javascript_does() -> None:
    import regex

    done = translate(r"\w+", ignorecase=True)
    assert regex.compile(done.pattern, regex.IGNORECASE).fullmatch("ſ\u212a") is not None


@pytest.mark.parametrize(
    ("expected", "pattern", "text", "replacement"),
    [
        ("（$1）", r"/\(([^)]+)\)/", "(注)", "（注）"),
        ("$2$1", "/(a)(b)/", "ab", "ba"),
        ("$&!", "/x/", "x", "$&!"),  # prh fills $1..$99 only: $& is text
        ("[$12]", "/(a)/", "a", "[$12]"),  # group 12 is not the pattern's: as written
        ("<$1>", "/(a)?b/", "b", "<>"),  # a group that did not take part is empty
        ("$0", "/q/", "q", "$0"),
        ("$1", "/(x)?(?:(a)|b)+/", "xab", "x"),  # group 2 (inside the repetition) is not read: not refused
    ],
)
def test_groups_in_expected(tmp_path: Path, expected: str, pattern: str, text: str, replacement: str) -> None:
    rules = one_rule(tmp_path, f"- expected: {json.dumps(expected)}\n  pattern: {json.dumps(pattern)}\n")
    assert found(rules, text) == [(text, replacement)]


@pytest.mark.parametrize(
    ("rule", "text", "findings"),
    [
        ("expected: js\noptions: {wordBoundary: true}", "JS altJS 今日もJS祭り", [("JS", "js"), ("JS", "js")]),
        ("expected: js\noptions: {wordBoundary: false}", "altJS", [("JS", "js")]),
        ("expected: go\npatterns: [Go, GO]\noptions: {wordBoundary: true}", "Go GOAL GO", [("Go", "go"), ("GO", "go")]),
    ],
)
def test_word_boundary(tmp_path: Path, rule: str, text: str, findings: list) -> None:
    assert found(one_rule(tmp_path, "- " + rule.replace("\n", "\n  ") + "\n"), text) == findings


def test_regexp_must_empty_skips_a_match_whose_group_took_part(tmp_path: Path) -> None:
    rules = one_rule(tmp_path, "- expected: ソフトウェア\n  pattern: /(日経)?ソフトウエア/\n  regexpMustEmpty: $1\n")
    assert found(rules, "日経ソフトウエアとソフトウエア") == [("ソフトウエア", "ソフトウェア")]


@pytest.mark.parametrize(
    ("rules", "text", "findings"),
    [
        # one start: the longer match wins, whichever rule comes first
        ("- {expected: AB, pattern: ab}\n- {expected: ABC, pattern: abc}", "abc", [("abc", "ABC")]),
        # different starts: the earlier wins
        ("- {expected: X, pattern: bcd}\n- {expected: Y, pattern: abc}", "abcd", [("abc", "Y")]),
        # the same span from two rules: the first rule's
        ("- {expected: P, pattern: ab}\n- {expected: Q, pattern: ab}", "ab", [("ab", "P")]),
        # prh compares each match with the one before it in order, kept or not: cde goes, for bcd
        (
            "- {expected: A, pattern: abc}\n- {expected: B, pattern: bcd}\n- {expected: C, pattern: cde}",
            "abcde",
            [("abc", "A")],
        ),
        # a match that is `expected` itself is dropped first (prh's applyRule): the other rule's counts
        (
            "- {expected: 楽天市場, pattern: /楽天市場/}\n- {expected: 楽天, pattern: 楽天市}",
            "楽天市場",
            [("楽天市", "楽天")],
        ),
        # one whose replacement reads as the match is dropped only when reported: it keeps its place
        ("- {expected: $1, pattern: /(楽天市場)/}\n- {expected: 楽天, pattern: 楽天市}", "楽天市場", []),
    ],
)
def test_overlapping_matches_resolve_as_prh_resolves_them(
    tmp_path: Path, rules: str, text: str, findings: list
) -> None:
    assert found(one_rule(tmp_path, rules + "\n"), text) == findings


def test_a_match_never_crosses_a_blank_line(tmp_path: Path) -> None:
    rules = one_rule(tmp_path, "- expected: 一\n  pattern: /a\\s+b/\n")
    assert found(rules, "a\nb") == [("a\nb", "一")]
    assert found(rules, "a\n\nb") == []  # prh works paragraph by paragraph


# --- imports ---


def test_imports_merge_after_the_files_own_rules_less_ignored_ones(tmp_path: Path) -> None:
    main = """\
        version: 1
        imports:
          - path: shared/base.yml
            ignoreRules:
              - /[JjＪｊ][SsＳｓ]/gmu
              - expected: Cookie
          - shared/extra.yml
        rules:
          - expected: サーバー
            pattern: /サーバ(?!ー)/
        """
    base = "version: 1\nrules:\n  - js\n  - Cookie\n  - GitHub\n  - expected: サーバ\n    pattern: server\n"
    extra = "version: 1\nimports: deeper.yml\nrules:\n  - iPhone\n"
    deeper = "version: 1\nrules:\n  - Android\n"
    rules = rules_of(
        tmp_path,
        main,
        **{"style/shared/base.yml": base, "style/shared/extra.yml": extra, "style/shared/deeper.yml": deeper},
    )
    assert [r.expected for r in rules] == ["サーバー", "GitHub", "サーバ", "iPhone", "Android"]
    assert {r.file for r in rules} >= {"style/brand.prh.yml", "style/shared/base.yml", "style/shared/deeper.yml"}


def test_disable_imports_stops_at_the_imported_file(tmp_path: Path) -> None:
    main = "version: 1\nimports:\n  - path: extra.yml\n    disableImports: true\n"
    rules = rules_of(
        tmp_path,
        main,
        **{"style/extra.yml": "version: 1\nimports: deeper.yml\nrules: [iPhone]\n", "style/deeper.yml": "rules: [X]\n"},
    )
    assert [r.expected for r in rules] == ["iPhone"]


def test_a_rule_already_there_by_its_expected_is_not_added_again(tmp_path: Path) -> None:
    main = "version: 1\nimports: other.yml\nrules:\n  - {expected: Cookie, pattern: cookie}\n"
    rules = rules_of(tmp_path, main, **{"style/other.yml": "rules: [Cookie]\n"})
    assert len(rules) == 1 and found(rules, "COOKIE cookie") == [("cookie", "Cookie")]


@pytest.mark.parametrize(
    ("files", "file", "line"),
    [
        ({"style/brand.prh.yml": "version: 1\nimports: brand.prh.yml\n"}, "style/brand.prh.yml", 2),
        (
            {
                "style/brand.prh.yml": "version: 1\nrules: [x]\nimports:\n  - a.yml\n",
                "style/a.yml": "imports:\n  - b.yml\n",
                "style/b.yml": "version: 1\n\nimports: [brand.prh.yml]\n",
            },
            "style/b.yml",
            3,
        ),
    ],
)
def test_an_import_cycle_is_refused_at_the_import(tmp_path: Path, files: dict[str, str], file: str, line: int) -> None:
    with pytest.raises(DictionaryError) as caught:
        rules_of(tmp_path, files.pop("style/brand.prh.yml"), **files)
    assert (caught.value.file, caught.value.line) == (file, line) and "cycle" in caught.value.reason.en


@pytest.mark.parametrize("path", ["../../outside.yml", "missing.yml", "/etc/passwd"])
def test_an_import_outside_the_project_or_missing(tmp_path: Path, path: str) -> None:
    (tmp_path / "outside.yml").write_text("rules: [x]\n", "utf-8")
    with pytest.raises(DictionaryError) as caught:
        rules_of(tmp_path / "p", f"version: 1\nimports: {path}\n")
    assert caught.value.line == 2 and path in caught.value.reason.en


# --- specs, and the dictionaries pasha refuses (file and line) ---


def test_a_failing_spec_names_its_file_and_line(tmp_path: Path) -> None:
    text = """\
        version: 1
        rules:
          - expected: JavaScript
            specs:
              - from: JAVASCRIPT
                to: JavaScript
              - from: javascript
                to: JavaScprit
        """
    with pytest.raises(DictionaryError) as caught:
        rules_of(tmp_path, text)
    assert (caught.value.file, caught.value.line) == ("style/brand.prh.yml", 7)
    assert "JavaScprit" in caught.value.reason.en and "JavaScript" in caught.value.reason.en


@pytest.mark.parametrize(
    ("pattern", "said"),
    [
        ("/(?i:a)b/", "invalid group"),  # inline flags: not prh's JavaScript
        ("/a++/", "nothing to repeat"),  # possessive: not JavaScript
        (r"/e\-mail/", "invalid escape"),  # \- outside a class is an error in u mode
        ("/a{2/", "incomplete quantifier"),
        ("/(?=a)*/", "invalid quantifier"),
        ("/x/s", "plain text"),  # prh's /regex/ takes g i m y: with s it is text, surely not what is meant
        ("/x/u", "plain text"),
        ("/x/gg", "plain text"),
        (r"/\p{Emoji}/", "property escape"),
        (r"/(?:(a)|b)+/", None),  # a group inside a repetition, unread: fine
        ("/[b-a]/", "out of order"),
        (r"/\2(a)/", "does not exist"),
        ("/(a/", "unterminated group"),
        ("/a)/", "unmatched"),
    ],
)
def test_an_untranslatable_regex_is_refused_with_file_and_line(tmp_path: Path, pattern: str, said: str | None) -> None:
    text = f"version: 1\nrules:\n  - expected: x\n    pattern: {json.dumps(pattern)}\n"
    if said is None:
        assert rules_of(tmp_path, text)
        return
    with pytest.raises(DictionaryError) as caught:
        rules_of(tmp_path, text)
    assert said in caught.value.reason.en and caught.value.line == 4


@pytest.mark.parametrize(
    ("rule", "said", "line"),
    [
        ('expected: "$1"\npattern: /(?:(a)|b)+/', "repeated group", 4),  # JS empties (a) on each repetition
        ('expected: "$1"\npattern: /(?<=(a+))b/', "look-behind", 4),  # JS fills it right to left
        ('expected: "$1"\npattern: /([^a]?)+b/', "repeated group", 4),  # V8 drops the empty last repetition
        ("expected: x\npatterns: [/a/i, b]", "flags differ", 4),
        ("expected: x\npattern: ''", "empty", 4),
        ("expected: x\npattern: /a?/", "empty text", 3),  # prh would never finish on it
        ("expected: x\nregexpMustEmpty: '1'", "$1", 4),
        ("pattern: x", "expected", 3),
        ("expected: 5", "expected", 3),
        ("expected: x\noptions: {wordBoundary: 'yes'}", "wordBoundary", 3),
        ("expected: x\nspecs: [{from: a}]", "from: text", 4),
        ("expected: x\npattern: " + "a" * 1001, "longer", 4),
    ],
)
def test_a_malformed_rule_is_refused_at_its_line(tmp_path: Path, rule: str, said: str, line: int) -> None:
    with pytest.raises(DictionaryError) as caught:
        one_rule(tmp_path, "- " + rule.replace("\n", "\n  ") + "\n")
    assert said in caught.value.reason.en and caught.value.line == line


@pytest.mark.parametrize(
    ("text", "said", "line"),
    [
        ("version: 1\nrules:\n  - [a\n", "YAML", 4),
        ("version: 2\nrules: []\n", "version", 1),
        ("- a\n- b\n", "mapping", 1),
        ("version: 1\nrules: 5\n", "rules", 2),
        ("version: 1\nx: &a [1]\nrules:\n  - *a\n", "aliases", 2),  # the anchored node's line
        ("version: 1\ntargets:\n  - file: /x/\nrules: []\n", "targets", 3),
        ("version: 1\nimports: 5\n", "imports", 2),
        ("version: 1\nrules:\n  - expected: !!python/object:os.system x\n", "YAML", 3),
        ("version: !!int x\n", "YAML", 1),
    ],
)
def test_a_malformed_file_is_refused_with_its_line(tmp_path: Path, text: str, said: str, line: int) -> None:
    with pytest.raises(DictionaryError) as caught:
        rules_of(tmp_path, text)
    assert said in caught.value.reason.en and caught.value.line == line


# --- real-world shapes ---

PUBLISHED_SHAPE = """\
# 表記統一ルール（ブランド・商品名・送り仮名） — in the shape of prh's published dictionaries
version: 1

rules:
  # ブランド・サービス名
  - expected: 楽天市場
    pattern: /楽天(?:いちば|イチバ|市場)/
    specs:
      - from: 楽天いちばで購入
        to: 楽天市場で購入
  - expected: 楽天ポイント
    patterns:
      - 楽天ＰＯＩＮＴ
      - 楽天 ポイント
  - expected: iPhone
  - expected: LINE
    options:
      wordBoundary: true
    specs:
      - from: line公式
        to: LINE公式
      - from: online
        to: online
  # 送り仮名・漢字の開き
  - expected: お問い合わせ
    pattern: /お問(?:い)?合(?:わ)?せ/
    prh: 社内表記では「お問い合わせ」
  - expected: ください
    pattern: /下さい/
  - expected: 一つ
    pattern: /ひとつ/
  # 長音（後ろに続く長音は二重にしない）
  - expected: $1ー
    pattern: /(サーバ|ユーザ|ブラウザ)(?!ー)/
    specs:
      - from: ユーザとサーバ
        to: ユーザーとサーバー
      - from: ユーザー
        to: ユーザー
  # 括弧と数字
  - expected: （$1）
    pattern: /\\(([^()]{1,20})\\)/
  - expected: $1%
    pattern: /(\\d+)％/
    specs:
      - from: 最大50％OFF
        to: 最大50%OFF
"""


def test_a_dictionary_in_the_shape_of_the_published_ones(tmp_path: Path) -> None:
    rules = rules_of(tmp_path, PUBLISHED_SHAPE)
    body = "楽天いちばの楽天 ポイント。iphoneとline公式、お問合せ下さい。ユーザとサーバ(送料無料)で最大20％"
    assert found(rules, body) == [
        ("楽天いちば", "楽天市場"),
        ("楽天 ポイント", "楽天ポイント"),
        ("iphone", "iPhone"),
        ("line", "LINE"),
        ("お問合せ", "お問い合わせ"),
        ("下さい", "ください"),
        ("ユーザ", "ユーザー"),
        ("サーバ", "サーバー"),
        ("(送料無料)", "（送料無料）"),
        ("20％", "20%"),
    ]
    assert [d.rule.note for d in find(rules, "お問合せ").diffs] == ["社内表記では「お問い合わせ」"]


def generated(count: int) -> str:
    """`count` brand entries: expected-only names, text patterns and regexes, a spec every 50th."""
    lines = ["version: 1", "rules:"]
    for n in range(count):
        kind = n % 3
        if kind == 0:
            lines.append(f"  - expected: Brand{n}X")
        elif kind == 1:
            lines += [f"  - expected: 商品{n}号", f"    pattern: しょうひん{n}ごう"]
        else:
            lines += [f"  - expected: モデル{n}", f"    pattern: /もでる{n}(?![0-9])/"]
        if n % 50 == 0 and kind == 0:
            lines += ["    specs:", f"      - from: brand{n}x", f"        to: Brand{n}X"]
    return "\n".join(lines) + "\n"


def test_two_thousand_generated_entries(tmp_path: Path) -> None:
    rules = rules_of(tmp_path, generated(2000))
    assert len(rules) == 2000
    body = "ＢＲＡＮＤ1998ｘ と しょうひん1999ごう、もでる2000 と もでる1997 と BRAND30X"
    assert found(rules, body) == [
        ("ＢＲＡＮＤ1998ｘ", "Brand1998X"),
        ("しょうひん1999ごう", "商品1999号"),
        ("もでる1997", "モデル1997"),
        ("BRAND30X", "Brand30X"),
    ]
    assert sum(1 for r in rules if r.hints) == 2000  # every one skipped, uncompiled, by a body without its text


def test_a_second_load_reads_the_cache_and_a_changed_import_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    others = {"style/other.yml": "rules: [GitHub]\n"}
    first = rules_of(tmp_path, "version: 1\nimports: other.yml\nrules: [Cookie]\n", **others)

    def no_yaml(*args: object) -> None:
        raise AssertionError("YAML read again")

    with monkeypatch.context() as patched:
        patched.setattr(dictionaries, "_compose", no_yaml)
        assert load(tmp_path.resolve(), ["style/brand.prh.yml"]) == first
    (tmp_path / "style/other.yml").write_text("rules: [GitLab]\n", "utf-8")
    assert [r.expected for r in load(tmp_path.resolve(), ["style/brand.prh.yml"])] == ["Cookie", "GitLab"]


# --- through the CLI ---

DICTIONARY = "version: 1\nrules:\n  - expected: Cookie\n  - expected: サーバー\n    pattern: /サーバ(?!ー)/\n    prh: 長音を付けます\n"


def draft(body: str, account: str = "paid") -> str:
    lines = "".join(f"  {line}\n" for line in body.split("\n"))
    return f"account: {account}\npublish_at: 2030-04-16 10:00\nbody: |\n{lines}"


def dictionary_project(root: Path, config: str = 'dictionaries = ["style/brand.prh.yml"]\n') -> Project:
    project = Project(root, config + BASE_CONFIG)
    project.write("style/brand.prh.yml", DICTIONARY)
    return project


@pytest.mark.parametrize(
    ("body", "strict", "code"),
    [("Cookie とサーバーの話", "--strict", 0), ("cookie とサーバの話", "", 0), ("cookie", "--strict", 1)],
)
def test_exit_codes(tmp_path: Path, body: str, strict: str, code: int) -> None:
    project = dictionary_project(tmp_path)
    project.draft("a.yaml", draft(body))
    result = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW, *strict.split()])
    assert result.exit_code == code, result.output


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", '"サーバ" in the body at line 2, column 3: write "サーバー": 長音を付けます (style/brand.prh.yml:4)'),
        ("ja", "本文 2 行 3 文字目の「サーバ」は「サーバー」と書きます: 長音を付けます（style/brand.prh.yml:4）"),
    ],
)
def test_a_finding_in_json_in_both_languages(tmp_path: Path, lang: str, message: str) -> None:
    project = dictionary_project(tmp_path)
    project.draft("a.yaml", draft("新しい\n旧いサーバ"))
    result = run(
        ["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW, "--format", "json", "--lang", lang]
    )
    findings = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "PSH120"]
    assert [(f["line"], f["column"], f["message"], f["severity"]) for f in findings] == [(5, 5, message, "warning")]


def test_each_account_adds_its_own_dictionaries(tmp_path: Path) -> None:
    config = BASE_CONFIG.replace('plan = "paid"\n', 'plan = "paid"\ndictionaries = ["style/paid.yml"]\n')
    project = dictionary_project(tmp_path, 'dictionaries = ["style/brand.prh.yml"]\n' + config.replace(BASE_CONFIG, ""))
    project.write("pasha.toml", 'dictionaries = ["style/brand.prh.yml"]\n' + config)
    project.write("style/paid.yml", "rules: [iPhone]\n")
    project.draft("a.yaml", draft("iphone と cookie", "paid"))
    project.draft("b.yaml", draft("iphone と cookie", "free"))
    _, report = project.validate()
    words = sorted((f["path"], f["message"].split('"')[1]) for f in report["findings"] if f["code"] == "PSH120")
    assert words == [("posts/a.yaml", "cookie"), ("posts/a.yaml", "iphone"), ("posts/b.yaml", "cookie")]


@pytest.mark.parametrize(
    ("config", "key"),
    [
        ('dictionaries = ["style/missing.yml"]\n', "dictionaries.0"),
        ('dictionaries = ["../outside.yml"]\n', "dictionaries.0"),
        ('dictionaries = ["style/brand.prh.yml", "/etc/passwd"]\n', "dictionaries.1"),
        ("dictionaries = 5\n", "dictionaries"),
    ],
)
def test_a_missing_or_outside_dictionary_is_a_config_error(tmp_path: Path, config: str, key: str) -> None:
    (tmp_path / "outside.yml").write_text("rules: [x]\n", "utf-8")
    project = dictionary_project(tmp_path / "p", config)
    result = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW])
    assert result.exit_code == 2 and key in result.output and "pasha.toml:1" in result.output, result.output


def test_an_account_dictionary_error_names_the_account_key_and_the_file_and_line(tmp_path: Path) -> None:
    config = BASE_CONFIG.replace('plan = "paid"\n', 'plan = "paid"\ndictionaries = ["style/paid.yml"]\n')
    project = Project(tmp_path, config)
    project.write("style/paid.yml", "version: 1\nrules:\n  - expected: x\n    specs: [{from: y, to: z}]\n")
    result = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW])
    assert result.exit_code == 2
    assert "accounts.paid.dictionaries.0: style/paid.yml:4:" in result.output, result.output


def test_pasha_rules_explains_psh120() -> None:
    result = run(["rules", "PSH120"])
    assert result.exit_code == 0 and "dictionary-wording" in result.output and "prh" in result.output


# --- hostile dictionaries: exit 2 within the bounds, never exit 3, never a stall ---


def _deep_imports(project: Project) -> None:
    for n in range(30):
        project.write(f"style/d{n}.yml", f"version: 1\nimports: d{n + 1}.yml\nrules: [W{n}]\n")
    project.write("style/brand.prh.yml", "version: 1\nimports: d0.yml\n")


def _many_rules(project: Project) -> None:
    project.write("style/brand.prh.yml", "version: 1\nrules:\n" + "".join(f"- R{n}\n" for n in range(100_000)))


@pytest.mark.parametrize(
    ("write", "said"),
    [
        (lambda p: p.write("style/brand.prh.yml", "rules:\n  - {expected: x, pattern: '/(a+)+$/'}\n"), "run away"),
        (lambda p: p.write("style/brand.prh.yml", "rules:\n  - {expected: x, pattern: '/(?:円+)+!/'}\n"), "run away"),
        (lambda p: p.write("style/brand.prh.yml", "rules:\n  - {expected: x, pattern: '/(x+x+)+y/'}\n"), "run away"),
        (_deep_imports, "deeper than"),
        (_many_rules, "more than 20,000 rules"),
        (lambda p: p.write("style/brand.prh.yml", b"\xff\xfe\x00binary"), "utf-8"),
        (lambda p: p.write("style/brand.prh.yml", "[" * 100_000), "brand.prh.yml"),
        (lambda p: p.write("style/brand.prh.yml", "a: &a [x]\nb: &b [*a, *a]\nc: [*b, *b]\n"), "aliases"),
        (lambda p: p.write("style/brand.prh.yml", "rules:\n  - {expected: x, pattern: '/a{99999}/'}\n"), "repeat"),
    ],
)
@pytest.mark.slow
def test_a_hostile_dictionary_is_refused(tmp_path: Path, write, said: str) -> None:  # type: ignore[no-untyped-def]
    project = Project(tmp_path, 'dictionaries = ["style/brand.prh.yml"]\n' + BASE_CONFIG)
    write(project)
    project.draft("a.yaml", draft("a" * 1999 + "!"))
    result = run(["validate", "--config", str(project.root / "pasha.toml"), "--now", NOW])
    assert result.exit_code == 2 and said in result.output, result.output


def test_a_rule_that_times_out_on_a_body_is_said_not_passed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = dictionary_project(tmp_path)
    project.draft("a.yaml", draft("cookie"))

    def slow(*args: object, **kwargs: object) -> None:
        raise TimeoutError

    monkeypatch.setattr(dictionaries, "rule_diffs", slow)
    _, report = project.validate()
    messages = [f["message"] for f in report["findings"] if f["code"] == "PSH120"]
    assert messages == [
        "the dictionary rule style/brand.prh.yml:3 could not be matched against this body in time: check it by hand"
    ]


def test_translation_errors_are_javascripts_not_pythons() -> None:
    with pytest.raises(JsSyntaxError):
        translate("(?P<x>a)", ignorecase=False)  # Python's group syntax: not JavaScript's
