"""The Markdown reader, plus typography and image sizing, so that both are cached.

Pelican's content cache keeps what a reader returns. Doing the typesetting and
image sizing here, instead of on every content object after reading, lets a
warm rebuild skip them for every file that did not change. A body prepared
ahead on every core (readahead.py), or rendered by the content rules, is taken
as it is rather than made again.
"""

from __future__ import annotations

import logging
from pathlib import Path

from markdown import Markdown
from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED, MarkdownReader
from pelican.utils import pelican_open

from . import readahead
from .markup import markdown_settings_key, take_rendered

logger = logging.getLogger(__name__)


class ClinicMarkdownReader(MarkdownReader):
    """Markdown (as the content rules rendered and checked it), then typeset and images sized."""

    def read(self, source_path):
        """The body prepared ahead (readahead.py) when there is one, else read here."""
        with pelican_open(source_path) as text:
            key = markdown_settings_key(self.settings["MARKDOWN"])
            prepared = readahead.take(text, key)
            rendered = None if prepared else take_rendered(text, key)
        if prepared:
            return prepared[0], self.metadata_of(source_path, prepared[1])
        if rendered:
            content, metadata = rendered[0], self.metadata_of(source_path, rendered[1])
        else:
            content, metadata = super().read(source_path)
        typeset_on = self.settings.get("CLINIC_TYPOGRIFY", True)
        root = Path(self.settings["PATH"])
        return readahead.finish_body(content, typeset_on, root, Path(source_path).parent), metadata

    def metadata_of(self, source_path, meta: dict) -> dict:
        """Pelican's processing of a metadata header that was read elsewhere.

        Pelican's `_parse_metadata` needs a fresh Markdown instance only to render
        FORMATTED_FIELDS; with none (this site's setting), the same processing runs
        without building one for every file.
        """
        self._source_path = source_path
        if self.settings["FORMATTED_FIELDS"]:
            self._md = Markdown(**self.settings["MARKDOWN"])
            return self._parse_metadata(meta)
        output = {}
        for name, value in meta.items():
            name = name.lower()
            if not DUPLICATES_DEFINITIONS_ALLOWED.get(name, True):
                if len(value) > 1:
                    logger.warning(
                        "Duplicate definition of `%s` for %s. Using first one.", name, source_path
                    )
                output[name] = self.process_metadata(name, value[0])
            elif len(value) > 1:
                output[name] = self.process_metadata(name, value)
            else:
                output[name] = self.process_metadata(name, value[0])
        return output


def use_clinic_reader(readers) -> None:
    """`readers_init` handler: read every Markdown extension with ClinicMarkdownReader."""
    for extension in ClinicMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ClinicMarkdownReader
