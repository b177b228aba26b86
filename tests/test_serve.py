"""kg serve: the sample build served by Oxigraph on 127.0.0.1 answers SPARQL over HTTP with the
local graph's triple count, keeps one named graph per article, and stops on Ctrl-C with exit
status 0; a busy port or a missing file is one error line. Only 127.0.0.1 is contacted, and
every wait is bounded (30 s)."""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.query import load_graph

WAIT = 30.0  # seconds
pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGINT to a child process")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ask(port: int, query: str) -> dict:
    """A SPARQL query by GET, answered as SPARQL JSON results; no proxy, 127.0.0.1 only."""
    url = f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": query})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with opener.open(request, timeout=5) as answer:
        return json.loads(answer.read().decode("utf-8"))


def _number(answer: dict) -> int:
    return int(answer["results"]["bindings"][0]["n"]["value"])


def _count_when_up(proc: subprocess.Popen, port: int) -> int:
    """The triple count the server at ``port`` answers, once it answers (within 30 s)."""
    deadline = time.monotonic() + WAIT
    while True:
        assert proc.poll() is None, proc.stderr.read()
        try:
            return _number(_ask(port, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
        except (urllib.error.URLError, ConnectionError, OSError):
            assert time.monotonic() < deadline, "the server did not answer within 30 s"
            time.sleep(0.2)


def test_serve_answers_over_http_and_stops_on_ctrl_c(sample_build):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(sample_build),
                             "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        count = _count_when_up(proc, port)
        assert count == len(load_graph(sample_build / "graph.ttl"))
        graphs = _number(_ask(port, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g "
                                    "{ ?a a <https://w3id.org/kg-news/ontology#Article> } }"))
        report = json.loads((sample_build / "report.json").read_text(encoding="utf-8"))
        assert graphs == len(report["articles"])  # graph.trig's named graphs are kept

        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=WAIT)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert out.splitlines() == [f"SPARQL endpoint: http://127.0.0.1:{port}/query"]
    assert "Traceback" not in err
    store = re.search(r"into (\S+)", err).group(1)
    assert not Path(store).exists()  # the temporary store is removed
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_busy_port_is_one_error_line(sample_build):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", str(sample_build), "--port", str(port)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and "busy" in lines[0]


@pytest.mark.parametrize("name, message", [("absent.ttl", "no such file"),
                                           ("empty-folder", "no graph.trig or graph.ttl")])
def test_missing_graph_is_one_error_line(tmp_path, name, message):
    if name == "empty-folder":
        (tmp_path / name).mkdir()
    result = CliRunner().invoke(main, ["serve", str(tmp_path / name), "--port", str(_free_port())])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and message in lines[0]


def _loopback_port() -> int:
    """A free port in 18000-18999 on 127.0.0.1."""
    for port in range(18000 + os.getpid() % 500, 19000):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port in 18000-18999")


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped by its parent, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _kill_leftovers(proc: subprocess.Popen, child: int | None) -> None:
    """Kill kg serve and its oxigraph server if a failed test left them running."""
    if proc.poll() is None:
        proc.kill()
        proc.communicate()
    if child is not None and _alive(child):
        os.kill(child, signal.SIGKILL)


def _assert_stopped_cleanly(proc: subprocess.Popen, child: int, err: str) -> None:
    """kg serve exited with status 0 and no traceback, its oxigraph server is gone (not
    reparented to PID 1) and its temporary folder removed."""
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert not _alive(child)
    store = Path(re.search(r"into (\S+)", err).group(1))
    assert store.parent.name.startswith("kg-serve-") and not store.parent.exists()


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads children from /proc")
def test_sighup_stops_the_server_and_removes_the_store(sample_build):
    """Closing the terminal (SIGHUP) cleans up as Ctrl-C does: no oxigraph server left running
    (reparented to PID 1), no /tmp/kg-serve-* folder left behind."""
    port = _loopback_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(sample_build / "graph.ttl"),
                             "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    child = None
    try:
        count = _count_when_up(proc, port)
        assert count == len(load_graph(sample_build / "graph.ttl"))
        children = _children(proc.pid)
        assert len(children) == 1
        child = children[0]
        assert "oxigraph" in Path(f"/proc/{child}/cmdline").read_bytes().decode()

        proc.send_signal(signal.SIGHUP)
        out, err = proc.communicate(timeout=WAIT)
    finally:
        _kill_leftovers(proc, child)
    _assert_stopped_cleanly(proc, child, err)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def _ignore_sighup() -> None:  # what nohup does before it runs the command
    signal.signal(signal.SIGHUP, signal.SIG_IGN)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads children from /proc")
def test_sighup_ignored_at_start_stays_ignored(sample_build):
    """``nohup kg serve ... &``: SIGHUP was ignored when kg started, so a hangup sent to kg
    and its oxigraph server (their process group, as a closed terminal does) stops neither;
    SIGTERM still stops both and removes the store."""
    port = _loopback_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(sample_build / "graph.ttl"),
                             "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_ignore_sighup, start_new_session=True)
    child = None
    try:
        expected = len(load_graph(sample_build / "graph.ttl"))
        assert _count_when_up(proc, port) == expected
        (child,) = _children(proc.pid)
        assert "oxigraph" in Path(f"/proc/{child}/cmdline").read_bytes().decode()

        os.killpg(proc.pid, signal.SIGHUP)  # kg and the oxigraph server both get it
        time.sleep(1.0)
        assert proc.poll() is None and _alive(child)
        assert _number(_ask(port, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")) == expected

        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=WAIT)
    finally:
        _kill_leftovers(proc, child)
    _assert_stopped_cleanly(proc, child, err)
