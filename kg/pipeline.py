"""The whole build: ingest -> mentions -> entities -> relations -> graph -> outputs.

Three pure steps, so a corpus can be read in parallel, in any order, and on any engine:

* ``extract_article(article, context)``: one article in, its mentions and facts out;
* ``extract_file(name, data, prefix)``: one page file's bytes in, a compact, picklable
  :class:`FileResult` out (only what the merge and the graph need); :mod:`kg.corpus` runs it
  over many files, in processes or on a Dask cluster, and caches its results;
* the merge (:func:`kg.entities.merge_stats`, :func:`kg.entities.resolve_facts`): entities
  joined across the build whatever order the files came in.

``build(inputs, out_dir)`` runs them and streams the outputs (:class:`kg.graph.GraphWriter`).
Every output is first written beside its target and only renamed into place once all of them
are complete, so a failed run leaves earlier outputs as they were.
"""
from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import __version__, entities, graph as rdf, ingest, mentions, relations
from .errors import InputError, KgError
from .files import atomic_file
from .model import Article, ArticleResult, Fact

OUTPUTS = ("graph.ttl", "graph.trig", "graph.html", "report.json")
SHACL_LIMIT = 5_000  # triples: a bigger graph is SHACL-checked on a sample of this size
HTML_LIMIT = 50_000  # triples: a bigger graph is not drawn (graph.html)


def extract_article(article: Article, context: mentions.PageContext | None = None) -> ArticleResult:
    """Mentions and facts of one article. ``context`` is its page's place context (see
    :func:`kg.mentions.page_context`); without it the article is read alone."""
    found = entities.link_article(mentions.find_mentions(article, context))
    return ArticleResult(article, found, relations.extract(article, found))


def extract_all(articles: list[Article], progress: Callable[[str], None] | None = None
                ) -> list[ArticleResult]:
    """:func:`extract_article` over articles, each page's articles sharing one context. The
    cycle collector is paused meanwhile (:func:`collections_paused`): extraction makes no
    garbage cycles, only results that stay, which its collections would traverse again and
    again (a tenth of the time over 2 MB of articles)."""
    pages: dict[str, list[Article]] = defaultdict(list)
    for art in articles:
        pages[art.source].append(art)
    results = []
    with collections_paused():
        for source, arts in pages.items():
            ctx = mentions.page_context([a.text for a in arts])
            for art in arts:
                results.append(extract_article(art, ctx))
            if progress:
                progress(f"read {source}: {len(arts)} articles")
    return results


@dataclass(frozen=True)
class ArticleRecord:
    """What the graph needs of one article after extraction: the article (without its
    pre-conversion text and parsed bylines), the entity keys its mentions name (sorted), its
    facts (keys not yet merged) and its number of mentions."""

    article: Article
    keys: tuple[str, ...]
    facts: tuple[Fact, ...]
    mentions: int


@dataclass(frozen=True)
class FileResult:
    """Everything kept of one page file: its articles' records in page order, the
    :class:`~kg.entities.KeyStats` of every key its mentions name, and its date facts as
    (subject key, predicate, ISO date). ``seconds`` is (ingest, extraction) time;
    ``warnings`` what was read anyway but is worth saying (see :func:`kg.ingest.read_page`),
    one line each."""

    name: str
    articles: tuple[ArticleRecord, ...]
    stats: dict[str, entities.KeyStats]
    dates: tuple[tuple[str, str, str], ...]
    seconds: tuple[float, float] = (0.0, 0.0)
    warnings: tuple[str, ...] = ()


