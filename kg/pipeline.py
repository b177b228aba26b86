"""The whole build: ingest -> mentions -> entities -> relations -> graph -> outputs.

``extract_article(article, context)`` is the per-article pure function (article in, mentions
and facts out); ``build(inputs, out_dir)`` runs it over every article, merges entities across
the build and writes the outputs atomically: every file is first written beside its target
and only renamed into place once all of them are complete, so a failed run leaves earlier
outputs as they were.
"""
from __future__ import annotations

import json
import os
import tempfile
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from . import __version__, entities, graph as rdf, ingest, mentions, relations
from .errors import InputError, KgError
from .model import Article, ArticleResult

OUTPUTS = ("graph.ttl", "graph.trig", "graph.html", "report.json")


def extract_article(article: Article, context: mentions.PageContext | None = None) -> ArticleResult:
    """Mentions and facts of one article. ``context`` is its page's place context (see
    :func:`kg.mentions.page_context`); without it the article is read alone."""
    found = entities.link_article(mentions.find_mentions(article, context))
    return ArticleResult(article, found, relations.extract(article, found))


def extract_all(articles: list[Article], progress: Callable[[str], None] | None = None
                ) -> list[ArticleResult]:
    """:func:`extract_article` over articles, each page's articles sharing one context."""
    pages: dict[str, list[Article]] = defaultdict(list)
    for art in articles:
        pages[art.source].append(art)
    results = []
    for source, arts in pages.items():
        ctx = mentions.page_context([a.text for a in arts])
        for art in arts:
            results.append(extract_article(art, ctx))
        if progress:
            progress(f"read {source}: {len(arts)} articles")
    return results


class _Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        yield
        self.seconds[name] = round(time.perf_counter() - t0, 3)


def build(inputs: list[str | Path], out_dir: str | Path,
          progress: Callable[[str], None] | None = None, html: bool = True) -> dict:
    """Build the graph of ``inputs`` (files or folders of .txt/.html) into ``out_dir``:
    graph.ttl, graph.trig, graph.html and report.json. Returns the report.

    Raises :class:`~kg.errors.InputError` for bad input (nothing is written then) and
    :class:`~kg.errors.KgError` when the output folder cannot be written.
    """
    say = progress or (lambda _msg: None)
    timer = _Timer()
    out = Path(out_dir)
    if not str(out_dir).strip():
        raise InputError("--out is empty: name a folder for the outputs")
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder")
    writable = out if out.exists() else next((p for p in out.parents if p.exists()), Path("."))
    if not os.access(writable, os.W_OK):
        raise InputError(f"{writable}: cannot write there")
    with timer.stage("ingest"):
        articles = ingest.read_inputs(list(inputs))
    say(f"ingest: {len(articles)} articles")
    with timer.stage("mentions+relations"):
        results = extract_all(articles, say)
    with timer.stage("entities"):
        ents, facts = entities.merge(results)
    say(f"entities: {len(ents)}; facts: {len(facts)}")
    with timer.stage("graph"):
        ds = rdf.build_dataset(articles, ents, facts)
        union = rdf.union_graph(ds)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create output folder {out}: {exc.strerror}") from exc
    with _staging(out) as stage:
        with timer.stage("serialize"):
            union.serialize(stage / "graph.ttl", format="turtle", encoding="utf-8")
            (stage / "graph.trig").write_text(rdf.serialize_trig(ds), encoding="utf-8")
        with timer.stage("validate"):
            from .validate import validate

            shacl = validate(union)
        say(f"SHACL: {'conforms' if shacl.conforms else f'{shacl.violations} violations'}")
        if html:
            with timer.stage("html"):
                from .viz import write_html

                shown = write_html(union, stage / "graph.html")
        else:
            shown = {}
        counts = rdf.counts(union)
        with timer.stage("stats"):
            from .stats import graph_stats

            stats = graph_stats(union)
        report = {
            "version": __version__,
            "inputs": [str(p) for p in inputs],
            "articles": [{"id": a.id, "source": a.source, "headline": a.headline,
                          "section": a.section, "mentions": len(r.mentions),
                          "facts": len(r.facts)} for a, r in zip(articles, results)],
            "mentions": sum(len(r.mentions) for r in results),
            "entities": len(ents),
            "entities_per_class": dict(sorted(Counter(e.cls for e in ents).items())),
            "facts": len(facts),
            "triples": len(union),
            "triples_per_predicate": counts["predicates"],
            "shacl": {"conforms": shacl.conforms, "violations": shacl.violations},
            "html": shown,
            "stats": stats,
            "seconds": timer.seconds,
        }
        (stage / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2),
                                           encoding="utf-8")
    say(f"wrote {', '.join(OUTPUTS if html else OUTPUTS[:2] + OUTPUTS[3:])} to {out}")
    return report


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
