"""The site's editions: one whole site per language, the first at the root, the others below
`/<lang>/`.

Each edition is its own Pelican run over its own files (`content/<lang>/articles`,
`content/<lang>/pages` for every language but the first), with its own home, lists,
feeds and 404, into the same output folder. What differs between editions is in
`CLINIC_EDITIONS` (labels, facts, calls to action, categories); every address
setting gets the edition's prefix here. A translation names its original with
`Translation_Of: <the original's slug>`, which links the editions' pages to each
other (hreflang, the language switcher) whatever their own slugs.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale

from ..core.atomic import read_stored, write_atomically
from ..core.recycling import Stock
from ..rendering.templates import CompiledTemplates
from .taglines import locale_facts, own_name

LANGUAGES_STORE = "clinic-languages.json"  # in the build's cache folder (EditionsBuild)


@dataclass
class EditionsBuild:
    """What the editions' runs of one build share: the sitemap fills up over all of them,
    and the last one writes it and the search index."""

    sitemap: list = field(default_factory=list)
    languages: tuple[str, ...] = ()  # the editions built, the first first
    versions: dict = field(default_factory=dict)  # address -> {lang: address} (alternates.py)
    # The first edition's originals by (section, slug), drafts too (translation_rules.py),
    # read once.
    originals: dict | None = None
    cards: list = field(default_factory=list)  # each edition's share cards (sharecards.py)
    # The brand's pictures drawn by this build, by their cache name (pages/brand.py): the
    # editions share one logo and icons, drawn once.
    drawn: dict = field(default_factory=dict)
    # Each edition's language tag (CLINIC_LANGUAGE, "es-US"): a run's own settings know
    # only its own, and a page names its translations' (og:locale:alternate).
    tags: dict = field(default_factory=dict)
    # The theme compiled once for every edition (templates.py), as their templates are one.
    templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    # The files of the folder the build writes into, as the runner found them
    # (core/recycling.py): the last run sweeps those not written before Pagefind reads it.
    stock: Stock = field(default_factory=Stock)
    # Each tagline language's own name and direction, read from CLDR once for every
    # edition (a tenth of a second each time: settings/taglines.py), and kept in the
    # build's cache for the next build (`load_facts`, `save_facts`): CLDR is Babel's,
    # whose pinned version names the cache folder.
    language_facts: dict[str, tuple[str, str]] = field(default_factory=dict)
    facts_stored: dict[str, tuple[str, str]] | None = None

    def facts_of(self, code: str) -> tuple[str, str]:
        """`locale_facts(code)`, read once for the build."""
        if code not in self.language_facts:
            self.language_facts[code] = locale_facts(code)
        return self.language_facts[code]

    def load_facts(self, path: Path | None) -> None:
        """The languages' facts an earlier build stored in `path`, once a build."""
        if path is None or self.facts_stored is not None:
            return
        stored = read_stored(path, lambda kept: {str(c): (str(n), str(d)) for c, n, d in kept})
        self.facts_stored = stored or {}
        self.language_facts = {**self.facts_stored, **self.language_facts}

    def save_facts(self, path: Path | None) -> None:
        """Store the facts this build has for the next, when they are not those stored."""
        if path is None or self.facts_stored == self.language_facts:
            return
        kept = sorted([code, *facts] for code, facts in self.language_facts.items())
        write_atomically(path, json.dumps(kept, ensure_ascii=False).encode("utf-8"))
        self.facts_stored = dict(self.language_facts)

    def is_last(self, lang: str) -> bool:
        """Whether `lang`'s run is the build's last (a build of one edition: always)."""
        return not self.languages or self.languages[-1] == lang


