"""Held-out check of `pasha terms`' grouping (pasha_cli/variants.py): pairs of spellings written after
the grouping and tests/test_variants.py were final, never used to tune it. Each spelling stands in a
sentence of its own, as in two drafts; a pair of variants should be grouped, a pair of different words
(homophones, synonyms, inflections) should not.

Side by side, on the same sentences and the same Sudachi analysis (SudachiPy 0.7.0, SudachiDict-core
20261015, short units), four ways to key a word:
  nfkc        NFKC + casefold of the surface: what can be done without an analyser (width, case)
  reading     Sudachi's reading and inflected form: groups every homophone
  normalized  Sudachi's normalized form and inflected form, no reading
  pasha       variants.word_key: the normalized form, the inflected form and the reading (long vowel
              marks and small kana aside)
No peer that finds variants runs here: textlint-rule-ja-no-orthographic-variants and
@textlint-ja/textlint-rule-no-synonyms are npm packages (no npm registry here), and yurenizer (PyPI)
needs SudachiDict-full and a synonym file from GitHub.

Measured when written (2026-12-02, the set below, the first run, nothing tuned after it):
  of 40 variant pairs grouped:            nfkc 7, reading 31, normalized 36, pasha 35
  of 20 pairs that must stay apart, grouped: nfkc 0, reading 11, normalized 3, pasha 2
pasha loses to `normalized` on ヴァイオリン / バイオリン (the readings differ in more than a long vowel
mark or small kana) and wins on お / ご (both 御, read differently). Both group 作る / 造る and
計る / 測る (Sudachi gives each pair one normalized form: 異字同訓, a choice of meaning, not of
spelling) and miss 事 / こと and メモリー / メモリ (two normalized forms). お勧め and 申し込む are no
word of their own in short units (お + 勧め, 申し + 込む): every method misses them.

    pip install '.[ja]' && python3 benchmarks/variants_holdout.py
"""

from __future__ import annotations

from collections.abc import Callable

from pasha_cli import variants
from pasha_cli.variants import Key, Token

# (spelling, its sentence, the other spelling, its sentence)
SAME = [
    ("子供", "子供向けの商品です。", "子ども", "子ども向けの商品です。"),
    ("友達", "友達と一緒に。", "友だち", "友だちと一緒に。"),
    ("出来る", "すぐに出来る料理。", "できる", "すぐにできる料理。"),
    ("有難う", "本当に有難うございました。", "ありがとう", "本当にありがとうございました。"),
    ("沢山", "沢山のご応募。", "たくさん", "たくさんのご応募。"),
    ("綺麗", "綺麗な色です。", "きれい", "きれいな色です。"),
    ("頂き", "ご来店頂きありがとうございます。", "いただき", "ご来店いただきありがとうございます。"),
    ("下さい", "お早めにお求め下さい。", "ください", "お早めにお求めください。"),
    ("事", "大切な事です。", "こと", "大切なことです。"),
    ("為", "安全の為に。", "ため", "安全のために。"),
    ("既に", "既に完売しました。", "すでに", "すでに完売しました。"),
    ("殆ど", "殆どの方が満足。", "ほとんど", "ほとんどの方が満足。"),
    ("宜しく", "宜しくお願いします。", "よろしく", "よろしくお願いします。"),
    ("引越し", "引越しの季節。", "引っ越し", "引っ越しの季節。"),
    ("売上", "売上が伸びました。", "売り上げ", "売り上げが伸びました。"),
    ("受付", "受付は10時から。", "受け付け", "受け付けは10時から。"),
    ("締切", "締切は明日です。", "締め切り", "締め切りは明日です。"),
    ("振込", "振込をお願いします。", "振り込み", "振り込みをお願いします。"),
    ("手続き", "手続きは簡単。", "手続", "手続は簡単。"),
    ("取り扱い", "取り扱い店舗。", "取扱い", "取扱い店舗。"),
    ("ユーザー", "ユーザーの声。", "ユーザ", "ユーザの声。"),
    ("コンピューター", "コンピューターで管理。", "コンピュータ", "コンピュータで管理。"),
    ("プリンター", "プリンターの用紙。", "プリンタ", "プリンタの用紙。"),
    ("メモリー", "メモリーを増設。", "メモリ", "メモリを増設。"),
    ("インターフェース", "インターフェースを改善。", "インタフェース", "インタフェースを改善。"),
    ("バイオリン", "バイオリンの演奏。", "ヴァイオリン", "ヴァイオリンの演奏。"),
    ("ウェブ", "ウェブで予約。", "ウエブ", "ウエブで予約。"),
    ("メール", "メールで連絡。", "ﾒｰﾙ", "ﾒｰﾙで連絡。"),
    ("セット", "お得なセット。", "ｾｯﾄ", "お得なｾｯﾄ。"),
    ("ポイント", "ポイント10倍。", "ﾎﾟｲﾝﾄ", "ﾎﾟｲﾝﾄ10倍。"),
    ("Tシャツ", "新作のTシャツ。", "Ｔシャツ", "新作のＴシャツ。"),
    ("LINE", "LINEで友だち追加。", "ＬＩＮＥ", "ＬＩＮＥで友だち追加。"),
    ("iPhone", "iPhoneケース。", "iphone", "iphoneケース。"),
    ("USB", "USBで充電。", "usb", "usbで充電。"),
    ("みかん", "みかん箱。", "蜜柑", "蜜柑箱。"),
    ("ぶどう", "ぶどう狩り。", "葡萄", "葡萄狩り。"),
    ("いちご", "いちご大福。", "苺", "苺大福。"),
    ("お勧め", "店長のお勧め。", "おすすめ", "店長のおすすめ。"),
    ("問い合せ", "問い合せ窓口。", "問い合わせ", "問い合わせ窓口。"),
    ("申し込む", "今すぐ申し込む。", "申込む", "今すぐ申込む。"),
]

