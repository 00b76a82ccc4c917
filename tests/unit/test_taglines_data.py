"""The language-assistance taglines' data file (taglines.toml): English and the 15
languages most spoken by people with limited English proficiency in the state, each
in its own script, naming the clinic, its number and TTY 711; `make lint` counts the
languages besides English and names the state; right-to-left text keeps the phone
number the right way round."""

from __future__ import annotations

import tomllib
import unicodedata

import pytest

from support import ROOT

DATA = ROOT / "taglines.toml"
PHONE = "(480) 555-0100"


CLINIC = "Spectrum Dermatology"


# The scripts each language is written in, by the first word of a letter's Unicode
# name. Latin letters besides the tagline's own are the clinic's name and "TTY".
SCRIPTS = {
    "en": {"LATIN"},
    "es": {"LATIN"},
    "nv": {"LATIN", "MODIFIER"},  # ʼ, Navajo's glottal stop, is a modifier letter
    "zh-Hant": {"CJK"},
    "zh-Hans": {"CJK"},
    "vi": {"LATIN"},
    "ar": {"ARABIC"},
    "tl": {"LATIN"},
    "ko": {"HANGUL"},
    "fr": {"LATIN"},
    "ja": {"CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA"},
    "sr-Latn": {"LATIN"},
    "fa": {"ARABIC"},
    "hi": {"DEVANAGARI"},
    "ru": {"CYRILLIC"},
    "pl": {"LATIN"},
    "te": {"TELUGU"},
}


# A few characters written differently in the two Chinese scripts.
TRADITIONAL_ONLY = set("說們為語協務費適當輔與資訊請電將還")


SIMPLIFIED_ONLY = set("说们为语协务费适当辅与资讯请电将还")


def data() -> dict:
    with DATA.open("rb") as handle:
        return tomllib.load(handle)


def entries() -> dict[str, str]:
    return {entry["code"]: entry["tagline"] for entry in data()["languages"]}


def parsed():
    from clinic.settings.taglines import parse_taglines

    return parse_taglines(str(DATA), PHONE, CLINIC)


@pytest.mark.unit
def test_the_data_file_names_its_state_and_the_source_of_its_list():
    raw = data()
    assert raw["state"] == "Arizona"
    source = raw["source"]
    assert "B16001" in source["title"]
    assert source["publisher"].startswith("U.S. Census Bureau")
    assert isinstance(source["year"], int)


@pytest.mark.unit
def test_english_comes_first_then_15_languages_each_in_its_own_script():
    taglines, problems = parsed()
    assert problems == []
    assert taglines.state == "Arizona"
    assert taglines[0].lang == "en"
    assert len(taglines.languages_besides_english()) == 15
    assert sorted(t.lang for t in taglines) == sorted(SCRIPTS)


@pytest.mark.unit
@pytest.mark.parametrize("code", sorted(SCRIPTS))
def test_each_tagline_names_the_clinic_its_number_and_711(code):
    template = entries()[code]
    assert "{clinic}" in template
    assert "{phone}" in template
    assert "711" in template
    tagline = {t.lang: t for t in parsed()[0]}[code]
    assert CLINIC in tagline.text
    assert PHONE in tagline.text
    assert "{" not in tagline.text


@pytest.mark.unit
@pytest.mark.parametrize("code", sorted(SCRIPTS))
def test_each_tagline_is_written_in_its_own_script(code):
    text = entries()[code].replace("{clinic}", "").replace("{phone}", "").replace("TTY", "")
    scripts = {unicodedata.name(ch).split()[0] for ch in text if ch.isalpha()}
    assert scripts <= SCRIPTS[code], scripts - SCRIPTS[code]
    assert scripts & (SCRIPTS[code] - {"MODIFIER"})


@pytest.mark.unit
def test_chinese_says_which_script_it_is_written_in():
    codes = entries()
    assert "zh" not in codes
    assert not SIMPLIFIED_ONLY & set(codes["zh-Hant"])
    assert not TRADITIONAL_ONLY & set(codes["zh-Hans"])
    assert TRADITIONAL_ONLY & set(codes["zh-Hant"])
    assert SIMPLIFIED_ONLY & set(codes["zh-Hans"])


@pytest.mark.unit
def test_navajo_keeps_its_diacritics_and_its_ogonek():
    navajo = unicodedata.normalize("NFC", entries()["nv"])
    for letter in ("ǫ́", "į", "ł", "á", "í", "é", "ʼ"):
        assert letter in navajo, letter
    assert "Diné Bizaad" in navajo


