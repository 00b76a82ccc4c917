"""The seed article, the site's first page, as a patient and a search engine see it."""

from __future__ import annotations

import pytest
from test_seed_article_unit import (
    BODY,
    CTA_HEADING,
    CTA_TEXT,
    SEO_TITLE,
    SLUG,
    TITLE,
)

from support import ROOT, text_of


@pytest.fixture(scope="module")
def article(site):
    return site.page(f"blog/{SLUG}/")


def test_page_title_is_the_seo_title(article):
    assert article.title.string == SEO_TITLE


def test_single_h1_is_the_title(article):
    headings = article.find_all("h1")
    assert [text_of(h) for h in headings] == [TITLE]


def test_body_paragraphs_are_verbatim_and_in_order(article):
    paragraphs = [text_of(p) for p in article.select("article .prose > p")]
    assert paragraphs[: len(BODY)] == BODY


def test_curly_apostrophes_are_kept(article):
    body = text_of(article.select_one("article .prose"))
    assert "you’ve" in body
    assert "you've" not in body


def test_call_to_action_appears_exactly_once(article):
    page_text = text_of(article.body)
    assert page_text.count(CTA_HEADING) == 1
    assert page_text.count(CTA_TEXT) == 1
    headings = [h for h in article.find_all(["h2", "h3"]) if text_of(h) == CTA_HEADING]
    assert len(headings) == 1


def test_call_to_action_is_one_block_after_the_body(article):
    asides = article.select("article aside.cta")
    assert len(asides) == 1
    aside = asides[0]
    assert text_of(aside.h2) == CTA_HEADING
    assert text_of(aside.p) == CTA_TEXT
    body = article.select_one("article .prose")
    assert CTA_HEADING not in text_of(body)
    assert aside.find_previous_sibling("div", class_="prose") is body


def test_clean_url(site):
    assert site.file_for(f"blog/{SLUG}/").is_file()
    assert not list(site.root.glob(f"**/{SLUG}.html"))


def test_meta_description_is_the_summary(article):
    source = (ROOT / "content" / "articles" / f"{SLUG}.md").read_text(encoding="utf-8")
    summary = next(line for line in source.splitlines() if line.startswith("Summary:"))
    expected = summary.removeprefix("Summary:").strip()
    assert article.find("meta", attrs={"name": "description"})["content"] == expected
    assert len(expected) <= 160


def test_home_page_links_to_the_article(site):
    home = site.page("")
    links = [a["href"] for a in home.select("main a[href]")]
    assert f"/blog/{SLUG}/" in links
