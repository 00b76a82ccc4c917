"""The Markdown reader, plus typography and image sizing, so that both are cached.

Pelican's content cache keeps what a reader returns. Doing the typesetting and
image sizing here, instead of on every content object after reading, lets a
warm rebuild skip them for every file that did not change. A body prepared
ahead (readahead.py) is taken as it is rather than made again.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from markdown import Markdown
from markdown.util import Registry
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from ..rendering import markup
from ..settings.options import context_of, options_of
from . import pelicancache, readahead


class ClinicMarkdownReader(MarkdownReader):
    """Markdown (as the content rules checked it), then typeset and images sized."""

    def read(self, source_path):
        """The body prepared ahead (readahead.py) when there is one, else read here, the
        same way (Markdown as markup.py runs it)."""
        with pelican_open(source_path) as text:
            reading = _reading_of(self.settings)
            prepared = reading.take(text, self.settings_key) if reading else None
        if prepared:
            return prepared[0], self.metadata_of(source_path, prepared[1])
        content, meta = markup.render_with_meta(text, self.settings_key)
        metadata = self.metadata_of(source_path, meta)
        options = options_of(self.settings)
        root, typeset_on = options.pelican.path, options.typeset
        return readahead.finish_body(content, typeset_on, root, Path(source_path).parent), metadata

    @cached_property
    def settings_key(self) -> str:
        return options_of(self.settings).markdown_key

    def metadata_of(self, source_path, meta: dict) -> dict:
        """Pelican's own processing (`_parse_metadata`) of a header read elsewhere.

        It needs a Markdown instance to render FORMATTED_FIELDS; with none (this
        site's setting) it only unregisters the header's preprocessor, so a bare
        registry stands in rather than a Markdown instance built for every file.
        """
        self._source_path = source_path
        if self.settings["FORMATTED_FIELDS"]:
            self._md = Markdown(**self.settings["MARKDOWN"])
        else:
            self._md = _HeaderOnly()
        return self._parse_metadata(meta)


def _reading_of(settings) -> readahead.ReadAhead | None:
    """The bodies the build prepared ahead (its context's memo holds them), if any."""
    memo = getattr(context_of(settings), "memo", None)
    return memo.reading if memo is not None else None


class _HeaderOnly:
    """What `_parse_metadata` touches of a Markdown instance when no field is formatted."""

    def __init__(self) -> None:
        self.preprocessors = Registry()
        self.preprocessors.register(object(), "meta", 0)


def use_clinic_reader(readers) -> None:
    """`readers_init` handler: read every Markdown extension with ClinicMarkdownReader,
    and save the cache whole, read again when a picture it shows changed (pelicancache.py):
    the Readers instance writes the only content cache files this site's builds keep (the
    reader layer, tools/build.py)."""
    for extension in ClinicMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ClinicMarkdownReader
    pelicancache.write_whole(readers)
    pelicancache.check_pictures(readers, options_of(readers.settings).pelican.path)
