"""Measure a built graph against your own hand annotations.

The annotation format and the matching rules are those of the gold-annotation README
(``gold/README.md``, beside the reference scorer ``score.py``). This is the product's own
implementation: it gives the same entity, relation and attribute precision/recall/F1 as that
scorer, plus P/R/F1 per entity class and per relation predicate and the missed, spurious and
duplicate items. A gold directory holds UTF-8, tab-separated files (``#`` starts a comment):
``entities.tsv`` (name, type, ``|``-separated aliases; required), ``relations.tsv`` /
``attributes.tsv`` (subject, predicate or attribute, object or value, status ``gold`` or
``optional``) and ``ignore.txt`` (one name per line). The matching rules are in :func:`score`::

    print(format_report(evaluate("out/graph.ttl", [Path("gold/mine")]), show_errors=True))

Bad input raises :class:`~kg.errors.InputError`, one line naming the file (and line).
"""
from __future__ import annotations

import logging
import unicodedata
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Union

from rdflib import RDF, BNode, ConjunctiveGraph, Dataset, Graph, Literal, URIRef
from rdflib.util import guess_format

from .errors import InputError

_PLACES = "Country Province City District County Town Township Subdistrict Village Community " \
          "ResidentialCompound AdministrativeArea Place"
_ORGS = "GovernmentAgency PartyOrganization PartySchool School University Hospital HealthCenter " \
        "Company Foundation NonProfit MediaOutlet PublicInstitution Organization"
FINE_TO_COARSE = {**dict.fromkeys(_PLACES.split(), "Place"), **dict.fromkeys(_ORGS.split(), "Organization"),
                  "Facility": "Facility", "HistoricSite": "Facility", "Person": "Person",
                  "Project": "Project", "CooperationProgram": "Project", "Event": "Event",
                  "Product": "Product"}
ENTITY_CLASSES, COARSE_ONLY = set(FINE_TO_COARSE), {"AdministrativeArea", "Place", "Organization"}
RELATIONS = {"partnerOf", "signedAgreementWith", "spouseOf", "trainedAt", "visited", "donatedTo",
             "establishedBy", "locatedIn", "subOrganizationOf", "worksFor", "organizerOf",
             "participatedIn"}
SYMMETRIC = {"partnerOf", "signedAgreementWith", "spouseOf"}
AMOUNT_ATTRS, DATE_ATTRS = {"totalInvestment", "cooperationFunding"}, {"startDate", "endDate", "foundingDate"}
ATTRIBUTES = AMOUNT_ATTRS | DATE_ATTRS | {"jobTitle"}
LABEL_PROPS = {"label", "prefLabel", "altLabel", "hiddenLabel", "name", "alternateName"}
STRIP_CHARS = set("“”\"'‘’《》〈〉「」『』【】·•")
RDF_FORMATS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld",
               ".json": "json-ld", ".rdf": "xml", ".xml": "xml", ".n3": "n3", ".owl": "xml"}
ERROR_KINDS = ("missing_entities", "spurious_entities", "duplicate_entities", "wrong_types",
               "missing_relations", "spurious_relations", "missing_attributes", "spurious_attributes")
GraphSource = Union[str, Path, Graph]
Triple = tuple[str, str, str]


def normalize(text: object) -> str:
    """Matching form of a label or gold name (README, Matching): NFKC, then quotes, book-title
    marks, middle dots and all white space removed, and lower-cased."""
    text = unicodedata.normalize("NFKC", str(text))
    return "".join(ch for ch in text if ch not in STRIP_CHARS and not ch.isspace()).lower()


def local_name(term: object) -> str:
    """The part of an IRI after the last ``#``, then ``/``, then ``:``."""
    s = str(term)
    for sep in ("#", "/", ":"):
        s = s.rsplit(sep, 1)[-1]
    return s


def relation_key(s: str, p: str, o: str) -> Triple:
    """Gold-name triple with the ends of a symmetric predicate put in a fixed order."""
    return (o, p, s) if p in SYMMETRIC and o < s else (s, p, o)


