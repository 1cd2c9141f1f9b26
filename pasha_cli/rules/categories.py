"""PSH650-PSH653: product-category expression lists, opt-in (issue 15, item 6).

An account declares its product category in pasha.toml (`category = "cosmetics"`), and a draft may
override it (`category:`). Only then is that category's expression list read and compiled: a draft
without a category (or `general`) loads nothing. The lists are terms of the kind the claim rules use
(project/terms.py), shipped in their own dated file (data/categories-*.toml), each entry naming the
government document it was written from and when it was reviewed; a project adds its own (a term
file's entries with `categories`) and disables shipped ones by id (`[content] disable`).

One code per kind of restriction, so that a reviewed exception (`allow:`) and a severity override
name what was reviewed: PSH650 a cosmetic's or quasi-drug's efficacy beyond its permitted range,
PSH651 maximal expressions, guarantees and endorsements for them, PSH652 a food's disease or
medicinal claim, PSH653 a food's health-function claim (which only a 特定保健用食品's approved or a
機能性表示食品's notified wording may carry). Each rule matches on its own, overlapping wording of
one rule being one finding; a health-function claim inside a disease claim (血圧が改善 in 高血圧が改善)
is the disease claim's alone (PSH652), since no notification covers it.

These rules never say copy is lawful or unlawful, and never suggest a replacement wording (a "safe"
rewrite for a cosmetic can itself be beyond its range): they point at wording for a human's check
and name the basis. No findings does not mean the copy is lawful.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from pasha_cli.characters import line_column
from pasha_cli.i18n import t
from pasha_cli.model import CATEGORIES, GENERAL
from pasha_cli.project.drafts import Draft
from pasha_cli.project.terms import CATEGORY_RULES, CONTENT_MAX_CHARS, Match, Normal, Term, matcher_for, normalise
from pasha_cli.rules.base import WARNING, Context, Hit, L, rule

MAX_FINDINGS = 50  # of one rule in one draft: a body full of such wording needs a review, not a list
SUBSUMED = {"function": "medicinal"}  # a rule's match inside a match of this rule is not reported


class Found(NamedTuple):
    """A draft's category and the category wording in its body, computed once per run."""

    category: str
    body: str  # the part of the body that is read (CONTENT_MAX_CHARS)
    normal: Normal
    hits: dict[str, list[Match]]  # by Term.rule
    slow: list[Term]  # terms that ran out of time on it (a project's own)


def category_of(ctx: Context, draft: Draft) -> str | None:
    """The draft's product category: its own `category`, else its account's; None for none or general.
    A draft's value that is not a category is PSH002's, and the account's is used."""
    value = draft.fields.get("category")
    if not (isinstance(value, str) and value in CATEGORIES):
        account = ctx.config.accounts.get(draft.account or "")
        value = account.category if account is not None else None
    return None if value in (None, GENERAL) else value


def found(ctx: Context, draft: Draft) -> Found | None:
    """What the category rules need of a draft (None: it declares no category, and nothing is read)."""

    def make() -> Found | None:
        category = category_of(ctx, draft)
        if category is None or not draft.body:
            return None
        terms = ctx.memo(("category-terms", category), lambda: ctx.config.content.category_terms(category))
        body = draft.body[:CONTENT_MAX_CHARS]
        normal = normalise(body)
        hits, slow = category_matches(terms, normal.text)
        return Found(category, body, normal, hits, slow)

    return ctx.memo(("category", draft.rel), make)


def category_matches(terms: tuple[Term, ...], normal: str) -> tuple[dict[str, list[Match]], list[Term]]:
    """Each category rule's matches in a normalised body (SUBSUMED applied), and the terms that ran
    out of time on it."""
    hits: dict[str, list[Match]] = {}
    slow: list[Term] = []
    for kind in CATEGORY_RULES:
        found, late = matcher_for(tuple(t for t in terms if t.rule == kind)).matches(normal)
        hits[kind], slow = found, slow + late
    for kind, over in SUBSUMED.items():
        hits[kind] = [h for h in hits[kind] if not any(o.start < h.end and h.start < o.end for o in hits[over])]
    return hits, slow


def _hits(ctx: Context, kind: str) -> Iterator[Hit]:
    """The findings of the category rule whose terms are of `kind` (Term.rule)."""
    for draft in ctx.target_drafts:
        where = found(ctx, draft)
        if where is None:
            continue
        if where.slow:
            ctx.out_of_time(draft)
        for term in where.slow:
            if term.rule == kind:
                yield Hit(draft, "body", {"term": term.id}, "slow")
        for hit in where.hits[kind][:MAX_FINDINGS]:
            start, end = where.normal.span(hit.start, hit.end)
            line, column = line_column(where.body, start)
            args = {
                "wording": where.body[start:end],
                "label": hit.term.label,
                "category": t(f"category-{where.category}"),
                "basis": hit.term.basis,
                "line": line,
                "column": column,
            }
            at, stop = draft.source.body_span(start, end)
            yield Hit(draft, "body", args, position=at, end=stop)


