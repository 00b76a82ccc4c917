"""Unit tests for issue #29's writers' mistakes: each one named with its line and its fix,
where the rules used to say something true but unhelpful (or nothing)."""

from __future__ import annotations

from datetime import date

import pytest
from PIL import Image as PILImage

from clinic.core.sources import read_source
from clinic.rules.check import check_source
from clinic.rules.picture_rules import picture_problems
from clinic.rules.rule_base import RulesConfig

pytestmark = pytest.mark.unit

HEADER = (
    "Title: Sun care\nDate: 2025-02-01\nCategory: Skin Care\nSummary: Short.\n"
    "Author: Spectrum Dermatology\n"
)


@pytest.fixture
def config(tmp_path) -> RulesConfig:
    (tmp_path / "articles").mkdir()
    return RulesConfig(
        content_root=tmp_path,
        ctas=frozenset({"consultation"}),
        providers=frozenset({"dr-example"}),
        categories=frozenset({"Skin Care", "Skin Conditions"}),
        medical_categories=frozenset({"Skin Conditions"}),
        today=date(2026, 11, 25),
    )


def found(config: RulesConfig, text: str, section: str = "articles"):
    path = config.content_root / "articles" / "x.md"
    path.write_text(text, encoding="utf-8")
    return list(check_source(read_source(path, "x.md", section), config))


def shown(config, text, **kwargs) -> list[str]:
    return [str(problem) for problem in found(config, text, **kwargs)]


# 1. Invisible characters in header values.


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\u00a0", "a non-breaking space (U+00A0)"),
        ("\u202f", "a narrow non-breaking space (U+202F)"),
        ("\u2007", "a figure space (U+2007)"),
    ],
)
def test_a_pasted_space_in_a_date_is_named_with_where_it_is(config, char, name):
    text = HEADER.replace("2025-02-01", f"2025-05-06{char}09:00") + "\nBody.\n"
    assert shown(config, text) == [
        f"x.md:2: Date '2025-05-06[U+{ord(char):04X}]09:00' holds {name} between the date "
        "and the time, an invisible character (pasted from Word or a web page); fix: retype "
        "the space between the date and the time with the space bar (type it by hand, "
        "do not paste it)"
    ]


@pytest.mark.parametrize(
    ("char", "name"), [("\u200b", "a zero-width space"), ("\ufeff", "a byte-order mark")]
)
def test_a_zero_width_character_in_a_date_is_to_be_deleted(config, char, name):
    text = HEADER.replace("2025-02-01", f"2025-02-01{char}") + "\nBody.\n"
    [problem] = found(config, text)
    assert problem.line == 2
    assert not problem.warning
    assert f"holds {name} (U+{ord(char):04X}) at column 17, after '2025-02-01'" in problem.message
    assert (
        problem.fix
        == "delete the invisible character: type the Date again by hand, do not paste it"
    )


def test_an_invisible_character_in_a_category_is_not_an_unknown_category(config):
    text = HEADER.replace("Skin Care", "Skin\u00a0Care") + "\nBody.\n"
    [problem] = found(config, text)
    assert "unknown" not in problem.message
    assert "holds a non-breaking space (U+00A0) at column 15, after 'Skin'" in problem.message
    assert problem.fix.startswith("retype the space after 'Skin' with the space bar")


def test_a_space_in_a_slug_becomes_a_hyphen(config):
    [problem] = found(config, HEADER + "Slug: sun\u2007care\n\nBody.\n")
    assert problem.line == 6
    assert "figure space (U+2007)" in problem.message
    assert problem.fix.startswith("replace it with a hyphen (-)")


def test_invisible_characters_in_free_text_and_at_the_ends_are_left_alone(config):
    # A title may keep a non-breaking space on purpose; one at a value's end is trimmed.
    text = HEADER.replace("Sun care", "Dr.\u00a0Example on sun care").replace(
        "2025-02-01", "2025-02-01\u00a0"
    )
    assert shown(config, text + "\nBody.\n") == []


