"""Words the build fills in: `{clinic}` in a page becomes the clinic's name.

The pages every clinic needs (contact, privacy, accessibility, nondiscrimination, the
medical disclaimer) name the clinic without typing it, so that the clinic's facts
(clinic.toml) change every page at once. A Markdown extension fills the words in
before anything else reads the text, the header included, so every reader of a file
(the build, the content rules, the search) sees the same words. Braces around any
other word are left as written, and the content rules name them (a misspelt
`{clinc}` would otherwise be published as it is).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from markdown import Extension
from markdown.preprocessors import Preprocessor

WORD = re.compile(r"\{([a-z_]+)\}")
# The words, and what each stands for (the README's list).
NAMES = {
    "clinic": "the clinic's name",
    "short_name": "its short name",
    "city": "the city of its first location",
    "state": "its state",
    "phone": "its phone number, as patients dial it",
    "email": "its email address",
}
# Pelican's own words in braces, which start a link to another file ({filename}, {static}).
PELICAN_WORDS = frozenset({"filename", "static", "attach", "index", "tag", "category", "author"})


def known_words() -> str:
    """The words, each with what it stands for, as a fix lists them."""
    return ", ".join(f"{{{name}}} ({what})" for name, what in NAMES.items())


def fill(text: str, words: Mapping[str, str]) -> str:
    """`text` with every `{word}` the site knows replaced by its value."""
    if "{" not in text:
        return text
    return WORD.sub(lambda match: words.get(match[1], match[0]), text)


def unknown_words(line: str) -> list[str]:
    """The words in braces on `line` that the site does not fill in (nor Pelican reads)."""
    return [
        match[0]
        for match in WORD.finditer(line)
        if match[1] not in NAMES and match[1] not in PELICAN_WORDS
    ]


class _FillWords(Preprocessor):
    def __init__(self, md, words: Mapping[str, str]) -> None:
        super().__init__(md)
        self.words = dict(words)

    def run(self, lines: list[str]) -> list[str]:
        return [fill(line, self.words) for line in lines]


class WordsExtension(Extension):
    """Markdown extension `clinic.rendering.words`: configured with the clinic's words
    (pelicanconf.py's MARKDOWN), it fills them in before the header is read."""

    def __init__(self, **kwargs) -> None:
        self.config = {"words": [{}, "word -> the text that replaces {word}"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:
        # Before the header is read (meta, 27) and before anything else (normalize, 30).
        md.preprocessors.register(_FillWords(md, self.getConfig("words")), "clinic_words", 40)


def makeExtension(**kwargs) -> WordsExtension:
    return WordsExtension(**kwargs)
