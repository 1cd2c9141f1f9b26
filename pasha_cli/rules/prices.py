"""PSH61x: price claims — a comparison price, a rate off or a price pair needs a recorded basis.

pasha never says a price is lawful: it asks for the record of the comparison price and checks it
against the test the 価格表示ガイドライン (i18n "price-basis") sets for a "recent" past price, naming it.

What is a price claim (the term list's `rule = "price"` entries, data/terms-*.toml): a rate off
(30%OFF, ３０％オフ, 3割引, 3割引き, 半額, a coupon's 50%OFF too: the rate is off a price the shop
charges, whose record is this one; the coupon's own terms are the `campaign:` record's); a price
pair with an arrow whose right price is the lower (3,980円→2,980円, ￥3,980 → ￥2,980); and a
comparison wording naming its price (通常価格3,980円, メーカー希望小売価格 税込3,980円, 定価1,000円)
when the body offers a lower price besides. Not claims: 定価販売, 定価1,000円 with no lower price,
a price rise (3,980円→4,280円), 10→12時, 1→2人前, 2本目は半額 (a bundle, off today's price),
送料半額 and 半額以下の送料 (shipping, not the goods), 糖質50%オフ (nutrition). A fixed amount off
(200円OFF) names no rate and is not read as a claim (a project may add a term for it). A project's
own `rule = "price"` term is a claim wherever it matches; its prices are not read (an entry that
replaces a shipped comparison term by its id is such a term too).

The record (`price_basis:`): `compared_price` (yen, as the body writes it: with tax when the body's
is), then either `sold_from` and `sold_until` (when it was actually sold at that price) or
`kind: maker` (a price the maker set and published: no period then). `offer_from` is the offer's
first day when it is not the publication day; `on_sale_from` the goods' first day on sale at any
price, when that is within the 8 weeks before the offer; `store` and `note` are for people.

The test (PSH614), at the offer's first day O (offer_from, else publish_at's date in Japan time,
else today): the price was charged for more than half of the 8 weeks before O (of the days from
on_sale_from, when that is later), for at least 14 days in all, and its last day is no more than
14 days before O (O minus sold_until). Only the days before O count.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from heapq import nsmallest
from typing import Any, NamedTuple

from pasha_cli.characters import line_column
from pasha_cli.i18n import short_list, t, tn
from pasha_cli.model import CANCELLED, Position
from pasha_cli.project.drafts import Draft
from pasha_cli.project.terms import CONTENT_MAX_CHARS, SHIPPED, Match, Normal, Term, matcher_for, may_match, normalise
from pasha_cli.rules.base import WARNING, Context, Hit, L, rule
from pasha_cli.rules.content import read_body
from pasha_cli.timeutil import DAY_FORMAT, DateError, parse_date, to_jst

WINDOW_DAYS = 56  # 8 weeks before the offer
MIN_DAYS = 14  # sold at that price for 2 weeks in all
MAX_GAP_DAYS = 14  # its last day at most 2 weeks before the offer
MAX_PRICE = 1_000_000_000  # as the draft schema's maximum: beyond it PSH002's, never compared
MAKER, SOLD = "maker", "sold"
# which kind of record a comparison wording calls for (the others, 定価 and 参考価格, fit either)
WORDING_KIND = {"usual-price": SOLD, "maker-price": MAKER}
PAIR = "price-pair"
WORDING = frozenset({"usual-price", "maker-price", "list-price"})  # shipped terms that name a price after them
REFERENCE = WORDING | {PAIR}
MAX_SHOWN = 3  # wordings a message names
DATES = ("sold_from", "sold_until", "offer_from", "on_sale_from")


@cache
def _amounts() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """An amount (at most 9 digits, commas by thousands), a price in the normalised body (with ¥ or
    円), and what makes a price no offer (a shipping fee, a threshold, an amount off)."""
    number = r"(?<![0-9.,])([0-9]{1,3}(?:,[0-9]{3}){1,2}|[0-9]{1,9})(?![0-9]|[.,][0-9])"
    price = rf"¥\s?{number}|{number}\s?円"
    not_offer = re.compile(
        r"(?:送料|配送料|手数料|ポイント|pt)\s?(?:は|が|:)?\s?(?:税込|税抜|税別)?\s?$"
        r"|^\s?(?:\(\s?税[込抜別]\s?\)\s?)?(?:以上|以下|未満|から|分|相当|off|オフ|引|割引|ポイント|pt|券|クーポン)"
    )
    return re.compile(number), re.compile(price), not_offer


class Price(NamedTuple):
    amount: int
    start: int  # in the normalised body
    end: int


class Comparison(NamedTuple):
    """A price the body compares with, and the wording (a normalised span) that names it."""

    amount: int
    kind: str | None  # SOLD, MAKER, or None: either fits
    match: Match


class Prices(NamedTuple):
    """What the price rules need of one draft's body, computed once per run."""

    body: str
    normal: Normal
    claims: list[Match]
    comparisons: list[Comparison]

    def place(self, match: Match) -> tuple[str, int, int]:
        a, b = self.normal.span(match.start, match.end)
        return (self.body[a:b], *line_column(self.body, a))


