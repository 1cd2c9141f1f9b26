"""The values that flow from the rules to the reporters."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any, NamedTuple


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class LocalText(NamedTuple):
    """One piece of user-facing text in both languages."""

    ja: str
    en: str

    def get(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en

    def format(self, args: Mapping[str, Any]) -> LocalText:
        return LocalText(
            self.ja.format_map(_Localised(args, "ja")),
            self.en.format_map(_Localised(args, "en")),
        )


class _Localised(dict):
    """Format arguments that may themselves be LocalText, rendered in one language."""

    def __init__(self, args: Mapping[str, Any], lang: str) -> None:
        super().__init__({k: v.get(lang) if isinstance(v, LocalText) else v for k, v in args.items()})


class Position(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based, in code points

    @classmethod
    def start(cls) -> Position:
        return cls(1, 1)


FILE_FIELDS = ("image", "video")  # a draft's fields that name a file beside it
IMAGE_KINDS = ("timeline", "icon", "top", "info")  # what an image is for: `image fit --as`, `image check --as`

# The file format's vocabularies, named once here: schemas/ is their source of truth and
# tests/test_vocabulary.py keeps these equal to its enums.
DRAFT_SUFFIXES = (".yaml", ".yml", ".json", ".md", ".markdown")  # the files discovery reads as drafts
DRAFT, READY, SUBMITTED, PUBLISHED, CANCELLED = "draft", "ready", "submitted", "published", "cancelled"
STATUSES = (DRAFT, READY, SUBMITTED, PUBLISHED, CANCELLED)  # a draft's lifecycle, in order
SCHEDULED = STATUSES[:3]  # still to go out at publish_at: checked against the calendar, exported
# not yet set up on the admin screen: submit records them, the calendar shows their deadlines
UNSUBMITTED = STATUSES[:2]
SET_UP = STATUSES[2:4]  # set up on the admin screen (submitted) or out already (published)
PLANS = ("free", "paid")  # an account's plan
OWN = "own"
SOURCES = (OWN, "ugc", "influencer", "collaboration")  # whose content a post is (absent: own)
GENERAL = "general"
# an account's (or a draft's) product category: which expression lists load (general or none: none)
CATEGORIES = ("cosmetics", "quasi_drug", "health_food", "food", GENERAL)


class Finding(NamedTuple):
    path: str  # relative POSIX path from the project root
    line: int
    column: int
    code: str
    name: str
    severity: Severity
    text: LocalText
    field: str | None = None
    other: tuple[str, ...] = ()  # other drafts a cross-draft finding is about
    accepted: str | None = None  # the reason of the draft's `allow` entry that accepts it (content rules)
    end: Position | None = None  # just after what the finding is about (exclusive); None: a point, at line:column

    def message(self, lang: str) -> str:
        return self.text.get(lang)

    @property
    def end_position(self) -> Position:
        """Where the finding's range ends (exclusive, like SARIF's endColumn); its start for a point."""
        return self.end or Position(self.line, self.column)

    def sort_key(self) -> tuple[str, int, str, int, str]:
        return (self.path, self.line, self.code, self.column, self.text.en)


class Crash(NamedTuple):
    """A rule that raised on one file: the other files' findings stand, the run exits 3."""

    code: str
    path: str
    error: str  # repr of the exception


class Report(NamedTuple):
    findings: tuple[Finding, ...]
    files: int  # drafts (and config files) checked
    root: str = ""  # the project folder, for reporters that want absolute paths
    rules: tuple[Any, ...] = ()  # the rules that ran (for SARIF)
    crashes: tuple[Crash, ...] = ()  # rules that failed on a draft: bugs in pasha, reported apart

    @property
    def errors(self) -> int:
        """Errors that count: an accepted finding is shown, and counted apart."""
        return sum(1 for f in self.findings if f.severity is Severity.ERROR and f.accepted is None)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING and f.accepted is None)

    @property
    def accepted(self) -> int:
        return sum(1 for f in self.findings if f.accepted is not None)

    def exit_code(self, strict: bool) -> int:
        if self.crashes:
            return 3  # a bug in pasha outranks any finding: the report may be missing some
        if self.errors or (strict and self.warnings):
            return 1
        return 0
