"""The live preview: an edit shows in the browser by itself; so does a content error."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from support import ROOT
from tools.devserver import DevServer, error_page, with_reload_script

ARTICLE = "blog/in-office-vs-diy-microdermabrasion/"


@pytest.fixture
def preview(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    server = DevServer(ROOT / "pelicanconf.py", content, tmp_path / "output", [content], port=0)
    server.start()
    yield server, content / "articles" / "in-office-vs-diy-microdermabrasion.md"
    server.stop()


def wait_for(page, predicate: str, seconds: float = 10) -> float:
    """Seconds until `predicate` holds in the page (it reloads by itself meanwhile).

    Polled from Python: Playwright's own waiting evaluates strings in the page,
    which the page's Content-Security-Policy rightly forbids.
    """
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        try:
            if page.evaluate(predicate):
                return time.perf_counter() - started
        except Exception:  # the page is reloading: its context was replaced
            pass
        time.sleep(0.02)
    raise AssertionError(f"after {seconds} s, still not: {predicate}")


def test_an_edit_reloads_the_page_and_an_error_shows_on_it(browser, preview):
    server, article = preview
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server.url}/{ARTICLE}")
    assert "Microdermabrasion" in page.title()
    page.wait_for_timeout(300)  # let the page open its reload channel

    original = article.read_text(encoding="utf-8")
    article.write_text(original.replace("Perhaps you’ve seen", "EDITED you’ve seen"), "utf-8")
    latency = wait_for(page, "document.body.innerText.includes('EDITED')")
    print(f"edit to browser: {latency:.2f} s")

    article.write_text(original.replace("CTA: ", "CTA: ").replace("Category:", "Categry:"), "utf-8")
    wait_for(page, "document.title.startsWith('Build failed')")
    assert "unknown metadata key 'Categry'" in page.inner_text("main")
    assert "did you mean 'Category'" in page.inner_text("main")

    article.write_text(original, "utf-8")
    wait_for(page, "document.title.startsWith('Microdermabrasion')")
    context.close()


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


def test_the_preview_takes_the_cache_decision_of_make_html(tmp_path, monkeypatch):
    """The preview's cache is `make html`'s decision, made again at every full build: a
    replaced picture names a fresh folder, and a committed cache/ turns it off (it
    used to crash `make devserver` with a KeyError)."""
    import tools.build

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    server = DevServer(ROOT / "pelicanconf.py", content, tmp_path / "output", [content], port=0)
    try:
        first = server.build_overrides()
        assert first["CACHE_CONTENT"] is True
        assert Path(first["CACHE_PATH"]).parent == tmp_path / "output.cache"
        (content / "images" / "logo.png").write_bytes(
            (ROOT / "content" / "images" / "social-default.png").read_bytes()
        )
        assert server.build_overrides()["CACHE_PATH"] != first["CACHE_PATH"]
        monkeypatch.setattr(tools.build, "committed_cache", lambda root: True)
        refused = server.build_overrides()
        assert refused["CACHE_CONTENT"] is False
        assert "CACHE_PATH" not in refused
        assert "JINJA_ENVIRONMENT" not in refused
    finally:
        server.server.server_close()
