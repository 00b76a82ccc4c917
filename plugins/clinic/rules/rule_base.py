"""What every content rule shares: the settings it needs (RulesConfig), and how a
file's rules report what they find (FileRules)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..core.problems import Problem
from ..core.sources import Source
from ..rendering import markup


@dataclass(frozen=True)
class RulesConfig:
    """What the rules need from the settings: the names a file may use, and the limits."""

    content_root: Path
    ctas: frozenset[str]
    providers: frozenset[str]
    categories: frozenset[str]
    medical_categories: frozenset[str]
    allowed_origins: frozenset[str] = frozenset()
    known_urls: frozenset[str] = frozenset()
    summary_limit: int = 160
    review_max_age_days: int = 365
    today: date = field(default_factory=date.today)
    # Every file below content_root, relative to it: links are checked against this
    # list rather than the disk, so that a check depends on its arguments alone.
    known_files: frozenset[str] = frozenset()
    slugify: Callable[[str], str] = field(default=str.lower, compare=False)
    # The site's MARKDOWN setting (markup.markdown_settings_key): bodies are checked
    # as Pelican renders them.
    markdown: str = markup.DEFAULT_MARKDOWN_KEY
    templates: frozenset[str] = frozenset()  # the theme's page templates; empty: any
    # The rendered bodies' elements, known (read ahead, or from the last build) or made
    # here: the build's own, not part of what a check depends on.
    scans: markup.Scans = field(default_factory=markup.Scans, compare=False, repr=False)


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """The closest known name to a misspelt one, as a hint for the message, or nothing."""
    match = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


class FileRules:
    """Collects the problems of one file; each rule is one method."""

    def __init__(self, source: Source, config: RulesConfig) -> None:
        self.source, self.config = source, config
        self.problems: list[Problem] = []
        self.draft = source.get("status").lower() == "draft"

    def report(self, line, message, fix, warning=False) -> None:
        self.problems.append(Problem(self.source.shown, message, fix, line=line, warning=warning))
