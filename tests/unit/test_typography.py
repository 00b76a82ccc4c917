"""Typography for display never changes the words, and plain text stays plain."""

from __future__ import annotations

import pytest

from clinic.rendering.typography import display_title, plain_text, typeset


@pytest.mark.unit
def test_display_title_escapes_markup():
    title = display_title("Acne </script><script>alert(1)</script>")
    assert "<script>" not in title
    assert "&lt;/script&gt;" in title


@pytest.mark.unit
def test_display_title_typesets_caps_and_widows():
    title = display_title("When there are DIY Options?")
    assert '<span class="caps">DIY</span>' in title
    assert "&nbsp;Options?" in title


@pytest.mark.unit
def test_display_title_without_typesetting_is_only_escaped():
    assert display_title("DIY & more", typeset_on=False) == "DIY &amp; more"


@pytest.mark.unit
def test_typeset_keeps_the_words():
    html = "<p>It’s a “diamond-tipped” machine—and with good reason.</p>"
    assert plain_text(typeset(html)) == plain_text(html)


@pytest.mark.unit
def test_plain_text_drops_tags_and_entities():
    assert plain_text('<span class="caps">DIY</span>&nbsp;Options &amp; more') == (
        "DIY Options & more"
    )


# What each of smartypants' steps acts on, in and around tags, where its context matters.
HARD_CASES = [
    "<p>\"Quoted,\" she said -- twice... and . . . then 'single' quotes.</p>",
    "<p>Backslash escapes: \\\\ \\\" \\' \\. \\- \\` and ``backticks'' too.</p>",
    "<p><em>\"</em>Hello<em>\"</em> and <strong>'</strong>x<strong>'</strong></p>",
    "<p>It's the '80s, rock 'n' roll; \"'Nested'\" and '\"nested\"'.</p>",
    "<p>&quot;Entity quotes&quot; and &#8220;decimal&#8221; -- &mdash; ' -- 'x'</p>",
    '<pre>"not" -- touched... \'here\'</pre>\n<p>"but" -- here</p>',
    '<p>Code <code>"raw" -- x</code> then "curled"</p>',
    '<h2>"Jayhawks" & KU fans act extremely obnoxiously</h2>',
    '<ul>\n<li>"First" item</li>\n<li>Last  item of SPF 30 and UVA/UVB</li>\n</ul>',
    "<p>'</p>\n<p>\"</p>\n<p>a'</p>\n<p>'a</p>",
    "<blockquote>\n<p>\"A quote's quote\" -- said NASA's CEO.</p>\n</blockquote>",
    '<p><a href="/x?a=1&amp;b=2" title="a \'b\' -- c">"linked" text</a> R&amp;D</p>',
]


@pytest.mark.unit
def test_counting_words_agrees_with_the_plain_text():
    from clinic.rendering.typography import count_words

    for html in [*HARD_CASES, "<p>a&nbsp;b&#160;c&#8217;d\u2003e</p>", "", "<p> </p>"]:
        assert count_words(typeset(html)) == len(plain_text(typeset(html)).split())
