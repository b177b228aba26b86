"""Stage 6 (viewer): the entity network as ONE self-contained, offline HTML page.

:func:`write_html` draws every entity (a subject typed with a class of
:data:`kg.namespaces.ENTITY_CLASSES`) as a node and every relation triple between two entities
(:data:`kg.namespaces.RELATIONS`) as an edge, with pyvis (vis-network 9.1.2) underneath.

* Colour and shape by coarse class. Colours are ColorBrewer **Set2** (8-class qualitative,
  colour-blind safe; Cynthia A. Brewer, colorbrewer2.org, Penn State): Place ``dot``,
  Organization ``square``, Person ``triangle``, Project ``diamond``, Event ``star``, Facility
  ``hexagon``, Product ``triangleDown``; anything else is Set2's grey ``dot``. These shapes
  draw the label below them and honour ``size``, which grows with the node's degree
  (networkx ``MultiGraph``: one per relation edge). The legend is HTML, not nodes.
* Edge label: the Chinese ``rdfs:label`` of the predicate in ``ontology/kg.ttl`` (else its local
  name); symmetric relations (partnerOf ...) are drawn once and without an arrow.
* Tooltips are plain text with newlines: fine/coarse class, every label, and for each fact the
  evidence sentence (``nif:anchorOf``) with its article's ``schema:headline``.

Offline: no ``http://`` or ``https://`` anywhere in the file. pyvis's own template pulls
bootstrap from a CDN (even with ``cdn_resources="in_line"``) and, when a title contains
``href``, shows tooltips through ``innerHTML``; so pyvis renders through :data:`_TEMPLATE`
instead, which inlines the vis-network JS/CSS shipped inside pyvis. The URLs in that JS are
only in its licence comment (scheme dropped) and string literals (``://`` written ``:\\/\\/``,
the same string to JavaScript). Node ids are ``n0``, ``n1`` ...; RDF IRIs never reach the page.

Untrusted text (labels, sentences, headlines) is shown as TEXT: vis-network 9.1.2 puts a string
``title`` in its tooltip with ``innerText`` (only a DOM Element is inserted as HTML; no option
is needed or exists to turn this on) and ``font.multi`` stays off, so labels are not parsed
for markup. Everything embedded in ``<script>`` goes through :func:`_js`: JSON with ``< > & /``,
U+2028/U+2029 and lone surrogates written as ``\\uXXXX``, so no string can close the script
(``</script>``), open a comment, or spell a URL; HTML text goes through Jinja autoescaping.
"""
from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import DictLoader, Environment
from markupsafe import Markup
from pyvis.network import Network
from rdflib import PROV, RDF, RDFS, SKOS, Graph, URIRef

from .namespaces import (ENTITY_CLASSES, ontology_path, KG, NIF, RELATIONS, SCHEMA, SYMMETRIC_RELATIONS,
                         coarse_class)

ONTOLOGY_TTL = ontology_path("kg.ttl")
VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
FONT_STACK = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif'

# coarse class -> (Chinese name, ColorBrewer Set2 colour, vis-network shape, legend glyph)
PALETTE: dict[str, tuple[str, str, str, str]] = {
    "Place": ("地点", "#66c2a5", "dot", "●"),
    "Organization": ("机构", "#fc8d62", "square", "■"),
    "Person": ("人物", "#8da0cb", "triangle", "▲"),
    "Project": ("项目", "#e78ac3", "diamond", "◆"),
    "Event": ("事件", "#a6d854", "star", "★"),
    "Facility": ("设施", "#ffd92f", "hexagon", "⬢"),
    "Product": ("产品", "#e5c494", "triangleDown", "▼"),
}
OTHER = ("其他", "#b3b3b3", "dot", "●")

OPTIONS = {
    "nodes": {"font": {"face": FONT_STACK, "size": 14, "multi": False}, "borderWidth": 1},
    "edges": {"font": {"face": FONT_STACK, "size": 11, "align": "middle", "multi": False},
              "color": {"color": "#888888"}, "smooth": {"type": "continuous"}},
    "physics": {"enabled": True, "solver": "forceAtlas2Based",
                "stabilization": {"enabled": True, "iterations": 1000, "fit": True}},
    "interaction": {"hover": True, "tooltipDelay": 150},
}

_JS_UNSAFE = re.compile("[<>&/\u2028\u2029\ud800-\udfff]")


