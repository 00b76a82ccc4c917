"""Section 1557 notices: every page links to the language-assistance page and the
nondiscrimination notice; taglines are in their own language and direction; `make lint`
warns while fewer languages are listed than HHS asks for."""

from __future__ import annotations

import pytest

from support import build


@pytest.mark.unit
def test_a_tagline_with_an_unknown_language_stops_the_build_naming_the_setting(tmp_path):
    from clinic.core.problems import SettingsError

    with pytest.raises(SettingsError) as failure:
        build(tmp_path / "output", CLINIC_LANGUAGE_TAGLINES={"xx-nonsense": "text"})
    assert "CLINIC_LANGUAGE_TAGLINES['xx-nonsense']: not a language code" in str(failure.value)


@pytest.mark.unit
@pytest.mark.parametrize(("count", "warned"), [(2, True), (16, False)])
def test_make_lint_warns_while_fewer_than_15_languages_are_listed(count, warned):
    from clinic.settings.taglines import parse_taglines, too_few

    codes = [
        "en",
        "es",
        "zh",
        "vi",
        "ar",
        "tl",
        "ko",
        "ru",
        "fr",
        "de",
        "ja",
        "fa",
        "hi",
        "pt",
        "it",
        "pl",
    ]
    taglines, problems = parse_taglines(dict.fromkeys(codes[:count], "Call {phone}."), "555")
    assert problems == []
    warning = too_few(taglines)
    assert (warning is not None) == warned
    if warned:
        assert warning.warning
        assert "CLINIC_LANGUAGE_TAGLINES" in str(warning)
        assert "15" in str(warning)
