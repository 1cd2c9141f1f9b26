"""PSH62x: dates with a weekday in the body, checked against the calendar.

Only a date written with a weekday or a holiday marker is checked: 7月16日(火), ７／１６（火）,
7/16(火曜日), 2030年7月16日(火), 令和12年7月16日(火), 7/15(月・祝), 7/15(祝), and ranges joined by
〜, ～, ~ or a dash: 7/16(火)〜7/20(土), 7月16日(火)～20日(土). A bare 7/16, a time, a fraction, a
version number or a date inside a URL is not a date to check (false positives are a defect).

The year. A year written in the body is taken as written. A date without one falls in the twelve
months that start on the first day of the month before publication (`publish_at`, Japan time):
in a post of 2030-12-20, 11/xx and 12/xx are 2030 and 1/xx to 10/xx are 2031; in a post of
2031-01-10, 12/xx is 2030. The month before is included so that last month's date in a recap is
read as last month's (and reported as past), not as a date eleven months ahead with a wrong
weekday. A range's end without a year has its start's year, or the next one when its month is
earlier than the start's (12/28(土)〜1/5(日)). Without `publish_at` only dates with a written year
are checked in full; a yearless one is checked only for being a date at all (2/29 may be one).

Past. A date before the publication day is past; the publication day itself never is, whatever
the time of day (本日7/16(火)まで is true all that day). A range is past when its end is: a post
published in the middle of a running campaign may name its start.

Severity. Every one is a warning, as issue 15 has every content check unless it says otherwise:
the rule flags the text for a human, who knows which half is meant. A project that wants a
weekday that is not the date's, a date that does not exist or a range that ends before it starts
to block a post (the text contradicts the calendar or itself) sets them to "error" in
`[severity]`. Only drafts still to be published (draft, ready, submitted) are checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import cache, lru_cache
from typing import Any, NamedTuple

from pasha_cli.characters import line_column
from pasha_cli.i18n import WEEKDAYS, tn
from pasha_cli.jpcalendar import BusinessCalendar
from pasha_cli.model import SCHEDULED
from pasha_cli.project.drafts import Draft
from pasha_cli.rules.base import WARNING, Context, Hit, L, rule

_WEEKDAY_CHARS = "月火水木金土日"
_FIRST_YEAR, _LAST_YEAR = 1900, 2199  # a year written outside these is not a post's date: not checked
_REIWA = 2018  # 令和 N 年 is the year 2018 + N (令和元年 is 2019)


MONTH_END = -1  # a Written day that is its month's last (5月末: periods only); no digits write it


class Written(NamedTuple):
    """One date as the body writes it; `at` is where it starts in the body."""

    at: int
    text: str
    year: int | None
    month: int | None  # None: a range's end that writes only the day (～20日(土))
    day: int
    weekday: int | None  # as date.weekday() numbers them
    holiday: bool  # a 祝 / 祝日 marker


class Mention(NamedTuple):
    """A date, or a range of two, with the text that writes it."""

    start: Written
    end: Written | None
    at: int
    text: str


class Problem(NamedTuple):
    code: str
    at: int
    args: dict[str, Any]
    message: str = "default"
    end: int = 0  # where the text it is about ends in the body (0: one character)


def _date_pattern(weekday_required: bool = True) -> str:
    """A date with a weekday, or (for a range's end) a day with a weekday: 7/16(火), 20日(土).

    Without `weekday_required` (a campaign's period: 5/31まで, 5月1日〜31日), the weekday may be left
    out and a time may follow (5/31(金)23:59, 5月31日 23時59分); then a slash date takes / only (5.31
    without a weekday is as often a number), and a bare day needs its 日."""
    d, sp = "[0-9０-９]", "[ \u3000]?"
    hol = "祝祭日|祝日|祭日|祝"
    wd = f"[{_WEEKDAY_CHARS}]"
    dot = "[・･·/／,，、]?"
    year = rf"(?:(?P<ky>{d}{{4}})|(?P<era>令和){sp}(?P<ey>元|{d}{{1,2}})){sp}年{sp}"
    kanji = rf"(?:{year})?(?P<km>{d}{{1,2}}){sp}月{sp}(?P<kd>{d}{{1,2}}){sp}日"
    if not weekday_required:  # 5月末まで: the month's last day
        kanji = rf"(?:{year})?(?P<km>{d}{{1,2}}){sp}月{sp}(?:(?P<kd>{d}{{1,2}}){sp}日|(?P<ke>末日?))"
    between = "[/／.．]" if weekday_required else "[/／]"
    slash = rf"(?:(?P<sy>{d}{{4}})[/／.．\-－])?(?P<sm>{d}{{1,2}}){between}(?P<sd>{d}{{1,2}})"
    weekday = (
        rf"{sp}[(（]{sp}(?:(?P<w>{wd})(?:曜日?)?(?:{dot}(?P<h>{hol}))?"
        rf"|(?P<h2>{hol})(?:{dot}(?P<w2>{wd})(?:曜日?)?)?){sp}[)）]"
    )
    # a digit or 令 first, not within a number: the scan passes other text without trying the alternatives
    head = "(?=[0-9０-９令])(?<![0-9０-９])"
    if weekday_required:
        return rf"{head}(?:{kanji}|{slash}|(?P<od>{d}{{1,2}}){sp}日?){weekday}"
    clock = rf"(?:{sp}{d}{{1,2}}(?:[:：]{d}{{2}}|{sp}時(?:{sp}{d}{{1,2}}{sp}分)?))?"
    return rf"{head}(?:{kanji}|{slash}|(?P<od>{d}{{1,2}}){sp}日)(?:{weekday})?{clock}(?![0-9０-９/／])"


@cache
def _maybe() -> re.Pattern[str]:
    """A bracket before a weekday, 祝 or 祭 (祭日): most bodies need no other pattern (compiled on first
    use, not at import: every commit runs the rules)."""
    return re.compile(f"[(（][ \u3000]?[{_WEEKDAY_CHARS}祝祭]")


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The date, a range's separator, a URL. Every quantifier is bounded and no group repeats: a
    match attempt costs the same at any position, so a body of digits and slashes is read in
    linear time."""
    return (
        re.compile(_date_pattern()),
        re.compile("[ \u3000]?[〜～~∼－–—-][ \u3000]?"),
        re.compile(_URL),
    )


_URL = r"(?i)(?:https?://|www\.)[!-~]+"


_NOT_BEFORE = frozenset("0123456789０１２３４５６７８９/／.．:：-－_") | frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
)


def _may_start(body: str, index: int) -> bool:
    """Not inside a number, a path, a time or a word (1/7/16(火), ver2.7/16(火), 12:7/16(火)), nor
    after a year pasha does not read (24年7月16日(火)); after a label's colon (期間：7/16(火), 締切:5/31),
    which a time is not, it may."""
    before = body[index - 1] if index else ""
    if before in ":：":
        return index < 2 or not body[index - 2].isdigit()
    if before in _NOT_BEFORE:
        return False
    return not (before == "年" and index >= 2 and (body[index - 2] in _NOT_BEFORE or body[index - 2] == "元"))


def _number(text: str | None) -> int | None:
    return None if text is None else int(text)  # int() reads full-width digits too


def _written(m: re.Match[str]) -> Written | None:
    found = m.groupdict()

    def g(*names: str) -> str | None:
        return next((found[n] for n in names if found[n]), None)

    year = _number(g("ky", "sy"))
    era = g("ey")
    if era is not None:
        year = _REIWA + (1 if era == "元" else int(era))
    if year is not None and not _FIRST_YEAR <= year <= _LAST_YEAR:
        return None
    weekday_char = g("w", "w2")
    day = MONTH_END if found.get("ke") else _number(g("kd", "sd", "od"))
    assert day is not None  # every alternative writes a day (or 末)
    return Written(
        m.start(),
        m.group(),
        year,
        _number(g("km", "sm")),
        day,
        None if weekday_char is None else _WEEKDAY_CHARS.index(weekday_char),
        g("h", "h2") is not None,
    )


@lru_cache(maxsize=1024)  # the five rules read each body in turn
def mentions(body: str) -> tuple[Mention, ...]:
    """Every date with a weekday or holiday marker in `body`, ranges joined."""
    if "(" not in body and "（" not in body:
        return ()
    if not _maybe().search(body):
        return ()
    pattern, separator, url = _patterns()
    in_url = [m.span() for m in url.finditer(body)]
    found: list[Mention] = []
    pos = 0
    while (m := pattern.search(body, pos)) is not None:
        pos = m.start() + 1
        start = None
        if m.group("od") is None and _may_start(body, m.start()) and not any(a <= m.start() < b for a, b in in_url):
            start = _written(m)
        if start is None:
            continue
        pos, end = m.end(), None
        sep = separator.match(body, pos)
        tail = None if sep is None else pattern.match(body, sep.end())
        if tail is not None:
            end = _written(tail)
            if end is not None:
                pos = tail.end()
        found.append(Mention(start, end, m.start(), body[m.start() : pos]))
    return tuple(found)


class Period(NamedTuple):
    """A campaign's period as the body writes it: a range (5/1〜5/31, 5月1日から31日まで), an end
    (5/31まで, 5月31日(金)23:59まで, 〜5/31, 5/31締切) or a start (5/1から). `first` or `last` is None
    when the text names only the other."""

    at: int
    text: str
    first: Written | None
    last: Written | None
    until: bool = False  # closed by まで, 限り or 締切: wording that limits (a bare range may be a closure notice)


_UNTIL = "まで|迄|限り|締め?切り?|〆切?"


@cache
def _period_patterns() -> tuple[re.Pattern[str], ...]:
    """A date whose weekday may be left out, a range's separator (から too), an end's and a start's
    marker, a URL (as _patterns' third: not that function, whose date pattern a period never needs);
    compiled on the first body that may hold a period."""
    sp = "[ \u3000]?"
    return (
        re.compile(_date_pattern(weekday_required=False)),
        re.compile(f"{sp}(?:[〜～~∼－–—-]|から){sp}"),
        re.compile(f"{sp}(?:{_UNTIL})"),
        re.compile(f"{sp}(?:から|より)"),
        re.compile(_URL),
    )


# 当選者には6/10までにご連絡: a date by which the brand acts is not the period readers take part in
_RESULTS = re.compile("に[^。\n]{0,12}?(?:連絡|発送|お届け|届け|通知|発表|送付|お知らせ|出荷)")

# a date after these ends the period too (応募締切は5月20日); after these it is no period at all: a
# coupon's or a code's validity, a food's best-before date (有効期限は2031年3月31日まで)
_DEADLINE = re.compile("(?:締め?切り?|〆切?|期限)[ \u3000]?[は:：]?[ \u3000]?$")
_VALIDITY = re.compile("(?:有効|使用|利用|賞味|消費)期限[ \u3000]?[は:：]?[ \u3000]?$")

_PERIOD_MARKS = "まで迄限締切〆〜～~∼－–—-からよ期"  # a body with none of these characters bounds no period
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1024)  # the campaign rules read each body in turn
def periods(body: str) -> tuple[Period, ...]:
    """Every date in `body` that bounds a period: in a range, before まで (or 限り, 締切), after an open
    〜, or before から; with or without a weekday. A date alone (7/16 発売) bounds nothing."""
    # a substring search a character, not a set of the body's (which makes an object a character)
    if not any(mark in body for mark in _PERIOD_MARKS) or _DIGIT.search(body) is None:
        return ()
    pattern, separator, until, since, url = _period_patterns()
    in_url = [m.span() for m in url.finditer(body)]
    found: list[Period] = []
    pos = 0
    while (m := pattern.search(body, pos)) is not None:
        pos = m.start() + 1
        if m.group("od") is not None or not _may_start(body, m.start()):
            continue
        if any(a <= m.start() < b for a, b in in_url):
            continue
        first = _written(m)
        before = body[max(m.start() - 8, 0) : m.start()]
        if first is None or _VALIDITY.search(before):
            continue
        after = m.end()
        sep = separator.match(body, after)
        tail = None if sep is None else pattern.match(body, sep.end())
        last = None if tail is None else _written(tail)
        if tail is not None and last is not None:
            mark = until.match(body, tail.end())
            end = mark.end() if mark else tail.end()
            found.append(Period(m.start(), body[m.start() : end], first, last, mark is not None))
            pos = end
        elif (mark := until.match(body, after)) is not None:
            pos = mark.end()
            if not _RESULTS.match(body, pos):
                found.append(Period(m.start(), body[m.start() : mark.end()], None, first, True))
        elif body[max(m.start() - 2, 0) : m.start()].rstrip(" \u3000")[-1:] in ("〜", "～", "~", "∼"):
            found.append(Period(m.start(), m.group(), None, first))
            pos = after
        elif (mark := since.match(body, after)) is not None:
            found.append(Period(m.start(), body[m.start() : mark.end()], first, None))
            pos = mark.end()
        elif _DEADLINE.search(before):  # 応募締切は5月20日, 締切：5/31
            found.append(Period(m.start(), m.group(), None, first, True))
            pos = after
    return tuple(found)


