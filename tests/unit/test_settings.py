"""Unit tests for the clinic settings check: every problem named, all reported at once."""

from __future__ import annotations

import copy

import pytest

import pelicanconf
from clinic.core.problems import SettingsError
from clinic.settings.validation import validate

pytestmark = pytest.mark.unit


@pytest.fixture
def settings() -> dict:
    values = {key: getattr(pelicanconf, key) for key in dir(pelicanconf) if key.isupper()}
    values = copy.deepcopy(values)
    values["PATH"] = str(pelicanconf.HERE / "content")
    return values


def problems_of(settings: dict) -> list[str]:
    with pytest.raises(SettingsError) as raised:
        validate(settings)
    return [str(problem) for problem in raised.value.problems]


def test_the_project_settings_are_valid(settings):
    site = validate(settings)
    assert site.base_url == pelicanconf.PRODUCTION_SITEURL
    assert site.cta_default in site.ctas
    assert site.logo.width == site.logo.height
    assert (site.social_image.width, site.social_image.height) == (1200, 630)


def test_an_absolute_siteurl_becomes_the_base_url(settings):
    settings["SITEURL"] = "https://staging.example.org"
    assert validate(settings).absolute("blog/") == "https://staging.example.org/blog/"


def test_missing_clinic_facts_are_named(settings):
    del settings["CLINIC"]["telephone"]
    del settings["CLINIC"]["locations"][0]["postal_code"]
    assert problems_of(settings) == [
        "CLINIC: missing 'telephone'; fix: add the clinic's telephone to CLINIC",
        "CLINIC['locations'][0]: missing 'postal_code'; fix: add 'postal_code' to this location",
    ]


def test_malformed_clinic_phone_and_hours(settings):
    settings["CLINIC"]["locations"][0]["telephone"] = "555-0100"
    settings["CLINIC"]["locations"][0]["hours"] = [(("Moonday",), "08:00", "17:00")]
    found = problems_of(settings)
    assert any(p.startswith("CLINIC['locations'][0]['hours'][0]: cannot read") for p in found)
    assert "CLINIC['locations'][0]['telephone']: malformed phone number '555-0100'" in "\n".join(
        found
    )


def test_every_cta_problem_is_reported_together(settings):
    del settings["CLINIC_CTAS"]["visit"]["booking_label"]
    settings["CLINIC_CTAS"]["consultation"]["phone"] = "480.555.0100"
    found = problems_of(settings)
    assert len(found) == 2
    assert found[0].startswith("CLINIC_CTAS['consultation']['phone']: malformed phone number")
    assert found[1].startswith("CLINIC_CTAS['visit']: missing required field 'booking_label'")


def test_an_unknown_default_or_category_cta_is_named(settings):
    settings["CLINIC_CTA_DEFAULT"] = "book-now"
    settings["CLINIC_CTA_BY_CATEGORY"] = {"Acne": "acne-visit"}
    found = problems_of(settings)
    assert found[0].startswith("CLINIC_CTA_DEFAULT: unknown CTA 'book-now'; fix: use one of:")
    assert found[1].startswith("CLINIC_CTA_BY_CATEGORY['Acne']: unknown CTA 'acne-visit'")


def test_a_bad_provider_entry_is_named(settings):
    settings["CLINIC_PROVIDERS"]["Dr Smith"] = {"name": "Smith", "type": "Surgeon"}
    found = problems_of(settings)
    assert all(p.startswith("CLINIC_PROVIDERS['Dr Smith']") for p in found)
    assert any("lower-case words" in p for p in found)
    assert any("unknown type 'Surgeon'" in p for p in found)
    assert any("missing required field 'bio'" in p for p in found)


def test_a_missing_social_image_is_named(settings):
    settings["CLINIC_SOCIAL_IMAGE"] = {"path": "images/nowhere.png", "alt": "x"}
    found = problems_of(settings)
    assert len(found) == 1
    assert found[0].startswith("CLINIC_SOCIAL_IMAGE: cannot read image")


def test_the_spanish_edition_gives_its_providers_their_own_form_of_address(settings):
    """The Spanish data's `honorific_prefix` ("Dra.", say) is accepted and used there."""
    from clinic.settings.editions import edition_settings

    own = settings["CLINIC_EDITIONS"]["es"]["CLINIC_PROVIDERS"]["dr-example"]
    own["honorific_prefix"] = "Dra."
    spanish = validate({**settings, **edition_settings(settings, "es")})
    provider = spanish.providers["dr-example"]
    assert provider.full_name == "Dra. Alex Example"
    assert provider.display_name == "Dra. Alex Example, MD, FAAD"
    assert validate(settings).providers["dr-example"].full_name == "Dr. Alex Example"


def test_a_form_of_address_that_is_not_a_short_word_is_named(settings):
    settings["CLINIC_PROVIDERS"]["dr-example"]["honorific_prefix"] = ["Dr."]
    found = problems_of(settings)
    assert found == [
        "CLINIC_PROVIDERS['dr-example']['honorific_prefix']: expected a short form of "
        "address; fix: e.g. 'Dr.', or 'Dra.' in the Spanish edition's CLINIC_PROVIDERS"
    ]
