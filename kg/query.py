"""SPARQL over the built graph: load it once, run a query, format the result.

``run_query(query, data, fmt)`` returns text:

========================  =================================================================
query form                ``table`` / ``csv`` / ``tsv`` / ``json``
========================  =================================================================
SELECT                    aligned text table / W3C SPARQL 1.1 CSV (CRLF, plain values) /
                          W3C SPARQL 1.1 TSV (LF, terms in N-Triples syntax, ``?var`` header)
                          / W3C SPARQL 1.1 JSON results
ASK                       ``true`` or ``false`` on one line, for table, csv and tsv; W3C JSON
                          (``{"head": {}, "boolean": true}``) for json
CONSTRUCT, DESCRIBE       Turtle for table; N-Triples (one triple a line) for csv and tsv;
                          JSON-LD for json
========================  =================================================================

The table shortens IRIs with the project prefixes (``kg:``, ``id:``, ``rdfs:`` ...), prints
literals as their plain text, right-aligns numbers and pads by display width (CJK wide and
full-width characters count two columns), so every line of a table has the same width.

``data`` is a path to a graph file (``.ttl``, ``.trig``, ``.nt``, ``.nq``, ``.jsonld``; the
graphs of a quad file are queried as their union) or an rdflib ``Graph`` already loaded (pass
one when querying in a loop: a path is parsed again unless it is the same unchanged file as one
of the last two; a ``Dataset`` is copied into the union of its graphs on every call). A path is
loaded into an in-memory Oxigraph store (:mod:`kg.store`), which stays fast on graphs of
millions of triples; with ``store=DIR`` into (or, without ``data``, from) a persistent store
folder. Graphs in an Oxigraph store (:func:`kg.store.open_graph`) are queried natively, other
rdflib graphs with rdflib's engine; the shipped queries give the same results on both (other
queries may see the terms Oxigraph canonicalises differently: see :mod:`kg.store`). Query
text may omit ``PREFIX`` lines for the prefixes of ``kg.namespaces.PREFIXES``; the shipped
queries declare theirs, so they run on any SPARQL 1.1 engine.

Errors: a missing, empty or unparseable data or query file and a query with a syntax error raise
:class:`~kg.errors.InputError`; a query that fails while running and an unknown format raise
:class:`~kg.errors.KgError`. Messages are one line.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import unicodedata
from contextlib import contextmanager
from decimal import Decimal
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result
from rdflib.term import Node

from .errors import InputError, KgError
from .graph import union_graph
from .namespaces import PREFIXES, bind_prefixes
from .params import Bindings, check_bindings, empty_hint, param_terms, resolve_names
from .store import FORMATS as RDF_FILES
from .store import Solutions, check_file, each_distinct, is_store_graph, open_graph, select_csv
from .store import query as store_query
from .store import load as store_load

FORMATS = ("table", "csv", "tsv", "json")
_GRAPH_OUTPUT = {"table": "turtle", "csv": "nt", "tsv": "nt", "json": "json-ld"}
# Longest namespace first, so id: wins over a shorter namespace that prefixes it.
_SHORT = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda p: -len(p[0]))


def _one_line(exc: BaseException, limit: int = 240) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[:limit - 1] + "…"


@contextmanager
def quiet_rdflib() -> Iterator[None]:
    """Silence rdflib's logged tracebacks for ill-formed literals (``"2024-13-01"^^xsd:date``)
    while parsing or validating: the shapes report them as one line each instead."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def read_dataset(path: Path | str) -> Dataset:
    """Parse an RDF file chosen by its extension (``.ttl .trig .nt .nq .jsonld``), named
    graphs kept. Raises ``InputError`` for a missing, unreadable, empty or binary file, an
    unknown extension, or a file that does not parse (with the message of
    :func:`_parse_error`)."""
    path = check_file(path)  # exists, known extension, not empty, not binary
    fmt = RDF_FILES[path.suffix.lower()][0]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or _one_line(exc)}") from None
    ds = Dataset()
    try:
        with quiet_rdflib():
            ds.parse(data=raw.decode("utf-8"), format=fmt, publicID=path.resolve().as_uri())
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except Exception as exc:  # rdflib raises many types (BadSyntax, ParserError, ValueError ...)
        raise InputError(_parse_error(path, fmt, exc)) from None
    return ds


