"""Stage 3: entities. Mentions with the same key are one entity; this stage also links
mentions whose keys differ but name the same thing.

* ``link_article(mentions)``: coreference inside one article. A name written by dropping
  characters of a longer name of the same class (淮海集团 for 淮海工业集团) is that name, also
  when the longer names it abbreviates are themselves one entity; a project named with or
  without its place (屯留区名医馆项目, 名医馆项目) is one project; a body of the compound X小区 is
  the same body of the community X社区 written in the article.
* ``key_stats`` / ``add_stats`` / ``merge_stats`` / ``resolve_facts``: across the whole build,
  in a way that does not depend on the order articles are read in. An organisation written without its place
  (抗大一分校) is the one organisation of that name that has a place, when there is exactly one;
  every surface form becomes a label; facts are re-keyed; a ``locatedIn`` whose object is not
  an entity moves up to the nearest enclosing place that is; a date that only repeats the
  start of a more precise one for the same attribute is dropped (2024-08 beside 2024-08-05).
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping, NamedTuple

from .model import Entity, Fact, Mention
from .namespaces import DATE_ATTRIBUTES, PLACE_CLASSES, coarse_class

_QUOTES = str.maketrans("", "", "“”\"'‘’《》「」『』")


def clean_label(text: str) -> str:
    """A surface form as a label: quotes and book-title marks removed, spaces squeezed out."""
    if text.isalnum():  # most names: no quote, mark or space to remove
        return text
    return "".join(text.translate(_QUOTES).split())


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _resolve(key: str, mapping: dict[str, str]) -> str:
    if key not in mapping:
        return key
    seen = set()
    while key in mapping and key not in seen:
        seen.add(key)
        key = mapping[key]
    return key


def _project_word(labels: dict[str, tuple[str, str]], mapping: dict[str, str]
                  ) -> dict[str, str]:
    """A project named with the word 项目 and without it, with its place and without (余吾镇油茶
    产业园 … 油茶产业园项目 … 屯留区余吾镇油茶产业园项目: one project, as the genre writes a
    park, a base or a line): a name maps to the one other project name whose core (the name
    less 项目) ends in its core and is longer, or is the same with 项目 after it. Cores under
    four characters (产业园) map to none. ``labels``: key -> (clean label, coarse class) of the
    article's mentions; keys already mapped are left."""
    projects = [(k, label, label.removesuffix("项目"))
                for k, (label, coarse) in labels.items() if coarse == "Project"]
    out = {}
    for key, label, core in projects:
        if key in mapping or len(core) < 4:
            continue
        longer = [k for k, other, whole in projects if k != key and whole.endswith(core)
                  and (len(whole) > len(core) or other.endswith("项目") > label.endswith("项目"))]
        if len(longer) == 1:
            out[key] = longer[0]
    return out


def link_article(mentions: list[Mention]) -> list[Mention]:
    """Mentions of one article with keys of abbreviated names replaced by the full name's key.

    Abbreviation: same coarse class, same first and last character, the shorter label a
    subsequence of exactly one longer label (淮海集团 -> 淮海工业集团). Places and people are
    left alone (their keys already come from the gazetteer or the name itself).
    """
    labels: dict[str, tuple[str, str]] = {}
    for m in mentions:
        if m.key in labels or m.cls in PLACE_CLASSES or m.cls == "Person":
            continue  # the first mention of a key gives its label
        labels[m.key] = (clean_label(m.label), coarse_class(m.cls))
    groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for key, (label, coarse) in labels.items():  # an abbreviation ends as its full name does
        groups[coarse, label[-1:]].append((key, label))
    # the members of a group holding each character: an abbreviation's longer forms hold all
    # of its characters, so only those are compared (comparing every pair of a group grew with
    # the square of an article's length)
    holding: dict[tuple[str, str], dict[str, set[int]]] = {}
    for name, group in groups.items():
        chars = holding[name] = defaultdict(set)
        for i, (_key, label) in enumerate(group):
            for ch in label:
                chars[ch].add(i)
    mapping: dict[str, str] = {}
    ambiguous: dict[str, list[str]] = {}  # keys with several longer names, maybe of one entity
    for key, (label, coarse) in labels.items():
        group = groups[coarse, label[-1:]]
        if len(group) == 1:
            continue  # no other name ends as it does: it abbreviates none
        if label:
            chars = holding[coarse, label[-1:]]
            sets = sorted((chars[ch] for ch in set(label)), key=len)
            group = [group[i] for i in sorted(set.intersection(*sets))]
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
        elif longer:
            ambiguous[key] = longer
    mapping.update(_project_word(labels, mapping))
    mapping.update(_compound_bodies(labels, mapping))
    for key, longer in ambiguous.items():  # 红河谷示范园项目 abbreviates two names of one project:
        targets = {_resolve(k, mapping) for k in longer}  # 迤萨镇“红河谷”…项目 and “红河谷”…项目
        if len(targets) == 1 and key not in targets:
            mapping[key] = targets.pop()
    if not mapping:
        return mentions
    return [dataclasses.replace(m, key=_resolve(m.key, mapping)) if m.key in mapping else m
            for m in mentions]