# Address settings that get an edition's prefix.
ADDRESS_SETTINGS = (
    "ARTICLE_URL",
    "ARTICLE_SAVE_AS",
    "PAGE_URL",
    "PAGE_SAVE_AS",
    "CATEGORY_URL",
    "CATEGORY_SAVE_AS",
    "CATEGORIES_URL",
    "CATEGORIES_SAVE_AS",
    "TAG_URL",
    "TAG_SAVE_AS",
    "TAGS_URL",
    "TAGS_SAVE_AS",
    "AUTHOR_URL",
    "AUTHOR_SAVE_AS",
    "AUTHORS_URL",
    "AUTHORS_SAVE_AS",
    "ARCHIVES_URL",
    "ARCHIVES_SAVE_AS",
    "INDEX_SAVE_AS",
    "SEARCH_URL",
    "SEARCH_SAVE_AS",
    "DRAFT_URL",
    "DRAFT_SAVE_AS",
    "DRAFT_PAGE_URL",
    "DRAFT_PAGE_SAVE_AS",
    "FEED_ALL_ATOM",
    "CATEGORY_FEED_ATOM",
)


def has_content(settings: Mapping, lang: str) -> bool:
    """Whether edition `lang` has files of its own: one without is not built."""
    prefix = prefix_of(settings, lang)
    root = Path(settings["PATH"])
    folders = [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]
    return not prefix or any((root / prefix / folder).is_dir() for folder in folders)


def languages(settings: Mapping) -> list[str]:
    """The editions' languages, the first (at the site's root) first."""
    return list(settings.get("CLINIC_EDITIONS") or {settings.get("DEFAULT_LANG", "en"): {}})


def prefix_of(settings: Mapping, lang: str) -> str:
    """Where an edition lives below the site root: "" for the first, "es/" for Spanish."""
    return "" if lang == languages(settings)[0] else f"{lang}/"


def edition_settings(settings: Mapping, lang: str) -> dict:
    """The settings that make `settings` (the first edition's) into edition `lang`'s."""
    own = dict((settings.get("CLINIC_EDITIONS") or {}).get(lang) or {})
    prefix = prefix_of(settings, lang)
    changed: dict = {"DEFAULT_LANG": lang, "CLINIC_EDITION": lang, "CLINIC_HOME_URL": prefix}
    if not prefix:
        return {**changed, **own}
    for name in ADDRESS_SETTINGS:
        value = settings.get(name)
        if isinstance(value, str) and value:
            changed[name] = prefix + value
    changed["ARTICLE_PATHS"] = [prefix + path for path in settings["ARTICLE_PATHS"]]
    changed["PAGE_PATHS"] = [prefix + path for path in settings["PAGE_PATHS"]]
    # The first edition's run has emptied the output folder; the others add to it.
    changed["DELETE_OUTPUT_DIRECTORY"] = False
    if settings.get("CACHE_PATH"):  # each edition's reads are cached apart
        changed["CACHE_PATH"] = f"{str(settings['CACHE_PATH']).rstrip('/')}/{lang}"
    clinic = own.pop("CLINIC", None)
    if clinic:
        changed["CLINIC"] = {**settings["CLINIC"], **clinic}
    providers = own.pop("CLINIC_PROVIDERS", None)
    if providers:  # each provider's words in this language, beside the first edition's facts
        base = settings.get("CLINIC_PROVIDERS") or {}
        changed["CLINIC_PROVIDERS"] = {
            key: {**entry, **providers.get(key, {})} for key, entry in base.items()
        }
    return {**changed, **own}


def language_tag(settings: Mapping, lang: str) -> str:
    """Edition `lang`'s BCP 47 tag (its CLINIC_LANGUAGE, "es-US"), from the first edition's
    `settings`; the language code alone when the edition names none."""
    own = {**settings, **edition_settings(settings, lang)}
    return str(own.get("CLINIC_LANGUAGE") or lang)


def other_editions(settings: Mapping, built: tuple[str, ...]) -> list[dict]:
    """The language switcher's choices: every other edition built, named in its language."""
    current = settings.get("DEFAULT_LANG")
    return [
        {"lang": lang, "name": own_name(Locale.parse(lang)), "home": prefix_of(settings, lang)}
        for lang in built
        if lang != current
    ]
