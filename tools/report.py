"""The content-health report: one self-contained HTML page for the clinic's content manager.

`python -m tools.report [--today YYYY-MM-DD] [--output reports/content-health.html]`

It reads the content of every edition and the production build (output/ when it is
one, else a build into a temporary folder), and shows articles per month, medical
reviews due, page weights, words per article, categories and tags, and what expires
soon. Charts are pygal's, inlined as static SVG (no script, nothing from another
origin), each beside a table of its numbers. The same content and date give the
same page, byte for byte.

This module works out the figures as plain data (ContentHealth); the page's markup and
styles are tools/templates/content-health.html, rendered once by Jinja2 with autoescape on.
The template sits beside the tool, not in theme/templates: it is no page of the site, and
the theme's templates are Pelican's, read with the site's settings and extracted for its
translation catalogs.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import jinja2
import markdown
import pygal
from bs4 import BeautifulSoup
from markupsafe import Markup
from pygal.style import Style

from checks.audit import HOME_MAX_BYTES
from checks.gate import IMAGE_SUFFIXES, Budget, BuiltSite, fetched_urls, page_weight
from tools.build import ROOT, build_site, edition_runs, load_settings

PLUGINS = ROOT / "plugins"  # on the path once tools.build is imported

from clinic.core.values import parse_date  # noqa: E402
from clinic.rendering.typography import count_words  # noqa: E402
from clinic.rules.check import read_all  # noqa: E402
from clinic.rules.expiry import (  # noqa: E402
    SOON_DAYS,
    expiring_soon,
    moment_of,
    soonest_first,
    source_expired,
)
from clinic.rules.lint import content_files  # noqa: E402
from clinic.rules.review import review_due  # noqa: E402
from clinic.settings.options import PelicanSite  # noqa: E402

DEFAULT_OUTPUT = ROOT / "reports" / "content-health.html"
# The page's markup and styles: the report's own, beside this file (not the site's theme).
TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE = "content-health.html"
# What a page may weigh: the gate's budget without its pictures (20 KB), and the
# audit's for the home page with them (150 KB).
PAGE_BUDGET = Budget().max_bytes
HOME_BUDGET = HOME_MAX_BYTES
UNPUBLISHED = {"draft", "hidden", "skip"}
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}


# --- data from the site -----------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    shown: str  # the file, as content/articles/x.md
    title: str
    lang: str
    published: date | None
    category: str
    tags: tuple[str, ...]
    medical: bool
    last_reviewed: date | None
    words: int
    status: str = ""
    expired: bool = False  # its Expires: date has passed: no longer on the site


@dataclass(frozen=True)
class Edition:
    """One language's settings and content files, as the build reads them."""

    lang: str
    settings: dict
    sources: list


@dataclass(frozen=True)
class PageWeight:
    path: str  # below the site root, as blog/x/
    text_bytes: int  # the page and its styles and scripts, compressed as served
    image_bytes: int
    budget: int
    home: bool

    @property
    def total(self) -> int:
        return self.text_bytes + self.image_bytes

    @property
    def over(self) -> bool:
        return (self.total if self.home else self.text_bytes) > self.budget


def read_editions(settings_file: Path = ROOT / "pelicanconf.py", content=None) -> list[Edition]:
    """Every edition's content files (clinic.rules reads them as the content rules do)."""
    editions = []
    for settings in edition_runs(settings_file, content):
        sources, _ = read_all(content_files(PelicanSite.of(settings)))
        editions.append(Edition(settings["DEFAULT_LANG"], settings, sources))
    return editions


def _day(value: str) -> date | None:
    parsed = parse_date(value)
    return parsed.date() if parsed else None


def articles_of(edition: Edition, today: date) -> list[Article]:
    """The edition's articles, with their words counted in the rendered body."""
    config = edition.settings.get("MARKDOWN", {}).get("extension_configs", {})
    renderer = markdown.Markdown(extensions=list(config), extension_configs=config)
    medical = set(edition.settings.get("CLINIC_MEDICAL_CATEGORIES", ()))
    articles = []
    for source in sorted(edition.sources, key=lambda source: source.shown):
        if source.section != "articles":
            continue
        body = renderer.reset().convert(source.text)
        articles.append(
            Article(
                shown=source.shown,
                title=source.get("title") or source.shown,
                lang=source.get("lang") or edition.lang,
                published=_day(source.get("date")),
                category=source.get("category"),
                tags=tuple(tag.strip() for tag in source.get("tags").split(",") if tag.strip()),
                medical=source.get("category") in medical,
                last_reviewed=_day(source.get("last_reviewed")),
                words=count_words(body),
                status=source.get("status").lower(),
                expired=source_expired(source, moment_of(today)),
            )
        )
    return articles


