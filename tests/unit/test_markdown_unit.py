"""The quicker Markdown (quicker_markdown.py) writes what Markdown untouched writes, byte
for byte."""

from __future__ import annotations

import json

import pytest
from markdown import Markdown

from clinic.rendering import markup, quicker_markdown
from support import ROOT
from tools.build import load_settings


def _settings_key() -> str:
    return markup.markdown_settings_key(load_settings(ROOT / "pelicanconf.py")["MARKDOWN"])


@pytest.mark.unit
def test_the_quicker_inline_step_is_the_one_rendering(monkeypatch):
    """What the site renders goes through the quicker inline step (else the byte-for-byte
    comparison below would compare Markdown with itself)."""
    ran = []
    run = quicker_markdown.QuickerInlineProcessor.run

    def counting(self, tree, ancestors=None):
        ran.append(self)
        return run(self, tree, ancestors)

    monkeypatch.setattr(quicker_markdown.QuickerInlineProcessor, "run", counting)
    assert markup.render("Some *emphasis*.", _settings_key()) == "<p>Some <em>emphasis</em>.</p>"
    assert ran


@pytest.mark.unit
def test_every_inline_pattern_of_the_site_is_known():
    """Each of the site's inline patterns has its marks, so none is tried for nothing;
    a Markdown upgrade that changes one shows here (it would then always be tried)."""
    md = Markdown(**json.loads(_settings_key()))
    unknown = [type(p).__name__ for p in md.inlinePatterns if quicker_markdown.marks_of(p) is None]
    assert unknown == []
