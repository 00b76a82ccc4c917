"""Heads for the pages Pelican writes without a content object: lists and provider pages."""

from __future__ import annotations

from ..settings.providers import TEAM_PATH, Provider
from .content import ClinicBuild
from .head import build_head
from .pageinfo import Crumb, PageInfo

BLOG_KINDS = {"blog", "category", "tag", "author", "categories", "tags", "authors"}
LISTING_TYPES = {"home": "WebPage", "search": "SearchResultsPage"}


def path_of(output_file: str) -> str:
    """`blog/index.html` -> `blog/`; `index.html` -> ``; `404.html` stays."""
    return output_file.removesuffix("index.html")


def listing_head(
    build: ClinicBuild, kind: str, output_file: str, title: str, description: str = ""
) -> dict:
    """Head for the home page (`kind="home"`), the blog and its category, tag and author lists."""
    path = path_of(output_file)
    _ = build.text
    crumbs = [Crumb(_("Home"), build.home_url)]
    if kind in BLOG_KINDS:
        crumbs.append(Crumb(_("Blog"), build.archives_url))
    if kind not in ("home", "blog"):
        crumbs.append(Crumb(title, path))
    site = build.site
    page = PageInfo(
        kind="home" if kind == "home" else "listing",
        path=path,
        title=title,
        html_title=title if kind == "home" else f"{title} | {site.site_name}",
        description=description or site.clinic["description"],
        breadcrumbs=tuple(crumbs),
        web_page_type=LISTING_TYPES.get(kind, "CollectionPage"),
    )
    return build_head(page, site, build.shared_nodes, build.cards)


def provider_breadcrumbs(build: ClinicBuild, provider: Provider) -> tuple[Crumb, ...]:
    _ = build.text
    return (
        Crumb(_("Home"), build.home_url),
        Crumb(_("Our team"), f"{build.home_url}{TEAM_PATH}"),
        Crumb(provider.display_name, provider.url),
    )


def provider_head(build: ClinicBuild, provider: Provider) -> dict:
    """Head for a provider's profile page, whose main entity is the provider."""
    site = build.site
    _ = build.text  # the description is in the edition's language, as the page is
    description = _("%(name)s, %(job_title)s at %(clinic)s.") % {
        "name": provider.display_name,
        "job_title": provider.job_title,
        "clinic": site.site_name,
    }
    page = PageInfo(
        kind="provider",
        path=provider.url,
        title=provider.display_name,
        html_title=f"{provider.display_name} | {site.site_name}",
        description=description,
        breadcrumbs=provider_breadcrumbs(build, provider),
        web_page_type="ProfilePage",
        main_provider=provider,
    )
    return build_head(page, site, build.shared_nodes, build.cards)
