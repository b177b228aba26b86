"""kg.store: the Oxigraph store gives the same results as rdflib's memory store for every
shipped query in every output format, on the sample build; graph files, quad files and the
persistent ``--store DIR`` behave as documented."""
from __future__ import annotations

import csv
import io
import json
import os
import threading
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from kg.cli import main
from kg.errors import InputError, KgError
from kg.query import FORMATS, load_graph, run_query
from kg.store import MARKER, is_store_graph, open_graph, query as store_query

NIF_BEGIN = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex"
QUERIES = Path(__file__).resolve().parent.parent / "queries"
SHIPPED = sorted(QUERIES.glob("*.rq"))
# GROUP_CONCAT leaves the order of the joined values open: compared as sets.
JOINED = {"people": {"jobTitles", "organizations"}}


@pytest.fixture(scope="module")
def memory(sample_build) -> Graph:
    """What kg query used before: the union of graph.ttl in rdflib's memory store."""
    return load_graph(sample_build / "graph.ttl")


def _cells(text: str, fmt: str) -> tuple[list, list[list[str]]]:
    """(header, rows) of a SELECT output, each cell as text."""
    if fmt == "json":
        data = json.loads(text)
        names = data["head"]["vars"]
        rows = [[_json_cell(b.get(n)) for n in names] for b in data["results"]["bindings"]]
        return names, rows
    if fmt == "csv":
        lines = list(csv.reader(io.StringIO(text, newline="")))
    elif fmt == "tsv":
        lines = [line.split("\t") for line in text.split("\n") if line]
    else:
        lines = [[c.strip() for c in line.split(" | ")] for line in text.splitlines()]
        lines = lines[:1] + lines[2:]  # the -+- rule
    return lines[0], lines[1:]


def _json_cell(term: dict | None) -> str:
    """A JSON result term as ``type|lang|datatype<US>value`` (value last, for _same)."""
    if term is None:
        return ""
    meta = f"{term['type']}|{term.get('xml:lang', '')}|{term.get('datatype', '')}"
    return meta + "\x1f" + term["value"]


def _same(query: str, fmt: str, expected: str, got: str) -> None:
    """Equal output up to row order (and value order inside GROUP_CONCAT cells)."""
    head_e, rows_e = _cells(expected, fmt)
    head_g, rows_g = _cells(got, fmt)
    assert head_g == head_e
    joined = [i for i, name in enumerate(head_e)
              if name.strip('?"') in JOINED.get(query, ())]

    def norm(rows):
        out = []
        for row in rows:
            row = list(row)
            for i in joined:
                meta, sep, body = row[i].rpartition("\x1f")
                row[i] = meta + sep + "、".join(sorted(body.strip('"').split("、")))
            out.append(row)
        return sorted(out)
    assert norm(rows_g) == norm(rows_e)
    if fmt != "json" and not joined:  # same rows, same widths: each line identical
        assert sorted(got.splitlines()) == sorted(expected.splitlines())


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
@pytest.mark.parametrize("graph_file", ["graph.ttl", "graph.trig"])
def test_store_answers_every_shipped_query_like_rdflib(sample_build, memory, path, fmt,
                                                         graph_file):
    expected = run_query(path, memory, fmt)
    got = run_query(path, sample_build / graph_file, fmt)  # a path goes to Oxigraph
    _same(path.stem, fmt, expected, got)


@pytest.mark.parametrize("query, name, value", [
    ("partners", "district", "id:place/山西省/长治市/屯留区"),
    ("contained_in", "place", "id:place/山西省/长治市/屯留区"),
    ("evidence", "predicate", "kg:donatedTo"),
    ("exchanges", "fromSide", "id:place/山西省/长治市/屯留区"),
])
def test_parameters_bind_the_same_way(sample_build, memory, query, name, value):
    store = open_graph(sample_build / "graph.ttl")
    for fmt in ("tsv", "json"):
        expected = run_query(QUERIES / f"{query}.rq", memory, fmt, {name: value})
        got = run_query(QUERIES / f"{query}.rq", store, fmt, {name: value})
        _same(query, fmt, expected, got)
        assert len(_cells(got, fmt)[1]) >= 1


