"""The offline entity-network page: counts, UTF-8, no URLs, legend, and untrusted text escaped."""
from __future__ import annotations

import json
import re

import pytest

from rdflib import Graph

from kg.graph import build_dataset, union_graph
from kg.model import Article, Entity, Evidence, Fact
from kg.network import Selection
from kg.errors import InputError
from kg.viz import _js, load_labels, write_html

DONGCHENG = "place/北京市/北京市/东城区"
TUNLIU = "place/山西省/长治市/屯留区"
HOSPITAL = "org/屯留区人民医院"
LONGFU = "org/北京市隆福医院"
LABELS = {"partnerOf": {"zh": "合作伙伴", "en": "partner of"},
          "trainedAt": {"zh": "培训于", "en": "trained at"}}

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"
HEADLINE = ('<a href="javascript:alert(\'x\')">点击</a> "引号" C:\\路径\\ '
            "见 https://evil.example/x.js")
SENTENCE = '他说："\\u003c 不是标签"\u2028第二行 <!-- 注释 -->'


def sentence(article: Article, text: str) -> Evidence:
    start = article.text.index(text)
    return Evidence(article.id, start, start + len(text), text)


def small_graph():
    s1 = "北京市东城区与屯留区结为对口协作伙伴。"
    s2 = "屯留区人民医院医生在北京市隆福医院进修培训。"
    s3 = "项目总投资503.14万元。"
    art = Article(id="p1-1", source="p1.txt", text="东城屯留携手\n" + s1 + s2 + s3,
                  headline="东城屯留携手")
    seen = frozenset({"p1-1"})
    ents = [
        Entity(DONGCHENG, "District", "北京市东城区", frozenset({"北京市东城区", "东城区"}),
               articles=seen),
        Entity(TUNLIU, "District", "屯留区", frozenset({"屯留区"}), articles=seen),
        Entity(HOSPITAL, "Hospital", "屯留区人民医院", frozenset({"屯留区人民医院"}),
               articles=seen),
        Entity(LONGFU, "Hospital", "北京市隆福医院", frozenset({"北京市隆福医院", "隆福医院"}),
               articles=seen),
    ]
    facts = [
        Fact(DONGCHENG, "partnerOf", TUNLIU, sentence(art, s1)),
        Fact(TUNLIU, "partnerOf", DONGCHENG, sentence(art, s1)),  # symmetric: one edge
        Fact(HOSPITAL, "trainedAt", LONGFU, sentence(art, s2)),
        Fact(TUNLIU, "totalInvestment", "5031400", sentence(art, s3), literal=True),  # no edge
    ]
    return union_graph(build_dataset([art], ents, facts)), (s1, s2)


def data_sets(html: str) -> tuple[list, list]:
    """The JSON given to ``new vis.DataSet(...)`` for nodes and edges."""
    found = re.findall(r"^var (nodes|edges) = new vis\.DataSet\((.*)\);$", html, re.M)
    parsed = {name: json.loads(body) for name, body in found}
    return parsed["nodes"], parsed["edges"]


def page_data(html: str) -> dict:
    """The ``kgData`` object of the page: facts, evidence, articles, terms, counts."""
    return json.loads(re.search(r"^var kgData = (.*);$", html, re.M).group(1))


@pytest.fixture()
def page(tmp_path):
    graph, sentences = small_graph()
    out = tmp_path / "graph.html"
    counts = write_html(graph, out, labels=LABELS)
    return counts, out.read_bytes().decode("utf-8"), sentences


def test_counts_match_the_datasets(page):
    counts, html, _ = page
    assert counts == {"nodes": 4, "edges": 2, "entities": 4, "relations": 2,
                      "layout": "physics", "notes": []}
    nodes, edges = data_sets(html)
    assert sorted(n["label"] for n in nodes) == sorted(
        ["北京市东城区", "屯留区", "屯留区人民医院", "北京市隆福医院"])
    assert [n["id"] for n in nodes] == [f"n{i}" for i in range(4)]
    assert sorted(e["label"] for e in edges) == ["合作伙伴", "培训于"]
    assert "4 个实体，2 条关系" in html and "(4 entities, 2 relations)" in html


def test_style_size_and_tooltips(page):
    _, html, (s1, s2) = page
    nodes, edges = data_sets(html)
    by_label = {n["label"]: n for n in nodes}
    assert by_label["屯留区"]["shape"] == "dot" and by_label["屯留区"]["color"] == "#66c2a5"
    assert by_label["屯留区人民医院"]["shape"] == "square"
    assert by_label["屯留区"]["size"] == 36.0  # 12 + 24 * sqrt(degree 1 / top degree 1)
    assert by_label["北京市东城区"]["title"] == "\n".join([
        "北京市东城区", "District (District, Place)", "名称: 北京市东城区、东城区",
        "1 条事实 facts · 点击查看证据 click for evidence"])
    partner = next(e for e in edges if e["label"] == "合作伙伴")
    assert partner["arrows"]["to"]["enabled"] is False
    assert partner["title"] == "\n".join([
        "合作伙伴 (partnerOf, partner of)", "北京市东城区 — 屯留区", f"「{s1}」——《东城屯留携手》"])
    trained = next(e for e in edges if e["label"] == "培训于")
    assert trained["arrows"]["to"]["enabled"] is True and s2 in trained["title"]


