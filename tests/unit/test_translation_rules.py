"""The content rules for translations: each problem one line with file:line and its fix
(checked in this process as the build runs the rules, edition after edition), and
`make html` stops on one with the last good site left as it was."""

from __future__ import annotations

import pytest

from support import ROOT, content_errors, content_problems
from tools.build import edition_runs

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


@pytest.mark.unit
def test_make_new_refuses_a_second_translation_into_one_language(content, monkeypatch):
    """It once wrote one, and the build then stopped on both files."""
    from invoke import Context

    import tasks

    monkeypatch.setitem(tasks.CONFIG, "content", content)
    before = sorted((content / "es" / "articles").rglob("*"))
    with pytest.raises(SystemExit) as stopped:
        tasks.new(
            Context(),
            title="Otra traducción",
            lang="es",
            translation_of="in-office-vs-diy-microdermabrasion",
        )
    message = str(stopped.value.code)  # a message: Python exits with status 1
    assert message.startswith(f"make new: {content / ES_ARTICLE} already translates "), message
    assert "'in-office-vs-diy-microdermabrasion' into es: edit that file" in message
    assert sorted((content / "es" / "articles").rglob("*")) == before  # nothing written


def draft_and_translation(content, translation_status: str):
    """An English draft, and its Spanish translation with `translation_status` (a
    `Status: ...` line, or "" for a published one); returns the translation's path."""
    (content / "articles" / "sun-care.md").write_text(
        "Title: Sun care basics\nDate: 2025-02-01 10:00\nCategory: Skin Care\n"
        "Slug: sun-care\nSummary: How to look after your skin in the sun.\n"
        "Author: Spectrum Dermatology\nStatus: draft\n\nText.\n",
        encoding="utf-8",
    )
    translation = content / "es" / "articles" / "cuidado-solar.md"
    translation.write_text(
        "Title: Cuidado solar\nDate: 2025-02-01 10:00\nCategory: Cuidado de la piel\n"
        "Slug: cuidado-solar\nSummary: Cómo cuidar la piel al sol.\n"
        f"Author: Spectrum Dermatology\nLang: es\nTranslation_Of: sun-care\n{translation_status}"
        "\nTexto.\n",
        encoding="utf-8",
    )
    return translation


@pytest.mark.unit
def test_a_draft_translation_of_a_draft_is_accepted(content):
    draft_and_translation(content, "Status: draft\n")
    problems = content_problems(content)
    assert not [str(p) for p in problems if not p.warning], problems


@pytest.mark.unit
def test_a_published_translation_of_a_draft_names_both_files_and_the_fix(content):
    translation = draft_and_translation(content, "")
    errors = content_errors(content, "cuidado-solar.md")
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"{translation}:8: a published translation of a draft: ")
    assert f"{content / 'articles' / 'sun-care.md'} says Status: draft" in errors[0]
    assert "publish the original first" in errors[0]
    assert "make this translation a draft too" in errors[0]


@pytest.mark.unit
def test_the_rules_read_draft_originals_without_the_builds_index(content):
    """`make lint` or a test reads the originals itself when no build runner shared them."""
    from clinic.rules.lint import check_site_content
    from clinic.settings.validation import validate

    draft_and_translation(content, "")
    runs = edition_runs(ROOT / "pelicanconf.py", content, None, {"CACHE_CONTENT": False})
    spanish = {key: value for key, value in runs[1].items() if key != "CLINIC_EDITIONS_BUILD"}
    found = [str(p) for p in check_site_content(spanish, validate(spanish)) if not p.warning]
    assert any("a published translation of a draft" in row for row in found), found
