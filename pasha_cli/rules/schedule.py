"""PSH3xx: scheduling — the set-up deadline, maintenance windows and what is known of them, the clock.

`published` and `cancelled` drafts are not schedule-checked. The lead-time check uses
`submitted_at` for a submitted draft and the current time (ctx.now) otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from pasha_cli.i18n import t, tn
from pasha_cli.jpcalendar import MaintenanceSchedule, is_past
from pasha_cli.model import SCHEDULED, SUBMITTED, LocalText
from pasha_cli.project.drafts import Draft
from pasha_cli.rules.base import ERROR, WARNING, Context, Hit, L, rule
from pasha_cli.timeutil import CLOCK_FORMAT, DAY_FORMAT, MINUTE_FORMAT, SECOND_FORMAT


def _scheduled(ctx: Context) -> Iterator[tuple[Draft, datetime]]:
    for draft in ctx.target_drafts:
        if draft.status in SCHEDULED:
            when = draft.time("publish_at")
            if when is not None:
                yield draft, when


def _stamp(moment: datetime) -> str:
    return moment.strftime(SECOND_FORMAT if moment.second else MINUTE_FORMAT)


@rule(
    "PSH301",
    "past-setup-deadline",
    ERROR,
    summary=L(
        "投稿が設定期限（公開日の 3 営業日前の 23:59:59、日本時間）までに設定されているか検査します。"
        "submitted の下書きは submitted_at、それ以外は現在時刻で判定します。",
        "Checks that a post is set up by its deadline: the end (23:59:59 JST) of the 3rd business day before "
        "publication. A submitted draft is judged by submitted_at, any other by the current time.",
    ),
    why=L(
        "期限を過ぎた投稿は Pasha の運用チームが受け付けず、予定日に公開されません。",
        "Past the deadline the Pasha team does not take the post, and it is not published on the day.",
    ),
    fix=L(
        "公開日を `pasha slots` が示す日に移すか、楽天の担当者に相談してください。",
        "Move the publication date to one that `pasha slots` offers, or talk to your Rakuten contact.",
    ),
    messages={
        "default": L(
            "設定期限 {deadline} を過ぎています（公開 {publish}、現在 {now}）",
            "the set-up deadline {deadline} has passed (publication {publish}, now {now})",
        ),
        "submitted": L(
            "設定期限 {deadline} より後に設定されています（submitted_at {submitted}、公開 {publish}）",
            "set up after the deadline {deadline} (submitted_at {submitted}, publication {publish})",
        ),
    },
)
def past_setup_deadline(ctx: Context) -> Iterator[Hit]:
    for draft, when in _scheduled(ctx):
        deadline = ctx.deadline(when.date())
        args = {"deadline": _stamp(deadline), "publish": when.strftime(MINUTE_FORMAT)}
        if draft.status == SUBMITTED:
            submitted = draft.time("submitted_at")
            if submitted is not None and is_past(submitted, deadline):
                yield Hit(draft, "submitted_at", {**args, "submitted": submitted.strftime(MINUTE_FORMAT)}, "submitted")
        elif when >= ctx.now and is_past(ctx.now, deadline):  # a past publication time is PSH303's
            yield Hit(draft, "publish_at", {**args, "now": ctx.now.strftime(MINUTE_FORMAT)})


@rule(
    "PSH302",
    "in-maintenance-window",
    ERROR,
    summary=L(
        "公開時刻が Pasha のメンテナンス時間 [開始, 終了) に入っていないか検査します（01:00 は中、06:00 は外）。",
        "Checks that the publication time is not inside a Pasha maintenance window [start, end): "
        "01:00 is inside, 06:00 is not.",
    ),
    why=L("メンテナンス中は何も公開されません。", "Nothing is published during maintenance."),
    fix=L("終了時刻以降に公開時刻を移してください。", "Move the publication time to the end of the window or later."),
    messages=L(
        "公開時刻 {publish} がメンテナンス時間 {start}〜{end} に入っています",
        "publication time {publish} is inside the maintenance window {start} to {end}",
    ),
    reads=(),
)
def in_maintenance_window(ctx: Context) -> Iterator[Hit]:
    for draft, when in _scheduled(ctx):
        window = ctx.config.maintenance.window_at(when)
        if window is not None:
            yield Hit(
                draft,
                "publish_at",
                {
                    "publish": when.strftime(MINUTE_FORMAT),
                    "start": window.start.strftime(MINUTE_FORMAT),
                    "end": window.end.strftime(MINUTE_FORMAT),
                },
            )


@rule(
    "PSH303",
    "publish-time-in-past",
    ERROR,
    summary=L(
        "draft・ready・submitted の投稿の公開時刻が過去になっていないか検査します。",
        "Checks that a draft, ready or submitted post is not dated in the past.",
    ),
    why=L(
        "過去の日時の投稿は公開できません。公開済みなら status を published にして記録に残します。",
        "A post dated in the past cannot be published; if it went out, record it as published.",
    ),
    fix=L(
        "公開日時を未来に直すか、公開済みなら status: published、取りやめなら status: cancelled にしてください。",
        "Move it to the future, or set status: published if it went out, or status: cancelled.",
    ),
    messages=L("公開時刻 {publish} は過去です（現在 {now}）", "publication time {publish} is in the past (now {now})"),
)
def publish_time_in_past(ctx: Context) -> Iterator[Hit]:
    for draft, when in _scheduled(ctx):
        if when < ctx.now:
            yield Hit(
                draft, "publish_at", {"publish": when.strftime(MINUTE_FORMAT), "now": ctx.now.strftime(MINUTE_FORMAT)}
            )


@rule(
    "PSH304",
    "deadline-soon",
    WARNING,
    summary=L(
        "まだ設定していない投稿の設定期限が近い（既定 2 営業日以内）ことを知らせます。",
        "Warns when an unsubmitted post's set-up deadline is near (within 2 business days by default).",
    ),
    why=L(
        "期限の直前は承認や画像の差し替えが間に合わないことがあります。",
        "Close to the deadline there may be no time left for approval or a new image.",
    ),
    fix=L("設定を済ませて `pasha submit` で記録してください。", "Set the post up and record it with `pasha submit`."),
    messages=L(
        "設定期限 {deadline} まで残り {days}です",
        "{days} left until the set-up deadline {deadline}",
    ),
)
def deadline_soon(ctx: Context) -> Iterator[Hit]:
    calendar = ctx.config.calendar
    for draft, when in _scheduled(ctx):
        if draft.status == SUBMITTED or when < ctx.now:
            continue
        deadline = ctx.deadline(when.date())
        if is_past(ctx.now, deadline):
            continue
        soon = ctx.spec.deadline_soon_business_days
        days = calendar.business_days_after(ctx.now.date(), deadline.date(), at_most=soon)
        if days <= soon:
            yield Hit(draft, "publish_at", {"deadline": _stamp(deadline), "days": tn("n-business-days", days)})


def usual_slot_text(schedule: MaintenanceSchedule) -> LocalText:
    """The usual maintenance slot in words ("Mondays 01:00-06:00 JST"), from the spec data."""
    usual = schedule.usual
    if usual is None:
        return t("maintenance-slot-none")
    return t(
        "maintenance-slot",
        weekdays=t(f"weekdays-{usual.weekday}"),
        start=usual.start.strftime(CLOCK_FORMAT),
        end=usual.end.strftime(CLOCK_FORMAT),
    )


@rule(
    "PSH305",
    "beyond-known-maintenance",
    WARNING,
    summary=L(
        "公開日が、メンテナンス予定の分かっている最後の日（maintenance_known_until）より後でないか検査します。",
        "Warns when the publication date is after the last day whose maintenance schedule is known "
        "(maintenance_known_until).",
    ),
    why=L(
        "楽天はメンテナンス予定を数か月分ずつ告知し、変更もあります。その先の日は PSH302 が検査できません。"
        "これまでの時間帯はすべて同じ曜日・時間（メッセージに示します）でした。その時間の投稿はより強く警告します。"
        "予定が発表されていないので、どちらも警告です（severity で error にできます）。",
        "Rakuten announces maintenance a few months at a time, and may change it; after the last known day "
        "PSH302 has nothing to check against. Every window so far took the same weekly slot (the message names "
        "it): a post in that slot gets a stronger wording. Both are warnings, since no schedule is published (severity can make "
        "PSH305 an error).",
    ),
    fix=L(
        "楽天の新しい告知を `pasha maintenance import` で取り込むか、pasha.toml に [[maintenance]] を書いて "
        "maintenance_known_until を更新してください。",
        "Add the windows of Rakuten's newer notice with `pasha maintenance import`, or as [[maintenance]] in "
        "pasha.toml, and update maintenance_known_until.",
    ),
    messages={
        "default": L(
            "公開 {publish} の日のメンテナンス予定は分かりません（分かっているのは {last} まで、これまでの時間帯は"
            "{slot}）: `pasha maintenance import` か pasha.toml の [[maintenance]] で時間帯を追加してください",
            "no maintenance schedule is known for publication {publish} (known until {last}; windows so far: "
            "{slot}): add windows with `pasha maintenance import` or [[maintenance]] in pasha.toml",
        ),
        "usual": L(
            "公開 {publish} はいつものメンテナンス時間（{slot}）に入っていて、その日の予定は分かりません"
            "（分かっているのは {last} まで）: メンテナンス中になるおそれがあります。"
            "`pasha maintenance import` か pasha.toml の [[maintenance]] で時間帯を追加してください",
            "publication {publish} is in the usual maintenance slot ({slot}) on a day whose schedule is not known "
            "(known until {last}): it may well fall in a window; add windows with `pasha maintenance import` or "
            "[[maintenance]] in pasha.toml",
        ),
        "unknown": L(
            "メンテナンス予定が 1 つもありません（use_default_maintenance = false で、時間帯も "
            "maintenance_known_until もなし。これまでの時間帯は{slot}）: 公開 {publish} を検査できません",
            "no maintenance schedule is known at all (use_default_maintenance = false, with no windows and no "
            "maintenance_known_until; windows so far: {slot}): publication {publish} cannot be checked",
        ),
    },
    reads=(),
)
def beyond_known_maintenance(ctx: Context) -> Iterator[Hit]:
    schedule = ctx.config.maintenance
    slot: LocalText | None = None
    for draft, when in _scheduled(ctx):
        if schedule.known(when.date()):
            continue
        slot = slot or usual_slot_text(schedule)
        args = {"publish": when.strftime(MINUTE_FORMAT), "slot": slot}
        if schedule.known_until is None:
            yield Hit(draft, "publish_at", args, "unknown")
        else:
            last = schedule.known_until.strftime(DAY_FORMAT)
            yield Hit(
                draft, "publish_at", {**args, "last": last}, "usual" if schedule.usually_maintained(when) else "default"
            )
