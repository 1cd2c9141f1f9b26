"""Held-out check of the shipped price terms (PSH610): post texts written after the price terms and
tests/test_prices.py's table were final, never used to tune them. Prints, per text, the price claims
pasha reads against what a reviewer expects, then the false-positive rate (clean texts that give a
claim) and the misses.

No peer runs offline (the commercial 景表法 checkers are web services only): the numbers are pasha's
alone. Measured when written (2026-12-01, terms-2026-12, the set below, run once): 0 false positives
in 13 clean texts, 1 of 11 texts with claims missed (通常1袋398円のところ: a unit between the wording
and its price, which the comparison terms do not read).

    python3 benchmarks/price_holdout.py
"""

from __future__ import annotations

from pasha_cli.project.terms import shipped_terms
from pasha_cli.rules.prices import prices_in

# (text, whether a reviewer wants a price_basis asked for); written once, never tuned on
HOLDOUT = [
    ("新商品のプリン、1個250円（税込）で本日発売。", False),
    ("3,000円以上のお買い上げで送料無料になります。", False),
    ("価格改定のお知らせ：4月1日より1,200円→1,300円となります。", False),
    ("内容量を80g→100gに増量しました。", False),
    ("営業時間 10:00→11:00 に変更となります。", False),
    ("カロリー50%オフなのに、しっかり甘いゼリーです。", False),
    ("ポイント10倍キャンペーン開催中、1,980円のギフトセットにも。", False),
    ("定価でのご提供となりますが、おまけのサンプルをお付けします。", False),
    ("ご予約は2名→4名様まで承ります。", False),
    ("糖類ゼロ、脂質30%カットのヨーグルト。", False),
    ("お茶の葉の量を1.5倍→2倍にして濃いめに淹れるのがおすすめです。", False),
    ("初回限定価格 1,980円（税込）でお試しいただけます。", False),
    ("半分サイズのハーフボトルも登場。", False),
    ("夏のボーナスセール！全品20％ＯＦＦ", True),
    ("ハンドクリーム3本セット、通常価格2,970円→2,376円", True),
    ("お中元ギフト 早期ご予約で15%引き", True),
    ("今週末は缶ビールケースが3割引き！", True),
    ("ヘアオイル メーカー希望小売価格：¥4,400（税込）→ 当店価格 ¥3,520", True),
    ("期間限定で半額の500円！", True),
    ("定価2,200円の文旦ジャムを、アウトレット価格1,650円で。", True),
    ("訳あり品につき30％オフでご提供", True),
    ("通常1袋398円のところ、本日は298円", True),
    ("旧価格 980円 → 新価格 880円 に値下げしました", True),
    ("クーポン利用で最大50%OFF", True),
]


def main() -> None:
    terms = tuple(t for t in shipped_terms() if t.rule == "price")
    false_positives = misses = 0
    clean = sum(1 for _, want in HOLDOUT if not want)
    for text, want in HOLDOUT:
        found = prices_in(text, terms)
        got = [found.place(m)[0] for m in found.claims]
        false_positives += bool(got) and not want
        misses += want and not got
        mark = "ok  " if bool(got) == want else "DIFF"
        print(f"{mark} want {'claim' if want else '-'}  got {got or '-'}  {text}")
    print(
        f"false positives: {false_positives}/{clean} clean texts; missed: {misses}/{len(HOLDOUT) - clean} texts with claims"
    )


if __name__ == "__main__":
    main()
