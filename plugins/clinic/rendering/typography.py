"""Typography for display, plain text for metadata.

Pelican's own TYPOGRIFY setting rewrites titles and summaries in place, so
`<span class="caps">` and `&nbsp;` end up in `<title>`, meta tags and JSON-LD.
The site keeps metadata as the writer typed it and derives display HTML here.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import smartypants
from markupsafe import Markup, escape
from typogrify.filters import typogrify

from ..core.atomic import read_stored, replace_if_changed
from . import quicker_typogrify

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")

# As Pelican configures smartypants: default dashes, and &quot; entities
# (written by Markdown) turned into curly quotes too.
smartypants.Attr.default = smartypants.Attr.set1 | smartypants.Attr.w

quicker_typogrify.install()


def typeset(body_html: str) -> str:
    """Curly quotes, dashes, caps spans and widow control for rendered HTML."""
    return typogrify(body_html)


def display_title(
    text: str, typeset_on: bool = True, titles: DisplayTitles | None = None
) -> Markup:
    """The writer's plain-text title, escaped, then typeset for headings (from `titles`, the
    build's, when it holds it already)."""
    shown = titles.get(text, typeset_on) if titles is not None else None
    if shown is None:
        escaped = str(escape(text))
        shown = Markup(typogrify(escaped) if typeset_on else escaped)
        if titles is not None:
            titles.remember(text, typeset_on, shown)
    return shown


TITLES_STORE = "clinic-titles.json"  # in the build's cache folder (DisplayTitles.load, save)


class DisplayTitles:
    """Titles as display_title sets them, by title and setting: the read-ahead processes
    set every file's title while reading (readahead.py) and pass them on with the body,
    into the build's (its context owns them). A build with a cache keeps them for the
    next (`load`, `save`): setting a thousand titles again took 0.06 s of a rebuild
    after one edit. They depend on the title and the typography's code and packages,
    which name the cache folder."""

    def __init__(self) -> None:
        self._shown: dict[tuple[str, bool], Markup] = {}
        self._used: set[tuple[str, bool]] = set()

    def get(self, text: str, typeset_on: bool) -> Markup | None:
        shown = self._shown.get((text, typeset_on))
        if shown is not None:
            self._used.add((text, typeset_on))
        return shown

    def remember(self, text: str, typeset_on: bool, shown: str) -> None:
        """Keep `shown`, display_title's result for `text`, for the next call."""
        self._shown[text, typeset_on] = Markup(shown)
        self._used.add((text, typeset_on))

    def load(self, path: Path) -> None:
        """The titles an earlier build set (plain JSON, never code); a bad file is thrown
        away with a warning, and the titles are set again."""
        found = read_stored(path, lambda kept: [(str(t), bool(on), str(s)) for t, on, s in kept])
        for text, on, shown in found or ():
            self._shown.setdefault((text, on), Markup(shown))

    def save(self, path: Path) -> None:
        """Write the titles this build used, for the next one (the others are forgotten),
        when they are not those the file holds already. The titles kept in memory are
        those too (the live preview's memo, kept across its builds, then holds one
        build's titles, not every title a writer tried), and each build's, and each
        edition's, are counted anew."""
        stored = sorted([text, on, str(self._shown[text, on])] for text, on in self._used)
        self._shown = {key: self._shown[key] for key in self._used}
        self._used = set()
        replace_if_changed(path, json.dumps(stored, ensure_ascii=False).encode("utf-8"))


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment: tags dropped, entities decoded, spaces collapsed.

    Used where only text is allowed: `<title>`, meta tags, JSON-LD.
    """
    text = html.unescape(_TAG.sub("", fragment)).replace("\xa0", " ")
    return _SPACE.sub(" ", text).strip()


def count_words(fragment: str) -> int:
    """How many words `plain_text(fragment)` holds, without building that text."""
    return len(html.unescape(_TAG.sub("", fragment)).split())
