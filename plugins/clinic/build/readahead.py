"""Reading ahead on every core: each changed Markdown file rendered, scanned, typeset and sized.

Reading is most of a cold build (Markdown, then typography), and Pelican reads one
file after another. Before its generators run, this does that work for every file
the content cache does not already hold: in a pool of processes when there are
enough files to pay for one, else here. The content rules then check the scans
(so the published HTML is the HTML they checked), and the reader takes each
prepared body instead of doing the work again. The work is the same functions on
the same text, so the site is the same, byte for byte, as Pelican's own reading
(tests/site/test_identical.py).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from ..core.progress import progress
from ..rendering import markup
from ..rendering.images import prepare_images
from ..rendering.typography import DisplayTitles, display_title, typeset

logger = logging.getLogger(__name__)

# Below this many files, starting the processes costs more than it saves: they are read here.
MIN_FILES = 24
# From this many files on, a terminal shows a bar while they are read.
PROGRESS_FROM = 500


@dataclass(frozen=True)
class Job:
    """What one file's preparation depends on: its text and the settings that shape it."""

    text: str
    settings_key: str
    typeset_on: bool
    content_root: str
    source_dir: str


@dataclass(frozen=True)
class Prepared:
    digest: str
    scan: tuple[markup.Element, ...]
    body: str  # what the reader returns: typeset, images sized
    meta: dict
    # The title, the typesetting setting and display_title's result, for the pages.
    title: tuple[str, bool, str] | None = None


def finish_body(html: str, typeset_on: bool, content_root: Path, source_dir: Path) -> str:
    """The reader's work after Markdown: typography, then images sized and marked."""
    if not html:
        return html
    if typeset_on:
        html = typeset(html)
    if "<img" in html:
        html = prepare_images(html, content_root, source_dir)
    return html


def prepare(job: Job) -> Prepared:
    """One file, start to finish (in a worker process, or here)."""
    html, meta = markup.render_with_meta(job.text, job.settings_key)
    body = finish_body(html, job.typeset_on, Path(job.content_root), Path(job.source_dir))
    title = None
    if meta.get("title"):
        text = meta["title"][0]
        title = (text, job.typeset_on, str(display_title(text, job.typeset_on)))
    digest = markup.digest(job.text, job.settings_key)
    return Prepared(digest, markup.scan_html(html), body, meta, title)


class ReadAhead:
    """One build's bodies prepared ahead, by the digest of their text, until the reader
    takes them (the build's context owns them)."""

    def __init__(self) -> None:
        self._prepared: dict[str, tuple[str, dict]] = {}
        # How many files the last run (one edition's) prepared, and on how many processes:
        # a record for the build's figures (tools/build.py adds the editions' up), never
        # read by a build.
        self.files = 0
        self.workers = 0

    def take(self, text: str, settings_key: str) -> tuple[str, dict] | None:
        """The prepared body and metadata of this text, once; None when none was prepared."""
        return self._prepared.pop(markup.digest(text, settings_key), None)

    def run(self, jobs: list[Job], scans: markup.Scans, titles: DisplayTitles) -> int:
        """Prepare the files whose scan is not known yet; how many were. Their scans go to
        `scans`, their display titles to `titles`."""
        self._prepared.clear()
        todo = [job for job in jobs if not scans.has(job.text, job.settings_key)]
        count = workers() if len(todo) >= MIN_FILES else 1
        prepared = _on_every_core(todo, count) if count > 1 else None
        if prepared is None:
            count, prepared = 1, map(prepare, todo)
        for done in prepared:
            scans.remember(done.digest, done.scan)
            self._prepared[done.digest] = (done.body, done.meta)
            if done.title:
                titles.remember(*done.title)
        self.files, self.workers = len(todo), count
        return len(todo)


def workers() -> int:
    """Every core this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def start_method() -> str:
    """Fork, the fastest start, when this process runs one thread; else a fresh interpreter.

    Forking a process that runs other threads (the live preview's server, a test's
    browser) can copy a lock another thread holds, and hang the child.
    """
    methods = multiprocessing.get_all_start_methods()
    return "fork" if threading.active_count() == 1 and "fork" in methods else "spawn"


def _on_every_core(todo: list[Job], count: int) -> list[Prepared] | None:
    """The jobs done by a pool of `count` processes; None when no pool could start."""
    context = multiprocessing.get_context(start_method())
    # Longest first and in small batches, so that no core is left with a long tail
    # of work while the others wait (the order of the results does not matter).
    todo = sorted(todo, key=lambda job: len(job.text), reverse=True)
    chunk = max(1, len(todo) // (count * 32))
    try:
        with (
            ProcessPoolExecutor(max_workers=count, mp_context=context) as pool,
            progress("Reading", len(todo), at_least=PROGRESS_FROM) as advance,
        ):
            done = []
            for prepared in pool.map(prepare, todo, chunksize=chunk):
                done.append(prepared)
                advance(1)
            return done
    except (BrokenProcessPool, OSError) as error:
        logger.debug("reading ahead on every core stopped (%s); reading here", error)
        return None
