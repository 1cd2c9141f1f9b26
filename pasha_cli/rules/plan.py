"""PSH4xx: what the account's plan allows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pasha_cli.i18n import short_list, tn
from pasha_cli.model import CANCELLED, SCHEDULED
from pasha_cli.project.drafts import Draft
from pasha_cli.rules.base import ERROR, Context, Hit, L, rule

# A month of 2,000 drafts named every other draft in each finding: 2,000 x 2,000 names (a 120 MB
# SARIF). A finding names a few (in its message and as related locations) and counts the rest;
# `pasha calendar --month` lists them all.
OTHERS_NAMED = 5

PAID_FIELDS = {
    "video": L("動画", "video"),
    "segment": L("フォロワーのセグメント配信", "follower-segment targeting"),
    "push": L("プッシュ通知", "push notification"),
}


@rule(
    "PSH401",
    "free-plan-monthly-limit",
    ERROR,
    summary=L(
        "無料プランのアカウントの投稿が、日本時間の暦月ごとに上限（既定 1 件）以内か検査します。"
        "cancelled は数えず、published は数えます。",
        "Checks that a free-plan account has at most one post (by default) per calendar month in Japan time. "
        "Cancelled drafts do not count; published ones do.",
    ),
    why=L(
        "無料プランで同じ月に 2 件目を設定することはできません。", "A free plan cannot set up a second post in a month."
    ),
    fix=L(
        "投稿を別の月に移すか（`pasha slots` が空いている月を示します）、有料プランにしてください。",
        "Move a post to another month (`pasha slots` shows free months), or move to the paid plan.",
    ),
    messages={
        "default": L(
            "無料プランのアカウント `{account}` の {month} の投稿が {posts}あります（上限 {limit} 件）。同じ月の投稿: {others}",
            "free-plan account `{account}` has {posts} in {month} (limit {limit}); the others: {others}",
        ),
        "alone": L(
            "無料プランのアカウント `{account}` の {month} の投稿が {posts}あります（上限 {limit} 件）",
            "free-plan account `{account}` has {posts} in {month} (limit {limit})",
        ),
    },
)
def free_plan_monthly_limit(ctx: Context) -> Iterator[Hit]:
    limit = ctx.spec.free_posts_per_month
    months: dict[tuple[str, int, int], list[Draft]] = defaultdict(list)
    reported = {draft.account for draft in ctx.target_drafts}  # only their accounts' months can give a hit
    for draft in ctx.drafts:  # the whole project: a month is shared by every file
        if draft.account not in reported:
            continue
        account = ctx.config.accounts.get(draft.account or "")
        when = draft.time("publish_at")
        if account is not None and account.plan == "free" and when is not None and draft.status != CANCELLED:
            months[(account.id, when.year, when.month)].append(draft)
    for (account_id, year, month), drafts in months.items():
        if len(drafts) <= limit:
            continue
        ordered = sorted(drafts, key=lambda d: d.rel)
        for draft in drafts:
            # published posts are facts; the ones still to come are what must move
            if draft.rel in ctx.targets and draft.status in SCHEDULED:
                named = tuple(d.rel for d in ordered[: OTHERS_NAMED + 1] if d is not draft)[:OTHERS_NAMED]
                yield Hit(
                    draft,
                    "publish_at",
                    {
                        "account": account_id,
                        "month": f"{year}-{month:02d}",
                        "posts": tn("n-posts", len(drafts)),
                        "limit": limit,
                        "others": short_list(named, len(drafts) - 1),
                    },
                    message="default" if named else "alone",
                    other=named,
                )


@rule(
    "PSH402",
    "paid-plan-feature",
    ERROR,
    summary=L(
        "有料プラン専用の機能（動画、セグメント配信、プッシュ通知、クロスブランドアカウント）を無料プランで使っていないか検査します。",
        "Checks that a free-plan account uses no paid-only feature: video, follower-segment targeting, "
        "push notification, a cross-brand account.",
    ),
    why=L(
        "無料プランはテキストと画像だけです。有料機能を含む投稿は登録できません。",
        "The free plan is text and image only; a post with a paid feature cannot be set up.",
    ),
    fix=L(
        'その項目を削除するか、アカウントを有料プラン（plan = "paid"）にしてください。',
        'Remove the field, or put the account on the paid plan (plan = "paid").',
    ),
    messages={
        "default": L(
            "{feature}は有料プランだけの機能です（アカウント `{account}` は無料プラン）",
            "{feature} is a paid-plan feature (account `{account}` is on the free plan)",
        ),
        "cross-brand": L(
            "クロスブランドアカウントは有料プランだけの機能です（アカウント `{account}` は無料プラン）",
            "a cross-brand account is a paid-plan feature (account `{account}` is on the free plan)",
        ),
    },
    reads=(),
)
def paid_plan_feature(ctx: Context) -> Iterator[Hit]:
    for draft in ctx.target_drafts:
        account = ctx.config.accounts.get(draft.account or "")
        if account is None or account.plan != "free":
            continue
        for name, feature in PAID_FIELDS.items():
            value = draft.fields.get(name)
            if value not in (None, False, "", []):
                yield Hit(draft, name, {"feature": feature, "account": account.id})
    if ctx.config_in_scope:
        for account in ctx.config.accounts.values():
            if account.plan == "free" and account.cross_brand:
                keys = ("accounts", account.id, "cross_brand")
                yield Hit(
                    None,
                    ".".join(keys),
                    {"account": account.id},
                    message="cross-brand",
                    config_keys=keys,
                )
