"""kg query on a SPARQL server: parameters as a VALUES block that no value can break (locally
and remotely), long queries by POST, retries and timeouts (fake server), and the same answers
from every shipped query on the laptop and on Oxigraph (and Virtuoso, with its known
deviations) after ``kg push``."""
from __future__ import annotations

import io
import json
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result

from kg.errors import InputError
from kg.query import cell_text, run_query
from kg.remote import (
    MAX_GET_URL,
    RemoteError,
    ServerUnavailable,
    bind_values,
    query_form,
    run_remote_query,
)
from tests.servers import down_url, drop_graphs, json_reply, run

pytest_plugins = ["tests.servers"]  # fixtures: server, fake_server

QUERIES = Path(__file__).resolve().parent.parent / "queries"
SHIPPED = sorted(QUERIES.glob("*.rq"))
TUNLIU = "id:place/山西省/长治市/屯留区"
NASTY = ['x" } # comment', 'a\\" } SELECT * { ?s ?p ?o } #', "line\n} #", "}", "\\",
         '"', "# 注释", "'} UNION { ?s ?p ?o }'"]

# What Virtuoso 7.2 (Debian's virtuoso-opensource) answers differently from SPARQL 1.1.
VIRTUOSO_DEVIATIONS = {
    "conflicting_figures": "SR087 'Non numeric argument(s) to arithmetic operation' where a "
                           "FILTER type error should just be false",
    "contained_in": "extra rows from kg:locatedIn+ joined with kg:locatedIn",
    "partners": "drops a row of a UNION inside OPTIONAL",
    "people": "GROUP_CONCAT turns the separator 、 into ?",
}


pytestmark = pytest.mark.usefixtures("no_credentials")  # see tests/servers.py


# --- parameters -------------------------------------------------------------------------------

def test_values_go_right_after_the_top_level_where_brace():
    text = (QUERIES / "partners.rq").read_text(encoding="utf-8")
    bound = bind_values(text, {"district": TUNLIU})
    at = text.index("WHERE {") + len("WHERE {")
    block = " VALUES ?district { <https://w3id.org/kg-news/id/place/山西省/长治市/屯留区> } "
    assert bound == text[:at] + block + text[at:]
    prepareQuery(bound)


def test_each_variable_gets_its_own_values_block():
    # joined by the group: its size grows with the values, not with their product
    bound = bind_values("SELECT * WHERE { ?a ?b ?c }",
                        {"a": ["<urn:a1>", "<urn:a2>"], "c": ['"x"', '"y"@zh']})
    assert bound == ('SELECT * WHERE { VALUES ?a { <urn:a1> <urn:a2> } '
                     'VALUES ?c { "x" "y"@zh }  ?a ?b ?c }')
    prepareQuery(bound)


@pytest.mark.parametrize("query, added", [
    ("SELECT ?s WHERE { ?f prov:wasDerivedFrom/nif:anchorOf ?s }", ["prov", "nif"]),
    ("# PREFIX kg: <urn:x>\nSELECT ?l WHERE { ?s kg:code ?prefix . ?prefix rdfs:label ?l }",
     ["kg", "rdfs"]),  # a comment and a variable named ?prefix declare nothing
    ('SELECT ?s WHERE { ?s ?p "kg:x" ; <http://a/b:c> ?o }', []),  # a string, an IRI
])
def test_with_prefixes_declares_what_the_query_uses_on_its_first_line(query, added):
    from kg.namespaces import PREFIXES
    from kg.remote import with_prefixes

    got = with_prefixes(query)
    head = " ".join(f"PREFIX {p}: <{PREFIXES[p]}>" for p in PREFIXES if p in added)
    assert got == (head + " " + query if added else query)
    assert got.count("\n") == query.count("\n")  # the server's line numbers stay right


