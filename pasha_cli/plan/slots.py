"""Publication slots: the dates a post can still take, given the clock, lead time, maintenance and quota."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import NamedTuple

from pasha_cli.characters import shown
from pasha_cli.i18n import WEEKDAYS, t
from pasha_cli.jpcalendar import is_past
from pasha_cli.model import CANCELLED, LocalText
from pasha_cli.project.config import Config
from pasha_cli.project.drafts import Draft
from pasha_cli.timeutil import JST, MINUTE_FORMAT, SECOND_FORMAT

HORIZON_DAYS = 730  # never look further than two years ahead


def month_usage(drafts: Iterable[Draft], account: str) -> Counter[tuple[int, int]]:
    """Posts per (year, month) in Japan time that count toward an account's quota (not cancelled)."""
    used: Counter[tuple[int, int]] = Counter()
    for draft in drafts:
        if draft.account != account or draft.status == CANCELLED:
            continue
        when = draft.time("publish_at")
        if when is not None:
            used[(when.year, when.month)] += 1
    return used


def time_on(config: Config, day: date) -> datetime | None:
    """The default publication time on `day`, moved to the end of a maintenance window that covers it."""
    when = datetime.combine(day, config.default_publish_time, JST)
    window = config.maintenance.window_at(when)
    if window is None:
        return when
    if window.end.date() == day and config.maintenance.window_at(window.end) is None:
        return window.end
    return None


class Window(NamedTuple):
    """A campaign's period, as `slots --campaign DRAFT` keeps the slots inside it."""

    draft: str  # the campaign's draft (relative path): the post being planned, not counted toward the quota
    opens: datetime
    closes: datetime  # the first moment after the campaign (its end's minute included)


def campaign_window(draft: Draft) -> Window | LocalText:
    """The window of a draft's campaign, or why it has none."""
    from pasha_cli.rules.campaigns import campaign_of  # only `slots --campaign` reads a campaign

    found = campaign_of(draft)
    if found is None:
        return t("slots-no-campaign", path=draft.rel)
    if found.start is None or found.closes is None:
        return t("slots-campaign-period", path=draft.rel)
    if found.closes <= found.start:
        return t("slots-campaign-reversed", path=draft.rel)
    return Window(draft.rel, found.start, found.closes)


def slots(
    config: Config,
    account_id: str,
    drafts: Iterable[Draft],
    now: datetime,
    start: date | None = None,
    window: Window | None = None,
) -> Iterator[datetime]:
    """Valid publication times, earliest first: one a day, its set-up deadline still ahead, outside
    maintenance, and on the free plan only in a month with room (each slot offered takes that room);
    with a `window`, only inside it."""
    account = config.accounts[account_id]
    spec = config.spec
    used = month_usage((d for d in drafts if window is None or d.rel != window.draft), account_id)
    quota = spec.free_posts_per_month if account.plan == "free" else None
    day = max(start or now.date(), now.date(), window.opens.date() if window else now.date())
    for _ in range(HORIZON_DAYS):
        if window is not None and day > window.closes.date():
            return
        when = time_on(config, day)
        month = (day.year, day.month)
        if (
            when is not None
            and when > now
            and (window is None or window.opens <= when < window.closes)
            and (quota is None or used[month] < quota)
            and not is_past(now, config.deadline(day))
        ):
            yield when
            used[month] += 1
        day += timedelta(days=1)


class Slot(NamedTuple):
    """A publication time `pasha slots` offers, with its set-up deadline, and whether the maintenance
    on its day is known (after the last known day, no window can be avoided: none is known)."""

    publish_at: datetime
    deadline: datetime
    maintenance_known: bool = True


def next_slots(
    config: Config,
    account: str,
    drafts: Iterable[Draft],
    now: datetime,
    start: date | None,
    count: int,
    window: Window | None = None,
) -> list[Slot]:
    """The first `count` slots of `account` from `start` (None: today), each with its deadline."""
    found = itertools.islice(slots(config, account, drafts, now, start, window), count)
    known = config.maintenance.known
    return [Slot(when, config.deadline(when.date()), known(when.date())) for when in found]


def render_json(
    account: str, now: datetime, found: list[Slot], known_until: date | None = None, window: Window | None = None
) -> str:
    """`pasha slots --format json`: version 1, the account, the clock, the last day whose
    maintenance is known (null: none is), the campaign (with --campaign) and each slot."""
    listed = [
        {
            "publish_at": slot.publish_at.isoformat(),
            "deadline": slot.deadline.isoformat(),
            "maintenance_known": slot.maintenance_known,
        }
        for slot in found
    ]
    document = {
        "version": 1,
        "account": account,
        "now": now.isoformat(),
        "maintenance_known_until": known_until.isoformat() if known_until is not None else None,
        "slots": listed,
    }
    if window is not None:
        document["campaign"] = {
            "draft": window.draft,
            "opens": window.opens.isoformat(),
            "closes": window.closes.isoformat(),
        }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


UNKNOWN_MARK = "?"  # after a slot whose day has no known maintenance


def render_text(
    account: str,
    now: datetime,
    found: list[Slot],
    lang: str,
    note: LocalText | None = None,
    window: Window | None = None,
) -> str:
    """A header, then a line per slot with its deadline (marked when the maintenance on its day is
    not known, with `note` at the end saying so); values quoted as shown() shows them. With a
    campaign's window, a line that names it, and one that says when no slot is left inside it."""
    lines = [t("slots-header", account=account, now=now.strftime(MINUTE_FORMAT)).get(lang)]
    if window is not None:
        last = (window.closes - timedelta(minutes=1)).strftime(MINUTE_FORMAT)
        opens = window.opens.strftime(MINUTE_FORMAT)
        lines.append(t("slots-campaign", path=window.draft, opens=opens, last=last).get(lang))
        if not found:
            lines.append(t("slots-campaign-none").get(lang))
    for when, deadline, known in found:
        line = t(
            "slots-line",
            publish=when.strftime(MINUTE_FORMAT),
            weekday=WEEKDAYS[when.weekday()],
            deadline=deadline.strftime(SECOND_FORMAT),
            deadline_weekday=WEEKDAYS[deadline.weekday()],
        )
        lines.append("  " + line.get(lang) + ("" if known else f"  {UNKNOWN_MARK}"))
    if note is not None and not all(slot.maintenance_known for slot in found):
        lines.append(note.get(lang))
    return "".join(shown(line) + "\n" for line in lines)


def coverage_note(config: Config) -> LocalText:
    """What the mark after a slot means: no maintenance is known on its day."""
    from pasha_cli.rules.schedule import usual_slot_text  # the words PSH305 uses

    known = config.maintenance.known_until
    slot = usual_slot_text(config.maintenance)
    if known is None:
        return t("slots-unknown-all", mark=UNKNOWN_MARK, slot=slot)
    return t("slots-unknown", mark=UNKNOWN_MARK, last=known.isoformat(), slot=slot)


class PlanItem(NamedTuple):
    """A draft as a plan sees it: when it goes out and when it must be set up."""

    draft: Draft
    account: str
    when: datetime
    deadline: datetime
    status: str


def plan_items(config: Config, drafts: Iterable[Draft], account: str | None = None) -> list[PlanItem]:
    """Every draft with a readable publication time (of one account, if given), in time order."""
    items = []
    for draft in drafts:
        if draft.account is None or (account is not None and draft.account != account):
            continue
        when = draft.time("publish_at")
        if when is None:
            continue
        deadline = config.deadline(when.date())
        items.append(PlanItem(draft, draft.account, when, deadline, draft.status))
    return sorted(items, key=lambda item: (item.when, item.draft.rel))
