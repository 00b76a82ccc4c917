"""The content rules for translations: each problem one line with file:line and its fix
(checked in this process as the build runs the rules, edition after edition), and
`make html` stops on one with the last good site left as it was."""

from __future__ import annotations

import pytest

from support import ROOT, content_errors

ES_ARTICLE = "es/articles/microdermoabrasion-en-consultorio-o-en-casa.md"


def rewrite(path, old: str, new: str) -> int:
    """Replace a header line; return its line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = lines.index(old)
    lines[number] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


@pytest.mark.unit
def test_a_file_in_the_wrong_editions_folder_is_named(content):
    article = content / "articles" / "in-office-vs-diy-microdermabrasion.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Author:", "Lang: es\nAuthor:", 1), encoding="utf-8")
    errors = content_errors(content, "in-office-vs-diy-microdermabrasion.md")
    assert any("says Lang: es but is in the en edition's folder" in row for row in errors), errors
    assert any("content/es/articles/" in row for row in errors)


@pytest.mark.unit
def test_a_translation_of_a_slug_that_does_not_exist_is_named(content):
    line = rewrite(
        content / ES_ARTICLE,
        "Translation_Of: in-office-vs-diy-microdermabrasion",
        "Translation_Of: in-office-microdermabrasion",
    )
    errors = content_errors(content, "microdermoabrasion-en-consultorio")
    assert any(
        f":{line}: Translation_Of: no article has the slug 'in-office-microdermabrasion'" in row
        for row in errors
    ), errors


@pytest.mark.unit
def test_a_second_translation_into_one_language_is_named(content):
    copy = content / "es" / "articles" / "otra-traduccion.md"
    text = (content / ES_ARTICLE).read_text(encoding="utf-8")
    copy.write_text(
        text.replace(
            "Slug: microdermoabrasion-en-consultorio-o-en-casa", "Slug: otra-traduccion"
        ).replace("Title:", "Title: Otra:", 1),
        encoding="utf-8",
    )
    errors = content_errors(content, "otra-traduccion.md")
    assert any(
        "a second translation of 'in-office-vs-diy-microdermabrasion'" in row for row in errors
    ), errors


@pytest.mark.unit
def test_a_spanish_category_must_be_one_of_the_spanish_editions(content):
    line = rewrite(
        content / ES_ARTICLE, "Category: Tratamientos de la piel", "Category: Skin Treatments"
    )
    errors = content_errors(content, "microdermoabrasion-en-consultorio")
    assert any(f":{line}:" in row and "Tratamientos de la piel" in row for row in errors), errors


@pytest.mark.unit
def test_a_medical_translation_names_its_own_reviewer(content):
    article = content / ES_ARTICLE
    lines = article.read_text(encoding="utf-8").split("\n")
    article.write_text(
        "\n".join(line for line in lines if not line.startswith("Reviewed_By:")), encoding="utf-8"
    )
    errors = content_errors(content, "microdermoabrasion-en-consultorio")
    assert any("Reviewed_By" in row for row in errors), errors


@pytest.mark.unit
def test_make_new_starts_a_translation_from_its_original(content):
    from clinic.rules.lint import check_site_content
    from clinic.settings.validation import validate
    from tools.build import edition_runs
    from tools.newpost import create_translation

    (content / ES_ARTICLE).unlink()  # the one translation into Spanish is the new one
    path = create_translation(
        content,
        "¿De verdad necesito microdermoabrasión?",
        "es",
        "in-office-vs-diy-microdermabrasion",
        ["Tratamientos de la piel"],
    )
    assert path == content / "es" / "articles" / "de-verdad-necesito-microdermoabrasion.md"
    text = path.read_text(encoding="utf-8")
    assert "Translation_Of: in-office-vs-diy-microdermabrasion\n" in text
    assert "Lang: es\n" in text
    assert "Date: 2025-01-15 09:00\n" in text  # the original's
    assert "Status: draft\n" in text
    assert "Reviewed_By: TODO" in text  # the original is medical: its translation is reviewed too
    assert "microdermabrasion" in text.split("\n\n", 1)[1]  # the original's text, to translate

    spanish = edition_runs(ROOT / "pelicanconf.py", content)[1]
    problems = check_site_content(spanish, validate(spanish))
    mine = [p for p in problems if path.name in p.where]
    assert [str(p) for p in mine if not p.warning] == []  # a draft: its TODOs are warnings
    assert any("TODO" in str(p) and p.warning for p in mine)


@pytest.mark.unit
def test_make_new_names_an_original_that_does_not_exist(content):
    from tools.newpost import create_translation

    with pytest.raises(ValueError, match=r"no article .* has the slug 'sunscreen'"):
        create_translation(content, "Protector solar", "es", "sunscreen", [])
