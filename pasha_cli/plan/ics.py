"""`pasha ics`: an iCalendar file of publication times and set-up deadlines.

A calendar knows an event by its UID: a feed read again updates the events whose UID it knows,
adds the others, and (a subscription) drops those gone from the feed. So a UID is the draft's
identity, not its place: the draft's `id` (which `pasha new` writes, and which a move or a rename
keeps), else its path, as before ids existed (a draft without an id gets a new UID when it
moves: add an `id` to make moves safe). Each event carries SEQUENCE, DTSTAMP and LAST-MODIFIED
from the draft's revision time (revisions.py: the last commit that changed it, or the file's
modification time), so an edit always carries a greater SEQUENCE and the same files always give
the same bytes, whenever the feed is made. A cancelled post becomes STATUS:CANCELLED. Times are
written with TZID Asia/Tokyo and a VTIMEZONE.

With --maintenance the feed also holds one event per maintenance window (shipped, project and
recurring) in the months of its posts and deadlines: the guide asks advertisers to stop ads that
lead to Pasha during maintenance. A window's UID is made from its start and end alone, so it is
the same on every run and machine; a window that moves is another window (a subscription drops
the old one).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from pasha_cli import __version__
from pasha_cli.characters import digest, normalise_newlines, visible
from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import t
from pasha_cli.jpcalendar import MAX_WINDOWS, MaintenanceSchedule, Window
from pasha_cli.model import CANCELLED, PUBLISHED, SUBMITTED
from pasha_cli.plan.revisions import EPOCH, revisions, sequence
from pasha_cli.plan.slots import PlanItem
from pasha_cli.timeutil import DAY_FORMAT, JST, MINUTE_FORMAT, to_jst

if TYPE_CHECKING:
    from icalendar import Timezone

    from pasha_cli.project.config import Config

PRODID = f"-//pasha//pasha-cli {__version__}//JA"
TITLE_CHARS = 40  # of the body's first line, in characters as a reader counts them (grapheme clusters)
POST_LENGTH = timedelta(minutes=15)  # a post's event
DEADLINE_LENGTH = timedelta(hours=1)  # a deadline's event, ending at the deadline
MAX_FEED_WINDOWS = MAX_WINDOWS  # maintenance events in one feed: as many as one recurrence may make


def uid(item: PlanItem, kind: str, shared: frozenset[tuple[str, str]] = frozenset()) -> str:
    """The event's UID: from the draft's `id` and account when it has an id no other draft of the
    feed has, else from its path. A copied draft keeps its id until someone changes it (PSH006):
    one UID for two events would make a calendar show one of them, or merge their revisions."""
    ident = item.draft.id
    if ident is not None and _id_key(item) in shared:
        ident = None
    # without an id, the UIDs of the feeds made before ids existed: calendars that imported them keep
    # their events; with one, fields NUL separates (no id, account or path holds one)
    key = f"{item.draft.rel}|{kind}" if ident is None else f"id\0{item.account}\0{ident.lower()}\0{kind}"
    return f"{kind}-{hashlib.sha1(key.encode('utf-8', 'surrogateescape')).hexdigest()[:24]}@pasha-cli"


def _id_key(item: PlanItem) -> tuple[str, str]:
    return item.account, (item.draft.id or "").lower()


def shared_ids(items: list[PlanItem]) -> frozenset[tuple[str, str]]:
    """The (account, id) pairs more than one draft of `items` names."""
    counts = Counter({(item.account, item.draft.path): _id_key(item) for item in items if item.draft.id}.values())
    return frozenset(key for key, count in counts.items() if count > 1)


def title(body: str | None) -> str | None:
    """The body's first line that is not blank, cut on a grapheme boundary (an emoji family or a
    flag stays whole) with "…" when cut; None for a body with no text."""
    line = next((ln.strip() for ln in normalise_newlines(body or "").split("\n") if ln.strip()), None)
    if line is None:
        return None
    head = digest(line, TITLE_CHARS)
    return head if head == line else head + "…"


def feed(config: Config, items: list[PlanItem], lang: str, maintenance: bool = False) -> bytes:
    """The feed for `items`, each event stamped with its revision: the draft's own for its post,
    and the later of the draft's and the config's for its deadline (the config moves deadlines);
    with `maintenance`, the windows in the months of its events too."""
    changed = revisions([config.path, *(item.draft.path for item in items)], config.root)
    settled = changed.get(config.path)
    stamps: Stamps = {}
    for item in items:
        own = changed.get(item.draft.path) or settled
        stamps[item.draft.path] = (own, max(own, settled) if own and settled else own)
    span = feed_months(items) if maintenance else None
    windows = feed_windows(config.maintenance, *span) if span is not None else []
    return render(items, lang, stamps, windows)


def feed_windows(schedule: MaintenanceSchedule, first: datetime, last: datetime) -> list[Window]:
    """The windows overlapping [first, last), at most MAX_FEED_WINDOWS: each recurrence is bounded
    alone, but a thousand of them over the years of a feed's posts would be millions of events.
    Raises PashaUsageError past the bound, before the feed is made."""
    found: set[Window] = set()
    for entry in schedule.windows:
        for window in entry.between(first, last):
            found.add(window)
            if len(found) > MAX_FEED_WINDOWS:
                raise PashaUsageError(
                    t(
                        "ics-too-many-windows",
                        limit=MAX_FEED_WINDOWS,
                        first=first.strftime(DAY_FORMAT),
                        last=(last - timedelta(days=1)).strftime(DAY_FORMAT),
                    )
                )
    return sorted(found, key=lambda w: w.start)


def feed_months(items: list[PlanItem]) -> tuple[datetime, datetime] | None:
    """[first, last): from the first day of the month of the feed's earliest event (a post, or a
    deadline still to meet) to the first day of the month after its latest; None without events."""
    if not items:
        return None
    first = min(item.when if item.status == PUBLISHED else item.deadline - DEADLINE_LENGTH for item in items)
    last = max(item.when + POST_LENGTH for item in items)
    start = datetime(first.year, first.month, 1, tzinfo=JST)
    end = datetime(last.year + (last.month == 12), last.month % 12 + 1, 1, tzinfo=JST)
    return start, end


def window_uid(window: Window) -> str:
    """A maintenance window's UID: from its start and end in Japan time, the same on every machine."""
    key = f"maintenance\0{to_jst(window.start).isoformat()}\0{to_jst(window.end).isoformat()}"
    return f"maintenance-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:24]}@pasha-cli"


