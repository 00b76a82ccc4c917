"""The content-health report (tools/report.py): its numbers match the content and the build,
and the page is self-contained, script-free and accessible."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from test_report_unit import TODAY

from support import ROOT
from tools import report

SECTIONS = (
    "articles-per-month",
    "medical-reviews",
    "page-weights",
    "words",
    "categories-and-tags",
    "expiring",
)


def headers(path) -> dict[str, str]:
    """A content file's metadata, lower-case keys (the report's own reader aside)."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        found[key.strip().lower()] = value.strip()
    return found


def article_files(content):
    return sorted([*content.glob("articles/**/*.md"), *content.glob("*/articles/**/*.md")])


def rows(soup, section: str, table: int = 0) -> list[list[str]]:
    body = soup.find(id=section).find_all("table")[table].tbody
    return [[cell.get_text(strip=True) for cell in row.find_all("td")] for row in body("tr")]


@pytest.fixture(scope="module")
def page(published) -> str:
    return report.build_report(TODAY, site=published.root, siteurl=published.settings["SITEURL"])


@pytest.fixture(scope="module")
def soup(page) -> BeautifulSoup:
    return BeautifulSoup(page, "html.parser")


def test_every_section_has_a_heading_a_chart_and_a_table(soup):
    for key in SECTIONS:
        section = soup.find("section", id=key)
        assert section is not None, key
        assert section.h2.get_text(strip=True)
        if key != "expiring":
            assert section.find("svg"), key
            assert section.find("table"), key
    headings = [h2.get_text(strip=True) for h2 in soup("h2")]
    assert "Articles published each month" in headings
    assert "Medical reviews due" in headings


def test_every_table_has_a_caption_and_column_headers(soup):
    tables = soup.find_all("table")
    assert len(tables) == 6  # the expiry table only shows when something expires
    for table in tables:
        assert table.caption.get_text(strip=True)
        headers = table.thead.find_all("th")
        assert headers
        assert all(th["scope"] == "col" for th in headers)
        widths = {len(row.find_all("td")) for row in table.tbody("tr")}
        assert widths == {len(headers)}, table.caption.get_text()
    weights = soup.find(id="page-weights").table
    numeric = [th.get("class") == ["number"] for th in weights.thead("th")]
    assert numeric == [False, True, True, True, True, False]
    assert all(td.get("class") == ["number"] for td in weights.tbody.select("td:nth-of-type(2)"))


def test_section_headings_label_their_sections(soup):
    assert [h1.get_text() for h1 in soup("h1")] == ["Content health report"]
    for section in soup.find_all("section"):
        heading = soup.find(id=section["aria-labelledby"])
        assert heading.name == "h2"
        assert heading.find_parent("section") is section
    assert [h3.get_text() for h3 in soup.find(id="categories-and-tags")("h3")] == [
        "Categories",
        "Tags",
    ]


def test_articles_per_month_match_the_articles_dates(soup):
    expected = Counter(headers(path)["date"][:7] for path in article_files(ROOT / "content"))
    shown = {row[0]: int(row[-1]) for row in rows(soup, "articles-per-month")}
    assert {month: count for month, count in shown.items() if count} == dict(expected)


def test_words_match_the_built_pages_word_count(soup, published):
    """count_words on the rendered body: the same figure as the article's JSON-LD."""
    words = {row[2]: int(row[3]) for row in rows(soup, "words")}
    assert len(words) == len(article_files(ROOT / "content"))
    built = set()
    for path in published.root.rglob("blog/*/index.html"):
        text = path.read_text(encoding="utf-8")
        built |= {int(n) for n in re.findall(r'"wordCount":\s*(\d+)', text)}
    assert set(words.values()) <= built


def test_categories_and_tags_are_counted(soup):
    files = [headers(path) for path in article_files(ROOT / "content")]
    categories = Counter(meta["category"] for meta in files)
    tags = Counter(tag.strip() for meta in files for tag in meta["tags"].split(","))
    shown_categories = Counter()
    for name, _, count in rows(soup, "categories-and-tags", 0):
        shown_categories[name] += int(count)
    shown_tags = Counter()
    for name, _, count in rows(soup, "categories-and-tags", 1):
        shown_tags[name] += int(count)
    assert shown_categories == categories
    assert shown_tags == tags