@dataclass
class Gold:
    """Merged annotations: ``types`` gold name -> class; ``index`` normalised name or alias ->
    gold name; ``ignore`` normalised ignored names; ``relations``/``optional`` keyed triples;
    ``attributes`` (name, attribute) -> [(value, status)]; ``located_closure`` every (a, b) linked
    by a chain of gold or optional ``locatedIn`` rows."""
    types: dict[str, str] = field(default_factory=dict)
    index: dict[str, str] = field(default_factory=dict)
    ignore: set[str] = field(default_factory=set)
    relations: set[Triple] = field(default_factory=set)
    optional: set[Triple] = field(default_factory=set)
    attributes: dict = field(default_factory=lambda: defaultdict(list))
    located_closure: set[tuple[str, str]] = field(default_factory=set)


def _rows(path: Path, lo: int, hi: int) -> Iterator[tuple[str, list[str]]]:
    """(``file:line``, stripped cells) of each non-blank line not starting with ``#``; fewer
    than ``lo`` non-empty leading cells or more than ``hi`` cells is an InputError."""
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read as UTF-8 text: {exc}") from None
    for n, line in enumerate(text.splitlines(), 1):
        cols = [c.strip() for c in line.split("\t")]
        if not line.strip() or line.startswith("#"):
            continue
        if not lo <= len(cols) <= hi or not all(cols[:lo]):
            raise InputError(f"{path}:{n}: expected {lo if lo == hi else f'{lo} to {hi}'} non-empty "
                             f"tab-separated columns, got {len(cols)}: {line.strip()[:80]!r}")
        yield f"{path}:{n}", cols


def load_gold(dirs: Iterable[Path | str] | Path | str) -> Gold:
    """Read and merge gold directories into a :class:`Gold` (a name defined again keeps its last
    type). Relations and attributes may only name entities of this or an earlier directory."""
    gold = Gold()
    for d in map(Path, [dirs] if isinstance(dirs, (str, Path)) else dirs):
        if not d.is_dir():
            raise InputError(f"{d}: no such gold directory")
        if not (d / "entities.tsv").is_file():
            raise InputError(f"{d / 'entities.tsv'}: no such file (every gold directory needs one)")
        for n, (where, row) in enumerate(_rows(d / "entities.tsv", 2, 3)):
            name, etype = row[0], row[1]
            if etype not in ENTITY_CLASSES:
                header = " (a header line? the files have none: every line is data)" \
                    if n == 0 else ""
                raise InputError(f"{where}: unknown type {etype!r} for {name}{header}")
            gold.types[name] = etype
            aliases = [a for a in row[2].split("|") if a.strip()] if len(row) > 2 else []
            for surface in [name, *aliases]:
                other = gold.index.setdefault(normalize(surface), name)
                if other != name:
                    raise InputError(f"{where}: {surface!r} names both {other} and {name}")
        gold.ignore |= {normalize("".join(row)) for _w, row in _rows(d / "ignore.txt", 0, 999)}
        for kind, known in (("relations", RELATIONS), ("attributes", ATTRIBUTES)):
            for where, (s, p, o, status) in _rows(d / f"{kind}.tsv", 4, 4):
                for name in (s, o) if kind == "relations" else (s,):
                    if name not in gold.types:
                        raise InputError(f"{where}: {name} is not a name in entities.tsv")
                if p not in known:
                    raise InputError(f"{where}: unknown {kind[:-1]} {p!r}")
                if status not in ("gold", "optional"):
                    raise InputError(f"{where}: status {status!r} is neither gold nor optional")
                if kind == "attributes":
                    gold.attributes[(s, p)].append((o, status))
                else:
                    (gold.relations if status == "gold" else gold.optional).add(relation_key(s, p, o))
    edges = defaultdict(set)
    for s, p, o in gold.relations | gold.optional:
        if p == "locatedIn":
            edges[s].add(o)
    closure = {(s, o) for s in edges for o in edges[s]}
    while more := {(a, c) for a, b in closure for c in edges.get(b, ())} - closure:
        closure |= more
    gold.located_closure = closure
    return gold


