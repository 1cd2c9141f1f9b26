"""JavaScript regular expressions (the `u`-mode grammar prh compiles every pattern with) as `regex` patterns.

prh builds each rule's pattern as a JavaScript RegExp with the flags `gmu` (plus `i` when asked), so
a dictionary written for it means what V8 reads. Python's shorthands are Unicode where JavaScript's
are ASCII (`\\d`, `\\w`, `\\b`), JavaScript's `\\s` holds U+FEFF and Python's does not, `.`, `^` and
`$` stop at four line terminators (not one), and a back-reference to a group that did not take part
matches the empty text in JavaScript and fails in Python. Each construct is rewritten to what V8
does; one whose meaning would differ (a capture read from inside a repeated group or a look-behind,
an inline flag group, a property escape `regex` reads differently) is refused with the reason, never
compiled into a different pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

LINE_TERMINATORS = "\n\r\u2028\u2029"
# JavaScript's WhiteSpace and LineTerminator: \s (U+FEFF is in it; U+0085 and U+001C-U+001F are not)
JS_SPACE = (
    (0x09, 0x0D),
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
)
JS_DIGIT = ((0x30, 0x39),)
JS_WORD = ((0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A))
# with `u` and `i`, \w and \b also take ſ (U+017F) and the Kelvin sign (U+212A): they fold to s and k
JS_WORD_I = (*JS_WORD, (0x17F, 0x17F), (0x212A, 0x212A))
MAX_CODE = 0x10FFFF
_NONE = range(0)  # no groups
MAX_REPEAT = 10_000  # a count above it is refused (it is a hostile pattern, not a dictionary's)
_SYNTAX = set("^$\\.*+?()[]{}|/")
_CONTROL = {"t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r"}
_NOT_LINE = "[^\\n\\r\\u2028\\u2029]"
# General_Category and Script property escapes, as both engines read them (others are refused)
_PROPERTY_KEYS = ("General_Category", "gc", "Script", "sc", "Script_Extensions", "scx")
# the General_Category values (one- and two-letter names)
_GENERAL = frozenset(
    re.findall(
        r"\S+",
        "L Lu Ll Lt Lm Lo LC M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Co Cn",
    )
)


class JsSyntaxError(Exception):
    """A pattern JavaScript refuses, or one whose JavaScript meaning `regex` cannot be made to have."""


class Translated(NamedTuple):
    pattern: str  # for `regex` (V0), with IGNORECASE when the JavaScript pattern has `i`
    groups: int  # capturing groups, numbered as in JavaScript (named ones included)
    literal: tuple[str, ...]  # every match holds one of these texts (empty: no such text known)


def escape_literal(text: str) -> str:
    """A text as JavaScript `u`-mode source that matches it literally."""
    return "".join("\\" + ch if ch in _SYNTAX else ch for ch in text)


def source_text(source: str) -> str:
    """RegExp.prototype.source as V8 gives it: `/` outside a class escaped, line terminators escaped."""
    out: list[str] = []
    in_class = escaped = False
    for ch in source:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == "/" and not in_class:
            out.append("\\")
        if ch in LINE_TERMINATORS:
            out.append({"\n": "\\n", "\r": "\\r", "\u2028": "\\u2028", "\u2029": "\\u2029"}[ch])
            continue
        out.append(ch)
    return "".join(out)


def _code(cp: int) -> str:
    """A code point written for a `regex` class or sequence."""
    ch = chr(cp)
    if ch.isalnum() and not 0xD800 <= cp <= 0xDFFF:
        return ch
    return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}" if cp < 0x10000 else f"\\U{cp:08x}"


def _ranges_class(ranges: tuple[tuple[int, int], ...] | list[tuple[int, int]], negate: bool = False) -> str:
    if not ranges:
        return "[\\x00-\\U0010ffff]" if negate else "(?!)"
    body = "".join(_code(a) if a == b else f"{_code(a)}-{_code(b)}" for a, b in ranges)
    return f"[{'^' if negate else ''}{body}]"


def complement(ranges: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    nxt = 0
    for a, b in sorted(ranges):
        if a > nxt:
            out.append((nxt, a - 1))
        nxt = max(nxt, b + 1)
    if nxt <= MAX_CODE:
        out.append((nxt, MAX_CODE))
    return out


def _count_groups(source: str) -> tuple[int, list[tuple[str, int]]]:
    """The capturing groups of a source (JavaScript numbers them all before matching), and the names
    with their numbers."""
    count, names = 0, []
    index, in_class = 0, False
    while index < len(source):
        ch = source[index]
        if ch == "\\":
            index += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            if not source.startswith("?", index + 1):
                count += 1
            elif source.startswith("?<", index + 1) and source[index + 3 : index + 4] not in ("=", "!"):
                count += 1
                end = source.find(">", index + 3)
                names.append((source[index + 3 : end] if end != -1 else "", count))
        index += 1
    return count, names


class _Parser:
    def __init__(self, source: str, ignorecase: bool) -> None:
        self.src = source
        self.i = 0
        self.icase = ignorecase
        self.total, names = _count_groups(source)
        self.numbers = dict(names)
        if len(self.numbers) != len(names):
            raise JsSyntaxError("a group name is used twice")
        self.names = set(self.numbers)
        self.word = JS_WORD_I if ignorecase else JS_WORD
        self.group = 0  # capturing groups opened so far
        self.behind = 0  # depth of look-behind groups
        self.backrefs: set[int] = set()  # groups a back-reference reads (the caller adds $n, regexpMustEmpty)
        # groups in an atom repeated more than once, the atom itself included: V8 drops an iteration
        # that matches nothing and empties the groups inside at each one, Python does neither
        self.repeated: set[int] = set()
        self.behind_groups: set[int] = set()  # groups inside a look-behind

    def error(self, why: str) -> JsSyntaxError:
        return JsSyntaxError(f"{why} (at character {self.i + 1} of /{self.src}/)")

    def peek(self, n: int = 0) -> str:
        return self.src[self.i + n] if self.i + n < len(self.src) else ""

    # Disjunction :: Alternative ( | Alternative )*
    def disjunction(self, depth: int) -> tuple[str, list[list[str]]]:
        parts, literals = [], []
        part, literal = self.alternative(depth)
        parts.append(part)
        literals.append(literal)
        while self.peek() == "|":
            self.i += 1
            part, literal = self.alternative(depth)
            parts.append(part)
            literals.append(literal)
        return "|".join(parts), literals

    def alternative(self, depth: int) -> tuple[str, list[str]]:
        """An alternative's translation and its runs of literal characters (for hints)."""
        out: list[str] = []
        runs: list[str] = []
        run = ""
        while self.i < len(self.src) and self.peek() not in "|)":
            start = self.i
            atom, quantifiable, char, captures = self.term()
            quantified = self.quantifier(quantifiable, atom, captures)
            if char is not None and self.icase:
                char = None  # under `i` a literal also matches other letters: no hint
            if quantified is not None:
                atom, at_least_once = quantified
                if char is not None and at_least_once:
                    run += char  # a+ holds an a; what follows it need not follow directly
                if run:
                    runs.append(run)
                run = ""
            elif char is not None:
                run += char
            elif run:
                runs.append(run)
                run = ""
            out.append(atom)
            if self.i == start:  # pragma: no cover - every term consumes
                raise self.error("unexpected character")
        if run:
            runs.append(run)
        return "".join(out), runs

    def term(self) -> tuple[str, bool, str | None, range]:
        """(translation, may be quantified, the literal character it is, the groups inside it)."""
        ch = self.peek()
        if ch == "^":
            self.i += 1
            return f"(?<!{_NOT_LINE})", False, None, _NONE
        if ch == "$":
            self.i += 1
            return f"(?!{_NOT_LINE})", False, None, _NONE
        if ch == ".":
            self.i += 1
            return _NOT_LINE, True, None, _NONE
        if ch == "(":
            return self.group_()
        if ch == "[":
            return self.class_(), True, None, _NONE
        if ch == "\\":
            return self.escape()
        if ch in "*+?":
            raise self.error("nothing to repeat")
        if ch == "{":
            raise self.error("incomplete quantifier")
        if ch in "}]":
            raise self.error("lone quantifier brackets")
        self.i += 1
        return _literal(ch), True, ch, _NONE

    def quantifier(self, quantifiable: bool, atom: str, captures: range) -> tuple[str, bool] | None:
        """The atom with its quantifier, and whether it matches at least once (None: no quantifier)."""
        ch = self.peek()
        if ch not in ("*", "+", "?", "{"):
            return None
        if not quantifiable:
            raise self.error("invalid quantifier")
        if ch == "{":
            end = self.src.find("}", self.i)
            body = self.src[self.i + 1 : end] if end != -1 else ""
            low, comma, high = body.partition(",")
            if end == -1 or not low.isdecimal() or not low.isascii() or (high and not high.isdecimal()):
                raise self.error("incomplete quantifier")
            lo = int(low)
            hi = int(high) if high else (None if comma else lo)
            if hi is not None and hi < lo:
                raise self.error("numbers out of order in {} quantifier")
            if lo > MAX_REPEAT or (hi or 0) > MAX_REPEAT:
                raise self.error(f"a repeat count above {MAX_REPEAT:,}")
            self.i = end + 1
            many = hi is None or hi > 1
            least = lo >= 1
            text = "{" + body + "}"
        else:
            self.i += 1
            many = ch in "*+"
            least = ch == "+"
            text = ch
        if self.peek() == "?":
            self.i += 1
            text += "?"
        if self.peek() in ("*", "+", "?", "{"):
            raise self.error("nothing to repeat")
        if many:
            self.repeated.update(captures)
        return f"(?:{atom}){text}", least

    def group_(self) -> tuple[str, bool, str | None, range]:
        self.i += 1
        head = ""
        quantifiable = True
        capture = False
        behind = False
        if self.peek() == "?":
            two = self.src[self.i : self.i + 3]
            if two.startswith("?:"):
                head, self.i = "(?:", self.i + 2
            elif two.startswith("?="):
                head, self.i, quantifiable = "(?=", self.i + 2, False
            elif two.startswith("?!"):
                head, self.i, quantifiable = "(?!", self.i + 2, False
            elif two == "?<=":
                head, self.i, quantifiable, behind = "(?<=", self.i + 3, False, True
            elif two == "?<!":
                head, self.i, quantifiable, behind = "(?<!", self.i + 3, False, True
            elif two.startswith("?<"):
                end = self.src.find(">", self.i)
                name = self.src[self.i + 2 : end] if end != -1 else ""
                if not name.isidentifier() or not name.isascii():
                    raise self.error(f"a group name pasha cannot carry over: {name!r}")
                head, self.i, capture = f"(?P<{name}>", end + 1, True
            else:
                raise self.error("invalid group (inline flags and other group kinds are not JavaScript's)")
        else:
            head, capture = "(", True
        first = self.group + 1  # this group's number, or the first one inside it
        if capture:
            self.group += 1
            if self.behind:
                self.behind_groups.add(self.group)
        if behind:
            self.behind += 1
        inner, _ = self.disjunction(1)
        if behind:
            self.behind -= 1
        if self.peek() != ")":
            raise self.error("unterminated group")
        self.i += 1
        return head + inner + ")", quantifiable, None, range(first, self.group + 1)

    def escape(self) -> tuple[str, bool, str | None, range]:
        self.i += 1
        ch = self.peek()
        if ch == "":
            raise self.error("\\ at end of pattern")
        self.i += 1
        if ch == "b":
            w = _ranges_class(self.word)
            return f"(?:(?<={w})(?!{w})|(?<!{w})(?={w}))", False, None, _NONE
        if ch == "B":
            w = _ranges_class(self.word)
            return f"(?:(?<={w})(?={w})|(?<!{w})(?!{w}))", False, None, _NONE
        if ch in "dDwWsS":
            ranges = {"d": JS_DIGIT, "w": self.word, "s": JS_SPACE}[ch.lower()]
            return _ranges_class(ranges, negate=ch.isupper()), True, None, _NONE
        if ch in "pP":
            return self.property(ch == "P"), True, None, _NONE
        if ch.isdigit() and ch != "0":
            start = self.i - 1
            while self.peek().isdigit() and self.peek().isascii():
                self.i += 1
            number = int(self.src[start : self.i])
            if number > self.total:
                raise self.error(f"a back-reference to group {number}, which does not exist")
            self.backrefs.add(number)
            return f"(?({number})(?:\\{number})|)", True, None, _NONE
        if ch == "k":
            if self.peek() != "<" or self.src.find(">", self.i) == -1:
                raise self.error("invalid named reference")
            end = self.src.find(">", self.i)
            name = self.src[self.i + 1 : end]
            if name not in self.names:
                raise self.error(f"a back-reference to the group {name!r}, which does not exist")
            self.i = end + 1
            self.backrefs.add(self.numbers[name])
            return f"(?({name})(?P={name})|)", True, None, _NONE
        cp = self.character_escape(ch, in_class=False)
        return _literal(chr(cp)), True, chr(cp), _NONE

    def character_escape(self, ch: str, in_class: bool) -> int:
        """The code point of a character escape whose letter (after the backslash) is `ch`."""
        if ch in _CONTROL:
            return ord(_CONTROL[ch])
        if ch == "0":
            if self.peek().isdigit():
                raise self.error("invalid decimal escape")
            return 0
        if ch == "x":
            digits = self.src[self.i : self.i + 2]
            if len(digits) != 2 or not _hex(digits):
                raise self.error("invalid escape")
            self.i += 2
            return int(digits, 16)
        if ch == "u":
            return self.unicode_escape()
        if ch == "c":
            letter = self.peek()
            if not (letter.isascii() and letter.isalpha()):
                raise self.error("invalid unicode escape")
            self.i += 1
            return ord(letter) % 32
        if ch in _SYNTAX or (in_class and ch == "-"):
            return ord(ch)
        raise self.error(f"invalid escape \\{ch}")

    def unicode_escape(self) -> int:
        if self.peek() == "{":
            end = self.src.find("}", self.i)
            digits = self.src[self.i + 1 : end] if end != -1 else ""
            if not digits or not _hex(digits) or int(digits, 16) > MAX_CODE:
                raise self.error("invalid unicode escape")
            self.i = end + 1
            return int(digits, 16)
        digits = self.src[self.i : self.i + 4]
        if len(digits) != 4 or not _hex(digits):
            raise self.error("invalid unicode escape")
        self.i += 4
        cp = int(digits, 16)
        low = self.src[self.i : self.i + 6]
        if 0xD800 <= cp <= 0xDBFF and low[:2] == "\\u" and _hex(low[2:]) and 0xDC00 <= int(low[2:], 16) <= 0xDFFF:
            self.i += 6  # a surrogate pair is one code point in `u` mode
            return 0x10000 + ((cp - 0xD800) << 10) + (int(low[2:], 16) - 0xDC00)
        return cp

    def property(self, negate: bool) -> str:
        if self.peek() != "{" or self.src.find("}", self.i) == -1:
            raise self.error("invalid property name")
        end = self.src.find("}", self.i)
        body = self.src[self.i + 1 : end]
        self.i = end + 1
        key, eq, value = body.partition("=")
        if eq and key in _PROPERTY_KEYS[2:] and value.replace("_", "").isalpha() and value.isascii():
            name = f"{'Script_Extensions' if key in ('scx', 'Script_Extensions') else 'Script'}={value}"
        elif (eq and key in _PROPERTY_KEYS[:2] and value in _GENERAL) or (not eq and key in _GENERAL):
            name = f"General_Category={value if eq else key}"
        else:
            raise self.error(f"the property escape \\p{{{body}}} (pasha reads General_Category and Script ones)")
        return f"\\{'P' if negate else 'p'}{{{name}}}"

    def class_(self) -> str:
        self.i += 1
        negate = self.peek() == "^"
        if negate:
            self.i += 1
        ranges: list[tuple[int, int]] = []
        extra: list[str] = []  # property escapes, kept as `regex` reads them
        while True:
            ch = self.peek()
            if ch == "":
                raise self.error("unterminated character class")
            if ch == "]":
                self.i += 1
                break
            first = self.class_atom()
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.i += 1
                second = self.class_atom()
                if isinstance(first, int) and isinstance(second, int):
                    if first > second:
                        raise self.error("range out of order in character class")
                    ranges.append((first, second))
                    continue
                raise self.error("invalid character class")
            if isinstance(first, int):
                ranges.append((first, first))
            elif isinstance(first, str):
                extra.append(first)
            else:
                ranges.extend(first)
        if not extra:
            return _ranges_class(_merge(ranges), negate)
        body = "".join(_code(a) if a == b else f"{_code(a)}-{_code(b)}" for a, b in _merge(ranges))
        return f"[{'^' if negate else ''}{body}{''.join(extra)}]"

    def class_atom(self) -> int | str | list[tuple[int, int]]:
        """A code point, a property escape, or the ranges of a class escape (\\d, \\W...)."""
        ch = self.peek()
        self.i += 1
        if ch != "\\":
            return ord(ch)
        ch = self.peek()
        if ch == "":
            raise self.error("\\ at end of pattern")
        self.i += 1
        if ch == "b":
            return 8
        if ch in "dDwWsS":
            ranges = {"d": JS_DIGIT, "w": self.word, "s": JS_SPACE}[ch.lower()]
            return complement(ranges) if ch.isupper() else list(ranges)
        if ch in "pP":
            return self.property(ch == "P")
        return self.character_escape(ch, in_class=True)


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _hex(text: str) -> bool:
    return bool(text) and all(c in "0123456789abcdefABCDEF" for c in text)


