"""Content files as the writer wrote them: the metadata header and the links, with line numbers.

The content rules read the files themselves, before Pelican does, so that every
mistake is reported with its line, and none reaches Pelican's reader (which would
skip the file, or stop with a traceback).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# Python-Markdown's meta extension: `Key: value`, continued by indented lines,
# up to the first blank line.
META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
META_CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)$")

# Links and images in Markdown and in raw HTML.
MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<url>[^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
MD_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\(\s*<?(?P<url>[^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
MD_REFERENCE = re.compile(r"^[ ]{0,3}\[(?P<id>[^\]]+)\]:\s*<?(?P<url>\S+?)>?(?:\s+.*)?$")
HTML_TAG = re.compile(r"<(?P<name>[a-zA-Z][a-zA-Z0-9]*)\b(?P<attrs>[^>]*)>")
HTML_ATTRIBUTE = re.compile(
    r"""(?P<name>[a-zA-Z-:]+)\s*(?:=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+)))?"""
)


@dataclass(frozen=True)
class MetaEntry:
    line: int
    key: str  # as written
    value: str


@dataclass(frozen=True)
class Reference:
    """A link or an embedded resource in the body."""

    line: int
    kind: str  # an HTML tag name: "a" and "img" for Markdown links and images too
    url: str
    alt: str | None = None  # images: the alternative text, None when there is none
    attributes: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    """One content file, read and split; `metadata` is keyed by lower-case key."""

    path: Path
    shown: str  # the path as messages print it
    section: str  # "articles" or "pages"
    entries: tuple[MetaEntry, ...]
    body: str
    body_line: int  # line number of the body's first line

    def values(self, key: str) -> list[MetaEntry]:
        return [entry for entry in self.entries if entry.key.lower() == key]

    def get(self, key: str) -> str:
        found = self.values(key)
        return found[0].value if found else ""

    def line_of(self, key: str) -> int | None:
        found = self.values(key)
        return found[0].line if found else None


def split_header(text: str) -> tuple[list[MetaEntry], str, int]:
    """The metadata entries, the body, and the line the body starts on."""
    lines = text.split("\n")
    entries: list[MetaEntry] = []
    index = 0
    for index, line in enumerate(lines):
        if not line.strip():
            break
        meta = META_LINE.match(line)
        more = META_CONTINUATION.match(line)
        if meta:
            entries.append(MetaEntry(index + 1, meta["key"], meta["value"].strip()))
        elif more and entries:
            last = entries[-1]
            entries[-1] = MetaEntry(last.line, last.key, f"{last.value} {more['value'].strip()}")
        else:
            break
    else:
        index = len(lines)
    body_start = index + 1 if index < len(lines) and not lines[index].strip() else index
    return entries, "\n".join(lines[body_start:]), body_start + 1


def _html_attributes(text: str) -> dict[str, str | None]:
    found = {}
    for match in HTML_ATTRIBUTE.finditer(text):
        value = match["dq"] if match["dq"] is not None else match["sq"]
        found[match["name"].lower()] = value if value is not None else match["bare"]
    return found


def references(body: str, first_line: int) -> list[Reference]:
    """Every link, image and HTML element with a URL (or none) in the body, in order."""
    found = []
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        found += [
            Reference(number, "img", m["url"], m["alt"].strip()) for m in MD_IMAGE.finditer(line)
        ]
        found += [Reference(number, "a", m["url"]) for m in MD_LINK.finditer(line)]
        reference = MD_REFERENCE.match(line)
        if reference and not reference["url"].startswith("#"):
            found.append(Reference(number, "a", reference["url"]))
        for tag in HTML_TAG.finditer(line):
            attributes = _html_attributes(tag["attrs"])
            name = tag["name"].lower()
            url = attributes.get("src") or attributes.get("href") or attributes.get("data") or ""
            alt = attributes.get("alt") if name == "img" else None
            found.append(Reference(number, name, url or "", alt, attributes))
    return found


def read_source(path: Path, shown: str, section: str) -> Source:
    """Read and split a file; raises UnicodeDecodeError for a file that is not UTF-8."""
    text = path.read_bytes().decode("utf-8")
    entries, body, body_line = split_header(text.removeprefix("\ufeff"))
    return Source(path, shown, section, tuple(entries), body, body_line)


def bad_utf8_line(path: Path, error: UnicodeDecodeError) -> int:
    """The line holding the first byte that is not UTF-8."""
    return path.read_bytes()[: error.start].count(b"\n") + 1
