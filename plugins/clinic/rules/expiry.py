"""Pages that stop being published on a date: `Expires:` (promotions, events, seasonal notices).

`Expires: 2025-09-01` is the first day the page is no longer shown: a build at or
after 00:00 that day, in the site's TIMEZONE (or at the `HH:MM` given), leaves the
file out entirely, as if it were not there. The nightly rebuild is what takes a
page down on its date.

"Now" is decided once per build, as `BuildOptions.now` (settings/options.py): the
setting `CLINIC_TODAY` (a date, a datetime or "YYYY-MM-DD [HH:MM]") when a test or a
preview pins it, else the clock in the site's time zone. Each file carries its own
`Expires:`: a translation whose original expired stays published until its own date,
if it has one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from ..core.problems import Problem
from ..core.sources import Source
from ..core.values import moment_of

SOON_DAYS = 14


def is_expired(expires, at: datetime) -> bool:
    """Whether a page with this `Expires` value is no longer published at `at`."""
    moment = moment_of(expires)
    return moment is not None and at >= moment


def expires_of(item) -> str | datetime | None:
    """A Pelican content object's `Expires` metadata, as its reader left it."""
    return (getattr(item, "metadata", None) or {}).get("expires")


def current(items: Iterable, at: datetime) -> list:
    """The content objects still published at `at`, in their order."""
    return [item for item in items if not is_expired(expires_of(item), at)]


def source_expired(source: Source, at: datetime) -> bool:
    return is_expired(source.get("expires"), at)


def expired_problems(sources: Iterable[Source], at: datetime) -> list[Problem]:
    """A warning for each file that has expired: it is left out of the site, not an error."""
    return [
        Problem(
            source.shown,
            f"expired on {source.get('expires')}: it is not published",
            "delete the file, or change Expires if it should still be shown",
            line=source.line_of("expires"),
            warning=True,
        )
        for source in sources
        if source_expired(source, at)
    ]


@dataclass(frozen=True)
class Expiring:
    shown: str
    title: str
    lang: str
    expires: datetime
    days_left: int


def expiring_soon(
    sources: Iterable[Source], today: date | datetime, days: int = SOON_DAYS, lang: str = "en"
) -> list[Expiring]:
    """Published files that expire within `days` days of `today`, soonest first.

    Drafts are left out (they are not published); so are files already expired
    (`make lint` warns about those). `lang` is the edition's language, for files
    that do not say `Lang:`.
    """
    at = moment_of(today)
    found = []
    for source in sources:
        moment = moment_of(source.get("expires"))
        if moment is None or at >= moment or source.get("status").lower() == "draft":
            continue
        days_left = (moment.date() - at.date()).days
        if days_left <= days:
            title = source.get("title")
            found.append(
                Expiring(source.shown, title, source.get("lang") or lang, moment, days_left)
            )
    return soonest_first(found)


def soonest_first(items: list[Expiring]) -> list[Expiring]:
    return sorted(items, key=lambda item: (item.expires, item.shown))


def format_expiring(items: list[Expiring], days: int = SOON_DAYS) -> str:
    if not items:
        return f"No page expires in the next {days} days."
    lines = [f"{len(items)} page(s) expire in the next {days} days, and leave the site then:"]
    for item in items:
        when = item.expires.strftime("%Y-%m-%d %H:%M").removesuffix(" 00:00")
        left = {0: "today", 1: "tomorrow"}.get(item.days_left, f"in {item.days_left} days")
        lines.append(f"  {when + ' (' + left + ')':<28} {item.lang:<4} {item.shown}  {item.title}")
    return "\n".join(lines)


# The lists a generator keeps its content objects in, published or not.
ARTICLE_LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "hidden_articles",
    "hidden_translations",
)
PAGE_LISTS = (
    "pages",
    "translations",
    "hidden_pages",
    "hidden_translations",
    "draft_pages",
    "draft_translations",
)
