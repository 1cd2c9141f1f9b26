"""A click group whose commands are imported when first asked for (click's "lazy loading subcommands")."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

import click


class LazyGroup(click.Group):
    """`lazy` maps each command's name to where it lives ("module:attribute"). `loaded` is called
    with a command once it is imported, and `describe` gives a command's help without importing it,
    for the group's own list of commands (localize sets both)."""

    def __init__(self, *args: Any, lazy: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy)
        self.loaded: Callable[[str, click.Command], None] = lambda name, command: None
        self.describe: Callable[[str], str | None] = lambda name: None
        self._listing = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            if self._listing:  # `pasha --help` shows a line of each command's help: no import for that
                return click.Command(cmd_name, help=self.describe(cmd_name))
            module, _, name = self.lazy[cmd_name].partition(":")
            command = getattr(import_module(module), name)
            self.add_command(command, cmd_name)
            self.loaded(cmd_name, command)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            self._listing = False
