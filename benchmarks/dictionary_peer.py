"""The JavaScript regex translation (project/jsregex.py) against V8 itself, on generated patterns and texts.

prh compiles every dictionary pattern as a JavaScript RegExp with the flags `gmu` (`gimu` with i);
pasha translates each to a `regex` pattern. This runs the same patterns on the same texts in Node.js
(V8, the engine prh runs on) and in pasha, and compares every match: its span (in UTF-16 units, as
JavaScript counts) and its groups. Patterns are drawn from a grammar of the constructs dictionaries
use and the ones whose meaning differs between the engines (shorthands, boundaries, line
terminators, classes, look-arounds, back-references, case-insensitivity, quantifiers); texts mix
ASCII, full-width forms, kana, kanji, Arabic digits, odd spaces (U+FEFF, U+0085, U+3000) and the four
line terminators. The patterns and texts are generated from a seed the translation was not tuned
on (the tests' own cases were written first).

A group that did not take part is compared as the empty text: V8 leaves a group that matched
nothing in an optional or repeated atom undefined where Python has "", and prh cannot tell the two
apart (`$n` is filled with `|| ""`, regexpMustEmpty tests truthiness, a back-reference to either
matches the empty text).

Counts: patterns both accept and agree on every text; patterns both accept that disagree on some
text (each a bug: printed); patterns V8 accepts and pasha refuses (a loss: a dictionary prh reads
and pasha does not); patterns V8 refuses and pasha accepts (must be none: pasha would read a file
prh cannot).

Needs Node.js on PATH (`apt-get install nodejs`; any version with named groups and look-behind, 10+).

    python3 benchmarks/dictionary_peer.py [--patterns 3000] [--seed 16]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pasha_cli.project.jsregex import JsSyntaxError, translate

ATOMS = [
    "a",
    "b",
    "A",
    "z",
    "1",
    "9",
    "_",
    "-",
    "ー",
    "あ",
    "カ",
    "ｶ",
    "漢",
    "Ａ",
    "ａ",
    "１",
    "é",
    "ſ",
    "K",
    "K",
    "σ",
    "ς",
    "Σ",
    " ",
    ".",
    "\\d",
    "\\D",
    "\\w",
    "\\W",
    "\\s",
    "\\S",
    "\\b",
    "\\B",
    "^",
    "$",
    "[a-z]",
    "[^a-z]",
    "[\\d\\s]",
    "[\\W]",
    "[ぁ-ん]",
    "[^\\w\\s]",
    "\\u3000",
    "\\uFEFF",
    "\\u{1F600}",
    "\\x41",
    "\\n",
    "\\(",
    "\\.",
    "\\/",
    "[-a]",
    "[\\-]",
    "\\p{Script=Han}",
    "\\p{L}",
    "\\P{N}",
    "\\-",
    "a{",
    "}",
    "(?i:a)",
    "\\k<n>",
    "\\2",
]
QUANTIFIERS = ["", "", "", "*", "+", "?", "{2}", "{1,3}", "*?", "+?", "++", "{2,1}"]
TEXT_PARTS = [
    "abc",
    "ABC",
    "ａｂｃ",
    "123",
    "１２３",
    "٣٤",
    "_",
    "-",
    "ー",
    "カタカナ",
    "ｶﾀｶﾅ",
    "漢字",
    "ひらがな",
    " ",
    "\u3000",
    "\ufeff",
    "\u0085",
    "\n",
    "\r",
    "\u2028",
    "\u2029",
    "\r\n",
    "é",
    "ſ",
    "K",
    "σς",
    "Σ",
    "😀",
    "(x)",
    ".",
    "/",
]

JS = """
const vm = require('vm');
const cases = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const run = `texts.map(t => { const res = []; r.lastIndex = 0; let m;
  while ((m = r.exec(t))) { if (m[0] === '') { r.lastIndex++; continue; }
    res.push([m.index, m[0].length, m.slice(1).map(g => g === undefined ? '' : g)]); }
  return res; })`;
