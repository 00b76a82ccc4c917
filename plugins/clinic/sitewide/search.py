"""The full-text search index: Pagefind, from its PyPI wheel, run on the built site.

The binary ships in the `pagefind-bin` wheel, so nothing is downloaded at build
time. Only the elements marked `data-pagefind-body` (article, page and provider bodies)
are indexed, not the navigation or footer of every page.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pagefind_bin import get_executable

from ..core.problems import ClinicError, Problem


class SearchIndexError(ClinicError):
    """Pagefind failed: the build stops rather than publish a site whose search is broken."""

    def __init__(self, detail: str) -> None:
        problem = Problem("search index", detail, "run `make publish` again; report the error")
        super().__init__([problem], "The search index could not be built:")


@dataclass
class Indexing:
    """Pagefind at work on a site, its messages kept in a file (a pipe nobody reads while
    it runs could fill up and stop it)."""

    site: Path
    process: subprocess.Popen
    messages: IO[bytes]


def start_search_index(site: Path, pages: list[str] | None = None) -> Indexing:
    """Start Pagefind on `site`, the build going on with other work meanwhile. It writes
    `pagefind/` into the site, reading only `pages` (files below `site`) when they are
    given: the articles and pages, the only ones it indexes, rather than every list page
    too (a tenth of its time)."""
    command = [str(get_executable()), "--site", str(site), "--silent"]
    glob = pages_glob(pages or [])
    if glob:
        command += ["--glob", glob]
    messages = tempfile.TemporaryFile()  # noqa: SIM115 (closed by finish_search_index)
    try:
        process = subprocess.Popen(command, stdout=messages, stderr=subprocess.STDOUT)
    except BaseException:
        messages.close()
        raise
    return Indexing(site, process, messages)


@contextmanager
def search_index_beside(site: Path, pages: list[str] | None = None) -> Iterator[None]:
    """Pagefind indexes `site` while the `with` block does other work; the block's end
    waits for it. A failure in the block stops Pagefind too."""
    indexing = start_search_index(site, pages)
    try:
        yield
    except BaseException:
        indexing.process.kill()
        indexing.process.wait()
        indexing.messages.close()
        raise
    finish_search_index(indexing)


def finish_search_index(indexing: Indexing) -> None:
    """Wait for Pagefind; raise SearchIndexError when it failed or wrote no index."""
    with indexing.messages as messages:
        returncode = indexing.process.wait()
        messages.seek(0)
        said = messages.read().decode("utf-8", "replace").strip()
    site = indexing.site
    if returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        raise SearchIndexError(said[-500:] or "no index")
    sort_languages(site / "pagefind" / "pagefind-entry.json")


# One argument of a command may hold at most 128 KiB on Linux; a longer list of
# pages is left out, and Pagefind reads every file instead (the same index).
LONGEST_GLOB = 100_000
_GLOB_SPECIAL = re.compile(r"([\\*?\[\]{},])")


def pages_glob(pages: list[str]) -> str:
    """A glob (Pagefind's) matching exactly these files; "" when there are none or too many."""
    named = sorted({_GLOB_SPECIAL.sub(r"\\\1", page) for page in pages if page})
    glob = "{" + ",".join(named) + "}" if named else ""
    return glob if len(glob) <= LONGEST_GLOB else ""


def sort_languages(entry: Path) -> None:
    """Pagefind lists a multilingual site's languages in a different order from one run to
    the next; in order, two builds of the same site are the same bytes."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data.get("languages", {}).items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
