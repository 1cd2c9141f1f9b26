"""`pasha image`: make and check images; each subcommand loaded when it runs."""

from __future__ import annotations

import click

from pasha_cli.commands.lazy import LazyGroup


@click.group(
    cls=LazyGroup,
    lazy={"check": "pasha_cli.commands.image_check:image_check", "fit": "pasha_cli.commands.image_fit:image_fit"},
)
def image() -> None:
    pass
