"""The live preview: an edit shows in the browser by itself; so does a content error."""

from __future__ import annotations

import shutil
import time

import pytest

from support import ROOT
from tools.devserver import DevServer

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
