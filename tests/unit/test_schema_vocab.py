"""The JSON-LD checker accepts a realistic clinic graph and names each kind of mistake."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from checks.schema_vocab import Vocabulary, check_document, extract_documents

pytestmark = pytest.mark.unit

SITE = "https://example.org/"


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Vocabulary.load()


def clinic_graph() -> dict[str, Any]:
    """A small graph shaped like the site's own, valid against schema.org."""
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "WebSite",
                "@id": "#website",
                "url": SITE,
                "name": "Spectrum Dermatology",
                "publisher": {"@id": "#organization"},
                "inLanguage": "en-US",
            },
            {
                "@type": "MedicalOrganization",
                "@id": "#organization",
                "name": "Spectrum Dermatology",
                "url": SITE,
                "logo": f"{SITE}logo.png",
                "medicalSpecialty": "Dermatology",
            },
            {
                "@type": "MedicalClinic",
                "@id": "#clinic",
                "name": "Spectrum Dermatology, Scottsdale",
                "parentOrganization": {"@id": "#organization"},
                "priceRange": "$$",
                "telephone": "+1-480-555-0100",
                "medicalSpecialty": "Dermatology",
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": "1 Example Road",
                    "addressLocality": "Scottsdale",
                    "addressRegion": "AZ",
                    "postalCode": "85251",
                    "addressCountry": "US",
                },
                "geo": {"@type": "GeoCoordinates", "latitude": 33.49, "longitude": -111.92},
                "openingHoursSpecification": [
                    {
                        "@type": "OpeningHoursSpecification",
                        "dayOfWeek": ["Monday", "Tuesday"],
                        "opens": "08:00",
                        "closes": "17:00",
                    }
                ],
            },
            {
                "@type": ["Person", "Physician"],
                "@id": "#doctor",
                "name": "Dr. Example",
                "worksFor": {"@id": "#clinic"},
                "medicalSpecialty": "Dermatology",
            },
            {
                "@type": "MedicalWebPage",
                "@id": "#webpage",
                "url": f"{SITE}blog/post/",
                "isPartOf": {"@id": "#website"},
                "breadcrumb": {"@id": "#breadcrumb"},
                "reviewedBy": {"@id": "#doctor"},
                "lastReviewed": "2024-05-01",
            },
            {
                "@type": "BlogPosting",
                "@id": "#article",
                "headline": "Sunscreen, explained",
                "datePublished": "2024-05-01",
                "author": {"@id": "#doctor"},
                "publisher": {"@id": "#organization"},
                "mainEntityOfPage": {"@id": "#webpage"},
            },
            {
                "@type": "BreadcrumbList",
                "@id": "#breadcrumb",
                "itemListElement": [
                    {"@type": "ListItem", "position": 1, "name": "Home", "item": SITE},
                    {"@type": "ListItem", "position": 2, "name": "Blog", "item": f"{SITE}blog/"},
                ],
            },
        ],
    }


def node(doc: dict[str, Any], node_id: str) -> dict[str, Any]:
    return next(n for n in doc["@graph"] if n.get("@id") == node_id)


def test_the_clinic_graph_is_valid(vocab: Vocabulary) -> None:
    assert check_document(clinic_graph(), vocab) == []


def test_superclasses_are_transitive_and_include_the_class_itself(vocab: Vocabulary) -> None:
    ancestors = vocab.superclasses("MedicalClinic")
    assert {
        "MedicalClinic",
        "MedicalBusiness",
        "LocalBusiness",
        "Organization",
        "Place",
    } <= ancestors
    assert "Thing" in ancestors
    assert vocab.is_class("MedicalClinic")


@pytest.mark.parametrize(
    "name",
    [
        "Text",  # a data type
        "URL",  # a data type by subclassing Text
        "Duration",  # under Quantity, which this release makes a data type
        "Monday",  # an enumeration member
        "Dermatology",  # an enumeration member that also carries rdfs:subClassOf
        "PostalAdress",
    ],
)
def test_data_types_enumeration_members_and_typos_are_not_classes(
    vocab: Vocabulary, name: str
) -> None:
    assert not vocab.is_class(name)


def test_properties_carry_their_domain_range_and_replacement(vocab: Vocabulary) -> None:
    assert vocab.is_property("worksFor")
    assert not vocab.is_property("Organization")
    assert vocab.domain("priceRange") == {"LocalBusiness"}
    assert vocab.range("reviewedBy") == {"Organization", "Person"}
    assert vocab.superseded("serviceArea") == "areaServed"
    assert vocab.superseded("areaServed") is None


