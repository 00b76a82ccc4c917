"""Shared fixtures: the real site, built once per test session."""

from __future__ import annotations

import pytest

from support import BuiltSite, build


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The real content/ built with the development settings, as `make html` does."""
    return build(tmp_path_factory.mktemp("site") / "output")
