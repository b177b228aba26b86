"""Check a built graph against the SHACL shapes of ``ontology/shapes.ttl``.

``validate(data_path)`` -> :class:`ValidationResult` with ``conforms``, the number of
violations and a readable report: a summary line (``conforms: no — 2 violations, 0 warnings``),
then one sorted line per distinct problem, ``focus — path — message``: the focus is the node's
``rdfs:label`` (a statement shows its triple with labels, other nodes their IRI shortened with
the project prefixes), the path is the property checked (``kg:totalInvestment``; ``(node)`` for
the node itself), and the message says what is wrong, with the offending value. Results of
``sh:Warning`` shapes are listed with a ``warning:`` mark and do not count against conformance.

Besides the shapes (SHACL Core, run with pyshacl), two cross-checks are made in Python because
a per-node SPARQL constraint is far too slow in pyshacl: every ``rdf:Statement``'s triple is
asserted, and every ``nif:anchorOf`` equals its article's ``nif:isString`` between
``nif:beginIndex`` and ``nif:endIndex``.

Data files are parsed by extension (``.ttl .trig .nt .nq .jsonld``); the graphs of a TriG or
N-Quads file are validated as their union. No inference is run.

Errors: ``InputError`` for a missing, empty or unparseable data file, and for a shapes file
the user named that is missing, unparseable or holds no shapes; ``KgError`` for the same
faults of the default shapes file and for shapes pyshacl rejects. Messages are one line.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from .errors import InputError, KgError
from .graph import union_graph
from .namespaces import NIF, ontology_path
from .query import cell_text, load_graph, quiet_rdflib, shorten

DEFAULT_SHAPES = ontology_path("shapes.ttl")


@dataclass
class ValidationResult:
    """``conforms``: no result of severity sh:Violation; ``violations``: how many there are;
    ``text``: the report (summary line, then one line per result, sorted)."""

    conforms: bool
    violations: int
    text: str


# What makes a node a shape (SHACL 1.0, 2.1): a type, a target, or a path / property list.
SHAPE_TYPES = (SH.NodeShape, SH.PropertyShape)
SHAPE_PROPERTIES = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
                    SH.path, SH.property)


def holds_shapes(graph: Graph) -> bool:
    """Whether ``graph`` declares at least one SHACL shape: a node typed ``sh:NodeShape`` or
    ``sh:PropertyShape``, or the subject of a target (``sh:targetClass``, ``sh:targetNode``,
    ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``), ``sh:path`` or ``sh:property``."""
    return any((None, RDF.type, t) in graph for t in SHAPE_TYPES) \
        or any((None, p, None) in graph for p in SHAPE_PROPERTIES)


def load_shapes(shapes_path: Path | None = None) -> Graph:
    """The shapes graph (default: ``ontology/shapes.ttl``). Raises ``InputError`` for a shapes
    file the user named that is missing, unparseable or holds no shapes (:func:`holds_shapes`:
    a data graph given by mistake would otherwise "conform" with 0 violations), ``KgError``
    for the default one."""
    path = Path(shapes_path) if shapes_path is not None else DEFAULT_SHAPES
    error = InputError if shapes_path is not None else KgError
    if not path.is_file():
        raise error(f"SHACL shapes file not found: {path}")
    try:
        shapes = Graph().parse(path, format="turtle")
    except Exception as exc:
        raise error(f"{path}: cannot parse the shapes: {' '.join(str(exc).split())[:200]}") \
            from None
    if not holds_shapes(shapes):
        raise error(f"{path}: holds no SHACL shapes (no sh:NodeShape, sh:PropertyShape, "
                    "sh:targetClass, sh:targetNode, sh:targetSubjectsOf, sh:targetObjectsOf, "
                    "sh:path or sh:property); give a shapes file with --shapes")
    return shapes


def _label(graph: Graph, node: Node) -> str:
    """A readable name for a node of the data graph."""
    if isinstance(node, Literal):
        return f'"{cell_text(node)}"'
    labels = sorted(str(o) for o in graph.objects(node, RDFS.label))
    if labels:
        return labels[0]
    if (node, RDF.type, RDF.Statement) in graph or (node, RDF.subject, None) in graph:
        s = graph.value(node, RDF.subject)
        p = graph.value(node, RDF.predicate)
        o = graph.value(node, RDF.object)
        parts = (_label(graph, s) if s is not None else "?",
                 shorten(str(p)) if p is not None else "?",
                 _label(graph, o) if o is not None else "?")
        return "statement(" + " ".join(parts) + ")"
    return cell_text(node)


def _path_text(report: Graph, path: Node | None) -> str:
    if path is None:
        return "(node)"
    if isinstance(path, URIRef):
        return shorten(str(path))
    inverse = report.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path_text(report, inverse)
    return "(complex path)"


def report_lines(data: Graph, report: Graph) -> tuple[int, int, list[str]]:
    """``(violations, warnings and infos, sorted distinct lines)`` from a pyshacl report graph."""
    lines: set[str] = set()
    violations = others = 0
    # Top-level results only: pyshacl also nests the results behind an sh:node failure
    # (sh:detail), which would repeat the same problem in raw form.
    top = [r for rep in report.subjects(RDF.type, SH.ValidationReport)
           for r in report.objects(rep, SH.result)]
    for result in top:
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        severity = report.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        message = messages[0] if messages else shorten(str(report.value(
            result, SH.sourceConstraintComponent)))
        if value is not None and value != focus:
            message += f" (value: {_label(data, value)})"
        mark = "" if severity in (None, SH.Violation) else \
            ("warning: " if severity == SH.Warning else "info: ")
        line = f"{mark}{_label(data, focus)} — {_path_text(report, path)} — {message}"
        if line in lines:
            continue
        lines.add(line)
        if mark:
            others += 1
        else:
            violations += 1
    return violations, others, sorted(lines, key=lambda l: (l.startswith(("warning:", "info:")), l))


def cross_check_lines(data: Graph) -> list[str]:
    """Violations SHACL Core cannot express, in the report's line format: a statement whose
    triple is not asserted; an evidence whose ``nif:anchorOf`` is not the article text between
    its offsets. Missing or ill-typed parts are left to the shapes."""
    out = []
    statements = set(data.subjects(RDF.type, RDF.Statement)) | set(data.subjects(RDF.subject))
    for st in statements:
        triple = (data.value(st, RDF.subject), data.value(st, RDF.predicate),
                  data.value(st, RDF.object))
        if None not in triple and triple not in data:
            out.append(f"{_label(data, st)} — rdf:object — the statement's triple is not "
                       f"asserted in the graph (value: {_label(data, triple[2])})")
    for ev, anchor in data.subject_objects(NIF.anchorOf):
        begin = getattr(data.value(ev, NIF.beginIndex), "value", None)
        end = getattr(data.value(ev, NIF.endIndex), "value", None)
        article = data.value(ev, NIF.referenceContext)
        text = data.value(article, NIF.isString) if article is not None else None
        if (isinstance(begin, int) and isinstance(end, int) and text is not None
                and str(anchor) != str(text)[begin:end]):
            out.append(f"{_label(data, ev)} — nif:anchorOf — nif:anchorOf differs from the "
                       f"article text at [nif:beginIndex, nif:endIndex) (value: "
                       f"{_label(data, anchor)})")
    return out


def validate(data_path: Path | str | Graph, shapes_path: Path | None = None) -> ValidationResult:
    """Validate a graph file (or an already loaded ``Graph``) against the shapes.

    Raises ``InputError`` (data file) or ``KgError`` (shapes file)."""
    from pyshacl import validate as shacl_validate  # slow to import: only when validating

    shapes = load_shapes(shapes_path)
    if isinstance(data_path, Dataset):
        data = union_graph(data_path)
    elif isinstance(data_path, Graph):
        data = data_path
    else:
        data = load_graph(Path(data_path))  # ill-formed literals are reported, not logged
    try:
        with quiet_rdflib():
            _conforms, report, _text = shacl_validate(
                data, shacl_graph=shapes, inference="none", abort_on_first=False,
                allow_warnings=True, advanced=False, meta_shacl=False)
    except Exception as exc:  # pyshacl rejects malformed shapes at run time
        raise KgError(f"SHACL validation failed: {' '.join(str(exc).split())[:200]}") from None
    violations, others, lines = report_lines(data, report)
    extra = sorted(set(cross_check_lines(data)) - set(lines))
    violations += len(extra)
    lines = sorted(lines + extra, key=lambda l: (l.startswith(("warning:", "info:")), l))
    summary = (f"conforms: {'yes' if violations == 0 else 'no'} — {violations} violation"
               f"{'' if violations == 1 else 's'}, {others} warning{'' if others == 1 else 's'}")
    return ValidationResult(conforms=violations == 0, violations=violations,
                            text="\n".join([summary] + lines) + "\n")
