"""PSH6xx: the content Rakuten leaves to the advertiser — wording that needs the brand's records.

These rules never say copy is lawful or unlawful: they point at wording that needs a recorded basis
or a human's check, and name the document the term list was written from. No findings does not
mean the copy is lawful.

Claims (PSH601-PSH605) come from the term list (project/terms.py), matched on the body's NFKC,
case-folded form and reported at the wording as written. A draft's `evidence` records, and the
project's shared `[[evidence]]` ones, support a claim when their `claim` wording covers it in the
body: a shared record is referred to by that wording, so a brand-wide claim needs no reference in
each draft (a draft's own record for the same wording comes first).

`allow` (PSH690, and `accept()`, which the engine calls on every run) accepts a content finding for
one draft: it is reported as accepted, never hidden, and fails no run. Only content findings can be
accepted: the form rules are what Rakuten checks itself, so an accepted form error would still be
rejected; `[severity]` and --ignore remain for a project that wants a form rule off everywhere.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache, lru_cache
from typing import Any, NamedTuple

from pasha_cli import decide
from pasha_cli.characters import line_column
from pasha_cli.model import Finding, Position
from pasha_cli.project.drafts import Draft
from pasha_cli.project.terms import (
    CONTENT_MAX_CHARS,
    Match,
    Normal,
    Term,
    matcher_for,
    normalise,
    occurrences,
)
from pasha_cli.rules.base import WARNING, Context, Hit, L, Rule, rule
from pasha_cli.timeutil import to_jst

MAX_OWN_RECORDS = 100  # as the draft schema's maxItems
MAX_CLAIMS = 50  # findings of PSH601 a draft: a body full of claims needs a review, not a list of hundreds
FIELDS = ("claim", "source", "method", "period", "by", "marker")  # every record needs these


@cache  # compiled on first use: most runs never need it
def _survey() -> re.Pattern[str]:
    return re.compile(r"調査|アンケート|survey|questionnaire", re.IGNORECASE)  # a survey also needs `respondents`


@cache  # compiled on first use: most runs never need it
def _period() -> re.Pattern[str]:
    return re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


class Record(NamedTuple):
    """An evidence record: a draft's own (`evidence[index]`) or the project's shared one."""

    fields: dict[str, Any]
    number: int  # its index in `evidence` (or in [[evidence]])
    shared: bool

    def text(self, name: str) -> str | None:
        value = self.fields.get(name)
        return (value.strip() or None) if isinstance(value, str) else None

    def missing(self) -> list[str]:
        absent = [name for name in FIELDS if self.text(name) is None]
        if "period" not in absent and period_end(self.text("period") or "") is None:
            absent.append("period")
        method = self.text("method") or ""
        if _survey().search(method) and not isinstance(self.fields.get("respondents"), int):
            absent.append("respondents")
        return absent


class Claims(NamedTuple):
    """What the claim rules need of one draft's body, computed once per run."""

    body: str  # the part of the body that is read (CONTENT_MAX_CHARS)
    normal: Normal
    hits: list[Match]  # claims in the body
    slow: list[Term]  # terms that ran out of time on it
    records: list[tuple[Record, list[int]]]  # each record that applies, with where its claim starts (normalised)

    def place(self, start: int, end: int) -> tuple[str, int, int]:
        """The wording as written at a normalised span, and its 1-based line and column in the body."""
        a, b = self.normal.span(start, end)
        return (self.body[a:b], *line_column(self.body, a))

    def where(self, draft: Draft, start: int, end: int) -> tuple[Position, Position]:
        """Where the wording at a normalised span is written in the draft's file: its start and end."""
        return draft.source.body_span(*self.normal.span(start, end))


