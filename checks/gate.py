"""The pre-publish gate: checks the built site and stops a deploy that would publish a fault.

Run on the production build, before ghp-import touches the gh-pages branch:

- no page loads anything from another origin (unless CLINIC_ALLOWED_ORIGINS says so);
- every internal link and asset resolves inside the build (and `#fragment` links on the page);
- every page's JSON-LD is valid schema.org;
- every page is valid HTML (the Nu HTML checker);
- every page keeps to the page budget (bytes and requests, images aside);
- nothing a hostile contribution could slip past the content rules (checks.hostile): script
  or `javascript:` addresses in pages, SVG or XML files, symbolic links, secrets.

`python -m checks.gate SITE_DIR SITEURL` prints a summary and exits 1 on any problem.

Other tools measure pages with the gate's own rules, so that their figures are the gate's
(tools/report.py, tools/pr_summary.py). They use only these names:

- `check_site(root, siteurl, ...)`, which returns a `Report`; `Budget`, the page budget;
- `BuiltSite(root, siteurl)`: a built folder, with `local_file(url, page)` (the file an
  internal address points at) and `is_foreign(url)`;
- `fetched_urls(page)`: what a browser loads for a parsed page; `page_weight(site, page, urls)`:
  the gzip bytes and requests the budget counts; `IMAGE_SUFFIXES`: the files it leaves out.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from checks import hostile
from checks.html_valid import CheckerError, check_pages, errors
from checks.schema_vocab import Vocabulary, check_document, extract_documents

__all__ = [
    "IMAGE_SUFFIXES",
    "Budget",
    "BuiltSite",
    "Report",
    "check_site",
    "fetched_urls",
    "page_weight",
]

# Link relations that make the browser fetch something (canonical and the like do not).
FETCHING_RELS = {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload", "manifest"}
FETCHING_TAGS = ("script", "img", "iframe", "source", "video", "audio", "embed", "track")
CSS_URL = re.compile(r"url\(\s*['\"]?(?P<url>[^'\")]+)['\"]?\s*\)")
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".avif", ".gif", ".svg", ".ico"}


@dataclass(frozen=True)
class Budget:
    """What one page may weigh, images aside: gzip bytes of the page and its files, requests."""

    max_bytes: int = 20 * 1024
    max_requests: int = 4


@dataclass
class Report:
    pages: int = 0
    links: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        verdict = "passed" if not self.problems else "FAILED"
        return (
            f"Pre-publish gate {verdict}: {self.pages} pages, {self.links} links and assets "
            f"checked, {len(self.problems)} problem(s)."
        )


def origin(url: str) -> str | None:
    """`https://host:port` for an absolute URL (or a scheme-relative one), else None.

    None too for an address urlsplit cannot read: checks.hostile reports those."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.netloc:
        return f"{parts.scheme or 'https'}://{parts.netloc}"
    return None


def fetched_urls(page: BeautifulSoup) -> list[str]:
    """Every URL the browser fetches on loading the page, inline styles included."""
    urls = [
        link["href"]
        for link in page.find_all("link", href=True)
        if FETCHING_RELS & set(link.get("rel") or [])
    ]
    for element in page.find_all(FETCHING_TAGS):
        if element.get("src"):
            urls.append(element["src"])
        for candidate in (element.get("srcset") or "").split(","):
            if candidate.strip():
                urls.append(candidate.split()[0])
    for element in page.find_all("object", data=True):
        urls.append(element["data"])
    for style in [*page.find_all("style"), *page.find_all(style=True)]:
        text = style.string if style.name == "style" else style["style"]
        urls += [match["url"] for match in CSS_URL.finditer(text or "")]
    return urls


def followed_urls(page: BeautifulSoup) -> list[str]:
    """Links a reader follows and forms submit to."""
    urls = [a["href"] for a in page.find_all("a", href=True)]
    return urls + [form["action"] for form in page.find_all("form", action=True)]


class BuiltSite:
    """The built folder, with the address it was built for and the other origins it may use."""

    def __init__(self, root: Path, siteurl: str, allowed: Iterable[str] = ()) -> None:
        self.root, self.siteurl = root, siteurl.rstrip("/")
        self.own = origin(self.siteurl)
        self.allowed = set(allowed)

    def is_foreign(self, url: str) -> bool:
        """Whether the URL loads from an origin that is neither the site's nor allowed."""
        found = origin(url)
        return found is not None and found != self.own and found not in self.allowed

    def local_file(self, url: str, page: Path) -> Path | None:
        """The file an internal URL points at (which may not exist), or None if external."""
        if url.startswith(("mailto:", "tel:", "data:", "#")):
            return None
        if self.siteurl and url.startswith(self.siteurl):
            url = url[len(self.siteurl) :] or "/"
        try:
            parts = urlsplit(url)
        except ValueError:  # not an address at all: checks.hostile reports it
            return None
        if parts.scheme or parts.netloc:
            return None
        path = unquote(parts.path)
        target = self.root / path.lstrip("/") if path.startswith("/") else page.parent / path
        if path.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target


