"""SVG files that could run a script: an SVG is a document, and opened on its own it runs one.

A picture served from the site's own origin runs with the site's authority, and
the Content-Security-Policy of our pages does not cover it. So every SVG in
content/ is parsed as XML, safely (defusedxml: no entity expansion, no external
entities), and may hold drawing only: no script, no event handler, no foreign
HTML, no link to another scheme and nothing loaded from another origin.
"""

from __future__ import annotations

from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser

from ..core import policy


class _Inspector:
    """An ElementTree target that notes each problem with the line the parser is on."""

    def __init__(self) -> None:
        self.parser: DefusedXMLParser | None = None
        self.problems: list[tuple[int | None, str]] = []
        self.in_style = 0
        self.style_text: list[str] = []

    def line(self) -> int | None:
        expat = getattr(self.parser, "parser", None)
        return getattr(expat, "CurrentLineNumber", None)

    def note(self, message: str) -> None:
        self.problems.append((self.line(), message))

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        name = policy.local_name(tag)
        if name in policy.ACTIVE_ELEMENTS:
            self.note(f"has a <{name}> element")
        if policy.is_html_element(tag):
            self.note(f"holds HTML (<{name}>) inside the picture")
        if name == "style":
            self.in_style += 1
        for key, value in attributes.items():
            attribute = policy.local_name(key)
            if attribute.startswith("on"):
                self.note(f"has an event handler ({attribute}=)")
            elif attribute in policy.SVG_LINK_ATTRIBUTES:
                if not policy.is_same_site(value):
                    self.note(f"links to '{value[:60]}', outside the picture")
            elif (
                attribute == "attributename"
                and name in policy.ANIMATIONS
                and policy.local_name(value) == "href"
            ):
                self.note("animates a link's address")
            else:
                # `style`, and presentation attributes such as fill="url(...)", are CSS.
                self.check_css(value)

    def end(self, tag: str) -> None:
        if policy.local_name(tag) == "style":
            self.in_style -= 1
            if not self.in_style:
                # Read whole: the parser may hand the text over in pieces, split anywhere.
                self.check_css("".join(self.style_text))
                self.style_text.clear()

    def data(self, text: str) -> None:
        if self.in_style:
            self.style_text.append(text)

    def pi(self, target: str, text: str) -> None:
        if target.lower() == "xml-stylesheet":
            self.note("loads a stylesheet (<?xml-stylesheet?>), which may transform it into a page")

    def check_css(self, css: str) -> None:
        if policy.css_imports(css):
            self.note("imports another stylesheet (@import)")
        for url in policy.css_urls(css):
            if not policy.is_same_site(url):
                self.note(f"loads '{url[:60]}' from another site")

    def close(self) -> None:
        return None


def svg_problems(data: bytes) -> list[tuple[int | None, str]]:
    """(line, what is wrong) for each way an SVG file could run code or load another origin."""
    inspector = _Inspector()
    parser = DefusedXMLParser(target=inspector, forbid_dtd=False, forbid_entities=True)
    inspector.parser = parser
    try:
        parser.feed(data)
        parser.close()
    except EntitiesForbidden as error:
        message = f"declares an XML entity ('{error.name}'), which can expand without end"
        return [*inspector.problems, (inspector.line(), message)]
    except DefusedXmlException as error:
        return [
            *inspector.problems,
            (inspector.line(), f"refers to an external document ({error})"),
        ]
    except ParseError as error:
        line = error.position[0] if error.position else None
        return [*inspector.problems, (line, f"is not well-formed XML ({error.msg})")]
    return inspector.problems
