"""Which pages are versions of one another across the editions, by their addresses.

A translation says `Translation_Of: <the original's slug>`; an original is known by
its own slug. The addresses each edition gives them come from the files' headers
and that edition's address settings, before any edition is built, so that every
edition's pages can name all their versions (hreflang, the language switcher).
The blog, its lists of categories, tags and authors, search, the team and each
provider's page exist in every edition at the same place below its prefix.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..core.addresses import address_of, slug_of
from ..rules.check import CheckedFiles, read_all
from ..rules.expiry import source_expired
from ..rules.lint import content_files, slugify_of
from ..rules.translation_rules import Original, is_draft, originals_in
from ..settings.editions import edition_settings, has_content, languages
from ..settings.options import PelicanSite, options_of
from ..settings.providers import TEAM_PATH

# Addresses every edition writes, below its prefix (PelicanSite.urls' names).
SHARED_LISTINGS = ("ARCHIVES_URL", "CATEGORIES_URL", "TAGS_URL", "AUTHORS_URL", "SEARCH_URL")

Versions = dict[str, str]  # language -> address below the site root


def content_versions(
    first: Mapping, checked: CheckedFiles | None = None
) -> tuple[list[Versions], dict[tuple[str, str], Original]]:
    """The versions of each published article and page, from every edition's files; and
    the first edition's originals (drafts too), which translations may name. `checked`:
    the build's files read, which its rules then read from, not from the disk again."""
    groups: dict[tuple[str, str], Versions] = {}
    originals: dict[tuple[str, str], Original] = {}
    slugify = slugify_of(first)
    at = options_of(first).now
    for lang in languages(first):
        if not has_content(first, lang):
            continue
        pelican = PelicanSite.of({**first, **edition_settings(first, lang)})
        sources, _ = read_all(content_files(pelican), checked)
        if lang == languages(first)[0]:  # an expired one too: its translations are
            originals = originals_in(sources, slugify)  # still published, until their Expires
        for source in sources:
            if is_draft(source) or not source.get("title") or source_expired(source, at):
                continue
            slug = slug_of(source, slugify)
            key = (source.section, source.get("translation_of") or slug)
            groups.setdefault(key, {})[lang] = address_of(source, pelican.urls, slugify).url
    return list(groups.values()), originals


def listing_addresses(pelican: PelicanSite, providers: Mapping) -> list[str]:
    """The addresses of one edition's home, lists, search, team and provider pages, in order."""
    home = pelican.home_url
    team = home + TEAM_PATH
    return [
        home,
        *(pelican.urls[name] for name in SHARED_LISTINGS),
        team,
        *(f"{team}{key}/" for key in providers),
    ]


def listing_versions(first: Mapping, providers: Mapping) -> list[Versions]:
    """Each of those pages in every edition built."""
    langs = [lang for lang in languages(first) if has_content(first, lang)]
    per_edition = {
        lang: listing_addresses(
            PelicanSite.of({**first, **edition_settings(first, lang)}), providers
        )
        for lang in langs
    }
    return [dict(zip(langs, row, strict=True)) for row in zip(*per_edition.values(), strict=True)]


def index_editions(
    first: Mapping, checked: CheckedFiles | None = None
) -> tuple[dict[str, Versions], dict[tuple[str, str], Original]]:
    """Each address of the site -> its versions in every edition that has one (itself
    too); and the originals translations may name, read once for every edition (into
    `checked`, when given: see content_versions)."""
    content, originals = content_versions(first, checked)
    groups = content + listing_versions(first, first.get("CLINIC_PROVIDERS") or {})
    found: dict[str, Versions] = {}
    for versions in groups:
        if len(versions) > 1:
            for address in versions.values():
                found[address] = versions
    return found, originals
