"""The quicker Markdown (quicker_markdown.py) writes what Markdown untouched writes, byte
for byte."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from test_markdown_unit import _settings_key

from clinic.rendering import markup
from support import ROOT, generated_texts

# Markdown as Pelican's reader runs it with the site's settings, in a process that
# never installed the quicker inline step: the reference the quicker one must match.
REFERENCE = """
import json, sys
from markdown import Markdown
plugins, settings, texts = json.load(sys.stdin)
sys.path.append(plugins)  # the site's own extension (the clinic's words) is one of its settings
md = Markdown(**settings)
out = []
for text in texts:
    html = md.reset().convert(text)
    out.append([html, {key: value for key, value in getattr(md, "Meta", {}).items()}])
print(json.dumps(out))
"""


def _untouched(texts: list[str]) -> list[list]:
    done = subprocess.run(
        [sys.executable, "-I", "-c", REFERENCE],
        input=json.dumps([str(ROOT / "plugins"), json.loads(_settings_key()), texts]),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def _quicker(texts: list[str]) -> list[list]:
    key = _settings_key()
    return [list(markup.render_with_meta(text, key)) for text in texts]


def _files(folder: Path) -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(folder.rglob("*.md"))]


def test_site_and_benchmark_articles_render_byte_for_byte(tmp_path):
    from bench.corpus import make_corpus

    texts = [
        *_files(ROOT / "content"),
        *_files(make_corpus(tmp_path / "long", articles=20, shape="long")),
        *_files(make_corpus(tmp_path / "short", articles=60, shape="short")),
    ]
    assert len(texts) > 100
    assert _quicker(texts) == _untouched(texts)


# Markdown's inline syntax and its neighbours: each pattern's marks alone, inside
# code, escaped, in HTML, in footnotes, tables, lists and definition lists, and long
# stretches of plain words where most patterns are passed over.
PIECES = [
    *["*", "**", "***", "_", "__", "`", "``", "\\", "\\*", "\\_", "\\`", "\\[", "\\\\"],
    *["[", "]", "(", ")", "![", "[^1]", "[^x]", "[a](b)", "[a][r]", "[r]", "![i](p.png)"],
    *["<b>", "</b>", "<http://x.y/z>", "<a@b.c>", "<!-- c -->", "<?p?>", "&amp;", "&#8217;"],
    *["&", "&x", "&#x41;", "  \n", " \n", "\n", "\n\n", "word", "*em*", "**strong**"],
    *["_u_", "__uu__", "`code`", "``co`de``", "a*b*c", "snake_case_word", "~", "==", "^"],
    *["\n- item", "\n1. one", "\n> quote", "\n| a | b |\n|---|---|\n| c | d |\n", "\n    code"],
    *["\nTerm\n:   definition", "\n*[HTML]: Hyper", " HTML ", "{: .cls }", "\n```\nx\n```\n"],
    *["\n[r]: /url", "\n[^1]: note", '<div markdown="1">', "</div>", "@", ":", "'", '"'],
    *["a fairly long stretch of plain words"] * 12,
]


def test_generated_markdown_renders_byte_for_byte():
    """Thousands of generated texts, dense with the places where the quicker inline
    step passes over a pattern, rendered by both."""
    texts = generated_texts(PIECES, 3000, seed=20261127)
    assert _quicker(texts) == _untouched(texts)
