"""The seed article, the site's first page, as a patient and a search engine see it."""

from __future__ import annotations

import pytest

from support import ROOT, seed_paragraphs

SLUG = "in-office-vs-diy-microdermabrasion"


TITLE, SEO_TITLE, _REPEATED_TITLE, *REST = seed_paragraphs()


BODY, (CTA_HEADING, CTA_TEXT) = REST[:-2], REST[-2:]


@pytest.mark.unit
def test_seed_has_the_expected_shape():
    assert _REPEATED_TITLE == TITLE
    assert len(BODY) == 4
    assert CTA_HEADING == "Contact Spectrum Dermatology Today!"


@pytest.mark.unit
def test_source_file_keeps_the_seed_text_verbatim():
    source = (ROOT / "content" / "articles" / f"{SLUG}.md").read_text(encoding="utf-8")
    for paragraph in BODY:
        assert paragraph in source
    assert f"Title: {TITLE}\n" in source
    assert f"SEO_Title: {SEO_TITLE}\n" in source
