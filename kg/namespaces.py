"""Namespaces and the project's ontology terms, in one visible place.

``KG`` is a closed namespace: ``KG.Typo`` raises ``AttributeError``. A test keeps its term
list equal to the terms ``ontology/kg.ttl`` defines. ``PREFIXES`` is bound on every graph the
project writes.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, Namespace
from rdflib.namespace import ClosedNamespace

ONTOLOGY_IRI = "https://w3id.org/kg-news/ontology"
DATA_IRI = "https://w3id.org/kg-news/id/"

PLACE_CLASSES = (
    "Country", "Province", "City", "District", "County", "Town", "Township", "Subdistrict",
    "Village", "Community", "ResidentialCompound",
)
ORGANIZATION_CLASSES = (
    "GovernmentAgency", "PartyOrganization", "PartySchool", "School", "University", "Hospital",
    "HealthCenter", "Company", "Foundation", "NonProfit", "MediaOutlet", "PublicInstitution",
)
OTHER_CLASSES = ("Facility", "HistoricSite", "Person", "Project", "CooperationProgram", "Event",
                 "Product")
COARSE_CLASSES = ("Place", "AdministrativeArea", "Organization")
DOCUMENT_CLASSES = ("Article", "Evidence")

RELATIONS = (
    "partnerOf", "signedAgreementWith", "spouseOf", "trainedAt", "visited", "donatedTo",
    "establishedBy", "locatedIn", "subOrganizationOf", "worksFor", "organizerOf",
    "participatedIn",
)
SYMMETRIC_RELATIONS = ("partnerOf", "signedAgreementWith", "spouseOf")
AMOUNT_ATTRIBUTES = ("totalInvestment", "cooperationFunding")
DATE_ATTRIBUTES = ("startDate", "endDate", "foundingDate")
TEXT_ATTRIBUTES = ("jobTitle",)
ATTRIBUTES = AMOUNT_ATTRIBUTES + DATE_ATTRIBUTES + TEXT_ATTRIBUTES
# Bookkeeping properties: division codes, where an entity is mentioned, article metadata.
META_PROPERTIES = ("divisionCode", "mentionedIn", "qualifier", "amount", "jointDonors", "section",
                   "kicker", "byline", "pageYear", "sourceFile")

ENTITY_CLASSES = PLACE_CLASSES + ORGANIZATION_CLASSES + OTHER_CLASSES

KG = ClosedNamespace(
    uri=ONTOLOGY_IRI + "#",
    terms=list(ENTITY_CLASSES + COARSE_CLASSES + DOCUMENT_CLASSES + RELATIONS + ATTRIBUTES
               + META_PROPERTIES),
)
ID = Namespace(DATA_IRI)
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

PREFIXES = {
    "kg": Namespace(ONTOLOGY_IRI + "#"),
    "id": ID,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "schema": SCHEMA,
    "org": ORG,
    "nif": NIF,
}


def coarse_class(cls: str) -> str:
    """The coarse class of a fine class local name: ``District`` -> ``Place``,
    ``School`` -> ``Organization``, ``HistoricSite`` -> ``Facility``, others unchanged."""
    if cls in PLACE_CLASSES:
        return "Place"
    if cls in ORGANIZATION_CLASSES:
        return "Organization"
    if cls == "HistoricSite":
        return "Facility"
    if cls == "CooperationProgram":
        return "Project"
    return cls


def bind_prefixes(graph) -> None:
    """Bind :data:`PREFIXES` on an rdflib ``Graph`` or ``Dataset`` (replacing rdflib defaults)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)


def ontology_path(name: str) -> Path:
    """A file of the ontology folder (``kg.ttl``, ``shapes.ttl``): the repository's
    ``ontology/`` in a checkout, the installed ``kg/ontology`` package otherwise."""
    here = Path(__file__).resolve().parent
    checkout = here.parent / "ontology" / name
    if checkout.exists():
        return checkout
    from importlib import resources

    return Path(str(resources.files("kg.ontology").joinpath(name)))
