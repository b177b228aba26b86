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
prefixes) are IRIs, ``"text"``, ``"text"@zh`` and ``"5031400"^^xsd:decimal`` exactly those
literals (with the escapes of SPARQL strings: ``\\"``, ``\\\\``, ``\\n``, ``\\t``,
``\\uXXXX``). Bare text is what it stands for (:func:`resolve_names`): for a variable the
query uses as an entity (in every row the subject of a triple pattern) a name, bound to the
entities whose ``rdfs:label`` or ``skos:altLabel`` it is (``--param district=屯留区``); for
any other variable the text, the same text as a label (``@zh``) and, for a number or a date,
that typed value (:func:`text_forms`) — or, where the variable is a subject in some rows, the
entities of that name when there are some. A parameter given several times is bound to each
value (the rows of any of them).
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date
from decimal import Decimal
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
    body = _unescape(quoted["text"])
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


def _unescape(text: str) -> str:
    """The text of a quoted value with its SPARQL string escapes read. Raises ``InputError``
    for a backslash that starts no escape and for a code point no string can hold."""
    if "\\" in _ESCAPE.sub("", text):
        raise InputError(f"not a valid escape in {text!r}: use \\\\, \\\", \\n, \\t, "
                         f"\\uXXXX or \\UXXXXXXXX")

    def one(m: re.Match) -> str:
        if m["c"] is not None:
            return _ESCAPES[m["c"]]
        code = int(m["u"] or m["U"], 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise InputError(f"not a character: {m.group()}")
        return chr(code)
    return _ESCAPE.sub(one, text)


def iri(text: str) -> URIRef:
    """``text`` as an IRI; ``InputError`` if it holds a space, a control character or one of
    ``<>"{}|^`\\`` (which no IRI may hold, here or on a SPARQL server), or has no scheme."""
    if re.search(r'[\x00-\x20<>"{}|^`\\]', text):
        raise InputError(f"not a valid IRI: {text!r}")
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", text):
        raise InputError(f"not an absolute IRI: {text!r} (it needs a scheme, as in https://…)")
    return URIRef(text)


def as_list(value: Value | Sequence[Value]) -> list[Value]:
    """A parameter's value or values, as a list."""
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
        values = as_list(given)
        if not values:
            raise InputError(f"--param {var}: no value")
        if any(not isinstance(v, Node) and not str(v).strip() for v in values):
            raise InputError(f"--param {var}: empty value (the empty text is '\"\"')")
        try:
            out[var] = [term(v) for v in values]
        except InputError as exc:
            raise InputError(f"--param {var}: {exc}") from None
    return out


def values_block(terms: Mapping[str, Sequence[Node]], write: Callable[[Node], str]) -> str:
    """``VALUES ?a { a1 a2 } VALUES ?b { b1 }``: one block per variable, each term written by
    ``write`` (SPARQL term syntax). The group joins them, so a row matches when each variable
    has one of its values, and the text grows with the number of values, not with their
    product."""
    return " ".join(f"VALUES ?{var} {{ {' '.join(map(write, values))} }}"
                    for var, values in terms.items())


# --- which variables a binding can work on ---------------------------------------------------

def query_variables(prepared) -> set[str]:
    """The names of the variables a query (rdflib's ``prepareQuery``) uses anywhere."""
    return _variables(prepared.algebra)


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
    return _certain(_where_group(prepared))


def _where_group(prepared):
    """The algebra of a query's WHERE group: below its projection, ORDER BY, GROUP BY and the
    other solution modifiers (where a VALUES block opening the group joins)."""
    node = prepared.algebra.get("p")
    while isinstance(node, CompValue) and node.name in _SOLUTION_MODIFIERS:
        node = node.get("p")
    return node


def _certain(node, subjects: bool = False) -> set[str]:
    """The variables every solution of ``node`` binds (see :func:`certain_variables`); with
    ``subjects``, only those that are the subject of one of its triple patterns."""
    if not isinstance(node, CompValue):
        return set()
    name = node.name
    if name == "BGP":
        return {str(t) for triple in node["triples"] for t in
                (triple[:1] if subjects else triple) if isinstance(t, Variable)}
    if name == "Join":
        return _certain(node["p1"], subjects) | _certain(node["p2"], subjects)
    if name in ("LeftJoin", "Minus"):
        return _certain(node["p1"], subjects)
    if name == "Union":
        return _certain(node["p1"], subjects) & _certain(node["p2"], subjects)
    if name == "Extend":
        inner = _certain(node["p"], subjects)
        bound = not subjects and _always(node["expr"], inner)
        return inner | ({str(node["var"])} if bound else set())
    if name == "Project":  # a sub-select: what it returns
        return _certain(node["p"], subjects) & {str(v) for v in node["PV"]}
    if name == "AggregateJoin":  # what its Extends give out: group keys and aggregates
        group = node["p"] if isinstance(node["p"], CompValue) else {}
        inner = _certain(group.get("p"))
        keyed = bool(group.get("expr"))  # without GROUP BY, MIN/MAX/SAMPLE of no row: unbound
        return set() if subjects else {
            str(a["res"]) for a in node["A"]
            if a.name in ("Aggregate_Count", "Aggregate_GroupConcat")
            or (keyed and _variables(a["vars"]) <= inner)}
    if name == "Graph":
        graph = {str(node["term"])} if isinstance(node["term"], Variable) else set()
        return _certain(node["p"], subjects) | (set() if subjects else graph)
    if name in ("values", "ToMultiSet") and "res" in node:  # an inline VALUES block
        rows = node["res"] or [{}]
        return set() if subjects else set.intersection(
            *({str(v) for v, t in row.items() if isinstance(t, Node)}
              for row in rows))  # (UNDEF is the text "UNDEF")
    if "p" in node:  # Filter, OrderBy, Slice, Distinct, Reduced, Group, ToMultiSet
        return _certain(node["p"], subjects)
    return set()


def _always(expr, certain: set[str]) -> bool:
    """Whether ``expr`` (a BIND's) has a value in every row where the ``certain`` variables are
    bound: a constant, one of them, or a COALESCE with one of those among its arguments.
    Anything else may fail (STR of nothing, arithmetic on text) and leave its variable
    unbound."""
    if isinstance(expr, (URIRef, Literal)):
        return True
    if isinstance(expr, Variable):
        return str(expr) in certain
    if isinstance(expr, CompValue) and expr.name == "Builtin_COALESCE":
        return any(_always(arg, certain) for arg in expr["arg"])
    return False


def _variables(expr) -> set[str]:
    """The variables an expression (rdflib algebra) reads."""
    return {str(n) for n in _nodes(expr) if isinstance(n, Variable)}


def _nodes(root) -> Iterable:
    """Every node under ``root`` in rdflib's algebra (CompValues, their keys and values)."""
    stack: list = [root]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, dict):  # CompValue is one
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, set, frozenset)):
            stack.extend(node)


