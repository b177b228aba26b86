"""Stage 5: entities and facts become RDF.

The graph model (what the shipped queries, the viewer and the shapes rely on):

* an entity is ``id:<key>`` typed with its fine class and its coarse class (``kg:District`` and
  ``kg:Place``), with one ``rdfs:label`` (its fullest name), ``skos:altLabel`` for every other
  form the text uses, ``skos:hiddenLabel`` for derived forms the text does not use,
  ``kg:divisionCode`` for gazetteer places and ``kg:mentionedIn`` for each article;
* a relation is a direct triple ``?s kg:partnerOf ?o``; an attribute is ``?s kg:totalInvestment
  "5031400"^^xsd:decimal`` (yuan, canonical form), ``kg:startDate "2024-07"^^xsd:gYearMonth`` or
  ``xsd:date``, ``kg:jobTitle "校长"@zh``;
* every relation and attribute also has a statement node ``id:fact/<hash>`` (``rdf:Statement``
  with ``rdf:subject``/``rdf:predicate``/``rdf:object``, ``kg:qualifier`` for approximate
  amounts, ``kg:amount`` for a donation's sum, ``kg:jointDonors`` (``xsd:integer``) when
  several donors give that sum together, so it is counted once, not once per donor,
  ``dcterms:source`` naming the gazetteer when the place data, not the sentence, gives the
  fact) that ``prov:wasDerivedFrom`` one
  ``kg:Evidence`` node per sentence stating it (or naming the place); the
  evidence node has ``nif:anchorOf`` (the sentence), ``nif:beginIndex``/``nif:endIndex``
  (character offsets into the article text, ``xsd:integer``: stores such as Oxigraph keep no
  integer subtype, so NIF's ``xsd:nonNegativeInteger`` would read back as ``xsd:integer``)
  and ``nif:referenceContext`` (the article);
* an article is ``id:article/<id>`` (``kg:Article``) with ``schema:headline`` (its
  :meth:`~kg.model.Article.display_headline`), ``kg:kicker``,
  ``kg:section``, ``kg:byline``, ``kg:sourceFile``, ``kg:pageYear`` and ``nif:isString`` (its
  normalised text).

In the TriG output each article's triples (its metadata, the types and labels of what it
mentions, its facts and their provenance) form one named graph, ``id:article/<id>``; the Turtle
output is the union. :class:`GraphWriter` writes both as streams (a graph of ten million
triples does not fit in an rdflib graph); :func:`build_dataset` reads its output back for small
graphs.
"""
from __future__ import annotations

import hashlib
import io
import re
from collections import Counter, defaultdict
from decimal import Decimal
from functools import lru_cache
from typing import BinaryIO, Iterable, Mapping, NamedTuple

from rdflib import Dataset, Graph, URIRef

from .model import Article, Entity, Fact
from .namespaces import (AMOUNT_ATTRIBUTES, DATE_ATTRIBUTES, ID, PREFIXES, bind_prefixes,
                         coarse_class)

GAZETTEER_SOURCE = ("gazetteer: jionlp china_location (administrative divisions); the sentence "
                    "is where the place is named")

# Characters kept as they are in an IRI path; everything else is percent-encoded as UTF-8.
_UNSAFE = re.compile(r"[^0-9A-Za-z\-._~/\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def iri_segment(text: str) -> str:
    """``text`` made safe for an IRI path: CJK ideographs, ASCII letters, digits and ``-._~/``
    stay; every other character (spaces, full-width spaces, quotes, brackets, ``%``) is
    percent-encoded, so the IRI survives Turtle, N-Triples and JSON-LD unchanged."""
    return _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), text)


def entity_iri(key: str) -> URIRef:
    """The IRI of an entity key (``place/山西省/长治市/屯留区`` -> ``id:place/山西省/长治市/屯留区``)."""
    return URIRef(ID + iri_segment(key))


@lru_cache(maxsize=1 << 16)
def _ref(key: str) -> str:
    """``<IRI>`` of a key (an entity key, ``article/<id>``) as Turtle writes it (memoised: the
    same entities recur article after article)."""
    return f"<{ID}{iri_segment(key)}>"


def article_iri(article_id: str) -> URIRef:
    return URIRef(ID + "article/" + iri_segment(article_id))


def fact_iri(subject: str, predicate: str, obj: str, qualifier: str = "") -> URIRef:
    """The statement node of a fact: one per triple, and one per approximation word (约600万元
    and 600万元 are two statements of the same triple)."""
    return URIRef(ID + "fact/" + _fact_digest(subject, predicate, obj, qualifier))


