"""The site's root 404 page speaks every edition's language.

GitHub Pages serves the root `404.html` for every missing address, `/es/...` too, so
that one page says it in each edition's words: the first edition's part, then each
other edition's, every part in a container with its own `lang`, with a link to its
edition's home. The other parts are that edition's own 404 page (its title and
text, `content/<lang>/pages/404.md`) and the theme's words in its catalog. Each
edition keeps its own `404.html` too (`/es/404.html`), for hosts that serve one per
folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..core.addresses import address_of
from ..rendering.i18n import translations_for
from ..rules.check import CheckedFiles, read_all
from ..rules.lint import content_files, slugify_of
from ..settings.editions import edition_settings, language_tag, languages, prefix_of
from ..settings.options import PelicanSite
from ..settings.validation import render_markdown

MISSING_PAGE = "404.html"  # the first edition's, at the site's root


@dataclass(frozen=True)
class MissingPart:
    """One other edition's part of the root 404 page: its words, and its addresses below
    the site root."""

    lang: str  # its BCP 47 tag, for the part's `lang`
    title: str
    body: Markup
    home: str
    archives: str
    contact: str
    search: str
    home_label: str
    archives_label: str
    contact_label: str
    search_label: str


def missing_parts(
    settings: Mapping, versions: Mapping, theme: Path, checked: CheckedFiles | None = None
) -> tuple[MissingPart, ...]:
    """The other editions' parts of the root 404 page, in the editions' order; none for any
    edition but the first (its own 404 is in its language alone). `settings` are the
    first edition's; `versions` the build's map of translations (alternates.py); `checked`
    the build's files read, those of the other editions among them (content_versions)."""
    langs = languages(settings)
    first = PelicanSite.of(settings)
    if first.home_url or first.lang != langs[0]:
        return ()
    found = versions.get(MISSING_PAGE, {})
    return tuple(
        part
        for lang in langs[1:]
        if lang in found
        for part in [_part(settings, lang, found[lang], theme, checked)]
        if part is not None
    )


def _part(
    first: Mapping, lang: str, address: str, theme: Path, checked: CheckedFiles | None
) -> MissingPart | None:
    settings = {**first, **edition_settings(first, lang)}
    edition = PelicanSite.of(settings)
    slugify = slugify_of(first)
    pages = [entry for entry in content_files(edition) if entry[2] == "pages"]
    sources, _ = read_all(pages, checked)
    source = next(
        (s for s in sources if address_of(s, edition.urls, slugify).url == address),
        None,
    )
    if source is None:
        return None
    text = translations_for(theme, lang).gettext
    prefix = prefix_of(first, lang)
    return MissingPart(
        lang=language_tag(first, lang),
        title=source.get("title"),
        body=render_markdown(source.body),
        home=prefix,
        archives=edition.urls["ARCHIVES_URL"],
        contact=edition.urls.get("CONTACT_URL") or prefix,
        search=edition.urls["SEARCH_URL"],
        home_label=text("Home page"),
        archives_label=text("All blog articles"),
        contact_label=text("Contact the clinic"),
        search_label=text("Search the site"),
    )
