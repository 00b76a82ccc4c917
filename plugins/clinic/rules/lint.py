"""Runs the content rules over a site's content/ with its settings: for builds and `make lint`.

What they remember belongs to the caller's ContentMemo (memo.py). `_slug` stays a
process-wide cache: Pelican's slugify is a pure function of the text and the
substitutions, both immutable.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path

from pelican.utils import slugify

from ..build.readahead import Job
from ..core.addresses import address_of
from ..core.problems import Problem, display_path
from ..core.sources import Source
from ..rendering import markup
from ..rendering.typography import TITLES_STORE
from ..rendering.words import fill
from ..settings.facts import words_of
from ..settings.options import BuildOptions, PelicanSite
from ..settings.validation import ClinicSettings, slug_substitutions
from . import expiry
from .check import check_sources, read_all
from .files import (
    private_metadata_problems,
    regular_files,
    static_problems,
    symlink_problems,
)
from .memo import ContentMemo
from .picture_rules import picture_problems
from .rule_base import RulesConfig
from .translation_rules import language_problems, originals_of, translation_problems

# Addresses the site always has, below its root.
FIXED_URLS = ("", "404.html", "providers/", "search/", "sitemap.xml", "robots.txt")


def content_tree(root: Path) -> list[str]:
    """Every regular file below content/, relative to it: read once per build.

    Symbolic links are left out (and reported by the rules): nothing reads through one.
    """
    return regular_files(root)


def theme_templates(theme: Path) -> frozenset[str]:
    """The names a page's `Template:` may use: the theme's templates, without .html."""
    folder = theme / "templates"
    return (
        frozenset(path.stem for path in folder.glob("*.html")) if folder.is_dir() else frozenset()
    )


def _below(relative: str, folder: str) -> bool:
    return relative.startswith(folder.rstrip("/") + "/")


def content_files(
    pelican: PelicanSite, tree: list[str] | None = None
) -> list[tuple[Path, str, str]]:
    """(path, shown path, "articles" or "pages") for every file Pelican would read, with
    an edition's folders and ignored files (`pelican`)."""
    root = pelican.path
    tree = content_tree(root) if tree is None else tree
    shown = _shown_paths(display_path(str(root)), root)
    files = []
    for section, folders in (("articles", pelican.article_paths), ("pages", pelican.page_paths)):
        for folder in folders:
            for relative in tree:
                if not _below(relative, folder):
                    continue
                hidden = any(part.startswith(".") for part in relative.split("/"))
                skipped = any(fnmatch.fnmatch(relative, p) for p in pelican.ignore_files)
                if not hidden and not skipped:
                    files.append((root / relative, shown(relative), section))
    return files


def _shown_paths(shown_root: str, root: Path) -> Callable[[str], str]:
    """`display_path(root / relative)` for each file, from the root's shown path (worked
    out once, not for each of a thousand files)."""
    if shown_root == ".":
        return lambda relative: relative
    if shown_root.startswith("..") or Path(shown_root).is_absolute():
        return lambda relative: str(root / relative)
    return lambda relative: f"{shown_root}/{relative}"


@lru_cache(maxsize=65536)
def _slug(text: str, substitutions: tuple) -> str:
    return slugify(text, regex_subs=substitutions)


def site_slugify(substitutions: tuple[tuple[str, str], ...], words: Mapping[str, str]):
    """Pelican's slugify with the site's substitutions (ClinicSettings.slug_substitutions),
    remembered between builds, of a title with the clinic's words filled in (as Markdown
    fills them before Pelican slugs the title)."""
    return lambda text: _slug(fill(text, words), substitutions)


def slugify_of(settings: Mapping):
    """site_slugify from Pelican's settings, outside a validated build (the editions' index,
    the live preview, the pull request's summary)."""
    return site_slugify(slug_substitutions(settings), words_of(settings["CLINIC"]))


