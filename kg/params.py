"""Query parameters (``kg query --param NAME=VALUE``): values read as terms, checked against the
query, and names of entities looked up as their IRIs.

A parameter is bound by a ``VALUES`` block that opens the query's WHERE group (locally and on a
server alike; see :func:`kg.remote.bind_values`), so it keeps the rows whose variable has that
value. That only works for a variable every row of the group binds: a variable bound only
inside an ``OPTIONAL``, in one branch of a ``UNION`` or inside a sub-select that does not
return it would take the given value in every row instead (a made-up investment figure or
evidence sentence), so :func:`check_bindings` refuses it, as it refuses a variable the query
lacks or computes.

A value is read by :func:`term`: ``<iri>``, ``http(s)://…`` and ``prefix:local`` (project
prefixes) are IRIs, ``"text"@zh`` and ``"5031400"^^xsd:decimal`` literals (with the escapes of
SPARQL strings: ``\\"``, ``\\\\``, ``\\n``, ``\\t``, ``\\uXXXX``), any other text a plain
literal — or, for a variable the query uses as an entity (the subject of a triple pattern),
a name: :func:`resolve_names` binds the entities whose ``rdfs:label`` or ``skos:altLabel`` it
is (``--param district=屯留区``). A parameter given several times is bound to each value (the
rows of any of them).
"""
from __future__ import annotations

import re
from itertools import product
from typing import Callable, Iterable, Mapping, Sequence

from rdflib import Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node

from .errors import InputError
from .namespaces import PREFIXES

Value = Node | str
Bindings = Mapping[str, Value | Sequence[Value]]

_QUOTED = re.compile(r'"(?P<text>(?:[^"\\]|\\.)*)"'
                     r'(?:@(?P<lang>[A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(?P<type>\S+))?', re.S)
_PREFIXED = re.compile(r"(?P<prefix>[A-Za-z][\w.-]*):(?P<local>\S*)")
_ESCAPE = re.compile(r'\\(?:u(?P<u>[0-9A-Fa-f]{4})|U(?P<U>[0-9A-Fa-f]{8})|(?P<c>[tbnrf"\'\\]))')
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'",
            "\\": "\\"}
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_XSD_TYPES = {str(t) for t in dir(XSD) if isinstance(t, URIRef)}  # its datatypes (and facets)


def term(value: Value) -> Node:
    """A parameter value as a term (see the module docstring); rdflib terms are kept as they
    are. Raises ``InputError`` for an invalid IRI, a ``prefix:local`` with a prefix kg does
    not know, a value that opens and closes quotes but is no quoted literal
    (``"x"@not_a_tag``, ``"a"b``),
    an unknown ``xsd:`` datatype and a value its datatype does not allow."""
    if isinstance(value, Node):
        return value
    text = str(value).strip()
    if text.startswith("<") and text.endswith(">"):
        return iri(text[1:-1])
    if text.startswith(("http://", "https://", "urn:")):
        return iri(text)
    if text.startswith('"') and '"' in text[1:]:  # (a lone quote is text)
        return _quoted(text)
    prefixed = _PREFIXED.fullmatch(text)
    if prefixed and prefixed["prefix"] in PREFIXES:
        return iri(str(PREFIXES[prefixed["prefix"]]) + prefixed["local"])
    if prefixed and not prefixed["local"].isdigit():  # (10:30 is text)
        raise InputError(f"unknown prefix {prefixed['prefix']}: in {text!r}; use one of "
                         f"{', '.join(p + ':' for p in sorted(PREFIXES))}, a <full IRI>, or "
                         f"quotes for text (\"{text}\")")
    return Literal(text)


def _quoted(text: str) -> Literal:
    quoted = _QUOTED.fullmatch(text)
    if quoted is None:
        raise InputError(f"not a quoted literal: {text!r}; write \"text\", \"text\"@zh or "
                         f"\"5\"^^xsd:decimal (a quote inside the text as \\\")")
    body = _ESCAPE.sub(lambda m: chr(int(m["u"] or m["U"], 16)) if m["c"] is None
                       else _ESCAPES[m["c"]], quoted["text"])
    datatype = quoted["type"]
    if datatype is None:
        return Literal(body, lang=quoted["lang"])
    kind = term(datatype)
    if not isinstance(kind, URIRef):
        raise InputError(f"not a datatype IRI: {datatype!r}")
    if str(kind).startswith(str(XSD)) and str(kind) not in _XSD_TYPES:
        raise InputError(f"no such XML Schema datatype: {datatype}")
    from .query import quiet_rdflib, shorten

    with quiet_rdflib():  # rdflib logs a traceback for an ill-typed value
        typed = Literal(body, datatype=kind)
    if typed.ill_typed:
        raise InputError(f"{body!r} is not a valid {shorten(str(kind))}")
    return typed


