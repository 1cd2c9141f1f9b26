"""`pasha calendar`: a month of posts, set-up deadlines, holidays, closure days and maintenance."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pasha_cli.characters import codepoint, inert, visible
from pasha_cli.columns import DEFAULT_WIDTH, MIN_WIDTH
from pasha_cli.i18n import WEEKDAYS, t
from pasha_cli.model import SET_UP, UNSUBMITTED, LocalText
from pasha_cli.plan.slots import plan_items
from pasha_cli.project.config import Config
from pasha_cli.project.drafts import Draft
from pasha_cli.report.json_ import dumps
from pasha_cli.timeutil import CLOCK_FORMAT, JST, MINUTE_FORMAT, month_bounds

if TYPE_CHECKING:  # rich is imported where a calendar is drawn
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text


def month_days(
    config: Config, drafts: list[Draft], month: str, now: datetime, account: str | None
) -> list[dict[str, Any]]:
    """One entry per day of the month: what a planner needs to see on it."""
    first, last = month_bounds(month)
    items = plan_items(config, drafts, account)
    start = datetime.combine(first, datetime.min.time(), JST)
    schedule = config.maintenance
    windows = schedule.between(start, start + timedelta(days=(last - first).days + 1))
    days = []
    day = first
    while day <= last:
        names = config.calendar.holidays.names(day)
        usual = schedule.usual if schedule.usual is not None and day.weekday() == schedule.usual.weekday else None
        days.append(
            {
                "date": day.isoformat(),
                "weekday": day.weekday(),
                "today": day == now.date(),
                "business_day": config.calendar.is_business_day(day),
                "holiday": LocalText(*names)._asdict() if names else None,  # both names: {"ja": ..., "en": ...}
                "closure": config.calendar.is_closure(day),
                "maintenance": [
                    {"start": w.start.isoformat(), "end": w.end.isoformat()}
                    for w in windows
                    if w.start.date() <= day <= w.end.date()
                ],
                # after the last day whose maintenance is known: no window is known, and the usual
                # slot (spec data) on its weekday may well have one
                "maintenance_known": schedule.known(day),
                "maintenance_usual": (
                    {"start": usual.start.strftime(CLOCK_FORMAT), "end": usual.end.strftime(CLOCK_FORMAT)}
                    if usual is not None and not schedule.known(day)
                    else None
                ),
                "posts": [
                    {
                        "path": i.draft.rel,
                        "account": i.account,
                        "time": i.when.strftime(CLOCK_FORMAT),
                        "status": i.status,
                    }
                    for i in items
                    if i.when.date() == day
                ],
                "deadlines": [
                    {
                        "path": i.draft.rel,
                        "account": i.account,
                        "publish_at": i.when.strftime(MINUTE_FORMAT),
                        "status": i.status,
                    }
                    for i in items
                    if i.deadline.date() == day and i.status in UNSUBMITTED
                ],
            }
        )
        day += timedelta(days=1)
    return days


def render_json(month: str, days: list[dict[str, Any]], known_until: date | None) -> str:
    known = known_until.isoformat() if known_until is not None else None
    return dumps({"version": 1, "month": month, "maintenance_known_until": known, "days": days})


UNKNOWN_MARK = "?"  # after a day's number: no maintenance is known on that day


def _mark(day: dict[str, Any], marked: bool) -> str:
    """The mark after a day's number in the list of days (a space in its place on a known day)."""
    return "" if not marked else " " if day["maintenance_known"] else UNKNOWN_MARK


def coverage_note(config: Config, days: list[dict[str, Any]]) -> LocalText | None:
    """The line under a month with days whose maintenance is not known, saying what "?" means."""
    if all(day["maintenance_known"] for day in days):
        return None
    from pasha_cli.rules.schedule import usual_slot_text  # the words PSH305 uses

    known = config.maintenance.known_until
    slot = usual_slot_text(config.maintenance)
    if known is None:
        return t("cal-unknown-all", mark=UNKNOWN_MARK, slot=slot)
    return t("cal-unknown", mark=UNKNOWN_MARK, last=known.isoformat(), slot=slot)


