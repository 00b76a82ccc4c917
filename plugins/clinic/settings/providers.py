"""The providers registry: who reviews the clinic's medical content."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from ..core.problems import Problem
from ..rendering.images import Image

KEY_FORMAT = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TYPES = ("Physician", "Person")
REQUIRED_FIELDS = ("name", "type", "job_title", "bio")
OPTIONAL_FIELDS = ("honorific_prefix", "credentials", "specialty", "languages", "photo")
# A form of address ("Dr.", "Dra.", "Prof.") is a word or two, never a sentence.
MAX_PREFIX = 20


TEAM_PATH = "providers/"


@dataclass(frozen=True)
class Provider:
    """One clinician, with the page that introduces them at `url` (below SITEURL).

    Every edition has its own page for them (`prefix` is the edition's place, "" or
    "es/"); the first edition's address names them in the JSON-LD of every edition.
    """

    key: str
    name: str
    type: str
    job_title: str
    bio_html: Markup
    honorific_prefix: str = ""
    credentials: tuple[str, ...] = ()
    specialty: str = ""
    languages: tuple[str, ...] = ()  # BCP 47 codes of the languages they speak with patients
    prefix: str = ""
    photo: Image | None = None  # {'path': ..., 'alt': ...} in the registry; a face, shown square

    @property
    def url(self) -> str:
        return f"{self.prefix}{self.canonical_url}"

    @property
    def canonical_url(self) -> str:
        return f"{TEAM_PATH}{self.key}/"

    @property
    def board_certified(self) -> bool:
        """A Fellow of the American Academy of Dermatology (FAAD) is board-certified."""
        return "FAAD" in self.credentials

    @property
    def full_name(self) -> str:
        """`Dr. Alex Example` (`Dra.` where the edition's data says so): the form of
        address is each provider's own, in each language, never the theme's."""
        return f"{self.honorific_prefix} {self.name}".strip()

    @property
    def display_name(self) -> str:
        """`Dr. Alex Example, MD, FAAD`: how a byline names them."""
        return ", ".join([self.full_name, *self.credentials])


def parse_provider(
    key: str, raw: object, render: Callable[[str], Markup]
) -> tuple[Provider | None, list[Problem]]:
    """Check one registry entry; problems name the setting to fix."""
    where = f"CLINIC_PROVIDERS[{key!r}]"
    problems = []
    if not KEY_FORMAT.match(key):
        problems.append(
            Problem(where, "key must be lower-case words joined by '-'", "e.g. 'dr-alex-example'")
        )
    if not isinstance(raw, Mapping):
        return None, [*problems, Problem(where, "expected a dict of fields")]
    problems += [
        Problem(where, f"missing required field {field!r}", f"add {field!r}")
        for field in REQUIRED_FIELDS
        if not isinstance(raw.get(field), str) or not raw[field].strip()
    ]
    problems += [
        Problem(where, f"unknown field {field!r}", f"use only {', '.join(REQUIRED_FIELDS)}, ...")
        for field in sorted(set(raw) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    ]
    if raw.get("type") not in (*TYPES, None):
        problems.append(
            Problem(f"{where}['type']", f"unknown type {raw['type']!r}", "use Physician or Person")
        )
    prefix = raw.get("honorific_prefix", "")
    if not isinstance(prefix, str) or len(prefix) > MAX_PREFIX or "\n" in prefix:
        problems.append(
            Problem(
                f"{where}['honorific_prefix']",
                "expected a short form of address",
                "e.g. 'Dr.', or 'Dra.' in the Spanish edition's CLINIC_PROVIDERS",
            )
        )
    credentials = raw.get("credentials", ())
    if isinstance(credentials, str) or not all(isinstance(c, str) for c in credentials):
        problems.append(
            Problem(f"{where}['credentials']", "expected a list of strings", "e.g. ['MD', 'FAAD']")
        )
    languages = raw.get("languages", ())
    if isinstance(languages, str) or not all(isinstance(code, str) for code in languages):
        problems.append(
            Problem(
                f"{where}['languages']", "expected a list of language codes", "e.g. ['en', 'es']"
            )
        )
    if problems:
        return None, problems
    return (
        Provider(
            key=key,
            name=raw["name"],
            type=raw["type"],
            job_title=raw["job_title"],
            bio_html=render(raw["bio"]),
            honorific_prefix=raw.get("honorific_prefix", ""),
            credentials=tuple(credentials),
            languages=tuple(languages),
            specialty=raw.get("specialty", ""),
        ),
        [],
    )
