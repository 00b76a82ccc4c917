"""The invented facts the repository ships with, still in place.

The site comes with placeholders where a clinic's own facts go: phone numbers from
the range reserved for fiction, addresses on the `.example` domain, an invented
provider and address, drawings standing in for photos. `make lint` names each one
still in the settings, on its own line of the file, until the clinic replaces it.
Only the values' strings are read (Python's tokenizer): a comment or a docstring that
mentions 555-0100 is not a fact.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

from ..core.problems import Problem

# (what a placeholder looks like, what it is, what replaces it), the first that matches.
PLACEHOLDERS = (
    (
        re.compile(r"\b555-?01\d\d\b"),
        "a phone number reserved for fiction (555-0100 to 555-0199)",
        "the clinic's own number",
    ),
    (
        re.compile(r"(?:[\w.+-]+@)?[\w.-]*\.example\b"),
        "an address on .example, a domain reserved for examples",
        "the clinic's own address",
    ),
    (
        re.compile(r"\bplaceholders/[\w./-]+"),
        "a drawing that stands in for a photo",
        "a photo of the clinic and its description",
    ),
    (
        re.compile(r"\b[Ee]xample\b"),
        "an invented name, provider or street",
        "the clinic's own",
    ),
)


def placeholder_problems(path: Path, shown: str | None = None) -> list[Problem]:
    """One warning for each line of a settings file whose strings still hold one of
    the repository's invented facts (the first such fact on the line)."""
    found: dict[int, Problem] = {}
    readline = io.StringIO(path.read_text(encoding="utf-8")).readline
    starts_a_line = True  # a string that starts a statement is a docstring, not a value
    for token in tokenize.generate_tokens(readline):
        docstring = starts_a_line and token.type == tokenize.STRING
        if token.type not in (tokenize.COMMENT, tokenize.NL):
            starts_a_line = token.type in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
        if token.type != tokenize.STRING or docstring:
            continue
        for pattern, what, replacement in PLACEHOLDERS:
            match = pattern.search(token.string)
            if match is None:
                continue
            line = token.start[0] + token.string.count("\n", 0, match.start())
            found.setdefault(
                line,
                Problem(
                    shown or path.name,
                    f"{match.group()!r} is a placeholder: {what}",
                    f"replace it with {replacement}",
                    line=line,
                    warning=True,
                ),
            )
            break
    return [found[line] for line in sorted(found)]
