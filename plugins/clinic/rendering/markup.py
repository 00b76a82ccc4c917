"""An article as a browser would see it: the elements of its rendered HTML and their addresses.

The content rules render each file with the site's own Markdown settings, parse
the result with an HTML5 parser (Lexbor, which follows the parsing algorithm that
browsers share, hidden comments and stray slashes included), and read every
address as the safety policy reads it (policy.py, with a WHATWG URL parser, ada).
So a disguised `javascript:` address, an entity in a scheme or a tag hidden from
a simpler parser is seen exactly as a patient's browser would see it, not as a
regular expression over the text.

The scans belong to a build (`Scans`, in its memo); the process keeps only one
Markdown instance per settings, reset for every file.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markdown import Markdown
from pelican.settings import DEFAULT_CONFIG
from selectolax.lexbor import LexborHTMLParser

from ..core import policy
from ..core.atomic import read_stored, write_atomically
from . import quicker_markdown

# Elements without attributes that the rules never need to see again.
PLAIN_TAGS = frozenset(
    {"html", "head", "body", "p", "li", "ul", "ol", "em", "strong", "b", "i", "br", "hr"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "code", "pre", "div", "span"}
    | {"table", "thead", "tbody", "tr", "td", "th", "sup", "sub", "dl", "dt", "dd", "abbr"}
)


@dataclass(frozen=True)
class Element:
    """One element of the rendered body: its tag and its attributes, entities decoded."""

    tag: str
    attributes: tuple[tuple[str, str], ...]

    def get(self, name: str) -> str | None:
        for key, value in self.attributes:
            if key == name:
                return value
        return None


@dataclass(frozen=True)
class Address:
    attribute: str
    value: str
    fetched: bool  # the browser loads it with the page (an image), rather than on a click


def markdown_settings_key(settings: dict) -> str:
    """The site's MARKDOWN setting, completed as Pelican's reader completes it, as a key.

    Pelican adds every configured extension, and `meta`, to the list in place on
    its first read; completing it here keeps the key the same before and after.
    """
    configs = dict(settings.get("extension_configs", {}))
    extensions = list(settings.get("extensions", []))
    extensions += [name for name in configs if name not in extensions]
    if "markdown.extensions.meta" not in extensions:
        extensions.append("markdown.extensions.meta")
    completed = {**settings, "extensions": extensions, "extension_configs": configs}
    return json.dumps(completed, sort_keys=True, default=str)


DEFAULT_MARKDOWN_KEY = markdown_settings_key(DEFAULT_CONFIG["MARKDOWN"])


@lru_cache(maxsize=4)
def _markdown(settings_key: str) -> Markdown:
    """One Markdown instance per settings, reset between files (quicker_markdown.py: the
    same output, with less work). Kept by the process, not a build: it holds no file's
    text once reset, and depends on the settings alone."""
    return quicker_markdown.install(Markdown(**json.loads(settings_key)))


def digest(text: str, settings_key: str) -> str:
    """A file's text and the Markdown settings, as one key."""
    return hashlib.sha256(f"{settings_key}\0{text}".encode()).hexdigest()


def render_with_meta(text: str, settings_key: str) -> tuple[str, dict]:
    """The rendered HTML and the metadata header, as Pelican's Markdown reader reads them."""
    converter = _markdown(settings_key).reset()
    html = converter.convert(text)
    return html, dict(getattr(converter, "Meta", {}))


def render(text: str, settings_key: str) -> str:
    """The HTML that Pelican's Markdown reader makes of a whole file (header included)."""
    return render_with_meta(text, settings_key)[0]


def scan_html(html: str) -> tuple[Element, ...]:
    """The elements of a rendered body that the content rules look at."""
    return tuple(
        element for element in elements(html) if element.attributes or element.tag not in PLAIN_TAGS
    )


class Scans:
    """What the rules need from each rendered file, by its text's digest: a build's (its
    context owns them), or the live preview's, kept across its builds. Also kept on disk
    between builds (`load`, `save`), so a warm build renders only changed files."""

    def __init__(self) -> None:
        self._found: dict[str, tuple[Element, ...]] = {}

    def has(self, text: str, settings_key: str) -> bool:
        return digest(text, settings_key) in self._found

    def remember(self, key: str, found: tuple[Element, ...]) -> None:
        """A scan made elsewhere (in a worker reading ahead)."""
        self._found[key] = found

    def scan(self, text: str, settings_key: str) -> tuple[Element, ...]:
        """The elements of a whole file's rendered body that the content rules look at.

        Usually known already (read ahead, or kept from the last build); else rendered here.
        """
        key = digest(text, settings_key)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = scan_html(render(text, settings_key))
        return found

    def clear(self) -> None:
        """Forget every scan (a build done checking: its memory goes to writing the site)."""
        self._found.clear()

    def load(self, path: Path) -> None:
        """Scans from an earlier build (plain JSON, never code); a missing file means none,
        and a bad one (cut short, garbage) is thrown away with a warning: the build scans
        again."""
        found = read_stored(
            path,
            lambda stored: {
                digest: tuple(
                    Element(tag, tuple(map(tuple, attributes))) for tag, attributes in seen
                )
                for digest, seen in stored.items()
            },
        )
        self._found.update(found or {})

    def save(self, path: Path, keep: set[str]) -> None:
        """Write the scans for the next build: those of the files as they are now (`keep`)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        stored = {
            digest: [
                [element.tag, [list(pair) for pair in element.attributes]] for element in found
            ]
            for digest, found in self._found.items()
            if digest in keep
        }
        write_atomically(path, json.dumps(stored, separators=(",", ":")).encode("utf-8"))


def elements(html: str) -> list[Element]:
    """Every element of an HTML fragment, in document order, as an HTML5 parser builds them.

    The document's own `html` and `body` elements are included: a `<body onload>`
    in an article hands its attributes to the page's body, as a browser does.
    """
    tree = LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{html}")
    if tree.root is None:
        return []
    found = []
    for node in tree.root.traverse(include_text=False):
        if not isinstance(node.tag, str) or node.tag.startswith(("-", "_")):
            continue
        attributes = tuple((name.lower(), value or "") for name, value in node.attributes.items())
        found.append(Element(node.tag.lower(), attributes))
    return found


def addresses(element: Element) -> list[Address]:
    """Every address an element holds, in attribute order, read as the policy reads them."""
    return [
        Address(name, url, name in policy.FETCHING_ATTRIBUTES)
        for name, value in element.attributes
        for url in policy.attribute_addresses(name, value)
    ]


CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def shown(address: str, limit: int = 60) -> str:
    """An address as a message may print it: control characters visible, long ones cut."""
    text = CONTROL_CHARACTERS.sub(lambda m: f"\\x{ord(m.group()):02x}", address)
    return text if len(text) <= limit else text[: limit - 1] + "…"
