"""The production build's head on every page: title, meta tags and one valid JSON-LD graph."""

from __future__ import annotations

import json
from datetime import date

import pytest

import pelicanconf
from checks.schema_vocab import Vocabulary, check_document, extract_documents
from support import parse, seed_metadata, seed_paragraphs, text_of

BASE = pelicanconf.PRODUCTION_SITEURL
SEED_PATH = "blog/in-office-vs-diy-microdermabrasion/"
TITLE, SEO_TITLE = seed_paragraphs()[:2]
REVIEWED = date.fromisoformat(seed_metadata()["last_reviewed"])


@pytest.fixture(scope="module")
def seed(published):
    return published.page(SEED_PATH)


def meta(page, **attrs) -> list[str]:
    return [tag["content"] for tag in page.find_all("meta", attrs=attrs)]


def graph_of(page) -> list[dict]:
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)["@graph"]


def node(graph: list[dict], kind: str) -> dict:
    return next(
        n for n in graph if kind in ([n["@type"]] if isinstance(n["@type"], str) else n["@type"])
    )


def test_every_page_has_one_valid_schema_org_graph(published):
    vocabulary = Vocabulary.load()
    report = {}
    for path in published.html_files():
        documents = extract_documents(path.read_text(encoding="utf-8"))
        assert len(documents) == 1, path
        problems = check_document(documents[0], vocabulary)
        if problems:
            report[str(path.relative_to(published.root))] = problems
    assert report == {}
    assert len(published.html_files()) > 15


def test_seed_title_description_and_canonical(seed):
    assert seed.title.string == SEO_TITLE
    assert len(meta(seed, name="description")[0]) <= 160
    assert seed.find("link", rel="canonical")["href"] == f"{BASE}/{SEED_PATH}"


def test_seed_open_graph(seed):
    og = {tag["property"]: tag["content"] for tag in seed.find_all("meta", property=True)}
    assert og["og:type"] == "article"
    assert og["og:title"] == TITLE
    assert og["og:url"] == seed.find("link", rel="canonical")["href"]
    assert og["og:image"].startswith(f"{BASE}/images/cards/")  # its own card (sharecards.py)
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630")
    assert og["og:image:alt"] == f"{TITLE} — Spectrum Dermatology"
    assert og["og:site_name"] == "Spectrum Dermatology"
    assert og["og:locale"] == "en_US"
    assert og["article:published_time"].startswith("2025-01-15T09:00:00-07:00")
    assert og["article:section"] == "Skin Treatments"
    assert meta(seed, property="article:tag") == [
        "microdermabrasion",
        "exfoliation",
        "at-home skin care",
    ]
    assert meta(seed, name="twitter:card") == ["summary_large_image"]


def test_meta_values_are_plain_text(published):
    for path in published.html_files():
        page = parse(path)
        values = [tag.get("content", "") for tag in page.find_all("meta")] + [page.title.string]
        values += [json.dumps(graph_of(page))]
        for value in values:
            assert "caps" not in value, path
            assert "&nbsp;" not in value, path
            assert "\xa0" not in value, path


def test_seed_graph_carries_the_article_and_its_review(seed):
    graph = graph_of(seed)
    post = node(graph, "BlogPosting")
    assert post["headline"] == TITLE
    assert post["mainEntityOfPage"] == {"@id": f"{BASE}/{SEED_PATH}#webpage"}
    assert post["wordCount"] > 250
    page = node(graph, "MedicalWebPage")
    assert page["url"] == f"{BASE}/{SEED_PATH}"
    assert page["lastReviewed"] == REVIEWED.isoformat()
    reviewer = node(graph, "Physician")
    assert page["reviewedBy"] == {"@id": reviewer["@id"]}
    assert reviewer["url"] == f"{BASE}/providers/dr-example/"
    crumbs = node(graph, "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "Blog", "Skin Treatments", TITLE]
    assert crumbs[-1]["item"] == f"{BASE}/{SEED_PATH}"


def test_seed_shows_its_medical_review(seed, published):
    line = seed.find("p", class_="reviewed")
    when = f"{REVIEWED:%B} {REVIEWED.day}, {REVIEWED.year}"
    assert text_of(line) == f"Medically reviewed by Dr. Alex Example, MD, FAAD on {when}"
    href = line.a["href"]
    assert href == f"{BASE}/providers/dr-example/"
    profile = published.page("providers/dr-example/")
    assert text_of(profile.h1) == "Dr. Alex Example, MD, FAAD"
    assert profile.find("a", href=f"{BASE}/{SEED_PATH}")
    assert node(graph_of(profile), "ProfilePage")["mainEntity"] == {
        "@id": f"{BASE}/providers/dr-example/#person"
    }


def test_seed_call_to_action_block(seed):
    asides = seed.find_all("aside")
    assert len(asides) == 1
    aside = asides[0]
    heading = seed.find(id=aside["aria-labelledby"])
    assert text_of(heading) == "Contact Spectrum Dermatology Today!"
    assert aside.find("a", href="tel:+14805550100")
    booking = aside.find("a", string="Book a consultation")
    assert booking["href"] == f"{BASE}/contact/#book"


def test_home_page_leads_with_the_clinic_and_its_two_next_steps(published):
    """The hero: the clinic in one line, then booking and calling, before anything else."""
    home = published.page("")
    hero = home.find("section", class_="hero")
    assert text_of(hero.find("h1")) == "Spectrum Dermatology"
    actions = hero.find(class_="hero-actions").find_all("a")
    assert [text_of(a) for a in actions] == ["Book a consultation", "Call (480) 555-0100"]
    assert [a["href"] for a in actions] == [f"{BASE}/contact/#book", "tel:+14805550100"]
    assert home.find("main").find("a", href=True) is actions[0]
    assert meta(home, property="og:type") == ["website"]


def test_pages_show_a_call_to_action_only_when_they_ask(published):
    assert not published.page("privacy/").find("aside", class_="cta")
    assert published.page("about/").find("aside", class_="cta")


def test_contact_page_lists_every_location_in_the_graph(published):
    graph = graph_of(published.page("contact/"))
    clinics = [n for n in graph if n["@type"] == "MedicalClinic"]
    assert len(clinics) == len(pelicanconf.CLINIC["locations"])
    assert node(graph, "ContactPage")["url"] == f"{BASE}/contact/"


def test_listing_pages_canonicalise_to_themselves(published):
    for path in ("", "blog/", "blog/category/skin-treatments/", "providers/"):
        page = published.page(path)
        assert page.find("link", rel="canonical")["href"] == f"{BASE}/{path}"