def period_end(text: str) -> date | None:
    """The last day of a period (YYYY-MM, YYYY-MM-DD, START/END); None when it names no real day."""
    match = _period().fullmatch(text.rpartition("/")[2])
    if match is None:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    try:
        if match.group(3) is None:
            return date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, int(match.group(3)))
    except ValueError:
        return None


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter); date.max past year 9999, as
    a period may end in 9999 and no publication day is later."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    if year > date.max.year:
        return date.max
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _records(ctx: Context, draft: Draft) -> list[Record]:
    """The draft's own records (at most the schema's 100: more is PSH002's, and never read), then the
    project's shared ones (the config schema allows 1,000)."""
    own = draft.fields.get("evidence")
    own = own[:MAX_OWN_RECORDS] if isinstance(own, list) else []
    records = [Record(r, i, False) for i, r in enumerate(own) if isinstance(r, dict)]
    return records + [Record(r, i, True) for i, r in enumerate(ctx.config.content.evidence)]


@lru_cache(maxsize=4096)
def folded(text: str) -> str:
    """A record's wording or marker as the body is matched: shared records are folded once per run."""
    return normalise(text).text


def _claim_terms(ctx: Context) -> tuple[Term, ...]:
    return ctx.memo("claim-terms", lambda: tuple(t for t in ctx.config.content.terms() if t.rule == "claim"))


def read_body(ctx: Context, draft: Draft) -> tuple[str, Normal]:
    """The part of the body the content rules read, and its normalised form: once per draft and run
    (the claim and the price rules both read it)."""

    def make() -> tuple[str, Normal]:
        body = (draft.body or "")[:CONTENT_MAX_CHARS]
        return body, normalise(body)

    return ctx.memo(("body", draft.rel), make)


def claims(ctx: Context, draft: Draft) -> Claims:
    def make() -> Claims:
        body, normal = read_body(ctx, draft)
        hits, slow = matcher_for(_claim_terms(ctx)).matches(normal.text)
        found = []
        own: set[str] = set()  # a draft's own record for a wording comes before a shared one
        for record in _records(ctx, draft):
            wording = folded(record.text("claim") or "")
            if record.shared and wording in own:
                continue
            starts = list(occurrences(normal.text, wording)) if wording else []
            if not record.shared:
                own.add(wording)
            if starts or not record.shared:
                found.append((record, starts))
        return Claims(body, normal, hits, slow, found)

    return ctx.memo(("claims", draft.rel), make)


def _bodies(ctx: Context) -> Iterator[Draft]:
    for draft in ctx.target_drafts:
        if draft.body:
            yield draft


def _covered(found: Claims, hit: Match) -> bool:
    for record, starts in found.records:
        length = len(folded(record.text("claim") or ""))
        if any(s < hit.end and hit.start < s + length for s in starts):
            return True
    return False


def _record_args(record: Record) -> dict[str, Any]:
    where = "pasha.toml [[evidence]]" if record.shared else "evidence"
    return {"claim": record.text("claim") or "-", "record": f"{where}[{record.number}]"}