def _literal(ch: str) -> str:
    cp = ord(ch)
    if ch.isalnum() and not 0xD800 <= cp <= 0xDFFF:
        return ch
    return _code(cp) if not ch.isprintable() or ch.isspace() else "\\" + ch if ch.isascii() else ch


def translate(source: str, ignorecase: bool, reads: Iterable[int] = ()) -> Translated:
    """A JavaScript `u`-mode source (with `m` on, as prh always has it) as a `regex` pattern.
    `reads`: the groups the rule reads ($1 in `expected`, regexpMustEmpty)."""
    parser = _Parser(source, ignorecase)
    pattern, literals = parser.disjunction(0)
    if parser.i != len(source):
        raise parser.error("unmatched ')'")
    read = {*reads, *parser.backrefs}
    if read:
        if read & parser.repeated:
            raise JsSyntaxError(
                f"/{source}/ reads a group inside a repeated group: JavaScript empties such a group on "
                "each repetition and Python keeps it"
            )
        if read & parser.behind_groups:
            raise JsSyntaxError(f"/{source}/ reads a group inside a look-behind: JavaScript fills it right to left")
    # a hint for each alternative: its longest literal run (none known for an alternative without one)
    hints = tuple(max(runs, key=len) for runs in literals if runs)
    return Translated(pattern, parser.total, hints if len(hints) == len(literals) else ())
