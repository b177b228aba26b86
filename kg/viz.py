"""Stage 6 (viewer): the entity network as ONE self-contained, offline HTML page.

:func:`write_html` reads the network of a built graph (:func:`kg.network.read_network`), keeps
what a :class:`~kg.network.Selection` asks for (``kg viz --focus/--hops/--classes/--predicates/
--max-nodes``) and draws it with pyvis (vis-network 9.1.2) underneath:

* Colour and shape by coarse class. Colours are ColorBrewer **Set2** (8-class qualitative,
  colour-blind safe; Cynthia A. Brewer, colorbrewer2.org, Penn State): Place ``dot``,
  Organization ``square``, Person ``triangle``, Project ``diamond``, Event ``star``, Facility
  ``hexagon``, Product ``triangleDown``; anything else is Set2's grey ``dot``. The legend is
  HTML, with a checkbox per class to filter by it. Node size grows with the degree (one per
  relation) or the betweenness (:func:`kg.stats.betweenness`) in the drawn network.
* Edge label: the ``@zh`` ``rdfs:label`` of the predicate in ``ontology/kg.ttl`` (else its
  local name), the ``@en`` one on the page's language toggle; symmetric relations (partnerOf
  ...) are drawn once and without an arrow.
* A search box finds an entity by any of its labels (东城 or 東城 finds 北京市东城区); filters by
  class, predicate and article; clicking a node (or an edge) opens a side panel with its
  labels, class, facts and, for each fact, the evidence sentence (``nif:anchorOf``) with its
  article's ``schema:headline``. Tooltips are short plain text.
* Layout: up to :data:`PHYSICS_MAX_NODES` nodes vis-network's physics settles the layout, then
  is switched off so it stays put; above, positions come from networkx (``spring_layout``, seed
  :data:`SEED`) and physics is off from the start. The header says what a selection left out.

State for tests and scripts: ``window.kgView`` (documented in :data:`_TEMPLATE`'s script).

Offline: no ``http://`` or ``https://`` anywhere in the file. pyvis's own template pulls
bootstrap and tom-select from a CDN (even with ``cdn_resources="in_line"``) for its select and
filter menus and, when a title contains ``href``, shows tooltips through ``innerHTML``; so pyvis
renders through :data:`_TEMPLATE` instead, which inlines the vis-network JS/CSS shipped inside
pyvis and does search and filters itself. The URLs in that JS are only in its licence comment
(scheme dropped) and string literals (``://`` written ``:\\/\\/``, the same string to
JavaScript). Node ids are ``n0``, ``n1`` ...; RDF IRIs never reach the page.

Untrusted text (labels, sentences, headlines) is shown as TEXT: vis-network 9.1.2 puts a string
``title`` in its tooltip with ``innerText`` and ``font.multi`` stays off, so labels are not
parsed for markup; the page's own script builds the panel, search results and filters with
``textContent`` / ``createTextNode`` only. Everything embedded in ``<script>`` goes through
:func:`_js`: JSON with ``< > & /``, U+2028/U+2029 and lone surrogates written as ``\\uXXXX``,
so no string can close the script (``</script>``), open a comment, or spell a URL; HTML text
goes through Jinja autoescaping.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import networkx as nx
import pyvis
from jinja2 import DictLoader, Environment
from markupsafe import Markup
from pyvis.network import Network
from rdflib import RDFS, Graph

from .errors import InputError
from .files import atomic_file
from .namespaces import KG, ontology_path
from .network import EntityNetwork, Fact, Selection, read_network, select
from .stats import SEED, betweenness

ONTOLOGY_TTL = ontology_path("kg.ttl")
VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
FONT_STACK = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif'
PHYSICS_MAX_NODES = 200  # above: networkx lays out, physics off (vis settles 220 nodes in ~2.4 s)
DEFAULT_MAX_NODES = 1000  # vis-network stays usable (and pyvis's add_edge quick) below this
SIZE_BY = ("degree", "betweenness")

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
    "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": True,
                    "keyboard": {"enabled": True, "bindToWindow": False}},
}
FIXED_OPTIONS = {**OPTIONS, "physics": {"enabled": False},
                 "edges": {**OPTIONS["edges"], "smooth": False}}

_JS_UNSAFE = re.compile("[<>&/\u2028\u2029\ud800-\udfff]")


def _folding(names: Iterable[str]) -> dict[str, str]:
    """Traditional character -> the simplified one (OpenCC t2s, character by character, as
    :func:`_t2s_table`) for the simplified characters the page's ``names`` use: the page's
    search folds a query with it, so 東城 finds 北京市东城区 and 頭髮 finds 头发 (the build
    converts traditional text to simplified, so the labels are simplified). A few kB."""
    page = {c for name in names for c in name}
    return {t: c for t, c in _t2s_table().items() if c in page}


@lru_cache(maxsize=1)
def _t2s_table() -> dict[str, str]:
    """Every CJK ideograph (U+3400–U+9FFF) that OpenCC t2s changes, alone, -> what it gives
    (one character): all the traditional forms of a simplified character (發 and 髮 -> 发)."""
    from .ingest import to_simplified

    chars = [chr(c) for c in range(0x3400, 0xA000)]
    converted = to_simplified("\n".join(chars)).split("\n")  # one line per character
    return {t: s for t, s in zip(chars, converted) if len(s) == 1 and s != t}


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




def _evidence_lines(fact: Fact, headlines: dict[str, str]) -> list[str]:
    return [f"「{sentence}」——《{headlines.get(article, '')}》" for sentence, article in fact.evidence]


def _layout(g: nx.Graph, n: int) -> dict[str, tuple[float, float]]:
    """Fixed positions in vis-network pixels: networkx ``spring_layout`` (Fruchterman-Reingold,
    seeded), spread so that nodes keep about 60 px apart."""
    pos = nx.spring_layout(g, seed=SEED, iterations=50)
    scale = 60 * math.sqrt(n)
    return {node: (round(float(x) * scale), round(float(y) * scale))
            for node, (x, y) in pos.items()}


def _write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file beside it, so a failure
    never leaves a half-written page. The page gets the usual mode of a new file (0666 less
    the umask; :func:`kg.files.atomic_file`). Raises ``InputError`` when ``path`` is a folder
    or its folder does not exist."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a folder; name the HTML file to write")
    if not path.parent.is_dir():
        problem = "is not a folder" if path.parent.exists() else "does not exist"
        raise InputError(f"{path}: {path.parent} {problem}")
    with atomic_file(path) as out:
        out.write(text)


def write_html(graph: Graph | EntityNetwork, path: Path,
               labels: dict[str, dict[str, str]] | None = None,
               selection: Selection = Selection(max_nodes=DEFAULT_MAX_NODES),
               size_by: str = "degree") -> dict:
    """Write the entity network of ``graph`` (an RDF graph, or a network already read with
    :func:`kg.network.read_network`) to ``path`` as one UTF-8 HTML file, atomically.

    ``labels`` are the ontology's term labels (:func:`load_labels`, read from ``ontology/kg.ttl``
    when ``None``); ``selection`` what to show (default: the :data:`DEFAULT_MAX_NODES` most
    connected entities); ``size_by`` ``"degree"``
    or ``"betweenness"``. Returns ``{"nodes", "edges"}`` drawn, ``{"entities", "relations"}``
    in the graph, ``"layout"`` (``"physics"`` or ``"networkx"``) and ``"notes"`` (what the
    page says was left out, and ambiguous focus names).

    Raises ``InputError`` for a bad selection (see :func:`kg.network.select`) or ``size_by``,
    and ``OSError`` when ``path`` cannot be written.
    """
    if size_by not in SIZE_BY:
        raise InputError(f"--size-by {size_by}: use one of {', '.join(SIZE_BY)}")
    labels = load_labels() if labels is None else labels
    full = graph if isinstance(graph, EntityNetwork) else read_network(graph)
    net = select(full, selection, labels)
    ids = {iri: f"n{i}" for i, iri in enumerate(net.nodes)}
    g = net.graph()
    simple = nx.Graph(g)
    metric = (betweenness(simple)[0] if size_by == "betweenness"
              else {iri: float(d) for iri, d in g.degree()})
    top = max(metric.values(), default=0) or 1
    fixed = len(net.nodes) > PHYSICS_MAX_NODES
    positions = _layout(simple, len(net.nodes)) if fixed else {}

    def name(term: str, lang: str = "zh") -> str:
        return labels.get(term, {}).get(lang) or term

    def label_of(iri: str) -> str:
        node = full.nodes.get(iri)
        return node.label if node else iri.rsplit("/", 1)[-1]

    articles: dict[str, int] = {}  # article IRI -> index in the page's article list

    def article(iri: str) -> int:
        return articles.setdefault(iri, len(articles))

    page_net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    data_nodes: dict[str, dict] = {}
    present: Counter = Counter()
    for iri, node in net.nodes.items():
        group = node.coarse if node.coarse in PALETTE else "other"
        present[group] += 1
        _zh, colour, shape, _glyph = PALETTE.get(node.coarse, OTHER)
        facts = []
        for f in net.facts.get(iri, []):
            if f.literal:
                arrow, other = "=", None
            else:
                arrow = "—" if f.symmetric else ("→" if f.subject == iri else "←")
                other = f.obj if f.subject == iri else f.subject
            facts.append({"p": f.predicate, "dir": arrow, "other": ids.get(other),
                          "text": f.obj if other is None else label_of(other),
                          "ev": [[s, article(a)] for s, a in f.evidence]})
        data_nodes[ids[iri]] = {
            "names": list(node.names), "hidden": list(node.hidden), "classes": list(node.classes),
            "coarse": node.coarse, "group": group, "facts": facts,
            "articles": sorted(article(a) for a in node.articles),
            "degree": g.degree(iri), "metric": round(metric[iri], 4)}
        title = "\n".join([node.label, f"{' / '.join(name(c) for c in node.classes)} "
                           f"({' / '.join(node.classes)}, {node.coarse})",
                           "名称: " + "、".join(node.names),
                           f"{len(facts)} 条事实 facts · 点击查看证据 click for evidence"])
        extra = dict(zip("xy", positions[iri])) if fixed else {}
        page_net.add_node(ids[iri], label=node.label, shape=shape, color=colour,
                          size=round(12 + 24 * math.sqrt(metric[iri] / top), 1), title=title,
                          **extra)

    data_edges: dict[str, dict] = {}
    for i, f in enumerate(net.edges):
        arrow = "—" if f.symmetric else "→"
        head = f"{name(f.predicate)} ({f.predicate}, {name(f.predicate, 'en')})"
        title = "\n".join([head, f"{label_of(f.subject)} {arrow} {label_of(f.obj)}"]
                          + _evidence_lines(f, net.headlines))
        page_net.add_edge(ids[f.subject], ids[f.obj], id=f"e{i}", label=name(f.predicate),
                          title=title, arrows={"to": {"enabled": not f.symmetric}})
        data_edges[f"e{i}"] = {"p": f.predicate, "articles": sorted({article(a) for _s, a in
                                                                      f.evidence})}

    shown_preds = sorted({f.predicate for f in net.edges})
    terms = {t: {"zh": name(t), "en": name(t, "en")} for t in
             {*shown_preds, *(f["p"] for d in data_nodes.values() for f in d["facts"]),
              *(c for d in data_nodes.values() for c in d["classes"]),
              *(d["coarse"] for d in data_nodes.values())}}
    counts = {"nodes": len(net.nodes), "edges": len(net.edges),
              "entities": len(full.nodes), "relations": len(full.edges),
              "layout": "networkx" if fixed else "physics"}
    fold = _folding(x for d in data_nodes.values() for x in d["names"] + d["hidden"])
    data = {"nodes": data_nodes, "edges": data_edges, "terms": terms, "fold": fold,
            "articles": [net.headlines.get(a, a.rsplit("/", 1)[-1]) for a in articles],
            "counts": counts, "notes": net.notes}
    options = FIXED_OPTIONS if fixed else OPTIONS
    page_net.options = options  # what pyvis would use; the template takes it through _js
    js, css = _vis_assets()
    legend = [(k, name(k) if k in labels else PALETTE.get(k, OTHER)[0],  # the ontology's @zh
               *PALETTE.get(k, OTHER)[1:], present[k]) for k in (*PALETTE, "other") if present[k]]
    predicates = [(p, name(p), name(p, "en"), sum(f.predicate == p for f in net.edges))
                  for p in shown_preds]
    env = Environment(loader=DictLoader({"kg.html": _TEMPLATE}), autoescape=True)
    env.filters["js"] = lambda value: Markup(_js(value))  # already safe for <script>
    env.globals["kg"] = {"vis_js": js, "vis_css": css, "font": FONT_STACK, "legend": legend,
                         "predicates": predicates, "counts": counts, "notes": net.notes,
                         "data": data, "options": options}
    page_net.templateEnv, page_net.path = env, "kg.html"
    _write_atomic(Path(path), page_net.generate_html())
    return {**counts, "notes": list(net.notes)}


# Rendered by pyvis's generate_html (nodes/edges from pyvis); the vis assets are vetted text.
# window.kgView, the page's state for tests and scripts:
#   ready (bool; readyAt: ms since navigation start) once the layout is fixed: physics settled
#   and switched off, or the networkx positions drawn; layout "physics" | "networkx";
#   nodeCount / edgeCount drawn on the page; totalNodes / totalEdges in the graph;
#   visibleNodeCount() / visibleEdgeCount() after filters; selected (node or edge id or null);
#   label(id); edgeLabels() of the visible edges; find(q) -> ids of the nodes with a label
#   containing q (NFKC, case and spaces ignored), best first: exact, prefix, then degree;
#   search(q): find, list the results under the search box and select the best;
#   select(id) (node "n3" or edge "e5": opens the panel); setLanguage("zh" | "en");
#   filter({classes: [...coarse], predicates: [...local names], article: index | null});
#   domPosition(id) -> {x, y} of a node on the page (CSS pixels, for real mouse clicks).
_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>实体关系网络 · Entity network</title>
<style>{{ kg.vis_css|safe }}</style>
<style>
html, body { height: 100%; }
body { margin: 0; font-family: {{ kg.font|safe }}; color: #222; display: flex;
       flex-direction: column; }
header { padding: 6px 16px; border-bottom: 1px solid #ddd; }
h1 { font-size: 20px; margin: 2px 0; }
#summary, .note { margin: 2px 0; color: #555; }
.note { color: #8a4b00; }
#tools { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin: 4px 0; }
#legend label { margin-right: 12px; white-space: nowrap; }
#legend span.glyph { font-size: 18px; margin-right: 2px; }
#search { width: 16em; font: inherit; }
#results { display: inline; margin: 0; padding: 0; list-style: none; }
#results li { display: inline; margin-right: 6px; }
details { margin: 2px 0; }
details label { margin-right: 10px; white-space: nowrap; }
#article { max-width: 40em; font: inherit; }
main { flex: 1; display: flex; min-height: 0; }
#mynetwork { flex: 1; min-width: 0; height: 100%; }
#panel { width: 400px; overflow-y: auto; border-left: 1px solid #ddd; padding: 8px 14px;
         font-size: 14px; }
#panel[hidden] { display: none; }
#panel h2 { font-size: 18px; margin: 4px 0; }
#panel ul { padding-left: 18px; }
#panel li.fact { margin: 6px 0; }
#panel .evidence { color: #333; margin: 2px 0 2px 4px; }
#panel .headline { color: #777; }
button.link { border: none; background: none; color: #1a5fb4; padding: 0; cursor: pointer;
              font: inherit; text-decoration: underline; }
div.vis-tooltip { white-space: pre-wrap; max-width: 520px; font-family: {{ kg.font|safe }}; }
</style>
<script>{{ kg.vis_js|safe }}</script>
</head>
<body>
<header>
<h1>实体关系网络 · Entity network</h1>
<p id="summary">{{ kg.counts.nodes }} 个实体，{{ kg.counts.edges }} 条关系
({{ kg.counts.nodes }} entities, {{ kg.counts.edges }} relations)
{%- if kg.notes %}; 图中共 {{ kg.counts.entities }} 个实体、{{ kg.counts.relations }} 条关系
(the graph has {{ kg.counts.entities }} entities, {{ kg.counts.relations }} relations){% endif %}</p>
{%- for note in kg.notes %}
<p class="note">{{ note }}</p>
{%- endfor %}
<div id="tools">
<span><input id="search" type="search" placeholder="搜索实体 search, e.g. 东城"
 aria-label="搜索实体 search entities"> <ul id="results"></ul></span>
<div id="legend">
{%- for key, zh, colour, shape, glyph, n in kg.legend %}
<label class="item" data-class="{{ key }}" data-shape="{{ shape }}"><input type="checkbox"
 name="class" value="{{ key }}" checked>
<span class="glyph" style="color: {{ colour }}">{{ glyph }}</span>
{{- zh }} {{ key }} ({{ n }})</label>
{%- endfor %}
</div>
<button id="lang" type="button">English labels</button>
</div>
<details id="filters"><summary>筛选 filters: 关系 relations, 文章 article</summary>
<div id="predicates">
{%- for p, zh, en, n in kg.predicates %}
<label><input type="checkbox" name="predicate" value="{{ p }}" checked> {{ zh }} {{ en }}
({{ n }})</label>
{%- endfor %}
</div>
<div><label>文章 article <select id="article"><option value="">全部 all</option></select></label></div>
</details>
</header>
<main>
<div id="mynetwork"></div>
<aside id="panel" hidden aria-live="polite"></aside>
</main>
<script>
var nodes = new vis.DataSet({{ nodes|js }});
var edges = new vis.DataSet({{ edges|js }});
var options = {{ kg.options|js }};
var kgData = {{ kg.data|js }};
var container = document.getElementById("mynetwork");
var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
(function () {
  "use strict";
  var lang = "zh";
  var state = {classes: null, predicates: null, article: null};
  var panel = document.getElementById("panel");

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function term(t) { var x = kgData.terms[t]; return x ? x[lang] : t; }
  function norm(s) {  // NFKC, case, spaces; traditional characters as their simplified ones
    return Array.from(String(s).normalize("NFKC").toLowerCase().replace(/\\s+/g, ""))
      .map(function (c) { return kgData.fold[c] || c; }).join("");
  }
  function label(id) {
    var n = nodes.get(id);
    if (n) return n.label;
    var e = edges.get(id);
    return e ? e.label : null;
  }
  function nodeShown(id) {
    var d = kgData.nodes[id];
    return (!state.classes || state.classes.indexOf(d.group) >= 0) &&
      (state.article === null || d.articles.indexOf(state.article) >= 0);
  }
  function edgeShown(e) {
    var d = kgData.edges[e.id];
    return (!state.predicates || state.predicates.indexOf(d.p) >= 0) &&
      (state.article === null || d.articles.indexOf(state.article) >= 0) &&
      nodeShown(e.from) && nodeShown(e.to);
  }
  function applyFilters() {
    nodes.update(nodes.map(function (n) { return {id: n.id, hidden: !nodeShown(n.id)}; }));
    edges.update(edges.map(function (e) { return {id: e.id, hidden: !edgeShown(e)}; }));
  }
  function linkTo(id, text) {
    if (!id) return el("span", text);
    var b = el("button", text, "link");
    b.type = "button";
    b.addEventListener("click", function () { view.select(id); });
    return b;
  }
  function evidenceList(ev) {
    var ul = el("ul");
    ev.forEach(function (pair) {
      var li = el("li", null, "evidence");
      li.appendChild(el("q", pair[0]));
      li.appendChild(document.createTextNode(" ——"));
      li.appendChild(el("cite", "《" + kgData.articles[pair[1]] + "》", "headline"));
      ul.appendChild(li);
    });
    return ul;
  }
  function closeButton() {
    var b = el("button", "关闭 close ×");
    b.type = "button";
    b.addEventListener("click", function () { panel.hidden = true; view.selected = null;
                                              network.unselectAll(); });
    return b;
  }
  function showNode(id) {
    var d = kgData.nodes[id];
    panel.replaceChildren(closeButton(), el("h2", label(id)));
    panel.appendChild(el("p", d.classes.map(term).join(" / ") + " (" +
      d.classes.join(" / ") + ") · " + term(d.coarse) + " " + d.coarse, "class"));
    panel.appendChild(el("p", "名称 names: " + d.names.join("、"), "names"));
    if (d.hidden.length) panel.appendChild(el("p", "派生名称 derived: " + d.hidden.join("、")));
    panel.appendChild(el("p", "关系 relations: " + d.degree + " · 提及于 " + d.articles.length +
                          " 篇文章 mentioned in articles"));
    panel.appendChild(el("h3", "事实与证据 facts and evidence"));
    var ul = el("ul", null, "facts");
    d.facts.forEach(function (f) {
      var li = el("li", null, "fact");
      li.appendChild(el("strong", term(f.p)));
      li.appendChild(document.createTextNode(" " + f.dir + " "));
      li.appendChild(linkTo(f.other, f.text));
      li.appendChild(evidenceList(f.ev));
      ul.appendChild(li);
    });
    panel.appendChild(ul);
  }
  function showEdge(id) {
    var e = edges.get(id), d = kgData.edges[id];
    var fact = kgData.nodes[e.from].facts.filter(function (f) {
      return f.p === d.p && f.other === e.to; })[0];
    panel.replaceChildren(closeButton(), el("h2", term(d.p) + " (" + d.p + ")"));
    var p = el("p");
    p.appendChild(linkTo(e.from, label(e.from)));
    p.appendChild(document.createTextNode(fact ? " " + fact.dir + " " : " → "));
    p.appendChild(linkTo(e.to, label(e.to)));
    panel.appendChild(p);
    panel.appendChild(el("h3", "证据 evidence"));
    panel.appendChild(evidenceList(fact ? fact.ev : []));
  }
  function markReady() {
    if (view.ready) return;
    view.ready = true;
    view.readyAt = performance.now();
    document.body.setAttribute("data-ready", "1");
  }

  var view = window.kgView = {
    ready: false, readyAt: null, layout: kgData.counts.layout,
    nodeCount: nodes.length, edgeCount: edges.length,
    totalNodes: kgData.counts.entities, totalEdges: kgData.counts.relations,
    selected: null,
    label: label,
    edgeLabels: function () { return edges.get({filter: function (e) { return !e.hidden; }})
      .map(function (e) { return e.label; }); },
    visibleNodeCount: function () { return nodes.get({filter: function (n) {
      return !n.hidden; }}).length; },
    visibleEdgeCount: function () { return edges.get({filter: function (e) {
      return !e.hidden; }}).length; },
    select: function (id) {
      if (kgData.nodes[id]) {
        showNode(id);
        if (nodeShown(id)) {
          network.selectNodes([id]);
          network.focus(id, {scale: Math.max(network.getScale(), 1), animation: false});
        } else {  // hidden by a filter: say so rather than centre on empty space
          network.unselectAll();
          panel.insertBefore(el("p", "已被筛选隐藏 (hidden by the filters)", "filtered"),
                             panel.children[2] || null);
        }
      } else if (kgData.edges[id]) {
        network.selectEdges([id]);
        showEdge(id);
      } else {
        return false;
      }
      view.selected = id;
      panel.hidden = false;
      return true;
    },
    find: function (q) {
      var want = norm(q), found = [];
      if (!want) return found;
      Object.keys(kgData.nodes).forEach(function (id) {
        var d = kgData.nodes[id], best = 3;
        d.names.concat(d.hidden).forEach(function (name) {
          var n = norm(name);
          best = Math.min(best, n === want ? 0 : n.indexOf(want) === 0 ? 1 :
                                n.indexOf(want) > 0 ? 2 : 3);
        });
        if (best < 3) found.push([best, -d.degree, label(id).length, id]);
      });
      found.sort(function (a, b) {
        for (var i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
        return a[3] < b[3] ? -1 : 1;
      });
      return found.map(function (f) { return f[3]; });
    },
    search: function (q) {
      var ids = view.find(q);
      var results = document.getElementById("results");
      results.replaceChildren();
      ids.slice(0, 12).forEach(function (id) {
        var li = el("li");
        li.appendChild(linkTo(id, label(id)));
        results.appendChild(li);
      });
      if (!ids.length && norm(q)) results.appendChild(el("li", "无结果 no match"));
      if (ids.length) view.select(ids[0]);
      return ids;
    },
    setLanguage: function (which) {
      lang = which === "en" ? "en" : "zh";
      edges.update(edges.map(function (e) {
        return {id: e.id, label: term(kgData.edges[e.id].p)}; }));
      document.getElementById("lang").textContent =
        lang === "en" ? "中文标签 Chinese labels" : "English labels";
      if (view.selected) view.select(view.selected);
      return lang;
    },
    filter: function (f) {
      if ("classes" in f) state.classes = f.classes;
      if ("predicates" in f) state.predicates = f.predicates;
      if ("article" in f) state.article = f.article;
      applyFilters();
      return view.visibleNodeCount();
    },
    domPosition: function (id) {
      var p = network.canvasToDOM(network.getPositions([id])[id]);
      var box = container.getBoundingClientRect();
      return {x: box.left + p.x, y: box.top + p.y};
    }
  };

  var articleSelect = document.getElementById("article");
  kgData.articles.forEach(function (headline, i) {
    var o = el("option", headline);
    o.value = String(i);
    articleSelect.appendChild(o);
  });
  function checked(name) {
    return Array.prototype.filter.call(document.querySelectorAll("input[name=" + name + "]"),
      function (c) { return c.checked; }).map(function (c) { return c.value; });
  }
  document.querySelectorAll("input[name=class], input[name=predicate]").forEach(function (c) {
    c.addEventListener("change", function () {
      view.filter({classes: checked("class"), predicates: checked("predicate")}); });
  });
  articleSelect.addEventListener("change", function () {
    view.filter({article: articleSelect.value === "" ? null : Number(articleSelect.value)}); });
  var search = document.getElementById("search");
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") view.search(search.value); });
  search.addEventListener("search", function () { view.search(search.value); });
  document.getElementById("lang").addEventListener("click", function () {
    view.setLanguage(lang === "zh" ? "en" : "zh"); });
  network.on("click", function (params) {
    if (params.nodes.length) view.select(params.nodes[0]);
    else if (params.edges.length) view.select(params.edges[0]);
  });
  if (kgData.counts.layout === "physics" && nodes.length) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: false});
      markReady();
    });
  } else {
    network.once("afterDrawing", markReady);
    if (!nodes.length) markReady();
  }
})();
</script>
</body>
</html>
"""