def period_days(period: Period, publish: date) -> tuple[date | None, date | None]:
    """The days a period names, the years taken as year_for and a range's end as PSH624 takes them;
    a day that does not exist is None (PSH621 speaks of those written with a weekday)."""
    days: list[date | None] = []
    year: int | None = None
    for written in (period.first, period.last):
        if written is None:
            days.append(None)
            continue
        month = written.month or (period.first.month if period.first is not None else None)
        if month is None:
            days.append(None)
            continue
        if written is period.last and period.first is not None:
            start_year = year if year is not None else year_for(period.first.month or month, publish)
            resolved = _end_year(period.first, written, start_year)
        else:
            resolved = written.year if written.year is not None else year_for(month, publish)
            year = resolved
        day, problem = _resolve(written, resolved, month)
        days.append(None if problem else day)
    return days[0], days[1]


def year_for(month: int, publish: date) -> int:
    """The year of a yearless date in `month`: the twelve months from the month before publication."""
    first = publish.year * 12 + publish.month - 2  # months since year 0 of the month before publication
    return (first + (month - 1 - first) % 12) // 12


def _last_day(year: int, month: int) -> int:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return (following - date(year, month, 1)).days


def _resolve(written: Written, year: int | None, month: int) -> tuple[date | None, Problem | None]:
    """The day `written` names in `year` (None: not known, then no day), or the problem that it is none."""
    args = {"text": written.text, "month": month, "day_number": written.day}
    if not 1 <= month <= 12:
        return None, Problem("PSH621", written.at, args, "month", end=written.at + len(written.text))
    last = _last_day(2000 if year is None else year, month)  # 2000 is a leap year: 2/29 may be a date
    if written.day == MONTH_END:
        written = written._replace(day=last)
    if not 1 <= written.day <= last:
        if year is None:
            return None, Problem("PSH621", written.at, {**args, "last": last}, end=written.at + len(written.text))
        return None, Problem(
            "PSH621", written.at, {**args, "last": last, "year": year}, "in-year", end=written.at + len(written.text)
        )
    return (None if year is None else date(year, month, written.day)), None


