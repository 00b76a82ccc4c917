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


@pytest.mark.unit
def test_the_languages_facts_are_read_from_cldr_once_and_then_from_the_cache(tmp_path, monkeypatch):
    """A build stores each tagline language's own name and direction; the next build
    takes them from its cache instead of loading CLDR's data for every language."""
    from clinic.settings import editions as editions_module
    from clinic.settings.editions import EditionsBuild

    store = tmp_path / "clinic-languages.json"
    first = EditionsBuild()
    first.load_facts(store)
    assert first.facts_of("vi") == ("Tiếng Việt", "ltr")
    assert first.facts_of("ar")[1] == "rtl"
    first.save_facts(store)

    def never(code):
        raise AssertionError(f"CLDR read again for {code}")

    monkeypatch.setattr(editions_module, "locale_facts", never)
    later = EditionsBuild()
    later.load_facts(store)
    assert later.facts_of("vi") == ("Tiếng Việt", "ltr")
    assert later.facts_of("ar") == first.facts_of("ar")
    stamp = store.stat().st_mtime_ns
    later.save_facts(store)  # nothing new: the store is left as it is
    assert store.stat().st_mtime_ns == stamp
