"""Find and load the project config: pasha.toml, or [tool.pasha] in pyproject.toml.

Precedence (documented in the README): command-line options > PASHA_* environment >
project config > the shipped spec data. Every problem here is a ConfigError (exit 2)
whose message names the file, the line and the key.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath, PureWindowsPath
from time import monotonic
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from pasha_cli.errors import ConfigError
from pasha_cli.i18n import t
from pasha_cli.jpcalendar import (
    WEEKDAY_CODES,
    BusinessCalendar,
    MaintenanceSchedule,
    Origin,
    RecurringWindow,
    RuleError,
    UsualSlot,
    Window,
    known_until,
    setup_deadline,
)
from pasha_cli.model import DRAFT_SUFFIXES, LocalText, Position
from pasha_cli.project.locate import PYPROJECT, find_config, parse_toml, present, read_config, resolve_inside, shown
from pasha_cli.project.schema_check import problems, save_known_valid
from pasha_cli.project.sourcemap import toml_line
from pasha_cli.project.spec import Spec, load_spec
from pasha_cli.project.terms import (
    CHECK_SECONDS,
    DEFAULT_CAMPAIGN_LEAD_DAYS,
    DEFAULT_MAX_AGE_MONTHS,
    MAX_PROJECT_TERMS,
    ContentSettings,
    Term,
    TermError,
    read_project_terms,
    shipped_category_terms,
    shipped_terms,
)
from pasha_cli.timeutil import (
    DateError,
    parse_date,
    parse_datetime,
    parse_duration,
    parse_time_of_day,
    to_jst,
)
from pasha_cli.urls import normalise_domain

if TYPE_CHECKING:
    from pasha_cli.project.dictionaries import WordingRule

DEFAULT_DRAFTS = ("posts/**/*.yaml", "posts/**/*.yml", "posts/**/*.json", "posts/**/*.md")
MAX_MAINTENANCE = 1_000  # [[maintenance]] entries
KNOWN_UNTIL = "maintenance_known_until"  # the config key: the last day whose maintenance is known
MAX_RECURRING = 10  # of which recurrences (each may walk up to 48 years of its calendar once)


class Account(NamedTuple):
    id: str
    name: str
    plan: str  # one of model.PLANS
    link_domains: tuple[str, ...] = ()
    cross_brand: bool = False
    icon: str | None = None
    top_image: str | None = None
    info_images: tuple[str, ...] = ()
    category: str | None = None  # one of model.CATEGORIES; None: not declared
    dictionaries: tuple[str, ...] = ()  # the account's own, after the project's

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
    content: ContentSettings = ContentSettings()
    # a digest of all the config was made from: its text and the files it reads (the term files);
    # findings kept between runs are kept under it (pasha_cli/kept.py)
    inputs: str = ""
    # the brand dictionaries' rules by account id (None: a draft of no account with its own)
    wording: Mapping[str | None, Sequence[WordingRule]] = MappingProxyType({})

    def wording_rules(self, account_id: str | None) -> Sequence[WordingRule]:
        """The dictionary rules a draft of this account is checked with (PSH120)."""
        return self.wording.get(account_id, self.wording.get(None, ()))

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


def locate_config(explicit: str | None, starts: list[Path], cwd: Path) -> Path:
    if explicit:
        path = Path(explicit)
        if not present(path):
            raise ConfigError(t("config-not-found", path=explicit))
        read_config(path)  # a folder, a dangling link, no permission: said here, before resolving
        return path.resolve()
    for start in [*starts, cwd]:
        found = find_config(start.resolve() if start.exists() else cwd)
        if found:
            return found.resolve()
    raise ConfigError(t("no-project", start=str(starts[0] if starts else cwd)))


def load_config(path: Path, text: str | None = None) -> Config:
    """The config in `path` (or, from `pasha init`, the `text` about to be written there)."""
    display = shown(path)
    text = read_config(path) if text is None else text
    document: Any = parse_toml(text, display)
    prefix: tuple[str, ...] = ()
    if path.name == PYPROJECT:
        prefix = ("tool", "pasha")
        tool = document.get("tool")
        document = tool.get("pasha") if isinstance(tool, dict) else None
        if not isinstance(document, dict):
            raise ConfigError(t("config-no-table", path=display))
    raw = _texts(document)
    _validate(raw, display, text, prefix)
    _check_patterns(raw.get("drafts", []), display, text, prefix, path.parent)
    return _build(path, display, text, prefix, raw)


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
    found = problems("config.schema.json", raw)
    save_known_valid()  # a valid config is remembered: the next run needs no jsonschema for it
    if found:
        located = [(toml_line(text, _keys(p.pointer), prefix), p) for p in found]
        line, first = min(located, key=lambda pair: pair[0])  # the first problem in the file
        raise ConfigError(t("config-invalid", path=display, line=line, message=first.text))


def _keys(json_pointer: str) -> tuple[str | int, ...]:
    return tuple(int(p) if p.isdigit() else p for p in json_pointer.strip("/").split("/") if p)


def _check_patterns(patterns: list[str], display: str, text: str, prefix: tuple[str, ...], base: Path) -> None:
    """Draft patterns name draft files inside the project, in the one glob syntax pasha reads."""
    for index, pattern in enumerate(patterns):
        why = pattern_problem(pattern, base)
        if why is not None:
            line = pattern_line(text, prefix, index, pattern)
            raise ConfigError(t("config-invalid", path=display, line=line, message=why))


_GLOB = set("*?[")


def pattern_problem(pattern: str, base: Path | None = None) -> LocalText | None:
    """Why a `drafts` pattern cannot be used (None: it can). Patterns are pathlib globs relative to
    the project: `*`, `?`, `[...]` within a name, `**` for any depth of folders; nothing else."""

    def unusable(key: str, **args: Any) -> LocalText:
        return t("config-pattern-unusable", pattern=pattern, reason=t(key, **args))

    if pattern != pattern.strip():
        return unusable("pattern-space")
    if "\\" in pattern or any(ord(ch) < 32 or ord(ch) == 127 for ch in pattern):
        return unusable("pattern-char")
    posix = PurePosixPath(pattern)
    if posix.is_absolute() or PureWindowsPath(pattern).drive or ".." in posix.parts:
        return t("config-pattern", pattern=pattern)
    if pattern.startswith("~"):
        return unusable("pattern-home")
    if "{" in pattern or "}" in pattern:
        return unusable("pattern-braces")
    if any("**" in part and part != "**" for part in posix.parts):
        return unusable("pattern-globstar")
    name = posix.name
    if pattern.endswith("/") or not posix.parts or name == "**":
        return unusable("pattern-folder")
    if not _GLOB & set(name):
        suffix = PurePosixPath(name).suffix.lower()
        if suffix not in DRAFT_SUFFIXES:
            return (
                unusable("pattern-folder")
                if not suffix
                else unusable("pattern-suffix", suffix=suffix, suffixes=", ".join(DRAFT_SUFFIXES))
            )
        if base is not None and not _GLOB & set(pattern) and _is_dir(base / pattern):
            return unusable("pattern-folder")
    elif "." in name and not _GLOB & set(name.rsplit(".", 1)[1]):
        suffix = "." + name.rsplit(".", 1)[1].lower()
        if suffix not in DRAFT_SUFFIXES:
            return unusable("pattern-suffix", suffix=suffix, suffixes=", ".join(DRAFT_SUFFIXES))
    return None


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long for the file system: not a folder of drafts either
        return False


def pattern_line(text: str, prefix: tuple[str, ...], index: int, pattern: str) -> int:
    """The line of drafts[index]: the first line from `drafts =` on that holds the pattern as written."""
    first = toml_line(text, ("drafts",), prefix)
    written = {f'"{json.dumps(pattern, ensure_ascii=False)[1:-1]}"', f"'{pattern}'"}
    lines = text.splitlines()
    for number in range(first, min(len(lines), first + 1000) + 1):
        if any(form in lines[number - 1] for form in written):
            return number
    return first


def _build(path: Path, display: str, text: str, prefix: tuple[str, ...], raw: dict[str, Any]) -> Config:
    overrides = dict(raw.get("spec", {}))
    if "rakuten_domains" in overrides:
        overrides["rakuten_domains"] = _domains(
            overrides["rakuten_domains"], display, text, prefix, ("spec", "rakuten_domains")
        )
    for key in ("lead_business_days", "closure_days", "deadline_time"):
        if key in raw:
            overrides[key] = raw[key]
    spec = load_spec().with_overrides(overrides)
    accounts = {
        account_id: Account(
            id=account_id,
            name=value.get("name", account_id),
            plan=value["plan"],
            link_domains=_domains(
                value.get("link_domains", ()), display, text, prefix, ("accounts", account_id, "link_domains")
            ),
            cross_brand=value.get("cross_brand", False),
            icon=value.get("icon"),
            top_image=value.get("top_image"),
            info_images=tuple(value.get("info_images", ())),
            category=value.get("category"),
            dictionaries=tuple(value.get("dictionaries", ())),
        )
        for account_id, value in raw["accounts"].items()
    }
    calendar = BusinessCalendar.from_month_days(spec.closure_days)
    windows: list[Window | RecurringWindow] = []
    origins: list[Origin] = []
    shipped = raw.get("use_default_maintenance", True)
    if shipped:
        windows.extend(Window(to_jst(s), to_jst(e)) for s, e in spec.maintenance)
        origins.extend(Origin(spec_version=spec.version) for _ in spec.maintenance)
    entries = raw.get("maintenance", ())
    _check_maintenance_count(entries, display, text, prefix)
    for index, entry in enumerate(entries):
        windows.append(_window(entry, display, text, (*prefix, "maintenance", index)))
        origins.append(Origin(entry=index))
    declared = _known_until(raw, display, text, prefix)
    schedule = MaintenanceSchedule(
        tuple(windows),
        known_until(declared, spec.maintenance_known_until if shipped else None, tuple(windows)),
        usual_slot(spec),
        tuple(origins),
    )
    read = [text.encode("utf-8", "surrogatepass")]
    content = _content(raw, path.parent, display, text, prefix, read)
    return Config(
        path=path,
        root=path.parent.resolve(),
        text=text,
        prefix=prefix,
        drafts=tuple(raw.get("drafts", DEFAULT_DRAFTS)),
        accounts=accounts,
        spec=spec,
        calendar=calendar,
        maintenance=schedule,
        severity=dict(raw.get("severity", {})),
        default_publish_time=parse_time_of_day(raw.get("default_publish_time", "10:00")),
        content=content,
        inputs=_digest(read),
        wording=_wording(raw, accounts, path.parent, display, text, prefix),
    )


def _digest(parts: list[bytes]) -> str:
    """One digest of several texts, each counted (no two lists of texts give the same bytes)."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(str(len(part)).encode() + b":")
        digest.update(part)
    return digest.hexdigest()


