"""What the head and the graph need to know about one page, as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..rendering.faq import Question
from ..rendering.images import Image
from ..rendering.typography import count_words, plain_text
from ..settings.providers import Provider

HEADLINE_LIMIT = 110


@dataclass(frozen=True)
class Crumb:
    name: str
    path: str  # below the site root: "" for home, "blog/" for the blog


@dataclass(frozen=True)
class PageInfo:
    """One page of the site. `kind` is article, page, provider, home or listing."""

    kind: str
    path: str
    title: str
    html_title: str
    description: str
    breadcrumbs: tuple[Crumb, ...]
    web_page_type: str = "WebPage"
    image: Image | None = None
    published: datetime | None = None
    modified: datetime | None = None
    author: str | None = None
    section: str | None = None
    keywords: tuple[str, ...] = ()
    word_count: int | None = None
    reviewer: Provider | None = None
    last_reviewed: date | None = None
    main_provider: Provider | None = None
    procedure: Procedure | None = None
    questions: tuple[Question, ...] = ()  # a treatment page's questions and answers (faq.py)


@dataclass(frozen=True)
class Procedure:
    """A treatment the page describes (a MedicalProcedure in the graph)."""

    name: str
    description: str
    procedure_type: str = ""  # a schema.org MedicalProcedureType, e.g. NoninvasiveProcedure
    body_location: str = ""


def headline(title: str, limit: int = HEADLINE_LIMIT) -> str:
    """The title cut at a word boundary to fit `limit` characters (an ellipsis included)."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return cut + "…"


def word_count(body_html: str) -> int:
    """Words a reader reads in the rendered body."""
    return count_words(body_html)


def describe(summary: str | None, body_html: str, limit: int = 160) -> str:
    """The meta description: the writer's summary, else the body's opening words."""
    if summary:
        return " ".join(summary.split())
    text = plain_text(body_html)
    return headline(text, limit) if text else ""
