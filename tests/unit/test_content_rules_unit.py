"""Whole builds of small synthetic sites (hostile metadata, CTA choices, lists), and the
content errors such a site's files get, found by the rules as the build runs them."""

from __future__ import annotations

import pytest

from support import content_errors, content_problems


def article(
    slug: str,
    *,
    title: str = "A plain title",
    summary: str = "A short summary.",
    extra: str = "",
    body: str = "Body.",
) -> str:
    """A valid article in the Skin Care category; `extra` adds metadata lines from line 7."""
    return (
        f"Title: {title}\nDate: 2025-02-01 10:00\nCategory: Skin Care\nSlug: {slug}\n"
        f"Summary: {summary}\nAuthor: Spectrum Dermatology\n{extra}\n{body}\n"
    )


def write(content, slug: str, text: str) -> None:
    (content / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")


@pytest.mark.unit
def test_an_unknown_reviewer_and_a_bad_review_date_are_reported_together(content):
    write(
        content,
        "review",
        article("review", extra="Reviewed_By: dr-smth\nLast_Reviewed: 15/01/2025\n"),
    )
    found = [p for p in content_problems(content) if p.where.endswith("articles/review.md")]
    assert [(problem.line, problem.message) for problem in found] == [
        (7, "unknown reviewer 'dr-smth' (known: dr-example)"),
        (8, "Last_Reviewed '15/01/2025' is not a date"),
    ]
    assert not any(problem.warning for problem in found)


@pytest.mark.unit
def test_a_summary_over_160_characters_fails(content):
    write(content, "long", article("long", summary="word " * 40))
    [error] = content_errors(content, "articles/long.md")
    assert "more than 160" in error


@pytest.mark.unit
def test_a_key_given_twice_is_reported(content):
    write(content, "twice", article("twice", extra="CTA: none\nCTA: visit\n"))
    assert [error.split("twice.md", 1)[1] for error in content_errors(content, "twice.md")] == [
        ":8: CTA is given twice (first on line 7); fix: keep one line"
    ]