def _js(value) -> str:
    """``value`` as JSON that is safe inside ``<script>`` (see the module docstring)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return _JS_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the pyvis package, with every URL defanged."""
    js = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    css = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    end = js.index("*/") + 2  # the licence comment: keep it, drop the schemes
    js = re.sub(r"(?i)https?://", "", js[:end]) + js[end:]
    js = re.sub(r"(?i)(https?):/{2}", r"\1:\\/\\/", js)  # string literals: same value in JS
    js = re.sub(r"(?i)</(script)", r"<\\/\1", js)
    if re.search(r"(?i)https?://|</style", css) or re.search(r"(?i)https?://", js):
        raise RuntimeError(f"unexpected remote reference in {VIS_DIR}")
    return js, css


def load_labels(path: Path = ONTOLOGY_TTL) -> dict[str, dict[str, str]]:
    """``{local name: {"zh": ..., "en": ...}}`` from the ``rdfs:label`` of ``kg:`` terms."""
    out: dict[str, dict[str, str]] = {}
    if not Path(path).exists():
        return out
    onto = Graph().parse(path, format="turtle")
    ns = str(KG)
    pairs = sorted(onto.subject_objects(RDFS.label), key=lambda tl: tuple(map(repr, tl)))
    for term, label in pairs:  # an exact "zh" label wins over "zh-cn" whatever the order
        lang = (getattr(label, "language", None) or "").lower()
        if str(term).startswith(ns) and lang.split("-")[0] in ("zh", "en"):
            entry = out.setdefault(str(term)[len(ns):], {})
            if lang in ("zh", "en") or lang[:2] not in entry:
                entry[lang[:2]] = str(label)
    return out


