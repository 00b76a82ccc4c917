"""Language-assistance taglines: one short notice per language patients speak.

Section 1557 of the ACA (45 CFR 92.11) asks a clinic to tell patients, in English
and in the 15 languages most spoken by people with limited English proficiency in
its state, that language assistance and auxiliary aids are free. The clinic keeps
them in a data file (`taglines.toml`, named by `CLINIC_LANGUAGE_TAGLINES`) so that
a clinic in another state replaces the list in one place; a plain dict of language
code to tagline also works. Each is shown in its own language (`lang`), right to
left where its script is (`dir`), named as its speakers name it. `{phone}` is the
clinic's number and `{clinic}` its name.
"""

from __future__ import annotations

import gc
import os
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError, localedata
from markupsafe import Markup, escape

from ..core.problems import Problem
from ..rendering.words import fill

# HHS asks for taglines in at least the 15 languages most spoken in the state,
# besides English.
MIN_LANGUAGES = 15
SETTING = "CLINIC_LANGUAGE_TAGLINES"
ENTRY_KEYS = frozenset({"code", "tagline", "name", "english", "unchecked", "short"})
# Runs of ASCII white space, folded to one space; a non-breaking space (French
# "ATTENTION\u202f:") is the writer's choice, and stays.
_SPACES = re.compile(r"[ \t\r\n]+")
FILE_KEYS = frozenset({"state", "source", "languages"})


@dataclass(frozen=True)
class Tagline:
    lang: str  # BCP 47, as in the page's `lang` attribute
    name: str  # the language's own name for itself: "Español", "Tiếng Việt"
    text: str
    direction: str  # "ltr" or "rtl"
    # The text as HTML: the phone number isolated, so that right-to-left text
    # does not turn "(480) 555-0100" into "555-0100 (480)".
    html: Markup
    # Why no fluent reader has checked it yet ("" once one has): make lint says so.
    unchecked: str = ""
    # A few words in the language, for the footer of every page ("" for none): the
    # first languages' short forms lead patients to the whole tagline.
    short: str = ""


@dataclass(frozen=True)
class Taglines:
    """The taglines in the order listed, with the state they were chosen for."""

    items: tuple[Tagline, ...] = ()
    state: str = ""  # from the data file; "" when the setting is a plain dict
    origin: str = SETTING  # what to name in a warning: the setting or the file

    def __iter__(self) -> Iterator[Tagline]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> Tagline:
        return self.items[index]

    def short_forms(self) -> tuple[Tagline, ...]:
        """The taglines with a short form, for every page's footer, in the file's order."""
        return tuple(tagline for tagline in self.items if tagline.short)

    def languages_besides_english(self) -> frozenset[str]:
        """Each language once (zh-Hant and zh-Hans are one), English left out."""
        return frozenset(t.lang.split("-")[0].lower() for t in self.items) - {"en"}


def own_name(locale: Locale) -> str:
    name = locale.get_display_name(locale) or str(locale)
    return name[:1].upper() + name[1:]


def locale_facts(code: str) -> tuple[str, str]:
    """A language's own name and its direction ("Tiếng Việt", "ltr"), read from CLDR; a
    failed parse raises ValueError or UnknownLocaleError. Call it within
    `locale_data_let_go`: Babel keeps each locale it loads."""
    locale = Locale.parse(code.replace("-", "_"))
    direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
    return own_name(locale), direction


@contextmanager
def locale_data_let_go() -> Iterator[None]:
    """Babel keeps every locale it loads for the life of the process (its `_cache`): the
    sixteen taglines' locales held 15 MB of a build's peak memory, for two words each.
    Those loaded within the block are let go at its end, and collected then: Babel's
    data holds reference cycles, which would otherwise wait for the collector's next
    full pass, long after. Around one language at a time, a build holds one language's
    data at most. Locales loaded before (CLDR's root, the site's own) stay."""
    kept = getattr(localedata, "_cache", None)
    before = set(kept) if isinstance(kept, dict) else set()
    try:
        yield
    finally:
        dropped = set(kept) - before if isinstance(kept, dict) else set()
        for name in dropped:
            kept.pop(name, None)
        if dropped:
            gc.collect(1)  # young: loaded within the block, a full pass costs 4 ms


def _read_file(path: Path) -> tuple[object, list[Problem]]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle), []
    except FileNotFoundError:
        fix = "point it at the taglines data file, e.g. HERE / 'taglines.toml'"
        return None, [Problem(SETTING, f"no file at {path}", fix)]
    except tomllib.TOMLDecodeError as error:
        return None, [Problem(path.name, f"not valid TOML: {error}", "fix the file's syntax")]


