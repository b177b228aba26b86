"""kg.query and the shipped queries: every query runs on the sample graph, key queries return
exactly the expected rows, tables stay aligned with Chinese text, and csv/tsv/json follow the W3C
SPARQL 1.1 results formats."""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import RDFS
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result

from kg.errors import InputError, KgError
from kg.namespaces import KG
from kg.query import display_width, format_csv, run_query

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
import sample_graph as sample  # noqa: E402

QUERIES = Path(__file__).resolve().parent.parent / "queries"
SHIPPED = sorted(QUERIES.glob("*.rq"))
DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
TUNLIU_IRI = "id:place/山西省/长治市/屯留区"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return sample.sample_graph()


def rows(query: str, graph: Graph, **bindings) -> list[dict[str, str]]:
    text = run_query(QUERIES / f"{query}.rq", graph, "csv", bindings=bindings or None)
    return list(csv.DictReader(io.StringIO(text)))


def values(query: str, graph: Graph, *columns: str, **bindings) -> list[tuple[str, ...]]:
    return [tuple(r[c] for c in columns) for r in rows(query, graph, **bindings)]


def sentence(opening: str) -> str:
    return sample.sentence(sample.ARTICLE, opening).text


# --- every shipped query ------------------------------------------------------------------------

def test_at_least_ten_queries_including_the_analyst_set():
    names = {p.stem for p in SHIPPED}
    assert len(names) >= 10
    assert {"partners", "exchanges", "project_funding", "funding_total", "donations", "people",
            "timeline", "evidence", "entities_per_class", "place_hierarchy",
            "conflicting_figures"} <= names


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_query_has_a_header_and_declares_its_prefixes(path):
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# title: ") and len(lines[0]) > len("# title: ")
    assert any(l.startswith("# answers: ") for l in lines[:4])
    body = "\n".join(l for l in lines if not l.lstrip().startswith("#"))
    for line in (l for l in lines if l.startswith("# parameters:")):
        for var in re.findall(r"\?\w+", line):
            assert re.search(re.escape(var) + r"\b", body), f"{var} is not used in {path.name}"
    prepareQuery(text)  # no initNs: standard SPARQL that runs anywhere


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_query_returns_rows_on_the_sample(path, graph):
    result = json.loads(run_query(path, graph, "json"))
    assert len(result["results"]["bindings"]) >= 1
    assert result["head"]["vars"]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_table_lines_have_one_display_width(path, graph):
    table = run_query(path, graph).splitlines()
    assert len(table) >= 3
    assert len({display_width(line) for line in table}) == 1
    # the column separators sit at the same display column on every line
    columns = {tuple(display_width(line[:m.start()]) for m in re.finditer(r" \| |-\+-", line))
               for line in table}
    assert len(columns) == 1


# --- exact rows ---------------------------------------------------------------------------------

def test_partners(graph):
    said = sentence(sample._PARTNERS)
    assert values("partners", graph, "districtName", "partnerName", "partner", "sentence") == [
        ("北京市东城区", "屯留区", str(sample.iri(sample.TUNLIU)), said),
        ("屯留区", "北京市东城区", str(sample.iri(sample.DONGCHENG)), said),
    ]


def test_partners_of_one_district(graph):
    assert values("partners", graph, "partnerName", district=sample.iri(sample.TUNLIU)) == \
        [("北京市东城区",)]
    assert values("partners", graph, "partnerName",
                  district="id:place/北京市/北京市/东城区") == [("屯留区",)]


def test_project_funding(graph):
    assert values("project_funding", graph, "projectName", "totalInvestment",
                  "investmentQualifier", "cooperationFunding", "placeName") == [
        ("抗大一分校职业教育基地项目", "10167300", "", "4000000", "抗大一分校"),
        ("抗大一分校职业教育基地项目", "10000000", "约", "4000000", "抗大一分校"),
        ("上村镇小南村乡村振兴示范点建设项目", "8000000", "", "", "小南村"),
        ("中医药合作名医馆项目", "5031400", "", "", "屯留区"),
        ("屯留区中医药名医工作室项目", "5000000", "", "3500000", ""),
        ("屯留区抗大红色文化体验馆项目", "", "", "4000000", ""),
    ]


