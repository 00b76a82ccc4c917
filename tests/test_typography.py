"""Typography for display never changes the words, and plain text stays plain."""

from __future__ import annotations

import markdown
import pytest
import smartypants
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape
from typogrify import filters
from typogrify.filters import typogrify

from bench import corpus
from clinic import fasttype
from clinic.typography import display_title, plain_text, typeset
from support import ROOT


def test_display_title_escapes_markup():
    title = display_title("Acne </script><script>alert(1)</script>")
    assert "<script>" not in title
    assert "&lt;/script&gt;" in title


def test_display_title_typesets_caps_and_widows():
    title = display_title("When there are DIY Options?")
    assert '<span class="caps">DIY</span>' in title
    assert "&nbsp;Options?" in title


def test_display_title_without_typesetting_is_only_escaped():
    assert display_title("DIY & more", typeset_on=False) == "DIY &amp; more"


def test_typeset_keeps_the_words():
    html = "<p>It’s a “diamond-tipped” machine—and with good reason.</p>"
    assert plain_text(typeset(html)) == plain_text(html)


def test_plain_text_drops_tags_and_entities():
    assert plain_text('<span class="caps">DIY</span>&nbsp;Options &amp; more') == (
        "DIY Options & more"
    )


# --- typeset() is typogrify, byte for byte ---------------------------------------------------
#
# clinic.fasttype computes typogrify's output with less work; these compare the two on the
# site, on the benchmark corpus and on generated HTML. The reference is typogrify itself, with
# smartypants configured as clinic.typography configures it (importing it above did that).

_SITE_MARKDOWN = {
    "extensions": ["markdown.extensions.extra", "markdown.extensions.meta"],
    "output_format": "html5",
}


def _render(text: str) -> str:
    return markdown.Markdown(**_SITE_MARKDOWN).convert(text)


def _assert_same(html: str) -> None:
    assert smartypants.Attr.default == smartypants.Attr.set1 | smartypants.Attr.w
    assert typeset(html) == typogrify(html)


def test_typeset_is_typogrify_on_the_sites_content():
    sources = sorted((ROOT / "content").rglob("*.md"))
    assert sources
    for source in sources:
        _assert_same(_render(source.read_text(encoding="utf-8")))


# make bench's shapes of corpus, where bench.corpus has them.
_SHAPES = sorted(getattr(corpus, "SHAPES", {"": None}))


@pytest.mark.parametrize("shape", _SHAPES)
def test_typeset_is_typogrify_on_the_bench_corpus(tmp_path, shape):
    content = corpus.make_corpus(tmp_path, 300, **({"shape": shape} if shape else {}))
    sources = sorted(content.rglob("*.md"))
    assert len(sources) > 50
    for source in sources:
        _assert_same(_render(source.read_text(encoding="utf-8")))


def test_display_title_is_typogrify_on_the_escaped_title():
    for title in ("When there are DIY Options?", 'The "AB" test -- and Q&A...', "Isn't it"):
        assert display_title(title) == typogrify(str(escape(title)))


