"""Where a content file is published: one rule (clinic.addresses), and Pelican agrees."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic.core.addresses import address_of
from clinic.core.sources import Source, split_header
from clinic.rules.check import read_all
from clinic.rules.lint import content_files, site_slugify
from support import ROOT
from tools.build import edition_runs
from tools.devserver import pages_of
from tools.pr_summary import page_of


def source(section: str, header: str) -> Source:
    entries, body, line = split_header(header + "\nBody.\n")
    return Source(Path("x.md"), "x.md", section, tuple(entries), body, line)


@pytest.mark.unit
@pytest.mark.unit
def test_the_header_overrides_the_settings_for_an_article_as_for_a_page():
    settings = edition_runs(ROOT / "pelicanconf.py")[0]
    slugify = site_slugify(settings)
    plain = address_of(source("articles", "Title: Sun & Skin: A Guide"), settings, slugify)
    assert plain.slug == "sun-skin-a-guide"
    assert plain.url == settings["ARTICLE_URL"].format(slug="sun-skin-a-guide")
    assert plain.draft_save_as == settings["DRAFT_SAVE_AS"].format(slug="sun-skin-a-guide")
    for section in ("articles", "pages"):
        moved = address_of(
            source(section, "Title: X\nSlug: x\nURL: where/\nSave_as: where/index.html"),
            settings,
            slugify,
        )
        assert (moved.url, moved.save_as) == ("where/", "where/index.html")


def test_every_file_of_both_editions_is_where_the_rule_says(site):
    """For each article and page of the real site, in English and Spanish: the file the
    rule names is the one Pelican wrote, and the live preview and the pull-request
    summary name the same one (the preview's fast path, for an English file)."""
    checked = 0
    for settings in edition_runs(ROOT / "pelicanconf.py"):
        slugify = site_slugify(settings)
        files = content_files(settings)
        sources, _ = read_all(files)
        for found in sources:
            if found.get("status").lower() == "draft":
                continue
            address = address_of(found, settings, slugify)
            written = site.root / address.save_as
            assert written.is_file(), (found.shown, address)
            assert page_of(found, settings) == address.save_as
            preview = pages_of(found.path, Path(settings["PATH"]), settings)
            if settings["DEFAULT_LANG"] == "en":  # a Spanish edit takes a full preview build
                assert address.save_as in preview
            checked += 1
    assert checked >= 20
