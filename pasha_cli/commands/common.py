"""What the commands share: the option types and groups, printing."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

import click

from pasha_cli.characters import shown
from pasha_cli.clicktext import command_lang
from pasha_cli.i18n import LANGS


class PathType(click.Path):
    """click.Path that says a name the system refuses (a NUL in it) is a bad value: click's own
    checks let the ValueError of os.stat escape."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def lang_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--lang", type=click.Choice(LANGS), default=None, callback=command_lang)(f)


def now_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--now", "now", envvar="PASHA_NOW", metavar="DATETIME")(f)


def config_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--config", "config_path", envvar="PASHA_CONFIG", metavar="PATH")(f)


def project_options(f: Callable[..., Any]) -> Callable[..., Any]:
    return lang_option(config_option(now_option(f)))


def say(text: str, err: bool = False) -> None:
    """Print a line that quotes user values (paths, config values, argv) as characters.shown shows them."""
    click.echo(shown(text), err=err)


def use_color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()
