"""The content rules, in one place: every problem in content/, each with file, line and fix.

`read_all` reads the Markdown files themselves and `check_sources` returns every
problem at once, errors and warnings. The build (every `make html` and
`make publish`) and `make lint` call it; an error stops the build before Pelican
reads a file, so nothing wrong is published.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from . import markup, policy
from .addresses import slug_of
from .faq import heading_for, markdown_sections
from .i18n import SOURCE_LANGUAGE
from .markup import Address, Element
from .pageinfo import PROCEDURE_TYPES
from .problems import Problem
from .sources import Source, bad_utf8_line, read_source

# Metadata keys a file may use, as the README spells them.
KNOWN_KEYS = {
    key.lower(): key
    for key in (
        "Title",
        "Date",
        "Modified",
        "Category",
        "Tags",
        "Slug",
        "Summary",
        "Author",
        "Status",
        "SEO_Title",
        "CTA",
        "Reviewed_By",
        "Last_Reviewed",
        "Template",
        "Save_as",
        "URL",
        "Procedure_Type",
        "Body_Location",
        "Lang",
        "Translation_Of",
        "Image",
        "Image_Alt",
        "Expires",
    )
}
ARTICLE_REQUIRED = ("title", "date", "category", "summary", "author")
PAGE_REQUIRED = ("title", "summary")
MEDICAL_REQUIRED = ("reviewed_by", "last_reviewed")
STATUSES = {"articles": ("published", "draft"), "pages": ("published", "draft", "hidden")}
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")
DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$")
# Upper case only: "Todo" begins many a Spanish sentence.
PLACEHOLDER = re.compile(r"^\s*TODO\b")
# Elements an article may not hold, each group with the fix a writer can act on.
_NO_CODE = "remove it: articles run no code of their own (patients' safety)"
_NO_EMBED = (
    "remove it: pages run no embedded code and load nothing from other sites "
    "(patients' privacy); link to the other site instead"
)
_NO_PAGE_WIDE = (
    "remove it: it would change the whole page (its addresses or its look); the theme sets these"
)
_NO_INLINE_DRAWING = (
    "save the drawing as an .svg file in content/images/ and show it with "
    "![description]({static}/images/<file>.svg)"
)
_NO_FORM = (
    "remove it and link to the contact page: a form in an article could send "
    "patients' details anywhere"
)
FORBIDDEN_TAGS = {
    **dict.fromkeys(("script", "noscript", "template"), _NO_CODE),
    **dict.fromkeys(
        ("iframe", "frame", "frameset", "object", "embed", "applet", "portal"), _NO_EMBED
    ),
    **dict.fromkeys(("base", "meta", "link", "style"), _NO_PAGE_WIDE),
    **dict.fromkeys(("svg", "math"), _NO_INLINE_DRAWING),
    **dict.fromkeys(("form", "input", "button", "select", "textarea"), _NO_FORM),
}
# Addresses the rules follow inside the site (links, images, media); others are left alone.
CHECKED_INSIDE = frozenset({"href", "src", "srcset", "poster", "data"})
# Addresses as pages may set them: `URL` ends in / or .html, `Save_as` in .html; no way out.
SITE_PATH = re.compile(r"^(?:[\w-][\w.-]*/)*(?:[\w-][\w.-]*)?$")
SLUG = re.compile(r"^[\w-]+$")
INTERNAL = re.compile(r"^\{(?P<kind>filename|static|attach)\}(?P<path>[^#?]*)")
OTHER_PELICAN_LINKS = re.compile(r"^\{(index|category|tag|author|tags|categories|authors)\}")


@dataclass(frozen=True)
class RulesConfig:
    """What the rules need from the settings: the names a file may use, and the limits."""

    content_root: Path
    ctas: frozenset[str]
    providers: frozenset[str]
    categories: frozenset[str]
    medical_categories: frozenset[str]
    allowed_origins: frozenset[str] = frozenset()
    known_urls: frozenset[str] = frozenset()
    summary_limit: int = 160
    review_max_age_days: int = 365
    today: date = field(default_factory=date.today)
    # Every file below content_root, relative to it: links are checked against this
    # list rather than the disk, so that a check depends on its arguments alone.
    known_files: frozenset[str] = frozenset()
    slugify: Callable[[str], str] = field(default=str.lower, compare=False)
    # The site's MARKDOWN setting (markup.markdown_settings_key): bodies are checked
    # as Pelican renders them.
    markdown: str = markup.DEFAULT_MARKDOWN_KEY
    templates: frozenset[str] = frozenset()  # the theme's page templates; empty: any


def _hint(value: str, known: Iterable[str]) -> str:
    match = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def parse_date(value: str) -> datetime | None:
    """A date as the README writes it (YYYY-MM-DD, optionally HH:MM), or None."""
    if not DATE_SHAPE.match(value.strip()):
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern)
        except ValueError:
            continue
    return None


class _Checker:
    """Collects the problems of one file; each rule is one method."""

    def __init__(self, source: Source, config: RulesConfig) -> None:
        self.source, self.config = source, config
        self.problems: list[Problem] = []
        self.draft = source.get("status").lower() == "draft"

    def report(self, line, message, fix, warning=False) -> None:
        self.problems.append(Problem(self.source.shown, message, fix, line=line, warning=warning))

    def missing(self, key: str, fix: str) -> None:
        """A required field: an error, except in a draft, where it waits for the writer."""
        entry = self.source.values(key)
        if not entry or not entry[0].value:
            self.report(None, f"missing {KNOWN_KEYS[key]}", fix, warning=self.draft)

    def check_placeholders(self) -> None:
        """`TODO` marks what `make new` left for the writer: fine in a draft, not once published."""
        for entry in self.source.entries:
            if PLACEHOLDER.match(entry.value):
                name = KNOWN_KEYS.get(entry.key.lower(), entry.key)
                fix = "fill it in, or delete the line if the article does not need it"
                self.report(entry.line, f"{name} is still a placeholder", fix, warning=self.draft)
        for offset, line in enumerate(self.source.body.split("\n")):
            if PLACEHOLDER.match(line):
                number = self.source.body_line + offset
                fix = "write that part of the article"
                self.report(number, "the text still has a TODO", fix, warning=self.draft)

    def check_keys(self) -> None:
        seen: dict[str, int] = {}
        for entry in self.source.entries:
            key = entry.key.lower()
            if key not in KNOWN_KEYS:
                hint = _hint(entry.key, KNOWN_KEYS.values())
                self.report(
                    entry.line,
                    f"unknown metadata key '{entry.key}'{hint}",
                    f"use one of: {', '.join(sorted(KNOWN_KEYS.values()))}",
                )
            elif key in seen:
                self.report(
                    entry.line,
                    f"{KNOWN_KEYS[key]} is given twice (first on line {seen[key]})",
                    "keep one line",
                )
            else:
                seen[key] = entry.line

    def check_required(self) -> None:
        required = ARTICLE_REQUIRED if self.source.section == "articles" else PAGE_REQUIRED
        for key in required:
            self.missing(key, f"add '{KNOWN_KEYS[key]}: ...' to the header at the top of the file")
        if self.is_medical():
            self.missing("reviewed_by", "add 'Reviewed_By: <provider key>' (see CLINIC_PROVIDERS)")
            self.missing("last_reviewed", "add 'Last_Reviewed: YYYY-MM-DD', the date of the review")

    def is_medical(self) -> bool:
        """Articles in a medical category, and treatment pages."""
        if self.source.section == "pages":
            return self.source.get("template") == "treatment"
        return self.source.get("category") in self.config.medical_categories

    def check_values(self) -> None:
        source, config = self.source, self.config
        for key in ("date", "modified", "expires"):
            value, line = source.get(key), source.line_of(key)
            if value and not PLACEHOLDER.match(value) and parse_date(value) is None:
                self.report(
                    line,
                    f"{KNOWN_KEYS[key]} '{value}' is not a real date",
                    "write YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2025-03-01 09:00",
                )
        self.check_expires_after_date()
        status = source.get("status").lower()
        if status and status not in STATUSES[source.section]:
            self.report(
                source.line_of("status"),
                f"unknown Status '{source.get('status')}'",
                f"use {' or '.join(STATUSES[source.section])}",
            )
        summary = " ".join(source.get("summary").split())
        if len(summary) > config.summary_limit:
            self.report(
                source.line_of("summary"),
                f"Summary is {len(summary)} characters, more than {config.summary_limit}",
                "shorten it: search engines cut the description at about 160 characters",
            )
        self.check_name("cta", config.ctas | {"none"}, "CLINIC_CTAS in pelicanconf.py, or none")
        self.check_name("reviewed_by", config.providers, "CLINIC_PROVIDERS in pelicanconf.py")
        if source.section == "articles":
            self.check_name("category", config.categories, "CLINIC_CATEGORIES in pelicanconf.py")
        self.check_review_date()
        kind = source.get("procedure_type").lower()
        if kind and kind not in PROCEDURE_TYPES:
            self.report(
                source.line_of("procedure_type"),
                f"unknown Procedure_Type '{source.get('procedure_type')}'",
                f"use {' or '.join(PROCEDURE_TYPES)}",
            )

    def check_expires_after_date(self) -> None:
        """`Expires` is the first moment the page is gone: it must come after its `Date`."""
        expires, published = self.source.get("expires"), self.source.get("date")
        ends, starts = parse_date(expires), parse_date(published)
        if ends is not None and starts is not None and ends <= starts:
            self.report(
                self.source.line_of("expires"),
                f"Expires {expires} is not after the Date {published} "
                f"(line {self.source.line_of('date')}): the page would never be shown",
                "set Expires to the first day the page should no longer be shown, after Date",
            )

    def check_name(self, key: str, known: frozenset[str], where: str) -> None:
        value = self.source.get(key)
        if not value or PLACEHOLDER.match(value) or value in known:
            return
        if key == "cta" and value.lower() == "none":
            return
        label = {"cta": "CTA", "reviewed_by": "reviewer", "category": "category"}[key]
        self.report(
            self.source.line_of(key),
            f"unknown {label} '{value}'{_hint(value, known)} (known: {', '.join(sorted(known))})",
            f"use a name from {where}",
        )

    def check_review_date(self) -> None:
        value, line = self.source.get("last_reviewed"), self.source.line_of("last_reviewed")
        if not value or PLACEHOLDER.match(value):
            return
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError(value)
            reviewed = date.fromisoformat(value)
        except ValueError:
            self.report(line, f"Last_Reviewed '{value}' is not a date", "write YYYY-MM-DD")
            return
        age = (self.config.today - reviewed).days
        if age < 0:
            self.report(line, f"Last_Reviewed {value} is in the future", "use the review's date")
        elif age > self.config.review_max_age_days:
            self.report(
                line,
                f"medical review is {age} days old (more than {self.config.review_max_age_days})",
                "ask the reviewer to check the article again, then update Last_Reviewed",
                warning=True,
            )

    def check_body(self) -> None:
        """Every element of the body as a browser would build it, each problem with its line."""
        if not self.source.body.strip():
            self.report(None, "the article has no text", "write the body below the header")
            return
        found = self.problems_of(markup.scan(self.source.text, self.config.markdown))
        if not found:
            return
        lines = self.source.text.split("\n")
        seen: dict[str, int] = defaultdict(int)
        for message, fix in found:
            seen[message] += 1
            self.report(self.first_line_with(lines, message, seen[message]), message, fix)

    def first_line_with(self, lines: list[str], message: str, occurrence: int) -> int | None:
        """The line where a problem appears: the shortest start of the file that shows it.

        Markdown has no source positions, so the file's first lines are rendered
        again, halving the range each time; only files with a problem pay for it.
        """

        def count(end: int) -> int:
            prefix = self.body_problems("\n".join(lines[:end]))
            return sum(1 for found, _ in prefix if found == message)

        low, high = self.source.body_line, len(lines)
        if count(high) < occurrence:
            return None
        while low < high:
            middle = (low + high) // 2
            if count(middle) >= occurrence:
                high = middle
            else:
                low = middle + 1
        return low

    def body_problems(self, text: str) -> list[tuple[str, str]]:
        """(message, fix) for each problem in a file's rendered body, in document order."""
        return self.problems_of(markup.elements(markup.render(text, self.config.markdown)))

    def problems_of(self, elements: Iterable[Element]) -> list[tuple[str, str]]:
        return [problem for element in elements for problem in self.element_problems(element)]

    def element_problems(self, element: Element) -> list[tuple[str, str]]:
        tag = element.tag
        if tag in FORBIDDEN_TAGS:
            return [(f"<{tag}> is not allowed in content", FORBIDDEN_TAGS[tag])]
        found = []
        for name, _ in element.attributes:
            if name.startswith("on"):
                found.append(
                    (
                        f"inline event handler '{name}=' on <{tag}> is not allowed",
                        "remove it: articles run no code of their own "
                        "(a script in an attribute runs in patients' browsers)",
                    )
                )
            elif name == "style":
                found.append(
                    (
                        f"style attribute on <{tag}> is not allowed",
                        "remove it: the site's security policy ignores inline styles, "
                        "so it would do nothing; ask for a class in the theme instead",
                    )
                )
        if tag == "img" and not (element.get("alt") or "").strip():
            found.append(
                (
                    "image without alt text",
                    "describe what the image shows for someone who cannot see it: "
                    "![description](...)",
                )
            )
        for address in markup.addresses(element):
            found += self.address_problems(address)
        return found

    def address_problems(self, address: Address) -> list[tuple[str, str]]:
        url = address.value
        reason = policy.address_problem(url)
        if reason:
            return [
                (
                    f"address '{markup.shown(url)}' in {address.attribute}= {reason}",
                    "use an https:, mailto: or tel: address, or {filename}/{static} "
                    "for a file of the site",
                )
            ]
        if address.fetched and self.is_other_origin(url):
            return [
                (
                    f"loads '{markup.shown(url)}' from another site",
                    "save the file in content/images/ and use {static}/images/<file> "
                    "(pages load nothing from other sites: patients' privacy)",
                )
            ]
        if address.attribute in CHECKED_INSIDE and url:
            return self.internal_problems(url)
        return []

    def is_other_origin(self, url: str) -> bool:
        if policy.is_same_site(url):
            return False
        return policy.origin_of(url) not in self.config.allowed_origins

    def internal_problems(self, url: str) -> list[tuple[str, str]]:
        """A link or image inside the site: it must name a file or page that exists."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith("#") or OTHER_PELICAN_LINKS.match(url):
            return []
        match = INTERNAL.match(url)
        if match:
            target = match["path"]
            root = self.config.content_root
            base = root if target.startswith("/") else self.source.path.parent
            resolved = os.path.normpath(os.path.relpath(base / target.lstrip("/"), root))
            if Path(resolved).as_posix() in self.config.known_files:
                return []
            return [
                (
                    f"'{url}' points at a file that does not exist",
                    "check the path: {filename} and {static} paths start from content/ "
                    "when they begin with /, else from this file's folder",
                )
            ]
        if url.startswith("/"):
            path = parts.path.lstrip("/")
            if (
                path in self.config.known_urls
                or path.removesuffix("index.html") in self.config.known_urls
            ):
                return []
            return [
                (
                    f"link to '{markup.shown(url)}', which is not a page of the site",
                    "link to the file instead: [text]({filename}/articles/<file>.md)",
                )
            ]
        return [
            (
                f"relative link '{markup.shown(url)}' breaks when pages move",
                "link to the file instead: [text]({filename}/articles/<file>.md)",
            )
        ]

    def check_paths(self) -> None:
        """`Slug`, `URL`, `Save_as` and `Template` stay inside the site and the theme."""
        source = self.source
        slug = source.get("slug")
        if slug and not PLACEHOLDER.match(slug) and not SLUG.match(slug):
            self.report(
                source.line_of("slug"),
                f"Slug '{markup.shown(slug)}' may hold only letters, digits, - and _",
                "write it like in-office-vs-diy-microdermabrasion",
            )
        for key, endings in (("url", ("/", ".html")), ("save_as", (".html",))):
            value = source.get(key)
            if value and not (SITE_PATH.match(value) and value.endswith(endings)):
                self.report(
                    source.line_of(key),
                    f"{KNOWN_KEYS[key]} '{markup.shown(value)}' is not an address inside the site",
                    f"write a relative path ending in {' or '.join(endings)}, with no scheme, "
                    "host, leading / or .., e.g. about/" + ("" if key == "url" else "index.html"),
                )
        template = source.get("template")
        known = self.config.templates
        if template and known and template not in known:
            self.report(
                source.line_of("template"),
                f"unknown Template '{markup.shown(template)}'{_hint(template, known)}",
                f"use one of: {', '.join(sorted(known))}",
            )

    def check_questions(self) -> None:
        """A treatment page's questions section (faq.py): each question has an answer."""
        source = self.source
        heading = heading_for(source.get("lang") or SOURCE_LANGUAGE)
        if source.section != "pages" or source.get("template") != "treatment" or not heading:
            return
        for section in markdown_sections(source.body, heading):
            if not section.questions:
                self.report(
                    source.body_line + section.line,
                    f"the '## {heading}' section has no question",
                    f"write each question under it as a '### ' heading, its answer below it; "
                    f"or remove the '## {heading}' heading",
                )
            for question in section.questions:
                if not question.answered:
                    self.report(
                        source.body_line + question.line,
                        f"the question '{markup.shown(question.text)}' has no answer",
                        "write its answer below it, before the next heading",
                    )


