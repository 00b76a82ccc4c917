"""`make new title="..."`: a draft with every metadata field, filled where it can be."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify


def new_post_text(title: str, now: datetime, author: str, categories: list[str], slug: str) -> str:
    """The draft's text. `TODO` marks what the writer decides; the rules list each one."""
    title = " ".join(title.split())
    return (
        f"Title: {title}\n"
        f"Date: {now:%Y-%m-%d %H:%M}\n"
        f"Category: TODO: one of {', '.join(categories)}\n"
        "Tags: TODO: a few words, separated by commas\n"
        f"Slug: {slug}\n"
        "Summary: TODO: one or two sentences for search results, at most 160 characters\n"
        f"Author: {author}\n"
        "Status: draft\n"
        "Reviewed_By: TODO: the reviewer's key in CLINIC_PROVIDERS (medical articles)\n"
        "Last_Reviewed: TODO: the date of that review, YYYY-MM-DD (medical articles)\n"
        "\n"
        "TODO: write the article here, in Markdown. Delete the Reviewed_By and\n"
        "Last_Reviewed lines if the article is not medical. Remove `Status: draft`\n"
        "to publish it.\n"
    )


def create_post(
    articles: Path, title: str, now: datetime, author: str, categories: list[str]
) -> Path:
    """Write the draft at articles/<slug>.md; refuses to overwrite an existing file."""
    if not title.strip():
        raise ValueError('give the post a title: make new title="How to choose a sunscreen"')
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    path = articles / f"{slug}.md"
    if path.exists():
        raise FileExistsError(f"{path} already exists: choose another title, or edit that file")
    path.write_text(new_post_text(title, now, author, categories, slug), encoding="utf-8")
    return path
