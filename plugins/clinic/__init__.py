"""The clinic plugin: connects the clinic's pure functions to Pelican's signals.

Stages: `readers_init` puts our Markdown reader in place (typography and image
sizing, kept by the content cache); `initialized` validates the settings (a bad
setting stops the build, naming it) and runs the content rules over every file
(any error stops the build, listing them all, before Pelican reads a file);
`article_generator_pretaxonomy` and `page_generator_finalized` leave out every
article and page past its `Expires:` date (expiry.py), before any list, feed or
page is made from them; `article_generator_finalized` hands Pelican the tags',
categories' and authors' lists of articles in a form it can look articles up in
without walking them (build/members.py);
`content_object_init` sets each display title; once every generator has read
its content, `all_generators_finalized` attaches the call to action, reviewer,
breadcrumbs, related articles, body and head to each article and page;
`content_written` and `finalized` collect and write the sitemap, robots.txt and
the search index (and each written page's head is let go); `finalized` also writes
what the brand draws and colours (the logo, the icons, the stylesheet's accents:
pages/brand.py, sitewide/assets.py) over Pelican's copies. Each head, as it is
built, makes its page's share card (sharecards.py, set up for the build by
`initialized`). `get_writer` and `get_generators` add the selective writer and the
provider pages; `generator_init` lets every generator's templates share one compiled
copy (templates.py) and speak the build's language (i18n.py); `feed_generated` gives
each feed its edition's language, home and id (feeds.py).

What a build works out and hands on lives in its one context, `ClinicBuild`
(pages/content.py), made by `start_build` and kept in the settings as
CLINIC_BUILD, the templates' door to it too; Pelican's own settings that the
plugin reads often are read once into its options (settings/options.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import nullcontext
from functools import cache, partial
from pathlib import Path

from pelican import signals
from pelican.generators import StaticGenerator

from .build import incremental, pelicancache, splitwrite
from .build.members import quick_membership
from .build.reader import use_clinic_reader
from .build.writer import selective_writer
from .core import filemeta
from .core.problems import ContentError, Problem, display_path
from .core.recycling import sweep
from .pages import sharecards
from .pages.brand import (
    card_logo,
    draw_marks,
    kept_card_logo,
    take_kept_marks,
    write_brand_files,
)
from .pages.content import (
    ClinicBuild,
    attach_related,
    bodies_with_photos,
    place_bodies,
    prepare,
    sitemap_entry,
)
from .pages.head import LazyHead
from .pages.jsonld import SharedGraph, site_nodes
from .pages.listings import listing_head
from .pages.missing import missing_parts
from .pages.provider_pages import ProviderPages
from .rendering import templates
from .rendering.i18n import install_translations
from .rendering.images import Image, ImageProcessSettings
from .rendering.pictures import DERIVATIVES, ROLES, picture_markup, write_derivatives
from .rendering.templates import share_compiled_templates
from .rendering.typography import TITLES_STORE, display_title
from .rendering.words import fill
from .rules import expiry
from .rules.lint import check_site_content
from .rules.memo import memo_of
from .settings.cache import BuildCache
from .settings.editions import LANGUAGES_STORE, EditionsBuild, other_editions
from .settings.options import CONTEXT, BuildOptions, context_of, options_of
from .settings.validation import validate
from .sitewide import scrub
from .sitewide.assets import (
    asset_urls,
    branded_files,
    content_security_policy,
    write_branded_files,
)
from .sitewide.feeds import mark_edition
from .sitewide.search import search_index_beside
from .sitewide.sitemap import robots_txt, sitemap_xml

logger = logging.getLogger(__name__)


def start_build(pelican) -> None:
    """Validate the settings and the content, then compute the per-site work once."""
    settings = pelican.settings
    editions = settings.get("CLINIC_EDITIONS_BUILD") or EditionsBuild()
    # The taglines' languages an earlier build read from CLDR, for validate to use.
    languages = BuildCache.of(settings).folder(LANGUAGES_STORE)
    editions.load_facts(languages)
    site = validate(settings)
    editions.save_facts(languages)
    options = BuildOptions.of(settings)
    # The runner's (tools/build.py, to stop them whatever happens), or the build's own.
    processes = settings.get("CLINIC_PROCESSES") or splitwrite.Processes()
    processes.split = options.split
    # The logo, the icons and the default share image, written at the end; drawn while
    # the content is checked, and taken before anything reads them.
    pictures = brand_pictures(site, options, editions.drawn, processes)
    memo = memo_of(settings, editions.templates)
    cards = None
    if options.share_cards:  # production: sharing reads the published site
        pictures()  # the cards show the logo
        folder = options.cache.folder("cards")
        logo = card_logo(
            site.logo.path, site.brand, options.pelican.path, brand_cache(options), editions.drawn
        )
        cards = sharecards.start(options.pelican, site, logo, folder)
    on_read = partial(_cards_ahead, processes, cards, site.words)
    problems = check_site_content(settings, site, on_read, options, memo)
    for warning in (problem for problem in problems if problem.warning):
        logger.warning("%s", warning)
    errors = [problem for problem in problems if not problem.warning]
    if errors:
        processes.stop()
        raise ContentError(errors)
    share_image = pictures()
    pelican_site = options.pelican
    static_prefix = f"{pelican_site.siteurl}/{pelican_site.theme_static}"
    colours = site.brand.colours
    branded = branded_files(pelican_site.theme / "static", colours.light(), colours.dark())
    build = ClinicBuild(
        site=site,
        shared_nodes=SharedGraph.of(site_nodes(site)),
        archives_url=pelican_site.urls["ARCHIVES_URL"],
        home_url=pelican_site.home_url,
        lang=pelican_site.lang,
        theme=str(pelican_site.theme),
        options=options,
        view=site.clinic,
        taglines=site.taglines,
        versions=editions.versions,
        base_url=site.base_url,
        other_editions=other_editions(settings, editions.languages),
        missing_elsewhere=missing_parts(
            settings, editions.versions, pelican_site.theme, memo.checked
        ),
        assets=asset_urls(pelican_site.theme / "static", static_prefix, branded),
        brand=site.brand,
        branded=branded,
        default_card=share_image,
        csp=content_security_policy(site.allowed_origins),
        hero=site.hero,
        team=list(site.providers.values()),
        default_cta=site.ctas.get(site.cta_default or ""),  # provider pages
        editions=editions,
        processes=processes,
        memo=memo,
        cards=cards,
    )
    settings[CONTEXT] = build  # the templates' one door to it too: CLINIC_BUILD.view, ...
    previous = options.previous_output  # the build runner's output/
    keeping = options.keep_pages and options.whole and previous
    records = options.cache.folder(incremental.RECORDS) if keeping else None
    if records is not None:
        build.pages = incremental.PageRecords(records, previous, building=pelican_site.output)
    settings["JINJA_GLOBALS"] = {
        **settings.get("JINJA_GLOBALS", {}),
        "listing_head": partial(listing_head, build),
        "picture": picture_markup,
        "once": templates.RenderedOnce(),
    }
    if options.whole and not memo.templates.compiled_yet():
        # Compiled in a second process while the build reads and gathers the content
        # (one core would otherwise wait), until finish_content takes it.
        folders = pelican_site.path, pelican_site.theme, pelican_site.output
        compiling = partial(templates.compiled_theme, settings, memo.templates, folders)
        build.theme_ahead = processes.ahead(compiling)


def prepare_content(content) -> None:
    """The typeset display title; the body was typeset by the reader, metadata stays plain."""
    typeset_on = options_of(content.settings).typeset
    memo = getattr(context_of(content.settings), "memo", None)
    titles = memo.titles if memo is not None else None
    content.display_title = display_title(getattr(content, "title", ""), typeset_on, titles)


def drop_expired(generator) -> None:
    """Take every expired article or page out of all of the generator's lists.

    Articles go before Pelican builds their categories, tags, authors, archives and
    feeds (`article_generator_pretaxonomy`); pages once read (`page_generator_finalized`,
    whose context holds the same lists). Nothing lists, relates or writes them
    afterwards, and a `{filename}` link to one no longer finds it. A cached read is
    checked again on every build, so the date alone takes a page down.
    """
    at = options_of(generator.settings).now
    names = expiry.ARTICLE_LISTS if hasattr(generator, "articles") else expiry.PAGE_LISTS
    gone = []
    for name in names:
        items = getattr(generator, name)
        kept = expiry.current(items, at)
        kept_ids = {id(item) for item in kept}
        gone += [item for item in items if id(item) not in kept_ids]
        items[:] = kept
    if not gone:
        return
    gone_ids = {id(item) for item in gone}
    for name in names:
        for item in getattr(generator, name):
            others = getattr(item, "translations", None)
            if others:
                item.translations = [other for other in others if id(other) not in gone_ids]
    generated = generator.context.get("generated_content", {})
    for item in gone:
        generated.pop(item.get_relative_source_path(), None)
        logger.info("%s: expired on %s, not published", item.source_path, expiry.expires_of(item))


def _cards_ahead(processes: splitwrite.Processes, cards, words, sources) -> None:
    """Start drawing the cards of the pages' titles into the cache, in the background, as
    soon as the files are read: at the lowest priority, the drawing takes only the time
    a core would spend idle (while the build checks and gathers on one core), and the
    pages then find most of their cards made."""
    if cards is not None:
        titles = cards.ahead(fill(source.get("title"), words) for source in sources)
        processes.in_background(titles, cards.draw_ahead)


def finish_content(generators) -> None:
    """Attach what templates render to every article and page.

    Also puts the static files' generator first: it copies files rather than
    writing pages, and the parent copies them alone before the pages are shared
    out between two processes (splitwrite.py).
    """
    generators.sort(key=lambda generator: not isinstance(generator, StaticGenerator))
    build = context_of(generators[0].settings)
    build.image_settings = ImageProcessSettings(
        generators[0].settings, generators[0].context, build.options.cache.folder(DERIVATIVES)
    )
    build.static_files = [
        (Path(static.source_path), static.save_as)
        for generator in generators
        if isinstance(generator, StaticGenerator)
        for static in generator.staticfiles
        if filemeta.is_checked(static.source_path)
    ]
    articles, pages, tags, prepared = [], [], {}, []
    for generator in generators:
        for kind, items in _content_of(generator):
            for item in items:
                prepare(item, kind, build)
            prepared += items
        articles = getattr(generator, "articles", articles)
        tags = getattr(generator, "tags", tags)
        pages = getattr(generator, "pages", pages)
    whole = build.options.whole
    images = partial(_write_image_files, generators[0].settings, build, prepared)
    # The image files are written by a second process while this one relates the
    # articles (a core would otherwise wait); both are done before the pages are shared
    # out. Should it fail, they are written here, where the error shows.
    writing_images = build.processes.ahead(images) if whole else None
    attach_related(articles, pages, tags, build.options.related_max)
    if build.pages.active:
        theme = Path(build.theme)
        build.pages.key = incremental.build_key(theme, generators[0].context, build.shown())
    if whole:
        if build.pages.active:  # before the bodies with photos are placed: none is fed
            build.pages.prepare(prepared)
        bodies = writing_images.result() if writing_images is not None else None
        if bodies is None:  # no second process, or it failed: here, where an error shows
            images()
        else:
            place_bodies(prepared, bodies)
        started, build.theme_ahead = build.theme_ahead, None
        compiled = started.result() if started else None
        if compiled:
            build.memo.templates.adopt(compiled)
        templates.compile_theme(generators[0].env)


def _write_image_files(settings: dict, build: ClinicBuild, items: list) -> dict[int, str]:
    """The photos' sizes and the body images'; the bodies that place them, by index."""
    _write_picture_files(settings, build, items)
    return bodies_with_photos(items)


def _write_picture_files(settings: dict, build: ClinicBuild, items: list) -> None:
    """Each photo's sizes for the places it is shown, before the pages are shared out
    between two processes (so no two write the same file)."""
    wanted = [(item.picture, ("lead", "card")) for item in items if item.picture]
    wanted += [(p.photo, ("face",)) for p in build.site.providers.values() if p.photo]
    wanted += [(build.site.hero, ("hero", "hero-phone"))] if build.site.hero else []
    roles_of: dict[Image, set[str]] = {}  # a picture shared by several pages: once
    for image, roles in wanted:
        roles_of.setdefault(image, set()).update(roles)
    folder = build.options.cache.folder(DERIVATIVES)
    for image, roles in roles_of.items():
        chosen = [ROLES[name] for name in sorted(roles)]
        pelican_site = build.options.pelican
        write_derivatives(image, chosen, pelican_site.path, pelican_site.output, settings, folder)


def record_written(path: str, context: dict) -> None:
    """Note each published page for the sitemap, with the date it last changed; and let
    the head of the article or page it shows go (LazyHead.release)."""
    build = context_of(context)
    if build is not None:
        entry = sitemap_entry(path, context, build)
        if entry:
            build.sitemap.append(entry)
    shown = context.get("article") or context.get("page")
    head = getattr(shown, "head", None)
    if isinstance(head, LazyHead):
        head.release()


def finish_site(pelican) -> None:
    """sitemap.xml and robots.txt; then the search index, when the settings ask for one,
    and the share cards still to draw.

    Each edition's run adds its pages to the sitemap and its cards; the last one
    writes the sitemap, and indexes every edition at once while it draws their cards
    on two processes. A build that writes only selected pages (the live preview's
    fast path) has seen too few pages for the sitemap and the index, and leaves the
    last full build's in place.
    """
    settings = pelican.settings
    build = context_of(settings)
    made_once = settings.get("JINJA_GLOBALS", {}).get("once")
    if isinstance(made_once, templates.RenderedOnce):
        made_once.forget()  # every page is written
    processes = build.processes if build is not None else splitwrite.Processes()
    processes.stop_background()
    cards = build.cards if build is not None else None
    entries = build.sitemap if build is not None else []
    drawing = cards.pending if cards is not None else {}
    if processes.share().is_child:
        pages = build.pages.handed_on() if build is not None else None
        processes.finish_child((entries, drawing, pages))  # the child stops here
    child_entries, child_drawing, child_pages = processes.collect() or ([], {}, None)
    processes.stop()  # the build's second processes are all done
    entries += child_entries
    drawing.update(child_drawing)
    if build is not None:
        build.pages.adopt(child_pages)
        build.pages.save()  # what each page read, for the next build
        titles = build.options.cache.folder(TITLES_STORE)
        if titles:
            build.memo.titles.save(titles)
        folder = build.options.cache.folder(scrub.CACHE_FOLDER)
        publish_clean_copies(build.static_files, Path(pelican.output_path), folder)
        write_brand(build)
    editions = build.editions if build is not None else EditionsBuild()
    if cards is not None:
        editions.cards.append(cards)
    last = editions.is_last(build.lang if build is not None else options_of(settings).pelican.lang)
    if build is None or not build.options.whole:
        if last:
            splitwrite.share_out(sharecards.pending(editions.cards), sharecards.draw_pending)
        return
    editions.sitemap += entries
    if not last:
        return
    output = Path(pelican.output_path)
    sitemap_url = build.site.absolute("sitemap.xml")
    first = build.options.first_edition
    sitemap = sitemap_xml(editions.sitemap, editions.versions, build.site.base_url, first)
    (output / "sitemap.xml").write_text(sitemap, encoding="utf-8")
    (output / "robots.txt").write_text(
        robots_txt(sitemap_url, build.options.noindex), encoding="utf-8"
    )
    pages = [entry.page_file for entry in editions.sitemap]
    if build.options.search_index:  # Pagefind may read every file: none left from before
        sweep(output, editions.stock)
    indexing = search_index_beside(output, pages) if build.options.search_index else None
    with indexing or nullcontext():
        splitwrite.share_out(sharecards.pending(editions.cards), sharecards.draw_pending)


def brand_cache(options: BuildOptions) -> Path | None:
    """The build cache's folder for the drawn logo and icons (pages/brand.py), or None."""
    return options.cache.folder("brand")