def test_ask_and_construct_match(sample_build, memory):
    store = open_graph(sample_build / "graph.ttl")
    ask = "ASK { ?d kg:partnerOf ?p }"
    assert run_query(ask, store, "json") == run_query(ask, memory, "json")
    construct = ("CONSTRUCT { ?e nif:beginIndex ?b ; kg:totalInvestment ?v } WHERE { "
                 "{ ?e nif:beginIndex ?b } UNION { ?e kg:totalInvestment ?v } }")
    got = run_query(construct, store, "csv")
    assert sorted(got.splitlines()) == sorted(run_query(construct, memory, "csv").splitlines())
    assert '"27"^^<http://www.w3.org/2001/XMLSchema#integer>' in got  # as kg writes offsets
    assert "nonNegativeInteger" not in got
    assert '"5031400"^^<http://www.w3.org/2001/XMLSchema#decimal>' in got  # canonical, as written


def test_quad_file_keeps_named_graphs_and_counts_each_triple_once(sample_build, memory):
    store = open_graph(sample_build / "graph.trig")
    assert is_store_graph(store)
    assert len(store) == len(memory)  # the default graph is the union, as a set
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert run_query(count, store, "csv") == run_query(count, memory, "csv")
    articles = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a kg:Article } }"
    assert run_query(articles, store, "csv").split() == ["n", "8"]


def test_persistent_store_is_loaded_once_and_reused(sample_build, tmp_path, memory):
    ttl = tmp_path / "graph.ttl"
    ttl.write_bytes((sample_build / "graph.ttl").read_bytes())
    folder = tmp_path / "store"
    query = QUERIES / "project_funding.rq"
    expected = run_query(query, memory, "tsv")
    assert run_query(query, ttl, "tsv", store=folder) == expected
    marker = (folder / MARKER).read_text(encoding="utf-8")
    assert json.loads(marker)["source"] == str(ttl.resolve())
    stamp = (folder / MARKER).stat().st_mtime_ns
    assert run_query(query, None, "tsv", store=folder) == expected  # no data: as it is
    assert run_query(query, ttl, "tsv", store=folder) == expected   # unchanged: not reloaded
    assert (folder / MARKER).stat().st_mtime_ns == stamp
    # the file changes: the store is rebuilt from it
    ttl.write_text("@prefix kg: <https://w3id.org/kg-news/ontology#> .\n"
                   "<https://w3id.org/kg-news/id/project/x> kg:totalInvestment 5.0 ;\n"
                   "  <http://www.w3.org/2000/01/rdf-schema#label> \"x\"@zh .\n", encoding="utf-8")
    # (5.0, written by another tool, reads back canonical, as on any Oxigraph server)
    assert run_query(query, ttl, "csv", store=folder).splitlines()[1:] == ["x,5,,,,"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl", "store"]


def test_processes_loading_one_new_store_folder_at_once_all_succeed(sample_build, tmp_path,
                                                                    memory):
    """Several ``kg query --store D --data F`` started at once on a new folder D: one builds
    it, the others wait and open it (they used to build side by side and swap their copies in
    under each other: RocksDB then said ``Corruption: Sst file size mismatch``)."""
    folder = tmp_path / "store"
    query = QUERIES / "project_funding.rq"
    expected = run_query(query, memory, "tsv")
    command = [sys.executable, "-m", "kg", "query", str(query), "--store", str(folder),
               "--data", str(sample_build / "graph.ttl"), "--format", "tsv"]
    for _round in range(2):  # the second round finds the store built
        procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, encoding="utf-8") for _ in range(6)]
        done = [proc.communicate(timeout=120) for proc in procs]
        assert [(proc.returncode, err) for proc, (_out, err) in zip(procs, done)] == [(0, "")] * 6
        assert [out for out, _err in done] == [expected] * 6
        assert len(expected.splitlines()) > 1
        # one store, no lock file nor half-built copies left beside it
        assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def _reader(query: str, folder: Path) -> tuple[threading.Thread, list[str]]:
    """A daemon thread (not started) that runs ``query`` on the store in ``folder`` and puts
    its CSV in the list."""
    answers: list[str] = []
    return threading.Thread(target=lambda: answers.append(
        run_query(query, None, "csv", store=folder)), daemon=True), answers


