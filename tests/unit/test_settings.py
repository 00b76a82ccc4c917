"""Unit tests for the clinic settings check: every problem named, all reported at once."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import datetime
from pathlib import Path

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


def test_a_coordinator_that_cannot_be_reached_is_named(settings):
    coordinator = settings["CLINIC"]["coordinator"]
    del coordinator["email"]
    coordinator["tty"] = "relay"
    coordinator["mailing_address"] = {"street_address": "1 Main St", "locality": "Mesa"}
    settings["CLINIC"]["phone_languages"] = ["en", "klingon-ish"]
    found = problems_of(settings)
    assert any(p.startswith("CLINIC['coordinator']: missing 'email'") for p in found)
    assert any(p.startswith("CLINIC['coordinator']['tty']: cannot read 'relay'") for p in found)
    assert any(p.startswith("CLINIC['coordinator']['mailing_address']: cannot") for p in found)
    assert any(p.startswith("CLINIC['phone_languages']: cannot read") for p in found)


def test_the_coordinator_has_their_own_mailing_address_or_the_clinics(settings):
    view = validate(settings).clinic["coordinator"]
    assert view["address"]["street_address"] == settings["CLINIC"]["locations"][0]["street_address"]
    assert (view["tty_display"], view["tty_uri"]) == ("711", "tel:711")
    own = {"street_address": "PO Box 1", "locality": "Mesa", "region": "AZ", "postal_code": "85201"}
    settings["CLINIC"]["coordinator"] |= {"mailing_address": own, "tty": "+1-480-555-0109"}
    view = validate(settings).clinic["coordinator"]
    assert view["address"] == own
    assert (view["tty_display"], view["tty_uri"]) == ("(480) 555-0109", "tel:+14805550109")


def test_the_invented_facts_still_in_place_are_named_on_their_lines(tmp_path):
    from clinic.settings.placeholders import placeholder_problems

    conf = tmp_path / "pelicanconf.py"
    conf.write_text(
        '"""Settings; the staging site is staging.example (a docstring, not a fact)."""\n'
        "# Numbers in 555-0100 to 555-0199 are reserved for fiction (a comment).\n"
        'PHONE = "+1-480-555-0100"\n'
        'REAL = "+1-602-253-0000"\n'
        'TEXT = """First line,\n'
        'then mail us at hello@clinic.example."""\n'
        'PROVIDER = {"name": "Alex Example", "photo": "images/placeholders/face.svg"}\n',
        encoding="utf-8",
    )
    found = [str(problem) for problem in placeholder_problems(conf)]
    assert found == [
        "pelicanconf.py:3: '555-0100' is a placeholder: a phone number reserved for fiction "
        "(555-0100 to 555-0199); fix: replace it with the clinic's own number",
        "pelicanconf.py:6: 'hello@clinic.example' is a placeholder: an address on .example, "
        "a domain reserved for examples; fix: replace it with the clinic's own address",
        "pelicanconf.py:7: 'Example' is a placeholder: an invented name, provider or street; "
        "fix: replace it with the clinic's own",
    ]
    assert all(problem.warning for problem in placeholder_problems(conf))


def test_the_content_policy_is_read_once_with_the_facts(settings):
    settings["CLINIC_ALLOWED_ORIGINS"] = ["https://www.youtube-nocookie.com"]
    settings.pop("CLINIC_REVIEW_MAX_AGE_DAYS", None)
    site = validate(settings)
    assert site.categories == frozenset(pelicanconf.CLINIC_CATEGORIES)
    assert site.allowed_origins == frozenset({"https://www.youtube-nocookie.com"})
    assert site.review_max_age_days == 365


def test_the_build_decides_now_once_and_keeps_it_out_of_the_pages_key(settings):
    """`now` and the last output are the build's, not what its pages show: two builds a
    day apart fingerprint their options alike (incremental.build_key keeps the pages)."""
    from clinic.build.incremental import Fingerprints
    from clinic.settings.options import BuildOptions

    settings["CLINIC_TODAY"] = "2025-07-01 08:30"
    settings["CLINIC_PREVIOUS_OUTPUT"] = "/tmp/output"
    today = BuildOptions.of(settings)
    assert today.now == datetime(2025, 7, 1, 8, 30)
    assert today.previous_output == Path("/tmp/output")
    assert today.pelican.timezone == pelicanconf.TIMEZONE
    assert today.pelican.ignore_files == ("**/.*",)
    tomorrow = replace(today, now=datetime(2025, 7, 2), previous_output=None)
    assert today == tomorrow
    assert Fingerprints().of_value(today) == Fingerprints().of_value(tomorrow)
    other_site = replace(today, related_max=today.related_max + 1)
    assert Fingerprints().of_value(today) != Fingerprints().of_value(other_site)


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


def test_without_a_picture_of_its_own_the_default_share_image_is_drawn_per_edition(settings):
    site = validate(settings)
    assert (site.social_image.path, site.social_image.width) == ("images/share-en.png", 1200)
    assert site.social_words == "Dermatology in Scottsdale, Arizona"
    assert site.social_image.alt == "Spectrum Dermatology: dermatology in Scottsdale, Arizona"
    settings |= {"DEFAULT_LANG": "es", "SITE_TAGLINE": "dermatología en Scottsdale, Arizona"}
    site = validate(settings)
    assert site.social_image.path == "images/share-es.png"
    assert site.social_words == "Dermatología en Scottsdale, Arizona"
    own = "images/placeholders/clinic-hero.svg"
    settings["CLINIC_SOCIAL_IMAGE"] = {"path": own, "alt": "Our front door"}
    site = validate(settings)
    assert (site.social_image.path, site.social_words) == (own, None)
    settings |= {"CLINIC_SOCIAL_IMAGE": None, "SITE_TAGLINE": ""}  # drawn with the name alone
    site = validate(settings)
    assert (site.social_image.alt, site.social_words) == ("Spectrum Dermatology", "")
