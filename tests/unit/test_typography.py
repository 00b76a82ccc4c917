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


@pytest.mark.unit
def test_a_later_build_takes_the_titles_set_before_and_keeps_only_those_used(tmp_path, monkeypatch):
    """The titles one build set are stored in its cache; the next build shows the same
    titles without typesetting them again, and stores only the titles it used."""
    from clinic.rendering import typography
    from clinic.rendering.typography import DisplayTitles

    store = tmp_path / "clinic-titles.json"
    first = DisplayTitles()
    shown = {text: display_title(text, True, first) for text in ("DIY Options", "Old title")}
    display_title("DIY Options", False, first)
    first.save(store)

    def never(_):
        raise AssertionError("typeset again")

    monkeypatch.setattr(typography, "typogrify", never)
    later = DisplayTitles()
    later.load(store)
    assert display_title("DIY Options", True, later) == shown["DIY Options"]
    assert '<span class="caps">DIY</span>' in display_title("DIY Options", True, later)
    assert display_title("DIY Options", False, later) == "DIY Options"
    later.save(store)
    assert "Old title" not in store.read_text(encoding="utf-8")


@pytest.mark.unit
def test_a_damaged_titles_store_is_thrown_away_with_one_warning(tmp_path, caplog):
    from clinic.rendering.typography import DisplayTitles

    store = tmp_path / "clinic-titles.json"
    store.write_text('[["DIY", true, "cut sh', encoding="utf-8")
    titles = DisplayTitles()
    titles.load(store)
    assert titles.get("DIY", True) is None
    assert [record.levelname for record in caplog.records] == ["WARNING"]
    assert "clinic-titles.json" in caplog.text
    assert '<span class="caps">DIY</span>' in display_title("DIY", True, titles)


@pytest.mark.unit
def test_each_save_of_the_titles_holds_only_those_used_since_the_last(tmp_path):
    """The live preview keeps one memo across its builds and editions: each edition's
    store holds its own titles, not those of the run before it."""
    from clinic.rendering.typography import DisplayTitles

    titles = DisplayTitles()
    display_title("English title", True, titles)
    titles.save(tmp_path / "en.json")
    display_title("Título en español", True, titles)
    titles.save(tmp_path / "es.json")
    assert "English" in (tmp_path / "en.json").read_text(encoding="utf-8")
    assert "English" not in (tmp_path / "es.json").read_text(encoding="utf-8")
    assert "Título" in (tmp_path / "es.json").read_text(encoding="utf-8")
