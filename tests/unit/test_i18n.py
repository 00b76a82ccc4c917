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


@pytest.mark.unit
@pytest.mark.parametrize("autoescape", [True, False])
def test_the_remembered_gettext_writes_what_jinjas_own_writes(autoescape):
    """The theme's `_` and `{% trans %}` (rendering/i18n.py remembered_gettext) give what
    Jinja's newstyle gettext gives, in the Spanish catalog: texts with and without
    values, a value that needs escaping, `%%`, a text the catalog lacks; and the same
    again on a second page, when the texts come from what was remembered."""
    from jinja2 import Environment

    from clinic.rendering.i18n import install_translations, remembered_gettext, translations_for

    catalog = translations_for(ROOT / "theme", "es")
    source = (
        '{{ _("Skip to main content") }}|{{ _("Search") }}|{{ _("100%% of it") }}|'
        '{{ _("Not in the catalog") }}|{% trans uri=uri, phone=phone %}Call '
        '<a href="{{ uri }}">{{ phone }}</a>{% endtrans %}|{{ _("Search") }}'
    )
    values = {"uri": "tel:+1-555-0100", "phone": "<555> & 0100"}
    jinja = Environment(extensions=["jinja2.ext.i18n"], autoescape=autoescape)
    jinja.install_gettext_translations(catalog, newstyle=True)
    ours = Environment(extensions=["jinja2.ext.i18n"], autoescape=autoescape)
    ours.install_gettext_translations(catalog, newstyle=True)
    quick = remembered_gettext(catalog.gettext)
    ours.globals.update(gettext=quick, _=quick)
    expected = jinja.from_string(source).render(values)
    assert "Buscar" in expected  # the catalog's Spanish, not the English
    page = ours.from_string(source)
    assert [page.render(values), page.render(values)] == [expected, expected]
    installed = Environment(extensions=["jinja2.ext.i18n"], autoescape=autoescape)
    install_translations(installed, ROOT / "theme", "es")  # what the build's generators get
    assert installed.globals["_"] is installed.globals["gettext"]
    assert installed.globals["_"].__qualname__ == quick.__qualname__
    assert installed.from_string(source).render(values) == expected
