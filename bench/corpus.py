"""Deterministic synthetic corpora for `make bench`, in three shapes, that keep the content rules.

- `short`: many short posts, about 300 words each, 50 distinct tags across the corpus;
- `long`: fewer long articles, about 2500 words each, 5 distinct tags;
- `replicated`: the site's own articles and pages (content/articles/*.md and
  content/pages/**/*.md) copied until there are about N files, each copy with its
  own slug and title (and its own URL/Save_as where the original sets them).

The generated shapes also hold the site's own articles, pages, images and extra
files, as the real site would. The same shape, N and seed always give the same
bytes. `stock_copy` gives stock Pelican the same files, less the `Template:` lines
its theme has no templates for.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261125
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
# Fifty distinct tags: the topics, then thirty more.
TAGS_50 = [
    *TOPICS,
    "summer",
    "winter",
    "routine",
    "kids",
    "adults",
    "teens",
    "seniors",
    "men",
    "women",
    "pregnancy",
    "diet",
    "sleep",
    "stress",
    "allergies",
    "itching",
    "redness",
    "sun damage",
    "aging",
    "wrinkles",
    "pores",
    "oily skin",
    "sensitive skin",
    "cleansers",
    "moisturizers",
    "retinoids",
    "vitamin c",
    "insurance",
    "appointments",
    "clinic news",
    "research",
]
TAGS_5 = ["skin health", "treatments", "prevention", "routine", "clinic news"]
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
    "exam",
    "history",
    "symptoms",
    "relief",
    "options",
    "safe",
    "effective",
    "Arizona",
    "Scottsdale",
    # What typography acts on, at about the rate of the site's own articles:
    # apostrophes, capitals (caps spans), and below quotes and dashes.
    "it's",
    "don't",
    "patient's",
    "skin's",
    "SPF",
    "UV",
]
# Newest article first, one every seven hours backwards: 10,000 articles stay in the past.
LAST_DATE = datetime(2026, 1, 1, 9, 0)
REVIEW_DAY = date(2026, 6, 1)
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
ADDRESS = re.compile(r"\]\([^)]*\)")  # a link's or image's address: not words


@dataclass(frozen=True)
class Shape:
    name: str
    description: str
    per_thousand: int  # generated articles (or replicated files) at N=1000
    words: int = 0  # body words per generated article
    tags: int = 0  # distinct tags across the corpus
    tags_per_article: int = 0


SHAPES = {
    "short": Shape("short", "many short posts", 1000, 300, 50, 3),
    "long": Shape("long", "fewer long articles", 250, 2500, 5, 2),
    "replicated": Shape("replicated", "the site's own articles and pages, replicated", 1000),
}


def count_for(shape: str, n: int) -> int:
    """How many articles (or replicated files) the shape holds at `make bench N=n`."""
    return max(1, round(SHAPES[shape].per_thousand * n / 1000))


def _sentence(rng: random.Random) -> list[str]:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    mark = rng.randrange(6)
    if mark == 0:  # a quoted phrase
        words[-2:] = [f'"{words[-2]}', f'{words[-1]}"']
    elif mark == 1:  # a dash
        words[len(words) // 2] += " --"
    return words


def _text(words: list[str]) -> str:
    return " ".join([words[0].capitalize(), *words[1:]]) + "."


def _body(rng: random.Random, topic: str, target: int, link: str, image: bool) -> str:
    """Paragraphs, headings and lists until the body holds about `target` words."""
    blocks: list[str] = []
    written = 0
    section = 0
    link_words = len(WORD.findall(ADDRESS.sub("]", link)))
    while written < target - link_words:
        if blocks and len(blocks) % 4 == 0:
            section += 1
            heading = f"{rng.choice(WORDS).capitalize()} and {topic}, {section}"
            blocks.append(f"## {heading}")
            written += len(WORD.findall(heading))
            continue
        if len(blocks) % 4 == 3:
            items = []
            while len(items) < 3 and written < target - link_words:
                items.append(_sentence(rng)[: max(1, target - link_words - written)])
                written += len(items[-1])
            blocks.append("\n".join(f"- {_text(item)}" for item in items))
            continue
        sentences = []
        while len(sentences) < 4 and written < target - link_words:
            words = _sentence(rng)[: max(1, target - link_words - written)]
            sentences.append(_text(words))
            written += len(words)
        blocks.append(" ".join(sentences))
    blocks.append(link)
    if image:
        blocks.append(f"![A treatment room]({{static}}/{PICTURE})")
    return "\n\n".join(blocks)


def article_text(index: int, rng: random.Random, total: int, shape: Shape) -> str:
    topic = TOPICS[index % len(TOPICS)]
    category = CATEGORIES[index % len(CATEGORIES)]
    when = LAST_DATE - timedelta(hours=7 * index)
    pool = TAGS_50 if shape.tags == 50 else TAGS_5
    # The article's own tag walks the pool, so that every tag is used; the others are drawn.
    tags = {pool[index % len(pool)]}
    while len(tags) < min(shape.tags_per_article, len(pool)):
        tags.add(rng.choice(pool))
    header = [
        f"Title: {topic.capitalize()}: what to know, part {index}",
        f"Date: {when:%Y-%m-%d %H:%M}",
        f"Category: {category}",
        f"Tags: {', '.join(sorted(tags))}",
        f"Slug: article-{index:05d}",
        f"Summary: A plain-language guide to {topic} from the dermatologists at Spectrum "
        f"Dermatology, part {index}.",
        "Author: Spectrum Dermatology",
    ]
    if category in MEDICAL:
        header += ["Reviewed_By: dr-example", f"Last_Reviewed: {REVIEW_DAY:%Y-%m-%d}"]
    other = rng.randrange(total)
    link = f"Read also [part {other}]({{filename}}/articles/article-{other:05d}.md)."
    body = _body(rng, topic, shape.words, link, image=index % 50 == 0)
    return "\n".join(header) + "\n\n" + body + "\n"


def split(text: str) -> tuple[dict[str, str], str]:
    """A file's header (keys lower-cased) and its body."""
    head, _, body = text.partition("\n\n")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    return meta, body


