"""The JSON Schemas in schemas/ (the single source of truth for the file formats), used at run time.

jsonschema is imported here only, on first use: `pasha rules` and `pasha deadline` never pay for it.
Validation errors become :class:`Problem` values with Japanese and English messages.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pasha_cli import __version__
from pasha_cli.cache import JsonStore, cache_dir, library_version, project_name
from pasha_cli.i18n import t
from pasha_cli.model import LocalText
from pasha_cli.project.sourcemap import pointer
from pasha_cli.timeutil import FORMATS_HELP, DateError, parse_datetime

if TYPE_CHECKING:  # jsonschema is imported where a validator is built
    from jsonschema import Draft202012Validator

DATETIME_FORMAT = "pasha-datetime"


def schema_path(name: str) -> Path:
    """The installed copy (pasha_cli/schemas in the wheel) or, in a source checkout, schemas/."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "schemas" / name
    return packaged if packaged.is_file() else package.parent / "schemas" / name


@cache
def load_schema(name: str) -> dict[str, Any]:
    return json.loads(schema_path(name).read_text("utf-8"))


@cache
def _salt(name: str) -> bytes:
    versions = f"{__version__}|{library_version('jsonschema', 'jsonschema')}|{name}|".encode()
    return versions + hashlib.blake2b(schema_path(name).read_bytes(), digest_size=16).digest()


def _fingerprint(name: str, instance: Any) -> str | None:
    try:
        text = json.dumps(instance, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):  # not plain data: validate every time
        return None
    return hashlib.blake2b(_salt(name) + text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


KNOWN_VALID_LIMIT = 200_000  # instances: a 50,000-draft project and its edits (about 50 bytes each on disk)
_KNOWN_VALID: dict[tuple[Path, Path | None], JsonStore] = {}  # per cache folder (tests: each its own) and project


def _known_valid(root: Path | None) -> JsonStore:
    key = (cache_dir(), root)
    if key not in _KNOWN_VALID:
        _KNOWN_VALID[key] = JsonStore(project_name("valid", root, "v1"), limit=KNOWN_VALID_LIMIT)
    return _KNOWN_VALID[key]


def save_known_valid() -> None:
    for store in _KNOWN_VALID.values():
        store.save()


@cache
def _validator(name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    checker = FormatChecker(formats=())
    checker.checks(DATETIME_FORMAT, raises=DateError)(
        lambda value: not isinstance(value, str) or bool(parse_datetime(value))
    )
    return Draft202012Validator(load_schema(name), format_checker=checker)


class Problem(NamedTuple):
    pointer: str  # where: the field it is about
    at_key: bool  # True: point at the key (unknown or parent of a missing field); False: at the value
    field: str  # dotted name for messages and the finding's field
    text: LocalText


def problems(name: str, instance: Any, root: Path | None = None) -> list[Problem]:
    """Every schema violation in `instance`, one problem per field, in document order.

    An instance found valid before (same schema, pasha and jsonschema, same content) is known
    valid from the user cache: a pre-commit run after `pasha validate`, or `pasha image fit` in a
    project, then never imports jsonschema. `root`: the project's, whose store keeps its drafts
    (None: the store shared by configs). Call save_known_valid() once at the end of a run.
    """
    key = _fingerprint(name, instance)
    if key is not None and _known_valid(root).get(key):
        return []
    found = [p for error in _validator(name).iter_errors(instance) for p in _explain(error, name)]
    if not found and key is not None:
        _known_valid(root).put(key, 1)
    unique: dict[tuple[str, str], Problem] = {}
    for p in found:
        unique.setdefault((p.pointer, p.text.en), p)
    return sorted(unique.values(), key=lambda p: p.pointer)


def _dotted(parts: list[Any]) -> str:
    return ".".join(str(p) for p in parts) or "(top level)"


def _explain(error: Any, schema_name: str) -> Iterator[Problem]:
    path = list(error.absolute_path)
    field = _dotted(path)
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else str(error.validator_value)
        yield Problem(pointer(path), True, _dotted([*path, missing]), t("schema-required", field=missing))
    elif kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for extra in sorted(k for k in error.instance if k not in error.schema.get("properties", {})):
            close = close_matches(str(extra), allowed, n=1, cutoff=0.6)
            text = (
                t("schema-unknown-close", field=extra, close=close[0])
                if close
                else t("schema-unknown", field=extra, allowed=", ".join(allowed))
            )
            yield Problem(pointer([*path, extra]), True, _dotted([*path, extra]), text)
    elif kind == "propertyNames":
        yield Problem(pointer(path), True, field, t("schema-name", field=field, detail=error.message))
    elif kind == "type":
        expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        text = t("schema-type", field=field, type=t(f"type-{expected}"), value=error.instance)
        yield Problem(pointer(path), False, field, text)
    elif kind == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        yield Problem(pointer(path), False, field, t("schema-enum", field=field, value=error.instance, choices=choices))
    elif kind == "format" and isinstance(error.cause, DateError):
        text = t("schema-datetime", field=field, value=error.instance, reason=error.cause.why, formats=FORMATS_HELP)
        yield Problem(pointer(path), False, field, text)
    elif kind in ("minLength", "minItems", "minProperties"):
        yield Problem(pointer(path), False, field, t("schema-empty", field=field))
    elif kind == "pattern":
        text = t("schema-pattern", field=field, value=error.instance, pattern=error.validator_value)
        yield Problem(pointer(path), False, field, text)
    elif kind in ("oneOf", "anyOf") and schema_name == "config.schema.json" and path and path[0] == "maintenance":
        yield Problem(pointer(path), True, field, t("schema-maintenance", field=field))
    else:
        yield Problem(pointer(path), False, field, t("schema-other", field=field, detail=error.message))


def close_matches(word: str, choices: list[str], n: int, cutoff: float) -> list[str]:
    import difflib  # only when there is something to suggest

    return difflib.get_close_matches(word, choices, n=n, cutoff=cutoff)
