"""Questions and answers on treatment pages: a plain Markdown section, shown as disclosures.

The writer's convention (README, "Questions and answers"): a section headed
`## Questions` (`## Preguntas` in Spanish: `HEADINGS`), whose `###` headings are
the questions and whose text below each, up to the next heading of level 3 or
above, is its answer. The build turns each question into

    <details id="..."><summary>question</summary>answer html</details>

under the section's own `<h2>`, so the outline stays as written and nothing
needs JavaScript. The functions here are pure: rendered HTML in, HTML and
`Question`s out; the content rules read the same convention in the Markdown.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from typing import NamedTuple
from urllib.parse import urljoin

from .typography import plain_text

# The section heading that holds the questions, per language: one word a writer
# types as it is (upper or lower case alike). A new edition adds its word here.
HEADINGS = {"en": "Questions", "es": "Preguntas"}
# Elements with no end tag: they never open a level of nesting.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
    | {"track", "param"}
)
# What Google reads in an answer's text; other elements are dropped, their text kept.
ANSWER_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "br", "ol", "ul", "li", "a", "p", "div"}
    | {"b", "strong", "i", "em"}
)
# Markdown as the rules read it: ATX headings, code fences, and lines that show nothing.
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_ATTR_LIST = re.compile(r"\s*\{[^}]*\}\s*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s")


class Question(NamedTuple):
    """One question: its plain text, and its answer as the page's HTML."""

    text: str
    answer_html: str


class Block(NamedTuple):
    """An element at the top level of a body: `html[start:end]` is all of it."""

    tag: str
    start: int
    end: int


def heading_for(lang: str) -> str | None:
    """The section heading that holds questions in `lang`; None where there is none."""
    return HEADINGS.get(lang)


def _same_heading(text: str, heading: str) -> bool:
    return text.casefold() == heading.casefold()


class _TopLevel(HTMLParser):
    """Finds the body's top-level elements, with their place in the original text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = html
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", html)]
        self.blocks: list[Block] = []
        self.depth = 0
        self.opened: tuple[str, int] | None = None

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs) -> None:
        start = self.position()
        if tag in VOID:
            if self.depth == 0:
                self.blocks.append(Block(tag, start, start + len(self.get_starttag_text())))
            return
        if self.depth == 0:
            self.opened = (tag, start)
        self.depth += 1

    def handle_startendtag(self, tag: str, attrs) -> None:
        if self.depth == 0:
            start = self.position()
            self.blocks.append(Block(tag, start, start + len(self.get_starttag_text())))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or self.depth == 0:
            return
        self.depth -= 1
        if self.depth == 0 and self.opened:
            end = self.source.index(">", self.position()) + 1
            self.blocks.append(Block(self.opened[0], self.opened[1], end))
            self.opened = None


def top_level(html: str) -> list[Block]:
    """The body's top-level elements, in order."""
    parser = _TopLevel(html)
    parser.feed(html)
    parser.close()
    return parser.blocks


def _level(tag: str) -> int | None:
    """A heading's level (2 for h2), None for any other element."""
    return int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else None


def _inner(html: str, block: Block) -> str:
    """An element's content, without its own start and end tags."""
    element = html[block.start : block.end]
    return element[element.index(">") + 1 : element.rindex("<")]


