"""Time every shipped query (queries/*.rq) on a big synthetic graph with rdflib's memory store
(what ``kg query`` used before) and with Oxigraph (what it uses now), and print the figures.

    python bench/bench_queries.py                      # 1,000,000 triples, made by gen_graph.py
    python bench/bench_queries.py --triples 100000 --timeout 30
    python bench/bench_queries.py --graph my.nt --engines oxigraph,store
    python bench/bench_queries.py --query-dir my-queries/   # try rewritten queries

Engines, each run in its own process (so a query that runs past ``--timeout`` seconds is
stopped, reported as ``>T``, and the engine restarted for the next query):

* ``rdflib``   ``kg.query.load_graph`` (rdflib memory store, the union graph) + rdflib's engine;
* ``oxigraph`` ``kg.store.open_graph(FILE)``: an in-memory Oxigraph store (``kg query --data``);
* ``store``    ``kg.store.open_graph(FILE, DIR)`` once, then the on-disk store reopened
  read-only as ``kg query --store DIR`` does; its load column is (build + reopen), the
  ``reopen s`` line what every later ``kg query --store DIR`` pays instead of a load.

"load s" is the seconds to get a queryable graph from the file; each query's figure is
``kg.query.run_query(query, graph, "csv")`` end to end (parse, evaluate, convert, format), in
seconds; ``rows`` is the number of result rows. The graph file is made once with
``bench/gen_graph.py`` under the temp folder (or given with ``--graph``).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ENGINES = ("rdflib", "oxigraph", "store")


def _emit(**record) -> None:
    print(json.dumps(record), flush=True)


def worker(engine: str, graph_file: Path, query_dir: Path, names: list[str]) -> None:
    """Load ``graph_file`` with ``engine``, then run ``names``; one JSON line per step."""
    from kg.query import load_graph, run_query
    from kg.store import open_graph

    t0 = time.perf_counter()
    reopen = None
    if engine == "rdflib":
        graph = load_graph(graph_file)
    elif engine == "oxigraph":
        graph = open_graph(graph_file)
    else:
        folder = Path(tempfile.gettempdir()) / f"kg-bench-store-{graph_file.stem}"
        open_graph(graph_file, folder)  # builds the store unless it holds this file already
        t1 = time.perf_counter()
        graph = open_graph(None, folder)
        reopen = time.perf_counter() - t1
    _emit(load=time.perf_counter() - t0, reopen=reopen)
    for name in names:
        t0 = time.perf_counter()
        text = run_query(query_dir / f"{name}.rq", graph, "csv")
        seconds = time.perf_counter() - t0
        _emit(query=name, seconds=seconds, rows=max(0, len(text.splitlines()) - 1))


def run_engine(engine: str, graph_file: Path, query_dir: Path, timeout: float
               ) -> tuple[dict, dict]:
    """({"load": s, "reopen": s}, {query: (seconds or None if timed out, rows)})."""
    todo = [q.stem for q in sorted(query_dir.glob("*.rq"))]
    results: dict[str, tuple[float | None, int | None]] = {}
    load = None
    while todo:
        proc = subprocess.Popen([sys.executable, __file__, "--worker", engine, "--graph",
                                 str(graph_file), "--query-dir", str(query_dir),
                                 "--only", ",".join(todo)],
                                stdout=subprocess.PIPE, text=True)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout] + [lines.put(None)],
                         daemon=True).start()
        try:
            record = json.loads(lines.get(timeout=max(timeout, 600)) or "{}")
            if "load" not in record:
                raise SystemExit(f"{engine}: the worker failed to load {graph_file}")
            load = record if load is None else load
            print(f"  {engine}: loaded in {record['load']:.2f} s", file=sys.stderr)
            while todo:
                try:
                    line = lines.get(timeout=timeout)
                except queue.Empty:
                    results[todo.pop(0)] = (None, None)
                    break
                if line is None:
                    raise SystemExit(f"{engine}: the worker stopped at {todo[0]}")
                record = json.loads(line)
                results[record["query"]] = (record["seconds"], record["rows"])
                print(f"  {engine}: {record['query']} {record['seconds']:.3f} s", file=sys.stderr)
                todo.remove(record["query"])
        finally:
            proc.kill()
            proc.wait()
    return load, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--graph", type=Path, help="an N-Triples file (default: generated)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds a query may run before it is stopped [60]")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help=f"comma-separated, from {', '.join(ENGINES)}")
    parser.add_argument("--query-dir", type=Path, default=ROOT / "queries",
                        help="the .rq files to time [queries/]")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.graph, args.query_dir, args.only.split(","))
        return

    graph_file = args.graph
    if graph_file is None:
        graph_file = Path(tempfile.gettempdir()) / f"kg-bench-{args.triples}.nt"
        if not graph_file.exists():
            from bench.gen_graph import generate

            print(f"generating {graph_file} ...", file=sys.stderr)
            generate(args.triples, graph_file)
    store = Path(tempfile.gettempdir()) / f"kg-bench-store-{graph_file.stem}"
    shutil.rmtree(store, ignore_errors=True)  # the store engine's load includes building it
    engines = [e for e in args.engines.split(",") if e]
    figures = {e: run_engine(e, graph_file, args.query_dir, args.timeout) for e in engines}
    queries = sorted(args.query_dir.glob("*.rq"))
    shutil.rmtree(store, ignore_errors=True)

    def cell(value: float | None) -> str:
        return f">{args.timeout:g}" if value is None else f"{value:.3f}"

    triples = sum(1 for _ in open(graph_file, "rb"))
    print(f"graph: {graph_file} ({triples:,} triples, {graph_file.stat().st_size / 1e6:.0f} MB); "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}")
    import pyoxigraph
    import rdflib
    print(f"rdflib {rdflib.__version__}, pyoxigraph {pyoxigraph.__version__}; "
          "seconds per query = run_query(..., 'csv') end to end")
    width = max(len(q.stem) for q in queries)
    print(f"{'':{width}}  {'rows':>7}  " + "  ".join(f"{e:>9}" for e in engines))
    for step in ("load", "reopen"):
        if any(figures[e][0].get(step) is not None for e in engines):
            print(f"{step + ' s':{width}}  {'':>7}  " + "  ".join(
                f"{cell(figures[e][0].get(step)) if figures[e][0].get(step) is not None else '':>9}"
                for e in engines))
    for q in queries:
        rows = next((figures[e][1][q.stem][1] for e in engines
                     if figures[e][1][q.stem][1] is not None), None)
        print(f"{q.stem:{width}}  {rows if rows is not None else '?':>7}  "
              + "  ".join(f"{cell(figures[e][1][q.stem][0]):>9}" for e in engines))


if __name__ == "__main__":
    main()