def test_the_default_vocabulary_is_parsed_once() -> None:
    assert Vocabulary.load() is Vocabulary.load()


def test_unknown_type(vocab: Vocabulary) -> None:
    doc = clinic_graph()
    node(doc, "#clinic")["@type"] = "DermatologyClinic"
    assert check_document(doc, vocab) == [
        "#clinic (DermatologyClinic): type 'DermatologyClinic' is not a schema.org class"
    ]


def test_an_enumeration_member_is_not_a_type(vocab: Vocabulary) -> None:
    doc = clinic_graph()
    node(doc, "#organization")["@type"] = "Dermatology"
    assert "#organization (Dermatology): type 'Dermatology' is not a schema.org class" in (
        check_document(doc, vocab)
    )


def test_a_node_without_type(vocab: Vocabulary) -> None:
    doc = clinic_graph()
    del node(doc, "#website")["@type"]
    assert "#website (no @type): has no @type" in check_document(doc, vocab)


def test_unknown_property(vocab: Vocabulary) -> None:
    doc = clinic_graph()
    node(doc, "#webpage")["foo"] = "bar"
    assert check_document(doc, vocab) == [
        "#webpage (MedicalWebPage): property 'foo' is not in the schema.org vocabulary"
    ]


def test_unknown_property_on_a_nested_object(vocab: Vocabulary) -> None:
    doc = clinic_graph()
    node(doc, "#clinic")["address"]["zip"] = "85251"
    assert check_document(doc, vocab) == [
        "#clinic (MedicalClinic) → address (PostalAddress): "
        "property 'zip' is not in the schema.org vocabulary"
    ]


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        (
            {"@type": "Organization", "@id": "#org", "priceRange": "$$"},
            "#org (Organization): 'priceRange' is not used on Organization (domain: LocalBusiness)",
        ),
        (
            # schema.org's Physician is a medical business, not a Person.
            {"@type": "Physician", "@id": "#physician", "worksFor": {"@id": "#clinic"}},
            "#physician (Physician): 'worksFor' is not used on Physician (domain: Person)",
        ),
    ],
)
def test_property_outside_its_domain(
    vocab: Vocabulary, extra: dict[str, Any], problem: str
) -> None:
    doc = clinic_graph()
    doc["@graph"].append(extra)
    assert check_document(doc, vocab) == [problem]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            {"@type": "Code"},
            "#article (Code): type 'Code' is superseded by 'SoftwareSourceCode'",
        ),
        (
            {"@type": "MedicalClinic", "serviceArea": "Scottsdale"},
            "#article (MedicalClinic): 'serviceArea' is superseded by 'areaServed'",
        ),
    ],
)
def test_superseded_terms(vocab: Vocabulary, change: dict[str, str], problem: str) -> None:
    doc = clinic_graph()
    article = node(doc, "#article")
    article.clear()
    article.update({"@id": "#article", **change})
    assert check_document(doc, vocab) == [problem]


def test_nested_object_outside_the_range(vocab: Vocabulary) -> None:
    doc = clinic_graph()
    node(doc, "#clinic")["geo"] = {"@type": "PostalAddress", "postalCode": "85251"}
    assert check_document(doc, vocab) == [
        "#clinic (MedicalClinic): 'geo' does not take PostalAddress "
        "(range: GeoCoordinates, GeoShape)"
    ]


def test_reference_outside_the_range(vocab: Vocabulary) -> None:
    doc = clinic_graph()
    node(doc, "#article")["author"] = {"@id": "#website"}
    assert check_document(doc, vocab) == [
        "#article (BlogPosting): 'author' does not take WebSite (range: Organization, Person)"
    ]


def test_literal_values_are_accepted_for_any_property(vocab: Vocabulary) -> None:
    doc = clinic_graph()
    node(doc, "#article").update({"author": ["Dr. Example", None], "publisher": 42})
    assert check_document(doc, vocab) == []


def test_a_range_of_thing_takes_any_class(vocab: Vocabulary) -> None:
    doc = clinic_graph()
    node(doc, "#webpage")["about"] = {"@id": "#clinic"}
    assert check_document(doc, vocab) == []


def test_dangling_reference(vocab: Vocabulary) -> None:
    doc = clinic_graph()
    node(doc, "#article")["author"] = {"@id": "#nobody"}
    assert check_document(doc, vocab) == [
        "#article (BlogPosting): 'author' refers to '#nobody', which is not in the graph"
    ]


