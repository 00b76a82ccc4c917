"""The GitHub workflows: valid, pinned, least privilege, and the token in one step only.

zizmor audits the same files in `make test` and `make lint` (tasks.py); these tests
pin down this project's own rules, which zizmor does not know.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from test_workflows import WORKFLOWS

from support import ROOT, built_once

NOINDEX = '<meta name="robots" content="noindex">'


def test_workflow_files_are_valid_github_workflows():
    workflows = sorted(WORKFLOWS.glob("*.yml"))
    assert {path.name for path in workflows} == {"test.yml", "deploy.yml", "preview.yml"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, workflows),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def preview(tmp_path_factory):
    """The real content/ built as a pull request's preview is (preview.yml): the
    production settings at the preview's address, with CLINIC_NOINDEX."""
    return built_once(
        tmp_path_factory,
        "preview",
        ROOT / "publishconf.py",
        SITEURL="https://www.spectrum-dermatology.example/pr-preview/pr-7",
        CLINIC_NOINDEX=True,
    )


def test_every_preview_page_asks_search_engines_not_to_index_it(preview):
    pages = preview.html_files()
    assert len(pages) > 10
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        assert head.count(NOINDEX) == 1, page.relative_to(preview.root)
    assert (preview.root / "robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nDisallow: /\n"
    )


def test_the_published_site_asks_no_such_thing(published):
    pages = published.html_files()
    assert len(pages) > 10
    for page in pages:
        assert 'name="robots"' not in page.read_text(encoding="utf-8"), page
    robots = (published.root / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow" not in robots
    assert "Sitemap: " in robots
