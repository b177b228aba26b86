"""Stage 3: entities. Mentions with the same key are one entity; this stage also links
mentions whose keys differ but name the same thing.

* ``link_article(mentions)``: coreference inside one article. A name written by dropping
  characters of a longer name of the same class (淮海集团 for 淮海工业集团) is that name; a
  project named with or without its place (屯留区名医馆项目, 名医馆项目) is one project.
* ``merge(results)``: across the whole build. An organisation written without its place
  (抗大一分校) is the one organisation of that name that has a place, when there is exactly one;
  every surface form becomes a label; facts are re-keyed; a ``locatedIn`` whose object is not
  an entity moves up to the nearest enclosing place that is; a date that only repeats the
  start of a more precise one for the same attribute is dropped (2024-08 beside 2024-08-05).
"""
from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict

from .model import ArticleResult, Entity, Fact, Mention
from .namespaces import DATE_ATTRIBUTES, PLACE_CLASSES, coarse_class

_QUOTES = str.maketrans("", "", "“”\"'‘’《》「」『』")


def clean_label(text: str) -> str:
    """A surface form as a label: quotes and book-title marks removed, spaces squeezed out."""
    return "".join(text.translate(_QUOTES).split())


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _resolve(key: str, mapping: dict[str, str]) -> str:
    seen = set()
    while key in mapping and key not in seen:
        seen.add(key)
        key = mapping[key]
    return key


def link_article(mentions: list[Mention]) -> list[Mention]:
    """Mentions of one article with keys of abbreviated names replaced by the full name's key.

    Abbreviation: same coarse class, same first and last character, the shorter label a
    subsequence of exactly one longer label (淮海集团 -> 淮海工业集团). Places and people are
    left alone (their keys already come from the gazetteer or the name itself).
    """
    labels: dict[str, tuple[str, str]] = {}
    for m in mentions:
        if m.cls in PLACE_CLASSES or m.cls == "Person":
            continue
        labels.setdefault(m.key, (clean_label(m.label), coarse_class(m.cls)))
    groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for key, (label, coarse) in labels.items():  # an abbreviation ends as its full name does
        groups[coarse, label[-1:]].append((key, label))
    mapping: dict[str, str] = {}
    for key, (label, coarse) in labels.items():
        group = groups[coarse, label[-1:]]
        longer = [k for k, other in group
                  if k != key and len(other) > len(label) >= 3
                  and (other[0] == label[0] or len(label) >= 4)
                  and not other.startswith(label)  # 长治医学院 is the parent of …附属和平医院
                  and _is_subsequence(label, other)]
        same_core = [k for k, other in group
                     if k != key and coarse == "Project" and len(other) > len(label)
                     and other.endswith(label) and k.startswith("project/")]
        if len(longer) == 1:
            mapping[key] = longer[0]
        elif len(same_core) == 1:
            mapping[key] = same_core[0]
    if not mapping:
        return mentions
    return [dataclasses.replace(m, key=_resolve(m.key, mapping)) for m in mentions]


def _placeless_links(keys: set[str]) -> dict[str, str]:
    """``org/<name>`` -> the only ``org/<place path>/<name>`` key, when there is one."""
    by_tail: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        if key.startswith("org/") and key.count("/") > 1:
            by_tail[key.rsplit("/", 1)[1]].append(key)
    out = {}
    for key in keys:
        if key.startswith("org/") and key.count("/") == 1:
            cands = by_tail.get(key.split("/", 1)[1], [])
            if len(cands) == 1:
                out[key] = cands[0]
    return out


def merge(results: list[ArticleResult]) -> tuple[list[Entity], list[Fact]]:
    """Entities of the whole build and its facts, re-keyed and cleaned. Deterministic: the
    same results give the same entities and facts in the same order."""
    all_keys = {m.key for r in results for m in r.mentions}
    mapping = _placeless_links(all_keys)
    groups: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    for r in results:
        for m in r.mentions:
            groups[_resolve(m.key, mapping)].append((r.article.id, m))
    entities = []
    for key in sorted(groups):
        items = groups[key]
        mentions = [m for _a, m in items]
        classes = Counter(m.cls for m in mentions if m.key == key) or Counter(m.cls for m in mentions)
        cls = sorted(classes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        own = [m for m in mentions if m.key == key] or mentions
        label = max((clean_label(m.label) for m in own), key=lambda x: (len(x), x))  # fullest
        labels = {label} | {clean_label(m.surface) for m in mentions if m.full_name}
        labels |= {clean_label(m.label) for m in mentions}
        labels |= {clean_label(form) for m in mentions for form in m.seen}
        hidden = {clean_label(v) for m in mentions for v in m.variants} - labels
        code = next((m.code for m in mentions if m.code), None)
        entities.append(Entity(key, cls, label, frozenset(x for x in labels if x),
                               frozenset(x for x in hidden if x),
                               frozenset(a for a, _m in items), code))
    # a country or province written only inside other names (中国 in 中国妇女基金会, 江西 in
    # 江西济民药业) is part of those names, not an entity of the text
    inner_only = {key for key, items in groups.items()
                  if all(m.nested for _a, m in items)
                  and items[0][1].cls in ("Country", "Province")}
    entities = [e for e in entities if e.key not in inner_only]
    existing = {e.key for e in entities}
    facts = []
    seen = set()
    for r in results:
        for f in r.facts:
            subject = _resolve(f.subject, mapping)
            obj = f.obj if f.literal else _resolve(f.obj, mapping)
            if subject not in existing:
                continue
            if not f.literal:
                if f.predicate == "locatedIn":
                    obj = _nearest_existing(obj, existing)
                if obj is None or obj not in existing or obj == subject:
                    continue
            fact = dataclasses.replace(f, subject=subject, obj=obj)
            ident = (fact.subject, fact.predicate, fact.obj, fact.evidence)
            if ident not in seen:
                seen.add(ident)
                facts.append(fact)
    return entities, _drop_vague_dates(facts)


def _nearest_existing(key: str, existing: set[str]) -> str | None:
    """``key`` or, for a place key path (place/山西省/长治市/屯留区), the longest prefix that is
    an entity."""
    while key:
        if key in existing:
            return key
        if key.count("/") <= 1:
            return None
        key = key.rsplit("/", 1)[0]
    return None


def _drop_vague_dates(facts: list[Fact]) -> list[Fact]:
    values: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in facts:
        if f.predicate in DATE_ATTRIBUTES:
            values[(f.subject, f.predicate)].add(f.obj)
    return [f for f in facts if f.predicate not in DATE_ATTRIBUTES or not any(
        other != f.obj and other.startswith(f.obj) for other in values[(f.subject, f.predicate)])]
