"""The invented facts the repository ships with, still in place.

The site comes with placeholders where a clinic's own facts go: phone numbers from
the range reserved for fiction, addresses on the `.example` domain, an invented
provider and address, drawings standing in for photos. `make lint` names each one
still in clinic.toml, the settings or the content, on its own line, until the clinic
replaces it; `make github` will not publish a site that has any unless clinic.toml
says it is a demo. In the settings only the values are read (Python's tokenizer, or
TOML's strings and table names): a comment that mentions 555-0100 is not a fact.
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
        re.compile(r"\b[\w-]+-example\b"),
        "an invented provider",
        "a provider of the clinic's, from clinic.toml",
    ),
    (
        re.compile(r"\b[Ee]xample\b"),
        "an invented name, provider or street",
        "the clinic's own",
    ),
)


# In pages, where "for example" is ordinary English, all but the last.
CONTENT_PLACEHOLDERS = PLACEHOLDERS[:-1]
# A TOML line's strings (basic or literal), its comment, or a multi-line string's quotes.
TOML_PART = re.compile(r'"""|\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#.*')
TABLE_HEADER = re.compile(r"^\s*\[\[?([^\]]+)\]\]?")


def _warning(shown: str, line: int, found: str, what: str, replacement: str) -> Problem:
    return Problem(
        shown,
        f"{found!r} is a placeholder: {what}",
        f"replace it with {replacement}",
        line=line,
        warning=True,
    )


def _first_match(text: str, patterns=PLACEHOLDERS):
    """The first placeholder in `text`: (match, what it is, what replaces it), or None."""
    for pattern, what, replacement in patterns:
        match = pattern.search(text)
        if match is not None:
            return match, what, replacement
    return None


def toml_placeholder_problems(path: Path, shown: str | None = None) -> list[Problem]:
    """One warning for each line of a TOML file (clinic.toml) whose values or table names
    still hold one of the repository's invented facts."""
    found, closing = [], ""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        values = []
        if closing:  # inside a multi-line string: the line is a value, up to its end
            end = line.find(closing)
            values.append(line if end < 0 else line[:end])
            if end < 0:
                continue
            line, closing = line[end + 3 :], ""
        header = TABLE_HEADER.match(line)
        if header:
            values.append(header[1])
        at = 0
        while (part := TOML_PART.search(line, at)) is not None:
            token, at = part[0], part.end()
            if token.startswith("#"):
                break
            if token in ('"""', "'''"):  # a multi-line string, maybe closed on this line
                end = line.find(token, at)
                values.append(line[at:] if end < 0 else line[at:end])
                if end < 0:
                    closing = token
                    break
                at = end + 3
                continue
            values.append(token)
        hit = next((m for m in (_first_match(value) for value in values) if m), None)
        if hit:
            match, what, replacement = hit
            found.append(_warning(shown or path.name, number, match.group(), what, replacement))
    return found


def content_placeholder_problems(root: Path, shown_root: str) -> list[Problem]:
    """One warning for each line of a Markdown file under `root` that still holds an
    invented phone number, address, picture or provider."""
    found = []
    for path in sorted(root.rglob("*.md")):
        shown = f"{shown_root}/{path.relative_to(root).as_posix()}"
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.split("\n"), start=1):
            hit = _first_match(line, CONTENT_PLACEHOLDERS)
            if hit:
                match, what, replacement = hit
                found.append(_warning(shown, number, match.group(), what, replacement))
    return found


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
