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
    page_file: str = ""  # an article's, page's or provider's file below the output: searchable


def latest(*moments: date | datetime | None) -> date | datetime | None:
    """The latest of some dates and datetimes, compared by calendar day then time."""
    present = [moment for moment in moments if moment is not None]
    if not present:
        return None

    def key(moment):
        return (moment.date() if isinstance(moment, datetime) else moment, moment.isoformat())

    return max(present, key=key)


def sitemap_xml(
    entries: list[Entry],
    versions: dict[str, dict[str, str]] | None = None,
    base_url: str = "",
    default_lang: str = "",
) -> str:
    """The sitemap protocol's XML, one `<url>` per entry, sorted by URL.

    A page with versions in other languages lists them all, itself included, as
    `xhtml:link` alternates with `x-default` (the first edition's), as Google reads them.
    """
    rows = []
    for entry in sorted(entries, key=lambda e: e.url):
        lastmod = f"<lastmod>{entry.lastmod.isoformat()}</lastmod>" if entry.lastmod else ""
        links = _alternates(
            (versions or {}).get(entry.url.removeprefix(f"{base_url}/")), base_url, default_lang
        )
        rows.append(f"<url><loc>{escape(entry.url)}</loc>{lastmod}{links}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(rows) + "\n</urlset>\n"
    )


def _alternates(versions: dict[str, str] | None, base_url: str, default_lang: str) -> str:
    if not versions:
        return ""
    pairs = sorted(versions.items())
    if default_lang in versions:
        pairs.append(("x-default", versions[default_lang]))
    return "".join(
        f'<xhtml:link rel="alternate" hreflang="{lang}" href="{escape(f"{base_url}/{address}")}"/>'
        for lang, address in pairs
    )


def robots_txt(sitemap_url: str, noindex: bool = False) -> str:
    """Every page may be crawled, and the sitemap says where they are; or, for a site no
    one should find by searching (a pull request's preview: CLINIC_NOINDEX), none."""
    if noindex:
        return "User-agent: *\nDisallow: /\n"
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"
