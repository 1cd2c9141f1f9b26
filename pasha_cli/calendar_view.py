"""`pasha calendar`: a month of posts, set-up deadlines, holidays, closure days and maintenance."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from pasha_cli.config import Config
from pasha_cli.drafts import Draft
from pasha_cli.i18n import WEEKDAYS, t
from pasha_cli.model import LocalText
from pasha_cli.planning import month_bounds, plan_items
from pasha_cli.text import inert, visible
from pasha_cli.timeutil import JST


def month_days(config: Config, drafts: list[Draft], month: str, now: datetime, account: str | None) -> list[dict[str, Any]]:
    """One entry per day of the month: what a planner needs to see on it."""
    first, last = month_bounds(month)
    items = plan_items(config, drafts, account)
    start = datetime.combine(first, datetime.min.time(), JST)
    windows = config.maintenance.between(start, start + timedelta(days=(last - first).days + 1))
    days = []
    day = first
    while day <= last:
        names = config.calendar.holidays.names(day)
        days.append({
            "date": day.isoformat(),
            "weekday": day.weekday(),
            "today": day == now.date(),
            "business_day": config.calendar.is_business_day(day),
            "holiday": {"ja": names[0], "en": names[1]} if names else None,
            "closure": config.calendar.is_closure(day),
            "maintenance": [{"start": w.start.isoformat(), "end": w.end.isoformat()}
                            for w in windows if w.start.date() <= day <= w.end.date()],
            "posts": [{"path": i.draft.rel, "account": i.account, "time": i.when.strftime("%H:%M"), "status": i.status}
                      for i in items if i.when.date() == day],
            "deadlines": [{"path": i.draft.rel, "account": i.account, "publish_at": i.when.strftime("%Y-%m-%d %H:%M"),
                           "status": i.status}
                          for i in items if i.deadline.date() == day and i.status in ("draft", "ready")],
        })
        day += timedelta(days=1)
    return days


def render_json(month: str, days: list[dict[str, Any]]) -> str:
    from pasha_cli.report.json_ import dumps

    return dumps({"version": 1, "month": month, "days": days})


STATUS = {
    "draft": LocalText("下書き", "draft"), "ready": LocalText("準備完了", "ready"),
    "submitted": LocalText("設定済み", "submitted"), "published": LocalText("公開済み", "published"),
    "cancelled": LocalText("中止", "cancelled"),
}


def _cell(day: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """(style, text) lines of one day's cell."""
    number = int(day["date"][8:])
    head_style = "bold reverse" if day["today"] else ("bold red" if not day["business_day"] else "bold")
    lines = [(head_style, f"{number}" + (" ◀" if day["today"] else ""))]
    if day["holiday"]:
        lines.append(("red", day["holiday"]["ja"] if lang == "ja" else day["holiday"]["en"]))
    elif day["closure"]:
        lines.append(("red", t("day-closure").get(lang)))
    for window in day["maintenance"]:
        lines.append(("magenta", t("cal-maintenance", start=window["start"][11:16], end=window["end"][11:16]).get(lang)))
    for post in day["posts"]:
        lines.append(("green" if post["status"] in ("submitted", "published") else "cyan",
                      f"{post['time']} {post['account']} [{STATUS[post['status']].get(lang)}]"))
    for due in day["deadlines"]:
        lines.append(("yellow", t("cal-deadline", account=due["account"], publish=due["publish_at"][5:10]).get(lang)))
    return lines


def render_text(month: str, days: list[dict[str, Any]], lang: str, color: bool) -> str:
    """A Monday-first month grid (rich), plain when there is no colour.

    Each line of a cell is shown with text.visible and the grid made inert: an account id or a
    holiday name from the project cannot break the grid or reach the terminal or a CI log.
    """
    import io

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=t("cal-title", month=month).get(lang), show_lines=True, expand=False)
    for n, name in enumerate(WEEKDAYS):
        table.add_column(name.get(lang), style="red" if n >= 5 else "", width=16, overflow="fold")
    first = date.fromisoformat(days[0]["date"])
    row: list[Text] = [Text("") for _ in range(first.weekday())]
    for day in days:
        cell = Text()
        for n, (style, text) in enumerate(_cell(day, lang)):
            cell.append(("\n" if n else "") + visible(text), style=style if color else "")
        row.append(cell)
        if len(row) == 7:
            table.add_row(*row)
            row = []
    if row:
        table.add_row(*row, *[Text("") for _ in range(7 - len(row))])
    out = io.StringIO()
    console = Console(file=out, width=7 * 19 + 2, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None)
    console.print(table)
    return inert(out.getvalue())
