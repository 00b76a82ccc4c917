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


def slug_of_file(path: Path) -> str:
    """An article's slug as the build knows it (core/addresses.py slug_of): its Slug,
    else its title slugified; the one its address and its translations use."""
    from clinic.core.addresses import slug_of
    from clinic.core.sources import read_source

    subs = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
    source = read_source(path, str(path), "articles")
    return slug_of(source, lambda text: slugify(text, regex_subs=subs))


def find_original(articles: Path, slug: str) -> Path:
    """The article whose slug is `slug` (slug_of_file)."""
    for path in sorted(articles.glob("*.md")):
        if slug_of_file(path) == slug:
            return path
    raise ValueError(f"no article in {articles} has the slug {slug!r}: use the slug of its address")


def existing_translation(folder: Path, original_slug: str) -> Path | None:
    """The file in an edition's `folder` that already translates `original_slug`: a second
    one would stop the build (translation_rules.py), so `make new` writes none."""
    from clinic.core.sources import read_source

    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else ():
        header = read_source(path, str(path), "articles")
        if header.get("translation_of").strip() == original_slug:
            return path
    return None


def translation_text(
    title: str, slug: str, lang: str, original: Path, categories: list[str]
) -> str:
    """A translation's draft, pre-filled from its original: the date, the author, the
    reviewer lines when the original has them, and the text to translate."""
    from clinic.core.sources import read_source

    source = read_source(original, str(original), "articles")
    choices = ", ".join(categories)
    lines = [
        f"Title: {' '.join(title.split())}",
        f"Date: {source.get('date')}",
        f"Category: TODO: one of {choices} (the original's: {source.get('category')})",
        f"Tags: TODO: the original's, translated: {source.get('tags')}",
        f"Slug: {slug}",
        "Summary: TODO: the summary, translated, at most 160 characters",
        f"Author: {source.get('author')}",
        f"Lang: {lang}",
        f"Translation_Of: {slug_of_file(original)}",
        "Status: draft",
    ]
    if source.get("seo_title"):
        lines.append("SEO_Title: TODO: the search-result title, translated")
    if source.get("reviewed_by"):
        lines.append("Reviewed_By: TODO: who reviewed this translation (a CLINIC_PROVIDERS key)")
        lines.append("Last_Reviewed: TODO: the date of that review, YYYY-MM-DD")
    body = source.body.strip("\n")
    return (
        "\n".join(lines)
        + "\n\nTODO: translate the text below, then delete this line.\n\n"
        + body
        + "\n"
    )


def create_translation(
    content: Path, title: str, lang: str, original_slug: str, categories: list[str]
) -> Path:
    """Write the draft at content/<lang>/articles/<slug>.md, from the original's text."""
    if not title.strip():
        raise ValueError(
            'give the translation its own title: make new title="..." lang=es translation_of=...'
        )
    original = find_original(content / "articles", original_slug)
    folder = content / lang / "articles"
    existing = existing_translation(folder, original_slug)
    if existing is not None:
        from clinic.core.problems import display_path

        raise FileExistsError(
            f"{display_path(str(existing))} already translates {original_slug!r} into {lang}: "
            "edit that file (one translation per language; a second would stop the build)"
        )
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    path = folder / f"{slug}.md"
    if path.exists():
        raise FileExistsError(f"{path} already exists: choose another title, or edit that file")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(translation_text(title, slug, lang, original, categories), encoding="utf-8")
    return path