@rule(
    "PSH650",
    "beyond-efficacy-range",
    WARNING,
    summary=L(
        "化粧品・医薬部外品の投稿の本文に、効能として認められた範囲を超える表現（シミが消える、シワがなくなる、ニキビが"
        "治る、アトピーに、肌が再生、細胞から、若返り など）がないか検査します。化粧品では美白・シワ改善・育毛・痩身も"
        "指摘します（承認を受けた医薬部外品の効能効果です）。"
        "pasha.toml のアカウントの category（または下書きの category:）が cosmetics か quasi_drug のときだけ検査します。",
        "Checks the body of a cosmetics or quasi-drug post for efficacy beyond the permitted range (シミが消える, "
        "シワがなくなる, ニキビが治る, アトピーに, 肌が再生, 細胞から, 若返り, ...); for cosmetics also 美白, "
        "シワ改善, 育毛 and 痩身 (the approved efficacy of a quasi-drug). "
        "Runs only when the account's `category` in pasha.toml (or the draft's `category:`) is cosmetics or quasi_drug.",
    ),
    why=L(
        "化粧品が表示できる効能は「化粧品の効能の範囲」（平成23年7月21日 薬食発0721第1号、56項目）に、医薬部外品は"
        "承認された効能効果に限られ、それを超える広告は医薬品医療機器等法第66条・医薬品等適正広告基準に触れるおそれが"
        "あります。楽天の審査は内容を確認しません。"
        "pasha は文言が適法かどうかを判断せず、言い換えの文言も示しません（言い換えそのものが範囲を超えることがあります）。"
        "指摘がないことは、文言が法令に適合していることを意味しません。",
        "A cosmetic may claim only the efficacy in 化粧品の効能の範囲 (薬食発0721第1号 of 2011-07-21, 56 items) "
        "and a quasi-drug only its approved efficacy; advertising beyond them risks 医薬品医療機器等法 article 66 "
        "and the 医薬品等適正広告基準. Rakuten's review does not look at content. "
        "pasha does not judge whether copy is lawful and suggests no other wording (a rewrite can itself go beyond "
        "the range). No findings does not mean the copy is lawful.",
    ),
    fix=L(
        "指摘の文言と根拠の文書を照らして人が確認してください。確認の結果そのままにするなら、allow: にこのコードと理由"
        "（確認者と日付など）を記録します。リストの項目がこの商品に当たらないなら、pasha.toml の [content] disable に"
        "その id を書けます。",
        "Have a human check the wording against the document named. If it stands after review, record that in "
        "`allow:` with this code and the reason (who reviewed it and when). An entry that does not fit the product "
        "can be switched off by its id in [content] disable in pasha.toml.",
    ),
    messages={
        "default": L(
            "本文 {line} 行 {column} 文字目の「{wording}」（{label}）: {category}の効能の範囲を超える表現でないか、人が"
            "確認してください（根拠: {basis}）",
            '"{wording}" ({label}) in the body at line {line}, column {column}: have a human check that it stays '
            "within the efficacy a {category} product may claim (basis: {basis})",
        ),
        "slow": L(
            "用語 {term} の照合が時間内に終わらず、本文を検査できませんでした。人が確認してください",
            "the term {term} could not be matched against this body in time: check the body by hand",
        ),
    },
    reads=(),
)
def beyond_efficacy_range(ctx: Context) -> Iterator[Hit]:
    return _hits(ctx, "efficacy")


