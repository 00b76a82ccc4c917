"""typogrify's `typogrify()` filter, the same output for less work.

`typogrify.filters.typogrify(html)` (typogrify 2.1.0, smartypants 2.0.2) runs five filters over
each section outside `<pre>`/`<code>`: amp, smartypants, caps, initial_quotes, widont. Each
tokenises or scans the whole section again; smartypants runs about twenty `re.sub` calls, each
through re's pattern cache, on every text token, even one with no quote, dash or dot; widont
and initial_quotes try their patterns at every character.

`typogrify_fast(text)` returns exactly what `typogrify(text)` returns. It takes the same steps
in the same order with the same patterns (copied from those two modules, compiled once), and
leaves out only work that provably cannot change the text:

- a substitution is skipped when a character or string that every match of its pattern must
  contain is absent from the text it would run on (no match, no change); a `re.sub` of a
  literal is a `str.replace`;
- amp runs typogrify's own `amp()` only when its ampersand pattern matches in the section;
- smartypants and caps share one tokenisation, and one loop, when re-tokenising smartypants'
  output gives the same tokens back (no `<!--` in the section, no "<" after its last tag);
  otherwise caps tokenises again, as typogrify does;
- widont and initial_quotes try their patterns only where a match can start (worked out in
  `_widont` and `_initial_quotes`), in order, as `re.sub` would meet them; widont falls back
  to its `re.sub` when a "<" meets another "<" or the end before its ">".

Called otherwise than the site calls it (ignore_tags or filter keywords), or with smartypants'
module settings other than the ones this module reproduces, it hands the text to typogrify.
tests/test_typography.py compares the two on the site, the bench corpus and generated HTML.
"""

# The patterns are typogrify's and smartypants', copied as they are written there, % and all.
# ruff: noqa: UP031

from __future__ import annotations

import re

import smartypants
from typogrify import filters

# smartypants' settings this module reproduces: set1 | w, as plugins/clinic/typography.py sets.
_ATTR = smartypants.Attr.set1 | smartypants.Attr.w
_SMARTYPANTS_SKIP = ["pre", "samp", "code", "tt", "kbd", "script", "style", "math"]

# typogrify.filters.process_ignores with ignore_tags=None: {"pre", "code"}. The set's order
# varies from run to run; the two names share no first letter, so either order of the
# alternation matches the same spans.
_IGNORE = re.compile(r"(?:<(pre|code)[^>]*>.*?</\1>)", re.IGNORECASE | re.DOTALL | re.VERBOSE)

# typogrify.filters.amp
_AMP_FINDER = re.compile(r"(\s|&nbsp;)(&|&amp;|&\#38;)(\s|&nbsp;)")

# smartypants._tokenize and smartypants._tags_to_skip_regex()
# _tokenize's `([^<]*)(<!--.*?--\s*>|<[^>]*>)`, the text left out.
_TAG_SPLIT = re.compile(r"(<!--.*?--\s*>|<[^>]*>)", re.S)
_SP_SKIP = re.compile("<(/)?(%s)[^>]*>" % "|".join(_SMARTYPANTS_SKIP), re.I)
_NON_SPACE = re.compile(r"\S")

