"""Shared fixtures: the real site, built once per test run (shared by pytest-xdist's workers);
and the rules that a unit test builds no site and lives in tests/unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import ROOT, BuiltSite, built_once

UNIT_TESTS = ROOT / "tests" / "unit"


@pytest.fixture
def content(tmp_path):
    """A copy of the real content/, which a test changes or adds its own files to."""
    import shutil

    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The real content/ built with the development settings, as `make html` does."""
    return built_once(tmp_path_factory, "site")


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> BuiltSite:
    """The real content/ built with the production settings, as `make publish` does."""
    import pelicanconf

    return built_once(
        tmp_path_factory,
        "published",
        ROOT / "publishconf.py",
        SITEURL=pelicanconf.PRODUCTION_SITEURL,
    )


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session."""
    from browser import chromium_path
    from playwright.sync_api import sync_playwright

    from checks.audit import CHROMIUM_FLAGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path(), args=list(CHROMIUM_FLAGS)
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(site):
    """The development build served on 127.0.0.1, as static hosting serves it."""
    from checks.serve import serve

    with serve(site.root) as url:
        yield url


# What a unit test (`make test-fast`) may not use: each builds the whole site or starts
# a browser.
HEAVY_FIXTURES = {"site", "published", "browser", "site_url"}


@pytest.fixture(autouse=True)
def _a_unit_test_builds_no_site(request, monkeypatch):
    """A test marked `unit` fails if it builds a site or opens a browser: `make test-fast`
    stays fast because none of its tests can. The unit tests, and they alone, are in
    tests/unit, so the folders say which tests `make test-fast` runs."""
    unit = request.node.get_closest_marker("unit") is not None
    in_unit_folder = Path(request.node.path).is_relative_to(UNIT_TESTS)
    if unit and not in_unit_folder:
        pytest.fail("a test marked unit belongs in tests/unit")
    if in_unit_folder and not unit:
        pytest.fail("a test in tests/unit must be marked unit, or belongs in tests/site")
    if not unit:
        return
    heavy = sorted(HEAVY_FIXTURES & set(request.fixturenames))
    if heavy:
        pytest.fail(f"a unit test uses {', '.join(heavy)}: take off its unit mark")
    from pelican import Pelican

    def refuse(self):
        pytest.fail("a unit test runs a Pelican build: take off its unit mark")

    monkeypatch.setattr(Pelican, "run", refuse)
