"""Content files as the writer wrote them: the metadata header with line numbers, and the body.

The content rules read the files themselves, before Pelican does, so that every
mistake is reported with its line, and none reaches Pelican's reader (which would
skip the file, or stop with a traceback).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

# Python-Markdown's meta extension: `Key: value`, continued by indented lines,
# up to the first blank line.
META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
META_CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)$")


@dataclass(frozen=True)
class MetaEntry:
    line: int
    key: str  # as written
    value: str


@dataclass(frozen=True)
class Source:
    """One content file, read and split; `metadata` is keyed by lower-case key."""

    path: Path
    shown: str  # the path as messages print it
    section: str  # "articles" or "pages"
    entries: tuple[MetaEntry, ...]
    body: str
    body_line: int  # line number of the body's first line
    text: str = ""  # the whole file, as Pelican's reader gets it

    @cached_property
    def _keyed(self) -> dict[str, list[MetaEntry]]:
        """The entries by lower-case key, in order: the rules ask a thousand files for
        their keys, fifteen times each."""
        keyed: dict[str, list[MetaEntry]] = {}
        for entry in self.entries:
            keyed.setdefault(entry.key.lower(), []).append(entry)
        return keyed

    def values(self, key: str) -> list[MetaEntry]:
        return list(self._keyed.get(key, ()))

    def get(self, key: str) -> str:
        found = self._keyed.get(key)
        return found[0].value if found else ""

    def line_of(self, key: str) -> int | None:
        found = self._keyed.get(key)
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


def read_source(path: Path, shown: str, section: str) -> Source:
    """Read and split a file; raises UnicodeDecodeError for a file that is not UTF-8."""
    # Decoded as Pelican's reader decodes it: BOM dropped, every line ending a newline.
    raw = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    entries, body, body_line = split_header(text)
    return Source(path, shown, section, tuple(entries), body, body_line, text)


def bad_utf8_line(path: Path, error: UnicodeDecodeError) -> int:
    """The line holding the first byte that is not UTF-8."""
    return path.read_bytes()[: error.start].count(b"\n") + 1