def write_brand(build: ClinicBuild) -> None:
    """What the brand draws and colours, after Pelican's copies: the logo and icons, the
    stylesheet in the brand's colours, and the edition's default share image."""
    pelican_site, site = build.options.pelican, build.site
    folder, drawn = brand_cache(build.options), build.editions.drawn
    write_brand_files(site.brand, pelican_site.output, folder, drawn)
    write_branded_files(pelican_site.output / pelican_site.theme_static, build.branded)
    if build.default_card is not None:  # drawn, not the clinic's own picture
        sharecards.write_default_image(pelican_site, site, build.default_card)


def brand_pictures(
    site, options: BuildOptions, drawn: dict[str, bytes], processes: splitwrite.Processes
) -> Callable[[], bytes | None]:
    """Each mark into `drawn` and the edition's default share image (draw_marks,
    default_card), handed back by the function returned, which waits for them.

    What the cache does not hold yet is drawn in a second process, while this one goes
    on: Pillow's fonts and pictures held 5 MB of a cold build's peak memory in the
    process that goes on to write the pages, and the drawing took a core that would
    otherwise wait. Drawn here when there is no second process, or it failed (where
    an error then shows)."""
    folder = brand_cache(options)

    def draw() -> tuple[dict[str, bytes], bytes | None]:
        draw_marks(site.brand, folder, drawn)
        return drawn, default_card(site, options, drawn)

    marks = take_kept_marks(site.brand, folder, drawn)  # the drawn logo among them
    logo = kept_card_logo(site.logo.path, site.brand, options.pelican.path, folder, drawn)
    kept = (
        marks
        and logo is not None
        and sharecards.default_image_kept(site, logo, options.cache.folder("cards"))
    )
    started = None if kept else processes.ahead(draw)

    @cache
    def take() -> bytes | None:
        result = started.result() if started is not None else None
        if result is None:
            result = draw()
        drawn.update(result[0])
        return result[1]

    return take