def _wording(
    raw: dict[str, Any], accounts: dict[str, Account], base: Path, display: str, text: str, prefix: tuple[str, ...]
) -> Mapping[str | None, Sequence[WordingRule]]:
    """`dictionaries` and each account's: read, translated and their specs run here (or taken from the
    user cache), so that a bad dictionary is exit 2 naming the key, the file and its line."""
    Entries = list[tuple[str, tuple[str | int, ...]]]
    shared: Entries = [(name, ("dictionaries", i)) for i, name in enumerate(raw.get("dictionaries", ()))]
    lists: dict[str | None, Entries] = {None: shared} if shared else {}
    for account in accounts.values():
        own: Entries = [
            (name, ("accounts", account.id, "dictionaries", i)) for i, name in enumerate(account.dictionaries)
        ]
        if own:
            lists[account.id] = shared + own
    if not lists:
        return MappingProxyType({})
    from pasha_cli.project.dictionaries import DictionaryError, load

    root = base.resolve()

    def refuse(keys: tuple[str | int, ...], file: str, line: int, why: LocalText) -> ConfigError:
        message = t("config-dictionary", key=".".join(str(k) for k in keys), file=file, line=line, why=why)
        return ConfigError(t("config-invalid", path=display, line=toml_line(text, keys, prefix), message=message))

    found: dict[str | None, Sequence[WordingRule]] = {}
    for owner, entries in lists.items():
        names = []
        for name, keys in entries:
            resolved, _ = resolve_inside(base, name, root)
            if resolved is None:
                message = t("config-dictionary-path", key=".".join(str(k) for k in keys), file=name)
                line = toml_line(text, keys, prefix)
                raise ConfigError(t("config-invalid", path=display, line=line, message=message))
            names.append(resolved.relative_to(root).as_posix())
        try:
            found[owner] = load(root, names)
        except DictionaryError as exc:
            raise refuse(entries[exc.entry][1], exc.file, exc.line, exc.reason) from None
    return MappingProxyType(found)


