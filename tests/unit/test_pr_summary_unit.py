"""The pull request's job summary: what changes on the site, and each changed page's figures."""

from __future__ import annotations

import shutil

import pytest

from checks.gate import Budget
from tools.pr_summary import summary_markdown

SEED = "content/articles/in-office-vs-diy-microdermabrasion.md"


@pytest.mark.unit
def test_an_over_budget_page_and_gate_problems_are_shown():
    from tools.pr_summary import Changes, PageReport

    report = PageReport(
        source="content/articles/x.md",
        title="A | title",
        page="blog/x/index.html",
        weight=25 * 1024,
        requests=5,
        problems=("blog/x/index.html: loads https://cdn.example/x.js from another origin",),
    )
    text = summary_markdown(Changes(["blog/x/index.html"], [], []), [report], Budget())
    assert "**Added:** `blog/x/index.html`" in text
    assert "25.0 KB in 5 requests (over)" in text
    assert "A \\| title" in text
    assert "not reviewed" in text
    assert "from another origin" in text


@pytest.mark.unit
def test_the_changed_content_is_found_against_mains(tmp_path):
    from tools.pr_summary import ROOT, changed_content

    main_content = tmp_path / "main-content"
    shutil.copytree(ROOT / "content", main_content)
    (main_content / "articles" / "in-office-vs-diy-microdermabrasion.md").write_text("old")
    (main_content / "pages" / "about.md").unlink()
    assert changed_content(main_content, ROOT / "content") == [
        SEED,
        "content/pages/about.md",
    ]