@rule(
    "PSH651",
    "maximal-efficacy-expression",
    WARNING,
    summary=L(
        "化粧品・医薬部外品の投稿の本文に、効能や安全性の最大級の表現・保証（最高の効き目、最強、絶対、安全性は確認済み、"
        "副作用なし）、効き目の速さ（即効）、医師などの推薦（医師も推薦）がないか検査します。"
        "pasha.toml のアカウントの category（または下書きの category:）が cosmetics か quasi_drug のときだけ検査します。",
        "Checks the body of a cosmetics or quasi-drug post for maximal expressions and guarantees of efficacy or "
        "safety (最高の効き目, 最強, 絶対, 安全性は確認済み, 副作用なし), speed (即効) and endorsements by doctors "
        "and the like (医師も推薦). "
        "Runs only when the account's `category` in pasha.toml (or the draft's `category:`) is cosmetics or quasi_drug.",
    ),
    why=L(
        "医薬品等適正広告基準（平成29年9月29日 薬生発0929第4号）は、効能効果や安全性の保証・最大級の表現、医薬関係者"
        "の推薦を、根拠の有無にかかわらず制限しています（根拠の記録で足りる PSH601 とは別の確認です）。"
        "pasha は文言が適法かどうかを判断せず、言い換えの文言も示しません（言い換えそのものが範囲を超えることがあります）。"
        "指摘がないことは、文言が法令に適合していることを意味しません。",
        "The 医薬品等適正広告基準 (薬生発0929第4号 of 2017-09-29) restricts guarantees and maximal expressions of "
        "efficacy or safety, and endorsements by medical professionals, whatever their basis (a check apart from "
        "PSH601's recorded evidence). "
        "pasha does not judge whether copy is lawful and suggests no other wording (a rewrite can itself go beyond "
        "the range). No findings does not mean the copy is lawful.",
    ),
    fix=L(
        "指摘の文言と根拠の文書を照らして人が確認してください。確認の結果そのままにするなら、allow: にこのコードと理由"
        "（確認者と日付など）を記録します。リストの項目がこの商品に当たらないなら、pasha.toml の [content] disable に"
        "その id を書けます。",
        "Have a human check the wording against the document named. If it stands after review, record that in "
        "`allow:` with this code and the reason (who reviewed it and when). An entry that does not fit the product "
        "can be switched off by its id in [content] disable in pasha.toml.",
    ),
    messages={
        "default": L(
            "本文 {line} 行 {column} 文字目の「{wording}」（{label}）: {category}の広告で制限される表現でないか、人が"
            "確認してください（根拠: {basis}）",
            '"{wording}" ({label}) in the body at line {line}, column {column}: have a human check it, as an '
            "expression restricted in {category} advertising (basis: {basis})",
        ),
        "slow": L(
            "用語 {term} の照合が時間内に終わらず、本文を検査できませんでした。人が確認してください",
            "the term {term} could not be matched against this body in time: check the body by hand",
        ),
    },
    reads=(),
)
def maximal_efficacy_expression(ctx: Context) -> Iterator[Hit]:
    return _hits(ctx, "maximal")


@rule(
    "PSH652",
    "medicinal-claim-for-food",
    WARNING,
    summary=L(
        "食品・健康食品の投稿の本文に、病気の治療や予防（糖尿病、高血圧が改善、がんに効く、便秘解消）や、体の機能の"
        "増強（疲労回復、免疫力アップ、血液サラサラ、デトックス）をうたう医薬品的な表現がないか検査します。"
        "「治療中の方は医師にご相談ください」のような注意書きは数えません。"
        "pasha.toml のアカウントの category（または下書きの category:）が health_food か food のときだけ検査します。",
        "Checks the body of a food or health-food post for medicinal claims: treating or preventing a disease "
        "(糖尿病, 高血圧が改善, がんに効く, 便秘解消) or enhancing the body's functions (疲労回復, 免疫力アップ, "
        "血液サラサラ, デトックス). A caution such as 治療中の方は医師にご相談ください is not one. "
        "Runs only when the account's `category` in pasha.toml (or the draft's `category:`) is health_food or food.",
    ),
    why=L(
        "食品に医薬品的な効能効果を表示すると、46通知（昭和46年6月1日 薬発第476号）の「医薬品の範囲に関する基準」に"
        "より無承認の医薬品とみなされるおそれがあり（医薬品医療機器等法第68条）、健康増進法第65条の誇大表示にも"
        "当たりえます。特定保健用食品・機能性表示食品でも、病気の治療や予防はうたえません。"
        "pasha は文言が適法かどうかを判断せず、言い換えの文言も示しません（言い換えそのものが範囲を超えることがあります）。"
        "指摘がないことは、文言が法令に適合していることを意味しません。",
        "A medicinal claim can make a food an unapproved drug under the 46通知's 医薬品の範囲に関する基準 "
        "(薬発第476号 of 1971-06-01; 医薬品医療機器等法 article 68), and an exaggerated health claim under "
        "健康増進法 article 65. Not even a 特定保健用食品 or 機能性表示食品 may claim to treat or prevent a "
        "disease. "
        "pasha does not judge whether copy is lawful and suggests no other wording (a rewrite can itself go beyond "
        "the range). No findings does not mean the copy is lawful.",
    ),
    fix=L(
        "指摘の文言と根拠の文書を照らして人が確認してください。確認の結果そのままにするなら、allow: にこのコードと理由"
        "（確認者と日付など）を記録します。リストの項目がこの商品に当たらないなら、pasha.toml の [content] disable に"
        "その id を書けます。",
        "Have a human check the wording against the document named. If it stands after review, record that in "
        "`allow:` with this code and the reason (who reviewed it and when). An entry that does not fit the product "
        "can be switched off by its id in [content] disable in pasha.toml.",
    ),
    messages={
        "default": L(
            "本文 {line} 行 {column} 文字目の「{wording}」（{label}）: {category}に医薬品的な効能効果をうたう表現でないか、"
            "人が確認してください（根拠: {basis}）",
            '"{wording}" ({label}) in the body at line {line}, column {column}: have a human check that it does not '
            "claim a medicinal effect for a {category} product (basis: {basis})",
        ),
        "slow": L(
            "用語 {term} の照合が時間内に終わらず、本文を検査できませんでした。人が確認してください",
            "the term {term} could not be matched against this body in time: check the body by hand",
        ),
    },
    reads=(),
)
def medicinal_claim_for_food(ctx: Context) -> Iterator[Hit]:
    return _hits(ctx, "medicinal")


