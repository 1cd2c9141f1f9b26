"""PSH120: the brand dictionaries' wording (prh YAML, project/dictionaries.py) in the body.

Each match is reported with the preferred form and the dictionary's own note, at its place in the
body as the other body rules give it; the hit keeps the replacement and the match's offsets in the
body, so that a fix can apply it. prh's rules decide what is a match (and which of overlapping
matches counts); one whose replacement is the text as written is no finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from pasha_cli.characters import line_column
from pasha_cli.project.terms import CONTENT_MAX_CHARS
from pasha_cli.rules.base import WARNING, Context, Hit, L, rule

MAX_FINDINGS = 100  # a draft: a body that far from the dictionary needs a rewrite, not a list


@rule(
    "PSH120",
    "dictionary-wording",
    WARNING,
    summary=L(
        "本文の表記が、pasha.toml の dictionaries（prh 形式の表記ゆれ辞書: 商品名、ブランド名、表記統一）の"
        "とおりか検査します。",
        "Checks the body's wording against the project's brand dictionaries (`dictionaries` in pasha.toml, in "
        "prh's YAML format: product and brand names, the house spelling).",
    ),
    why=L(
        "ブランド名や商標の表記がぶれると、検索で見つからず、ブランドの信頼も損ないます。辞書はチームの決めた表記です。",
        "A brand or trademark spelled several ways is harder to find and looks careless: the dictionary is the "
        "spelling the team agreed on.",
    ),
    fix=L(
        "示された表記に直してください。辞書が誤っている場合は辞書のルール（示されたファイルと行）を直します。",
        "Write the form shown, or correct the dictionary's rule (at the file and line shown) if it is wrong.",
    ),
    messages={
        "default": L(
            "本文 {line} 行 {column} 文字目の「{wording}」は「{expected}」と書きます（{dictionary}:{rule_line}）",
            '"{wording}" in the body at line {line}, column {column}: write "{expected}" ({dictionary}:{rule_line})',
        ),
        "note": L(
            "本文 {line} 行 {column} 文字目の「{wording}」は「{expected}」と書きます: {note}（{dictionary}:{rule_line}）",
            '"{wording}" in the body at line {line}, column {column}: write "{expected}": {note} '
            "({dictionary}:{rule_line})",
        ),
        "slow": L(
            "辞書のルール {dictionary}:{rule_line} の照合が時間内に終わらず、本文を検査できませんでした。人が確認してください",
            "the dictionary rule {dictionary}:{rule_line} could not be matched against this body in time: check it "
            "by hand",
        ),
    },
)
def dictionary_wording(ctx: Context) -> Iterator[Hit]:
    for draft in ctx.target_drafts:
        rules = ctx.config.wording_rules(draft.account)
        if not rules or not draft.body:
            continue
        # a project with dictionaries loaded this module already (config.py); the others never need it
        from pasha_cli.project.dictionaries import find

        body = draft.body[:CONTENT_MAX_CHARS]
        found = find(rules, body)
        for slow in found.slow:
            args = {"dictionary": slow.file, "rule_line": slow.line}
            yield Hit(draft, "body", args, "slow", draft.source.key("/body"))
        for diff in found.diffs[:MAX_FINDINGS]:
            line, column = line_column(body, diff.start)
            args = {
                "wording": diff.wording,
                "expected": diff.replacement,
                "note": diff.rule.note,
                "dictionary": diff.rule.file,
                "rule_line": diff.rule.line,
                "line": line,
                "column": column,
                "start": diff.start,
                "end": diff.end,
            }
            message = "note" if diff.rule.note else "default"
            start, end = draft.source.body_span(diff.start, diff.end)
            yield Hit(draft, "body", args, message, start, end=end)
