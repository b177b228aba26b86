"""kg.values: amounts of money (yuan, with the qualifier the text used) and dates (ISO 8601,
completed with the page's year), from short made-up sentences of the genre."""
from __future__ import annotations

from decimal import Decimal

import pytest

from kg.values import find_amounts, find_dates


def _xfail(reason: str):
    return pytest.mark.xfail(reason=reason, strict=True)


# (text, [(yuan, qualifier), ...])
AMOUNTS = [
    ("东城区向屯留区捐赠帮扶资金300万元。", [(3_000_000, "")]),
    ("该项目总投资1.2亿元。", [(120_000_000, "")]),
    ("项目总投资503.14万元。", [(5_031_400, "")]),
    ("中药材加工项目总投资2.35亿元。", [(235_000_000, "")]),
    ("村集体年收入增加3.5万元。", [(35_000, "")]),
    ("项目计划投资约600万元。", [(6_000_000, "约")]),
    ("该项目使用对口合作资金350余万元。", [(3_500_000, "余")]),
    ("完成投资2000余万元。", [(20_000_000, "余")]),
    ("企业为村里捐资100多万元。", [(1_000_000, "多")]),
    ("爱心人士捐赠价值两万多元的物资。", [(20_000, "多")]),
    ("累计投入近90万元。", [(900_000, "近")]),
    ("带动销售额超500万元。", [(5_000_000, "超")]),
    ("年产值超过300万元。", [(3_000_000, "超")]),
    ("吸引投资逾500万元。", [(5_000_000, "余")]),
    ("全年到位资金达800万元。", [(8_000_000, "")]),
    ("基金会捐款三十万元。", [(300_000, "")]),
    ("村民每户补贴五千元。", [(5_000, "")]),
    ("帮扶资金1,200万元已全部到位。", [(12_000_000, "")]),
    ("两地分别投入200万元和300万元。", [(2_000_000, ""), (3_000_000, "")]),
    ("东城区为屯留区余吾镇修缮校舍。", []),
    pytest.param("爱心企业捐资近百万元。", [(1_000_000, "近")],
                 id="近百万元"),
    pytest.param("项目吸引社会投资逾千万元。", [(10_000_000, "余")],
                 id="逾千万元"),
    pytest.param("爱心企业捐赠物资价值5万余元。", [(50_000, "余")],
                 id="5万余元"),
    pytest.param("项目累计投资1.5亿余元。", [(150_000_000, "余")],
                 id="1.5亿余元"),
]


@pytest.mark.parametrize("text, expected", AMOUNTS)
def test_find_amounts(text, expected):
    found = [(a.yuan, a.qualifier) for a in find_amounts(text)]
    assert found == [(Decimal(y), q) for y, q in expected]


def test_amount_offsets_cover_the_written_amount():
    text = "该项目总投资约1.2亿元，其中对口合作资金350余万元。"
    spans = [text[a.start:a.end] for a in find_amounts(text)]
    assert spans == ["约1.2亿元", "350余万元"]


def test_amount_value_is_integral_when_whole():
    (amount,) = find_amounts("总投资1.2亿元")
    assert str(amount.yuan) == "120000000"


# (text, page year, [(start, end), ...])
DATES = [
    ("9月2日，活动在屯留区开幕。", 2024, [("2024-09-02", None)]),
    ("2023年5月，双方签署协议。", 2024, [("2023-05", None)]),
    ("2023年5月3日，项目开工。", 2024, [("2023-05-03", None)]),
    ("3月20日～23日，培训班在东城区举办。", 2024, [("2024-03-20", "2024-03-23")]),
    ("3月27日～4月2日，学员赴北京跟岗学习。", 2024, [("2024-03-27", "2024-04-02")]),
    ("3月27日至3月29日，考察团赴东城区。", 2024, [("2024-03-27", "2024-03-29")]),
    ("5月20日-22日，义诊活动持续三天。", 2023, [("2023-05-20", "2023-05-22")]),
    ("2024年7月15日至17日，研学团来到屯留。", None, [("2024-07-15", "2024-07-17")]),
    ("6月份，驿站正式投用。", 2024, [("2024-06", None)]),
    ("10月中旬，项目竣工。", 2024, [("2024-10", None)]),
    ("今年5月，两校结对。", 2024, [("2024-05", None)]),
    ("7月15号，医疗队到达。", 2024, [("2024-07-15", None)]),
    ("5月1日、5月3日，志愿者两次走访。", 2024, [("2024-05-01", None), ("2024-05-03", None)]),
    ("5月3日，双方签约。", None, []),
    ("上半年，屯留区接待游客10万人次。", 2024, []),
    pytest.param("12月30日至1月2日，培训班跨年举办。", 2024, [("2024-12-30", "2025-01-02")],
                 id="new-year-range",
),
    pytest.param("产业园一期已投产，二期计划明年6月竣工。", 2024, [("2025-06", None)],
                 id="明年-next-year"),
    pytest.param("去年11月，两地签署协议。", 2024, [("2023-11", None)], id="去年-last-year"),
    pytest.param("明年3月起，双方互派教师。", None, [], id="明年-no-page-year"),
    pytest.param("项目于2023年5月3日开工，9月30日竣工。", 2024,
                 [("2023-05-03", None), ("2023-09-30", None)], id="year-carried"),
    pytest.param("项目于2023年11月开工，次年3月竣工。", 2024,
                 [("2023-11", None), ("2024-03", None)], id="year-carried-past-december"),
    pytest.param("去年10月签约，12月5日开工。", 2024,
                 [("2023-10", None), ("2023-12-05", None)], id="relative-year-carried"),
    pytest.param("二〇二三年三月十六日开工，次年6月完工。", 2024,
                 [("2023-03-16", None), ("2024-06", None)], id="chinese-numerals-and-次年"),
    pytest.param("十二月二十五日至三十一日，展销会举行。", 2024,
                 [("2024-12-25", "2024-12-31")], id="chinese-numeral-range"),
    pytest.param("三月，两地签约。", 2024, [], id="chinese-month-alone-is-no-date"),
    pytest.param("次年6月完工。", 2024, [], id="次年-with-no-date-before"),
    pytest.param("5月3日开工，2023年9月30日竣工。", 2024,
                 [("2024-05-03", None), ("2023-09-30", None)], id="no-year-before-a-year"),
]


@pytest.mark.parametrize("text, year, expected", DATES)
def test_find_dates(text, year, expected):
    assert [(d.start, d.end) for d in find_dates(text, year)] == expected


def test_date_offsets_cover_the_written_date():
    text = "项目于2024年3月15日开工，9月30日竣工。"
    spans = [text[d.pos:d.stop] for d in find_dates(text, None)]
    # 9月30日 has no year and the page none: it takes the year of the date before it
    assert spans == ["2024年3月15日", "9月30日"]