@pytest.mark.parametrize("text, expected", [
    ("SELECT * { ?s ?p ?o }", "SELECT * { VALUES"),
    ("# WHERE { in a comment\nSELECT ?s WHERE { ?s ?p '{' }", "?s WHERE { VALUES"),
    ('SELECT ?s WHERE { ?s <urn:a#WHERE> "WHERE {" }', "?s WHERE { VALUES"),
    ("SELECT ?where { ?s ?p ?where }", "?where { VALUES"),
    ("CONSTRUCT { ?s ?p ?o } { ?s ?p ?o }", "?o } { VALUES"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "WHERE { VALUES"),
    ("ASK { ?s ?p ?o }", "ASK { VALUES"),
    ("SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }", "?s WHERE { VALUES"),
])
def test_values_find_the_where_group_past_comments_strings_and_iris(text, expected):
    bound = bind_values(text, {"o": "v"})
    assert expected in bound and bound.count("VALUES") == 1
    prepareQuery(bound)


@pytest.mark.parametrize("value", NASTY)
def test_a_nasty_value_stays_one_literal(value):
    text = "SELECT ?s ?v WHERE { ?s ?p ?v }"
    bound = bind_values(text, {"v": value})
    # the query around the block is unchanged, and the block binds exactly that string
    at = text.index("{") + 1
    assert bound.startswith(text[:at]) and bound.endswith(text[at:])
    block = bound[at:len(bound) - len(text) + at]
    rows = list(Graph().query(f"SELECT ?v WHERE {{ {block} }}"))
    assert [row[0] for row in rows] == [Literal(value)]


@pytest.mark.parametrize("name, value", [("v } #", "x"), ("v", "<urn:a> } <urn:b>"),
                                         ("v", "http://x/a b")])
def test_bad_names_and_iris_are_refused(name, value):
    with pytest.raises(InputError):
        bind_values("SELECT * WHERE { ?s ?p ?v }", {name: value})


def test_a_query_without_where_group_cannot_take_parameters():
    with pytest.raises(InputError):
        bind_values("DESCRIBE <urn:x>", {"v": "x"})


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_query_form_reads_past_comments(path):
    assert query_form(path.read_text(encoding="utf-8")) == "SELECT"
    assert query_form("# SELECT?\nINSERT DATA { <a> <b> <c> }") == "UPDATE"


EVIDENCE_HEADER = ["subjectName,predicate,objectValue,sentence,headline,begin,end,article"]


@pytest.mark.parametrize("value", NASTY)
def test_nasty_parameters_change_nothing_locally(sample_build, value):
    # a text: bound as it is, it matches no sentence
    out = run_query(QUERIES / "evidence.rq", sample_build / "graph.ttl", "csv",
                    {"sentence": value})
    assert out.splitlines() == EVIDENCE_HEADER
    # a name, looked up for a variable that stands for an entity: no entity has it
    with pytest.raises(InputError, match="--param district: no entity is named"):
        run_query(QUERIES / "partners.rq", sample_build / "graph.ttl", "csv",
                  {"district": value})


# --- against a fake server --------------------------------------------------------------------

SELECT_JSON = {"head": {"vars": ["name"]}, "results": {"bindings": [
    {"name": {"type": "literal", "value": "屯留区", "xml:lang": "zh"}}]}}