def test_a_reference_may_point_at_a_nested_object(vocab: Vocabulary) -> None:
    doc = clinic_graph()
    node(doc, "#clinic")["address"]["@id"] = "#address"
    node(doc, "#organization")["address"] = {"@id": "#address"}
    assert check_document(doc, vocab) == []


def test_duplicate_id(vocab: Vocabulary) -> None:
    doc = clinic_graph()
    doc["@graph"].append({"@type": "Organization", "@id": "#clinic", "name": "Other"})
    assert check_document(doc, vocab) == [
        "#clinic (Organization): @id '#clinic' is declared more than once"
    ]


@pytest.mark.parametrize("context", ["https://schema.org", "https://schema.org/"])
def test_schema_org_contexts(vocab: Vocabulary, context: str) -> None:
    doc = clinic_graph()
    doc["@context"] = context
    assert check_document(doc, vocab) == []


@pytest.mark.parametrize("context", ["http://schema.org", "https://example.org", None])
def test_wrong_context(vocab: Vocabulary, context: str | None) -> None:
    doc = clinic_graph()
    doc["@context"] = context
    assert check_document(doc, vocab) == [f"@context is {context!r}, not 'https://schema.org'"]


def test_a_document_without_graph_is_one_node(vocab: Vocabulary) -> None:
    doc = {"@context": "https://schema.org", "@type": "Organization", "priceRange": "$$"}
    assert check_document(doc, vocab) == [
        "(Organization): 'priceRange' is not used on Organization (domain: LocalBusiness)"
    ]


TINY_VOCABULARY = {
    "@graph": [
        {"@id": "schema:Thing", "@type": "rdfs:Class"},
        {"@id": "schema:Person", "@type": "rdfs:Class", "rdfs:subClassOf": {"@id": "schema:Thing"}},
        {
            "@id": "schema:knows",
            "@type": "rdf:Property",
            "schema:domainIncludes": {"@id": "schema:Person"},
            "schema:rangeIncludes": {"@id": "schema:Person"},
        },
        {
            "@id": "schema:friend",
            "@type": "rdf:Property",
            "rdfs:subPropertyOf": {"@id": "schema:knows"},
        },
    ]
}


@pytest.mark.parametrize("suffix", [".jsonld", ".jsonld.gz"])
def test_a_property_without_domain_inherits_its_super_propertys(
    tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"vocabulary{suffix}"
    opener = gzip.open if suffix.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as file:
        json.dump(TINY_VOCABULARY, file)
    assert Vocabulary.load(path).domain("friend") == {"Person"}


PAGE = """<!doctype html>
<html><head>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": []}</script>
<script>var notJsonLd = {};</script>
<script type="application/ld+json">
  {"@context": "https://schema.org", "@type": "WebSite", "name": "A < B"}
</script>
</head><body></body></html>"""


def test_extract_documents_reads_every_json_ld_script_in_order() -> None:
    assert extract_documents(PAGE) == [
        {"@context": "https://schema.org", "@graph": []},
        {"@context": "https://schema.org", "@type": "WebSite", "name": "A < B"},
    ]


def test_a_page_without_json_ld_has_no_documents() -> None:
    assert extract_documents("<p>Hello</p>") == []


@pytest.mark.parametrize(
    ("script", "message"),
    [
        ('{"@context": "https://schema.org",}', "JSON-LD script 2 is not valid JSON"),
        ("[1, 2]", "JSON-LD script 2 is a list, not a JSON object"),
    ],
)
def test_a_broken_script_raises_value_error(script: str, message: str) -> None:
    html = (
        '<script type="application/ld+json">{}</script>'
        f'<script type="application/ld+json">{script}</script>'
    )
    with pytest.raises(ValueError, match=message):
        extract_documents(html)


def test_a_literal_naming_a_superseded_term_is_reported():
    vocab = Vocabulary.load()
    doc = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "MedicalClinic",
                "@id": "#clinic",
                "medicalSpecialty": "https://schema.org/Dermatologic",
            }
        ],
    }
    problems = check_document(doc, vocab)
    assert problems == [
        "#clinic (MedicalClinic): 'medicalSpecialty' names "
        "'https://schema.org/Dermatologic', superseded by Dermatology"
    ]
    doc["@graph"][0]["medicalSpecialty"] = "https://schema.org/Dermatology"
    assert check_document(doc, vocab) == []
    doc["@graph"][0]["medicalSpecialty"] = "https://schema.org/Dermatologyy"
    assert "not a schema.org term" in check_document(doc, vocab)[0]
