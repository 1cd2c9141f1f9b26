"""PSH64x: campaigns and coupons — the post against the campaign it announces (`campaign:`).

pasha never says a campaign is lawful: it checks the post against the record of its campaign
(type, follow_required, start, end, url, condition) and asks a human to look where they disagree.

Times. `start` and `end` are read by pasha's one strict parser (Japan time unless an offset is
given). `end` is inclusive of the minute it names, as users write it: 23:59 means through
23:59:59, so a post at 23:59 is inside the campaign and one at 00:00 the next day is after it.

The period in the body (rules/dates.py `periods`): a date that bounds a period, with or without a
weekday — 5/1〜5/31, 5月1日(水)～31日(金), 5/31(金)23:59まで, 〜5/31, 5/31締切, 応募締切は5月20日, 5/1から;
never a date after 有効期限 or 賞味期限 (a code's validity, a best-before date) nor one by which the
brand acts (当選者には6/10までにご連絡). Its end must be the
campaign's last day and its start the first (PSH646). The limited-time wording (the shipped
term list's `limited` entries: 今だけ, 期間限定, 本日まで, 今月末まで, 先着, なくなり次第, ...) and such dates
closed by まで, 限り or 締切 need a recorded campaign (PSH645; a bare range such as 12/29〜1/3 may be
a closure notice, and 5/1から limits nothing). 本日まで and its kind say the campaign ends on the
publication day.
The digest (the first 100 characters, all the timeline shows) must show the period — a date or
range that ends on the campaign's last day, or 本日まで when that is the publication day (PSH647) —
and the condition of taking part: フォロー when following is required, and the record's
`condition` wording when it has one (PSH648).

Which drafts. Drafts still to be published (draft, ready, submitted): a published post's
campaign is history, and a cancelled post is never shown. The campaign's `url` is judged by the
link rules (PSH501-PSH503, field `campaign.url`), for every draft, as `link` is.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any, NamedTuple

from pasha_cli.characters import digest, line_column
from pasha_cli.i18n import tn
from pasha_cli.model import SCHEDULED
from pasha_cli.project.drafts import Draft
from pasha_cli.project.terms import Normal, Term, matcher_for, normalise
from pasha_cli.rules.base import ERROR, WARNING, Context, Hit, L, digest_span, rule
from pasha_cli.rules.content import read_body
from pasha_cli.rules.dates import Period, period_days, periods
from pasha_cli.timeutil import DAY_FORMAT, MINUTE_FORMAT, DateError, parse_datetime

NO_FOLLOW = ("receipt", "qr")  # Rakuten's guide: follow cannot be a condition of these
EXPECTED = ("type", "start", "end")
UNTIL_TODAY = "until-today"  # the term whose wording names the publication day as the last
FOLLOW = "フォロー"
SHOWN_WORDINGS = 5  # in PSH645's message
SHOWN_CHARS = 60  # of a value written into a message
MAX_PERIODS = 50  # PSH646 findings a draft: a body full of wrong dates needs a review, not a list of thousands


class Campaign(NamedTuple):
    fields: dict[str, Any]
    start: datetime | None  # None: absent or unreadable (PSH642, PSH002)
    end: datetime | None

    @property
    def closes(self) -> datetime | None:
        """The first moment after the campaign: `end` includes the minute it names."""
        return None if self.end is None else self.end.replace(second=0, microsecond=0) + timedelta(minutes=1)

    @property
    def follow(self) -> bool:
        return self.fields.get("follow_required") is True

    def text(self, name: str) -> str | None:
        value = self.fields.get(name)
        return value.strip() or None if isinstance(value, str) else None


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_datetime(value)
    except DateError:  # PSH002's
        return None


def campaign_of(draft: Draft) -> Campaign | None:
    """The draft's campaign record when it is a mapping (another type is PSH002's)."""
    value = draft.fields.get("campaign")
    if not isinstance(value, dict):
        return None
    return Campaign(value, _time(value.get("start")), _time(value.get("end")))


def _scheduled(ctx: Context) -> Iterator[Draft]:
    for draft in ctx.target_drafts:
        if draft.status in SCHEDULED:
            yield draft


def _campaigns(ctx: Context) -> Iterator[tuple[Draft, Campaign]]:
    for draft in _scheduled(ctx):
        found = campaign_of(draft)
        if found is not None:
            yield draft, found


class Wording(NamedTuple):
    """Limited-time wording in the body: a term's match, or a date that bounds a period."""

    start: int  # in the body
    end: int
    text: str
    term: Term | None
    period: Period | None


