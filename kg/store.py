"""Oxigraph under the rdflib API: what ``kg query`` loads graph files into, so queries stay fast
as graphs grow.

Why Oxigraph (Rust; ``pyoxigraph``, plugged into rdflib by ``oxrdflib``): on a 1,000,000-triple
graph (``bench/bench_queries.py``, 2 cores) rdflib's memory store takes 39 s to load it and
answers 2 of the 14 shipped queries within 1 s (others 1-24 s, two over 60 s); Oxigraph loads
it in 2.3 s and answers 12 within 1 s; the two full listings take longer (``contained_in``,
140,000 rows, 1.3 s; ``evidence``, 150,000 rows, 2.2 s: mostly Oxigraph's own evaluation and
sort of the rows) and answer in under 0.3 s with their parameter. Oxigraph looks a pattern up
again for every row where a hash join would do (an OPTIONAL, the two sides of a self-join)
and runs a path with two free ends slowly, so some shipped queries are shaped for it
(sub-selects); their rows are the same on every engine (tests).

``open_graph(data=None, location=None) -> rdflib.Graph``
    ``data`` is a graph file (``.ttl .trig .nt .nq .jsonld``), ``location`` a store folder (kept
    on disk) or ``None`` (an in-memory store). The Graph has rdflib's default-graph identifier,
    so ``graph.query``, ``len(graph)`` and ``graph.triples`` see the store's default graph. The
    named graphs of a quad file are kept (``GRAPH ?g {...}`` finds them) and their union is
    copied into the default graph as a set: a triple stated in two articles counts once, as in
    ``graph.ttl`` and in :func:`kg.query.load_graph`.

    With a ``location``: given ``data``, the folder is (re)built from it unless it already holds
    that same unchanged file (path, size and modification time are kept in ``kg-store.json``
    inside the folder); the new store is written beside the folder and swapped in only once
    complete. Without ``data`` the folder must hold a store. Either way it is opened
    read-only, so several queries can run on it at once. Building a folder is exclusive
    (``fcntl.flock`` on a lock file ``.NAME.lock`` beside the folder ``NAME``, removed when
    done), and checking it again and opening it happen under that lock: several ``kg query
    --store D --data F`` started at once on a new folder build it once, the others wait for
    that build and then open it (before, they built it side by side and swapped their copies
    in under each other, and RocksDB found its files corrupted). A folder that is current
    needs no lock file: it is checked and opened under a shared lock on the lock file when
    there is one, so it opens from a read-only location too. Opening waits for a build going
    on.

``query(graph, text, bindings=None) -> rdflib.query.Result``
    Runs SPARQL 1.1 ``text`` natively in Oxigraph on the store's default graph (project
    prefixes predeclared; ``bindings`` become a ``VALUES`` block opening the WHERE group, as
    ``kg query --endpoint`` sends them) and returns Oxigraph's terms as rdflib terms, as they
    are: the output says what the engine says, so a ``FILTER`` on a datatype or language tag
    agrees with it, and the answer is the one an Oxigraph server gives (``kg serve``, ``kg
    query --endpoint``). Only the spelling differs: an ``xsd:string`` literal is the plain
    literal it equals (RDF 1.1), as SPARQL results from a server show it. Oxigraph differs
    from rdflib's engine on terms such as: every integer subtype is stored as ``xsd:integer``
    (``nif:beginIndex``, which kg writes as ``xsd:integer`` for this reason), and a
    ``GROUP_CONCAT`` of values sharing one language tag keeps the tag (the shipped queries
    join ``STR()`` values, so they read the same on both). Left as Oxigraph gives them, too:
    the order of the values inside a ``GROUP_CONCAT`` (SPARQL leaves it open) and of rows an
    ``ORDER BY`` leaves tied, and the lexical form of numbers another tool wrote in a
    non-canonical form (``8000000.0`` reads back as ``8000000``, as on any Oxigraph server;
    kg writes canonical forms, so its graphs read the same everywhere).

``select_csv(graph, text, bindings=None) -> str``
    A SELECT query's result as W3C SPARQL 1.1 CSV, written by Oxigraph itself: no datatype or
    language tag shows in CSV (plain values only), and no Python object is made per row, so
    a listing of 150,000 rows takes a tenth of a second past the query.

``is_store_graph(graph) -> bool``: whether ``graph`` lives in an Oxigraph store.

Errors: a missing, empty, binary or unparseable file, an unknown extension, a folder that is
not a store, and a query syntax error raise :class:`~kg.errors.InputError`; a store that
cannot be written or a query failing while running raise :class:`~kg.errors.KgError`. Messages
are one line.
"""
from __future__ import annotations

import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

try:
    import fcntl