def _compound_bodies(labels: dict[str, tuple[str, str]], mapping: dict[str, str]) -> dict[str, str]:
    """Within one article a body of the compound X小区 is the same body of the community
    X社区 when both are written (炉坊社区党支部 … 小区党支部书记): a compound and its community
    share their name and one party branch or committee; the community's key is kept."""
    by_name: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for key in labels:
        if not key.startswith("org/") or key in mapping:
            continue
        parts = key.split("/")
        if len(parts) >= 3:
            for level in ("小区", "社区"):
                if parts[-2].endswith(level) and len(parts[-2]) > len(level):
                    by_name[parts[-2][:-len(level)], parts[-1]][level] = key
    return {found["小区"]: found["社区"] for found in by_name.values() if len(found) == 2}


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


@dataclass(slots=True)
class KeyStats:
    """What the merge keeps of the mentions of one entity key, in one file or the whole build:
    a few values that combine in any order (counts, unions, maxima), so files can be read in
    parallel and in any order and still give the same entities."""

    classes: dict[str, int]  # class local name -> number of mentions (a dict: fast to unpickle)
    label: str  # the fullest cleaned label (longest, then greatest)
    labels: set[str]  # every cleaned form: labels, full-name surfaces, longer forms seen around
    variants: set[str]  # derived forms (hidden labels unless the text also writes them)
    code: str | None  # the least administrative division code given
    nested: bool  # every mention is inside a longer one

    def add(self, other: KeyStats) -> None:
        """Fold ``other`` (more mentions of the same key) into this one."""
        for cls, n in other.classes.items():
            self.classes[cls] = self.classes.get(cls, 0) + n
        self.fold_head(other.label, other.code, other.nested)
        self.labels |= other.labels
        self.variants |= other.variants

    def fold_head(self, label: str, code: str | None, nested: bool) -> None:
        """Fold one more label, division code and nesting of the key: the fullest label wins
        (the one held on a tie), the least code, nested only if every mention is."""
        if _fullest(label) > _fullest(self.label):
            self.label = label
        if code and (not self.code or code < self.code):
            self.code = code
        self.nested = self.nested and nested


def _fullest(label: str) -> tuple[int, str]:
    return len(label), label


def key_stats(mentions: Iterable[Mention]) -> dict[str, KeyStats]:
    """The :class:`KeyStats` of each key of ``mentions``: each mention folded into its key's
    stats in place, as :meth:`KeyStats.add` would fold a stats of its own."""
    out: dict[str, KeyStats] = {}
    for m in mentions:
        label = clean_label(m.label)
        stats = out.get(m.key)
        if stats is None:
            stats = out[m.key] = KeyStats({}, label, set(), set(), m.code, m.nested)
        else:
            stats.fold_head(label, m.code, m.nested)
        stats.classes[m.cls] = stats.classes.get(m.cls, 0) + 1
        stats.labels.add(label)
        if m.seen:
            stats.labels.update(_clean_labels(m.seen))
        if m.full_name:
            stats.labels.add(clean_label(m.surface))
        stats.variants.update(_clean_labels(m.variants))
    return out


def _clean_labels(texts: tuple[str, ...]) -> Iterable[str]:
    """:func:`clean_label` of each of ``texts``; most often they are clean already, which one
    test of them all together tells."""
    return texts if "".join(texts).isalnum() else map(clean_label, texts)


def add_stats(total: dict[str, KeyStats], part: dict[str, KeyStats]) -> None:
    """Fold the stats of part of the build into ``total`` (``part`` is consumed)."""
    for key, stats in part.items():
        if key in total:
            total[key].add(stats)
        else:
            total[key] = stats