class Limited(NamedTuple):
    body: str  # the part read (CONTENT_MAX_CHARS)
    wordings: list[Wording]
    slow: list[Term]


def _limited_terms(ctx: Context) -> tuple[Term, ...]:
    return ctx.memo("limited-terms", lambda: tuple(t for t in ctx.config.content.terms() if t.rule == "limited"))


def limited(ctx: Context, draft: Draft) -> Limited:
    """The limited-time wording of a draft's body, once per run."""

    def make() -> Limited:
        body, normal = read_body(ctx, draft)  # normalised once for every content rule
        return Limited(body, *wordings(body, _limited_terms(ctx), normal))

    return ctx.memo(("limited", draft.rel), make)


def wordings(body: str, terms: tuple[Term, ...], normal: Normal | None = None) -> tuple[list[Wording], list[Term]]:
    """The limited-time wording in `body`, in order, and the terms that ran out of time on it
    (`normal`: the body's normalised form, when the caller has it)."""
    normal = normalise(body) if normal is None else normal
    hits, slow = matcher_for(terms).matches(normal.text)
    found = []
    for hit in hits:
        a, b = normal.span(hit.start, hit.end)
        found.append(Wording(a, b, body[a:b], hit.term, None))
    found += [Wording(p.at, p.at + len(p.text), p.text, None, p) for p in periods(body)]
    return sorted(found, key=lambda w: (w.start, w.end)), slow


def _publish_day(draft: Draft) -> date | None:
    when = draft.time("publish_at")
    return None if when is None else when.date()


def _body_hit(draft: Draft, body: str, wording: Wording, args: dict[str, Any], message: str = "default") -> Hit:
    line, column = line_column(body, wording.start)
    where, end = draft.source.body_span(wording.start, wording.end)
    return Hit(draft, "body", {**args, "line": line, "column": column}, message, where, end=end)


