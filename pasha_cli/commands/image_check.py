"""`pasha image check`: images alone, as validate would check them, with what was measured."""

from __future__ import annotations

from pathlib import Path

import click

from pasha_cli.commands.common import PathType, config_option, lang_option
from pasha_cli.decide import check_images
from pasha_cli.i18n import choose_lang
from pasha_cli.model import IMAGE_KINDS
from pasha_cli.project.locate import optional_config
from pasha_cli.report import VIEW_FORMATS
from pasha_cli.report import image_check as report


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=PathType(path_type=Path))
@click.option("--as", "kind", type=click.Choice(IMAGE_KINDS), required=True)
@click.option("--format", "fmt", type=click.Choice(VIEW_FORMATS), default="text", show_default=True)
@click.option("--select", multiple=True, metavar="CODES")
@click.option("--ignore", multiple=True, metavar="CODES")
@click.option("--strict", is_flag=True)
@config_option
@lang_option
def image_check(
    files: tuple[Path, ...],
    kind: str,
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    config_path: str | None,
    lang: str | None,
) -> int:
    language = choose_lang(lang)
    done = check_images(files, kind, optional_config(config_path, Path.cwd()), select, ignore, strict)
    if fmt == "json":
        click.echo(report.render_json(kind, done.images, language), nl=False)
    else:
        click.echo(report.render_text(done.images, language), nl=False)
    return done.exit_code
