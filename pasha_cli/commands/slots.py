"""`pasha slots`: the next valid publication slots of an account (with --campaign, inside a campaign)."""

from __future__ import annotations

from pathlib import Path

import click

from pasha_cli.commands.common import PathType, project_options
from pasha_cli.commands.dates import parse_day
from pasha_cli.commands.planning import open_plan
from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import t
from pasha_cli.model import LocalText
from pasha_cli.plan import slots as plan
from pasha_cli.project.config import Config
from pasha_cli.project.drafts import Unreadable, load_draft, relative
from pasha_cli.report import VIEW_FORMATS


@click.command()
@click.option("--account", required=True, metavar="ID")
@click.option("--count", type=click.IntRange(1, 366), default=5, show_default=True)
@click.option("--from", "start", metavar="DATE")
@click.option("--campaign", "campaign_path", metavar="DRAFT", type=PathType(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(VIEW_FORMATS), default="text", show_default=True)
@project_options
def slots(
    account: str,
    count: int,
    start: str | None,
    campaign_path: Path | None,
    fmt: str,
    now: str | None,
    config_path: str | None,
    lang: str | None,
) -> int:
    language, moment, config, drafts = open_plan(now, config_path, account, lang)
    window = _window(config, campaign_path) if campaign_path is not None else None
    found = plan.next_slots(config, account, drafts, moment, parse_day(start) if start else None, count, window)
    if fmt == "json":
        click.echo(plan.render_json(account, moment, found, config.maintenance.known_until, window), nl=False)
    else:
        note = plan.coverage_note(config)
        click.echo(plan.render_text(account, moment, found, language, note, window), nl=False)
    return 0


def _window(config: Config, path: Path) -> plan.Window:
    """The campaign of the draft --campaign names; exit 2 when it cannot be read (or lies outside the
    project: PSH004's) or has no period to plan in."""
    absolute = path.absolute()
    if not absolute.is_file():
        raise PashaUsageError(t("path-missing", path=str(path)))
    draft = load_draft(absolute, config.root)
    if isinstance(draft, Unreadable):
        raise PashaUsageError(t("slots-campaign-unreadable", path=relative(absolute, config.root), reason=draft.text))
    window = plan.campaign_window(draft)
    if isinstance(window, LocalText):
        raise PashaUsageError(window)
    return window
