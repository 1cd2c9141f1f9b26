"""`pasha image fit`: a compliant JPEG from any photo, in a project or outside one."""

from __future__ import annotations

from pathlib import Path

import click

from pasha_cli.commands.common import PathType, config_option, lang_option, say
from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import choose_lang, t, tn
from pasha_cli.image.budget import ENCODERS, SUBSAMPLINGS
from pasha_cli.image.fit import FitOptions, failure_code, fit_many
from pasha_cli.model import IMAGE_KINDS, LocalText
from pasha_cli.outputs import check_fit_targets, fit_targets
from pasha_cli.project.locate import optional_config
from pasha_cli.project.spec import spec_of


@click.command("fit")
@click.argument("sources", nargs=-1, required=True, type=PathType(path_type=Path))
@click.option("-o", "--output", type=PathType(path_type=Path, dir_okay=False))
@click.option("--out-dir", type=PathType(path_type=Path, file_okay=False))
@click.option("--as", "kind", type=click.Choice(IMAGE_KINDS), required=True)
@click.option("--width", type=click.IntRange(1, 20000))
@click.option("--pad", is_flag=True)
@click.option("--upscale", is_flag=True)
@click.option("--quality", type=click.FloatRange(20, 100))
@click.option("--encoder", type=click.Choice(ENCODERS), default="auto", show_default=True)
@click.option("--subsampling", type=click.Choice(SUBSAMPLINGS), default="auto", show_default=True)
@click.option("--progressive", is_flag=True)
@click.option("--in-place", is_flag=True)
@click.option("--force", is_flag=True)
@click.option("--jobs", "-j", type=click.IntRange(0, 256), default=0, metavar="N")
@config_option
@lang_option
def image_fit(
    sources: tuple[Path, ...],
    output: Path | None,
    out_dir: Path | None,
    kind: str,
    width: int | None,
    pad: bool,
    upscale: bool,
    quality: float | None,
    encoder: str,
    subsampling: str,
    progressive: bool,
    in_place: bool,
    force: bool,
    jobs: int,
    config_path: str | None,
    lang: str | None,
) -> int:
    language = choose_lang(lang)
    chosen = sum(x is not None and x is not False for x in (output, out_dir, in_place or None))
    if chosen != 1 or (output is not None and len(sources) > 1):
        raise PashaUsageError(t("fit-targets"))
    config = optional_config(config_path, Path.cwd())
    options = FitOptions(
        kind,
        spec_of(config),
        width=width,
        pad=pad,
        upscale=upscale,
        quality=quality,
        encoder=encoder,
        in_place=in_place,
        force=force,
        progressive=progressive,
        subsampling=subsampling,
    )
    targets = fit_targets(sources, output, out_dir, in_place)
    check_fit_targets(config, targets, in_place, force)
    code = 0
    for source, done in fit_many(targets, options, jobs):  # every source has its turn, whatever fails
        if isinstance(done, LocalText):
            code = max(code, failure_code(done))  # 2: an output could not be written; 1: a source refused
            say(t("fit-failed", source=str(source), reason=done).get(language), err=True)
            continue
        say(
            t(
                "fit-done",
                source=str(source),
                output=str(done.output),
                width=done.width,
                height=done.height,
                bytes=tn("n-bytes", done.bytes),
                quality=f"{done.quality:g}",
                encoder=done.encoder,
                subsampling=done.subsampling,
                encodes=tn("n-encodes", done.encodes),
            ).get(language)
        )
    return code
