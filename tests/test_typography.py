"""Typography for display never changes the words, and plain text stays plain."""

from __future__ import annotations

from clinic.typography import display_title, plain_text, typeset


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