def _day_problems(written: Written, day: date | None, calendar: BusinessCalendar) -> list[Problem]:
    if day is None:
        return []
    found = []
    args = {"text": written.text, "date": day.isoformat(), "actual": WEEKDAYS[day.weekday()]}
    if written.weekday is not None and written.weekday != day.weekday():
        found.append(
            Problem(
                "PSH620", written.at, {**args, "written": WEEKDAYS[written.weekday]}, end=written.at + len(written.text)
            )
        )
    if written.holiday and calendar.holiday_name(day) is None:
        found.append(Problem("PSH623", written.at, args, end=written.at + len(written.text)))
    return found


def _end_year(start: Written, end: Written, year: int | None) -> int | None:
    """A range's end: its own year, else its start's, or the next for an earlier month (12/28〜1/5)."""
    if end.year is not None:
        return end.year
    if year is not None and end.month is not None and start.month is not None and end.month < start.month:
        return year + 1
    return year


def problems(body: str, publish: date | None, calendar: BusinessCalendar) -> Iterator[Problem]:
    """What is wrong with the dates in `body`, for a post published on `publish` (None: not known)."""
    for mention in mentions(body):
        start = mention.start
        assert start.month is not None  # only a range's end may leave out the month
        year = start.year
        if year is None and publish is not None:
            year = year_for(start.month, publish)
        first, problem = _resolve(start, year, start.month)
        found = [problem] if problem else _day_problems(start, first, calendar)
        last = first
        if mention.end is not None:
            end = mention.end
            last, problem = _resolve(end, _end_year(start, end, year), end.month or start.month)
            found += [problem] if problem else _day_problems(end, last, calendar)
            if first is not None and last is not None and last < first:
                args = {"text": mention.text, "start": first.isoformat(), "end": last.isoformat()}
                found.append(Problem("PSH624", mention.at, args, end=mention.at + len(mention.text)))
                last = None  # a reversed range is not also judged past
        if publish is not None and last is not None and last < publish:
            args = {"text": mention.text, "date": last.isoformat(), "publish": publish.isoformat()}
            found.append(
                Problem(
                    "PSH622",
                    mention.at,
                    {**args, "days": tn("n-days", (publish - last).days)},
                    end=mention.at + len(mention.text),
                )
            )
        yield from found


