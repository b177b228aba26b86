"""kg push: reading a build per graph, batches, endpoint conventions, credentials, retries,
timeouts and one-line errors (against a fake HTTP server), and real pushes to Oxigraph and
Virtuoso (when .ci/run started them) whose per-graph counts are checked on the server."""
from __future__ import annotations

import time

import pytest
from rdflib import BNode, Literal, URIRef

from kg.endpoints import resolve
from kg.errors import InputError
from kg.push import (
    DEFAULT,
    VerifyError,
    batches,
    graph_iri,
    ntriples,
    push,
    read_graphs,
)
from kg.remote import Http, RemoteError, ServerUnavailable, credentials
from tests.servers import count_on, count_reply, down_url, drop_graphs, run

pytest_plugins = ["tests.servers"]  # fixtures: server, oxigraph, virtuoso, fake_server

ARTICLE = "https://w3id.org/kg-news/id/article/"


pytestmark = pytest.mark.usefixtures("no_credentials")  # see tests/servers.py


def small_ttl(tmp_path, name: str, n: int) -> str:
    path = tmp_path / name
    path.write_text("".join(f'<urn:s:{name}:{i}> <urn:p> "值 {i}"@zh .\n' for i in range(n)),
                    encoding="utf-8")
    return str(path)


# --- reading and writing ----------------------------------------------------------------------

def test_trig_keeps_one_named_graph_per_article(sample_build):
    graphs = read_graphs(sample_build / "graph.trig")
    assert graphs and all(k is not DEFAULT and k.startswith(ARTICLE) for k in graphs)
    union = read_graphs(sample_build / "graph.ttl")
    assert list(union) == [DEFAULT]
    assert {t for ts in graphs.values() for t in ts} == set(union[DEFAULT])


def test_graph_option_takes_the_union_of_a_quad_file(sample_build):
    both = read_graphs(sample_build / "graph.trig", "urn:kg:all")
    assert list(both) == ["urn:kg:all"]
    assert len(both["urn:kg:all"]) == len(read_graphs(sample_build / "graph.ttl")[DEFAULT])


def test_graph_iri_accepts_iris_and_project_prefixes_only():
    assert graph_iri("urn:kg:all") == "urn:kg:all"
    assert graph_iri("<http://example.org/g>") == "http://example.org/g"
    assert graph_iri("id:graph/all") == "https://w3id.org/kg-news/id/graph/all"
    for bad in ("all", "<relative>", "http://x/a b", "urn:x>} DROP ALL #"):
        with pytest.raises(InputError):
            graph_iri(bad)


def test_batches_keep_blank_nodes_in_one_request():
    p = URIRef("urn:p")
    plain = [(URIRef(f"urn:s{i}"), p, Literal(i)) for i in range(5)]
    b = BNode()
    blank = [(b, p, Literal(i)) for i in range(3)]
    got = list(batches(plain + blank, 2))
    assert [len(x) for x in got] == [2, 2, 1, 3]
    assert got[-1] == blank


def test_ntriples_escapes_what_must_be_escaped_and_keeps_chinese():
    text = ntriples([(URIRef("urn:s"), URIRef("urn:p"),
                      Literal('他说"好"\\ } # 注\n第二行', lang="zh"))]).decode("utf-8")
    assert text == '<urn:s> <urn:p> "他说\\"好\\"\\\\ } # 注\\n第二行"@zh .\n'
    with pytest.raises(InputError):
        ntriples([(URIRef("urn:s x"), URIRef("urn:p"), Literal("v"))])


@pytest.mark.parametrize("content", [None, "", "<a> <b> ."])
def test_bad_files_are_input_errors_with_exit_status_2(tmp_path, content):
    path = tmp_path / "g.ttl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run("push", str(path), "--endpoint", down_url())
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "kg: error:" in result.output


# --- endpoints and credentials ----------------------------------------------------------------

@pytest.mark.parametrize("url, update, store, flavour", [
    ("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update",
     "http://127.0.0.1:7878/store", "oxigraph"),
    ("http://h:3030/news/query", "http://h:3030/news/update", "http://h:3030/news/data", "fuseki"),
    ("http://h:3030/news/sparql", "http://h:3030/news/update", "http://h:3030/news/data",
     "fuseki"),
    ("http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql-graph-crud",
     "virtuoso"),
    ("https://h/a/b/c/sparql", "https://h/a/b/c/sparql", None, "generic"),
])
def test_endpoints_follow_the_server_convention(url, update, store, flavour):
    ep = resolve(url)
    assert (ep.query, ep.update, ep.store, ep.flavour) == (url, update, store, flavour)