def resource_variables(prepared) -> set[str]:
    """The variables a query uses as entities: in every row, the subject of one of its triple
    patterns (outside OPTIONAL and MINUS; a literal never is one). A variable that is a
    subject only inside an OPTIONAL may hold a literal too (evidence.rq's ``?object``)."""
    return _certain(_where_group(prepared), subjects=True)


def subject_variables(prepared) -> set[str]:
    """The variables that are the subject of a triple pattern anywhere in a query (in some
    rows at least: an OPTIONAL, a UNION branch, a sub-select)."""
    return {str(t[0]) for node in _nodes(prepared.algebra)
            if isinstance(node, CompValue) and node.name == "BGP"
            for t in node["triples"] if isinstance(t[0], Variable)}


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
                             f"inside an OPTIONAL, a MINUS or FILTER EXISTS, one branch of a "
                             f"UNION or a sub-select that does not return it, or set by a "
                             f"VALUES UNDEF or a BIND that can fail), so a value for it would "
                             f"be shown in every row instead of choosing rows; "
                             + (f"bind one of {shown}" if shown else
                                "this query has no variable that can be bound"))


# --- names of entities -------------------------------------------------------------------------

_LABELS = "<http://www.w3.org/2000/01/rdf-schema#label>|" \
          "<http://www.w3.org/2004/02/skos/core#altLabel>"


