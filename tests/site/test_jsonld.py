"""Unit tests for the graph builder and the serialiser, against the real schema.org vocabulary."""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta, timezone

import pytest

import pelicanconf
from checks.schema_vocab import Vocabulary, check_document
from clinic.pages.jsonld import build_graph, provider_node, site_nodes
from clinic.pages.pageinfo import Crumb, PageInfo
from clinic.settings.validation import validate

PHOENIX = timezone(timedelta(hours=-7))


@pytest.fixture(scope="module")
def site():
    values = copy.deepcopy({k: getattr(pelicanconf, k) for k in dir(pelicanconf) if k.isupper()})
    values["PATH"] = str(pelicanconf.HERE / "content")
    return validate(values)


def article(site, **changes) -> PageInfo:
    fields = {
        "kind": "article",
        "path": "blog/acne/",
        "title": "Acne",
        "html_title": "Acne | Spectrum Dermatology",
        "description": "About acne.",
        "breadcrumbs": (Crumb("Home", ""), Crumb("Blog", "blog/"), Crumb("Acne", "blog/acne/")),
        "web_page_type": "MedicalWebPage",
        "published": datetime(2025, 1, 15, 9, 0, tzinfo=PHOENIX),
        "modified": datetime(2025, 2, 1, 9, 0, tzinfo=PHOENIX),
        "author": "Spectrum Dermatology",
        "section": "Skin Conditions",
        "keywords": ("acne",),
        "word_count": 420,
        "reviewer": site.providers["dr-example"],
        "last_reviewed": date(2025, 3, 1),
    }
    return PageInfo(**{**fields, **changes})


def nodes_by_type(graph: dict) -> dict[str, dict]:
    found = {}
    for node in graph["@graph"]:
        types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        for kind in types:
            found.setdefault(kind, node)
    return found


def test_an_article_with_a_picture_and_a_card_names_both_as_its_images(site):
    from clinic.rendering.images import Image

    picture = Image(path="images/acne.jpg", width=1600, height=1200, alt="A clear cheek")
    card = Image(path="images/cards/abc.png", width=1200, height=630, alt="Acne")
    graph = build_graph(article(site, image=picture), site, site_nodes(site), card)
    by_id = {node["@id"]: node for node in graph["@graph"]}
    post = nodes_by_type(graph)["BlogPosting"]
    shown = [by_id[ref["@id"]] for ref in post["image"]]
    assert [(node["@type"], node["width"], node["height"]) for node in shown] == [
        ("ImageObject", 1600, 1200),
        ("ImageObject", 1200, 630),
    ]
    page = nodes_by_type(graph)["MedicalWebPage"]
    assert by_id[page["primaryImageOfPage"]["@id"]]["url"].endswith("/images/acne.jpg")
    # Without a picture the card is the page's image, named once.
    alone = build_graph(article(site), site, site_nodes(site), card)
    post = nodes_by_type(alone)["BlogPosting"]
    assert {node["@id"]: node for node in alone["@graph"]}[post["image"]["@id"]]["url"].endswith(
        "/images/cards/abc.png"
    )


def test_article_graph_has_every_node_and_field(site):
    graph = build_graph(article(site), site, site_nodes(site))
    nodes = nodes_by_type(graph)
    assert {
        "WebSite",
        "MedicalOrganization",
        "MedicalClinic",
        "MedicalWebPage",
        "BlogPosting",
        "BreadcrumbList",
        "Physician",
        "ImageObject",
    } <= set(nodes)
    post = nodes["BlogPosting"]
    for field in (
        "headline",
        "description",
        "datePublished",
        "dateModified",
        "author",
        "publisher",
        "image",
        "mainEntityOfPage",
        "wordCount",
        "articleSection",
        "keywords",
        "inLanguage",
    ):
        assert field in post, field
    assert post["datePublished"] == "2025-01-15T09:00:00-07:00"
    assert post["publisher"] == {"@id": nodes["MedicalOrganization"]["@id"]}
    page = nodes["MedicalWebPage"]
    assert page["lastReviewed"] == "2025-03-01"
    assert page["reviewedBy"] == {"@id": nodes["Physician"]["@id"]}
    clinic = nodes["MedicalClinic"]
    for field in ("address", "geo", "openingHoursSpecification", "telephone", "priceRange"):
        assert field in clinic, field
    assert clinic["medicalSpecialty"] == "https://schema.org/Dermatology"


