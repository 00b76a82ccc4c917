"""The full-text search index: Pagefind, from its PyPI wheel, run on the built site.

The binary ships in the `pagefind-bin` wheel, so nothing is downloaded at build
time. Only the elements marked `data-pagefind-body` (article and page bodies)
are indexed, not the navigation or footer of every page.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .problems import ClinicError, Problem


class SearchIndexError(ClinicError):
    """Pagefind failed: the build stops rather than publish a site whose search is broken."""

    def __init__(self, detail: str) -> None:
        problem = Problem("search index", detail, "run `make publish` again; report the error")
        super().__init__([problem], "The search index could not be built:")


def build_search_index(site: Path) -> None:
    """Write `pagefind/` into the built site."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        raise SearchIndexError((result.stderr or result.stdout).strip()[-500:] or "no index")
    sort_languages(site / "pagefind" / "pagefind-entry.json")


def sort_languages(entry: Path) -> None:
    """Pagefind lists a multilingual site's languages in a different order from one run to
    the next; in order, two builds of the same site are the same bytes."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data.get("languages", {}).items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