# pairs that are no spellings of one word: homophones, synonyms, inflections, prefixes
APART = [
    ("機会", "良い機会です。", "機械", "良い機械です。"),
    ("以外", "それ以外は無料。", "意外", "意外な結果。"),
    ("保証", "品質を保証します。", "保障", "安全を保障します。"),
    ("暑い", "暑い日が続く。", "熱い", "熱いお茶。"),
    ("早い", "朝が早い。", "速い", "足が速い。"),
    ("作る", "料理を作る。", "造る", "船を造る。"),
    ("会う", "友人に会う。", "合う", "服が合う。"),
    ("聞く", "話を聞く。", "効く", "薬が効く。"),
    ("初め", "初めての方へ。", "始め", "始めの一歩。"),
    ("おいしい", "おいしいパン。", "うまい", "うまいパン。"),
    ("スマホ", "スマホで予約。", "スマートフォン", "スマートフォンで予約。"),
    ("パソコン", "パソコン教室。", "PC", "PC教室。"),
    ("食べる", "一緒に食べる。", "食べ", "一緒に食べた。"),
    ("買う", "今日買う。", "買っ", "昨日買った。"),
    ("お", "お客様。", "ご", "ご利用。"),
    ("高い", "値段が高い。", "高く", "値段が高くなる。"),
    ("店", "店の前。", "お店", "お店の前。"),
    ("量", "量が多い。", "料", "料が高い。"),
    ("変える", "色を変える。", "替える", "電池を替える。"),
    ("計る", "時間を計る。", "測る", "距離を測る。"),
]

KEYS: dict[str, Callable[[Token], Key]] = {
    "nfkc": lambda t: (variants.folded(t.surface), "", ""),
    "reading": lambda t: (variants.folded(t.reading), t.inflection, ""),
    "normalized": lambda t: (variants.folded(t.normalized if t.known else t.surface), t.inflection, ""),
    "pasha": variants.word_key,
}


def _token(tokenize: variants.Tokenize, surface: str, sentence: str) -> Token | None:
    return next((t for t in tokenize(sentence) if t.surface == surface), None)


def grouped(tokenize: variants.Tokenize, method: str, pair: tuple[str, str, str, str]) -> bool | None:
    """Whether the method gives both spellings one key; None when Sudachi reads one as no word."""
    a, b = _token(tokenize, pair[0], pair[1]), _token(tokenize, pair[2], pair[3])
    if a is None or b is None:
        return None
    return KEYS[method](a) == KEYS[method](b)


def main() -> None:
    tokenize = variants.sudachi()
    for title, pairs, wanted in (("variants (to group)", SAME, True), ("different words (apart)", APART, False)):
        print(f"{title}: {len(pairs)} pairs")
        print(f"  {'pair':<28}" + "".join(f"{m:>12}" for m in KEYS))
        totals = dict.fromkeys(KEYS, 0)
        for pair in pairs:
            row = []
            for method in KEYS:
                got = grouped(tokenize, method, pair)
                totals[method] += got is True
                row.append("no word" if got is None else "grouped" if got else "apart")
            marks = "".join(f"{cell:>12}" for cell in row)
            print(f"  {pair[0] + ' / ' + pair[2]:<28}{marks}")
        print("  grouped" + " " * 21 + "".join(f"{totals[m]:>12}" for m in KEYS), f"(wanted: {wanted})")


if __name__ == "__main__":
    main()