def _parse_error(path: Path, fmt: str, exc: Exception) -> str:
    """The message for a file rdflib cannot parse: Oxigraph's, as :func:`kg.store.load` gives
    it to kg stats, kg viz and kg query (``Parser error at line 2 column 9: ...``; rdflib
    often says only ``string index out of range``), so every command says the same of the
    same file; rdflib's own when Oxigraph parses the file. Loads the file again, in memory."""
    try:
        store_load(ox.Store(), path)
    except InputError as oxigraph:
        return str(oxigraph)
    except KgError:
        pass
    return f"{path}: cannot parse as {fmt}: {_one_line(exc)}"


def load_graph(path: Path | str) -> Graph:
    """An RDF file (see :func:`read_dataset`) as one ``Graph``: the union of its graphs for
    quad formats, with the project prefixes bound. Raises ``InputError``."""
    return union_graph(read_dataset(path))


@lru_cache(maxsize=2)
def _load_cached(path: str, _mtime_ns: int, _size: int) -> Graph:
    return open_graph(Path(path))


def _graph_of(data: Path | str | Graph | None, store: Path | str | None = None) -> Graph:
    if store is not None:
        return open_graph(data, store)
    if isinstance(data, Dataset) and not data.default_union and not is_store_graph(data):
        return union_graph(data)
    if isinstance(data, Graph):
        return data
    path = Path(data)
    try:
        st = path.stat()
    except OSError:
        return open_graph(path)  # raises the InputError
    return _load_cached(str(path.resolve()), st.st_mtime_ns, st.st_size)


def read_query(query: str | Path) -> str:
    """The text of a query: a ``Path`` (or a one-line ``str`` ending in ``.rq``/``.sparql``) is
    read as a UTF-8 file; any other ``str`` is the query itself. Raises ``InputError``."""
    if isinstance(query, str) and not (
            "\n" not in query and query.strip().lower().endswith((".rq", ".sparql"))):
        text = query
    else:
        path = Path(str(query).strip())
        try:
            text = path.read_text(encoding="utf-8-sig")  # (a BOM is no query text)
        except FileNotFoundError:
            raise InputError(f"{path}: no such query file") from None
        except UnicodeDecodeError:
            raise InputError(f"{path}: the query file is not UTF-8 text") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror or _one_line(exc)}") from None
    if not text.strip():
        raise InputError("the query is empty")
    return text


