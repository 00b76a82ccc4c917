"""From Pelican's content objects to what templates render: CTA, reviewer, crumbs, head.

The only module that reads Pelican objects; the decisions are the pure functions
it calls. Problems are collected, not raised, so a build reports them all at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from .cta import UnknownCTA, resolve_cta
from .head import build_head
from .images import RESPONSIVE_CLASS, responsive_images
from .pageinfo import Crumb, PageInfo, describe, word_count
from .problems import Problem, display_path, metadata_line
from .providers import Provider
from .settings import ClinicSettings

CTA_MARKER = re.compile(r"<p>\s*\[\[cta\]\]\s*</p>", re.IGNORECASE)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SUMMARY_LIMIT = 160
WORDS_PER_MINUTE = 230
PAGE_TYPES = {"contact": "ContactPage"}
BLOG_KINDS = {"blog", "category", "tag", "author", "categories", "tags", "authors"}


@dataclass
class ClinicBuild:
    """One build's validated settings, its shared graph nodes and the problems found."""

    site: ClinicSettings
    shared_nodes: list[dict]
    archives_url: str
    tagline: str
    problems: list[Problem] = field(default_factory=list)
    image_settings: dict = field(default_factory=dict)  # for pelican-image-process


def reading_minutes(words: int | None) -> int | None:
    """Minutes to read `words` at an unhurried pace, at least one; None for no body."""
    return max(1, round(words / WORDS_PER_MINUTE)) if words else None


def split_at_marker(body_html: str) -> tuple[str, str | None]:
    """The body before and after a `[[cta]]` paragraph; `None` after when there is none."""
    parts = CTA_MARKER.split(body_html, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (body_html, None)


def _problem(content, key: str | None, message: str, fix: str) -> Problem:
    path = content.source_path
    line = metadata_line(path, key) if key else None
    return Problem(display_path(path), message, fix, line=line)


def _single(content, key: str, problems: list[Problem]) -> str:
    """A metadata value as one string; a key written twice is a problem, not a list."""
    value = content.metadata.get(key, "")
    if isinstance(value, list):
        problems.append(
            _problem(content, key, f"{key.title()} is given {len(value)} times", "keep one line")
        )
        value = value[0]
    return str(value).strip()


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


def _review(content, site: ClinicSettings, problems: list[Problem]):
    """The reviewer and review date named by `Reviewed_By` and `Last_Reviewed`."""
    key = _single(content, "reviewed_by", problems)
    raw_date = _single(content, "last_reviewed", problems)
    reviewer = reviewed_on = None
    if key:
        reviewer = site.providers.get(key)
        if reviewer is None:
            known = ", ".join(sorted(site.providers)) or "none"
            problems.append(
                _problem(
                    content,
                    "reviewed_by",
                    f"unknown reviewer {key!r} (known: {known})",
                    "use a key of CLINIC_PROVIDERS in pelicanconf.py",
                )
            )
    if raw_date:
        try:
            if not ISO_DATE.match(raw_date):
                raise ValueError(raw_date)
            reviewed_on = date.fromisoformat(raw_date)
        except ValueError:
            problems.append(
                _problem(
                    content,
                    "last_reviewed",
                    f"Last_Reviewed {raw_date!r} is not a date",
                    "write it as YYYY-MM-DD, e.g. 2025-03-01",
                )
            )
    if key and not raw_date:
        problems.append(
            _problem(
                content,
                "reviewed_by",
                "Reviewed_By without Last_Reviewed",
                "add Last_Reviewed: YYYY-MM-DD",
            )
        )
    if raw_date and not key:
        problems.append(
            _problem(
                content,
                "last_reviewed",
                "Last_Reviewed without Reviewed_By",
                "add Reviewed_By: <provider key>",
            )
        )
    return reviewer, reviewed_on


def _cta(content, kind: str, site: ClinicSettings, problems: list[Problem]):
    requested = _single(content, "cta", problems) or None
    category = str(content.category) if kind == "article" else None
    try:
        if kind == "article":
            return resolve_cta(
                requested, category, site.ctas, site.cta_default, site.cta_by_category
            )
        return resolve_cta(requested, None, site.ctas, None, {})
    except UnknownCTA as error:
        problems.append(
            _problem(
                content,
                "cta",
                f"unknown CTA {error.name!r} (known: {', '.join(error.known)}, none)",
                "use a name from CLINIC_CTAS in pelicanconf.py, or 'none'",
            )
        )
        return None


def prepare(content, kind: str, build: ClinicBuild) -> None:
    """Attach cta, body parts, reviewer, breadcrumbs and head to one article or page."""
    site, problems = build.site, build.problems
    summary = _single(content, "summary", problems)
    if len(" ".join(summary.split())) > SUMMARY_LIMIT:
        problems.append(
            _problem(
                content,
                "summary",
                f"Summary is {len(summary)} characters, more than {SUMMARY_LIMIT}",
                "shorten it: search engines cut it at about 160 characters",
            )
        )
    reviewer, reviewed_on = _review(content, site, problems)
    cta = _cta(content, kind, site, problems)
    body = content.content or ""
    if RESPONSIVE_CLASS in body:
        body = responsive_images(body, build.image_settings)
    before, after = split_at_marker(body)
    crumbs = _crumbs(content, kind, build)
    medical = _is_medical(content, kind, reviewer, site)
    seo_title = _single(content, "seo_title", problems)
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