def amounts(normal: str) -> list[Price]:
    """Every amount in the normalised body (a run of more than 9 digits is none: no int of a million digits)."""
    return [Price(int(m.group(1).replace(",", "")), m.start(), m.end()) for m in _amounts()[0].finditer(normal)]


def offers(normal: str) -> list[Price]:
    """The prices the body offers (not a fee, a threshold or an amount off)."""
    _, price, not_offer = _amounts()
    found = []
    for m in price.finditer(normal):
        before, after = normal[max(0, m.start() - 8) : m.start()], normal[m.end() : m.end() + 10]
        if not_offer.search(before) or not_offer.search(after):
            continue
        found.append(Price(int((m.group(1) or m.group(2)).replace(",", "")), m.start(), m.end()))
    return found


def _price_terms(ctx: Context) -> tuple[Term, ...]:
    return ctx.memo("price-terms", lambda: tuple(t for t in ctx.config.content.terms() if t.rule == "price"))


def read_prices(body: str, normal: Normal, terms: tuple[Term, ...]) -> Prices:
    """The price claims and comparison prices of a body (each term matched on its own, so that a
    wording and the pair it starts are both read)."""
    text = normal.text
    priced = "¥" in text or "円" in text
    if not terms or not any(may_match(term, text) for term in terms):  # most bodies: none of the hints
        return Prices(body, normal, [], [])
    offered: list[Price] | None = None
    claims: list[Match] = []
    comparisons: list[Comparison] = []
    every: list[Price] | None = None
    for term in terms:
        if term.origin == SHIPPED and term.id in WORDING and not priced:
            continue  # a comparison wording is read only with a price (the matcher checks the hints)
        for match in matcher_for((term,)).matches(text)[0]:
            if term.origin != SHIPPED or term.id not in REFERENCE:
                claims.append(match)  # a rate off, or a project's own price wording
                continue
            if every is None:
                every = amounts(text)
            first = bisect_left(every, match.start, key=lambda p: p.start)
            found = [p.amount for p in every[first : bisect_left(every, match.end, key=lambda p: p.start)]]
            if term.id == PAIR:
                if len(found) >= 2 and found[0] > found[-1]:
                    claims.append(match)
                    comparisons.append(Comparison(found[0], None, match))
            elif found:  # a comparison wording and the price it names
                if offered is None:  # the two lowest: the wording's own price is at most one of them
                    offered = nsmallest(2, offers(text))
                comparisons.append(Comparison(found[0], WORDING_KIND.get(term.id), match))
                if any(p.amount < found[0] and not match.start <= p.start < match.end for p in offered):
                    claims.append(match)
    claims.sort(key=lambda m: (m.start, m.end))
    if not claims:
        comparisons = []  # a price shown, nothing compared: nothing to check
    comparisons.sort(key=lambda c: (c.match.start, c.match.end))
    return Prices(body, normal, claims, comparisons)


