"""Characters a writer cannot see: spaces other than the space bar's, and zero-width marks.

Word, Google Docs and web pages paste them (a non-breaking space between a date and
its time, a zero-width space after a word); in a date, a name or an address they
make a value that looks right and is not. Messages name each one and where it is,
because the writer cannot find it by looking.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from types import MappingProxyType

# The ones pasted most often, by the name a writer can search for.
NAMES = MappingProxyType(
    {
        "\u00a0": "a non-breaking space",
        "\u2007": "a figure space",
        "\u202f": "a narrow non-breaking space",
        "\u2009": "a thin space",
        "\u200a": "a hair space",
        "\u3000": "a full-width space",
        "\u200b": "a zero-width space",
        "\u200c": "a zero-width non-joiner",
        "\u200d": "a zero-width joiner",
        "\u2060": "a word joiner",
        "\ufeff": "a byte-order mark",
        "\u00ad": "a soft hyphen",
    }
)
DATE_THEN_TIME = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


@dataclass(frozen=True)
class Invisible:
    """One invisible character in a value: which, where (0-based), and how to say both."""

    char: str
    index: int

    @property
    def name(self) -> str:
        known = NAMES.get(self.char)
        if known:
            return f"{known} (U+{ord(self.char):04X})"
        name = unicodedata.name(self.char, "unnamed").lower()
        return f"the invisible character {name} (U+{ord(self.char):04X})"

    @property
    def is_space(self) -> bool:
        """A space of another kind (it separates words): retyped, not deleted."""
        return unicodedata.category(self.char) == "Zs"


def is_invisible(char: str) -> bool:
    """A space other than U+0020, or a format character (zero-width, byte order mark)."""
    return (char != " " and unicodedata.category(char) in ("Zs", "Zl", "Zp", "Cf")) or (
        char in NAMES
    )


def invisibles(value: str) -> list[Invisible]:
    if value.isascii():  # most values: ASCII has no space but U+0020, no format character
        return []
    return [Invisible(char, index) for index, char in enumerate(value) if is_invisible(char)]


def marked(value: str) -> str:
    """The value as a message prints it: each invisible character shown by its code."""
    return "".join(f"[U+{ord(char):04X}]" if is_invisible(char) else char for char in value)


def place(value: str, found: Invisible, column: int | None) -> str:
    """Where the character is, in the writer's words: between a date and its time, or a column."""
    before, after = value[: found.index], value[found.index + 1 :]
    if DATE_THEN_TIME.match(before) and after[:1].isdigit():
        return "between the date and the time"
    if not before:
        return "at the start of the value"
    where = f"after '{before[-20:]}'"
    return f"at column {column}, {where}" if column else where


def fix(value: str, found: Invisible, key: str) -> str:
    """Retype a space; delete a zero-width mark. Both by hand: pasting brings it back."""
    if not found.is_space:
        return f"delete the invisible character: type the {key} again by hand, do not paste it"
    where = place(value, found, None)
    where = "" if where.startswith("at the start") else f" {where}"
    return f"retype the space{where} with the space bar (type it by hand, do not paste it)"
