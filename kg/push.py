"""``kg push``: load a built graph into a SPARQL 1.1 server, then check that it all arrived.

``push(path, endpoints, graph=None, replace=False)`` reads ``path`` (``.trig``/``.nq`` keep
their named graphs and their default graph; ``.ttl``/``.nt``/``.jsonld`` triples go to the
default graph; with ``graph`` every triple, the union of a quad file included, goes to that
named graph) and sends it in batches of ``batch_size`` triples (default ``BATCH``: 10,000 by
Graph Store, 1,000 by Update; a batch holds one graph's triples; triples with blank nodes
travel in one batch per graph so the nodes stay one):

* by the **Graph Store HTTP Protocol** when ``endpoints.store`` is set: ``POST`` of
  N-Triples to ``STORE?graph=IRI`` (``?default``), the first batch of a graph by ``PUT`` when
  ``replace``; when the first request answers 404, 405 or 501 the server has no Graph Store
  there, and the push goes on by SPARQL Update;
* by **SPARQL Update** otherwise: ``INSERT DATA { GRAPH <g> { ... } }``, preceded by
  ``CLEAR SILENT GRAPH <g>`` (``CLEAR SILENT DEFAULT``) for each target when ``replace``.

Then it counts the triples of every target graph on the server (``COUNT(*)`` per
``GRAPH <g>``) and raises :class:`VerifyError` (exit status 1) when a count differs from the
file's: exactly, when the graph was replaced or empty before; otherwise the count must lie
between what the graph held before plus the new triples that could overlap it.

Errors: ``InputError`` (exit 2) for a file that cannot be read or parsed, a non-IRI ``graph``,
or a default-graph push to Virtuoso (which has none: give ``graph``);
``RemoteError`` / ``ServerUnavailable`` from :mod:`kg.remote` (exit 1 / 3).
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rdflib import BNode, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .endpoints import Endpoints
from .errors import InputError
from .query import read_dataset
from .remote import TIMEOUT, Http, RemoteError, graph_iri, sparql_term

DEFAULT = None  # the key of the default graph in the dicts below
BATCH = {"store": 10000, "update": 1000}  # triples per request (Virtuoso fails near 2000)
_NOT_OFFERED = {404, 405, 501}

Triple = tuple  # (subject, predicate, object) rdflib terms


class VerifyError(RemoteError):
    """The server does not hold the triple counts that were pushed. Exit status 1."""


@dataclass
class PushReport:
    """What a push did: ``expected`` and ``found`` triples per target graph (``DEFAULT`` for
    the default graph), ``method`` (``store`` or ``update``), ``requests`` sent, ``inexact``
    (the graphs that held triples before and were not replaced: counts checked as a range)."""

    expected: dict[str | None, int]
    found: dict[str | None, int] = field(default_factory=dict)
    method: str = "store"
    requests: int = 0
    inexact: list[str | None] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return sum(self.expected.values())


def read_graphs(path: Path | str, graph: str | None = None) -> dict[str | None, list[Triple]]:
    """The triples of an RDF file per target graph IRI (``DEFAULT`` for the default graph),
    or all of them under ``graph``. Raises ``InputError`` for a missing, empty, binary or
    unparseable file, or one without triples."""
    path = Path(path)
    ds = read_dataset(path)
    if graph is not None:
        out = {graph: list({t for g in ds.graphs() for t in g})}
    else:
        out = {}
        for g in ds.graphs():
            key = DEFAULT if g.identifier == DATASET_DEFAULT_GRAPH_ID else str(g.identifier)
            out.setdefault(key, []).extend(g)
    out = {k: v for k, v in out.items() if v}
    if not out:
        raise InputError(f"{path}: no triples to push")
    return out


def batches(triples: list[Triple], size: int) -> Iterator[list[Triple]]:
    """``triples`` in lists of at most ``size``; the triples with a blank node all in the
    last list, whatever its size (a blank node split over two requests becomes two)."""
    plain = [t for t in triples if not any(isinstance(x, BNode) for x in t)]
    blank = [t for t in triples if any(isinstance(x, BNode) for x in t)]
    for i in range(0, len(plain), max(1, size)):
        yield plain[i:i + size]
    if blank:
        yield blank


def ntriples(triples: Iterable[Triple]) -> bytes:
    """N-Triples, UTF-8 (``InputError`` for an IRI no server would take)."""
    return "".join(f"{sparql_term(s)} {sparql_term(p)} {sparql_term(o)} .\n"
                   for s, p, o in triples).encode("utf-8")


def _graph_name(key: str | None) -> str:
    return "the default graph" if key is DEFAULT else f"<{key}>"


def count_graphs(http: Http, query_url: str, keys: Iterable[str | None]) -> dict[str | None, int]:
    """Triples per graph on the server (0 for a graph it does not have)."""
    keys = list(keys)
    counts: dict[str | None, int] = {k: 0 for k in keys}
    named = [k for k in keys if k is not DEFAULT]
    for i in range(0, len(named), 50):
        chunk = named[i:i + 50]
        values = " ".join(sparql_term(URIRef(k)) for k in chunk)
        rows = http.select(query_url, "SELECT ?g (COUNT(*) AS ?n) WHERE { VALUES ?g { "
                           f"{values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g")
        for row in rows:
            counts[row["g"]["value"]] = int(row["n"]["value"])
    if DEFAULT in counts:
        rows = http.select(query_url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        counts[DEFAULT] = int(rows[0]["n"]["value"]) if rows else 0
    return counts


def _store_url(store: str, key: str | None) -> str:
    from urllib.parse import quote

    sep = "&" if "?" in store else "?"
    return store + sep + ("default" if key is DEFAULT else "graph=" + quote(key, safe=""))


@contextmanager
def progress_bar(total: int, show: bool) -> Iterator[Callable[[int], None]]:
    """A rich progress bar on stderr counting ``total`` triples; yields ``advance(n)``."""
    if not show:
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(TextColumn("kg: push"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("triples"), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task("push", total=total)
        yield lambda n: bar.advance(task, n)


def push(path: Path | str, endpoints: Endpoints, *, graph: str | None = None,
         replace: bool = False, batch_size: int | None = None, method: str = "auto",
         timeout: float = TIMEOUT, tries: int | None = None, backoff: float | None = None,
         show_progress: bool = False, note: Callable[[str], None] = lambda m: None) -> PushReport:
    """Push the RDF file ``path`` to the server and verify it (see the module docstring).
    ``method`` is ``auto`` (Graph Store when known, else Update), ``store`` or ``update``."""
    if graph is not None:
        graph = graph_iri(graph)
    data = read_graphs(path, graph)
    if DEFAULT in data and endpoints.flavour == "virtuoso":
        raise InputError(f"{path}: Virtuoso has no default graph to write to; give --graph IRI")
    http = Http(endpoints, timeout=timeout, tries=tries, backoff=backoff)
    report = PushReport(expected={k: len(v) for k, v in data.items()})
    before = {k: 0 for k in data} if replace else count_graphs(http, endpoints.query, data)
    use_store = method == "store" or (method == "auto" and endpoints.store is not None)
    if use_store and not endpoints.store:
        raise InputError("no Graph Store URL for this server: give --store-endpoint")
    report.method = "store" if use_store else "update"

    with progress_bar(report.triples, show_progress) as advance:
        if use_store:
            try:
                _push_store(http, endpoints.store, data, replace,
                            batch_size or BATCH["store"], advance, report)
            except RemoteError as exc:
                if method == "store" or report.requests or exc.status not in _NOT_OFFERED:
                    raise
                note(f"no Graph Store at {endpoints.store} (HTTP {exc.status}); "
                     "pushing by SPARQL Update")
                report.method = "update"
        if report.method == "update":
            _push_update(http, endpoints.update, data, replace,
                         batch_size or BATCH["update"], advance, report)

    report.found = count_graphs(http, endpoints.query, data)
    report.inexact = [k for k in data if before.get(k)]
    wrong = []
    for key, want in report.expected.items():
        got, had = report.found.get(key, 0), before.get(key, 0)
        ok = got == want if not had else max(had, want) <= got <= had + want
        if not ok:
            wrong.append(f"{_graph_name(key)} holds {got} triples, {want} were pushed"
                         + (f" onto {had}" if had else ""))
    if wrong:
        more = f" (and {len(wrong) - 3} more graphs)" if len(wrong) > 3 else ""
        raise VerifyError("push verification failed: " + "; ".join(wrong[:3]) + more)
    return report


def _push_store(http: Http, store: str, data, replace, batch_size, advance, report) -> None:
    headers = {"Content-Type": "application/n-triples; charset=utf-8"}
    for key, triples in data.items():
        for i, batch in enumerate(batches(triples, batch_size)):
            verb = "PUT" if replace and i == 0 else "POST"
            http.send(verb, _store_url(store, key), data=ntriples(batch), headers=headers)
            report.requests += 1
            advance(len(batch))


def _push_update(http: Http, update: str, data, replace, batch_size, advance, report) -> None:
    if replace:
        clears = [("CLEAR SILENT DEFAULT" if k is DEFAULT else f"CLEAR SILENT GRAPH "
                   f"{sparql_term(URIRef(k))}") for k in data]
        for i in range(0, len(clears), 50):
            http.update(update, " ;\n".join(clears[i:i + 50]))
            report.requests += 1
    for key, triples in data.items():
        for batch in batches(triples, batch_size):
            body = ntriples(batch).decode("utf-8")
            text = (f"INSERT DATA {{\n{body}}}" if key is DEFAULT else
                    f"INSERT DATA {{ GRAPH {sparql_term(URIRef(key))} {{\n{body}}} }}")
            http.update(update, text)
            report.requests += 1
            advance(len(batch))


def push_command(path: Path, endpoint: str, update_endpoint: str | None = None,
                 store_endpoint: str | None = None, graph: str | None = None,
                 replace: bool = False, batch_size: int | None = None,
                 timeout: float = TIMEOUT, quiet: bool = False,
                 note: Callable[[str], None] = lambda m: None) -> str:
    """What ``kg push`` does: resolve the endpoints, push with a progress bar unless
    ``quiet``, verify; returns the one-line summary (``kg: pushed N triples into GRAPH by
    Graph Store (1 request) at STORE_URL; verified``: the URL written to, the Graph Store or
    the Update endpoint). Raises like :func:`push`."""
    from .endpoints import resolve
    from .remote import credentials

    endpoints = resolve(endpoint, update_endpoint, store_endpoint,
                        authenticated=credentials(endpoint) is not None)
    report = push(path, endpoints, graph=graph, replace=replace, batch_size=batch_size,
                  timeout=timeout, show_progress=not quiet, note=note)
    keys = list(report.expected)
    where = (_graph_name(keys[0]) if len(keys) == 1 else f"{len(keys)} graphs")
    checked = ("verified" if not report.inexact else
               f"verified ({len(report.inexact)} graph(s) held triples before: "
               "counts checked as a range; use --replace for an exact check)")
    # the URL written to (not the query URL, which only counted the triples afterwards)
    via, url = (("Graph Store", endpoints.store) if report.method == "store"
                else ("SPARQL Update", endpoints.update))
    requests = f"{report.requests} request{'' if report.requests == 1 else 's'}"
    return (f"kg: pushed {report.triples} triples into {where} by {via} ({requests}) "
            f"at {url}; {checked}")
