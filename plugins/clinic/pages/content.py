"""From Pelican's content objects to what templates render: CTA, reviewer, crumbs, head.

The only module that reads Pelican objects; the decisions are the pure functions
it calls. The content rules (rules.py) have checked every file before Pelican
read it, so the values here are known to be good. A build's state is its
`ClinicBuild`; the process keeps only `_remembering_url`'s one subclass per class.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property, partial
from pathlib import Path

from markupsafe import Markup

from ..build.incremental import PageRecords
from ..build.splitwrite import Ahead, Processes
from ..core.values import PROCEDURE_TYPES
from ..rendering.faq import Question, disclosures, heading_for
from ..rendering.i18n import SOURCE_LANGUAGE, translations_for
from ..rendering.images import (
    RESPONSIVE_CLASS,
    Image,
    ImageProcessSettings,
    responsive_images,
)
from ..rendering.pictures import page_picture
from ..rules.memo import ContentMemo
from ..settings.brand import Brand
from ..settings.cta import CTA, resolve_cta
from ..settings.editions import EditionsBuild
from ..settings.options import BuildOptions
from ..settings.providers import Provider
from ..settings.taglines import Tagline
from ..settings.validation import ClinicSettings
from ..sitewide.sitemap import Entry, latest
from .head import LazyHead, build_head
from .jsonld import SharedGraph
from .pageinfo import Crumb, PageInfo, Procedure, describe, word_count
from .related import Item, rank_related
from .sharecards import ShareCards

CTA_MARKER = re.compile(r"<p>\s*\[\[cta\]\]\s*</p>", re.IGNORECASE)
WORDS_PER_MINUTE = 230
PAGE_TYPES = {"contact": "ContactPage"}


# ClinicBuild's fields in incremental's build key by other ways: written as the build
# goes (the sitemap), or made from the settings (the cache folder's name covers them).
SHOWN_ELSEWHERE = ("sitemap", "static_files", "image_settings")


@dataclass
class ClinicBuild:
    """One build's validated settings and the work done once for every page."""

    site: ClinicSettings
    shared_nodes: SharedGraph
    archives_url: str
    image_settings: ImageProcessSettings | None = None  # for pelican-image-process
    sitemap: list[Entry] = field(default_factory=list)
    home_url: str = ""  # the edition's home, below the site root: "" or "es/"
    lang: str = SOURCE_LANGUAGE
    theme: str = ""
    # (source, address below the output) of each picture, drawing and PDF the static
    # folders publish: finish_site puts their cleaned copies in place (scrub.py).
    static_files: list[tuple[Path, str]] = field(default_factory=list)
    options: BuildOptions = field(default_factory=BuildOptions)  # decided once (options.py)
    # What the theme shows, worked out once: templates read them as `CLINIC_BUILD.<name>`
    # (Pelican hands every setting to the templates; this context is the one the plugin
    # adds), rather than from a dozen keys written into Pelican's settings.
    view: dict = field(default_factory=dict)  # the clinic's facts as pages show them
    taglines: tuple[Tagline, ...] = ()  # the language-assistance taglines
    versions: dict = field(default_factory=dict)  # address -> {lang: address}, every edition
    base_url: str = ""  # the site's absolute root, for hreflang links
    other_editions: list[dict] = field(default_factory=list)  # the language switcher's
    # The root 404 page's parts in the other editions' languages (missing.py).
    missing_elsewhere: tuple = ()
    assets: dict[str, str] = field(default_factory=dict)  # the theme's files, fingerprinted
    brand: Brand = field(default_factory=Brand)  # the clinic's initials and colours
    # The theme's files as the brand changes them (the stylesheet's colours), by their name
    # below its static folder: written over Pelican's copies (assets.py). Made from the
    # brand and the theme, both in the key already.
    branded: dict[str, bytes] = field(default_factory=dict, compare=False)
    # The edition's default share image (sharecards.default_image), None when the clinic
    # gives a picture of its own; drawn at the start, written at the end.
    default_card: bytes | None = field(default=None, compare=False)
    csp: str = ""  # the Content-Security-Policy every page declares
    hero: Image | None = None  # the home page's picture
    team: list[Provider] = field(default_factory=list)
    default_cta: CTA | None = None  # the call to action of the providers' pages
    # What the editions' runs of this build share (the sitemap, the share cards).
    editions: EditionsBuild = field(default_factory=EditionsBuild, compare=False)
    # What the build hands on while it runs: its second processes (the writers' fork, work
    # ahead and in the background: splitwrite.py), its share cards (production), and the
    # theme being compiled in a second process until the pages need it. Never saved:
    # Pelican's content cache pickles the settings that hold this context.
    processes: Processes = field(default_factory=Processes, compare=False)
    # What the rules and the reader remember (memo.py): the build's own, or the live
    # preview's, kept across its builds.
    memo: ContentMemo = field(default_factory=ContentMemo, compare=False)
    cards: ShareCards | None = field(default=None, compare=False)
    theme_ahead: Ahead | None = field(default=None, compare=False)
    # What each page read when it was last rendered (incremental.py): an unchanged page
    # is written again from the last build's output instead of rendered.
    pages: PageRecords = field(default_factory=lambda: PageRecords(None, None), compare=False)

    def shown(self) -> dict:
        """What the context shows the pages (for incremental.build_key): its values, not its
        machinery (the fields that take no part in comparing two contexts)."""
        return {
            field.name: getattr(self, field.name)
            for field in dataclasses.fields(self)
            if field.compare and field.name not in SHOWN_ELSEWHERE
        }

    def __getstate__(self) -> dict:
        unsaved = ("processes", "memo", "cards", "theme_ahead", "editions", "pages", "default_card")
        return {**self.__dict__, **dict.fromkeys(unsaved)}

    @property
    def first_edition(self) -> str:
        """The language of the edition at the site's root (hreflang's x-default)."""
        return self.options.first_edition

    def og_locale(self, lang: str) -> str:
        """Open Graph's form of edition `lang`'s language: "es_US" for "es-US"."""
        return self.editions.tags.get(lang, lang).replace("-", "_")

    def text(self, message: str) -> str:
        """`message` in the edition's language (the theme's catalog), for words pages show.

        A method rather than a stored function: the settings, which hold this, are
        saved with the content cache.
        """
        return translations_for(Path(self.theme), self.lang).gettext(message)


