"""The writers' workflow: each kind of bad article gets a one-line message naming the file,
the line and the fix, and `make html` stops on it with no traceback, keeping the last good
site; drafts and future posts stay out."""

from __future__ import annotations

from datetime import datetime

import pytest

from support import content_errors

GOOD_HEADER = (
    "Title: Sun care basics\nDate: 2025-02-01 10:00\nCategory: Skin Care\n"
    "Slug: sun-care\nSummary: How to look after your skin in the sun.\n"
    "Author: Spectrum Dermatology\n"
)


MEDICAL_HEADER = GOOD_HEADER.replace("Skin Care", "Skin Conditions")


# name: (file name, file bytes, expected line or None, words the message must hold)
BAD_ARTICLES = {
    "missing title": (
        "untitled.md",
        GOOD_HEADER.replace("Title: Sun care basics\n", "") + "\nBody.\n",
        None,
        "missing Title",
    ),
    "impossible date": (
        "date.md",
        GOOD_HEADER.replace("2025-02-01 10:00", "2025-02-30") + "\nBody.\n",
        2,
        "is not a real date",
    ),
    "unknown reviewer": (
        "reviewer.md",
        MEDICAL_HEADER + "Reviewed_By: dr-smth\nLast_Reviewed: 2026-11-01\n\nBody.\n",
        7,
        "unknown reviewer 'dr-smth'",
    ),
    "malformed review date": (
        "review.md",
        MEDICAL_HEADER + "Reviewed_By: dr-example\nLast_Reviewed: 1/11/2026\n\nBody.\n",
        8,
        "is not a date",
    ),
    "misspelt key": (
        "key.md",
        GOOD_HEADER + "Sumary: typo\n\nBody.\n",
        7,
        "did you mean 'Summary'",
    ),
    "broken internal link": (
        "link.md",
        GOOD_HEADER + "\nSee [our guide]({filename}/articles/missing.md).\n",
        8,
        "does not exist",
    ),
    "image without alt text": (
        "alt.md",
        GOOD_HEADER + "\nText.\n\n![]({static}/images/placeholders/clinic-hero.svg)\n",
        10,
        "image without alt text",
    ),
    "third-party embed": (
        "embed.md",
        GOOD_HEADER + '\n<iframe src="https://video.example.com/v/1"></iframe>\n',
        8,
        "<iframe> is not allowed",
    ),
    "duplicate slug": (
        "duplicate.md",
        GOOD_HEADER.replace("sun-care", "in-office-vs-diy-microdermabrasion") + "\nBody.\n",
        4,
        "is also used by",
    ),
    "empty file": ("empty.md", "", None, "the file is empty"),
    "invalid UTF-8": (
        "latin1.md",
        (GOOD_HEADER + "\nCaf\xe9 au lait.\n").encode("latin-1"),
        8,
        "not valid UTF-8",
    ),
}


@pytest.mark.unit
@pytest.mark.parametrize("kind", BAD_ARTICLES)
def test_a_bad_article_is_named_with_its_line_and_fix(kind, content):
    """The rules as the build runs them (real settings, every edition), in this process."""
    name, text, line, words = BAD_ARTICLES[kind]
    path = content / "articles" / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    place = f"articles/{name}:{line}:" if line else f"articles/{name}:"
    problem = content_errors(content, place)[0]
    assert words in problem
    assert "; fix: " in problem


@pytest.mark.unit
def test_make_new_refuses_to_overwrite(content):
    from tools.newpost import create_post

    args = (content / "articles", "Acne", datetime(2026, 1, 1), "A", ["Skin Care"])
    create_post(*args)
    with pytest.raises(FileExistsError):
        create_post(*args)


@pytest.mark.unit
def test_a_published_article_with_placeholders_fails(content):
    from tools.newpost import create_post

    path = create_post(content / "articles", "Acne", datetime(2026, 1, 1), "A", ["Skin Care"])
    path.write_text(path.read_text().replace("Status: draft\n", ""), encoding="utf-8")
    errors = content_errors(content, "acne.md")
    # Category is required: the fix says what to write, never to delete the line.
    placeholder = "acne.md:3: Category is still a placeholder; fix: write the category, one of: "
    assert any(placeholder in error and "Skin Care" in error for error in errors), errors
    assert not any("Category" in error and "delete the line" in error for error in errors)


@pytest.mark.unit
def test_review_due_lists_old_reviews_oldest_first(content, tmp_path):
    for name, reviewed in (("a", "2024-05-01"), ("b", "2023-01-01"), ("c", "2026-11-01")):
        (content / "articles" / f"{name}.md").write_text(
            MEDICAL_HEADER.replace("sun-care", name)
            + f"Reviewed_By: dr-example\nLast_Reviewed: {reviewed}\n\nBody.\n",
            encoding="utf-8",
        )
    from datetime import date

    from clinic.rules.check import read_all
    from clinic.rules.review import review_due

    sources, _ = read_all(
        (path, path.name, "articles") for path in sorted((content / "articles").glob("*.md"))
    )
    due = review_due(sources, frozenset({"Skin Conditions"}), date(2026, 11, 25), 365)
    assert [item.shown for item in due] == ["b.md", "a.md"]
    assert due[0].reviewer == "dr-example"
    assert due[0].age_days == (date(2026, 11, 25) - date(2023, 1, 1)).days


@pytest.mark.unit
def test_make_lint_checks_the_spanish_edition_with_its_own_settings(content):
    """`make lint` once read the first edition's files alone: a Spanish file's mistakes
    showed up only in `make html`."""
    import tasks

    article = content / "es" / "articles" / "protector-solar.md"
    article.write_text(
        "Title: Protector solar\nDate: 2025-02-01 10:00\nCategory: Skin Care\n"
        "Slug: protector-solar\nLang: es\nSummary: Cómo cuidar la piel al sol.\n"
        "Author: Spectrum Dermatology\nCTA: reservar\n"
        "\nTexto.\n\n![]({static}/images/placeholders/clinic-hero.svg)\n",
        encoding="utf-8",
    )
    found = [str(p) for p in tasks._content_problems(content) if "protector-solar.md" in str(p)]
    # The drawing standing in for a photo is one of the invented facts lint lists.
    (invented,) = [row for row in found if "is a placeholder" in row]
    assert ":12: 'placeholders/clinic-hero.svg' is a placeholder" in invented
    shown = [row for row in found if row != invented]
    category, cta, image = (
        next(row for row in shown if words in row)
        for words in ("'Skin Care'", "'reservar'", "image without alt text")
    )
    assert ":3: " in category, shown
    assert ":8: " in cta, shown
    assert ":12: " in image, shown
    assert "Tratamientos de la piel" in category  # the Spanish edition's categories
    assert len(shown) == len(set(shown)) == 3, shown  # each once
