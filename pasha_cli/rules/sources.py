"""PSH63x: third-party content — a post that is not the brand's own (`source:`) is labelled and permitted.

pasha never says a post is lawful: it asks for the label and the record, naming the basis. A post
of `source: ugc | influencer | collaboration` (anything but `own`, which an absent field means) needs
a clear advertising label within the digest (the timeline shows only the digest): the 2023-10-01
stealth-marketing notice (景品表示法第5条第3号の指定告示). A reused post or photo (`ugc`,
`influencer`) needs a `permission:` record; a `collaboration` is made with its partner under their
agreement, so a record is not required of it, but one written is checked like any other.

What counts as a clear label (see _LABELS): PR as a word of its own (#PR, 【PR】, [PR], (PR), PR:),
#ad and [AD], Sponsored, 広告, 宣伝, プロモーション, タイアップ, 提供： / 提供を受け / 商品提供;
full-width and any case alike (ＰＲ, #pr). Not a label: PR inside a word (PRICE, PRODUCT, APR,
Spring), a URL's path, a denial (広告ではありません), a label cut by the digest's end or after it.

Cancelled drafts are never shown and are not checked; published ones are on the timeline still
and are (the fix is an edit of the live post).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any, NamedTuple

from pasha_cli import characters as txt
from pasha_cli.i18n import t, tn
from pasha_cli.model import CANCELLED, OWN
from pasha_cli.project.drafts import Draft
from pasha_cli.rules.base import WARNING, Context, Hit, L, digest_span, rule
from pasha_cli.timeutil import DAY_FORMAT, MINUTE_FORMAT, DateError, parse_date

NEEDS_PERMISSION = ("ugc", "influencer")  # reused posts and photos
PERMISSION_FIELDS = ("by", "granted", "scope")
SHOWN_CHARS = 60  # of a value written into a message: a 1 MB `by` is not a 1 MB report line

# Full-width ASCII (ＰＲ, ＃, ［］, （）, ：) as ASCII, one character for one, so positions stay.
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The labels and the URLs they do not count in; compiled on the first third-party draft."""
    word = "A-Za-z0-9"
    denial = r"(?!\s*(?:では|じゃ)(?:ない|ありません|ございません))"
    labels = "|".join(
        (
            rf"(?<![{word}])PR(?![{word}])",  # #PR 【PR】 [PR] (PR) PR: — never PRICE, APR, Spring
            rf"#AD(?![{word}])|[\[【(]AD[\]】)]",  # #ad, [AD]: not "AD 2030", "ADD"
            rf"(?<![{word}])Sponsored(?![{word}])",
            "広告",
            "宣伝",
            "プロモーション",
            "タイアップ",
            r"提供\s*[:：]|提供を受け|商品提供|製品提供",
        )
    )
    return re.compile(f"(?:{labels}){denial}", re.IGNORECASE), re.compile(r"https?://[^\s　]+", re.IGNORECASE)


class Label(NamedTuple):
    text: str  # as written in the body
    start: int  # code-point index in the body
    end: int


def labels(body: str) -> Iterator[Label]:
    """Every clear advertising label in the body, in order."""
    folded = body.translate(_FOLD)
    pattern, urls = _patterns()
    folded = urls.sub(lambda m: " " * len(m.group()), folded)  # /pr/ in a link is no label
    for m in pattern.finditer(folded):
        yield Label(body[m.start() : m.end()], m.start(), m.end())


def label_in_digest(body: str, limit: int) -> tuple[bool, Label | None]:
    """(whether a whole label lies within the first `limit` characters, the first label in the body)."""
    first: Label | None = None
    head: int | None = None
    for label in labels(body):
        first = first or label
        if label.end > limit and head is None:  # a text never has more characters than code points
            head = len(txt.digest(body, limit))  # a prefix of the body (whose newlines are \n)
        if label.end <= (limit if head is None else head):
            return True, label
        if head is not None and label.start >= head:
            break
    return False, first


def _clip(value: Any) -> str:
    text = str(value)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def _checked(ctx: Context) -> Iterator[Draft]:
    for draft in ctx.target_drafts:
        if draft.status != CANCELLED:
            yield draft


def _source(draft: Draft) -> Any:
    """The source as written; absent is own. A value the schema refuses (PSH002) is not taken as own."""
    return draft.fields.get("source", OWN)


