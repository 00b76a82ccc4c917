"""Where a content file is published: one rule for the content rules, the language
alternates, the live preview and the pull-request summary.

Pelican's own rule, read from a file's header before Pelican reads it: the address
part is the `Slug:`, else the title slugified with the site's substitutions; the
edition's `ARTICLE_URL`/`PAGE_URL` (and `*_SAVE_AS`) place it; a `URL:` or
`Save_as:` in the header overrides them, for an article as for a page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .sources import Source


@dataclass(frozen=True)
class PageAddress:
    """A file's address part, its URL below the site root, and the files it is written
    to when published and while it is a draft."""

    slug: str
    url: str
    save_as: str
    draft_save_as: str


def slug_of(source: Source, slugify: Callable[[str], str]) -> str:
    """The file's address part: its Slug, else its title as Pelican slugifies it."""
    return source.get("slug") or slugify(source.get("title"))


def address_of(
    source: Source, patterns: Mapping[str, str], slugify: Callable[[str], str]
) -> PageAddress:
    """Where `source` is published with an edition's address `patterns` (PelicanSite.urls,
    or Pelican's settings, which hold them): see the module's rule."""
    slug = slug_of(source, slugify)
    kind = "ARTICLE" if source.section == "articles" else "PAGE"
    draft = patterns.get("DRAFT_SAVE_AS" if kind == "ARTICLE" else "DRAFT_PAGE_SAVE_AS")
    return PageAddress(
        slug=slug,
        url=source.get("url") or patterns[f"{kind}_URL"].format(slug=slug),
        save_as=source.get("save_as") or patterns[f"{kind}_SAVE_AS"].format(slug=slug),
        draft_save_as=draft.format(slug=slug) if draft else "",
    )
