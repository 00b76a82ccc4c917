"""The build's decisions, read from Pelican's settings once per build and handed down.

Pelican's settings reach every handler; what they decide for this plugin is read
here, once, into typed values: whether the build keeps a cache, and where
(BuildCache: tools/build.py decides it); whether text is typeset; which Markdown
settings render it (their key also names its cached results); whether this is a
whole build or the live preview's few pages; and which edition comes first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..rendering.markup import markdown_settings_key
from .cache import BuildCache


@dataclass(frozen=True)
class BuildOptions:
    """One build's decisions (see the module)."""

    cache: BuildCache = field(default_factory=BuildCache)
    typeset: bool = True
    markdown_key: str = ""
    selected: tuple[str, ...] = ()  # the live preview's pages; empty for a whole build
    first_edition: str = "en"

    @property
    def whole(self) -> bool:
        """A whole build, as opposed to the live preview's rebuild of a few pages."""
        return not self.selected

    @classmethod
    def of(cls, settings: Mapping) -> BuildOptions:
        """The decisions Pelican's `settings` (with the build runner's overrides) hold."""
        editions = settings.get("CLINIC_EDITIONS_BUILD")
        languages = getattr(editions, "languages", ()) or (settings["DEFAULT_LANG"],)
        return cls(
            cache=BuildCache.of(settings),
            typeset=bool(settings.get("CLINIC_TYPOGRIFY", True)),
            markdown_key=markdown_settings_key(settings.get("MARKDOWN", {})),
            selected=tuple(settings.get("WRITE_SELECTED") or ()),
            first_edition=languages[0],
        )


def options_of(settings: Mapping) -> BuildOptions:
    """The options the build in progress decided (kept with its context), or, outside a
    build (a test, `make lint`), those the settings give."""
    build = settings.get("CLINIC_BUILD")
    return build.options if build is not None else BuildOptions.of(settings)
