"""`pasha terms`: the spelling variants used across a project's drafts, as a prh dictionary to edit.

Words are found by SudachiPy (the optional extra `pasha-cli[ja]`, imported only here, when the
command runs). Two spellings are variants of one word when Sudachi gives them the same normalized
form in the same inflected form, read alike but for long vowel marks and small kana (コーヒー /
珈琲 / ｺｰﾋｰ, 問い合わせ / 問合せ, サーバ / サーバー, 下さい / ください, but never 食べ / 食べる, nor
お / ご, both 御); a word the dictionary does not know is keyed by its surface in NFKC, casefolded
(width and case variants: ＰａｓｈａＸ / PashaX). The inflected form keeps a prh rule from rewriting
one inflection into another.

Each group becomes a prh version-1 rule: `expected` the spelling used most often, `patterns` the
others. A pattern that is part of another spelling of its group (サーバ in サーバー) gets lookarounds
so it never rewrites that spelling, a Latin one gets `\\b` (ASCII, as in JavaScript), and `specs`
check both when prh (or pasha) loads the file. A pattern that would also match elsewhere in the
drafts (さま inside さまざま) says so in its comment.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from pasha_cli.characters import visible
from pasha_cli.errors import PashaUsageError
from pasha_cli.i18n import short_list, t, tn

# Sudachi refuses an input of more than 49,149 bytes, and some runs (`4/1〜4/30まで、` repeated)
# take it time that grows with the square of the input's length: short pieces
MAX_CHUNK_BYTES = 4_000
_BREAKS = "。！？!?、，,． \u3000"  # where a line too long is cut, when one is at hand
EXAMPLE_DRAFTS = 3  # drafts named in a comment, then "and N more"
SKIPPED_CLASSES = ("補助記号", "空白")  # punctuation, symbols and spaces: no words
# a link or an address is not prose: its host (rakuten) against the text's Rakuten is no variant
_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|www\.\S+", re.ASCII)
_JS_SPECIAL = frozenset("\\^$.*+?()[]{}|/-")
_LARGE_KANA = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")


class Token(NamedTuple):
    """One word of a body as the analyser read it."""

    surface: str
    normalized: str  # Sudachi's normalized form (the dictionary's standard spelling of the word)
    inflection: str  # Sudachi's 活用形 (conjugation form), "*" for a word that does not inflect
    known: bool  # in the dictionary (else Sudachi guessed an unknown word)
    reading: str = ""  # in katakana
    start: int = 0  # where it begins in the text tokenized


class Form(NamedTuple):
    """One spelling of a word: how often it is used and in which drafts."""

    text: str
    uses: int
    drafts: tuple[str, ...]  # relative paths, sorted
    # as a pattern: how often it matches elsewhere in the drafts (inside another word: さま in
    # さまざま), and the first such place with a little of its context
    stray: int = 0
    stray_example: str = ""


class Group(NamedTuple):
    """The spellings of one word: the expected one (the most used) and its variants."""

    expected: Form
    variants: tuple[Form, ...]

    @property
    def uses(self) -> int:
        return self.expected.uses + sum(form.uses for form in self.variants)


Tokenize = Callable[[str], Iterator[Token]]
Key = tuple[str, str, str]  # what the spellings of one word share (word_key)


def _rank(standard: str, form: Form) -> tuple[int, bool, str]:
    return -form.uses, form.text != standard, form.text


def sudachi() -> Tokenize:
    """SudachiPy with its core dictionary, in its shortest units (mode A: 珈琲 in 珈琲豆, 問合せ in
    問合せ先, so one rule covers every compound); without the extra installed, a usage error (exit 2)
    that says how to install it."""
    try:
        import sudachidict_core  # noqa: F401 (the dictionary: Sudachi finds it by this package)
        import sudachipy  # noqa: F401
    except ImportError:
        raise PashaUsageError(t("terms-no-extra")) from None
    tokenizer, dictionary = _sudachi()
    inflections: dict[int, str | None] = {}  # by part-of-speech id: its 活用形, None for no word

    def inflection(pos_id: int) -> str | None:
        if pos_id not in inflections:
            pos = dictionary.pos_of(pos_id)
            inflections[pos_id] = None if pos[0] in SKIPPED_CLASSES else pos[5]
        return inflections[pos_id]

    def tokenize(text: str) -> Iterator[Token]:
        offset = 0
        for chunk in chunks(text):
            for m in tokenizer.tokenize(chunk):
                form = inflection(m.part_of_speech_id())
                if form is not None:
                    yield Token(
                        m.surface(), m.normalized_form(), form, not m.is_oov(), m.reading_form(), offset + m.begin()
                    )
            offset += len(chunk)

    return tokenize


@functools.cache
def _sudachi() -> tuple[Any, Any]:
    """Sudachi's tokenizer and its dictionary, read once a process (a third of a second)."""
    from sudachipy import Dictionary, SplitMode

    dictionary = Dictionary(dict="core")
    return dictionary.tokenizer(mode=SplitMode.A), dictionary