def test_funding_total_counts_a_conflicting_project_once(graph):
    assert values("funding_total", graph, "amountType", "projects", "totalYuan") == [
        ("cooperationFunding", "3", "11500000"),
        ("totalInvestment", "4", f"{5031400 + 8000000 + 5000000 + 10167300}"),
    ]


def test_people(graph):
    got = {r["personName"]: (set(r["jobTitles"].split("、")) - {""},
                             set(r["organizations"].split("、")) - {""})
           for r in rows("people", graph)}
    assert got == {
        "张振龙": ({"记者"}, set()),
        "王志坚": ({"主任"}, {"屯留经济技术开发区管委会"}),
        "章建伟": ({"副书记", "校长"}, {"东城区委", "北京东城区委党校"}),
    }
    assert [r["personName"] for r in rows("people", graph)] == ["张振龙", "王志坚", "章建伟"]


def test_timeline(graph):
    assert values("timeline", graph, "date", "what", "entityName", "sentence") == [
        ("2024-06", "startDate", "双师课堂", sentence(sample._DUAL)),
        ("2024-07", "startDate", "中医药合作名医馆项目", sentence(sample._BEGUN)),
        ("2024-07", "startDate", "屯留区中医药名医工作室项目", sentence(sample._MEMO_STUDIO)),
        ("2024-07-11", "foundingDate", "屯留区驻京招商联络点", sentence(sample._LIAISON)),
        ("2024-08-05", "startDate", "第一届屯留美食进东城美食节", sentence(sample._MEMO_FAIR)),
        ("2024-08-09", "endDate", "第一届屯留美食进东城美食节", sentence(sample._MEMO_FAIR)),
        ("2024-10", "endDate", "中医药合作名医馆项目", sentence(sample._DONE)),
        ("2024-10", "startDate", "抗大一分校职业教育基地项目", sentence(sample._MEMO_KANGDA)),
    ]


def test_exchanges_go_from_one_partner_side_to_the_other(graph):
    got = values("exchanges", graph, "fromSideName", "whoName", "relation", "targetName",
                 "toSideName")
    assert got == [
        ("屯留区", "屯留区", str(KG.trainedAt), "北京东城区委党校", "北京市东城区"),
        ("屯留区", "屯留区人民医院", str(KG.trainedAt), "北京市东城区", "北京市东城区"),
        ("屯留区", "屯留区文化和旅游局", str(KG.visited), "北京东城区非遗中心", "北京市东城区"),
        ("屯留区", "屯留区文化和旅游局", str(KG.visited), "北京市东城区", "北京市东城区"),
        ("屯留区", "河神庙乡卫生院", str(KG.trainedAt), "北京市东城区", "北京市东城区"),
    ]


def test_conflicting_figures_show_both_sentences(graph):
    followup = sample.sentence(sample.FOLLOWUP, sample._FOLLOWUP).text
    got = values("conflicting_figures", graph, "kind", "firstName", "attributeName",
                 "firstValue", "firstSentence", "secondValue", "secondSentence")
    assert ("same project, two values", "抗大一分校职业教育基地项目", "totalInvestment",
            "10000000", followup, "10167300", sentence(sample._MEMO_KANGDA)) in got


def test_evidence_offsets_point_into_the_article(graph):
    texts = {sample.ARTICLE_ID: sample.ARTICLE.text, sample.FOLLOWUP_ID: sample.FOLLOWUP.text}
    got = rows("evidence", graph, predicate="kg:donatedTo")
    assert sorted(r["subjectName"] for r in got) == ["中国儿童少年基金会", "中国妇女基金会",
                                                     "宋庆龄基金会", "江西济民药业"]
    for r in rows("evidence", graph):
        article = r["article"].rsplit("/", 1)[1]
        assert texts[article][int(r["begin"]):int(r["end"])] == r["sentence"]
        assert r["headline"] in ("屯留与东城有个“约定”", "抗大一分校职业教育基地项目开工")


def test_place_hierarchy_walks_three_levels(graph):
    got = values("place_hierarchy", graph, "parentName", "grandparentName",
                 "greatGrandparentName", entity=sample.iri(sample.XIAONAN))
    assert got == [("上村镇", "屯留区", "长治市")]


