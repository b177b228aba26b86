"""The sample page, built end to end: exact triples, amounts, dates and their evidence."""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest
from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, PROV, URIRef

from kg.graph import entity_iri
from kg.namespaces import KG, NIF
from kg.pipeline import build

from .conftest import DATA, ROOT, SHARED_GOLD

TUNLIU = entity_iri("place/山西省/长治市/屯留区")
DONGCHENG = entity_iri("place/北京市/东城区")


def node(graph: Graph, label: str) -> URIRef:
    """The one entity with this label (rdfs:label or skos:altLabel)."""
    found = {s for p in (RDFS.label, SKOS.altLabel)
             for s in graph.subjects(p, Literal(label, lang="zh"))}
    assert len(found) == 1, f"{label}: {found}"
    return found.pop()


def test_one_node_per_district_with_every_surface_form(sample_graph):
    labels = {str(o) for p in (RDFS.label, SKOS.altLabel) for o in sample_graph.objects(DONGCHENG, p)}
    assert {"北京市东城区", "东城区", "北京东城区", "东城"} <= labels
    assert (DONGCHENG, RDF.type, KG.District) in sample_graph
    assert (DONGCHENG, KG.locatedIn, entity_iri("place/北京市")) in sample_graph
    assert (TUNLIU, KG.divisionCode, Literal("140405")) in sample_graph


@pytest.mark.parametrize("subject, predicate, obj", [
    ("北京市东城区", "partnerOf", "屯留区"),
    ("屯留树人小学", "partnerOf", "北京东城区精忠小学"),
    ("北京东城区经信局", "signedAgreementWith", "屯留区人民政府"),
    ("屯留区委党校", "signedAgreementWith", "北京东城区委党校"),
    ("屯留区", "trainedAt", "北京东城区委党校"),
    ("河神庙乡卫生院", "trainedAt", "北京东城区社区卫生服务管理中心"),
    ("屯留区文化和旅游局", "visited", "北京东城区非遗中心"),
    ("屯留区发展和改革局", "visited", "北京市东城区"),
    ("王志坚", "visited", "北京市"),
    ("宋庆龄基金会", "donatedTo", "屯留区"),
    ("博爱卫生站", "establishedBy", "中国红十字会"),
    ("小南村", "locatedIn", "上村镇"),
    ("清华大学材料学院", "subOrganizationOf", "清华大学"),
    ("章建伟", "worksFor", "东城区委"),
    ("邢瑛", "worksFor", "屯留树人小学"),
    ("淮海工业集团团委", "organizerOf", "与时代同向与祖国同行主题团日活动"),
    ("屯留区", "participatedIn", "服贸会"),
    ("阮秋云", "spouseOf", "张宏斌"),
])
def test_relation_from_the_page(sample_graph, subject, predicate, obj):
    s, o = node(sample_graph, subject), node(sample_graph, obj)
    found = (s, KG[predicate], o) in sample_graph
    if predicate in ("partnerOf", "signedAgreementWith", "spouseOf"):  # symmetric
        found = found or (o, KG[predicate], s) in sample_graph
    assert found


@pytest.mark.parametrize("subject, attribute, value, datatype", [
    ("名医馆项目", "totalInvestment", "5031400", XSD.decimal),
    ("屯留区中医药名医工作室项目", "cooperationFunding", "3500000", XSD.decimal),
    ("抗大一分校职业教育基地项目", "totalInvestment", "10167300", XSD.decimal),
    ("抗大一分校职业教育基地项目", "startDate", "2024-10", XSD.gYearMonth),
    ("屯留区中医药名医工作室项目", "startDate", "2024-07", XSD.gYearMonth),
    ("第一届屯留美食进东城美食节", "startDate", "2024-08-05", XSD.date),
    ("第一届屯留美食进东城美食节", "endDate", "2024-08-09", XSD.date),
    ("屯留区驻京招商联络点", "foundingDate", "2024-07-11", XSD.date),
    ("双师课堂", "startDate", "2024-06", XSD.gYearMonth),
])
def test_attribute_from_the_page(sample_graph, subject, attribute, value, datatype):
    values = list(sample_graph.objects(node(sample_graph, subject), KG[attribute]))
    assert len(values) == 1
    assert values[0].datatype == datatype
    if datatype == XSD.decimal:
        assert values[0].toPython() == Decimal(value)
    else:
        assert str(values[0]) == value


def test_job_titles_as_written(sample_graph):
    assert set(map(str, sample_graph.objects(node(sample_graph, "章建伟"), KG.jobTitle))) == \
        {"副书记", "校长"}
    assert set(map(str, sample_graph.objects(node(sample_graph, "梦倩"), KG.jobTitle))) == {"通讯员"}


