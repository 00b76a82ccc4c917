"""The theme's words in the build's language: gettext catalogs read with Babel.

Each language other than English has `theme/translations/<lang>/LC_MESSAGES/messages.po`,
written by people and kept in git. It is compiled in memory at build time, so no
binary `.mo` file is committed or goes stale. English is the templates' own text.
Dates are written by Babel in the language's own way ("15 de enero de 2025").

The process keeps the compiled catalogs (by file and its time) and the dates written
(by day and language): pure functions of their keys, no build's state.
"""

from __future__ import annotations

import gettext
from datetime import date, datetime
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations
from jinja2 import Environment, pass_context
from markupsafe import Markup

from ..core.problems import ClinicError, Problem, display_path

SOURCE_LANGUAGE = "en"


class CatalogError(ClinicError):
    def __init__(self, problem: Problem) -> None:
        super().__init__([problem], "A translation catalog cannot be read:")


def catalog_path(theme: Path, lang: str) -> Path:
    return theme / "translations" / lang / "LC_MESSAGES" / "messages.po"


@lru_cache(maxsize=8)
def _compiled(path: Path, stamp: float) -> Translations:
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except PoFileError as error:
        # Babel counts lines from 0, and ends its message with that count.
        where = f"{display_path(path)}:{error.lineno + 1}"
        detail = str(error).rsplit(" on ", 1)[0]
        problem = Problem(where, detail, "write it as the entries around it are written")
        raise CatalogError(problem) from None
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)  # a fuzzy entry is not a translation yet
    compiled.seek(0)
    return Translations(compiled)


def translations_for(theme: Path, lang: str) -> gettext.NullTranslations:
    """The theme's catalog for `lang`; the templates' own English for English."""
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    path = catalog_path(theme, lang)
    if not path.is_file():
        problem = Problem(
            display_path(path),
            f"no catalog for the language {lang!r}",
            "add it (README, Languages)",
        )
        raise CatalogError(problem)
    return _compiled(path, path.stat().st_mtime)


def install_translations(environment: Environment, theme: Path, lang: str) -> None:
    """A generator's templates (its `environment`) speak the build's language, `lang`, in
    the words of `theme`'s catalog."""
    if "jinja2.ext.InternationalizationExtension" not in environment.extensions:
        environment.add_extension("jinja2.ext.i18n")
    translations = translations_for(theme, lang)
    environment.install_gettext_translations(translations, newstyle=True)
    quick = remembered_gettext(translations.gettext)
    environment.globals.update(gettext=quick, _=quick)
    environment.filters["long_date"] = lambda value: long_date(value, lang)
    environment.filters["language_name"] = lambda code: language_name(code, lang)
    environment.filters["language_list"] = lambda codes: language_list(codes, lang)


def remembered_gettext(translate):
    """Jinja's newstyle `gettext` (and `_`, which calls it), each text without values
    translated once per build run: Jinja's own passes every call through two more calls
    of the template context's and marks the text safe again, 6 µs a text, about thirty
    texts a page. The same result: the text marked safe where the template escapes,
    then formatted with its values (none: `%%` written `%`)."""
    known: dict[tuple[str, bool], str] = {}

    @pass_context
    def gettext(context, string: str, **variables):
        autoescape = context.eval_ctx.autoescape
        if variables:
            found = translate(string)
            return (Markup(found) if autoescape else found) % variables
        key = (string, autoescape)
        if key not in known:
            found = translate(string)
            known[key] = (Markup(found) if autoescape else found) % {}
        return known[key]

    return gettext


def long_date(value: date | datetime | None, lang: str) -> str:
    """A date as a reader of `lang` writes it out: "January 15, 2025", "15 de enero de 2025"."""
    if value is None:
        return ""
    # Babel writes a datetime's day alone; one day is written once per language
    # (a list page names ten, and the same ones recur on page after page).
    return _long_day(value.date() if isinstance(value, datetime) else value, lang)


@lru_cache(maxsize=8192)
def _long_day(day: date, lang: str) -> str:
    return format_date(day, format="long", locale=lang)


def language_list(codes: list[str], lang: str) -> str:
    """Languages as a reader of `lang` lists them: "English and Spanish", "inglés y español"."""
    return format_list([language_name(code, lang) for code in codes], locale=lang.replace("-", "_"))


def language_name(code: str, lang: str) -> str:
    """A language's name as a reader of `lang` writes it: "Spanish", "español"."""
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(lang.replace("-", "_")) or code
    except (ValueError, UnknownLocaleError):
        return code