def test_a_500_is_retried_then_the_answer_is_printed(fake_server):
    calls = []

    def respond(req):
        calls.append(req)
        return (500, {}, b"busy") if len(calls) == 1 else json_reply(SELECT_JSON)

    srv = fake_server(respond)
    result = run("query", str(QUERIES / "partners.rq"), "--endpoint", srv.base + "/query",
                 "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["name", "屯留区"]
    assert len(calls) == 2


def test_a_query_that_times_out_gives_up(fake_server):
    srv = fake_server(lambda req: ("sleep", 3.0))
    start = time.monotonic()
    with pytest.raises(ServerUnavailable) as err:
        run_remote_query("SELECT * WHERE { ?s ?p ?o }", srv.base + "/query", timeout=0.5,
                         tries=2, backoff=0.05)
    assert "timed out" in str(err.value) and err.value.exit_code == 3
    assert time.monotonic() - start < 5 and len(srv.requests) == 2


def test_a_down_server_exits_3(monkeypatch):
    monkeypatch.setattr("kg.remote.BACKOFF", 0.05)
    result = run("query", str(QUERIES / "partners.rq"), "--endpoint", down_url())
    assert result.exit_code == 3
    assert result.output.count("\n") == 1 and "connection refused" in result.output


def test_a_bad_query_is_one_line_with_the_server_message(fake_server):
    srv = fake_server(lambda req: (400, {"Content-Type": "text/plain"},
                                   b"Parser error: unexpected '}'"))
    result = run("query", str(QUERIES / "partners.rq"), "--endpoint", srv.base + "/query")
    assert result.exit_code == 1
    assert "HTTP 400" in result.output and "unexpected '}'" in result.output
    assert result.output.count("\n") == 1


def test_long_queries_go_by_post_and_short_ones_by_get(fake_server):
    srv = fake_server(lambda req: json_reply(SELECT_JSON))
    names = " ".join(f'"名字{i:03d}号"' for i in range(300))
    long_query = f"SELECT ?name WHERE {{ VALUES ?name {{ {names} }} }}"
    run_remote_query(long_query, srv.base + "/query")
    run_remote_query("SELECT ?name WHERE { ?s ?p ?name }", srv.base + "/query")
    first, second = srv.requests
    assert first.method == "POST" and first.form["query"] == [long_query]
    assert len(long_query.encode("utf-8")) * 2 > MAX_GET_URL
    assert second.method == "GET" and second.params["query"] == [
        "SELECT ?name WHERE { ?s ?p ?name }"]


def test_the_project_prefixes_a_query_uses_undeclared_are_sent_to_the_server(fake_server):
    srv = fake_server(lambda req: json_reply(SELECT_JSON))
    run_remote_query("SELECT ?name WHERE { ?s skos:altLabel ?name }", srv.base + "/query")
    run_remote_query("PREFIX skos: <urn:mine#>\nSELECT ?n WHERE { ?s skos:x ?n }",
                     srv.base + "/query")
    first, second = (r.params["query"][0] for r in srv.requests)
    assert first == "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> " \
                    "SELECT ?name WHERE { ?s skos:altLabel ?name }"
    assert second.startswith("PREFIX skos: <urn:mine#>")  # its own declaration is kept


def test_an_answer_cut_by_the_server_gets_a_warning(fake_server, capsys):
    status, headers, body = json_reply(SELECT_JSON)
    srv = fake_server(lambda req: (status, {**headers, "X-SPARQL-MaxRows": "1"}, body))
    out = run_remote_query("SELECT ?name WHERE { ?s ?p ?name }", srv.base + "/query", "csv")
    assert out.splitlines() == ["name", "屯留区"]
    assert "stopped at 1 rows" in capsys.readouterr().err


def test_updates_are_not_run(fake_server):
    srv = fake_server(lambda req: json_reply(SELECT_JSON))
    with pytest.raises(InputError):
        run_remote_query("INSERT DATA { <urn:a> <urn:b> <urn:c> }", srv.base + "/query")
    assert srv.requests == []


def test_graph_needs_endpoint():
    result = run("query", str(QUERIES / "partners.rq"), "--graph", "urn:g")
    assert result.exit_code == 2  # a usage error (it was 1, like a failed query)
    assert result.output == "kg: error: --graph needs --endpoint\n"


# --- against real servers ---------------------------------------------------------------------

def _pushed(server, sample_build):
    graph = server.graph("sample")
    result = run("push", str(sample_build / "graph.ttl"), "--endpoint", server.url,
                 "--graph", graph, "--replace", "-q")
    assert result.exit_code == 0, result.output
    yield server, graph
    drop_graphs(server, graph)


@pytest.fixture
def pushed(server, sample_build):
    """The sample's union pushed into a fresh named graph of the server: (server, graph)."""
    yield from _pushed(server, sample_build)


@pytest.fixture
def pushed_oxigraph(oxigraph, sample_build):
    """The same on the Oxigraph server alone."""
    yield from _pushed(oxigraph, sample_build)


def rows_of(json_text: str) -> Counter:
    """Rows as the table shows them, as a multiset; a GROUP_CONCAT list (joined by 、) is
    sorted, since SPARQL leaves its order to the engine."""
    result = Result.parse(io.StringIO(json_text), format="json")
    return Counter(tuple("、".join(sorted(cell_text(row[i]).split("、")))
                         for i in range(len(result.vars))) for row in result)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_query_answers_the_same_on_the_server(pushed, sample_build, path):
    srv, graph = pushed
    if srv.name == "virtuoso" and path.stem in VIRTUOSO_DEVIATIONS:
        pytest.xfail(f"Virtuoso: {VIRTUOSO_DEVIATIONS[path.stem]}")
    local = rows_of(run_query(path, sample_build / "graph.ttl", "json"))
    remote = rows_of(run_remote_query(path, srv.url, "json", graphs=[graph]))
    assert local, "the shipped query should return rows on the sample"
    assert remote == local, (f"only local: {list((local - remote).elements())[:3]}; "
                             f"only on {srv.name}: {list((remote - local).elements())[:3]}")


def terms_of(tsv_text: str) -> Counter:
    """Rows of a TSV result as a multiset of their cells, each a whole term as TSV writes it
    (a literal with its language tag or datatype); the values of a GROUP_CONCAT list (joined
    by 、) are sorted inside their literal, since SPARQL leaves their order to the engine."""
    def cell(text: str) -> str:
        if text.startswith('"') and "、" in text:
            body, _, tail = text[1:].rpartition('"')
            return '"' + "、".join(sorted(body.split("、"))) + '"' + tail
        return text

    lines = tsv_text.split("\n")
    assert lines[-1] == ""
    return Counter(tuple(cell(c) for c in line.split("\t")) for line in lines[:-1])


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_query_gives_the_same_terms_on_oxigraph(pushed_oxigraph, sample_build,
                                                              path):
    """Not only the text: language tags and datatypes too (``"记者"`` against ``"记者"@zh``,
    ``xsd:nonNegativeInteger`` against ``xsd:integer`` once differed). Oxigraph only: the
    same engine as kg query's local store, so no term may differ; Virtuoso has its own."""
    srv, graph = pushed_oxigraph
    local = terms_of(run_query(path, sample_build / "graph.ttl", "tsv"))
    remote = terms_of(run_remote_query(path, srv.url, "tsv", graphs=[graph]))
    assert sum(local.values()) > 1, "the shipped query should return rows on the sample"
    assert remote == local, (f"only local: {list((local - remote).elements())[:3]}; "
                             f"only on {srv.name}: {list((remote - local).elements())[:3]}")


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_output_is_byte_identical_to_local(pushed, sample_build, fmt):
    srv, graph = pushed
    query = QUERIES / "place_hierarchy.rq"
    param = "entity=id:place/山西省/长治市/屯留区/上村镇/小南村"
    local = run("query", str(query), "--data", str(sample_build / "graph.ttl"), "--format", fmt,
                "--param", param)
    result = run("query", str(query), "--endpoint", srv.url, "--graph", graph, "--format", fmt,
                 "--param", param)
    assert local.exit_code == 0 and result.exit_code == 0, result.output
    assert result.output == local.output
    assert "小南村" in result.output


def test_parameters_bind_on_the_server(pushed, sample_build):
    srv, graph = pushed
    query = QUERIES / "evidence.rq"
    local = run_query(query, sample_build / "graph.ttl", "json", {"predicate": "kg:donatedTo"})
    remote = run_remote_query(query, srv.url, "json", {"predicate": "kg:donatedTo"}, [graph])
    assert rows_of(remote) == rows_of(local) and len(rows_of(local)) > 1
    everything = rows_of(run_remote_query(query, srv.url, "json", graphs=[graph]))
    assert sum(everything.values()) > sum(rows_of(remote).values())


def test_a_name_is_looked_up_on_the_server_as_locally(pushed, sample_build):
    srv, graph = pushed
    query = QUERIES / "partners.rq"
    by_iri = run_query(query, sample_build / "graph.ttl", "csv", {"district": TUNLIU})
    notes: list[str] = []
    by_name = run_remote_query(query, srv.url, "csv", {"district": ["屯留区", "东城区"]},
                               [graph], note=notes.append)
    assert by_name.splitlines()[0] == by_iri.splitlines()[0]
    assert set(by_iri.splitlines()[1:]) < set(by_name.splitlines()[1:])  # and 东城区's rows
    assert notes == ["?district: 屯留区 is id:place/山西省/长治市/屯留区",
                     "?district: 东城区 is id:place/北京市/东城区"]


@pytest.mark.parametrize("value", NASTY)
def test_nasty_parameters_change_nothing_on_the_server(pushed, value):
    srv, graph = pushed
    out = run_remote_query(QUERIES / "evidence.rq", srv.url, "csv", {"sentence": value},
                           [graph])
    assert out.splitlines() == EVIDENCE_HEADER
    with pytest.raises(InputError, match="--param district: no entity is named"):
        run_remote_query(QUERIES / "partners.rq", srv.url, "csv", {"district": value}, [graph])


def test_a_long_query_of_chinese_names_goes_by_post(pushed, sample_build):
    srv, graph = pushed
    labels = [str(o) for o in Graph().parse(sample_build / "graph.ttl").objects(
        None, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))]
    names = sorted(set(labels))[:40] + [f"不存在的机构{i:03d}" for i in range(300)]
    values = " ".join('"' + n + '"@zh' for n in names)
    query = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
             f"SELECT ?entity ?name WHERE {{ VALUES ?name {{ {values} }}"
             " ?entity rdfs:label ?name }")
    assert len(urlencode({"query": query})) > 14_000
    local = rows_of(run_query(query, sample_build / "graph.ttl", "json"))
    remote = rows_of(run_remote_query(query, srv.url, "json", graphs=[graph]))
    assert remote == local and sum(local.values()) >= 40