Stamps = dict[Path, tuple[datetime | None, datetime | None]]  # a draft's path: its post's and deadline's revision


def render(items: list[PlanItem], lang: str, stamps: Stamps, windows: Sequence[Window] = ()) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", t("ics-name").get(lang))
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    calendar.add_component(_japan_time())  # before the events that name it, as icalendar places it

    def stamp(event: Event, when: datetime | None) -> None:
        # No METHOD: DTSTAMP is when the event's information last changed (RFC 5545 3.8.7.2), as
        # LAST-MODIFIED; SEQUENCE orders the revisions (RFC 5546 2.1.5)
        moment = (when or EPOCH).astimezone(UTC).replace(microsecond=0)
        event.add("dtstamp", moment)
        event.add("last-modified", moment)
        event.add("sequence", sequence(moment))

    shared = shared_ids(items)
    for item in items:
        # calendar apps show these, and `pasha ics` prints them: hidden characters shown, not passed on
        rel = visible(item.draft.rel)
        head = title(item.draft.body)
        shown = visible(head) if head is not None else t("ics-no-body").get(lang)
        post_stamp, due_stamp = stamps.get(item.draft.path, (None, None))
        post = Event()
        post.add("uid", uid(item, "post", shared))
        stamp(post, post_stamp)
        post.add("dtstart", item.when)
        post.add("dtend", item.when + timedelta(minutes=15))
        post.add("summary", t("ics-post", account=visible(item.account), digest=shown).get(lang))
        post.add("description", f"{rel}\n{t('ics-status', status=item.status).get(lang)}")
        post.add("status", "CANCELLED" if item.status == CANCELLED else "CONFIRMED")
        post.add("categories", ["pasha", visible(item.account)])
        calendar.add_component(post)
        if item.status == PUBLISHED:
            continue
        due = Event()
        due.add("uid", uid(item, "deadline", shared))
        stamp(due, due_stamp)
        due.add("dtstart", item.deadline - timedelta(hours=1))
        due.add("dtend", item.deadline)
        due.add("summary", t("ics-deadline", account=visible(item.account), digest=shown).get(lang))
        due.add(
            "description",
            t("ics-deadline-description", path=rel, publish=item.when.strftime(MINUTE_FORMAT)).get(lang),
        )
        done = item.status in (SUBMITTED, CANCELLED)
        due.add("status", "CANCELLED" if item.status == CANCELLED else "CONFIRMED")
        due.add("transp", "TRANSPARENT")
        if done:
            due.add("x-pasha-done", "TRUE")
        calendar.add_component(due)
    for window in windows:
        start, end = to_jst(window.start), to_jst(window.end)
        event = Event()
        event.add("uid", window_uid(window))
        stamp(event, None)  # a window is known by its times: it has no revisions
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", t("ics-maintenance").get(lang))
        event.add(
            "description",
            t("ics-maintenance-description", start=start.strftime(MINUTE_FORMAT), end=end.strftime(MINUTE_FORMAT)).get(
                lang
            ),
        )
        event.add("status", "CONFIRMED")
        event.add("categories", ["pasha", "maintenance"])
        calendar.add_component(event)
    return calendar.to_ical()


def _japan_time() -> Timezone:
    """Asia/Tokyo's VTIMEZONE: one standard time, +09:00, as icalendar writes it for the zone. Japan has
    kept +09:00 without daylight saving since 1951 (a test checks every planning year against the
    installed tzdata); icalendar finds that by stepping through 68 years of offsets on every run."""
    from icalendar import Timezone, TimezoneStandard

    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1970, 1, 1))
    standard.add("tzname", "JST")
    standard.add("tzoffsetfrom", timedelta(hours=9))
    standard.add("tzoffsetto", timedelta(hours=9))
    zone = Timezone()
    zone.add("tzid", "Asia/Tokyo")
    zone.add_component(standard)
    return zone