def test_facts_and_evidence_for_the_panel(page):
    _, html, (s1, _s2) = page
    nodes, _ = data_sets(html)
    data = page_data(html)
    ids = {n["label"]: n["id"] for n in nodes}
    tunliu = data["nodes"][ids["屯留区"]]
    assert tunliu["names"] == ["屯留区"] and tunliu["classes"] == ["District"]
    assert tunliu["coarse"] == "Place" and tunliu["degree"] == 1 and tunliu["articles"] == [0]
    assert data["articles"] == ["东城屯留携手"]
    # the symmetric relation stated both ways is one fact; the amount is a fact without an edge
    assert tunliu["facts"] == [
        {"p": "partnerOf", "dir": "—", "other": ids["北京市东城区"], "text": "北京市东城区",
         "ev": [[s1, 0]]},
        {"p": "totalInvestment", "dir": "=", "other": None, "text": "5031400",
         "ev": [["项目总投资503.14万元。", 0]]}]
    hospital = data["nodes"][ids["北京市隆福医院"]]
    assert [(f["p"], f["dir"], f["text"]) for f in hospital["facts"]] == [
        ("trainedAt", "←", "屯留区人民医院")]
    assert data["terms"]["partnerOf"] == {"zh": "合作伙伴", "en": "partner of"}
    assert data["terms"]["District"] == {"zh": "District", "en": "District"}  # not in LABELS
    assert sorted(d["p"] for d in data["edges"].values()) == ["partnerOf", "trainedAt"]
    assert data["notes"] == []


def test_selection_notes_and_fixed_layout(tmp_path):
    graph, _ = small_graph()
    out = tmp_path / "focus.html"
    counts = write_html(graph, out, labels=LABELS, selection=Selection(focus=("东城区",), hops=1))
    assert counts == {"nodes": 2, "edges": 1, "entities": 4, "relations": 2, "layout": "physics",
                      "notes": ["未显示 2 个实体、1 条关系 (left out: 2 entities, 1 relations), "
                                "按 --focus 东城区 --hops 1",
                                "未显示的实体 (left out by class): Organization 2"]}
    html = out.read_text(encoding="utf-8")
    assert page_data(html)["notes"] == [
        "未显示 2 个实体、1 条关系 (left out: 2 entities, 1 relations), 按 --focus 东城区 --hops 1",
        "未显示的实体 (left out by class): Organization 2"]
    assert '<p class="note">未显示 2 个实体' in html and "图中共 4 个实体、2 条关系" in html


def test_networkx_layout_above_the_threshold(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.viz.PHYSICS_MAX_NODES", 3)
    graph, _ = small_graph()
    out = tmp_path / "fixed.html"
    assert write_html(graph, out, labels=LABELS)["layout"] == "networkx"
    html = out.read_text(encoding="utf-8")
    nodes, _ = data_sets(html)
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) == 4
    options = json.loads(re.search(r"^var options = (.*);$", html, re.M).group(1))
    assert options["physics"] == {"enabled": False} and options["edges"]["smooth"] is False
    write_html(graph, tmp_path / "again.html", labels=LABELS)  # seeded: the same positions
    assert data_sets((tmp_path / "again.html").read_text(encoding="utf-8"))[0] == nodes


def test_bad_input_leaves_the_old_page(tmp_path):
    graph, _ = small_graph()
    out = tmp_path / "graph.html"
    out.write_text("old page", encoding="utf-8")
    with pytest.raises(InputError, match="--focus 西城: no entity has this name"):
        write_html(graph, out, labels=LABELS, selection=Selection(focus=("西城",)))
    with pytest.raises(InputError, match="--size-by pagerank: use one of degree, betweenness"):
        write_html(graph, out, labels=LABELS, size_by="pagerank")
    with pytest.raises(InputError, match="missing does not exist"):
        write_html(graph, tmp_path / "missing" / "graph.html", labels=LABELS)
    with pytest.raises(InputError, match="is a folder; name the HTML file to write"):
        write_html(graph, tmp_path, labels=LABELS)
    assert out.read_text(encoding="utf-8") == "old page"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]  # no temporary file


def test_size_by_betweenness(tmp_path):
    graph, _ = small_graph()
    write_html(graph, tmp_path / "b.html", labels=LABELS, size_by="betweenness")
    nodes, _ = data_sets((tmp_path / "b.html").read_text(encoding="utf-8"))
    assert {n["label"]: n["size"] for n in nodes} == {  # no node lies between two others
        "北京市东城区": 12.0, "屯留区": 12.0, "屯留区人民医院": 12.0, "北京市隆福医院": 12.0}


