"""`pasha init` and `pasha new`: a project, and a draft for the next valid slot."""

from __future__ import annotations

import os
from pathlib import Path

import click

from pasha_cli.commands.common import PathType, lang_option, now_option, project_options, say
from pasha_cli.commands.dates import parse_day, parse_now
from pasha_cli.i18n import choose_lang, t
from pasha_cli.model import PLANS
from pasha_cli.plan import scaffold
from pasha_cli.project.config import load_config, locate_config
from pasha_cli.project.locate import CONFIG_NAME
from pasha_cli.timeutil import MINUTE_FORMAT, SECOND_FORMAT


def _created(made: scaffold.NewDraft, lang: str) -> None:
    shown = os.path.relpath(made.path) if made.path.is_absolute() else str(made.path)
    publish, deadline = made.when.strftime(MINUTE_FORMAT), made.deadline.strftime(SECOND_FORMAT)
    say(t("new-created", path=shown, publish=publish, deadline=deadline).get(lang))


@click.command()
@click.argument("folder", required=False, default=".", type=PathType(path_type=Path, file_okay=False))
@click.option("--account", default="my-shop", show_default=True)
@click.option("--name", default=None)
@click.option("--plan", type=click.Choice(PLANS), default="free", show_default=True)
@now_option
@lang_option
def init(folder: Path, account: str, name: str | None, plan: str, now: str | None, lang: str | None) -> int:
    language = choose_lang(lang)
    made = scaffold.init_project(folder, account, name, plan, parse_now(now), language)
    for path in made.kept:
        say(t("kept", path=os.path.relpath(path)).get(language))
    for path in made.written:
        if path != made.sample.path:
            say(t("created", path=os.path.relpath(path)).get(language))
    _created(made.sample, language)  # an absolute path: shown relative, as every path init names
    say(t("init-next").get(language))
    known = load_config((folder / CONFIG_NAME).absolute()).maintenance.known_until  # as init wrote it
    beyond = known if known is not None and made.sample.when.date() > known else None
    for number, (command, why) in enumerate(scaffold.next_steps(folder, Path.cwd(), beyond), 1):
        say(f"  {number}. {command}    # {why.get(language)}")
    return 0


@click.command()
@click.option("--account", required=True, metavar="ID")
@click.option("--date", "date_text", metavar="DATE")
@click.option("-o", "--output", type=PathType(path_type=Path, dir_okay=False))
@project_options
def new(
    account: str, date_text: str | None, output: Path | None, now: str | None, config_path: str | None, lang: str | None
) -> int:
    language = choose_lang(lang)
    moment = parse_now(now)
    config = load_config(locate_config(config_path, [], Path.cwd()))
    start = parse_day(date_text) if date_text else None
    _created(scaffold.make_new_draft(config, account, moment, start, output, language), language)
    return 0
