"""Wrong weekdays in post texts: pasha's PSH620 side by side with textlint-rule-date-weekday-mismatch.

The peer is the one other checker of weekdays in Japanese text (textlint, npm; it checks only
the weekday, so PSH620 is the metric). It is installed by hand, for this benchmark only:

    npm install --prefix /tmp/dates_peer textlint@14 textlint-rule-date-weekday-mismatch@1.1.1
    python3 benchmarks/dates_peer.py [--peer /tmp/dates_peer]

Both see the same texts. The peer is given its best settings: `preferLang: ja`,
`useCurrentYearIfMissing: true` and `currentYear` = the post's publication year (without them it
checks only dates that write a year). Two sets: the table of tests/test_dates.py (written with
the rule) and HELD_OUT below (written after the rule, never tuned on). A text's truth is the
number of dates in it whose weekday is wrong, as a reader means the date (1/2 in a post of
December is next January's).

Measured 2026-12-01 (Python 3.11, Node 20.20, textlint 14, the rule 1.1.1):

    set        texts  wrong  pasha TP/FP/FN  peer TP/FP/FN
    table         44      6      6/0/0          2/0/4
    held-out      20      6      6/0/0          2/0/4

The peer finds the kanji forms (7月16日(水), ７月１６日（木）) and misses every slash form (7/16(水),
1/5(月), even 2030/7/16(水)) and a range's end written as a day alone (8月10日(土)～18日(月)). Neither
reports a false weekday on these texts. pasha loses no case here; it does not read English
weekdays (7/16(Tue)) nor a date with no month (16日(火)) outside a range.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from common import REPO

sys.path.insert(0, str(REPO))
from pasha_cli.jpcalendar import BusinessCalendar
from pasha_cli.rules.dates import problems
from tests.test_dates import POSTS

# (publication day, text, wrong weekdays in it): written after the rule, never tuned on
HELD_OUT: list[tuple[date, str, int]] = [
    (date(2030, 9, 1), "敬老の日9/16(月・祝)はおばあちゃんに贈るハンドクリームを", 0),
    (date(2030, 9, 1), "秋の新作ポテトチップス、9月3日(水)発売！", 1),
    (date(2030, 9, 1), "9/20(金)〜9/23(月・祝)の4日間、全品10%OFF", 0),
    (date(2030, 12, 15), "初売りは1/2(木)10:00から", 0),
    (date(2030, 12, 15), "クリスマス限定コフレ 12/25(水)発売", 0),
    (date(2030, 12, 15), "12/24(火)・12/25(水)の2日間限定", 0),
    (date(2030, 10, 1), "１０／１０（木）から全国のスーパーで", 0),
    (date(2030, 10, 1), "１０月１１日（土）試飲イベント", 1),
    (date(2030, 10, 1), "ハロウィン限定フレーバーは10/31(金)まで", 1),
    (date(2030, 11, 1), "ブラックフライデーは2030年11月29日(金)！", 0),
    (date(2030, 11, 1), "11月23日(土・祝)勤労感謝の日", 0),
    (date(2030, 6, 1), "父の日6/16(日)にビールギフトを", 0),
    (date(2030, 6, 1), "母の日は5月12日(日)でした。ご購入ありがとうございました", 0),
    (date(2030, 6, 1), "6/30(月)23:59まで、送料無料", 1),
    (date(2030, 8, 1), "8/11（日・祝）山の日はお休みします", 0),
    (date(2030, 8, 1), "夏休み特別企画 8月10日(土)～18日(月)", 1),
    (date(2030, 8, 1), "配送は8/13(火)から再開、8/14(水)以降順次お届け", 0),
    (date(2030, 4, 1), "GW期間中 4/27(土)〜5/6(月)はお休み", 0),
    (date(2030, 4, 1), "4/29(月)昭和の日限定クーポン", 0),
    (date(2030, 4, 1), "新生活応援セール 4/1(火)スタート", 1),
]

PEER = """
const { TextlintKernel } = require("@textlint/kernel");
const text = require("@textlint/textlint-plugin-text");
const rule = require("textlint-rule-date-weekday-mismatch");
const kernel = new TextlintKernel();
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
(async () => {
  const counts = [];
  for (const c of cases) {
    const result = await kernel.lintText(c.text, {
      ext: ".txt",
      plugins: [{ pluginId: "text", plugin: text.default || text }],
      rules: [{ ruleId: "date", rule: rule.default || rule,
                options: { preferLang: "ja", useCurrentYearIfMissing: true, currentYear: c.year } }],
    });
    counts.push(result.messages.length);
  }
  console.log(JSON.stringify(counts));
})();
"""


def peer_counts(peer: Path, cases: list[tuple[date | None, str]]) -> list[int]:
    with tempfile.NamedTemporaryFile("w", suffix=".js", dir=peer, delete=False) as script:
        script.write(PEER)
    payload = json.dumps([{"text": body, "year": (day or date(2030, 1, 1)).year} for day, body in cases])
    done = subprocess.run(["node", script.name], input=payload, capture_output=True, text=True, cwd=peer, check=True)
    Path(script.name).unlink()
    return list(json.loads(done.stdout))


def pasha_count(day: date | None, body: str, calendar: BusinessCalendar) -> int:
    return sum(p.code == "PSH620" for p in problems(body, day, calendar))


def score(truth: list[int], found: list[int]) -> tuple[int, int, int]:
    tp = sum(min(t, f) for t, f in zip(truth, found, strict=True))
    fp = sum(max(f - t, 0) for t, f in zip(truth, found, strict=True))
    fn = sum(max(t - f, 0) for t, f in zip(truth, found, strict=True))
    return tp, fp, fn


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--peer", type=Path, default=Path("/tmp/dates_peer"))
    args = parser.parse_args()
    calendar = BusinessCalendar.from_month_days()
    sets = {
        "table": [(day, body, sum(code == "PSH620" for code, _ in expected)) for _, day, body, expected in POSTS],
        "held-out": [(day, body, wrong) for day, body, wrong in HELD_OUT],
    }
    print(f"{'set':10s} {'texts':>5s} {'wrong':>6s}  pasha TP/FP/FN  peer TP/FP/FN")
    for name, cases in sets.items():
        truth = [wrong for _, _, wrong in cases]
        ours = [pasha_count(day, body, calendar) for day, body, _ in cases]
        theirs = peer_counts(args.peer, [(day, body) for day, body, _ in cases])
        a, b = score(truth, ours), score(truth, theirs)
        print(f"{name:10s} {len(cases):5d} {sum(truth):6d}  {'/'.join(map(str, a)):>14s}  {'/'.join(map(str, b)):>13s}")
        for (day, body, wrong), mine, peer in zip(cases, ours, theirs, strict=True):
            if mine != wrong or peer != wrong:
                print(f"    {day} truth {wrong} pasha {mine} peer {peer}: {body}")


if __name__ == "__main__":
    main()