def reading_minutes(words: int | None) -> int | None:
    """Minutes to read `words` at an unhurried pace, at least one; None for no body."""
    return max(1, round(words / WORDS_PER_MINUTE)) if words else None


def split_at_marker(body_html: str) -> tuple[str, str | None]:
    """The body before and after a `[[cta]]` paragraph; `None` after when there is none."""
    parts = CTA_MARKER.split(body_html, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (body_html, None)


def _crumbs(content, kind: str, build: ClinicBuild) -> tuple[Crumb, ...]:
    _ = build.text
    home = Crumb(_("Home"), build.home_url)
    if kind == "article":
        blog = Crumb(_("Blog"), build.archives_url)
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


class RenderedBody:
    """An article's or page's body as templates show it, worked out when first used.

    A build that writes only some pages (the live preview) pays only for those.
    """

    def __init__(self, content, build: ClinicBuild) -> None:
        self._content, self._build = content, build

    @cached_property
    def html(self) -> str:
        body = self._content.content or ""
        if RESPONSIVE_CLASS in body:
            body = responsive_images(body, self._build.image_settings)
        return body

    def place(self, html: str) -> None:
        """The body as another process of this build worked it out (bodies_with_photos)."""
        self.__dict__["html"] = html

    @cached_property
    def _parts(self) -> tuple[str, str | None, tuple[Question, ...]]:
        """Before and after the marker, a treatment page's questions as disclosures (faq.py)."""
        before, after = split_at_marker(self.html)
        heading = heading_for(self._build.lang)
        if getattr(self._content, "template", "") != "treatment" or not heading:
            return before, after, ()
        before, asked = disclosures(before, heading)
        if after is not None:
            after, asked_after = disclosures(after, heading)
            asked += asked_after
        return before, after, tuple(asked)

    @property
    def before(self) -> Markup:
        """The body up to the `[[cta]]` marker, or all of it."""
        return Markup(self._parts[0])

    @property
    def after(self) -> Markup | None:
        """The body after the marker; None when there is no marker."""
        after = self._parts[1]
        return Markup(after) if after is not None else None

    @property
    def questions(self) -> tuple[Question, ...]:
        """The page's questions and answers, in the page's order; none on most pages."""
        return self._parts[2]

    @cached_property
    def words(self) -> int:
        return word_count(self.html)

    @property
    def reading_minutes(self) -> int | None:
        return reading_minutes(self.words)


def page_info(content, kind: str, build: ClinicBuild, body: RenderedBody) -> PageInfo:
    """What the head and the graph say about one article or page."""
    site = build.site
    summary = content.metadata.get("summary", "")
    template = getattr(content, "template", "")
    published = getattr(content, "date", None) if kind == "article" else None
    article = kind == "article"
    return PageInfo(
        kind=kind,
        path=content.url,
        title=content.title,
        html_title=content.metadata.get("seo_title") or f"{content.title} | {site.site_name}",
        description=describe(summary, body.html),
        breadcrumbs=content.breadcrumbs,
        web_page_type="MedicalWebPage"
        if _is_medical(content, kind, content.reviewer, site)
        else PAGE_TYPES.get(template, "WebPage"),
        published=published,
        modified=(getattr(content, "modified", None) or published) if published else None,
        author=str(content.author) if article and getattr(content, "author", None) else None,
        section=str(content.category) if article else None,
        keywords=tuple(str(tag) for tag in getattr(content, "tags", None) or ()),
        word_count=body.words if article else None,
        reviewer=content.reviewer,
        last_reviewed=content.last_reviewed,
        procedure=_procedure(content, template, summary),
        image=content.picture,
        questions=body.questions,
    )


def _breadcrumbs(content) -> tuple[Crumb, ...]:
    return content.clinic_crumbs()


@cache
def _remembering_url(cls: type) -> type:
    """`cls` with its `url` worked out once per object instead of on every read, and
    its breadcrumbs when a template first shows them.

    Pelican computes `url` from the settings' patterns each time a template asks,
    and lists, related articles, neighbours and the sitemap ask thousands of times.
    Once every generator has finished, an object's address no longer changes. The
    breadcrumbs name the page's own address, so working them out for every page
    before writing would make the one process do what the two writing ones can
    share (and the live preview, which writes one page, would do it for all).
    """
    members = {
        "url": cached_property(cls.url.fget),
        "breadcrumbs": cached_property(_breadcrumbs),
        "__module__": cls.__module__,
    }
    return type(cls.__name__, (cls,), members)


def prepare(content, kind: str, build: ClinicBuild) -> None:
    """Attach cta, reviewer, breadcrumbs, body and head to one article or page.

    The cheap parts now; the body and the head when a template first reads them.
    """
    content.__class__ = _remembering_url(type(content))
    content.reviewer, content.last_reviewed = _review(content, build.site)
    content.cta = _cta(content, kind, build.site)
    content.clinic_crumbs = partial(_crumbs, content, kind, build)
    content.picture = page_picture(content.metadata, build.options.pelican.path)
    body = RenderedBody(content, build)
    content.clinic_body = body
    content.head = LazyHead(
        lambda: build_head(
            page_info(content, kind, build, body), build.site, build.shared_nodes, build.cards
        )
    )


def bodies_with_photos(items) -> dict[int, str]:
    """The bodies that place a photo, by their index in `items`, worked out before the
    pages are shared out between two processes (splitwrite.py): the photos' sizes are
    written on the way.

    pelican-image-process writes a size that is missing and reads one that is there:
    two processes meeting the same image at once, one writing it and the other reading,
    would read a half-written file. Worked out in a second process (while the first
    relates the articles: finish_content), they are handed back whole (`place_bodies`),
    so the processes that write the pages never import pelican-image-process.
    """
    bodies = {}
    for index, item in enumerate(items):
        body = getattr(item, "clinic_body", None)
        # The body as read, not `content`: that resolves every page's links, which
        # Pelican then keeps, and would do here for every page.
        raw = getattr(item, "_content", None) or ""
        if body is not None and RESPONSIVE_CLASS in raw:
            bodies[index] = body.html
    return bodies


def place_bodies(items, bodies: dict[int, str]) -> None:
    """Give each item the body worked out for it elsewhere (bodies_with_photos)."""
    for index, html in bodies.items():
        items[index].clinic_body.place(html)


def sitemap_entry(path: str, context: dict, build: ClinicBuild) -> Entry | None:
    """The sitemap's line for one written file: published pages, dated by their last change."""
    item = context.get("article") or context.get("page")
    output = context["OUTPUT_PATH"]  # absolute, as Pelican joins the path to it
    if path.startswith(output + os.sep):  # a thousand pages: no Path made for each
        relative = path[len(output) + 1 :].replace(os.sep, "/")
    else:
        relative = Path(path).relative_to(output).as_posix()
    if item is not None:
        if getattr(item, "status", "published") != "published":
            return None
        changed = getattr(item, "modified", None) or getattr(item, "date", None)
        reviewed = getattr(item, "last_reviewed", None)
        return Entry(build.site.absolute(item.url), latest(changed, reviewed), relative)
    if not relative.endswith(".html") or relative == "404.html":
        return None
    url = build.site.absolute(relative.removesuffix("index.html"))
    if "provider" in context:  # a provider's page: searchable, as articles and pages are
        return Entry(url, page_file=relative)
    if "providers" in context:
        return Entry(url)
    listed = context.get("articles_page")
    articles = listed.object_list if listed else context.get("articles") or ()
    return Entry(url, latest(*(getattr(a, "modified", None) or a.date for a in articles)))


def attach_related(articles: list, pages: list, tags: dict, limit: int) -> None:
    """Related articles under each article; a treatment page's articles are those tagged
    with its slug (`tags` is Pelican's map of each tag to its articles)."""
    items = tuple(
        Item(index, frozenset(t.name for t in getattr(a, "tags", ())), a.category.name, a.date)
        for index, a in enumerate(articles)
    )
    for index, related in rank_related(items, limit).items():
        articles[index].related_articles = [articles[other] for other in related]
    by_slug = {tag.slug: tagged for tag, tagged in tags.items()}
    for page in pages:
        if getattr(page, "template", "") == "treatment":
            page.related_articles = list(by_slug.get(page.slug, ()))
