"""How fast ``kg viz`` writes a page from a big graph, and how soon that page is interactive in
headless Chromium (Debian's ``/usr/bin/chromium``, driven by Playwright; network cut off).

    python bench/bench_viz.py                        # 600,000 triples (~21,000 entities)
    python bench/bench_viz.py --triples 100000 --max-nodes 300 --runs 5
    python bench/bench_viz.py --graph my.nt --focus 屯留区

The graph is made once with ``bench/gen_graph.py`` under the temp folder (or given with
``--graph``). Figures, in seconds:

* ``load``: the graph file into Oxigraph (``kg.store.open_graph``, what ``kg viz`` does);
* ``read``: :func:`kg.network.read_network` (entities, relations, facts and evidence);
* ``write``: :func:`kg.viz.write_html` of the selection (select, layout, page) -- ``kg viz``'s
  time after loading; plus ``kg viz`` end to end as a command (``cli``);
* ``ready``: from navigation start to ``kgView.ready`` (the layout fixed: the networkx
  positions drawn, or vis-network's physics settled and switched off), as the page measures it
  (``performance.now()``), median of ``--runs`` fresh page loads; ``search``: one
  ``kgView.search`` + panel, measured in the page once ready.

Two pages: ``--focus NAME --hops 2 --max-nodes N`` (default focus: the most connected
district) and ``--max-nodes N`` alone (the most connected entities).
"""
from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

CHROMIUM = "/usr/bin/chromium"


def timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - t0


def page_ready(page_file: Path, runs: int, probe: str) -> tuple[list[float], float, int]:
    """Seconds from navigation to kgView.ready for each run, seconds of one search, requests."""
    from playwright.sync_api import sync_playwright

    readies, requests = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for _ in range(runs):
            ctx = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
            ctx.route(re.compile(r"^https?://"), lambda r: (requests.append(r.request.url),
                                                           r.abort()))
            page = ctx.new_page()
            page.goto(page_file.resolve().as_uri())
            page.wait_for_function("window.kgView && kgView.ready", timeout=120_000)
            readies.append(page.evaluate("kgView.readyAt") / 1000)
            search = page.evaluate("(q) => { var t = performance.now(); kgView.search(q); "
                                   "return (performance.now() - t) / 1000; }", probe)
            ctx.close()
        browser.close()
    return readies, search, len(requests)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=600_000)
    parser.add_argument("--graph", type=Path, help="an N-Triples/Turtle file instead")
    parser.add_argument("--focus", help="entity to centre on [most connected district]")
    parser.add_argument("--hops", type=int, default=2)
    parser.add_argument("--max-nodes", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3, help="page loads per page")
    args = parser.parse_args()

    from gen_graph import generate
    from kg.network import Selection, read_network
    from kg.store import open_graph
    from kg.viz import write_html

    work = Path(tempfile.gettempdir())
    graph_file = args.graph or work / f"kg-bench-viz-{args.triples}.nt"
    if not graph_file.exists():
        print(f"generating {args.triples} triples -> {graph_file}", file=sys.stderr)
        generate(args.triples, graph_file)
    graph, load = timed(open_graph, graph_file)
    net, read = timed(read_network, graph)
    focus = args.focus or max(
        (n for n in net.nodes.values() if n.coarse == "Place" and "District" in n.classes),
        key=lambda n: len(net.facts.get(n.iri, []))).label
    print(f"graph {graph_file.name}: {len(graph)} triples, {len(net.nodes)} entities, "
          f"{len(net.edges)} relations; load {load:.2f} s, read {read:.2f} s")
    print(f"{'page':<48} {'nodes':>6} {'edges':>6} {'layout':>9} {'write s':>8} {'cli s':>6} "
          f"{'ready s (runs)':>22} {'search s':>9} {'requests':>8}")
    pages = [(f"--focus {focus} --hops {args.hops} --max-nodes {args.max_nodes}",
              Selection(focus=(focus,), hops=args.hops, max_nodes=args.max_nodes)),
             (f"--max-nodes {args.max_nodes}", Selection(max_nodes=args.max_nodes))]
    for name, sel in pages:
        out = work / f"kg-bench-viz-{abs(hash(name))}.html"
        counts, write = timed(write_html, net, out, selection=sel)
        cli_args = [sys.executable, "-m", "kg", "viz", str(graph_file), "--out", str(out)]
        cli_args += name.split()
        _, cli = timed(subprocess.run, cli_args, check=True, capture_output=True)
        readies, search, requests = page_ready(out, args.runs, focus)
        runs = " ".join(f"{r:.2f}" for r in readies)
        print(f"{name:<48} {counts['nodes']:>6} {counts['edges']:>6} {counts['layout']:>9} "
              f"{write:>8.2f} {cli:>6.1f} {statistics.median(readies):>6.2f} ({runs}) "
              f"{search:>9.3f} {requests:>8}")


if __name__ == "__main__":
    main()