_PIECES = [
    # tags, including those typogrify and smartypants skip or treat specially
    "<p>",
    "</p>",
    '<p class="lead">',
    "<h2>",
    "</h2>",
    "<li>",
    "</li>",
    "<ul>",
    "</ul>",
    "<dt>",
    "</dd>",
    '<a href="/x?a=1&amp;b=2">',
    '<a href="it\'s &quot;q&quot;">',
    "</a>",
    "<em>",
    "</em>",
    "<strong>",
    "</strong>",
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<br>",
    "<br/>",
    '<img alt="A -- B">',
    "<code>",
    "</code>",
    "<pre>",
    "</pre>",
    "<PRE>",
    "<kbd>",
    "</kbd>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<tt>",
    "<samp>",
    "</samp>",
    '<span class="caps">',
    '<span class="amp">',
    "</span>",
    "<div>",
    "</div>",
    "<!-- note -->",
    "<!-- a -- b -->",
    "<!---->",
    "<",
    ">",
    # punctuation smartypants educates
    "'",
    '"',
    "`",
    "``",
    "''",
    "--",
    "---",
    "...",
    ". . .",
    "\\",
    '\\"',
    "\\'",
    "\\-",
    "'80s",
    "'s",
    # ampersands and entities
    "&",
    " & ",
    "&amp;",
    " &amp; ",
    "&#38;",
    "&nbsp;",
    "&nbsp;&amp;&nbsp;",
    "&quot;",
    "&#8220;",
    "&#8216;",
    "&ldquo;",
    "&lsquo;",
    "&mdash;",
    "&#8211;",
    "&#x2013;",
    # capitals, numbers, words
    "NASA",
    "AB",
    "A",
    "U.S.A.",
    "D.O.T. ",
    "HE34T",
    "2KU2",
    "JIMMY'S",
    "1990",
    "42",
    "word",
    "Skin",
    "care",
    "s",
    "x",
    # spacing
    " ",
    "  ",
    "\n",
    "\t",
    "\u00a0",
    "\u2003",
]

_html_ish = st.lists(
    st.one_of(st.sampled_from(_PIECES), st.text(alphabet="<>/\"'`-.&;#\\ \nAZaps09", max_size=6)),
    max_size=60,
).map("".join)
# No bare "<": every "<" opens a tag, as in Markdown's output, where the faster paths apply.
_well_formed = st.lists(
    st.one_of(
        st.sampled_from([piece for piece in _PIECES if piece != "<"]),
        st.text(alphabet=">/\"'`-.&;#\\ \n\u00a0AZaps09", max_size=6),
    ),
    max_size=60,
).map("".join)
_chars = st.text(alphabet="<>/\"'`-.&;#\\ \n\tAZBapbsi019!,()", max_size=80)


@settings(max_examples=600, deadline=None)
@given(_html_ish)
def test_typeset_is_typogrify_on_generated_html(html):
    _assert_same(html)


@settings(max_examples=600, deadline=None)
@given(_well_formed)
def test_typeset_is_typogrify_on_generated_well_formed_html(html):
    _assert_same(html)


@settings(max_examples=400, deadline=None)
@given(_chars)
def test_typeset_is_typogrify_on_generated_punctuation(text):
    _assert_same(text)


@settings(max_examples=600, deadline=None)
@given(st.one_of(_html_ish, _well_formed, _chars))
def test_fast_filters_match_typogrifys_own(text):
    """The parts checked alone, where the whole pipeline might hide a difference."""
    assert fasttype._widont(text) == filters.widont(text)
    assert fasttype._initial_quotes(text) == filters.initial_quotes(text)
    pieces = fasttype._TAG_SPLIT.split(text)
    if "<!--" not in text and "<" not in pieces[-1]:
        educated_and_caps = filters.caps(filters.smartypants(text))
        assert fasttype._smartypants_and_caps(pieces) == educated_and_caps
    assert fasttype._convert_quotes(text) == smartypants.convert_quotes(text)
    assert fasttype._caps(fasttype._tokenize(text)) == filters.caps(text)
    assert fasttype._tokenize(text) == [tuple(token) for token in smartypants._tokenize(text)]


def test_unusual_calls_go_to_typogrify():
    html = "<h2>\"Jayhawks\" & KU fans act extremely obnoxiously</h2><p>NASA's 'x'</p>"
    assert fasttype.typogrify_fast(html, ignore_tags=["h2"]) == typogrify(html, ["h2"])
    assert fasttype.typogrify_fast(html, caps=False) == typogrify(html, caps=False)
    saved = smartypants.Attr.default
    try:
        smartypants.Attr.default = smartypants.Attr.set1
        assert fasttype.typogrify_fast(html) == typogrify(html)
        assert "&quot;" in typeset("<p>&quot;x&quot;</p>")
    finally:
        smartypants.Attr.default = saved
