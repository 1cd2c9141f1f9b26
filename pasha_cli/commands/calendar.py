"""`pasha calendar`: a month of posts, deadlines, holidays and maintenance windows."""

from __future__ import annotations

import click

from pasha_cli.columns import terminal_width
from pasha_cli.commands.common import project_options, use_color
from pasha_cli.commands.dates import parse_month_option
from pasha_cli.commands.planning import open_plan
from pasha_cli.plan import calendar as calendar_view
from pasha_cli.report import VIEW_FORMATS


@click.command()
@click.option("--month", metavar="YYYY-MM")
@click.option("--account", metavar="ID")
@click.option("--format", "fmt", type=click.Choice(VIEW_FORMATS), default="text", show_default=True)
@click.option("--width", type=click.IntRange(20, 10_000), metavar="N")
@project_options
def calendar(
    month: str | None,
    account: str | None,
    fmt: str,
    width: int | None,
    now: str | None,
    config_path: str | None,
    lang: str | None,
) -> int:
    language, moment, config, drafts = open_plan(now, config_path, account, lang)
    chosen = parse_month_option(month, moment)
    days = calendar_view.month_days(config, drafts, chosen, moment, account)
    if fmt == "json":
        click.echo(calendar_view.render_json(chosen, days, config.maintenance.known_until), nl=False)
    else:
        color = use_color()
        note = calendar_view.coverage_note(config, days)
        text = calendar_view.render_text(chosen, days, language, color, terminal_width(width), note)
        click.echo(text, nl=False, color=color)
    return 0
