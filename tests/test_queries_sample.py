"""Every shipped query answers on the sample page; exact rows for several."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kg.query import run_query

from .conftest import ROOT

QUERIES = sorted((ROOT / "queries").glob("*.rq"))


def rows(query: str, graph) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(run_query(ROOT / "queries" / query, graph, "csv"))))


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_every_query_returns_rows_on_the_sample_page(query: Path, sample_graph):
    assert len(list(csv.DictReader(io.StringIO(run_query(query, sample_graph, "csv"))))) >= 1


def test_project_funding_rows(sample_graph):
    got = {(r["projectName"], r["totalInvestment"], r["cooperationFunding"],
            r["fundingQualifier"]) for r in rows("project_funding.rq", sample_graph)}
    assert ("抗大一分校职业教育基地项目", "10167300", "4000000", "") in got
    assert ("屯留区小南村民宿项目", "8320500", "6000000", "约") in got
    assert ("屯留区中医药名医工作室项目", "5000000", "3500000", "") in got
    assert ("屯留区抗大红色文化体验馆项目", "", "4000000", "") in got


def test_funding_totals(sample_graph):
    got = {r["amountType"]: (r["projects"], r["totalYuan"]) for r in rows("funding_total.rq", sample_graph)}
    # 400 + 350 + 400 + 600 (万元) of cooperation funds over four projects
    assert got["cooperationFunding"] == ("4", "17500000")


def test_donors_of_tunliu(sample_graph):
    donors = {r["donorName"] for r in rows("donations.rq", sample_graph) if r["recipientName"] == "屯留区"}
    assert donors == {"江西济民药业", "宋庆龄基金会", "中国儿童少年基金会", "中国妇女基金会",
                      "北京华博科创"}


def test_a_sum_four_donors_give_jointly_says_so(sample_graph):
    # "江西济民药业宋庆龄基金会、中国儿童少年基金会、中国妇女基金会为屯留区捐赠350余万元":
    # one sum of 3.5 million, not 3.5 million from each
    got = {r["donorName"]: (r["amount"], r["qualifier"], r["sharedBy"])
           for r in rows("donations.rq", sample_graph)}
    assert got["中国妇女基金会"] == got["江西济民药业"] == ("3500000", "余", "4")
    assert got["北京华博科创"] == ("", "", "")


def test_people_and_posts(sample_graph):
    people = {r["personName"]: (r["jobTitles"], r["organizations"]) for r in rows("people.rq", sample_graph)}
    assert people["邢瑛"] == ("校长", "屯留树人小学")
    assert people["王志坚"][0] == "主任"
    assert people["贾贝贝"] == ("实习生", "")


def test_timeline_is_in_date_order_with_the_festival(sample_graph):
    got = [(r["date"], r["what"], r["entityName"]) for r in rows("timeline.rq", sample_graph)]
    assert got == sorted(got, key=lambda r: r[0])
    assert ("2024-08-05", "startDate", "第一届屯留美食进东城美食节") in got
    assert ("2024-08-09", "endDate", "第一届屯留美食进东城美食节") in got