def _fact_digest(subject: str, predicate: str, obj: str, qualifier: str = "") -> str:
    text = f"{subject}\t{predicate}\t{obj}" + (f"\t{qualifier}" if qualifier else "")
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"))
_DECIMAL = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")
_INDENT = " ;\n    "


def _string(value: str) -> str:
    """A Turtle string literal (quotes, backslashes and line breaks escaped)."""
    for char, escaped in _ESCAPES:
        if char in value:
            value = value.replace(char, escaped)
    return f'"{value}"'


_SOURCE = _string(GAZETTEER_SOURCE)
_SOURCE_LINE = f"dcterms:source {_SOURCE} ;\n    ".encode("utf-8")


def _zh(value: str) -> str:
    return _string(value) + "@zh"


def _iri(iri: str) -> str:
    return f"<{iri}>"


def turtle_literal(predicate: str, value: str) -> str:
    """The Turtle form of an attribute value: amounts are ``xsd:decimal`` (yuan, canonical:
    ``"5031400"^^xsd:decimal``), dates ``xsd:date`` (``2024-09-02``), ``xsd:gYearMonth``
    (``2024-07``) or ``xsd:gYear``, text ``@zh``."""
    if predicate in AMOUNT_ATTRIBUTES:
        return _decimal(value)
    if predicate in DATE_ATTRIBUTES:
        kind = {10: "date", 7: "gYearMonth", 4: "gYear"}.get(len(value))
        return f"{_string(value)}^^xsd:{kind}" if kind else _string(value)
    return _zh(value)


def _decimal(value: str) -> str:
    """An amount as ``xsd:decimal`` in its canonical form (XSD 1.1: no leading or trailing
    zeros, no ``.`` for a whole number): ``"5031400"^^xsd:decimal``, ``4962.84``. Every
    engine then reads back the same text: Oxigraph keeps only canonical forms, rdflib the
    written one (``5031400.0`` would read as ``5031400`` in one and ``5031400.0`` in the
    other). Text that is no number is written as it is, typed."""
    if not _DECIMAL.fullmatch(value):
        return f"{_string(value)}^^xsd:decimal"
    canonical = format(Decimal(value).normalize(), "f")
    return canonical if "." in canonical else f'"{canonical}"^^xsd:decimal'



def prefixes() -> str:
    """The ``@prefix`` lines of :data:`~kg.namespaces.PREFIXES` (and a blank line)."""
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items())) + "\n"


def _block(subject: str, pairs: list[tuple[str, str]]) -> str:
    """``subject p1 o1 ; p2 o2, o3 .`` with the objects of consecutive equal predicates joined."""
    parts: list[str] = []
    last = None
    for pred, obj in pairs:
        if pred == last:
            parts[-1] += ", " + obj
        else:
            parts.append(f"{pred} {obj}")
            last = pred
    return subject + " " + _INDENT.join(parts) + " .\n"


