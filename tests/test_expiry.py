"""`Expires:`: a page is published until its date, and a build on or after it leaves it out."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from clinic.core.sources import read_source
from clinic.rules.check import check_source
from clinic.rules.expiry import (
    expired_problems,
    expiring_soon,
    format_expiring,
    is_expired,
    now,
)
from clinic.rules.rule_base import RulesConfig
from support import ROOT, build

PROMO = """Title: Summer peel offer
Date: 2025-06-01 09:00
Expires: 2025-07-01
Category: Skin Care
Tags: sun-safety, summer-offer
Slug: summer-peel-offer
Summary: A summer offer on peels, for June only.
Author: Spectrum Dermatology

Book a peel in June and the follow-up visit is on us.
"""

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

EVENT_PAGE = """Title: Open house
Summary: Visit the clinic on our open house day.
Expires: 2025-07-01 18:00

Come and meet the team.
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


# The rules: each problem with its file and line, and the fix.


@pytest.fixture
def config(tmp_path) -> RulesConfig:
    (tmp_path / "articles").mkdir()
    return RulesConfig(
        content_root=tmp_path,
        ctas=frozenset(),
        providers=frozenset(),
        categories=frozenset({"Skin Care"}),
        medical_categories=frozenset(),
        today=date(2025, 6, 20),
    )


def lines_of(config: RulesConfig, text: str) -> list[str]:
    path = config.content_root / "articles" / "offer.md"
    path.write_text(text, encoding="utf-8")
    source = read_source(path, "offer.md", "articles")
    return [str(problem) for problem in check_source(source, config)]


@pytest.mark.unit
def test_a_good_expires_has_no_problem(config):
    assert lines_of(config, PROMO) == []
    assert lines_of(config, PROMO.replace("2025-07-01", "2025-07-01 18:30")) == []


@pytest.mark.unit
@pytest.mark.parametrize("value", ["1 July 2025", "2025-7-1", "2025-02-30", "soon"])
def test_expires_must_be_a_real_date(config, value):
    assert lines_of(config, PROMO.replace("Expires: 2025-07-01", f"Expires: {value}")) == [
        f"offer.md:3: Expires '{value}' is not a real date; "
        "fix: write YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2025-03-01 09:00"
    ]


@pytest.mark.unit
@pytest.mark.parametrize("value", ["2025-05-31", "2025-06-01", "2025-06-01 09:00"])
def test_expires_must_come_after_the_date(config, value):
    found = lines_of(config, PROMO.replace("Expires: 2025-07-01", f"Expires: {value}"))
    assert found == [
        f"offer.md:3: Expires {value} is not after the Date 2025-06-01 09:00 (line 2): "
        "the page would never be shown; fix: set Expires to the first day the page "
        "should no longer be shown, after Date"
    ]


@pytest.mark.unit
def test_a_page_without_a_date_may_expire(config):
    path = config.content_root / "articles" / "page.md"
    path.write_text(EVENT_PAGE, encoding="utf-8")
    assert check_source(read_source(path, "page.md", "pages"), config) == ()


@pytest.mark.unit
def test_an_expired_file_is_a_warning_not_an_error(tmp_path):
    path = tmp_path / "offer.md"
    path.write_text(PROMO, encoding="utf-8")
    source = read_source(path, "offer.md", "articles")
    assert expired_problems([source], datetime(2025, 6, 30, 23, 59)) == []
    (problem,) = expired_problems([source], datetime(2025, 7, 1))
    assert problem.warning
    assert str(problem) == (
        "offer.md:3: expired on 2025-07-01: it is not published; "
        "fix: delete the file, or change Expires if it should still be shown"
    )


# "Now", and what expires soon.


@pytest.mark.unit
def test_now_is_pinned_by_the_setting_or_is_the_clock():
    assert now({"CLINIC_TODAY": date(2025, 7, 1)}) == datetime(2025, 7, 1)
    assert now({"CLINIC_TODAY": "2025-07-01 08:30"}) == datetime(2025, 7, 1, 8, 30)
    clock = now({"TIMEZONE": "America/Phoenix"})
    assert abs((clock - datetime.now()).total_seconds()) < 15 * 3600


@pytest.mark.unit
def test_expired_on_and_after_the_moment():
    assert not is_expired("2025-07-01", datetime(2025, 6, 30, 23, 59))
    assert is_expired("2025-07-01", datetime(2025, 7, 1))
    assert not is_expired("2025-07-01 18:00", datetime(2025, 7, 1, 17, 59))
    assert is_expired("2025-07-01 18:00", datetime(2025, 7, 1, 18, 0))
    assert not is_expired("", datetime(2030, 1, 1))
    assert not is_expired("not a date", datetime(2030, 1, 1))


@pytest.mark.unit
def test_expiring_soon(tmp_path):
    def source(name: str, header: str):
        path = tmp_path / name
        path.write_text(f"Title: {name}\n{header}\nBody.\n", encoding="utf-8")
        return read_source(path, name, "articles")

    sources = [
        source("later.md", "Expires: 2025-07-20\n"),  # 20 days away
        source("soon.md", "Expires: 2025-07-14 12:00\nLang: es\n"),  # 14 days away
        source("tomorrow.md", "Expires: 2025-07-01\n"),
        source("gone.md", "Expires: 2025-06-30\n"),  # expired: lint's warning, not this list
        source("draft.md", "Expires: 2025-07-02\nStatus: draft\n"),
        source("forever.md", ""),
    ]
    found = expiring_soon(sources, date(2025, 6, 30))
    assert [(item.shown, item.lang, item.days_left) for item in found] == [
        ("tomorrow.md", "en", 1),
        ("soon.md", "es", 14),
    ]
    assert found[1].expires == datetime(2025, 7, 14, 12, 0)
    assert expiring_soon(sources, date(2025, 6, 30), days=30)[-1].shown == "later.md"
    text = format_expiring(found)
    assert text.splitlines()[0] == "2 page(s) expire in the next 14 days, and leave the site then:"
    assert "2025-07-01 (tomorrow)" in text
    assert "2025-07-14 12:00 (in 14 days)" in text
    assert "soon.md  soon.md" in text
    assert format_expiring([]) == "No page expires in the next 14 days."
