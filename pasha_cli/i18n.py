"""Language choice and the message catalogue (rule texts live with their rules).

Every message is a template in Japanese and English side by side, filled by `t(key, **args)`;
one about a count is a pair of keys `key#one` / `key#other`, filled by `tn(key, count)`.
tests/test_i18n.py checks every pair of every catalogue (CATALOGUES) and every key the code uses.
Precedence: a command's --lang, then `pasha --lang` (clicktext), then PASHA_LANG, then the
locale (LC_ALL, LC_MESSAGES, LANG: ja* is Japanese), else English.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from pasha_cli.model import LocalText

LANGS = ("ja", "en")


def choose_lang(option: str | None, environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    if option in LANGS:
        return option
    explicit = env.get("PASHA_LANG", "").strip().lower()
    if explicit[:2] in LANGS:
        return explicit[:2]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:  # the first one set decides, as POSIX says
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


L = LocalText

MESSAGES: dict[str, LocalText] = {
    # project and config (exit 2)
    "no-project": L(
        "プロジェクト設定が見つかりません: {start} から上の各フォルダで pasha.toml と pyproject.toml の "
        "[tool.pasha] を探しました。`pasha init` で作成するか、--config で指定してください。",
        "No project config found: looked for pasha.toml and a [tool.pasha] table in pyproject.toml in "
        "{start} and every folder above it. Create one with `pasha init` or name it with --config.",
    ),
    "no-project-for-paths": L(
        "指定したパスはどの pasha プロジェクトにも属しません: 検査するものはありません。",
        "None of these paths lies in a pasha project: nothing to check.",
    ),
    "config-unreadable": L("{path}: 設定ファイルを読めません: {reason}", "{path}: cannot read the config: {reason}"),
    "config-toml": L("{path}:{line}: TOML の構文エラー: {reason}", "{path}:{line}: TOML syntax error: {reason}"),
    "config-invalid": L("{path}:{line}: {message}", "{path}:{line}: {message}"),
    "config-pattern": L(
        "drafts のパターン {pattern!r} はプロジェクトの外を指します（相対パスで、.. なしで）",
        "drafts: the pattern {pattern!r} reaches outside the project (use a relative path without ..)",
    ),
    "config-not-found": L("設定ファイルがありません: {path}", "Config file not found: {path}"),
    "config-no-table": L("{path} に [tool.pasha] テーブルがありません", "{path} has no [tool.pasha] table"),
    "config-window-order": L(
        "{path}:{line}: maintenance: end ({end}) が start ({start}) より後ではありません",
        "{path}:{line}: maintenance: end ({end}) is not after start ({start})",
    ),
    "config-link-domain": L("{key}: {entry!r} は使えません: {why}", "{key}: {entry!r} cannot be used: {why}"),
    # [content] terms: a project's term file (project/terms.py)
    "config-terms": L("{key}: {file} を使えません: {why}", "{key}: {file} cannot be used: {why}"),
    "config-terms-path": L("ファイルがないか、プロジェクトの外です", "missing, or outside the project"),
    "config-terms-big": L("{limit:,} バイトを超えています", "larger than {limit:,} bytes"),
    "term-budget": L(
        "用語ファイルの検査が {seconds} 秒を超えました（パターンを減らすか単純にしてください）",
        "checking the term files took more than {seconds} s (use fewer or simpler patterns)",
    ),
    "config-terms-many": L("用語が {count:,} 件あります（上限 {limit:,} 件）", "{count:,} terms (at most {limit:,})"),
    "config-terms-disable": L(
        "{key}: 用語 {id!r} はありません（出荷の用語一覧にも [content] terms にもありません）",
        "{key}: no term {id!r} (neither shipped nor in [content] terms)",
    ),
    "term-long": L(
        "{id}: {limit:,} 文字を超えるパターンがあります", "{id}: a pattern is longer than {limit:,} characters"
    ),
    "term-compile": L(
        "{id}: パターン {pattern!r} を解釈できません（{reason}）",
        "{id}: the pattern {pattern!r} does not compile ({reason})",
    ),
    "term-slow": L(
        "{id}: パターン {pattern!r} は入力によって処理が終わらなくなります（繰り返しの入れ子を避けてください）",
        "{id}: the pattern {pattern!r} can run away on some texts (avoid nested repetition)",
    ),
    "term-example": L(
        "{id}: matches の例 {example!r} に一致しません", "{id}: its `matches` example {example!r} does not match"
    ),
    "term-clean": L("{id}: clean の例 {example!r} に一致します", "{id}: its `clean` example {example!r} matches"),
    # brand dictionaries (prh YAML): the reason after "file:line:"
    "config-dictionary": L("{key}: {file}:{line}: {why}", "{key}: {file}:{line}: {why}"),
    "config-dictionary-path": L(
        "{key}: {file} がないか、プロジェクトの外です", "{key}: {file} is missing, or outside the project"
    ),
    "dict-yaml": L("YAML を読めません: {problem}", "cannot read the YAML: {problem}"),
    "dict-alias": L("YAML のエイリアス（*name）は使えません", "YAML aliases (*name) are not read"),
    "dict-big": L("{limit:,} バイトを超えています", "larger than {limit:,} bytes"),
    "dict-files": L(
        "読むファイルが {limit} を超えます（imports を減らしてください）",
        "more than {limit} files to read (fewer imports, please)",
    ),
    "dict-deep": L("imports の入れ子が {limit} 段を超えます", "imports nest deeper than {limit} levels"),
    "dict-many": L("ルールが {limit:,} 件を超えます", "more than {limit:,} rules"),
    "dict-budget": L(
        "辞書の読み込みと検査が {seconds} 秒を超えました（ルールを減らすか単純にしてください）",
        "reading and checking the dictionaries took more than {seconds} s (use fewer or simpler rules)",
    ),
    "dict-file-mapping": L(
        "ファイル全体をマッピング（version、rules など）で書いてください",
        "the file must be a mapping (version, rules...)",
    ),
    "dict-imports-paths": L("imports はパスかその一覧で書いてください", "imports must be a path or a list of them"),
    "dict-imports-item": L(
        "imports の各項目はパスか {{path: ...}} で書いてください", "each of imports must be a path or {{path: ...}}"
    ),
    "dict-ignore-list": L("ignoreRules は一覧で書いてください", "ignoreRules must be a list"),
    "dict-ignore-item": L(
        "ignoreRules の各項目はパターンか {{pattern, expected}} で書いてください",
        "each of ignoreRules must be a pattern or {{pattern, expected}}",
    ),
    "dict-rules-list": L("rules は一覧で書いてください", "rules must be a list"),
    "dict-rules-item": L(
        "rules の各項目はマッピングか文字列で書いてください", "each of rules must be a mapping or a text"
    ),
    "dict-boundary-bool": L(
        "options.wordBoundary は true か false で書いてください", "options.wordBoundary must be true or false"
    ),
    "dict-prh-text": L("prh（メッセージ）は文字列で書いてください", "prh (the message) must be a text"),
    "dict-specs-list": L("specs は一覧で書いてください", "specs must be a list"),
    "dict-specs-item": L(
        "specs の各項目は {{from: 文字列, to: 文字列}} で書いてください",
        "each of specs must be {{from: text, to: text}}",
    ),
    "dict-deep-yaml": L("YAML の入れ子が深すぎます", "the YAML nests too deeply"),
    "dict-version": L(
        "version {version!r} は読めません（prh の version 1 だけです）",
        "version {version!r} is not read (only prh's version 1)",
    ),
    "dict-targets": L(
        "targets（ファイルごとの対象範囲）は pasha では使えません。本文全体が対象です",
        "targets (per-file ranges) are not supported: pasha checks the whole body",
    ),
    "dict-import-path": L("imports の {path} を使えません（{why}）", "the import {path} cannot be used ({why})"),
    "dict-cycle": L(
        "imports の {path} はこのファイルに戻ってきます（循環）", "the import {path} leads back to this file (a cycle)"
    ),
    "dict-expected": L("ルールに expected（文字列）がありません", "the rule has no `expected` text"),
    "dict-long": L("{limit:,} 文字を超えるパターンがあります", "a pattern is longer than {limit:,} characters"),
    "dict-must-empty": L(
        "regexpMustEmpty は $1 の形で書いてください（{value!r}）", "regexpMustEmpty must be written as $1 ({value!r})"
    ),
    "dict-empty-pattern": L("空のパターンがあります", "a pattern is empty"),
    "dict-pattern-type": L("pattern は文字列かその一覧で書いてください", "a pattern must be a text or a list of texts"),
    "dict-flags": L(
        "{pattern!r}: prh はフラグ g i m y の /正規表現/ だけを正規表現として読みます（s や u があると文字どおりの"
        "文字列になります。m と u は常に有効です）",
        "{pattern!r}: prh reads /regex/ as a regex only with the flags g, i, m and y (with s or u it is plain "
        "text; m and u are always on)",
    ),
    "dict-mixed-flags": L(
        "patterns のフラグがそろっていません（prh は i のあるものとないものを組み合わせられません）",
        "the patterns' flags differ (prh cannot combine patterns with and without i)",
    ),
    "dict-regex": L("パターンを使えません: {reason}", "the pattern cannot be used: {reason}"),
    "dict-empty-match": L(
        "パターン {pattern} は空の文字列に一致します（prh はこの照合を終えられません）",
        "the pattern {pattern} matches the empty text (prh never finishes matching it)",
    ),
    "dict-slow": L(
        "パターン {pattern} は入力によって処理が終わらなくなります（繰り返しの入れ子を避けてください）",
        "the pattern {pattern} can run away on some texts (avoid nested repetition)",
    ),
    "dict-spec": L(
        "specs の {text!r} は {to!r} になるはずが {got!r} になりました",
        "the spec {text!r} should read {to!r} but reads {got!r}",
    ),
    "domain-wildcard": L(
        "* は要りません（ドメインを書けばサブドメインも許可されます: *.example.co.jp でなく example.co.jp）",
        "no * needed: a domain allows its subdomains (write example.co.jp, not *.example.co.jp)",
    ),
    "domain-not-bare": L(
        "ドメインだけを書いてください（example.co.jp のように。https://、パス、ポート、@、?、# は不要）",
        "write the domain alone, like example.co.jp (no https://, path, port, @, ? or #)",
    ),
    "domain-invalid": L("ドメイン名として読めません", "it is not a domain name a browser can open"),
    "domain-ip": L("IP アドレスはブランドのドメインになりません", "an IP address is no brand's domain"),
    "domain-top-level": L(
        "{domain} だけではどのブランドのドメインでもありません（その下のすべてのサイトを許可してしまいます）",
        "{domain} alone is no brand's domain (it would allow every site under it)",
    ),
    # links (PSH501 says why; the same reasons refuse a configured domain)
    "link-character": L(
        "{char} が含まれています（空白・改行・制御文字・不可視の文字は、ブラウザが黙って取り除いたり別の意味に読んだりします）",
        "it contains {char}, a space, line break, control or invisible character "
        "(browsers drop such characters or read them otherwise)",
    ),
    "link-no-scheme": L("https:// で始まっていません", "it does not start with https://"),
    "link-unparsable": L("ブラウザが開けない URL です", "it is not a URL a browser can open"),
    "link-scheme": L(
        "http または https の URL ではありません（{scheme}）", "it is not an http or https URL ({scheme})"
    ),
    "link-userinfo": L(
        "ユーザー情報（ホスト名の前の @ まで）を含む URL は使えません",
        "URLs with user information (up to an @ before the host) are not allowed",
    ),
    "link-empty-label": L(
        "ホスト名 {host} に空のラベル（..）があります", "its host name {host} has an empty label (..)"
    ),
    "link-punycode": L(
        "ホスト名のラベル {label} は正しい Punycode（xn--）ではありません",
        "its host name's label {label} is not valid Punycode (xn--)",
    ),
    "config-not-a-file": L(
        "{path}: 設定ファイルを読めません: {kind}です", "{path}: cannot read the config: it is {kind}"
    ),
    "config-kind-folder": L("フォルダー", "a folder"),
    "config-kind-special": L(
        "通常のファイルではありません（パイプ、デバイスなど）", "not a regular file (a pipe, a device...)"
    ),
    "config-too-large": L(
        "{path}: 設定ファイルが大きすぎます（{size:,} バイト、上限 {limit:,}）",
        "{path}: the config is too large ({size:,} bytes; the limit is {limit:,})",
    ),
    "config-maintenance-many": L(
        "{path}:{line}: maintenance: {kind}が {count:,} 個あります（上限 {limit:,} 個）",
        "{path}:{line}: maintenance: {count:,} {kind} (at most {limit:,})",
    ),
    "config-maintenance-all": L("時間帯", "windows"),
    "config-maintenance-recurring": L("繰り返し（rrule）", "recurrences (rrule)"),
    "config-maintenance": L("{path}:{line}: {key}: {reason}", "{path}:{line}: {key}: {reason}"),
    "config-bad-datetime": L(
        "日時 {value!r} を扱えません（{reason}）", "cannot use the date and time {value!r} ({reason})"
    ),
    "config-bad-date": L(
        "{key}: 日付 {value!r} を扱えません（{reason}）", "{key}: cannot use the date {value!r} ({reason})"
    ),
    "config-bad-duration": L(
        "期間 {value!r} を扱えません（PT5H のように、7 日以内で）",
        "cannot use the duration {value!r} (write it like PT5H, at most 7 days)",
    ),
    # drafts pasha cannot read (PSH001; PSH004 for a draft outside the project)
    "not-utf8": L(
        "UTF-8 ではありません（Shift_JIS などで保存されていませんか？ UTF-8 で保存し直してください）",
        "not UTF-8 (saved as Shift_JIS or similar? save it again as UTF-8)",
    ),
    "draft-outside": L(
        "下書きがプロジェクトの外を指しています（シンボリックリンク）",
        "the draft leads outside the project (symbolic link)",
    ),
    "draft-unreadable": L("ファイルを読めません: {reason}", "cannot read the file: {reason}"),
    "draft-not-regular": L(
        "通常のファイルではありません（フォルダー、FIFO、デバイス）", "not a regular file (a folder, a FIFO, a device)"
    ),
    "draft-too-large": L(
        "ファイルが大きすぎます（{size:,} バイト、上限 {limit:,}）",
        "the file is too large ({size:,} bytes; the limit is {limit:,})",
    ),
    "draft-empty": L("ファイルが空です", "the file is empty"),
    "draft-ambiguous-break": L(
        "{name} があります。YAML の読み手によって改行とみなすかどうかが違い、エディタや GitHub で見える内容と"
        "pasha が読む内容が食い違います。削除するか、ダブルクォートの文字列の中で \\u2028 のように書いてください",
        "it contains {name}, which some YAML readers take as a line break and editors, GitHub and others do not: "
        "what reviewers see would differ from what pasha checks. Remove it, or write it as an escape such as "
        "\\u2028 inside a double-quoted string",
    ),
    "draft-lone-surrogate": L(
        "`{field}` に文字ではない \\u エスケープ（対になっていないサロゲート）があります",
        "`{field}` has a \\u escape that is no character (a lone surrogate)",
    ),
    "draft-yaml-directive": L(
        "YAML のディレクティブ（%YAML、%TAG）は使えません（読み手によって解釈が違います）",
        "YAML directives (%YAML, %TAG) are not allowed: readers interpret them differently",
    ),
    "draft-yaml-syntax": L("YAML の構文エラー: {problem}", "YAML syntax error: {problem}"),
    "draft-yaml-unreadable": L("YAML を読めません: {reason}", "cannot read the YAML: {reason}"),
    "draft-json-syntax": L("JSON の構文エラー: {problem}", "JSON syntax error: {problem}"),
    "draft-json-unreadable": L("JSON を読めません: {reason}", "cannot read the JSON: {reason}"),
    "draft-too-deep": L("入れ子が深すぎます", "nested too deeply"),
    "draft-not-mapping": L("項目（キー: 値）の集まりではありません", "not a mapping of fields (key: value)"),
    "draft-yaml-alias": L("YAML のエイリアス（*名前）は使えません", "YAML aliases (*name) are not allowed"),
    "draft-yaml-merge-key": L("YAML のマージキー（<<）は使えません", "YAML merge keys (<<) are not allowed"),
    "draft-field-twice": L("項目 `{field}` が2回書かれています", "the field `{field}` is given twice"),
    "draft-no-front-matter": L(
        "先頭に --- で始まる YAML フロントマターがありません",
        "no YAML front matter: the file must start with a --- line",
    ),
    "draft-front-matter-open": L(
        "フロントマターの終わりの --- がありません", "the front matter has no closing --- line"
    ),
    "draft-front-matter-empty": L("フロントマターが空です", "the front matter is empty"),
    "draft-body-twice": L(
        "本文がフロントマターの body と本文の両方にあります（どちらか一方に）",
        "the body is given twice: as `body` in the front matter and as the text (keep one)",
    ),
    # schema violations (PSH002 in drafts; exit 2 in the config)
    "schema-required": L("必須の項目 `{field}` がありません", "required field `{field}` is missing"),
    "schema-unknown-close": L(
        "不明な項目 `{field}` です（`{close}` の間違いですか？）", "unknown field `{field}` (did you mean `{close}`?)"
    ),
    "schema-unknown": L(
        "不明な項目 `{field}` です（使える項目: {allowed}）", "unknown field `{field}` (allowed: {allowed})"
    ),
    "schema-name": L(
        "`{field}` に使えない名前があります: {detail}", "`{field}` has a name that is not allowed: {detail}"
    ),
    "schema-type": L(
        "`{field}` は{type}で書いてください（今は {value!r}）", "`{field}` must be {type} (found {value!r})"
    ),
    "schema-enum": L(
        "`{field}` の値 {value!r} は使えません（{choices} のどれか）", "`{field}`: {value!r} is not one of {choices}"
    ),
    "schema-datetime": L(
        "`{field}` の日時 {value!r} を解釈できません（{reason}）。使える形式: {formats}",
        "`{field}`: cannot read the date and time {value!r} ({reason}). Accepted formats: {formats}",
    ),
    "schema-empty": L("`{field}` が空です", "`{field}` is empty"),
    "schema-pattern": L(
        "`{field}` の値 {value!r} は形式が違います（{pattern}）", "`{field}`: {value!r} does not match {pattern}"
    ),
    "schema-maintenance": L(
        "`{field}` には start と end、または rrule と duration（と start か、rrule の DTSTART の行）を書きます",
        "`{field}` takes start and end, or rrule and duration (with start, or a DTSTART line in the rrule)",
    ),
    "schema-other": L("`{field}` が仕様に合いません: {detail}", "`{field}` does not match the schema: {detail}"),
    # JSON types, as schema-type names them
    "type-string": L("文字列", "a string"),
    "type-object": L("キーと値の組（マッピング）", "a mapping of keys and values"),
    "type-array": L("リスト", "a list"),
    "type-integer": L("整数", "a whole number"),
    "type-number": L("数", "a number"),
    "type-boolean": L("true か false", "true or false"),
    "type-null": L("null", "null"),
    # drafts patterns (exit 2)
    "pattern-space": L("前後に空白があります", "it starts or ends with a space"),
    "pattern-char": L(
        "制御文字やバックスラッシュは使えません（フォルダーの区切りは /）",
        "control characters and backslashes are not allowed (separate folders with /)",
    ),
    "pattern-home": L(
        "~ はホームフォルダーに展開されません（プロジェクトからの相対パスで）",
        "~ is not expanded to a home folder (write a path relative to the project)",
    ),
    "pattern-braces": L(
        "{{a,b}} の書き方は使えません（パターンを 1 つずつ書いてください）",
        "brace sets such as {{a,b}} are not supported (write one pattern for each)",
    ),
    "pattern-globstar": L(
        "** はフォルダー名の全体としてだけ使えます（例: posts/**/*.yaml）",
        "** can only be a whole folder name (e.g. posts/**/*.yaml)",
    ),
    "pattern-folder": L(
        "フォルダー（または拡張子のないファイル）を指していて、下書きのファイルに一致しません（例: posts/**/*.yaml）",
        "it names a folder (or a file without a suffix), not draft files (e.g. posts/**/*.yaml)",
    ),
    "pattern-suffix": L(
        "{suffix} のファイルは下書きとして読みません（使える拡張子: {suffixes}）",
        "{suffix} files are not read as drafts (draft suffixes: {suffixes})",
    ),
    "config-pattern-unusable": L(
        "drafts のパターン {pattern!r} は使えません: {reason}",
        "drafts: the pattern {pattern!r} cannot be used: {reason}",
    ),
    # maintenance.rrule refusals (exit 2)
    "rrule-one-line": L(
        "RRULE の行を 1 行だけ書いてください（その前に DTSTART の行を 1 行置けます。EXDATE・RDATE・2 つ目の RRULE は読みません）",
        "write one RRULE line, with at most one DTSTART line (EXDATE, RDATE or a second RRULE are not read)",
    ),
    "rrule-control": L(
        "タブや制御文字が含まれています（改行は DTSTART の行と RRULE の行の間だけ）",
        "it contains a tab or a control character (a line break only between the DTSTART and RRULE lines)",
    ),
    "rrule-ascii": L(
        "ASCII でない文字 {char} が含まれています（数字も文字も ASCII で、カレンダーが書くとおりに）",
        "it contains {char}, which is not ASCII (digits and letters in ASCII, as calendars write a rule)",
    ),
    "rrule-part": L("{part!r} は KEY=VALUE の形ではありません", "{part!r} is not KEY=VALUE"),
    "rrule-dtstart": L(
        "DTSTART はルールの中でなく、RRULE の前の行（DTSTART;TZID=Asia/Tokyo:20241014T010000）か start に書いてください",
        "write DTSTART on its own line before the RRULE (DTSTART;TZID=Asia/Tokyo:20241014T010000) or as `start`, "
        "not inside the rule",
    ),
    "rrule-dtstart-twice": L("DTSTART の行が 2 つあります", "there are two DTSTART lines"),
    "rrule-no-start": L(
        "最初の時間帯の開始がありません: start か、RRULE の前の DTSTART の行を書いてください",
        "the first window's start is missing: give `start`, or a DTSTART line before the RRULE",
    ),
    "rrule-start-conflict": L(
        "DTSTART（{dtstart}）と start（{start}）が違います: どちらか一方にするか、同じ日時を書いてください",
        "DTSTART ({dtstart}) and `start` ({start}) differ: give one of them, or the same moment in both",
    ),
    "rrule-dtstart-value": L(
        "DTSTART の {value!r} は日時（20241014T010000 や 20241013T160000Z）ではありません",
        "DTSTART: {value!r} is not a date and time such as 20241014T010000 or 20241013T160000Z",
    ),
    "rrule-dtstart-date": L(
        "DTSTART {value} は日付だけです: 時間帯は時刻から始まります（20241014T010000 のように）",
        "DTSTART {value} is a date alone: a window starts at a time of day (write it like 20241014T010000)",
    ),
    "rrule-dtstart-param": L(
        "DTSTART の {param!r} は読めません（TZID=Asia/Tokyo か VALUE=DATE-TIME だけ）",
        "DTSTART: {param!r} is not read (only TZID=Asia/Tokyo or VALUE=DATE-TIME)",
    ),
    "rrule-dtstart-zone": L(
        "DTSTART の TZID={zone} は読めません: 日本時間（TZID=Asia/Tokyo か TZID なし）か、"
        "UTC（TZID なしで末尾に Z）で書いてください",
        "DTSTART: TZID={zone} is not read: write the time in Japan time (TZID=Asia/Tokyo, or no TZID) "
        "or in UTC (ending in Z, without TZID)",
    ),
    "rrule-dtstart-year": L(
        "DTSTART（{value}）は {first} 年から {last} 年までにしてください",
        "DTSTART ({value}) must be in the years {first} to {last}",
    ),
    "rrule-key": L("{key} は使えません（使えるもの: {keys}）", "{key} is not supported (supported: {keys})"),
    "rrule-twice": L("{key} が 2 回書かれています", "{key} is given twice"),
    "rrule-no-freq": L("FREQ がありません", "FREQ is missing"),
    "rrule-too-fine": L(
        "FREQ={freq} は細かすぎます: メンテナンスの繰り返しは DAILY（毎日）以上の間隔で書きます",
        "FREQ={freq} is too fine: maintenance windows recur at most daily (DAILY, WEEKLY, MONTHLY, YEARLY)",
    ),
    "rrule-freq": L("FREQ={freq} は使えません（{choices} のどれか）", "FREQ={freq} is not one of {choices}"),
    "rrule-number": L(
        "{key}={value} は {low} から {high} までの整数で書きます",
        "{key}={value} must be a whole number from {low} to {high}",
    ),
    "rrule-count-until": L("COUNT と UNTIL は一緒に使えません", "COUNT and UNTIL cannot be used together"),
    "rrule-value": L(
        "{key} の値 {value} は範囲外です（{low} から {high}）", "{key}: {value} is out of range ({low} to {high})"
    ),
    "rrule-day": L(
        "BYDAY の値 {value} は FREQ={freq} では使えません", "BYDAY: {value} cannot be used with FREQ={freq}"
    ),
    "rrule-duration": L(
        "duration（{duration}）は 0 より長く、7 日以内にしてください",
        "the duration ({duration}) must be longer than zero and at most 7 days",
    ),
    "rrule-start": L(
        "start（{start}）は {first} 年から {last} 年までにしてください",
        "the start ({start}) must be in the years {first} to {last}",
    ),
    "rrule-until-date": L(
        "UNTIL={until} は日付（20301231 や 20301231T060000Z）ではありません",
        "UNTIL={until} is not a date such as 20301231 or 20301231T060000Z",
    ),
    "rrule-until-before": L(
        "UNTIL（{until}）が start（{start}）より前です: 時間帯がありません",
        "UNTIL ({until}) is before the start ({start}): there is no window",
    ),
    "rrule-until-after": L(
        "UNTIL（{until}）が遠すぎます: 繰り返しは start から {years} 年以内、{end} 年より前（{horizon} まで）",
        "UNTIL ({until}) is too far: a rule recurs for at most {years} years after its start and "
        "before {end} (until {horizon})",
    ),
    "rrule-too-many": L(
        "この繰り返しでは時間帯が最大 {count:,} 個になります（上限は {years} 年間で {limit:,} 個）",
        "the rule can make up to {count:,} windows ({years} years at most; the limit is {limit:,})",
    ),
    "rrule-never": L(
        "start（{start}）から {horizon} までに時間帯が 1 つもできません",
        "the rule makes no window from its start ({start}) to {horizon}",
    ),
    "rrule-syntax": L("繰り返しルールを解釈できません: {reason}", "cannot read the recurrence rule: {reason}"),
    "rrule-not-single": L(
        "繰り返しルールを解釈できません: ルールが 1 つではありません",
        "cannot read the recurrence rule: not a single rule",
    ),
    # options (exit 2)
    "bad-now": L(
        "--now / PASHA_NOW の日時を解釈できません: {value} ({reason})。使える形式: {formats}",
        "Cannot read --now / PASHA_NOW: {value} ({reason}). Accepted formats: {formats}",
    ),
    "bad-date": L(
        "日付を解釈できません: {value} ({reason})。使える形式: {formats}",
        "Cannot read the date {value} ({reason}). Accepted formats: {formats}",
    ),
    "bad-codes": L(
        "{option}: 該当するルールがありません: {value}（コード、PSH2 のような接頭辞、またはルール名）",
        "{option}: no rule matches {value} (use a code, a prefix such as PSH2, or a rule name)",
    ),
    "unknown-rule": L(
        "ルール {code} はありません。`pasha rules` で一覧を表示します。",
        "There is no rule {code}. `pasha rules` lists them.",
    ),
    "path-missing": L("パスがありません: {path}", "No such path: {path}"),
    "output-failed": L("{path} に書き込めません: {reason}", "Cannot write {path}: {reason}"),
    "output-exists": L(
        "{path} はすでにあります。置き換えるなら --force を付けてください",
        "{path} already exists; add --force to replace it",
    ),
    "output-kept": L(
        "{path} は{what}です。--force があっても上書きしません。別の出力先を指定してください",
        "{path} is {what}; pasha never writes over it, even with --force. Choose another output",
    ),
    "output-kept-config": L("プロジェクトの設定ファイル", "the project's config"),
    "output-kept-draft": L("下書き", "a draft"),
    "output-kept-image": L("下書きかアカウントが使う画像", "an image a draft or an account uses"),
    "output-kept-source": L(
        "変換元の画像（元画像を置き換えるのは --in-place だけ）",
        "a source image of this run (only --in-place replaces a source)",
    ),
    "output-special": L(
        "{path} はブロックデバイスかソケットです。pasha はそこには書き出しません（--force があっても）",
        "{path} is a block device or a socket; pasha writes no output there, even with --force",
    ),
    "output-special-whole": L(
        "{path} は通常のファイルではありません（デバイス、FIFO か /dev/stdout のような開いた記述子）。バンドルと画像は検査したうえで"
        "まとめて置くので、書き出せるのは通常のファイルだけです（--force があっても）",
        "{path} is not a regular file (a device, a FIFO or an open descriptor such as /dev/stdout); a bundle or an image is checked and put in place "
        "whole, so it is written only to a regular file, even with --force",
    ),
    "output-is-folder": L("{path} はフォルダです。ファイル名を指定してください", "{path} is a folder; name a file"),
    "output-config-name": L(
        "{path} はプロジェクトの設定ファイルの名前です。pasha はこの名前では書き出しません。別の名前を指定してください",
        "{path} is named like a project's config; pasha writes no output under that name. Choose another",
    ),
    "output-in-git": L(
        "{path} は git の管理用フォルダ (.git) の中です。pasha はそこに書き出しません",
        "{path} is inside git's own folder (.git); pasha writes nothing there",
    ),
    "output-draft-pattern": L(
        "{path} は drafts のパターン {pattern} に当てはまり、次の実行で下書きとして読まれます。別の出力先を指定してください",
        "{path} matches the drafts pattern {pattern}: the next run would read it as a draft. Choose another output",
    ),
    "new-not-yaml": L(
        "{path}: pasha new が書くのは YAML の下書きです。拡張子は .yaml か .yml にしてください",
        "{path}: pasha new writes a YAML draft; name it .yaml or .yml",
    ),
    "new-outside-drafts": L(
        "{path} は drafts のパターン（{patterns}）に当てはまらず、pasha validate に検査されません。パターンに合う場所を指定してください",
        "{path} matches none of the drafts patterns ({patterns}): pasha validate would never check it. Choose a place they match",
    ),
    "output-twice": L("{path} が出力先として 2 回指定されています", "{path} is named as an output twice"),
    "aborted": L("中断しました。", "Aborted."),  # click.Abort: a prompt's input ended
    "internal-error": L(
        "pasha の内部エラーです（入力の問題ではありません）: {reason}。PASHA_DEBUG=1 で詳細を表示します。",
        "Internal error in pasha (not a problem with your input): {reason}. Set PASHA_DEBUG=1 for details.",
    ),
    "hook-no-separator": L(
        "--pre-commit では、ファイル名の前に -- が必要です（ファイル名がオプションとして読まれないように）。"
        'フックの args を変えるときは最後に "--" を残してください: args: [--strict, "--"]',
        "--pre-commit needs -- before the file names (so that no file name is read as an option). When you set "
        'the hook\'s args, keep "--" last: args: [--strict, "--"]',
    ),
    "hook-config-removed": L(
        "このコミットは {path} を削除しますが、そのフォルダーには下書きが残っています: 検査されなくなります。"
        "設定を残すか、下書きも削除してください。",
        "This commit removes {path} while drafts remain in its folder: they would no longer be checked. "
        "Keep the config, or remove the drafts too.",
    ),
    "hook-git-failed": L(
        "git に削除されたファイルを問い合わせられません: {reason}", "Cannot ask git which files are removed: {reason}"
    ),
    "rule-crashed": L(
        "pasha の内部エラー: ルール {code} が {path} の検査中に失敗しました（{reason}）。ほかの検査結果は上のとおりです。"
        "PASHA_DEBUG=1 で詳細を表示します。",
        "Internal error in pasha: rule {code} failed on {path} ({reason}). The other findings are above. "
        "Set PASHA_DEBUG=1 for details.",
    ),
    # why a date or time cannot be read (--now, --date, --from, drafts and the config): timeutil.DateError.reason
    "reason-format": L("形式が違います", "not in an accepted format"),
    "reason-impossible": L("存在しない日時です", "no such date or time"),
    "reason-partial": L("時刻がありません", "the time of day is missing"),
    "reason-range": L("対応範囲（{first}〜{last}年）の外です", "outside the years pasha plans in ({first}-{last})"),
    # the basis PSH630 names (rules/sources.py)
    "stealth-basis": L(
        "景品表示法第5条第3号の指定告示「一般消費者が事業者の表示であることを判別することが困難である表示」"
        "（令和5年内閣府告示第19号、2023年10月1日施行、いわゆるステマ告示）",
        "the stealth-marketing notice under 景品表示法 article 5(3) "
        "(Cabinet Office notice No. 19 of 2023, in force since 2023-10-01)",
    ),
    # the basis the price rules name (rules/prices.py, PSH610-PSH614)
    "price-basis": L(
        "消費者庁「不当な価格表示についての景品表示法上の考え方」（価格表示ガイドライン。平成12年6月30日 公正取引委員会、"
        "改正 平成28年4月1日 消費者庁）",
        "the Consumer Affairs Agency's 「不当な価格表示についての景品表示法上の考え方」 (the 価格表示ガイドライン: Fair "
        "Trade Commission, 2000-06-30; revised by the Consumer Affairs Agency, 2016-04-01)",
    ),
    # the product categories the category rules name (rules/categories.py)
    "category-cosmetics": L("化粧品", "cosmetics"),
    "category-quasi_drug": L("医薬部外品", "quasi-drug"),
    "category-health_food": L("健康食品", "health food"),
    "category-food": L("食品", "food"),
    # text report
    "summary-clean": L("{files}を検査しました: 問題はありません。", "Checked {files}: no problems."),
    "summary": L("{files}を検査しました: {errors}、{warnings}", "Checked {files}: {errors}, {warnings}"),
    "summary-accepted": L(
        "{files}を検査しました: {errors}、{warnings}（ほかに受け入れ済み {accepted}）",
        "Checked {files}: {errors}, {warnings} (and {accepted} accepted)",
    ),
    "summary-clean-accepted": L(
        "{files}を検査しました: 問題はありません（受け入れ済み {accepted}）。",
        "Checked {files}: no problems ({accepted} accepted).",
    ),
    "accepted-mark": L("［受け入れ済み: {reason}］", "[accepted: {reason}]"),
    "n-accepted#one": L("{count:,} 件", "{count:,} finding"),
    "n-accepted#other": L("{count:,} 件", "{count:,} findings"),
    # counted words (tn): `#one` is English's singular; Japanese has one form, `#other`'s
    "n-files#one": L("{count:,} ファイル", "{count:,} file"),
    "n-files#other": L("{count:,} ファイル", "{count:,} files"),
    "n-errors#one": L("エラー {count:,} 件", "{count:,} error"),
    "n-errors#other": L("エラー {count:,} 件", "{count:,} errors"),
    "n-warnings#one": L("警告 {count:,} 件", "{count:,} warning"),
    "n-warnings#other": L("警告 {count:,} 件", "{count:,} warnings"),
    "n-posts#one": L("{count:,} 件", "{count:,} post"),
    "n-posts#other": L("{count:,} 件", "{count:,} posts"),
    "n-business-days#one": L("{count:,} 営業日", "{count:,} business day"),
    "n-business-days#other": L("{count:,} 営業日", "{count:,} business days"),
    "n-days#one": L("{count:,} 日", "{count:,} day"),
    "n-days#other": L("{count:,} 日", "{count:,} days"),
    "n-katakana#one": L("{count:,} 文字", "{count:,} half-width katakana character"),
    "n-katakana#other": L("{count:,} 文字", "{count:,} half-width katakana characters"),
    "n-info-images#one": L("{count:,} 枚", "{count:,} info image"),
    "n-info-images#other": L("{count:,} 枚", "{count:,} info images"),
    "n-bytes#one": L("{count:,} バイト", "{count:,} byte"),
    "n-bytes#other": L("{count:,} バイト", "{count:,} bytes"),
    "n-encodes#one": L("{count:,} 回エンコード", "{count:,} encode"),
    "n-encodes#other": L("{count:,} 回エンコード", "{count:,} encodes"),
    "n-characters#one": L("{count:,} 文字", "{count:,} character"),
    "n-characters#other": L("{count:,} 文字", "{count:,} characters"),
    "n-fields#one": L("{count:,} 項目", "{count:,} field"),
    "n-fields#other": L("{count:,} 項目", "{count:,} fields"),
    "list-more#one": L("{head} ほか {count:,} 件", "{head} and {count:,} more"),
    "list-more#other": L("{head} ほか {count:,} 件", "{head} and {count:,} more"),
    "n-drafts#one": L("{count:,} 件の下書き", "{count:,} draft"),
    "n-drafts#other": L("{count:,} 件の下書き", "{count:,} drafts"),
    "n-uses#one": L("{count:,} 回", "{count:,} use"),
    "n-uses#other": L("{count:,} 回", "{count:,} uses"),
    # pasha terms (variants.py): the dictionary it drafts, in the comments of its YAML
    "terms-no-extra": L(
        "pasha terms には日本語の形態素解析器が必要です: pip install 'pasha-cli[ja]'"
        "（SudachiPy とその core 辞書。ダウンロード約 80 MB、インストール後約 200 MB）",
        "pasha terms needs the Japanese morphological analyser: pip install 'pasha-cli[ja]' "
        "(SudachiPy and its core dictionary: about 80 MB to download, 200 MB installed)",
    ),
    "terms-header": L(
        "pasha terms が {drafts}の本文の表記ゆれから作った prh 辞書（version 1）の下書きです。\n"
        "使う前に編集してください。どの表記を expected にするかはチームが決めることです。ここでは各語で\n"
        "最も多く使われている表記を expected にしています（同数なら辞書の標準形）。\n"
        "各表記の上のコメントは、ゆれの種類・使用回数・使っている下書きです。specs は読み込み時に確かめられます。",
        "A draft of a prh dictionary (version 1), made by pasha terms from the spelling variants in the\n"
        "bodies of {drafts}. Edit it before use: which spelling is `expected` is the team's choice.\n"
        "Here each word expects the spelling used most often (a tie: the dictionary's standard one).\n"
        "The comment above each spelling says how it differs, how often it is used and where; the\n"
        "specs are checked when the dictionary is loaded.",
    ),
    "terms-none": L("表記ゆれは見つかりませんでした。", "No spelling variants found."),
    "terms-form": L("{form}（{uses}: {drafts}）", "{form} ({uses}: {drafts})"),
    "terms-stray": L(
        "。注意: 別の語の一部にも {times} 一致します（「{example}」など）",
        "; careful: also matches {times} inside other words (as in “{example}”)",
    ),
    "n-times#one": L("{count:,} 回", "{count:,} time"),
    "n-times#other": L("{count:,} 回", "{count:,} times"),
    "terms-kind-width": L("全角・半角", "width"),
    "terms-kind-case": L("大文字・小文字", "case"),
    "terms-kind-long-vowel": L("長音符", "long vowel mark"),
    "terms-kind-kana": L("ひらがな・カタカナ", "hiragana / katakana"),
    "terms-kind-okurigana": L("送り仮名", "okurigana"),
    "terms-kind-kanji": L("かな・漢字", "kana / kanji"),
    "terms-kind-script": L("英字・かな", "Latin / kana"),
    "terms-kind-other": L("異表記", "other spelling"),
    "terms-unreadable#one": L(
        "読めない下書き {count:,} 件は含めていません（pasha validate で理由がわかります）",
        "Left out {count:,} unreadable draft (pasha validate says why)",
    ),
    "terms-unreadable#other": L(
        "読めない下書き {count:,} 件は含めていません（pasha validate で理由がわかります）",
        "Left out {count:,} unreadable drafts (pasha validate says why)",
    ),
    "severity-error": L("エラー", "error"),
    "severity-warning": L("警告", "warning"),
    # rules command
    "rules-col-code": L("コード", "code"),
    "rules-col-default": L("既定", "default"),
    "rules-col-name": L("名前 — 概要", "name — summary"),
    "rules-default": L("既定の重大度", "Default severity"),
    "rules-content-note": L(
        "PSH6xx（内容）の検査は、根拠の記録と人による確認が必要な表現を示すだけです。指摘がないことは、"
        "その文言が景品表示法・薬機法・健康増進法などに適合していることを意味しません。",
        "The PSH6xx (content) checks only ask for the brand's records and point at wording that needs a "
        "human's check. No findings does not mean the copy is lawful under 景品表示法, 薬機法, 健康増進法 or any law.",
    ),
    # deadline command
    "deadline-line": L(
        "{date}（{weekday}）公開の投稿の設定期限: {deadline}（{deadline_weekday}）",
        "Set-up deadline for a post on {date} ({weekday}): {deadline} ({deadline_weekday})",
    ),
    "deadline-skipped": L("数えなかった日:", "Days not counted:"),
    "deadline-none-skipped": L("数えなかった日: なし", "Days not counted: none"),
    # days of the week, numbered as date.weekday() (i18n.WEEKDAYS)
    "weekday-0": L("月", "Mon"),
    "weekday-1": L("火", "Tue"),
    "weekday-2": L("水", "Wed"),
    "weekday-3": L("木", "Thu"),
    "weekday-4": L("金", "Fri"),
    "weekday-5": L("土", "Sat"),
    "weekday-6": L("日", "Sun"),
    "weekdays-0": L("毎週月曜", "Mondays"),
    "weekdays-1": L("毎週火曜", "Tuesdays"),
    "weekdays-2": L("毎週水曜", "Wednesdays"),
    "weekdays-3": L("毎週木曜", "Thursdays"),
    "weekdays-4": L("毎週金曜", "Fridays"),
    "weekdays-5": L("毎週土曜", "Saturdays"),
    "weekdays-6": L("毎週日曜", "Sundays"),
    "maintenance-slot": L("{weekdays} 日本時間 {start}〜{end}", "{weekdays} {start}-{end} JST"),
    "maintenance-slot-none": L("なし", "none"),
    "day-closure": L("休業日（closure）", "closure"),
    # a holiday's name from the holidays package; in English its Japanese name first, as Japanese calendars say it
    "holiday": L("{name}", "{name_ja} ({name})"),
    "day-saturday": L("土曜日", "Saturday"),
    "day-sunday": L("日曜日", "Sunday"),
    "deadline-passed": L("この期限は過ぎています（現在 {now}）。", "This deadline has passed (now {now})."),
    "init-exists": L(
        "{path} はすでにあります。既存のプロジェクトは上書きしません。",
        "{path} already exists; pasha init never overwrites a project.",
    ),
    "init-bad-account": L(
        "アカウント ID {account} は使えません（英数字で始まり、英数字と . _ - だけ）",
        "The account ID {account} is not allowed (a letter or digit first, then letters, digits, . _ -)",
    ),
    "created": L("作成しました: {path}", "Created {path}"),
    "kept": L("既存のファイルを残しました: {path}", "Kept the existing {path}"),
    "init-next": L("次の手順:", "Next steps:"),
    "init-step-cd": L("プロジェクトのフォルダに移動", "go to the project folder"),
    "init-step-git": L(
        "git リポジトリにする（pre-commit は git の中でだけ動きます）",
        "make it a git repository (pre-commit works only inside one)",
    ),
    "init-step-get-pre-commit": L("pre-commit を入れる", "get pre-commit"),
    "init-step-hook": L("コミットのたびに pasha validate を動かす", "run pasha validate on every commit"),
    "init-step-validate": L("下書きを検査（サンプルは問題なし）", "check the drafts (the sample is clean)"),
    "init-step-validate-beyond": L(
        "下書きを検査（サンプルには PSH305 の警告が 1 件: pasha が知るメンテナンス日程は {date} まで。"
        "楽天の最新のお知らせの日程表を `pasha maintenance import -` に貼ると消えます）",
        "check the drafts (the sample has one PSH305 warning: pasha knows the maintenance schedule up to {date}; "
        "paste the table of Rakuten's latest notice into `pasha maintenance import -` to add it)",
    ),
    "init-step-commit": L("最初のコミット。フックが下書きを検査します", "the first commit: the hook checks the drafts"),
    "init-inside-drafts": L(
        "{path} は外側のプロジェクトの下書きパターン {pattern} に当たり、その下書きとして読まれます。"
        "下書きフォルダの外にプロジェクトを作ってください",
        "{path} matches the draft pattern {pattern} of the project around it, which would read it "
        "as one of its drafts; make the project outside that project's drafts folders",
    ),
    "init-not-folder": L(
        "{path} はファイルです。プロジェクトのフォルダにはできません",
        "{path} is a file, not a folder; pasha init cannot make a project there",
    ),
    "new-unknown-account": L(
        "アカウント `{account}` は pasha.toml にありません（登録済み: {known}）",
        "Account `{account}` is not in pasha.toml (known: {known})",
    ),
    "new-no-slot": L(
        "{days} 日先まで、アカウント `{account}` の公開枠が見つかりません",
        "No publication slot for account `{account}` within {days} days",
    ),
    "new-created": L(
        "作成しました: {path}（公開 {publish}、設定期限 {deadline}）",
        "Created {path} (publication {publish}, set-up deadline {deadline})",
    ),
    "new-exists": L("{path} はすでにあります（上書きしません）", "{path} already exists (pasha never overwrites it)"),
    "fit-targets": L(
        "出力先を 1 つ指定してください: -o（元画像 1 つ）、--out-dir、--in-place のどれか",
        "Say where to write: one of -o (for one source), --out-dir, --in-place",
    ),
    "fit-clash": L(
        "{first} と {second} の出力先がどちらも {output} です。別のフォルダに分けてください",
        "{first} and {second} would both be written to {output}; fit them into different folders",
    ),
    "fit-failed": L("{source}: {reason}", "{source}: {reason}"),
    "fit-no-source": L("ファイルがありません", "no such file"),
    "fit-heic-extra": L(
        "HEIC/HEIF を開くには追加機能が必要です: pip install 'pasha-cli[heic]'",
        "HEIC/HEIF needs the optional extra: pip install 'pasha-cli[heic]'",
    ),
    "fit-jpegli-extra": L(
        "jpegli を使うには追加機能が必要です: pip install 'pasha-cli[jpegli]'",
        "jpegli needs the optional extra: pip install 'pasha-cli[jpegli]'",
    ),
    "fit-jpegli-444": L(
        "jpegli は 4:2:0 だけを書きます。4:4:4 なら --encoder pillow",
        "jpegli writes 4:2:0 only; use --encoder pillow for 4:4:4",
    ),
    "fit-too-small-square": L(
        "元画像が小さすぎます（{side} px の正方形、{target} px 必要）。拡大するなら --upscale",
        "the source is too small ({side} px square; {target} px needed). Use --upscale to enlarge",
    ),
    "fit-too-narrow": L(
        "元画像の幅が {width} px しかありません（{target} px 必要）。拡大するなら --upscale",
        "the source is only {width} px wide ({target} px needed). Use --upscale to enlarge",
    ),
    "fit-onto-source": L(
        "出力先が元画像です。元画像を置き換えるなら --in-place",
        "the output is the source; use --in-place to replace it",
    ),
    "fit-exists": L(
        "{path} はすでにあります。上書きするなら --force", "{path} already exists; use --force to replace it"
    ),
    "fit-over-limit": L(
        "品質 {quality} でも {limit:,} バイトに収まりません（{smallest:,} バイト）",
        "even at quality {quality} it does not fit {limit:,} bytes ({smallest:,} bytes)",
    ),
    "fit-output-fails": L("内部エラー: 出力が検査に通りません（{codes}）", "internal error: the output fails {codes}"),
    "fit-scratch-failed": L(
        "エンコード用の一時ファイルに書き込めません: {reason}", "cannot write the encoder's scratch file: {reason}"
    ),
    "fit-done": L(
        "{source} → {output}: {width}x{height}、{bytes}、品質 {quality}（{encoder}、{subsampling}、{encodes}）",
        "{source} -> {output}: {width}x{height}, {bytes}, quality {quality} ({encoder}, {subsampling}, {encodes})",
    ),
    "check-measured": L(
        "{file}: {format} {width}x{height}、{bytes}、色形式 {mode}、GPS {gps}、ICC {icc}",
        "{file}: {format} {width}x{height}, {bytes}, colour mode {mode}, GPS {gps}, ICC {icc}",
    ),
    "check-clean": L("問題はありません", "no problems"),
    # images pasha refuses to open (imageguard.py): PSH208 in validate, a refusal in image fit
    "image-unreadable": L("読めません: {reason}", "cannot be read: {reason}"),
    "image-not-regular": L(
        "通常のファイルではありません（FIFO、デバイス、フォルダ）: 開きません",
        "is not a regular file (a FIFO, a device, a folder): not opened",
    ),
    "image-empty": L("空のファイルです", "is an empty file"),
    "image-too-large": L(
        "{size:,} バイトあります（上限 {limit:,} バイト: {pixels:,} 画素を 16 ビット RGBA で無圧縮にした大きさ"
        "とメタデータ）: 開きません",
        "is {size:,} bytes (the limit is {limit:,}: {pixels:,} pixels of uncompressed 16-bit RGBA, "
        "plus metadata): not opened",
    ),
    "image-format-unknown": L("不明な形式", "an unknown format"),
    "image-format-refused": L(
        "{format} は開きません（開く形式: {allowed}、ファイルの中身で判定）",
        "is {format}, which pasha does not open (it opens {allowed}, judged by the file's bytes)",
    ),
    "image-bomb": L(
        "画素数が多すぎます（{dims}、上限 {limit:,} 画素）: 展開爆弾の可能性があるため開きません",
        "has too many pixels ({dims}; the limit is {limit:,}): not opened, as it may be a decompression bomb",
    ),
    "image-jpeg-scans": L(
        "JPEG のスキャンが {limit} 個を超えます（実際のエンコーダーは 10 個ほど）: "
        "スキャンごとに全画素を処理し直すため開きません",
        "has more than {limit} JPEG scans (real encoders write about 10): not opened, "
        "as every scan makes the decoder pass over the whole picture again",
    ),
    "image-jpeg-segments": L(
        "最初のスキャンの前に JPEG のセグメントが {limit:,} 個を超えます（実際の写真は 20 個ほど）: 開きません",
        "has more than {limit:,} JPEG segments before its first scan (a real photo has ~20): not opened",
    ),
    "image-jpeg-junk": L(
        "JPEG のセグメントの間に {limit:,} バイトを超える余分なデータがあります: 開きません",
        "has more than {limit:,} bytes of junk between its JPEG segments: not opened",
    ),
    "image-png-chunks": L(
        "PNG の補助チャンクが {limit:,} 個を超えます（実際の PNG は 10 個ほど）: 開きません",
        "has more than {limit:,} PNG ancillary chunks (a real PNG has ~10): not opened",
    ),
    "image-png-idat": L(
        "{size:,} バイトの PNG の画像データが {limit:,} 個を超える小さなチャンクに分かれています"
        "（実際のエンコーダーは 8 KiB 以上ずつ）: 開きません",
        "splits {size:,} bytes of PNG image data into more than {limit:,} tiny chunks (real encoders "
        "write 8 KiB or more each): not opened",
    ),
    "image-tiff-tags": L(
        "TIFF のタグが {count:,} 個あります（上限 {limit:,} 個）: 開きません",
        "has {count:,} TIFF tags (the limit is {limit:,}): not opened",
    ),
    "image-tiff-compression": L(
        "TIFF の圧縮方式 {scheme} は開きません（開く方式: {allowed}）",
        "uses TIFF compression {scheme}, which pasha does not open (it opens {allowed})",
    ),
    "image-tiff-pieces": L(
        "TIFF のストリップかタイルが {count:,} 個あります（上限 {limit:,} 個）: 開きません",
        "has {count:,} TIFF strips or tiles (the limit is {limit:,}): not opened",
    ),
    "image-undecodable": L("画像として読めません", "is not an image that can be decoded"),
    "image-mode-unknown": L(
        "画素の形式 {mode} は変換できません: 8 ビットか 16 ビットの RGB かグレーで書き出してください",
        "has pixels of mode {mode}, which pasha cannot convert: export it as 8- or 16-bit RGB or grey",
    ),
    "image-float-not-finite": L(
        "浮動小数点の画素に数でないもの（NaN か無限大）があり、何色か決められません: "
        "8 ビットか 16 ビットで書き出してください",
        "has floating-point pixels that are not numbers (NaN or infinity), so what they show is "
        "unknown: export it as 8- or 16-bit",
    ),
    "image-key-16-bit": L(
        "透明色を指定した 16 ビットカラーの PNG です。8 ビットで読むため、どの画素が透明か分かりません: "
        "アルファチャンネル付きか 8 ビットで書き出してください",
        "is a 16-bit colour PNG with a transparent colour; read at 8 bits a sample, which pixels "
        "are transparent is lost: export it with an alpha channel or at 8 bits",
    ),
    "image-uint32-wrapped": L(
        "符号なし 32 ビット整数の TIFF で 2^31 以上の値があり、正しく読めません: 16 ビットで書き出してください",
        "is a 32-bit unsigned integer TIFF with values of 2^31 or more, which cannot be read "
        "correctly: export it as 16-bit",
    ),
    "image-corrupt": L("壊れています（{reason}）", "is corrupt ({reason})"),
    "image-frames": L(
        "アニメーションのフレームが {limit:,} 個を超えます: 開きません（使うのは最初のフレームだけです）",
        "has more than {limit:,} animation frames: not opened (only the first would be used)",
    ),
    "yes": L("あり", "yes"),
    "no": L("なし", "no"),
    "cal-title": L("{month} の予定", "{month}"),
    "cal-maintenance": L("メンテ {start}-{end}", "maint. {start}-{end}"),
    "cal-maintenance-usual": L("メンテ? {start}-{end}", "maint.? {start}-{end}"),
    "cal-unknown": L(
        "{mark}: {last} より後のメンテナンス予定は分かりません（これまでの時間帯は{slot}、メンテ? の日）",
        "{mark}: no maintenance schedule is known after {last} (windows so far: {slot}, the days marked maint.?)",
    ),
    "cal-unknown-all": L(
        "{mark}: メンテナンス予定が 1 つもありません（これまでの時間帯は{slot}、メンテ? の日）",
        "{mark}: no maintenance schedule is known at all (windows so far: {slot}, the days marked maint.?)",
    ),
    "cal-deadline": L("期限: {account}（{publish} 公開）", "due: {account} ({publish})"),
    "cal-today": L("今日", "today"),
    "status-draft": L("下書き", "draft"),
    "status-ready": L("準備完了", "ready"),
    "status-submitted": L("設定済み", "submitted"),
    "status-published": L("公開済み", "published"),
    "status-cancelled": L("中止", "cancelled"),
    "ics-name": L("パシャ投稿予定", "Pasha posts"),
    "ics-post": L("公開: {account} {digest}", "Post: {account} {digest}"),
    "ics-no-body": L("（本文なし）", "(no text)"),
    "ics-status": L("状態: {status}", "Status: {status}"),
    "ics-deadline": L("設定期限: {account} {digest}", "Set-up deadline: {account} {digest}"),
    "ics-deadline-description": L(
        "{path} の設定期限（公開 {publish}）", "Set-up deadline of {path} (publication {publish})"
    ),
    "ics-maintenance": L(
        "Pasha メンテナンス: Pasha へ誘導する広告は配信停止が必要な場合があります",
        "Pasha maintenance: ads that lead to Pasha may need stopping",
    ),
    "ics-too-many-windows": L(
        "フィードの月（{first}〜{last}）のメンテナンス時間帯が {limit:,} を超えます: --maintenance なしで作るか、"
        "有効な時間帯（繰り返しの COUNT や UNTIL）を絞ってください",
        "the feed's months ({first} to {last}) hold more than {limit:,} maintenance windows: make it without "
        "--maintenance, or narrow the windows in force (a recurrence's COUNT or UNTIL)",
    ),
    "ics-maintenance-description": L(
        "楽天 Pasha のメンテナンス {start}〜{end}（日本時間）。広告形態によっては、メンテナンス中は"
        "配信停止などの対応が求められています。",
        "Rakuten Pasha maintenance, {start} to {end} (Japan time). Depending on the ad format, the guide asks "
        "advertisers to stop ads that lead to Pasha during maintenance.",
    ),
    "slots-header": L(
        "アカウント `{account}` の公開枠（現在 {now}）:", "Publication slots for `{account}` (now {now}):"
    ),
    "slots-line": L(
        "{publish}（{weekday}）  設定期限 {deadline}（{deadline_weekday}）",
        "{publish} ({weekday})  set-up deadline {deadline} ({deadline_weekday})",
    ),
    "slots-unknown": L(
        "{mark}: {last} より後のメンテナンス予定は分かりません（これまでの時間帯は{slot}）: "
        "時間帯は `pasha maintenance import` か pasha.toml の [[maintenance]] で追加します",
        "{mark}: no maintenance schedule is known after {last} (windows so far: {slot}); add windows with "
        "`pasha maintenance import` or [[maintenance]] in pasha.toml",
    ),
    "slots-unknown-all": L(
        "{mark}: メンテナンス予定が 1 つもありません（これまでの時間帯は{slot}）",
        "{mark}: no maintenance schedule is known at all (windows so far: {slot})",
    ),
    "slots-campaign": L(
        "キャンペーン {path} の期間 {opens}〜{last} の中だけ:",
        "Inside the campaign of {path} only, {opens} to {last}:",
    ),
    "slots-campaign-none": L(
        "  期間内に公開できる枠はありません（設定期限・メンテナンス・月間上限を満たす日がありません）",
        "  no slot is left inside the campaign (no day meets the set-up deadline, maintenance and the monthly quota)",
    ),
    "slots-no-campaign": L(
        "--campaign: {path} に campaign: の記録がありません", "--campaign: {path} records no campaign: field"
    ),
    "slots-campaign-period": L(
        "--campaign: {path} の campaign: に読める start と end がありません（PSH642、PSH002）",
        "--campaign: the campaign: of {path} has no readable start and end (PSH642, PSH002)",
    ),
    "slots-campaign-reversed": L(
        "--campaign: {path} の campaign: の end が start より前です（PSH643）",
        "--campaign: the campaign: of {path} ends before it starts (PSH643)",
    ),
    "slots-campaign-unreadable": L(
        "--campaign: {path} を下書きとして読めません: {reason}", "--campaign: cannot read {path} as a draft: {reason}"
    ),
    "bad-month": L(
        "月を解釈できません: {value}（YYYY-MM で、2000〜2199年）",
        "Cannot read the month {value} (use YYYY-MM, years 2000-2199)",
    ),
    "preview-more": L("…もっと見る", "… more"),
    "preview-full": L("本文（{chars:,} / {limit:,} 文字）:", "Body ({chars:,} of {limit:,} characters):"),
    "preview-full-label": L("本文全体", "The whole body"),
    "preview-image": L("画像: {file}（{width}x{height} px、{bytes}）", "Image: {file} ({width}x{height} px, {bytes})"),
    "preview-image-heavy": L(
        "画像 {file} は埋め込んでいません: {bytes:,} バイトで、タイムライン画像の上限 {limit:,} バイトを"
        "超えています（`pasha image fit` で上限内の JPEG を作れます）",
        "Image {file} not embedded: it is {bytes:,} bytes, over the timeline image limit of "
        "{limit:,} bytes (`pasha image fit` makes a JPEG within it)",
    ),
    "preview-image-format": L(
        "画像 {file} は表示しません: {format} はブラウザで表示する形式ではありません（タイムラインは JPEG）",
        "Image {file} not shown: a browser does not show {format} (the timeline takes JPEG)",
    ),
    "preview-image-problem": L("画像 {file} は表示しません: {reason}", "Image {file} not shown: it {reason}"),
    "preview-image-missing": L(
        "画像 {file} は表示しません: ファイルがないか、プロジェクトの外にあります（`pasha validate` を参照）",
        "Image {file} not shown: there is no such file inside the project (see `pasha validate`)",
    ),
    "preview-link-ok": L(
        "リンク: {link}（開く先: {host}、許可されたドメイン）", "Link: {link} (opens {host}, an allowed domain)"
    ),
    "preview-link-bad": L(
        "リンク: {link}（開く先: {host}、許可されていないドメイン。`pasha validate` を参照）",
        "Link: {link} (opens {host}, not an allowed domain: see `pasha validate`)",
    ),
    "preview-link-invalid": L(
        "リンク: {link}（使えません: {why}。`pasha validate` を参照）",
        "Link: {link} (not valid: {why}; see `pasha validate`)",
    ),
    "preview-when": L(
        "公開 {publish}、設定期限 {deadline}、状態 {status}",
        "Publication {publish}, set-up deadline {deadline}, status {status}",
    ),
    "preview-unreadable": L("{path} を読めません: {reason}", "Cannot read {path}: {reason}"),
    "export-unencodable": L(
        "{path} の {field} に {encoding} で表せない文字があります: {chars}（--encoding utf-8-sig を使ってください）",
        "{path}: {field} has characters {encoding} cannot hold: {chars} (use --encoding utf-8-sig)",
    ),
    "export-unencodable-name": L(
        "{path} の {field}「{value}」に {encoding} で表せない文字があります: {chars}（変更するか、--encoding utf-8-sig を使ってください）",
        "{path}: {field} {value!r} has characters {encoding} cannot hold: {chars} (change it, or use --encoding utf-8-sig)",
    ),
    "export-too-long": L(
        "{path} の {field} は {count:,} 字あり、manifest.xlsx のセルの上限 {limit:,} 字（Excel の上限、UTF-16 単位）を超えます",
        "{path}: {field} is {count:,} characters long, more than a cell of manifest.xlsx holds ({limit:,}, Excel's limit, in UTF-16 units)",
    ),
    "export-done#one": L(
        "書き出しました: {path}（{count} 件、manifest.xlsx と manifest.csv（{encoding}））",
        "Wrote {path} ({count} post; manifest.xlsx, and manifest.csv in {encoding})",
    ),
    "export-done#other": L(
        "書き出しました: {path}（{count} 件、manifest.xlsx と manifest.csv（{encoding}））",
        "Wrote {path} ({count} posts; manifest.xlsx, and manifest.csv in {encoding})",
    ),
    "export-excluded": L(
        "除外（エラーがあります。`pasha validate` を参照）: {path}",
        "Left out (it has errors; see `pasha validate`): {path}",
    ),
    "submit-not-draft": L(
        "{path} はこのプロジェクトの下書きとして読めません", "{path} is not a readable draft of this project"
    ),
    "submit-refused": L("{path} にはエラーがあるため記録しません", "{path} has errors: not recorded"),
    "submit-status": L(
        "{path} の状態は {status} です（draft か ready だけを記録します）",
        "{path} is {status} (only draft or ready drafts are recorded)",
    ),
    "submit-edit-failed": L("{path} を書き換えられません: {reason}", "Cannot edit {path}: {reason}"),
    "submit-done": L(
        "記録しました: {path}（status: submitted、submitted_at: {stamp}）",
        "Recorded {path} (status: submitted, submitted_at: {stamp})",
    ),
    "submit-changed": L(
        "{path} は検査の後に変更されました（エディタの保存か、別の pasha submit）。記録していません。もう一度 pasha submit を実行してください",
        "{path} changed after it was checked (saved in an editor, or another pasha submit): not recorded; run pasha submit again",
    ),
    "submit-why-decorated": L(
        "`{field}` に YAML のアンカーかタグ（& や !）が付いているため、pasha は書き換えません。手で `{field}: {value}` にしてください",
        "`{field}` carries a YAML anchor or tag (& or !), which pasha does not rewrite: change it by hand to `{field}: {value}`",
    ),
    "submit-why-shape": L(
        "`{field}` が一行の値ではありません（| や > のブロック、リスト、マッピング）。手で `{field}: {value}` にしてください",
        "`{field}` is not a one-line value (a | or > block, a list or a mapping): change it by hand to `{field}: {value}`",
    ),
    "submit-why-documents": L(
        "YAML の文書が複数あります（---）。一つにしてください",
        "the file holds more than one YAML document (---): keep one",
    ),
    "submit-why-not-mapping": L(
        "最上位が項目（キー: 値）の集まりではありません", "its top level is not a mapping of fields (key: value)"
    ),
    "submit-why-unreadable": L(
        "書き換えた内容が下書きとして読めなくなります。手で status: submitted と submitted_at（設定した日時）を書いてください",
        "the edited text would not read as a draft: write status: submitted and submitted_at (when it was set up) by hand",
    ),
    "submit-why-changes": L(
        "書き換えると {fields} まで変わってしまいます。手で status: submitted と submitted_at: {stamp} を書いてください",
        "the edit would also change {fields}: write status: submitted and submitted_at: {stamp} by hand",
    ),
    "submit-why-too-large": L(
        "書き換えると {size:,} バイトになり、下書きの上限 {limit:,} バイトを超えます。本文などを短くしてから、もう一度実行してください",
        "the edited file would be {size:,} bytes, over the {limit:,}-byte limit for drafts: shorten it, then run pasha submit again",
    ),
    "submit-why-outside": L(
        "プロジェクトの外を指すようになりました（シンボリックリンク）",
        "it now leads outside the project (symbolic link)",
    ),
    "submit-why-not-file": L("通常のファイルではありません", "it is not a regular file"),
    "submit-why-hard-links": L(
        "ハードリンクで別の名前も付いています。置き換えるとその名前は古い内容のままになるため、手で status: submitted と submitted_at を書いてください",
        "it has other names (hard links), which replacing it would leave with the old text: write status: submitted and submitted_at by hand",
    ),
    "deadline-remaining": L("期限まで残り {days}です。", "{days} left until the deadline."),
    # maintenance import (the notice) and list
    "notice-refused": L(
        "{source}: お知らせを読めません（何も書き込んでいません）: {reason}",
        "{source}: cannot read the notice (nothing was written): {reason}",
    ),
    "notice-stdin": L("標準入力", "standard input"),
    "notice-where": L("{source}:{line}", "{source}:{line}"),
    "notice-not-file": L("{path} はファイルではありません", "{path} is not a file"),
    "notice-unreadable": L("{path} を読めません: {reason}", "cannot read {path}: {reason}"),
    "notice-too-large": L(
        "{limit:,} バイトを超えています（お知らせの表はその数百分の一です）",
        "it is over {limit:,} bytes (a notice's table is a few hundredths of that)",
    ),
    "notice-nul": L("NUL 文字があります（テキストではありません）", "it holds a NUL character (it is not text)"),
    "notice-empty": L(
        "メンテナンスの行がありません（例: 2024 7 8 月曜 AM1:00-AM6:00）",
        "no maintenance row in it (a row is like 2024 7 8 月曜 AM1:00-AM6:00)",
    ),
    "notice-not-a-row": L(
        "日付か時刻がありますが、行として読めません: {row!r}（日付 [曜日] 開始-終了 の形で。表の行でなければ削除してください）",
        "it has a date or a time but is no row: {row!r} (write date [weekday] start-end, or delete the line)",
    ),
    "notice-too-many": L("行が {limit:,} を超えています", "more than {limit:,} rows"),
    "notice-no-year": L(
        "年がありません: {row!r}（最初の行には年が必要です。以降の行は上の行の年を引き継ぎます）",
        "no year: {row!r} (the first row needs one; later rows take the year of the row above)",
    ),
    "notice-backwards": L(
        "年のない行が上の行より前の日付です（{previous} の後に {day}）: 年が変わるなら年を書いてください",
        "a row without a year goes back from the row above ({day} after {previous}): write the year where it changes",
    ),
    "notice-weekday": L(
        "{day} は{actual}曜日で、{written}曜日ではありません",
        "{day} is a {actual}, not a {written}",
    ),
    "notice-date": L("日付 {value} を読めません: {reason}", "cannot read the date {value}: {reason}"),
    "notice-time": L(
        "時刻 {value!r} を読めません（AM/PM 付きは 0〜12 時、午前/午後 付きは 0〜11 時、なしは 0〜23 時、終了だけ 24:00 も可）",
        "cannot read the time {value!r} (with AM/PM an hour of 0-12, with 午前/午後 0-11, without one 0-23, or 24:00 "
        "as an end)",
    ),
    "notice-time-12": L(
        "{value!r} は正午とも真夜中とも読めます（午前12時は正午、午後12時は真夜中とする読み方もあります）: "
        "午前0時（真夜中）か午後0時（正午）、または 24 時間制で書いてください",
        "{value!r} may be noon or midnight (Japan's official usage reads 午前12時 as noon and 午後12時 as "
        "midnight, AM/PM the other way round): write 午前0時 (midnight) or 午後0時 (noon), or a 24-hour time",
    ),
    "notice-order": L(
        "終了 {end} が開始 {start} より後ではありません（日付をまたぐ時間帯は 2 行に分けるか、[[maintenance]] に手で書いてください）",
        "the end {end} is not after the start {start} (a window over midnight is two rows, or a [[maintenance]] entry written by hand)",
    ),
    "edit-no-table": L("[{table}] のテーブル見出しがありません", "there is no [{table}] table header to add to"),
    "edit-maintenance-shape": L("maintenance が配列として書かれていません", "maintenance is not written as an array"),
    "edit-unsure": L(
        "この書き方のファイルには、ほかの内容を変えずに追加できることを確かめられません",
        "pasha cannot make sure that an addition to a file laid out like this leaves the rest as it is",
    ),
    "import-cannot-edit": L(
        "{path} に追加できません（何も書き込みません）: {reason}。--dry-run で表示される時間帯を [[maintenance]] に手で書いてください。",
        "cannot add to {path} (nothing is written): {reason}. Write the windows --dry-run shows as [[maintenance]] entries by hand.",
    ),
    "import-changed": L(
        "{path} は読んだ後に変更されました（何も書き込んでいません）。もう一度実行してください。",
        "{path} changed while pasha was editing it (nothing was written): run again.",
    ),
    "import-added#one": L("{path} に {count:,} 件の時間帯を追加しました:", "Added {count:,} window to {path}:"),
    "import-added#other": L("{path} に {count:,} 件の時間帯を追加しました:", "Added {count:,} windows to {path}:"),
    "import-would-add#one": L(
        "{path} に {count:,} 件の時間帯を追加します（--dry-run: 書き込みません）:",
        "Would add {count:,} window to {path} (--dry-run: nothing written):",
    ),
    "import-would-add#other": L(
        "{path} に {count:,} 件の時間帯を追加します（--dry-run: 書き込みません）:",
        "Would add {count:,} windows to {path} (--dry-run: nothing written):",
    ),
    "import-skipped#one": L("すでに有効な {count:,} 件は飛ばします:", "Skipped {count:,} window already in force:"),
    "import-skipped#other": L("すでに有効な {count:,} 件は飛ばします:", "Skipped {count:,} windows already in force:"),
    "import-nothing#one": L(
        "{path} に追加するものはありません: お知らせの {count:,} 件はすでに有効です:",
        "Nothing to add to {path}: the notice's {count:,} window is already in force:",
    ),
    "import-nothing#other": L(
        "{path} に追加するものはありません: お知らせの {count:,} 件はすべてすでに有効です:",
        "Nothing to add to {path}: the notice's {count:,} windows are all in force already:",
    ),
    "import-row": L("{window}（{line} 行目）", "{window} (line {line})"),
    "import-unset": L("なし", "none"),
    "import-known-set": L("{key_name}: {before} → {after}", "{key_name}: {before} -> {after}"),
    "import-known-would": L(
        "{key_name}: {before} → {after}（--dry-run: 書き込みません）",
        "{key_name}: {before} -> {after} (--dry-run: nothing written)",
    ),
    "import-known-kept": L(
        "{key_name} は {day} のままです（お知らせの最後の日はそれより後ではありません）",
        "{key_name} stays {day} (the notice's last day is not later)",
    ),
    "maint-list-range": L("--to ({last}) が --from ({first}) より前です", "--to ({last}) is before --from ({first})"),
    "maint-list-header#one": L(
        "{first} から {last} までのメンテナンス時間帯（日本時間）: {count:,} 件",
        "{count:,} maintenance window from {first} to {last} (Japan time):",
    ),
    "maint-list-header#other": L(
        "{first} から {last} までのメンテナンス時間帯（日本時間）: {count:,} 件",
        "{count:,} maintenance windows from {first} to {last} (Japan time):",
    ),
    "maint-list-none": L(
        "{first} から {last} までに、pasha が知っているメンテナンス時間帯はありません。",
        "pasha knows no maintenance window from {first} to {last}.",
    ),
    "maint-list-latest": L(
        "知っている最後の時間帯: {window}（ほかの日付は --from と --to で）",
        "The latest known window: {window} (--from and --to show other dates)",
    ),
    "maint-list-from-spec": L("同梱の仕様 {version}", "shipped spec {version}"),
    "maint-list-from-config": L("{path}:{line}", "{path}:{line}"),
    "maint-list-from-rule": L("{path}:{line} の繰り返し {rule}", "{path}:{line} recurrence {rule}"),
}

# Command-line help: "command" is a command's help, "command.param" an option's (clicktext.help_targets);
# --help and --version say click's own words (clicktext.JAPANESE).
HELP: dict[str, LocalText] = {
    "pasha": L(
        "pasha: 楽天パシャ公式アカウントの投稿を、ファイルとして検査・計画・引き渡しするツール。",
        "pasha: check, plan and hand over posts for Rakuten Pasha official accounts, kept as files.",
    ),
    "epilog": L(
        "環境変数: PASHA_NOW（現在時刻の固定）、PASHA_LANG（ja|en）、PASHA_CONFIG、PASHA_CACHE_DIR、"
        "PASHA_NO_CACHE、NO_COLOR、PASHA_DEBUG。",
        "Environment: PASHA_NOW (fixed current time), PASHA_LANG (ja|en), PASHA_CONFIG, PASHA_CACHE_DIR, "
        "PASHA_NO_CACHE, NO_COLOR, PASHA_DEBUG.",
    ),
    "lang": L(
        "表示言語。コマンドの --lang、pasha --lang、PASHA_LANG、ロケールの順に決まります。",
        "Message language: the command's --lang, else pasha --lang, else PASHA_LANG, else the locale.",
    ),
    "now": L(
        "現在時刻を固定します（オフセットがなければ日本時間）。[環境変数: PASHA_NOW]",
        "Fix the current time (Japan time unless an offset is given). [env: PASHA_NOW]",
    ),
    "config": L(
        "プロジェクト設定ファイル（既定: pasha.toml または pyproject.toml の [tool.pasha] を上へ探す）。"
        "[環境変数: PASHA_CONFIG]",
        "The project config (default: pasha.toml or pyproject.toml [tool.pasha], searched upward). [env: PASHA_CONFIG]",
    ),
    "validate": L(
        "下書きを検査します（ファイル、フォルダ、または画像: 画像を指定するとそれを使う下書きを検査）。"
        "パスを省略するとプロジェクトのすべての下書きを検査します。",
        "Check drafts (files, folders, or images: an image checks the drafts that use it). "
        "With no path, every draft of the project.",
    ),
    "validate.fmt": L("標準出力のレポート形式。", "Report format on standard output."),
    "validate.output_files": L(
        "レポートをファイルにも書きます。形式は接頭辞（sarif:）か拡張子（.sarif, .json, .xml = junit, "
        ".txt）で決まり、どちらもなければ --format。複数指定できます。",
        "Also write a report to a file; the format comes from a prefix (sarif:) or the suffix "
        "(.sarif, .json, .xml = junit, .txt), else --format. Repeatable.",
    ),
    "validate.select": L(
        "このルールだけを実行（コード、PSH2 のような接頭辞、ルール名）。",
        "Only these rules: codes, prefixes (PSH2) or names.",
    ),
    "validate.ignore": L(
        "このルールを実行しない（コード、接頭辞、ルール名）。", "Skip these rules: codes, prefixes (PSH2) or names."
    ),
    "validate.strict": L("警告でも失敗にします（終了コード 1）。", "Warnings fail the run too (exit 1)."),
    "validate.jobs": L(
        "使うプロセスの数（既定 0: CPU コアの数）。下書きが多いときだけ分けて検査します。結果は数によらず同じです。",
        "How many processes to use (default 0: one per CPU core); only a run on many drafts is split. "
        "The report is the same whatever the number.",
    ),
    "validate.pre_commit": L(
        "pre-commit フックとして実行: -- の後のファイル名を検査し、コミットで削除・改名される画像を"
        "使う下書きも検査します（git に問い合わせます）。",
        "Run as the pre-commit hook: check the file names after --, and the drafts that use an "
        "image the commit deletes or renames (asks git).",
    ),
    "rules": L("ルールの一覧、または 1 つのルールの説明を表示します。", "List the rules, or explain one."),
    "deadline": L(
        "公開日 DATE の設定期限と、数えなかった日（週末、祝日、休業日）を表示します。",
        "Show the set-up deadline for a publication DATE and the days not counted (weekends, holidays, closure).",
    ),
    "init": L(
        "プロジェクトを作ります: pasha.toml、posts/ と下書きの見本、.pre-commit-config.yaml、エディタ用のスキーマ（.pasha/）。"
        "既存のファイルは上書きしません。",
        "Create a project: pasha.toml, posts/ with a sample draft, .pre-commit-config.yaml and schemas for "
        "editors (.pasha/). Existing files are never overwritten.",
    ),
    "init.account": L("最初のアカウントの ID。", "The first account's ID."),
    "init.name": L("アカウントの表示名。", "The account's display name."),
    "init.plan": L("アカウントのプラン。", "The account's plan."),
    "new": L(
        "次の有効な公開枠（設定期限、メンテナンス、プランの月間上限を考慮）を入れた下書きを作ります。",
        "Create a draft for the next valid publication slot (deadline, maintenance and the plan's monthly quota "
        "considered).",
    ),
    "new.account": L("アカウント ID（pasha.toml）。", "The account ID (from pasha.toml)."),
    "new.date_text": L("この日以降の最初の有効な枠を使います。", "Take the first valid slot on or after this date."),
    "new.output": L(
        "下書きのパス（既定: posts/YYYY-MM/YYYY-MM-DD-アカウント.yaml）。",
        "The draft's path (default: posts/YYYY-MM/YYYY-MM-DD-ACCOUNT.yaml).",
    ),
    "image": L("画像の作成と検査。", "Make and check images."),
    "export": L(
        "提出用の引き渡しパッケージ（zip）: Excel で開ける manifest.csv、画像、本文ごとのテキスト。エラーのある下書きは入れません。",
        "A hand-over bundle (zip): a manifest.csv that Excel opens, the images, a text file per body. Drafts "
        "with errors stay out.",
    ),
    "export.month": L("この月の投稿だけ（既定: これからのすべて）。", "Only this month's posts (default: all)."),
    "export.output": L("zip ファイル（既定: pasha-export-….zip）。", "The zip file (default: pasha-export-….zip)."),
    "export.encoding": L(
        "manifest.csv と本文テキストの文字コード（Excel 用に BOM 付き UTF-8、または cp932）。",
        "Encoding of manifest.csv and the texts (UTF-8 with a BOM for Excel, or cp932).",
    ),
    "export.force": L(
        "既存の zip を置き換えます（設定ファイル・下書き・画像は置き換えません）。",
        "Replace an existing zip (never the config, a draft or an image).",
    ),
    "validate.force": L(
        "既存の --output-file を置き換えます（設定ファイル・下書き・画像は置き換えません）。",
        "Replace existing --output-file files (never the config, a draft or an image).",
    ),
    "ics.force": L(
        "既存の -o のファイルを置き換えます（設定ファイル・下書き・画像は置き換えません）。",
        "Replace an existing -o file (never the config, a draft or an image).",
    ),
    "preview.force": L(
        "既存の --html のファイルを置き換えます（設定ファイル・下書き・画像は置き換えません）。",
        "Replace an existing --html file (never the config, a draft or an image).",
    ),
    "submit": L(
        "検査に通った下書きに、設定済みの記録（status: submitted と submitted_at）を書き込みます。"
        "コメントやレイアウトはそのままです。",
        "After a clean validation, record that a post was set up (status: submitted and submitted_at), "
        "keeping the file's comments and layout.",
    ),
    "preview": L(
        "フォロワーに見える形で投稿を表示します: 先頭 100 文字の切れ目と「もっと見る」、本文、画像、リンク、期限。",
        'Show the post as followers will see it: the 100-character digest with its "more" marker, the body, '
        "the image, the link, the deadline.",
    ),
    "preview.html_path": L(
        "タイムラインのカードを模した HTML ページも書き出します。",
        "Also write an HTML page that mimics the timeline card.",
    ),
    "slots": L(
        "次の有効な公開枠: 設定期限が先にあり、メンテナンス外で、プランの月間上限に空きがある日時。",
        "The next valid publication slots: set-up deadline ahead, outside maintenance, the plan's monthly quota free.",
    ),
    "slots.account": L("アカウント ID（pasha.toml）。", "The account ID (from pasha.toml)."),
    "slots.count": L("表示する枠の数。", "How many slots to show."),
    "slots.start": L("この日以降の枠を探します。", "Look from this date on."),
    "slots.fmt": L("出力形式。", "Output format."),
    "slots.campaign_path": L(
        "この下書きの campaign: の期間（start〜end、end の分を含む）の中の枠だけを探します。この下書き自身は月間上限に"
        "数えません（その投稿の日を決めるためです）。",
        "Look only inside the period of this draft's campaign: (start to end, end's minute included). The draft "
        "itself does not count toward the monthly quota (its day is the one being chosen).",
    ),
    "calendar": L(
        "1 か月の予定表: 投稿と状態、設定期限、祝日、休業日、メンテナンス、今日。",
        "A month view: posts and their status, set-up deadlines, holidays, closure days, maintenance, today.",
    ),
    "calendar.month": L("表示する月（既定: 今月）。", "The month to show (default: this month)."),
    "calendar.account": L("このアカウントだけを表示します。", "Show this account only."),
    "calendar.fmt": L("出力形式。", "Output format."),
    "calendar.width": L(
        "表示幅（桁数）。既定: 環境変数 COLUMNS、端末の幅、端末でなければ 80。",
        "Width in columns. Default: the COLUMNS variable, the terminal's width, or 80 when not a terminal.",
    ),
    "ics": L(
        "公開日時と設定期限の iCalendar ファイル（再取り込みで更新される固定の UID）。",
        "An iCalendar file of publication times and set-up deadlines (stable UIDs: importing again updates).",
    ),
    "ics.output": L("書き出すファイル（既定: 標準出力）。", "The file to write (default: standard output)."),
    "ics.account": L("このアカウントだけを書き出します。", "This account only."),
    "ics.maintenance": L(
        "投稿と期限のある月のメンテナンス時間も、1 つずつ予定として書き出します"
        "（Pasha へ誘導する広告の配信停止のため）。",
        "Also one event per maintenance window in the months of the posts and deadlines "
        "(to stop ads that lead to Pasha).",
    ),
    "image.fit": L(
        "どんな写真からでも規定を満たす JPEG を書き出します: 回転を適用、sRGB、位置情報などのメタデータなし、"
        "タイムラインはバイト上限内で最高の画質。",
        "Write a compliant JPEG from any photo: orientation applied, sRGB, no location or other metadata, "
        "and for the timeline the best quality within the byte limit.",
    ),
    "image.fit.output": L("出力ファイル（元画像が 1 つのとき）。", "The output file (for one source)."),
    "image.fit.out_dir": L(
        "出力フォルダ（元画像と同じ名前の .jpg）。", "The output folder (a .jpg named after each source)."
    ),
    "image.fit.kind": L("用途: timeline | icon | top | info。", "What the image is for: timeline | icon | top | info."),
    "image.fit.width": L(
        "出力の幅（既定: 仕様の最小幅、アイコンは 400 px の正方形）。",
        "The output width (default: the spec's minimum; a 400 px square for the icon).",
    ),
    "image.fit.pad": L(
        "アイコンを切り抜かず、白で余白を足して正方形にします。",
        "Pad the icon to a square with white instead of cropping.",
    ),
    "image.fit.upscale": L("元画像が小さいとき拡大を許します。", "Allow enlarging a source that is too small."),
    "image.fit.quality": L(
        "JPEG 品質 20〜100、小数可（上限があるときはその上限）。",
        "JPEG quality 20-100, fractions allowed (with a byte limit: the highest to try).",
    ),
    "image.fit.encoder": L(
        "エンコーダ: auto（jpegli があれば使う）| pillow | jpegli。",
        "Encoder: auto (jpegli when installed) | pillow | jpegli.",
    ),
    "image.fit.subsampling": L(
        "色差の間引き: auto（4:2:0。4:4:4 が 0.5 dB 以上よいときだけ 4:4:4）| 4:2:0 | 4:4:4。",
        "Chroma subsampling: auto (4:2:0, or 4:4:4 only when it is better by 0.5 dB or more) | 4:2:0 | 4:4:4.",
    ),
    "image.fit.progressive": L(
        "プログレッシブ JPEG を許します（同じ画質でより小さい。jpegli なら mozjpeg の可逆最適化で仕上げ）。",
        "Allow a progressive JPEG (smaller at the same quality; with jpegli, finished by a lossless mozjpeg pass).",
    ),
    "image.fit.jobs": L(
        "同時に処理する数（既定 0: CPU コアの数）。元画像が複数のとき、それぞれ別プロセスで処理します。",
        "How many sources to fit at once (default 0: one per CPU core), each in its own process.",
    ),
    "image.fit.in_place": L("元画像を結果で置き換えます。", "Replace each source with its result."),
    "image.fit.force": L(
        "既存の出力ファイルを置き換えます（設定ファイル・下書き・変換元の画像は置き換えません）。",
        "Replace an existing output file (never the config, a draft or a source image).",
    ),
    "image.check": L(
        "画像 1 枚について validate と同じ検査をし、測った幅・高さ・バイト数・色形式・メタデータを表示します。",
        "Check images alone as validate would, showing the measured width, height, bytes, colour mode and metadata.",
    ),
    "image.check.kind": L(
        "用途: timeline | icon | top | info。", "What the image is for: timeline | icon | top | info."
    ),
    "image.check.fmt": L(
        "出力形式: text | json（測定値と指摘を 1 つの JSON オブジェクトで）。",
        "Output format: text | json (the measurements and findings as one JSON object).",
    ),
    "image.check.select": L(
        "この画像ルールだけを実行（コード、PSH20 のような接頭辞、ルール名）。設定の [severity] も validate と同じく適用します。",
        "Run only these image rules: codes, prefixes (PSH20) or names. The config's [severity] "
        "table applies as in validate.",
    ),
    "image.check.ignore": L(
        "この画像ルールを実行しない（コード、接頭辞、ルール名）。", "Skip these image rules: codes, prefixes or names."
    ),
    "terms": L(
        "下書きの本文の表記ゆれ（コーヒー / 珈琲 / ｺｰﾋｰ、問い合わせ / 問合せ、サーバ / サーバー）をまとめ、"
        "編集用の prh 辞書の下書きを出力します。パスを省略するとすべての下書きを読みます。"
        "pasha-cli[ja]（SudachiPy）が必要です。",
        "Group the spelling variants in the drafts' bodies (kana or kanji, okurigana, long vowel marks, width, "
        "case) and print a prh dictionary to edit. With no path, every draft. Needs pasha-cli[ja] (SudachiPy).",
    ),
    "terms.output": L("書き出すファイル（既定: 標準出力）。", "The file to write (default: standard output)."),
    "terms.force": L(
        "既存の -o のファイルを置き換えます（設定ファイル・下書き・画像は置き換えません）。",
        "Replace an existing -o file (never the config, a draft or an image).",
    ),
    "terms.min_count": L(
        "この回数以上使われている表記だけを載せます。", "List only spellings used at least this many times."
    ),
    "terms.fmt": L(
        "出力形式: yaml（コメント付き）| json（各表記の回数と下書きを variants に）。",
        "Output format: yaml (with comments) | json (each spelling's counts and drafts under `variants`).",
    ),
    "maintenance": L(
        "メンテナンスの予定: お知らせの表の取り込みと、有効な時間帯の一覧。",
        "The maintenance schedule: import Rakuten's notice, list the windows in force.",
    ),
    "maintenance.import": L(
        "楽天のお知らせの予定表（貼り付けたテキスト。- で標準入力）を設定ファイルの [[maintenance]] に追加し、"
        "maintenance_known_until を更新します。ほかの部分は 1 バイトも変えません。",
        "Add the schedule table of Rakuten's notice (pasted text; - for standard input) to the config as "
        "[[maintenance]] entries and update maintenance_known_until, changing no other byte.",
    ),
    "maintenance.import.dry_run": L(
        "書き込まず、追加する時間帯と飛ばす時間帯を表示します。", "Write nothing; show what would be added and skipped."
    ),
    "maintenance.list": L(
        "有効なメンテナンス時間帯（同梱の仕様、設定、繰り返し）を出どころ付きで表示します。",
        "The maintenance windows in force (shipped, project, recurring), each with where it comes from.",
    ),
    "maintenance.list.start": L("この日から（既定: 今日）。", "From this day (default: today)."),
    "maintenance.list.end": L(
        "この日まで（既定: --from の 1 年後）。", "To this day, inclusive (default: a year after --from)."
    ),
    "maintenance.list.fmt": L("出力形式。", "Output format."),
}

# Every catalogue of ja/en pairs, as "module:NAME"; the rules' own texts come from rules.ALL_RULES
# and click's words from clicktext.JAPANESE. tests/test_i18n.py imports each and checks every pair
# (and that no pair lives anywhere else): a module that keeps pairs of its own lists them here.
CATALOGUES = (
    "pasha_cli.i18n:MESSAGES",
    "pasha_cli.i18n:HELP",
    "pasha_cli.plan.scaffold:DRAFT_COMMENTS",
    "pasha_cli.rules.files:_WHY",
    "pasha_cli.rules.images:KIND_NAMES",
    "pasha_cli.rules.plan:PAID_FIELDS",
)

# Arguments only the English text shows, to gloss a Japanese word (the Japanese text is that word).
GLOSSES = {"holiday": frozenset({"name_ja"})}

WEEKDAYS = tuple(MESSAGES[f"weekday-{n}"] for n in range(7))  # as date.weekday() numbers them


def t(key: str, /, **args: Any) -> LocalText:
    return MESSAGES[key].format(args)


def tn(key: str, count: int, /, **args: Any) -> LocalText:
    """A message about `count` things: `key#one` for exactly one, `key#other` for any other count
    (Japanese has no plural forms: its two texts are one text written twice)."""
    return MESSAGES[f"{key}#{'one' if count == 1 else 'other'}"].format({**args, "count": count})


def short_list(shown: Sequence[str], total: int) -> LocalText:
    """The names `shown`, joined with commas, and "and N more" when there are `total` in all."""
    head = ", ".join(shown)
    if total <= len(shown):
        return LocalText(head, head)
    return tn("list-more", total - len(shown), head=head)