def _cell(day: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """(style, text) lines of one day's cell: its head (the day's number) and what happens on it."""
    number = f"{int(day['date'][8:])}{'' if day['maintenance_known'] else UNKNOWN_MARK}"
    return [
        (_head_style(day), number + (f" {t('cal-today').get(lang)}" if day["today"] else "")),
        *_events(day, lang),
    ]


def _head_style(day: dict[str, Any]) -> str:
    return "bold reverse" if day["today"] else ("bold red" if not day["business_day"] else "bold")


def _events(day: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    lines = []
    if day["holiday"]:
        lines.append(("red", LocalText(**day["holiday"]).get(lang)))
    elif day["closure"]:
        lines.append(("red", t("day-closure").get(lang)))
    for window in day["maintenance"]:
        lines.append(
            ("magenta", t("cal-maintenance", start=window["start"][11:16], end=window["end"][11:16]).get(lang))
        )
    usual = day["maintenance_usual"]
    if usual:
        lines.append(("magenta", t("cal-maintenance-usual", start=usual["start"], end=usual["end"]).get(lang)))
    for post in day["posts"]:
        status = t(f"status-{post['status']}").get(lang)
        lines.append(
            (
                "green" if post["status"] in SET_UP else "cyan",
                f"{post['time']} {post['account']} [{status}]",
            )
        )
    for due in day["deadlines"]:
        lines.append(("yellow", t("cal-deadline", account=due["account"], publish=due["publish_at"][5:10]).get(lang)))
    return lines


# The grid's frame: 8 borders and a space either side of each of the 7 cells.
GRID_FRAME = 8 + 7 * 2
# A cell narrower than the longest Japanese holiday name (建国記念の日, 12 columns) folds names and
# account ids into pieces of a few letters: below that the month is a list of days.
GRID_CELL_MIN = 12
GRID_CELL_MAX = 30  # wider cells only spread a month thin


def layout(width: int) -> int | None:
    """The grid's cell width for a view `width` columns wide, or None: a list of days."""
    cell = min(GRID_CELL_MAX, (width - GRID_FRAME) // 7)
    return cell if cell >= GRID_CELL_MIN else None


_COMMAND_START = re.compile(r":(?=:[A-Za-z0-9_-])")


def _shown(text: str) -> str:
    """One line of a cell as it may be printed, wherever wrapping puts it.

    text.inert looks for `::name` at the start of a line only; a cell's text can be wrapped onto
    the start of a line, so the marker is made inert anywhere in it, before the layout: the
    output's own inert pass then finds nothing to widen.
    """
    return inert(_COMMAND_START.sub(codepoint(":"), visible(text)))


def render_text(
    month: str,
    days: list[dict[str, Any]],
    lang: str,
    color: bool,
    width: int = DEFAULT_WIDTH,
    note: LocalText | None = None,
) -> str:
    """The month in `width` columns: a Monday-first grid (rich) where it fits, else a list of days.

    Every line is at most `width` display columns (MIN_WIDTH at the least); text that does not fit
    a cell is folded onto the next line, never cut. Plain when there is no colour. Each line of a
    cell is shown with text.visible and the output made inert: an account id or a holiday name
    from the project cannot break the layout or reach the terminal or a CI log.
    """
    from rich.console import Console

    width = max(MIN_WIDTH, width)
    cell = layout(width)
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        legacy_windows=False,
    )
    console.print(_grid(month, days, lang, color, cell) if cell is not None else _list(month, days, lang, color))
    if note is not None:  # what the mark after a day's number means
        from rich.text import Text

        console.print(Text(_shown(note.get(lang))))
    shown = out.getvalue() if color else "".join(line.rstrip(" ") + "\n" for line in out.getvalue().splitlines())
    return inert(shown)  # rich pads plain lines to the table's width: the padding goes


def _text(lines: list[tuple[str, str]], color: bool) -> Text:
    from rich.text import Text

    cell = Text()
    for n, (style, text) in enumerate(lines):
        cell.append(("\n" if n else "") + _shown(text), style=style if color else "")
    return cell


def _grid(month: str, days: list[dict[str, Any]], lang: str, color: bool, cell: int) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(t("cal-title", month=month).get(lang)), show_lines=True, expand=False)  # not markup
    for n, name in enumerate(WEEKDAYS):
        table.add_column(name.get(lang), style="red" if n >= 5 else "", width=cell, overflow="fold")
    first = date.fromisoformat(days[0]["date"])
    row: list[Text] = [Text("") for _ in range(first.weekday())]
    for day in days:
        row.append(_text(_cell(day, lang), color))
        if len(row) == 7:
            table.add_row(*row)
            row = []
    if row:
        table.add_row(*row, *[Text("") for _ in range(7 - len(row))])
    return table


def _list(month: str, days: list[dict[str, Any]], lang: str, color: bool) -> Group:
    """One row a day (number, weekday, then its events), a blank row after each Sunday."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table.grid(padding=(0, 1))
    table.add_column(justify="left", no_wrap=True)  # numbers aligned by hand: rich trims a trailing space
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    marked = not all(day["maintenance_known"] for day in days)  # a column for the mark: numbers stay aligned
    for n, day in enumerate(days):
        style = _head_style(day) if color else ""
        events = _events(day, lang)
        if day["today"]:
            events.insert(0, ("bold reverse", t("cal-today").get(lang)))
        table.add_row(
            Text(f"{int(day['date'][8:]):>2}{_mark(day, marked)}", style=style),
            Text(WEEKDAYS[day["weekday"]].get(lang), style=style),
            _text(events, color),
        )
        if day["weekday"] == 6 and n < len(days) - 1:
            table.add_row("", "", "")
    return Group(Text(t("cal-title", month=month).get(lang), style="bold" if color else ""), table)