@rule(
    "PSH653",
    "health-function-claim",
    WARNING,
    summary=L(
        "食品・健康食品の投稿の本文に、健康の保持増進の効果の表示（痩せる、脂肪燃焼、血糖値を下げる、血圧が高めの方に、"
        "おなかの調子を整える、睡眠の質、免疫機能の維持 など）がないか検査します。"
        "pasha.toml のアカウントの category（または下書きの category:）が health_food か food のときだけ検査します。",
        "Checks the body of a food or health-food post for health-function claims (痩せる, 脂肪燃焼, 血糖値を下げる, "
        "血圧が高めの方に, おなかの調子を整える, 睡眠の質, 免疫機能の維持, ...). "
        "Runs only when the account's `category` in pasha.toml (or the draft's `category:`) is health_food or food.",
    ),
    why=L(
        "こうした表示ができるのは、特定保健用食品の許可（健康増進法第43条）や機能性表示食品の届出の表示内容の範囲だけ"
        "です。それ以外の食品や、届出と違う文言は、健康増進法第65条と消費者庁「健康食品に関する景品表示法及び健康増進法上"
        "の留意事項」（令和4年12月5日全部改定）に照らして確認が要ります。"
        "pasha は文言が適法かどうかを判断せず、言い換えの文言も示しません（言い換えそのものが範囲を超えることがあります）。"
        "指摘がないことは、文言が法令に適合していることを意味しません。",
        "Only a 特定保健用食品 within its approval (健康増進法 article 43) or a 機能性表示食品 within its "
        "notification may make such a claim; any other food, or other wording, needs checking against 健康増進法 "
        "article 65 and the 消費者庁's 健康食品に関する景品表示法及び健康増進法上の留意事項 (fully revised 2022-12-05). "
        "pasha does not judge whether copy is lawful and suggests no other wording (a rewrite can itself go beyond "
        "the range). No findings does not mean the copy is lawful.",
    ),
    fix=L(
        "商品が特定保健用食品か機能性表示食品なら、許可・届出の表示内容と文言を照らして確認し、allow: にこのコードと理由"
        "（届出番号・許可番号、確認者と日付）を記録してください。そうでなければ人が表現を確認してください。リストの項目が"
        "この商品に当たらないなら、pasha.toml の [content] disable にその id を書けます。",
        "If the product is a 特定保健用食品 or a 機能性表示食品, check the wording against its approval or "
        "notification and record that in `allow:` with this code and the reason (the notification or approval "
        "number, who checked it and when); otherwise have a human review the wording. An entry that does not fit "
        "the product can be switched off by its id in [content] disable in pasha.toml.",
    ),
    messages={
        "default": L(
            "本文 {line} 行 {column} 文字目の「{wording}」（{label}）は健康の保持増進の効果の表示です。特定保健用食品の許可"
            "または機能性表示食品の届出の表示内容どおりか確認し、その番号を記録してください（{category}、根拠: {basis}）",
            '"{wording}" ({label}) in the body at line {line}, column {column} is a health-function claim: check it '
            "against the product's 特定保健用食品 approval or 機能性表示食品 notification and record its number "
            "({category}; basis: {basis})",
        ),
        "slow": L(
            "用語 {term} の照合が時間内に終わらず、本文を検査できませんでした。人が確認してください",
            "the term {term} could not be matched against this body in time: check the body by hand",
        ),
    },
    reads=(),
)
def health_function_claim(ctx: Context) -> Iterator[Hit]:
    return _hits(ctx, "function")
