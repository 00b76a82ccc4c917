"""The clinic's identity: its facts, read from one file (clinic.toml) into Pelican's settings.

A clinic makes the site its own by changing that file alone; pelicanconf.py takes every
fact from here (the name, places, phones, hours, colours, people, the Spanish edition's
facts) and derives the rest from them (the site's name, its author, the calls to
action). A value said differently in each language is a table keyed by language,
`{ en = "...", es = "..." }`; `in_language` picks an edition's. Problems name the file,
the line where the key is written, and the fix.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..core.colours import is_hex_colour
from ..core.problems import Problem, SettingsError
from .brand import COLOUR_KEYS

# What the file must say: every edition and page needs them.
REQUIRED = ("name", "short_name", "state", "time_zone", "website", "telephone", "email")
REQUIRED += ("booking_url", "phone_languages", "description", "tagline", "brand")
REQUIRED += ("coordinator", "locations")
# How each language names the clinic's own logo.
LOGO_ALT = {"en": "{clinic} logo", "es": "Logotipo de {clinic}"}
SYNTAX_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


def in_language(value: object, lang: str, languages: tuple[str, ...]) -> object:
    """`value` as edition `lang` says it: a table whose keys are all languages of the site
    is one value per language; other tables and lists are read through."""
    if isinstance(value, Mapping):
        if value and set(value) <= set(languages):
            return value.get(lang)
        return {key: in_language(item, lang, languages) for key, item in value.items()}
    if isinstance(value, list):
        return [in_language(item, lang, languages) for item in value]
    return value


def _missing_languages(
    value: object, languages: tuple[str, ...], path: str
) -> list[tuple[str, str]]:
    """(key path, language) for each table that gives some of the site's languages but
    not that one."""
    if isinstance(value, Mapping):
        if value and set(value) <= set(languages):
            return [(path, lang) for lang in languages if lang not in value]
        return [
            found
            for key, item in value.items()
            for found in _missing_languages(item, languages, f"{path}.{key}" if path else key)
        ]
    if isinstance(value, list):
        return [
            found
            for index, item in enumerate(value)
            for found in _missing_languages(item, languages, f"{path}[{index}]")
        ]
    return []


TABLE = re.compile(r"^\s*\[\[?\s*([\w.-]+)\s*\]\]?")
KEY = re.compile(r"^\s*([\w-]+)\s*=")


def line_of(text: str, key_path: str) -> int | None:
    """The line where a dotted key (`coordinator.title`, `locations[0].hours`) is written,
    or, for a key inside an inline table, the line of its nearest written parent: for a
    message a clinic can act on. None when no part of it is written."""
    wanted = re.sub(r"\[\d+\]", "", key_path).split(".")
    best, best_depth, table = None, 0, []
    for number, line in enumerate(text.split("\n"), start=1):
        header, key = TABLE.match(line), KEY.match(line)
        if header:
            table = header[1].split(".")
            path = table
        elif key:
            path = [*table, key[1]]
        else:
            continue
        if path == wanted[: len(path)] and len(path) > best_depth:
            best, best_depth = number, len(path)
    return best


@dataclass(frozen=True)
class ClinicFile:
    """The facts of one clinic, as the file gives them (every language's values)."""

    path: Path
    text: str
    data: Mapping
    languages: tuple[str, ...]

    def said_in(self, lang: str, key: str) -> object:
        return in_language(self.data.get(key), lang, self.languages)

    @property
    def demo(self) -> bool:
        return bool(self.data.get("demo"))

    @property
    def name(self) -> str:
        return str(self.data["name"])

    @property
    def website(self) -> str:
        return str(self.data["website"])

    @property
    def time_zone(self) -> str:
        return str(self.data["time_zone"])

    def clinic(self, lang: str) -> dict:
        """The CLINIC setting of edition `lang`."""
        said = {key: self.said_in(lang, key) for key in self.data}
        brand = said["brand"]
        own_logo = brand.get("logo") or ""
        coordinator = dict(said["coordinator"])
        coordinator.setdefault("mailing_address", None)
        locations = [
            {
                **place,
                "hours": [
                    (tuple(row["days"]), row["opens"], row["closes"]) for row in place["hours"]
                ],
            }
            for place in said["locations"]
        ]
        return {
            "name": said["name"],
            "short_name": said["short_name"],
            "state": said["state"],
            "description": said["description"],
            "telephone": said["telephone"],
            "email": said["email"],
            "booking_url": said["booking_url"],
            "price_range": said.get("price_range") or None,
            "same_as": list(said.get("same_as") or []),
            "phone_languages": list(said["phone_languages"]),
            "coordinator": coordinator,
            "locations": locations,
            "brand": {
                "initials": brand.get("initials", ""),
                "colors": {name: brand.get(name) for name in COLOUR_KEYS},
            },
            # None: drawn from the initials and colours (pages/brand.py); or the clinic's own.
            "logo": {
                "path": own_logo,
                "alt": LOGO_ALT.get(lang, LOGO_ALT["en"]).format(clinic=said["name"]),
            }
            if own_logo
            else None,
        }

    def providers(self, lang: str) -> dict:
        """The CLINIC_PROVIDERS setting of edition `lang`."""
        return dict(self.said_in(lang, "providers") or {})

    def hero(self, lang: str) -> dict | None:
        """The CLINIC_HERO_IMAGE setting of edition `lang` (None: no photo)."""
        return self.said_in(lang, "hero_image") or None

    def tagline(self, lang: str) -> str:
        return str(self.said_in(lang, "tagline") or "")

    def edition(self, lang: str) -> dict:
        """What edition `lang` says differently from the first edition: the facts, tagline,
        providers' words and photo that differ (editions.py lays them over the first's, so a
        setting changed for the whole site, as a test's override, reaches every edition)."""
        first = self.languages[0]
        clinic, base = self.clinic(lang), self.clinic(first)
        providers, base_providers = self.providers(lang), self.providers(first)
        return {
            "CLINIC": {key: value for key, value in clinic.items() if value != base.get(key)},
            "SITE_TAGLINE": self.tagline(lang),
            "CLINIC_PROVIDERS": {
                key: {
                    field: value
                    for field, value in entry.items()
                    if value != base_providers.get(key, {}).get(field)
                }
                for key, entry in providers.items()
            },
            "CLINIC_HERO_IMAGE": self.hero(lang),
        }


def read_clinic_file(path: Path, languages: tuple[str, ...]) -> ClinicFile:
    """The clinic's facts from `path`, in the site's `languages` (the first edition's
    first); SettingsError naming each line to fix when the file cannot serve."""
    shown = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SettingsError(
            [Problem(shown, f"cannot read the clinic's facts: {error.strerror}", _COPY_FIX)]
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        position = SYNTAX_POSITION.search(str(error))
        message = SYNTAX_POSITION.sub("", str(error)).strip()
        raise SettingsError(
            [
                Problem(
                    shown,
                    f"not valid TOML: {message}",
                    'write each fact as name = "value" (text in double quotes, a list in [ ])',
                    line=int(position[1]) if position else None,
                )
            ]
        ) from None
    problems = [
        Problem(shown, f"{key!r} is missing", f"add {key} (see README: Make it your clinic's site)")
        for key in REQUIRED
        if data.get(key) in (None, "", [], {})
    ]
    problems += [
        Problem(
            shown,
            f"{key_path} has no {lang!r} text",
            f"add the text in every language of the site ({', '.join(languages)})",
            line=line_of(text, key_path),
        )
        for key_path, lang in _missing_languages(data, languages, "")
    ]
    brand = data.get("brand") or {}
    problems += [
        Problem(
            shown,
            f"brand.{name} {brand.get(name)!r} is not a colour",
            'write it as # and six hex digits, e.g. "#0a5f66"',
            line=line_of(text, f"brand.{name}"),
        )
        for name in COLOUR_KEYS
        if not is_hex_colour(brand.get(name))
    ]
    if problems:
        raise SettingsError(problems)
    return ClinicFile(path, text, data, languages)


_COPY_FIX = "copy clinic.toml from the repository and change its facts"
