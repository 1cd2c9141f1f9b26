"""`pasha ics`: an iCalendar file of publication times and set-up deadlines.

Every event has a UID derived from the draft's path and the event's kind, so importing the file
again updates the events instead of duplicating them; a cancelled post becomes STATUS:CANCELLED.
Times are written with TZID Asia/Tokyo and a VTIMEZONE.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from pasha_cli import __version__
from pasha_cli.i18n import t
from pasha_cli.planning import PlanItem
from pasha_cli.text import visible

PRODID = f"-//pasha//pasha-cli {__version__}//JA"


def uid(item: PlanItem, kind: str) -> str:
    digest = hashlib.sha1(f"{item.draft.rel}|{kind}".encode("utf-8", "surrogateescape")).hexdigest()[:24]  # the name's own bytes
    return f"{kind}-{digest}@pasha-cli"


def render(items: list[PlanItem], lang: str, now: datetime) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", t("ics-name").get(lang))
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    for item in items:
        # calendar apps show these, and `pasha ics` prints them: hidden characters shown, not passed on
        rel = visible(item.draft.rel)
        digest = visible((item.draft.body or "").split("\n")[0][:40]) or rel
        post = Event()
        post.add("uid", uid(item, "post"))
        post.add("dtstamp", now)
        post.add("dtstart", item.when)
        post.add("dtend", item.when + timedelta(minutes=15))
        post.add("summary", t("ics-post", account=visible(item.account), digest=digest).get(lang))
        post.add("description", f"{rel}\n{t('ics-status', status=item.status).get(lang)}")
        post.add("status", "CANCELLED" if item.status == "cancelled" else "CONFIRMED")
        post.add("categories", ["pasha", visible(item.account)])
        calendar.add_component(post)
        if item.status in ("published",):
            continue
        due = Event()
        due.add("uid", uid(item, "deadline"))
        due.add("dtstamp", now)
        due.add("dtstart", item.deadline - timedelta(hours=1))
        due.add("dtend", item.deadline)
        due.add("summary", t("ics-deadline", account=visible(item.account), digest=digest).get(lang))
        due.add("description", t("ics-deadline-description", path=rel,
                                 publish=item.when.strftime("%Y-%m-%d %H:%M")).get(lang))
        done = item.status in ("submitted", "cancelled")
        due.add("status", "CANCELLED" if item.status == "cancelled" else "CONFIRMED")
        due.add("transp", "TRANSPARENT")
        if done:
            due.add("x-pasha-done", "TRUE")
        calendar.add_component(due)
    calendar.add_missing_timezones()
    return calendar.to_ical()