def test_contained_in_reaches_every_depth(graph):
    assert values("contained_in", graph, "entityName", "parentName",
                  place=sample.iri(sample.GANGSHANG)) == [
        ("抗大一分校", "岗上村"), ("抗大一分校职业教育基地项目", "抗大一分校")]
    inside_shanxi = {r[0] for r in values("contained_in", graph, "entityName",
                                          place="id:place/山西省")}
    assert {"长治市", "屯留区", "小南村", "河神庙乡卫生院", "抗大一分校职业教育基地项目"} <= inside_shanxi
    assert "北京市东城区" not in inside_shanxi


# --- formats ------------------------------------------------------------------------------------

SMALL = """SELECT ?s ?label ?amount WHERE {
  ?s rdfs:label ?label . OPTIONAL { ?s kg:totalInvestment ?amount }
} ORDER BY STR(?label)"""


@pytest.fixture()
def small() -> Graph:
    g = Graph()
    project = URIRef("https://w3id.org/kg-news/id/project/屯留区")
    g.add((project, RDFS.label, Literal("屯留区", lang="zh")))
    g.add((project, KG.totalInvestment, Literal("5031400", datatype=URIRef(DECIMAL))))
    g.add((BNode("b0"), RDFS.label, Literal('说 "好", 行\n二')))
    return g


def test_csv_is_the_w3c_format(small):
    assert run_query(SMALL, small, "csv") == (
        "s,label,amount\r\n"
        "https://w3id.org/kg-news/id/project/屯留区,屯留区,5031400\r\n"
        '_:b0,"说 ""好"", 行\n二",\r\n')


def test_tsv_is_the_w3c_format(small):
    text = run_query(SMALL, small, "tsv")
    assert text == (
        "?s\t?label\t?amount\n"
        f'<https://w3id.org/kg-news/id/project/屯留区>\t"屯留区"@zh\t"5031400"^^<{DECIMAL}>\n'
        '_:b0\t"说 \\"好\\", 行\\n二"\t\n')
    parsed = Result.parse(io.StringIO(text), format="tsv")
    assert [str(b[Variable("label")]) for b in parsed.bindings] == ["屯留区", '说 "好", 行\n二']


def test_json_is_the_w3c_format(small):
    assert json.loads(run_query(SMALL, small, "json")) == {
        "head": {"vars": ["s", "label", "amount"]},
        "results": {"bindings": [
            {"s": {"type": "uri", "value": "https://w3id.org/kg-news/id/project/屯留区"},
             "label": {"type": "literal", "value": "屯留区", "xml:lang": "zh"},
             "amount": {"type": "literal", "value": "5031400", "datatype": DECIMAL}},
            {"s": {"type": "bnode", "value": "b0"},
             "label": {"type": "literal", "value": '说 "好", 行\n二'}},
        ]},
    }


def test_json_of_a_select_without_variables_has_one_empty_binding_per_row(graph):
    # SELECT * over an empty group: one solution that binds nothing (W3C: {"bindings": [{}]})
    assert json.loads(run_query("SELECT * WHERE { }", graph, "json")) == \
        {"head": {"vars": []}, "results": {"bindings": [{}]}}
    assert json.loads(run_query("SELECT ?x WHERE { ?x kg:spouseOf ?y }", graph, "json")) == \
        {"head": {"vars": ["x"]}, "results": {"bindings": []}}


def test_table_shortens_iris_and_aligns_chinese(small):
    assert run_query(SMALL, small) == (
        "s                 | label          | amount \n"
        "------------------+----------------+--------\n"
        "id:project/屯留区 | 屯留区         | 5031400\n"
        '_:b0              | 说 "好", 行 二 |        \n')


def test_display_width_counts_wide_characters_twice():
    assert display_width("abc") == 3
    assert display_width("屯留区") == 6
    assert display_width("总投资，503万元") == 15
    assert display_width("e\u0301") == 1


def test_ask(graph):
    assert run_query("ASK { ?a kg:partnerOf ?b }", graph) == "true\n"
    assert run_query("ASK { ?a kg:spouseOf ?b }", graph) == "false\n"
    assert json.loads(run_query("ASK { ?a kg:spouseOf ?b }", graph, "json")) == \
        {"head": {}, "boolean": False}


