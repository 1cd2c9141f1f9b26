"""Term lists: wording in a body that needs a human's check (the content rules, PSH6xx).

The shipped list is dated data (data/terms-*.toml); a project adds files of its own (`[content] terms`)
and disables shipped entries by id (`[content] disable`); an entry of a project file replaces the
shipped one with its id. Matching is on the body's NFKC, case-folded form (ＮＯ．１ is no.1), with each
match mapped back to the characters of the body as written.

Reading a list is cheap (tomllib, stdlib), and its patterns are compiled once per run, on the first
body a content rule checks. The shipped patterns are compiled with the standard library's `re` (no
`regex` import on a plain run; the tests hold them to the same probes as a project's). A project's own
file is `regex`'s, compiled when the config is loaded, so that a pattern that cannot be compiled, that
fails its own examples or that takes too long on a hostile text is a config error (exit 2), never a
crash in the middle of a run; matching it is bounded by `regex`'s timeout as well.

Product-category lists (issue 15, item 6: PSH650-PSH653) are terms of the same kind with `categories`
(the product categories they apply to) and a rule of their own (CATEGORY_RULES), shipped in their own
dated file (data/categories-*.toml). That file is read only for a draft whose account, or the draft
itself, declares a category: a project without one reads and compiles none of it.
"""

from __future__ import annotations

import re
import string
import time
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from pasha_cli.i18n import t
from pasha_cli.model import LocalText

TERMS_VERSION = "2026-12"
CATEGORIES_VERSION = "2026-12"
# the category rules' terms, by rule: what each code is about (rules/categories.py)
CATEGORY_RULES = ("efficacy", "maximal", "medicinal", "function")
SHIPPED = "pasha"  # a term's origin when it comes with pasha (else: the project file it comes from)
MAX_PATTERN_CHARS = 500
MAX_PROJECT_TERMS = 1_000
CONTENT_MAX_CHARS = 20_000  # of a body: 10x the spec's limit (longer is PSH101's error); the rest is not read
MATCH_TIMEOUT = 0.2  # seconds one term may spend on one body (a guard: patterns are probed at load)
CHECK_SECONDS = 5  # for checking all of a project's term files when its config is read
PROBE_TIMEOUT = 0.05  # seconds a project pattern may spend on a probe text at load
# texts that make a badly nested pattern ((a+)+$, (.*)*x) take exponential time
PROBES = ("a" * 5000 + "!", "あ" * 5000 + "!", "1" * 5000 + "x", " " * 5000 + "!", "no." * 2000)
MAX_OWN_PROBES = 16  # a pattern's own characters probed, each as a run (円円…円 for (?:円+)+!)
_ATTACHED = frozenset("\uff9e\uff9f\u3099\u309a")  # half-width and combining (semi-)voiced marks


class Term(NamedTuple):
    id: str
    rule: str  # which content rule uses it: "claim" (PSH601); later families add theirs
    label: str  # what a message calls it
    patterns: tuple[str, ...]
    exclude: tuple[str, ...]
    basis: str  # the documents (with their dates) it was written from
    matches: tuple[str, ...]  # examples it must match
    clean: tuple[str, ...]  # examples it must not match
    origin: str  # "pasha" or the project file it comes from
    # strings one of which every match contains: a body with none of them skips the term, uncompiled
    # (none: always run). A shipped term's are written with it, and the tests hold them to its
    # patterns (hints_cover). A string in the data is its characters, each a hint.
    hint: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # the product categories a category rule's term applies to
    reviewed: str = ""  # when the entry was last checked against its basis (YYYY-MM-DD)


class TermError(Exception):
    """A project term file pasha cannot use; `where` is the term's index (None: the file)."""

    def __init__(self, reason: LocalText, where: int | None = None) -> None:
        super().__init__(reason.en)
        self.reason = reason
        self.where = where


def shipped_path(version: str = TERMS_VERSION, kind: str = "terms") -> Path:
    """A shipped list's file: the claims' terms (kind "terms") or the product categories' ("categories")."""
    return Path(__file__).parent / "data" / f"{kind}-{version}.toml"


@cache
def shipped_terms(version: str = TERMS_VERSION) -> tuple[Term, ...]:
    return _shipped("terms", version)


@cache
def shipped_category_terms(version: str = CATEGORIES_VERSION) -> tuple[Term, ...]:
    """The shipped product-category lists: read on the first draft that declares a category."""
    return _shipped("categories", version)


def _shipped(kind: str, version: str) -> tuple[Term, ...]:
    """A shipped list's terms, parsed once and kept in the user cache as JSON (cache.parsed_data)."""
    from pasha_cli.cache import parsed_data

    entries = parsed_data(f"{kind}-{version}", shipped_path(version, kind), _entries, _are_entries)
    return tuple(_term(entry, SHIPPED) for entry in entries)


