"""Find and load the project config: pasha.toml, or [tool.pasha] in pyproject.toml.

Precedence (documented in the README): command-line options > PASHA_* environment >
project config > the shipped spec data. Every problem here is a ConfigError (exit 2)
whose message names the file, the line and the key.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, NamedTuple

from pasha_cli.errors import ConfigError
from pasha_cli.i18n import t
from pasha_cli.jpcalendar import BusinessCalendar, MaintenanceSchedule, RecurringWindow, Window
from pasha_cli.model import LocalText, Position
from pasha_cli.projectfile import PYPROJECT, find_config
from pasha_cli.sourcemap import toml_line
from pasha_cli.spec import Spec, load_spec
from pasha_cli.timeutil import parse_datetime, parse_duration, parse_time_of_day, to_jst

DEFAULT_DRAFTS = ("posts/**/*.yaml", "posts/**/*.yml", "posts/**/*.json", "posts/**/*.md")


class Account(NamedTuple):
    id: str
    name: str
    plan: str  # "free" | "paid"
    link_domains: tuple[str, ...] = ()
    cross_brand: bool = False
    icon: str | None = None
    top_image: str | None = None
    info_images: tuple[str, ...] = ()

    def image_refs(self) -> list[tuple[str, str, tuple[str | int, ...]]]:
        """(kind, path as written, config keys) for every account image."""
        refs: list[tuple[str, str, tuple[str | int, ...]]] = []
        if self.icon:
            refs.append(("icon", self.icon, ("accounts", self.id, "icon")))
        if self.top_image:
            refs.append(("top", self.top_image, ("accounts", self.id, "top_image")))
        refs += [("info", name, ("accounts", self.id, "info_images", i)) for i, name in enumerate(self.info_images)]
        return refs


class Config(NamedTuple):
    path: Path  # the config file (absolute)
    root: Path  # the project folder: the config file's folder (resolved)
    text: str
    prefix: tuple[str, ...]  # ("tool", "pasha") inside pyproject.toml
    drafts: tuple[str, ...]
    accounts: dict[str, Account]
    spec: Spec
    calendar: BusinessCalendar
    maintenance: MaintenanceSchedule
    severity: dict[str, str]
    default_publish_time: time

    @property
    def rel_path(self) -> str:
        return self.path.name

    def position(self, keys: tuple[str | int, ...]) -> Position:
        return Position(toml_line(self.text, keys, self.prefix), 1)

    def link_domains(self, account_id: str | None) -> tuple[str, ...]:
        """The domains a post of this account may link to: Rakuten's (spec data) and the brand's own."""
        account = self.accounts.get(account_id or "")
        return tuple(self.spec.rakuten_domains) + (account.link_domains if account else ())

    def deadline(self, day: date) -> datetime:
        """The set-up deadline for a post published on `day`, with this project's lead time and hour."""
        return setup_deadline(self.spec, self.calendar, day)


def setup_deadline(spec: Spec, calendar: BusinessCalendar, day: date) -> datetime:
    """The end (spec.deadline_time, JST) of the lead_business_days-th business day before `day`."""
    return calendar.deadline(day, spec.lead_business_days, parse_time_of_day(spec.deadline_time))


def locate_config(explicit: str | None, starts: list[Path], cwd: Path) -> Path:
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(t("config-not-found", path=explicit))
        return path.resolve()
    for start in [*starts, cwd]:
        found = find_config(start.resolve() if start.exists() else cwd)
        if found:
            return found.resolve()
    raise ConfigError(t("no-project", start=str(starts[0] if starts else cwd)))


def load_config(path: Path) -> Config:
    display = path.name
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(t("config-unreadable", path=display, reason=str(exc))) from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        raise ConfigError(t("config-toml", path=display, line=line, reason=str(exc))) from None
    prefix: tuple[str, ...] = ()
    if path.name == PYPROJECT:
        prefix = ("tool", "pasha")
        document = document.get("tool", {}).get("pasha")
        if not isinstance(document, dict):
            raise ConfigError(t("config-no-table", path=display))
    raw = _texts(document)
    _validate(raw, display, text, prefix)
    _check_patterns(raw.get("drafts", []), display, text, prefix)
    return _build(path, text, prefix, raw)


def _line_from_message(message: str) -> int:
    # tomllib: "... (at line 3, column 7)"
    marker = "at line "
    if marker in message:
        digits = message.split(marker, 1)[1].split(",", maxsplit=1)[0].split(")", maxsplit=1)[0]
        if digits.isdigit():
            return int(digits)
    return 1