MAX_TERM_FILE_BYTES = 1_000_000


def _content(
    raw: dict[str, Any], base: Path, display: str, text: str, prefix: tuple[str, ...], read: list[bytes]
) -> ContentSettings:
    """`[content]` and `[[evidence]]`. A project's term files are read, compiled and their examples run
    here, so that a bad one is exit 2 naming the file (and `regex` is imported only by projects that
    have one); each one's bytes are added to `read`."""
    table = raw.get("content", {})
    project: list[Term] = []
    deadline = monotonic() + CHECK_SECONDS
    for index, name in enumerate(table.get("terms", ())):
        keys: tuple[str | int, ...] = ("content", "terms", index)

        def refuse(why: LocalText, keys: tuple[str | int, ...] = keys, name: str = name) -> ConfigError:
            message = t("config-terms", key=".".join(str(k) for k in keys), file=name, why=why)
            return ConfigError(t("config-invalid", path=display, line=toml_line(text, keys, prefix), message=message))

        resolved, _ = resolve_inside(base, name, base.resolve())
        if resolved is None:
            raise refuse(t("config-terms-path"))
        try:
            with open(resolved, "rb") as handle:
                data = handle.read(MAX_TERM_FILE_BYTES + 1)
            body = data.decode("utf-8")
            read.append(data)
        except (OSError, UnicodeDecodeError) as exc:
            raise refuse(LocalText(str(exc), str(exc))) from None
        if len(data) > MAX_TERM_FILE_BYTES:
            raise refuse(t("config-terms-big", limit=MAX_TERM_FILE_BYTES))
        try:
            project += read_project_terms(body, name, deadline)
        except TermError as exc:
            raise refuse(exc.reason) from None
        if len(project) > MAX_PROJECT_TERMS:
            raise refuse(t("config-terms-many", count=len(project), limit=MAX_PROJECT_TERMS))
    disabled = table.get("disable", ())
    known = {term.id for term in (*shipped_terms(), *shipped_category_terms(), *project)} if disabled else set()
    for index, term_id in enumerate(disabled):
        if term_id not in known:
            keys = ("content", "disable", index)
            message = t("config-terms-disable", key=".".join(str(k) for k in keys), id=term_id)
            raise ConfigError(t("config-invalid", path=display, line=toml_line(text, keys, prefix), message=message))
    return ContentSettings(
        project_terms=tuple(project),
        disabled=frozenset(disabled),
        max_age_months=table.get("evidence_max_age_months", DEFAULT_MAX_AGE_MONTHS),
        evidence=tuple(raw.get("evidence", ())),
        campaign_lead_days=table.get("campaign_lead_days", DEFAULT_CAMPAIGN_LEAD_DAYS),
    )


