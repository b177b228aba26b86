"""Amounts of money and dates written in Chinese, as numbers and ISO 8601 strings.

Pure functions over one string; Chinese numerals go through ``cn2an`` (两万 -> 20000).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .resources import read_table

_NUM = r"[0-9０-９.,，]+|[零〇一二两三四五六七八九十百千万亿]+"
# A qualifier word before or after the number: see resources/amount_qualifiers.tsv.
_QUALIFIERS = {row[0]: row[1] for row in read_table("amount_qualifiers.tsv")}
_QUAL_RE = "|".join(sorted(map(re.escape, _QUALIFIERS), key=len, reverse=True))
AMOUNT_RE = re.compile(
    rf"(?P<pre>{_QUAL_RE})?(?P<num>{_NUM})(?P<post>余|多)?(?P<mag>千万|百万|万|亿|千)?"
    rf"(?P<post2>余|多)?元")
_MAGNITUDE = {"": 1, "千": 1_000, "万": 10_000, "百万": 1_000_000, "千万": 10_000_000,
              "亿": 100_000_000}


@dataclass(frozen=True)
class Amount:
    """An amount in yuan with the approximation word the text used (``""`` when exact)."""

    yuan: Decimal
    qualifier: str
    start: int
    end: int


def _number(text: str) -> Decimal | None:
    text = text.replace(",", "").replace("，", "")
    if re.fullmatch(r"[0-9]+(\.[0-9]+)?", text):
        return Decimal(text)
    if text[:1] in "十百千万亿":
        text = "一" + text  # 百万元 is 一百万元
    try:
        import cn2an

        return Decimal(str(cn2an.cn2an(text, "smart")))
    except (ValueError, KeyError):
        return None


def find_amounts(text: str) -> list[Amount]:
    """Every amount of money in ``text``: ``总投资503.14万元`` -> 5031400 yuan; ``350余万元`` ->
    3500000 with qualifier ``余``; ``约600万元`` -> 6000000 with ``约``; ``两万多元`` -> 20000
    with ``多``. Offsets are character offsets into ``text``."""
    out = []
    for m in AMOUNT_RE.finditer(text):
        num, mag = m.group("num"), m.group("mag") or ""
        value = _number(num)
        if value is None:
            continue
        yuan = (value * _MAGNITUDE[mag]).normalize()
        if yuan == yuan.to_integral():
            yuan = yuan.quantize(Decimal(1))
        qualifier = (m.group("post") or m.group("post2")
                     or _QUALIFIERS.get(m.group("pre") or "", ""))
        out.append(Amount(yuan, qualifier, m.start(), m.end()))
    return out


@dataclass(frozen=True)
class DateSpan:
    """A date or range found in text: ISO strings (``2024-09-02`` or ``2024-07``)."""

    start: str
    end: str | None
    pos: int
    stop: int


_DATE_RE = re.compile(
    r"(?:(?P<y>(?:19|20)\d\d)年)?(?P<m>1[0-2]|0?[1-9])月(?:份)?(?:(?P<d>[0-3]?\d)[日号])?"
    r"(?:\s*[～~至到—-]\s*(?:(?P<m2>1[0-2]|0?[1-9])月)?(?P<d2>[0-3]?\d)[日号])?")
# The same written in Chinese numerals (二〇二三年三月十六日, 十二月五日): a month needs its year
# or its day, so 三月 alone (a count, a name) is no date.
_CN_DIGIT = "〇零一二三四五六七八九"
_CN_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_CN_DATE_RE = re.compile(
    rf"(?:(?P<y>[{_CN_DIGIT}]{{4}})年)?(?P<m>十[一二]?|[一二三四五六七八九])月(?:份)?"
    r"(?:(?P<d>[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?"
    rf"(?:\s*[～~至到—-]\s*(?:(?P<m2>十[一二]?|[一二三四五六七八九])月)?"
    r"(?P<d2>[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?")
# 明年 / 去年 before a month: years counted from the page's year, 次年 from the date before
# (resources/relative_years.tsv): word -> (offset, counted from the date before)
_RELATIVE_YEARS = {row[0]: (int(row[1]), row[2] == "date")
                   for row in read_table("relative_years.tsv")}


def find_dates(text: str, year: int | None) -> list[DateSpan]:
    """Dates and date ranges in ``text``, completed with ``year`` when the text omits it.

    ``9月2日`` (year 2024) -> 2024-09-02; ``2024年7月`` -> 2024-07 (a month alone stays a
    month); ``3月20日～23日`` -> 2024-03-20 to 2024-03-23; ``8月5日～9日``, ``3月27日～3月29日``
    likewise. A month after 明年/去年 (``relative_years.tsv``) counts from ``year``: 明年5月
    (2024) -> 2025-05; after 次年 from the date before it (2023年3月…，次年6月 -> 2024-06).
    Dates in Chinese numerals read the same (二〇二三年三月十六日 -> 2023-03-16; a month needs
    its year or its day: 三月 alone is no date). A date without a year after one with its year (or with 明年/去年) in the
    same ``text`` takes that year, or the next when its month comes earlier: ``2023年5月3日开工，
    9月30日竣工`` -> 2023-05-03, 2023-09-30; ``2023年11月开工，3月竣工`` -> …, 2024-03. A date
    without a year when ``year`` is None and no earlier date gives one is skipped.
    """
    out = []
    if "月" not in text:  # every date names its month
        return out
    carried: tuple[int, int] | None = None  # (year, month) of the last date written with a year
    for m in _date_matches(text):
        month = int(m.group("m"))
        relative, after = next((k for w, k in _RELATIVE_YEARS.items()
                                if text.endswith(w, 0, m.start())), (None, False))
        if after and carried is None:
            continue  # 次年 with no date before it in the sentence: the year is not known
        base = carried[0] if after else year
        if m.group("y"):
            y = int(m.group("y"))
        elif relative is not None and base is not None:
            y = base + relative
        elif carried is not None:  # 2023年5月3日开工，9月30日竣工: the year goes on, and a
            y = carried[0] + (month < carried[1])  # month before the last one is the next year
        else:
            y = year
        if y is None:
            continue
        if m.group("y") or relative is not None or carried is not None:
            carried = (y, month)
        start = f"{y:04d}-{month:02d}"
        if m.group("d"):
            day = int(m.group("d"))
            if not 1 <= day <= 31:
                continue
            start += f"-{day:02d}"
        end = None
        if m.group("d2") and m.group("d"):
            m2 = int(m.group("m2")) if m.group("m2") else month
            y2 = y + 1 if m2 < month else y  # 12月30日至1月2日 ends in the next year
            end = f"{y2:04d}-{m2:02d}-{int(m.group('d2')):02d}"
        out.append(DateSpan(start, end, m.start(), m.end()))
    return out


class _Written:
    """A date match with its numbers as Arabic digits (``group`` as ``re.Match`` has it)."""

    def __init__(self, match: re.Match[str], groups: dict[str, str | None]) -> None:
        self._match, self._groups = match, groups

    def group(self, name: str) -> str | None:
        return self._groups[name]

    def start(self) -> int:
        return self._match.start()

    def end(self) -> int:
        return self._match.end()


def _cn_number(text: str) -> str:
    """A year (二〇二三 -> 2023, digit by digit) or a number up to 31 (十六 -> 16) in Arabic
    digits."""
    digit = _CN_VALUE
    if "十" not in text:
        return "".join(str(digit[c]) for c in text)
    tens, _, ones = text.partition("十")
    return str((digit[tens] if tens else 1) * 10 + (digit[ones] if ones else 0))


def _date_matches(text: str) -> list[re.Match[str] | _Written]:
    """The dates of ``text`` written in Arabic digits (``_DATE_RE``) or in Chinese numerals
    (``_CN_DATE_RE``, read as digits), in text order; a Chinese one must have its year or day."""
    found: list = list(_DATE_RE.finditer(text))
    for m in _CN_DATE_RE.finditer(text):
        if not (m.group("y") or m.group("d")):
            continue
        groups = {k: _cn_number(v) if v else None for k, v in m.groupdict().items()}
        found.append(_Written(m, groups))
    return sorted(found, key=lambda m: m.start())
