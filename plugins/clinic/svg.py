"""SVG files that could run a script: an SVG is a document, and opened on its own it runs one.

A picture served from the site's own origin runs with the site's authority, and
the Content-Security-Policy of our pages does not cover it. So every SVG in
content/ is parsed as XML, safely (defusedxml: no entity expansion, no external
entities), and may hold drawing only: no script, no event handler, no foreign
HTML, no link to another scheme and nothing loaded from another origin.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser

from .markup import is_same_site

# Elements that run code, embed other documents, or carry HTML into the picture.
ACTIVE_ELEMENTS = frozenset(
    {
        "script",
        "foreignobject",
        "handler",
        "listener",
        "iframe",
        "embed",
        "object",
        "audio",
        "video",
    }
)
# Animations that could set a link's address after the file was checked.
ANIMATIONS = frozenset({"animate", "set", "animatemotion", "animatetransform", "discard"})
LINK_ATTRIBUTES = frozenset({"href", "src"})
CSS_URL = re.compile(r"url\(\s*(['\"]?)(?P<url>[^'\")]*)\1\s*\)", re.IGNORECASE)
CSS_IMPORT = re.compile(r"@import", re.IGNORECASE)


def _local(name: str) -> str:
    """`{namespace}name` or `prefix:name` without its namespace, lower-cased."""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def is_local_address(address: str) -> bool:
    """A fragment or a path on this site, as a browser resolves it: no other scheme or host."""
    return not address.strip() or is_same_site(address)


class _Inspector:
    """An ElementTree target that notes each problem with the line the parser is on."""

    def __init__(self) -> None:
        self.parser: DefusedXMLParser | None = None
        self.problems: list[tuple[int | None, str]] = []
        self.in_style = 0

    def line(self) -> int | None:
        expat = getattr(self.parser, "parser", None)
        return getattr(expat, "CurrentLineNumber", None)

    def note(self, message: str) -> None:
        self.problems.append((self.line(), message))

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        name = _local(tag)
        if name in ACTIVE_ELEMENTS:
            self.note(f"has a <{name}> element")
        if "xhtml" in tag.lower():
            self.note(f"holds HTML (<{name}>) inside the picture")
        if name == "style":
            self.in_style += 1
        for key, value in attributes.items():
            attribute = _local(key)
            if attribute.startswith("on"):
                self.note(f"has an event handler ({attribute}=)")
            elif attribute in LINK_ATTRIBUTES and not is_local_address(value):
                self.note(f"links to '{value[:60]}', outside the picture")
            elif attribute == "style":
                self.check_css(value)
            elif attribute == "attributename" and name in ANIMATIONS and _local(value) == "href":
                self.note("animates a link's address")

    def end(self, tag: str) -> None:
        if _local(tag) == "style":
            self.in_style -= 1

    def data(self, text: str) -> None:
        if self.in_style:
            self.check_css(text)

    def pi(self, target: str, text: str) -> None:
        if target.lower() == "xml-stylesheet":
            self.note("loads a stylesheet (<?xml-stylesheet?>), which may transform it into a page")

    def check_css(self, css: str) -> None:
        if CSS_IMPORT.search(css):
            self.note("imports another stylesheet (@import)")
        for match in CSS_URL.finditer(css):
            if not is_local_address(match["url"]):
                self.note(f"loads '{match['url'][:60]}' from another site")

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