def _entries(text: str) -> list[dict[str, Any]]:
    return list(tomllib.loads(text).get("term", ()))


# a shipped entry's strings; `hint` is a string or a list of strings; the other keys are lists of strings
_TEXTS = ("id", "rule", "label", "basis", "reviewed")


def _are_entries(value: Any) -> bool:
    """Whether a kept value has the shape _entries gives for the shipped file (which has terms)."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(
            isinstance(entry, dict)
            and isinstance(entry.get("id"), str)
            and isinstance(entry.get("patterns"), list)
            and all(
                isinstance(item, str)
                if key in _TEXTS
                else (key == "hint" and isinstance(item, str))
                or (isinstance(item, list) and all(isinstance(i, str) for i in item))
                for key, item in entry.items()
            )
            for entry in value
        )
    )


def _term(entry: dict[str, Any], origin: str) -> Term:
    return Term(
        id=entry["id"],
        rule=entry.get("rule", "claim"),
        label=entry.get("label", entry["id"]),
        patterns=tuple(entry["patterns"]),
        exclude=tuple(entry.get("exclude", ())),
        basis=entry.get("basis", ""),
        matches=tuple(entry.get("matches", ())),
        clean=tuple(entry.get("clean", ())),
        origin=origin,
        hint=tuple(h for h in entry.get("hint", ()) if h) if origin == SHIPPED else (),
        categories=tuple(entry.get("categories", ())),
        reviewed=entry.get("reviewed", ""),
    )


def read_project_terms(text: str, origin: str, deadline: float) -> tuple[Term, ...]:
    """A project's term file, checked in full: its schema, every pattern compiled and probed, every
    example run, all before `deadline` (time.monotonic(): a hostile file of many slow patterns is
    refused, not probed for minutes). Raises TermError."""
    from pasha_cli.project.schema_check import problems

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TermError(LocalText(str(exc), str(exc))) from None
    found = problems("terms.schema.json", raw)
    if found:
        parts = found[0].pointer.strip("/").split("/")
        index = int(parts[1]) if len(parts) > 1 and parts[0] == "term" and parts[1].isdigit() else None
        raise TermError(found[0].text, index)
    terms = tuple(_term(entry, origin) for entry in raw.get("term", ()))
    for index, term in enumerate(terms):
        why = term_problem(term)
        if why is None and time.monotonic() > deadline:
            why = t("term-budget", seconds=CHECK_SECONDS)
        if why is not None:
            raise TermError(why, index)
    return terms


def term_problem(term: Term) -> LocalText | None:
    """Why a term cannot be used (None: it can): a pattern that does not compile, can run away on a
    hostile text, or an example that disagrees with the term."""
    import regex

    for pattern in (*term.patterns, *term.exclude):
        if len(pattern) > MAX_PATTERN_CHARS:
            return t("term-long", id=term.id, limit=MAX_PATTERN_CHARS)
        try:
            compiled = regex.compile(pattern)
        except (regex.error, ValueError, OverflowError, RecursionError) as exc:
            return t("term-compile", id=term.id, pattern=pattern, reason=str(exc))
        for probe in (*PROBES, *_own_probes(pattern)):
            try:
                compiled.search(probe, timeout=PROBE_TIMEOUT)
            except TimeoutError:
                return t("term-slow", id=term.id, pattern=pattern)
    matcher = compile_terms((term,))
    for example in term.matches:
        if not matcher.find(example):
            return t("term-example", id=term.id, example=example)
    for example in term.clean:
        if matcher.find(example):
            return t("term-clean", id=term.id, example=example)
    return None


def _own_probes(pattern: str) -> list[str]:
    """Runs of the pattern's own characters, each closed by one it cannot take: a nested repetition
    of a character no shared probe holds (円, ー, x) runs away on them, body after body. Short runs:
    long enough for that, short enough that a pattern only quadratic on one (極.*?x) is not refused
    (the match timeout bounds it)."""
    chars = [c for c in dict.fromkeys(pattern) if not c.isspace() and c not in string.punctuation]
    return [c * 1000 + "\0" for c in chars[:MAX_OWN_PROBES]]


def merged(shipped: Iterable[Term], project: Iterable[Term], disabled: Iterable[str]) -> tuple[Term, ...]:
    """The terms a project uses: the shipped ones, replaced by a project entry of the same id, plus the
    project's own, less the disabled ids."""
    off = set(disabled)
    by_id = {term.id: term for term in shipped}
    for term in project:
        by_id[term.id] = term
    return tuple(term for term in by_id.values() if term.id not in off)