# 3. Long titles and addresses.


def test_a_long_title_without_an_seo_title_is_a_warning(config):
    text = HEADER.replace("Sun care", "A" * 200) + "\nBody.\n"
    problems = found(config, text)
    assert all(problem.warning for problem in problems)
    assert [str(problem) for problem in problems] == [
        "x.md:1: Title is 200 characters: search results show about 60, and cut the rest; "
        "fix: add a shorter 'SEO_Title:' (at most 60 characters) for search results, "
        "or shorten the Title",
        f"x.md:1: the address '{'a' * 39}…' is 200 characters, more than 60 (made from the "
        "Title); fix: add a 'Slug:' line of a few words, e.g. "
        "'Slug: in-office-vs-diy-microdermabrasion'",
    ]


def test_a_long_title_with_a_short_seo_title_and_slug_is_fine(config):
    text = HEADER.replace("Sun care", "A" * 100)
    text += "SEO_Title: Sun care | Spectrum Dermatology, Scottsdale\nSlug: sun-care\n\nBody.\n"
    assert shown(config, text) == []


def test_a_long_seo_title_or_slug_is_a_warning(config):
    text = HEADER + f"SEO_Title: {'B' * 61} | Spectrum Dermatology\nSlug: {'c' * 61}\n\nBody.\n"
    assert [(p.line, p.warning, p.message.split(":")[0]) for p in found(config, text)] == [
        (6, True, "SEO_Title is 61 characters before its ' | '"),
        (7, True, f"the address '{'c' * 39}…' is 61 characters, more than 60"),
    ]


# 6. Another tool's front matter.


@pytest.mark.parametrize("mark", ["---", "+++"])
def test_front_matter_is_one_clear_error(config, mark):
    text = f'{mark}\ntitle: "Sun care"\ndate: 2025-02-01\n{mark}\n\nBody.\n'
    assert shown(config, text) == [
        f"x.md:1: this file starts with `{mark}` (front matter from another tool); fix: "
        f"remove the `{mark}` lines; write each field as `Key: value` (e.g. 'Title: Sun care', "
        "no quotes), one per line at the top of the file, then a blank line before the text"
    ]


def test_a_rule_in_the_body_is_not_front_matter(config):
    assert shown(config, HEADER + "\nBody.\n\n---\n\nMore.\n") == []


# 7. A placeholder's fix depends on whether the field is required.


def test_a_required_placeholder_says_what_to_write(config):
    text = HEADER.replace("Skin Care", "TODO") + "\nBody.\n"
    assert shown(config, text) == [
        "x.md:3: Category is still a placeholder; fix: write the category, one of: "
        "Skin Care, Skin Conditions"
    ]


def test_a_medical_articles_reviewer_placeholder_says_who(config):
    text = HEADER.replace("Skin Care", "Skin Conditions")
    text += "Reviewed_By: TODO\nLast_Reviewed: TODO\n\nBody.\n"
    assert [p.fix for p in found(config, text)] == [
        "write the reviewer, one of: dr-example",
        "write the date of the medical review, YYYY-MM-DD",
    ]


def test_an_optional_placeholder_may_be_deleted(config):
    [problem] = found(config, HEADER + "Tags: TODO\n\nBody.\n")
    assert problem.fix == "fill it in, or delete the line if the article does not need it"


def test_a_pages_summary_placeholder_is_required_and_its_category_optional(config):
    text = "Title: About\nSummary: TODO\nCategory: TODO\n\nBody.\n"
    assert [(p.message, p.fix) for p in found(config, text, section="pages")] == [
        (
            "Summary is still a placeholder",
            "write the summary: one or two sentences, at most 160 characters",
        ),
        (
            "Category is still a placeholder",
            "fill it in, or delete the line if the article does not need it",
        ),
    ]


# 2. Headings that skip a level.


