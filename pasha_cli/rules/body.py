"""PSH1xx: the body text — its length as a reader counts it, and what it may hide."""

from __future__ import annotations

from collections.abc import Iterator

from pasha_cli import characters as txt
from pasha_cli.i18n import tn
from pasha_cli.project.drafts import Draft
from pasha_cli.rules.base import ERROR, WARNING, Context, Hit, L, rule


def _bodies(ctx: Context) -> Iterator[tuple[Draft, str]]:
    for draft in ctx.target_drafts:
        if draft.body is not None:
            yield draft, draft.body


def _spot_hit(draft: Draft, spot: txt.Spot, length: int = 0, **extra: object) -> Hit:
    """A hit on the spot's character (or on `length` characters from it)."""
    start, end = draft.source.body_span(spot.at, spot.at + (length or len(spot.char)))
    args = {"line": spot.line, "column": spot.column, "codepoint": spot.codepoint, "char_name": spot.name, **extra}
    return Hit(draft, "body", args, position=start, end=end)


def _run(spots: list[txt.Spot]) -> int:
    """How many characters the first spot's run of adjacent spots holds (ｺｰﾋｰ is one run)."""
    n = 1
    while n < len(spots) and spots[n].at == spots[0].at + n:
        n += 1
    return n


@rule(
    "PSH101",
    "body-too-long",
    ERROR,
    summary=L(
        "本文が上限（既定 2,000 文字）以内か検査します。文字は読み手に見える単位（拡張書記素クラスタ）で数え、"
        "改行は CRLF も 1 文字、絵文字の家族や国旗も 1 文字です。",
        "Checks that the body is within the limit (2,000 characters by default), counting characters as a "
        "reader sees them (extended grapheme clusters): a newline, CRLF included, is 1; an emoji family or a flag is 1.",
    ),
    why=L("上限を超えた本文は管理画面で登録できません。", "The admin screen does not accept a longer body."),
    fix=L(
        "本文を短くしてください。`pasha preview` で先頭 100 文字（ダイジェスト）の切れ目も確認できます。",
        "Shorten the body. `pasha preview` also shows where the 100-character digest ends.",
    ),
    messages=L(
        "本文が {count:,} 文字あります（上限 {limit:,} 文字、{over:,} 文字超過）",
        "the body has {count:,} characters (limit {limit:,}; {over:,} over)",
    ),
    reads=(),
)
def body_too_long(ctx: Context) -> Iterator[Hit]:
    limit = ctx.spec.body_max_chars
    for draft, body in _bodies(ctx):
        count = txt.exceeds(body, limit)
        if count is not None:
            yield Hit(draft, "body", {"count": count, "limit": limit, "over": count - limit})


@rule(
    "PSH102",
    "body-empty",
    ERROR,
    summary=L("本文が空（空白だけを含む）でないか検査します。", "Checks that the body is not empty or blank."),
    why=L("本文のない投稿は登録できません。", "A post without a body cannot be set up."),
    fix=L("本文を書いてください。", "Write the body."),
    messages=L("本文が空です", "the body is empty"),
    reads=(),
)
def body_empty(ctx: Context) -> Iterator[Hit]:
    for draft, body in _bodies(ctx):
        if not body.strip():
            yield Hit(draft, "body")


