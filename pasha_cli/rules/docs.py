"""`pasha rules [CODE]`: the rule table, or one rule's explanation, from the rules' own fields."""

from __future__ import annotations

from pasha_cli.columns import align
from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import t
from pasha_cli.rules import ALL_RULES, RULES_BY_CODE
from pasha_cli.rules.base import Rule


def find(code: str) -> Rule | None:
    """The rule with this code or name."""
    return RULES_BY_CODE.get(code.upper()) or next((r for r in ALL_RULES if r.name == code.lower()), None)


def render_text(code: str | None, lang: str) -> str:
    """One rule explained; with no code, or a prefix such as PSH2, the table of the rules it names."""
    found = None if code is None else find(code)
    if found is not None:
        head = f"{found.code} {found.name} ({t('rules-default').get(lang)}: {found.severity.value})"
        return f"{head}\n\n{found.explanation(lang)}\n"
    listed = [r for r in ALL_RULES if code is None or r.code.startswith(code.upper())]
    if not listed:
        raise PashaUsageError(t("unknown-rule", code=code))
    head_row = [t(f"rules-col-{column}").get(lang) for column in ("code", "default", "name")]
    rows = [[r.code, r.severity.value, f"{r.name} — {r.summary.get(lang)}"] for r in listed]
    table = "\n".join(align([head_row, *rows], minimum=(8, 8))) + "\n"  # 8: the columns as wide as they always were
    if any(r.code.startswith("PSH6") for r in listed):  # said wherever the content rules are listed
        table += "\n" + t("rules-content-note").get(lang) + "\n"
    return table
