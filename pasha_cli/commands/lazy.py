"""A click group whose commands are imported when first asked for."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

import click


class LazyGroup(click.Group):
    """A group whose commands are imported when first asked for (click's "lazy loading subcommands").
    `loaded` is called with each command's name once it is imported (localize uses it)."""

    def __init__(self, *args: Any, lazy: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy)
        self.loaded: Callable[[str, click.Command], None] = lambda name, command: None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            module, _, name = self.lazy[cmd_name].partition(":")
            command = getattr(import_module(module), name)
            self.add_command(command, cmd_name)
            self.loaded(cmd_name, command)
        return self.commands.get(cmd_name)
