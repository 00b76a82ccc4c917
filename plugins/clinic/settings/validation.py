"""The clinic's settings, validated once per build into one frozen value.

`validate(settings)` checks every clinic setting, collects every problem and
raises `SettingsError` once, naming each setting to fix. Clinic facts have no
silent defaults: wrong facts in the JSON-LD are worse than a failed build.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import markdown
from markupsafe import Markup
from pelican.settings import DEFAULT_CONFIG

from ..core.problems import Problem, SettingsError
from ..rendering.i18n import translations_for
from ..rendering.images import CARD_SIZE, Image
from ..rendering.pictures import read_picture
from ..rendering.typography import typeset
from ..rendering.words import fill, known_words, unknown_words
from .brand import Brand, contrast_problems, parse_brand
from .cta import CTA, parse_cta
from .editions import languages
from .facts import (
    ADDRESS_KEYS,
    PHONE_HINT,
    WEEKDAYS,
    clinic_view,
    is_language,
    is_phone,
    words_of,
)
from .providers import Provider, parse_provider
from .taglines import Taglines, locale_facts, parse_taglines

CLINIC_REQUIRED = ("name", "description", "telephone", "email", "booking_url", "locations")
CLINIC_REQUIRED += ("coordinator", "phone_languages", "brand")
COORDINATOR_REQUIRED = ("title", "telephone", "tty", "email")
LOCATION_REQUIRED = (
    "name",
    "street_address",
    "locality",
    "region",
    "postal_code",
    "country",
    "telephone",
    "latitude",
    "longitude",
    "hours",
)


@dataclass(frozen=True)
class ClinicSettings:
    """Everything the plugin needs from pelicanconf.py, checked and ready to use."""

    site_name: str
    base_url: str  # absolute: canonical URLs and JSON-LD ids
    siteurl: str  # as links are written: empty for a local build
    language: str  # BCP 47, e.g. en-US
    og_locale: str  # e.g. en_US
    clinic: dict
    logo: Image  # the drawn one (brand.draws_logo) or the clinic's own
    social_image: Image
    brand: Brand = field(default_factory=Brand)  # initials and colours (CLINIC['brand'])
    # The words the default share image is drawn with, in the edition's language (None
    # when the clinic gives its own picture, CLINIC_SOCIAL_IMAGE).
    social_words: str | None = None
    ctas: Mapping[str, CTA] = field(default_factory=dict)
    cta_default: str | None = None
    cta_by_category: Mapping[str, str] = field(default_factory=dict)
    providers: Mapping[str, Provider] = field(default_factory=dict)
    medical_categories: frozenset[str] = frozenset()
    taglines: Taglines = field(default_factory=Taglines)
    languages: tuple[str, ...] = ("en",)  # the site's editions: the languages it speaks
    hero: Image | None = None  # the home page's photo (CLINIC_HERO_IMAGE), if any
    # SLUG_REGEX_SUBSTITUTIONS: the ids in the JSON-LD are slugged as the pages' addresses are.
    slug_substitutions: tuple[tuple[str, str], ...] = tuple(
        DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
    )
    # The content policy the rules hold every file to (rules/lint.py), and the CSP's.
    categories: frozenset[str] = frozenset()  # CLINIC_CATEGORIES: the blog's categories
    allowed_origins: frozenset[str] = frozenset()  # CLINIC_ALLOWED_ORIGINS: embeds' sites
    review_max_age_days: int = 365  # CLINIC_REVIEW_MAX_AGE_DAYS: a medical review's life
    demo: bool = False  # CLINIC_DEMO (clinic.toml's `demo`): a sample site, which says so
    # The words pages name the clinic with ({clinic}: rendering/words.py), filled in as
    # Markdown fills them: in a title read before Markdown, for its address and its card.
    words: Mapping[str, str] = field(default_factory=dict)

    def absolute(self, path: str) -> str:
        """An absolute URL for a path below the site root (`blog/x/` or `/blog/x/`)."""
        return f"{self.base_url}/{path.lstrip('/')}"


def slug_substitutions(settings: Mapping) -> tuple[tuple[str, str], ...]:
    """Pelican's SLUG_REGEX_SUBSTITUTIONS, as a key: what addresses are slugged with (for
    the tools that slug outside a build, where validate() is not run)."""
    pairs = settings.get("SLUG_REGEX_SUBSTITUTIONS", DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    return tuple(tuple(pair) for pair in pairs)


def render_markdown(text: str) -> Markup:
    """Settings text (CTA text, a provider's bio) as typeset HTML."""
    return Markup(typeset(markdown.markdown(text, extensions=["markdown.extensions.extra"])))


def _check_clinic(clinic: object) -> list[Problem]:
    if not isinstance(clinic, Mapping):
        return [Problem("CLINIC", "expected a dict of the clinic's facts", "see pelicanconf.py")]
    problems = [
        Problem("CLINIC", f"missing {key!r}", f"add the clinic's {key} to CLINIC")
        for key in CLINIC_REQUIRED
        if not clinic.get(key)
    ]
    phones = [("CLINIC['telephone']", clinic.get("telephone"))]
    locations = clinic.get("locations") or []
    for index, location in enumerate(locations):
        where = f"CLINIC['locations'][{index}]"
        problems += [
            Problem(where, f"missing {key!r}", f"add {key!r} to this location")
            for key in LOCATION_REQUIRED
            if location.get(key) in (None, "", [])
        ]
        phones.append((f"{where}['telephone']", location.get("telephone")))
        problems += _check_hours(where, location.get("hours") or [])
    coordinator = clinic.get("coordinator")
    if isinstance(coordinator, Mapping):
        problems += _check_coordinator(coordinator)
        phones.append(("CLINIC['coordinator']['telephone']", coordinator.get("telephone")))
    elif coordinator is not None:
        problems.append(Problem("CLINIC['coordinator']", "expected a dict", COORDINATOR_HINT))
    spoken = clinic.get("phone_languages")
    if spoken is not None and not (
        isinstance(spoken, list | tuple) and all(is_language(code) for code in spoken)
    ):
        problems.append(
            Problem(
                "CLINIC['phone_languages']",
                f"cannot read {spoken!r}",
                "list the languages the phone is answered in by their codes, e.g. ['en', 'es']",
            )
        )
    problems += [
        Problem(where, f"malformed phone number {phone!r}", PHONE_HINT)
        for where, phone in phones
        if isinstance(phone, str) and not is_phone(phone)
    ]
    return problems


COORDINATOR_HINT = (
    "give the Section 1557 Coordinator's title (or name), telephone, tty and email, e.g. "
    "{'title': 'Practice Manager', 'telephone': '+1-480-555-0101', 'tty': '711', "
    "'email': '...', 'mailing_address': None}"
)


def _check_coordinator(coordinator: Mapping) -> list[Problem]:
    where = "CLINIC['coordinator']"
    problems = [
        Problem(where, f"missing {key!r}", COORDINATOR_HINT)
        for key in COORDINATOR_REQUIRED
        if not coordinator.get(key)
    ]
    tty = coordinator.get("tty")
    if tty and not (str(tty).isdigit() or is_phone(str(tty))):
        problems.append(
            Problem(
                f"{where}['tty']",
                f"cannot read {tty!r}",
                "write 711 (the relay service) or a TTY number with its country code",
            )
        )
    address = coordinator.get("mailing_address")
    if address is not None and (
        not isinstance(address, Mapping) or any(not address.get(key) for key in ADDRESS_KEYS)
    ):
        problems.append(
            Problem(
                f"{where}['mailing_address']",
                f"cannot read {address!r}",
                "write None (the first location's address) or a dict with "
                + ", ".join(ADDRESS_KEYS),
            )
        )
    return problems


def _check_hours(where: str, hours: list) -> list[Problem]:
    problems = []
    for row, entry in enumerate(hours):
        try:
            days, opens, closes = entry
            bad_days = [day for day in days if day not in WEEKDAYS]
            ok = not bad_days and opens < closes and len(opens) == len(closes) == 5
        except (TypeError, ValueError):
            ok = False
        if not ok:
            problems.append(
                Problem(
                    f"{where}['hours'][{row}]",
                    f"cannot read {entry!r}",
                    "write ((day names), 'HH:MM', 'HH:MM'), e.g. (('Monday',), '08:00', '17:00')",
                )
            )
    return problems


def drawn_share_image(site_name: str, tagline: str, lang: str) -> tuple[Image, str]:
    """The default share image, drawn by the build in the edition's language (the site's
    name and logo above the tagline, as a page's share card is): one per edition. With
    the words it is drawn with: the tagline, as a title starts (after the name and a
    colon in the alt text, as a sentence goes on)."""
    alt = f"{site_name}: {tagline[:1].lower()}{tagline[1:]}" if tagline else site_name
    image = Image(f"images/share-{lang}.png", CARD_SIZE[0], CARD_SIZE[1], alt)
    return image, tagline[:1].upper() + tagline[1:]


# Where the build writes the logo it draws (pages/brand.py), and its size in pixels.
DRAWN_LOGO_PATH = "images/logo.png"
DRAWN_LOGO_SIZE = 512


def drawn_logo(site_name: str, theme: Path, lang: str) -> Image:
    """The logo the build draws from the initials, described in the edition's language
    (the theme's catalog): "Spectrum Dermatology logo", "Logotipo de Spectrum Dermatology"."""
    _ = translations_for(theme, lang).gettext
    alt = _("%(name)s logo") % {"name": site_name}
    return Image(DRAWN_LOGO_PATH, DRAWN_LOGO_SIZE, DRAWN_LOGO_SIZE, alt)


def _image(content_root: Path, where: str, spec: object, problems: list[Problem]) -> Image | None:
    if not isinstance(spec, Mapping) or not spec.get("path") or not spec.get("alt"):
        problems.append(Problem(where, "expected {'path': ..., 'alt': ...}", ""))
        return None
    try:
        return read_picture(content_root, spec["path"], spec["alt"])
    except OSError as error:
        problems.append(
            Problem(where, f"cannot read image: {error}", f"put the file in {content_root}")
        )
        return None


THEME_CSS = Path("static") / "css" / "site.css"


def theme_css(theme: Path) -> str:
    """The theme's stylesheet, whose backgrounds the brand's colours are shown on."""
    path = theme / THEME_CSS
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def validate(settings: Mapping) -> ClinicSettings:
    """Check the clinic settings and return them ready for use, or raise SettingsError."""
    problems = _check_clinic(settings.get("CLINIC"))
    if problems:
        raise SettingsError(problems)
    clinic = settings["CLINIC"]
    content_root = Path(settings["PATH"])
    own_logo = clinic.get("logo")
    if own_logo is None:  # drawn from the initials, in the brand's colours
        logo = drawn_logo(settings["SITENAME"], Path(settings["THEME"]), settings["DEFAULT_LANG"])
    else:
        logo = _image(content_root, "CLINIC['logo']", own_logo, problems)
    brand, found = parse_brand(clinic.get("brand"), draws_logo=own_logo is None)
    problems += found
    if brand is not None:
        problems += contrast_problems(brand.colours, theme_css(Path(settings["THEME"])))
    social_spec, social_words = settings.get("CLINIC_SOCIAL_IMAGE"), None
    if social_spec:
        social = _image(content_root, "CLINIC_SOCIAL_IMAGE", social_spec, problems)
    else:
        tagline = str(settings.get("SITE_TAGLINE") or "")
        lang = settings["DEFAULT_LANG"]
        social, social_words = drawn_share_image(settings["SITENAME"], tagline, lang)
    hero_spec = settings.get("CLINIC_HERO_IMAGE")
    hero = hero_spec and _image(content_root, "CLINIC_HERO_IMAGE", hero_spec, problems)

    siteurl = settings.get("SITEURL", "")
    ctas = {}
    words = words_of(clinic)
    for name, raw in (settings.get("CLINIC_CTAS") or {}).items():
        if isinstance(raw, Mapping):  # "Contact {clinic} Today!": the clinic's words filled in
            problems += [
                Problem(
                    f"CLINIC_CTAS[{name!r}][{key!r}]",
                    f"{word} is not a word the site fills in, and would be shown as written",
                    f"use one of {known_words()}",
                )
                for key, value in raw.items()
                if isinstance(value, str)
                for word in unknown_words(value)
            ]
            raw = {
                key: fill(value, words) if isinstance(value, str) else value
                for key, value in raw.items()
            }
        cta, found = parse_cta(name, raw, siteurl, render_markdown)
        problems += found
        if cta:
            ctas[name] = cta
    default = settings.get("CLINIC_CTA_DEFAULT")
    by_category = dict(settings.get("CLINIC_CTA_BY_CATEGORY") or {})
    references = [("CLINIC_CTA_DEFAULT", default)] + [
        (f"CLINIC_CTA_BY_CATEGORY[{category!r}]", name) for category, name in by_category.items()
    ]
    problems += [
        Problem(where, f"unknown CTA {name!r}", f"use one of: {', '.join(sorted(ctas)) or 'none'}")
        for where, name in references
        # A CTA that exists but is malformed has been reported above already.
        if name and name != "none" and name not in (settings.get("CLINIC_CTAS") or {})
    ]

    providers = {}
    for key, raw in (settings.get("CLINIC_PROVIDERS") or {}).items():
        provider, found = parse_provider(key, raw, render_markdown)
        problems += found
        if provider:
            photo = raw.get("photo") and _image(
                content_root, f"CLINIC_PROVIDERS[{key!r}]['photo']", raw["photo"], problems
            )
            providers[key] = replace(
                provider, prefix=settings.get("CLINIC_HOME_URL", ""), photo=photo or None
            )
    locale = settings.get("CLINIC_LANGUAGE", "en-US").replace("-", "_")
    view = clinic_view(clinic, locale)
    raw_taglines = settings.get("CLINIC_LANGUAGE_TAGLINES")
    editions = settings.get("CLINIC_EDITIONS_BUILD")  # what the editions' runs share
    facts = editions.facts_of if editions is not None else locale_facts
    name = str(clinic["name"])
    taglines, found = parse_taglines(raw_taglines, view["phone_display"], name, facts)
    problems += found
    if problems:
        raise SettingsError(problems)

    production = settings.get("PRODUCTION_SITEURL", "")
    base_url = siteurl if siteurl.startswith(("http://", "https://")) else production
    if not base_url.startswith(("http://", "https://")):
        raise SettingsError(
            [Problem("PRODUCTION_SITEURL", "expected the site's absolute address", "https://...")]
        )
    language = settings.get("CLINIC_LANGUAGE", "en-US")
    return ClinicSettings(
        site_name=settings["SITENAME"],
        base_url=base_url.rstrip("/"),
        siteurl=siteurl,
        language=language,
        og_locale=language.replace("-", "_"),
        clinic=view,
        logo=logo,
        social_image=social,
        brand=brand,
        social_words=social_words,
        ctas=ctas,
        cta_default=default,
        cta_by_category=by_category,
        providers=providers,
        medical_categories=frozenset(settings.get("CLINIC_MEDICAL_CATEGORIES") or ()),
        taglines=taglines,
        languages=tuple(languages(settings)),
        hero=hero or None,
        slug_substitutions=slug_substitutions(settings),
        categories=frozenset(settings.get("CLINIC_CATEGORIES") or ()),
        allowed_origins=frozenset(settings.get("CLINIC_ALLOWED_ORIGINS") or ()),
        review_max_age_days=settings.get("CLINIC_REVIEW_MAX_AGE_DAYS", 365),
        demo=bool(settings.get("CLINIC_DEMO")),
        words=words,
    )