def read_graph(source: GraphSource | Iterable[GraphSource]) -> Graph:
    """One graph from RDF files (format by extension, else guessed) or loaded rdflib graphs;
    the named graphs of a dataset (TriG, N-Quads) are unioned."""
    if isinstance(source, Graph) and not isinstance(source, ConjunctiveGraph):
        return source
    union = Graph()
    if isinstance(source, ConjunctiveGraph):  # a Dataset too
        for s, p, o, _g in source.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    if not isinstance(source, (str, Path)):
        for part in source:
            union += read_graph(part)
        return union
    path = Path(source)
    fmt = RDF_FORMATS.get(path.suffix.lower()) or guess_format(str(path))
    if not path.is_file():
        raise InputError(f"{path}: no such graph file")
    if fmt is None:
        raise InputError(f"{path}: unknown RDF file extension; use one of {' '.join(RDF_FORMATS)}")
    ds, log = Dataset(), logging.getLogger("rdflib.term")
    level = log.level
    log.setLevel(logging.CRITICAL)  # ill-formed literals ("2024-13"^^xsd:date): no tracebacks
    try:
        ds.parse(str(path), format=fmt)
    except Exception as exc:  # rdflib raises many types; any of them means unreadable input
        raise InputError(f"{path}: cannot be parsed as {fmt}: {' '.join(str(exc).split())[:200]}") \
            from None
    finally:
        log.setLevel(level)
    return read_graph(ds)


@dataclass(frozen=True)
class Metrics:
    """``tp`` correct built items, ``predicted`` scored built items, ``gold`` expected items,
    ``found`` gold items found; precision = tp/predicted, recall = found/gold (4 decimals)."""
    tp: int
    predicted: int
    gold: int
    found: int
    precision: float
    recall: float
    f1: float


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def metrics(tp: int, predicted: int, gold: int, found: int | None = None,
            f1_of_rounded: bool = False) -> Metrics:
    """P/R/F1 rounded to 4 decimals. As in the reference scorer, entity F1 is taken from the
    rounded P and R (``f1_of_rounded``), relation and attribute F1 from the exact ones."""
    found = tp if found is None else found
    p, r = tp / predicted if predicted else 0.0, found / gold if gold else 0.0
    f = _f1(round(p, 4), round(r, 4)) if f1_of_rounded else _f1(p, r)
    return Metrics(tp, predicted, gold, found, round(p, 4), round(r, 4), round(f, 4))


@dataclass
class Evaluation:
    """Scores of one graph against gold. ``errors`` maps each of :data:`ERROR_KINDS` to display
    strings (normalised labels, tab-separated triples), sorted, as the reference scorer has them."""
    entities: Metrics
    relations: Metrics
    attributes: Metrics
    duplicates: int
    type_accuracy_fine: float
    type_accuracy_coarse: float
    by_class: dict[str, Metrics]
    by_predicate: dict[str, Metrics]
    errors: dict[str, list[str]]

    def to_json(self) -> dict:
        """A superset of the reference scorer's ``--json`` output (same keys and values)."""
        entities = {**asdict(self.entities), "gold_found": self.entities.found,
                    "duplicates": self.duplicates, "type_accuracy_fine": self.type_accuracy_fine,
                    "type_accuracy_coarse": self.type_accuracy_coarse,
                    "by_class": {c: asdict(m) for c, m in self.by_class.items()}}
        return {"entities": entities,
                "relations": {**asdict(self.relations),
                              "by_predicate": {p: asdict(m) for p, m in self.by_predicate.items()}},
                "attributes": asdict(self.attributes),
                "errors": {k: list(self.errors[k]) for k in ERROR_KINDS}}


def value_matches(attr: str, built: str, gold_value: str) -> bool:
    """README, Matching: amounts within half a yuan; a built date starting with the gold date
    (``2024-07`` matches ``2024-07-15``); a job title equal to or ending with the gold one."""
    if attr in AMOUNT_ATTRS:
        try:
            return abs(float(built) - float(gold_value)) < 0.5
        except ValueError:
            return False
    if attr in DATE_ATTRS:
        return built.strip().startswith(gold_value)
    return normalize(built).endswith(normalize(gold_value))