def _texts(value: Any) -> Any:
    """TOML dates and times as text, so the schema and the one date parser see what a file says."""
    if isinstance(value, dict):
        return {k: _texts(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_texts(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat() if value.tzinfo else value.isoformat(timespec="seconds")
    if hasattr(value, "isoformat") and not isinstance(value, (int, float, str, bool)):
        return value.isoformat()  # a bare TOML date or time: the schema reports it as partial
    return value


def _validate(raw: dict[str, Any], display: str, text: str, prefix: tuple[str, ...]) -> None:
    from pasha_cli.schemas import problems, save_known_valid

    found = problems("config.schema.json", raw)
    save_known_valid()  # a valid config is remembered: the next run needs no jsonschema for it
    if found:
        located = [(toml_line(text, _keys(p.pointer), prefix), p) for p in found]
        line, first = min(located, key=lambda pair: pair[0])  # the first problem in the file
        raise ConfigError(t("config-invalid", path=display, line=line, message=first.text))


def _keys(json_pointer: str) -> tuple[str | int, ...]:
    return tuple(int(p) if p.isdigit() else p for p in json_pointer.strip("/").split("/") if p)


def _check_patterns(patterns: list[str], display: str, text: str, prefix: tuple[str, ...]) -> None:
    """Draft patterns name files inside the project: relative, and never through `..`."""
    from pathlib import PurePosixPath, PureWindowsPath

    for index, pattern in enumerate(patterns):
        posix = PurePosixPath(pattern.replace("\\", "/"))
        if posix.is_absolute() or PureWindowsPath(pattern).drive or ".." in posix.parts:
            raise ConfigError(t("config-invalid", path=display, line=toml_line(text, ("drafts", index), prefix),
                                message=t("config-pattern", pattern=pattern)))


def _build(path: Path, text: str, prefix: tuple[str, ...], raw: dict[str, Any]) -> Config:
    overrides = dict(raw.get("spec", {}))
    if "rakuten_domains" in overrides:
        overrides["rakuten_domains"] = _domains(overrides["rakuten_domains"], path.name, text, prefix,
                                                ("spec", "rakuten_domains"))
    for key in ("lead_business_days", "closure_days", "deadline_time"):
        if key in raw:
            overrides[key] = raw[key]
    spec = load_spec().with_overrides(overrides)
    accounts = {
        account_id: Account(
            id=account_id,
            name=value.get("name", account_id),
            plan=value["plan"],
            link_domains=_domains(value.get("link_domains", ()), path.name, text, prefix,
                                  ("accounts", account_id, "link_domains")),
            cross_brand=value.get("cross_brand", False),
            icon=value.get("icon"),
            top_image=value.get("top_image"),
            info_images=tuple(value.get("info_images", ())),
        )
        for account_id, value in raw["accounts"].items()
    }
    calendar = BusinessCalendar.from_month_days(spec.closure_days)
    windows: list[Window | RecurringWindow] = []
    if raw.get("use_default_maintenance", True):
        windows.extend(Window(to_jst(s), to_jst(e)) for s, e in spec.maintenance)
    for index, entry in enumerate(raw.get("maintenance", ())):
        windows.append(_window(entry, path.name, text, (*prefix, "maintenance", index)))
    return Config(
        path=path,
        root=path.parent.resolve(),
        text=text,
        prefix=prefix,
        drafts=tuple(raw.get("drafts", DEFAULT_DRAFTS)),
        accounts=accounts,
        spec=spec,
        calendar=calendar,
        maintenance=MaintenanceSchedule(tuple(windows)),
        severity=dict(raw.get("severity", {})),
        default_publish_time=parse_time_of_day(raw.get("default_publish_time", "10:00")),
    )


def _domains(entries: list[str], display: str, text: str, prefix: tuple[str, ...],
             keys: tuple[str, ...]) -> tuple[str, ...]:
    """Domains as a link's host reads them (IDNA, lower case): 例え.jp and xn--r8jz45g.jp are one."""
    from pasha_cli.urls import normalise_domain

    found = []
    for index, entry in enumerate(entries):
        domain = normalise_domain(entry)
        if isinstance(domain, LocalText):
            where: tuple[str | int, ...] = (*keys, index)
            raise ConfigError(t("config-invalid", path=display, line=toml_line(text, where, prefix), message=t(
                "config-link-domain", key=".".join(str(k) for k in where), entry=entry, why=domain)))
        found.append(domain)
    return tuple(found)


def _window(entry: dict[str, Any], display: str, text: str, keys: tuple[str | int, ...]) -> Window | RecurringWindow:
    line = toml_line(text, keys)
    start = parse_datetime(entry["start"])
    if "end" in entry:
        end = parse_datetime(entry["end"])
        if end <= start:
            raise ConfigError(t("config-window-order", path=display, line=line, start=entry["start"], end=entry["end"]))
        return Window(start, end)
    try:
        return RecurringWindow.parse(entry["rrule"], start, parse_duration(entry["duration"]))
    except ValueError as exc:
        raise ConfigError(t("config-rrule", path=display, line=line, reason=str(exc))) from None
