"""Related articles: by shared tags first, then by category, newest first among equals.

pelican-related-posts looks at tags only, so an article whose tags nobody else
uses gets no suggestion even when its category has plenty.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime

TAG_WEIGHT = 2
CATEGORY_WEIGHT = 1


@dataclass(frozen=True)
class Item:
    key: Hashable
    tags: frozenset[str]
    category: str
    date: datetime


def rank_related(items: Sequence[Item], limit: int = 3) -> dict[Hashable, list[Hashable]]:
    """For each item, the keys of up to `limit` others that share the most with it."""
    by_tag: dict[str, list[Item]] = defaultdict(list)
    by_category: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        for tag in item.tags:
            by_tag[tag].append(item)
        by_category[item.category].append(item)
    ranked = {}
    for item in items:
        scores: dict[Item, int] = defaultdict(int)
        for tag in item.tags:
            for other in by_tag[tag]:
                scores[other] += TAG_WEIGHT
        for other in by_category[item.category]:
            scores[other] += CATEGORY_WEIGHT
        scores.pop(item, None)
        best = sorted(scores, key=lambda other: (-scores[other], -other.date.timestamp()))
        ranked[item.key] = [other.key for other in best[:limit]]
    return ranked
