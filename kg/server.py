"""``kg serve``: a built graph as a local SPARQL 1.1 endpoint, served by Oxigraph's own server
(the ``oxigraph`` command of the PyPI package ``oxigraph``).

``serve(source, port=7878, progress=None, ready=None) -> None``
    ``source`` is a build folder (its ``graph.trig``, else ``graph.ttl``) or a graph file
    (``.ttl .trig .nt .nq .jsonld``). It is loaded with ``oxigraph load`` into a new store in a
    temporary folder; for a quad file (TriG, N-Quads) the named graphs are kept (one per
    article) and their union is written into the default graph as a set, so a query without
    ``GRAPH`` sees what ``graph.ttl`` holds and counts each triple once. Then ``oxigraph serve
    --location STORE --bind 127.0.0.1:PORT`` runs until Ctrl-C (SIGINT), SIGTERM or SIGHUP
    (the terminal closed): the server is terminated, the folder removed, and ``serve`` returns
    normally. A SIGHUP ignored when ``serve`` starts (``nohup``) stays ignored, by kg and by
    the server. Only the loopback address is bound.

    Endpoints (``url`` is ``http://127.0.0.1:PORT``): ``/query`` SPARQL 1.1 query, ``/update``
    SPARQL 1.1 update, ``/store`` Graph Store Protocol. ``progress(text)`` gets progress lines;
    ``ready(query_url)`` is called once the server accepts connections.

Errors: a missing source, a folder without a graph, a bad or unparseable file raise
:class:`~kg.errors.InputError`; a busy port, a missing ``oxigraph`` command, a server that does
not start within :data:`START_TIMEOUT` seconds or stops on its own raise
:class:`~kg.errors.KgError`. Messages are one line.
"""
from __future__ import annotations

import errno
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from .errors import InputError, KgError
from .store import FORMATS, check_file

HOST = "127.0.0.1"
START_TIMEOUT = 30.0  # seconds for the server to accept connections
_UNION = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def oxigraph_command() -> str:
    """The ``oxigraph`` executable: beside this Python (its virtualenv's scripts), else on
    PATH. Raises ``KgError`` when the ``oxigraph`` package is not installed."""
    name = "oxigraph.exe" if os.name == "nt" else "oxigraph"
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise KgError("the oxigraph server is not installed; pip install 'oxigraph>=0.5,<0.6'")
    return found


def graph_file(source: Path | str) -> Path:
    """The file to serve: a build folder's ``graph.trig`` (else ``graph.ttl``), or ``source``
    itself when it is a graph file. Raises ``InputError``."""
    source = Path(source)
    if source.is_dir():
        for name in ("graph.trig", "graph.ttl"):
            if (source / name).is_file():
                return check_file(source / name)
        raise InputError(f"{source}: no graph.trig or graph.ttl in this folder "
                         f"(make them with: kg build INPUT --out {source})")
    if not source.exists():
        raise InputError(f"{source}: no such file or folder")
    return check_file(source)