def _hits(ctx: Context, code: str) -> Iterator[Hit]:
    for draft in ctx.target_drafts:
        if draft.body is None or draft.status not in SCHEDULED:
            continue
        when = draft.time("publish_at")
        for problem in problems(draft.body, None if when is None else when.date(), ctx.config.calendar):
            if problem.code == code:
                yield _hit(draft, draft.body, problem)


def _hit(draft: Draft, body: str, problem: Problem) -> Hit:
    line, column = line_column(body, problem.at)
    where, end = draft.source.body_span(problem.at, max(problem.end, problem.at + 1))
    args = {"line": line, "column": column, **problem.args}
    return Hit(draft, "body", args, problem.message, position=where, end=end)


@rule(
    "PSH620",
    "wrong-weekday",
    WARNING,
    summary=L(
        "本文の曜日付きの日付（7/16(火)、７／１６（火）、7月16日（火曜日）、7/16(火)〜7/20(土) など）の曜日が暦と合うか"
        "検査します。年のない日付は公開日（publish_at）の前月から 12 か月の間の日とします（12/20 公開の 1/5 は翌年）。",
        "Checks that a date written with a weekday in the body (7/16(火), ７／１６（火）, 7月16日（火曜日）, "
        "7/16(火)〜7/20(土)) falls on that weekday. A date without a year lies in the twelve months from the month "
        "before publication (publish_at): 1/5 in a post of December 20 is next year's.",
    ),
    why=L(
        "曜日の違う日付は、日付と曜日のどちらが正しいのか読み手にわかりません。キャンペーンの告知では誤った日に"
        "読み手を案内することになります。",
        "With a weekday that is not the date's, readers cannot tell which of the two is meant; in a campaign "
        "announcement it sends them to the wrong day.",
    ),
    fix=L(
        "日付か曜日のどちらかを直してください。年を書かない日付の年は公開日から決まります（`pasha rules PSH620` の説明）。"
        "別の年の日付なら年を書いてください（2029年7月16日(月)）。",
        "Correct the date or the weekday. A date without a year takes its year from the publication date "
        "(see the rule's summary); for a date in another year, write the year (2029年7月16日(月)).",
    ),
    messages=L(
        "本文 {line} 行 {column} 文字目の「{text}」: {date} は{actual}曜日です（{written}曜日と書かれています）",
        '"{text}" in the body at line {line}, column {column}: {date} is a {actual}, not a {written}',
    ),
    reads=(),
)
def wrong_weekday(ctx: Context) -> Iterator[Hit]:
    return _hits(ctx, "PSH620")