class Merged(NamedTuple):
    """The entities of a build and how mention keys map onto them."""

    entities: Mapping[str, object]  # key -> Entity, in key order (``articles`` left empty);
    # resolve_facts needs only the keys, so the writer's descriptions can stand in
    mapping: dict[str, str]  # a mention key -> the key of the entity it names, where they differ

    def resolve(self, key: str) -> str:
        """The entity key a mention key names (itself when not mapped)."""
        return _resolve(key, self.mapping)


def merge_stats(stats: dict[str, KeyStats]) -> Merged:
    """Entities of the whole build from the :class:`KeyStats` of every mention key. ``stats``
    is consumed. Deterministic: the same stats, however they were added up, give the same
    entities. O(k log k) in the number k of keys."""
    mapping = _placeless_links(set(stats))
    groups: dict[str, list[str]] = defaultdict(list)
    for key in stats:
        groups[_resolve(key, mapping)].append(key)
    entities = {}
    for key in sorted(groups):
        members = groups[key]
        if len(members) == 1:  # most keys: nothing to fold
            total = stats.pop(members[0])
            own = total if members[0] == key else None
        else:
            own = stats.get(key)
            total = KeyStats({}, "", set(), set(), None, True)
            for member in sorted(members):
                total.add(stats.pop(member))
        classes = own.classes if own else total.classes
        cls = min(classes.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        # a country or province written only inside other names (中国 in 中国妇女基金会, 江西 in
        # 江西济民药业) is part of those names, not an entity of the text
        if total.nested and set(total.classes) <= {"Country", "Province"}:
            continue
        label = own.label if own else total.label
        labels = frozenset(x for x in total.labels | {label} if x)
        hidden = frozenset(x for x in total.variants - labels if x)
        entities[key] = Entity(key, cls, label, labels, hidden, frozenset(), total.code)
    return Merged(entities, mapping)


def date_values(dates: Iterable[tuple[str, str, str]], merged: Merged
                ) -> dict[tuple[str, str], set[str]]:
    """The values of each (entity key, date attribute) across the build, from the (subject
    key, predicate, ISO date) of every date fact; what :func:`resolve_facts` needs to drop a
    date that only repeats the start of a more precise one."""
    values: dict[tuple[str, str], set[str]] = defaultdict(set)
    for subject, predicate, obj in dates:
        key = merged.resolve(subject)
        if key in merged.entities:
            values[(key, predicate)].add(obj)
    return values


def date_facts(facts: Iterable[Fact]) -> list[tuple[str, str, str]]:
    """(subject key, predicate, ISO date) of the date facts among ``facts``."""
    return [(f.subject, f.predicate, f.obj) for f in facts if f.predicate in DATE_ATTRIBUTES]


def resolve_facts(facts: Iterable[Fact], merged: Merged,
                  dates: dict[tuple[str, str], set[str]]) -> list[Fact]:
    """Facts (of one article, or any part of the build) re-keyed onto the merged entities and
    cleaned, in their order: a fact whose subject is no entity is dropped; a ``locatedIn``
    whose object is not an entity moves up to the nearest enclosing place that is; a relation
    to no entity or to itself is dropped; a repeated fact (same triple and evidence) is kept
    once; a date that only repeats the start of a more precise one for the same attribute
    (``dates``, from :func:`date_values`) is dropped (2024-08 beside 2024-08-05)."""
    existing = merged.entities
    out = []
    seen = set()
    for f in facts:
        subject = merged.resolve(f.subject)
        if subject not in existing:
            continue
        obj = f.obj
        if not f.literal:
            obj = merged.resolve(obj)
            if f.predicate == "locatedIn":
                obj = _nearest_existing(obj, existing)
            if obj is None or obj not in existing or obj == subject:
                continue
        elif f.predicate in DATE_ATTRIBUTES and any(
                other != obj and other.startswith(obj) for other in dates[(subject, f.predicate)]):
            continue
        ident = (subject, f.predicate, obj, f.evidence)
        if ident not in seen:
            seen.add(ident)
            out.append(dataclasses.replace(f, subject=subject, obj=obj)
                       if (subject, obj) != (f.subject, f.obj) else f)
    return out


def _nearest_existing(key: str, existing: Mapping[str, object]) -> str | None:
    """``key`` or, for a place key path (place/山西省/长治市/屯留区), the longest prefix that is
    an entity."""
    while key:
        if key in existing:
            return key
        if key.count("/") <= 1:
            return None
        key = key.rsplit("/", 1)[0]
    return None