@lru_cache(maxsize=8192)
def check_source(source: Source, config: RulesConfig) -> tuple[Problem, ...]:
    """Every problem in one file that can be seen without the others.

    A pure function of its arguments, so a rebuild re-checks only changed files.
    """
    checker = _Checker(source, config)
    checker.check_keys()
    checker.check_placeholders()
    checker.check_required()
    checker.check_values()
    checker.check_paths()
    checker.check_body()
    checker.check_questions()
    return tuple(checker.problems)


def check_duplicate_slugs(sources: list[Source], config: RulesConfig) -> list[Problem]:
    """Two files with one address: one would overwrite the other. Each of them is told."""
    by_address: dict[str, list[Source]] = defaultdict(list)
    for source in sources:
        if source.get("status").lower() == "draft" or not source.get("title"):
            continue
        by_address[f"{source.section}/{slug_of(source, config.slugify)}"].append(source)
    problems = []
    for address, same in by_address.items():
        for source in same if len(same) > 1 else ():
            others = ", ".join(other.shown for other in same if other is not source)
            problems.append(
                Problem(
                    source.shown,
                    f"slug '{address.split('/', 1)[1]}' is also used by {others}",
                    "give one of them another 'Slug:'",
                    line=source.line_of("slug") or source.line_of("title"),
                )
            )
    return problems


