"""Typography for display never changes the words, and plain text stays plain."""

from __future__ import annotations

from test_typography import HARD_CASES

from clinic.rendering.typography import typeset

# typogrify exactly as Pelican sets it up, in a process that never imported the
# site's plugin: the reference the site's quicker typesetting must match.
REFERENCE = """
import json, sys
import smartypants
from typogrify.filters import typogrify
smartypants.Attr.default = smartypants.Attr.set1 | smartypants.Attr.w
print(json.dumps([typogrify(html) for html in json.load(sys.stdin)]))
"""


def _typogrify_untouched(fragments: list[str]) -> list[str]:
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-I", "-c", REFERENCE],
        input=json.dumps(fragments),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def _rendered_bodies(content) -> list[str]:
    from pathlib import Path

    from clinic.rendering import markup
    from support import ROOT
    from tools.build import load_settings

    settings = load_settings(ROOT / "pelicanconf.py")
    key = markup.markdown_settings_key(settings["MARKDOWN"])
    files = sorted(Path(content).rglob("*.md"))
    return [markup.render_with_meta(path.read_text(encoding="utf-8"), key)[0] for path in files]


def test_typesetting_is_typogrifys_own_output_byte_for_byte(tmp_path):
    """The quicker smartypants changes no byte: the site's pages, benchmark articles
    and the cases where smartypants looks at what comes before a quote."""
    from bench.corpus import make_corpus
    from support import ROOT

    corpus = make_corpus(tmp_path, articles=40, shape="long")
    fragments = [
        *HARD_CASES,
        *_rendered_bodies(ROOT / "content"),
        *_rendered_bodies(corpus),
    ]
    assert len(fragments) > 50
    assert any("&#8216;" in typeset(fragment) for fragment in fragments)
    assert [typeset(fragment) for fragment in fragments] == _typogrify_untouched(fragments)


# Pieces of HTML where typogrify's patterns look around them: quotes beside
# entities, dashes and tags, capitals with dots and digits, block and inline
# tags (and a `>` inside an attribute), and long quote-free stretches between them.
PIECES = [
    *["word", "Skin", "SPF", "UV", "U.S.", "D.O.T. ", "A.", "KU2", "2KU", "JIMMY'S", "'80s"],
    *["'", '"', "&quot;", "&nbsp;", "&mdash;", "&ndash;", "&#8211;", "&#8212;", "&#x2013;"],
    *["&#8220;", "&lsquo;", "--", "---", "...", ". . .", "``", "''", "\\", "\\'", '\\"'],
    *[" ", " ", "  ", "\n", "\t", "\u00a0", "\u2003", ",", ".", "!", "?", ";", "(", ")", "["],
    *["-", "s", "t", "1", "42", "&", "&amp;", "&#38;", "<br>", "<!-- c -->", "x</p", "\x00"],
    *["<p>", "</p>", "<em>", "</em>", "<strong>", "</strong>", "</a>", "<h2>", "</h2>"],
    *["<li>", "</li>", "<ul>", "</ul>", "<dt>", "</dt>", "<dd>", "</dd>", "</span>", "<i>"],
    *["</i>", "<b>", "</b>", "<code>", "</code>", "<pre>", "</pre>", "<kbd>", "</kbd>"],
    *["<P>", "</P>", "<div>", "</div>", '<span class="x">', '<a title="x<y">'],
    *['<a href="/x?a=1&amp;b=2" title="a \'b\' > c">', '<img alt="A \'x\'" src="y.png">'],
    *["a fairly long stretch of plain words"] * 12,
    *["&#x2013;'w", '&#8212;"w', "&nbsp;'w", "x's ", "'99s", "\"'w", "'\"w"] * 3,
    # the quotes set before convert_quotes runs, and their neighbours
    *["don't", "it's", "O'Brien", "é'ß", "_'a", "a'_", "1'a", "a'1", "x'y'z", "a''b"] * 2,
    *[' "w', '\u00a0"w', '\t"_', ' "1', 'a"', 'a"b', 'a""', "a\"'b", 'é".', 'a" "b'] * 2,
    # capitals' runs, beside letters, digits (any script's), dots and spaces
    *["ABC", "A1B", "a.B.C", "\u0663", "A\u0663B", "A.\u00a0B.", "Q.", "'S", "Zz", "_AB"],
    *["a'\"b", " \"'w", "s'", "'s", "a&#8217;", "it's's", "t's' ", "s's'x", '"a\'s"'],
]


def generated_fragments(count: int, seed: int = 20261126) -> list[str]:
    from support import generated_texts

    return generated_texts(PIECES, count, seed)


def test_typesetting_matches_typogrify_on_generated_html():
    """Thousands of generated fragments, dense with the places where the quicker
    typogrify skips text (quotes' reach, blocks' last words, capitals), set by
    both: any text the quicker one leaves out that typogrify would change shows."""
    fragments = generated_fragments(4000)
    assert [typeset(fragment) for fragment in fragments] == _typogrify_untouched(fragments)
