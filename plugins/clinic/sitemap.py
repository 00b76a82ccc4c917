"""sitemap.xml and robots.txt.

Written here rather than with pelican-sitemap, which dates list pages with the
time of the build (so two builds of the same content differ) and does not know
that a medical review (Last_Reviewed) is an update of the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Entry:
    url: str  # absolute
    lastmod: date | datetime | None = None


def latest(*moments: date | datetime | None) -> date | datetime | None:
    """The latest of some dates and datetimes, compared by calendar day then time."""
    present = [moment for moment in moments if moment is not None]
    if not present:
        return None

    def key(moment):
        return (moment.date() if isinstance(moment, datetime) else moment, moment.isoformat())

    return max(present, key=key)


def sitemap_xml(entries: list[Entry]) -> str:
    """The sitemap protocol's XML, one `<url>` per entry, sorted by URL."""
    rows = []
    for entry in sorted(entries, key=lambda e: e.url):
        lastmod = f"<lastmod>{entry.lastmod.isoformat()}</lastmod>" if entry.lastmod else ""
        rows.append(f"<url><loc>{escape(entry.url)}</loc>{lastmod}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(rows)
        + "\n</urlset>\n"
    )


def robots_txt(sitemap_url: str) -> str:
    """Every page may be crawled; the sitemap says where they are."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"