def score(graph: Graph, gold: Gold) -> Evaluation:
    """Score ``graph`` against ``gold`` with the matching rules of the gold README:

    * An entity is a node typed with a contract class and labelled by rdfs:label, skos pref/alt/
      hiddenLabel or schema name/alternateName. A node matches every gold entity one of its
      normalised labels names; per gold entity the node with most labels (then smallest IRI) is
      correct, other matching nodes are duplicates (false positives). An unmatched node with an
      ignored label is not scored; other unmatched nodes are spurious.
    * A relation between two entity nodes is correct when its ends match a gold row's ends
      (either direction for symmetric predicates); a gold row counts once. It counts neither way
      when it touches an ignored node, matches an optional row, is a ``locatedIn`` shortcut of a
      gold chain, or is a self-loop between mentions of one gold entity. Else it is spurious.
    * An attribute is correct when its value matches a gold value (:func:`value_matches`) of an
      entity its node matches; matching only optional values counts neither way.
    * Per class: recall over gold entities of that class; precision over scored nodes, classed by
      the gold type they match, or, if spurious, by their own most specific built class.
    """
    ent_types, labels = defaultdict(set), defaultdict(set)
    for s, _p, o in graph.triples((None, RDF.type, None)):
        if isinstance(s, (URIRef, BNode)) and local_name(o) in ENTITY_CLASSES:
            ent_types[s].add(local_name(o))
    for s, p, o in graph:
        if s in ent_types and isinstance(o, Literal) and local_name(p) in LABEL_PROPS:
            labels[s].add(normalize(o))
    matched, ignored, unmatched = {}, set(), []
    for node in ent_types:
        names = {gold.index[lab] for lab in labels[node] if lab in gold.index}
        if names:
            matched[node] = names
        elif labels[node] & gold.ignore:
            ignored.add(node)
        else:
            unmatched.append(node)
    primary: dict = {}  # gold name -> its correct node
    for node in sorted(matched, key=lambda n: (-len(labels[n]), str(n))):
        for name in matched[node]:
            primary.setdefault(name, node)
    correct = set(primary.values())
    duplicates = [n for n in matched if n not in correct]
    fine = lambda node: sorted(ent_types[node] - COARSE_ONLY) or sorted(ent_types[node])  # noqa: E731
    show = lambda node: min(labels[node]) if labels[node] else str(node)  # noqa: E731

    cls_gold, cls_found = Counter(gold.types.values()), Counter(gold.types[n] for n in primary)
    cls_tp, cls_pred = Counter(), Counter()
    for node in ent_types.keys() - ignored:
        names = sorted(n for n, v in primary.items() if v == node) or sorted(matched.get(node, ()))
        cls = gold.types[names[0]] if names else fine(node)[0]
        cls_pred[cls] += 1
        cls_tp[cls] += node in correct
    fine_ok = sum(gold.types[n] in ent_types[v] for n, v in primary.items())
    coarse_ok = sum(FINE_TO_COARSE[gold.types[n]] in {FINE_TO_COARSE[t] for t in ent_types[v]}
                    for n, v in primary.items())

    rel_found, rel_fp, pred_tp, pred_fp = set(), [], Counter(), Counter()
    for s, p, o in graph:
        pred = local_name(p)
        if pred not in RELATIONS or s not in ent_types or o not in ent_types \
                or s in ignored or o in ignored:
            continue
        if s in matched and o in matched:
            pairs = [(gs, go) for gs in matched[s] for go in matched[o]]
            keys = {relation_key(gs, pred, go) for gs, go in pairs}
            if keys & gold.relations:
                pred_tp[pred] += len(keys & gold.relations - rel_found)
                rel_found |= keys & gold.relations
                continue
            if keys & gold.optional or all(gs == go for gs, go in pairs) or (
                    pred == "locatedIn" and any(pair in gold.located_closure for pair in pairs)):
                continue
        rel_fp.append(f"{show(s)}\t{pred}\t{show(o)}")
        pred_fp[pred] += 1
    pred_gold = Counter(p for _s, p, _o in gold.relations)

    att_found, att_fp = set(), []
    for s, p, o in graph:
        attr = local_name(p)
        if attr not in ATTRIBUTES or s not in ent_types or not isinstance(o, Literal) or s in ignored:
            continue
        hits = [(name, value, status) for name in matched.get(s, ())
                for value, status in gold.attributes.get((name, attr), [])
                if value_matches(attr, str(o), value)]
        att_found |= {(name, attr, value) for name, value, status in hits if status == "gold"}
        if not hits:
            att_fp.append(f"{show(s)}\t{attr}\t{o}")
    gold_atts = [(n, a, v) for (n, a), vals in gold.attributes.items() for v, st in vals if st == "gold"]

    return Evaluation(
        entities=metrics(len(correct), len(ent_types) - len(ignored), len(gold.types),
                         len(primary), f1_of_rounded=True),
        relations=metrics(len(rel_found), len(rel_found) + len(rel_fp), len(gold.relations)),
        attributes=metrics(len(att_found), len(att_found) + len(att_fp), len(gold_atts)),
        duplicates=len(duplicates),
        type_accuracy_fine=round(fine_ok / len(primary), 4) if primary else 0.0,
        type_accuracy_coarse=round(coarse_ok / len(primary), 4) if primary else 0.0,
        by_class={c: metrics(cls_tp[c], cls_pred[c], cls_gold[c], cls_found[c])
                  for c in sorted(cls_gold.keys() | cls_pred.keys())},
        by_predicate={p: metrics(pred_tp[p], pred_tp[p] + pred_fp[p], pred_gold[p])
                      for p in sorted(RELATIONS) if pred_gold[p] or pred_fp[p] or pred_tp[p]},
        errors=dict(zip(ERROR_KINDS, (
            sorted(gold.types.keys() - primary.keys()), sorted(show(n) for n in unmatched),
            sorted(show(n) for n in duplicates),
            sorted(f"{n}: gold {gold.types[n]}, built {'/'.join(fine(v))}"
                   for n, v in primary.items() if gold.types[n] not in ent_types[v]),
            ["\t".join(t) for t in sorted(gold.relations - rel_found)], sorted(rel_fp),
            ["\t".join(t) for t in sorted(gold_atts) if t not in att_found], sorted(att_fp)))))