@lru_cache(maxsize=8192)
def _read_cached(path: Path, mtime_ns: int, size: int, shown: str, section: str) -> Source:
    """read_source, remembered while the file's time and size stay the same."""
    return read_source(path, shown, section)


def read_all(files: Iterable[tuple[Path, str, str]]) -> tuple[list[Source], list[Problem]]:
    """Read (path, shown, section) files; unreadable and empty files are problems."""
    sources, problems = [], []
    for path, shown, section in files:
        if path.suffix.lower() != ".md":
            problems.append(
                Problem(
                    shown, "not a Markdown file", "rename it to .md, or move it out of content/"
                )
            )
            continue
        try:
            stat = path.stat()
            source = _read_cached(path, stat.st_mtime_ns, stat.st_size, shown, section)
        except UnicodeDecodeError as error:
            problems.append(
                Problem(
                    shown,
                    "the file is not valid UTF-8",
                    "save it as UTF-8 in your editor",
                    line=bad_utf8_line(path, error),
                )
            )
            continue
        if not source.entries and not source.body.strip():
            problems.append(
                Problem(shown, "the file is empty", "write the article, or delete the file")
            )
            continue
        sources.append(source)
    return sources, problems


def forget_checked_files() -> None:
    """Drop the files read and the results remembered (they hold every file's text)."""
    _read_cached.cache_clear()
    check_source.cache_clear()


def check_sources(sources: list[Source], config: RulesConfig) -> list[Problem]:
    """Every problem in the content's files, errors and warnings."""
    problems = []
    for source in sources:
        problems += check_source(source, config)
    return problems + check_duplicate_slugs(sources, config)
