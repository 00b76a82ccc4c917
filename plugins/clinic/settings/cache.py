"""The build's cache folder: where a build keeps what a later one may reuse, or nowhere.

Whether a build has a cache, and which folder, is decided once, by the build
runner (tools/build.py `content_cache`: a folder named after the code, settings
and pictures the results depend on, and none at all when a commit brought a
`cache/` of its own). It reaches the plugin as Pelican's cache settings; the
plugin reads them here, once per build, and hands each part its own subfolder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuildCache:
    """This build's cache folder, or None: no part of the build keeps anything."""

    root: Path | None = None

    @classmethod
    def of(cls, settings: Mapping) -> BuildCache:
        """The folder Pelican's content cache uses, when it is on."""
        if settings.get("CACHE_CONTENT") and settings.get("CACHE_PATH"):
            return cls(Path(settings["CACHE_PATH"]))
        return cls(None)

    def folder(self, name: str) -> Path | None:
        """A part's own folder in the cache (share cards, picture sizes...), or None."""
        return self.root / name if self.root is not None else None