@rule(
    "PSH110",
    "invisible-character",
    WARNING,
    summary=L(
        "本文にゼロ幅文字や双方向制御文字（U+200B、U+202E など）が含まれていないか検査します。"
        "絵文字の中のゼロ幅接合子（ZWJ）は絵文字の一部として扱います。",
        "Checks the body for zero-width and bidirectional-control characters (U+200B, U+202E, ...). "
        "A zero-width joiner inside an emoji sequence is part of the emoji.",
    ),
    why=L(
        "見えない文字は文字数を狂わせ、検索やリンクを壊し、表示順を入れ替えて読み手を欺くことがあります。",
        "Invisible characters skew the count, break search and links, and can reorder what readers see.",
    ),
    fix=L(
        "示された位置の文字を削除してください（コピー＆ペースト元から紛れ込むことがよくあります）。",
        "Delete the character at the place shown (it usually comes in with copy and paste).",
    ),
    messages=L(
        "本文 {line} 行 {column} 文字目に見えない文字 {codepoint}（{char_name}）があります",
        "invisible character {codepoint} ({char_name}) in the body at line {line}, column {column}",
    ),
    reads=(),
)
def invisible_character(ctx: Context) -> Iterator[Hit]:
    for draft, body in _bodies(ctx):
        for spot in txt.invisible_characters(body):
            yield _spot_hit(draft, spot)


@rule(
    "PSH111",
    "control-character",
    ERROR,
    summary=L(
        "本文に制御文字（改行とタブ以外の C0/C1 制御文字、DEL）が含まれていないか検査します。",
        "Checks the body for control characters (C0 and C1 controls other than newline and tab, and DEL).",
    ),
    why=L(
        "制御文字は管理画面で拒否されるか、文字化けとして表示されます。",
        "Control characters are rejected by the admin screen or shown as garbage.",
    ),
    fix=L("示された位置の文字を削除してください。", "Delete the character at the place shown."),
    messages=L(
        "本文 {line} 行 {column} 文字目に制御文字 {codepoint} があります",
        "control character {codepoint} in the body at line {line}, column {column}",
    ),
    reads=(),
)
def control_character(ctx: Context) -> Iterator[Hit]:
    for draft, body in _bodies(ctx):
        for spot in txt.control_characters(body):
            yield _spot_hit(draft, spot)


@rule(
    "PSH112",
    "not-nfc",
    WARNING,
    summary=L(
        "本文が NFC（合成済み）になっているか検査します。macOS からコピーした「か＋゛」のような分解された仮名を見つけます。",
        "Checks that the body is in NFC: finds decomposed kana (か + ゛) such as text copied from macOS file names.",
    ),
    why=L(
        "分解された文字は見た目が同じでも検索にかからず、環境によっては濁点が離れて表示されます。",
        "Decomposed characters look the same but do not match in search, and some screens show the mark apart.",
    ),
    fix=L(
        "その文字を打ち直すか、NFC に正規化して保存してください。",
        "Type the character again, or normalise the text to NFC.",
    ),
    messages=L(
        "本文 {line} 行 {column} 文字目の「{char}」が分解された形（NFC ではない）です",
        '"{char}" in the body at line {line}, column {column} is decomposed (not NFC)',
    ),
    reads=(),
)
def not_nfc(ctx: Context) -> Iterator[Hit]:
    for draft, body in _bodies(ctx):
        spot = txt.decomposed(body)
        if spot is not None:
            yield _spot_hit(draft, spot, char=spot.char)


@rule(
    "PSH113",
    "halfwidth-katakana",
    WARNING,
    summary=L(
        "本文に半角カタカナ（ｱｲｳ など）が含まれていないか検査します。",
        "Checks the body for half-width katakana (ｱｲｳ and the like).",
    ),
    why=L(
        "半角カタカナは公式アカウントの表記として読みにくく、環境によって表示が崩れます。",
        "Half-width katakana reads poorly in an official account and renders badly on some screens.",
    ),
    fix=L("全角カタカナに直してください。", "Use full-width katakana."),
    messages=L(
        "本文 {line} 行 {column} 文字目から半角カタカナが {chars}あります",
        "{chars} in the body, the first at line {line}, column {column}",
    ),
    reads=(),
)
def halfwidth_katakana(ctx: Context) -> Iterator[Hit]:
    for draft, body in _bodies(ctx):
        spots = txt.halfwidth_katakana(body)
        if spots:
            yield _spot_hit(draft, spots[0], _run(spots), chars=tn("n-katakana", len(spots)))
