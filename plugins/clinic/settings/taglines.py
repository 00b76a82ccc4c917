"""Language-assistance taglines: one short notice per language patients speak.

Section 1557 of the ACA (45 CFR 92.11) asks a clinic to tell patients, in the
languages they speak, that language assistance and auxiliary aids are free. The
clinic keeps one tagline per language in `CLINIC_LANGUAGE_TAGLINES`; each is shown
in its own language (`lang`), right to left where its script is (`dir`), named
as its speakers name it. `{phone}` in a tagline is the clinic's phone number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from ..core.problems import Problem

# HHS asks for taglines in at least the 15 languages most spoken in the state.
MIN_LANGUAGES = 15
SETTING = "CLINIC_LANGUAGE_TAGLINES"


@dataclass(frozen=True)
class Tagline:
    lang: str  # BCP 47, as in the page's `lang` attribute
    name: str  # the language's own name for itself: "Español", "Tiếng Việt"
    text: str
    direction: str  # "ltr" or "rtl"


def own_name(locale: Locale) -> str:
    name = locale.get_display_name(locale) or str(locale)
    return name[:1].upper() + name[1:]


def parse_taglines(raw: object, phone: str) -> tuple[tuple[Tagline, ...], list[Problem]]:
    """The taglines in the order the setting lists them, and what is wrong with it."""
    if raw is None:
        return (), []
    if not isinstance(raw, Mapping):
        fix = 'a dict: {"es": "ATENCIÓN: ...", ...}'
        return (), [Problem(SETTING, "expected a dict of language code to tagline", fix)]
    taglines, problems = [], []
    for lang, text in raw.items():
        where = f"{SETTING}[{lang!r}]"
        try:
            locale = Locale.parse(str(lang).replace("-", "_"))
        except (ValueError, UnknownLocaleError):
            fix = "use a language code such as es, vi, zh-Hant or ar"
            problems.append(Problem(where, "not a language code", fix))
            continue
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(where, "empty tagline", "write the tagline, or remove it"))
            continue
        direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
        body = " ".join(text.replace("{phone}", phone).split())
        taglines.append(Tagline(str(lang), own_name(locale), body, direction))
    return tuple(taglines), problems


def too_few(taglines: tuple[Tagline, ...]) -> Problem | None:
    """A warning while fewer languages are listed than HHS asks for."""
    if len(taglines) >= MIN_LANGUAGES:
        return None
    return Problem(
        SETTING,
        f"{len(taglines)} language(s); Section 1557 asks for the {MIN_LANGUAGES} most spoken "
        "in Arizona",
        "add HHS's translated sample taglines for the languages your patients speak",
        warning=True,
    )