def check_css(site: BuiltSite, report: Report) -> None:
    """Stylesheets may not pull fonts or images from other origins either."""
    for sheet in sorted(site.root.rglob("*.css")):
        if "pagefind" in sheet.parts:
            continue
        if sheet.is_symlink():  # reported by checks.hostile; never read through one
            continue
        for match in CSS_URL.finditer(sheet.read_text(encoding="utf-8")):
            if site.is_foreign(match["url"]):
                shown = sheet.relative_to(site.root)
                report.problems.append(f"{shown}: loads {match['url']} from another origin")


def page_weight(site: BuiltSite, page_path: Path, fetched: list[str]) -> tuple[int, int]:
    """Gzip bytes and requests of a page and the files it loads, images aside: what the
    budget counts, for the gate and for the tools that show a page's weight beside it."""
    sizes = [len(gzip.compress(page_path.read_bytes()))]
    for url in dict.fromkeys(fetched):
        target = site.local_file(url, page_path)
        if target is None or target.suffix.lower() in IMAGE_SUFFIXES or not target.is_file():
            continue
        sizes.append(len(gzip.compress(target.read_bytes())))
    return sum(sizes), len(sizes)


def check_site(
    root: Path,
    siteurl: str,
    allowed_origins: Iterable[str] = (),
    budget: Budget | None = None,
    validate_html: bool = True,
) -> Report:
    """Every check on every page of a built site; the report lists each problem."""
    site, report, budget = BuiltSite(root, siteurl, allowed_origins), Report(), budget or Budget()
    vocabulary = Vocabulary.load()
    tree = hostile.walk(root)
    report.problems += tree.problems
    published = hostile.Site.at(siteurl)
    pages = [path for path in tree.files if path.suffix == ".html"]
    report.pages = len(pages)
    for path in pages:
        shown = str(path.relative_to(root))
        html = path.read_text(encoding="utf-8")
        page = hostile.parse_html(html)
        report.problems += hostile.check_page(shown, html, published)
        fetched = fetched_urls(page)
        for url in fetched:
            if site.is_foreign(url):
                report.problems.append(f"{shown}: loads {url} from another origin")
        ids = {element["id"] for element in page.find_all(id=True)}
        for url in followed_urls(page):
            if url.startswith("#") and len(url) > 1:
                report.links += 1
                if url[1:] not in ids:
                    report.problems.append(f"{shown}: link to {url}, which is not on the page")
        for url in fetched + followed_urls(page):
            target = site.local_file(url, path)
            if target is None:
                continue
            report.links += 1
            if not target.is_file():
                report.problems.append(f"{shown}: broken link or asset {url}")
        try:
            documents = extract_documents(html)
        except ValueError as error:
            report.problems.append(f"{shown}: {error}")
            documents = []
        for document in documents:
            report.problems += [
                f"{shown}: JSON-LD: {p}" for p in check_document(document, vocabulary)
            ]
        size, requests = page_weight(site, path, fetched)
        if size > budget.max_bytes or requests > budget.max_requests:
            report.problems.append(
                f"{shown}: over the page budget: {size / 1024:.1f} KB in {requests} requests "
                f"(at most {budget.max_bytes / 1024:.0f} KB in {budget.max_requests}, images aside)"
            )
    check_css(site, report)
    report.problems += hostile.check_files(root, tree.files, published, parsed=pages)
    if validate_html:
        report.problems += [f"HTML: {message}" for message in errors(check_pages(pages, root))]
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("siteurl")
    parser.add_argument("--allow", action="append", default=[], help="an allowed origin")
    args = parser.parse_args(argv)
    try:
        report = check_site(args.site, args.siteurl, args.allow)
    except CheckerError as error:  # the HTML was not checked: that is no pass
        print(f"The pre-publish gate could not check the HTML: {error}", file=sys.stderr)
        return 2
    for problem in report.problems:
        print(problem)
    print(report.summary())
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
