"""The live preview: an edit shows in the browser by itself; so does a content error."""

from __future__ import annotations

import pytest

from tools.devserver import error_page, with_reload_script


@pytest.mark.unit
def test_reload_script_is_added_before_the_end_of_body():
    page = b"<html><body><p>x</p></body></html>"
    assert with_reload_script(page) == (
        b'<html><body><p>x</p><script src="/__devserver/reload.js" defer></script></body></html>'
    )


@pytest.mark.unit
def test_error_page_escapes_the_problems():
    page = error_page("content/a.md:1: unknown key '<b>'").decode()
    assert "&lt;b&gt;" in page
    assert "<b>" not in page
