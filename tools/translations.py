"""The theme's gettext catalogs: what the templates say, and what each catalog lacks.

`make translations` extracts the text of `theme/templates` with Babel and merges
it into every `theme/translations/<lang>/LC_MESSAGES/messages.po`, where new
text waits, untranslated, for a translator. `make lint` and the tests list what
a catalog lacks: text with no translation, or one still marked fuzzy.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "theme"
PLUGIN = ROOT / "plugins" / "clinic"
# As pelicanconf.py's JINJA_ENVIRONMENT reads the templates.
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}


def template_messages(theme: Path = THEME, plugin: Path = PLUGIN) -> Catalog:
    """Every translatable text of the theme's templates, and the plugin's `_("...")` words
    (breadcrumbs and other names it gives pages)."""
    catalog = Catalog(fuzzy=False)
    found = [
        *extract_from_dir(
            theme / "templates",
            method_map=[("**.html", "jinja2")],
            options_map={"**.html": JINJA_OPTIONS},
        ),
        *(
            (f"plugin:{name}", line, message, comments, context)
            for name, line, message, comments, context in extract_from_dir(
                plugin, method_map=[("**.py", "python")], keywords={"_": None}
            )
        ),
    ]
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def catalogs(theme: Path = THEME) -> dict[str, Path]:
    """Each language's catalog, by language code."""
    return {
        path.parent.parent.name: path
        for path in sorted((theme / "translations").glob("*/LC_MESSAGES/messages.po"))
    }


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def catalog_problems(theme: Path = THEME) -> list[str]:
    """One line per template text a catalog does not translate, or translates fuzzily."""
    wanted = template_messages(theme)
    problems = []
    for lang, path in catalogs(theme).items():
        catalog = read_catalog(path)
        where = path.relative_to(theme.parent) if theme.parent in path.parents else path
        for message in wanted:
            if not message.id:
                continue
            known = catalog.get(message.id, message.context)
            place = ", ".join(
                f"{file}:{line}" if file.startswith("plugin:") else f"templates/{file}:{line}"
                for file, line in message.locations
            )
            if known is None or not known.string:
                problems.append(
                    f"{where}: {message.id!r} ({place}) has no {lang} translation; "
                    "run `make translations`, then write its msgstr"
                )
            elif known.fuzzy:
                problems.append(
                    f"{where}: the {lang} translation of {message.id!r} is marked fuzzy; "
                    "check it, then remove the `#, fuzzy` line above it"
                )
    return problems


def update_catalogs(theme: Path = THEME) -> list[str]:
    """Merge the templates' text into every catalog; what each still lacks."""
    wanted = template_messages(theme)
    for path in catalogs(theme).values():
        catalog = read_catalog(path)
        catalog.update(wanted)
        # Babel's placeholders ("FULL NAME <EMAIL@ADDRESS>"); git records who translated.
        catalog.msgid_bugs_address = catalog.last_translator = ""
        with path.open("wb") as handle:
            write_po(handle, catalog, no_location=True, sort_output=True, width=88)
    return catalog_problems(theme)