def test_opening_a_store_waits_for_its_build(sample_build, tmp_path):
    """A query on the store as it is (no --data) waits while another process holds the
    build lock, then answers."""
    import fcntl

    folder = tmp_path / "store"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert run_query(count, sample_build / "graph.ttl", "csv", store=folder).split()[0] == "n"
    lock = tmp_path / ".store.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as a build going on would hold it
    # a daemon, and the lock let go whatever happens: a failed assertion does not leave
    # pytest waiting for the reader at exit
    reader, answers = _reader(count, folder)
    try:
        reader.start()
        reader.join(timeout=1.0)
        assert reader.is_alive() and answers == []  # waiting for the build
    finally:
        os.unlink(lock)
        os.close(fd)
    reader.join(timeout=30)
    assert not reader.is_alive()
    assert answers == [run_query(count, sample_build / "graph.ttl", "csv")]


def test_a_reader_waking_to_a_removed_lock_file_locks_the_new_one(sample_build, tmp_path,
                                                                  monkeypatch):
    """A reader waiting on a build's lock file wakes when the build is over and finds that
    file removed; a new build may have made a fresh one meanwhile. The reader opens the path
    again and waits for that build too (it used to go on without a lock)."""
    import fcntl

    folder = tmp_path / "store"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    expected = run_query(count, sample_build / "graph.ttl", "csv", store=folder)
    lock = tmp_path / ".store.lock"
    first = os.open(lock, os.O_RDWR | os.O_CREAT)
    fcntl.flock(first, fcntl.LOCK_EX)  # a build going on
    first_over = threading.Event()
    second: list[int] = []  # its descriptor, while it holds the lock
    made: list[bool] = []
    real_stat = os.stat

    def stat(path, *args, **kwargs):
        if os.fspath(path) == str(lock) and first_over.is_set() and not made:
            # the reader looks for the first build's lock file just after it was removed,
            # and a second build makes its own right then
            try:
                return real_stat(path, *args, **kwargs)
            finally:
                fd = os.open(lock, os.O_RDWR | os.O_CREAT)
                fcntl.flock(fd, fcntl.LOCK_EX)
                second.append(fd)
                made.append(True)
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    reader, answers = _reader(count, folder)
    try:
        reader.start()
        reader.join(timeout=1.0)
        assert reader.is_alive() and answers == []  # waiting for the first build
        first_over.set()
        os.unlink(lock)
        os.close(first)
        first = None
        reader.join(timeout=1.0)
        assert made and len(second) == 1  # the reader woke and found the first lock file removed
        assert reader.is_alive() and answers == []  # and waits for the second build
        os.unlink(lock)
        os.close(second.pop())
        reader.join(timeout=30)
        assert not reader.is_alive()
        assert answers == [expected]
    finally:
        if first is not None:
            os.close(first)
        for fd in second:
            os.close(fd)


def _lock_files_cannot_be_made(monkeypatch, tmp_path, error: OSError) -> list[str]:
    """Make creating a lock file in ``tmp_path`` fail with ``error``, as on a read-only
    location (the tests run as root, whom chmod does not stop); returns the paths tried."""
    real_open = os.open
    tried: list[str] = []

    def fake_open(path, flags, *args, **kwargs):
        name = os.fspath(path)
        if flags & os.O_CREAT and name.startswith(str(tmp_path)) and name.endswith(".lock"):
            tried.append(name)
            raise error
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    return tried


READ_ONLY = [OSError(30, "Read-only file system"), PermissionError(13, "Permission denied")]


