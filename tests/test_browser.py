"""The network page in a real browser (headless Chromium, network cut off): it loads with no
error and no request, shows the graph's counts, finds 东城, opens 屯留区's evidence on a click,
filters, switches edge labels to English, and shows injected markup as text."""
from __future__ import annotations

import json

import pytest
from rdflib import RDF

from kg.namespaces import ENTITY_CLASSES, KG, NIF, RELATIONS, SCHEMA, SYMMETRIC_RELATIONS
from kg.viz import write_html
from tests.browser import browser, open_page  # noqa: F401  (fixtures)
from tests.test_viz import (HEADLINE, IMG, LABELS, SCRIPT, SENTENCE, data_sets, evil_graph,
                           small_graph)

PARTNERS = "京长对口合作开展以来，北京东城区与屯留区在红色文化、人才培养、乡村振兴、产业转型等多领域合作已经全面展开。"
HEADLINE_SAMPLE = "《同心逐梦，情越太行——屯留与东城有个“约定”》"


def expected_counts(graph) -> tuple[int, int, int]:
    """(entities, relation edges, Person entities) counted straight from the RDF: a symmetric
    relation stated both ways is one edge."""
    ents = {s for cls in ENTITY_CLASSES for s in graph.subjects(RDF.type, KG[cls])}
    edges = set()
    for name in RELATIONS:
        for s, o in graph.subject_objects(KG[name]):
            if s in ents and o in ents:
                edges.add((name, frozenset((s, o))) if name in SYMMETRIC_RELATIONS
                          else (name, s, o))
    return len(ents), len(edges), len(set(graph.subjects(RDF.type, KG.Person)))


@pytest.fixture
def sample_page(sample_build, open_page):  # noqa: F811
    return open_page(sample_build / "graph.html")


def test_loads_offline_with_the_graphs_counts(sample_page, sample_build, sample_graph):
    page = sample_page.page
    entities, relations, _ = expected_counts(sample_graph)
    assert (sample_page.errors, sample_page.requests, sample_page.dialogs) == ([], [], [])
    assert page.evaluate("[kgView.nodeCount, kgView.edgeCount, kgView.totalNodes, "
                         "kgView.totalEdges, kgView.visibleNodeCount(), "
                         "kgView.visibleEdgeCount(), kgView.layout]") == [
        entities, relations, entities, relations, entities, relations, "physics"]
    report = json.loads((sample_build / "report.json").read_text(encoding="utf-8"))
    assert (report["html"]["nodes"], report["html"]["edges"]) == (entities, relations)
    assert page.inner_text("#summary").startswith(f"{entities} 个实体，{relations} 条关系")
    assert page.evaluate("getComputedStyle(document.body).fontFamily") == \
        '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif'
    assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"', '屯留')")


def test_search_box_finds_dongcheng(sample_page):
    page = sample_page.page
    page.fill("#search", "东城")
    page.press("#search", "Enter")
    assert page.evaluate("kgView.label(kgView.selected)") == "北京市东城区"
    assert page.inner_text("#panel h2") == "北京市东城区"
    assert page.inner_text("#results li:first-child") == "北京市东城区"
    assert "东城" in page.inner_text("#panel .names")
    assert sample_page.errors == []


def test_search_folds_traditional_characters(sample_page):
    page = sample_page.page
    page.fill("#search", "東城")  # the page's labels are simplified, as the build makes them
    page.press("#search", "Enter")
    assert page.evaluate("kgView.label(kgView.selected)") == "北京市东城区"
    assert page.evaluate("kgView.search('屯留區人民醫院').map(kgView.label)")[0] == \
        "屯留区人民医院"
    assert sample_page.errors == []


def test_search_says_when_the_filters_hide_what_it_found(sample_page):
    page = sample_page.page
    page.uncheck("#legend input[value=Place]")
    page.fill("#search", "东城")
    page.press("#search", "Enter")
    assert page.inner_text("#panel h2") == "北京市东城区"
    assert page.inner_text("#panel .filtered") == "已被筛选隐藏 (hidden by the filters)"
    assert page.evaluate("network.getSelectedNodes()") == []
    page.check("#legend input[value=Place]")
    page.fill("#search", "")
    page.press("#search", "Enter")
    assert page.inner_text("#results") == ""  # an empty search is no search, not "no match"
    assert sample_page.errors == []


