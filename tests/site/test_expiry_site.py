"""`Expires:`: a page is published until its date, and a build on or after it leaves it out."""

from __future__ import annotations

import pytest
from test_expiry import EVENT_PAGE, PROMO

from support import ROOT, build

# Shares a tag and the category with the offer: the offer is its related article.
NEIGHBOUR = """Title: Sunscreen after a peel
Date: 2025-05-01 09:00
Category: Skin Care
Tags: sun-safety
Slug: sunscreen-after-a-peel
Summary: Why sunscreen matters more than ever in the weeks after a peel.
Author: Spectrum Dermatology

Wear a broad-spectrum sunscreen every day after a peel.
"""


# A translation without an Expires of its own: it stays when its original goes.
TRANSLATION = """Title: Oferta de peeling de verano
Date: 2025-06-01 09:00
Category: Cuidado de la piel
Slug: oferta-de-peeling-de-verano
Lang: es
Translation_Of: summer-peel-offer
Summary: Una oferta de verano en peelings.
Author: Spectrum Dermatology

Reserve un peeling en junio.
"""


def built(content, output, today: str):
    import pelicanconf

    return build(
        output,
        settings_file=ROOT / "publishconf.py",
        content=content,
        SITEURL=pelicanconf.PRODUCTION_SITEURL,
        CLINIC_TODAY=today,
        CLINIC_SEARCH_INDEX=False,  # Pagefind indexes the sitemap's pages: checked there
    )


@pytest.fixture
def with_offer(content):
    (content / "articles" / "summer-peel-offer.md").write_text(PROMO, encoding="utf-8")
    (content / "articles" / "sunscreen-after-a-peel.md").write_text(NEIGHBOUR, encoding="utf-8")
    (content / "pages" / "open-house.md").write_text(EVENT_PAGE, encoding="utf-8")
    spanish = content / "es" / "articles" / "oferta-de-peeling-de-verano.md"
    spanish.write_text(TRANSLATION, encoding="utf-8")
    return content


def test_before_its_date_the_offer_is_everywhere(with_offer, tmp_path):
    site = built(with_offer, tmp_path / "output", "2025-06-30")
    assert site.file_for("blog/summer-peel-offer/").is_file()
    assert site.file_for("open-house/").is_file() or (site.root / "open-house.html").is_file()
    assert "blog/summer-peel-offer/" in (site.root / "sitemap.xml").read_text(encoding="utf-8")
    assert "open-house" in (site.root / "sitemap.xml").read_text(encoding="utf-8")
    assert "summer-peel-offer" in (site.root / "feeds" / "all.atom.xml").read_text()
    assert "summer-peel-offer" in str(site.page("blog/"))
    assert "summer-peel-offer" in str(site.page("blog/tag/sun-safety/"))
    assert site.file_for("blog/tag/summer-offer/").is_file()
    translation = site.page("es/blog/oferta-de-peeling-de-verano/")
    assert translation.find("link", hreflang="en", href=lambda href: "summer-peel" in href)
    neighbour = site.page("blog/sunscreen-after-a-peel/")
    assert neighbour.find("a", href=lambda href: href and "summer-peel-offer" in href)
    assert not any("expired" in record.getMessage() for record in site.log)


def test_on_its_date_the_offer_is_gone(with_offer, tmp_path):
    site = built(with_offer, tmp_path / "output", "2025-07-01")
    everything = "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in site.root.rglob("*")
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".txt"}
    )
    assert not site.file_for("blog/summer-peel-offer/").exists()
    # Not in the sitemap, feeds, lists, tags, related articles, nor the translation's hreflang.
    assert "summer-peel-offer" not in everything
    assert "Summer peel offer" not in everything
    assert not site.file_for("blog/tag/summer-offer/").exists()  # its tag alone: no page
    assert "sunscreen-after-a-peel" in str(site.page("blog/tag/sun-safety/"))
    assert "sunscreen-after-a-peel" in (site.root / "feeds" / "all.atom.xml").read_text()
    assert site.file_for("es/blog/oferta-de-peeling-de-verano/").is_file()  # its own Expires
    # The page expires at 18:00: still there in the morning of its day.
    assert "open-house" in (site.root / "sitemap.xml").read_text(encoding="utf-8")
    warnings = [record.getMessage() for record in site.log]
    assert any(
        "summer-peel-offer.md:3: expired on 2025-07-01: it is not published" in message
        for message in warnings
    ), warnings


def test_a_page_goes_at_its_time(with_offer, tmp_path):
    site = built(with_offer, tmp_path / "output", "2025-07-01 18:00")
    assert "open-house" not in (site.root / "sitemap.xml").read_text(encoding="utf-8")
    assert not list(site.root.rglob("open-house*"))
    assert "open-house" not in str(site.page(""))
