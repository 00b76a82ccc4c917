"""From Pelican's content objects to what templates render: CTA, reviewer, crumbs, head.

The only module that reads Pelican objects; the decisions are the pure functions
it calls. The content rules (rules.py) have checked every file before Pelican
read it, so the values here are known to be good.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from markupsafe import Markup

from .cta import resolve_cta
from .head import build_head
from .images import RESPONSIVE_CLASS, responsive_images
from .pageinfo import Crumb, PageInfo, Procedure, describe, word_count
from .providers import Provider
from .settings import ClinicSettings
from .sitemap import Entry, latest

CTA_MARKER = re.compile(r"<p>\s*\[\[cta\]\]\s*</p>", re.IGNORECASE)
WORDS_PER_MINUTE = 230
PAGE_TYPES = {"contact": "ContactPage"}
PROCEDURE_TYPES = {"noninvasive": "NoninvasiveProcedure", "percutaneous": "PercutaneousProcedure"}
BLOG_KINDS = {"blog", "category", "tag", "author", "categories", "tags", "authors"}


@dataclass
class ClinicBuild:
    """One build's validated settings and the work done once for every page."""

    site: ClinicSettings
    shared_nodes: list[dict]
    archives_url: str
    tagline: str
    image_settings: dict = field(default_factory=dict)  # for pelican-image-process
    sitemap: list[Entry] = field(default_factory=list)


def reading_minutes(words: int | None) -> int | None:
    """Minutes to read `words` at an unhurried pace, at least one; None for no body."""
    return max(1, round(words / WORDS_PER_MINUTE)) if words else None


def split_at_marker(body_html: str) -> tuple[str, str | None]:
    """The body before and after a `[[cta]]` paragraph; `None` after when there is none."""
    parts = CTA_MARKER.split(body_html, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (body_html, None)


def _crumbs(content, kind: str, build: ClinicBuild) -> tuple[Crumb, ...]:
    home = Crumb("Home", "")
    if kind == "article":
        blog = Crumb("Blog", build.archives_url)
        category = Crumb(str(content.category), content.category.url)
        return (home, blog, category, Crumb(content.title, content.url))
    return (home, Crumb(content.title, content.url))


def _is_medical(content, kind: str, reviewer: Provider | None, site: ClinicSettings) -> bool:
    if reviewer:
        return True
    if kind == "article":
        return str(content.category) in site.medical_categories
    return getattr(content, "template", "") == "treatment"


def _review(content, site: ClinicSettings) -> tuple[Provider | None, date | None]:
    """The reviewer and review date named by `Reviewed_By` and `Last_Reviewed`.

    The content rules have checked both before Pelican read the file; a draft
    may still hold a TODO placeholder, which names no one.
    """
    reviewer = site.providers.get(content.metadata.get("reviewed_by", "").strip())
    try:
        reviewed_on = date.fromisoformat(content.metadata.get("last_reviewed", "").strip())
    except ValueError:
        reviewed_on = None
    return reviewer, reviewed_on


def _cta(content, kind: str, site: ClinicSettings):
    """Articles show a call to action unless they say none; pages only when they ask."""
    requested = content.metadata.get("cta")
    if kind == "article":
        category = str(content.category)
        return resolve_cta(requested, category, site.ctas, site.cta_default, site.cta_by_category)
    return resolve_cta(requested, None, site.ctas, None, {})


def _procedure(content, template: str, summary: str) -> Procedure | None:
    """Treatment pages describe one procedure: the page's main entity."""
    if template != "treatment":
        return None
    kind = content.metadata.get("procedure_type", "").strip().lower()
    return Procedure(
        name=content.title,
        description=summary,
        procedure_type=PROCEDURE_TYPES.get(kind, ""),
        body_location=content.metadata.get("body_location", "").strip(),
    )


def prepare(content, kind: str, build: ClinicBuild) -> None:
    """Attach cta, body parts, reviewer, breadcrumbs and head to one article or page."""
    site = build.site
    summary = content.metadata.get("summary", "")
    reviewer, reviewed_on = _review(content, site)
    cta = _cta(content, kind, site)
    body = content.content or ""
    if RESPONSIVE_CLASS in body:
        body = responsive_images(body, build.image_settings)
    before, after = split_at_marker(body)
    crumbs = _crumbs(content, kind, build)
    medical = _is_medical(content, kind, reviewer, site)
    seo_title = content.metadata.get("seo_title", "")
    template = getattr(content, "template", "")
    published = getattr(content, "date", None) if kind == "article" else None
    info = PageInfo(
        kind=kind,
        path=content.url,
        title=content.title,
        html_title=seo_title or f"{content.title} | {site.site_name}",
        description=describe(summary, body),
        breadcrumbs=crumbs,
        web_page_type="MedicalWebPage" if medical else PAGE_TYPES.get(template, "WebPage"),
        published=published,
        modified=(getattr(content, "modified", None) or published) if published else None,
        author=str(content.author)
        if kind == "article" and getattr(content, "author", None)
        else None,
        section=str(content.category) if kind == "article" else None,
        keywords=tuple(str(tag) for tag in getattr(content, "tags", None) or ()),
        word_count=word_count(body) if kind == "article" else None,
        reviewer=reviewer,
        last_reviewed=reviewed_on,
        procedure=_procedure(content, template, summary),
    )
    content.cta = cta
    content.reading_minutes = (
        max(1, round(info.word_count / WORDS_PER_MINUTE)) if info.word_count else None
    )
    content.body_before_cta = Markup(before)
    content.body_after_cta = Markup(after) if after is not None else None
    content.reviewer = reviewer
    content.last_reviewed = reviewed_on
    content.breadcrumbs = crumbs
    content.head = build_head(info, site, build.shared_nodes)


def sitemap_entry(path: str, context: dict, build: ClinicBuild) -> Entry | None:
    """The sitemap's line for one written file: published pages only, dated by their last change."""
    item = context.get("article") or context.get("page")
    relative = Path(path).relative_to(context["OUTPUT_PATH"]).as_posix()
    if item is not None:
        if getattr(item, "status", "published") != "published":
            return None
        changed = getattr(item, "modified", None) or getattr(item, "date", None)
        return Entry(
            build.site.absolute(item.url), latest(changed, getattr(item, "last_reviewed", None))
        )
    if not relative.endswith(".html") or relative == "404.html":
        return None
    listed = context.get("articles_page")
    articles = listed.object_list if listed else context.get("articles") or ()
    newest = (
        latest(*(getattr(a, "modified", None) or a.date for a in articles)) if articles else None
    )
    return Entry(build.site.absolute(relative.removesuffix("index.html")), newest)
