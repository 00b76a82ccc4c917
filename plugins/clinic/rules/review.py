"""The re-review worklist: medical articles whose last review is older than an age."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..core.sources import Source
from ..core.values import parse_date


@dataclass(frozen=True)
class Due:
    shown: str
    title: str
    reviewer: str
    last_reviewed: date | None  # None: never reviewed
    age_days: int | None
    lang: str = "en"  # the edition: a translation is reviewed on its own


def review_due(
    sources: list[Source],
    medical_categories: frozenset[str],
    today: date,
    max_age_days: int,
    lang: str = "en",
) -> list[Due]:
    """Medical articles to review again, never-reviewed and oldest first."""
    due = []
    for source in sources:
        if source.section != "articles" or source.get("category") not in medical_categories:
            continue
        value = source.get("last_reviewed")
        parsed = parse_date(value)
        reviewed = parsed.date() if parsed else None
        age = (today - reviewed).days if reviewed else None
        if reviewed is None or age > max_age_days:
            due.append(
                Due(
                    source.shown,
                    source.get("title"),
                    source.get("reviewed_by") or "-",
                    reviewed,
                    age,
                    lang,
                )
            )
    return oldest_first(due, today)


def oldest_first(due: list[Due], today: date) -> list[Due]:
    """Never-reviewed first, then by the date of the last review."""
    return sorted(
        due, key=lambda item: (item.last_reviewed is not None, item.last_reviewed or today)
    )


def format_due(items: list[Due], max_age_days: int) -> str:
    if not items:
        return (
            f"No medical article needs a review: all were reviewed in the last {max_age_days} days."
        )
    lines = [f"{len(items)} medical article(s) last reviewed more than {max_age_days} days ago:"]
    for item in items:
        when = f"{item.last_reviewed} ({item.age_days} days ago)" if item.last_reviewed else "never"
        lines.append(f"  {when:<28} {item.lang:<4} {item.reviewer:<16} {item.shown}  {item.title}")
    return "\n".join(lines)
