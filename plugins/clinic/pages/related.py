"""Related articles: by shared tags first, then by category, newest first among equals.

pelican-related-posts looks at tags only, so an article whose tags nobody else
uses gets no suggestion even when its category has plenty.

Ranking every article against every other grew with the square of their number
(53 s at 10,000 articles); the index below reads only the lists that can hold an
article's best: 0.7 s of CPU at 10,000 articles over 50 tags, 0.14 s over 5 tags,
the same answers (tests/unit/test_related.py holds it to the rule, article by article).

`rank_related` is remembered by the process: a pure function of frozen items.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import combinations

TAG_WEIGHT = 2
CATEGORY_WEIGHT = 1


@dataclass(frozen=True)
class Item:
    key: Hashable
    tags: frozenset[str]
    category: str
    date: datetime


@lru_cache(maxsize=4)
def rank_related(items: tuple[Item, ...], limit: int = 3) -> dict[Hashable, list[Hashable]]:
    """For each item, the keys of up to `limit` others that share the most with it.

    Remembered for the same items: the live preview rebuilds often, and an edit
    seldom changes any article's tags, category or date.
    """
    site = _Index(items)
    ranked = {}
    for (tags, category), members in site.groups.items():
        # Items with the same tags and category rank every other item alike: ranked
        # once, for one place more, each member then leaves itself out.
        best = site.best(tags, category, limit + 1)
        for item in members:
            ranked[item.key] = [key for key in best if key != item.key][:limit]
    return ranked


class _Index:
    """The items listed by tag, pair of tags, tag and category, and category, each newest
    first: a ranking then reads the few lists that hold its best, never every item.

    An item sharing n tags scores 2n, plus 1 in the same category: those sharing two
    tags or more outrank all others, and are found through the pairs' lists (short
    on any real site); below them come, in order, those sharing one tag in the same
    category, one tag in another, and the category alone, each read newest first
    until the places are filled.
    """

    def __init__(self, items: tuple[Item, ...]) -> None:
        newest = sorted(range(len(items)), key=lambda at: (-items[at].date.timestamp(), at))
        # Each key's place among all, newest first, then first listed: the same answer
        # on every build, and one number to compare.
        self.place = {items[at].key: place for place, at in enumerate(newest)}
        self.category = {item.key: item.category for item in items}
        self.tags = {item.key: item.tags for item in items}
        self.groups: dict[tuple[frozenset[str], str], list[Item]] = defaultdict(list)
        lists: dict[tuple, list[Hashable]] = defaultdict(list)
        for item in items:
            self.groups[item.tags, item.category].append(item)
            lists["category", item.category].append(item.key)
            for tag in item.tags:
                lists["tag", tag].append(item.key)
                lists["tag in category", tag, item.category].append(item.key)
            for pair in combinations(sorted(item.tags), 2):
                lists["pair", pair].append(item.key)
        for keys in lists.values():
            keys.sort(key=self.place.__getitem__)
        self.lists = lists

    def best(self, tags: frozenset[str], category: str, places: int) -> list[Hashable]:
        """Up to `places` keys, best first, for an item with these tags and category."""
        shared: dict[Hashable, int] = {}
        place = self.place
        for pair in combinations(sorted(tags), 2):
            for key in self.lists.get(("pair", pair), ()):
                if key not in shared:
                    shared[key] = 2 * len(tags & self.tags[key]) + (self.category[key] == category)
        chosen = heapq.nsmallest(places, shared, key=lambda key: (-shared[key], place[key]))
        if len(shared) >= places:
            return chosen
        seen = set(shared)
        same_category = [self.lists.get(("tag in category", tag, category), ()) for tag in tags]
        any_category = [self.lists.get(("tag", tag), ()) for tag in tags]
        category_alone = [self.lists.get(("category", category), ())]
        for level in (same_category, any_category, category_alone):
            for key in heapq.merge(*level, key=place.__getitem__):
                if len(chosen) >= places:
                    return chosen
                if key not in seen:
                    seen.add(key)
                    chosen.append(key)
        return chosen
