"""Python-Markdown, unchanged in what it writes, without trying patterns that cannot match.

Markdown (3.11.3, as requirements.txt pins it) tries each of its fifteen inline
patterns (code, escapes, footnotes, links, images, autolinks, line breaks, HTML,
entities, emphasis) on every text of a page, one after the other, one Python
call each: a third of a long article's rendering, though most texts hold none of
the characters those patterns start from. Each pattern's regular expression
matches only where one of its marks is (a `[` for a link, a `&` for an entity),
so a text without any is passed over as Markdown itself would pass it. The
output stays Markdown's own, byte for byte: tests/site/test_markdown.py renders with
Markdown untouched, in a process that never imported this, the site's pages,
the benchmark's articles and thousands of generated fragments, and compares.
"""

from __future__ import annotations

from markdown import Markdown, treeprocessors, util

# Each inline pattern's regular expression, as Markdown writes it, with the marks
# one of which every match holds (in the match, or in a look-ahead). A pattern not
# listed here (another version's, or an extension's) is always tried.
MARKS: dict[str, tuple[str, ...]] = {
    r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)": ("`",),  # code
    r"\\(.)": ("\\",),  # escape
    r"\[\^([^\]]*)\]": ("[^",),  # footnote reference
    r"(?<!\!)\[": ("[",),  # link, reference, short reference
    r"\!\[": ("![",),  # image, image reference, short image reference
    r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>": ("<",),  # autolink
    r"<([^<> !]+@[^@<> ]+)>": ("<",),  # automail
    r"  \n": ("  \n",),  # line break
    (  # HTML: a tag, a comment, a processing instruction or CDATA
        r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'"""
        r"""|[^\s"'=<>]++))?+)*+\s*+/?|!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]"""
        r"""|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)"""
    ): ("<",),
    r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)": ("&",),  # entity
    r"\*|_": ("*", "_"),  # emphasis and strong
}


def marks_of(pattern) -> tuple[str, ...] | None:
    """The marks one of which a text must hold for `pattern` to match; None: always try it."""
    source = getattr(pattern, "pattern", None)
    return MARKS.get(source) if isinstance(source, str) else None


class QuickerInlineProcessor(treeprocessors.InlineProcessor):
    """Markdown's inline step, passing over the patterns a text holds no mark of."""

    marks: tuple[tuple[str, ...] | None, ...] = ()  # by pattern, in the registry's order

    def run(self, tree, ancestors=None):
        self.marks = tuple(marks_of(pattern) for pattern in self.inlinePatterns)
        return super().run(tree, ancestors)

    # Markdown's own loop (InlineProcessor.__handleInline), by its mangled name so
    # that the class's other methods call this one; the one change is the `if`
    # that skips a pattern as a failed match would (next pattern, from the start).
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if not isinstance(data, util.AtomicString):
            startIndex = 0
            count = len(self.inlinePatterns)
            while patternIndex < count:
                marks = self.marks[patternIndex] if patternIndex < len(self.marks) else None
                if marks is not None and not any(mark in data for mark in marks):
                    patternIndex, startIndex = patternIndex + 1, 0
                    continue
                data, matched, startIndex = self._InlineProcessor__applyPattern(
                    self.inlinePatterns[patternIndex], data, patternIndex, startIndex
                )
                if not matched:
                    patternIndex += 1
        return data


def install(md: Markdown) -> Markdown:
    """`md`, its inline step replaced by the quicker one (at Markdown's own priority)."""
    md.treeprocessors.register(QuickerInlineProcessor(md), "inline", 20)
    return md
