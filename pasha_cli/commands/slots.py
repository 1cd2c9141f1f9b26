"""`pasha slots`: the next valid publication slots of an account."""

from __future__ import annotations

import itertools
import json

import click

from pasha_cli.commands.common import project_options, say
from pasha_cli.commands.dates import parse_day
from pasha_cli.commands.planning import open_plan
from pasha_cli.i18n import WEEKDAYS, t
from pasha_cli.plan.slots import slots as next_slots
from pasha_cli.timeutil import MINUTE_FORMAT, SECOND_FORMAT


@click.command()
@click.option("--account", required=True, metavar="ID")
@click.option("--count", type=click.IntRange(1, 366), default=5, show_default=True)
@click.option("--from", "start", metavar="DATE")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@project_options
def slots(
    account: str, count: int, start: str | None, fmt: str, now: str | None, config_path: str | None, lang: str | None
) -> int:
    language, moment, config, drafts = open_plan(now, config_path, account, lang)
    first = parse_day(start) if start else None
    found = list(itertools.islice(next_slots(config, account, drafts, moment, first), count))
    rows = [(when, config.deadline(when.date())) for when in found]
    if fmt == "json":
        slots_json = [{"publish_at": w.isoformat(), "deadline": d.isoformat()} for w, d in rows]
        document = {"version": 1, "account": account, "now": moment.isoformat(), "slots": slots_json}
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    say(t("slots-header", account=account, now=moment.strftime(MINUTE_FORMAT)).get(language))
    for when, deadline in rows:
        line = t(
            "slots-line",
            publish=when.strftime(MINUTE_FORMAT),
            weekday=WEEKDAYS[when.weekday()],
            deadline=deadline.strftime(SECOND_FORMAT),
            deadline_weekday=WEEKDAYS[deadline.weekday()],
        )
        say("  " + line.get(language))
    return 0
