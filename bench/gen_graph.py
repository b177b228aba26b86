"""Generate a synthetic graph of exactly N triples in N-Triples, following the graph model of
``kg/graph.py``, so the shipped queries (``queries/*.rq``) have work to do at scale.

    python bench/gen_graph.py 1000000 /tmp/graph-1m.nt [--seed 7]

What it writes (deterministic for a seed), article by article until N triples are written:

* places in a tree 中国 > province > city > district/county > town/township/subdistrict >
  village/community, each with ``kg:divisionCode``; districts are paired with a district of
  another province (``kg:partnerOf``);
* organisations of every fine class located in districts and towns, people with posts
  (``kg:jobTitle``) and employers, projects with ``kg:totalInvestment`` /
  ``kg:cooperationFunding`` (``xsd:decimal`` yuan, sometimes two conflicting figures or a
  ``kg:qualifier``), start/end/founding dates (``xsd:date``, ``xsd:gYearMonth``), events,
  facilities, historic sites, programmes and products;
* every entity typed with its fine and coarse class, one ``rdfs:label``, alt and hidden
  labels, ``kg:mentionedIn`` each article naming it;
* every relation and attribute also as an ``rdf:Statement`` that ``prov:wasDerivedFrom`` a
  ``kg:Evidence`` node (sentence, offsets, article), the article with headline, metadata and
  its text (``nif:isString``).

About 260 triples per article and 6 % of the triples are entities, as in the sample page.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.graph import article_iri, entity_iri, fact_iri  # noqa: E402
from kg.namespaces import KG, NIF, SCHEMA, coarse_class  # noqa: E402

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"

PROVINCES = ["山西省", "北京市", "河北省", "河南省", "山东省", "陕西省", "湖北省", "湖南省",
             "江苏省", "浙江省", "安徽省", "江西省", "福建省", "广东省", "四川省", "贵州省",
             "云南省", "甘肃省", "辽宁省", "吉林省"]
SYLLABLES = list("长屯留潞黎平安东城西华和兴新宁德明清泉丰盛云山河阳南北康泰永嘉福宝"
                 "金石林源水庄桥坪沟峪川溪湖岭台营店口堡寨关田家")
SURNAMES = list("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅")
GIVEN = list("瑛伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰志国建文")
ORG_KINDS = [  # (class, name core, weight)
    ("GovernmentAgency", "发展和改革局", 4), ("GovernmentAgency", "农业农村局", 3),
    ("GovernmentAgency", "卫生健康局", 2), ("PartyOrganization", "委组织部", 3),
    ("PartyOrganization", "委宣传部", 2), ("PartySchool", "委党校", 2), ("School", "第一中学", 3),
    ("School", "实验小学", 2), ("University", "职业技术学院", 1), ("Hospital", "人民医院", 2),
    ("HealthCenter", "卫生院", 2), ("Company", "科技有限公司", 4), ("Company", "农业开发有限公司", 3),
    ("Foundation", "慈善基金会", 1), ("NonProfit", "志愿者协会", 2), ("MediaOutlet", "融媒体中心", 1),
    ("PublicInstitution", "文化馆", 2),
]
TITLES = ["书记", "区长", "副区长", "局长", "校长", "院长", "主任", "董事长", "总经理", "教授"]
OTHER_KINDS = [("Project", "产业园项目"), ("Project", "帮扶车间项目"), ("Facility", "便民服务中心"),
               ("HistoricSite", "古戏台"), ("CooperationProgram", "对口合作"), ("Event", "文化旅游节"),
               ("Product", "小米")]


def _name(i: int, width: int = 2) -> str:
    out = ""
    for _ in range(width):
        out += SYLLABLES[i % len(SYLLABLES)]
        i //= len(SYLLABLES)
    return out


def _lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{body}"@{lang}'
    return f'"{body}"^^<{datatype}>' if datatype else f'"{body}"'


class Writer:
    """Writes distinct N-Triples lines until ``limit``; ``full`` says when it is reached."""

    def __init__(self, out, limit: int) -> None:
        self.out, self.limit, self.count = out, limit, 0

    @property
    def full(self) -> bool:
        return self.count >= self.limit

    def t(self, s: str, p: str, o: str) -> None:
        if self.count < self.limit:
            self.out.write(f"<{s}> <{p}> {o} .\n")
            self.count += 1


class Entity:
    __slots__ = ("key", "cls", "label", "alts", "hidden", "code", "parent")

    def __init__(self, key, cls, label, alts=(), hidden=(), code=None, parent=None):
        self.key, self.cls, self.label = key, cls, label
        self.alts, self.hidden, self.code, self.parent = list(alts), list(hidden), code, parent

    @property
    def iri(self) -> str:
        return str(entity_iri(self.key))


class World:
    """Places, organisations, people and things, created as articles need them."""

    def __init__(self, rng: random.Random, districts: int) -> None:
        self.rng = rng
        self.places: list[Entity] = []
        country = Entity("place/中国", "Country", "中国", code="100000")
        self.districts: list[Entity] = []
        self.towns: dict[str, list[Entity]] = {}
        self.villages: dict[str, list[Entity]] = {}
        self.orgs: dict[str, list[Entity]] = {}
        self.people: dict[str, list[Entity]] = {}
        self.things: dict[str, list[Entity]] = {}
        self.counter = 0
        provinces = [Entity(f"place/{p}", "Province", p, alts=[p[:2]], code=f"{11 + i}0000",
                            parent=country) for i, p in enumerate(PROVINCES)]
        cities = []
        for i in range(max(2, districts // 5)):
            prov = provinces[i % len(provinces)]
            label = _name(i) + "市"
            cities.append(Entity(f"{prov.key}/{label}", "City", label, alts=[label[:-1]],
                                 code=f"{prov.code[:2]}{i % 100:02d}00", parent=prov))
        for i in range(districts):
            city = cities[i % len(cities)]
            cls, suffix = ("County", "县") if i % 4 == 3 else ("District", "区")
            label = _name(i * 7 + 3) + suffix
            self.districts.append(Entity(f"{city.key}/{label}", cls, label, alts=[label[:-1]],
                                         hidden=[city.label + label], code=f"{i:06d}",
                                         parent=city))
        half = len(self.districts) // 2
        # each district is paired with one of another half (another province, mostly)
        self.partner = {d.key: self.districts[(i + half) % len(self.districts)]
                        for i, d in enumerate(self.districts)}

    def _next(self) -> int:
        self.counter += 1
        return self.counter

    def town(self, district: Entity) -> Entity:
        towns = self.towns.setdefault(district.key, [])
        if len(towns) < 4 and (not towns or self.rng.random() < 0.3):
            n = len(towns)
            cls, suffix = [("Town", "镇"), ("Township", "乡"), ("Subdistrict", "街道")][n % 3]
            label = _name(n * 11 + len(district.key)) + suffix
            towns.append(Entity(f"{district.key}/{label}", cls, label,
                                code=f"{district.code}{n:03d}", parent=district))
        return self.rng.choice(towns)

    def village(self, district: Entity) -> Entity:
        town = self.town(district)
        vills = self.villages.setdefault(town.key, [])
        if len(vills) < 6 and (not vills or self.rng.random() < 0.3):
            n = len(vills)
            cls, suffix = [("Village", "村"), ("Community", "社区"), ("Village", "村")][n % 3]
            label = _name(n * 5 + 17) + suffix
            vills.append(Entity(f"{town.key}/{label}", cls, label, parent=town))
        return self.rng.choice(vills)

    def org(self, district: Entity, cls: str | None = None) -> Entity:
        pool = self.orgs.setdefault(district.key, [])
        fit = [o for o in pool if cls is None or o.cls == cls]
        if not fit or self.rng.random() < 0.4:
            kinds = [k for k in ORG_KINDS if cls is None or k[0] == cls]
            kcls, core, _w = self.rng.choices(kinds, weights=[k[2] for k in kinds])[0]
            n = self._next()
            place = district if self.rng.random() < 0.7 else self.town(district)
            core = (_name(n, 2) + core) if kcls in ("Company", "Foundation", "NonProfit") else \
                (core if n % 3 else f"第{n % 97 + 2}{core[-2:]}" if kcls == "School" else core)
            label = place.label + core
            if any(o.label == label for o in pool):
                label = place.label + _name(n, 2) + core
            ent = Entity(f"org/{place.key.removeprefix('place/')}/{label[len(place.label):]}",
                         kcls, label, alts=[place.alts[0] + label[len(place.label):]]
                         if place.alts else [], parent=place)
            pool.append(ent)
            return ent
        return self.rng.choice(fit)

    def person(self, district: Entity) -> Entity:
        pool = self.people.setdefault(district.key, [])
        if not pool or self.rng.random() < 0.6:
            n = self._next()
            name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n // 7) % len(GIVEN)] + \
                GIVEN[(n // 300) % len(GIVEN)]
            ent = Entity(f"person/{name}{n}", "Person", name)
            pool.append(ent)
            return ent
        return self.rng.choice(pool)

    def thing(self, district: Entity, cls: str) -> Entity:
        pool = self.things.setdefault(district.key + cls, [])
        if not pool or self.rng.random() < 0.6:
            n = self._next()
            core = self.rng.choice([c for k, c in OTHER_KINDS if k == cls])
            place = self.village(district) if cls in ("Project", "Facility", "HistoricSite") \
                and self.rng.random() < 0.6 else district
            label = (f"第{n % 30 + 1}届{place.label}{core}" if cls == "Event" else
                     f"{district.alts[0]}{_name(n)}{core}" if cls == "CooperationProgram" else
                     f"{place.label}{_name(n)}{core}")
            ent = Entity(f"{cls.lower()}/{label}", cls, label,
                         alts=[label.replace(place.label, "", 1)] if cls != "Event" else [],
                         parent=place if cls in ("Project", "Facility", "HistoricSite") else None)
            pool.append(ent)
            return ent
        return self.rng.choice(pool)


class Generator:
    def __init__(self, writer: Writer, seed: int, n: int) -> None:
        self.w = writer
        self.rng = random.Random(seed)
        self.world = World(self.rng, max(8, n // 2500))
        self.defined: set[str] = set()
        self.mentioned: set[tuple[str, str]] = set()
        self.direct: set[tuple[str, str, str]] = set()
        self.statements: set[str] = set()
        self.derived: set[tuple[str, str]] = set()
        self.values: dict[tuple[str, str], str] = {}

    # --- article state ---------------------------------------------------------------------
    def article(self, index: int) -> None:
        rng, world = self.rng, self.world
        home = rng.choice(world.districts)
        self.aid = f"g{index // 10:05d}_{index:07d}-{index % 10}"
        self.art = str(article_iri(self.aid))
        self.text = ""
        self.home, self.away = home, world.partner[home.key]
        self.pending: list[tuple] = []
        for _ in range(rng.randint(6, 12)):
            self.sentence()
        headline = f"{home.label}与{self.away.label}深化对口合作"
        w, a = self.w, self.art
        w.t(a, RDF + "type", f"<{KG.Article}>")
        w.t(a, str(SCHEMA.headline), _lit(headline, "zh"))
        w.t(a, str(KG.section), _lit(rng.choice(["要闻", "综合", "专题", "经济"]), "zh"))
        if rng.random() < 0.6:
            w.t(a, str(KG.byline), _lit(f"记者 {self.world.person(home).label}", "zh"))
        if rng.random() < 0.15:
            w.t(a, str(KG.kicker), _lit("京长对口合作", "zh"))
        w.t(a, str(KG.sourceFile), _lit(f"page_{index // 10:05d}.html"))
        w.t(a, str(KG.pageYear), _lit(str(2019 + index % 6), datatype=XSD + "gYear"))
        w.t(a, str(NIF.isString), _lit(self.text))
        for args in self.pending:
            self.emit_fact(*args)

    def sentence(self) -> None:
        rng, world, home, away = self.rng, self.world, self.home, self.away
        r = rng.random()
        if rng.random() < 0.5:
            home, away = away, home
        if r < 0.22:
            who, where = world.org(home), world.org(away) if rng.random() < 0.8 else away
            self.say(f"{who.label}组织干部赴{where.label}考察学习，双方就产业协作深入交流。",
                     [(who, "visited", where)])
        elif r < 0.30:
            who, school = world.org(home), world.org(away, "PartySchool")
            self.say(f"{who.label}选派干部到{school.label}参加培训。", [(who, "trainedAt", school)])
        elif r < 0.35:
            self.say(f"{home.label}与{away.label}结对以来，两地交流合作不断深化。",
                     [(home, "partnerOf", away)])
        elif r < 0.39:
            a, b = world.org(home), world.org(away)
            self.say(f"{a.label}与{b.label}签订合作协议。", [(a, "signedAgreementWith", b)])
        elif r < 0.46:
            donor = world.org(away, rng.choice(["Company", "Foundation"]))
            target = world.org(home, "School") if rng.random() < 0.5 else world.village(home)
            self.say(f"{donor.label}向{target.label}捐赠图书和学习用品。", [(donor, "donatedTo", target)])
        elif r < 0.62:
            project = world.thing(home, "Project")
            total = self.values.get((project.key, "totalInvestment"))
            if total is None:
                total = rng.randrange(1_000, 500_000) * 100
            elif rng.random() < 0.1:  # the project reported again with another figure
                total += rng.choice([10_000, -10_000, 2_000_000])
            funding = self.values.get((project.key, "cooperationFunding"),
                                      min(total, rng.randrange(500, 300_000) * 100))
            facts = [(project, "totalInvestment", total), (project, "cooperationFunding", funding)]
            date = self.date()
            facts.append((project, "startDate", date))
            if rng.random() < 0.3:
                facts.append((project, "establishedBy", world.org(away)))
            qual = "约" if rng.random() < 0.2 else ""
            self.say(f"{project.label}总投资{qual}{total / 10000:g}万元，其中对口合作资金"
                     f"{funding / 10000:g}万元，于{date}开工。", facts, qual)
        elif r < 0.72:
            person, org = world.person(home), world.org(home)
            title = rng.choice(TITLES)
            self.say(f"{org.label}{title}{person.label}介绍了有关情况。",
                     [(person, "worksFor", org), (person, "jobTitle", title)])
        elif r < 0.78:
            event, org = world.thing(home, "Event"), world.org(home)
            guest = world.org(away)
            facts = [(org, "organizerOf", event), (guest, "participatedIn", event)]
            date = self.date()
            facts.append((event, "startDate", date))
            if rng.random() < 0.5:
                facts.append((event, "endDate", date))
            self.say(f"{org.label}举办{event.label}，{guest.label}应邀参加。", facts)
        elif r < 0.86:
            cls = rng.choice(["Facility", "HistoricSite", "Facility"])
            thing, founder = world.thing(home, cls), world.org(rng.choice([home, away]))
            date = self.date()
            self.say(f"{founder.label}援建的{thing.label}于{date}建成。",
                     [(thing, "establishedBy", founder), (thing, "foundingDate", date)])
        elif r < 0.90:
            prog = world.thing(home, "CooperationProgram")
            product = world.thing(home, "Product")
            self.say(f"依托{prog.label}，{product.label}走进{away.label}市场。",
                     [(prog, "locatedIn", home), (product, "locatedIn", home)])
        elif r < 0.985:
            unit, parent = world.org(home), world.org(home, "PartyOrganization")
            if unit.key != parent.key:
                self.say(f"{unit.label}隶属于{parent.label}。", [(unit, "subOrganizationOf", parent)])
        else:
            a, b = world.person(home), world.person(home)
            if a.key != b.key:
                self.say(f"{a.label}与妻子{b.label}共同创业。", [(a, "spouseOf", b)])

    def date(self) -> str:
        y, m, d = self.rng.randint(2019, 2025), self.rng.randint(1, 12), self.rng.randint(1, 28)
        return f"{y}-{m:02d}-{d:02d}" if self.rng.random() < 0.7 else f"{y}-{m:02d}"

    def say(self, text: str, facts: list[tuple], qualifier: str = "") -> None:
        begin = len(self.text)
        self.text += text
        ev = f"{self.art}/char={begin},{len(self.text)}"
        self.pending.append((None, None, None, ev, text, begin, len(self.text)))
        for s, p, o in facts:
            amount = p in ("totalInvestment", "cooperationFunding")
            self.pending.append((s, p, o, ev, text, begin, len(self.text),
                                 qualifier if amount else ""))

    # --- triples ---------------------------------------------------------------------------
    def define(self, ent: Entity) -> None:
        w = self.w
        if ent.key not in self.defined:
            self.defined.add(ent.key)
            w.t(ent.iri, RDF + "type", f"<{KG[ent.cls]}>")
            if coarse_class(ent.cls) != ent.cls:
                w.t(ent.iri, RDF + "type", f"<{KG[coarse_class(ent.cls)]}>")
            w.t(ent.iri, RDFS + "label", _lit(ent.label, "zh"))
            for alt in dict.fromkeys(ent.alts):
                if alt and alt != ent.label:
                    w.t(ent.iri, SKOS + "altLabel", _lit(alt, "zh"))
            for hid in ent.hidden:
                w.t(ent.iri, SKOS + "hiddenLabel", _lit(hid, "zh"))
            if ent.code:
                w.t(ent.iri, str(KG.divisionCode), _lit(ent.code))
        if (ent.key, self.art) not in self.mentioned:
            self.mentioned.add((ent.key, self.art))
            w.t(ent.iri, str(KG.mentionedIn), f"<{self.art}>")
            if ent.parent is not None:  # where it is, stated by the sentence that names it
                self.fact(ent, "locatedIn", ent.parent, self.ev)
                self.define(ent.parent)

    def emit_fact(self, s, p, o, ev, text, begin, end, qualifier="") -> None:
        w = self.w
        if s is None:  # the sentence's evidence node
            self.ev = ev
            w.t(ev, RDF + "type", f"<{KG.Evidence}>")
            w.t(ev, str(NIF.anchorOf), _lit(text))
            w.t(ev, str(NIF.beginIndex), _lit(str(begin), datatype=XSD + "integer"))
            w.t(ev, str(NIF.endIndex), _lit(str(end), datatype=XSD + "integer"))
            w.t(ev, str(NIF.referenceContext), f"<{self.art}>")
            return
        self.define(s)
        if isinstance(o, Entity):
            self.define(o)
        self.fact(s, p, o, ev, qualifier)

    def fact(self, s: Entity, p: str, o, ev: str, qualifier: str = "") -> None:
        w = self.w
        if isinstance(o, Entity):
            obj, okey = f"<{o.iri}>", o.key
        elif p in ("totalInvestment", "cooperationFunding"):
            obj, okey = _lit(str(o), datatype=XSD + "decimal"), str(o)
            self.values.setdefault((s.key, p), o)
        elif p in ("startDate", "endDate", "foundingDate"):
            obj, okey = _lit(o, datatype=XSD + ("date" if len(o) == 10 else "gYearMonth")), o
        else:
            obj, okey = _lit(o, "zh"), o
        pred = str(KG[p])
        if (s.key, p, okey) not in self.direct:
            self.direct.add((s.key, p, okey))
            w.t(s.iri, pred, obj)
        st = str(fact_iri(s.key, p, okey, qualifier))
        if st not in self.statements:
            self.statements.add(st)
            w.t(st, RDF + "type", f"<{RDF}Statement>")
            w.t(st, RDF + "subject", f"<{s.iri}>")
            w.t(st, RDF + "predicate", f"<{pred}>")
            w.t(st, RDF + "object", obj)
            if qualifier:
                w.t(st, str(KG.qualifier), _lit(qualifier, "zh"))
        if (st, ev) not in self.derived:
            self.derived.add((st, ev))
            w.t(st, PROV + "wasDerivedFrom", f"<{ev}>")


def generate(n: int, out_path: Path, seed: int = 7) -> int:
    """Write exactly ``n`` distinct triples to ``out_path``; returns the number of articles."""
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        writer = Writer(out, n)
        gen = Generator(writer, seed, n)
        index = 0
        while not writer.full:
            gen.article(index)
            index += 1
    return index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("triples", type=int, help="how many triples to write")
    parser.add_argument("out", type=Path, help="the N-Triples file to write")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    articles = generate(args.triples, args.out, args.seed)
    print(f"wrote {args.triples} triples ({articles} articles) to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
