"""Where a content file is published: one rule (clinic.addresses), and Pelican agrees."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic.core.addresses import address_of
from clinic.core.sources import Source, split_header
from clinic.rules.lint import slugify_of
from support import ROOT
from tools.build import edition_runs


def source(section: str, header: str) -> Source:
    entries, body, line = split_header(header + "\nBody.\n")
    return Source(Path("x.md"), "x.md", section, tuple(entries), body, line)


@pytest.mark.unit
@pytest.mark.unit
def test_the_header_overrides_the_settings_for_an_article_as_for_a_page():
    settings = edition_runs(ROOT / "pelicanconf.py")[0]
    slugify = slugify_of(settings)
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