@rule(
    "PSH621",
    "impossible-date",
    WARNING,
    summary=L(
        "本文の曜日付きの日付が実在する日か検査します（2/30、13/1、4/31、平年の 2/29）。",
        "Checks that a date written with a weekday in the body exists (not 2/30, 13/1, 4/31, nor 2/29 in a "
        "common year).",
    ),
    why=L(
        "存在しない日付は誤記です。読み手はいつのことか判断できません。",
        "A date that does not exist is a typo: readers cannot tell which day is meant.",
    ),
    fix=L("正しい日付に直してください。", "Correct the date."),
    messages={
        "default": L(
            "本文 {line} 行 {column} 文字目の「{text}」はありえない日付です（{month} 月は {last} 日まで、{day_number} 日はありません）",
            '"{text}" in the body at line {line}, column {column} is not a date (month {month} has {last} days, '
            "not {day_number})",
        ),
        "in-year": L(
            "本文 {line} 行 {column} 文字目の「{text}」はありえない日付です（{year} 年 {month} 月は {last} 日まで、"
            "{day_number} 日はありません）",
            '"{text}" in the body at line {line}, column {column} is not a date ({month}/{year} has {last} days, '
            "not {day_number})",
        ),
        "month": L(
            "本文 {line} 行 {column} 文字目の「{text}」はありえない日付です（{month} 月はありません）",
            '"{text}" in the body at line {line}, column {column} is not a date (there is no month {month})',
        ),
    },
    reads=(),
)
def impossible_date(ctx: Context) -> Iterator[Hit]:
    return _hits(ctx, "PSH621")