def check_port(port: int) -> None:
    """Raise ``KgError`` unless ``port`` on 127.0.0.1 is free to listen on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            sock.bind((HOST, port))
        except OSError as exc:
            why = "busy (another server listens there)" if exc.errno == errno.EADDRINUSE \
                else f"not available ({exc.strerror})"
            raise KgError(f"port {port} on {HOST} is {why}; choose another with --port") \
                from None


def _first_error(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("Error")]
    return (errors or lines or ["no message"])[0]


def _run(command: list[str], what: str, source: Path) -> None:
    env = dict(os.environ, RUST_BACKTRACE="0", RUST_LIB_BACKTRACE="0")
    done = subprocess.run(command, capture_output=True, text=True, errors="replace", env=env)
    if done.returncode != 0:
        raise InputError(f"{source}: cannot {what}: {_first_error(done.stderr)}")


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=0.5):
            return True
    except OSError:
        return False


def _stop_on_signal(signum, frame):  # noqa: ARG001
    raise KeyboardInterrupt


# Signals that stop the server, as Ctrl-C does. SIGHUP comes when the terminal is closed: its
# default action would end kg at once, leaving the oxigraph child and the temporary folder.
_STOP = (signal.SIGINT, signal.SIGTERM) + ((signal.SIGHUP,) if hasattr(signal, "SIGHUP") else ())


def _taken_over() -> tuple:
    """The signals of :data:`_STOP` that ``serve`` handles: all of them, except SIGHUP when
    it is ignored at start (``nohup kg serve ... &`` asks to outlive the terminal). An ignored
    SIGHUP is left as it is, and the oxigraph server started then inherits the ignore (a
    handler would be reset to the default action, which ends the server, by its exec)."""
    hangup = getattr(signal, "SIGHUP", None)
    return tuple(sig for sig in _STOP
                 if sig != hangup or signal.getsignal(sig) is not signal.SIG_IGN)


def _say_stopping(say: Callable[[str], None]) -> None:
    try:
        say("stopping")
    except OSError:  # the terminal is gone (SIGHUP): clean up all the same
        pass


def serve(source: Path | str, port: int = 7878, progress: Callable[[str], None] | None = None,
          ready: Callable[[str], None] | None = None) -> None:
    """Serve ``source`` on 127.0.0.1:``port`` until Ctrl-C, SIGTERM or SIGHUP (module
    docstring)."""
    say = progress or (lambda _text: None)
    path = graph_file(source)
    check_port(port)
    exe = oxigraph_command()
    handlers = {}
    try:  # Ctrl-C, SIGTERM, SIGHUP stop the server (Ctrl-C and SIGTERM also when ignored)
        handlers = {sig: signal.signal(sig, _stop_on_signal) for sig in _taken_over()}
    except ValueError:  # not the main thread: leave signals alone
        pass
    folder = Path(tempfile.mkdtemp(prefix="kg-serve-"))
    location = folder / "store"
    server = None
    try:
        say(f"loading {path} into {location}")
        _run([exe, "load", "--location", str(location), "--file", str(path),
              "--base", path.resolve().as_uri()], "load it", path)
        if FORMATS[path.suffix.lower()][1].supports_datasets:
            _run([exe, "update", "--location", str(location), "--update", _UNION],
                 "build the union of its graphs", path)
        with open(folder / "server.log", "wb") as log:
            server = subprocess.Popen(
                [exe, "serve", "--location", str(location), "--bind", f"{HOST}:{port}"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                env=dict(os.environ, RUST_BACKTRACE="0", RUST_LIB_BACKTRACE="0"))
        deadline = time.monotonic() + START_TIMEOUT
        while not _accepts(port):
            if server.poll() is not None:
                message = _first_error((folder / "server.log").read_text(errors="replace"))
                if "in use" in message:
                    raise KgError(f"port {port} on {HOST} is busy (another server listens "
                                  "there); choose another with --port")
                raise KgError(f"the SPARQL server did not start: {message}")
            if time.monotonic() > deadline:
                raise KgError(f"the SPARQL server did not start within {START_TIMEOUT:g} s")
            time.sleep(0.1)
        url = f"http://{HOST}:{port}"
        if ready:
            ready(f"{url}/query")
        say(f"updates at {url}/update, Graph Store Protocol at {url}/store; Ctrl-C stops")
        status = server.wait()
        if -status in _STOP:  # Ctrl-C (or the terminal's hangup) reached the server first
            _say_stopping(say)
            return
        message = _first_error((folder / "server.log").read_text(errors="replace"))
        raise KgError(f"the SPARQL server stopped (exit status {status}): {message}")
    except KeyboardInterrupt:
        _say_stopping(say)
    finally:
        if handlers:  # a second signal does not interrupt the clean-up
            for sig in handlers:
                signal.signal(sig, signal.SIG_IGN)
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(folder, ignore_errors=True)
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
