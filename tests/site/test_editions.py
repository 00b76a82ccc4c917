"""The Spanish edition: a whole second site under /es/, with a language switcher and
hreflang alternates that lead between the versions of each page and link back."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from support import ROOT, made_once, parse, text_of
from tools.build import build_site

ARTICLE_EN = "blog/in-office-vs-diy-microdermabrasion/"


ARTICLE_ES = "es/blog/microdermoabrasion-en-consultorio-o-en-casa/"


BASE = "https://www.spectrum-dermatology.example/"


@pytest.fixture(scope="session")  # built once for the test run, all workers
def output(tmp_path_factory) -> Path:
    """The real content built as `make html` builds it (tools/build.py)."""
    folder, _ = made_once(
        tmp_path_factory, "editions", lambda f: build_site(ROOT / "pelicanconf.py", f / "output")
    )
    return folder / "output"


def page_at(output: Path, address: str):
    path = output / address
    return parse(path / "index.html" if address.endswith("/") or not address else path)


def pages(output: Path) -> list[Path]:
    return [path for path in sorted(output.rglob("*.html")) if "pagefind" not in path.parts]


def address_of(output: Path, path: Path) -> str:
    return path.relative_to(output).as_posix().removesuffix("index.html")


def test_each_edition_is_a_whole_site_in_its_language(output):
    for address in ("es/", "es/blog/", "es/contacto/", "es/search/", "es/404.html"):
        page = page_at(output, address)
        assert page.html["lang"] == "es-US", address
    assert page_at(output, "").html["lang"] == "en-US"
    home = page_at(output, "es/")
    assert text_of(home.select_one(".skip-link")) == "Saltar al contenido principal"
    assert text_of(home.select_one(".hours th")) == "Lunes a jueves"
    assert [text_of(a) for a in home.select("nav[aria-label] a")][:2] == [
        "Quiénes somos",
        "Tratamientos",
    ]


def test_a_list_shows_its_own_languages_articles_only(output):
    spanish = [a["href"] for a in page_at(output, "es/blog/").select(".article-list h2 a")]
    english = [a["href"] for a in page_at(output, "blog/").select(".article-list h2 a")]
    assert spanish == [f"/{ARTICLE_ES}"]
    assert english == [f"/{ARTICLE_EN}"]


def test_every_page_offers_the_other_language_in_that_language(output):
    for path in pages(output):
        page = parse(path)
        links = page.select(".language-switch a")
        assert len(links) == 1, path
        link = links[0]
        spanish = page.html["lang"].startswith("es")
        assert (link["lang"], link["hreflang"], text_of(link)) == (
            ("en", "en", "English") if spanish else ("es", "es", "Español")
        ), path
        target = link["href"].lstrip("/")
        assert (output / target / "index.html").is_file() or (output / target).is_file(), path


def test_the_switcher_leads_to_the_translation_when_there_is_one(output):
    switch = page_at(output, ARTICLE_EN).select_one(".language-switch a")
    assert switch["href"] == f"/{ARTICLE_ES}"
    back = page_at(output, ARTICLE_ES).select_one(".language-switch a")
    assert back["href"] == f"/{ARTICLE_EN}"
    assert page_at(output, "contact/").select_one(".language-switch a")["href"] == "/es/contacto/"
    # A page with no translation leads to the other language's home.
    tag = next(path for path in pages(output) if "/blog/tag/" in path.as_posix())
    expected = "/es/" if not address_of(output, tag).startswith("es/") else "/"
    assert parse(tag).select_one(".language-switch a")["href"] == expected


def _alternates(page) -> dict[str, str]:
    links = page.select('link[rel="alternate"][hreflang]')
    return {link["hreflang"]: link["href"] for link in links}


def test_hreflang_alternates_are_absolute_and_link_back_over_the_whole_site(output):
    checked = 0
    for path in pages(output):
        own = BASE + address_of(output, path)
        alternates = _alternates(parse(path))
        if not alternates:
            continue
        checked += 1
        assert alternates.get("x-default") == alternates["en"], path
        assert own in alternates.values(), path  # a page lists itself
        for lang, href in alternates.items():
            assert href.startswith(BASE), path
            other = page_at(output, href.removeprefix(BASE))
            assert _alternates(other) == alternates, (path, lang)  # reciprocal
    assert checked >= 20


def test_the_provider_is_one_node_in_both_editions(output):
    def provider_ids(address: str) -> set[str]:
        page = page_at(output, address)
        graph = json.loads(page.select_one('script[type="application/ld+json"]').string)
        nodes = graph.get("@graph", [graph])
        return {node["@id"] for node in nodes if str(node.get("@id", "")).endswith("#person")}

    assert provider_ids(ARTICLE_EN) == provider_ids(ARTICLE_ES) != set()
    assert (output / "es" / "providers" / "dr-example" / "index.html").is_file()


def test_one_sitemap_lists_both_editions(output):
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{BASE}{ARTICLE_ES}</loc>" in sitemap
    assert f"<loc>{BASE}{ARTICLE_EN}</loc>" in sitemap
    assert not re.search(r"<loc>[^<]*/es/es/", sitemap)


def test_spanish_breadcrumbs_and_byline_are_in_spanish(output):
    page = page_at(output, ARTICLE_ES)
    crumbs = page.select(".breadcrumbs a")
    assert [(text_of(a), a["href"]) for a in crumbs][:2] == [
        ("Inicio", "/es/"),
        ("Blog", "/es/blog/"),
    ]
    assert "15 de enero de 2025" in text_of(page.select_one(".meta"))
    assert text_of(page.select_one(".reviewed")).startswith("Revisión médica:")


def test_the_sitemap_lists_every_version_of_a_page_as_xhtml_links(output):
    from xml.etree import ElementTree

    namespaces = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "xhtml": "http://www.w3.org/1999/xhtml",
    }
    root = ElementTree.parse(output / "sitemap.xml").getroot()
    urls = {
        url.findtext("s:loc", namespaces=namespaces): url
        for url in root.findall("s:url", namespaces)
    }
    links = urls[BASE + ARTICLE_EN].findall("xhtml:link", namespaces)
    found = {link.get("hreflang"): link.get("href") for link in links}
    assert found == {
        "en": BASE + ARTICLE_EN,
        "es": BASE + ARTICLE_ES,
        "x-default": BASE + ARTICLE_EN,
    }
    assert all(link.get("rel") == "alternate" for link in links)
    spanish = {
        link.get("hreflang"): link.get("href")
        for link in urls[BASE + ARTICLE_ES].findall("xhtml:link", namespaces)
    }
    assert spanish == found  # the same set from either side
    for href in found.values():
        assert href in urls  # every version is itself in the sitemap


def test_the_graph_says_which_languages_the_clinic_and_its_people_speak(output):
    for address, language in ((ARTICLE_EN, "en-US"), (ARTICLE_ES, "es-US")):
        graph = json.loads(
            page_at(output, address).select_one('script[type="application/ld+json"]').string
        )
        nodes = {node["@id"]: node for node in graph["@graph"]}
        clinic = next(node for node in nodes.values() if node["@type"] == "MedicalClinic")
        assert clinic["contactPoint"]["availableLanguage"] == ["en", "es"]
        assert clinic["knowsLanguage"] == ["en", "es"]
        person = next(node for key, node in nodes.items() if key.endswith("#person"))
        assert person["knowsLanguage"] == ["en", "es"]
        page = next(node for node in nodes.values() if "MedicalWebPage" in str(node["@type"]))
        assert page["inLanguage"] == language


def test_the_provider_page_is_in_each_editions_language(output):
    english = page_at(output, "providers/dr-example/")
    spanish = page_at(output, "es/providers/dr-example/")
    assert text_of(english.select_one(".meta")) == "Board-certified dermatologist"
    assert text_of(spanish.select_one(".meta")).startswith("Especialista en dermatología")
    assert "Sustitúyala" in text_of(spanish.select_one(".prose"))


def test_the_share_card_is_described_in_each_editions_language(output):
    def alt(address: str) -> str:
        return page_at(output, address).select_one('meta[property="og:image:alt"]')["content"]

    assert alt("") == "Spectrum Dermatology: dermatology in Scottsdale, Arizona"
    assert alt("es/") == "Spectrum Dermatology: dermatología en Scottsdale, Arizona"
    assert page_at(output, "es/").select_one('meta[property="og:locale"]')["content"] == "es_US"
