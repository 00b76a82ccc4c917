"""The clinic plugin: connects the clinic's pure functions to Pelican's signals.

Stages: `initialized` validates the settings (a bad setting stops the build,
naming it) and runs the content rules over every file (any error stops the
build, listing them all, before Pelican reads a file); `content_object_init`
typesets each body; once every generator has read its content,
`all_generators_finalized` attaches the call to action, reviewer, breadcrumbs
and head to each article and page.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

from pelican import signals

from .assets import asset_urls, content_security_policy
from .content import ClinicBuild, prepare
from .images import prepare_images
from .jsonld import site_nodes
from .lint import check_site_content
from .listings import listing_head
from .problems import ContentError
from .provider_pages import ProviderPages
from .settings import validate
from .typography import display_title, typeset

logger = logging.getLogger(__name__)


def start_build(pelican) -> None:
    """Validate the settings and the content, then compute the per-site work once."""
    settings = pelican.settings
    site = validate(settings)
    problems = check_site_content(settings, site)
    for warning in (problem for problem in problems if problem.warning):
        logger.warning("%s", warning)
    errors = [problem for problem in problems if not problem.warning]
    if errors:
        raise ContentError(errors)
    build = ClinicBuild(
        site=site,
        shared_nodes=site_nodes(site),
        archives_url=settings["ARCHIVES_URL"],
        tagline=settings.get("SITE_TAGLINE", ""),
    )
    settings["CLINIC_BUILD"] = build
    settings["CLINIC_VIEW"] = site.clinic
    settings["CLINIC_HOME_CTA"] = site.ctas.get(site.cta_default or "")
    static_prefix = f"{settings['SITEURL']}/{settings['THEME_STATIC_DIR']}"
    settings["CLINIC_ASSETS"] = asset_urls(Path(settings["THEME"]) / "static", static_prefix)
    settings["CLINIC_CSP"] = content_security_policy(settings.get("CLINIC_ALLOWED_ORIGINS", ()))
    settings["JINJA_GLOBALS"] = {
        **settings.get("JINJA_GLOBALS", {}),
        "listing_head": partial(listing_head, build),
    }


def prepare_content(content) -> None:
    """Typeset the body and the display title, and size its images; metadata stays plain."""
    settings = content.settings
    typeset_on = settings.get("CLINIC_TYPOGRIFY", True)
    content.display_title = display_title(getattr(content, "title", ""), typeset_on)
    if not content._content:
        return
    if typeset_on:
        content._content = typeset(content._content)
    if "<img" in content._content:
        source_dir = Path(content.source_path).parent
        content._content = prepare_images(content._content, Path(settings["PATH"]), source_dir)


def finish_content(generators) -> None:
    """Attach what templates render to every article and page."""
    build = generators[0].settings["CLINIC_BUILD"]
    build.image_settings = {**generators[0].settings, **generators[0].context}
    for generator in generators:
        for kind, items in _content_of(generator):
            for item in items:
                prepare(item, kind, build)


def _content_of(generator):
    if hasattr(generator, "articles"):
        yield (
            "article",
            [
                *generator.articles,
                *generator.translations,
                *generator.drafts,
                *generator.drafts_translations,
                *generator.hidden_articles,
                *generator.hidden_translations,
            ],
        )
    if hasattr(generator, "pages"):
        yield (
            "page",
            [
                *generator.pages,
                *generator.translations,
                *generator.hidden_pages,
                *generator.hidden_translations,
                *generator.draft_pages,
                *generator.draft_translations,
            ],
        )


def add_generators(pelican):
    return ProviderPages


def register() -> None:
    signals.initialized.connect(start_build)
    signals.content_object_init.connect(prepare_content)
    signals.all_generators_finalized.connect(finish_content)
    signals.get_generators.connect(add_generators)
