"""Related articles: by shared tags first, then by category, newest first among equals.

pelican-related-posts looks at tags only, so an article whose tags nobody else
uses gets no suggestion even when its category has plenty.

`rank_related` is remembered by the process: a pure function of frozen items.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

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
    by_tag: dict[str, list[Item]] = defaultdict(list)
    by_category: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        for tag in item.tags:
            by_tag[tag].append(item)
        by_category[item.category].append(item)
    order = {item.key: position for position, item in enumerate(items)}
    stamp = {item.key: item.date.timestamp() for item in items}
    category = {item.key: item.category for item in items}
    # A category alone scores CATEGORY_WEIGHT, less than any shared tag: its members
    # only fill the places that articles sharing a tag leave, newest first. Adding it to
    # every member's score, as tags are, would cost a category's size for each item.
    newest_first = {
        name: [other.key for other in sorted(members, key=lambda o: (-stamp[o.key], order[o.key]))]
        for name, members in by_category.items()
    }
    ranked = {}
    for item in items:
        scores: dict[Hashable, int] = defaultdict(int)
        for tag in item.tags:
            for other in by_tag[tag]:
                scores[other.key] += TAG_WEIGHT
        scores.pop(item.key, None)
        for key in scores:
            if category[key] == item.category:
                scores[key] += CATEGORY_WEIGHT
        # Highest score, then newest, then first listed: the same answer on every build.
        best = heapq.nsmallest(
            limit, scores, key=lambda key: (-scores[key], -stamp[key], order[key])
        )
        for key in newest_first[item.category]:
            if len(best) >= limit:
                break
            if key != item.key and key not in scores:
                best.append(key)
        ranked[item.key] = best
    return ranked
