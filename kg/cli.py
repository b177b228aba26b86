"""The ``kg`` command line: a thin layer that checks arguments and calls the library.

Every library error becomes one line on stderr and an exit status: 2 for bad input, 1 for
other failures (violations found by ``kg validate`` included).
"""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import click

from .errors import InputError, KgError


def _fail(exc: KgError) -> None:
    click.echo(f"kg: error: {exc}", err=True)
    sys.exit(exc.exit_code)


class _Group(click.Group):
    """Turns an unexpected exception into one line (set KG_DEBUG=1 for the traceback)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KgError as exc:
            _fail(exc)
        except OSError as exc:  # a file the user named could not be written or read
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"kg: error: {where}{exc.strerror or exc}", err=True)
            sys.exit(2)
        except Exception as exc:  # a bug: say so in one line, keep the traceback on demand
            if os.environ.get("KG_DEBUG"):
                raise
            click.echo(f"kg: internal error: {type(exc).__name__}: {exc} "
                       "(set KG_DEBUG=1 to see the traceback)", err=True)
            sys.exit(1)


# A timeout of 0 would make the socket non-blocking and a negative one fail inside urllib:
# both are usage errors (status 2), said by click before any request.
_SECONDS = click.FloatRange(min=0, min_open=True)


def _terminated(signum: int, _frame) -> None:
    raise SystemExit(128 + signum)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg-news", prog_name="kg")
def main() -> None:
    """Build a knowledge graph from Chinese news articles, then query and check it.

    \b
    kg build data/ --out out          # articles -> out/graph.ttl, graph.trig, graph.html
    kg query queries/partners.rq      # ask the built graph a question
    kg validate out/graph.ttl         # check it against the SHACL shapes
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(path_type=Path),
              help="Folder for graph.ttl, graph.trig, graph.html and report.json "
                   "(created if missing; earlier outputs are replaced only when the build succeeds).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes that extract files and format the outputs "
                   "[default: one per core].")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder of cached extraction results, one file per input file, "
                                 "so a rebuild extracts only new and changed files "
                                 "[default: OUT/.cache, where entries of files no longer built "
                                 "are removed].")
@click.option("--no-cache", is_flag=True,
              help="Extract every file again; read and keep no cached results.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local",
              show_default=True,
              help="local: worker processes on this machine; dask: a Dask cluster (needs "
                   "pip install 'kg-news[dask]').")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="With --executor dask: the scheduler, e.g. tcp://10.0.0.5:8786 "
                   "[default: a local cluster of --jobs processes].")
@click.option("--no-html", is_flag=True, help="Skip the HTML network view.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or messages on stderr.")
def build(inputs: tuple[str, ...], out_dir: Path, jobs: int | None, cache_dir: Path | None,
          no_cache: bool, executor: str, scheduler: str | None, no_html: bool,
          quiet: bool) -> None:
    """Read INPUTS (files, folders or glob patterns of .txt/.html pages) and write the graph.

    Each page is split into its articles; places, organisations, people, projects and events
    become entities, and the relations and figures the text states become triples, each with
    the sentence it came from. A path that names no page, or a file that cannot be read, is
    skipped and named in the summary and in report.json; the build fails (status 2) only when
    nothing is left to build. The same files give the same graph.ttl bytes whatever --jobs,
    the executor and the order of INPUTS.

    \b
    Example:
      kg build data/ --out out
      kg build 'archive/2024-*/*.txt' --out big --jobs 8
      kg build archive/ --out big --executor dask --scheduler tcp://10.0.0.5:8786
    """
    from .pipeline import build as run_build

    if scheduler and executor != "dask":
        _fail(InputError("--scheduler needs --executor dask"))
    if no_cache and cache_dir is not None:
        _fail(InputError("--cache and --no-cache exclude each other"))

    # SIGTERM (kill, a scheduler's timeout) ends the build like Ctrl-C: the staged outputs are
    # removed and earlier outputs stay (workers go back to the default, see ignore_interrupts)
    signal.signal(signal.SIGTERM, _terminated)
    with _FileBar(enabled=not quiet) as bar:
        try:
            report = run_build(list(inputs), out_dir, progress=bar.message if not quiet else None,
                               html=not no_html, jobs=jobs, cache_dir=cache_dir,
                               use_cache=not no_cache, executor=executor, scheduler=scheduler,
                               on_file=bar.update)
        except KgError as exc:
            bar.stop()
            _fail(exc)
    if not quiet:
        files = report["files"]
        click.echo(f"kg: {len(report['articles'])} articles from {files['read']} "
                   f"file{'s' if files['read'] != 1 else ''} "
                   f"({files['extracted']} extracted, {files['cached']} cached), "
                   f"{len(files['skipped'])} skipped, {len(files['failed'])} failed; "
                   f"{report['entities']} entities, {report['facts']} facts, "
                   f"{report['triples']} triples -> {out_dir}/", err=True)


