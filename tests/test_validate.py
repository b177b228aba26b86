"""kg.validate: the sample graph conforms; each kind of break fails with one readable line."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import PROV, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import XSD as _XSD

from kg.errors import InputError, KgError
from kg.namespaces import ID, KG, NIF, SCHEMA
from kg.validate import DEFAULT_SHAPES, ValidationResult, validate

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
import sample_graph as sample  # noqa: E402


def statement(g: Graph, subject: str, predicate: URIRef, obj) -> URIRef:
    obj = obj if isinstance(obj, (URIRef, Literal)) else sample.iri(obj)
    (node,) = set(g.subjects(RDF.subject, sample.iri(subject))) \
        & set(g.subjects(RDF.predicate, predicate)) & set(g.subjects(RDF.object, obj))
    return node


def write(graph, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    graph.serialize(path, format={"ttl": "turtle", "trig": "trig", "nq": "nquads",
                                  "jsonld": "json-ld", "nt": "nt"}[name.rsplit(".", 1)[1]],
                    encoding="utf-8")
    return path


def lines(result: ValidationResult) -> list[str]:
    return result.text.splitlines()[1:]


def test_default_shapes_file_is_the_repository_one():
    assert DEFAULT_SHAPES == Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
    assert DEFAULT_SHAPES.is_file()


@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig", "graph.nq", "graph.jsonld"])
def test_the_sample_conforms_in_every_format(tmp_path, name):
    data = sample.sample_graph() if name.endswith(".ttl") else sample.build_sample()
    result = validate(write(data, tmp_path, name))
    assert (result.conforms, result.violations) == (True, 0)
    assert result.text == "conforms: yes — 0 violations, 0 warnings\n"


def test_trig_is_validated_as_the_union_of_its_graphs(tmp_path):
    # 抗大一分校 is typed only in the follow-up article's graph; the project it locates is in both
    ds = sample.build_sample()
    graphs = {str(g.identifier) for g in ds.graphs() if (sample.iri(sample.KANGDA), RDF.type,
                                                          KG.HistoricSite) in g}
    assert graphs == {str(ID) + "article/" + sample.FOLLOWUP_ID}
    assert validate(write(ds, tmp_path, "graph.trig")).conforms


def _drop_label(g: Graph) -> None:
    g.remove((sample.iri(sample.WANG), RDFS.label, None))


def _negative_amount(g: Graph) -> None:
    node = sample.iri(sample.MINGYIGUAN)
    old = Literal("5031400", datatype=_XSD.decimal)  # as graph.ttl writes it (canonical)
    new = Literal("-5031400", datatype=_XSD.decimal)
    st = statement(g, sample.MINGYIGUAN, KG.totalInvestment, old)
    g.remove((node, KG.totalInvestment, old))
    g.add((node, KG.totalInvestment, new))
    g.set((st, RDF.object, new))


def _amount_in_words(g: Graph) -> None:
    node = sample.iri(sample.MINGYIGUAN)
    old = Literal("5031400", datatype=_XSD.decimal)
    new = Literal("约五百万", datatype=_XSD.decimal)  # ill-typed: one violation, not two
    st = statement(g, sample.MINGYIGUAN, KG.totalInvestment, old)
    g.remove((node, KG.totalInvestment, old))
    g.add((node, KG.totalInvestment, new))
    g.set((st, RDF.object, new))


def _one_joint_donor(g: Graph) -> None:
    g.add((statement(g, sample.DONGCHENG, KG.partnerOf, sample.TUNLIU), KG.jointDonors,
           Literal(1)))


def _joint_donors_in_words(g: Graph) -> None:
    g.add((statement(g, sample.DONGCHENG, KG.partnerOf, sample.TUNLIU), KG.jointDonors,
           Literal("四家")))


def _no_evidence(g: Graph) -> None:
    g.remove((statement(g, sample.DONGCHENG, KG.partnerOf, sample.TUNLIU), PROV.wasDerivedFrom,
              None))


def _bad_date(g: Graph) -> None:
    node, old = sample.iri(sample.DUAL), Literal("2024-06", datatype=_XSD.gYearMonth)
    st = statement(g, sample.DUAL, KG.startDate, old)
    g.remove((node, KG.startDate, old))
    g.add((node, KG.startDate, Literal("6月份")))
    g.set((st, RDF.object, Literal("6月份")))


def _untyped_object(g: Graph) -> None:
    g.add((sample.iri(sample.ZHANG), KG.visited, ID["place/未知"]))


def _offsets_reversed(g: Graph) -> None:
    ev = statement(g, sample.DONGCHENG, KG.partnerOf, sample.TUNLIU)
    ev = g.value(ev, PROV.wasDerivedFrom)
    g.set((ev, NIF.beginIndex, Literal(200)))


def _unasserted(g: Graph) -> None:
    g.remove((sample.iri(sample.DONGCHENG), KG.partnerOf, sample.iri(sample.TUNLIU)))


def _no_headline(g: Graph) -> None:
    g.remove((ID["article/" + sample.FOLLOWUP_ID], SCHEMA.headline, None))


@pytest.mark.parametrize("break_graph, expected", [
    (_drop_label, "id:person/王志坚 — rdfs:label — an entity needs an rdfs:label (its fullest name)"),
    (_negative_amount, "中医药合作名医馆项目 — kg:totalInvestment — kg:totalInvestment must not be "
                       'negative (value: "-5031400")'),
    (_amount_in_words, "中医药合作名医馆项目 — kg:totalInvestment — kg:totalInvestment must be an "
                       'xsd:decimal (yuan) (value: "约五百万")'),
    (_one_joint_donor, "statement(北京市东城区 kg:partnerOf 屯留区) — kg:jointDonors — "
                       "kg:jointDonors must be at least 2 (one donor gives its sum alone) "
                       '(value: "1")'),
    (_joint_donors_in_words, "statement(北京市东城区 kg:partnerOf 屯留区) — kg:jointDonors — "
                             "kg:jointDonors is one xsd:integer (the donors giving the sum "
                             'together) (value: "四家")'),
    (_no_evidence, "statement(北京市东城区 kg:partnerOf 屯留区) — prov:wasDerivedFrom — a statement "
                   "needs at least one prov:wasDerivedFrom evidence"),
    (_bad_date, "双师课堂 — kg:startDate — kg:startDate must be a valid xsd:date, xsd:gYearMonth or "
                'xsd:gYear (value: "6月份")'),
    (_untyped_object, "章建伟 — kg:visited — kg:visited must point to an entity with a kg class "
                      "(value: id:place/未知)"),
    (_unasserted, "statement(北京市东城区 kg:partnerOf 屯留区) — rdf:object — the statement's "
                  "triple is not asserted in the graph (value: 屯留区)"),
    (_no_headline, "id:article/followup-1 — schema:headline — an article has exactly one "
                   "schema:headline"),
])
def test_a_broken_graph_fails_with_one_readable_line(tmp_path, break_graph, expected):
    g = sample.sample_graph()
    break_graph(g)
    result = validate(write(g, tmp_path, "graph.ttl"))
    assert (result.conforms, result.violations) == (False, 1)
    assert result.text.splitlines()[0] == "conforms: no — 1 violation, 0 warnings"
    assert lines(result) == [expected]


def test_reversed_offsets_report_both_the_order_and_the_text_mismatch():
    g = sample.sample_graph()
    _offsets_reversed(g)
    result = validate(g)
    assert result.violations == 2
    focus = "id:article/000_238ca3ace6f4ed21-1/char=51,104"
    assert lines(result) == [
        f"{focus} — nif:anchorOf — nif:anchorOf differs from the article text at "
        "[nif:beginIndex, nif:endIndex) (value: \"京长对口合作开展以来，北京东城区与屯留区在红色文化、人才"
        "培养、乡村振兴、产业转型等多领域合作已经全面展开。\")",
        f'{focus} — nif:beginIndex — nif:beginIndex must not be greater than nif:endIndex '
        '(value: "200")',
    ]


@pytest.mark.parametrize("value, message", [
    (Literal(51, datatype=_XSD.nonNegativeInteger), "evidence has exactly one nif:endIndex, an "
     'xsd:integer >= 0 (value: "51")'),
    (Literal(-1), 'evidence has exactly one nif:endIndex, an xsd:integer >= 0 (value: "-1")')])
def test_offsets_are_non_negative_xsd_integers(value, message):
    """kg writes offsets as xsd:integer (what Oxigraph gives back); the shapes say so."""
    g = sample.sample_graph()
    ev = g.value(statement(g, sample.DONGCHENG, KG.partnerOf, sample.TUNLIU), PROV.wasDerivedFrom)
    assert g.value(ev, NIF.endIndex).datatype == _XSD.integer  # as graph.ttl writes it
    g.set((ev, NIF.endIndex, value))
    result = validate(g)
    focus = "id:article/000_238ca3ace6f4ed21-1/char=51,104"
    assert f"{focus} — nif:endIndex — {message}" in lines(result)
    assert not result.conforms


def test_warnings_are_listed_but_do_not_break_conformance():
    g = sample.sample_graph()
    title = Literal("校长", lang="zh")
    evidence = g.value(statement(g, sample.DONGCHENG, KG.partnerOf, sample.TUNLIU),
                       PROV.wasDerivedFrom)
    g.add((sample.iri(sample.DEMO), KG.jobTitle, title))
    st = URIRef(ID + "fact/extra")
    for p, o in ((RDF.type, RDF.Statement), (RDF.subject, sample.iri(sample.DEMO)),
                 (RDF.predicate, KG.jobTitle), (RDF.object, title),
                 (PROV.wasDerivedFrom, evidence)):
        g.add((st, p, o))
    result = validate(g)
    assert (result.conforms, result.violations) == (True, 0)
    assert result.text.splitlines()[0] == "conforms: yes — 0 violations, 1 warning"
    assert lines(result) == ["warning: 上村镇小南村乡村振兴示范点建设项目 — rdf:type — kg:jobTitle, "
                             "kg:worksFor and kg:spouseOf are expected on a kg:Person"]


def test_missing_and_unparseable_data_raise_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        validate(tmp_path / "absent.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError, match="cannot parse as turtle") as err:
        validate(bad)
    assert "\n" not in str(err.value)


def test_missing_shapes_file_raises_kg_error(tmp_path):
    with pytest.raises(KgError, match="shapes file not found"):
        validate(write(sample.sample_graph(), tmp_path, "graph.ttl"), tmp_path / "none.ttl")


@pytest.mark.parametrize("content", [
    None,  # the data graph itself given as the shapes
    "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n",
    "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
    "<http://example.org/s> sh:message \"not a shape\" .\n"])
def test_shapes_file_without_shapes_is_an_input_error(tmp_path, content):
    """A file that declares no shape validated nothing, yet said "conforms: yes"."""
    data = write(sample.sample_graph(), tmp_path, "graph.ttl")
    shapes = data if content is None else tmp_path / "shapes.ttl"
    if content is not None:
        shapes.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="holds no SHACL shapes") as err:
        validate(data, shapes)
    assert str(err.value).startswith(f"{shapes}: holds no SHACL shapes")
    assert "\n" not in str(err.value)


def test_cli_shapes_file_without_shapes_exits_2(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    data = write(sample.sample_graph(), tmp_path, "graph.ttl")
    result = CliRunner().invoke(main, ["validate", str(data), "--shapes", str(data)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"kg: error: {data}: holds no SHACL shapes (no sh:NodeShape, sh:PropertyShape, "
        "sh:targetClass, sh:targetNode, sh:targetSubjectsOf, sh:targetObjectsOf, sh:path or "
        "sh:property); give a shapes file with --shapes"]


@pytest.mark.parametrize("shape", [
    "ex:S a sh:NodeShape .",
    "ex:S sh:targetClass ex:C ; sh:closed true .",
    "ex:S sh:path ex:p ; sh:minCount 1 ."])
def test_a_file_with_one_shape_is_accepted(tmp_path, shape):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                      f"@prefix ex: <http://example.org/> .\n{shape}\n", encoding="utf-8")
    result = validate(write(sample.sample_graph(), tmp_path, "graph.ttl"), shapes)
    assert result.conforms and result.violations == 0