def body_words(text: str) -> int:
    """Words in a file's body, as the shapes count them (markup and addresses aside)."""
    body = split(text)[1]
    body = ADDRESS.sub("]", body)
    return len(WORD.findall(body))


# The picture one generated article in fifty shows: the site's own are drawings (SVG),
# and a PNG takes the path of a photo (its WebP sizes). Drawn here, so that the site's
# content need not hold one; Pillow writes the same bytes every time.
PICTURE = "images/bench-picture.png"


def bench_picture() -> bytes:
    """A 960×640 PNG of a few flat shapes: the picture the generated articles show."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (960, 640), (243, 246, 248))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 420, 959, 639), fill=(201, 210, 219))
    draw.rounded_rectangle((120, 140, 520, 460), radius=40, fill=(10, 95, 102))
    draw.ellipse((600, 80, 860, 340), fill=(127, 211, 217))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _site_files(content: Path) -> None:
    """The site's pictures and files, and its Spanish edition (built by every build)."""
    for folder in ("images", "extra", "es"):
        if (ROOT / "content" / folder).is_dir():
            shutil.copytree(ROOT / "content" / folder, content / folder)
    (content / PICTURE).parent.mkdir(parents=True, exist_ok=True)
    (content / PICTURE).write_bytes(bench_picture())


def _generated(content: Path, shape: Shape, articles: int, seed: int) -> None:
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    shutil.copytree(ROOT / "content" / "articles", content / "articles")
    rng = random.Random(f"{seed}-{shape.name}")
    for index in range(articles):
        text = article_text(index, rng, articles, shape)
        (content / "articles" / f"article-{index:05d}.md").write_text(text, encoding="utf-8")


def site_sources() -> list[Path]:
    """The site's own articles and pages, which the replicated shape copies."""
    content = ROOT / "content"
    return sorted(content.glob("articles/*.md")) + sorted(content.glob("pages/**/*.md"))


def _copy_of(text: str, number: int) -> str:
    """The file as its `number`th copy: its own slug and title, its own URL and Save_as."""
    meta, _ = split(text)
    slug = meta.get("slug")
    suffix = f"-c{number:04d}"
    head, _, body = text.partition("\n\n")
    lines = []
    for line in head.splitlines():
        key, _, value = line.partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "title":
            line = f"Title: {value} (copy {number})"
        elif key == "slug":
            line = f"Slug: {value}{suffix}"
        elif key in ("url", "save_as"):
            at = value.rfind(slug) if slug else -1
            if at < 0:
                continue  # no unique value to give it: the page takes its slug's address
            line = f"{line.split(':', 1)[0]}: {value[:at]}{slug}{suffix}{value[at + len(slug) :]}"
        lines.append(line)
    if not slug:
        lines.append(f"Slug: copy{suffix}")
    return "\n".join(lines) + "\n\n" + body


def _replicated(content: Path, files: int) -> None:
    sources = site_sources()
    copies = max(1, round(files / len(sources)))
    for source in sources:
        relative = source.relative_to(ROOT / "content")
        text = source.read_text(encoding="utf-8")
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        for number in range(1, copies):
            copy = target.with_name(f"{source.stem}-c{number:04d}.md")
            copy.write_text(_copy_of(text, number), encoding="utf-8")


def make_corpus(target: Path, articles: int = 1000, seed: int = SEED, shape: str = "short") -> Path:
    """Write the corpus into `target`/content and return that folder.

    `articles` is the shape's count: generated articles, or for `replicated` the
    number of files (about; whole copies of the site's files)."""
    content = target / "content"
    shutil.rmtree(content, ignore_errors=True)
    content.mkdir(parents=True)
    _site_files(content)
    if shape == "replicated":
        _replicated(content, articles)
    else:
        _generated(content, SHAPES[shape], articles, seed)
    return content


def edited_article(content: Path) -> Path:
    """The article the warm rebuild and the preview edit: a generated one, or a copy."""
    names = sorted(path.name for path in (content / "articles").glob("*.md"))
    preferred = [name for name in names if name == "article-00007.md" or "-c0007." in name]
    return content / "articles" / (preferred or names)[-1]


def markdown_files(content: Path) -> int:
    return sum(1 for _ in content.rglob("*.md"))


def replicated_copies(files: int) -> int:
    return max(1, round(files / len(site_sources())))


def stock_copy(content: Path, target: Path) -> Path:
    """The same corpus for stock Pelican, whose theme has none of our page templates."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(content, target)
    for page in (path for path in target.rglob("*.md") if "pages" in path.parts):
        lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not line.startswith("Template:")]
        page.write_text("".join(kept), encoding="utf-8")
    return target
