"""The build's decisions, read from Pelican's settings once per build and handed down.

Pelican's settings reach every handler; what they decide for this plugin is read
here, once, into typed values: whether the build keeps a cache, and where
(BuildCache: tools/build.py decides it); whether text is typeset; which Markdown
settings render it (their key also names its cached results); whether this is a
whole build or the live preview's few pages; which edition comes first; which of
the build's speed-ups and production steps are on. What
the plugin reads of Pelican's own settings again and again (its folders, language,
addresses) is read once too, into PelicanSite.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..rendering.markup import markdown_settings_key
from .cache import BuildCache

# The address settings the plugin reads (the lists' and the listed pages').
ADDRESS_PATTERNS = ("ARCHIVES_URL", "CATEGORIES_URL", "TAGS_URL", "AUTHORS_URL")
ADDRESS_PATTERNS += ("CATEGORY_URL", "AUTHOR_URL", "TAG_URL")


@dataclass(frozen=True)
class PelicanSite:
    """Pelican's settings that the plugin reads in many places, read once per build."""

    path: Path = Path("content")  # the content folder (PATH)
    theme: Path = Path("theme")
    lang: str = "en"  # the edition's language (DEFAULT_LANG)
    siteurl: str = ""  # as links are written: empty for a local build
    theme_static: str = "theme"  # THEME_STATIC_DIR, below the output
    home_url: str = ""  # the edition's home below the site root: "" or "es/"
    relative_urls: bool = False
    static_paths: tuple[str, ...] = ()
    moved: Mapping = field(default_factory=dict, hash=False)  # EXTRA_PATH_METADATA
    # The address patterns (ADDRESS_PATTERNS: ARCHIVES_URL, TAG_URL...), each edition's own.
    urls: Mapping[str, str] = field(default_factory=dict, hash=False)

    @classmethod
    def of(cls, settings: Mapping) -> PelicanSite:
        return cls(
            path=Path(settings["PATH"]),
            theme=Path(settings["THEME"]),
            lang=settings["DEFAULT_LANG"],
            siteurl=settings.get("SITEURL", ""),
            theme_static=settings.get("THEME_STATIC_DIR", "theme"),
            home_url=settings.get("CLINIC_HOME_URL", ""),
            relative_urls=settings.get("RELATIVE_URLS", False),
            static_paths=tuple(settings.get("STATIC_PATHS", ())),
            moved=settings.get("EXTRA_PATH_METADATA", {}),
            urls={name: settings[name] for name in ADDRESS_PATTERNS if name in settings},
        )


@dataclass(frozen=True)
class BuildOptions:
    """One build's decisions (see the module)."""

    cache: BuildCache = field(default_factory=BuildCache)
    pelican: PelicanSite = field(default_factory=PelicanSite)
    typeset: bool = True
    markdown_key: str = ""
    selected: tuple[str, ...] = ()  # the live preview's pages; empty for a whole build
    first_edition: str = "en"
    read_ahead: bool = True  # CLINIC_READ_AHEAD: the files read on every core first
    split_writing: bool = True  # CLINIC_SPLIT_WRITING: the pages written by two processes
    share_cards: bool = False  # CLINIC_SHARE_CARDS: each page's card drawn (production)
    search_index: bool = False  # CLINIC_SEARCH_INDEX: Pagefind indexes the site
    related_max: int = 3  # CLINIC_RELATED_MAX: related articles under each article
    keep_pages: bool = True  # CLINIC_KEEP_PAGES: unchanged pages kept (build/incremental.py)

    @property
    def whole(self) -> bool:
        """A whole build, as opposed to the live preview's rebuild of a few pages."""
        return not self.selected

    @property
    def split(self) -> bool:
        """Whether the pages may be shared out between two processes: a whole build's."""
        return self.whole and self.split_writing

    @classmethod
    def of(cls, settings: Mapping) -> BuildOptions:
        """The decisions Pelican's `settings` (with the build runner's overrides) hold."""
        editions = settings.get("CLINIC_EDITIONS_BUILD")
        languages = getattr(editions, "languages", ()) or (settings["DEFAULT_LANG"],)
        return cls(
            cache=BuildCache.of(settings),
            pelican=PelicanSite.of(settings),
            typeset=bool(settings.get("CLINIC_TYPOGRIFY", True)),
            markdown_key=markdown_settings_key(settings.get("MARKDOWN", {})),
            selected=tuple(settings.get("WRITE_SELECTED") or ()),
            first_edition=languages[0],
            read_ahead=bool(settings.get("CLINIC_READ_AHEAD", True)),
            split_writing=bool(settings.get("CLINIC_SPLIT_WRITING", True)),
            share_cards=bool(settings.get("CLINIC_SHARE_CARDS")),
            search_index=bool(settings.get("CLINIC_SEARCH_INDEX")),
            related_max=settings.get("CLINIC_RELATED_MAX", 3),
            keep_pages=bool(settings.get("CLINIC_KEEP_PAGES", True)),
        )


# The one key the plugin adds to Pelican's settings: the build's context (ClinicBuild,
# pages/content.py), which every handler, the reader, the writer and the templates reach.
CONTEXT = "CLINIC_BUILD"


def context_of(settings: Mapping | None):
    """The build in progress's context, found in its settings (or a template's context,
    a copy of them); None outside a build (a test, `make lint`)."""
    return settings.get(CONTEXT) if settings else None


def options_of(settings: Mapping) -> BuildOptions:
    """The options the build in progress decided (kept with its context), or, outside a
    build (a test, `make lint`), those the settings give."""
    build = context_of(settings)
    return build.options if build is not None else BuildOptions.of(settings)