def default_card(site, options: BuildOptions, drawn: dict[str, bytes]) -> bytes | None:
    """The edition's default share image (sharecards.default_image), worked out first in a
    build, as the marks are: drawn at its end, it raised the peak memory by 2 MB."""
    if site.social_words is None:
        return None
    folder = brand_cache(options)
    logo = card_logo(site.logo.path, site.brand, options.pelican.path, folder, drawn)
    return sharecards.default_image(options.pelican, site, logo, options.cache.folder("cards"))


def publish_clean_copies(files: list[tuple[Path, str]], output: Path, cache: Path | None) -> None:
    """Put in place of each picture, drawing and PDF Pelican copied as it is its copy
    without metadata, upright (scrub.py), or stop the build naming the files that
    cannot be cleaned: nothing is published with a patient's name or location on it."""
    problems = []
    for source, save_as in files:
        try:
            data = scrub.published_copy(source, cache)
        except (scrub.ScrubError, filemeta.UnreadableFile, OSError) as error:
            problems.append(
                Problem(
                    display_path(str(source)),
                    f"cannot be published without its metadata: {error}",
                    "export it again (as JPEG, PNG, WebP, plain SVG or PDF) and run `make scrub`",
                )
            )
            continue
        target = output / save_as  # replaced only where Pelican published the file
        if data is not None and target.is_file() and target.read_bytes() != data:
            scrub.write_atomically(target, data)
    if problems:
        raise ContentError(problems)


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


