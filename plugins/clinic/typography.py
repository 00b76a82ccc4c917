"""Typography for display, plain text for metadata.

Pelican's own TYPOGRIFY setting rewrites titles and summaries in place, so
`<span class="caps">` and `&nbsp;` end up in `<title>`, meta tags and JSON-LD.
The site keeps metadata as the writer typed it and derives display HTML here.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache, wraps
from types import SimpleNamespace

import smartypants
from markupsafe import Markup, escape
from typogrify import filters
from typogrify.filters import typogrify

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")

# As Pelican configures smartypants: default dashes, and &quot; entities
# (written by Markdown) turned into curly quotes too.
smartypants.Attr.default = smartypants.Attr.set1 | smartypants.Attr.w

# Steps of typogrify (2.1.0) and smartypants (2.0.2), as requirements.txt pins
# them, with what a text must hold for each to change anything: every
# substitution a step makes starts from one of these marks.
_NEEDS = {
    # smartypants, on each text token between two tags
    (smartypants, "process_escapes"): ("\\",),
    (smartypants, "convert_dashes"): ("--",),
    (smartypants, "convert_ellipses"): ("...", ". . ."),
    (smartypants, "convert_backticks"): ("``", "''"),
    (smartypants, "convert_quotes"): ("'", '"'),
    # typogrify, on a whole body
    (filters, "amp"): ("&",),
    (filters, "initial_quotes"): ("'", '"', "&lsquo;", "&ldquo;", "&#8216;", "&#8220;"),
}


def _only_when(function, marks):
    """`function`, skipped for a text that holds none of `marks` (it would return it as is)."""

    holds_a_mark = re.compile("|".join(re.escape(mark) for mark in marks)).search

    @wraps(function)
    def skipping(text):
        return function(text) if holds_a_mark(text) else text

    return skipping


def _quicker_typogrify() -> None:
    """The same typogrify, at about two thirds of its cost on a long article.

    smartypants runs some twenty regular expressions over every text token, most
    of them to curl quotes, even over a token with no quote in it, and more than
    half the tokens of a page are the newline between two blocks; typogrify looks
    for ampersands in every body. Here each step runs only on a text it could
    change, and smartypants' patterns are compiled once (Python's pattern cache,
    looked up twenty times a token, cost more than the matching). The output is
    typogrify's own, byte for byte: tests/test_typography.py runs typogrify
    untouched in another process on the same HTML and compares.
    """
    compiled = lru_cache(maxsize=None)(re.compile)
    smartypants.re = SimpleNamespace(
        sub=lambda pattern, repl, text, count=0, flags=0: compiled(pattern, flags).sub(
            repl, text, count
        ),
        match=lambda pattern, text, flags=0: compiled(pattern, flags).match(text),
        compile=compiled,
        **{name: getattr(re, name) for name in ("I", "IGNORECASE", "S", "VERBOSE")},
    )
    for (module, name), marks in _NEEDS.items():
        setattr(module, name, _only_when(getattr(module, name), marks))


_quicker_typogrify()


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
