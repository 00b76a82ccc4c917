"""Where a content file is published: one rule (clinic.addresses), and Pelican agrees."""

from __future__ import annotations

from pathlib import Path

from clinic.core.addresses import address_of
from clinic.rules.check import read_all
from clinic.rules.lint import content_files, slugify_of
from clinic.settings.options import PelicanSite
from support import ROOT
from tools.build import edition_runs
from tools.devserver import pages_of
from tools.pr_summary import page_of


def test_every_file_of_both_editions_is_where_the_rule_says(site):
    """For each article and page of the real site, in English and Spanish: the file the
    rule names is the one Pelican wrote, and the live preview and the pull-request
    summary name the same one (the preview's fast path, for an English file)."""
    checked = 0
    for settings in edition_runs(ROOT / "pelicanconf.py"):
        slugify = slugify_of(settings)
        files = content_files(PelicanSite.of(settings))
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
