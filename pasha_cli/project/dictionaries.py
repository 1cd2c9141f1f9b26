"""Brand dictionaries: prh's YAML (version 1), the format 表記統一 lists are kept in, read as prh reads them.

A rule is `expected` (the preferred form) with `pattern`/`patterns` (texts matched as written, or
`/regex/flags` in JavaScript syntax; none: `expected` itself, each ASCII letter and digit matching
its other case and its full-width form), `options.wordBoundary` (\\b around each pattern),
`regexpMustEmpty` ($n: a match whose group n took part is no finding), `prh` (a note shown with the
finding) and `specs` (from/to pairs, run when the dictionary loads: one that fails is a config error).
`imports` (a path, or {path, disableImports, ignoreRules}) add another file's rules after the file's
own, less those whose `expected` is already there (prh's merge); a cycle is refused.

Matching follows prh's engine: the body is split into paragraphs at blank lines, every rule runs on
each, and overlapping matches are resolved as prh's change set resolves them (at one start the
longer wins, else the earlier start; a match that ends inside the one before it is dropped). A
match whose replacement is the text itself is no finding (prh and textlint-rule-prh skip those).
JavaScript patterns are translated (project/jsregex.py), never compiled as written.

Bounded: files of at most MAX_FILE_BYTES, MAX_FILES files and MAX_DEPTH levels of imports,
MAX_RULES rules; every pattern is probed on hostile texts at load (as project term patterns are),
the whole load has CHECK_SECONDS, and each rule has MATCH_TIMEOUT on each body. What a load yields
is kept in the user cache under the digest of every file it read, so a later run reads JSON, not
YAML, and probes nothing.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple, overload

from pasha_cli.i18n import t
from pasha_cli.model import LocalText
from pasha_cli.project.jsregex import JsSyntaxError, escape_literal, source_text, translate
from pasha_cli.project.terms import MAX_OWN_PROBES, PROBE_TIMEOUT, PROBES

FORMAT = 1  # of the cached rules
MAX_FILE_BYTES = 2_000_000
MAX_FILES = 64  # files read for one list of dictionaries, imports included
MAX_DEPTH = 16  # levels of imports
MAX_RULES = 20_000
MAX_PATTERN_CHARS = 1_000  # of a pattern or `expected` as written
CHECK_SECONDS = 10  # for reading, translating, probing and running the specs of one list
MATCH_TIMEOUT = 0.2  # seconds one rule may spend on one body
BODY_SECONDS = 2.0  # all rules on one body: past it the rest are not run (and that is said)
_HANKAKU = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_ZENKAKU = "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ０１２３４５６７８９"
_JS_META = set("\\^$.*+?()[]{}|/")
# ASCII and full-width letters and digits as one lower-case ASCII form: a hint is looked for in the
# body folded so, character for character (a match's every form folds to the hint's)
_FOLD = {ord(c): _HANKAKU[i].lower() for i, c in enumerate(_ZENKAKU)} | {ord(c): c.lower() for c in _HANKAKU[26:52]}
_REGEX_FORM = re.compile(r"/(.*)/([A-Za-z]*)", re.DOTALL)
_REPLACEMENT = re.compile(r"\$([0-9]{1,2})")


class WordingRule(NamedTuple):
    expected: str
    pattern: str  # for `regex`
    ignorecase: bool
    groups: int
    must_empty: int | None  # regexpMustEmpty's group
    note: str  # the rule's `prh` message
    file: str  # the dictionary, relative to the project
    line: int  # of the rule in it
    hints: tuple[str, ...]  # folded texts one of which every match holds (none: always run)
    js: str  # the pattern as prh shows it (/source/flags): what ignoreRules name
    # a fixed run of characters and classes (`expected` alone, texts): it cannot run away, so it is
    # compiled with the standard library's `re` (quicker to compile) and neither probed nor timed
    simple: bool = False


class Diff(NamedTuple):
    start: int
    end: int
    wording: str
    replacement: str
    rule: WordingRule


class DictionaryError(Exception):
    """A dictionary pasha cannot use: the file and line, and which of the listed files led to it."""

    def __init__(self, reason: LocalText, file: str, line: int, entry: int = 0) -> None:
        super().__init__(reason.en)
        self.reason = reason
        self.file = file
        self.line = line
        self.entry = entry


def fold(text: str) -> str:
    return text.translate(_FOLD)


# --- prh's patterns, as prh builds them (lib/rule.ts, lib/utils/regexp.ts), in JavaScript source ---


def spread(expected: str) -> tuple[str, tuple[str, ...]]:
    """prh's pattern for `expected` alone: each ASCII letter or digit as a class of its case and
    width forms, every other character as written (JavaScript syntax: a `.` in it matches any)."""
    parts: list[str] = []
    hint, hints, meta = "", [], False
    for ch in expected:
        upper, lower = _HANKAKU.find(ch.upper()), _HANKAKU.find(ch.lower())
        if upper == -1 and lower == -1:
            parts.append(ch)
            members = {ch}
            meta = meta or ch in _JS_META
        elif upper == lower:
            parts.append(f"[{ch}{_ZENKAKU[upper]}]")
            members = {ch, _ZENKAKU[upper]}
        else:
            zen = (_ZENKAKU[upper] if upper != -1 else "") + (_ZENKAKU[lower] if lower != -1 else "")
            parts.append(f"[{ch.upper()}{ch.lower()}{zen}]")
            members = set(ch.upper() + ch.lower() + zen)
        folded = {fold(m) for m in members}
        if len(folded) == 1 and len(next(iter(folded))) == 1:
            hint += folded.pop()
        else:
            hints.append(hint)
            hint = ""
    hints.append(hint)
    best = max(hints, key=len)
    return "".join(parts), (() if meta or not best else (best,))


class _Pattern(NamedTuple):
    source: str  # JavaScript
    ignorecase: bool
    hints: tuple[str, ...]
    simple: bool  # characters and classes only (see WordingRule.simple)


def build_pattern(pattern: Any, expected: str, boundary: bool) -> _Pattern:
    """A rule's pattern as prh's Rule._patternToRegExp makes it. Raises ValueError (the reason)."""
    if pattern is None:
        source, hints = spread(expected)
        return _Pattern(f"\\b{source}\\b" if boundary else source, False, hints, bool(hints))
    if isinstance(pattern, str):
        if pattern == "":
            raise ValueError(t("dict-empty-pattern").en)
        if len(pattern) > MAX_PATTERN_CHARS:
            raise ValueError(t("dict-long", limit=MAX_PATTERN_CHARS).en)
        form = _REGEX_FORM.fullmatch(pattern)
        if form is not None and any(c in form.group(0) for c in "\n\r\u2028\u2029"):
            form = None  # prh's /(.*)/ stops at a line break: such a pattern is text
        regex_form = False
        if form is not None:
            flags = form.group(2)
            regex_form = not set(flags) - set("gimy") and len(set(flags)) == len(flags)
            if not regex_form and not set(flags) - set("dgimsuvy"):  # JavaScript's flags, not prh's
                raise ValueError(t("dict-flags", pattern=pattern).en)
        if form is not None and regex_form:
            source, icase, hints, simple = form.group(1), "i" in flags, (), False
        else:
            source, icase, hints, simple = escape_literal(pattern), False, (fold(pattern),), True
        return _Pattern(f"\\b{source}\\b" if boundary else source, icase, hints, simple)
    if isinstance(pattern, list) and pattern:
        parts = [build_pattern(p, expected, boundary) for p in pattern]
        if len({p.ignorecase for p in parts}) > 1:
            raise ValueError(t("dict-mixed-flags").en)
        hints = tuple(h for p in parts for h in p.hints) if all(p.hints for p in parts) else ()
        simple = all(p.simple for p in parts)
        return _Pattern("(?:" + "|".join(p.source for p in parts) + ")", parts[0].ignorecase, hints, simple)
    raise ValueError(t("dict-pattern-type").en)


def replacement(expected: str, match: Any, groups: int) -> str:
    """`expected` with $1..$99 filled from the match (prh's Diff.newText: $0, and a group beyond the
    pattern's, stay as written; a group that did not take part is empty; `$&` is text)."""

    def fill(found: re.Match[str]) -> str:
        index = int(found.group(1))
        if index == 0 or index > groups:
            return found.group(0)
        return match.group(index) or ""

    return _REPLACEMENT.sub(fill, expected) if "$" in expected else expected


@cache
def compiled(pattern: str, ignorecase: bool, simple: bool = False) -> Any:
    """A rule's pattern compiled once per run (and only for a body that may hold it): with `regex`,
    or a simple one with `re` (the translation of a run of characters and classes is the same in both)."""
    if simple:
        return re.compile(pattern)
    import regex

    return regex.compile(pattern, regex.V0 | (regex.IGNORECASE if ignorecase else 0))


def rule_diffs(rule: WordingRule, text: str, offset: int = 0, timeout: float = MATCH_TIMEOUT) -> Iterator[Diff]:
    """prh's Rule.applyRule: every match, less those regexpMustEmpty or `expected` itself rule out."""
    pattern = compiled(rule.pattern, rule.ignorecase, rule.simple)
    for match in pattern.finditer(text) if rule.simple else pattern.finditer(text, timeout=timeout):
        start, end = match.span()
        if start == end:
            continue
        if rule.must_empty is not None and rule.must_empty <= rule.groups and match.group(rule.must_empty):
            continue
        wording = match.group(0)
        if wording == rule.expected:
            continue
        yield Diff(start + offset, end + offset, wording, replacement(rule.expected, match, rule.groups), rule)


def resolve(diffs: list[Diff]) -> list[Diff]:
    """prh's ChangeSet._prepare: in order of start then end (rules' order among equals); at one start
    the longer match wins; then a match that starts before the end of the one before it goes (the
    one before it in the list the first step left, as prh compares, kept or not)."""
    ordered = sorted(diffs, key=lambda d: (d.start, d.end))
    first = [d for i, d in enumerate(ordered) if not (i + 1 < len(ordered) and _longer_at_start(d, ordered[i + 1]))]
    return [d for i, d in enumerate(first) if i == 0 or d.start >= first[i - 1].end]


def _longer_at_start(diff: Diff, following: Diff) -> bool:
    return diff.start == following.start and diff.end < following.end


def apply(text: str, diffs: list[Diff]) -> str:
    out, at = [], 0
    for diff in diffs:
        out += [text[at : diff.start], diff.replacement]
        at = diff.end
    return "".join(out) + text[at:]


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """prh's paragraphs: the text split at each run of two or more line breaks."""
    at = 0
    for gap in re.finditer(r"\n{2,}", text):
        yield at, text[at : gap.start()]
        at = gap.end()
    yield at, text[at:]


class Found(NamedTuple):
    diffs: list[Diff]  # the findings: resolved, and each one changing the text
    slow: list[WordingRule]  # rules that ran out of time on the text (not checked: said)


def find(rules: Sequence[WordingRule], text: str) -> Found:
    """Every finding the rules give in a body, as prh and textlint-rule-prh give them."""
    folded = fold(text)
    diffs: list[Diff] = []
    slow: list[WordingRule] = []
    parts: list[tuple[int, str]] | None = None
    stop = time.monotonic() + BODY_SECONDS
    hints = rules.hints if isinstance(rules, Rules) else [r.hints for r in rules]
    for index, held in enumerate(hints):
        if held and not any(h in folded for h in held):
            continue
        rule = rules[index]
        if time.monotonic() > stop:
            slow.append(rule)
            continue
        parts = parts if parts is not None else list(paragraphs(text))
        try:
            diffs += [d for offset, part in parts for d in rule_diffs(rule, part, offset)]
        except TimeoutError:
            slow.append(rule)
    return Found([d for d in resolve(diffs) if d.replacement != d.wording], slow)


# --- reading a dictionary file ---


class _Node(NamedTuple):
    value: Any
    line: int  # 1-based


def _compose(text: str, name: str) -> Any:
    """The YAML document as nodes (safe loader, no aliases), so rules and specs keep their lines."""
    import yaml

    from pasha_cli.project.drafts import _safe_loader, _too_deep

    if _too_deep(text):  # the C composer would run out of stack
        raise DictionaryError(t("dict-deep-yaml"), name, 1)
    loader = _safe_loader()(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _no_alias(node, set(), name)
        return node
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = f"{exc.problem or ''} {exc.context or ''}".strip() or str(exc)
        raise DictionaryError(t("dict-yaml", problem=problem), name, mark.line + 1 if mark else 1) from None
    except (yaml.YAMLError, ValueError) as exc:
        raise DictionaryError(t("dict-yaml", problem=str(exc)), name, 1) from None
    except RecursionError:
        raise DictionaryError(t("dict-deep-yaml"), name, 1) from None
    finally:
        loader.dispose()


def _no_alias(node: Any, seen: set[int], name: str) -> None:
    stack = [node]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            raise DictionaryError(t("dict-alias"), name, item.start_mark.line + 1)
        seen.add(id(item))
        if isinstance(item.value, list):
            for child in item.value:
                stack.extend(child if isinstance(child, tuple) else (child,))


def _plain(node: Any) -> Any:
    """A node's value as data (strings, numbers, booleans, null, lists, mappings of string keys)."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        try:
            return _constructor().construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:  # !!python/object, !!int x
            raise _BadScalar(str(exc).split("\n")[0], _line(node)) from None
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    return {str(_plain(k)): _plain(v) for k, v in node.value}


class _BadScalar(Exception):
    def __init__(self, problem: str, line: int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


@cache
def _constructor() -> Any:
    import yaml

    return yaml.constructor.SafeConstructor()


def _mapping(node: Any) -> dict[str, Any]:
    """A mapping node's entries by key, each a node."""
    return {str(k.value): v for k, v in node.value}


def _line(node: Any) -> int:
    return int(node.start_mark.line) + 1


class _Source(NamedTuple):
    rel: str  # relative to the project
    path: Path
    digest: str


class _Load:
    """One list of dictionaries being read: the files read, the rules found, the time left."""

    def __init__(self, root: Path, deadline: float) -> None:
        self.root = root
        self.deadline = deadline
        self.sources: list[_Source] = []
        self.count = 0
        self.entry = 0

    def fail(self, reason: LocalText, file: str, line: int) -> DictionaryError:
        return DictionaryError(reason, file, line, self.entry)

    def read(self, path: Path, rel: str, line_of: tuple[str, int]) -> str:
        if len(self.sources) >= MAX_FILES:
            raise self.fail(t("dict-files", limit=MAX_FILES), *line_of)
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
            text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise self.fail(LocalText(str(exc), str(exc)), rel, 1) from None
        if len(data) > MAX_FILE_BYTES:
            raise self.fail(t("dict-big", limit=MAX_FILE_BYTES), rel, 1)
        self.sources.append(_Source(rel, path, digest(data)))
        return text

    def file(
        self, path: Path, rel: str, chain: tuple[Path, ...], follow: bool, at: tuple[str, int]
    ) -> list[WordingRule]:
        """A file's rules, then each import's (prh's fromYAMLFilePath and Engine.merge)."""

        if len(chain) > MAX_DEPTH:
            raise self.fail(t("dict-deep", limit=MAX_DEPTH), *at)
        text = self.read(path, rel, at)
        node = _compose(text, rel)
        if node is None:
            return []
        try:
            return self.contents(node, path, rel, chain, follow)
        except _BadScalar as exc:
            raise self.fail(t("dict-yaml", problem=exc.problem), rel, exc.line) from None

    def contents(self, node: Any, path: Path, rel: str, chain: tuple[Path, ...], follow: bool) -> list[WordingRule]:
        import yaml

        from pasha_cli.project.locate import resolve_inside

        if not isinstance(node, yaml.MappingNode):
            raise self.fail(t("dict-file-mapping"), rel, _line(node))
        top = _mapping(node)
        version = _plain(top["version"]) if "version" in top else 1
        if version != 1 or isinstance(version, bool):
            raise self.fail(t("dict-version", version=version), rel, _line(top.get("version", node)))
        if "targets" in top and _plain(top["targets"]):
            raise self.fail(t("dict-targets"), rel, _line(top["targets"]))
        rules = self.rules(top.get("rules"), rel)
        if not follow or "imports" not in top:
            return rules
        for spec_node, spec in self.imports(top["imports"], rel):
            line = _line(spec_node)
            target, why = resolve_inside(path.parent, spec["path"], self.root)
            if target is None:
                raise self.fail(t("dict-import-path", path=spec["path"], why=why), rel, line)
            if target in chain or target == path:
                raise self.fail(t("dict-cycle", path=spec["path"]), rel, line)
            imported = self.file(
                target, _relative(target, self.root), (*chain, path), not spec.get("disableImports"), (rel, line)
            )
            ignore = [self.ignore_rule(i, rel, line) for i in spec.get("ignoreRules") or ()]
            imported = [r for r in imported if not any(_ignores(i, r) for i in ignore)]
            rules = merge(rules, imported)
        return rules

    def imports(self, node: Any, rel: str) -> Iterator[tuple[Any, dict[str, Any]]]:
        import yaml

        items = (
            [node] if isinstance(node, yaml.ScalarNode) else node.value if isinstance(node, yaml.SequenceNode) else None
        )
        if items is None:
            raise self.fail(t("dict-imports-paths"), rel, _line(node))
        for item in items:
            value = _plain(item)
            spec = {"path": value} if isinstance(value, str) else value
            if not isinstance(spec, dict) or not isinstance(spec.get("path"), str) or not spec["path"]:
                raise self.fail(t("dict-imports-item"), rel, _line(item))
            if not isinstance(spec.get("ignoreRules") or [], list):
                raise self.fail(t("dict-ignore-list"), rel, _line(item))
            yield item, spec

    def ignore_rule(self, value: Any, rel: str, line: int) -> dict[str, str]:
        found = {"pattern": value} if isinstance(value, str) else value
        if not isinstance(found, dict) or not all(isinstance(found.get(k, ""), str) for k in ("pattern", "expected")):
            raise self.fail(t("dict-ignore-item"), rel, line)
        return found

    def rules(self, node: Any, rel: str) -> list[WordingRule]:
        import yaml

        if node is None or (isinstance(node, yaml.ScalarNode) and _plain(node) is None):
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(t("dict-rules-list"), rel, _line(node))
        if self.count + len(node.value) > MAX_RULES:
            raise self.fail(t("dict-many", limit=MAX_RULES), rel, _line(node.value[MAX_RULES - self.count]))
        self.count += len(node.value)
        out = []
        for item in node.value:
            if time.monotonic() > self.deadline:
                raise self.fail(t("dict-budget", seconds=CHECK_SECONDS), rel, _line(item))
            out.append(self.rule(item, rel))
        return out

    def rule(self, node: Any, rel: str) -> WordingRule:
        import yaml

        line = _line(node)
        if isinstance(node, yaml.ScalarNode):
            fields: dict[str, Any] = {"expected": node}
        elif isinstance(node, yaml.MappingNode):
            fields = _mapping(node)
        else:
            raise self.fail(t("dict-rules-item"), rel, line)
        raw = {key: _plain(value) for key, value in fields.items()}
        expected = raw.get("expected")
        if not isinstance(expected, str):
            raise self.fail(t("dict-expected"), rel, line)
        if len(expected) > MAX_PATTERN_CHARS:
            raise self.fail(t("dict-long", limit=MAX_PATTERN_CHARS), rel, line)
        options = raw.get("options") or {}
        boundary = options.get("wordBoundary", False) if isinstance(options, dict) else None
        if not isinstance(boundary, bool):
            raise self.fail(t("dict-boundary-bool"), rel, line)
        must = raw.get("regexpMustEmpty")
        must_match = re.fullmatch(r"\$([0-9]+)", must) if isinstance(must, str) else None
        if must is not None and must_match is None:
            raise self.fail(t("dict-must-empty", value=must), rel, _line(fields["regexpMustEmpty"]))
        note = raw.get("prh")
        if note is not None and not isinstance(note, str):
            raise self.fail(t("dict-prh-text"), rel, line)
        for key in ("pattern", "patterns"):
            if raw.get(key) == "" or (isinstance(raw.get(key), list) and "" in raw[key]):
                raise self.fail(t("dict-empty-pattern"), rel, _line(fields[key]))
        written = raw.get("pattern") or raw.get("patterns")
        try:
            built = build_pattern(written, expected, boundary)
            reads = {int(n) for n in _REPLACEMENT.findall(expected)} | (
                {int(must_match.group(1))} if must_match else set()
            )
            done = translate(built.source, built.ignorecase, reads)
            rule = WordingRule(
                expected=expected,
                pattern=done.pattern,
                ignorecase=built.ignorecase,
                groups=done.groups,
                must_empty=int(must_match.group(1)) if must_match else None,
                note=note or "",
                file=rel,
                line=line,
                hints=built.hints if not built.ignorecase else (),
                js=f"/{source_text(built.source)}/{'gimu' if built.ignorecase else 'gmu'}",
                simple=built.simple,
            )
            if not built.hints and done.literal and not built.ignorecase:
                rule = rule._replace(hints=tuple(fold(h) for h in done.literal))
        except (ValueError, JsSyntaxError) as exc:
            pattern_line = _line(fields.get("pattern") or fields.get("patterns") or node)
            raise self.fail(t("dict-regex", reason=str(exc)), rel, pattern_line) from None
        problem = pattern_problem(rule)
        if problem is not None:
            raise self.fail(problem, rel, line)
        self.specs(rule, fields.get("specs"), rel)
        return rule

    def specs(self, rule: WordingRule, node: Any, rel: str) -> None:
        """prh's Rule.check: each spec's `from`, with the rule applied, must read as its `to`."""
        import yaml

        if node is None:
            return
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(t("dict-specs-list"), rel, _line(node))
        for item in node.value:
            spec = _plain(item)
            if not isinstance(spec, dict) or not all(isinstance(spec.get(k), str) and spec[k] for k in ("from", "to")):
                raise self.fail(t("dict-specs-item"), rel, _line(item))
            try:
                got = apply(spec["from"], resolve(list(rule_diffs(rule, spec["from"]))))
            except TimeoutError:
                raise self.fail(t("dict-slow", pattern=rule.js), rel, _line(item)) from None
            if got != spec["to"]:
                raise self.fail(t("dict-spec", text=spec["from"], to=spec["to"], got=got), rel, _line(item))


def pattern_problem(rule: WordingRule) -> LocalText | None:
    """Why a translated pattern cannot be used: it does not compile, matches the empty text (prh
    never ends on one), or runs away on a hostile text (the probes of project term patterns)."""
    if rule.simple:  # non-empty characters and classes: nothing to run away, nothing empty to match
        return None
    import regex

    try:
        pattern = compiled(rule.pattern, rule.ignorecase)
    except (regex.error, ValueError, OverflowError, RecursionError) as exc:
        return t("dict-regex", reason=str(exc))
    if pattern.match("") is not None:
        return t("dict-empty-match", pattern=rule.js)
    chars = [c for c in dict.fromkeys(rule.expected + rule.pattern) if not c.isspace() and c.isprintable()]
    for probe in (*PROBES, *(c * 1000 + "\0" for c in chars[:MAX_OWN_PROBES])):
        try:
            pattern.search(probe, timeout=PROBE_TIMEOUT)
        except TimeoutError:
            return t("dict-slow", pattern=rule.js)
    return None


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _ignores(ignore: dict[str, str], rule: WordingRule) -> bool:
    """prh's Rule._shouldIgnore: the pattern as prh shows it, or the expected text."""
    return ignore.get("pattern") == rule.js or ignore.get("expected") == rule.expected


def merge(rules: list[WordingRule], other: list[WordingRule]) -> list[WordingRule]:
    """prh's Engine.merge: the other's rules whose `expected` is not already there, after these."""
    have = {r.expected for r in rules}
    return rules + [r for r in other if r.expected not in have]


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def load(root: Path, names: Sequence[str], deadline: float | None = None) -> Sequence[WordingRule]:
    """The rules of a list of dictionaries (paths relative to `root`, each checked to be inside it by
    the caller), merged in order as prh merges several files; from the user cache when every file
    it read is as it was. Raises DictionaryError (its `entry`: the index of the listed file)."""
    from pasha_cli import __version__, cache

    files = [root / name for name in names]
    datas = []
    for index, path in enumerate(files):
        try:
            datas.append(path.read_bytes()[: MAX_FILE_BYTES + 1])
        except OSError as exc:
            raise DictionaryError(LocalText(str(exc), str(exc)), names[index], 1, index) from None
    key = digest(repr(list(names)).encode("utf-8", "surrogateescape") + b"\0" + b"\0".join(datas))
    store = cache.JsonStore(cache.project_name("dictionaries", root, f"{__version__}-v{FORMAT}"), limit=32)
    kept = _kept(store.get(key), root) if cache.enabled() else None
    if kept is not None:
        return kept
    work = _Load(root, deadline if deadline is not None else time.monotonic() + CHECK_SECONDS)
    rules: list[WordingRule] = []
    for index, (name, path) in enumerate(zip(names, files, strict=True)):
        work.entry = index
        rules = merge(rules, work.file(path.resolve(), name, (), True, (name, 1)))
    if cache.enabled():
        store.put(key, {"files": [[s.rel, s.digest] for s in work.sources], "rules": _rules_columns(rules)})
        store.save()
    return tuple(r._replace(js="") for r in rules)  # as a kept load gives them


def _kept(value: Any, root: Path) -> Rules | None:
    """A cached load, when its shape is right and every file it read is unchanged (else None)."""
    from pasha_cli.project.locate import resolve_inside

    if not isinstance(value, dict) or not isinstance(value.get("files"), list):
        return None
    for entry in value["files"]:
        if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(e, str) for e in entry)):
            return None
        path, _ = resolve_inside(root, entry[0], root)
        try:
            if path is None or digest(path.read_bytes()[: MAX_FILE_BYTES + 1]) != entry[1]:
                return None
        except OSError:
            return None
    return _columns_rules(value.get("rules"))


