"""typogrify, unchanged in what it writes, at a fraction of its cost on long articles.

typogrify (2.1.0) and smartypants (2.0.2), as requirements.txt pins them, run
regular expressions over every character of a page, most of which cannot
change it: a dozen quote patterns over a paragraph for one apostrophe, the
widow pattern tried at every space of a page although it only matches before a
paragraph's end. `install()` makes each of them run only where it could match.
The output stays typogrify's own, byte for byte: tests/site/test_typography_site.py runs
typogrify untouched, in a process that never imported this, on the site's
pages, the benchmark's articles and thousands of generated fragments, and
compares. Its compiled patterns are constants of the process.
"""

from __future__ import annotations

import re
from functools import lru_cache, wraps
from types import SimpleNamespace

import smartypants
from typogrify import filters

# Steps with what a text must hold for each to change anything: every
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


def install() -> None:
    """Make typogrify and smartypants quicker, in this process (idempotent)."""
    if getattr(smartypants, "_clinic_quicker", False):
        return
    compiled = lru_cache(maxsize=None)(re.compile)
    # smartypants looks each of its patterns up in Python's pattern cache some
    # twenty times a token, which costs more than the matching: compiled once here.
    smartypants.re = SimpleNamespace(
        sub=lambda pattern, repl, text, count=0, flags=0: compiled(pattern, flags).sub(
            repl, text, count
        ),
        match=lambda pattern, text, flags=0: compiled(pattern, flags).match(text),
        compile=compiled,
        **{name: getattr(re, name) for name in ("I", "IGNORECASE", "S", "VERBOSE")},
    )
    smartypants.convert_quotes = _near_quotes(smartypants.convert_quotes)
    for (module, name), marks in _NEEDS.items():
        setattr(module, name, _only_when(getattr(module, name), marks))
    filters.re = _NarrowedPatterns()
    smartypants._clinic_quicker = True


def _only_when(function, marks):
    """`function`, skipped for a text that holds none of `marks` (it would return it as is)."""

    holds_a_mark = re.compile("|".join(re.escape(mark) for mark in marks)).search

    @wraps(function)
    def skipping(text):
        return function(text) if holds_a_mark(text) else text

    return skipping


# Every pattern of smartypants' convert_quotes matches a quote with at most nine
# characters before it (`&&#x2013;'`: a `#` in its verbose pattern starts a
# comment, which joins two of its alternatives) and three after it (`'80s`):
# text further than this from any quote is never matched, nor seen as context.
QUOTE_REACH = 12
_QUOTE_MARK = re.compile("['\"]")
# Three kinds of quote, most of a page's, come out of convert_quotes the same
# whatever else the text holds, so they are set first, at once:
# - an apostrophe between two letters (don't, it's, O'Brien) with no other quote
#   just beyond them: no opening pattern matches after a letter, and one of the
#   two closing ones does (the second takes an `s` after the quote with it, so a
#   quote beside that `s`, or before the letter, is left to convert_quotes);
# - a double quote after a space and before a word character: the opening pattern;
# - a double quote after a letter and before anything but another quote: the
#   closing ones (a quote right after it could be seen as its opening pair).
# None of them sits beside another quote, and what replaces it (`&#8217;`...)
# begins and ends with characters that every pattern around a neighbouring quote
# treats as it treated the quote: not a space, a word character, a digit or a
# dash; punctuation within the closing class. The fewer quotes that remain, the
# shorter the stretches convert_quotes itself runs on.
# (Each pattern starts with its quote, which the regular expression engine
# looks for quickly, and looks behind it from there.)
_SETTLED_QUOTES = (
    (re.compile(r"'(?<=[^\W\d_]')(?<!['\"]..)(?=[^\W\d_])(?!.['\"])"), "&#8217;"),
    (re.compile(r'"(?<=\s")(?=\w)'), "&#8220;"),
    (re.compile(r'"(?<=[^\W\d_]")(?![\'"])'), "&#8221;"),
)
_JOIN = "\x00"  # joins the stretches around quotes; no text it is used on holds it


def _near_quotes(convert_quotes):
    """`convert_quotes`, run once on the stretches of a text within QUOTE_REACH of a quote.

    The stretches are converted together, joined by a character the text does not
    hold, then put back in place. The text between them (no quote within
    QUOTE_REACH on either side) comes out as it went in either way, and a
    stretch that does not start the text does not start with a quote, so `^`
    matches only where it did.
    """

    @wraps(convert_quotes)
    def converting_near_quotes(text):
        for pattern, entity in _SETTLED_QUOTES:
            text = pattern.sub(entity, text)
        stretches: list[list[int]] = []
        for mark in _QUOTE_MARK.finditer(text):
            start, end = mark.start() - QUOTE_REACH, mark.end() + QUOTE_REACH
            if stretches and start <= stretches[-1][1]:
                stretches[-1][1] = end
            else:
                stretches.append([max(0, start), end])
        if not stretches:
            return text
        if _JOIN in text or sum(end - start for start, end in stretches) * 2 > len(text):
            return convert_quotes(text)
        converted = convert_quotes(_JOIN.join(text[start:end] for start, end in stretches))
        pieces, done = [], 0
        for (start, end), stretch in zip(stretches, converted.split(_JOIN), strict=True):
            pieces += [text[done:start], stretch]
            done = end
        pieces.append(text[done:])
        return "".join(pieces)

    return converting_near_quotes


