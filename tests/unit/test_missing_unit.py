"""Unit tests for the root 404 page's other-language parts (pages/missing.py)."""

from __future__ import annotations

import pytest

import pelicanconf
from clinic.pages.missing import missing_parts
from clinic.settings.editions import edition_settings

pytestmark = pytest.mark.unit

VERSIONS = {"404.html": {"en": "404.html", "es": "es/404.html"}}


def settings_of(lang: str) -> dict:
    first = {key: getattr(pelicanconf, key) for key in dir(pelicanconf) if key.isupper()}
    first["PATH"] = str(pelicanconf.HERE / "content")
    return {**first, **edition_settings(first, lang)}


def test_the_first_editions_404_holds_the_spanish_part():
    (part,) = missing_parts(settings_of("en"), VERSIONS, pelicanconf.HERE / "theme")
    assert (part.lang, part.title, part.home) == ("es-US", "Página no encontrada", "es/")
    assert (part.contact, part.home_label) == ("es/contacto/", "Página de inicio")


def test_no_other_part_where_no_404_is_translated_nor_in_another_edition():
    theme = pelicanconf.HERE / "theme"
    assert missing_parts(settings_of("en"), {}, theme) == ()
    assert missing_parts(settings_of("es"), VERSIONS, theme) == ()
