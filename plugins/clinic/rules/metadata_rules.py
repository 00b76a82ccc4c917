"""The rules of a file's header: known keys, required fields, real dates, known names,
addresses inside the site. Each problem names the header line it is on."""

from __future__ import annotations

import re
from datetime import date

from ..core.addresses import slug_of
from ..core.problems import Problem
from ..core.sources import Source
from ..core.values import PLACEHOLDER, PROCEDURE_TYPES, parse_date
from ..rendering import markup
from . import invisible
from .rule_base import FileRules, RulesConfig, did_you_mean

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
STATUSES = {"articles": ("published", "draft"), "pages": ("published", "draft", "hidden")}
# Addresses as pages may set them: `URL` ends in / or .html, `Save_as` in .html; no way out.
SITE_PATH = re.compile(r"^(?:[\w-][\w.-]*/)*(?:[\w-][\w.-]*)?$")
SLUG = re.compile(r"^[\w-]+$")
# Values read as dates, names or addresses, where an invisible character changes the
# meaning (free text, a title or a summary, may hold a non-breaking space on purpose).
EXACT_VALUES = (
    "date",
    "modified",
    "expires",
    "last_reviewed",
    "slug",
    "category",
    "tags",
    "cta",
    "reviewed_by",
    "status",
    "template",
    "url",
    "save_as",
    "procedure_type",
    "lang",
    "translation_of",
    "image",
)
# Search results show about 60 characters of a page's <title>; beyond, it is cut short.
TITLE_LIMIT = 60
# An address a reader can read aloud and type: a Slug of at most 60 characters.
SLUG_LIMIT = 60
# Other tools' front matter: Jekyll, Hugo and Eleventy (YAML), Hugo and Zola (TOML).
FRONT_MATTER = re.compile(r"^(---|\+\+\+)\s*$")
# A medical page's own fields, with what to add when one is missing.
MEDICAL_FIXES = {
    "reviewed_by": "add 'Reviewed_By: <provider key>' (see CLINIC_PROVIDERS)",
    "last_reviewed": "add 'Last_Reviewed: YYYY-MM-DD', the date of the review",
}