class Normal(NamedTuple):
    """A text in the form patterns are written against, with where each of its characters came from."""

    text: str
    starts: Sequence[int]  # for each normalised character, the index in the original of its cluster
    ends: Sequence[int]  # and the index just after that cluster

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the normalised text as a span of the original."""
        if start >= end:
            return (self.starts[start], self.starts[start]) if start < len(self.starts) else (0, 0)
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=8192)
def _fold(chunk: str) -> str:
    return unicodedata.normalize("NFKC", chunk).casefold()


class _Folds(dict[int, str]):
    """Each character's folding, for str.translate, computed on first sight. A mark that attaches to
    the character before it (and NUL) folds to NUL: a text that holds one is folded cluster by cluster."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        value = "\0" if char in _ATTACHED or unicodedata.combining(char) or code == 0 else _fold(char)
        self[code] = value
        return value


_FOLDS = _Folds()


def normalise(text: str) -> Normal:
    """NFKC and case folding, one cluster (a character and the marks that attach to it) at a time, so
    that every normalised character points back at the characters it came from. A text without such
    marks (most posts) is folded a character at a time by str.translate; when every character folds
    to one, the positions are the same."""
    if unicodedata.is_normalized("NFKC", text) and "\0" not in text:
        # an NFKC text's marks compose with nothing: each keeps its own position (ｶﾞ, か+゛ are not NFKC)
        folded = text.casefold()
        if len(folded) == len(text):
            return Normal(folded, range(len(text)), range(1, len(text) + 1))
    whole = text.translate(_FOLDS)
    if "\0" in whole:
        return _normalise_clusters(text)
    if len(whole) == len(text):
        return Normal(whole, range(len(text)), range(1, len(text) + 1))
    starts = [index for index, char in enumerate(text) for _ in _FOLDS[ord(char)]]
    return Normal(whole, starts, [index + 1 for index in starts])


def _normalise_clusters(text: str) -> Normal:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    index, length = 0, len(text)
    while index < length:
        end = index + 1
        while end < length and (text[end] in _ATTACHED or unicodedata.combining(text[end])):
            end += 1
        chunk = text[index:end]
        folded = chunk.lower() if chunk.isascii() else _fold(chunk)
        out.append(folded)
        starts += [index] * len(folded)
        ends += [end] * len(folded)
        index = end
    return Normal("".join(out), starts, ends)


class Match(NamedTuple):
    term: Term
    start: int  # in the normalised text
    end: int


def may_match(term: Term, normal: str) -> bool:
    """Whether a normalised text holds one of the term's hints (a term without hints may match any)."""
    # a hint's first character is looked for first: most hints' is in no post, and that is the
    # quicker search (a set of a long text's characters costs more than both)
    return not term.hint or any(hint[0] in normal and hint in normal for hint in term.hint)


class Matcher(NamedTuple):
    """Terms to match; each one's patterns compiled as one alternation (its exclusions as another) on
    the first text that holds one of its hint characters, once per run."""

    terms: tuple[Term, ...]

    def find(self, text: str) -> list[Match]:
        return self.matches(normalise(text).text)[0]

    def matches(self, normal: str) -> tuple[list[Match], list[Term]]:
        """Matches in a normalised text, in order, overlapping ones merged; and the terms
        that ran out of time on it (not checked: said, never silently passed)."""
        spans: list[Match] = []
        slow: list[Term] = []
        urls: list[tuple[int, int]] | None = None
        for term in self.terms:
            if not may_match(term, normal):
                continue
            pattern, exclude = _compiled(term)
            bound = {} if term.origin == SHIPPED else {"timeout": MATCH_TIMEOUT}  # `re` has no timeout
            try:
                found = [m.span() for m in pattern.finditer(normal, **bound) if m.end() > m.start()]
                excluded = [m.span() for m in exclude.finditer(normal, **bound)] if found and exclude else []
            except TimeoutError:
                slow.append(term)
                continue
            if found and urls is None:
                urls = [m.span() for m in _url().finditer(normal)]
            covers = [*(urls or ()), *excluded]
            spans += (Match(term, s, e) for s, e in found if not any(a <= s and e <= b for a, b in covers))
        spans.sort(key=lambda m: (m.start, -m.end))
        kept: list[Match] = []
        for match in spans:  # overlapping matches are one claim: the first term's, over their union
            if kept and match.start < kept[-1].end:
                kept[-1] = kept[-1]._replace(end=max(kept[-1].end, match.end))
                continue
            kept.append(match)
        return kept, slow


@cache
def _url() -> re.Pattern[str]:
    return re.compile(r"https?://[^\s]+")


