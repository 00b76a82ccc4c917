"""The content rules for translations: each problem one line with file:line and its fix,
and the build stops with the last good site left as it was."""

from __future__ import annotations

import shutil

import pytest

from support import ROOT, failed_html_build

ES_ARTICLE = "es/articles/microdermoabrasion-en-consultorio-o-en-casa.md"
ES_CONTACT = "es/pages/contacto.md"


@pytest.fixture
def content(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def rewrite(path, old: str, new: str) -> int:
    """Replace a header line; return its line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = lines.index(old)
    lines[number] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def test_a_language_the_site_does_not_have_is_named(content, tmp_path):
    line = rewrite(content / ES_CONTACT, "Lang: es", "Lang: fr")
    errors = failed_html_build(content, tmp_path / "out", "contacto.md")
    assert any(
        f"contacto.md:{line}: Lang 'fr' is not a language of the site; fix: use one of: en, es"
        in row
        for row in errors
    ), errors


def test_a_file_in_the_wrong_editions_folder_is_named(content, tmp_path):
    article = content / "articles" / "in-office-vs-diy-microdermabrasion.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Author:", "Lang: es\nAuthor:", 1), encoding="utf-8")
    errors = failed_html_build(content, tmp_path / "out", "in-office-vs-diy-microdermabrasion.md")
    assert any("says Lang: es but is in the en edition's folder" in row for row in errors), errors
    assert any("content/es/articles/" in row for row in errors)


def test_a_translation_of_a_slug_that_does_not_exist_is_named(content, tmp_path):
    line = rewrite(
        content / ES_ARTICLE,
        "Translation_Of: in-office-vs-diy-microdermabrasion",
        "Translation_Of: in-office-microdermabrasion",
    )
    errors = failed_html_build(content, tmp_path / "out", "microdermoabrasion-en-consultorio")
    assert any(
        f":{line}: Translation_Of: no article has the slug 'in-office-microdermabrasion'" in row
        for row in errors
    ), errors


def test_a_second_translation_into_one_language_is_named(content, tmp_path):
    copy = content / "es" / "articles" / "otra-traduccion.md"
    text = (content / ES_ARTICLE).read_text(encoding="utf-8")
    copy.write_text(
        text.replace(
            "Slug: microdermoabrasion-en-consultorio-o-en-casa", "Slug: otra-traduccion"
        ).replace("Title:", "Title: Otra:", 1),
        encoding="utf-8",
    )
    errors = failed_html_build(content, tmp_path / "out", "otra-traduccion.md")
    assert any(
        "a second translation of 'in-office-vs-diy-microdermabrasion'" in row for row in errors
    ), errors


def test_a_spanish_category_must_be_one_of_the_spanish_editions(content, tmp_path):
    line = rewrite(
        content / ES_ARTICLE, "Category: Tratamientos de la piel", "Category: Skin Treatments"
    )
    errors = failed_html_build(content, tmp_path / "out", "microdermoabrasion-en-consultorio")
    assert any(f":{line}:" in row and "Tratamientos de la piel" in row for row in errors), errors


def test_a_medical_translation_names_its_own_reviewer(content, tmp_path):
    article = content / ES_ARTICLE
    lines = article.read_text(encoding="utf-8").split("\n")
    article.write_text(
        "\n".join(line for line in lines if not line.startswith("Reviewed_By:")), encoding="utf-8"
    )
    errors = failed_html_build(content, tmp_path / "out", "microdermoabrasion-en-consultorio")
    assert any("Reviewed_By" in row for row in errors), errors
