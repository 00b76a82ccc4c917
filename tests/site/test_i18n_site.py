"""The theme speaks the build's language: every template text has a Spanish translation,
a missing or fuzzy one is named, a broken catalog stops the build (the Spanish edition's
own text and dates are tested in test_editions.py)."""

from __future__ import annotations

import shutil

import pytest

from support import ROOT, build, text_of

ARTICLE = "blog/in-office-vs-diy-microdermabrasion/index.html"


def test_the_english_build_keeps_the_templates_own_text_and_dates(tmp_path):
    page = build(tmp_path / "output").page(ARTICLE)
    assert text_of(page.select_one(".skip-link")) == "Skip to main content"
    byline = text_of(page.select_one(".meta"))
    assert byline.startswith("By Spectrum Dermatology, January 15, 2025")
    assert text_of(page.select_one(".reviewed")).startswith("Medically reviewed by")


def test_a_broken_catalog_stops_the_build_naming_its_line(tmp_path):
    from tools.build import BuildFailed, build_site

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    catalog = theme / "translations" / "es" / "LC_MESSAGES" / "messages.po"
    lines = catalog.read_text(encoding="utf-8").splitlines()
    broken = next(number for number, line in enumerate(lines) if line == 'msgid "Blog"')
    lines.insert(broken, "Blog: Blog")  # not a line a catalog may hold
    catalog.write_text("\n".join(lines) + "\n", encoding="utf-8")

    with pytest.raises(BuildFailed) as failure:
        build_site(
            ROOT / "pelicanconf.py",
            tmp_path / "output",
            overrides={"THEME": str(theme)},  # the Spanish edition reads the catalog
        )
    assert f"messages.po:{broken + 1}" in str(failure.value)
    assert not (tmp_path / "output").exists()
