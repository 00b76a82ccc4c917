"""A Pelican writer that honours WRITE_SELECTED before rendering, not after.

Pelican's own writer renders every template and only then skips writing the
pages that are not selected. The live preview rebuilds one page at a time, so
skipping the rendering too is what makes an edit show in well under a second.
With WRITE_SELECTED empty (every normal build) it behaves exactly as Pelican's,
except that a full build shares the pages between two processes (splitwrite.py), and
that a file already holding a page's bytes is left as it is (recycling.py).
"""

from __future__ import annotations

import io
import logging
import os

from pelican.writers import FileOverwriteFailedError, Writer

from ..core.recycling import write_unless_same
from ..settings.options import context_of, options_of
from . import splitwrite
from .incremental import KEPT, PageRecords

logger = logging.getLogger(__name__)


class SelectiveWriter(Writer):
    def __init__(self, output_path, settings=None) -> None:
        super().__init__(output_path, settings=settings)
        selected = options_of(settings).selected if settings else ()
        self._paths = {os.path.realpath(item) for item in selected}
        # The output folder resolved once: below it, the build writes no links, so a
        # page's path needs no look at the disk (a thousand pages, a thousand looks).
        self._root = os.path.realpath(output_path)
        self._processes = processes_of(settings)  # the pages shared out: splitwrite.py
        build = context_of(settings) if settings else None
        self._pages = build.pages if build is not None else PageRecords(None, None)

    def _selected(self, name: str) -> bool:
        if not self._paths:
            return True
        return os.path.normpath(os.path.join(self._root, name)) in self._paths

    def write_file(self, name, template, context, *args, **kwargs):
        if name and not self._selected(name):
            return None
        if not self._processes.share().mine():
            return None
        if self._pages.active:  # rendered only when what it read changed: incremental.py
            template = _Recorded(template, self._pages)
        return super().write_file(name, template, context, *args, **kwargs)

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        if path and not self._selected(path):
            return None
        if self._processes.is_child:
            return None  # the feeds are the parent's
        return super().write_feed(elements, context, path, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        """Pelican's (4.12) check that no file is written twice, then a file that is written
        when it is closed, unless it holds those bytes already (recycling.py)."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            logger.info('Skipping "%s", not overwriting', filename)
            return _Skipped()  # the write Pelican sends to os.devnull
        if filename in self._written_files:
            if not override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" as Pelican has already written to it '
                    "previously (set `override=True` if intended)"
                )
            logger.info('Overwriting "%s"', filename)
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _WrittenUnlessSame(filename, encoding)


class _Recorded:
    """A template whose pages render through the build's records (`render` is all Pelican's
    writer asks of a template)."""

    def __init__(self, template, pages: PageRecords) -> None:
        self.template, self.pages = template, pages

    def render(self, localcontext: dict) -> str:
        return self.pages.render(self.template, localcontext)


class _WrittenUnlessSame(io.StringIO):
    """A page's text, written to `path` as the `with` block that wrote it ends, unless the
    file holds those bytes already; nothing is written when the block fails, nor for a
    page kept where it is (incremental.KEPT)."""

    def __init__(self, path: str, encoding: str) -> None:
        super().__init__()
        self.path, self.encoding_out = path, encoding
        self.kept = False

    def write(self, text) -> int:
        if text is KEPT:
            self.kept = True
            return 0
        return super().write(text)

    def __exit__(self, kind, error, trace):
        try:
            if kind is None and not self.kept:
                write_unless_same(self.path, self.getvalue().encode(self.encoding_out))
        finally:
            self.close()


class _Skipped(io.StringIO):
    """A page Pelican does not write (another page overrode its file), rendered or kept."""

    def write(self, text) -> int:
        return 0


def processes_of(settings) -> splitwrite.Processes:
    """The build's processes (its context owns them), or, for a writer made outside a build,
    its own, which never fork."""
    build = context_of(settings)
    if build is None:
        return splitwrite.Processes()
    return build.processes


def selective_writer(pelican):
    """`get_writer` handler."""
    return SelectiveWriter
