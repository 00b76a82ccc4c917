"""The whole site: pages exist, landmarks are in place, every internal link resolves."""

from __future__ import annotations

import pytest

from checks.gate import check_site
from support import parse, text_of

PAGES = {
    "about/": "About Spectrum Dermatology",
    "contact/": "Contact us",
    "privacy/": "Privacy",
    "accessibility/": "Accessibility statement",
    "medical-disclaimer/": "Medical disclaimer",
}
LISTINGS = [
    "",
    "blog/",
    "blog/category/skin-treatments/",
    "blog/tag/microdermabrasion/",
    "blog/author/spectrum-dermatology/",
]
INDEXES = {
    "blog/categories/": "/blog/category/skin-treatments/",
    "blog/tags/": "/blog/tag/microdermabrasion/",
    "blog/authors/": "/blog/author/spectrum-dermatology/",
}


def test_build_logs_no_warning(site):
    assert [record.getMessage() for record in site.log] == []


@pytest.mark.parametrize(("path", "heading"), PAGES.items())
def test_each_page_exists_with_its_heading(site, path, heading):
    page = site.page(path)
    assert [text_of(h) for h in page.find_all("h1")] == [heading]
    assert page.title.string == f"{heading} | Spectrum Dermatology"


@pytest.mark.parametrize("path", LISTINGS)
def test_listings_link_to_the_seed_article(site, path):
    links = [a["href"] for a in site.page(path).select("main a[href]")]
    assert "/blog/in-office-vs-diy-microdermabrasion/" in links


@pytest.mark.parametrize(("path", "listing"), INDEXES.items())
def test_indexes_link_to_their_listings(site, path, listing):
    links = [a["href"] for a in site.page(path).select("main a[href]")]
    assert listing in links


def test_every_page_has_landmarks_skip_link_and_language(site):
    for path in site.html_files():
        page = parse(path)
        spanish = path.relative_to(site.root).parts[0] == "es"
        assert page.html.get("lang") == ("es-US" if spanish else "en-US"), path
        assert len(page.find_all("main")) == 1, path
        assert page.find("header"), path
        assert page.find("footer"), path
        skip = page.find("a", class_="skip-link")
        assert skip is not None, path
        assert page.find(id=skip["href"].lstrip("#")).name == "main", path
        assert page.find("meta", attrs={"name": "viewport"}), path
        assert len(page.find_all("h1")) == 1, path


def test_every_internal_link_resolves_and_nothing_comes_from_elsewhere(site):
    report = check_site(site.root, site.settings["SITEURL"], validate_html=False)
    assert report.problems == []
    assert report.links > 100


def test_current_page_is_marked_in_the_navigation(site):
    about = site.page("about/")
    current = about.select('nav[aria-label="Main"] a[aria-current="page"]')
    assert [a["href"] for a in current] == ["/about/"]
    article = site.page("blog/in-office-vs-diy-microdermabrasion/")
    assert not article.select('nav[aria-label="Main"] a[aria-current]')


def test_not_found_page_helps_the_visitor(site):
    page = site.page("404.html")
    assert text_of(page.h1) == "Page not found"
    links = {a["href"] for a in page.select("main a[href]")}
    assert {"/", "/blog/", "/contact/"} <= links
    assert not (site.root / "404").exists()


def test_hidden_404_is_not_listed_among_pages(site):
    for path in site.html_files():
        if path.name != "404.html":
            assert "/404.html" not in {a.get("href") for a in parse(path).find_all("a")}
