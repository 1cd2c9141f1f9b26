"""The errors that end a run with exit code 2: the tool was used wrongly or the config is broken."""

from __future__ import annotations

import os

from pasha_cli.model import LocalText


class PashaUsageError(Exception):
    """Exit 2 with a message in the user's language (no traceback)."""

    exit_code = 2

    def __init__(self, text: LocalText) -> None:
        super().__init__(text.en)
        self.text = text


class ConfigError(PashaUsageError):
    """The project config is missing, unreadable or invalid."""


def debugging() -> bool:
    """PASHA_DEBUG=1: let a bug in pasha raise with its traceback instead of being reported."""
    return bool(os.environ.get("PASHA_DEBUG"))
