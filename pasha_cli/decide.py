"""The engine's decision, shared by every command that reports findings: which rules run
(--select, --ignore, `[severity] CODE = "off"`), what severity a rule's hit is reported at, and the
exit code (--strict).

`pasha validate` (engine.py) and `pasha image check` (check_images, its whole run) both turn hits
into findings here, so the two cannot disagree. Of the rule families this module imports only the
images' per-image checks, and no YAML and no third-party library: image check loads no engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import t
from pasha_cli.image.inspect import ImageInfo, inspect_image
from pasha_cli.model import Finding, Position, Report, Severity
from pasha_cli.project.spec import spec_of
from pasha_cli.rules.base import Rule
from pasha_cli.rules.images import PER_IMAGE_RULES, image_findings

if TYPE_CHECKING:
    from pasha_cli.project.config import Config


def match_rules(tokens: Iterable[str], option: str, rules: tuple[Rule, ...]) -> set[str]:
    """Codes named by a comma-separated list of codes, code prefixes (PSH2) or rule names."""
    codes: set[str] = set()
    for token in (part.strip() for item in tokens for part in item.split(",")):
        if not token:
            continue
        matched = {r.code for r in rules if r.code.startswith(token.upper()) or r.name == token.lower()}
        if not matched:
            raise PashaUsageError(t("bad-codes", option=option, value=token))
        codes |= matched
    return codes


class Choice(NamedTuple):
    """The codes --select names (None: every rule) and those --ignore names."""

    select: set[str] | None
    ignore: set[str]


def choice(select: tuple[str, ...], ignore: tuple[str, ...], rules: tuple[Rule, ...]) -> Choice:
    """--select and --ignore as codes of `rules`; a token that names none is exit 2."""
    return Choice(
        match_rules(select, "--select", rules) if select else None,
        match_rules(ignore, "--ignore", rules) if ignore else set(),
    )


def exit_code(findings: Iterable[Finding], strict: bool) -> int:
    """0 clean, 1 an error (or, with --strict, a warning): as a validate report's."""
    return Report(tuple(findings), 0).exit_code(strict)


def selected_rules(
    rules: tuple[Rule, ...], overrides: Mapping[str, str], select: set[str] | None, ignore: set[str] | frozenset[str]
) -> tuple[Rule, ...]:
    """The rules that run, in their order: selected, not ignored, not turned off by the config."""
    return tuple(
        rule
        for rule in rules
        if (select is None or rule.code in select) and rule.code not in ignore and overrides.get(rule.code) != "off"
    )


def severity_of(rule: Rule, overrides: Mapping[str, str]) -> Severity:
    """The config's `[severity]` table, else the rule's own default."""
    override = overrides.get(rule.code)
    return Severity(override) if override in ("error", "warning") else rule.severity


def finding(
    rule: Rule,
    overrides: Mapping[str, str],
    path: str,
    position: Position,
    args: Mapping[str, Any],
    message: str = "default",
    field: str | None = None,
    other: tuple[str, ...] = (),
    end: Position | None = None,
) -> Finding:
    """A rule's hit, placed at `path` from `position` to `end`, as the finding every reporter shows."""
    text = rule.messages[message].format(args)
    severity = severity_of(rule, overrides)
    return Finding(path, position.line, position.column, rule.code, rule.name, severity, text, field, other, None, end)


class CheckedImage(NamedTuple):
    path: Path
    info: ImageInfo
    findings: tuple[Finding, ...]


class CheckedImages(NamedTuple):
    """`pasha image check` done: each image with what was measured and found, and the exit code."""

    images: list[CheckedImage]
    exit_code: int


def check_images(
    paths: tuple[Path, ...],
    kind: str,
    config: Config | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
) -> CheckedImages:
    """`pasha image check`: what `pasha validate` says about each image used as `kind` (in a project,
    with its config's severities; outside one, with the rules' own), decided as validate decides."""
    chosen = choice(select, ignore, PER_IMAGE_RULES)
    for path in paths:
        if not path.exists():  # a FIFO or a device is PSH208, said by the guard
            raise PashaUsageError(t("path-missing", path=str(path)))
    overrides = config.severity if config is not None else {}
    spec = spec_of(config)
    rules = {rule.code: rule for rule in selected_rules(PER_IMAGE_RULES, overrides, chosen.select, chosen.ignore)}
    checked = []
    for path in paths:
        info = inspect_image(path, spec.image_max_pixels)
        found = tuple(
            finding(rules[code], overrides, str(path), Position.start(), args)
            for code, args in image_findings(kind, info, spec)
            if code in rules
        )
        checked.append(CheckedImage(path, info, found))
    return CheckedImages(checked, exit_code((f for image in checked for f in image.findings), strict))
