"""`pasha submit DRAFT...`: after a clean validation, record that a post was set up."""

from __future__ import annotations

from pathlib import Path

import click

from pasha_cli.commands.common import PathType, project_options, say
from pasha_cli.commands.dates import parse_now
from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import choose_lang, t
from pasha_cli.plan import submit as record
from pasha_cli.project.config import load_config, locate_config
from pasha_cli.report import Style, render


@click.command()
@click.argument("drafts", nargs=-1, required=True, type=PathType(path_type=Path, dir_okay=False))
@project_options
def submit(drafts: tuple[Path, ...], now: str | None, config_path: str | None, lang: str | None) -> int:
    language = choose_lang(lang)
    moment = parse_now(now)
    for path in drafts:
        if not path.is_file():
            raise PashaUsageError(t("path-missing", path=str(path)))
    config = load_config(locate_config(config_path, list(drafts), Path.cwd()))
    failed = write_error = False
    for outcome in record.record(config, list(drafts), moment):
        if outcome.report is not None:
            click.echo(render(outcome.report, "text", Style(language)), nl=False, err=True)
        say(outcome.text.get(language), err=not outcome.ok)
        failed |= outcome.failed
        write_error |= outcome.write_error
    return 2 if write_error else 1 if failed else 0