def test_virtuoso_writes_go_to_the_auth_endpoints_with_credentials_and_explicit_urls_win():
    ep = resolve("http://h:8890/sparql", authenticated=True)
    assert (ep.update, ep.store) == ("http://h:8890/sparql-auth",
                                     "http://h:8890/sparql-graph-crud-auth")
    ep = resolve("http://h/query", "http://h/u", "http://h/s")
    assert (ep.update, ep.store) == ("http://h/u", "http://h/s")


def test_help_documents_the_endpoint_rules():
    text = run("push", "--help").output
    for words in ("/update", "/store", "/DATASET/data", "/sparql-auth",
                  "/sparql-graph-crud-auth", "KG_SPARQL_USER", "netrc", "Digest"):
        assert words in text


def test_credentials_in_the_url_are_refused():
    result = run("push", "x.ttl", "--endpoint", "http://me:secret@127.0.0.1:1/query")
    assert result.exit_code == 2 and "secret" not in result.output
    assert "KG_SPARQL_USER" in result.output


def test_credentials_come_from_the_environment_then_netrc(tmp_path, monkeypatch):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login ann password from-netrc\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    assert credentials("http://127.0.0.1:9/query") == ("ann", "from-netrc")
    assert credentials("http://other.example/query") is None
    monkeypatch.setenv("KG_SPARQL_USER", "bob")
    monkeypatch.setenv("KG_SPARQL_PASSWORD", "from-env")
    assert credentials("http://127.0.0.1:9/query") == ("bob", "from-env")


# --- against a fake server --------------------------------------------------------------------

def store_server(fake_server, counts, fail_first: int = 0, store_status: int = 204):
    """A fake Oxigraph-shaped server: /store answers ``store_status`` (after ``fail_first``
    500s), /update 204, /query the ``counts``."""
    failures = {"left": fail_first}

    def respond(req):
        if req.path == "/query":
            return count_reply(counts)
        if req.path == "/store":
            if failures["left"]:
                failures["left"] -= 1
                return (500, {"Content-Type": "text/plain"}, b"disk busy")
            return (store_status, {}, b"")
        if req.path == "/update":
            return (204, {}, b"")
        return (404, {}, b"not here")

    return fake_server(respond)


def test_a_500_is_retried_and_the_push_then_succeeds(tmp_path, fake_server):
    path = small_ttl(tmp_path, "a.ttl", 3)
    srv = store_server(fake_server, {"urn:g": 3}, fail_first=1)
    result = run("push", path, "--endpoint", srv.base + "/query", "--graph", "urn:g",
                 "--replace", "-q")
    assert result.exit_code == 0, result.output
    stores = [r for r in srv.requests if r.path == "/store"]
    assert [r.method for r in stores] == ["PUT", "PUT"]
    assert stores[-1].params == {"graph": ["urn:g"]}
    assert stores[-1].headers["content-type"].startswith("application/n-triples")
    assert "值 2".encode("utf-8") in stores[-1].body


def test_a_server_that_times_out_gives_up_after_bounded_tries(tmp_path, fake_server):
    path = small_ttl(tmp_path, "a.ttl", 2)
    srv = fake_server(lambda req: ("sleep", 2.0))
    start = time.monotonic()
    with pytest.raises(ServerUnavailable) as err:
        push(path, resolve(srv.base + "/query"), graph="urn:g", replace=True, timeout=0.3,
             tries=3, backoff=0.05)
    assert time.monotonic() - start < 5
    assert len(srv.requests) == 3
    assert "timed out" in str(err.value) and "tried 3 times" in str(err.value)
    assert err.value.exit_code == 3


def test_a_4xx_is_one_line_with_the_server_message_and_no_retry(tmp_path, fake_server):
    path = small_ttl(tmp_path, "a.ttl", 2)
    srv = fake_server(lambda req: (400, {"Content-Type": "text/plain"},
                                   "语法错误 at line 1\n  near <urn:x>".encode("utf-8")))
    result = run("push", path, "--endpoint", srv.base + "/query", "--graph", "urn:g",
                 "--replace", "-q")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "HTTP 400" in result.output and "语法错误 at line 1 near <urn:x>" in result.output
    assert len(srv.requests) == 1