def test_construct_gives_turtle_and_n_triples(graph):
    query = "CONSTRUCT { ?b kg:partnerOf ?a } WHERE { ?a kg:partnerOf ?b . ?a a kg:District }"
    expected = {(sample.iri(sample.TUNLIU), KG.partnerOf, sample.iri(sample.DONGCHENG))}
    turtle = run_query(query, graph)
    assert "@prefix kg: <https://w3id.org/kg-news/ontology#> ." in turtle
    assert set(Graph().parse(data=turtle, format="turtle")) == expected
    lines = run_query(query, graph, "csv").splitlines()
    assert lines == [f"<{sample.iri(sample.TUNLIU)}> <{KG.partnerOf}> "
                     f"<{sample.iri(sample.DONGCHENG)}> ."]


def test_files_and_datasets_are_accepted(tmp_path, graph):
    trig = tmp_path / "graph.trig"
    sample.build_sample().serialize(trig, format="trig", encoding="utf-8")
    # rdflib writes 5031400.0, which Oxigraph reads canonical: the table shows 5031400 for both
    from_file = run_query(str(QUERIES / "funding_total.rq"), trig)
    assert from_file == run_query(QUERIES / "funding_total.rq", graph)
    assert "28198700" in from_file
    assert run_query(QUERIES / "partners.rq", sample.build_sample()) == \
        run_query(QUERIES / "partners.rq", graph)


# --- errors -------------------------------------------------------------------------------------

def test_missing_data_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        run_query("ASK {}", tmp_path / "absent.ttl")


def test_bad_query_syntax_is_one_input_error_line(graph):
    with pytest.raises(InputError, match="query syntax error") as err:
        run_query("SELECT ?x WHERE { ?x kg:partnerOf }", graph)
    assert "\n" not in str(err.value)
    with pytest.raises(InputError, match="Unknown namespace prefix"):
        run_query("SELECT ?x WHERE { ?x nope:p ?y }", graph)


def test_missing_query_file_and_unknown_format(graph):
    with pytest.raises(InputError, match="no such query file"):
        run_query(QUERIES / "absent.rq", graph)
    with pytest.raises(KgError, match="unknown output format 'xml'"):
        run_query("ASK {}", graph, "xml")


def test_a_misspelt_parameter_or_prefix_is_an_error_not_an_empty_filter(graph):
    with pytest.raises(InputError, match=r"--param nosuch: the query has no variable \?nosuch "
                                         r"\(its variables: .*\?predicate"):
        run_query(QUERIES / "evidence.rq", graph, "csv", {"nosuch": "kg:x"})
    with pytest.raises(InputError, match="unknown prefix zz: in 'zz:donatedTo'"):
        run_query(QUERIES / "evidence.rq", graph, "csv", {"predicate": "zz:donatedTo"})


def test_a_parameter_can_be_a_label_with_its_language_tag(graph):
    query = "SELECT ?place WHERE { ?place rdfs:label ?name }"
    assert values_of(run_query(query, graph, "csv", {"name": '"屯留区"@zh'})) == \
        [str(sample.iri(sample.TUNLIU))]
    # bare text is also the same text as a label; quoted, it is exactly the plain literal
    assert values_of(run_query(query, graph, "csv", {"name": "屯留区"})) == \
        [str(sample.iri(sample.TUNLIU))]
    assert values_of(run_query(query, graph, "csv", {"name": '"屯留区"'})) == []


def values_of(text: str) -> list[str]:
    return [line for line in text.splitlines()[1:]]


@pytest.mark.parametrize("name, value, message", [
    ("objectValue", "x", r"--param objectValue: the query computes \?objectValue"),
    ("predicate", "<foo>", r"--param predicate: not an absolute IRI: 'foo'"),
    ("predicate", '"x"^^xsd:decimal', r"--param predicate: 'x' is not a valid xsd:decimal"),
    ("predicate", '"a"^^"b"', r"--param predicate: not a datatype IRI: '\"b\"'"),
])
def test_a_parameter_that_cannot_work_is_one_line_error(graph, name, value, message):
    with pytest.raises(InputError, match=message) as err:
        run_query(QUERIES / "evidence.rq", graph, "csv", {name: value})
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("query, name", [
    (QUERIES / "project_funding.rq", "totalInvestment"),  # only inside an OPTIONAL
    (QUERIES / "donations.rq", "amount"),
    ("SELECT ?a ?b WHERE { { ?a kg:partnerOf ?b } UNION { ?a kg:visited ?c } }", "b"),
    ("SELECT ?a WHERE { ?a kg:partnerOf ?x . { SELECT ?x WHERE { ?x kg:visited ?c } } }",
     "c"),  # a sub-select that does not return it
])
def test_a_variable_not_every_row_binds_cannot_be_bound(graph, query, name):
    # bound by a VALUES block, it would show the given value in every row (a made-up figure)
    with pytest.raises(InputError, match=rf"--param {name}: not every row binds \?{name} "):
        run_query(query, graph, "csv", {name: '"8000000"^^xsd:decimal'})