@pytest.mark.unit
@pytest.mark.parametrize(("others", "warned"), [(14, True), (15, False)])
def test_the_lint_counts_the_languages_besides_english_and_names_the_state(others, warned):
    from clinic.settings.taglines import parse_taglines, too_few

    codes = [code for code in SCRIPTS if code != "en"]  # zh-Hant and zh-Hans are one
    languages = [{"code": "en", "tagline": "Call {phone}."}]
    languages += [{"code": code, "tagline": "Call {phone}."} for code in codes]
    if others == 14:
        languages.pop()
    raw = {"state": "New Mexico", "languages": languages}
    taglines, problems = parse_taglines(raw, "555")
    assert problems == []
    warning = too_few(taglines)
    assert (warning is not None) == warned
    if warned:
        assert warning.warning
        assert "14 language(s) besides English" in str(warning)
        assert "New Mexico" in str(warning)
        assert "Arizona" not in str(warning)


@pytest.mark.unit
def test_a_mistake_in_the_data_file_names_the_file_and_the_language(tmp_path):
    from clinic.settings.taglines import parse_taglines

    broken = tmp_path / "taglines.toml"
    broken.write_text('state = "Arizona"\n[[languages]]\ncode = "xx-nonsense"\ntagline = "x"\n')
    _, problems = parse_taglines(str(broken), PHONE)
    assert str(problems[0]).startswith(
        "taglines.toml: languages #1 (xx-nonsense): not a language code"
    )
    broken.write_text('state = "Arizona\n')
    _, problems = parse_taglines(str(broken), PHONE)
    assert "taglines.toml: not valid TOML" in str(problems[0])
    _, problems = parse_taglines(str(tmp_path / "missing.toml"), PHONE)
    assert "no file at" in str(problems[0])


@pytest.mark.unit
def test_the_phone_number_is_isolated_left_to_right_and_the_text_escaped():
    from clinic.settings.taglines import parse_taglines

    raw = {"languages": [{"code": "ar", "tagline": "اتصل <b>{clinic}</b> على الرقم {phone}."}]}
    (tagline,), _ = parse_taglines(raw, PHONE, "A & B")
    assert tagline.direction == "rtl"
    assert str(tagline.html) == (
        f'اتصل &lt;b&gt;A &amp; B&lt;/b&gt; على الرقم <bdi dir="ltr">{PHONE}</bdi>.'
    )


@pytest.mark.unit
def test_a_tagline_no_fluent_reader_has_checked_is_named_by_the_lint(tmp_path):
    """Published (better than none for its readers), and make lint says so until checked."""
    from clinic.settings.taglines import parse_taglines, tagline_warnings

    data = tmp_path / "taglines.toml"
    data.write_text(
        'state = "Arizona"\n[[languages]]\ncode = "en"\ntagline = "Call {phone}."\n'
        '[[languages]]\ncode = "nv"\ntagline = "Kojįʼ hódíílnih {phone}."\n'
        'unchecked = "not compared with HHS\'s file"\n',
        encoding="utf-8",
    )
    taglines, problems = parse_taglines(str(data), PHONE)
    assert problems == []
    assert [tagline.lang for tagline in taglines] == ["en", "nv"]  # still shown
    unchecked = [str(p) for p in tagline_warnings(taglines) if "fluent reader" in str(p)]
    assert unchecked == [
        "taglines.toml: nv (Diné Bizaad): not yet checked by a fluent reader: not compared "
        "with HHS's file; fix: have a qualified translator check it against HHS's sample, "
        "then remove `unchecked`"
    ]


@pytest.mark.unit
def test_the_shipped_taglines_list_only_navajo_as_unchecked():
    from clinic.settings.taglines import parse_taglines

    taglines, _ = parse_taglines(str(ROOT / "taglines.toml"), PHONE, "Clinic")
    assert [tagline.lang for tagline in taglines if tagline.unchecked] == ["nv"]


@pytest.mark.unit
def test_a_no_break_space_the_writer_typed_stays():
    """French sets a narrow no-break space before a colon: never broken from its word."""
    from clinic.settings.taglines import parse_taglines

    raw = {"languages": [{"code": "fr", "tagline": "ATTENTION\u202f:  appelez\n le {phone}."}]}
    (tagline,), _ = parse_taglines(raw, PHONE)
    assert tagline.text == f"ATTENTION\u202f: appelez le {PHONE}."