def evaluate(graph: GraphSource | Iterable[GraphSource], gold_dirs: Iterable[Path | str]) -> Evaluation:
    """Load the gold directories, read the graph (path(s) or rdflib graph) and :func:`score` it."""
    return score(read_graph(graph), load_gold(gold_dirs))


def _line(label: str, m: Metrics, extra: str) -> str:
    return f"{label} P {m.precision:.3f}  R {m.recall:.3f}  F1 {m.f1:.3f}  ({extra})"


def format_report(ev: Evaluation, show_errors: bool = False) -> str:
    """Plain text. The first three lines are formatted exactly as the reference scorer's
    ``entities``/``relations``/``attributes`` summary lines; per-predicate and per-class lines
    follow, then (``show_errors``) the missed, spurious and duplicate items."""
    e = ev.entities
    out = [_line("entities  ", e, f"gold {e.gold}, found {e.found}, built {e.predicted}, "
                 f"duplicates {ev.duplicates}; type accuracy fine {ev.type_accuracy_fine:.3f}, "
                 f"coarse {ev.type_accuracy_coarse:.3f}")]
    for label, m in (("relations ", ev.relations), ("attributes", ev.attributes)):
        out.append(_line(label, m, f"gold {m.gold}, correct {m.tp}, built {m.predicted}"))
    for title, table in (("by relation predicate", ev.by_predicate), ("by entity class", ev.by_class)):
        out.append(f"\n{title}:")
        out += [_line(f"  {key:20s}", m, f"gold {m.gold}, correct {m.tp}, built {m.predicted}")
                for key, m in table.items()]
    for kind in ERROR_KINDS if show_errors else ():
        if ev.errors[kind]:
            out.append(f"\n{kind} ({len(ev.errors[kind])}):")
            out += [f"  {item}" for item in ev.errors[kind]]
    return "\n".join(out) + "\n"