def test_push_to_a_down_server_exits_3(tmp_path):
    path = small_ttl(tmp_path, "a.ttl", 2)
    start = time.monotonic()
    result = run("push", path, "--endpoint", down_url(), "--graph", "urn:g", "-q")
    assert result.exit_code == 3
    assert result.output.count("\n") == 1
    assert "connection refused" in result.output and "is the server running?" in result.output
    assert time.monotonic() - start < 10


def test_basic_credentials_from_the_environment_never_in_the_output(tmp_path, fake_server,
                                                                    monkeypatch):
    import base64

    monkeypatch.setenv("KG_SPARQL_USER", "analyst")
    monkeypatch.setenv("KG_SPARQL_PASSWORD", "s3cret-pw")
    wanted = "Basic " + base64.b64encode(b"analyst:s3cret-pw").decode()

    def respond(req):
        if req.headers.get("authorization") != wanted:
            return (401, {"WWW-Authenticate": 'Basic realm="x"'}, b"who are you")
        return count_reply({"urn:g": 2}) if req.path == "/query" else (204, {}, b"")

    srv = fake_server(respond)
    path = small_ttl(tmp_path, "a.ttl", 2)
    ok = run("push", path, "--endpoint", srv.base + "/query", "--graph", "urn:g", "--replace")
    assert ok.exit_code == 0, ok.output
    assert "s3cret" not in ok.output
    monkeypatch.setenv("KG_SPARQL_PASSWORD", "wrong-pw")
    refused = run("push", path, "--endpoint", srv.base + "/query", "--graph", "urn:g",
                  "--replace", "-q")
    assert refused.exit_code == 1 and "HTTP 401" in refused.output
    assert "wrong-pw" not in refused.output and "analyst" not in refused.output


def test_without_credentials_a_401_says_how_to_give_them(tmp_path, fake_server):
    srv = fake_server(lambda req: (401, {"WWW-Authenticate": 'Digest realm="SPARQL", '
                                         'nonce="n", qop="auth"'}, b""))
    result = run("push", small_ttl(tmp_path, "a.ttl", 1), "--endpoint", srv.base + "/query",
                 "--graph", "urn:g", "--replace", "-q")
    assert result.exit_code == 1
    assert "KG_SPARQL_USER" in result.output and "netrc" in result.output


def test_no_graph_store_falls_back_to_sparql_update(tmp_path, fake_server):
    srv = store_server(fake_server, {"urn:g": 3}, store_status=405)
    result = run("push", small_ttl(tmp_path, "a.ttl", 3), "--endpoint", srv.base + "/query",
                 "--graph", "urn:g", "--replace")
    assert result.exit_code == 0, result.output
    assert "no Graph Store" in result.output and "SPARQL Update" in result.output
    updates = [r.form["update"][0] for r in srv.requests if r.path == "/update"]
    assert updates[0] == "CLEAR SILENT GRAPH <urn:g>"
    assert updates[1].startswith("INSERT DATA { GRAPH <urn:g> {") and "值 1" in updates[1]


def test_summary_names_the_url_written_to_and_counts_requests(tmp_path, fake_server):
    """The summary names the Graph Store URL written to, not the query URL, and says
    "1 request" / "N requests"."""
    srv = store_server(fake_server, {"urn:g": 3})
    path = small_ttl(tmp_path, "a.ttl", 3)
    result = run("push", path, "--endpoint", srv.base + "/query", "--graph", "urn:g",
                 "--replace")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == (
        f"kg: pushed 3 triples into <urn:g> by Graph Store (1 request) at {srv.base}/store; "
        "verified")
    result = run("push", path, "--endpoint", srv.base + "/query", "--graph", "urn:g",
                 "--replace", "--batch-size", "2")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == (
        f"kg: pushed 3 triples into <urn:g> by Graph Store (2 requests) at {srv.base}/store; "
        "verified")


