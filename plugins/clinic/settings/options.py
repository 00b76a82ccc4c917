"""The build's decisions, read from Pelican's settings once per build and handed down.

Pelican's settings reach every handler; what they decide for this plugin is read
here, once, into typed values: whether the build keeps a cache, and where
(BuildCache: tools/build.py decides it); whether text is typeset; which Markdown
settings render it (their key also names its cached results); whether this is a
whole build or the live preview's few pages; which edition comes first; which of
the build's speed-ups and production steps are on. What
the plugin reads of Pelican's own settings again and again (its folders, language,
addresses) is read once too, into PelicanSite. So is the build's "now" (expiry): one
moment for the rules, the alternates and the pages left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.settings import DEFAULT_CONFIG

from ..core.values import moment_of
from ..rendering.markup import markdown_settings_key
from .cache import BuildCache

# The address settings the plugin reads (the lists', the listed pages', search's, and
# where an article or page is published: core/addresses.py).
ADDRESS_PATTERNS = ("ARCHIVES_URL", "CATEGORIES_URL", "TAGS_URL", "AUTHORS_URL", "SEARCH_URL")
ADDRESS_PATTERNS += ("CATEGORY_URL", "AUTHOR_URL", "TAG_URL")
ADDRESS_PATTERNS += ("ARTICLE_URL", "ARTICLE_SAVE_AS", "PAGE_URL", "PAGE_SAVE_AS")
ADDRESS_PATTERNS += ("DRAFT_SAVE_AS", "DRAFT_PAGE_SAVE_AS")
ADDRESS_PATTERNS += ("CONTACT_URL", "LANGUAGE_ASSISTANCE_URL")  # the theme's, each edition's


@dataclass(frozen=True)
class PelicanSite:
    """Pelican's settings that the plugin reads in many places, read once per build."""

    path: Path = Path("content")  # the content folder (PATH)
    theme: Path = Path("theme")
    output: Path = Path(DEFAULT_CONFIG["OUTPUT_PATH"])
    # The edition's folders of articles and of pages, below PATH (ARTICLE_PATHS, PAGE_PATHS).
    article_paths: tuple[str, ...] = tuple(DEFAULT_CONFIG["ARTICLE_PATHS"])
    page_paths: tuple[str, ...] = tuple(DEFAULT_CONFIG["PAGE_PATHS"])
    # The files Pelican does not read (IGNORE_FILES: by default, hidden ones).
    ignore_files: tuple[str, ...] = tuple(DEFAULT_CONFIG["IGNORE_FILES"])
    timezone: str = "UTC"  # TIMEZONE: the site's, for its "now"
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
            output=Path(settings.get("OUTPUT_PATH", cls.output)),
            article_paths=tuple(settings.get("ARTICLE_PATHS", cls.article_paths)),
            page_paths=tuple(settings.get("PAGE_PATHS", cls.page_paths)),
            ignore_files=tuple(settings.get("IGNORE_FILES", cls.ignore_files)),
            timezone=settings.get("TIMEZONE") or "UTC",
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
    # CLINIC_NOINDEX: every page and robots.txt ask search engines to stay away (previews).
    noindex: bool = False
    # Neither takes part in comparing two builds' options, so neither is in the key of
    # the pages kept (incremental.build_key): "now" differs at every build, and the
    # last build's output (CLINIC_PREVIOUS_OUTPUT, the runner's) is where they are kept.
    now: datetime = field(default_factory=datetime.now, compare=False)
    previous_output: Path | None = field(default=None, compare=False)

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
        previous = settings.get("CLINIC_PREVIOUS_OUTPUT")  # the build runner's output/
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
            noindex=bool(settings.get("CLINIC_NOINDEX")),
            now=build_now(settings),
            previous_output=Path(previous) if previous else None,
        )


def build_now(settings: Mapping) -> datetime:
    """The build's "now", in the site's time zone: `CLINIC_TODAY` when set, else the clock."""
    pinned = moment_of(settings.get("CLINIC_TODAY"))
    if pinned is not None:
        return pinned
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    return datetime.now(zone).replace(tzinfo=None)


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
