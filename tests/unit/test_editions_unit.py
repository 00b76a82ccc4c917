"""The Spanish edition: a whole second site under /es/, with a language switcher and
hreflang alternates that lead between the versions of each page and link back."""

from __future__ import annotations

import pytest

from support import ROOT


@pytest.mark.unit
def test_the_live_previews_one_page_build_runs_only_that_pages_edition(tmp_path):
    from tools.build import edition_runs

    output = tmp_path / "output"
    english = {"WRITE_SELECTED": [str(output / "blog" / "x" / "index.html")]}
    spanish = {"WRITE_SELECTED": [str(output / "es" / "blog" / "x" / "index.html")]}
    runs = {
        name: [
            run["DEFAULT_LANG"] for run in edition_runs(ROOT / "pelicanconf.py", None, output, o)
        ]
        for name, o in (("en", english), ("es", spanish))
    }
    assert runs == {"en": ["en"], "es": ["es"]}
    assert [run["DEFAULT_LANG"] for run in edition_runs(ROOT / "pelicanconf.py", None, output)] == [
        "en",
        "es",
    ]
