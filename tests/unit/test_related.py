"""Related articles: the fast ranking gives exactly what the rule says, on many sites."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from clinic.pages.related import CATEGORY_WEIGHT, TAG_WEIGHT, Item, rank_related

pytestmark = pytest.mark.unit


def by_the_rule(items: tuple[Item, ...], limit: int) -> dict:
    """The rule as the writers' guide states it, item by item against every other: more
    shared tags first, the same category next, then the newest, then the first listed."""
    ranked = {}
    for position, item in enumerate(items):
        scored = []
        for at, other in enumerate(items):
            if at == position:
                continue
            score = TAG_WEIGHT * len(item.tags & other.tags)
            score += CATEGORY_WEIGHT * (item.category == other.category)
            if score:
                scored.append((-score, -other.date.timestamp(), at, other.key))
        ranked[item.key] = [key for *_, key in sorted(scored)[:limit]]
    return ranked


def random_site(seed: int) -> tuple[Item, ...]:
    """A site of up to 80 articles over few or many tags, with many equal dates (ties)."""
    chance = random.Random(seed)
    tags = [f"tag {number}" for number in range(chance.choice((1, 3, 8, 30)))]
    categories = [f"category {number}" for number in range(chance.randint(1, 4))]
    start = datetime(2025, 1, 1)
    return tuple(
        Item(
            key=f"article {number}",
            tags=frozenset(chance.sample(tags, chance.randint(0, min(4, len(tags))))),
            category=chance.choice(categories),
            date=start + timedelta(days=chance.randint(0, 6)),
        )
        for number in range(chance.randint(0, 80))
    )


@pytest.mark.parametrize("seed", range(200))
def test_the_ranking_is_the_rule(seed):
    items = random_site(seed)
    for limit in (1, 3, 6):
        assert rank_related(items, limit) == by_the_rule(items, limit)


def test_an_article_never_relates_to_itself_and_fills_from_its_category():
    day = datetime(2025, 3, 1)
    items = (
        Item("acne", frozenset({"acne"}), "Skin Conditions", day),
        Item("rosacea", frozenset(), "Skin Conditions", day + timedelta(days=1)),
        Item("eczema", frozenset(), "Skin Conditions", day + timedelta(days=2)),
        Item("peels", frozenset({"acne"}), "Skin Treatments", day),
        Item("news", frozenset(), "Clinic News", day),
    )
    ranked = rank_related(items, 3)
    assert ranked["acne"] == ["peels", "eczema", "rosacea"]
    assert ranked["news"] == []
    assert all(key not in related for key, related in ranked.items())