def test_approximate_amount_keeps_its_qualifier(sample_graph):
    project = node(sample_graph, "屯留区小南村民宿项目")
    statements = list(sample_graph.subjects(RDF.subject, project))
    funding = [st for st in statements
               if (st, RDF.predicate, KG.cooperationFunding) in sample_graph]
    assert len(funding) == 1
    assert sample_graph.value(funding[0], RDF.object).toPython() == Decimal(6000000)
    assert (funding[0], KG.qualifier, Literal("约", lang="zh")) in sample_graph


def test_a_sum_four_donors_give_together_is_marked_on_each_statement(sample_graph):
    # 江西济民药业宋庆龄基金会、中国儿童少年基金会、中国妇女基金会为屯留区捐赠350余万元的药品
    gifts = {str(sample_graph.value(sample_graph.value(st, RDF.subject), RDFS.label)):
             (sample_graph.value(st, KG.amount), sample_graph.value(st, KG.jointDonors))
             for st in sample_graph.subjects(RDF.predicate, KG.donatedTo)
             if sample_graph.value(st, RDF.object) == TUNLIU}
    four = ("江西济民药业", "宋庆龄基金会", "中国儿童少年基金会", "中国妇女基金会")
    assert {name: gifts[name] for name in four} == \
        {name: (Literal("3500000", datatype=XSD.decimal), Literal(4)) for name in four}
    assert gifts["北京华博科创"] == (None, None)


def test_every_fact_has_evidence_that_is_its_sentence(sample_graph):
    statements = set(sample_graph.subjects(RDF.type, RDF.Statement))
    assert len(statements) > 150
    texts = {a: str(t) for a, t in sample_graph.subject_objects(NIF.isString)}
    for st in statements:
        evidence = list(sample_graph.objects(st, PROV.wasDerivedFrom))
        assert evidence, st
        for ev in evidence:
            article = sample_graph.value(ev, NIF.referenceContext)
            begin = int(sample_graph.value(ev, NIF.beginIndex))
            end = int(sample_graph.value(ev, NIF.endIndex))
            assert texts[article][begin:end] == str(sample_graph.value(ev, NIF.anchorOf))


def test_evidence_of_a_fact_names_its_sentence(sample_graph):
    st = next(s for s in sample_graph.subjects(RDF.predicate, KG.totalInvestment)
              if sample_graph.value(s, RDF.object).toPython() == Decimal(5031400))
    sentences = {str(sample_graph.value(ev, NIF.anchorOf))
                 for ev in sample_graph.objects(st, PROV.wasDerivedFrom)}
    assert sentences == {"2024年京长对口合作中屯留区实施的重点合作项目有三个："
                         "中医药合作名医馆项目总投资503.14万元；"}


def test_trig_has_one_named_graph_per_article(sample_build):
    ds = Dataset()
    ds.parse(sample_build / "graph.trig", format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g) and "/article/" in str(g.identifier)}
    assert len(names) == 8
    report = json.loads((sample_build / "report.json").read_text(encoding="utf-8"))
    assert len(report["articles"]) == 8
    assert report["shacl"]["conforms"] is True
    assert set(report["seconds"]) >= {"ingest", "mentions+relations", "entities", "graph"}


def test_same_input_gives_the_same_graph_bytes(sample_build, tmp_path):
    build([DATA], tmp_path)
    assert (tmp_path / "graph.ttl").read_bytes() == (sample_build / "graph.ttl").read_bytes()


def test_html_has_no_remote_resource(sample_build):
    html = (sample_build / "graph.html").read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html
    assert "北京市东城区" in html


@pytest.mark.skipif(not (SHARED_GOLD / "score.py").exists(), reason="../shared/gold not present")
def test_sample_page_scores_stay_above_the_targets(sample_build):
    """The shared scorer's thresholds of issue 3: entity F1 ≥ 0.95, relation F1 ≥ 0.85,
    attribute F1 ≥ 0.90, and no duplicate entity beyond the two known coreference misses."""
    out = sample_build / "score.json"
    proc = subprocess.run(
        [sys.executable, str(SHARED_GOLD / "score.py"), "--gold", str(SHARED_GOLD / "seed"),
         str(sample_build / "graph.ttl"), "--json", str(out), "--min-entity-f1", "0.95",
         "--min-relation-f1", "0.85", "--min-attribute-f1", "0.90"],
        capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["entities"]["duplicates"] <= 2
