"""Fixtures for the tests that talk to SPARQL servers.

* Real servers, started by ``.ci/run``: ``KG_TEST_OXIGRAPH`` (Oxigraph's query URL,
  ``http://127.0.0.1:PORT/query``) and ``KG_TEST_VIRTUOSO`` (``http://127.0.0.1:PORT/sparql``,
  with ``KG_TEST_VIRTUOSO_USER`` / ``KG_TEST_VIRTUOSO_PASSWORD`` for a user allowed to
  update). A test that needs one is skipped when its variable is absent, so a plain ``pytest``
  passes on a laptop, and fails instead when ``KG_REQUIRE_SERVERS=1`` (as in CI).
* :class:`FakeServer`: a tiny ``http.server`` on 127.0.0.1 in a thread that answers from a
  script (``respond(request) -> (status, headers, body)``, or sleeps to time a client out) and
  records every request. Waits are bounded: a handler sleeps at most ``MAX_SLEEP`` seconds.
* :func:`down_url`: the URL of a loopback port nobody listens on.

Import what a test module needs: ``from tests.servers import server, fake_server ...``
(``server`` runs a test once per real server; ``oxigraph`` / ``virtuoso`` pick one).
"""
from __future__ import annotations

import json
import os
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import parse_qs, urlsplit

import pytest

MAX_SLEEP = 5.0  # seconds a fake handler may stall


# --- real servers -----------------------------------------------------------------------------

@dataclass
class Server:
    """A real SPARQL server under test: ``name``, query ``url`` and the environment
    (credentials) a push to it needs."""

    name: str
    url: str
    env: dict[str, str] = field(default_factory=dict)

    def graph(self, label: str = "g") -> str:
        """A fresh named-graph IRI, unique to one test."""
        return f"urn:kg-test:{label}:{uuid.uuid4().hex[:12]}"


@pytest.fixture()
def no_credentials(monkeypatch, tmp_path):
    """No credentials leak in from the developer's environment or ~/.netrc."""
    for key in ("KG_SPARQL_USER", "KG_SPARQL_PASSWORD", "KG_SPARQL_AUTH"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))


def run(*args: str):
    """``kg ARGS`` in process (click's runner)."""
    from click.testing import CliRunner

    from kg.cli import main

    return CliRunner().invoke(main, list(args))


def _server_from_env(name: str) -> Server:
    var = f"KG_TEST_{name.upper()}"
    url = os.environ.get(var)
    if not url:
        message = f"{var} is not set (.ci/run starts {name} and sets it)"
        if os.environ.get("KG_REQUIRE_SERVERS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    env = {}
    user = os.environ.get(f"{var}_USER")
    if user:
        env = {"KG_SPARQL_USER": user,
               "KG_SPARQL_PASSWORD": os.environ.get(f"{var}_PASSWORD", "")}
    return Server(name, url, env)


def _use(srv: Server, monkeypatch) -> Server:
    for key in ("KG_SPARQL_USER", "KG_SPARQL_PASSWORD", "KG_SPARQL_AUTH"):
        monkeypatch.delenv(key, raising=False)
    for key, value in srv.env.items():
        monkeypatch.setenv(key, value)
    return srv


@pytest.fixture(params=["oxigraph", "virtuoso"])
def server(request, monkeypatch) -> Server:
    """Each real server in turn, its credentials set in the environment for the test."""
    return _use(_server_from_env(request.param), monkeypatch)


@pytest.fixture
def oxigraph(monkeypatch) -> Server:
    """The Oxigraph server alone (no credentials)."""
    return _use(_server_from_env("oxigraph"), monkeypatch)


@pytest.fixture
def virtuoso(monkeypatch) -> Server:
    """The Virtuoso server alone, with its test user's credentials set."""
    return _use(_server_from_env("virtuoso"), monkeypatch)


def drop_graphs(server: Server, *graphs: str) -> None:
    """``DROP SILENT GRAPH`` each of ``graphs`` (test clean-up), with the server's credentials."""
    from kg.endpoints import resolve
    from kg.remote import Http

    old = {k: os.environ.get(k) for k in server.env}
    os.environ.update(server.env)
    try:
        endpoints = resolve(server.url, authenticated=bool(server.env))
        http = Http(endpoints, timeout=30, tries=2, backoff=0.2)
        for g in graphs:
            http.update(endpoints.update, f"DROP SILENT GRAPH <{g}>")
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def count_on(server: Server, graph: str | None) -> int:
    """Triples in ``graph`` (``None``: the default graph) on the server, asked directly."""
    from kg.endpoints import resolve
    from kg.remote import Http

    http = Http(resolve(server.url), timeout=30, tries=2, backoff=0.2)
    where = "{ ?s ?p ?o }" if graph is None else f"{{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    rows = http.select(server.url, f"SELECT (COUNT(*) AS ?n) WHERE {where}")
    return int(rows[0]["n"]["value"]) if rows else 0


# --- a fake server ----------------------------------------------------------------------------

@dataclass
class Request:
    """One request the fake server received: method, path, query parameters, headers, body."""

    method: str
    path: str
    params: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    @property
    def form(self) -> dict[str, list[str]]:
        """The body's form fields (``query=``, ``update=``)."""
        return parse_qs(self.body.decode("utf-8"))


Reply = tuple  # (status, headers dict, body bytes) or ("sleep", seconds)
Responder = Callable[[Request], Reply]


class FakeServer:
    """An HTTP server on 127.0.0.1 (a free port) answering by ``respond``; ``requests``
    lists what it got. Use as a context manager; it stops on exit."""

    def __init__(self, respond: Responder):
        self.respond = respond
        self.requests: list[Request] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep pytest's output clean
                pass

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                req = Request(self.command, parts.path,
                              parse_qs(parts.query, keep_blank_values=True),
                              {k.lower(): v for k, v in self.headers.items()}, body)
                outer.requests.append(req)
                reply = outer.respond(req)
                if reply[0] == "sleep":
                    time.sleep(min(float(reply[1]), MAX_SLEEP))
                    reply = (200, {}, b"")
                status, headers, payload = reply
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                try:
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "FakeServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def fake_server():
    """``fake_server(respond)`` starts a :class:`FakeServer`; all stop after the test."""
    started: list[FakeServer] = []

    def start(respond: Responder) -> FakeServer:
        srv = FakeServer(respond).__enter__()
        started.append(srv)
        return srv

    yield start
    for srv in started:
        srv.__exit__(None, None, None)


def json_reply(payload: dict, status: int = 200) -> Reply:
    return (status, {"Content-Type": "application/sparql-results+json"},
            json.dumps(payload).encode("utf-8"))


def count_reply(counts: dict[str | None, int]) -> Reply:
    """The answer to kg push's count queries: ``?g ?n`` rows, or one ``?n`` for ``None``."""
    if list(counts) == [None]:
        return json_reply({"head": {"vars": ["n"]}, "results": {"bindings": [
            {"n": {"type": "literal", "value": str(counts[None]),
                   "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}})
    return json_reply({"head": {"vars": ["g", "n"]}, "results": {"bindings": [
        {"g": {"type": "uri", "value": g},
         "n": {"type": "literal", "value": str(n),
               "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}
        for g, n in counts.items() if g is not None]}})


def down_url(path: str = "/query") -> str:
    """A loopback URL on a port that was free a moment ago (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"