def _permission(draft: Draft) -> dict[str, Any] | None:
    """The permission record when it is a mapping (another type is PSH002's)."""
    value = draft.fields.get("permission")
    return value if isinstance(value, dict) else None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@rule(
    "PSH630",
    "third-party-unlabelled",
    WARNING,
    summary=L(
        "source が own 以外（ugc・influencer・collaboration）の投稿で、本文の先頭 100 文字（ダイジェスト）に広告である"
        "ことがはっきり分かる表示が丸ごと入っているか検査します。指摘がないことは、表示が適法であることを意味しません。",
        "Checks that a post whose source is not own (ugc, influencer, collaboration) carries a clear advertising "
        "label wholly within the first 100 characters of the body (the digest). No finding does not mean the post "
        "is lawful.",
    ),
    why=L(
        "タイムラインには先頭 100 文字しか表示されません。第三者の投稿や写真、インフルエンサーやタイアップの投稿は、"
        "広告であることが一目で分からなければ、景品表示法第5条第3号の指定告示（令和5年内閣府告示第19号、"
        "2023年10月1日施行のステマ告示）が禁じる「一般消費者が事業者の表示であることを判別することが困難である表示」"
        "になるおそれがあります。消費者庁の運用基準は「広告」「宣伝」「プロモーション」「PR」などの表示を例に挙げています。",
        "The timeline shows only the first 100 characters. A reused post or photo, or an influencer's or a "
        "collaboration's post, that is not plainly an advertisement there risks being a representation whose "
        "advertiser consumers cannot tell, which the stealth-marketing notice under article 5(3) of the Act against "
        "Unjustifiable Premiums and Misleading Representations (景品表示法; Cabinet Office notice No. 19 of 2023, in "
        "force since 2023-10-01) prohibits; the Consumer Affairs Agency's guidelines give 広告, 宣伝, プロモーション "
        "and PR as examples of a clear label.",
    ),
    fix=L(
        "本文の冒頭に表示を入れ、担当者が確認してください（ハッシュタグの列に埋もれない位置に）。表示とみなすのは、単独の語"
        "としての PR（#PR、【PR】、[PR]、(PR)、PR: など）、#ad・[AD]、Sponsored、広告、宣伝、プロモーション、タイアップ、"
        "提供：・提供を受け・商品提供で、全角・半角、大文字・小文字は問いません（ＰＲ、#pr）。PRICE・PRODUCT・April・"
        "PR2030 のように語や記号の一部の pr、URL の中、「広告ではありません」、ダイジェストの後ろや切れ目にかかる表示は"
        "数えません。自社の投稿なら source: own にしてください。cancelled の下書きは検査しません（published は公開中"
        "なので検査します。直すには公開中の投稿を編集します）。",
        "Put a label at the start of the body and have it reviewed (not lost among hashtags). A label is PR as a "
        "word of its own (#PR, 【PR】, [PR], (PR), PR: ...), #ad or [AD], Sponsored, 広告, 宣伝, プロモーション, "
        "タイアップ, or 提供：, 提供を受け, 商品提供; full-width or half-width, any case (ＰＲ, #pr). Not a label: pr "
        "inside a word or a code (PRICE, PRODUCT, April, PR2030), in a URL, a denial (広告ではありません), or a label "
        "after the digest or cut by its end. If the post is the brand's own, write source: own. Cancelled drafts "
        "are not checked; published ones are still on the timeline and are (edit the live post).",
    ),
    messages={
        "default": L(
            "source: {source} の投稿ですが、ダイジェスト（先頭 {limit}）に広告であることを示す表示（【PR】、#PR、広告 など）"
            "がありません。本文の冒頭に入れて確認してください（根拠: {basis}）",
            "a source: {source} post with no advertising label (【PR】, #PR, 広告, ...) in the digest (the first "
            "{limit}): put one at the start of the body and review it (basis: {basis})",
        ),
        "late": L(
            "source: {source} の投稿の広告表示「{label}」が本文 {line} 行 {column} 文字目にあり、ダイジェスト（先頭 {limit}）"
            "に収まっていません。タイムラインでは見えないので、本文の冒頭に移して確認してください（根拠: {basis}）",
            'the advertising label "{label}" of this source: {source} post is at line {line}, column {column} of '
            "the body, not within the digest (the first {limit}), so the timeline does not show it: move it to the "
            "start of the body and review it (basis: {basis})",
        ),
    },
    reads=(),
)
def third_party_unlabelled(ctx: Context) -> Iterator[Hit]:
    limit = ctx.spec.digest_chars
    for draft in _checked(ctx):
        source = _source(draft)
        if source == OWN or draft.body is None or not draft.body.strip():  # no body: PSH002's or PSH102's
            continue
        found, label = label_in_digest(draft.body, limit)
        if found:
            continue
        args = {"source": _clip(source), "limit": tn("n-characters", limit), "basis": t("stealth-basis")}
        if label is None:
            where, end = digest_span(draft, limit)
            yield Hit(draft, "body", args, position=where, end=end)
        else:
            line, column = txt.line_column(draft.body, label.start)
            where, end = draft.source.body_span(label.start, label.end)
            args_at = {**args, "label": label.text, "line": line, "column": column}
            yield Hit(draft, "body", args_at, "late", where, end=end)


