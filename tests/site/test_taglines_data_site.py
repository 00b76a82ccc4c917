"""The language-assistance taglines' data file (taglines.toml): English and the 15
languages most spoken by people with limited English proficiency in the state, each
in its own script, naming the clinic, its number and TTY 711; `make lint` counts the
languages besides English and names the state; right-to-left text keeps the phone
number the right way round."""

from __future__ import annotations

from test_taglines_data import PHONE


def test_a_right_to_left_taglines_phone_number_reads_left_to_right_on_the_page(site):
    page = site.page("language-assistance/index.html")
    for lang in ("ar", "fa"):
        item = page.select_one(f'.taglines li[lang="{lang}"]')
        assert item["dir"] == "rtl"
        number = item.select_one('bdi[dir="ltr"]')
        assert number is not None
        assert number.get_text() == PHONE