def test_article_graph_is_valid_schema_org(site):
    graph = build_graph(article(site), site, site_nodes(site))
    assert check_document(graph, Vocabulary.load()) == []


def test_every_id_is_unique_and_every_reference_resolves(site):
    graph = build_graph(article(site, author="Jamie Writer"), site, site_nodes(site))
    declared = [node["@id"] for node in graph["@graph"]]
    assert len(declared) == len(set(declared))

    def references(value):
        if isinstance(value, dict):
            if set(value) == {"@id"}:
                yield value["@id"]
            for item in value.values():
                yield from references(item)
        elif isinstance(value, list):
            for item in value:
                yield from references(item)

    assert set(references(graph["@graph"])) <= set(declared)


def test_an_author_who_is_not_the_clinic_gets_a_person_node(site):
    graph = build_graph(article(site, author="Jamie Writer"), site, site_nodes(site))
    post = nodes_by_type(graph)["BlogPosting"]
    person = next(n for n in graph["@graph"] if n["@id"] == post["author"]["@id"])
    assert person == {"@type": "Person", "@id": post["author"]["@id"], "name": "Jamie Writer"}


def test_an_authors_id_is_slugged_as_the_sites_addresses_are(site):
    """A Spanish name keeps its letters, unaccented, as Pelican's slugs do."""
    graph = build_graph(article(site, author="Dra. María Núñez"), site, site_nodes(site))
    post = nodes_by_type(graph)["BlogPosting"]
    assert post["author"]["@id"] == site.absolute("#author-dra-maria-nunez")


def test_a_page_without_review_is_a_plain_web_page_without_empty_fields(site):
    page = article(
        site,
        kind="page",
        web_page_type="WebPage",
        reviewer=None,
        last_reviewed=None,
        published=None,
        modified=None,
    )
    graph = build_graph(page, site, site_nodes(site))
    nodes = nodes_by_type(graph)
    assert "BlogPosting" not in nodes
    assert "Physician" not in nodes
    assert "reviewedBy" not in nodes["WebPage"]
    assert None not in nodes["WebPage"].values()


def test_several_locations_each_become_a_clinic_linked_to_the_organisation(site):
    second = {**site.clinic["locations"][0], "name": "Spectrum Dermatology North"}
    clinic = {**site.clinic, "locations": [*site.clinic["locations"], second]}
    many = type(site)(**{**site.__dict__, "clinic": clinic})
    clinics = [n for n in site_nodes(many) if n["@type"] == "MedicalClinic"]
    assert len(clinics) == 2
    assert len({c["@id"] for c in clinics}) == 2
    organization_id = many.absolute("#organization")
    assert all(c["parentOrganization"] == {"@id": organization_id} for c in clinics)


def test_physician_and_person_providers(site):
    doctor = site.providers["dr-example"]
    node = provider_node(doctor, site)
    assert node["@type"] == ["Person", "Physician"]
    assert node["honorificSuffix"] == "MD, FAAD"
    assert node["worksFor"] == {"@id": site.absolute("#organization")}
    nurse = type(doctor)(**{**doctor.__dict__, "type": "Person", "credentials": ("RN",)})
    node = provider_node(nurse, site)
    assert node["@type"] == "Person"
    assert "medicalSpecialty" not in node


def test_a_pages_graph_written_with_the_shared_nodes_written_once_is_the_same(site):
    """Each page's head writes the site's shared nodes as written once per build
    (SharedGraph, graph_json): the same bytes as writing its whole graph, for an
    article with a picture, a card and a reviewer, and a page without them, with a
    title that has to be escaped for the script element."""
    from clinic.pages.jsonld import SharedGraph, graph_json, page_nodes, to_script_json
    from clinic.rendering.images import Image

    shared = SharedGraph.of(site_nodes(site))
    picture = Image(path="images/acne.jpg", width=1600, height=1200, alt="A clear cheek")
    card = Image(path="images/cards/abc.png", width=1200, height=630, alt="Acne")
    pages = [
        (article(site, image=picture, title="Acne & </script> 'spots'"), card),
        (article(site, kind="page", reviewer=None, last_reviewed=None), None),
    ]
    for page, shown in pages:
        whole = to_script_json(build_graph(page, site, site_nodes(site), shown))
        assert graph_json(shared, page_nodes(page, site, shown)) == whole
        assert "</script>" not in whole
