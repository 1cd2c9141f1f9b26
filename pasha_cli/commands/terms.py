"""`pasha terms [PATH...]`: a prh dictionary to edit, from the spelling variants in the drafts' bodies."""

from __future__ import annotations

from pathlib import Path

import click

from pasha_cli.commands.common import PathType, config_option, lang_option, say
from pasha_cli.engine import load_project, scope_for
from pasha_cli.i18n import choose_lang, t, tn
from pasha_cli.outputs import check_project_outputs, write
from pasha_cli.project.config import load_config, locate_config
from pasha_cli.project.drafts import Draft


@click.command()
@click.argument("paths", nargs=-1, type=PathType(path_type=Path))
@click.option("-o", "--output", type=PathType(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True)
@click.option("--min-count", "min_count", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True)
@lang_option
@config_option
def terms(
    paths: tuple[Path, ...],
    output: Path | None,
    force: bool,
    min_count: int,
    fmt: str,
    config_path: str | None,
    lang: str | None,
) -> int:
    language = choose_lang(lang)
    from pasha_cli import variants

    tokenize = variants.sudachi()  # first: without the extra, nothing else is worth doing (exit 2)
    config = load_config(locate_config(config_path, list(paths), Path.cwd()))
    loaded = load_project(config)
    if output is not None:
        check_project_outputs(config, [output], force, loaded=loaded)
    if paths:  # the drafts `pasha validate PATH...` would report on
        wanted = scope_for(config, loaded, list(paths)).targets
        loaded = [item for item in loaded if item.rel in wanted]
    drafts = [d for d in loaded if isinstance(d, Draft)]
    if len(drafts) < len(loaded):
        say(tn("terms-unreadable", len(loaded) - len(drafts)).get(language), err=True)
    bodies = [(d.rel, d.body) for d in drafts if d.body]
    groups = variants.collect(bodies, tokenize, min_count)
    text = variants.render_json(groups) if fmt == "json" else variants.render_yaml(groups, len(drafts), language)
    if output is None:
        click.echo(text, nl=False)
    else:
        write(output, text.encode("utf-8"), force)
        say(t("created", path=str(output)).get(language), err=True)
    return 0