def extract_file(name: str, data: bytes, prefix: str | None = None) -> FileResult:
    """The per-file pure function: the articles of one page file's bytes (see
    :func:`kg.ingest.read_page`; ``name`` is its path, ``prefix`` the article id prefix, by
    default the file's stem), each extracted with the page's shared context.

    Raises :class:`~kg.errors.InputError` naming ``name`` when the data holds no article.
    """
    t0 = time.perf_counter()
    warnings: list[str] = []
    articles = ingest.read_page(data, name, prefix, warnings)
    t1 = time.perf_counter()
    stats: dict[str, entities.KeyStats] = {}
    records = []
    dates = []
    for r in extract_all(articles):
        entities.add_stats(stats, entities.key_stats(r.mentions))
        dates += entities.date_facts(r.facts)
        art = dataclasses.replace(r.article, original=None, bylines=())
        records.append(ArticleRecord(art, tuple(sorted({m.key for m in r.mentions})),
                                     tuple(r.facts), len(r.mentions)))
    return FileResult(name, tuple(records), stats, tuple(dates),
                      (round(t1 - t0, 4), round(time.perf_counter() - t1, 4)), tuple(warnings))


def warm_up() -> None:
    """Load the gazetteer, the lexicons and jieba's dictionary now (about 1.6 s), so worker
    processes forked afterwards share them instead of each loading its own. The cycle
    collector is paused meanwhile: what is loaded stays, and its full collections over the
    growing tables cost a third of the load."""
    with collections_paused():
        mentions.load_resources()  # the sentence below need not reach jieba
        extract_all(ingest.split_page("屯留区与北京市东城区签署合作协议。\n", "warm-up.txt"))