def known_urls(
    sources: list[Source], site: ClinicSettings, tree: list[str], pelican: PelicanSite
) -> frozenset[str]:
    """Every address below the site root that the build will write, as the rules need it:
    an article's or page's own is worked out from the edition's patterns as Pelican does
    (addresses.py)."""
    slug = site_slugify(site.slug_substitutions, site.words)
    patterns = pelican.urls
    urls = set(FIXED_URLS) | {pelican.home_url + url for url in FIXED_URLS}
    for name in ("ARCHIVES_URL", "CATEGORIES_URL", "TAGS_URL", "AUTHORS_URL"):
        urls.add(patterns[name])
    for source in sources:
        urls.add(address_of(source, patterns, slug).url)
        if source.section == "articles":
            urls.add(patterns["CATEGORY_URL"].format(slug=slug(source.get("category"))))
            urls.add(patterns["AUTHOR_URL"].format(slug=slug(source.get("author"))))
            for tag in filter(None, (t.strip() for t in source.get("tags").split(","))):
                urls.add(patterns["TAG_URL"].format(slug=slug(tag)))
    for static in pelican.static_paths:
        for relative in tree:
            if _below(relative, static):
                urls.add(pelican.moved.get(relative, {}).get("path", relative))
    urls.update(provider.url for provider in site.providers.values())
    return frozenset(urls)


def rules_config(
    site: ClinicSettings,
    sources: list[Source],
    tree: list[str],
    options: BuildOptions,
    scans: markup.Scans | None = None,
) -> RulesConfig:
    pelican = options.pelican
    return RulesConfig(
        content_root=pelican.path,
        ctas=frozenset(site.ctas),
        providers=frozenset(site.providers),
        categories=site.categories,
        medical_categories=site.medical_categories,
        allowed_origins=site.allowed_origins,
        known_urls=known_urls(sources, site, tree, pelican),
        known_files=frozenset(tree),
        review_max_age_days=site.review_max_age_days,
        slugify=site_slugify(site.slug_substitutions, site.words),
        markdown=options.markdown_key,
        templates=theme_templates(pelican.theme),
        scans=scans if scans is not None else markup.Scans(),
    )


def _job(source: Source, options: BuildOptions) -> Job:
    return Job(
        text=source.text,
        settings_key=options.markdown_key,
        typeset_on=options.typeset,
        content_root=str(options.pelican.path),
        source_dir=str(source.path.parent),
    )


def check_site_content(
    settings: Mapping,
    site: ClinicSettings,
    on_read: Callable[[list[Source]], None] | None = None,
    options: BuildOptions | None = None,
    memo: ContentMemo | None = None,
) -> list[Problem]:
    """Every content problem of the site, errors and warnings, sorted by file and line.

    `on_read` is handed the sources as soon as they are read, before they are rendered.
    `options` are the build's (its cache keeps what the rules saw in each file, for the
    next build); `make lint` and tests leave them to the settings. `memo` is what the
    rules remember (the build's, the live preview's); without one, they make their own.
    """
    options = options or BuildOptions.of(settings)
    memo = memo if memo is not None else ContentMemo()
    root, theme = options.pelican.path, options.pelican.theme
    scans = options.cache.folder("clinic-markup.json")
    checks = options.cache.folder("clinic-checks.json")
    titles = options.cache.folder(TITLES_STORE)
    if scans:
        memo.scans.load(scans)
    if checks:
        memo.checked.load(checks)
    if titles:
        memo.titles.load(titles)  # saved at the build's end (clinic.finish_site)
    tree = content_tree(root)
    problems = symlink_problems([root, theme])
    problems += static_problems(root, tree, list(options.pelican.static_paths))
    problems += private_metadata_problems(root, tree)
    sources, unread = read_all(content_files(options.pelican, tree), memo.checked)
    if on_read is not None:
        on_read(sources)
    # Off (CLINIC_READ_AHEAD = False), Pelican reads every file itself, one after another.
    jobs = [_job(source, options) for source in sources if options.read_ahead]
    memo.reading.run(jobs, memo.scans, memo.titles)
    config = rules_config(site, sources, tree, options, memo.scans)
    problems += unread + check_sources(sources, config, memo.checked)
    problems += language_problems(sources, settings, options.pelican.lang)
    problems += expiry.expired_problems(sources, options.now)
    problems += picture_problems(sources, root)
    slugify = site_slugify(site.slug_substitutions, site.words)
    originals = originals_of(settings, options.pelican, content_files, slugify)
    problems += translation_problems(sources, settings, originals)
    if scans:
        key = options.markdown_key
        memo.scans.save(scans, {markup.digest(source.text, key) for source in sources})
    if checks:
        memo.checked.save(checks)
    memo.done_checking(source.path for source in sources)
    return sorted(problems, key=lambda problem: (problem.where, problem.line or 0))
