"""Stage 2: mentions, the spans of an article that name an entity.

``find_mentions(article, context)`` returns :class:`~kg.model.Mention` records, each with the
key of the real-world entity it names, so that the entity stage only has to merge by key.
What is found, in this order (a later finder never overlaps an earlier one's span):

1. places, by longest match against the gazetteer (full names; short forms such as 屯留 when
   the page context or the word's rarity makes them safe), chained (北京东城区, 上村镇小南村)
   and extended by villages, communities and residential compounds (X村, X社区, X小区);
2. people: bylines, a title or role word before a surname and given name (校长邢瑛, 居民李秀萍,
   83岁的周冬莲, 名叫阮秋云), and every later use of a name found so;
3. cooperation programmes (京长对口合作, “屯东”合作), known events (服贸会), quoted names with a
   type word (“屯留美食进东城”美食节, “名医馆”项目, “葵花小镇”瓜子), ordinal events (第38届龙潭庙会)
   and project names ending in 项目;
4. organisations and facilities: a place (written, or a bare level word such as 区 in 区委党校
   resolved to the nearest place of that level, or inherited from the list it stands in) +
   a proper name + a body word from ``resources/org_suffixes.tsv``.

Every list, suffix and trigger lives in ``kg/resources``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from ..gazetteer import load as load_gazetteer
from ..model import Article, Mention
from ..resources import company_words
from .common import PageContext, _jieba, _lexicons, _Span, _SpanIndex
from .names import _programs, _projects, _things
from .orgs import (
    _anaphora,
    _both_sides,
    _brand_donors,
    _built_for,
    _expand_lists,
    _OrgFinder,
    _parenthetical_aliases,
    _short_names,
    _site_lists,
)
from .people import _people
from .places import _local_places, page_context, scan_places

__all__ = ["PageContext", "find_mentions", "load_resources", "page_context", "scan_places"]


def load_resources() -> None:
    """Load now what finding mentions loads on first use, once per process: the gazetteer
    (about 0.8 s), the lexicons of ``kg/resources`` and jieba's dictionary (about 0.6 s). A
    build that forks worker processes calls it first, so the workers share them."""
    load_gazetteer()
    _lexicons()
    _jieba()


def find_mentions(article: Article, context: PageContext | None = None) -> list[Mention]:
    """All mentions in ``article``, sorted by offset. Places written inside a longer name
    (屯留区 in 屯留区人民医院) are included with ``nested=True``: the entity stage sees every
    name, relation patterns use only the outermost ones. ``context`` is the page's
    :func:`page_context` (computed from this article alone when None)."""
    gaz = load_gazetteer()
    ctx = context or page_context([article.text])
    text = article.text
    n = len(text)
    masked = [False] * n
    for m in re.finditer(r"《[^》\n]{1,30}》", text):
        for k in range(m.start(), m.end()):
            masked[k] = True
    places = ctx.scans.pop(text, None)  # page_context's scan: the same unless a title is masked
    if places is None or any(masked):
        places = scan_places(text, gaz, ctx.places, masked, shadowed=ctx.shadowed)
    taken = [False] * n
    for p in places:
        for k in range(p.start, p.end):
            taken[k] = True
    places = sorted(places + _local_places(text, gaz, places, ctx, taken), key=lambda x: x.start)
    by_end = {p.end: p for p in places}
    for p in places:  # a chain (北京东城区, 上村镇小南村) is a surface form of its last place
        prev = by_end.get(p.start)
        while prev is not None:
            p.seen.add(text[prev.start:p.end])
            prev = by_end.get(prev.start)
    people = _people(article, taken)
    free = [False] * n  # names other than places may contain places
    for x in people:
        for k in range(x.start, x.end):
            free[k] = True
    programs = _programs(text, gaz, ctx, free)
    # a body's or park's name may hold a programme (京蒙协作乌丹产业园, X—Y粤桂协作联席会议)
    in_program = {k for p in programs for k in range(p.start, p.end)}
    things = _things(text, free, places, in_program)
    media = []
    for m in re.finditer(r"《([^》\n]{1,30}(?:报|刊|杂志))》", text):
        if not any(free[m.start():m.end()]):
            name = m.group(1)
            media.append(_Span(m.start(), m.end(), "org", "MediaOutlet", f"org/{name}", name, {name}))
            for k in range(m.start(), m.end()):
                free[k] = True
    org_free = [f and k not in in_program for k, f in enumerate(free)]
    projects = _projects(text, places, free, programs)
    things += projects
    orgs = _OrgFinder(text, places, people + things + programs + media, org_free).run()
    nested_orgs: list = []
    phases: set[int] = set()
    project_index, place_index = _SpanIndex(projects), _SpanIndex(places)
    for o in orgs:
        holder = project_index.around(o.start, o.end)
        if holder is not None and o.end == holder.end - 2 and o.cls in ("PublicInstitution", "Facility"):
            o.nested = False  # 兴和县冷链物流中心项目 builds the centre: no centre stands there yet
            continue
        if holder is not None and o.cls == "Project":
            phases.add(id(o))  # X产业园二期项目, X产业园项目: the park is the project or its phase
            continue
        if holder is not None:
            o.nested = True
            nested_orgs.append(o)
            if not place_index.inside(o.end, holder.end):
                holder.org = o.key  # 抗大一分校职业教育基地项目 stands at 抗大一分校
    orgs = [o for o in orgs if id(o) not in phases and (o.nested or not any(
        free[k] and k not in in_program for k in range(o.start, o.end)))]
    for p in programs:
        if any(o.start <= p.start and p.end <= o.end for o in orgs if not o.nested) or \
                any(t.start <= p.start and p.end <= t.end for t in things):
            p.nested = True
    for o in orgs:
        for k in range(o.start, o.end):
            free[k] = True
    orgs += _expand_lists(text, orgs, places, free)
    orgs += _short_names(text, orgs, places, free)
    orgs += _brand_donors(text, free)
    orgs += _anaphora(text, orgs, free)
    orgs += _both_sides(text, places)
    _parenthetical_aliases(text, orgs)
    _company_projects(text, orgs, projects)
    things += _site_lists(text, orgs + things, free)
    things += _built_for(text, orgs, free)
    top = programs + things + media + orgs + people
    covers = sorted((o.start, o.end) for o in top)
    starts = [a for a, _b in covers]
    reach = list(accumulate((b for _a, b in covers), max))  # furthest end of a name begun by then
    starts_of_places = {p.start for p in places}
    for p in places:
        k = bisect_right(starts, p.start)
        p.nested = k > 0 and reach[k - 1] >= p.end  # inside a longer name
        if p.nested and p.cls == "Province" and p.end in starts_of_places:
            p.nested = False  # 江苏省 in 江苏省南通市X学校 is written as a place, the head of a
            # chain of places, not as part of a brand (江西济民药业) or a body's name
    spans = sorted(top + places, key=lambda x: (x.start, -x.end))
    if article.original:  # the traditional form the page wrote is a label too
        for x in spans:
            written = article.original[x.start:x.end]
            if written != text[x.start:x.end] and x.surface_ok:
                x.seen.add(written)
    return [
        Mention(x.start, x.end, text[x.start:x.end], x.cls, x.key, x.label,
                tuple(sorted(x.variants - {x.label})), x.parent, x.org, x.code, x.nested,
                x.surface_ok, tuple(sorted(x.seen)) if x.seen else ())
        for x in spans
    ]


def _company_projects(text: str, orgs: list[_Span], projects: list[_Span]) -> None:
    """A project named by its company's short name (长风新材料项目, often in a headline) is the
    one project of the article written right after that company (安徽长风新材料有限公司年产2万吨…
    项目): it takes that project's key. The short name is the company's name less its place and
    its legal form (org_suffixes.tsv, class Company)."""
    forms = company_words()[0]
    by_end = {o.end: o for o in orgs if o.cls == "Company" and not o.nested}
    owned: dict[str, set[str]] = {}  # company short name -> keys of the projects written after it
    for p in projects:
        company = by_end.get(p.start)
        if company is None:
            continue
        name = company.key.rsplit("/", 1)[-1]
        form = next((f for f in forms if name.endswith(f) and len(name) > len(f) + 1), None)
        if form:
            owned.setdefault(name[:-len(form)], set()).add(p.key)
    for p in projects:
        keys = owned.get(p.label[:-2]) if p.label.endswith("项目") else None
        if keys and len(keys) == 1 and p.key not in keys:
            p.key = next(iter(keys))
