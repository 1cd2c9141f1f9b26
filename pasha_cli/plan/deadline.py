"""`pasha deadline DATE`: the set-up deadline of a publication day, the days it skips, the time left."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from pasha_cli.characters import shown
from pasha_cli.i18n import WEEKDAYS, t, tn
from pasha_cli.jpcalendar import BusinessCalendar, is_past, setup_deadline
from pasha_cli.model import LocalText
from pasha_cli.project.spec import spec_of
from pasha_cli.timeutil import MINUTE_FORMAT, SECOND_FORMAT

if TYPE_CHECKING:
    from pasha_cli.project.config import Config


class Deadline(NamedTuple):
    day: date  # the publication day
    deadline: datetime
    skipped: list[tuple[date, LocalText]]  # the non-business days between them, with the reason for each
    now: datetime
    remaining: int | None  # business days left; None: the deadline has passed


def deadline_for(config: Config | None, day: date, now: datetime) -> Deadline:
    """With the project's calendar and spec (closure days, lead time), else the shipped ones."""
    spec = spec_of(config)
    calendar = config.calendar if config is not None else BusinessCalendar.from_month_days(spec.closure_days)
    moment = setup_deadline(spec, calendar, day)
    skipped = calendar.skipped(moment.date() + timedelta(days=1), day - timedelta(days=1))
    remaining = None if is_past(now, moment) else calendar.business_days_after(now.date(), moment.date())
    return Deadline(day, moment, skipped, now, remaining)


def render_text(found: Deadline, lang: str) -> str:
    day, moment = found.day, found.deadline
    lines = [
        t(
            "deadline-line",
            date=day.isoformat(),
            weekday=WEEKDAYS[day.weekday()],
            deadline=f"{moment:{SECOND_FORMAT}} JST",
            deadline_weekday=WEEKDAYS[moment.weekday()],
        ).get(lang)
    ]
    if found.skipped:
        lines.append(t("deadline-skipped").get(lang))
        lines += [
            shown(f"  {when.isoformat()} ({WEEKDAYS[when.weekday()].get(lang)})  {reason.get(lang)}")
            for when, reason in found.skipped
        ]
    else:
        lines.append(t("deadline-none-skipped").get(lang))
    if found.remaining is None:
        lines.append(t("deadline-passed", now=found.now.strftime(MINUTE_FORMAT)).get(lang))
    else:
        lines.append(t("deadline-remaining", days=tn("n-business-days", found.remaining)).get(lang))
    return "".join(line + "\n" for line in lines)