except ImportError:  # not POSIX: no locking
    fcntl = None

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import XSD, BNode, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.term import Node

from .errors import InputError, KgError
from .namespaces import PREFIXES

FORMATS = {".ttl": ("turtle", ox.RdfFormat.TURTLE), ".trig": ("trig", ox.RdfFormat.TRIG),
           ".nt": ("nt", ox.RdfFormat.N_TRIPLES), ".nq": ("nquads", ox.RdfFormat.N_QUADS),
           ".jsonld": ("json-ld", ox.RdfFormat.JSON_LD)}
MARKER = "kg-store.json"
_UNION = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def _one_line(exc: BaseException, limit: int = 240) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[:limit - 1] + "…"


class KgOxigraphStore(OxigraphStore):
    """oxrdflib's store, keeping the pyoxigraph store (``oxstore``)."""

    def __init__(self, store: ox.Store) -> None:
        super().__init__(store=store)
        self.oxstore = store


def check_file(path: Path | str) -> Path:
    """``path`` if it is a readable, non-empty, text RDF file with a known extension; else
    ``InputError`` (the messages of :func:`kg.query.load_graph`). Reads at most 8 KiB."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() not in FORMATS:
        raise InputError(f"{path}: unknown RDF file extension {path.suffix or '(none)'!r}; "
                         f"use {', '.join(FORMATS)}")
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            head = f.read(8192)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or _one_line(exc)}") from None
    if size <= len(head) and not head.strip():
        raise InputError(f"{path}: the file is empty")
    if b"\x00" in head:
        raise InputError(f"{path}: a binary file, not {FORMATS[path.suffix.lower()][0]}")
    return path


def load(store: ox.Store, path: Path | str) -> None:
    """Load a checked graph file into ``store`` (triples into the default graph; for quad
    files, the named graphs and their union into the default graph). Raises ``InputError``."""
    path = check_file(path)
    name, fmt = FORMATS[path.suffix.lower()]
    try:
        store.bulk_load(path=str(path), format=fmt, base_iri=path.resolve().as_uri())
        if fmt.supports_datasets:
            store.update(_UNION)
    except (SyntaxError, ValueError, UnicodeError) as exc:
        raise InputError(f"{path}: cannot parse as {name}: {_one_line(exc)}") from None
    except OSError as exc:
        raise KgError(f"cannot load {path} into the store: {_one_line(exc)}") from None


def _wrap(store: ox.Store) -> Graph:
    return Graph(store=KgOxigraphStore(store), identifier=DATASET_DEFAULT_GRAPH_ID)


def _source(path: Path) -> dict:
    st = path.stat()
    return {"source": str(path.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _marker(location: Path) -> dict | None:
    try:
        return json.loads((location / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _lock_file(location: Path) -> Path:
    location = Path(os.path.abspath(location))  # "." has no name to put in one
    return location.with_name(f".{location.name}.lock")


class _NoLockFile(KgError):
    """The lock file of a store folder cannot be made (a read-only location, say)."""


def _is_at(fd: int, path: Path) -> bool:
    """Whether the open file ``fd`` is (still) the file at ``path``."""
    mine = os.fstat(fd)
    try:
        now = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    return (mine.st_dev, mine.st_ino) == (now.st_dev, now.st_ino)


@contextmanager
def _locked(location: Path, exclusive: bool) -> Iterator[None]:
    """Hold a lock on the store folder ``location``: ``exclusive`` (to build it from a graph
    file; the lock file is made, and removed before the lock is let go) or shared (to open it
    as it is: waits for a build going on; makes no lock file, so it works on a read-only
    location; no lock file, no build, no wait). Blocks until the lock is had. Raises
    ``_NoLockFile`` (a ``KgError``) when an exclusive lock's file cannot be made, ``KgError``
    when a lock file there cannot be opened."""
    if fcntl is None:
        yield
        return
    path = _lock_file(location)
    fd = None
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT if exclusive else os.O_RDONLY, 0o644)
        except (FileNotFoundError, NotADirectoryError):
            if exclusive:  # the folder beside which it goes is not there
                raise _NoLockFile(f"cannot lock the store {location}: cannot create {path}: "
                                  "no such folder") from None
            fd = None  # no lock file at the path: nobody builds (a build makes it first and
            break      # removes it last, holding it all along), so the store may be opened
        except OSError as exc:
            kind = _NoLockFile if exclusive else KgError
            raise kind(f"cannot lock the store {location}: cannot "
                       f"{'create' if exclusive else 'open'} {path}: "
                       f"{exc.strerror or _one_line(exc)}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            if _is_at(fd, path):
                break  # the lock file in use, and we hold it
        except BaseException:
            os.close(fd)
            raise
        # The holder before us removed the file we waited on (its build is over), or it was
        # replaced: a lock on it excludes nobody now. A new builder may already have made a
        # fresh lock file at the path, so open the path again, readers too; only finding no
        # file there lets a reader go on without a lock.
        os.close(fd)
        fd = None
    try:
        yield
    finally:
        if fd is not None:
            if exclusive:
                try:
                    os.unlink(path)
                except OSError:
                    pass
            os.close(fd)  # lets the lock go


def _build(location: Path, data: Path) -> None:
    """Load ``data`` into a new store beside ``location``, then swap it in."""
    if location.exists() and _marker(location) is None and (
            not location.is_dir() or any(location.iterdir())):
        raise InputError(f"{location}: exists and is not a kg store folder; "
                         "give a new or empty folder")
    fresh = location.with_name(f".{location.name}.loading-{os.getpid()}")
    old = location.with_name(f".{location.name}.old-{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        store = ox.Store(str(fresh))
        load(store, data)
        store.flush()
        del store  # closes the database
        meta = _source(data) | {"format": data.suffix.lower()}
        (fresh / MARKER).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
                                    encoding="utf-8")
        if location.exists():
            location.rename(old)
        fresh.rename(location)
    except OSError as exc:
        if old.exists() and not location.exists():
            old.rename(location)  # keep the earlier store
        raise KgError(f"cannot write the store {location}: {_one_line(exc)}") from None
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def open_graph(data: Path | str | None = None, location: Path | str | None = None) -> Graph:
    """An rdflib ``Graph`` over an Oxigraph store: ``data`` loaded in memory, or the store
    folder ``location`` (built from ``data`` when given and changed). See the module docstring.
    Raises ``InputError`` / ``KgError``."""
    if location is None:
        if data is None:
            raise KgError("open_graph needs a graph file or a store folder")
        data = check_file(data)
        store = ox.Store()
        load(store, data)
        return _wrap(store)
    # absolute and normalised: "--store ." (or "./", "a/..") names the folder by its own name,
    # which the lock file and the copies built beside it are named after
    location = Path(os.path.abspath(location))
    if data is not None:
        data = check_file(data)
        graph = _open_current(location, data)  # no lock file needed (a read-only location)
        if graph is not None:
            return graph
        if not location.parent.is_dir():
            try:
                location.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise KgError(f"cannot write the store {location}: "
                              f"{exc.strerror or _one_line(exc)}") from None
        try:
            with _locked(location, exclusive=True):  # one process builds; the others wait
                if not _current(location, data):  # and then find it built: check again
                    _build(location, data)
                return _wrap(_read_only(location))
        except _NoLockFile:
            graph = _open_current(location, data)  # built meanwhile by a process that could
            if graph is None:
                raise
            return graph
    with _locked(location, exclusive=False):  # not while another process swaps a build in
        if not (location / "CURRENT").is_file():
            raise InputError(f"{location}: no store here; load a graph into it first with "
                             f"--store {location} --data FILE")
        return _wrap(_read_only(location))


def _current(location: Path, data: Path) -> bool:
    """Whether the store folder ``location`` was built from ``data`` as it is now (its
    marker names the same path, size and modification time)."""
    meta = _marker(location)
    return meta is not None and all(meta.get(k) == v for k, v in _source(data).items())


def _open_current(location: Path, data: Path) -> Graph | None:
    """The store folder ``location`` opened as it is when it is current for ``data`` (after a
    build going on, if any), else ``None``. Makes no lock file."""
    with _locked(location, exclusive=False):
        if _current(location, data):
            return _wrap(_read_only(location))
    return None


def _read_only(location: Path) -> ox.Store:
    try:
        return ox.Store.read_only(str(location))
    except OSError as exc:
        raise InputError(f"{location}: cannot open the store: {_one_line(exc)}") from None


def is_store_graph(graph: object) -> bool:
    """True for an rdflib graph whose store is an Oxigraph store (ours or oxrdflib's)."""
    return isinstance(getattr(graph, "store", None), OxigraphStore)


class Solutions(Result):
    """A SELECT result held as rows: ``vars`` (the projected variables) and ``rows`` (one list
    of terms per solution, in ``vars`` order, ``None`` where unbound). ``bindings`` (rdflib's
    dicts) are made from the rows only when asked for, so formatting a big result skips them."""

    def __init__(self, variables: list[Variable], rows: list[list[Node | None]]) -> None:
        super().__init__("SELECT")
        self.vars = variables
        self.rows = rows
        self.bindings = ({v: t for v, t in zip(variables, row) if t is not None}
                         for row in rows)  # a generator: rdflib evaluates it on first use


def _rows(found: ox.QuerySolutions, columns: list) -> list[list[Node | None]]:
    """Oxigraph's solutions as rows of rdflib terms, each column through its converter. The
    work is done column by column, once per distinct term (rows repeat labels and IRIs), the
    per-cell steps left to C (``set``, ``map``, ``zip``)."""
    raw = [list(solution) for solution in found]
    if not raw or not columns:
        return [[] for _row in raw]
    converted = [each_distinct(conv, column)  # conv(None) is None
                 for conv, column in zip(columns, zip(*raw))]
    return list(map(list, zip(*converted)))


def each_distinct(fn, column: Iterable) -> list:
    """``[fn(t) for t in column]``, calling ``fn`` once per distinct term (result rows repeat
    labels and IRIs, and the per-cell step stays in C)."""
    memo = {t: fn(t) for t in set(column)}
    return list(map(memo.__getitem__, column))


def _converter():
    """Oxigraph term -> rdflib term, memoised (result rows repeat labels and IRIs)."""
    cache: dict = {}
    datatypes: dict[str, URIRef] = {}
    string = str(XSD.string)

    def convert(term):
        if term is None:
            return None
        try:
            return cache[term]
        except KeyError:
            pass
        if isinstance(term, ox.NamedNode):
            out = URIRef(term.value)
        elif isinstance(term, ox.Literal):
            datatype, value = term.datatype.value, term.value
            if term.language:
                out = Literal(value, lang=term.language)
            elif datatype == string:
                out = Literal(value)
            else:
                out = Literal(value, datatype=datatypes.get(datatype)
                              or datatypes.setdefault(datatype, URIRef(datatype)))
        elif isinstance(term, ox.BlankNode):
            out = BNode(term.value)
        else:
            raise KgError(f"unsupported term in a result: {term}")
        cache[term] = out
        return out
    return convert


def select_csv(graph: Graph, text: str,
               bindings: Mapping[str | Variable, Node | Sequence[Node]] | None = None
               ) -> str:
    """Run the SELECT query ``text`` on the Oxigraph store of ``graph`` (as :func:`query`)
    and return its result as W3C SPARQL 1.1 CSV (header, CRLF line ends). Raises
    ``InputError`` for a syntax error or a query that is not a SELECT, ``KgError``
    otherwise."""
    found = _run(graph, text, bindings)
    if not isinstance(found, ox.QuerySolutions):
        raise InputError("CSV results are for SELECT queries")
    try:
        return found.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8")
    except Exception as exc:  # an evaluation error met while the rows are made
        raise KgError(f"query failed: {_one_line(exc)}") from None


def _run(graph: Graph, text: str, bindings: Mapping[str | Variable, Node | Sequence[Node]] | None):
    """Oxigraph's answer to ``text`` on the default graph of ``graph``'s store, ``bindings``
    as a VALUES block (see :func:`query`). Raises ``InputError`` / ``KgError``."""
    store = graph.store
    inner = getattr(store, "oxstore", None) or store._inner  # oxrdflib's own store
    if bindings:  # a VALUES block opening the WHERE group, as kg query --endpoint sends
        from .remote import bind_values  # (Oxigraph substitutes projected variables only)

        text = bind_values(text, bindings)
    try:
        return inner.query(text, prefixes=_PREFIXES, default_graph=ox.DefaultGraph())
    except SyntaxError as exc:
        raise InputError(f"query syntax error: {_one_line(exc)}") from None
    except Exception as exc:  # OSError, evaluation errors
        raise KgError(f"query failed: {_one_line(exc)}") from None


def query(graph: Graph, text: str,
          bindings: Mapping[str | Variable, Node | Sequence[Node]] | None = None) -> Result:
    """Run SPARQL ``text`` on the Oxigraph store of ``graph`` (its default graph); return an
    rdflib ``Result`` (SELECT: ``vars`` and ``bindings``; ASK: ``askAnswer``; CONSTRUCT and
    DESCRIBE: ``graph``) with Oxigraph's terms as they are (module docstring). Raises
    ``InputError`` for a syntax error, ``KgError`` otherwise."""
    convert = _converter()
    found = _run(graph, text, bindings)
    try:
        if isinstance(found, ox.QueryBoolean):
            result = Result("ASK")
            result.askAnswer = bool(found)
        elif isinstance(found, ox.QuerySolutions):
            variables = [Variable(v.value) for v in found.variables]
            result = Solutions(variables, _rows(found, [convert] * len(variables)))
        else:
            result = Result("CONSTRUCT")
            result.graph = Graph()
            for t in found:
                result.graph.add((convert(t.subject), convert(t.predicate), convert(t.object)))
    except KgError:
        raise
    except Exception as exc:  # evaluation errors met while the rows are made
        raise KgError(f"query failed: {_one_line(exc)}") from None
    return result
