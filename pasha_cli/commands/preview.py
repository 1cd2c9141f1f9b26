"""`pasha preview DRAFT`: the post as followers will see it, as text and optionally HTML."""

from __future__ import annotations

from pathlib import Path

import click

from pasha_cli.commands.common import PathType, project_options, say
from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import choose_lang, t
from pasha_cli.outputs import check_project_outputs, write
from pasha_cli.plan import preview as view
from pasha_cli.project.config import load_config, locate_config
from pasha_cli.project.drafts import Unreadable, load_draft


@click.command()
@click.argument("draft_path", metavar="DRAFT", type=PathType(path_type=Path, dir_okay=False))
@click.option("--html", "html_path", type=PathType(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True)
@project_options
def preview(
    draft_path: Path, html_path: Path | None, force: bool, now: str | None, config_path: str | None, lang: str | None
) -> int:
    language = choose_lang(lang)
    if not draft_path.is_file():
        raise PashaUsageError(t("path-missing", path=str(draft_path)))
    config = load_config(locate_config(config_path, [draft_path], Path.cwd()))
    if html_path is not None:
        check_project_outputs(config, [html_path], force, inputs=(draft_path,))
    draft = load_draft(draft_path.absolute(), config.root)
    if isinstance(draft, Unreadable):
        say(t("preview-unreadable", path=str(draft_path), reason=draft.text).get(language), err=True)
        return 1
    shown = view.build(config, draft)
    click.echo(view.render_text(shown, language, config.spec.body_max_chars), nl=False)
    if html_path is not None:
        write(html_path, view.render_html(shown, language, config.spec.body_max_chars).encode("utf-8"), force)
        say(t("created", path=str(html_path)).get(language))
    return 0