class GraphWriter:
    """Writes ``graph.ttl`` (the union) and ``graph.trig`` (one named graph per article) as
    streams, one article at a time, so no whole graph is ever held in memory.

    The graph is the one the module docstring describes. The Turtle holds first every entity
    (types, labels, division code) in key order, then, article by article in the order given,
    the article, its ``kg:mentionedIn`` triples, its facts, their statement nodes and their
    evidence; a triple two articles state is written once (a statement node seen again gets
    only its further ``prov:wasDerivedFrom``). Each TriG graph holds its article's triples with
    full descriptions of the entities it mentions, a self-contained graph. Inside an article
    subjects are sorted, so the output depends only on the entities, the articles' contents and
    their order. Both files start with :data:`~kg.namespaces.PREFIXES`; IRIs are written whole.
    """

    def __init__(self, ttl: BinaryIO | None, trig: BinaryIO | None,
                 entities: Mapping[str, Entity]) -> None:
        """Write the prefixes and, to ``ttl``, every entity of ``entities`` (key -> entity) in
        key order. ``ttl`` and ``trig`` are binary files (what is written is UTF-8, encoded
        where it is rendered, so a process that only writes never encodes); either may be None
        to write only the other."""
        self.ttl, self.trig = ttl, trig
        self.triples = 0  # distinct triples written to ttl
        self.facts = 0  # facts given
        self.per_predicate: Counter = Counter()  # ... of each kg: predicate (local name)
        self._said: set[int] = set()  # digests of ttl triples more than one article may state
        self._sourced: set[int] = set()  # statements whose gazetteer source is written
        # entity key -> its Turtle block (UTF-8) without the final " ." and its triples
        self.descriptions: dict[str, tuple[bytes, int]] = {}
        for out in (ttl, trig):
            if out is not None:
                out.write(prefixes().encode("utf-8"))
        for key in sorted(entities):
            pairs = _entity_pairs(entities[key])
            body = _block(_iri(entity_iri(key)), pairs)[:-3].encode("utf-8")
            self.descriptions[key] = (body, len(pairs))
            if ttl is not None:
                ttl.write(body + b" .\n\n")
                self._count(pairs)

    def article(self, article_id: str, article: Article | None, keys: Iterable[str],
                facts: Iterable[Fact]) -> tuple[bytes, int]:
        """Write one article (see :func:`render_article`). Returns its TriG graph (UTF-8,
        without prefixes) and that graph's number of triples."""
        return self.emit(render_article(article_id, article, keys, facts))

    def emit(self, part: Rendered) -> tuple[bytes, int]:
        """Write an article rendered by :func:`render_article` (perhaps in another process):
        its TriG graph with the descriptions of the entities it mentions, and to the Turtle
        what is new there. Returns the TriG graph (UTF-8) and its number of triples."""
        said = part.triples
        count = self.per_predicate
        count.update(part.counts)
        self.facts += part.facts
        graph, size = trig_graph(part, self.descriptions)
        ttl = [part.head, part.mentions]
        said += len(part.keys)
        count["mentionedIn"] += len(part.keys)
        for digest, line, pred in part.relations:
            if digest not in self._said:
                self._said.add(digest)
                ttl.append(line)
                count[pred] += 1
                said += 1
        for digest, block, triples, extra, gazetteer, evidence in part.statements:
            if digest not in self._said:
                self._said.add(digest)
                ttl.append(block)
                said += triples
                if extra:  # (most statements have none: Counter.update is not free)
                    count.update(extra)
                if gazetteer:
                    self._sourced.add(digest)
            else:  # stated before by another article: its further evidence (ever new here)
                # "<statement> prov:wasDerivedFrom ..." from the block's first and last lines
                again = block[:block.index(b" ") + 1] + \
                    block[block.rindex(b"prov:wasDerivedFrom "):]
                if gazetteer and digest not in self._sourced:
                    self._sourced.add(digest)
                    again = again.replace(b" ", b" " + _SOURCE_LINE, 1)
                    said += 1
                ttl.append(again)
                said += evidence
        ttl.append(part.tail)
        if self.trig is not None:
            self.trig.write(graph)
        if self.ttl is not None:
            self.ttl.write(b"".join(ttl) + b"\n")
            self.triples += said
        return graph, size

    def describe(self, keys: Iterable[str]) -> bytes:
        """A TriG default graph describing the entities of ``keys`` (types, labels, code);
        empty for no key."""
        return describe(self.descriptions, keys)

    def unattached(self, keys: Iterable[str]) -> None:
        """Write to the TriG default graph the entities of ``keys`` that no article mentions
        (the Turtle already holds every entity)."""
        if self.trig is not None:
            self.trig.write(self.describe(keys))

    def _count(self, pairs: list[tuple[str, str]]) -> None:
        self.triples += len(pairs)
        for pred, _obj in pairs:
            if pred.startswith("kg:"):
                self.per_predicate[pred[3:]] += 1


def trig_graph(part: Rendered, descriptions: Mapping[str, tuple[bytes, int]]
               ) -> tuple[bytes, int]:
    """The TriG graph of an article rendered by :func:`render_article` (UTF-8, without
    prefixes) and its number of triples, given the writer's ``descriptions`` (entity key ->
    Turtle block without the final " ." and its triples; see :class:`GraphWriter`): its metadata, the
    descriptions of the entities it mentions, its relations, statements and evidence. Pure:
    unlike the Turtle, it does not depend on what other articles stated."""
    node = part.node
    mentioned = f" ;\n    kg:mentionedIn {node} .\n".encode("utf-8")
    trig = [f"{node} {{\n".encode("utf-8"), part.head]
    size = part.size
    for key in part.keys:
        body, n = descriptions[key]
        trig.append(body)
        trig.append(mentioned)
        size += n + 1
    trig.extend([line for _digest, line, _pred in part.relations])
    trig.extend([statement[1] for statement in part.statements])
    trig.append(part.tail)
    trig.append(b"}\n\n")
    return b"".join(trig), size