def test_a_name_binds_the_entities_of_that_label_or_other_name(graph):
    by_iri = run_query(QUERIES / "partners.rq", graph, "csv", {"district": TUNLIU_IRI})
    notes: list[str] = []
    assert run_query(QUERIES / "partners.rq", graph, "csv", {"district": "屯留区"},
                     note=notes.append) == by_iri
    assert notes == ["?district: 屯留区 is id:place/山西省/长治市/屯留区"]
    assert len(by_iri.splitlines()) > 1
    # 屯留 is another name of 屯留区 in the text (skos:altLabel)
    assert run_query(QUERIES / "partners.rq", graph, "csv", {"district": "屯留"}) == by_iri


def test_a_name_no_entity_has_is_an_error_with_near_names(graph):
    with pytest.raises(InputError, match=r"--param district: no entity is named '留区'; near "
                                         r"names: 屯留区"):
        run_query(QUERIES / "partners.rq", graph, "csv", {"district": "留区"})
    with pytest.raises(InputError, match=r"no entity is named '屯流区'; near names: 屯留区"):
        run_query(QUERIES / "partners.rq", graph, "csv", {"district": "屯流区"})  # a typo
    with pytest.raises(InputError, match=r"\?district stands for an entity .* the literal "
                                         r"\"屯留区\"@zh never matches"):
        run_query(QUERIES / "partners.rq", graph, "csv", {"district": '"屯留区"@zh'})


def test_several_values_of_a_parameter_give_the_rows_of_any(graph):
    def rows(*values):
        text = run_query(QUERIES / "evidence.rq", graph, "csv", {"predicate": list(values)})
        return set(text.splitlines()[1:])
    donated, visited = rows("kg:donatedTo"), rows("kg:visited")
    assert donated and visited
    assert rows("kg:donatedTo", "kg:visited") == donated | visited


@pytest.mark.parametrize("value, expected", [
    ('"q\\"uote"', Literal('q"uote')),  # SPARQL string escapes
    ('"a\\nb"@zh', Literal("a\nb", lang="zh")),
    ('"', Literal('"')),  # a lone quote is text
    ('说"好"', Literal('说"好"')),
])
def test_quoted_values_read_as_sparql_strings(value, expected):
    from kg.params import term
    got = term(value)
    assert got == expected and got.language == expected.language


@pytest.mark.parametrize("value, message", [
    ('"x"@not_a_tag', "not a quoted literal"),
    ('"x"@', "not a quoted literal"),
    ('"a"b', "not a quoted literal"),
    ('"8"^^xsd:nosuch', "no such XML Schema datatype: xsd:nosuch"),
])
def test_a_malformed_quoted_value_is_an_error(value, message):
    from kg.params import term
    with pytest.raises(InputError, match=message):
        term(value)


@pytest.mark.parametrize("query", [
    # a BIND of an optional value inside a sub-select leaves ?x unbound where ?l is
    "SELECT ?s ?x WHERE { { SELECT ?s ?x WHERE { ?s a kg:District "
    "OPTIONAL { ?s kg:nothing ?l } BIND (?l AS ?x) } } }",
    "SELECT ?s ?x WHERE { VALUES (?x) { (UNDEF) } ?s a kg:District }",
])
def test_a_variable_some_rows_leave_unbound_cannot_be_bound(graph, query):
    with pytest.raises(InputError, match=r"--param x: not every row binds \?x "):
        run_query(query, graph, "csv", {"x": "MADEUP"})