# the cached form: one list per field (a list of each type is checked at C speed, a rule at a time was
# most of a warm run's cost), without `js` (ignoreRules are applied before a load is kept)
_COLUMNS = (
    ("expected", (str,)),
    ("pattern", (str,)),
    ("ignorecase", (bool,)),
    ("groups", (int,)),
    ("must_empty", (int, type(None))),
    ("note", (str,)),
    ("file", (str,)),
    ("line", (int,)),
    ("hints", (list,)),
    ("simple", (bool,)),
)


def _rules_columns(rules: Sequence[WordingRule]) -> dict[str, list[Any]]:
    return {name: [getattr(r, name) for r in rules] for name, _ in _COLUMNS}


def _columns_rules(value: Any) -> Rules | None:
    if not isinstance(value, dict) or set(value) != {name for name, _ in _COLUMNS}:
        return None
    columns = [value[name] for name, _ in _COLUMNS]
    if not all(type(c) is list for c in columns) or len({len(c) for c in columns}) != 1:
        return None
    for column, (_, kinds) in zip(columns, _COLUMNS, strict=True):
        if not set(map(type, column)) <= set(kinds):
            return None
    if not set(map(type, chain.from_iterable(value["hints"]))) <= {str}:
        return None
    return Rules(columns)


class Rules(Sequence[WordingRule]):
    """A kept load's rules, each made on first use: a warm run reads them all and a body needs the few
    whose hints it holds."""

    def __init__(self, columns: list[list[Any]]) -> None:
        self._columns = columns
        self.hints: list[list[str]] = columns[8]

    def __len__(self) -> int:
        return len(self.hints)

    @overload
    def __getitem__(self, index: int) -> WordingRule: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[WordingRule]: ...
    def __getitem__(self, index: int | slice) -> WordingRule | Sequence[WordingRule]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(len(self))[index])
        c = self._columns
        return WordingRule._make((*(column[index] for column in c[:8]), tuple(c[8][index]), "", c[9][index]))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]