def _entries(
    raw: Mapping, origin: str
) -> tuple[list[tuple[str, object, object, object]], list[Problem]]:
    """(where, code, tagline, name) for each language in the data file's shape."""
    problems = [
        Problem(origin, f"unknown key {key!r}", f"use {', '.join(sorted(FILE_KEYS))}")
        for key in raw
        if key not in FILE_KEYS
    ]
    languages = raw.get("languages")
    if not isinstance(languages, list):
        fix = "add a [[languages]] table per language, with code and tagline"
        return [], [*problems, Problem(origin, "expected a list of [[languages]]", fix)]
    entries = []
    for number, entry in enumerate(languages, 1):
        where = f"{origin}: languages #{number}"
        if not isinstance(entry, Mapping):
            problems.append(Problem(where, "expected a table", "code = ..., tagline = ..."))
            continue
        where = f"{where} ({entry.get('code')})"
        for key in entry:
            if key not in ENTRY_KEYS:
                fix = f"use {', '.join(sorted(ENTRY_KEYS))}"
                problems.append(Problem(where, f"unknown key {key!r}", fix))
        entries.append(
            (
                where,
                entry.get("code"),
                entry.get("tagline"),
                entry.get("name"),
                entry.get("unchecked"),
                entry.get("short"),
            )
        )
    return entries, problems


def _html(text: str, phone: str, clinic: str) -> Markup:
    number = Markup('<bdi dir="ltr">{}</bdi>').format(phone)
    return number.join(escape(fill(part, {"clinic": clinic})) for part in text.split("{phone}"))


def parse_taglines(
    raw: object,
    phone: str,
    clinic: str = "",
    facts: Callable[[str], tuple[str, str]] = locale_facts,
) -> tuple[Taglines, list[Problem]]:
    """The taglines in the order listed, and what is wrong with them.

    `raw` is the data file's path, a mapping in the file's shape, or a plain dict
    of language code to tagline. `facts` names a language and gives its direction
    (`locale_facts`, or the editions' shared reading of it: EditionsBuild)."""
    if raw is None:
        return Taglines(), []
    origin, state = SETTING, ""
    if isinstance(raw, str | os.PathLike):
        path = Path(raw)
        raw, problems = _read_file(path)
        if problems:
            return Taglines(), problems
        origin = path.name
    if not isinstance(raw, Mapping):
        fix = "the path of taglines.toml, or a dict of language code to tagline"
        return Taglines(), [Problem(SETTING, "expected a data file or a dict", fix)]
    if "languages" in raw:
        entries, problems = _entries(raw, origin)
        state = str(raw.get("state") or "")
    else:
        entries = [
            (f"{SETTING}[{code!r}]", code, text, None, None, None) for code, text in raw.items()
        ]
        problems = []
    taglines = _taglines(entries, phone, clinic, facts, problems)
    return Taglines(tuple(taglines), state, origin), problems


def _taglines(entries, phone: str, clinic: str, facts, problems: list[Problem]) -> list[Tagline]:
    taglines = []
    for where, lang, text, name, unchecked, short in entries:
        try:
            with locale_data_let_go():  # one language's data at a time
                own, direction = facts(str(lang))
        except (ValueError, UnknownLocaleError):
            fix = "use a language code such as es, vi, zh-Hant or ar"
            problems.append(Problem(where, "not a language code", fix))
            continue
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(where, "empty tagline", "write the tagline, or remove it"))
            continue
        text = _SPACES.sub(" ", text).strip()
        body = fill(text, {"phone": phone, "clinic": clinic})
        shown = str(name) if name else own
        html = _html(text, phone, clinic)
        note = str(unchecked or "")
        brief = _SPACES.sub(" ", str(short or "")).strip()
        taglines.append(Tagline(str(lang), shown, body, direction, html, note, brief))
    return taglines


def tagline_warnings(taglines: Taglines, clinic_state: str = "") -> list[Problem]:
    """What `make lint` says of the taglines: chosen for another state than the clinic's,
    too few languages, and any tagline that no fluent reader has checked yet (published
    meanwhile: a notice in the patient's language, even unchecked, serves them better
    than none)."""
    problems = [problem for problem in [other_state(taglines, clinic_state)] if problem]
    problems += [problem for problem in [too_few(taglines)] if problem]
    problems += [
        Problem(
            f"{taglines.origin}: {tagline.lang} ({tagline.name})",
            f"not yet checked by a fluent reader: {tagline.unchecked}",
            "have a qualified translator check it against HHS's sample, then remove `unchecked`",
            warning=True,
        )
        for tagline in taglines
        if tagline.unchecked
    ]
    return problems


def other_state(taglines: Taglines, clinic_state: str) -> Problem | None:
    """A warning when the taglines were chosen for another state than the clinic's
    (clinic.toml's `state`): the languages most spoken differ from state to state."""
    if not taglines.state or not clinic_state or taglines.state == clinic_state:
        return None
    return Problem(
        taglines.origin,
        f"the taglines are those of {taglines.state}, and the clinic is in {clinic_state} "
        "(clinic.toml)",
        f"replace its state, [source] and [[languages]] with {clinic_state}'s, from HHS's "
        "list for the state",
        warning=True,
    )


def too_few(taglines: Taglines) -> Problem | None:
    """A warning while fewer languages besides English are listed than HHS asks for."""
    count = len(taglines.languages_besides_english())
    if count >= MIN_LANGUAGES:
        return None
    state = taglines.state or "the clinic's state"
    return Problem(
        taglines.origin,
        f"{count} language(s) besides English; Section 1557 asks for the {MIN_LANGUAGES} "
        f"most spoken by people with limited English proficiency in {state}",
        "add HHS's translated sample taglines for the languages your patients speak",
        warning=True,
    )