def test_a_constant_or_coalesce_bind_in_a_sub_select_can_be_bound(graph):
    query = ("SELECT ?s ?x WHERE { { SELECT ?s ?x WHERE { ?s a kg:District "
             "OPTIONAL { ?s kg:nothing ?l } BIND (COALESCE(?l, \"none\") AS ?x) } } }")
    assert sorted(values_of(run_query(query, graph, "csv", {"x": '"none"'}))) == \
        sorted([f"{sample.iri(sample.TUNLIU)},none", f"{sample.iri(sample.DONGCHENG)},none"])


@pytest.mark.parametrize("name, value, message", [
    ("district", "foo:bar", r"--param district: unknown prefix foo: in 'foo:bar'"),
    ("district", "", r"--param district: empty value"),
    ("sentence", '"\\U0011FFFF"', r"--param sentence: not a character: \\U0011FFFF"),
    ("sentence", '"a\\qb"', r"--param sentence: not a valid escape"),
])
def test_a_bad_value_names_its_parameter(graph, name, value, message):
    query = QUERIES / ("partners.rq" if name == "district" else "evidence.rq")
    with pytest.raises(InputError, match=message):
        run_query(query, graph, "csv", {name: value})


def test_one_value_and_several_bind_alike_on_an_rdflib_graph():
    # both are a VALUES block joined with the WHERE group, as on Oxigraph and a server
    # (rdflib's initBindings would reach inside the sub-select, before its LIMIT)
    g = Graph()
    g.add((URIRef("urn:a"), RDFS.label, Literal("a")))
    g.add((URIRef("urn:b"), RDFS.label, Literal("b")))
    query = "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 1 } }"
    assert values_of(run_query(query, g, "csv", {"s": "<urn:b>"})) == []
    assert values_of(run_query(query, g, "csv", {"s": ["<urn:b>", "<urn:zz>"]})) == []
    assert values_of(run_query(query, g, "csv", {"s": ["<urn:a>", "<urn:zz>"]})) == ["urn:a"]
    with pytest.raises(InputError, match="--param s: no value"):
        run_query(query, g, "csv", {"s": []})


def test_bare_numbers_and_dates_match_their_typed_values(graph):
    amounts = "SELECT ?p WHERE { ?p kg:totalInvestment ?amount }"
    typed = values_of(run_query(amounts, graph, "csv", {"amount": '"5031400"^^xsd:decimal'}))
    assert typed and values_of(run_query(amounts, graph, "csv", {"amount": "5031400"})) == typed
    assert values_of(run_query(amounts, graph, "csv", {"amount": "5031400.00"})) == typed
    dates = "SELECT ?e WHERE { ?e kg:startDate ?date }"
    month = values_of(run_query(dates, graph, "csv", {"date": '"2024-07"^^xsd:gYearMonth'}))
    assert month and values_of(run_query(dates, graph, "csv", {"date": "2024-07"})) == month


def test_an_aggregate_without_group_by_can_be_unbound(graph):
    # MIN over no row gives no value: bound, ?x would show "5" in every row
    query = ("SELECT ?s ?x WHERE { ?s a kg:District "
             "{ SELECT (MIN(?z) AS ?x) WHERE { ?y kg:nothing ?z } } }")
    with pytest.raises(InputError, match=r"--param x: not every row binds \?x .*VALUES UNDEF"):
        run_query(query, graph, "csv", {"x": "5"})


def test_a_variable_that_is_a_subject_only_inside_an_optional_takes_literals(graph):
    # evidence.rq's ?object is an entity or a value (its label is looked up in an OPTIONAL)
    typed = run_query(QUERIES / "evidence.rq", graph, "csv",
                      {"object": '"5031400"^^xsd:decimal'})
    assert len(typed.splitlines()) > 1
    assert run_query(QUERIES / "evidence.rq", graph, "csv", {"object": "5031400"}) == typed


def test_names_and_text_in_traditional_characters_match_the_simplified_graph(graph):
    notes: list[str] = []
    by_name = run_query(QUERIES / "partners.rq", graph, "csv", {"district": "屯留區"},
                        note=notes.append)
    assert by_name == run_query(QUERIES / "partners.rq", graph, "csv", {"district": TUNLIU_IRI})
    assert notes == ["?district: 屯留區 is id:place/山西省/长治市/屯留区"]
    label = "SELECT ?place WHERE { ?place rdfs:label ?name }"
    assert values_of(run_query(label, graph, "csv", {"name": "屯留區"})) == \
        [str(sample.iri(sample.TUNLIU))]


