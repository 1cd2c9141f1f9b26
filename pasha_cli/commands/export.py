"""`pasha export`: the hand-over bundle (zip) with its manifest."""

from __future__ import annotations

from pathlib import Path

import click

from pasha_cli.commands.common import PathType, project_options, say
from pasha_cli.commands.dates import parse_month_option, parse_now
from pasha_cli.i18n import choose_lang, t, tn
from pasha_cli.outputs import check_project_outputs, stream
from pasha_cli.plan import export as bundle
from pasha_cli.project.config import load_config, locate_config


@click.command()
@click.option("--month", metavar="YYYY-MM")
@click.option("-o", "--output", type=PathType(path_type=Path, dir_okay=False))
@click.option("--encoding", type=click.Choice(["utf-8-sig", "cp932"]), default="utf-8-sig", show_default=True)
@click.option("--force", is_flag=True)
@project_options
def export(
    month: str | None,
    output: Path | None,
    encoding: str,
    force: bool,
    now: str | None,
    config_path: str | None,
    lang: str | None,
) -> int:
    language = choose_lang(lang)
    moment = parse_now(now)
    chosen = parse_month_option(month, moment) if month else None
    config = load_config(locate_config(config_path, [], Path.cwd()))
    plan = bundle.select(config, moment, chosen)
    refused = plan.refusals(encoding)
    for message in refused:
        say(message.get(language), err=True)
    if refused:
        return 1
    target = output or bundle.default_name(chosen, moment)
    check_project_outputs(config, [target], force, loaded=plan.loaded)
    with stream(target, force) as handle:  # streamed: a bundle of large images is never whole in memory
        made = bundle.build(config, plan.items, encoding, moment, handle)
    say(tn("export-done", made.rows, path=str(target), encoding=encoding).get(language))
    for rel in plan.excluded:
        say(t("export-excluded", path=rel).get(language), err=True)
    return plan.exit_code
