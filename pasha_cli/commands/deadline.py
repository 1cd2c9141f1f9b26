"""`pasha deadline DATE`: the set-up deadline for a publication day."""

from __future__ import annotations

from pathlib import Path

import click

from pasha_cli.commands.common import project_options
from pasha_cli.commands.dates import parse_day, parse_now
from pasha_cli.i18n import choose_lang
from pasha_cli.plan.deadline import deadline_for, render_text
from pasha_cli.project.locate import optional_config


@click.command()
@click.argument("date")
@project_options
def deadline(date: str, now: str | None, config_path: str | None, lang: str | None) -> int:
    language = choose_lang(lang)
    day = parse_day(date)
    moment = parse_now(now)
    click.echo(render_text(deadline_for(optional_config(config_path, Path.cwd()), day, moment), language), nl=False)
    return 0