def describe(descriptions: Mapping[str, tuple[bytes, int]], keys: Iterable[str]) -> bytes:
    """A TriG default graph (UTF-8) describing the entities of ``keys`` (from
    ``descriptions``, as in :func:`trig_graph`); empty for no key."""
    blocks = [descriptions[k][0] + b" .\n" for k in sorted(set(keys))]
    return b"{\n" + b"".join(blocks) + b"}\n\n" if blocks else b""


def _entity_pairs(ent: Entity) -> list[tuple[str, str]]:
    pairs = [("a", "kg:" + ent.cls)]
    coarse = coarse_class(ent.cls)
    if coarse != ent.cls:
        pairs.append(("a", "kg:" + coarse))
    pairs.append(("rdfs:label", _zh(ent.label)))
    pairs += [("skos:altLabel", _zh(x)) for x in sorted(ent.labels - {ent.label})]
    pairs += [("skos:hiddenLabel", _zh(x)) for x in sorted(ent.hidden - ent.labels)]
    if ent.code:
        pairs.append(("kg:divisionCode", _string(ent.code)))
    return pairs


def _article_pairs(art: Article) -> list[tuple[str, str]]:
    pairs = [("a", "kg:Article"), ("schema:headline", _zh(art.display_headline()))]
    pairs += [(prop, _zh(value)) for prop, value in (
        ("kg:kicker", art.kicker), ("kg:section", art.section), ("kg:byline", art.byline))
        if value]
    pairs.append(("kg:sourceFile", _string(art.source)))
    if art.year:
        pairs.append(("kg:pageYear", f'"{art.year}"^^xsd:gYear'))
    pairs.append(("nif:isString", _string(art.text)))
    return pairs


class Rendered(NamedTuple):
    """One article formatted for :meth:`GraphWriter.emit`: everything but the descriptions of
    the entities it mentions (the writer holds those), small enough to send between processes.
    Its Turtle text is UTF-8 (encoded here, in the process that renders, not in the one that
    writes). ``head`` is its metadata block, ``tail`` its evidence blocks (both belonging to
    it alone), ``mentions`` its ``kg:mentionedIn`` triples; ``relations`` are (digest, line,
    predicate) of its relation and attribute triples, ``statements`` (digest, block, triples,
    kg: predicate counts, from the gazetteer, number of evidence nodes) of its statement nodes
    (the writer cuts the block down to its further evidence when another article stated it
    before: not sent twice); the digests tell the writer what another article already
    stated."""

    node: str  # <IRI> of the article
    head: bytes
    keys: tuple[str, ...]  # entity keys it mentions, sorted
    mentions: bytes  # their kg:mentionedIn triples
    relations: tuple[tuple[int, bytes, str], ...]
    statements: tuple[tuple[int, bytes, int, dict, bool, int], ...]
    tail: bytes
    size: int  # triples of its TriG graph, entity descriptions left out
    triples: int  # triples of head and tail
    counts: dict  # kg: predicate -> triples, in head and tail
    facts: int