@rule(
    "PSH601",
    "claim-without-evidence",
    WARNING,
    summary=L(
        "本文の最上級・順位・比較の表現（No.1、日本一、世界初、最安、最高、満足度98%、当店比 など）に、根拠の記録"
        "（下書きの evidence:、または pasha.toml の [[evidence]]）があるか検査します。全角・半角、大文字・小文字は"
        "区別しません。",
        "Checks that superlative, ranking and comparison claims in the body (No.1, 日本一, 世界初, 最安, 最高, "
        "満足度98%, 当店比, ...) have a recorded basis: the draft's `evidence:` or a shared [[evidence]] in "
        "pasha.toml. Full- and half-width forms and letter case are one.",
    ),
    why=L(
        "根拠のない No.1 表示などは景品表示法の優良誤認・有利誤認のおそれがあり、楽天の審査は内容を確認しません。"
        "pasha は文言が適法かどうかを判断せず、記録と人による確認を求めるだけです。"
        "指摘がないことは、文言が法令に適合していることを意味しません。",
        "A No.1 claim without a basis risks being a misleading representation under 景品表示法, and Rakuten's "
        "review does not look at content. pasha does not judge whether copy is lawful: it asks for the record "
        "and a human's check. No findings does not mean the copy is lawful.",
    ),
    fix=L(
        "根拠を evidence: に記録してください（claim: 本文の文言、source、method、respondents、period、by、marker）。"
        "根拠がなければ表現を見直してください。確認済みの例外は allow: に理由とともに記録します。",
        "Record the basis in `evidence:` (claim: the wording in the body, source, method, respondents, period, "
        "by, marker), or review the wording. A reviewed exception goes in `allow:` with its reason.",
    ),
    messages={
        "default": L(
            "本文 {line} 行 {column} 文字目の「{wording}」（{label}）に根拠の記録（evidence）がありません（参考: {basis}）",
            '"{wording}" ({label}) in the body at line {line}, column {column} has no evidence record (basis: {basis})',
        ),
        "slow": L(
            "用語 {term} の照合が時間内に終わらず、本文を検査できませんでした。人が確認してください",
            "the term {term} could not be matched against this body in time: check the body by hand",
        ),
    },
    reads=(),
)
def claim_without_evidence(ctx: Context) -> Iterator[Hit]:
    for draft in _bodies(ctx):
        found = claims(ctx, draft)
        if found.slow:
            ctx.out_of_time(draft)
        for term in found.slow:
            yield Hit(draft, "body", {"term": term.id}, "slow")
        for hit in [h for h in found.hits if not _covered(found, h)][:MAX_CLAIMS]:
            wording, line, column = found.place(hit.start, hit.end)
            args = {
                "wording": wording,
                "label": hit.term.label,
                "basis": hit.term.basis,
                "line": line,
                "column": column,
            }
            start, end = found.where(draft, hit.start, hit.end)
            yield Hit(draft, "body", args, position=start, end=end)


@rule(
    "PSH602",
    "evidence-incomplete",
    WARNING,
    summary=L(
        "根拠の記録に claim、source、method、period、by、marker があるか（調査なら respondents も）検査します。",
        "Checks that an evidence record has claim, source, method, period, by and marker (and respondents "
        "for a survey).",
    ),
    why=L(
        "楽天のガイドの例（「*情報元：…（…有効回答=1,000、インターネット調査、2022年11月、実施機関：…）」）の"
        "とおり、根拠は出典・方法・対象数・時期・実施者までそろって初めて示せます。",
        'As Rakuten\'s guide models it ("*情報元：…（…有効回答=1,000、インターネット調査、2022年11月、実施機関：…）"), '
        "a basis can be shown only with its source, method, sample, period and who ran it.",
    ),
    fix=L("示された項目を記録に加えてください。", "Add the fields named to the record."),
    messages=L(
        "根拠の記録 {record}（「{claim}」）に {fields} がありません",
        "the evidence record {record} ({claim}) lacks {fields}",
    ),
    reads=(),
)
def evidence_incomplete(ctx: Context) -> Iterator[Hit]:
    for draft in ctx.target_drafts:
        for record in _records(ctx, draft):
            if not record.shared and record.missing():
                args = {**_record_args(record), "fields": ", ".join(record.missing())}
                where, end = draft.source.field_span(f"/evidence/{record.number}")
                yield Hit(draft, "evidence", args, position=where, end=end)
    if ctx.config_in_scope:
        for index, raw in enumerate(ctx.config.content.evidence):
            record = Record(raw, index, True)
            if record.missing():
                args = {**_record_args(record), "fields": ", ".join(record.missing())}
                yield Hit(None, "evidence", args, config_keys=("evidence", index))