@rule(
    "PSH622",
    "date-before-publication",
    WARNING,
    summary=L(
        "本文の曜日付きの日付が公開日より前でないか検査します。公開日当日は（時刻にかかわらず）前ではありません。"
        "範囲は終わりの日で判定します（開催中のキャンペーンは始まりが過去でも構いません）。",
        "Checks that a date written with a weekday in the body is not before the publication day. The "
        "publication day itself, at any time of day, is not before it. A range is judged by its end (a "
        "campaign under way may have started).",
    ),
    why=L(
        "公開時にもう終わっている日を告知すると、読み手は参加できないキャンペーンや終わった催しに案内されます。"
        "年を書かない日付を前年のつもりで書いた場合も、ここで見つかります。",
        "A post that announces a day already over when it goes out sends readers to a campaign or an event "
        "they can no longer join. A yearless date meant as last year's shows here too.",
    ),
    fix=L(
        "日付か公開日（publish_at）を見直してください。過去の催しを振り返る投稿なら、そのままで構いません。",
        "Check the date and the publication date (publish_at). A post looking back at a past event may keep it.",
    ),
    messages=L(
        "本文 {line} 行 {column} 文字目の「{text}」: {date} は公開日 {publish} の {days}前です",
        '"{text}" in the body at line {line}, column {column}: {date} is {days} before publication on {publish}',
    ),
    reads=(),
)
def date_before_publication(ctx: Context) -> Iterator[Hit]:
    return _hits(ctx, "PSH622")


@rule(
    "PSH623",
    "not-a-holiday",
    WARNING,
    summary=L(
        "本文で「祝」「祝日」の印がある日付（7/15(月・祝)、7/15(祝)）が日本の国民の祝日（振替休日を含む）か検査します。",
        "Checks that a date marked 祝 or 祝日 in the body (7/15(月・祝), 7/15(祝)) is a Japanese national holiday "
        "(substitute holidays included).",
    ),
    why=L(
        "祝日でない日に「祝」と書くと、読み手は休日と受け取ります。祝日は年によって移動します（海の日、スポーツの日など）。",
        "Readers take a day marked 祝 for a day off; some holidays move from year to year (Marine Day, Sports Day).",
    ),
    fix=L(
        "その年の祝日を確かめて、印か日付を直してください。法律の改正で新しく決まった祝日なら、この警告は無視できます。",
        "Check that year's holidays and correct the marker or the date. For a holiday set by a recent change "
        "of the law, this warning can be ignored.",
    ),
    messages=L(
        "本文 {line} 行 {column} 文字目の「{text}」: {date}（{actual}）は国民の祝日ではありません",
        '"{text}" in the body at line {line}, column {column}: {date} ({actual}) is not a national holiday',
    ),
    reads=(),
)
def not_a_holiday(ctx: Context) -> Iterator[Hit]:
    return _hits(ctx, "PSH623")


@rule(
    "PSH624",
    "date-range-reversed",
    WARNING,
    summary=L(
        "本文の曜日付きの期間（7/16(火)〜7/20(土)、7月16日(火)～20日(土)）の終わりが始まりより前でないか検査します。"
        "年のない終わりの月が始まりの月より前なら翌年とします（12/28(土)〜1/5(日)）。",
        "Checks that a range of dates with weekdays in the body (7/16(火)〜7/20(土), 7月16日(火)～20日(土)) does "
        "not end before it starts. An end without a year in an earlier month than the start is next year's "
        "(12/28(土)〜1/5(日)).",
    ),
    why=L(
        "終わりが始まりより前の期間は誤記で、キャンペーンの期間が読み手にわかりません。",
        "A range that ends before it starts is a typo; readers cannot tell the campaign's period.",
    ),
    fix=L("期間の始まりと終わりを直してください。", "Correct the start or the end of the range."),
    messages=L(
        "本文 {line} 行 {column} 文字目の「{text}」: 終わり {end} が始まり {start} より前です",
        '"{text}" in the body at line {line}, column {column}: it ends on {end}, before it starts on {start}',
    ),
    reads=(),
)
def date_range_reversed(ctx: Context) -> Iterator[Hit]:
    return _hits(ctx, "PSH624")