@cache
def _compiled(term: Term) -> tuple[Any, Any | None]:
    """A term's patterns: the shipped ones with `re`, a project's with `regex` (imported only then)."""
    engine: Any = re
    if term.origin != SHIPPED:
        import regex

        engine = regex
    exclude = engine.compile("|".join(f"(?:{p})" for p in term.exclude)) if term.exclude else None
    return engine.compile("|".join(f"(?:{p})" for p in term.patterns)), exclude


def compile_terms(terms: Iterable[Term]) -> Matcher:
    return Matcher(tuple(terms))


def matcher_for(terms: tuple[Term, ...]) -> Matcher:
    return Matcher(terms)


def hints_cover(pattern: str, hints: Sequence[str]) -> bool:
    """Whether every match of a (standard library) pattern holds one of `hints` (as a substring),
    as far as can be read off the pattern: a hint within a run of its literal characters, or one for
    each branch of a part it cannot match without, or every character of a small class. For the tests
    that hold the shipped hints to their patterns (False may only mean it cannot be read off)."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern)
    if parsed.state.flags & c.SRE_FLAG_IGNORECASE:  # (?i): a literal also matches other letters (ı for i)
        return False
    return _covered(list(parsed), tuple(hints))


MAX_RUNS = 64  # texts a run with small classes in it is read as (今[月週] is 今月 or 今週)


def _covered(items: list[tuple[Any, Any]], hints: tuple[str, ...]) -> bool:
    """Whether some part of a sequence every match goes through holds a hint."""
    from re import _constants as c  # type: ignore[attr-defined]

    runs = [""]  # the texts a run of literal characters (and small classes) can be, so far
    for op, av in [*items, (None, None)]:
        chars = [chr(av)] if op is c.LITERAL else sorted(_class(av) or ()) if op is c.IN else []
        if chars and len(runs) * len(chars) <= MAX_RUNS:
            runs = [run + char for run in runs for char in chars]
            continue
        if runs != [""] and all(any(hint in run for hint in hints) for run in runs):
            return True
        runs = [""]
        if op is c.BRANCH and all(_covered(list(branch), hints) for branch in av[1]):
            return True
        if op is c.SUBPATTERN and not av[1] & c.SRE_FLAG_IGNORECASE and _covered(list(av[3]), hints):
            return True
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1 and _covered(list(av[2]), hints):
            return True
        if op is c.ATOMIC_GROUP and _covered(list(av), hints):
            return True
        if op is c.IN and (members := _class(av)) is not None and members <= set(hints):
            return True
    return False


def _class(av: Any) -> frozenset[str] | None:
    """The characters of a class of literals and short ranges (None: another kind of class)."""
    from re import _constants as c  # type: ignore[attr-defined]

    chars: set[str] = set()
    for kind, value in av:
        if kind is c.LITERAL:
            chars.add(chr(value))
        elif kind is c.RANGE and value[1] - value[0] < 64:
            chars |= {chr(n) for n in range(value[0], value[1] + 1)}
        else:
            return None
    return frozenset(chars)


def occurrences(normal: str, needle: str, limit: int = 1000) -> Iterator[int]:
    """Where a normalised needle starts in a normalised text (at most `limit` times)."""
    if not needle:
        return
    start = normal.find(needle)
    while start != -1 and limit > 0:
        yield start
        limit -= 1
        start = normal.find(needle, start + 1)


DEFAULT_MAX_AGE_MONTHS = 12
DEFAULT_CAMPAIGN_LEAD_DAYS = 14  # PSH644: a post more days than this before its campaign starts


class ContentSettings(NamedTuple):
    """A project's `[content]` table and `[[evidence]]` records, as the content rules use them."""

    project_terms: tuple[Term, ...] = ()
    disabled: frozenset[str] = frozenset()
    max_age_months: int = DEFAULT_MAX_AGE_MONTHS
    evidence: tuple[dict[str, Any], ...] = ()  # shared records, as written (their config keys: ("evidence", i))
    campaign_lead_days: int = DEFAULT_CAMPAIGN_LEAD_DAYS

    def terms(self) -> tuple[Term, ...]:
        return merged(shipped_terms(), self.project_terms, self.disabled)

    def category_terms(self, category: str) -> tuple[Term, ...]:
        """The terms of the category rules that apply to a product category: the shipped lists
        (read here, on first use) and the project's own, less the disabled ids."""
        own = [t for t in self.project_terms if t.rule in CATEGORY_RULES]
        terms = merged(shipped_category_terms(), own, self.disabled)
        return tuple(t for t in terms if t.rule in CATEGORY_RULES and category in t.categories)