class _FileBar:
    """A rich progress bar on stderr over the files of a build (articles and articles/s);
    messages are printed above it. Disabled: does nothing."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.progress = None
        self.task = None

    def __enter__(self) -> "_FileBar":
        if self.enabled:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeElapsedColumn)

            console = Console(stderr=True)
            self.progress = Progress(
                TextColumn("kg: files"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[articles]} articles, {task.fields[rate]} articles/s"),
                TimeElapsedColumn(), console=console, transient=True,
                disable=not console.is_terminal)
            self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None

    def message(self, text: str) -> None:
        if self.progress is not None:
            self.progress.console.print(f"kg: {text}", markup=False, highlight=False,
                                        soft_wrap=True)
        else:
            click.echo(f"kg: {text}", err=True)

    def update(self, files: int, total: int, articles: int) -> None:
        if self.progress is None:
            return
        if self.task is None:
            self.task = self.progress.add_task("files", total=total, articles=0, rate="-")
        elapsed = self.progress.tasks[0].elapsed or 0
        rate = f"{articles / elapsed:.0f}" if elapsed > 0 else "-"
        self.progress.update(self.task, completed=files, articles=articles, rate=rate)


@main.command()
@click.argument("query_file", type=click.Path(path_type=Path))
@click.option("--data", type=click.Path(path_type=Path), default=Path("out/graph.ttl"),
              show_default=True, help="The graph to query (.ttl, .trig, .nt, .nq, .jsonld).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]),
              default="table", show_default=True,
              help="table for reading; csv, tsv and json are the W3C SPARQL results formats "
                   "(CONSTRUCT gives Turtle, or N-Triples for csv/tsv).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query variable: keep the rows where it has this value, e.g. "
                   "--param district=屯留区 (a name, for a variable that stands for an entity: "
                   "the entities of that label or other name, in simplified or traditional "
                   "characters; a name no entity has is an error that lists near names) or "
                   "--param district=id:place/山西省/长治市/屯留区 (prefixed names and <IRIs> "
                   "are IRIs). Other bare text matches that text, plain or as a label (@zh), "
                   "and a number or date (5031400, 2024-07) also that typed value; "
                   "'\"屯留区\"', '\"屯留区\"@zh' and '\"8000000\"^^xsd:decimal' are "
                   "exactly those literals. Repeat it for several values (rows of any). A "
                   "variable the query does not have or that not every row binds (inside an "
                   "OPTIONAL), or an unknown prefix, is an error.")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), default=None,
              metavar="DIR",
              help="Keep the graph in an on-disk Oxigraph store in DIR, so a big graph is not "
                   "parsed again for every query: with --data FILE, DIR is first loaded from "
                   "FILE (rebuilt when FILE changed, skipped when it did not); without --data, "
                   "the store already in DIR is queried. Without --store, --data is loaded into "
                   "an in-memory Oxigraph store for this one query.")
@click.option("--endpoint", metavar="URL", default=None,
              help="Ask this SPARQL server (its query URL, e.g. http://127.0.0.1:7878/query) "
                   "instead of --data; parameters are sent as a VALUES block, long queries by "
                   "POST. Credentials as for kg push.")
@click.option("--graph", "graphs", multiple=True, metavar="IRI",
              help="With --endpoint: query this named graph as the default graph "
                   "(default-graph-uri). Repeatable.")
@click.option("--timeout", type=_SECONDS, default=60.0, show_default=True,
              help="With --endpoint: seconds to wait; 4 tries on 5xx and network errors.")
def query(query_file: Path, data: Path, fmt: str, params: tuple[str, ...],
          endpoint: str | None, graphs: tuple[str, ...], timeout: float,
          store: Path | None) -> None:
    """Run the SPARQL query in QUERY_FILE (SELECT, ASK or CONSTRUCT) on the built graph, or
    on a SPARQL server with --endpoint (same output; exit status 3 if it cannot be reached).

    \b
    Example:
      kg query queries/partners.rq --data out/graph.ttl --format table
      kg query queries/partners.rq --endpoint http://127.0.0.1:7878/query
      kg query queries/evidence.rq --store big.store --data big.nt   # load once ...
      kg query queries/partners.rq --store big.store                 # ... then query it
    """
    from .query import run_query

    default_data = click.get_current_context().get_parameter_source(
        "data") is click.core.ParameterSource.DEFAULT
    bindings: dict[str, list[str]] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            _fail(InputError(f"--param wants NAME=VALUE, got {item!r}"))
        bindings.setdefault(name.lstrip("?$"), []).append(value)
    if graphs and not endpoint:
        _fail(InputError("--graph needs --endpoint"))
    if store is not None and endpoint:
        _fail(InputError("--store and --endpoint exclude each other"))
    try:
        if endpoint:
            from .remote import run_remote_query
            click.echo(run_remote_query(query_file, endpoint, fmt, bindings, graphs, timeout),
                       nl=False)
        else:
            if store is not None and default_data:
                data = None  # no --data: query the store as it is
            click.echo(run_query(query_file, data, fmt, bindings, store=store,
                                 note=lambda line: click.echo(f"kg: {line}", err=True)),
                       nl=False)
    except KgError as exc:
        if (default_data and data is not None and not os.path.lexists(data)
                and str(exc) == f"{data}: no such file"):  # run where no build wrote out/
            exc = InputError(f"{exc} (build it first with kg build INPUTS --out "
                             f"{data.parent}, or give --data FILE)")
        _fail(exc)


@main.command("push")
@click.argument("rdf_file", type=click.Path(path_type=Path))
@click.option("--endpoint", required=True, metavar="URL",
              help="The server's SPARQL query URL, e.g. http://127.0.0.1:7878/query.")
@click.option("--update-endpoint", metavar="URL", help="Its SPARQL Update URL (rules below).")
@click.option("--store-endpoint", metavar="URL",
              help="Its Graph Store HTTP Protocol URL (rules below).")
@click.option("--graph", metavar="IRI",
              help="Push every triple (the union of a .trig/.nq) into this named graph.")
@click.option("--replace", is_flag=True, help="Clear each target graph first.")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Triples per request [default: 10000 by Graph Store, 1000 by Update].")
@click.option("--timeout", type=_SECONDS, default=60.0, show_default=True,
              help="Seconds to wait for each answer.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def push_(rdf_file: Path, endpoint: str, update_endpoint: str | None,
          store_endpoint: str | None, graph: str | None, replace: bool,
          batch_size: int | None, timeout: float, quiet: bool) -> None:
    """Load RDF_FILE into a SPARQL 1.1 server, then check the triple count of every graph.

    A .trig or .nq file keeps its named graphs (graph.trig: one per article); .ttl and .nt
    go to the default graph, or to --graph. Sent in batches by the Graph Store HTTP Protocol
    where the server offers it, else by SPARQL Update. For the shipped queries, push the union
    too (graph.ttl, with --graph G) and ask it with kg query --endpoint URL --graph G: the
    same rows as on the laptop.

    \b
    Endpoints, by the shape of --endpoint unless given:
      Oxigraph  .../query           -> .../update, .../store
      Fuseki    .../DATASET/query   -> .../DATASET/update, .../DATASET/data
                (or .../DATASET/sparql)
      Virtuoso  .../sparql          -> .../sparql-auth, .../sparql-graph-crud-auth
                (without credentials: .../sparql, .../sparql-graph-crud;
                Virtuoso has no default graph to write to: use --graph)
      other     updates to the same URL, no Graph Store
    \b
    Credentials: KG_SPARQL_USER and KG_SPARQL_PASSWORD, else ~/.netrc, never on
    the command line; Basic auth, Digest for Virtuoso (KG_SPARQL_AUTH=basic|digest).
    4 tries, 0.5/1/2 s apart, on 5xx answers and network errors.
    Exit status: 1 refused or counts differ, 2 bad input, 3 server unreachable.
    \b
    Example:
      kg push out/graph.trig --endpoint http://127.0.0.1:7878/query --replace
      kg push out/graph.ttl --endpoint http://localhost:8890/sparql --graph urn:kg:all
    """
    from .push import push_command

    try:
        summary = push_command(rdf_file, endpoint, update_endpoint, store_endpoint, graph,
                               replace, batch_size, timeout, quiet,
                               note=lambda m: click.echo(f"kg: {m}", err=True))
    except KgError as exc:
        _fail(exc)
    if not quiet:
        click.echo(summary, err=True)


@main.command()
@click.argument("source", required=False, default=Path("out"), type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True,
              help="Port to listen on; only 127.0.0.1 (this machine) is bound.")
def serve(source: Path, port: int) -> None:
    """Serve a built graph as a local SPARQL 1.1 endpoint (Oxigraph) until Ctrl-C.

    SOURCE is a build folder or a graph file (.ttl, .trig, .nt, .nq, .jsonld) [default: out].
    A folder's graph.trig is served with its named graphs (one per article); queries without
    GRAPH see their union, as in graph.ttl. The graph is loaded into a new store in a temporary
    folder, removed on exit.

    \b
    SPARQL query:   http://127.0.0.1:PORT/query
    SPARQL update:  http://127.0.0.1:PORT/update
    Graph Store:    http://127.0.0.1:PORT/store
    Example:
      kg serve out --port 7878
      kg query queries/partners.rq --endpoint http://127.0.0.1:7878/query
    """
    from .server import serve as run_serve

    try:
        run_serve(source, port, progress=lambda text: click.echo(f"kg: {text}", err=True),
                  ready=lambda url: click.echo(f"SPARQL endpoint: {url}"))
    except KgError as exc:
        _fail(exc)


@main.command()
@click.argument("graph_file", type=click.Path(path_type=Path))
@click.option("--shapes", type=click.Path(path_type=Path), default=None,
              help="SHACL shapes file [default: the shipped ontology/shapes.ttl, whatever "
                   "the current folder].")
def validate(graph_file: Path, shapes: Path | None) -> None:
    """Check GRAPH_FILE against the SHACL shapes; exit status 1 on violations.

    \b
    Example:
      kg validate out/graph.ttl
    """
    from .validate import validate as run_validate

    try:
        result = run_validate(graph_file, shapes)
    except KgError as exc:
        _fail(exc)
    click.echo(result.text, nl=False)
    sys.exit(0 if result.conforms else 1)


@main.command("eval")
@click.argument("graph_file", type=click.Path(path_type=Path))
@click.option("--gold", "gold_dirs", multiple=True, required=True, type=click.Path(path_type=Path),
              help="A folder of annotations: entities.tsv, relations.tsv, attributes.tsv and "
                   "ignore.txt (format in the README, section 'Measuring it on your own articles'). Repeatable.")
@click.option("--json", "json_file", type=click.Path(path_type=Path), default=None,
              help="Also write the full result (per class, per predicate, error lists) as JSON.")
@click.option("--show-errors", is_flag=True, help="List missed, spurious and duplicate items.")
@click.option("--min-entity-f1", type=click.FloatRange(0, 1), default=None,
              help="Exit 1 below this entity F1 (0 to 1).")
@click.option("--min-relation-f1", type=click.FloatRange(0, 1), default=None,
              help="Exit 1 below this relation F1 (0 to 1).")
@click.option("--min-attribute-f1", type=click.FloatRange(0, 1), default=None,
              help="Exit 1 below this attribute F1 (0 to 1).")
def eval_(graph_file: Path, gold_dirs: tuple[Path, ...], json_file: Path | None,
          show_errors: bool, min_entity_f1: float | None, min_relation_f1: float | None,
          min_attribute_f1: float | None) -> None:
    """Measure a built graph against hand annotations: precision, recall and F1 of entities,
    relations and attributes, per class and per predicate.

    \b
    Example:
      kg eval --gold my-annotations/ out/graph.ttl --show-errors
    """
    import json

    from .evaluate import evaluate, format_report

    ev = evaluate(graph_file, list(gold_dirs))
    click.echo(format_report(ev, show_errors), nl=False)
    if json_file:
        json_file.write_text(json.dumps(ev.to_json(), ensure_ascii=False, indent=2),
                             encoding="utf-8")
    result = ev.to_json()
    failed = [(name, result[key]["f1"], want) for name, key, want in (
        ("entity F1", "entities", min_entity_f1), ("relation F1", "relations", min_relation_f1),
        ("attribute F1", "attributes", min_attribute_f1)) if want is not None]
    failed = [(n, got, want) for n, got, want in failed if got < want]
    for name, got, want in failed:
        click.echo(f"FAIL {name} {got:.3f} < {want:.3f}")
    sys.exit(1 if failed else 0)


def _names(values: tuple[str, ...]) -> tuple[str, ...]:
    """Repeatable, comma-separated option values as one tuple: ("a,b", "c") -> (a, b, c)."""
    return tuple(x.strip() for v in values for x in v.replace("，", ",").split(",") if x.strip())


@main.command()
@click.argument("graph_file", type=click.Path(path_type=Path))
@click.option("--out", "out_file", type=click.Path(path_type=Path), default=Path("graph.html"),
              show_default=True, help="The HTML file to write (replaced only when complete).")
@click.option("--focus", multiple=True, metavar="NAME",
              help="Show the entity with this name (any of its labels: 屯留, 屯留区 ...) and "
                   "its neighbourhood. Repeatable.")
@click.option("--hops", type=int, default=2, show_default=True,
              help="With --focus: how many relations away from it to go.")
@click.option("--classes", multiple=True, metavar="C1,C2",
              help="Only entities of these classes, fine or coarse (District, Place, Person ...).")
@click.option("--predicates", multiple=True, metavar="P1,P2",
              help="Only these relations (partnerOf, 合作伙伴, trained at ...), and the entities "
                   "on them.")
@click.option("--max-nodes", type=int, default=None,
              help="At most this many entities: the nearest to --focus, else the most "
                   "connected [default: 1000].")  # = kg.viz.DEFAULT_MAX_NODES (a test checks)
@click.option("--size-by", type=click.Choice(["degree", "betweenness"]), default="degree",
              show_default=True, help="What node size shows.")
def viz(graph_file: Path, out_file: Path, focus: tuple[str, ...], hops: int,
        classes: tuple[str, ...], predicates: tuple[str, ...], max_nodes: int | None,
        size_by: str) -> None:
    """Write the HTML network of a built graph: one file that works offline, with a legend,
    search, filters by class, relation and article, and a panel with the evidence sentence
    of every fact.

    Big graphs: the options select a readable part (the page says what it left out); above
    200 entities the layout is computed here (networkx) and the page's physics stays off.

    \b
    Example:
      kg viz out/graph.ttl --out network.html
      kg viz big.nt --focus 屯留区 --hops 2 --max-nodes 500 --out tunliu.html
      kg viz out/graph.ttl --classes Place,Organization --predicates partnerOf,visited
    """
    from .network import Selection
    from .store import open_graph
    from .viz import DEFAULT_MAX_NODES, write_html

    if not focus and click.get_current_context().get_parameter_source(
            "hops") is not click.core.ParameterSource.DEFAULT:
        _fail(InputError("--hops needs --focus"))  # else it would be silently ignored
    selection = Selection(focus=_names(focus), hops=hops, classes=_names(classes),
                          predicates=_names(predicates),
                          max_nodes=DEFAULT_MAX_NODES if max_nodes is None else max_nodes)
    try:
        if out_file.suffix.lower() not in (".html", ".htm"):
            raise InputError(f"--out {out_file}: name an .html file (the page is HTML)")
        if graph_file.exists() and out_file.exists() and out_file.samefile(graph_file):
            raise InputError(f"--out {out_file}: is the input graph; name another file")
        shown = write_html(open_graph(graph_file), out_file, selection=selection,
                           size_by=size_by)
    except KgError as exc:
        _fail(exc)
    for note in shown["notes"]:
        click.echo(f"kg: {note}", err=True)
    click.echo(f"kg: wrote {out_file} ({shown['nodes']} of {shown['entities']} entities, "
               f"{shown['edges']} of {shown['relations']} relations, layout by "
               f"{shown['layout']})", err=True)
    if not shown["nodes"]:  # a graph without entities (a selection that leaves none fails)
        click.echo("kg: warning: the page shows no entity", err=True)


@main.command()
@click.argument("graph_file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many entities and communities to list.")
def stats(graph_file: Path, as_json: bool, top: int) -> None:
    """Network figures of a built graph (networkx): entities per class, relations per
    predicate, the most connected and most central entities (degree, betweenness; sampled on
    big graphs), connected components and communities (Louvain, fixed seed).

    \b
    Example:
      kg stats out/graph.ttl
      kg stats out/graph.ttl --json > stats.json
    """
    import json

    from .stats import format_stats, graph_stats
    from .store import open_graph

    try:
        figures = graph_stats(open_graph(graph_file), top)
    except KgError as exc:
        _fail(exc)
    click.echo(json.dumps(figures, ensure_ascii=False, indent=2) if as_json
               else format_stats(figures), nl=as_json)


if __name__ == "__main__":  # pragma: no cover
    main()