class MetadataRules(FileRules):
    """The header's rules."""

    def __init__(self, source: Source, config: RulesConfig) -> None:
        super().__init__(source, config)
        # The lines of values that hold an invisible character: told once (check_invisible),
        # not again by the rules after it, which would call a right-looking value wrong.
        self.hidden_lines: set[int] = set()

    def report(self, line, message, fix, warning=False) -> None:
        if line not in self.hidden_lines:
            super().report(line, message, fix, warning)

    def check(self) -> None:
        self.check_keys()
        self.check_invisible()
        self.check_placeholders()
        self.check_required()
        self.check_values()
        self.check_titles()
        self.check_paths()

    def check_invisible(self) -> None:
        """An invisible character (pasted from Word) in a date, name or address: named, with
        where it is, instead of the value's rules saying a right-looking value is wrong."""
        lines = self.source.text.split("\n")
        for entry in self.source.entries:
            key = entry.key.lower()
            if key not in EXACT_VALUES:
                continue
            # Each tag is trimmed on its own, as Pelican trims them.
            value = (
                ",".join(t.strip() for t in entry.value.split(","))
                if key == "tags"
                else entry.value
            )
            found = invisible.invisibles(value)
            if not found:
                continue
            first, name = found[0], KNOWN_KEYS[key]
            line = lines[entry.line - 1] if entry.line <= len(lines) else ""
            column = line.find(first.char) + 1 or None
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            self.report(
                entry.line,
                f"{name} '{markup.shown(invisible.marked(value), 80)}' holds {first.name} "
                f"{invisible.place(value, first, column)}{more}, an invisible character "
                "(pasted from Word or a web page)",
                "replace it with a hyphen (-): a Slug holds letters, digits, - and _ only"
                if key == "slug" and first.is_space
                else invisible.fix(value, first, name),
            )
            self.hidden_lines.add(entry.line)

    def check_placeholders(self) -> None:
        """A `TODO` value, as `make new` leaves them: fine in a draft, not once published.
        A required field's fix says what to write; an optional one's, that it may go."""
        required = self.required()
        for entry in self.source.entries:
            if PLACEHOLDER.match(entry.value):
                key = entry.key.lower()
                name = KNOWN_KEYS.get(key, entry.key)
                if key in required:
                    fix = self.required_hint(key)
                else:
                    fix = "fill it in, or delete the line if the article does not need it"
                self.report(entry.line, f"{name} is still a placeholder", fix, warning=self.draft)

    def required(self) -> tuple[str, ...]:
        """The fields this file must fill in."""
        required = ARTICLE_REQUIRED if self.source.section == "articles" else PAGE_REQUIRED
        return required + (tuple(MEDICAL_FIXES) if self.is_medical() else ())

    def required_hint(self, key: str) -> str:
        """What to write in place of a required field's placeholder."""
        config = self.config
        if key == "category" and config.categories:
            return f"write the category, one of: {', '.join(sorted(config.categories))}"
        if key == "reviewed_by" and config.providers:
            return f"write the reviewer, one of: {', '.join(sorted(config.providers))}"
        if key == "date":
            return "write the date it is published, YYYY-MM-DD (or YYYY-MM-DD HH:MM)"
        if key == "summary":
            limit = config.summary_limit
            return f"write the summary: one or two sentences, at most {limit} characters"
        if key == "last_reviewed":
            return "write the date of the medical review, YYYY-MM-DD"
        return f"write the {KNOWN_KEYS[key].lower()}: it is required"

    def missing(self, key: str, fix: str) -> None:
        """A required field: an error, except in a draft, where it waits for the writer."""
        entry = self.source.values(key)
        if not entry or not entry[0].value:
            self.report(None, f"missing {KNOWN_KEYS[key]}", fix, warning=self.draft)

    def check_keys(self) -> None:
        seen: dict[str, int] = {}
        for entry in self.source.entries:
            key = entry.key.lower()
            if key not in KNOWN_KEYS:
                hint = did_you_mean(entry.key, KNOWN_KEYS.values())
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
        for key in self.required():
            fix = MEDICAL_FIXES.get(key) or (
                f"add '{KNOWN_KEYS[key]}: ...' to the header at the top of the file"
            )
            self.missing(key, fix)

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
            f"unknown {label} '{value}'{did_you_mean(value, known)} "
            f"(known: {', '.join(sorted(known))})",
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

    def check_titles(self) -> None:
        """A page's <title> (its SEO_Title, else 'Title | clinic') and its address stay short
        enough to be read whole in search results: a warning, as nothing breaks."""
        source = self.source
        seo, title = (
            " ".join(source.get("seo_title").split()),
            " ".join(source.get("title").split()),
        )
        shown = seo or title
        # A trailing '| Spectrum Dermatology' may be cut; the words before it must not.
        subject = shown.rsplit(" | ", 1)[0] if seo else title
        if len(subject) > TITLE_LIMIT and not PLACEHOLDER.match(shown):
            key = "seo_title" if seo else "title"
            fix = (
                f"shorten the SEO_Title to at most {TITLE_LIMIT} characters before any ' | '"
                if seo
                else f"add a shorter 'SEO_Title:' (at most {TITLE_LIMIT} characters) for search "
                "results, or shorten the Title"
            )
            self.report(
                source.line_of(key),
                f"{KNOWN_KEYS[key]} is {len(subject)} characters"
                + (" before its ' | '" if seo and subject != shown else "")
                + f": search results show about "
                f"{TITLE_LIMIT}, and cut the rest",
                fix,
                warning=True,
            )
        slug = "" if PLACEHOLDER.match(title) else slug_of(source, self.config.slugify)
        if len(slug) > SLUG_LIMIT:
            given = bool(source.get("slug"))
            self.report(
                source.line_of("slug") if given else source.line_of("title"),
                f"the address '{markup.shown(slug, 40)}' is {len(slug)} characters, more than "
                f"{SLUG_LIMIT}" + ("" if given else " (made from the Title)"),
                ("shorten the Slug" if given else "add a 'Slug:' line")
                + " of a few words, e.g. 'Slug: in-office-vs-diy-microdermabrasion'",
                warning=True,
            )

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
                f"unknown Template '{markup.shown(template)}'{did_you_mean(template, known)}",
                f"use one of: {', '.join(sorted(known))}",
            )


def front_matter_problem(source: Source) -> Problem | None:
    """A file that starts with `---` (Jekyll's or Hugo's front matter): its header is not
    read at all, so one problem says why, instead of five missing fields."""
    found = FRONT_MATTER.match(source.text.split("\n", 1)[0])
    if not found:
        return None
    mark = found[1]
    return Problem(
        source.shown,
        f"this file starts with `{mark}` (front matter from another tool)",
        f"remove the `{mark}` lines; write each field as `Key: value` (e.g. 'Title: Sun care', "
        "no quotes), one per line at the top of the file, then a blank line before the text",
        line=1,
    )
