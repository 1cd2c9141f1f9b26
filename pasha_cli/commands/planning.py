"""How slots, calendar and ics begin: the language, the clock, the project, the account."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from pasha_cli.commands.dates import parse_now
from pasha_cli.i18n import choose_lang
from pasha_cli.project.config import Config
from pasha_cli.project.drafts import Draft
from pasha_cli.project.open import check_account, readable_project


class Opening(NamedTuple):
    lang: str
    now: datetime
    config: Config
    drafts: list[Draft]  # the readable ones


def open_plan(now: str | None, config_path: str | None, account: str | None, lang: str | None) -> Opening:
    """The language, --now, the project with its readable drafts, and --account checked (None: all)."""
    language = choose_lang(lang)
    moment = parse_now(now)
    config, drafts = readable_project(config_path, Path.cwd())
    check_account(config, account)
    return Opening(language, moment, config, drafts)
