"""`pasha image check`: images alone, as validate would check them, with what was measured."""

from __future__ import annotations

from pathlib import Path

import click

from pasha_cli.commands.common import PathType, config_option, lang_option
from pasha_cli.decide import choice, exit_code
from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import choose_lang, t
from pasha_cli.model import IMAGE_KINDS
from pasha_cli.project.locate import optional_config
from pasha_cli.project.spec import spec_of
from pasha_cli.report import VIEW_FORMATS
from pasha_cli.report import image_check as report
from pasha_cli.rules.images import PER_IMAGE_RULES, check_images


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
    config = optional_config(config_path, Path.cwd())
    chosen = choice(select, ignore, PER_IMAGE_RULES)
    for path in files:
        if not path.exists():  # a FIFO or a device is PSH208, said by the guard
            raise PashaUsageError(t("path-missing", path=str(path)))
    overrides = config.severity if config is not None else {}
    checked = check_images(list(files), kind, spec_of(config), overrides, chosen.select, chosen.ignore)
    if fmt == "json":
        click.echo(report.render_json(kind, checked, language), nl=False)
    else:
        click.echo(report.render_text(checked, language), nl=False)
    return exit_code((f for image in checked for f in image.findings), strict)