# smartypants.convert_quotes, pattern for pattern, in its order.
_PUNCT_CLASS = r"""[!"#\$\%'()*+,-.\/:;<=>?\@\[\\\]\^_`{|}~]"""
_CLOSE_CLASS = r"[^\ \t\r\n\[\{\(\-]"
_DEC_DASHES = "&#8211;|&#8212;"
_Q_FIRST_SINGLE = re.compile(r"""^'(?=%s\\B)""" % (_PUNCT_CLASS,))
_Q_FIRST_DOUBLE = re.compile(r"""^"(?=%s\\B)""" % (_PUNCT_CLASS,))
_Q_DOUBLE_SINGLE = re.compile(r""""'(?=\w)""")
_Q_SINGLE_DOUBLE = re.compile(r"""'"(?=\w)""")
_Q_DECADE = re.compile(r"""\b'(?=\d{2}s)""")
_Q_OPEN_SINGLE = re.compile(
    r"""
            (
                \s          |   # a whitespace char, or
                &nbsp;      |   # a non-breaking space entity, or
                --          |   # dashes, or
                &[mn]dash;  |   # named dash entities
                %s          |   # or decimal entities
                &\#x201[34];    # or hex
            )
            '                 # the quote
            (?=\w)            # followed by a word character
            """
    % (_DEC_DASHES,),
    re.VERBOSE,
)
_Q_CLOSE_SINGLE_1 = re.compile(
    r"""
            (%s)
            '
            (?!\s | s\b | \d)
            """
    % (_CLOSE_CLASS,),
    re.VERBOSE,
)
_Q_CLOSE_SINGLE_2 = re.compile(
    r"""
            (%s)
            '
            (\s | s\b)
            """
    % (_CLOSE_CLASS,),
    re.VERBOSE,
)
_Q_OPEN_DOUBLE = re.compile(
    r"""
            (
                \s          |   # a whitespace char, or
                &nbsp;      |   # a non-breaking space entity, or
                --          |   # dashes, or
                &[mn]dash;  |   # named dash entities
                %s          |   # or decimal entities
                &\#x201[34];    # or hex
            )
            "                 # the quote
            (?=\w)            # followed by a word character
            """
    % (_DEC_DASHES,),
    re.VERBOSE,
)
_Q_CLOSE_DOUBLE_1 = re.compile(
    r"""
            #(%s)?   # character that indicates the quote should be closing
            "
            (?=\s)
            """
    % (_CLOSE_CLASS,),
    re.VERBOSE,
)
_Q_CLOSE_DOUBLE_2 = re.compile(
    r"""
            ^
            "
            (?=%s)
            """
    % (_PUNCT_CLASS,),
    re.VERBOSE,
)
_Q_CLOSE_DOUBLE_3 = re.compile(
    r"""
            (%s)   # character that indicates the quote should be closing
            "
            """
    % (_CLOSE_CLASS,),
    re.VERBOSE,
)

# typogrify.filters.caps
_CAP_FINDER = re.compile(
    r"""(
                            (\b[A-Z\d]*        # Group 2: Any amount of caps and digits
                            [A-Z]\d*[A-Z]      # A cap string much at least include two caps (but they can have digits between them)
                            [A-Z\d']*\b)       # Any amount of caps and digits or dumb apostsrophes
                            | (\b[A-Z]+\.\s?   # OR: Group 3: Some caps, followed by a '.' and an optional space
                            (?:[A-Z]+\.\s?)+)  # Followed by the same thing at least once more
                            (?:\s|\b|$))
                            """,  # noqa: E501
    re.VERBOSE,
)
# Every match of _CAP_FINDER holds two capitals with only digits between (group 2) or a
# capital followed by a dot (group 3); a text without either is left as it is.
_CAP_HINT = re.compile(r"[A-Z]\d*[A-Z]|[A-Z]\.")
_CAPS_SKIP = re.compile("<(/)?(?:kbd|script)[^>]*>", re.IGNORECASE)

# typogrify.filters.initial_quotes
_QUOTE_FINDER = re.compile(
    r"""((<(p|h[1-6]|li|dt|dd)[^>]*>|^)              # start with an opening p, h1-6, li, dd, dt or the start of the string
                                  \s*                                          # optional white space!
                                  (<(a|em|span|strong|i|b)[^>]*>\s*)*)         # optional opening inline tags, with more optional white space for each.
                                  (("|&ldquo;|&\#8220;)|('|&lsquo;|&\#8216;))  # Find me a quote! (only need to find the left quotes and the primes)
                                                                               # double quotes are in group 7, singles in group 8
                                  """,  # noqa: E501
    re.VERBOSE,
)
# Each match of _QUOTE_FINDER ends in one of these, and starts at the start of the text or at
# one of _QUOTE_START.
_QUOTES = ('"', "'", "&ldquo;", "&#8220;", "&lsquo;", "&#8216;")
_QUOTE_START = re.compile(r"<(?:p|h[1-6]|li|dt|dd)")

# typogrify.filters.widont
_WIDONT_FINDER = re.compile(
    r"""((?:</?(?:a|em|span|strong|i|b)[^>]*>)|[^<>\s]) # must be proceeded by an approved inline opening or closing tag or a nontag/nonspace
                                   \s+                                             # the space to replace
                                   ([^<>\s]+                                       # must be flollowed by non-tag non-space characters
                                   \s*                                             # optional white space!
                                   (</(a|em|span|strong|i|b)>\s*)*                 # optional closing inline tags with optional white space after each
                                   ((</(p|h[1-6]|li|dt|dd)>)|$))                   # end with a closing p, h1-6, li or the end of the string
                                   """,  # noqa: E501
    re.VERBOSE,
)