# caps() wraps runs of capitals: two capitals with only digits, or a dot and at
# most one space, between them. A text with no such pair has nothing to wrap.
_TWO_CAPITALS = re.compile(r"[A-Z](?:\d*|\.\s?)[A-Z]")
# Everything caps()' pattern matches is made of these characters (capitals,
# digits, apostrophes, dots and spaces), and it looks at one character beyond a
# match at most (`\b`, `$`). So a match lies within one run of them that holds
# two capitals close together, and the pattern finds the same there, given the
# character on each side.
_IN_CAPS_RUN = re.compile(r"[A-Z'.\d\s]").match
_CAPS_RUN_REST = re.compile(r"[A-Z'.\d\s]*").match


class _NarrowedPattern:
    """One of typogrify's patterns, run only on the parts of a text where it can match
    (`narrowed`); with a `count`, as it is."""

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern

    def sub(self, repl, text, count=0):
        if count:
            return self.pattern.sub(repl, text, count)
        return self.narrowed(repl, text)

    def narrowed(self, repl, text):
        raise NotImplementedError


class _CapsPattern(_NarrowedPattern):
    """caps()' pattern, run only on the runs of a text that hold two capitals close together."""

    def narrowed(self, repl, text):
        pieces, done = [], 0
        hit = _TWO_CAPITALS.search(text)
        while hit:
            start = hit.start()
            while start > done and _IN_CAPS_RUN(text, start - 1):
                start -= 1
            end = _CAPS_RUN_REST(text, hit.end()).end()
            before, after = min(start, 1), min(len(text) - end, 1)
            wrapped = self.pattern.sub(repl, text[start - before : end + after])
            pieces += [text[done:start], wrapped[before : len(wrapped) - after]]
            done = end
            hit = _TWO_CAPITALS.search(text, end)
        if not pieces:
            return text
        pieces.append(text[done:])
        return "".join(pieces)


# widont()'s pattern ends at one of these (or at the end of the text), and nothing
# it matches before that can hold one: a match never spans two of them.
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|dt|dd)>")
_INLINE_CLOSERS = tuple(f"</{tag}>" for tag in ("a", "em", "span", "strong", "i", "b"))


def widow_search_start(block: str, block_end: int) -> int:
    """Where widont()'s pattern can first match in `block`, which ends with a block's closing
    tag starting at `block_end`: at or before the last word's preceding character or tag.

    The match is that character or inline tag, spaces, the last word, then only
    spaces and closing inline tags up to the block's end. Walking back over those
    finds the spaces before the last word. The match starts at the character just
    before them, or, when that is a tag's `>`, at the tag, which holds no `>` but
    its last, so it starts after the `>` before that one.
    """
    end = block_end
    while True:  # spaces and closing inline tags, back from the block's end
        while end and block[end - 1].isspace():
            end -= 1
        closer = next((tag for tag in _INLINE_CLOSERS if block.endswith(tag, 0, end)), None)
        if closer is None:
            break
        end -= len(closer)
    while end and not block[end - 1].isspace() and block[end - 1] not in "<>":
        end -= 1  # the last word
    while end and block[end - 1].isspace():
        end -= 1  # the spaces before it
    if end and block[end - 1] not in "<>":
        return end - 1
    return block.rfind(">", 0, max(end - 1, 0)) + 1


class _WidowPattern(_NarrowedPattern):
    """widont()'s pattern, run on each block's last words only."""

    def narrowed(self, repl, text):
        pieces, done = [], 0
        for closing in _BLOCK_END.finditer(text):
            block = text[done : closing.end()]
            start = widow_search_start(block, closing.start() - done)
            pieces += [block[:start], self.pattern.sub(repl, block[start:])]
            done = closing.end()
        pieces.append(self.pattern.sub(repl, text[done:]))
        return "".join(pieces)


class _NarrowedPatterns:
    """typogrify's `re` module, whose caps and widow patterns look only where they could match."""

    def __getattr__(self, name):
        return getattr(re, name)

    @staticmethod
    def compile(pattern, flags=0):
        compiled = re.compile(pattern, flags)
        if isinstance(pattern, str) and "Group 2: Any amount of caps" in pattern:
            return _CapsPattern(compiled)
        if isinstance(pattern, str) and "# the space to replace" in pattern:
            return _WidowPattern(compiled)
        return compiled