def test_ask_and_construct_on_the_server(pushed, sample_build):
    srv, graph = pushed
    ask = "PREFIX kg: <https://w3id.org/kg-news/ontology#> ASK { ?d a kg:District }"
    assert run_remote_query(ask, srv.url, "json", graphs=[graph]) == run_query(
        ask, sample_build / "graph.ttl", "json")
    construct = ("PREFIX kg: <https://w3id.org/kg-news/ontology#>\n"
                 "CONSTRUCT { ?a kg:partnerOf ?b } WHERE { ?a kg:partnerOf ?b }")
    local = Graph().parse(data=run_query(construct, sample_build / "graph.ttl", "csv"),
                          format="nt")
    remote = Graph().parse(data=run_remote_query(construct, srv.url, "csv", graphs=[graph]),
                           format="nt")
    assert set(remote) == set(local) and len(local) > 0


def test_a_missing_graph_answers_no_rows_not_an_error(server):
    out = run_remote_query(QUERIES / "partners.rq", server.url, "json",
                           graphs=[server.graph("missing")])
    assert json.loads(out)["results"]["bindings"] == []


def test_remote_errors_are_remote_errors():
    assert issubclass(ServerUnavailable, RemoteError)


def test_a_prefixed_graph_name_works_for_push_and_query(server, sample_build):
    name = f"id:graph/kg-test-{uuid.uuid4().hex[:12]}"
    try:
        pushed = run("push", str(sample_build / "graph.ttl"), "--endpoint", server.url,
                     "--graph", name, "--replace", "-q")
        assert pushed.exit_code == 0, pushed.output
        query = str(QUERIES / "funding_total.rq")
        remote = run("query", query, "--endpoint", server.url, "--graph", name)
        local = run("query", query, "--data", str(sample_build / "graph.ttl"))
        assert remote.exit_code == 0 and remote.output == local.output
        assert "totalInvestment" in remote.output
    finally:
        drop_graphs(server, "https://w3id.org/kg-news/id/" + name[len("id:"):])