def is_name(value: Value) -> bool:
    """Whether a parameter value is bare text (no quotes, no IRI): a name to look up when its
    variable stands for an entity."""
    return isinstance(value, str) and not isinstance(value, Node) and \
        type(term(value)) is Literal and not _QUOTED.fullmatch(str(value).strip())


def near_names(name: str, names: Iterable[str], n: int = 8) -> list[str]:
    """Up to ``n`` of ``names`` near ``name``: those that contain it (NFKC, case and spaces
    ignored), shortest first, else the closest by :func:`difflib.get_close_matches` (ratio at
    least 0.4, so 屯流区 finds 屯留区)."""
    want = _fold(name)
    names = sorted(set(names))
    near = sorted((x for x in names if want and want in _fold(x)), key=len)[:n]
    return near or difflib.get_close_matches(name, names, n=n, cutoff=0.4)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace(" ", "")


def text_forms(text: str) -> list[Literal]:
    """The literals bare text stands for: itself and the same text as a label (``@zh``),
    also in simplified characters (OpenCC t2s: the graph's text is simplified); for a number
    its canonical ``xsd:decimal`` and ``xsd:integer`` (amounts are yuan, written
    ``"5031400"^^xsd:decimal``); for ``2024``, ``2024-07`` or ``2024-07-11`` (a real month
    and day) its ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date``."""
    forms = [Literal(t, lang=lang) for t in dict.fromkeys([text, _simplified(text)])
             for lang in (None, "zh")]
    if re.fullmatch(r"-?\d+(\.\d+)?", text):
        number = Decimal(text).normalize() or Decimal(0)  # (-0 is 0)
        forms.append(Literal(format(number, "f"), datatype=XSD.decimal))
        if number == number.to_integral_value():
            forms.append(Literal(format(number, "f"), datatype=XSD.integer))
    if re.fullmatch(r"\d{4}", text):
        forms.append(Literal(text, datatype=XSD.gYear))
    elif re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        forms.append(Literal(text, datatype=XSD.gYearMonth))
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            date.fromisoformat(text)
            forms.append(Literal(text, datatype=XSD.date))
        except ValueError:  # 2024-02-30: no such day
            pass
    return forms


def _simplified(text: str) -> str:
    """``text`` in simplified characters (:func:`kg.ingest.to_simplified`)."""
    from .ingest import to_simplified

    return to_simplified(text)


def empty_hint(prepared, bindings: Bindings | None) -> str | None:
    """What to tell a user whose query gave no row while bare text was bound (see
    :func:`resolve_names`), or None: how text on a variable that is no entity was matched (an
    IRI or an exact value there is easily mistyped), and that an entity found by its name may
    be of another kind than the query takes (北京市 for partners.rq's ?district)."""
    entities = resource_variables(prepared)
    given = [(str(name).lstrip("?$"), str(v).strip()) for name, values in (bindings or {}).items()
             for v in as_list(values) if is_name(v)]
    texts = [f"?{var} = {value!r}" for var, value in given if var not in entities]
    names = [f"?{var} = {value!r}" for var, value in given if var in entities]
    hints = []
    if texts:
        hints.append(f"{', '.join(texts)} was matched as that text, as a label (@zh) and, for "
                     f"a number or date, as that value: an IRI is written kg:donatedTo, id:… "
                     f"or <…>, and a name as the graph writes it")
    if names:
        hints.append(f"for {', '.join(names)} the entities of that name were found (above); "
                     f"the query's header says what kind of entity it takes")
    return "no rows; " + "; ".join(hints) if hints else None


