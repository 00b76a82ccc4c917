"""The speed-ups change nothing: builds read on one core or ahead on every core, with and
without the content cache, and the live preview's one-page fast path, write the same bytes."""

from __future__ import annotations

import pytest

from bench.corpus import make_corpus
from support import ROOT, made_once
from tools.build import load_settings

SETTINGS = {"dev": ROOT / "pelicanconf.py", "prod": ROOT / "publishconf.py"}


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """60 generated articles and the site's own files, written once for the test run."""
    folder, _ = made_once(tmp_path_factory, "corpus", lambda f: make_corpus(f, articles=60))
    return folder / "content"


@pytest.mark.unit
def test_bodies_and_metadata_read_elsewhere_match_pelicans_reader(corpus):
    """What the rules and the read-ahead render is what Pelican's own reader would read."""
    from pelican.readers import MarkdownReader

    from clinic.build.reader import ClinicMarkdownReader
    from clinic.rendering import markup

    settings = load_settings(SETTINGS["dev"], content=corpus)
    plain, ours = MarkdownReader(settings), ClinicMarkdownReader(settings)
    key = markup.markdown_settings_key(settings["MARKDOWN"])
    paths = sorted(corpus.rglob("*.md"))
    assert len(paths) > 60
    for path in paths:
        html, meta = markup.render_with_meta(path.read_text(encoding="utf-8"), key)
        content, metadata = plain.read(str(path))
        assert html == content, path
        assert ours.metadata_of(str(path), meta) == metadata, path
