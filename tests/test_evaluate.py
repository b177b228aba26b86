"""kg.evaluate: exact scores on a small hand-made gold set, agreement with the shared reference
scorer (../shared/gold/score.py) on the built sample graph and on a damaged copy of it, and one
clear InputError line for each kind of bad input."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef

from kg.errors import InputError
from kg.evaluate import (ERROR_KINDS, Evaluation, evaluate, format_report, load_gold, local_name,
                         read_graph, value_matches)

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared" / "gold"
EX = Namespace("http://example.org/kg/")

ENTITIES = """\
# name\ttype\taliases
北京市东城区\tDistrict\t东城区|东城
屯留区\tDistrict\t屯留
长治市\tCity
山西省\tProvince\t
西贾乡\tTownship
东村\tVillage
张三\tPerson
屯留区委党校\tPartySchool\t区委党校
东城区对口帮扶项目\tProject
西贾乡人民政府\tGovernmentAgency
"""
RELATIONS = """\
# subject\tpredicate\tobject\tstatus
北京市东城区\tpartnerOf\t屯留区\tgold
东村\tlocatedIn\t西贾乡\tgold
西贾乡\tlocatedIn\t屯留区\tgold
屯留区\tlocatedIn\t长治市\tgold
长治市\tlocatedIn\t山西省\toptional
屯留区委党校\tlocatedIn\t屯留区\tgold
张三\tworksFor\t屯留区委党校\tgold
东城区对口帮扶项目\testablishedBy\t北京市东城区\tgold
"""
ATTRIBUTES = """\
东城区对口帮扶项目\ttotalInvestment\t5031400\tgold
东城区对口帮扶项目\tstartDate\t2024-07\tgold
东城区对口帮扶项目\tendDate\t2025\toptional
东城区对口帮扶项目\tcooperationFunding\t1000000\tgold
张三\tjobTitle\t校长\tgold
"""

GRAPH = """\
@prefix ex: <http://example.org/kg/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:dc a ex:District ; rdfs:label "北京市东城区" ; skos:altLabel "东城区" ;
    ex:partnerOf ex:tl .
ex:tl a ex:District ; rdfs:label "屯留区", "屯留" ;
    ex:partnerOf ex:dc ;                  # the same gold row in the other direction: counted once
    ex:locatedIn ex:cz .
ex:tl2 a ex:District ; rdfs:label "屯留" ;  # duplicate of ex:tl (fewer labels)
    ex:locatedIn ex:tl .                  # self-loop between mentions of one entity: neither way
ex:cz a ex:District, ex:Place ; rdfs:label "长治市" ;  # gold type City: wrong fine type
    ex:locatedIn ex:sx .                  # optional row: neither way
ex:sx a ex:Province ; rdfs:label "山西省" .
ex:xj a ex:Township ; rdfs:label "西贾乡" ; ex:locatedIn ex:tl .
ex:dcun a ex:Village ; rdfs:label "东村" ;
    ex:locatedIn ex:xj, ex:tl, ex:sx .    # gold, shortcut, shortcut through the optional row
ex:zs a ex:Person ; schema:name "张 三" ;
    ex:worksFor ex:dx ;
    ex:visited ex:cz ;                    # spurious
    ex:jobTitle "区委党校校长", "书记" .    # suffix match; spurious
ex:dx a ex:PartySchool ; rdfs:label "区委党校" ;
    ex:locatedIn ex:tl2 .                 # gold row, reached through the duplicate node
ex:proj a ex:Project ; rdfs:label "《东城区 对口帮扶项目》" ;
    ex:locatedIn ex:dc ;                  # spurious
    ex:totalInvestment "5031400.3"^^xsd:decimal, "5031400.6"^^xsd:decimal ;
    ex:startDate "2024-07-15"^^xsd:date ;
    ex:endDate "2025-12-31"^^xsd:date ;   # optional value: neither way
    ex:cooperationFunding "999000"^^xsd:decimal .
ex:bjdc a ex:District ; rdfs:label "北京东城" ;   # ignored: not scored, nor its relations
    ex:partnerOf ex:tl ; ex:foundingDate "2000"^^xsd:gYear .