def _clean(text: str) -> str:
    """``text`` on one line (control characters as spaces), for a note."""
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)


def resolve_names(prepared, bindings: Bindings | None,
                  select: Callable[[str], Iterable[Sequence[Node | None]]],
                  note: Callable[[str], None] | None = None) -> dict[str, list[Value]]:
    """``bindings`` with bare text (:func:`is_name`) replaced by what it stands for: for a
    variable the query uses as an entity in every row (:func:`resource_variables`) the IRIs
    of the entities whose ``rdfs:label`` or ``skos:altLabel`` it is (labels are ``@zh``; a
    plain one matches too), each told to ``note`` (``?district: 屯留区 is id:place/…``); for
    a variable that is the subject of a triple pattern only in some rows (one UNION branch,
    an OPTIONAL, a sub-select's group key) those IRIs, or :func:`text_forms` when no entity
    has that name; for any other variable :func:`text_forms`. A value found twice counts once. ``select(text)``
    runs a SPARQL SELECT on the same graph or server and gives its rows. Raises
    ``InputError`` for a bad value (as :func:`param_terms`), a name no entity has for an
    entity variable (naming up to five near names, :func:`near_names`) and a quoted literal
    given for one (it never matches)."""
    param_terms(bindings)  # every value well formed, or the error names its parameter
    out: dict[str, list[Value]] = {}
    entities = resource_variables(prepared)
    subjects = subject_variables(prepared)
    for name, given in (bindings or {}).items():
        var = str(name).lstrip("?$")
        values: list[Value] = []
        for value in dict.fromkeys(as_list(given)):  # a value given twice counts once
            bare = is_name(value)
            if var not in entities:
                found = _entities_named(str(value).strip(), select, var, note) \
                    if bare and var in subjects else []
                values.extend(found or (text_forms(str(value).strip()) if bare else [value]))
                continue
            if not bare:
                if isinstance(term(value), Literal):
                    raise InputError(f"--param {var}: ?{var} stands for an entity (the query "
                                     f"uses it as a subject), so the literal {value} never "
                                     f"matches; give the entity's name without quotes or "
                                     f"its IRI")
                values.append(value)
                continue
            text = str(value).strip()
            found = _entities_named(text, select, var, note)
            if not found:
                labels = (str(row[0]) for row in select(
                    f"SELECT DISTINCT ?label WHERE {{ ?entity {_LABELS} ?label . }}")
                    if row[0] is not None)
                near = near_names(text, labels, 5)
                hint = f"; near names: {', '.join(near)}" if near else ""
                raise InputError(f"--param {var}: no entity is named {_clean(text)!r}{hint}; "
                                 f"or give an IRI (id:…)")
            values.extend(found)
        out[name] = list(dict.fromkeys(values))  # (a name and its IRI, 屯留区 and 屯留區 ...)
    return out


def _entities_named(text: str, select: Callable[[str], Iterable[Sequence[Node | None]]],
                    var: str, note: Callable[[str], None] | None) -> list[URIRef]:
    """The entities whose label or other name ``text`` is (in simplified characters too),
    told to ``note`` when there are some."""
    from .remote import sparql_term

    names = " ".join(sparql_term(Literal(t, lang=lang))
                     for t in dict.fromkeys([text, _simplified(text)]) for lang in ("zh", None))
    found = [row[0] for row in select(
        f"SELECT DISTINCT ?entity WHERE {{ VALUES ?name {{ {names} }} "
        f"?entity {_LABELS} ?name . }} ORDER BY ?entity") if isinstance(row[0], URIRef)]
    if found and note is not None:
        from .query import shorten

        note(f"?{var}: {_clean(text)} is {', '.join(shorten(str(e)) for e in found)}")
    return found
