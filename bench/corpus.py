"""A deterministic synthetic corpus: N clinic-like articles that keep the content rules, plus the
site's own articles, pages and images. The same N always gives the same files."""

from __future__ import annotations

import random
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ["Skin Treatments", "Skin Conditions", "Skin Care", "Clinic News"]
MEDICAL = {"Skin Treatments", "Skin Conditions"}
TOPICS = [
    "acne",
    "rosacea",
    "eczema",
    "psoriasis",
    "sunscreen",
    "melanoma",
    "moles",
    "warts",
    "hair loss",
    "nail fungus",
    "chemical peels",
    "microdermabrasion",
    "laser resurfacing",
    "fillers",
    "scars",
    "hyperpigmentation",
    "dry skin",
    "hives",
    "shingles",
    "skin checks",
]
WORDS = [
    "skin",
    "care",
    "routine",
    "dermatologist",
    "treatment",
    "patient",
    "clinic",
    "visit",
    "sun",
    "protection",
    "gentle",
    "cleanser",
    "moisturizer",
    "redness",
    "irritation",
    "sensitive",
    "results",
    "session",
    "consultation",
    "doctor",
    "plan",
    "weeks",
    "daily",
    "evening",
    "morning",
    "product",
    "ingredient",
    "barrier",
    "healthy",
    "texture",
    "tone",
    "layer",
    "cells",
    "gentle",
    "exam",
    "history",
    "symptoms",
    "relief",
    "options",
    "safe",
    "effective",
    "Arizona",
    "Scottsdale",
]
FIRST_DATE = datetime(2018, 1, 1, 9, 0)
REVIEW_DAY = date(2026, 6, 1)


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))


def article_text(index: int, rng: random.Random, total: int) -> str:
    topic = TOPICS[index % len(TOPICS)]
    category = CATEGORIES[index % len(CATEGORIES)]
    when = FIRST_DATE + timedelta(hours=61 * index)
    title = f"{topic.capitalize()}: what to know, part {index}"
    tags = sorted({topic, rng.choice(TOPICS), rng.choice(["summer", "routine", "kids", "adults"])})
    header = [
        f"Title: {title}",
        f"Date: {when:%Y-%m-%d %H:%M}",
        f"Category: {category}",
        f"Tags: {', '.join(tags)}",
        f"Slug: article-{index:05d}",
        f"Summary: A plain-language guide to {topic} from the dermatologists at Spectrum "
        f"Dermatology, part {index}.",
        "Author: Spectrum Dermatology",
    ]
    if category in MEDICAL:
        header += ["Reviewed_By: dr-example", f"Last_Reviewed: {REVIEW_DAY:%Y-%m-%d}"]
    body = [_paragraph(rng)]
    for section in range(3):
        body.append(f"## {rng.choice(WORDS).capitalize()} and {topic}, {section + 1}")
        body += [_paragraph(rng) for _ in range(2)]
        body.append("\n".join(f"- {_sentence(rng)}" for _ in range(3)))
    other = rng.randrange(total)
    body.append(f"Read also [part {other}]({{filename}}/articles/article-{other:05d}.md).")
    if index % 50 == 0:
        body.append("![A bright, clean treatment room]({static}/images/social-default.png)")
    return "\n".join(header) + "\n\n" + "\n\n".join(body) + "\n"


def make_corpus(target: Path, articles: int = 1000, seed: int = 20261125) -> Path:
    """Write the corpus into `target`/content and return that folder."""
    content = target / "content"
    shutil.rmtree(content, ignore_errors=True)
    for folder in ("pages", "images", "extra"):
        shutil.copytree(ROOT / "content" / folder, content / folder)
    shutil.copytree(ROOT / "content" / "articles", content / "articles")
    rng = random.Random(seed)
    for index in range(articles):
        text = article_text(index, rng, articles)
        (content / "articles" / f"article-{index:05d}.md").write_text(text, encoding="utf-8")
    return content


def stock_copy(content: Path, target: Path) -> Path:
    """The same corpus for stock Pelican, whose theme has none of our page templates."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(content, target)
    for page in target.glob("pages/**/*.md"):
        lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not line.startswith("Template:")]
        page.write_text("".join(kept), encoding="utf-8")
    return target
