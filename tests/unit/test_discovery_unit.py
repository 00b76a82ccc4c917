"""What visitors and search engines find: sitemap, robots.txt, feeds, search index, related
articles, neighbours, icons and treatment pages, on a small synthetic site built for production."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest


def article(slug, *, title, category="Skin Care", tags="", extra="", date="2025-03-01 10:00"):
    return (
        f"Title: {title}\nDate: {date}\nCategory: {category}\nTags: {tags}\nSlug: {slug}\n"
        f"Summary: About {title.lower()}.\nAuthor: Spectrum Dermatology\n{extra}\n"
        f"Text about {title.lower()}.\n"
    )


@pytest.mark.unit
def test_a_glob_names_exactly_the_pages_given():
    from clinic.sitewide.search import LONGEST_GLOB, pages_glob

    assert pages_glob(["blog/a/index.html", "es/x{1}.html", ""]) == (
        r"{blog/a/index.html,es/x\{1\}.html}"
    )
    assert pages_glob([]) == ""
    assert pages_glob([f"blog/{n:06}/index.html" for n in range(LONGEST_GLOB // 10)]) == ""


def _related_by_definition(items, limit):
    """Every pair scored: two points a shared tag, one for the same category; the best
    `limit` others, then the newest, then the first listed (no shortcut taken)."""
    ranked = {}
    for item in items:
        others = [
            (2 * len(item.tags & other.tags) + (item.category == other.category), other)
            for other in items
            if other.key != item.key
        ]
        others = [(score, other) for score, other in others if score > 0]
        others.sort(key=lambda pair: (-pair[0], -pair[1].date.timestamp(), items.index(pair[1])))
        ranked[item.key] = [other.key for _, other in others[:limit]]
    return ranked


@pytest.mark.unit
@pytest.mark.parametrize("seed", range(6))
def test_related_ranking_matches_its_definition_on_many_articles(seed):
    import random

    from clinic.pages.related import Item, rank_related

    pick = random.Random(seed)
    tags = [f"tag{n}" for n in range(pick.choice([1, 4, 30]))]
    categories = [f"category{n}" for n in range(pick.choice([1, 3]))]
    items = tuple(
        Item(
            key=f"article{n}",
            tags=frozenset(pick.sample(tags, pick.randint(0, min(3, len(tags))))),
            category=pick.choice(categories),
            date=datetime(2025, 1, 1) + timedelta(days=pick.randint(0, 40)),
        )
        for n in range(pick.choice([2, 40, 150]))
    )
    for limit in (1, 3):
        assert rank_related(items, limit) == _related_by_definition(items, limit)
