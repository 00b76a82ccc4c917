"""The theme speaks the build's language: every template text has a Spanish translation,
a missing or fuzzy one is named, a broken catalog stops the build (the Spanish edition's
own text and dates are tested in test_editions.py)."""

from __future__ import annotations

import shutil

import pytest

from support import ROOT
from tools.translations import catalog_problems, update_catalogs


@pytest.mark.unit
def test_every_template_text_has_a_spanish_translation_that_is_not_fuzzy():
    assert catalog_problems() == []


@pytest.fixture
def theme(tmp_path):
    """A copy of the theme whose footer has a text no catalog translates yet."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    footer = theme / "templates" / "partials" / "footer.html"
    footer.write_text(
        footer.read_text(encoding="utf-8") + '<p>{{ _("Parking is free") }}</p>\n',
        encoding="utf-8",
    )
    return theme


@pytest.mark.unit
def test_a_new_template_text_or_a_fuzzy_translation_is_named_with_its_catalog(theme):
    catalog = theme / "translations" / "es" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(
        text.replace('msgid "Opening hours"', '#, fuzzy\nmsgid "Opening hours"'), encoding="utf-8"
    )

    problems = catalog_problems(theme)

    assert len(problems) == 2
    missing, fuzzy = sorted(problems, key=lambda line: "fuzzy" in line)
    assert "'Parking is free'" in missing
    assert "partials/footer.html" in missing
    assert "make translations" in missing
    assert "'Opening hours'" in fuzzy
    assert "fuzzy" in fuzzy
    assert all(
        line.startswith("theme/translations/es/LC_MESSAGES/messages.po") for line in problems
    )


@pytest.mark.unit
def test_make_translations_adds_new_text_to_the_catalog_for_a_translator(theme):

    lacking = update_catalogs(theme)

    catalog = (theme / "translations" / "es" / "LC_MESSAGES" / "messages.po").read_text("utf-8")
    assert 'msgid "Parking is free"' in catalog
    assert 'msgstr "Horario de atención"' in catalog  # the translations already made stay
    assert len(lacking) == 1