@rule(
    "PSH631",
    "permission-missing",
    WARNING,
    summary=L(
        "source が ugc（お客さまの投稿や写真の再利用）か influencer の投稿に、再利用の許諾の記録 permission: "
        "（by・granted・scope: 誰が、いつ、何に許可したか）があるか検査します。collaboration（相手と合意の上で一緒に"
        "作る投稿）には求めませんが、書いた記録は PSH632・PSH633 で検査します。cancelled の下書きは検査しません。"
        "指摘がないことは、再利用が適法であることを意味しません。",
        "Checks that a post whose source is ugc (a customer's post or photo, reused) or influencer has a record "
        "of the permission to reuse it: permission: with by, granted and scope (who allowed it, when, for what). A "
        "collaboration (made with the partner under your agreement) needs none, but a record written is checked "
        "by PSH632 and PSH633. Cancelled drafts are not checked. No finding does not mean the reuse is lawful.",
    ),
    why=L(
        "他人の投稿や写真を使うには、著作権者の許諾が必要です（著作権法第21条の複製権、第23条の公衆送信権。写っている"
        "人の肖像にも配慮が要ります）。記録がなければ、許諾を得たことを後から示せません。",
        "Reusing someone else's post or photo needs the rights holder's permission (著作権法 article 21, "
        "reproduction, and article 23, public transmission; the people shown have a say too). Without a record, "
        "nobody can show later that it was given.",
    ),
    fix=L(
        "許諾を確認し、permission: の by（許可した人、@アカウント名など）、granted（許可した日）、scope（許可の範囲）を"
        "書いてください。",
        "Check the permission and record it under permission: by (who allowed it, an @account or a name), "
        "granted (the date) and scope (what it covers).",
    ),
    messages=L(
        "source: {source} の投稿に再利用の許諾の記録（permission: by, granted, scope）がありません。許諾を確認して記録してください",
        "a source: {source} post with no record of the permission to reuse it (permission: by, granted, scope): "
        "check the permission and record it",
    ),
    reads=(),
)
def permission_missing(ctx: Context) -> Iterator[Hit]:
    for draft in _checked(ctx):
        source = _source(draft)
        if source in NEEDS_PERMISSION and "permission" not in draft.fields:
            yield Hit(draft, "source", {"source": source})


@rule(
    "PSH632",
    "permission-incomplete",
    WARNING,
    summary=L(
        "permission: の記録に by（許可した人）、granted（許可した日）、scope（許可の範囲）がそろっているか検査します"
        "（空白だけの値は書いていないのと同じです）。型の誤りは PSH002 です。cancelled の下書きは検査しません。",
        "Checks that a permission: record has by (who allowed it), granted (when) and scope (for what); a value "
        "of blanks is no value. A wrong type is PSH002. Cancelled drafts are not checked.",
    ),
    why=L(
        "誰が、いつ、何に許可したかの一つでも欠けた記録では、許諾の範囲を後から確かめられません。",
        "A record without who, when or what cannot show later what was allowed.",
    ),
    fix=L(
        "欠けている項目を許諾の記録から書き足してください。", "Fill in the missing fields from the permission given."
    ),
    messages=L(
        "permission: の記録に {fields}がありません（{missing}）。許諾の記録から書き足してください",
        "the permission: record lacks {fields} ({missing}): fill in what is missing from the permission given",
    ),
    reads=(),
)
def permission_incomplete(ctx: Context) -> Iterator[Hit]:
    for draft in _checked(ctx):
        record = _permission(draft)
        if record is None:
            continue
        missing = [name for name in PERMISSION_FIELDS if _blank(record.get(name))]
        if missing:
            yield Hit(draft, "permission", {"fields": tn("n-fields", len(missing)), "missing": ", ".join(missing)})


def _granted(record: dict[str, Any]) -> date | None:
    value = record.get("granted")
    if not isinstance(value, str):
        return None
    try:
        return parse_date(value)
    except DateError:  # PSH002's
        return None


@rule(
    "PSH633",
    "permission-after-publication",
    WARNING,
    summary=L(
        "permission: の granted（許可した日）が公開日（publish_at の日本時間の日付）より後になっていないか検査します。"
        "公開日当日の許可は指摘しません。cancelled の下書きは検査しません。",
        "Checks that permission: granted is not later than the publication day (publish_at's date in Japan time); "
        "permission given on the day itself is fine. Cancelled drafts are not checked.",
    ),
    why=L(
        "公開より後の許可は、公開の時点で許可がなかったことを示します（日付の書き誤りの場合もあります）。",
        "Permission dated after publication says there was none when the post went out (or the date is a typo).",
    ),
    fix=L(
        "許可を得てから公開日を決めるか、granted の日付を許諾の記録どおりに直してください。",
        "Publish only once permission is given, or correct granted to the date on record.",
    ),
    messages=L(
        "{by} の許可 granted {granted} は公開日 {publish} の {days}後です。許可を得てから公開するか、日付を確認してください",
        "permission from {by} is dated {granted}, {days} after publication ({publish}): publish once it is "
        "given, or check the date",
    ),
    reads=(),
)
def permission_after_publication(ctx: Context) -> Iterator[Hit]:
    for draft in _checked(ctx):
        record = _permission(draft)
        when = draft.time("publish_at")
        granted = _granted(record) if record is not None else None
        if record is None or when is None or granted is None or granted <= when.date():
            continue
        by = record.get("by")
        args = {
            "by": _clip(by) if isinstance(by, str) and by.strip() else "?",
            "granted": granted.strftime(DAY_FORMAT),
            "publish": when.strftime(MINUTE_FORMAT),
            "days": tn("n-days", (granted - when.date()).days),
        }
        yield Hit(draft, "permission.granted", args)