def usual_slot(spec: Spec) -> UsualSlot:
    """The spec's usual maintenance slot (shipped data: its values are the package's own)."""
    return UsualSlot(
        WEEKDAY_CODES.index(spec.maintenance_usual_day),
        parse_time_of_day(spec.maintenance_usual_start),
        parse_time_of_day(spec.maintenance_usual_end),
    )


def _known_until(raw: dict[str, Any], display: str, text: str, prefix: tuple[str, ...]) -> date | None:
    """`maintenance_known_until` as the project writes it (the schema took its YYYY-MM-DD form)."""
    value = raw.get(KNOWN_UNTIL)
    if value is None:
        return None
    try:
        return parse_date(value)
    except DateError as exc:
        line = toml_line(text, (*prefix, KNOWN_UNTIL))
        message = t("config-bad-date", key=KNOWN_UNTIL, value=value, reason=exc.why)
        raise ConfigError(t("config-invalid", path=display, line=line, message=message)) from None


def _domains(
    entries: list[str], display: str, text: str, prefix: tuple[str, ...], keys: tuple[str, ...]
) -> tuple[str, ...]:
    """Domains as a link's host reads them (IDNA, lower case): 例え.jp and xn--r8jz45g.jp are one."""
    found = []
    for index, entry in enumerate(entries):
        domain = normalise_domain(entry)
        if isinstance(domain, LocalText):
            where: tuple[str | int, ...] = (*keys, index)
            raise ConfigError(
                t(
                    "config-invalid",
                    path=display,
                    line=toml_line(text, where, prefix),
                    message=t("config-link-domain", key=".".join(str(k) for k in where), entry=entry, why=domain),
                )
            )
        found.append(domain)
    return tuple(found)


