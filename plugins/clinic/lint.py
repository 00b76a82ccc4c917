"""Runs the content rules over a site's content/ with its settings: for builds and `make lint`."""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from pelican.utils import slugify

from .problems import Problem, display_path
from .rules import RulesConfig, check_sources, read_all, slug_of
from .settings import ClinicSettings
from .sources import Source

# Addresses the site always has, below its root.
FIXED_URLS = ("", "404.html", "providers/", "search/", "sitemap.xml", "robots.txt")


def content_files(settings: Mapping) -> list[tuple[Path, str, str]]:
    """(path, shown path, "articles" or "pages") for every file Pelican would read."""
    root = Path(settings["PATH"])
    ignored = settings.get("IGNORE_FILES", ["**/.*"])
    files = []
    for section, key in (("articles", "ARTICLE_PATHS"), ("pages", "PAGE_PATHS")):
        for folder in settings[key]:
            for path in sorted((root / folder).rglob("*")):
                relative = path.relative_to(root).as_posix()
                hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
                if path.is_file() and not hidden and not _ignored(relative, ignored):
                    files.append((path, display_path(str(path)), section))
    return files


def _ignored(relative: str, patterns) -> bool:
    return any(fnmatch.fnmatch(relative, pattern) for pattern in patterns)


@lru_cache(maxsize=65536)
def _slug(text: str, substitutions: tuple) -> str:
    return slugify(text, regex_subs=substitutions)


def _slugify(settings: Mapping):
    """Pelican's slugify with the site's substitutions, remembered between builds."""
    substitutions = tuple(tuple(pair) for pair in settings.get("SLUG_REGEX_SUBSTITUTIONS", ()))
    return lambda text: _slug(text, substitutions)


def known_urls(sources: list[Source], settings: Mapping, site: ClinicSettings) -> frozenset[str]:
    """Every address below the site root that the build will write, as the rules need it."""
    slug = _slugify(settings)
    root = Path(settings["PATH"])
    config = RulesConfig(root, frozenset(), frozenset(), frozenset(), frozenset(), slugify=slug)
    urls = set(FIXED_URLS)
    for name in ("ARCHIVES_URL", "CATEGORIES_URL", "TAGS_URL", "AUTHORS_URL"):
        urls.add(settings[name])
    for source in sources:
        if source.section == "articles":
            urls.add(settings["ARTICLE_URL"].format(slug=slug_of(source, config)))
            urls.add(settings["CATEGORY_URL"].format(slug=slug(source.get("category"))))
            urls.add(settings["AUTHOR_URL"].format(slug=slug(source.get("author"))))
            for tag in filter(None, (t.strip() for t in source.get("tags").split(","))):
                urls.add(settings["TAG_URL"].format(slug=slug(tag)))
        else:
            urls.add(source.get("url") or settings["PAGE_URL"].format(slug=slug_of(source, config)))
    for static in settings.get("STATIC_PATHS", []):
        for path in (root / static).rglob("*"):
            if path.is_file():
                relative = path.relative_to(root).as_posix()
                mapped = settings.get("EXTRA_PATH_METADATA", {}).get(relative, {})
                urls.add(mapped.get("path", relative))
    urls.update(provider.url for provider in site.providers.values())
    return frozenset(urls)


def rules_config(settings: Mapping, site: ClinicSettings, sources: list[Source]) -> RulesConfig:
    return RulesConfig(
        content_root=Path(settings["PATH"]),
        ctas=frozenset(site.ctas),
        providers=frozenset(site.providers),
        categories=frozenset(settings.get("CLINIC_CATEGORIES") or ()),
        medical_categories=site.medical_categories,
        allowed_origins=frozenset(settings.get("CLINIC_ALLOWED_ORIGINS") or ()),
        known_urls=known_urls(sources, settings, site),
        known_files=frozenset(
            path.relative_to(Path(settings["PATH"])).as_posix()
            for path in Path(settings["PATH"]).rglob("*")
            if path.is_file()
        ),
        review_max_age_days=settings.get("CLINIC_REVIEW_MAX_AGE_DAYS", 365),
        slugify=_slugify(settings),
    )


def check_site_content(settings: Mapping, site: ClinicSettings) -> list[Problem]:
    """Every content problem of the site, errors and warnings, sorted by file and line."""
    sources, problems = read_all(content_files(settings))
    problems += check_sources(sources, rules_config(settings, site, sources))
    return sorted(problems, key=lambda problem: (problem.where, problem.line or 0))
