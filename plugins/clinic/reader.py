"""The Markdown reader, plus typography and image sizing, so that both are cached.

Pelican's content cache keeps what a reader returns. Doing the typesetting and
image sizing here, instead of on every content object after reading, lets a
warm rebuild skip them for every file that did not change.
"""

from __future__ import annotations

from pathlib import Path

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from .images import prepare_images
from .markup import markdown_settings_key, take_rendered
from .typography import typeset


class ClinicMarkdownReader(MarkdownReader):
    """Markdown (as the content rules rendered and checked it), then typeset and images sized."""

    def read_markdown(self, source_path):
        """Pelican's Markdown reading, taking the rules' rendering of the file when there is one."""
        with pelican_open(source_path) as text:
            kept = take_rendered(text, markdown_settings_key(self.settings["MARKDOWN"]))
        if kept is None:
            return super().read(source_path)
        self._source_path = source_path
        self._md = Markdown(**self.settings["MARKDOWN"])
        html, meta = kept
        return html, self._parse_metadata(meta)

    def read(self, source_path):
        content, metadata = self.read_markdown(source_path)
        if not content:
            return content, metadata
        if self.settings.get("CLINIC_TYPOGRIFY", True):
            content = typeset(content)
        if "<img" in content:
            root = Path(self.settings["PATH"])
            content = prepare_images(content, root, Path(source_path).parent)
        return content, metadata


def use_clinic_reader(readers) -> None:
    """`readers_init` handler: read every Markdown extension with ClinicMarkdownReader."""
    for extension in ClinicMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ClinicMarkdownReader