def prices(ctx: Context, draft: Draft) -> Prices:
    """A draft's price claims (read once per run through _checked, which keeps those with claims)."""
    return read_prices(*read_body(ctx, draft), _price_terms(ctx))


def prices_in(body: str, terms: tuple[Term, ...]) -> Prices:
    """read_prices of a text (the tests' table)."""
    body = body[:CONTENT_MAX_CHARS]
    return read_prices(body, normalise(body), terms)


class Basis(NamedTuple):
    """A draft's `price_basis` as the rules read it; a value of the wrong type is PSH002's (and None)."""

    fields: dict[str, Any]
    price: int | None
    kind: str  # SOLD or MAKER
    dates: dict[str, date | None]  # each date field present: None when PSH002's (not a readable date)

    def has(self, name: str) -> bool:
        return name in self.fields and self.fields[name] is not None


def basis(draft: Draft) -> Basis | None:
    value = draft.fields.get("price_basis")
    if not isinstance(value, dict):
        return None
    price = value.get("compared_price")
    price = price if isinstance(price, int) and not isinstance(price, bool) and 0 < price <= MAX_PRICE else None
    dates: dict[str, date | None] = {}
    for name in DATES:
        raw = value.get(name)
        if raw is None:
            continue
        try:
            dates[name] = parse_date(raw) if isinstance(raw, str) else None
        except DateError:
            dates[name] = None
    kind = MAKER if value.get("kind") == MAKER else SOLD
    return Basis(value, price, kind, dates)


def offer_day(ctx: Context, draft: Draft, record: Basis) -> date:
    """The offer's first day: offer_from, else the publication day (Japan time), else today."""
    given = record.dates.get("offer_from")
    if given is not None:
        return given
    return to_jst(draft.time("publish_at") or ctx.clock_for(draft)).date()


def _checked(ctx: Context) -> list[tuple[Draft, Prices]]:
    """Drafts with a price claim in the body, once per run (cancelled ones are never shown: not checked)."""

    def make() -> list[tuple[Draft, Prices]]:
        found = [(d, prices(ctx, d)) for d in ctx.target_drafts if d.body and d.status != CANCELLED]
        return [(draft, read) for draft, read in found if read.claims]

    return ctx.memo("price-claims", make)


def _at(draft: Draft, found: Prices, match: Match) -> tuple[dict[str, Any], tuple[Position, Position]]:
    """A match's arguments (the wording, its line and column in the body) and where it is written."""
    wording, line, column = found.place(match)
    label = match.term.label
    args = {"wording": wording, "label": label, "line": line, "column": column}
    return args, draft.source.body_span(*found.normal.span(match.start, match.end))


def _yen(amount: int) -> str:
    return f"{amount:,}"


def _basis_text() -> Any:
    return t("price-basis")