@contextmanager
def collections_paused() -> Iterator[None]:
    """Automatic cycle collection off for the block (as it was after). For stretches that
    make no garbage cycles but many objects that stay (loading tables, receiving results,
    the merge, writing the graph): there the collector's full collections would only traverse
    the growing heap again and again, seconds in all at 10 MB."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        yield
        self.seconds[name] = round(time.perf_counter() - t0, 3)


def build(inputs: list[str | Path], out_dir: str | Path,
          progress: Callable[[str], None] | None = None, html: bool = True,
          jobs: int | None = None, cache_dir: str | Path | None = None, use_cache: bool = True,
          executor: str = "local", scheduler: str | None = None,
          on_file: Callable[[int, int, int], None] | None = None) -> dict:
    """Build the graph of ``inputs`` (files, folders or glob patterns of .txt/.html pages)
    into ``out_dir``: graph.ttl, graph.trig, graph.html and report.json. Returns the report.

    Files are extracted by ``jobs`` processes (default: one per core) or on a Dask cluster
    (``executor="dask"``, ``scheduler`` its address; see :func:`kg.corpus.extract`); results
    are cached in ``cache_dir`` (default ``out_dir/.cache``; ``use_cache=False``: none read or
    kept), so a rebuild extracts only new and changed files (and those whose entries are
    broken: an entry whose records are found broken only when the graph is written is extracted
    again then, and counted as extracted in the report). An input that names no page, or
    a file that cannot be read or holds no article, is skipped and listed in the report
    (``files``); the others are built; a file read with a warning (bytes replaced in decoding)
    is built, and listed there too. kg's own outputs and working files in ``out_dir``
    (its graph.html, the caches ``out_dir/.cache`` and ``cache_dir``, staging folders
    ``.kg-build-*``) are never read, but other pages there are: ``out_dir`` may be the input
    folder, and a rebuild there gives the same graph. ``on_file(files done, files in all,
    articles so far)`` is called as each file is done. Up to :data:`SHACL_LIMIT` triples the graph is validated
    whole, above on a sample (the first articles' graphs up to that size, with the entities
    their facts name); up to :data:`HTML_LIMIT` triples it is drawn (graph.html), above not;
    the report says which. The report's ``jobs`` is the number of processes that extracted
    (``jobs``, or the Dask cluster's workers when the extraction started).

    Raises :class:`~kg.errors.InputError` when nothing can be built (nothing is written then)
    and :class:`~kg.errors.KgError` when the output or cache folder cannot be written or the
    Dask cluster cannot be used.
    """
    from . import corpus

    say = progress or (lambda _msg: None)
    timer = _Timer()
    out = Path(out_dir)
    if not str(out_dir).strip():
        raise InputError("--out is empty: name a folder for the outputs")
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder")
    writable = out if out.exists() else next((p for p in out.parents if p.exists()), Path("."))
    if not writable.is_dir():
        raise InputError(f"{out}: {writable} is not a folder")
    if not os.access(writable, os.W_OK):
        raise InputError(f"{writable}: cannot write there")
    if executor not in ("local", "dask"):
        raise InputError(f"unknown executor {executor!r}: local or dask")
    jobs = jobs or os.cpu_count() or 1
    found = ingest.find_inputs(list(inputs))
    # never read our own outputs and working files back (the pages beside them are read:
    # --out may be the input folder itself)
    mine = [f for f in found.files if _is_own(f, out, cache_dir)]
    found = found._replace(files=[f for f in found.files if f not in mine])
    earlier = [f for f in found.files if _is_output(f)]  # nor another build's page
    found = found._replace(files=[f for f in found.files if f not in earlier],
                           skipped=found.skipped + [(str(f), "the page of an earlier kg build")
                                                    for f in earlier])
    if not found.files:
        raise InputError(_nothing_to_build(found.skipped, [], own=len(mine), out=out))
    temporary = None if use_cache else tempfile.mkdtemp(prefix="kg-results-")
    folder = Path(temporary or cache_dir or out / ".cache")
    try:
        cache = corpus.Cache(folder)
        done = [0, 0]
        stats: dict = {}  # every key's KeyStats, folded in as files arrive

        def tick(outcome) -> None:
            done[0] += 1
            if isinstance(outcome, corpus.Summary):
                done[1] += len(outcome.rows)
                entities.add_stats(stats, outcome.stats)
                outcome.stats = {}
            if on_file:
                on_file(done[0], len(found.files), done[1])

        with timer.stage("extract"):
            outcomes, workers = corpus.extract(found.files, cache, jobs, executor, scheduler,
                                               tick)
        # The summaries and statistics live until the build ends: freeze them (and the rest of
        # the heap) out of the cycle collector, so its full collections in the stages below do
        # not traverse them again and again.
        gc.freeze()
        summaries = [o for o in outcomes if isinstance(o, corpus.Summary)]
        failures = [o for o in outcomes if isinstance(o, corpus.Failure)]
        for path, reason in found.skipped:
            say(f"skipped {_shown(path)}: {reason}")
        for failure in failures:
            say(f"failed {_shown(failure.path)}: {failure.reason}")
        warned = [(s.path, w) for s in summaries for w in s.warnings]
        for path, warning in warned:
            say(f"warning {_shown(path)}: {warning}")
        if not summaries:  # each skipped and failed input was said above (if anywhere)
            raise InputError(_nothing_to_build(found.skipped, failures,
                                               said=progress is not None))
        # The files were extracted with their stems as id prefixes; the final prefixes are
        # decided among the files that yield articles, so a file that fails changes no id.
        prefixes = ingest.article_prefixes([s.path for s in summaries])
        sources = ingest.article_sources([s.path for s in summaries])
        extracted = [s for s in summaries if not s.cached]
        timer.seconds["ingest"] = round(sum(s.seconds[0] for s in extracted), 3)
        timer.seconds["mentions+relations"] = round(sum(s.seconds[1] for s in extracted), 3)
        rows = [dict(row, id=ingest.with_prefix(row["id"], prefixes[s.path]),
                     source=sources[s.path])
                for s in summaries for row in s.rows]
        say(f"ingest: {len(rows)} articles from {len(summaries)} "
            f"file{'s' if len(summaries) != 1 else ''} "
            f"({len(extracted)} extracted, {len(summaries) - len(extracted)} from the cache)")
        with timer.stage("entities"), collections_paused():
            merged = entities.merge_stats(stats)
            dates = entities.date_values((d for s in summaries for d in s.dates), merged)
        per_class = dict(sorted(Counter(e.cls for e in merged.entities.values()).items()))
        n_entities = len(merged.entities)
        say(f"entities: {n_entities}; writing graph.ttl and graph.trig")
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create output folder {out}: {exc.strerror}") from exc
        with _staging(out) as stage:
            with timer.stage("graph"), collections_paused():  # render workers inherit it
                names = {p: (prefixes[p], sources[p]) for p in prefixes}
                writer, sample, complete, checked, again = _write_graph(
                    stage, summaries, names, cache, merged, dates, jobs)
                # entries found broken only now (their records) were extracted again
                extracted += [s for s in summaries if s.cached and s.key in again]
            say(f"facts: {writer.facts}; triples: {writer.triples}")
            with timer.stage("validate"):  # with --jobs > 1 mostly done while writing
                shacl = _validate(writer, sample, complete, checked, cache.folder)
            say(_shacl_line(shacl))
            shown: dict = {}
            union = _union([g for g, _n, _refs in sample]) if complete else None
            if html and complete:
                with timer.stage("html"):
                    from .viz import write_html

                    shown = write_html(union, stage / "graph.html")
            elif html:
                shown = {"skipped": f"the graph has {writer.triples} triples, more than "
                                    f"{HTML_LIMIT} can be drawn in one page"}
                say(f"graph.html: not written ({shown['skipped']})")
            report = {
                "version": __version__,
                "inputs": [str(p) for p in inputs],
                "files": {
                    "read": len(summaries), "extracted": len(extracted),
                    "cached": len(summaries) - len(extracted),
                    "skipped": [{"path": _shown(p), "reason": r} for p, r in found.skipped],
                    "failed": [{"path": _shown(f.path), "reason": f.reason} for f in failures],
                    "warnings": [{"path": _shown(p), "warning": w} for p, w in warned],
                },
                "characters": sum(s.chars for s in summaries),
                "jobs": workers,
                "executor": executor,
                "cache": str(folder) if use_cache else None,
                "articles": rows,
                "mentions": sum(r["mentions"] for r in rows),
                "entities": n_entities,
                "entities_per_class": per_class,
                "facts": writer.facts,
                "triples": writer.triples,
                "triples_per_predicate": dict(sorted(writer.per_predicate.items())),
                "shacl": shacl,
                "html": shown,
                "stats": _stats(union, writer.triples, timer),
                "seconds": timer.seconds,
            }
            (stage / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2),
                                               encoding="utf-8")
        if use_cache and cache_dir is None:
            cache.prune({s.key for s in summaries})
    finally:
        gc.unfreeze()  # a program that goes on after the build gets its collector back whole
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)
    names = [n for n in OUTPUTS if n != "graph.html" or shown.get("nodes") is not None]
    say(f"wrote {', '.join(names)} to {out}")
    return report


def _stats(union, triples: int, timer: _Timer) -> dict:
    """``kg stats`` figures (:func:`kg.stats.graph_stats`) of a graph held whole in memory;
    for a graph too big to hold (``union`` is None) a note saying so."""
    if union is None:
        return {"skipped": f"the graph has {triples} triples; run kg stats on graph.ttl"}
    from .stats import graph_stats

    with timer.stage("stats"):
        return graph_stats(union)


def _shown(path: str | Path) -> str:
    """A path as messages and the report give it: relative to the working folder when inside
    it (as a user names inputs), else absolute; the same for skipped and failed files."""
    full = Path(path).absolute()
    try:
        return str(full.relative_to(Path.cwd()))
    except ValueError:
        return str(full)


def _is_output(path: Path) -> bool:
    """Whether ``path`` is the ``graph.html`` of a kg build (it has the build's graph.ttl and
    report.json beside it): a network page, not an article."""
    return path.name == "graph.html" and all(
        (path.parent / name).is_file() for name in ("graph.ttl", "report.json"))


def _is_own(path: Path, out: Path, cache_dir: str | Path | None) -> bool:
    """Whether the page file ``path`` (resolved) is one of kg's own outputs or working files
    for a build into ``out``: an output named in :data:`OUTPUTS` directly in ``out`` (its
    graph.html), or a file in a cache folder (``out/.cache``, the default, and ``cache_dir``
    when given) or in a staging folder (``out/.kg-build-*``, see :func:`_staging`). Other
    files in ``out``, such as pages when ``out`` is the input folder, are not."""
    folder = out.resolve()
    caches = [folder / ".cache"] + ([Path(cache_dir).resolve()] if cache_dir else [])
    if any(c == path or c in path.parents for c in caches):
        return True
    if folder not in path.parents:
        return False
    parts = path.relative_to(folder).parts
    return (len(parts) == 1 and parts[0] in OUTPUTS) or parts[0].startswith(".kg-build-")


def _nothing_to_build(skipped: list[tuple[str, str]], failures: list, own: int = 0,
                      out: Path | None = None, said: bool = False) -> str:
    """The message of a build that has nothing to build. When the skipped and failed inputs
    were ``said`` already (a line each, through the build's progress callback), only how many
    ("nothing to build: 1 file failed (see above)"); else the one input and its reason, or for
    several how many and the first. With none, that the inputs name only ``own`` of kg's own
    outputs in ``out``."""
    problems = [f"{_shown(p)}: {r}" for p, r in skipped] + \
        [f"{_shown(f.path)}: {f.reason}" for f in failures]
    if not problems:
        if own:
            return (f"nothing to build: the inputs name only kg's own outputs or working "
                    f"files in {out}")
        return "nothing to build: the inputs name no page file"
    counts = ", ".join(f"{n} {noun}{'s' if n != 1 else ''} {verb}" for n, noun, verb in (
        (len(skipped), "input", "skipped"), (len(failures), "file", "failed")) if n)
    if said:
        return f"nothing to build: {counts} (see above)"
    if len(problems) == 1:
        return problems[0]
    return f"nothing to build: {counts} (first: {problems[0]})"


def _write_graph(stage: Path, summaries: list, names: dict[Path, tuple[str, str]], cache,
                 merged: entities.Merged, dates: dict, jobs: int = 1
                 ) -> tuple[rdf.GraphWriter, list[tuple[bytes, int, set[str]]], bool,
                            tuple[bool, int, int, int] | None, set[str]]:
    """Stream graph.ttl and graph.trig into ``stage``, file by file from the cache, each
    file's articles given its article id prefix and source name in ``names`` (see
    :func:`kg.ingest.article_prefixes` and :func:`kg.ingest.article_sources`; the entities of ``merged`` are
    consumed: the writer's descriptions replace them). With
    ``jobs`` > 1 and fork, worker processes forked now (sharing the merge) render the files'
    articles (:func:`kg.graph.render_article`) and this process only writes them, in order;
    the first task of the pool makes and checks the SHACL sample (:func:`_check_first`), so
    the check is done while the graph is written. Returns the writer (it has the counts),
    the first articles' TriG graphs up to :data:`HTML_LIMIT` triples (UTF-8, triples, keys of
    the entities their facts name), whether those are all the articles, what
    :func:`_check_first` found (else None), and the keys of the entries found broken (their
    records), whose files were extracted again (:func:`kg.corpus.load_records`)."""
    global _rendering
    sample: list[tuple[bytes, int, set[str]]] = []
    size, complete = 0, True
    checked = None
    again: set[str] = set()
    with open(stage / "graph.ttl", "wb") as ttl, open(stage / "graph.trig", "wb") as trig:
        writer = rdf.GraphWriter(ttl, trig, merged.entities)
        # from here on the writer's descriptions stand for the entities (half the memory)
        merged.entities.clear()
        _rendering = (cache, entities.Merged(writer.descriptions, merged.mapping), dates)
        keys = [(s.key, *names[s.path], s.path) for s in summaries]
        try:
            with _renderers(jobs, len(keys)) as pool:
                checking = pool.apply_async(_check_first, (keys,)) if pool else None
                parts = pool.imap(_render_file, keys, chunksize=4) if pool else \
                    map(_render_file, keys)
                for key, (fresh, file_parts) in zip(keys, parts):
                    if fresh:
                        again.add(key[0])
                    for rendered, named in file_parts:
                        graph, n = writer.emit(rendered)
                        if complete and size + n <= HTML_LIMIT:
                            sample.append((graph, n, named))
                            size += n
                        else:
                            complete = False
                if checking is not None:
                    checked, fresh_keys = checking.get()
                    again |= fresh_keys
        finally:
            _rendering = None
    return writer, sample, complete, checked, again


_rendering: tuple | None = None  # (cache, merged, dates) of the file being written


@contextmanager
def _renderers(jobs: int, files: int) -> Iterator:
    """A pool of ``jobs`` processes forked from this one, or None (one job, one file, or no
    fork on this system)."""
    import multiprocessing

    if jobs < 2 or files < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    from .corpus import ignore_interrupts

    with multiprocessing.get_context("fork").Pool(jobs, initializer=ignore_interrupts) as pool:
        yield pool


def _render_file(entry: tuple[str, str, str, Path]
                 ) -> tuple[bool, list[tuple[rdf.Rendered, set[str]]]]:
    """The articles of one cached file (``entry``: its cache key, article id prefix, source
    name and path), merged and rendered, each with the keys of the entities its facts name,
    and whether the file was extracted again: an entry found broken now is
    (:func:`kg.corpus.load_records`)."""
    from .corpus import load_records

    assert _rendering is not None
    cache, merged, dates = _rendering
    key, prefix, source, path = entry
    out = []
    records, fresh = load_records(cache, key, path)
    for rec in records:
        article = dataclasses.replace(rec.article, source=source,
                                      id=ingest.with_prefix(rec.article.id, prefix))
        keys = [k for k in {merged.resolve(k) for k in rec.keys} if k in merged.entities]
        facts = entities.resolve_facts(rec.facts, merged, dates)
        named = {f.subject for f in facts} | {f.obj for f in facts if not f.literal}
        out.append((rdf.render_article(article.id, article, keys, facts), named))
    return fresh, out


def _union(graphs: list[bytes]):
    """The union of TriG graphs written by :class:`~kg.graph.GraphWriter` (UTF-8), as an
    rdflib graph."""
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(data=rdf.prefixes() + b"".join(graphs).decode("utf-8"), format="trig")
    return rdf.union_graph(ds)


def _validate(writer: rdf.GraphWriter, sample: list[tuple[bytes, int, set[str]]],
              complete: bool, checked: tuple[bool, int, int, int] | None = None,
              folder: Path | None = None) -> dict:
    """SHACL on the whole graph when it has at most :data:`SHACL_LIMIT` triples, else on the
    first articles' graphs up to that size, with the entities their facts name (an article's
    graph describes the entities it mentions; a fact may name one another article mentions).
    ``checked``: that sample's result when :func:`_check_first` checked it already;
    ``folder``: the cache folder, where :func:`_check` keeps its last verdict."""
    if complete and writer.triples <= SHACL_LIMIT:
        conforms, violations = _check(b"".join(g for g, _n, _refs in sample), folder=folder)[:2]
        return {"conforms": conforms, "violations": violations, "checked": "all"}
    text, graphs, size = _shacl_sample(sample, writer.describe)
    if checked is None or checked[2:] != (graphs, size):  # (the same sample, to be sure)
        checked = _check(text, graphs, size, folder)
    conforms, violations = checked[:2]
    return {"conforms": conforms, "violations": violations, "checked": "sample",
            "note": f"the graph has {writer.triples} triples: SHACL checked the graphs of the "
                    f"first {graphs} articles ({size} triples) and the entities they name"}


def _shacl_sample(sample: Iterable[tuple[bytes, int, set[str]]],
                  describe: Callable[[set[str]], bytes]) -> tuple[bytes, int, int]:
    """The part of the graph SHACL checks when it is too big to check whole: the first
    articles' graphs of ``sample`` (TriG, triples, keys of the entities their facts name; read
    only as far as needed) up to :data:`SHACL_LIMIT` triples, with ``describe(keys)`` of those
    entities, as TriG (UTF-8) without prefixes; and the number of those graphs and their
    triples."""
    graphs, named, size = [], set(), 0
    for graph, n, refs in sample:
        if size + n > SHACL_LIMIT:
            break
        graphs.append(graph)
        named |= refs
        size += n
    return b"".join(graphs) + describe(named), len(graphs), size


def _check(trig: bytes, graphs: int = 0, size: int = 0, folder: Path | None = None
           ) -> tuple[bool, int, int, int]:
    """SHACL on the union of the graphs of ``trig`` (TriG, UTF-8, without prefixes): whether it
    conforms, the number of violations, and ``graphs`` and ``size`` (what was checked).

    With ``folder`` (the build's cache folder) the verdict is kept there in
    :data:`SHACL_FILE` under a digest of ``trig``, the pipeline's version (code, ontology and
    shapes) and pyshacl's and rdflib's versions, and given again while they are the same:
    SHACL's verdict depends on nothing else, and a rebuild whose first articles did not change
    checks the same sample (1–2 s of pyshacl saved). A file that cannot be read or written
    is passed over."""
    from .validate import validate

    key = _shacl_key(trig) if folder is not None else None
    if key is not None:
        try:
            kept = json.loads((folder / SHACL_FILE).read_text(encoding="utf-8"))
            if kept["key"] == key:
                return bool(kept["conforms"]), int(kept["violations"]), graphs, size
        except (OSError, ValueError, KeyError, TypeError):
            pass  # none yet, another sample's, or unreadable: check
    result = validate(_union([trig]))
    if key is not None:
        try:
            with atomic_file(folder / SHACL_FILE) as out:
                json.dump({"key": key, "conforms": result.conforms,
                           "violations": result.violations}, out)
        except OSError:
            pass  # a cache that cannot be written: the verdict is in hand all the same
    return result.conforms, result.violations, graphs, size


SHACL_FILE = "shacl.json"  # in the cache folder: the last SHACL verdict (see _check)


def _shacl_key(trig: bytes) -> str:
    """A hex sha256 of what a SHACL verdict on ``trig`` depends on (see :func:`_check`)."""
    from importlib import metadata

    from .corpus import pipeline_version

    digest = hashlib.sha256(pipeline_version().encode("ascii"))
    for package in ("pyshacl", "rdflib"):
        digest.update(f"\0{package}={metadata.version(package)}\0".encode("ascii"))
    digest.update(trig)
    return digest.hexdigest()


def _check_first(keys: list[tuple[str, str, str, Path]]
                 ) -> tuple[tuple[bool, int, int, int], set[str]]:
    """In a render worker, the first task: the SHACL sample of :func:`_shacl_sample` made
    from the first files of ``keys`` (rendered here again: a few articles) and checked. The
    sample is the same: an article's TriG graph does not depend on the others
    (:func:`kg.graph.trig_graph`), and SHACL's first articles are within the HTML sample's.
    Also returns the keys of the entries found broken here, whose files were extracted again
    (the writing may then find them whole)."""
    assert _rendering is not None
    cache, merged, _dates = _rendering
    descriptions = merged.entities
    again: set[str] = set()

    def rendered(entry: tuple[str, str, str, Path]) -> list[tuple[rdf.Rendered, set[str]]]:
        fresh, parts = _render_file(entry)
        if fresh:
            again.add(entry[0])
        return parts
    sample = ((*rdf.trig_graph(article, descriptions), refs)
              for key in keys for article, refs in rendered(key))
    checked = _check(*_shacl_sample(sample, lambda named: rdf.describe(descriptions, named)),
                     folder=cache.folder)
    return checked, again


def _shacl_line(shacl: dict) -> str:
    verdict = "conforms" if shacl["conforms"] else f"{shacl['violations']} violations"
    return f"SHACL: {verdict}" + ("" if shacl["checked"] == "all" else " (a sample)")


@contextmanager
def _staging(out: Path) -> Iterator[Path]:
    """A temporary folder inside ``out``; on success its files replace the outputs, on any
    error it is removed and the outputs stay as they were."""
    try:
        stage = Path(tempfile.mkdtemp(prefix=".kg-build-", dir=out))
    except OSError as exc:
        raise KgError(f"cannot write to {out}: {exc.strerror}") from exc
    try:
        yield stage
        for name in OUTPUTS:
            if (stage / name).exists():
                os.replace(stage / name, out / name)
            elif (out / name).exists():
                (out / name).unlink()  # an output this run did not make (--no-html) is stale
    finally:
        for leftover in stage.iterdir():
            leftover.unlink()
        stage.rmdir()