@rule(
    "PSH603",
    "evidence-marker-missing",
    WARNING,
    summary=L(
        "根拠の記録の marker（* や ※1）が本文の文言の直後にあり、その記号で始まる注記の行が本文にあるか検査します。",
        "Checks that an evidence record's marker (* or ※1) follows its claim in the body directly, and that a "
        "footnote line starting with the marker is in the body.",
    ),
    why=L(
        "読み手が根拠にたどり着けるのは、表現の直後の記号と、同じ記号で始まる注記があるときだけです。",
        "A reader finds the basis only through a marker right after the claim and a footnote with the same marker.",
    ),
    fix=L(
        "文言の直後に記号を書き、本文の末尾などに「*情報元：…」のような注記の行を加えてください。",
        'Write the marker right after the wording, and add a footnote line such as "*情報元：…" to the body.',
    ),
    messages={
        "after": L(
            "本文 {line} 行 {column} 文字目の「{wording}」の直後に記号 {marker} がありません（{record}）",
            '"{wording}" in the body at line {line}, column {column} is not followed by its marker {marker} ({record})',
        ),
        "footnote": L(
            "本文に記号 {marker} で始まる注記の行がありません（{record}、「{wording}」）",
            "no footnote line in the body starts with the marker {marker} ({record}, {wording})",
        ),
    },
    reads=(),
)
def evidence_marker_missing(ctx: Context) -> Iterator[Hit]:
    for draft in _bodies(ctx):
        found = claims(ctx, draft)
        text = found.normal.text
        lines = [line.strip() for line in text.split("\n")]
        for record, starts in found.records:
            marker, wording = record.text("marker"), record.text("claim")
            if not marker or not wording or not starts:
                continue
            mark, length = folded(marker), len(folded(wording))
            args = {**_record_args(record), "marker": marker}
            bare = next((s for s in starts if text[s + length : s + length + len(mark)] != mark), None)
            if bare is not None:
                shown, line, column = found.place(bare, bare + length)
                where, end = found.where(draft, bare, bare + length)
                args_at = {**args, "wording": shown, "line": line, "column": column}
                yield Hit(draft, "body", args_at, "after", where, end=end)
            if not any(line.startswith(mark) for line in lines):
                shown, line, column = found.place(starts[0], starts[0] + length)
                where, end = found.where(draft, starts[0], starts[0] + length)
                yield Hit(draft, "body", {**args, "wording": shown}, "footnote", where, end=end)


@rule(
    "PSH604",
    "evidence-outdated",
    WARNING,
    summary=L(
        "根拠の調査期間の終わりから公開日時（publish_at）までが、[content] evidence_max_age_months"
        "（既定 12 か月）を超えていないか検査します。ちょうどその日までは古くありません。",
        "Checks that no more than [content] evidence_max_age_months (12 by default) have passed from the end of "
        "a record's period to publish_at. Up to that very day it is not old.",
    ),
    why=L(
        "表示の根拠は表示する時点で成り立っている必要があります（不実証広告規制に関する指針）。古い調査は、"
        "いまの商品や市場について同じことを言えるとは限りません。",
        "A claim's basis must hold when the claim is shown (不実証広告規制に関する指針): an old survey may no "
        "longer say the same of today's goods and market.",
    ),
    fix=L(
        "新しい調査で記録を更新するか、表現を見直してください。",
        "Update the record with a newer survey, or review the wording.",
    ),
    messages=L(
        "根拠 {record}（「{claim}」）の期間の終わり {end} から公開日 {publish} まで {months} か月を超えています",
        "the evidence {record} ({claim}) ended {end}, more than {months} months before publication on {publish}",
    ),
    reads=(),
)
def evidence_outdated(ctx: Context) -> Iterator[Hit]:
    months = ctx.config.content.max_age_months
    for draft in ctx.target_drafts:
        published = to_jst(draft.time("publish_at") or ctx.clock_for(draft)).date()
        found = claims(ctx, draft) if draft.body else None
        records = found.records if found is not None else [(r, []) for r in _records(ctx, draft) if not r.shared]
        for record, starts in records:
            end = period_end(record.text("period") or "")
            if end is None or published <= add_months(end, months):
                continue
            args = {**_record_args(record), "end": end.isoformat(), "publish": published.isoformat(), "months": months}
            if record.shared and found is not None and starts:
                length = len(folded(record.text("claim") or "")) or 1
                where, stop = found.where(draft, starts[0], starts[0] + length)
                yield Hit(draft, "evidence", args, position=where, end=stop)
            elif not record.shared:
                where, stop = draft.source.value_span(f"/evidence/{record.number}/period")
                yield Hit(draft, "evidence", args, position=where, end=stop)


