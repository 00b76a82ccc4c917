"""Typography for display, plain text for metadata.

Pelican's own TYPOGRIFY setting rewrites titles and summaries in place, so
`<span class="caps">` and `&nbsp;` end up in `<title>`, meta tags and JSON-LD.
The site keeps metadata as the writer typed it and derives display HTML here.
"""

from __future__ import annotations

import html
import re

import smartypants
from markupsafe import Markup, escape
from typogrify.filters import typogrify

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


class DisplayTitles:
    """Titles as display_title sets them, by title and setting: the read-ahead processes
    set every file's title while reading (readahead.py) and pass them on with the body,
    into the build's (its context owns them)."""

    KEPT = 8192

    def __init__(self) -> None:
        self._shown: dict[tuple[str, bool], Markup] = {}

    def get(self, text: str, typeset_on: bool) -> Markup | None:
        return self._shown.get((text, typeset_on))

    def remember(self, text: str, typeset_on: bool, shown: str) -> None:
        """Keep `shown`, display_title's result for `text`, for the next call."""
        if len(self._shown) >= self.KEPT:
            self._shown.clear()
        self._shown[text, typeset_on] = Markup(shown)


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment: tags dropped, entities decoded, spaces collapsed.

    Used where only text is allowed: `<title>`, meta tags, JSON-LD.
    """
    text = html.unescape(_TAG.sub("", fragment)).replace("\xa0", " ")
    return _SPACE.sub(" ", text).strip()


def count_words(fragment: str) -> int:
    """How many words `plain_text(fragment)` holds, without building that text."""
    return len(html.unescape(_TAG.sub("", fragment)).split())