def prose(body: str) -> str:
    """The body without its links and mail addresses (each a space)."""
    return _ADDRESS.sub(" ", body)


def chunks(text: str, limit: int = MAX_CHUNK_BYTES) -> Iterator[str]:
    """`text` in pieces of at most `limit` UTF-8 bytes, cut after line breaks where it can."""
    piece: list[str] = []
    size = 0
    for line in _lines(text, limit):
        length = len(line.encode("utf-8"))
        if piece and size + length > limit:
            yield "".join(piece)
            piece, size = [], 0
        piece.append(line)
        size += length
    if piece:
        yield "".join(piece)


def _lines(text: str, limit: int) -> Iterator[str]:
    """The lines of `text` with their breaks, a line longer than `limit` bytes cut by characters."""
    for line in text.splitlines(keepends=True):
        while len(line.encode("utf-8")) > limit:
            head = _head(line, limit)
            yield head
            line = line[len(head) :]
        yield line


def _head(line: str, limit: int) -> str:
    """The longest start of `line` that fits in `limit` UTF-8 bytes, ending after a punctuation mark
    or a space in its second half when there is one (a word cut in two is no word)."""
    head = line.encode("utf-8")[:limit].decode("utf-8", "ignore")
    cut = max(head.rfind(c) for c in _BREAKS) + 1
    return head[:cut] if cut > len(head) // 2 else head


def is_word(surface: str) -> bool:
    """A spelling a dictionary could hold: a letter in it (no number or symbol alone), and no `$`
    (prh reads `$1` in `expected` as a group of the match)."""
    return "$" not in surface and any(unicodedata.category(c).startswith("L") for c in surface)


def folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def word_key(token: Token) -> Key:
    """What the spellings of one word share: the normalized form (or, for an unknown word, the
    surface) in NFKC, casefolded; the inflected form; and the reading but for long vowel marks and
    small kana (お and ご are both 御, but no spelling of one another; サーバ and サーバー are)."""
    word = folded(token.normalized if token.known else token.surface)
    return word, token.inflection, folded(token.reading).replace("ー", "").translate(_LARGE_KANA)


def collect(bodies: Iterable[tuple[str, str]], tokenize: Tokenize, min_count: int = 1) -> list[Group]:
    """The groups of spellings in `bodies` ((draft, body) pairs): only spellings used at least
    `min_count` times, only words with two or more of them; the most used groups first. Each
    variant says where its pattern would match besides the words it stands for."""
    counts: dict[Key, dict[str, int]] = {}
    drafts: dict[tuple[Key, str], set[str]] = {}
    spans: dict[tuple[Key, str], set[int]] = {}  # where each spelling was read as this word, in `whole`
    standard: dict[Key, str] = {}
    keys: dict[tuple[str, str, str, bool, str], Key | None] = {}  # words repeat: each judged once
    texts, offset = [], 0
    for rel, body in bodies:
        text = prose(body)
        for token in tokenize(text):
            word = token[:5]
            if word not in keys:
                keys[word] = word_key(token) if is_word(token.surface) else None
            key = keys[word]
            if key is None:
                continue
            forms = counts.setdefault(key, {})
            forms[token.surface] = forms.get(token.surface, 0) + 1
            drafts.setdefault((key, token.surface), set()).add(rel)
            spans.setdefault((key, token.surface), set()).add(offset + token.start)
            standard.setdefault(key, token.normalized)
        texts.append(text)
        offset += len(text) + 1
    whole = "\n".join(texts)
    groups = []
    for key, forms in counts.items():
        kept = [Form(text, n, tuple(sorted(drafts[key, text]))) for text, n in forms.items() if n >= min_count]
        if len(kept) >= 2:
            # the most used first; a tie goes to the dictionary's own spelling, then to code point order
            kept.sort(key=functools.partial(_rank, standard[key]))
            group = Group(kept[0], tuple(kept[1:]))
            variants = tuple(_strays(v, group, whole, spans[key, v.text]) for v in group.variants)
            groups.append(group._replace(variants=variants))
    groups.sort(key=lambda g: (-g.uses, g.expected.text))
    return groups


