"""Unit tests for the call-to-action library: parsing entries and choosing one."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from clinic.settings.cta import CTA, Link, UnknownCTA, parse_cta, resolve_cta, site_href

pytestmark = pytest.mark.unit

GOOD = {
    "heading": "Contact us",
    "text": "Call *today*.",
    "phone": "+1-480-555-0100",
    "booking_url": "/contact/#book",
    "booking_label": "Book a visit",
}


def render(text: str) -> Markup:
    return Markup(f"<p>{text}</p>")


def library(*names: str) -> dict[str, CTA]:
    return {name: parse_cta(name, GOOD, "", render)[0] for name in names}


def test_parse_cta_resolves_links_and_phone():
    cta, problems = parse_cta(
        "visit",
        {**GOOD, "secondary": {"label": "Hours", "url": "/contact/"}},
        "https://example.org",
        render,
    )
    assert problems == []
    assert cta.heading == "Contact us"
    assert cta.text_html == "<p>Call *today*.</p>"
    assert cta.phone_uri == "tel:+14805550100"
    assert cta.phone_display == "(480) 555-0100"
    assert cta.booking == Link("Book a visit", "https://example.org/contact/#book")
    assert cta.secondary == Link("Hours", "https://example.org/contact/")


@pytest.mark.parametrize("field", ["heading", "text", "phone", "booking_url", "booking_label"])
def test_a_missing_required_field_names_the_setting(field):
    raw = {key: value for key, value in GOOD.items() if key != field}
    cta, problems = parse_cta("visit", raw, "", render)
    assert cta is None
    assert [str(p) for p in problems] == [
        f"CLINIC_CTAS['visit']: missing required field {field!r}; fix: add {field!r} to this CTA"
    ]


@pytest.mark.parametrize(
    "phone",
    [
        "480-555-0100",  # no country code
        "+1-480-555-010",  # a digit short
        "+1-999-555-0100",  # no such area code
        "+1-480-555-0100 ext. 12",  # the tel: link would call the switchboard
        "call us",
    ],
)
def test_a_malformed_phone_is_rejected(phone):
    cta, problems = parse_cta("visit", {**GOOD, "phone": phone}, "", render)
    assert cta is None
    assert [str(p) for p in problems] == [
        f"CLINIC_CTAS['visit']['phone']: malformed phone number {phone!r}; "
        "fix: write it with its country code, e.g. +1-480-555-0100"
    ]


@pytest.mark.parametrize("phone", ["+1 480 555 0100", "+1 (480) 555-0100", "+14805550100"])
def test_a_phone_written_otherwise_is_shown_and_dialled_the_same(phone):
    cta, problems = parse_cta("visit", {**GOOD, "phone": phone}, "", render)
    assert problems == []
    assert (cta.phone_display, cta.phone_uri) == ("(480) 555-0100", "tel:+14805550100")


def test_an_unknown_field_is_rejected():
    _, problems = parse_cta("visit", {**GOOD, "colour": "red"}, "", render)
    assert "unknown field 'colour'" in str(problems[0])


def test_site_href_only_prefixes_site_paths():
    assert site_href("/contact/", "https://example.org") == "https://example.org/contact/"
    assert site_href("https://book.example.net/x", "https://example.org") == (
        "https://book.example.net/x"
    )


def test_resolve_prefers_the_article_then_the_category_then_the_default():
    ctas = library("default", "acne", "own")
    by_category = {"Acne": "acne"}
    assert resolve_cta("own", "Acne", ctas, "default", by_category).name == "own"
    assert resolve_cta(None, "Acne", ctas, "default", by_category).name == "acne"
    assert resolve_cta(None, "Other", ctas, "default", by_category).name == "default"
    assert resolve_cta(None, "Other", ctas, None, by_category) is None


@pytest.mark.parametrize("value", ["none", "None", " NONE "])
def test_cta_none_shows_nothing(value):
    assert resolve_cta(value, "Acne", library("default"), "default", {}) is None


def test_an_unknown_name_raises_with_the_known_names():
    with pytest.raises(UnknownCTA) as raised:
        resolve_cta("book-now", None, library("call", "visit"), "call", {})
    assert raised.value.name == "book-now"
    assert raised.value.known == ["call", "visit"]