@rule(
    "PSH605",
    "evidence-claim-not-in-body",
    WARNING,
    summary=L(
        "下書きの根拠の記録の claim が本文にあるか検査します（全角・半角、大文字・小文字は区別しません）。",
        "Checks that the claim of each of the draft's evidence records is in the body (full- and half-width "
        "forms and letter case are one).",
    ),
    why=L(
        "本文と違う文言の記録は、どの表現も支えません（書き間違いか、本文が変わったあとの古い記録です）。",
        "A record whose wording is not in the body supports nothing: a typo, or a record left behind by an edit.",
    ),
    fix=L(
        "claim を本文の文言どおりに直すか、不要になった記録を削除してください。",
        "Write the claim as the body words it, or remove the record.",
    ),
    messages=L(
        "根拠の記録 {record} の「{claim}」が本文にありません",
        'the claim "{claim}" of the evidence record {record} is not in the body',
    ),
    reads=(),
)
def evidence_claim_not_in_body(ctx: Context) -> Iterator[Hit]:
    for draft in _bodies(ctx):
        for record, starts in claims(ctx, draft).records:
            if not record.shared and record.text("claim") and not starts:
                where, end = draft.source.value_span(f"/evidence/{record.number}/claim")
                yield Hit(draft, "evidence", _record_args(record), position=where, end=end)


@rule(
    "PSH690",
    "unused-allow",
    WARNING,
    summary=L(
        "下書きの allow: が、実際にその下書きで出た指摘を受け入れているか検査します。",
        "Checks that each `allow:` entry of a draft accepts a finding the draft actually gives.",
    ),
    why=L(
        "本文が直ったあとに残った例外は、次に同じ表現が入ったときに確認なしで通してしまいます。",
        "An exception left behind after the body was fixed would let the same wording through unreviewed next time.",
    ),
    fix=L("不要になった allow: の項目を削除してください。", "Remove the `allow:` entry."),
    messages=L(
        "allow: の {code} に当たる指摘がこの下書きにはありません（理由: {reason}）",
        "allow: {code} accepts nothing: this draft gives no {code} finding (reason: {reason})",
    ),
)
def unused_allow(ctx: Context) -> Iterator[Hit]:
    return iter(())  # the engine knows the other rules' findings: see accept()


def allows(draft: Draft) -> list[tuple[int, str, str]]:
    """(index, code, reason) of a draft's well-formed `allow` entries (others are PSH002's)."""
    entries = draft.fields.get("allow")
    found = []
    for index, entry in enumerate(entries if isinstance(entries, list) else ()):
        if isinstance(entry, dict):
            code, reason = entry.get("code"), entry.get("reason")
            if isinstance(code, str) and code.startswith("PSH6") and isinstance(reason, str) and reason.strip():
                found.append((index, code, reason))
    return found


def accept(findings: Iterable[Finding], ctx: Context, ran: Iterable[Rule]) -> list[Finding]:
    """Findings with a draft's `allow` applied: accepted ones marked (never dropped), and a PSH690
    for an entry that accepts nothing, judged only when its code's rule ran."""
    codes = {r.code for r in ran}
    by_path: dict[str, list[tuple[int, str, str]]] = {}
    drafts = {d.rel: d for d in ctx.target_drafts}
    for rel, draft in drafts.items():
        entries = allows(draft)
        if entries:
            by_path[rel] = entries
    if not by_path:
        return list(findings)
    out: list[Finding] = []
    used: set[tuple[str, int]] = set()
    for f in findings:
        entry = next((e for e in by_path.get(f.path, ()) if e[1] == f.code), None)
        if entry is not None:
            used.add((f.path, entry[0]))
            f = f._replace(accepted=entry[2])
        out.append(f)
    if unused_allow.code in codes:
        for rel, entries in by_path.items():
            for index, code, reason in entries:
                if code in codes and (rel, index) not in used:
                    where, end = drafts[rel].source.field_span(f"/allow/{index}")
                    args = {"code": code, "reason": reason}
                    severity = ctx.config.severity
                    out.append(decide.finding(unused_allow, severity, rel, where, args, field="allow", end=end))
    return sorted(out, key=Finding.sort_key)