def _strays(form: Form, group: Group, whole: str, words: set[int]) -> Form:
    """`form` with the matches of its pattern in `whole` other than where it was read as this word
    (`words`): inside another word, or the same spelling read as another word (かけ of 欠ける for a
    rule of 掛ける)."""
    stray = [m for m in python_regex(pattern(form.text, group)).finditer(whole) if m.start() not in words]
    if not stray:
        return form
    first = stray[0]
    example = whole[max(first.start() - 3, 0) : first.end() + 3].replace("\n", " ")
    return form._replace(stray=len(stray), stray_example=example)


def python_regex(prh_pattern: str) -> re.Pattern[str]:
    """A pattern of ours as prh reads it, in Python: `/.../` a regex, else the string itself. The
    regexes use escapes, lookarounds and `\\b`, ASCII in JavaScript (re.ASCII here)."""
    found = re.fullmatch(r"/(.*)/", prh_pattern, re.DOTALL)
    return re.compile(found[1] if found else re.escape(prh_pattern), re.ASCII)


# the kinds of variation, as the comments name them (the key of each text in i18n)
WIDTH, CASE, LONG_VOWEL, KANA, OKURIGANA, KANJI, SCRIPT, OTHER = (
    "width",
    "case",
    "long-vowel",
    "kana",
    "okurigana",
    "kanji",
    "script",
    "other",
)


def kind(form: str, expected: str) -> str:
    """How a spelling differs from the expected one (the first that explains it)."""
    a, b = unicodedata.normalize("NFKC", form), unicodedata.normalize("NFKC", expected)
    if a == b:
        return WIDTH
    if a.casefold() == b.casefold():
        return CASE
    if a.replace("ー", "") == b.replace("ー", ""):
        return LONG_VOWEL
    if _hiragana(a) == _hiragana(b):
        return KANA  # ひらがな / カタカナ
    kanji_a, kanji_b = _kanji(a), _kanji(b)
    if kanji_a and kanji_a == kanji_b:
        return OKURIGANA  # the same kanji, other kana around them
    if bool(kanji_a) != bool(kanji_b):
        return KANJI  # one written in kana, one with kanji
    if _latin(a) != _latin(b):
        return SCRIPT  # Web / ウェブ
    return OTHER  # 付属 / 附属, シュミレーション / シミュレーション


def _hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def _kanji(text: str) -> str:
    return "".join(c for c in text if unicodedata.name(c, "").startswith("CJK ") or c in "々〆")


def _latin(text: str) -> bool:
    return any(c.isascii() and c.isalpha() for c in text)


def js_escaped(text: str) -> str:
    """`text` as a JavaScript regular expression that matches it literally."""
    return "".join("\\" + c if c in _JS_SPECIAL else c for c in text)


def _word_char(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c == "_")


def pattern(form: str, group: Group) -> str:
    """The prh pattern of a variant: the plain string, or `/regex/` where it needs one: `\\b` at an
    ASCII word edge (prh's own `wordBoundary` is ASCII too) so Ok is not found in Okinawa, and a
    lookaround for each place it lies inside another spelling of the group (サーバ inside the
    expected サーバー), so the rule never rewrites that spelling."""
    lead = "\\b" if _word_char(form[0]) else ""
    trail = "\\b" if _word_char(form[-1]) else ""
    body = js_escaped(form)
    places = [
        (other[:i], other[i + len(form) :])
        for other in (group.expected.text, *(v.text for v in group.variants))
        if other != form
        for i in _occurrences(other, form)
    ]
    if not places and not lead and not trail and not re.fullmatch(r"/.*/[gimy]*", form, re.DOTALL):
        return form
    if len(places) == 1 and not places[0][0]:  # a start of another spelling: not followed by its rest
        return f"/{lead}{body}{trail}(?!{js_escaped(places[0][1])})/"
    if len(places) == 1 and not places[0][1]:  # an end of another spelling: not preceded by its start
        return f"/(?<!{js_escaped(places[0][0])}){lead}{body}{trail}/"
    guards = "".join(f"(?!{_behind(before)}{body}{js_escaped(after)})" for before, after in places)
    return f"/{guards}{lead}{body}{trail}/"


