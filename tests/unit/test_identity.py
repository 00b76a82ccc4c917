"""The clinic's facts come from one file (clinic.toml), and every slip in it is named with
its line; the words in braces fill in from them; the invented facts are listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic.core.problems import SettingsError
from clinic.rendering import markup
from clinic.rendering.words import fill, unknown_words
from clinic.settings.identity import in_language, read_clinic_file
from clinic.settings.placeholders import (
    content_placeholder_problems,
    toml_placeholder_problems,
)

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("en", "es")


def facts_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "clinic.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(SettingsError) as raised:
        read_clinic_file(path, LANGS)
    return [str(problem) for problem in raised.value.problems]


@pytest.mark.unit
def test_the_repository_file_gives_each_edition_its_facts():
    facts = read_clinic_file(ROOT / "clinic.toml", LANGS)
    english, spanish = facts.clinic("en"), facts.clinic("es")
    assert english["name"] == spanish["name"] == "Spectrum Dermatology"
    assert english["coordinator"]["title"] == "Practice Manager"
    assert spanish["coordinator"]["title"] == "Gerente del consultorio"
    assert english["booking_url"] == "/contact/#book"
    assert spanish["booking_url"] == "/es/contacto/#book"
    assert english["locations"][0]["hours"][1] == (("Friday",), "08:00", "12:00")
    assert facts.providers("es")["dr-example"]["photo"]["alt"].startswith("Retrato")
    assert facts.edition("es")["SITE_TAGLINE"] == "dermatología en Scottsdale, Arizona"


@pytest.mark.unit
def test_a_value_per_language_is_picked_and_other_tables_read_through():
    value = {"title": {"en": "Manager", "es": "Gerente"}, "days": [{"en": "a", "es": "b"}]}
    assert in_language(value, "es", LANGS) == {"title": "Gerente", "days": ["b"]}
    assert in_language({"accent": "#000000"}, "es", LANGS) == {"accent": "#000000"}


@pytest.mark.unit
def test_a_syntax_error_names_its_line(tmp_path):
    text = (ROOT / "clinic.toml").read_text(encoding="utf-8")
    broken = text.replace('short_name = "Spectrum"', "short_name = Spectrum")
    line = broken.split("\n").index(next(x for x in broken.split("\n") if "= Spectrum" in x)) + 1
    (problem,) = problems_of(facts_file(tmp_path, broken))
    assert problem.startswith(f"clinic.toml:{line}: not valid TOML")
    assert 'name = "value"' in problem


@pytest.mark.unit
def test_a_missing_language_and_a_bad_colour_are_named_on_their_lines(tmp_path):
    text = (ROOT / "clinic.toml").read_text(encoding="utf-8")
    text = text.replace(', es = "Gerente del consultorio" }', " }")
    text = text.replace('accent = "#0a5f66"', 'accent = "teal"')
    lines = text.split("\n")
    found = problems_of(facts_file(tmp_path, text))
    title_line = next(n for n, x in enumerate(lines, 1) if x.startswith("title = { en"))
    accent_line = next(n for n, x in enumerate(lines, 1) if x.startswith("accent ="))
    assert f"clinic.toml:{title_line}: coordinator.title has no 'es' text" in found[0]
    assert found[1].startswith(f"clinic.toml:{accent_line}: brand.accent 'teal' is not a colour")


@pytest.mark.unit
def test_a_missing_fact_is_named(tmp_path):
    text = (ROOT / "clinic.toml").read_text(encoding="utf-8")
    found = problems_of(facts_file(tmp_path, text.replace('state = "Arizona"\n', "")))
    assert found == [
        "clinic.toml: 'state' is missing; fix: add state (see README: Make it your clinic's site)"
    ]


@pytest.mark.unit
def test_words_fill_in_and_unknown_ones_are_found():
    words = {"clinic": "Desert Skin Clinic", "city": "Mesa"}
    assert (
        fill("About {clinic} in {city}, {other}", words)
        == "About Desert Skin Clinic in Mesa, {other}"
    )
    assert unknown_words("{clinc} and [a]({filename}/x.md) and {clinic}") == ["{clinc}"]


@pytest.mark.unit
def test_markdown_fills_in_the_words_in_the_header_and_the_body():
    key = markup.markdown_settings_key(
        {"extension_configs": {"clinic.rendering.words": {"words": {"clinic": "Mesa Skin"}}}}
    )
    html, meta = markup.render_with_meta("Title: About {clinic}\n\nWelcome to {clinic}.\n", key)
    assert meta["title"] == ["About Mesa Skin"]
    assert html == "<p>Welcome to Mesa Skin.</p>"


@pytest.mark.unit
def test_every_invented_fact_in_the_file_is_listed_on_its_line_and_comments_are_not():
    lines = toml_placeholder_problems(ROOT / "clinic.toml")
    text = (ROOT / "clinic.toml").read_text(encoding="utf-8").split("\n")
    assert lines, "the repository's file ships with placeholders"
    for problem in lines:
        assert problem.warning
        assert problem.where == "clinic.toml"
        written = text[problem.line - 1]
        found = str(problem).split("'")[1]
        comment = written.find(" #")  # the file's comments follow a value after a space
        assert found in (written if comment < 0 else written[:comment]), written
    numbers = {problem.line for problem in lines}
    for start in ("telephone =", "street_address =", "[providers.dr-example]", "path = "):
        assert next(n for n, x in enumerate(text, 1) if x.startswith(start)) in numbers, start
    comment = next(n for n, x in enumerate(text, 1) if x.startswith("# 555-0100 to 555-0199"))
    assert comment not in numbers
    colour = next(n for n, x in enumerate(text, 1) if x.startswith("accent ="))
    assert colour not in numbers


@pytest.mark.unit
def test_invented_facts_inside_a_multiline_string_and_a_table_name_are_found(tmp_path):
    path = facts_file(
        tmp_path,
        'bio = """First line\ncall 555-0123 today"""\n'
        '[providers.dr-example]\nx = "#fff" # 555-0100\n',
    )
    assert [(p.line, str(p).split("'")[1]) for p in toml_placeholder_problems(path)] == [
        (2, "555-0123"),
        (3, "dr-example"),
    ]


@pytest.mark.unit
def test_invented_facts_in_pages_are_listed_and_ordinary_words_are_not(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.md").write_text(
        "Title: A\nReviewed_By: dr-example\n\nFor example, call +1-480-555-0100.\n",
        encoding="utf-8",
    )
    found = [str(p) for p in content_placeholder_problems(tmp_path, "content")]
    assert found == [
        "content/pages/a.md:2: 'dr-example' is a placeholder: an invented provider; fix: "
        "replace it with a provider of the clinic's, from clinic.toml",
        "content/pages/a.md:4: '555-0100' is a placeholder: a phone number reserved for "
        "fiction (555-0100 to 555-0199); fix: replace it with the clinic's own number",
    ]


@pytest.mark.unit
def test_taglines_of_another_state_are_named():
    from clinic.settings.taglines import Taglines, other_state

    taglines = Taglines((), "Arizona", "taglines.toml")
    assert other_state(taglines, "Arizona") is None
    assert str(other_state(taglines, "Nevada")) == (
        "taglines.toml: the taglines are those of Arizona, and the clinic is in Nevada "
        "(clinic.toml); fix: replace its state, [source] and [[languages]] with Nevada's, "
        "from HHS's list for the state"
    )


@pytest.mark.unit
def test_a_call_to_action_with_an_unknown_word_is_named():
    import pelicanconf
    from clinic.settings.validation import validate

    settings = {key: getattr(pelicanconf, key) for key in dir(pelicanconf) if key.isupper()}
    settings["PATH"] = str(ROOT / "content")
    settings["DEFAULT_LANG"] = "en"
    cta = dict(settings["CLINIC_CTAS"]["visit"], heading="Visit {clinc} today")
    settings["CLINIC_CTAS"] = {**settings["CLINIC_CTAS"], "visit": cta}
    with pytest.raises(SettingsError) as raised:
        validate(settings)
    assert str(raised.value.problems[0]).startswith(
        "CLINIC_CTAS['visit']['heading']: {clinc} is not a word the site fills in"
    )
    assert "{clinic}" in raised.value.problems[0].fix


@pytest.mark.unit
def test_a_multiline_string_closed_on_its_own_line_ends_there(tmp_path):
    """A multi-line string opened and closed on one line: the lines after it are read as
    values again, and a comment after it is still a comment."""
    path = facts_file(
        tmp_path,
        'a = """one line"""  # 555-0100 in a comment\nb = "555-0111"\n# 555-0122\n',
    )
    assert [(p.line, str(p).split("'")[1]) for p in toml_placeholder_problems(path)] == [
        (2, "555-0111")
    ]


@pytest.mark.unit
def test_a_key_is_found_in_its_own_table_not_in_the_first_with_its_name():
    from clinic.settings.identity import line_of

    text = '[a]\ntitle = "x"\n[b]\ntitle = { en = "y" }\n[b.c]\nphoto = { alt = { en = "z" } }\n'
    assert line_of(text, "b.title") == 4
    assert line_of(text, "a.title") == 2
    assert line_of(text, "b.c.photo.alt") == 6  # inside an inline table: its parent's line
    assert line_of(text, "d.title") is None


@pytest.mark.unit
def test_a_taglines_language_is_named_without_keeping_its_locale_data():
    """Babel keeps each locale it loads for the life of the process: the taglines' sixteen
    held 15 MB of a build's peak memory for a name and a direction each."""
    from babel import localedata

    from clinic.settings.taglines import parse_taglines

    localedata._cache.pop("fa", None)
    localedata._cache.pop("vi", None)
    localedata.load("es")  # a locale loaded before stays
    taglines, problems = parse_taglines({"fa": "x {phone}", "vi": "y", "es": "z"}, "555-0100")
    assert problems == []
    assert [(t.name, t.direction) for t in taglines] == [
        ("فارسی", "rtl"),
        ("Tiếng Việt", "ltr"),
        ("Español", "ltr"),
    ]
    assert "fa" not in localedata._cache
    assert "vi" not in localedata._cache
    assert "es" in localedata._cache


@pytest.mark.unit
def test_a_taglines_language_leaves_no_memory_behind_once_named():
    """Babel's locale data holds reference cycles: dropped from its cache, it would stay
    until the collector's next full pass (7 MB for five languages, long after they are
    named). Each language's is collected once named, before the next one is read."""
    import gc
    import tracemalloc

    from babel import localedata

    from clinic.settings.taglines import parse_taglines

    codes = ["fa", "vi", "ko", "ru", "hi"]
    for code in codes:
        localedata._cache.pop(code, None)
    localedata.load("es")  # CLDR's root with it: loaded before, they stay
    gc.collect()
    gc.disable()  # no pass of the collector's own comes to the rescue
    tracemalloc.start()
    try:
        taglines, problems = parse_taglines(dict.fromkeys(codes, "x"), "555-0100")
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        gc.enable()
    assert problems == []
    assert len(taglines) == len(codes)
    assert held < 300_000, held
    assert peak < 2_500_000, peak  # one language's data at a time, not five