def _local(term) -> str:
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def write_html(graph: Graph, path: Path, labels: dict[str, dict[str, str]] | None = None) -> dict:
    """Write the entity network of ``graph`` to ``path`` (UTF-8); return ``{"nodes", "edges"}``."""
    labels = load_labels() if labels is None else labels

    def pred_name(name: str) -> str:
        return labels.get(name, {}).get("zh") or name

    def text(term) -> str:
        return min(map(str, graph.objects(term, RDFS.label)), default=None) or _local(term)

    entity_types: dict[URIRef, set[str]] = defaultdict(set)
    for cls in ENTITY_CLASSES:
        for s in graph.subjects(RDF.type, KG[cls]):
            entity_types[s].add(cls)
    order = sorted(entity_types, key=lambda s: (text(s), str(s)))
    rank = {s: i for i, s in enumerate(order)}
    ids = {s: f"n{i}" for s, i in rank.items()}

    # (s, p, o) -> ["「sentence」——《headline》"]; entity -> the facts it is subject or object of
    evidence: dict[tuple, list[str]] = defaultdict(list)
    facts: dict[URIRef, list[tuple]] = defaultdict(list)
    for st in graph.subjects(RDF.type, RDF.Statement):
        s, p, o = (graph.value(st, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        if s is None or p is None or o is None:
            continue
        for ev in graph.objects(st, PROV.wasDerivedFrom):
            sentence = graph.value(ev, NIF.anchorOf)
            article = graph.value(ev, NIF.referenceContext)
            headline = graph.value(article, SCHEMA.headline) if article is not None else None
            evidence[(s, p, o)].append(f"「{sentence or ''}」\n    ——《{headline or ''}》")
        facts[s].append((s, p, o))
        if o in ids:
            facts[o].append((s, p, o))

    edges: dict[tuple, tuple] = {}  # dedupe key -> (s, name, o)
    for name in RELATIONS:
        pairs = [(s, o) for s, o in graph.subject_objects(KG[name]) if s in ids and o in ids]
        for s, o in sorted(pairs, key=lambda so: (rank[so[0]], rank[so[1]])):
            sym = name in SYMMETRIC_RELATIONS
            key = (name, frozenset((s, o))) if sym else (name, s, o)
            edges.setdefault(key, (s, name, o))

    multi = nx.MultiGraph()
    multi.add_nodes_from(ids.values())
    multi.add_edges_from((ids[s], ids[o]) for s, _n, o in edges.values())

    net = Network(height="780px", width="100%", directed=True, cdn_resources="in_line")
    present: dict[str, int] = defaultdict(int)
    for node in order:
        fine = sorted(entity_types[node])
        coarse = coarse_class(fine[0])
        present[coarse if coarse in PALETTE else "other"] += 1
        _zh, colour, shape, _glyph = PALETTE.get(coarse, OTHER)
        names = [text(node)] + sorted({str(x) for x in graph.objects(node, SKOS.altLabel)})
        hidden = sorted({str(x) for x in graph.objects(node, SKOS.hiddenLabel)})
        lines = [text(node), f"类别: {' / '.join(fine)} ({coarse})",
                 "名称: " + "、".join(names)]
        if hidden:
            lines.append("派生名称: " + "、".join(hidden))
        told: dict[str, set[str]] = defaultdict(set)  # fact line -> its evidence
        for s, p, o in facts[node]:  # a symmetric relation stated both ways is one line
            if _local(p) in SYMMETRIC_RELATIONS:
                other = f"— {text(o if s == node else s)}"
            elif s != node:
                other = f"← {text(s)}"
            else:
                other = f"→ {text(o)}" if isinstance(o, URIRef) else f"= {o}"
            told[f"• {pred_name(_local(p))} {other}"].update(evidence[(s, p, o)])
        for line in sorted(told):
            lines.append(line)
            lines.extend("    " + e for e in sorted(told[line]))
        net.add_node(ids[node], label=text(node), shape=shape, color=colour,
                     size=12 + 6 * math.sqrt(multi.degree(ids[node])), title="\n".join(lines))

    for i, (s, name, o) in enumerate(edges.values()):
        ev = sorted(set(evidence[(s, KG[name], o)] + evidence[(o, KG[name], s)]
                        if name in SYMMETRIC_RELATIONS else evidence[(s, KG[name], o)]))
        en = labels.get(name, {}).get("en")
        head = f"{pred_name(name)} ({name}{', ' + en if en else ''})"
        arrow = "—" if name in SYMMETRIC_RELATIONS else "→"
        title = "\n".join([head, f"{text(s)} {arrow} {text(o)}"] + ev)
        arrows = {"to": {"enabled": name not in SYMMETRIC_RELATIONS}}
        net.add_edge(ids[s], ids[o], id=f"e{i}", label=pred_name(name), title=title,
                     arrows=arrows)

    net.options = OPTIONS  # what pyvis would use; the template takes it through _js
    js, css = _vis_assets()
    legend = [(k, *PALETTE.get(k, OTHER), present[k]) for k in (*PALETTE, "other") if present[k]]
    env = Environment(loader=DictLoader({"kg.html": _TEMPLATE}), autoescape=True)
    env.filters["js"] = lambda value: Markup(_js(value))  # already safe for <script>
    env.globals["kg"] = {"vis_js": js, "vis_css": css, "font": FONT_STACK, "legend": legend,
                         "n_nodes": len(net.nodes), "n_edges": len(net.edges), "options": OPTIONS}
    net.templateEnv, net.path = env, "kg.html"
    html = net.generate_html()
    Path(path).write_text(html, encoding="utf-8")
    return {"nodes": len(net.nodes), "edges": len(net.edges)}


# Rendered by pyvis's generate_html (nodes/edges from pyvis); the vis assets are vetted text.
_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>实体关系网络 · Entity network</title>
<style>{{ kg.vis_css|safe }}</style>
<style>
body { margin: 0; font-family: {{ kg.font|safe }}; color: #222; }
header { padding: 8px 16px; }
h1 { font-size: 20px; margin: 4px 0; }
#summary { margin: 0 0 6px; color: #555; }
#legend span.item { margin-right: 16px; white-space: nowrap; }
#legend span.glyph { font-size: 18px; margin-right: 4px; }
#mynetwork { width: {{ width }}; height: {{ height }}; border-top: 1px solid #ddd; }
div.vis-tooltip { white-space: pre-wrap; max-width: 520px;
                  font-family: {{ kg.font|safe }}; }
</style>
<script>{{ kg.vis_js|safe }}</script>
</head>
<body>
<header>
<h1>实体关系网络 · Entity network</h1>
<p id="summary">{{ kg.n_nodes }} 个实体，{{ kg.n_edges }} 条关系
({{ kg.n_nodes }} entities, {{ kg.n_edges }} relations)</p>
<div id="legend">
{%- for key, zh, colour, shape, glyph, n in kg.legend %}
<span class="item" data-class="{{ key }}" data-shape="{{ shape }}">
<span class="glyph" style="color: {{ colour }}">{{ glyph }}</span>
{{- zh }} {{ key }} ({{ n }})</span>
{%- endfor %}
</div>
</header>
<div id="mynetwork"></div>
<script>
var nodes = new vis.DataSet({{ nodes|js }});
var edges = new vis.DataSet({{ edges|js }});
var options = {{ kg.options|js }};
var container = document.getElementById("mynetwork");
var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
network.once("stabilizationIterationsDone", () => network.setOptions({physics: false}));
</script>
</body>
</html>
"""