def published(articles: list[Article]) -> list[Article]:
    return [a for a in articles if a.status not in UNPUBLISHED and not a.expired]


def articles_per_month(articles: list[Article]) -> list[tuple[str, dict[str, int]]]:
    """(YYYY-MM, {lang: count}) for every month from the first article to the last."""
    dated = [article for article in published(articles) if article.published]
    if not dated:
        return []
    counts = Counter((article.published.strftime("%Y-%m"), article.lang) for article in dated)
    langs = sorted({article.lang for article in dated})
    first, last = min(a.published for a in dated), max(a.published for a in dated)
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        key = f"{year:04d}-{month:02d}"
        months.append((key, {lang: counts[key, lang] for lang in langs}))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def review_ages(articles: list[Article], today: date) -> list[tuple[Article, int | None]]:
    """Each medical article with the days since its last review (None: never reviewed)."""
    medical = [article for article in articles if article.medical]
    ages = [(a, (today - a.last_reviewed).days if a.last_reviewed else None) for a in medical]
    return sorted(ages, key=lambda pair: (pair[1] is not None, -(pair[1] or 0), pair[0].shown))


def overdue_reviews(editions: list[Edition], today: date, max_age: int) -> list:
    """clinic.review's worklist, for every edition (what `make review-due` prints)."""
    due = []
    for edition in editions:
        medical = frozenset(edition.settings.get("CLINIC_MEDICAL_CATEGORIES", ()))
        due += review_due(edition.sources, medical, today, max_age, edition.lang)
    return due


def expiring(editions: list[Edition], today: date, days: int = SOON_DAYS) -> list:
    """clinic.expiry's list of what leaves the site within `days` days, for every edition."""
    found = []
    for edition in editions:
        found += expiring_soon(edition.sources, today, days=days, lang=edition.lang)
    return soonest_first(found)


def count_labels(articles: list[Article], field: str) -> list[tuple[str, str, int]]:
    """(name, edition, articles) for each category or tag, most used first."""
    counts = Counter()
    for article in published(articles):
        names = article.tags if field == "tags" else (article.category,)
        counts.update((name, article.lang) for name in names if name)
    return sorted(((n, lang, c) for (n, lang), c in counts.items()), key=lambda r: (-r[2], r[:2]))


def page_weights(root: Path, siteurl: str) -> list[PageWeight]:
    """Every page of a built site: its HTML, and the styles, scripts and pictures it loads."""
    site = BuiltSite(root, siteurl)
    weights = []
    for page in sorted(root.rglob("*.html")):
        shown = page.relative_to(root).as_posix()
        if shown.startswith(("pagefind/", "drafts/")) or "/drafts/" in shown:
            continue
        loaded = _loaded(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser"))
        text, _requests = page_weight(site, page, loaded)  # the gate's measure, images aside
        images = 0
        for url in dict.fromkeys(loaded):
            target = site.local_file(url, page)
            if target is not None and target.suffix.lower() in IMAGE_SUFFIXES:
                images += target.stat().st_size if target.is_file() else 0
        path = shown.removesuffix("index.html")
        home = path == ""
        weights.append(
            PageWeight(path or "/", text, images, HOME_BUDGET if home else PAGE_BUDGET, home)
        )
    return weights


def _loaded(page: BeautifulSoup) -> list[str]:
    """What a browser loads: gate.py's list, with one picture per <img>/<picture> (its src),
    not every width its srcset offers."""
    for element in page.find_all(["source", "img"]):
        if element.name == "source" and element.find_parent("picture"):
            element.decompose()
        elif element.get("srcset"):
            del element["srcset"]
    return fetched_urls(page)


def production_site(
    output: Path = ROOT / "output",
) -> tuple[Path, str, tempfile.TemporaryDirectory | None]:
    """(the production build's folder, its SITEURL, the temporary folder to clean up or None):
    output/ when it is a production build (it has the feed only publishconf.py writes),
    else a fresh one in a temporary folder."""
    settings_file = ROOT / "publishconf.py"
    settings = load_settings(settings_file)
    feed = settings.get("FEED_ALL_ATOM")
    if feed and (output / feed).is_file():
        return output, settings["SITEURL"], None
    scratch = tempfile.TemporaryDirectory(prefix="content-health-")
    built = Path(scratch.name) / "output"
    build_site(settings_file, built)
    return built, settings["SITEURL"], scratch


# --- figures --------------------------------------------------------------------------------


# Colours are CSS variables, set by the page's styles for light and dark mode (TEMPLATE).
CHART_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="var(--ink)",
    foreground_strong="var(--ink)",
    foreground_subtle="var(--grid)",
    colors=("var(--series-1)", "var(--series-2)", "var(--series-3)"),
    font_family="inherit",
    opacity="1",
    opacity_hover="0.8",
    transition="none",
    label_font_size=14,
    major_label_font_size=14,
    legend_font_size=14,
    title_font_size=18,
    value_font_size=14,
)