def _behind(text: str) -> str:
    return f"(?<={js_escaped(text)})" if text else ""


def _occurrences(text: str, part: str) -> Iterator[int]:
    """Every index where `part` starts in `text`, overlapping ones too."""
    start = text.find(part)
    while start >= 0:
        yield start
        start = text.find(part, start + 1)


def specs(group: Group) -> list[tuple[str, str]]:
    """(from, to) pairs prh checks when it loads the rule: each variant becomes the expected
    spelling, and a spelling a pattern lies inside is left as it should be."""
    expected = group.expected.text
    pairs = [(v.text, expected) for v in group.variants]
    if any(v.text in expected for v in group.variants):
        pairs.append((expected, expected))
    return pairs


def rules(groups: list[Group]) -> list[dict[str, object]]:
    """The prh rules, as plain data."""
    return [
        {
            "expected": g.expected.text,
            "patterns": [pattern(v.text, g) for v in g.variants],
            "specs": [{"from": a, "to": b} for a, b in specs(g)],
        }
        for g in groups
    ]


def render_json(groups: list[Group]) -> str:
    """The prh dictionary as JSON (prh reads JSON as YAML), with what the YAML's comments say
    under `variants`, a key prh does not read."""
    evidence = [
        {
            "expected": g.expected.text,
            "forms": [
                {
                    "form": f.text,
                    "kind": None if f is g.expected else kind(f.text, g.expected.text),
                    "count": f.uses,
                    "drafts": list(f.drafts),
                    "elsewhere": f.stray,
                }
                for f in (g.expected, *g.variants)
            ],
        }
        for g in groups
    ]
    document = {"version": 1, "rules": rules(groups), "variants": evidence}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_yaml(groups: list[Group], drafts: int, lang: str) -> str:
    """The prh dictionary as YAML, each rule with comments on where its spellings are used."""
    header = t("terms-header", drafts=tn("n-drafts", drafts).get(lang)).get(lang)
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    lines.append("version: 1")
    if not groups:
        lines += [f"# {t('terms-none').get(lang)}", "rules: []"]
    else:
        lines.append("rules:")
    for group in groups:
        lines.append(f"  # {_evidence(group.expected, None, lang)}")
        lines.append(f"  - expected: {scalar(group.expected.text)}")
        lines.append("    patterns:")
        for variant in group.variants:
            lines.append(f"      # {_evidence(variant, kind(variant.text, group.expected.text), lang)}")
            lines.append(f"      - {scalar(pattern(variant.text, group))}")
        lines.append("    specs:")
        for a, b in specs(group):
            lines += [f"      - from: {scalar(a)}", f"        to: {scalar(b)}"]
    return "\n".join(lines) + "\n"


def _evidence(form: Form, how: str | None, lang: str) -> str:
    """A comment's text: the spelling, how it differs, how often, where. One line whatever the
    spelling or a draft's name holds: every hidden character, line breaks too, as <U+XXXX>."""
    where = short_list(list(form.drafts[:EXAMPLE_DRAFTS]), len(form.drafts)).get(lang)
    uses = tn("n-uses", form.uses).get(lang)
    text = t("terms-form", form=form.text, uses=uses, drafts=where).get(lang)
    if how is not None:
        text = f"{t(f'terms-kind-{how}').get(lang)}: {text}"
    if form.stray:
        text += t("terms-stray", example=form.stray_example, times=tn("n-times", form.stray).get(lang)).get(lang)
    return visible(text)


# characters a YAML scalar shows as they are: printable, and no line break YAML 1.1 knows
# (NEL, LINE and PARAGRAPH SEPARATOR) nor a byte order mark
def _plain_char(c: str) -> bool:
    return c.isprintable() and c not in "\x85\u2028\u2029\ufeff"


def scalar(text: str) -> str:
    """`text` as a YAML scalar read back exactly: single-quoted, or double-quoted with escapes
    when it holds a character that must not be written as itself (a control character, a line
    break)."""
    if all(_plain_char(c) for c in text):
        return "'" + text.replace("'", "''") + "'"
    return '"' + "".join(_escaped(c) for c in text) + '"'


def _escaped(c: str) -> str:
    if c in '"\\':
        return "\\" + c
    if _plain_char(c):
        return c
    code = ord(c)
    return f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}"