def test_summary_after_falling_back_names_the_update_url(tmp_path, fake_server):
    srv = store_server(fake_server, {"urn:g": 3}, store_status=405)
    result = run("push", small_ttl(tmp_path, "a.ttl", 3), "--endpoint", srv.base + "/query",
                 "--graph", "urn:g", "--replace")
    assert result.exit_code == 0, result.output
    # CLEAR, then one INSERT DATA; the 405 PUT to /store is not counted
    assert result.stderr.splitlines()[-1] == (
        f"kg: pushed 3 triples into <urn:g> by SPARQL Update (2 requests) at {srv.base}/update; "
        "verified")


def test_a_count_that_differs_fails_loudly(tmp_path, fake_server):
    srv = store_server(fake_server, {"urn:g": 2})
    result = run("push", small_ttl(tmp_path, "a.ttl", 3), "--endpoint", srv.base + "/query",
                 "--graph", "urn:g", "--replace", "-q")
    assert result.exit_code == 1
    assert "verification failed" in result.output and "<urn:g> holds 2 triples, 3 were pushed" \
        in result.output


def test_verify_error_is_a_remote_error():
    assert issubclass(VerifyError, RemoteError) and VerifyError("x").exit_code == 1


# --- against real servers ---------------------------------------------------------------------

@pytest.mark.parametrize("method", ["store", "update"])
def test_push_a_build_keeps_its_graphs_and_counts(server, sample_build, method):
    path = sample_build / "graph.trig"
    expected = {g: len(ts) for g, ts in read_graphs(path).items()}
    endpoints = resolve(server.url, authenticated=bool(server.env))
    report = push(path, endpoints, replace=True, method=method)
    assert report.method == method
    assert report.found == expected
    for graph, n in expected.items():
        assert count_on(server, graph) == n
    # the text arrives intact: every sentence of the largest article, byte for byte
    graph, triples = max(read_graphs(path).items(), key=lambda item: len(item[1]))
    anchor = URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf")
    local = {str(o) for _, p, o in triples if p == anchor}
    rows = Http(endpoints).select(server.url, f"SELECT ?o WHERE {{ GRAPH <{graph}> "
                                              f"{{ ?s <{anchor}> ?o }} }}")
    assert {r["o"]["value"] for r in rows} == local and any("屯留" in t for t in local)


def test_replace_clears_the_graph_first(server, tmp_path):
    graph = server.graph("replace")
    try:
        assert run("push", small_ttl(tmp_path, "a.ttl", 5), "--endpoint", server.url,
                   "--graph", graph, "-q").exit_code == 0
        added = run("push", small_ttl(tmp_path, "b.ttl", 3), "--endpoint", server.url,
                    "--graph", graph)
        assert added.exit_code == 0, added.output
        assert count_on(server, graph) == 8 and "counts checked as a range" in added.output
        replaced = run("push", small_ttl(tmp_path, "c.ttl", 2), "--endpoint", server.url,
                       "--graph", graph, "--replace")
        assert replaced.exit_code == 0, replaced.output
        assert count_on(server, graph) == 2
    finally:
        drop_graphs(server, graph)


def test_push_the_union_into_a_named_graph(server, sample_build):
    graph = server.graph("union")
    try:
        result = run("push", str(sample_build / "graph.ttl"), "--endpoint", server.url,
                     "--graph", graph, "--batch-size", "500")
        assert result.exit_code == 0, result.output
        n = len(read_graphs(sample_build / "graph.ttl")[DEFAULT])
        assert f"pushed {n} triples into <{graph}>" in result.output
        assert "verified" in result.output
        assert count_on(server, graph) == n
    finally:
        drop_graphs(server, graph)


def test_push_to_the_default_graph(oxigraph, tmp_path):
    result = run("push", small_ttl(tmp_path, "d.ttl", 4), "--endpoint", oxigraph.url,
                 "--replace", "-q")
    assert result.exit_code == 0, result.output
    assert count_on(oxigraph, None) == 4
    again = run("push", small_ttl(tmp_path, "e.ttl", 1), "--endpoint", oxigraph.url,
                 "--replace", "-q")
    assert again.exit_code == 0, again.output
    assert count_on(oxigraph, None) == 1


def test_virtuoso_has_no_default_graph_to_write_to(virtuoso, tmp_path):
    result = run("push", small_ttl(tmp_path, "d.ttl", 1), "--endpoint", virtuoso.url)
    assert result.exit_code == 2 and "--graph" in result.output
