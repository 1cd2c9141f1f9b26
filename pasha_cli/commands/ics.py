"""`pasha ics`: an iCalendar feed of publication times and set-up deadlines."""

from __future__ import annotations

from pathlib import Path

import click

from pasha_cli.commands.common import PathType, project_options
from pasha_cli.commands.planning import open_plan
from pasha_cli.outputs import check_project_outputs, write
from pasha_cli.plan import ics as ical
from pasha_cli.plan.slots import plan_items


@click.command()
@click.option("-o", "--output", type=PathType(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True)
@click.option("--account", metavar="ID")
@click.option("--maintenance", is_flag=True)
@project_options
def ics(
    output: Path | None,
    force: bool,
    account: str | None,
    maintenance: bool,
    now: str | None,
    config_path: str | None,
    lang: str | None,
) -> int:
    # --now is checked as everywhere, though the feed depends on the drafts' revisions, not the clock
    language, _, config, drafts = open_plan(now, config_path, account, lang)
    if output is not None:
        check_project_outputs(config, [output], force)
    data = ical.feed(config, plan_items(config, drafts, account), language, maintenance)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write(output, data, force)
    return 0