def render_article(article_id: str, article: Article | None, keys: Iterable[str],
                   facts: Iterable[Fact]) -> Rendered:
    """Format one article for :meth:`GraphWriter.emit` (pure: any process can do it): its
    metadata (when ``article`` is given), the entity keys it mentions (each must be an entity
    of the writer it goes to) and ``facts`` (resolved: subjects and entity objects are entity
    keys; evidence in this article), subjects sorted."""
    node = _ref("article/" + article_id)
    head, triples, counts = "", 0, {}
    if article is not None:
        pairs = _article_pairs(article)
        head = _block(node, pairs)
        triples = len(pairs)
        counts = dict(Counter(p[3:] for p, _o in pairs if p.startswith("kg:")))
    relations: set[tuple[str, str, str]] = set()
    statements: dict[str, list] = {}
    evidence: dict[tuple[int, int], str] = {}
    n_facts = 0
    for f in facts:
        n_facts += 1
        s = _ref(f.subject)
        o = turtle_literal(f.predicate, f.obj) if f.literal else _ref(f.obj)
        relations.add((s, f.predicate, o))
        ev = f.evidence
        where = (ev.start, ev.end)
        if where not in evidence:
            evidence[where] = ev.text
        # one statement per triple and per qualifier, sum and number of joint donors (none of
        # them: the digest of the triple alone)
        qualifier = f.qualifier + (f"/{f.amount}" if f.amount else "") + (
            f"/joint={f.joint_donors}" if f.joint_donors else "")
        st = _fact_digest(f.subject, f.predicate, f.obj, qualifier)
        entry = statements.get(st)
        if entry is None:
            entry = statements[st] = [s, f.predicate, o, f.qualifier, f.amount, f.joint_donors,
                                      False, set()]
        if f.basis == "gazetteer":
            entry[6] = True
        entry[7].add(where)
    ev_prefix = node[:-1] + "/char="
    rel_out = []
    for s, p, o in sorted(relations):
        line = f"{s} kg:{p} {o} .\n".encode("utf-8")
        digest = int.from_bytes(hashlib.blake2b(line, digest_size=8).digest(), "big")
        rel_out.append((digest, line, p))
    st_out = []
    size = triples + len(relations)
    for st, (s, p, o, qualifier, amount, joint, gazetteer, evs) in sorted(statements.items()):
        iri = f"<{ID}fact/{st}>"
        block = f"{iri} a rdf:Statement ;\n    rdf:subject {s} ;\n    rdf:predicate kg:{p} ;" \
                f"\n    rdf:object {o} ;\n    "
        extra = {}
        if qualifier:
            block += f"kg:qualifier {_zh(qualifier)} ;\n    "
            extra["qualifier"] = 1
        if amount:
            block += f"kg:amount {_decimal(amount)} ;\n    "
            extra["amount"] = 1
        if joint:
            block += f"kg:jointDonors {int(joint)} ;\n    "
            extra["jointDonors"] = 1
        if gazetteer:
            block += f"dcterms:source {_SOURCE} ;\n    "
        derived = "prov:wasDerivedFrom " + ", ".join(
            f"{ev_prefix}{a},{b}>" for a, b in sorted(evs)) + " .\n"
        n = 4 + len(extra) + gazetteer + len(evs)
        st_out.append((int(st, 16), (block + derived).encode("utf-8"), n, extra, gazetteer,
                       len(evs)))
        size += n
    tail = "".join(
        f"{ev_prefix}{start},{end}> a kg:Evidence ;\n    nif:anchorOf {_string(text)} ;\n"
        f"    nif:beginIndex {start} ;\n    nif:endIndex {end} ;\n"
        f"    nif:referenceContext {node} .\n"
        for (start, end), text in sorted(evidence.items()))
    size += 5 * len(evidence)
    keys = tuple(sorted(set(keys)))
    mentions = "".join(f"{_ref(k)} kg:mentionedIn {node} .\n" for k in keys)
    return Rendered(node, head.encode("utf-8"), keys, mentions.encode("utf-8"), tuple(rel_out),
                    tuple(st_out), tail.encode("utf-8"), size, triples + 5 * len(evidence),
                    counts, n_facts)


def build_dataset(articles: Iterable[Article], entities: Iterable[Entity],
                  facts: Iterable[Fact]) -> Dataset:
    """The graph of a few articles in memory: one named graph per article (IRI
    ``id:article/<id>``) holding what that article states, as :class:`GraphWriter` writes it.
    Each entity is in the graph of every article of its ``articles`` (in the default graph
    when it has none). Facts whose subject or object key has no entity are skipped. For small
    graphs (tests, the viewer): a build streams its files instead.
    """
    by_key = {e.key: e for e in entities}
    arts = {a.id: a for a in articles}
    keys: dict[str, list[str]] = defaultdict(list)
    for ent in by_key.values():
        for article_id in ent.articles:
            keys[article_id].append(ent.key)
    stated: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.subject in by_key and (f.literal or f.obj in by_key):
            stated[f.evidence.article].append(f)
    text = io.BytesIO()
    writer = GraphWriter(None, text, by_key)
    for article_id in sorted(set(arts) | set(keys) | set(stated)):
        writer.article(article_id, arts.get(article_id), keys[article_id], stated[article_id])
    writer.unattached(k for k, e in by_key.items() if not e.articles)
    ds = Dataset()
    bind_prefixes(ds)
    ds.parse(data=text.getvalue().decode("utf-8"), format="trig")
    return ds


def union_graph(ds: Dataset) -> Graph:
    """All triples of all graphs of ``ds`` in one graph (what ``graph.ttl`` holds)."""
    g = Graph()
    bind_prefixes(g)
    for s, p, o, _ctx in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g