def run_query(query: str | Path, data: Path | str | Graph | None, fmt: str = "table",
              bindings: Bindings | None = None, store: Path | str | None = None,
              note: Callable[[str], None] | None = None) -> str:
    """Run a SPARQL 1.1 query (text or ``.rq`` file) on ``data`` (a graph file or a loaded
    ``Graph``) and return the result formatted as ``fmt`` (see the module docstring).

    ``bindings`` pre-binds variables (``{"district": "id:place/山西省/长治市/屯留区"}``, or
    ``"屯留区"``: a name, looked up; a list of values: rows of any), as the ``# parameters:``
    header of a shipped query describes (:mod:`kg.params`; what a name was found to be is told
    to ``note``). ``store`` is a persistent Oxigraph
    store folder: loaded from the file ``data`` when given (unless it already holds that
    unchanged file), else queried as it is. Raises ``InputError`` / ``KgError``.
    """
    if fmt not in FORMATS:
        raise KgError(f"unknown output format {fmt!r}: use {', '.join(FORMATS)}")
    text = read_query(query)
    try:
        prepared = prepareQuery(text, initNs=dict(PREFIXES))
    except Exception as exc:  # pyparsing.ParseException, unknown prefix ...
        raise InputError(f"query syntax error: {_one_line(exc)}") from None
    check_bindings(prepared, bindings)
    graph = _graph_of(data, store)
    terms = param_terms(resolve_names(prepared, bindings, lambda q: _select(graph, q), note)) \
        if bindings else {}
    hint = empty_hint(prepared, bindings) if note is not None else None
    if is_store_graph(graph):  # Oxigraph runs the text itself (errors: InputError, KgError)
        if fmt == "csv" and prepared.algebra.name == "SelectQuery":
            out = select_csv(graph, text, terms)  # Oxigraph writes it: the same text, faster
            if hint and out.count("\n") <= 1:  # the header only
                note(hint)
            return out
        result = store_query(graph, text, terms)
    else:
        if terms:  # a VALUES block, as on Oxigraph and a server (initBindings would reach
            from .remote import bind_values  # into sub-selects)

            prepared = prepareQuery(bind_values(text, terms), initNs=dict(PREFIXES))
        try:
            result = graph.query(prepared)
            if result.type == "SELECT":
                result.bindings  # evaluated here, so a failing query fails inside this try
        except Exception as exc:
            raise KgError(f"query failed: {_one_line(exc)}") from None
    if hint and result.type == "SELECT" and not result_rows(result):
        note(hint)
    return format_result(result, fmt)


def _select(graph: Graph, text: str) -> list[list[Node | None]]:
    """The rows of the SELECT ``text`` on ``graph`` (:func:`result_rows`)."""
    return result_rows(store_query(graph, text) if is_store_graph(graph)
                       else graph.query(text, initNs=dict(PREFIXES)))


def result_rows(result: Result) -> list[list[Node | None]]:
    """The rows of a SELECT ``Result``: one list of terms per solution, in ``result.vars``
    order, ``None`` where unbound."""
    if isinstance(result, Solutions):
        return result.rows
    return [[b.get(v) for v in result.vars or []] for b in result.bindings]


def format_result(result: Result, fmt: str) -> str:
    """An rdflib query ``Result`` (from this graph, or parsed from a SPARQL server's answer by
    :mod:`kg.remote`) as text in ``fmt`` (see the module docstring)."""
    kind = result.type
    if kind == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}, indent=2) + "\n"
        return ("true" if result.askAnswer else "false") + "\n"
    if kind in ("CONSTRUCT", "DESCRIBE"):
        out = Graph()
        bind_prefixes(out)
        for triple in result.graph or ():
            out.add(triple)
        return out.serialize(format=_GRAPH_OUTPUT[fmt], encoding="utf-8").decode("utf-8")
    variables = [str(v) for v in result.vars or []]
    return {"table": format_table, "csv": format_csv, "tsv": format_tsv,
            "json": format_json}[fmt](variables, result_rows(result))


# --- W3C CSV and JSON ---------------------------------------------------------------------------

def format_csv(variables: list[str], rows: Iterable[list[Node | None]]) -> str:
    """SPARQL 1.1 Query Results CSV: a header of variable names, then one line per row of plain
    values (IRIs and literals as their text, ``_:id`` for blank nodes, empty if unbound),
    quoted where RFC 4180 needs it, CRLF line ends."""
    rows = list(rows)
    if BNode in set(map(type, chain.from_iterable(rows))):  # rare: they need a "_:"
        rows = [[f"_:{t}" if isinstance(t, BNode) else t for t in row] for row in rows]
    buffer = io.StringIO()
    out = csv.writer(buffer)  # writes None as "" and IRIs and literals (str) as their text
    out.writerow(variables)
    out.writerows(rows)
    return buffer.getvalue()


