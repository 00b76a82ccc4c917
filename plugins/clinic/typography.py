"""Typography for display, plain text for metadata.

Pelican's own TYPOGRIFY setting rewrites titles and summaries in place, so
`<span class="caps">` and `&nbsp;` end up in `<title>`, meta tags and JSON-LD.
The site keeps metadata as the writer typed it and derives display HTML here.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

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


@lru_cache(maxsize=4096)
def display_title(text: str, typeset_on: bool = True) -> Markup:
    """The writer's plain-text title, escaped, then typeset for headings."""
    escaped = str(escape(text))
    return Markup(typogrify(escaped) if typeset_on else escaped)


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment: tags dropped, entities decoded, spaces collapsed.

    Used where only text is allowed: `<title>`, meta tags, JSON-LD.
    """
    text = html.unescape(_TAG.sub("", fragment)).replace("\xa0", " ")
    return _SPACE.sub(" ", text).strip()


def count_words(fragment: str) -> int:
    """How many words `plain_text(fragment)` holds, without building that text."""
    return len(html.unescape(_TAG.sub("", fragment)).split())
