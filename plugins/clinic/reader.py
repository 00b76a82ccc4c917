"""The Markdown reader, plus typography and image sizing, so that both are cached.

Pelican's content cache keeps what a reader returns. Doing the typesetting and
image sizing here, instead of on every content object after reading, lets a
warm rebuild skip them for every file that did not change.
"""

from __future__ import annotations

from pathlib import Path

from pelican.readers import MarkdownReader

from .images import prepare_images
from .typography import typeset


class ClinicMarkdownReader(MarkdownReader):
    """Markdown, then typeset (curly quotes, caps, widows) and images sized."""

    def read(self, source_path):
        content, metadata = super().read(source_path)
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