def json_term(term: Node) -> dict[str, str]:
    """One term in the W3C SPARQL 1.1 JSON results format: ``{"type": "uri"|"literal"|"bnode",
    "value": ..., "datatype"?: ..., "xml:lang"?: ...}``."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal):
        if term.datatype is not None:
            out["datatype"] = str(term.datatype)
        if term.language is not None:
            out["xml:lang"] = term.language
    return out


def format_json(variables: list[str], rows: Iterable[list[Node | None]]) -> str:
    """SPARQL 1.1 Query Results JSON (``head.vars``, ``results.bindings``; unbound variables
    left out of a binding), indented, non-ASCII characters kept as they are."""
    rows = list(rows)
    columns = [each_distinct(lambda t: None if t is None else json_term(t), column)
               for column in _columns(rows, len(variables))]
    bindings = [{v: t for v, t in zip(variables, row) if t is not None}
                for row in zip(*columns)] if variables else [{} for _row in rows]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=2) + "\n"


# --- W3C TSV ----------------------------------------------------------------------------------

_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def tsv_term(term: Node | None) -> str:
    """One TSV cell: ``<iri>``, ``_:b``, ``"text"@zh`` / ``"5"^^<...#decimal>``; ``""`` if
    unbound."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        body = '"' + str(term).translate(_TSV_ESCAPES) + '"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{body}^^<{term.datatype}>"
        return body
    return str(term)


def format_tsv(variables: list[str], rows: Iterable[list[Node | None]]) -> str:
    """SPARQL 1.1 Query Results TSV: a ``?var`` header line, then one line per row, LF ends."""
    columns = [each_distinct(tsv_term, column) for column in _columns(rows, len(variables))]
    lines = ["\t".join("?" + v for v in variables)] + list(map("\t".join, zip(*columns)))
    return "\n".join(lines) + "\n"


def _columns(rows: Iterable[list[Node | None]], width: int) -> list[tuple]:
    """The columns of ``rows`` (``width`` of them, empty tuples when there is no row)."""
    return list(zip(*rows)) or [()] * width


# --- text table --------------------------------------------------------------------------------

def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: East Asian wide/full-width characters count 2,
    combining marks and format characters 0, others 1."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def shorten(iri: str) -> str:
    """``https://w3id.org/kg-news/id/place/x`` -> ``id:place/x``; IRIs outside the project
    prefixes stay whole."""
    for ns, prefix in _SHORT:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def cell_text(term: Node | None) -> str:
    """What the table shows for a term: shortened IRI, ``_:id``, a literal's text on one line."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return shorten(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    value = getattr(term, "value", None)
    if isinstance(value, Decimal) and value.is_finite():
        return format(value.normalize(), "f")  # 5031400.0 (as rdflib writes it) -> 5031400
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in str(term))


def _is_number(term: Node | None) -> bool:
    value = getattr(term, "value", None)
    return isinstance(term, Literal) and isinstance(value, (int, float, Decimal)) \
        and not isinstance(value, bool)


def format_table(variables: list[str], rows: Iterable[list[Node | None]]) -> str:
    """An aligned table: header, a ``-+-`` rule, one line per row; columns separated by
    `` | ``; numbers right-aligned; every line padded to the same display width."""
    header, columns = [], []
    for name, column in zip(variables, _columns(rows, len(variables))):
        cells = {t: (cell_text(t), _is_number(t)) for t in set(column)}
        shown = {t: (text, display_width(text), right) for t, (text, right) in cells.items()}
        width = max([display_width(name)] + [w for _text, w, _r in shown.values()])
        padded = {t: " " * (width - w) + text if right else text + " " * (width - w)
                  for t, (text, w, right) in shown.items()}
        header.append(name + " " * (width - display_width(name)))
        columns.append((width, list(map(padded.__getitem__, column))))
    out = [" | ".join(header), "-+-".join("-" * w for w, _cells in columns)]
    out += map(" | ".join, zip(*(cells for _w, cells in columns)))
    return "\n".join(out) + "\n"
