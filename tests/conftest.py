"""Shared fixtures: the real site, built once per test session."""

from __future__ import annotations

import pytest

from support import ROOT, BuiltSite, build


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The real content/ built with the development settings, as `make html` does."""
    return build(tmp_path_factory.mktemp("site") / "output")


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> BuiltSite:
    """The real content/ built with the production settings, as `make publish` does."""
    import pelicanconf

    return build(
        tmp_path_factory.mktemp("published") / "output",
        settings_file=ROOT / "publishconf.py",
        SITEURL=pelicanconf.PRODUCTION_SITEURL,
    )