def _attribute_id(html: str, block: Block) -> str | None:
    start_tag = html[block.start : html.index(">", block.start) + 1]
    match = re.search(r"""\sid=(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", start_tag)
    return next(group for group in match.groups() if group is not None) if match else None


def disclosures(html: str, heading: str) -> tuple[str, list[Question]]:
    """The body with its questions section as `<details>` disclosures, and its questions.

    The section is the first top-level `<h2>` whose text is `heading` (any case),
    up to the next `<h1>` or `<h2>`, or the body's end. Each `<h3>` in it becomes
    the `<summary>` of a `<details>` (its `id`, if any, moves to the `<details>`),
    and everything up to the next `<h3>` its answer. Text before the first question
    stays as it is. A question with no answer stays a heading and is not listed
    (the content rules have refused it already). Without a section, or without a
    question in it, the body comes back unchanged.
    """
    blocks = top_level(html)
    start = next(
        (
            index
            for index, block in enumerate(blocks)
            if block.tag == "h2" and _same_heading(plain_text(_inner(html, block)), heading)
        ),
        None,
    )
    if start is None:
        return html, []
    section = []
    for block in blocks[start + 1 :]:
        if (_level(block.tag) or 9) <= 2:
            break
        section.append(block)
    asked = [index for index, block in enumerate(section) if block.tag == "h3"]
    if not asked:
        return html, []
    section_end = section[-1].end
    pieces, questions = [html[: section[asked[0]].start]], []
    for number, index in enumerate(asked):
        question = section[index]
        following = asked[number + 1] if number + 1 < len(asked) else len(section)
        answer_end = section[following].start if following < len(section) else section_end
        answer = html[question.end : answer_end].strip()
        if not section[index + 1 : following]:
            pieces.append(html[question.start : answer_end])
            continue
        summary = _inner(html, question).strip()
        element_id = _attribute_id(html, question)
        opening = f'<details id="{escape(element_id)}">' if element_id else "<details>"
        pieces.append(f"{opening}\n<summary>{summary}</summary>\n{answer}\n</details>\n")
        questions.append(Question(plain_text(summary), answer))
    pieces.append(html[section_end:])
    return "".join(pieces), questions


class _AnswerMarkup(HTMLParser):
    def __init__(self, base_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            link = f' href="{escape(urljoin(self.base_url, href))}"' if href else ""
            self.out.append(f"<a{link}>")
        elif tag in ANSWER_TAGS:
            self.out.append(f"<{tag}>")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br":
            self.out.append("<br>")

    def handle_endtag(self, tag: str) -> None:
        if tag in ANSWER_TAGS and tag not in VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(escape(data, quote=False))


def answer_markup(answer_html: str, base_url: str) -> str:
    """An answer as schema.org's `Answer.text`: the HTML Google shows, nothing more.

    Paragraphs, lists, links, line breaks, headings and emphasis stay, without
    attributes but a link's address, made absolute against `base_url` (the page's
    address); every other element (typography's `<span>`s, say) leaves only its
    text. Runs of white space become one space, non-breaking spaces included.
    """
    parser = _AnswerMarkup(base_url)
    parser.feed(answer_html)
    parser.close()
    return " ".join("".join(parser.out).split())


class MarkdownQuestion(NamedTuple):
    """A question as the writer wrote it: its line (counted from 0) and whether it has text."""

    line: int
    text: str
    answered: bool


class MarkdownSection(NamedTuple):
    line: int  # the `## heading` line, counted from 0
    questions: list[MarkdownQuestion]


def markdown_sections(markdown: str, heading: str) -> list[MarkdownSection]:
    """The questions sections of a Markdown body, as the content rules check them.

    Reads ATX headings (`## Questions`, `### Does it hurt?`, an `{#id}` after
    them allowed) outside fenced code. An answer is any line with something to
    show before the next heading of level 3 or above; a link reference or a
    `[//]: # (comment)` line shows nothing.
    """
    sections: list[MarkdownSection] = []
    current: MarkdownSection | None = None
    fenced = False
    for number, line in enumerate(markdown.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
        match = None if fenced else _ATX.match(line)
        level = len(match[1]) if match else None
        if level is not None and level <= 2:
            text = " ".join(_ATTR_LIST.sub("", match[2] or "").split())
            current = None
            if level == 2 and _same_heading(text, heading):
                current = MarkdownSection(number, [])
                sections.append(current)
        elif current is None:
            continue
        elif level == 3:
            text = " ".join(_ATTR_LIST.sub("", match[2] or "").split())
            current.questions.append(MarkdownQuestion(number, text, False))
        elif current.questions and line.strip() and not _REFERENCE.match(line):
            last = current.questions[-1]
            current.questions[-1] = last._replace(answered=True)
    return sections