def test_offline_utf8_and_legend(page):
    _, html, _ = page
    assert "http://" not in html and "https://" not in html
    assert "w3id.org" not in html  # no node IRIs
    assert '<meta charset="utf-8">' in html
    assert 'font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif' in html
    assert "<script src" not in html and "<link" not in html
    assert "北京市东城区" in html  # raw UTF-8, not \\u escapes
    legend = re.search(r'<div id="legend">(.*?)</div>', html, re.S).group(1)
    assert "Place" in legend and "Organization" in legend and "Person" not in legend
    assert 'network.once("stabilizationIterationsDone"' in html
    assert "network.setOptions({physics: false})" in html
    assert "innerHTML" not in html.split("var kgData")[1]  # the page's own script


def test_labels_fallback_and_ontology(tmp_path):
    graph, _ = small_graph()
    assert write_html(graph, tmp_path / "d.html")["edges"] == 2  # the repository's ontology
    _, edges = data_sets((tmp_path / "d.html").read_text(encoding="utf-8"))
    assert sorted(e["label"] for e in edges) == ["合作伙伴", "培训于"]
    write_html(graph, tmp_path / "g.html", labels={})
    _, edges = data_sets((tmp_path / "g.html").read_text(encoding="utf-8"))
    assert sorted(e["label"] for e in edges) == ["partnerOf", "trainedAt"]
    ttl = tmp_path / "kg.ttl"
    ttl.write_text('@prefix kg: <https://w3id.org/kg-news/ontology#> .\n'
                   '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                   'kg:partnerOf rdfs:label "合作伙伴"@zh, "partner of"@en .\n'
                   'kg:visited rdfs:label "访问"@zh-Hans .\n', encoding="utf-8")
    assert load_labels(ttl) == {"partnerOf": {"zh": "合作伙伴", "en": "partner of"},
                                "visited": {"zh": "访问"}}
    assert load_labels(tmp_path / "missing.ttl") == {}


def evil_graph():
    """Two entities named with markup, a headline with a link, a sentence with escapes."""
    art = Article(id="x-1", source="x.txt", text=SENTENCE + "。", headline=HEADLINE)
    ents = [Entity("org/a", "Company", IMG, frozenset({IMG}), articles=frozenset({"x-1"})),
            Entity("org/b", "Person", SCRIPT, frozenset({SCRIPT, "a\\b\"c"}),
                   articles=frozenset({"x-1"}))]
    ev = Evidence("x-1", 0, len(SENTENCE), SENTENCE)
    fact = Fact("org/a", "partnerOf", "org/b", ev)
    return union_graph(build_dataset([art], ents, [fact]))


def test_untrusted_text_is_escaped(tmp_path):
    graph = evil_graph()
    out = tmp_path / "evil.html"
    assert write_html(graph, out, labels={})["nodes"] == 2
    html = out.read_bytes().decode("utf-8")
    for raw in ("<img src=x", "</script><script>alert", 'href="javascript:', "<a href",
                "\u2028", "<!-- 注释", "http://", "https://"):
        assert raw not in html, raw
    assert html.count("</script>") == 2  # only the page's own two scripts end
    nodes, edges = data_sets(html)  # the data survives, exactly, behind the escapes
    assert sorted(n["label"] for n in nodes) == sorted([IMG, SCRIPT])
    person = next(n for n in nodes if n["label"] == SCRIPT)
    assert 'a\\b"c' in person["title"] and "Person" in person["title"]
    assert SENTENCE in edges[0]["title"] and HEADLINE in edges[0]["title"]
    data = page_data(html)
    assert data["articles"] == [HEADLINE]
    assert data["nodes"][person["id"]]["facts"][0]["ev"] == [[SENTENCE, 0]]
    assert "\\u003cimg src=x" in html


def test_js_escaping():
    assert _js("</script>&\u2028") == '"\\u003c\\u002fscript\\u003e\\u0026\\u2028"'
    assert json.loads(_js({"a": "<b>/\u2029"})) == {"a": "<b>/\u2029"}


def test_a_graph_without_entities(tmp_path):
    out = tmp_path / "empty.html"
    assert write_html(Graph(), out, labels={}) == {
        "nodes": 0, "edges": 0, "entities": 0, "relations": 0, "layout": "physics", "notes": []}
    assert data_sets(out.read_text(encoding="utf-8")) == ([], [])


def test_the_search_folds_every_traditional_form_of_the_page_characters():
    from kg.viz import _folding
    fold = _folding(["头发", "北京市东城区"])
    assert fold["發"] == fold["髮"] == "发" and fold["頭"] == "头" and fold["東"] == "东"
    assert set(fold.values()) <= set("头发北京市东城区")  # only what the page can use