def test_a_value_given_twice_counts_once(graph):
    notes: list[str] = []
    run_query(QUERIES / "partners.rq", graph, "csv", {"district": ["屯留区", "屯留区"]},
              note=notes.append)
    assert notes == ["?district: 屯留区 is id:place/山西省/长治市/屯留区"]


@pytest.mark.parametrize("query, name", [
    # a relation read both ways: ?a is a subject in one UNION branch only
    ("SELECT ?a ?b WHERE { { ?a kg:partnerOf ?b } UNION { ?b kg:partnerOf ?a } }", "a"),
    # a sub-select's group key
    ("SELECT ?a ?n WHERE { { SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a kg:partnerOf ?b } "
     "GROUP BY ?a } }", "a"),
])
def test_a_name_binds_its_entities_where_the_variable_is_a_subject_in_some_rows(graph, query,
                                                                               name):
    by_iri = run_query(query, graph, "csv", {name: TUNLIU_IRI})
    assert len(by_iri.splitlines()) > 1
    assert run_query(query, graph, "csv", {name: "屯留区"}) == by_iri


def test_the_same_entity_given_twice_binds_once(graph):
    # a name and its traditional form, a name and its IRI: each row once
    once = run_query(QUERIES / "partners.rq", graph, "csv", {"district": "屯留区"})
    assert run_query(QUERIES / "partners.rq", graph, "csv",
                     {"district": ["屯留区", "屯留區", TUNLIU_IRI]}) == once


def test_no_rows_for_bare_text_on_a_value_variable_says_how_it_was_matched(graph):
    notes: list[str] = []
    out = run_query(QUERIES / "evidence.rq", graph, "csv", {"predicate": "donatedTo"},
                    note=notes.append)
    assert len(out.splitlines()) == 1
    assert len(notes) == 1 and notes[0].startswith("no rows; ?predicate = 'donatedTo' was "
                                                   "matched as that text")
    assert "kg:donatedTo" in notes[0]
    notes.clear()
    run_query(QUERIES / "evidence.rq", graph, "csv", {"predicate": "kg:donatedTo"},
              note=notes.append)
    assert notes == []  # rows, and an IRI: nothing to say
    # an entity of another kind than the query takes (a city, not a district)
    run_query(QUERIES / "partners.rq", graph, "csv", {"district": "长治市"}, note=notes.append)
    assert notes == ["?district: 长治市 is id:place/山西省/长治市",
                     "no rows; for ?district = '长治市' the entities of that name were found "
                     "(above); the query's header says what kind of entity it takes"]


@pytest.mark.parametrize("text, expected", [
    ("-0", [("0", "decimal"), ("0", "integer")]),
    ("5031400.00", [("5031400", "decimal"), ("5031400", "integer")]),
    ("2024-02-30", []),  # no such day: no date (and no traceback from rdflib)
    ("2024-13", []),
    ("2024-07", [("2024-07", "gYearMonth")]),
])
def test_typed_forms_of_bare_text(text, expected, capfd):
    from kg.params import text_forms
    typed = [(str(t), t.datatype.split("#")[1]) for t in text_forms(text) if t.datatype]
    assert typed == expected
    assert "Traceback" not in capfd.readouterr().err


def test_a_variable_a_sub_select_computes_can_be_bound(graph):
    got = run_query(QUERIES / "conflicting_figures.rq", graph, "csv",
                    {"kind": "same project, two values"})
    assert {row["kind"] for row in csv.DictReader(io.StringIO(got))} == \
        {"same project, two values"}


def test_a_group_key_can_be_bound(graph):
    # a GROUP BY key joins with a binding: it is not "computed" (kg.query.computed_variables)
    got = values("people", graph, "personName", personName=Literal("章建伟", lang="zh"))
    assert got == [("章建伟",)]


def test_csv_takes_rows_as_any_iterable():
    assert format_csv(["a"], iter([[Literal("x")], [None]])) == "a\r\nx\r\n\"\"\r\n"