@rule(
    "PSH610",
    "price-claim-without-basis",
    WARNING,
    summary=L(
        "本文の価格の比較（通常価格3,980円のところ2,980円、メーカー希望小売価格、定価、3,980円→2,980円）や割引率"
        "（30%OFF、3割引、半額、50%OFFクーポン）に、比較した価格の記録 price_basis: があるか検査します。全角・半角は区別"
        "しません。値上げ（3,980円→4,280円）、2本目半額、送料半額、糖質50%オフ、定価販売、10→12時は価格の比較ではありません。"
        "指摘がないことは、価格表示が適法であることを意味しません。",
        "Checks that a price comparison in the body (通常価格3,980円 with a lower price, メーカー希望小売価格, 定価, "
        "3,980円→2,980円) or a rate off (30%OFF, 3割引, 半額, 50%OFFクーポン) has a record of the price compared "
        "with: price_basis:. Full- and half-width forms are one. A price rise (3,980円→4,280円), a bundle's 2本目半額, "
        "送料半額, 糖質50%オフ, 定価販売 and 10→12時 are not price comparisons. No finding does not mean the prices "
        "are lawful.",
    ),
    why=L(
        "比較に使う価格が実際に販売されていた価格でなければ、景品表示法の有利誤認表示（第5条第2号）のおそれがあります。"
        "割引率の表示も二重価格表示と同じに考えられます（消費者庁「不当な価格表示についての景品表示法上の考え方」、"
        "価格表示ガイドライン。平成12年6月30日 公正取引委員会、改正 平成28年4月1日 消費者庁）。楽天の審査は内容を確認しません。",
        "A comparison price the goods were not actually sold at risks being a misleading representation of terms "
        "(景品表示法 article 5(2)); a rate off is judged like a comparison price (the Consumer Affairs Agency's "
        "「不当な価格表示についての景品表示法上の考え方」, the 価格表示ガイドライン: Fair Trade Commission, 2000-06-30; "
        "revised by the Consumer Affairs Agency, 2016-04-01). Rakuten's review does not look at content.",
    ),
    fix=L(
        "price_basis: に比較した価格（compared_price）と、その価格で実際に販売した期間（sold_from、sold_until）を記録"
        "してください。メーカー希望小売価格なら kind: maker（期間は書きません）。根拠がなければ表示を見直してください。",
        "Record the price compared with under price_basis: (compared_price) and the period it was actually sold at "
        "(sold_from, sold_until); for a maker's price, kind: maker (and no period). Without a basis, review the wording.",
    ),
    messages=L(
        "本文 {line} 行 {column} 文字目の「{wording}」（{label}）は価格の比較ですが、比較した価格の記録 price_basis: が"
        "ありません（本文の価格表示: {claims}）。記録して確認してください（参考: {basis}）",
        '"{wording}" ({label}) in the body at line {line}, column {column} compares prices, and there is no '
        "price_basis: record of the price compared with (price claims: {claims}): record it and review it "
        "(basis: {basis})",
    ),
    reads=(),
)
def price_claim_without_basis(ctx: Context) -> Iterator[Hit]:
    for draft, found in _checked(ctx):
        if "price_basis" in draft.fields:
            continue  # a record of the wrong type is PSH002's
        args, where = _at(draft, found, found.claims[0])
        shown = [found.place(m)[0] for m in found.claims[:MAX_SHOWN]]
        claims = short_list([f"「{s}」" for s in shown], len(found.claims))
        yield Hit(draft, "body", {**args, "claims": claims, "basis": _basis_text()}, position=where[0], end=where[1])