def prepare_generator(generator) -> None:
    """`generator_init` handler: every generator of the build renders with its one compiled
    theme (templates.py), in the edition's language (i18n.py). A generator made outside
    a build compiles its own, in the language its settings give."""
    memo = getattr(context_of(generator.settings), "memo", None)
    compiled = memo.templates if memo is not None else templates.CompiledTemplates()
    share_compiled_templates(generator, compiled)
    build = context_of(generator.settings)
    if build is not None and build.pages.active:
        incremental.record_reads(generator.env, build.pages)
    pelican_site = options_of(generator.settings).pelican
    install_translations(generator.env, pelican_site.theme, pelican_site.lang)


def add_generators(pelican):
    return ProviderPages


def mark_feed(context, feed) -> None:
    """`feed_generated` handler: the feed in its edition's language, at its own home."""
    build = context_of(context)
    if build is not None:
        mark_edition(feed.feed, build.site.language, build.home_url)


def register() -> None:
    signals.readers_init.connect(use_clinic_reader)
    signals.initialized.connect(start_build)
    signals.content_written.connect(record_written)
    signals.finalized.connect(finish_site)
    signals.article_generator_pretaxonomy.connect(drop_expired)
    signals.article_generator_finalized.connect(quick_membership)
    signals.page_generator_finalized.connect(drop_expired)
    signals.content_object_init.connect(prepare_content)
    signals.all_generators_finalized.connect(finish_content)
    signals.get_generators.connect(add_generators)
    signals.generator_init.connect(prepare_generator)
    signals.article_generator_init.connect(pelicancache.no_stamps_where_nothing_is_kept)
    signals.page_generator_init.connect(pelicancache.no_stamps_where_nothing_is_kept)
    signals.get_writer.connect(selective_writer)
    signals.feed_generated.connect(mark_feed)
