"""The rules of a file's body, read as Pelican renders it and as a browser parses it:
no code, no embedded content, no addresses that leave the site unsafely, links that
resolve, answered questions. Each problem names the line that shows it."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

from ..core import policy
from ..core.values import PLACEHOLDER
from ..rendering import markup, words
from ..rendering.faq import heading_for, markdown_sections
from ..rendering.i18n import SOURCE_LANGUAGE
from ..rendering.markup import Address, Element
from .rule_base import FileRules

# Elements an article may not hold, each group with the fix a writer can act on.
_NO_CODE = "remove it: articles run no code of their own (patients' safety)"
_NO_EMBED = (
    "remove it: pages run no embedded code and load nothing from other sites "
    "(patients' privacy); link to the other site instead"
)
_NO_PAGE_WIDE = (
    "remove it: it would change the whole page (its addresses or its look); the theme sets these"
)
_NO_INLINE_DRAWING = (
    "save the drawing as an .svg file in content/images/ and show it with "
    "![description]({static}/images/<file>.svg)"
)
_NO_FORM = (
    "remove it and link to the contact page: a form in an article could send "
    "patients' details anywhere"
)
FORBIDDEN_TAGS = {
    **dict.fromkeys(("script", "noscript", "template"), _NO_CODE),
    **dict.fromkeys(
        ("iframe", "frame", "frameset", "object", "embed", "applet", "portal"), _NO_EMBED
    ),
    **dict.fromkeys(("base", "meta", "link", "style"), _NO_PAGE_WIDE),
    **dict.fromkeys(("svg", "math"), _NO_INLINE_DRAWING),
    **dict.fromkeys(("form", "input", "button", "select", "textarea"), _NO_FORM),
}
# Addresses the rules follow inside the site (links, images, media); others are left alone.
CHECKED_INSIDE = frozenset({"href", "src", "srcset", "poster", "data"})
INTERNAL = re.compile(r"^\{(?P<kind>filename|static|attach)\}(?P<path>[^#?]*)")
OTHER_PELICAN_LINKS = re.compile(r"^\{(index|category|tag|author|tags|categories|authors)\}")
# Python-Markdown's headings: `#` to `######` at a line's start (no space needed), or a
# line underlined with === (level 1) or --- (level 2).
ATX_HEADING = re.compile(r"^(#{1,6})(.*?)#*\s*$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
# Word's and Google Docs' bullets, pasted as characters: Markdown makes one paragraph of them.
WORD_BULLET = re.compile(r"^\s*([•◦▪·‣⁃●○■□])\s")
LIST_ITEM = re.compile(r"^\s*([-*+]|\d+[.)])\s")


class BodyRules(FileRules):
    """The body's rules."""

    def check(self) -> None:
        self.check_placeholders()
        self.check_body()
        self.check_questions()
        self.check_headings()
        self.check_bullets()
        self.check_words()

    @cached_property
    def text_lines(self) -> list[tuple[int, str]]:
        """(line number, line) for the body's lines outside fenced code, where Markdown
        reads headings and lists (worked out once for the checks that read them)."""
        found, fence = [], ""
        for offset, line in enumerate(self.source.body.split("\n")):
            opening = FENCE.match(line)
            if fence:
                if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence):
                    fence = ""
            elif opening:
                fence = opening[1]
            else:
                found.append((self.source.body_line + offset, line))
        return found

    def headings(self) -> list[tuple[int, int, str]]:
        """(line, level, text as written) for each Markdown heading of the body, in order."""
        found, previous = [], (0, "")
        for number, line in self.text_lines:
            atx, underline = ATX_HEADING.match(line), SETEXT_UNDERLINE.match(line)
            last_number, last = previous
            if atx:
                found.append((number, len(atx[1]), line.strip()))
            elif (
                underline
                and last.strip()
                and last_number == number - 1
                and not ATX_HEADING.match(last)
                and not LIST_ITEM.match(last)
                and not last.startswith((" " * 4, "\t", ">", "|"))
            ):
                level = 1 if underline[1][0] == "=" else 2
                found.append((last_number, level, last.strip()))
            previous = (number, line)
        return found

    def check_headings(self) -> None:
        """Headings go one level deeper at a time, from the title (the page's only `#`):
        screen readers list them as the page's outline, and a skipped level reads as a
        missing section (axe's heading-order rule, which the site's own tests run)."""
        level = 1  # the title
        for number, depth, text in self.headings():
            shown = markup.shown(text, 50)
            if depth == 1:
                self.report(
                    number,
                    f"'{shown}' is a top-level heading, as the page's title is",
                    "make it ## (the title is the page's only # heading); "
                    "to start a line with #, write \\#",
                    warning=True,
                )
            elif depth > level + 1:
                if level == 1:
                    after, why = (
                        "the title (the page's # heading)",
                        "the text's headings start at ##",
                    )
                else:
                    after, why = f"a {'#' * level} heading", "one level deeper at a time"
                self.report(
                    number,
                    f"the heading '{shown}' skips a level: it comes after {after}",
                    f"make it {'#' * (level + 1)} ({why})",
                    warning=self.draft,
                )
            level = depth

    def check_bullets(self) -> None:
        """A line starting with Word's "•" is a paragraph to Markdown, and lines of them one
        run-on paragraph: the list is lost (for screen readers too)."""
        if self.source.body.isascii():  # every such bullet is outside ASCII
            return
        for number, line in self.text_lines:
            bullet = WORD_BULLET.match(line)
            if bullet:
                self.report(
                    number,
                    f"the line starts with '{bullet[1]}', a bullet pasted from Word: Markdown "
                    "does not make it a list, and runs such lines into one paragraph",
                    "start the line with - (a hyphen and a space) instead",
                    warning=self.draft,
                )

    def check_words(self) -> None:
        """A word in braces that the site does not fill in (`{clinc}`) would be published
        as written: name it, and the words there are (rendering/words.py)."""
        if "{" not in self.source.text:
            return
        lines = [(entry.line, entry.value) for entry in self.source.entries]
        known = words.known_words()
        for number, line in lines + self.text_lines:
            for word in words.unknown_words(line):
                self.report(
                    number,
                    f"{word} is not a word the site fills in, and would be published as written",
                    f"use one of {known}, or write the text itself",
                )

    def check_placeholders(self) -> None:
        """A `TODO` line in the text: fine in a draft, not once published."""
        for offset, line in enumerate(self.source.body.split("\n")):
            if PLACEHOLDER.match(line):
                number = self.source.body_line + offset
                fix = "write that part of the article"
                self.report(number, "the text still has a TODO", fix, warning=self.draft)

    def check_body(self) -> None:
        """Every element of the body as a browser would build it, each problem with its line."""
        if not self.source.body.strip():
            self.report(None, "the article has no text", "write the body below the header")
            return
        found = self.problems_of(self.config.scans.scan(self.source.text, self.config.markdown))
        if not found:
            return
        lines = self.source.text.split("\n")
        seen: dict[str, int] = defaultdict(int)
        for message, fix in found:
            seen[message] += 1
            self.report(self.first_line_with(lines, message, seen[message]), message, fix)

    def first_line_with(self, lines: list[str], message: str, occurrence: int) -> int | None:
        """The line where a problem appears: the shortest start of the file that shows it.

        Markdown has no source positions, so the file's first lines are rendered
        again, halving the range each time; only files with a problem pay for it.
        """

        def count(end: int) -> int:
            prefix = self.body_problems("\n".join(lines[:end]))
            return sum(1 for found, _ in prefix if found == message)

        low, high = self.source.body_line, len(lines)
        if count(high) < occurrence:
            return None
        while low < high:
            middle = (low + high) // 2
            if count(middle) >= occurrence:
                high = middle
            else:
                low = middle + 1
        return low

    def body_problems(self, text: str) -> list[tuple[str, str]]:
        """(message, fix) for each problem in a file's rendered body, in document order."""
        return self.problems_of(markup.elements(markup.render(text, self.config.markdown)))

    def problems_of(self, elements: Iterable[Element]) -> list[tuple[str, str]]:
        return [problem for element in elements for problem in self.element_problems(element)]

    def element_problems(self, element: Element) -> list[tuple[str, str]]:
        tag = element.tag
        if tag in FORBIDDEN_TAGS:
            return [(f"<{tag}> is not allowed in content", FORBIDDEN_TAGS[tag])]
        found = []
        for name, _ in element.attributes:
            if name.startswith("on"):
                found.append(
                    (
                        f"inline event handler '{name}=' on <{tag}> is not allowed",
                        "remove it: articles run no code of their own "
                        "(a script in an attribute runs in patients' browsers)",
                    )
                )
            elif name == "style":
                found.append(
                    (
                        f"style attribute on <{tag}> is not allowed",
                        "remove it: the site's security policy ignores inline styles, "
                        "so it would do nothing; ask for a class in the theme instead",
                    )
                )
        if tag == "img" and not (element.get("alt") or "").strip():
            found.append(
                (
                    "image without alt text",
                    "describe what the image shows for someone who cannot see it: "
                    "![description](...)",
                )
            )
        for address in markup.addresses(element):
            found += self.address_problems(address)
        return found

    def address_problems(self, address: Address) -> list[tuple[str, str]]:
        url = address.value
        reason = policy.address_problem(url)
        if reason:
            return [
                (
                    f"address '{markup.shown(url)}' in {address.attribute}= {reason}",
                    "use an https:, mailto: or tel: address, or {filename}/{static} "
                    "for a file of the site",
                )
            ]
        if address.fetched and self.is_other_origin(url):
            return [
                (
                    f"loads '{markup.shown(url)}' from another site",
                    "save the file in content/images/ and use {static}/images/<file> "
                    "(pages load nothing from other sites: patients' privacy)",
                )
            ]
        if address.attribute in CHECKED_INSIDE and url:
            return self.internal_problems(url)
        return []

    def is_other_origin(self, url: str) -> bool:
        if policy.is_same_site(url):
            return False
        return policy.origin_of(url) not in self.config.allowed_origins

    def internal_problems(self, url: str) -> list[tuple[str, str]]:
        """A link or image inside the site: it must name a file or page that exists."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith("#") or OTHER_PELICAN_LINKS.match(url):
            return []
        match = INTERNAL.match(url)
        if match:
            target = match["path"]
            root = self.config.content_root
            base = root if target.startswith("/") else self.source.path.parent
            resolved = os.path.normpath(os.path.relpath(base / target.lstrip("/"), root))
            if Path(resolved).as_posix() in self.config.known_files:
                return []
            return [
                (
                    f"'{url}' points at a file that does not exist",
                    "check the path: {filename} and {static} paths start from content/ "
                    "when they begin with /, else from this file's folder",
                )
            ]
        if url.startswith("/"):
            path = parts.path.lstrip("/")
            if (
                path in self.config.known_urls
                or path.removesuffix("index.html") in self.config.known_urls
            ):
                return []
            return [
                (
                    f"link to '{markup.shown(url)}', which is not a page of the site",
                    "link to the file instead: [text]({filename}/articles/<file>.md)",
                )
            ]
        return [
            (
                f"relative link '{markup.shown(url)}' breaks when pages move",
                "link to the file instead: [text]({filename}/articles/<file>.md)",
            )
        ]

    def check_questions(self) -> None:
        """A treatment page's questions section (faq.py): each question has an answer."""
        source = self.source
        heading = heading_for(source.get("lang") or SOURCE_LANGUAGE)
        if source.section != "pages" or source.get("template") != "treatment" or not heading:
            return
        for section in markdown_sections(source.body, heading):
            if not section.questions:
                self.report(
                    source.body_line + section.line,
                    f"the '## {heading}' section has no question",
                    f"write each question under it as a '### ' heading, its answer below it; "
                    f"or remove the '## {heading}' heading",
                )
            for question in section.questions:
                if not question.answered:
                    self.report(
                        source.body_line + question.line,
                        f"the question '{markup.shown(question.text)}' has no answer",
                        "write its answer below it, before the next heading",
                    )