def _accessible(name: str, description: str):
    """An xml filter: no script, no comments, role=img, labelled by its <title> and <desc>."""

    def apply(root):
        for element in list(root.iter()):
            if not isinstance(element.tag, str) or element.tag.endswith("script"):
                element.getparent().remove(element)
        root.set("role", "img")
        root.set("aria-labelledby", f"{name}-title {name}-desc")
        title = next(child for child in root if child.tag.endswith("title"))
        title.set("id", f"{name}-title")
        desc = title.makeelement(title.tag.replace("title", "desc"), {"id": f"{name}-desc"})
        desc.text = description
        title.addnext(desc)
        return root

    return apply


def _short(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart(
    name: str,
    title: str,
    description: str,
    labels: list[str],
    series: list[tuple[str, list]],
    horizontal: bool = False,
    stacked: bool = False,
    unit: str = "",
) -> Markup:
    """A pygal bar chart as inline SVG markup: static, no script, the same every time."""
    kind = {
        (False, False): pygal.Bar,
        (True, False): pygal.HorizontalBar,
        (False, True): pygal.StackedBar,
        (True, True): pygal.HorizontalStackedBar,
    }[horizontal, stacked]
    height = max(260, 90 + 34 * len(labels)) if horizontal else 360
    chart = kind(
        style=CHART_STYLE,
        js=[],
        disable_xml_declaration=True,
        explicit_size=False,
        width=720,
        height=height,
        title=title,
        show_legend=len(series) > 1,
        legend_at_bottom=True,
        print_values=False,
        x_label_rotation=0 if horizontal or len(labels) < 8 else 45,
        value_formatter=(lambda value: f"{value:g}{unit}"),
        min_scale=1,
        max_scale=6,
        truncate_label=-1,
    )
    chart.uuid = name  # the SVG's id, fixed rather than random
    chart.add_xml_filter(_accessible(name, description))
    if horizontal:  # pygal draws the first label at the bottom: keep the table's order
        labels, series = labels[::-1], [(label, values[::-1]) for label, values in series]
    chart.x_labels = [_short(label) for label in labels]
    for label, values in series:
        chart.add(label, values)
    return Markup(chart.render(is_unicode=True))  # pygal escapes the labels it writes


# --- the page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    numeric: bool = False  # right-aligned


@dataclass(frozen=True)
class Row:
    cells: tuple
    over: bool = False  # marked: over budget, or overdue


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Figure:
    """A chart and the table of its numbers, shown side by side."""

    svg: Markup  # pygal's, trusted: the template inserts it as it is
    caption: str
    table: Table


@dataclass(frozen=True)
class Overdue:
    """One line of the overdue list: clinic.review's item, with its edition's name."""

    title: str
    edition: str
    shown: str
    last_reviewed: date | None
    age_days: int | None
    reviewer: str


@dataclass(frozen=True)
class ContentHealth:
    """Everything the page shows, worked out; the template only lays it out."""

    today: date
    max_age: int  # days a medical review holds
    soon_days: int
    page_budget_kb: int
    home_budget_kb: int
    where: str  # the build the weights were measured on
    months: Figure
    reviews: Figure
    overdue: tuple[Overdue, ...]
    weights: Figure
    words: Figure
    labels: tuple[tuple[str, Figure], ...]  # (heading, figure): categories, then tags
    expiring: Table | None  # None: nothing expires soon


def table(
    caption: str, header: list[str], rows: list[list], numeric: set[int] = frozenset(), over=None
) -> Table:
    """A table's data; columns in `numeric` are right-aligned; `over(row)` marks a row."""
    return Table(
        caption,
        tuple(Column(name, i in numeric) for i, name in enumerate(header)),
        tuple(Row(tuple(row), bool(over and over(row))) for row in rows),
    )


def _lang(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def _kb(size: int) -> float:
    return round(size / 1024, 1)


def months_figure(articles: list[Article]) -> Figure:
    months = articles_per_month(articles)
    langs = sorted({lang for _, counts in months for lang in counts})
    labels = [month for month, _ in months]
    series = [(_lang(lang), [counts[lang] for _, counts in months]) for lang in langs]
    total = sum(sum(counts.values()) for _, counts in months)
    summary = (
        f"{total} article(s) published between {labels[0]} and {labels[-1]}."
        if months
        else "No dated articles."
    )
    svg = bar_chart(
        "per-month", "Articles published each month", summary, labels, series, stacked=True
    )
    rows = [
        [month, *(counts[lang] for lang in langs), sum(counts.values())] for month, counts in months
    ]
    data = table(
        "Articles published each month",
        ["Month", *map(_lang, langs), "Total"],
        rows,
        numeric=set(range(1, len(langs) + 2)),
    )
    return Figure(svg, summary, data)


def reviews_figure(articles: list[Article], due: list, today: date, max_age: int) -> Figure:
    ages = review_ages(articles, today)
    labels = [f"{a.title} ({a.lang})" for a, _ in ages]
    within = [age if age is not None and age <= max_age else None for _, age in ages]
    late = [age if age is not None and age > max_age else None for _, age in ages]
    summary = (
        f"{len(ages)} medical article(s); {len(due)} overdue for review "
        f"(limit: {max_age} days since the last review)."
    )
    svg = bar_chart(
        "reviews",
        f"Days since the last medical review (limit {max_age})",
        summary,
        labels,
        [("Within the limit", within), ("Overdue", late)],
        horizontal=True,
        unit=" days",
    )
    rows = [
        [
            a.title,
            _lang(a.lang),
            str(a.last_reviewed or "never"),
            "—" if age is None else age,
            "Overdue" if age is None or age > max_age else "Fine",
        ]
        for a, age in ages
    ]
    data = table(
        "Medical articles and their last review",
        ["Article", "Edition", "Last reviewed", "Days ago", "Status"],
        rows,
        numeric={3},
        over=lambda row: row[-1] == "Overdue",
    )
    return Figure(svg, summary, data)


def overdue_list(due: list) -> tuple[Overdue, ...]:
    return tuple(
        Overdue(
            item.title,
            _lang(item.lang),
            item.shown,
            item.last_reviewed,
            item.age_days,
            item.reviewer,
        )
        for item in due
    )


def weights_figure(weights: list[PageWeight]) -> Figure:
    ranked = sorted(weights, key=lambda w: (-w.total, w.path))
    over = [w for w in ranked if w.over]
    summary = f"{len(weights)} page(s) measured; {len(over)} over the budget."
    svg = bar_chart(
        "page-weights",
        "Page weight in KB (page, styles and pictures)",
        summary,
        [w.path for w in ranked],
        [
            ("Page, styles and scripts", [_kb(w.text_bytes) for w in ranked]),
            ("Pictures", [_kb(w.image_bytes) for w in ranked]),
        ],
        horizontal=True,
        stacked=True,
        unit=" KB",
    )
    rows = [
        [
            w.path,
            _kb(w.text_bytes),
            _kb(w.image_bytes),
            _kb(w.total),
            _kb(w.budget),
            "Over budget" if w.over else "Within budget",
        ]
        for w in ranked
    ]
    data = table(
        "Page weights, in KB (the budget counts pictures on the home page only)",
        ["Page", "Page and styles", "Pictures", "Total", "Budget", "Verdict"],
        rows,
        numeric={1, 2, 3, 4},
        over=lambda row: row[-1] == "Over budget",
    )
    return Figure(svg, summary, data)


def words_figure(articles: list[Article]) -> Figure:
    shown = sorted(published(articles), key=lambda a: (-a.words, a.shown))
    summary = f"{len(shown)} article(s), {sum(a.words for a in shown)} words in all."
    svg = bar_chart(
        "words",
        "Words per article",
        summary,
        [f"{a.title} ({a.lang})" for a in shown],
        [("Words", [a.words for a in shown])],
        horizontal=True,
        unit=" words",
    )
    rows = [[a.title, _lang(a.lang), a.shown, a.words] for a in shown]
    data = table("Words per article", ["Article", "Edition", "File", "Words"], rows, numeric={3})
    return Figure(svg, summary, data)


def labels_figures(articles: list[Article]) -> tuple[tuple[str, Figure], ...]:
    """(heading, figure) for the categories, then for the tags."""
    figures = []
    for field, name, heading in (
        ("category", "categories", "Categories"),
        ("tags", "tags", "Tags"),
    ):
        rows = count_labels(articles, field)
        summary = f"{len(rows)} {name} in use."
        svg = bar_chart(
            name,
            f"Articles per {'category' if field == 'category' else 'tag'}",
            summary,
            [f"{label} ({lang})" for label, lang, _ in rows],
            [("Articles", [count for _, _, count in rows])],
            horizontal=True,
        )
        data = table(
            heading,
            [heading[:-1] if field == "tags" else "Category", "Edition", "Articles"],
            [[label, _lang(lang), count] for label, lang, count in rows],
            numeric={2},
        )
        figures.append((heading, Figure(svg, summary, data)))
    return tuple(figures)


def expiry_table(items: list, today: date) -> Table | None:
    """What leaves the site within SOON_DAYS days, or None when nothing does."""
    if not items:
        return None
    return table(
        f"Pages and articles that leave the site by {today + timedelta(days=SOON_DAYS)}",
        ["Leaves the site on", "Days left", "Title", "Edition", "File"],
        [
            [
                item.expires.strftime("%Y-%m-%d %H:%M").removesuffix(" 00:00"),
                item.days_left,
                item.title,
                _lang(item.lang),
                item.shown,
            ]
            for item in items
        ],
        numeric={1},
    )


def content_health(
    today: date,
    articles: list[Article],
    due: list,
    max_age: int,
    weights: list[PageWeight],
    where: str,
    expiring_items: list,
) -> ContentHealth:
    """Every figure of the report, from what the content and the build say."""
    return ContentHealth(
        today=today,
        max_age=max_age,
        soon_days=SOON_DAYS,
        page_budget_kb=PAGE_BUDGET // 1024,
        home_budget_kb=HOME_BUDGET // 1024,
        where=where,
        months=months_figure(articles),
        reviews=reviews_figure(articles, due, today, max_age),
        overdue=overdue_list(due),
        weights=weights_figure(weights),
        words=words_figure(articles),
        labels=labels_figures(articles),
        expiring=expiry_table(expiring_items, today),
    )


def render_page(report: ContentHealth) -> str:
    """The whole page, from TEMPLATE: every section, styles inline, no script."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment.get_template(TEMPLATE).render(page=report)


def build_report(today: date, content=None, site: Path | None = None, siteurl: str = "") -> str:
    """The report for the content in `content` (content/ by default) and the production build
    in `site` (found or built by production_site when None)."""
    editions = read_editions(content=content)
    articles = [article for edition in editions for article in articles_of(edition, today)]
    max_age = int(editions[0].settings["CLINIC_REVIEW_MAX_AGE_DAYS"])
    due = overdue_reviews(editions, today, max_age)
    scratch = None
    if site is None:
        site, siteurl, scratch = production_site()
        where = "the production build in output/" if scratch is None else "a fresh production build"
    else:
        where = "the production build given"
    try:
        weights = page_weights(site, siteurl)
    finally:
        if scratch is not None:
            scratch.cleanup()
    soon = expiring(editions, today)
    return render_page(content_health(today, articles, due, max_age, weights, where, soon))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the content-health report.")
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=date.today(),
        help="the report's date, YYYY-MM-DD (default: today)",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    page = build_report(args.today)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(page, encoding="utf-8")
    print(f"Content health report: {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
