"""The contact page and footer show the clinic's facts from clinic.toml, and only those."""

from __future__ import annotations

import re

from test_contact_unit import CLINIC

from support import parse, text_of


def test_contact_page_lists_every_location(site):
    page = site.page("contact/")
    sections = page.select("section.location")
    assert len(sections) == len(CLINIC["locations"])
    for section, location in zip(sections, CLINIC["locations"], strict=True):
        text = text_of(section)
        assert location["name"] in text
        assert location["street_address"] in text
        assert f"{location['locality']}, {location['region']} {location['postal_code']}" in text


def test_contact_page_phone_is_a_tel_link(site):
    page = site.page("contact/")
    digits = re.sub(r"\D", "", CLINIC["telephone"])
    links = page.select(f'main a[href="tel:+{digits}"]')
    assert links
    assert text_of(links[0]) == "(480) 555-0100"


def test_contact_page_shows_opening_hours(site):
    tables = site.page("contact/").select("table.hours")
    for table, location in zip(tables, CLINIC["locations"], strict=True):
        rows = table.select("tbody tr")
        assert len(rows) == len(location["hours"])
        for row, (days, opens, closes) in zip(rows, location["hours"], strict=True):
            assert text_of(row.th).startswith(days[0])
            assert text_of(row.th).endswith(days[-1])
            assert [t["datetime"] for t in row.find_all("time")] == [opens, closes]


def test_contact_page_links_to_a_map_instead_of_embedding_one(site):
    page = site.page("contact/")
    assert not page.find("iframe")
    assert page.find("a", string="Open this address on a map")


def test_every_page_footer_carries_the_phone(site):
    for path in site.html_files():
        footer = site.page(str(path.relative_to(site.root))).find("footer", class_="site-footer")
        assert footer.select('a[href^="tel:"]'), path


def test_a_sample_site_says_so_in_every_footer_in_its_language(site):
    """clinic.toml's `demo = true` (the repository's invented clinic): nobody should call a
    555 number or write to a .example address."""
    pages = site.html_files()
    assert len(pages) > 20
    for path in pages:
        page = parse(path)
        if page.find("footer") is None:  # the redirects to a page's address
            continue
        note = page.select_one("footer .demo-note")
        assert note is not None, path
        spanish = page.html["lang"].startswith("es")
        expected = "Este es un sitio web de ejemplo." if spanish else "This is a sample site."
        assert text_of(note.strong) == expected, path
