"""`pasha validate`: check drafts (and, as the pre-commit hook, what a commit changes or removes)."""

from __future__ import annotations

from pathlib import Path

import click

from pasha_cli.commands.common import PathType, project_options, say, use_color
from pasha_cli.commands.dates import parse_now
from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import choose_lang, t
from pasha_cli.project.hook import removals
from pasha_cli.report import FORMATS


class SeparatorAware(click.Command):
    """Remembers whether the arguments held `--`: the hook's file names must come after one."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["pasha.separator"] = "--" in args
        return super().parse_args(ctx, args)


@click.command(cls=SeparatorAware)
@click.argument("paths", nargs=-1, type=PathType(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True)
@click.option("--output-file", "output_files", multiple=True, metavar="[FORMAT:]PATH")
@click.option("--select", multiple=True, metavar="CODES")
@click.option("--ignore", multiple=True, metavar="CODES")
@click.option("--strict", is_flag=True)
@click.option("--force", is_flag=True)
@click.option("--pre-commit", "pre_commit", is_flag=True)
@click.option("--jobs", "-j", type=click.IntRange(0, 256), default=0, metavar="N")
@project_options
@click.pass_context
def validate(
    ctx: click.Context,
    paths: tuple[Path, ...],
    fmt: str,
    output_files: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    force: bool,
    pre_commit: bool,
    jobs: int,
    now: str | None,
    config_path: str | None,
    lang: str | None,
) -> int:
    language = choose_lang(lang)
    if pre_commit and not ctx.meta.get("pasha.separator"):
        raise PashaUsageError(t("hook-no-separator"))  # else a file named --config=x.toml is an option
    moment = parse_now(now)
    removed = removals(Path.cwd()) if pre_commit else {}
    if pre_commit and not paths and not removed:
        return 0  # the hook runs on every commit (always_run); this one touches nothing of ours: no engine
    # inside on purpose, one of the few own imports kept in a function (README "Development"): the
    # commit above loads no engine, no YAML, no rules
    from pasha_cli import engine

    request = engine.Request(
        paths=paths,
        removed=removed,
        pre_commit=pre_commit,
        config_path=config_path,
        now=moment,
        fmt=fmt,
        output_files=output_files,
        select=select,
        ignore=ignore,
        strict=strict,
        force=force,
        lang=language,
        color=use_color(),
        jobs=jobs,
    )
    done = engine.run(request, Path.cwd(), lambda text: click.echo(text.get(language), err=True))
    click.echo(done.shown, nl=False, color=done.color)
    for crash in done.crashes:
        say(f"pasha: {crash.get(language)}", err=True)
    return done.exit_code