def test_page_weights_cover_every_built_page_within_budget(soup, published):
    pages = [
        path
        for path in published.root.rglob("*.html")
        if "pagefind" not in path.relative_to(published.root).parts
    ]
    table = rows(soup, "page-weights")
    assert len(table) == len(pages)
    by_page = {row[0]: row for row in table}
    assert by_page["/"][4] == "150.0"  # the home page's budget
    for path, text, pictures, total, budget, verdict in table:
        assert float(total) == pytest.approx(float(text) + float(pictures), abs=0.11), path
        assert verdict == ("Within budget" if float(text) <= float(budget) else "Over budget")


def test_no_script_and_nothing_from_another_origin(page, soup):
    assert soup.find("script") is None
    assert "<script" not in page.lower()
    assert soup.find("link") is None  # the styles are inline
    for element in soup.find_all(True):
        for name in ("src", "href", "xlink:href", "srcset", "data"):
            value = element.get(name)
            if value:
                parts = urlsplit(value)
                assert not parts.scheme, f"{element.name} {name}={value}"
                assert not parts.netloc, f"{element.name} {name}={value}"
    assert "url(" not in page


def test_charts_are_labelled_images_with_a_table_beside_them(soup):
    charts = soup.find_all("svg")
    assert len(charts) == 6
    for svg in charts:
        assert svg["role"] == "img"
        title, desc = svg.find("title", recursive=False), svg.find("desc", recursive=False)
        assert title.get_text(strip=True)
        assert desc.get_text(strip=True)
        assert svg["aria-labelledby"] == f"{title['id']} {desc['id']}"
        assert svg.find_parent("div", class_="figure").find("table")


def test_light_and_dark_colours(page):
    assert "@media (prefers-color-scheme: dark)" in page
    assert "color-scheme: light dark" in page


def test_the_same_content_and_date_give_the_same_page(page, published):
    again = report.build_report(TODAY, site=published.root, siteurl=published.settings["SITEURL"])
    assert again == page


def test_nothing_overdue_in_the_real_content(soup):
    section = soup.find(id="medical-reviews")
    assert section.find(class_="overdue-none")
    assert all(row[-1] == "Fine" for row in rows(soup, "medical-reviews"))


def test_an_old_review_is_named_overdue(content, published):
    article = content / "articles" / "in-office-vs-diy-microdermabrasion.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(
        re.sub(r"(?m)^Last_Reviewed: .*$", "Last_Reviewed: 2024-03-01", text), encoding="utf-8"
    )
    page = report.build_report(
        TODAY, content=content, site=published.root, siteurl=published.settings["SITEURL"]
    )
    soup = BeautifulSoup(page, "html.parser")
    overdue = soup.find(id="medical-reviews").find("ul", class_="overdue")
    assert overdue is not None
    named = overdue.get_text(" ", strip=True)
    assert headers(article)["title"] in named
    assert f"{(TODAY - date(2024, 3, 1)).days} days ago" in named
    english = next(row for row in rows(soup, "medical-reviews") if row[1] == "English")
    assert english[2:] == ["2024-03-01", str((TODAY - date(2024, 3, 1)).days), "Overdue"]
    marked = soup.find(id="medical-reviews").table.tbody.find_all("tr", class_="over")
    assert [row.td.get_text() for row in marked] == [headers(article)["title"]]
    assert not soup.find(id="medical-reviews").find(class_="overdue-none")


def test_nothing_expires_then_an_expiring_article_is_listed(soup, content, published):
    assert soup.find(id="expiring").find(class_="expiry-none")
    assert "Nothing expires in the next 14 days" in soup.find(id="expiring").get_text()
    article = content / "articles" / "in-office-vs-diy-microdermabrasion.md"
    soon = TODAY + timedelta(days=5)
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("\n\n", f"\nExpires: {soon}\n\n", 1), encoding="utf-8")
    page = report.build_report(
        TODAY, content=content, site=published.root, siteurl=published.settings["SITEURL"]
    )
    soup = BeautifulSoup(page, "html.parser")
    expiring = soup.find(id="expiring")
    assert not expiring.find(class_="expiry-none")
    assert expiring.caption.get_text() == (
        f"Pages and articles that leave the site by {TODAY + timedelta(days=14)}"
    )
    listed = rows(soup, "expiring")
    assert [row[0] for row in listed] == [str(soon)]
    assert listed[0][1:4] == ["5", headers(article)["title"], "English"]


def test_main_writes_the_page(tmp_path, published, monkeypatch):
    site = (published.root, published.settings["SITEURL"], None)
    monkeypatch.setattr(report, "production_site", lambda: site)
    target = tmp_path / "reports" / "content-health.html"
    assert report.main(["--today", TODAY.isoformat(), "--output", str(target)]) == 0
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert f"Content health report, {TODAY}" in page
