"""Each theme template compiled once per build, not once per generator and process.

Pelican gives every generator its own Jinja environment, and each compiles the
templates it renders (`base.html` three times over); after the writers' fork
(splitwrite.py) the second process compiles them all again. Compiled code kept
in the build's `CompiledTemplates` (its context's memo: the live preview keeps
one across its builds), by template and source, is shared by every environment of
the build and, compiled before the fork, by both writers. Nothing rendered changes:
Jinja reuses its own compiled code when the template's source is the same.
"""

from __future__ import annotations

import marshal
from pathlib import Path

from jinja2 import BytecodeCache, Environment, pass_context
from jinja2.bccache import Bucket
from markupsafe import Markup


class SharedCompiledTemplates(BytecodeCache):
    """Jinja's bytecode cache, held in memory as code objects."""

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        checksum, code = self._code.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = (bucket.checksum, bucket.code)

    def keep(self, key: str, checksum: str, code) -> None:
        self._code.setdefault(key, (checksum, code))

    def items(self):
        return list(self._code.items())


class CompiledTemplates:
    """A build's compiled templates: one store per way of compiling (the JINJA_ENVIRONMENT
    options shape the code)."""

    def __init__(self) -> None:
        self._stores: dict[str, SharedCompiledTemplates] = {}

    def __reduce__(self):
        """Never saved (code objects cannot be): the settings that hold it reach Pelican's
        content cache, and an empty one stands in for it when loaded."""
        return (CompiledTemplates, ())

    def store_for(self, options: dict) -> SharedCompiledTemplates:
        return self._stores.setdefault(repr(sorted(options.items())), SharedCompiledTemplates())

    def export(self) -> dict:
        """The code compiled so far, in the form `adopt` takes (code objects marshalled)."""
        return {
            key: {name: (checksum, marshal.dumps(code)) for name, (checksum, code) in store.items()}
            for key, store in self._stores.items()
        }

    def adopt(self, compiled: dict) -> None:
        """Take the code compiled elsewhere (`compiled_theme`) into these stores; a
        template is still compiled here if its source has changed since."""
        for key, codes in compiled.items():
            store = self._stores.setdefault(key, SharedCompiledTemplates())
            for name, (checksum, code) in codes.items():
                store.keep(name, checksum, marshal.loads(code))

    def compiled_yet(self) -> bool:
        """Whether any template has been compiled (or adopted) here."""
        return any(store.items() for store in self._stores.values())


def share_compiled_templates(generator, compiled: CompiledTemplates) -> None:
    """This generator's environment uses the build's shared store, and trusts it.

    Not through JINJA_ENVIRONMENT: settings reach the content cache, and code
    objects cannot be saved there.
    """
    options = generator.settings["JINJA_ENVIRONMENT"]
    generator.env.bytecode_cache = compiled.store_for(options)
    # Nor does Jinja look at each template file's time again at every include of
    # every page: a build's environment lives for that build only, whose theme
    # does not change under it (the live preview starts a new build, and new
    # environments, for each change).
    generator.env.auto_reload = False


def compile_theme(environment: Environment) -> None:
    """Compile every template of the theme now (before the writers' fork), once."""
    for name in environment.list_templates(extensions=["html", "xml"]):
        if not name.startswith("!"):  # Pelican's fallback theme, `!simple/...`
            environment.get_template(name)


def compiled_theme(
    settings: dict, compiled: CompiledTemplates, folders: tuple[Path, Path, Path]
) -> dict:
    """The theme compiled by an environment made as Pelican makes each generator's (its
    options, loaders, filters and extensions: a generator's own) into `compiled`, in the
    form `adopt` takes: the work of compile_theme, done in a second process while the
    build reads. `folders`: the build's content, theme and output (PelicanSite's)."""
    from pelican.generators import Generator

    path, theme, output = folders
    generator = Generator(
        context={}, settings=settings, path=str(path), theme=str(theme), output_path=str(output)
    )
    share_compiled_templates(generator, compiled)
    compile_theme(generator.env)
    return compiled.export()


class RenderedOnce:
    """The templates' `once(name, **given)`: the partial `name` rendered with `given`
    alone, the first time it is asked for with them, and the same markup after.

    For a part every page of an edition shows the same (the footer: a tenth of each
    page's rendering, its sixteen languages and its address), or that many pages show
    alike (an article in the lists, which name each article five times or more), which
    can read nothing of the page: what it is not given is undefined there. One per
    build run (a run is one edition, one language), so nothing is kept from one to the
    next.
    """

    # No attributes to fingerprint (build/incremental.py): what it holds is made from
    # the templates and the values given, which are.
    __slots__ = ("_made",)

    def __init__(self) -> None:
        self._made: dict[tuple, tuple[Markup, tuple]] = {}

    def __reduce__(self):
        """Pickled with the settings (Pelican's content cache): none made stands in."""
        return (RenderedOnce, ())

    def forget(self) -> None:
        """Let go of every part made (once every page is written: memory for what follows)."""
        self._made.clear()

    @pass_context
    def __call__(self, context, name: str, /, **given) -> Markup:
        values = tuple(given.values())
        key = (name, tuple(given), *map(id, values))
        # The page reads what it is given, made or not: the build's records of what each
        # page read (build/incremental.py, the environment's) note it, when it keeps any.
        records = getattr(context.environment, "clinic_records", None)
        if records is not None:
            records.note_given(values)
        if key not in self._made:  # the values kept with it: no id is reused meanwhile
            markup = Markup(context.environment.get_template(name).render(given))
            self._made[key] = (markup, values)
        return self._made[key][0]