def iri(text: str) -> URIRef:
    """``text`` as an IRI; ``InputError`` if it holds a space, a control character or one of
    ``<>"{}|^`\\`` (which no IRI may hold, here or on a SPARQL server), or has no scheme."""
    if re.search(r'[\x00-\x20<>"{}|^`\\]', text):
        raise InputError(f"not a valid IRI: {text!r}")
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", text):
        raise InputError(f"not an absolute IRI: {text!r} (it needs a scheme, as in https://…)")
    return URIRef(text)


def _values(value: Value | Sequence[Value]) -> list[Value]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def param_terms(bindings: Bindings | None) -> dict[str, list[Node]]:
    """``--param`` bindings (``{"district": "id:place/…"}``, a value or a list of values; names
    may start with ``?``/``$``) as variable name -> its terms (:func:`term`), in their order.
    Raises ``InputError`` naming the parameter for a bad variable name or value."""
    out: dict[str, list[Node]] = {}
    for name, given in (bindings or {}).items():
        var = str(name).lstrip("?$")
        if not _VARNAME.fullmatch(var):
            raise InputError(f"--param: not a variable name: {name!r}")
        try:
            out[var] = [term(v) for v in _values(given)]
        except InputError as exc:
            raise InputError(f"--param {var}: {exc}") from None
    return out


def values_block(terms: Mapping[str, Sequence[Node]], write: Callable[[Node], str]) -> str:
    """``VALUES (?a ?b) { (a1 b1) (a2 b1) … }``: every combination of the variables' terms,
    each written by ``write`` (SPARQL term syntax)."""
    names = " ".join("?" + var for var in terms)
    rows = " ".join("(" + " ".join(map(write, row)) + ")" for row in product(*terms.values()))
    return f"VALUES ({names}) {{ {rows} }}"


# --- which variables a binding can work on ---------------------------------------------------

def query_variables(prepared) -> set[str]:
    """The names of the variables a query (rdflib's ``prepareQuery``) uses anywhere."""
    names: set[str] = set()
    stack: list = [prepared.algebra]
    while stack:
        node = stack.pop()
        if isinstance(node, Variable):
            names.add(str(node))
        elif isinstance(node, dict):  # CompValue is one
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, set, frozenset)):
            stack.extend(node)
    return names


def computed_variables(prepared) -> set[str]:
    """The variables a query computes in its own top group (``BIND (… AS ?v)`` there, an
    aggregate's ``(COUNT(…) AS ?v)``): a VALUES block opening its WHERE group cannot bind
    them (a clash, or no effect). Left out: GROUP BY keys (rdflib samples them), and what a
    nested group, a UNION branch or a sub-select computes: its result joins with a binding.
    The top group is the left spine of rdflib's algebra (each BIND, OPTIONAL or sub-group
    wraps what came before it)."""
    spine = []
    node = prepared.algebra.get("p")
    while isinstance(node, CompValue) and node.name != "ToMultiSet":
        spine.append(node)
        node = node.get("p1") if node.name in ("Join", "LeftJoin", "Minus") else node.get("p")
    keys = {str(a["res"]) for n in spine if n.name == "AggregateJoin"
            for a in n["A"] if a.name == "Aggregate_Sample"}
    return {str(n["var"]) for n in spine if n.name == "Extend"
            and not str(n["var"]).startswith("__") and str(n["expr"]) not in keys}


_SOLUTION_MODIFIERS = ("Project", "OrderBy", "Slice", "Distinct", "Reduced", "Extend",
                       "Filter", "AggregateJoin", "Group")


def certain_variables(prepared) -> set[str]:
    """The variables every solution of the query's WHERE group binds: those of its triple
    patterns outside ``OPTIONAL`` and ``MINUS``, of every branch of a ``UNION``, and those a
    sub-select returns and binds in every row. (The group is what a VALUES block opening it
    joins with: the query's projection, ORDER BY and GROUP BY sit above it.)"""
    node = prepared.algebra.get("p")
    while isinstance(node, CompValue) and node.name in _SOLUTION_MODIFIERS:
        node = node.get("p")
    return _certain(node)


def _certain(node) -> set[str]:
    if not isinstance(node, CompValue):
        return set()
    name = node.name
    if name == "BGP":
        return {str(t) for triple in node["triples"] for t in triple if isinstance(t, Variable)}
    if name == "Join":
        return _certain(node["p1"]) | _certain(node["p2"])
    if name in ("LeftJoin", "Minus"):
        return _certain(node["p1"])
    if name == "Union":
        return _certain(node["p1"]) & _certain(node["p2"])
    if name == "Extend":
        return _certain(node["p"]) | {str(node["var"])}
    if name == "Project":  # a sub-select: what it returns
        return _certain(node["p"]) & {str(v) for v in node["PV"]}
    if name == "AggregateJoin":  # only its Extends (keys, aggregates) bind anything outside
        return set()
    if name == "Graph":
        graph = {str(node["term"])} if isinstance(node["term"], Variable) else set()
        return _certain(node["p"]) | graph
    if name in ("values", "ToMultiSet") and "res" in node:  # an inline VALUES block
        rows = node["res"] or [{}]
        return set.intersection(*({str(v) for v, t in row.items() if t is not None}
                                  for row in rows))
    if "p" in node:  # Filter, OrderBy, Slice, Distinct, Reduced, Group, ToMultiSet
        return _certain(node["p"])
    return set()


