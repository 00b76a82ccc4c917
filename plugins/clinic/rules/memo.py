"""What the rules and the reader remember of the content while they run, in one owner.

A build makes its own (start_build; its context holds it; its editions share their
compiled theme) and lets it go once checked; the live preview (tools/devserver.py)
keeps one across its builds, handed in as CLINIC_MEMO, so a save re-reads,
re-checks and re-renders only the file that changed and finds the theme compiled;
`make lint` makes one for its one pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..build.readahead import ReadAhead
from ..rendering.markup import Scans
from ..rendering.templates import CompiledTemplates
from ..rendering.typography import DisplayTitles
from .check import CheckedFiles


@dataclass(eq=False)
class ContentMemo:
    """The files read and checked, the rendered bodies' scans, the bodies prepared ahead,
    the display titles and the compiled theme."""

    checked: CheckedFiles = field(default_factory=CheckedFiles)
    scans: Scans = field(default_factory=Scans)
    reading: ReadAhead = field(default_factory=ReadAhead)
    titles: DisplayTitles = field(default_factory=DisplayTitles)
    templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    # Kept between builds (the live preview's): the files read and their scans stay
    # once the rules are done, for the next build to check only what changed.
    kept: bool = False

    def __reduce__(self):
        """Never saved (Pelican's content cache pickles the settings that hold it, and code
        objects cannot be): an empty memo stands in for it when loaded."""
        return (ContentMemo, ())

    def __deepcopy__(self, memo: dict) -> ContentMemo:
        return self  # one owner: a copy of the settings shares it

    def done_checking(self, paths: Iterable[Path]) -> None:
        """A one-off build needs the files its rules read (`paths`) and their scans no
        more: its memory goes to writing the site. A memo kept between builds keeps them."""
        if not self.kept:
            self.checked.forget(paths)
            self.scans.clear()


def memo_of(settings, templates: CompiledTemplates | None = None) -> ContentMemo:
    """The memo the build is handed (the live preview's, CLINIC_MEMO), else a new one that
    compiles into `templates` (the editions' shared theme), when given."""
    handed = settings.get("CLINIC_MEMO")
    if handed is not None:
        return handed
    return ContentMemo(templates=templates if templates is not None else CompiledTemplates())