const out = cases.map(([src, flags, texts]) => {
  let r;
  try { r = new RegExp(src, 'gmu' + flags); } catch (e) { return null; }
  if (r.test('')) return 'empty';  // prh never finishes on such a pattern; pasha refuses it at load
  try { return vm.runInNewContext(run, {r, texts}, {timeout: 1000}); } catch (e) { return 'slow'; }
});
console.log(JSON.stringify(out));
"""


def pattern(rng: random.Random, depth: int = 0) -> str:
    parts = []
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        if roll < 0.15 and depth < 2:
            head = rng.choice(["(", "(?:", "(?=", "(?!", "(?<=", "(?<!", "(?<n>"])
            inner = pattern(rng, depth + 1)
            if rng.random() < 0.3:
                inner += "|" + pattern(rng, depth + 1)
            atom = head + inner + ")"
        else:
            atom = rng.choice(ATOMS)
        parts.append(atom + rng.choice(QUANTIFIERS))
    if depth == 0 and rng.random() < 0.2:
        parts.insert(0, "(a)?")
        parts.append("\\1")
    return "".join(parts)


def text(rng: random.Random) -> str:
    return "".join(rng.choice(TEXT_PARTS) for _ in range(rng.randint(2, 12)))


def units(value: str, index: int) -> int:
    return len(value[:index].encode("utf-16-le")) // 2


def ours(src: str, flags: str, texts: list[str]) -> list[list[list[object]]] | None:
    import regex

    try:
        done = translate(src, "i" in flags)
        compiled = regex.compile(done.pattern, regex.V0 | (regex.IGNORECASE if "i" in flags else 0))
    except (JsSyntaxError, regex.error):
        return None
    return [
        [
            [units(t, m.start()), units(t, m.end()) - units(t, m.start()), [g or "" for g in m.groups()]]
            for m in compiled.finditer(t, timeout=1)
            if m.end() > m.start()
        ]
        for t in texts
    ]


def _ours_or_slow(src: str, flags: str, texts: list[str]) -> list[list[list[object]]] | str | None:
    try:
        return ours(src, flags, texts)
    except TimeoutError:
        return "slow"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patterns", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    node = shutil.which("node") or sys.exit("needs Node.js: apt-get install nodejs")
    rng = random.Random(args.seed)
    cases = []
    for _ in range(args.patterns):
        cases.append([pattern(rng), rng.choice(["", "", "i"]), [text(rng) for _ in range(6)]])
    folder = Path(tempfile.mkdtemp(prefix="pasha-jsregex-"))
    (folder / "cases.json").write_text(json.dumps(cases), "utf-8")
    (folder / "run.js").write_text(JS, "utf-8")
    done = subprocess.run([node, str(folder / "run.js"), str(folder / "cases.json")], capture_output=True, check=True)
    v8 = json.loads(done.stdout)
    agree = differ = lost = extra = slow = empty = 0
    for (src, flags, texts), theirs in zip(cases, v8, strict=True):
        mine = _ours_or_slow(src, flags, texts)
        if theirs is None and mine is None:
            continue
        if theirs == "empty":
            empty += 1
            continue
        if "slow" in (theirs, mine):  # a catastrophic pattern: no answer to compare in time
            slow += 1
            continue
        if theirs is None:
            extra += 1
            print(f"pasha accepts what V8 refuses: /{src}/{flags}")
        elif mine is None:
            lost += 1
            print(f"refused by pasha, valid in V8: /{src}/{flags}")
        elif mine == theirs:
            agree += 1
        else:
            differ += 1
            print(
                f"differs: /{src}/{flags}: {json.dumps([t for t, a, b in zip(texts, mine, theirs, strict=True) if a != b])[:200]}"
            )
    both = sum(1 for t in v8 if t is not None)
    print(f"{args.patterns} patterns, {both} valid in V8 (gmu), {empty} of them matching the empty text (not compared)")
    print(f"agree on every text: {agree}   differ: {differ}   refused by pasha, valid in V8: {lost}")
    print(f"accepted by pasha, refused by V8: {extra} (must be 0)   too slow to compare (1 s): {slow}")


if __name__ == "__main__":
    main()