def resource_variables(prepared) -> set[str]:
    """The variables a query uses as entities: the subject of one of its triple patterns
    (a literal never is one)."""
    found: set[str] = set()
    stack: list = [prepared.algebra]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue) and node.name == "BGP":
            found.update(str(s) for s, _p, _o in node["triples"] if isinstance(s, Variable))
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
    return found


def check_bindings(prepared, bindings: Mapping[str, object] | None) -> None:
    """``InputError`` when a binding names a variable the query does not have, one it
    computes (:func:`computed_variables`) or one not every row binds
    (:func:`certain_variables`): a misspelt or misplaced ``--param`` would otherwise filter
    nothing, silently, show the given value in every row, or fail as a syntax error of the
    query."""
    if not bindings:
        return
    known = query_variables(prepared)
    computed = computed_variables(prepared)
    certain = certain_variables(prepared)
    for name in bindings:
        var = str(name).lstrip("?$")
        if var not in known:
            shown = ", ".join("?" + v for v in sorted(known) if not v.startswith("_"))
            raise InputError(f"--param {var}: the query has no variable ?{var} "
                             f"(its variables: {shown})")
        if var in computed:
            raise InputError(f"--param {var}: the query computes ?{var} (… AS ?{var}), so it "
                             f"cannot be bound; bind a variable its patterns match")
        if var not in certain:
            shown = ", ".join("?" + v for v in sorted(certain - computed)
                              if not v.startswith("_"))
            raise InputError(f"--param {var}: not every row binds ?{var} (it is matched only "
                             f"inside an OPTIONAL, one branch of a UNION or a sub-select that "
                             f"does not return it), so a value for it would be shown in every "
                             f"row instead of choosing rows; bind one of {shown}")


# --- names of entities -------------------------------------------------------------------------

_LABELS = "<http://www.w3.org/2000/01/rdf-schema#label>|" \
          "<http://www.w3.org/2004/02/skos/core#altLabel>"


def is_name(value: Value) -> bool:
    """Whether a parameter value is bare text (no quotes, no IRI): a name to look up when its
    variable stands for an entity."""
    return isinstance(value, str) and not isinstance(value, Node) and \
        type(term(value)) is Literal and not _QUOTED.fullmatch(str(value).strip())


def resolve_names(prepared, bindings: Bindings | None,
                  select: Callable[[str], Iterable[Sequence[Node | None]]],
                  note: Callable[[str], None] | None = None) -> dict[str, list[Value]]:
    """``bindings`` with every name given for a variable the query uses as an entity
    (:func:`resource_variables`, :func:`is_name`) replaced by the IRIs of the entities of that
    ``rdfs:label`` or ``skos:altLabel`` (labels are ``@zh``; a plain one matches too), each
    told to ``note`` (``?district: 屯留区 is <…>``). ``select(text)`` runs a SPARQL SELECT on
    the same graph or server and gives its rows. Raises ``InputError`` for a name no entity
    has (with up to five labels that contain it) and for a quoted literal given for such a
    variable (it can never match)."""
    from .remote import sparql_term

    out: dict[str, list[Value]] = {}
    entities = resource_variables(prepared)
    for name, given in (bindings or {}).items():
        var = str(name).lstrip("?$")
        values: list[Value] = []
        for value in _values(given):
            if var not in entities:
                values.append(value)
                continue
            if not is_name(value):
                if isinstance(term(value), Literal):
                    raise InputError(f"--param {var}: ?{var} stands for an entity (the query "
                                     f"uses it as a subject), so the literal {value} never "
                                     f"matches; give the entity's name without quotes or "
                                     f"its IRI")
                values.append(value)
                continue
            text = str(value).strip()
            names = f"{sparql_term(Literal(text, lang='zh'))} {sparql_term(Literal(text))}"
            found = [row[0] for row in select(
                f"SELECT DISTINCT ?entity WHERE {{ VALUES ?name {{ {names} }} "
                f"?entity {_LABELS} ?name . }} ORDER BY ?entity")
                if isinstance(row[0], URIRef)]
            if not found:
                near = [str(row[0]) for row in select(
                    f"SELECT DISTINCT ?label WHERE {{ ?entity {_LABELS} ?label . "
                    f"FILTER (CONTAINS(STR(?label), {sparql_term(Literal(text))})) }} "
                    f"ORDER BY STRLEN(STR(?label)) STR(?label) LIMIT 5") if row[0] is not None]
                hint = f"; names that contain it: {', '.join(near)}" if near else ""
                raise InputError(f"--param {var}: no entity is named {text!r}{hint}; or give "
                                 f"an IRI (id:…)")
            if note is not None:
                from .query import shorten

                note(f"?{var}: {text} is {', '.join(shorten(str(e)) for e in found)}")
            values.extend(found)
        out[name] = values
    return out