# widont's matches end at one of these closing tags, or at the end of the text.
_WIDONT_END = re.compile(r"</(?:p|h[1-6]|li|dt|dd)>")
_INLINE_CLOSERS = ("</a>", "</em>", "</span>", "</strong>", "</i>", "</b>")
# A "<" with another "<" or the end of the text before its ">".
_UNCLOSED_TAG = re.compile(r"<[^<>]*(?:<|$)")


def _settings_as_expected() -> bool:
    """smartypants' module-wide settings are still the ones this module reproduces."""
    return smartypants.Attr.default == _ATTR and smartypants.tags_to_skip == _SMARTYPANTS_SKIP


def typogrify_fast(text: str, ignore_tags=None, **kwargs) -> str:
    """`typogrify.filters.typogrify(text)`, the same string, faster."""
    if ignore_tags is not None or kwargs or not _settings_as_expected():
        return filters.typogrify(text, ignore_tags, **kwargs)
    parts = []
    position = 0
    for section in _IGNORE.finditer(text):
        start, end = section.span()
        if position != start:
            parts.append(_apply_filters(text[position:start]))
        parts.append(text[start:end])
        position = end
    if position < len(text):
        parts.append(_apply_filters(text[position:]))
    return "".join(parts)


def _apply_filters(text: str) -> str:
    """typogrify.filters.applyfilters(text) with every filter on."""
    if "&" in text and _AMP_FINDER.search(text):
        text = filters.amp(text)
    pieces = _TAG_SPLIT.split(text)
    if "<!--" in text or "<" in pieces[-1]:
        # Comments, or a "<" that opens no tag: smartypants' output might tokenise otherwise
        # than its input, so caps tokenises it again, as typogrify's caps does.
        text = "".join(value for _kind, value in _smartypants(_tokenize(text)))
        text = _caps(_tokenize(text))
    else:
        text = _smartypants_and_caps(pieces)
    return _widont(_initial_quotes(text))


def _smartypants_and_caps(pieces: list[str]) -> str:
    """`_caps(_tokenize(s))` where s is `_smartypants(_tokenize(text))` joined, in one pass.

    `pieces` is `_TAG_SPLIT.split(text)` for a text with no `<!--` and no "<" after its last
    tag. Its tokens are then its pieces, text and tag in turn, less the empty texts; and
    smartypants adds no "<", so its output splits at the same tags, into the same tokens.
    """
    result = []
    skipped_tag_stack = []
    in_pre = False
    prev_token_last_char = ""
    in_caps_skipped_tag = False
    for index, piece in enumerate(pieces):
        if index & 1:  # a tag
            result.append(piece)
            skip_match = _SP_SKIP.match(piece)
            if skip_match:
                if not skip_match.group(1):
                    skipped_tag_stack.append(skip_match.group(2).lower())
                    in_pre = True
                else:
                    if skipped_tag_stack and skip_match.group(2).lower() == skipped_tag_stack[-1]:
                        skipped_tag_stack.pop()
                    if not skipped_tag_stack:
                        in_pre = False
            close_match = _CAPS_SKIP.match(piece)
            in_caps_skipped_tag = bool(close_match and close_match.group(1) is None)
        elif piece:
            last_char = piece[-1]
            if not in_pre:
                piece = _educate(piece, prev_token_last_char)
            prev_token_last_char = last_char
            if not in_caps_skipped_tag and _CAP_HINT.search(piece):
                piece = _CAP_FINDER.sub(_cap_wrapper, piece)
            result.append(piece)
    return "".join(result)


def _tokenize(text: str) -> list[tuple[str, str]]:
    """smartypants._tokenize, as (kind, value) pairs.

    smartypants matches text then a tag from where the last match ended, and stops at the
    first "<" that opens no tag. A "<" opens a tag when a ">" follows it anywhere, so after
    one that does not, none does: splitting at the tags gives the same pieces.
    """
    tokens = []
    for index, piece in enumerate(_TAG_SPLIT.split(text)):
        if not index & 1:
            if piece:
                tokens.append(("text", piece))
        elif piece.startswith("<!--") and "--" in piece[4:].rstrip(">").rstrip().rstrip("-"):
            tokens.append(("text", piece))
        else:
            tokens.append(("tag", piece))
    return tokens