def test_clicking_tunliu_shows_its_evidence(sample_page, sample_graph):
    page = sample_page.page
    tunliu = page.evaluate("kgView.find('屯留区')[0]")
    assert page.evaluate(f"kgView.label('{tunliu}')") == "屯留区"
    where = page.evaluate(f"kgView.domPosition('{tunliu}')")
    page.mouse.click(where["x"], where["y"])
    assert page.evaluate("kgView.selected") == tunliu
    assert page.is_visible("#panel") and page.inner_text("#panel h2") == "屯留区"
    quotes = page.eval_on_selector_all("#panel q", "qs => qs.map(q => q.textContent)")
    assert PARTNERS in quotes
    assert PARTNERS in {str(s) for s in sample_graph.objects(None, NIF.anchorOf)}
    cites = page.eval_on_selector_all("#panel cite", "cs => cs.map(c => c.textContent)")
    assert HEADLINE_SAMPLE in cites
    assert sample_page.errors == []


def test_filters_and_english_labels(sample_page, sample_graph):
    page = sample_page.page
    entities, _, persons = expected_counts(sample_graph)
    page.uncheck("#legend input[value=Person]")
    assert page.evaluate("kgView.visibleNodeCount()") == entities - persons
    page.check("#legend input[value=Person]")
    partners = len({frozenset(so) for so in sample_graph.subject_objects(KG.partnerOf)})
    page.click("#filters summary")
    for box in page.query_selector_all("#predicates input"):
        if box.get_attribute("value") != "partnerOf":
            box.uncheck()
    assert page.evaluate("kgView.edgeLabels()") == ["合作伙伴"] * partners
    page.click("#lang")
    assert page.evaluate("kgView.edgeLabels()") == ["partner of"] * partners
    page.select_option("#article", index=1)  # the page's first article
    headline = page.eval_on_selector("#article", "s => s.options[s.selectedIndex].textContent")
    articles = {a for a, h in sample_graph.subject_objects(SCHEMA.headline) if str(h) == headline}
    typed = {s for cls in ENTITY_CLASSES for s in sample_graph.subjects(RDF.type, KG[cls])}
    named = {s for s, a in sample_graph.subject_objects(KG.mentionedIn) if a in articles}
    assert page.evaluate("kgView.visibleNodeCount()") == len(named & typed) < entities
    assert sample_page.errors == []


def test_injected_names_render_as_text(tmp_path, open_page):  # noqa: F811
    out = tmp_path / "evil.html"
    write_html(evil_graph(), out, labels={})
    opened = open_page(out)
    page = opened.page
    assert page.evaluate("kgView.search(" + json.dumps(IMG) + ").length") == 1
    assert page.inner_text("#panel h2") == IMG
    assert page.inner_text("#results li:first-child") == IMG
    assert page.eval_on_selector("#panel q", "q => q.textContent") == SENTENCE
    assert page.eval_on_selector("#panel cite", "c => c.textContent") == f"《{HEADLINE}》"
    page.evaluate("kgView.search(" + json.dumps(SCRIPT) + ")")
    assert page.inner_text("#panel h2") == SCRIPT
    assert 'a\\b"c' in page.inner_text("#panel .names")
    where = page.evaluate("kgView.domPosition(kgView.find(" + json.dumps(IMG) + ")[0])")
    page.mouse.move(where["x"], where["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible")
    tip = page.eval_on_selector("div.vis-tooltip", "t => [t.innerText, "  # innerText: lines as <br>
                                "t.querySelectorAll(':not(br)').length]")
    assert tip == ["\n".join([IMG, "Company (Company, Organization)", "名称: " + IMG,
                              "1 条事实 facts · 点击查看证据 click for evidence"]), 0]
    assert page.evaluate("[document.images.length, document.scripts.length, "
                         "document.links.length]") == [0, 2, 0]
    assert (opened.errors, opened.dialogs, opened.requests) == ([], [], [])


def test_networkx_layout_page_stays_put(tmp_path, open_page, monkeypatch):  # noqa: F811
    monkeypatch.setattr("kg.viz.PHYSICS_MAX_NODES", 3)
    out = tmp_path / "fixed.html"
    write_html(small_graph()[0], out, labels=LABELS)
    opened = open_page(out)
    page = opened.page
    assert page.evaluate("[kgView.layout, kgView.nodeCount, kgView.edgeCount]") == [
        "networkx", 4, 2]
    nodes, _ = data_sets(out.read_text(encoding="utf-8"))
    placed = page.evaluate("network.getPositions()")
    assert {n["id"]: [n["x"], n["y"]] for n in nodes} == \
        {k: [v["x"], v["y"]] for k, v in placed.items()}
    assert (opened.errors, opened.requests) == ([], [])
