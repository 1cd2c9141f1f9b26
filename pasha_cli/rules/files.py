"""PSH0xx: the files themselves — readable, well-formed, pointing at real files inside the project."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pasha_cli.i18n import short_list
from pasha_cli.model import FILE_FIELDS, Position
from pasha_cli.project.config import DEFAULT_DRAFTS, pattern_line
from pasha_cli.project.drafts import matches_a_draft
from pasha_cli.project.schema_check import close_matches, problems
from pasha_cli.rules.base import ERROR, Context, Hit, L, dotted, rule

if TYPE_CHECKING:
    from pasha_cli.project.drafts import Draft

OTHERS_NAMED = 5  # as PSH401: a finding names a few of the drafts it shares its id with and counts the rest


@rule(
    "PSH001",
    "unreadable-draft",
    ERROR,
    summary=L(
        "下書きファイルを読めるか（文字コード、YAML/JSON の構文、空のファイル、フロントマター）を検査します。",
        "Checks that a draft file can be read: its encoding, YAML/JSON syntax, emptiness and front matter.",
    ),
    why=L(
        "読めない下書きは他のどの検査も受けられず、そのまま提出漏れや誤投稿につながります。",
        "A draft that cannot be read escapes every other check.",
    ),
    fix=L(
        "UTF-8 で保存し、示された行の構文を直してください。Markdown は --- で囲んだ YAML フロントマターで始めます。",
        "Save the file as UTF-8 and fix the syntax at the line shown. Markdown drafts start with YAML front matter between --- lines.",
    ),
    messages=L("読めない下書きです: {reason}", "unreadable draft: {reason}"),
)
def unreadable_draft(ctx: Context) -> Iterator[Hit]:
    for item in ctx.unreadable:
        if item.code == "PSH001":
            yield Hit(None, None, {"reason": item.text}, path=item.rel, position=item.position)


@rule(
    "PSH002",
    "schema-violation",
    ERROR,
    summary=L(
        "下書きの項目が schemas/post.schema.json に合っているか（必須項目、型、不明な項目、日時の形式）を検査します。",
        "Checks the draft's fields against schemas/post.schema.json: required fields, types, unknown fields, date formats.",
    ),
    why=L(
        "`imgae:` のような打ち間違いや「2024-02-30」のような日付は、黙って無視されると投稿事故になります。",
        "A typo such as `imgae:` or a date such as 2024-02-30 must not pass silently.",
    ),
    fix=L(
        "メッセージが示す項目を直してください。日時は 2024-07-16 10:00 のように時刻まで書きます（日本時間）。",
        "Fix the field named. Write dates with a time of day, e.g. 2024-07-16 10:00 (Japan time).",
    ),
    messages=L("{detail}", "{detail}"),
    reads=(),
)
def schema_violation(ctx: Context) -> Iterator[Hit]:
    for draft in ctx.target_drafts:
        for problem in problems("post.schema.json", draft.fields, ctx.config.root):
            span = draft.source.field_span if problem.at_key else draft.source.value_span
            where, end = span(problem.pointer)
            yield Hit(draft, problem.field, {"detail": problem.text}, position=where, end=end)


@rule(
    "PSH003",
    "unknown-account",
    ERROR,
    summary=L(
        "下書きの account が pasha.toml の [accounts] にあるか検査します。",
        "Checks that the draft's account is one of the [accounts] in pasha.toml.",
    ),
    why=L(
        "アカウントが分からないと、プランやリンク先ドメインの検査ができません。",
        "Without a known account, the plan and link-domain rules cannot apply.",
    ),
    fix=L(
        "account を pasha.toml のアカウント ID に合わせるか、アカウントを追加してください。",
        "Use an account ID from pasha.toml, or add the account there.",
    ),
    messages={
        "default": L(
            "アカウント `{account}` は pasha.toml にありません（登録済み: {known}）",
            "account `{account}` is not in pasha.toml (known: {known})",
        ),
        "close": L(
            "アカウント `{account}` は pasha.toml にありません（`{close}` の間違いですか？）",
            "account `{account}` is not in pasha.toml (did you mean `{close}`?)",
        ),
    },
    reads=(),
)
def unknown_account(ctx: Context) -> Iterator[Hit]:
    known = sorted(ctx.config.accounts)
    for draft in ctx.target_drafts:
        account = draft.account
        if account is not None and account not in ctx.config.accounts:
            close = close_matches(account, known, n=1, cutoff=0.6)
            if close:
                yield Hit(draft, "account", {"account": account, "close": close[0]}, message="close")
            else:
                yield Hit(draft, "account", {"account": account, "known": ", ".join(known)})


_WHY = {
    "absolute": L(
        "絶対パスは使えません（下書きからの相対パスで）",
        "absolute paths are not allowed (write it relative to the file)",
    ),
    "outside": L("プロジェクトの外を指しています", "it leads outside the project"),
    "missing": L("ファイルがありません", "there is no such file"),
    "unusable": L(
        "ファイル名として使えません（NUL 文字、長すぎる名前、シンボリックリンクの循環など）",
        "it cannot be used as a file name (a NUL character, a name too long, a symbolic-link loop...)",
    ),
}


@rule(
    "PSH004",
    "missing-or-outside-file",
    ERROR,
    summary=L(
        "下書きと設定が参照するファイル（画像、動画）が存在し、プロジェクトの中にあるか検査します。",
        "Checks that files named by drafts and the config (images, video) exist inside the project.",
    ),
    why=L(
        "ない画像は提出できず、プロジェクト外へのパス（.. や絶対パス、外へのシンボリックリンク）は"
        "プルリクエストから他のファイルを読ませる抜け道になります。",
        "A missing image cannot be submitted, and a path leading out of the project (.., absolute, a symbolic "
        "link) would let a pull request reach other files.",
    ),
    fix=L(
        "ファイルをプロジェクト内に置き、参照する側のファイルからの相対パスで書いてください。",
        "Put the file inside the project and name it relative to the file that refers to it.",
    ),
    messages=L("{field} `{name}`: {why}", "{field} `{name}`: {why}"),
)
def missing_or_outside_file(ctx: Context) -> Iterator[Hit]:
    for item in ctx.unreadable:
        if item.code == "PSH004":
            yield Hit(None, None, {"field": "draft", "name": item.rel, "why": item.text}, path=item.rel)
    for draft in ctx.target_drafts:
        for name in FILE_FIELDS:
            value = draft.text(name)
            if value:
                resolved, why = ctx.resolve(draft.path.parent, value)
                if resolved is None:
                    yield Hit(draft, name, {"field": name, "name": value, "why": _WHY[why]})
    if ctx.config_in_scope:
        base = ctx.config.path.parent
        for account in ctx.config.accounts.values():
            for _, value, keys in account.image_refs():
                resolved, why = ctx.resolve(base, value)
                if resolved is None:
                    field = dotted(keys)
                    yield Hit(None, field, {"field": field, "name": value, "why": _WHY[why]}, config_keys=keys)


@rule(
    "PSH005",
    "unmatched-draft-pattern",
    ERROR,
    summary=L(
        "pasha.toml の drafts のパターンが下書きのファイルに一致するか検査します。",
        "Checks that the `drafts` patterns of pasha.toml match draft files.",
    ),
    why=L(
        "どのファイルにも一致しないパターン（打ち間違い、移動したフォルダー）があると、そこにある下書きは"
        "何も検査されないまま通ってしまいます。",
        "A pattern that matches no file (a typo, a folder that moved) lets the drafts it was meant for pass "
        "without any check.",
    ),
    fix=L(
        "パターンを下書きのある場所に合わせるか、要らないパターンを消してください。既定の 4 つのパターン"
        "（posts/**/*.yaml など）は、どれか 1 つが一致すれば十分です。",
        "Point the pattern at where the drafts are, or remove it. Of the four default patterns "
        "(posts/**/*.yaml and the like), one matching is enough.",
    ),
    messages={
        "default": L(
            "drafts のパターン {pattern!r} に一致する下書きがありません",
            "drafts: the pattern {pattern!r} matches no draft file",
        ),
        "none": L(
            "drafts のパターン（{patterns}）に一致する下書きが 1 つもありません: 何も検査されません",
            "no draft file matches the drafts patterns ({patterns}): nothing is checked",
        ),
    },
)
def unmatched_draft_pattern(ctx: Context) -> Iterator[Hit]:
    if not ctx.config_in_scope:
        return
    config = ctx.config
    if not ctx.drafts and not ctx.unreadable and not any(matches_a_draft(config.root, p) for p in config.drafts):
        yield Hit(None, "drafts", {"patterns": ", ".join(config.drafts)}, message="none", config_keys=("drafts",))
        return
    for index, pattern in enumerate(config.drafts):
        # the defaults cover four suffixes of which a project may use one: they are judged together, above
        if pattern not in DEFAULT_DRAFTS and not matches_a_draft(config.root, pattern):
            line = pattern_line(config.text, config.prefix, index, pattern)
            yield Hit(None, "drafts", {"pattern": pattern}, config_keys=("drafts", index), position=Position(line, 1))


@rule(
    "PSH006",
    "duplicate-draft-id",
    ERROR,
    summary=L(
        "下書きの id がプロジェクトの中で一意か検査します（大文字と小文字は区別しません）。",
        "Checks that each draft's `id` is unique in the project (case does not count).",
    ),
    why=L(
        "id はカレンダー（`pasha ics`）で投稿を見分けるものです。2 つの下書きが同じ id だと、取り込んだカレンダーでは"
        "一方の予定がもう一方を上書きし、投稿や設定期限が 1 つ消えます。下書きをコピーしたときに起こりがちです。",
        "The id is how the calendar feed (`pasha ics`) tells posts apart: two drafts with one id make one event "
        "replace the other in every calendar that reads the feed, and a post or its deadline disappears. "
        "It happens when a draft is copied.",
    ),
    fix=L(
        "コピーした方の id を新しい値に変えてください（`pasha new` は新しい id の下書きを作ります）。"
        "移動・改名した下書きの id は変えないでください。",
        "Give the copy a new id (`pasha new` writes a draft with a fresh one). Keep the id of a draft you moved "
        "or renamed.",
    ),
    messages=L("id `{id}` はほかの下書きでも使われています: {others}", "the id `{id}` is also used by {others}"),
)
def duplicate_draft_id(ctx: Context) -> Iterator[Hit]:
    shared: dict[str, list[Draft]] = defaultdict(list)
    for draft in ctx.drafts:  # the whole project: an id is unique across every file
        ident = draft.id
        if ident is not None:
            shared[ident.lower()].append(draft)
    for drafts in shared.values():
        if len(drafts) < 2:
            continue
        ordered = sorted(drafts, key=lambda d: d.rel)
        for draft in ordered:
            if draft.rel in ctx.targets:
                named = tuple(d.rel for d in ordered[: OTHERS_NAMED + 1] if d is not draft)[:OTHERS_NAMED]
                yield Hit(draft, "id", {"id": draft.id, "others": short_list(named, len(drafts) - 1)}, other=named)