@pytest.mark.parametrize("error", READ_ONLY, ids=["EROFS", "EACCES"])
def test_a_current_store_opens_with_data_where_no_lock_file_can_be_made(
        sample_build, tmp_path, monkeypatch, error):
    """``--store D --data F`` on a store already built from F needs no lock file, so it opens
    on a read-only location (it said ``cannot lock the store ... Read-only file system``);
    a store that F changed since cannot be rebuilt there, and says why."""
    data = tmp_path / "graph.ttl"
    data.write_bytes((sample_build / "graph.ttl").read_bytes())
    folder = tmp_path / "st"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    expected = run_query(count, data, "csv", store=folder)
    assert expected.split() == ["n", str(len(load_graph(data)))]
    stamp = (folder / MARKER).read_text(encoding="utf-8")
    query = tmp_path / "count.rq"
    query.write_text(count, encoding="utf-8")
    tried = _lock_files_cannot_be_made(monkeypatch, tmp_path, error)

    assert run_query(count, data, "csv", store=folder) == expected
    result = CliRunner().invoke(main, ["query", str(query), "--store", str(folder),
                                       "--data", str(data), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == expected.splitlines()
    assert tried == []  # no lock file was needed

    os.utime(data, ns=(1, 1))  # F changed: the store must be built again, which needs the lock
    with pytest.raises(KgError, match=f"cannot lock the store .*{error.strerror}"):
        open_graph(data, folder)
    assert tried == [str(tmp_path / ".st.lock")]
    assert (folder / MARKER).read_text(encoding="utf-8") == stamp  # the store is kept


def test_a_store_built_while_its_lock_file_cannot_be_made_is_opened(sample_build, tmp_path,
                                                                       monkeypatch):
    """The store was not current when checked, the lock file then cannot be made, but the
    store has become current meanwhile (another process built it): it is opened as it is."""
    from kg import store as kg_store

    data = tmp_path / "graph.ttl"
    data.write_bytes((sample_build / "graph.ttl").read_bytes())
    folder = tmp_path / "st"
    real_open = os.open

    def fake_open(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and os.fspath(path) == str(tmp_path / ".st.lock"):
            kg_store._build(folder, data)  # what another process did just now
            raise OSError(30, "Read-only file system")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    graph = open_graph(data, folder)
    assert len(graph) == len(load_graph(data))
    assert json.loads((folder / MARKER).read_text(encoding="utf-8"))["source"] == str(data)


def test_store_folder_errors(tmp_path, sample_build):
    with pytest.raises(InputError, match="no store here"):
        run_query("ASK {}", None, store=tmp_path / "absent")
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match="not a kg store folder"):
        run_query("ASK {}", sample_build / "graph.ttl", store=other)
    assert (other / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_bad_files_are_one_line_input_errors(tmp_path):
    (tmp_path / "empty.ttl").write_text(" \n", encoding="utf-8")
    (tmp_path / "bad.ttl").write_text("<a> <b> .", encoding="utf-8")
    (tmp_path / "bin.nt").write_bytes(b"\x00\x01" * 100)
    (tmp_path / "x.rdf").write_text("<a/>", encoding="utf-8")
    for name, message in [("missing.ttl", "no such file"), ("empty.ttl", "the file is empty"),
                          ("bad.ttl", "cannot parse as turtle"), ("bin.nt", "a binary file"),
                          ("x.rdf", "unknown RDF file extension")]:
        with pytest.raises(InputError, match=message) as err:
            open_graph(tmp_path / name)
        assert "\n" not in str(err.value)
    tiny = tmp_path / "tiny.nt"
    tiny.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    with pytest.raises(InputError, match="query syntax error"):
        store_query(open_graph(tiny), "SELECT ?x WHERE {")
    with pytest.raises(KgError, match="open_graph needs"):
        open_graph()


def test_cli_store_option(sample_build, tmp_path):
    runner = CliRunner()
    folder = tmp_path / "st"
    query = str(QUERIES / "funding_total.rq")
    first = runner.invoke(main, ["query", query, "--store", str(folder),
                                 "--data", str(sample_build / "graph.ttl"), "--format", "csv"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(main, ["query", query, "--store", str(folder), "--format", "csv"])
    assert again.exit_code == 0 and again.output == first.output
    assert "totalInvestment" in again.output
    missing = runner.invoke(main, ["query", query, "--store", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "no store here" in missing.stderr
    assert "--store DIR" in runner.invoke(main, ["query", "--help"]).output


def test_output_says_what_a_filter_sees(sample_build):
    """The datatype and language tag printed are the engine's own, so a FILTER on them agrees
    with the output (the store used to print offsets as xsd:nonNegativeInteger, which no
    FILTER matched, and strip the language tag of a GROUP_CONCAT)."""
    store = open_graph(sample_build / "graph.ttl")
    offsets = run_query("SELECT DISTINCT (DATATYPE(?b) AS ?t) WHERE { ?e nif:beginIndex ?b }",
                        store, "tsv")
    assert offsets == "?t\n<http://www.w3.org/2001/XMLSchema#integer>\n"
    begins = run_query(QUERIES / "evidence.rq", store, "tsv").splitlines()
    header = begins[0].split("\t")
    cells = {row.split("\t")[header.index("?begin")] for row in begins[1:]}
    assert cells and all(c.endswith('"^^<http://www.w3.org/2001/XMLSchema#integer>')
                         for c in cells)
    count = ("SELECT (COUNT(*) AS ?n) WHERE { ?e nif:beginIndex ?b . "
             "FILTER(DATATYPE(?b) = xsd:integer) }")
    assert run_query(count, store, "csv").split()[1] == str(len(
        list(store.triples((None, URIRef(NIF_BEGIN), None)))))
    # a GROUP_CONCAT of values sharing a tag keeps it (Oxigraph), as LANG() says
    joined = ('SELECT ?j (LANG(?j) AS ?l) WHERE { { SELECT (GROUP_CONCAT(?t; SEPARATOR="、") '
              'AS ?j) WHERE { ?p kg:jobTitle ?t } } }')
    (row,) = json.loads(run_query(joined, store, "json"))["results"]["bindings"]
    assert row["j"].get("xml:lang") == row["l"]["value"] == "zh"
    # people.rq joins STR() values: plain text on every engine
    people = json.loads(run_query(QUERIES / "people.rq", store, "json"))["results"]["bindings"]
    titles = [b["jobTitles"] for b in people if b["jobTitles"]["value"]]
    assert titles and all(set(t) == {"type", "value"} and t["type"] == "literal"
                          for t in titles)


def test_store_csv_writes_blank_nodes_and_unbound_cells_as_the_w3c_format(tmp_path):
    data = tmp_path / "small.ttl"
    data.write_text('@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                    '<https://example.org/a> rdfs:label "甲"@zh ; rdfs:seeAlso [ rdfs:label '
                    '"说 \\"好\\", 行" ] .\n', encoding="utf-8")
    query = ("SELECT ?s ?label ?also WHERE { ?s rdfs:label ?label "
             "OPTIONAL { ?s rdfs:seeAlso ?also } } ORDER BY ?label")
    lines = run_query(query, open_graph(data), "csv").split("\r\n")
    assert lines[0] == "s,label,also"
    assert lines[1].startswith("https://example.org/a,甲,_:")  # the blank node, "_:" + its id
    assert lines[2].startswith("_:") and lines[2].endswith(',"说 ""好"", 行",')  # unbound: ""
    assert lines[1].rpartition(",")[2] == lines[2].partition(",")[0]  # the same blank node
    assert lines[3:] == [""]


def test_joined_values_come_in_one_order_whatever_file_is_loaded(sample_build):
    # people.rq orders its rows before GROUP_CONCAT joins them: the same text from either file
    query = QUERIES / "people.rq"
    from_ttl = run_query(query, sample_build / "graph.ttl", "csv")
    assert from_ttl == run_query(query, sample_build / "graph.trig", "csv")
    assert "、" in from_ttl


def test_a_variable_bound_inside_a_union_branch_can_be_a_parameter(sample_build):
    # timeline.rq sets ?attribute by a BIND in each UNION branch: a VALUES block joins with it
    got = run_query(QUERIES / "timeline.rq", sample_build / "graph.ttl", "csv",
                    {"attribute": "kg:startDate"})
    whats = {row["what"] for row in csv.DictReader(io.StringIO(got))}
    assert whats == {"startDate"}


@pytest.mark.parametrize("name", [".", "./"])
def test_cli_store_given_as_the_current_folder(sample_build, tmp_path, monkeypatch, name):
    """``--store .`` inside the store folder queries it (it was ``internal error: ValueError:
    PosixPath('.') has an empty name``, from the name of the lock file)."""
    runner = CliRunner()
    query = str(QUERIES / "funding_total.rq")
    first = runner.invoke(main, ["query", query, "--store", str(tmp_path / "st"),
                                 "--data", str(sample_build / "graph.ttl"), "--format", "csv"])
    assert first.exit_code == 0, first.output
    assert "totalInvestment" in first.output
    monkeypatch.chdir(tmp_path / "st")
    again = runner.invoke(main, ["query", query, "--store", name, "--format", "csv"])
    assert again.exit_code == 0, again.output
    assert again.output == first.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["st"]  # no lock file left
