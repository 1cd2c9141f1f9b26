"""The project a planning command works on: its config and readable drafts, the account it names."""

from __future__ import annotations

from pathlib import Path

from pasha_cli.engine import load_project
from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import t
from pasha_cli.project.config import Config, load_config, locate_config
from pasha_cli.project.drafts import Draft


def readable_project(config_path: str | None, cwd: Path) -> tuple[Config, list[Draft]]:
    """The project's config and its readable drafts (validate says what the others lack)."""
    config = load_config(locate_config(config_path, [], cwd))
    return config, [d for d in load_project(config) if isinstance(d, Draft)]


def check_account(config: Config, account: str | None) -> None:
    """Refuse (exit 2) an account the config does not define; None: every account."""
    if account is not None and account not in config.accounts:
        raise PashaUsageError(t("new-unknown-account", account=account, known=", ".join(sorted(config.accounts))))