def record_problems(record: Basis, offer: date) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(message, field, args) for each thing the record lacks or contradicts."""
    missing = []
    if record.price is None and not record.has("compared_price"):
        missing.append("compared_price")
    if record.kind == SOLD:
        missing += [name for name in ("sold_from", "sold_until") if not record.has(name)]
    if missing:
        yield "missing", "price_basis", {"fields": tn("n-fields", len(missing)), "missing": ", ".join(missing)}
    period = [name for name in ("sold_from", "sold_until") if record.has(name)]
    if record.kind == MAKER and period:
        yield "maker-period", f"price_basis.{period[0]}", {"fields": ", ".join(period)}
        return
    first, last = record.dates.get("sold_from"), record.dates.get("sold_until")
    launch = record.dates.get("on_sale_from")
    if first is not None and last is not None and last < first:
        yield "reversed", "price_basis.sold_until", {"first": first.isoformat(), "last": last.isoformat()}
    elif last is not None and last > offer:
        yield "after-offer", "price_basis.sold_until", {"last": last.isoformat(), "offer": offer.isoformat()}
    if launch is not None and first is not None and first < launch:
        yield "before-launch", "price_basis.sold_from", {"first": first.isoformat(), "launch": launch.isoformat()}


@rule(
    "PSH611",
    "price-basis-incomplete",
    WARNING,
    summary=L(
        "price_basis: の記録に compared_price と販売期間（sold_from、sold_until）があるか（kind: maker なら期間は書かない）、"
        "期間が逆になっていないか、期間がセールの初日（offer_from、なければ公開日）より後まで続いていないか、"
        "販売開始日（on_sale_from）より前から始まっていないかを検査します。型の誤りは PSH002 です。",
        "Checks that a price_basis: record has compared_price and the period (sold_from, sold_until), or kind: maker "
        "with no period; that the period does not end before it starts, does not run past the offer's first day "
        "(offer_from, else the publication day), and does not start before the goods went on sale (on_sale_from). "
        "A wrong type is PSH002.",
    ),
    why=L(
        "比較した価格とその販売期間がそろわなければ、比較が最近の販売実績に基づくことを示せません。メーカー希望小売価格は"
        "メーカーが設定し公表した価格で、自店の販売期間とは別のものです。",
        "Without the price and the period it was sold at, nobody can show that the comparison rests on recent sales. "
        "A maker's recommended price is one the maker set and published, not a period of the shop's own sales.",
    ),
    fix=L(
        "販売の記録（POS データ、受注の記録）から欠けている項目を書き足すか、矛盾する日付を直してください。セールが公開日"
        "より後に始まるなら offer_from に初日を書きます。",
        "Fill in what is missing, or correct the dates, from the sales records (POS data, orders). If the offer starts "
        "after the publication day, write its first day in offer_from.",
    ),
    messages={
        "missing": L(
            "price_basis: の記録に {fields}がありません（{missing}）",
            "the price_basis: record lacks {fields} ({missing})",
        ),
        "maker-period": L(
            "price_basis: は kind: maker（メーカー希望小売価格）ですが、販売期間（{fields}）が書かれています。どちらかに"
            "してください",
            "the price_basis: record is kind: maker (a maker's price) and has a sales period ({fields}): it is one or "
            "the other",
        ),
        "reversed": L(
            "price_basis: の sold_until {last} が sold_from {first} より前です",
            "the price_basis: sold_until {last} is before sold_from {first}",
        ),
        "after-offer": L(
            "price_basis: の sold_until {last} がセールの初日 {offer} より後です。比較した価格で売っていた日にセール価格を"
            "表示していることになります（セールが後で始まるなら offer_from に初日を）",
            "the price_basis: sold_until {last} is after the offer's first day {offer}: the comparison price would still "
            "be charged during the offer (if the offer starts later, write its first day in offer_from)",
        ),
        "before-launch": L(
            "price_basis: の sold_from {first} が販売開始日 on_sale_from {launch} より前です",
            "the price_basis: sold_from {first} is before the goods went on sale (on_sale_from {launch})",
        ),
    },
    reads=(),
)
def price_basis_incomplete(ctx: Context) -> Iterator[Hit]:
    for draft in ctx.target_drafts:
        record = basis(draft)
        if record is None or draft.status == CANCELLED:
            continue
        for message, field, args in record_problems(record, offer_day(ctx, draft, record)):
            yield Hit(draft, field, args, message)


@rule(
    "PSH612",
    "compared-price-mismatch",
    WARNING,
    summary=L(
        "本文が比較に使う価格（通常価格3,980円、3,980円→2,980円 の 3,980円）が、price_basis: の compared_price と同じ"
        "金額か検査します（1円の違いも指摘します）。",
        "Checks that the price the body compares with (3,980円 in 通常価格3,980円 or 3,980円→2,980円) is the "
        "price_basis: compared_price (to the yen).",
    ),
    why=L(
        "記録と違う価格との比較は、記録が支えていない比較です（書き間違い、税込・税抜の取り違え、古い記録）。",
        "A comparison with a price other than the recorded one is not supported by the record (a typo, tax included "
        "or not, an old record).",
    ),
    fix=L(
        "本文の価格か compared_price を販売の記録どおりに直してください（本文が税込なら税込の金額を記録します）。",
        "Correct the body's price or compared_price to the sales records (record the price with tax when the body "
        "shows it with tax).",
    ),
    messages=L(
        "本文 {line} 行 {column} 文字目の「{wording}」が比較に使う {amount} 円は、price_basis: の compared_price "
        "{recorded} 円と違います",
        '"{wording}" in the body at line {line}, column {column} compares with {amount} yen, not the price_basis: '
        "compared_price of {recorded} yen",
    ),
    reads=(),
)
def compared_price_mismatch(ctx: Context) -> Iterator[Hit]:
    for draft, found in _checked(ctx):
        record = basis(draft)
        if record is None or record.price is None:
            continue
        seen: set[int] = set()
        for comparison in found.comparisons:
            if comparison.amount != record.price and comparison.amount not in seen:
                seen.add(comparison.amount)
                args, where = _at(draft, found, comparison.match)
                extra = {"amount": _yen(comparison.amount), "recorded": _yen(record.price)}
                yield Hit(draft, "body", {**args, **extra}, position=where[0], end=where[1])


@rule(
    "PSH613",
    "price-basis-kind-mismatch",
    WARNING,
    summary=L(
        "本文の比較の言葉と記録の種類が合っているか検査します。通常価格・当店通常価格・元値には販売期間の記録が、"
        "メーカー希望小売価格・希望小売価格には kind: maker の記録が合います（定価・参考価格はどちらでも構いません）。",
        "Checks that the body's comparison wording fits the kind of record: 通常価格, 当店通常価格 and 元値 take a "
        "sales period; メーカー希望小売価格 and 希望小売価格 take kind: maker (定価 and 参考価格 take either).",
    ),
    why=L(
        "「通常価格」は自店が最近販売していた価格を、「メーカー希望小売価格」はメーカーが設定し公表した価格を示します。"
        "言葉と根拠が違えば、読み手は実際と違う比較だと受け取ります（価格表示ガイドライン）。",
        "通常価格 says the shop's own recent price; メーカー希望小売価格 a price the maker set and published. Wording "
        "that names another basis than the record's tells readers of a comparison other than the real one "
        "(the 価格表示ガイドライン).",
    ),
    fix=L(
        "本文の言葉を記録の種類に合わせるか、記録を直してください。",
        "Word the body after the kind of record, or correct the record.",
    ),
    messages={
        "maker": L(
            "本文 {line} 行 {column} 文字目の「{wording}」は自店の販売価格との比較ですが、price_basis: は kind: maker"
            "（メーカー希望小売価格）です",
            '"{wording}" in the body at line {line}, column {column} compares with the shop\'s own price, and the '
            "price_basis: record is kind: maker (a maker's price)",
        ),
        "sold": L(
            "本文 {line} 行 {column} 文字目の「{wording}」はメーカー希望小売価格との比較ですが、price_basis: は自店の"
            "販売期間の記録です（メーカーが設定し公表した価格なら kind: maker）",
            '"{wording}" in the body at line {line}, column {column} compares with a maker\'s price, and the '
            "price_basis: record is a period of the shop's sales (kind: maker for a price the maker set and "
            "published)",
        ),
    },
    reads=(),
)
def price_basis_kind_mismatch(ctx: Context) -> Iterator[Hit]:
    for draft, found in _checked(ctx):
        record = basis(draft)
        if record is None:
            continue
        for comparison in found.comparisons:
            if comparison.kind is not None and comparison.kind != record.kind:
                args, where = _at(draft, found, comparison.match)
                yield Hit(draft, "body", args, record.kind, where[0], end=where[1])
                break


class Recency(NamedTuple):
    window: int  # days judged: the 8 weeks before the offer, or fewer from on_sale_from
    in_window: int  # days at that price among them
    total: int  # days at that price before the offer, in all
    gap: int  # from the last day at that price to the offer's first day


def recency(first: date, last: date, offer: date, launch: date | None) -> Recency:
    """The figures of the 8-week test for a period [first, last] and an offer starting on `offer`."""
    start = offer - timedelta(days=WINDOW_DAYS)
    if launch is not None and launch > start:
        start = launch
    end = min(last, offer - timedelta(days=1))  # the days before the offer
    in_window = max(0, (end - max(first, start)).days + 1)
    total = max(0, (end - first).days + 1)
    return Recency(max(0, (offer - start).days), in_window, total, (offer - last).days)


@rule(
    "PSH614",
    "compared-price-not-recent",
    WARNING,
    summary=L(
        "price_basis: の販売期間が、価格表示ガイドラインの「最近相当期間にわたって販売されていた価格」の目安を満たすか"
        "検査します。セールの初日（offer_from、なければ公開日 publish_at の日本時間の日付）からさかのぼる 8 週間"
        "（販売開始 on_sale_from がそれより後なら、その日から）の過半（ちょうど半分は満たしません）、通算 2 週間（14 日）"
        "以上その価格で販売し、最後に販売した日がセールの初日の 14 日前以降であること。",
        "Checks the price_basis: period against the 価格表示ガイドライン's measure of a price 'sold for a recent, "
        "considerable period': counting back from the offer's first day (offer_from, else publish_at's date in Japan "
        "time), sold at that price for more than half of the 8 weeks before (of the days since on_sale_from, when the "
        "goods went on sale later; exactly half is not more), for 14 days or more in all, and last sold at it no more "
        "than 14 days before the offer's first day.",
    ),
    why=L(
        "ガイドラインは、この目安を満たさない過去の販売価格を「通常価格」などとして比較に使うことを、有利誤認表示の"
        "おそれがあるとしています。目安を満たしても適法とは限らず、満たさなくても違法とは限りません: 人が確認してください。",
        "The guideline holds that comparing with a past price that fails this measure, as 通常価格 and the like, risks "
        "a misleading representation of terms. Meeting it does not make the comparison lawful, nor failing it "
        "unlawful: have a human review it.",
    ),
    fix=L(
        "記録を販売の記録どおりに確かめ、目安を満たさなければ比較の表示をやめるか、比較の根拠と期間を本文に明記するかを"
        "担当者が判断してください（根拠の明記についてはガイドラインを参照）。",
        "Check the record against the sales records; if it fails, drop the comparison, or have the person in charge "
        "decide on stating its basis and period in the body (see the guideline).",
    ),
    messages={
        "majority": L(
            "比較した価格 {price} 円で販売したのは、セールの初日 {offer} の前 {window}のうち {days}で、過半に届きません"
            "（参考: {basis}）",
            "the comparison price of {price} yen was charged on {days} of the {window} before the offer's first day "
            "{offer}: not more than half (basis: {basis})",
        ),
        "short": L(
            "比較した価格 {price} 円で販売したのは、セールの初日 {offer} までに通算 {days}で、2 週間に届きません"
            "（参考: {basis}）",
            "the comparison price of {price} yen was charged on {days} in all before the offer's first day {offer}: "
            "less than 2 weeks (basis: {basis})",
        ),
        "stale": L(
            "比較した価格 {price} 円で最後に販売した日 {last} は、セールの初日 {offer} の {days}前で、2 週間を超えています"
            "（参考: {basis}）",
            "the comparison price of {price} yen was last charged on {last}, {days} before the offer's first day "
            "{offer}: more than 2 weeks (basis: {basis})",
        ),
    },
    reads=(),
)
def compared_price_not_recent(ctx: Context) -> Iterator[Hit]:
    for draft, _found in _checked(ctx):
        record = basis(draft)
        if record is None or record.kind != SOLD:
            continue
        first, last = record.dates.get("sold_from"), record.dates.get("sold_until")
        if first is None or last is None or last < first:
            continue  # PSH611's
        offer = offer_day(ctx, draft, record)
        figures = recency(first, last, offer, record.dates.get("on_sale_from"))
        common = {
            "price": _yen(record.price) if record.price is not None else "?",
            "offer": offer.strftime(DAY_FORMAT),
            "basis": _basis_text(),
        }
        if figures.window > 0 and figures.in_window * 2 <= figures.window:
            args = {**common, "window": tn("n-days", figures.window), "days": tn("n-days", figures.in_window)}
            yield Hit(draft, "price_basis.sold_from", args, "majority")
        if figures.total < MIN_DAYS:
            yield Hit(draft, "price_basis.sold_from", {**common, "days": tn("n-days", figures.total)}, "short")
        if figures.gap > MAX_GAP_DAYS:
            args = {**common, "last": last.strftime(DAY_FORMAT), "days": tn("n-days", figures.gap)}
            yield Hit(draft, "price_basis.sold_until", args, "stale")
