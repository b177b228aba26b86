"""Where a SPARQL server takes queries, updates and Graph Store requests.

``resolve(query_url)`` returns an :class:`Endpoints` whose ``update`` and ``store`` URLs follow
the server's convention, recognised by the shape of the query URL (``kg push --help`` says the
same):

==========================================  ==============================  =========================================
query URL                                   update URL                      Graph Store URL
==========================================  ==============================  =========================================
Oxigraph ``http://host:7878/query``         ``/update``                     ``/store``
Fuseki ``http://host:3030/DATASET/query``   ``/DATASET/update``             ``/DATASET/data``
(or ``/DATASET/sparql``, ``/DATASET``)
Virtuoso ``http://host:8890/sparql``        ``/sparql-auth`` with           ``/sparql-graph-crud-auth`` with
                                            credentials, else ``/sparql``   credentials, else ``/sparql-graph-crud``
anything else                               the query URL itself            none (SPARQL Update only)
==========================================  ==============================  =========================================

An explicit ``update`` or ``store`` URL always wins. URLs must be ``http``/``https`` and carry
no ``user:password@``: credentials come from the environment or ``~/.netrc`` (see
:mod:`kg.remote`). Raises :class:`~kg.errors.InputError` for a URL it cannot use.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from .errors import InputError

FLAVOURS = ("oxigraph", "fuseki", "virtuoso", "generic")


@dataclass(frozen=True)
class Endpoints:
    """The URLs of one server: ``query`` (SPARQL query), ``update`` (SPARQL Update), ``store``
    (Graph Store HTTP Protocol, ``None`` when the server has none we know of) and the
    ``flavour`` recognised (one of ``FLAVOURS``)."""

    query: str
    update: str
    store: str | None
    flavour: str


def check_url(url: str, what: str = "endpoint") -> str:
    """``url`` stripped, if it is an http(s) URL with a host and no credentials in it."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"--{what}: not an http(s) URL: {url!r}")
    if parts.username is not None or parts.password is not None:
        raise InputError(f"--{what}: do not put credentials in the URL; set KG_SPARQL_USER and "
                         "KG_SPARQL_PASSWORD or use ~/.netrc")
    return url


def _with_path(url: str, path: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def flavour_of(query_url: str) -> str:
    """``oxigraph``, ``fuseki``, ``virtuoso`` or ``generic``, by the URL's path alone."""
    path = urlsplit(query_url).path.rstrip("/")
    if path == "/query":
        return "oxigraph"
    if path == "/sparql":
        return "virtuoso"
    if re.fullmatch(r"/[^/]+/(query|sparql)", path) or re.fullmatch(r"/[^/]+", path):
        return "fuseki"
    return "generic"


def resolve(query_url: str, update_url: str | None = None, store_url: str | None = None,
            authenticated: bool = False) -> Endpoints:
    """The endpoints of the server whose SPARQL query URL is ``query_url``; ``authenticated``
    says whether credentials are available (Virtuoso takes writes on ``-auth`` URLs only)."""
    query_url = check_url(query_url)
    flavour = flavour_of(query_url)
    path = urlsplit(query_url).path.rstrip("/")
    if flavour == "oxigraph":
        base = path[: -len("/query")]
        update, store = _with_path(query_url, base + "/update"), _with_path(query_url, base + "/store")
    elif flavour == "fuseki":
        dataset = re.sub(r"/(query|sparql)$", "", path)
        update = _with_path(query_url, dataset + "/update")
        store = _with_path(query_url, dataset + "/data")
    elif flavour == "virtuoso":
        suffix = "-auth" if authenticated else ""
        update = _with_path(query_url, path + suffix)
        store = _with_path(query_url, path + "-graph-crud" + suffix)
    else:
        update, store = query_url, None
    if update_url:
        update = check_url(update_url, "update-endpoint")
    if store_url:
        store = check_url(store_url, "store-endpoint")
    return Endpoints(query=query_url, update=update, store=store, flavour=flavour)
