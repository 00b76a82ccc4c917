"""Unit tests for each edition's feed: its language, home and id (sitewide/feeds.py)."""

from __future__ import annotations

import pytest

from clinic.sitewide.feeds import mark_edition

pytestmark = pytest.mark.unit

SITE = "https://www.example.org/"


def made(feed_url: str) -> dict:
    """A feed's values as Pelican makes them: the site's root as link and id."""
    return {"link": SITE, "id": SITE, "feed_url": feed_url, "language": None}


def test_the_first_editions_feed_keeps_its_id_and_link():
    feed = made(SITE + "feeds/all.atom.xml")
    mark_edition(feed, "en-US", "")
    assert feed == {**made(SITE + "feeds/all.atom.xml"), "language": "en-US"}


def test_another_editions_feed_is_its_own():
    feed = made(SITE + "es/feeds/all.atom.xml")
    mark_edition(feed, "es-US", "es/")
    assert feed["language"] == "es-US"
    assert feed["link"] == SITE + "es/"
    assert feed["id"] == SITE + "es/feeds/all.atom.xml"
