"""`pasha rules [CODE]`: list the rules, or explain one."""

from __future__ import annotations

import click

from pasha_cli.commands.common import lang_option
from pasha_cli.i18n import choose_lang
from pasha_cli.rules import docs


@click.command()
@click.argument("code", required=False)
@lang_option
def rules(code: str | None, lang: str | None) -> int:
    click.echo(docs.render_text(code, choose_lang(lang)), nl=False)
    return 0