ex:co a ex:Company ; rdfs:label "某某公司" ;       # spurious entity
    ex:donatedTo ex:dcun ; ex:totalInvestment "100"^^xsd:decimal .
ex:untyped rdfs:label "东村" ; ex:locatedIn ex:xj .  # no contract class: not an entity
"""


def write_gold(root: Path, entities: str = ENTITIES, relations: str = RELATIONS,
               attributes: str = ATTRIBUTES, ignore: str = "# generic\n北京 东城\n") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in (("entities.tsv", entities), ("relations.tsv", relations),
                       ("attributes.tsv", attributes), ("ignore.txt", ignore)):
        if text is not None:
            (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def small(tmp_path: Path) -> tuple[Path, Path]:
    graph = tmp_path / "graph.ttl"
    graph.write_text(GRAPH, encoding="utf-8")
    return graph, write_gold(tmp_path / "gold")


def test_small_gold_exact_scores(small):
    graph, gold = small
    ev = evaluate(graph, [gold])
    e, r, a = ev.entities, ev.relations, ev.attributes
    # 12 typed nodes, 1 ignored -> 11 scored; 9 of 10 gold entities found; ex:tl2 a duplicate.
    assert (e.tp, e.predicted, e.gold, e.found, ev.duplicates) == (9, 11, 10, 9, 1)
    assert (e.precision, e.recall, e.f1) == (0.8182, 0.9, 0.8572)
    assert (ev.type_accuracy_fine, ev.type_accuracy_coarse) == (0.8889, 1.0)
    # 6 of 7 gold rows; spurious: visited, donatedTo (spurious subject), proj locatedIn dc.
    assert (r.tp, r.predicted, r.gold) == (6, 9, 7)
    assert (r.precision, r.recall, r.f1) == (0.6667, 0.8571, 0.75)
    # amount within half a yuan, month date prefix, job title suffix; 4 spurious values.
    assert (a.tp, a.predicted, a.gold) == (3, 7, 4)
    assert (a.precision, a.recall, a.f1) == (0.4286, 0.75, 0.5455)
    assert ev.errors == {
        "missing_entities": ["西贾乡人民政府"],
        "spurious_entities": ["某某公司"],
        "duplicate_entities": ["屯留"],
        "wrong_types": ["长治市: gold City, built District"],
        "missing_relations": ["东城区对口帮扶项目\testablishedBy\t北京市东城区"],
        "spurious_relations": ["东城区对口帮扶项目\tlocatedIn\t东城区", "张三\tvisited\t长治市",
                               "某某公司\tdonatedTo\t东村"],
        "missing_attributes": ["东城区对口帮扶项目\tcooperationFunding\t1000000"],
        "spurious_attributes": ["东城区对口帮扶项目\tcooperationFunding\t999000",
                                "东城区对口帮扶项目\ttotalInvestment\t5031400.6",
                                "张三\tjobTitle\t书记", "某某公司\ttotalInvestment\t100"],
    }


def test_small_gold_per_predicate_and_per_class(small):
    ev = evaluate(*small[:1], [small[1]])
    by_pred = {p: (m.tp, m.predicted, m.gold, m.precision, m.recall, m.f1)
               for p, m in ev.by_predicate.items()}
    assert by_pred == {
        "donatedTo": (0, 1, 0, 0.0, 0.0, 0.0),
        "establishedBy": (0, 0, 1, 0.0, 0.0, 0.0),
        "locatedIn": (4, 5, 4, 0.8, 1.0, 0.8889),   # shortcuts, optional and self-loop not counted
        "partnerOf": (1, 1, 1, 1.0, 1.0, 1.0),      # symmetric, found in both directions, counted once
        "visited": (0, 1, 0, 0.0, 0.0, 0.0),
        "worksFor": (1, 1, 1, 1.0, 1.0, 1.0),
    }
    by_cls = {c: (m.tp, m.predicted, m.gold, m.precision, m.recall, m.f1) for c, m in ev.by_class.items()}
    assert by_cls["District"] == (2, 3, 2, 0.6667, 1.0, 0.8)   # the duplicate counts against it
    assert by_cls["City"] == (1, 1, 1, 1.0, 1.0, 1.0)          # classed by gold type
    assert by_cls["Company"] == (0, 1, 0, 0.0, 0.0, 0.0)       # spurious: by its built type
    assert by_cls["GovernmentAgency"] == (0, 0, 1, 0.0, 0.0, 0.0)
    assert set(by_cls) == {"District", "City", "Province", "Township", "Village", "Person",
                           "PartySchool", "Project", "GovernmentAgency", "Company"}
    assert sum(m.predicted for m in ev.by_class.values()) == ev.entities.predicted
    assert sum(m.found for m in ev.by_class.values()) == ev.entities.found


def test_report_json_and_graph_inputs(small, tmp_path):
    graph, gold = small
    ev = evaluate(graph, [gold])
    lines = format_report(ev, show_errors=True).splitlines()
    assert lines[:3] == [
        "entities   P 0.818  R 0.900  F1 0.857  (gold 10, found 9, built 11, duplicates 1; "
        "type accuracy fine 0.889, coarse 1.000)",
        "relations  P 0.667  R 0.857  F1 0.750  (gold 7, correct 6, built 9)",
        "attributes P 0.429  R 0.750  F1 0.545  (gold 4, correct 3, built 7)"]
    assert "  locatedIn            P 0.800  R 1.000  F1 0.889  (gold 4, correct 4, built 5)" in lines
    assert "duplicate_entities (1):" in lines and "  屯留" in lines
    assert "missing_entities (1):" not in format_report(ev, show_errors=False)
    data = json.loads(json.dumps(ev.to_json(), ensure_ascii=False))
    assert data["entities"]["f1"] == 0.8572 and data["entities"]["gold_found"] == 9
    assert data["relations"]["by_predicate"]["locatedIn"]["precision"] == 0.8
    assert data["entities"]["by_class"]["District"]["predicted"] == 3
    assert list(data["errors"]) == list(ERROR_KINDS)
    # a loaded Graph, and a TriG dataset split over named graphs, score the same
    loaded = Graph().parse(graph, format="turtle")
    assert evaluate(loaded, [gold]) == ev
    ds = Dataset()
    for i, triple in enumerate(sorted(loaded)):
        ds.graph(URIRef(f"http://example.org/g{i % 3}")).add(triple)
    assert evaluate(ds, [gold]) == ev
    ds.serialize(tmp_path / "graph.trig", format="trig")
    from_trig = evaluate(tmp_path / "graph.trig", [gold])
    # TriG writes "999000"^^xsd:decimal as 999000.0: only that display string changes
    assert replace(from_trig, errors={}) == replace(ev, errors={})
    assert "东城区对口帮扶项目\tcooperationFunding\t999000.0" in from_trig.errors["spurious_attributes"]


def test_gold_dirs_merge_and_closure(tmp_path):
    first = write_gold(tmp_path / "a")
    second = write_gold(tmp_path / "b", entities="大同市\tCity\n山西省\tProvince\n",
                        relations="大同市\tlocatedIn\t山西省\tgold\n", attributes=None, ignore=None)
    gold = load_gold([first, second])
    assert len(gold.types) == 11 and len(gold.relations) == 8 and len(gold.optional) == 1
    assert gold.index["东城"] == "北京市东城区" and "北京东城" in gold.ignore
    assert ("东村", "山西省") in gold.located_closure and ("东村", "长治市") in gold.located_closure
    assert ("山西省", "东村") not in gold.located_closure


@pytest.mark.parametrize("attr, built, gold_value, expected", [
    ("totalInvestment", "5031400.49", "5031400", True),
    ("totalInvestment", "5031399.5", "5031400", False),
    ("cooperationFunding", "about 5", "5", False),
    ("startDate", "2024-07-15", "2024-07", True),
    ("startDate", "2024-07", "2024-07", True),
    ("endDate", "2024-08-01", "2024-07", False),
    ("jobTitle", "区委党校校长", "校长", True),
    ("jobTitle", "校长助理", "校长", False),
    ("jobTitle", "“党委 书记”", "党委书记", True),
])
def test_value_matching(attr, built, gold_value, expected):
    assert value_matches(attr, built, gold_value) is expected


# --- agreement with the shared reference scorer ----------------------------------------------

@pytest.fixture(scope="module")
def built_graph(tmp_path_factory) -> Path:
    if not (SHARED / "score.py").exists():
        pytest.skip(f"{SHARED / 'score.py'} not available")
    out = tmp_path_factory.mktemp("built")
    run = subprocess.run([sys.executable, "-m", "kg", "build", "data", "--out", str(out)],
                         cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0 or not (out / "graph.ttl").exists():
        from kg.pipeline import build
        build([str(ROOT / "data")], out)
    return out / "graph.ttl"


def reference(graph: Path, tmp_path: Path) -> tuple[dict, list[str]]:
    out = tmp_path / f"{graph.stem}.score.json"
    run = subprocess.run([sys.executable, str(SHARED / "score.py"), "--gold", str(SHARED / "seed"),
                          str(graph), "--json", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    summary = [line for line in run.stdout.splitlines()
               if line.startswith(("entities ", "relations ", "attributes "))]
    return json.loads(out.read_text(encoding="utf-8")), summary


def assert_agree(ours: Evaluation, ref: dict, summary: list[str]) -> None:
    mine = ours.to_json()
    for part in ("entities", "relations", "attributes"):
        for key in ("precision", "recall", "f1"):
            assert round(mine[part][key], 4) == round(ref[part][key], 4), (part, key)
        for key in ("tp", "predicted", "gold"):
            assert mine[part][key] == ref[part][key], (part, key)
    for key in ("gold_found", "duplicates", "type_accuracy_fine", "type_accuracy_coarse"):
        assert mine["entities"][key] == ref["entities"][key], key
    assert {p: {k: v for k, v in m.items() if k != "found"}
            for p, m in mine["relations"]["by_predicate"].items()} == ref["relations"]["by_predicate"]
    assert mine["errors"] == ref["errors"]
    assert format_report(ours, show_errors=False).splitlines()[:3] == summary


def test_agrees_with_reference_scorer(built_graph, tmp_path):
    ref, summary = reference(built_graph, tmp_path)
    ours = evaluate(built_graph, [SHARED / "seed"])
    assert_agree(ours, ref, summary)
    assert ours.entities.gold == 122 and ours.entities.found > 100  # a real comparison


def test_agrees_with_reference_scorer_on_damaged_graph(built_graph, tmp_path):
    seed = SHARED / "seed"
    g = Graph().parse(built_graph, format="turtle")
    original = evaluate(g, [seed])
    scored = {"locatedIn", "visited", "partnerOf", "worksFor", "totalInvestment", "startDate",
              "jobTitle"}
    for triple in sorted(t for t in g if local_name(t[1]) in scored)[::3]:
        g.remove(triple)                                  # drop a third of these statements
    for triple in sorted(g.triples((None, RDFS.label, None)))[::11]:
        g.remove(triple)                                  # and some labels
    gold_names = {line.split("\t")[0] for line in
                  (seed / "entities.tsv").read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("#")}
    typed = set(g.subjects(RDF.type, None))
    target, label = min((s, o) for s, o in g.subject_objects(RDFS.label)
                        if s in typed and str(o) in gold_names)
    bogus, dup = EX.bogus_company, EX.duplicate
    g.add((bogus, RDF.type, EX.Company))                  # a spurious entity ...
    g.add((bogus, RDFS.label, Literal("并不存在的测试公司", lang="zh")))
    for cls in g.objects(target, RDF.type):               # ... and a duplicate of a gold one
        g.add((dup, RDF.type, cls))
    g.add((dup, RDFS.label, label))
    for triple in ((bogus, EX.donatedTo, target), (dup, EX.partnerOf, bogus),
                   (dup, EX.locatedIn, target), (bogus, EX.totalInvestment, Literal("123")),
                   (target, EX.jobTitle, Literal("不存在的职务"))):
        g.add(triple)
    ds = Dataset()                                        # written as TriG over two named graphs
    for i, triple in enumerate(sorted(g)):
        ds.graph(URIRef(f"http://example.org/part{i % 2}")).add(triple)
    damaged = tmp_path / "damaged.trig"
    ds.serialize(damaged, format="trig")
    ours = evaluate(damaged, [seed])
    ref, summary = reference(damaged, tmp_path)
    assert_agree(ours, ref, summary)
    assert "并不存在的测试公司" in ours.errors["spurious_entities"] and ours.duplicates >= 1
    assert ours.relations.recall < original.relations.recall
    assert ours.entities.precision < original.entities.precision
    assert ours.attributes.precision < original.attributes.precision


# --- bad input --------------------------------------------------------------------------------

@pytest.mark.parametrize("files, fragment", [
    ({"entities.tsv": "东村\tVilage\n"}, "entities.tsv:1: unknown type 'Vilage'"),
    ({"entities.tsv": "# c\n东村\n"}, "entities.tsv:2: expected 2 to 3 non-empty"),
    ({"entities.tsv": "东村\tVillage\n西村\tVillage\t东村\n"}, "entities.tsv:2: '东村' names both"),
    ({"relations.tsv": "东村\tlocatedIn\t西贾乡\n"}, "relations.tsv:1: expected 4 non-empty"),
    ({"relations.tsv": "东村\tnear\t西贾乡\tgold\n"}, "relations.tsv:1: unknown relation 'near'"),
    ({"relations.tsv": "东村\tlocatedIn\t南村\tgold\n"}, "relations.tsv:1: 南村 is not a name"),
    ({"relations.tsv": "\n东村\tlocatedIn\t西贾乡\tGold\n"}, "relations.tsv:2: status 'Gold'"),
    ({"attributes.tsv": "张三\tage\t40\tgold\n"}, "attributes.tsv:1: unknown attribute 'age'"),
    ({"attributes.tsv": "张三\tjobTitle\t校长\tgold\textra\n"}, "attributes.tsv:1: expected 4"),
])
def test_bad_gold_raises_input_error(tmp_path, small, files, fragment):
    texts = {"entities": ENTITIES, "relations": RELATIONS, "attributes": ATTRIBUTES}
    texts.update({name.split(".")[0]: text for name, text in files.items()})
    gold = write_gold(tmp_path / "bad", **texts)
    with pytest.raises(InputError) as info:
        evaluate(small[0], [gold])
    message = str(info.value)
    assert fragment in message and str(gold) in message and "\n" not in message


def test_missing_gold_dir_or_entities(tmp_path, small):
    with pytest.raises(InputError, match="no such gold directory"):
        evaluate(small[0], [tmp_path / "nowhere"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"empty[/\\]entities\.tsv: no such file"):
        evaluate(small[0], [tmp_path / "empty"])
    (tmp_path / "empty" / "entities.tsv").write_bytes(b"\xff\xfe\x00\x01")
    with pytest.raises(InputError, match=r"entities\.tsv: cannot read as UTF-8 text"):
        load_gold(tmp_path / "empty")


@pytest.mark.parametrize("name, content, fragment", [
    ("missing.ttl", None, "no such graph file"),
    ("broken.ttl", "ex:a ex:b .\n", "cannot be parsed as turtle"),
    ("broken.trig", "<a> <b> { <c> <d> ", "cannot be parsed as trig"),
    ("graph.unknownext", "x", "unknown RDF file extension"),
])
def test_bad_graph_raises_input_error(tmp_path, small, name, content, fragment):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        evaluate(path, [small[1]])
    assert fragment in str(info.value) and str(path) in str(info.value)
    assert "\n" not in str(info.value)
    with pytest.raises(InputError):
        read_graph(path)


def test_a_header_line_in_a_gold_file_is_named_as_such(tmp_path):
    (tmp_path / "entities.tsv").write_text("name\tclass\taliases\n屯留区\tDistrict\t\n",
                                           encoding="utf-8")
    from kg.evaluate import load_gold
    with pytest.raises(InputError, match=r"entities.tsv:1: unknown type 'class' for name \(a "
                                         r"header line\? the files have none"):
        load_gold([tmp_path])