def _smartypants(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """smartypants.smartypants over tokens, attr set1 | w: escapes, &quot;, dashes, ellipses,
    backticks, quotes; no entity conversion."""
    result = []
    skipped_tag_stack = []
    in_pre = False
    prev_token_last_char = ""
    for kind, value in tokens:
        if kind == "tag":
            result.append((kind, value))
            skip_match = _SP_SKIP.match(value)
            if skip_match:
                if not skip_match.group(1):
                    skipped_tag_stack.append(skip_match.group(2).lower())
                    in_pre = True
                else:
                    if skipped_tag_stack and skip_match.group(2).lower() == skipped_tag_stack[-1]:
                        skipped_tag_stack.pop()
                    if not skipped_tag_stack:
                        in_pre = False
            continue
        t = value
        last_char = t[-1:]
        if not in_pre:
            t = _educate(t, prev_token_last_char)
        prev_token_last_char = last_char
        result.append((kind, t))
    return result


def _educate(t: str, prev_token_last_char: str) -> str:
    """The body of smartypants' loop for one text token outside skipped tags.

    Each `re.sub` of a literal there is a `str.replace`, and runs only when its literal is in
    the text; each quote substitution runs only when the text holds the quote it needs.
    """
    if "\\" in t:
        t = smartypants.process_escapes(t)
    if "&quot;" in t:
        t = t.replace("&quot;", '"')
    if "--" in t:
        t = t.replace("--", "&#8212;")
    if "..." in t:
        t = t.replace("...", "&#8230;")
    if ". . ." in t:
        t = t.replace(". . .", "&#8230;")
    if "``" in t:
        t = t.replace("``", "&#8220;")
    if "''" in t:
        t = t.replace("''", "&#8221;")
    if t == "'":
        return "&#8217;" if _NON_SPACE.match(prev_token_last_char) else "&#8216;"
    if t == '"':
        return "&#8221;" if _NON_SPACE.match(prev_token_last_char) else "&#8220;"
    return _convert_quotes(t)


def _convert_quotes(text: str) -> str:
    """smartypants.convert_quotes."""
    single = "'" in text
    double = '"' in text
    if not (single or double):
        return text
    if single:
        text = _Q_FIRST_SINGLE.sub("&#8217;", text)
    if double:
        text = _Q_FIRST_DOUBLE.sub("&#8221;", text)
    if single and double:
        text = _Q_DOUBLE_SINGLE.sub("&#8220;&#8216;", text)
        text = _Q_SINGLE_DOUBLE.sub("&#8216;&#8220;", text)
    if "'" in text:
        text = _Q_DECADE.sub("&#8217;", text)
        text = _Q_OPEN_SINGLE.sub(r"\1&#8216;", text)
        text = _Q_CLOSE_SINGLE_1.sub(r"\1&#8217;", text)
        text = _Q_CLOSE_SINGLE_2.sub(r"\1&#8217;\2", text)
        text = text.replace("'", "&#8216;")
    if '"' in text:
        text = _Q_OPEN_DOUBLE.sub(r"\1&#8220;", text)
        text = _Q_CLOSE_DOUBLE_1.sub("&#8221;", text)
        text = _Q_CLOSE_DOUBLE_2.sub("&#8221;", text)
        text = _Q_CLOSE_DOUBLE_3.sub(r"\1&#8221;", text)
        text = text.replace('"', "&#8220;")
    return text


def _cap_wrapper(matchobj: re.Match) -> str:
    """typogrify.filters.caps' _cap_wrapper."""
    if matchobj.group(2):
        return f"""<span class="caps">{matchobj.group(2)}</span>"""
    if matchobj.group(3)[-1] == " ":
        caps = matchobj.group(3)[:-1]
        tail = " "
    else:
        caps = matchobj.group(3)
        tail = ""
    return f"""<span class="caps">{caps}</span>{tail}"""


def _caps(tokens: list[tuple[str, str]]) -> str:
    """typogrify.filters.caps over smartypants' tokens, joined."""
    result = []
    in_skipped_tag = False
    for kind, value in tokens:
        if kind == "tag":
            result.append(value)
            close_match = _CAPS_SKIP.match(value)
            in_skipped_tag = bool(close_match and close_match.group(1) is None)
        elif in_skipped_tag or not _CAP_HINT.search(value):
            result.append(value)
        else:
            result.append(_CAP_FINDER.sub(_cap_wrapper, value))
    return "".join(result)


def _quote_wrapper(matchobj: re.Match) -> str:
    """typogrify.filters.initial_quotes' _quote_wrapper."""
    if matchobj.group(7):
        classname = "dquo"
        quote = matchobj.group(7)
    else:
        classname = "quo"
        quote = matchobj.group(8)
    return f"""{matchobj.group(1)}<span class="{classname}">{quote}</span>"""


def _initial_quotes(text: str) -> str:
    """typogrify.filters.initial_quotes: `_QUOTE_FINDER.sub(_quote_wrapper, text)`, the pattern
    tried only where a match can start, in order."""
    if not any(quote in text for quote in _QUOTES):
        return text
    starts = [0, *(tag.start() for tag in _QUOTE_START.finditer(text))]
    parts = []
    done = 0
    for start in starts:
        if start < done:
            continue
        match = _QUOTE_FINDER.match(text, start)
        if match is None:
            continue
        parts.append(text[done:start])
        parts.append(_quote_wrapper(match))
        done = match.end()
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


def _widont(text: str) -> str:
    """typogrify.filters.widont: `_WIDONT_FINDER.sub(r"\\1&nbsp;\\2", text)`.

    That substitution tries the pattern at every character. A match reads: X, spaces, a word,
    then only spaces and closing inline tags up to its end E, a closing block tag or the end
    of the text; X is one character (not a space, "<" or ">") or an inline tag. When every
    "<" in the text meets a ">" before another "<", X's tag holds no "<", so walking back
    from E over those parts gives the one place where a match ending at E can start (see
    `_widont_start`). The pattern is then tried only at those places, in order, as the
    substitution would meet them; elsewhere it cannot match. Otherwise the substitution runs.
    """
    if _UNCLOSED_TAG.search(text):
        return _WIDONT_FINDER.sub(r"\1&nbsp;\2", text)
    starts = {_widont_start(text, end.start()) for end in _WIDONT_END.finditer(text)}
    starts.add(_widont_start(text, len(text)))
    starts.discard(-1)
    parts = []
    done = 0
    for start in sorted(starts):
        if start < done:
            continue
        match = _WIDONT_FINDER.match(text, start)
        if match is None:
            continue
        parts.append(text[done:start])
        parts.append(match.group(1) + "&nbsp;" + match.group(2))  # the template \1&nbsp;\2
        done = match.end()
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


def _widont_start(text: str, end: int) -> int:
    """Where a widont match ending at `end` must start, or -1 when none can end there."""
    pos = end
    while pos:
        char = text[pos - 1]
        if char.isspace():  # the same characters as the pattern's \s
            pos -= 1
        elif char == ">":
            for closer in _INLINE_CLOSERS:
                if pos >= len(closer) and text.startswith(closer, pos - len(closer)):
                    pos -= len(closer)
                    break
            else:
                break
        else:
            break
    word_end = pos
    while pos and text[pos - 1] not in "<>" and not text[pos - 1].isspace():
        pos -= 1
    if pos == word_end:
        return -1
    space_end = pos
    while pos and text[pos - 1].isspace():
        pos -= 1
    if pos == space_end or not pos:
        return -1
    char = text[pos - 1]
    if char == "<":
        return -1
    if char == ">":
        return text.rfind("<", 0, pos - 1)
    return pos - 1


def _bench(articles: int = 1000, rounds: int = 3, **corpus_options) -> None:
    """Time typogrify and typogrify_fast on the rendered bodies of make bench's corpus.

    From the repository: PYTHONPATH=plugins:. .venv/bin/python -c
    'from clinic.fasttype import _bench; _bench()'. `corpus_options` go to make_corpus.
    """
    import statistics
    import tempfile
    import time
    from pathlib import Path

    import markdown

    from bench.corpus import make_corpus

    smartypants.Attr.default = _ATTR  # as clinic.typography sets it
    with tempfile.TemporaryDirectory() as folder:
        content = make_corpus(Path(folder), articles, **corpus_options)
        sources = sorted(content.rglob("*.md"))
        bodies = [
            markdown.Markdown(
                extensions=["markdown.extensions.extra", "markdown.extensions.meta"],
                output_format="html5",
            ).convert(source.read_text(encoding="utf-8"))
            for source in sources
        ]
    assert all(typogrify_fast(body) == filters.typogrify(body) for body in bodies)

    def median_seconds(function) -> float:
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            for body in bodies:
                function(body)
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    reference = median_seconds(filters.typogrify)
    fast = median_seconds(typogrify_fast)
    size = sum(map(len, bodies)) / 1e6
    print(f"{len(bodies)} bodies, {size:.1f} MB of HTML, identical output; median of {rounds}:")
    print(f"  typogrify.filters.typogrify  {reference:6.3f} s")
    print(f"  clinic.fasttype.typogrify_fast  {fast:6.3f} s  ({reference / fast:.1f}x faster)")
