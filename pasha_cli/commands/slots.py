"""`pasha slots`: the next valid publication slots of an account."""

from __future__ import annotations

import click

from pasha_cli.commands.common import project_options
from pasha_cli.commands.dates import parse_day
from pasha_cli.commands.planning import open_plan
from pasha_cli.plan import slots as plan
from pasha_cli.report import VIEW_FORMATS


@click.command()
@click.option("--account", required=True, metavar="ID")
@click.option("--count", type=click.IntRange(1, 366), default=5, show_default=True)
@click.option("--from", "start", metavar="DATE")
@click.option("--format", "fmt", type=click.Choice(VIEW_FORMATS), default="text", show_default=True)
@project_options
def slots(
    account: str, count: int, start: str | None, fmt: str, now: str | None, config_path: str | None, lang: str | None
) -> int:
    language, moment, config, drafts = open_plan(now, config_path, account, lang)
    found = plan.next_slots(config, account, drafts, moment, parse_day(start) if start else None, count)
    if fmt == "json":
        click.echo(plan.render_json(account, moment, found, config.maintenance.known_until), nl=False)
    else:
        click.echo(plan.render_text(account, moment, found, language, plan.coverage_note(config)), nl=False)
    return 0