def _check_maintenance_count(entries: list[dict[str, Any]], display: str, text: str, prefix: tuple[str, ...]) -> None:
    """Every window is weighed against every publication time, and a recurrence may walk its calendar once."""
    recurring = [i for i, entry in enumerate(entries) if "rrule" in entry]
    for indexes, limit, kind in (
        (range(len(entries)), MAX_MAINTENANCE, "all"),
        (recurring, MAX_RECURRING, "recurring"),
    ):
        if len(indexes) > limit:  # the line of the first one too many
            raise ConfigError(
                t(
                    "config-maintenance-many",
                    path=display,
                    count=len(indexes),
                    limit=limit,
                    line=toml_line(text, (*prefix, "maintenance", indexes[limit])),
                    kind=t(f"config-maintenance-{kind}"),
                )
            )


def _window(entry: dict[str, Any], display: str, text: str, keys: tuple[str | int, ...]) -> Window | RecurringWindow:
    def refuse(key: str, reason: LocalText) -> ConfigError:
        dotted = ".".join(str(k) for k in (*keys, key)[len(keys) - 2 :])  # maintenance.0.rrule
        return ConfigError(
            t("config-maintenance", path=display, line=toml_line(text, (*keys, key)), key=dotted, reason=reason)
        )

    moments = {}
    for key in ("start", "end"):
        if key in entry:
            try:
                moments[key] = to_jst(parse_datetime(entry[key]))
            except (DateError, OverflowError) as exc:  # the schema took it; a year 1 with an offset may not fit
                reason = exc.why if isinstance(exc, DateError) else str(exc)
                raise refuse(key, t("config-bad-datetime", value=entry[key], reason=reason)) from None
    start = moments.get("start")
    if "end" in entry and start is not None:
        if moments["end"] <= start:
            raise ConfigError(
                t(
                    "config-window-order",
                    path=display,
                    line=toml_line(text, keys),
                    start=entry["start"],
                    end=entry["end"],
                )
            )
        return Window(start, moments["end"])
    try:
        duration = parse_duration(entry["duration"])
    except (ValueError, OverflowError):
        raise refuse("duration", t("config-bad-duration", value=entry["duration"])) from None
    try:
        return RecurringWindow.parse(entry["rrule"], start, duration)
    except RuleError as exc:
        at_start = exc.key == "rrule-start" and "start" in entry  # else the DTSTART line's
        raise refuse(
            "duration" if exc.key == "rrule-duration" else "start" if at_start else "rrule", exc.text
        ) from None