def _clip(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def _day(moment: datetime) -> str:
    return moment.strftime(DAY_FORMAT)


@rule(
    "PSH640",
    "campaign-follow-not-allowed",
    ERROR,
    summary=L(
        "campaign: の type が receipt（レシート利用キャンペーン）か qr（二次元コードキャンペーン）なのに、"
        "follow_required: true（アカウントのフォローを参加条件にする）になっていないか検査します。",
        "Checks that a campaign of type receipt (a receipt campaign) or qr (a QR-code campaign) does not make "
        "following the account a condition (follow_required: true).",
    ),
    why=L(
        "楽天のガイドは「レシート利用CPNや二次元コードCPNの参加条件には設定できない」としています。"
        "その条件で告知すると、読み手は満たしても参加できない条件を案内されます。",
        'Rakuten\'s guide says following "レシート利用CPNや二次元コードCPNの参加条件には設定できない" (cannot be '
        "set as a condition of receipt or QR-code campaigns): announced so, readers are told of a condition "
        "that does not hold.",
    ),
    fix=L(
        "キャンペーンの条件を確認し、follow_required: false にして本文からフォローの条件を外すか、type を直してください。",
        "Check the campaign's conditions: set follow_required: false and drop the follow condition from the "
        "body, or correct the type.",
    ),
    messages=L(
        "type: {type} のキャンペーンには、フォローを参加条件（follow_required: true）にできません（楽天のガイド）",
        "a campaign of type {type} cannot make following a condition (follow_required: true), as Rakuten's guide says",
    ),
    reads=(),
)
def campaign_follow_not_allowed(ctx: Context) -> Iterator[Hit]:
    for draft, found in _campaigns(ctx):
        kind = found.fields.get("type")
        if found.follow and kind in NO_FOLLOW:
            where, end = draft.source.value_span("/campaign/follow_required")
            yield Hit(draft, "campaign", {"type": kind}, position=where, end=end)


@rule(
    "PSH641",
    "campaign-ended",
    ERROR,
    summary=L(
        "公開日時（publish_at）がキャンペーンの終わり（campaign: の end）より後でないか検査します。end は書いた分を"
        "含みます（23:59 なら 23:59:59 まで）: 23:59 の公開は期間内、翌日 0:00 の公開は終了後です。",
        "Checks that the post is not published (publish_at) after its campaign's end (campaign: end). The end "
        "includes the minute written (23:59 runs through 23:59:59): a post at 23:59 is inside, one at 00:00 the "
        "next day is after.",
    ),
    why=L(
        "終わったキャンペーンの告知は、参加できないキャンペーンに読み手を案内します。",
        "A post that announces a campaign already over sends readers to something they cannot join.",
    ),
    fix=L(
        "公開日時を期間内にするか（`pasha slots --campaign` で期間内の枠を探せます）、campaign: の end を確認してください。",
        "Move publish_at inside the campaign (`pasha slots --campaign` finds a slot there), or check campaign: end.",
    ),
    messages=L(
        "公開 {publish} はキャンペーンの終わり {end} の後です",
        "the post goes out at {publish}, after its campaign ended at {end}",
    ),
    reads=(),
)
def campaign_ended(ctx: Context) -> Iterator[Hit]:
    for draft, found in _campaigns(ctx):
        when, closes = draft.time("publish_at"), found.closes
        if when is not None and closes is not None and found.end is not None and when >= closes:
            args = {"publish": when.strftime(MINUTE_FORMAT), "end": found.end.strftime(MINUTE_FORMAT)}
            where, end = draft.source.value_span("/campaign/end")
            yield Hit(draft, "campaign", args, position=where, end=end)


@rule(
    "PSH642",
    "campaign-incomplete",
    WARNING,
    summary=L(
        "campaign: の記録に type、start、end がそろっているか検査します（読めない日時は PSH002 です）。",
        "Checks that a campaign: record has type, start and end (a date that cannot be read is PSH002).",
    ),
    why=L(
        "期間のない記録では、公開日や本文の日付がキャンペーンと合っているかを確かめられません。",
        "Without its period, pasha cannot check the publication or the body's dates against the campaign.",
    ),
    fix=L(
        "キャンペーンの要項から type・start・end を書き足してください（end は 2030-05-31 23:59 のように）。",
        "Fill in type, start and end from the campaign's terms (end as 2030-05-31 23:59).",
    ),
    messages=L("campaign: の記録に {fields} がありません", "the campaign: record lacks {fields}"),
    reads=(),
)
def campaign_incomplete(ctx: Context) -> Iterator[Hit]:
    for draft, found in _campaigns(ctx):
        missing = [name for name in EXPECTED if found.fields.get(name) in (None, "")]
        if missing:
            yield Hit(draft, "campaign", {"fields": ", ".join(missing)})


@rule(
    "PSH643",
    "campaign-period-reversed",
    ERROR,
    summary=L(
        "campaign: の end が start より前でないか検査します（同じ時刻は 1 分間のキャンペーンです）。",
        "Checks that campaign: end is not before start (the same minute is a one-minute campaign).",
    ),
    why=L(
        "終わりが始まりより前の記録は誤記で、どちらが正しいのか分かりません。",
        "A campaign that ends before it starts is a typo: which of the two is meant cannot be told.",
    ),
    fix=L(
        "キャンペーンの要項どおりに start と end を直してください。", "Correct start and end from the campaign's terms."
    ),
    messages=L(
        "campaign: の end {end} が start {start} より前です",
        "campaign: end {end} is before start {start}",
    ),
    reads=(),
)
def campaign_period_reversed(ctx: Context) -> Iterator[Hit]:
    for draft, found in _campaigns(ctx):
        if found.start is not None and found.end is not None and found.end < found.start:
            args = {"start": found.start.strftime(MINUTE_FORMAT), "end": found.end.strftime(MINUTE_FORMAT)}
            where, end = draft.source.value_span("/campaign/end")
            yield Hit(draft, "campaign", args, position=where, end=end)


@rule(
    "PSH644",
    "campaign-announced-early",
    WARNING,
    summary=L(
        "公開日からキャンペーンの初日（campaign: の start）までが [content] campaign_lead_days（既定 14 日）を"
        "超えていないか検査します。日本時間の日付で数え、ちょうどその日数前は早すぎません。",
        "Checks that no more than [content] campaign_lead_days (14 by default) pass from the publication day to "
        "the campaign's first day (campaign: start), counted in Japan-time days: exactly that many days before "
        "is not too early.",
    ),
    why=L(
        "無料プランの投稿は月に 1 回です。始まるずっと前の告知は、始まるころにはタイムラインの下に流れています。",
        "A free account posts once a month: a post long before the campaign starts has scrolled away by the "
        "time it does.",
    ),
    fix=L(
        "公開日を期間の近くに移すか（`pasha slots --campaign`）、早めの告知が意図どおりなら campaign_lead_days を"
        "調整してください。",
        "Move the publication nearer the campaign (`pasha slots --campaign`), or set campaign_lead_days if an "
        "early notice is meant.",
    ),
    messages=L(
        "公開日 {publish} はキャンペーンの初日 {start} の {days}前です（目安は {limit}以内）",
        "the post goes out on {publish}, {days} before its campaign starts on {start} (at most {limit} expected)",
    ),
    reads=(),
)
def campaign_announced_early(ctx: Context) -> Iterator[Hit]:
    lead = ctx.config.content.campaign_lead_days
    for draft, found in _campaigns(ctx):
        publish = _publish_day(draft)
        if publish is None or found.start is None:
            continue
        days = (found.start.date() - publish).days
        if days > lead:
            args = {
                "publish": publish.isoformat(),
                "start": _day(found.start),
                "days": tn("n-days", days),
                "limit": tn("n-days", lead),
            }
            where, end = draft.source.value_span("/campaign/start")
            yield Hit(draft, "campaign", args, position=where, end=end)


# what follows a period that closes the shop rather than limits an offer (12/29〜1/3まで休業します)
_CLOSURE = re.compile(r"[ \u3000]?(?:は|の)?[ \u3000]?(?:お?休み|休業|休館|休店|定休|臨時休|年末年始休)")


@rule(
    "PSH645",
    "limited-time-without-campaign",
    WARNING,
    summary=L(
        "本文の期間を区切る表現（今だけ、期間限定、本日まで、今月末まで、先着、なくなり次第、5月31日まで、5/31(金)まで、"
        "5/1〜5/31まで など、まで・限り・締切で終わる日付）のある投稿に、キャンペーンの記録（campaign: の start と end）があるか検査します。"
        "夏季限定・初回限定・数量限定のように期限を言わない表現は対象外です。",
        "Checks that a post whose body limits an offer in time (今だけ, 期間限定, 本日まで, 今月末まで, 先着, "
        "なくなり次第, 5月31日まで, 5/31(金)まで, 5/1〜5/31まで: a date closed by まで, 限り or 締切) records its campaign (campaign: with start and end). "
        "Wording that names no deadline (夏季限定, 初回限定, 数量限定) is not counted.",
    ),
    why=L(
        "期限をうたう表示は、その期限が実際のものでなければ有利誤認（景品表示法第5条第2号）のおそれがあります。"
        "記録があれば、pasha は本文の日付と公開日を期間と突き合わせられます。pasha は文言が適法かどうかを判断しません。",
        "A deadline that is not real risks being a misleading representation of terms (景品表示法 article 5(2)). "
        "With the campaign recorded, pasha checks the body's dates and the publication against it. pasha does not "
        "judge whether copy is lawful.",
    ),
    fix=L(
        "キャンペーンの要項から campaign:（type、start、end、必要なら follow_required・url・condition）を記録して"
        "ください。キャンペーンでなければ表現を見直すか、確認済みの例外として allow: に理由を書いてください。",
        "Record the campaign from its terms (campaign: type, start, end, and follow_required, url, condition as "
        "needed). If there is no campaign, review the wording, or record a reviewed exception in allow:.",
    ),
    messages={
        "default": L(
            "本文 {line} 行 {column} 文字目の「{wording}」は期間を区切る表現ですが、キャンペーンの記録"
            "（campaign: の start・end）がありません",
            '"{wording}" in the body at line {line}, column {column} limits the offer in time, but no campaign is '
            "recorded (campaign: start, end)",
        ),
        "many": L(
            "本文 {line} 行 {column} 文字目の「{wording}」など（{all}）期間を区切る表現がありますが、キャンペーンの記録"
            "（campaign: の start・end）がありません",
            '"{wording}" in the body at line {line}, column {column} and more ({all}) limit the offer in time, but '
            "no campaign is recorded (campaign: start, end)",
        ),
        "slow": L(
            "用語 {term} の照合が時間内に終わらず、本文を検査できませんでした。人が確認してください",
            "the term {term} could not be matched against this body in time: check the body by hand",
        ),
    },
    reads=(),
)
def limited_time_without_campaign(ctx: Context) -> Iterator[Hit]:
    for draft in _scheduled(ctx):
        if not draft.body or "campaign" in draft.fields:  # a record without its period is PSH642's
            continue
        found = limited(ctx, draft)
        if found.slow:
            ctx.out_of_time(draft)
        for term in found.slow:
            yield Hit(draft, "body", {"term": term.id}, "slow")
        # a date limits when まで (限り, 締切) closes it: 5/1から, 12/29〜1/3 and 12/29〜1/3まで休業 (a
        # closure notice) do not
        limits = [
            w
            for w in found.wordings
            if w.period is None or (w.period.until and not _CLOSURE.match(found.body, w.period.at + len(w.period.text)))
        ]
        if limits:
            first = limits[0]
            texts = list(dict.fromkeys(_clip(w.text) for w in limits))
            args = {"wording": _clip(first.text), "all": "、".join(texts[:SHOWN_WORDINGS])}
            yield _body_hit(draft, found.body, first, args, "many" if len(texts) > 1 else "default")


def _reference(draft: Draft, found: Campaign) -> date | None:
    """The day a yearless date in the body is read from: publication, else the campaign's start."""
    publish = _publish_day(draft)
    if publish is not None:
        return publish
    return None if found.start is None else found.start.date()


@rule(
    "PSH646",
    "body-period-disagrees",
    WARNING,
    summary=L(
        "本文の期間（5/1〜5/31、5月31日(金)まで、〜5/31、5/1から など。曜日はなくても構いません）の終わりがキャンペーン"
        "の end の日、始まりが start の日と合っているか検査します。「本日まで」は公開日に終わるキャンペーンだけに"
        "使えます。年のない日付の年は PSH620 と同じく公開日から決めます。",
        "Checks that a period in the body (5/1〜5/31, 5月31日(金)まで, 〜5/31, 5/1から; a weekday is optional) ends on "
        "the day of campaign: end and starts on the day of start; 本日まで fits only a campaign that ends on the "
        "publication day. A yearless date takes its year from the publication date, as for PSH620.",
    ),
    why=L(
        "本文と記録の期間が違えば、どちらかが誤りです。読み手は本文の期間を信じて参加します。",
        "When the body and the record disagree, one of them is wrong, and readers go by the body.",
    ),
    fix=L(
        "キャンペーンの要項を確かめ、本文の日付か campaign: の start・end を直してください。別の期限（当選発表日など）"
        "なら、確認済みの例外として allow: に理由を書いてください。",
        "Check the campaign's terms and correct the body's date or campaign: start/end. If the date is another "
        "deadline (a results day, say), record a reviewed exception in allow:.",
    ),
    messages={
        "end": L(
            "本文 {line} 行 {column} 文字目の「{text}」は {date} までですが、キャンペーンの終わりは {end} です",
            '"{text}" in the body at line {line}, column {column} runs until {date}, but the campaign ends on {end}',
        ),
        "start": L(
            "本文 {line} 行 {column} 文字目の「{text}」は {date} からですが、キャンペーンの始まりは {start} です",
            '"{text}" in the body at line {line}, column {column} starts on {date}, but the campaign starts on {start}',
        ),
        "today": L(
            "本文 {line} 行 {column} 文字目の「{text}」は公開日 {publish} に終わると読めますが、キャンペーンの終わりは {end} です",
            '"{text}" in the body at line {line}, column {column} says it ends on the publication day {publish}, '
            "but the campaign ends on {end}",
        ),
    },
    reads=(),
)
def body_period_disagrees(ctx: Context) -> Iterator[Hit]:
    for draft, found in _campaigns(ctx):
        reference = _reference(draft, found)
        if not draft.body or reference is None:
            continue
        read = limited(ctx, draft)
        publish = _publish_day(draft)
        yield from itertools.islice(_disagreements(draft, found, read, reference, publish), MAX_PERIODS)


def _disagreements(
    draft: Draft, found: Campaign, read: Limited, reference: date, publish: date | None
) -> Iterator[Hit]:
    """Where the body's periods (and 本日まで) disagree with the campaign's start and end."""
    for wording in read.wordings:
        args: dict[str, Any] = {"text": _clip(wording.text)}
        if wording.term is not None and wording.term.id == UNTIL_TODAY:
            if found.end is not None and publish is not None and found.end.date() != publish:
                args |= {"publish": publish.isoformat(), "end": _day(found.end)}
                yield _body_hit(draft, read.body, wording, args, "today")
            continue
        if wording.period is None:
            continue
        first, last = period_days(wording.period, reference)
        if last is not None and found.end is not None and last != found.end.date():
            yield _body_hit(
                draft, read.body, wording, {**args, "date": last.isoformat(), "end": _day(found.end)}, "end"
            )
        if first is not None and found.start is not None and first != found.start.date():
            args |= {"date": first.isoformat(), "start": _day(found.start)}
            yield _body_hit(draft, read.body, wording, args, "start")


def _shows_period(head: str, last: date, publish: date | None, reference: date, terms: tuple[Term, ...]) -> bool:
    """Whether `head` writes a period that ends on `last` (or 本日まで, when that is the publication day)."""
    if any(period_days(p, reference)[1] == last for p in periods(head)):
        return True
    return last == publish and any(w.term is not None and w.term.id == UNTIL_TODAY for w in wordings(head, terms)[0])


def _holds(folded: str, head: str) -> bool:
    return folded in normalise(head).text


def _in_digest(ctx: Context, draft: Draft, holds: Callable[[str], bool]) -> bool:
    """Whether the digest holds what `holds` looks for. The first `limit` code points are always in it
    (a character is at least one), so most bodies are answered without segmenting them (the `regex`
    import); the digest itself is cut only when they do not hold it and the body is longer."""
    body, limit = draft.body or "", ctx.spec.digest_chars
    if holds(body[:limit]):
        return True
    return len(body) > limit and holds(digest(body, limit))


@rule(
    "PSH647",
    "period-not-in-digest",
    WARNING,
    summary=L(
        "キャンペーンの期間が本文の先頭 100 文字（ダイジェスト）に入っているか検査します: end の日に終わる日付か期間"
        "（5/31まで、5/1〜5/31、〜5/31(金)）、または公開日に終わるなら「本日まで」など。",
        "Checks that the campaign's period is in the first 100 characters of the body (the digest): a date or "
        "range that ends on the day of end (5/31まで, 5/1〜5/31, 〜5/31(金)), or 本日まで and its kind when it ends "
        "on the publication day.",
    ),
    why=L(
        "タイムラインにはダイジェストしか表示されません。期限が「もっと見る」の先にあると、多くの読み手は期間を知らない"
        "まま判断します。",
        'The timeline shows only the digest: with the deadline behind the "more" link, most readers decide '
        "without knowing it.",
    ),
    fix=L(
        "本文の冒頭近くに期間（例: 5/31(金)23:59まで）を書いてください。",
        "Write the period near the start of the body (5/31(金)23:59まで, say).",
    ),
    messages=L(
        "キャンペーンの終わり {end} がダイジェスト（先頭 {limit}）に書かれていません",
        "the campaign's end {end} is not written in the digest (the first {limit})",
    ),
    reads=(),
)
def period_not_in_digest(ctx: Context) -> Iterator[Hit]:
    for draft, found in _campaigns(ctx):
        reference = _reference(draft, found)
        if not draft.body or found.end is None or reference is None:
            continue
        last, publish = found.end.date(), _publish_day(draft)
        shows = partial(_shows_period, last=last, publish=publish, reference=reference, terms=_limited_terms(ctx))
        if not _in_digest(ctx, draft, shows):
            args = {"end": found.end.strftime(MINUTE_FORMAT), "limit": tn("n-characters", ctx.spec.digest_chars)}
            where, end = digest_span(draft, ctx.spec.digest_chars)
            yield Hit(draft, "body", args, position=where, end=end)


@rule(
    "PSH648",
    "condition-not-in-digest",
    WARNING,
    summary=L(
        "キャンペーンの参加条件が本文の先頭 100 文字（ダイジェスト）に入っているか検査します: follow_required: true なら"
        "「フォロー」、campaign: の condition があればその文言（全角・半角、大文字・小文字は区別しません）。",
        "Checks that the campaign's condition is in the first 100 characters of the body (the digest): フォロー when "
        "follow_required is true, and the wording of campaign: condition when there is one (full- and half-width "
        "forms and letter case are one).",
    ),
    why=L(
        "タイムラインにはダイジェストしか表示されません。条件が隠れていると、読み手は条件を満たさずに参加したつもりに"
        "なります。",
        "The timeline shows only the digest: with the condition hidden, readers think they have joined without "
        "meeting it.",
    ),
    fix=L(
        "本文の冒頭近くに条件（例: アカウントをフォローしてエントリー）を書いてください。",
        "Write the condition near the start of the body (アカウントをフォローしてエントリー, say).",
    ),
    messages=L(
        "キャンペーンの参加条件「{missing}」がダイジェスト（先頭 {limit}）に書かれていません",
        'the campaign\'s condition "{missing}" is not written in the digest (the first {limit})',
    ),
    reads=(),
)
def condition_not_in_digest(ctx: Context) -> Iterator[Hit]:
    for draft, found in _campaigns(ctx):
        if not draft.body:
            continue
        wanted = []
        if found.follow and found.fields.get("type") not in NO_FOLLOW:  # there, PSH640 says follow is no condition
            wanted.append(FOLLOW)
        condition = found.text("condition")
        if condition:
            wanted.append(condition)
        if not wanted:
            continue
        missing = [w for w in wanted if not _in_digest(ctx, draft, partial(_holds, normalise(w).text))]
        if missing:
            args = {"missing": "、".join(_clip(m) for m in missing), "limit": tn("n-characters", ctx.spec.digest_chars)}
            where, end = digest_span(draft, ctx.spec.digest_chars)
            yield Hit(draft, "body", args, position=where, end=end)
