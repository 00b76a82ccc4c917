"""The fingerprints a page's record keeps of what it read (build/incremental.py)."""

from __future__ import annotations

import pytest
from pelican.paginator import Paginator

from clinic.build.incremental import Fingerprints

pytestmark = pytest.mark.unit

SETTINGS = {"DEFAULT_ORPHANS": 0}


def listing(titles: list[str], name: str = "tag/acne/index.html") -> Paginator:
    """A list's paginator as Pelican's writer has it when the pages render: it has counted
    its pages already."""
    paginator = Paginator(name, "tag/acne/", titles, SETTINGS, per_page=10)
    assert paginator.num_pages == (len(titles) + 9) // 10
    return paginator


def test_a_list_page_made_again_has_the_same_fingerprint_and_its_neighbours_their_own():
    """Pelican makes a list page's page objects anew for every page written (its own, the
    next, the previous): those of one paginator and number are one fingerprint, the
    fingerprint a build that never met them before gives too, and no other page's."""
    titles = [f"Article {number}" for number in range(25)]
    prints, paginator = Fingerprints(), listing(titles)
    first = {number: prints.of_value(paginator.page(number)) for number in (1, 2, 3)}
    again = {number: prints.of_value(paginator.page(number)) for number in (3, 2, 1)}
    fresh = {number: Fingerprints().of_value(listing(titles).page(number)) for number in first}
    assert first == again == fresh
    assert len(set(first.values())) == 3
    assert prints.of_value(paginator) == Fingerprints().of_value(listing(titles))


def test_a_list_page_whose_articles_change_has_another_fingerprint():
    """Another paginator (a later build's, or another list's) is fingerprinted for itself:
    the same page number of a list with one title changed, or of another list, differs."""
    titles = [f"Article {number}" for number in range(25)]
    prints = Fingerprints()
    before = prints.of_value(listing(titles).page(2))
    titles_after = [*titles[:12], "Article 12, retitled", *titles[13:]]
    assert prints.of_value(listing(titles_after).page(2)) != before
    assert prints.of_value(listing(titles, "tag/eczema/index.html").page(2)) != before
    assert prints.of_value(listing(titles).page(1)) == Fingerprints().of_value(
        listing(titles).page(1)
    )


def test_an_article_fingerprint_follows_its_values_whether_or_not_its_metadata_holds_them():
    """An attribute that is its metadata's own value is fed once, with the metadata
    (of_content): changing the value changes the fingerprint the same, and an attribute
    made apart from the metadata (a title set for display) is fed for itself."""
    from datetime import datetime

    from pelican.contents import Article

    def article(title: str, tags: list[str], shown: str | None = None) -> Article:
        metadata = {"title": title, "date": datetime(2025, 1, 15), "tags": tags, "slug": "acne"}
        made = Article("<p>Body.</p>", metadata=metadata, settings=None, source_path="acne.md")
        if shown is not None:
            made.title = shown  # no longer the metadata's value
        return made

    def fingerprint(item) -> str:
        return Fingerprints().of_content(item)

    first = fingerprint(article("Acne", ["skin"]))
    assert fingerprint(article("Acne", ["skin"])) == first
    assert fingerprint(article("Acne, again", ["skin"])) != first
    assert fingerprint(article("Acne", ["skin", "teens"])) != first
    assert fingerprint(article("Acne", ["skin"], shown="Acne!")) != first