def test_a_heading_that_skips_a_level_names_its_line_and_the_right_level(config):
    text = HEADER + "\n## Intro\n\nText.\n\n#### Cost\n\nText.\n\n### Fine after ####\n"
    assert shown(config, text) == [
        "x.md:11: the heading '#### Cost' skips a level: it comes after a ## heading; "
        "fix: make it ### (one level deeper at a time)"
    ]


def test_the_first_heading_comes_below_the_title(config):
    assert shown(config, HEADER + "\n### Start\n\nText.\n") == [
        "x.md:7: the heading '### Start' skips a level: it comes after the title "
        "(the page's # heading); fix: make it ## (the text's headings start at ##)"
    ]


def test_an_underlined_heading_counts_and_code_does_not(config):
    text = HEADER + "\nIntro\n-----\n\nText.\n\n```\n#### not a heading\n```\n\n### Next\n"
    assert shown(config, text) == []
    [problem] = found(config, HEADER + "\nIntro\n-----\n\nText.\n\n#### Deep\n")
    assert problem.line == 12
    assert problem.fix == "make it ### (one level deeper at a time)"


def test_a_top_level_heading_in_the_text_is_a_warning(config):
    [problem] = found(config, HEADER + "\n#1 tip: wear a hat\n")
    assert problem.warning
    assert problem.line == 7
    assert problem.message == "'#1 tip: wear a hat' is a top-level heading, as the page's title is"


def test_a_heading_jump_in_a_draft_is_a_warning(config):
    [problem] = found(config, HEADER + "Status: draft\n\n#### Deep\n")
    assert problem.warning


# 4. Word's bullets.


@pytest.mark.parametrize("bullet", ["•", "◦", "▪", "·"])
def test_word_bullets_name_each_line(config, bullet):
    text = HEADER + f"\nThings to bring:\n\n{bullet} a hat\n{bullet}\tsunscreen\n"
    assert [(p.line, p.fix, p.warning) for p in found(config, text)] == [
        (9, "start the line with - (a hyphen and a space) instead", False),
        (10, "start the line with - (a hyphen and a space) instead", False),
    ]
    assert found(config, text)[0].message.startswith(
        f"the line starts with '{bullet}', a bullet pasted from Word"
    )


def test_a_bullet_inside_a_sentence_or_code_is_fine(config):
    text = HEADER + "\nA list • of things, ·middle dot.\n\n```\n• in code\n```\n"
    assert shown(config, text) == []


# 5. A lead picture too small.


@pytest.mark.parametrize(("width", "warned"), [(800, True), (1599, True), (1600, False)])
def test_a_narrow_lead_photo_is_a_warning_with_its_width(config, width, warned):
    root = config.content_root
    (root / "images").mkdir()
    PILImage.new("RGB", (width, 10)).save(root / "images" / "lead.jpg")
    path = root / "articles" / "x.md"
    path.write_text(
        HEADER + "Image: {static}/images/lead.jpg\nImage_Alt: A hat\n\nBody.\n", encoding="utf-8"
    )
    problems = picture_problems([read_source(path, "x.md", "articles")], root)
    if not warned:
        assert problems == []
        return
    assert [str(p) for p in problems] == [
        f"x.md:6: Image '{{static}}/images/lead.jpg' is {width} pixels wide, narrower than "
        "1600: it would look blurred on a large or sharp screen (the build never enlarges it); "
        "fix: use a photo at least 1600 pixels wide (the original from the camera, not a copy "
        "sent by a messaging app), or a drawing (SVG)"
    ]
    assert problems[0].warning


def test_a_drawing_of_any_width_is_fine(config):
    root = config.content_root
    (root / "images").mkdir()
    (root / "images" / "d.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200"/>'
    )
    path = root / "articles" / "x.md"
    path.write_text(HEADER + "Image: {static}/images/d.svg\nImage_Alt: A hat\n\nBody.\n")
    assert picture_problems([read_source(path, "x.md", "articles")], root) == []
