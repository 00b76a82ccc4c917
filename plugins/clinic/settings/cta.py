"""Calls to action: the named library from settings, and which one a page shows."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from ..core.problems import Problem
from .facts import PHONE_HINT, display_phone, is_phone, tel_uri

REQUIRED_FIELDS = ("heading", "text", "phone", "booking_url", "booking_label")
OPTIONAL_FIELDS = ("secondary",)
NONE = "none"


@dataclass(frozen=True)
class Link:
    label: str
    href: str


@dataclass(frozen=True)
class CTA:
    """A call to action, ready for the template: every URL and phone link resolved."""

    name: str
    heading: str
    text_html: Markup
    phone_display: str
    phone_uri: str
    booking: Link
    secondary: Link | None = None


def site_href(url: str, siteurl: str) -> str:
    """A site path (`/contact/`) gets the site's address in front; other URLs stay."""
    return siteurl + url if url.startswith("/") else url


def parse_cta(
    name: str, raw: object, siteurl: str, render: Callable[[str], Markup]
) -> tuple[CTA | None, list[Problem]]:
    """Check one library entry and build its CTA; problems name the setting to fix."""
    where = f"CLINIC_CTAS[{name!r}]"
    if not isinstance(raw, Mapping):
        return None, [Problem(where, "expected a dict of fields", "see pelicanconf.py")]
    problems = [
        Problem(where, f"missing required field {field!r}", f"add {field!r} to this CTA")
        for field in REQUIRED_FIELDS
        if not isinstance(raw.get(field), str) or not raw.get(field, "").strip()
    ]
    unknown = sorted(set(raw) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    problems += [
        Problem(where, f"unknown field {field!r}", f"use only {', '.join(REQUIRED_FIELDS)}")
        for field in unknown
    ]
    phone = raw.get("phone")
    if isinstance(phone, str) and phone and not is_phone(phone):
        problems.append(
            Problem(f"{where}['phone']", f"malformed phone number {phone!r}", PHONE_HINT)
        )
    secondary = raw.get("secondary")
    if secondary is not None and not (
        isinstance(secondary, Mapping)
        and all(isinstance(secondary.get(key), str) for key in ("label", "url"))
    ):
        problems.append(Problem(f"{where}['secondary']", "expected {'label': ..., 'url': ...}", ""))
    if problems:
        return None, problems
    return (
        CTA(
            name=name,
            heading=raw["heading"],
            text_html=render(raw["text"]),
            phone_display=display_phone(phone),
            phone_uri=tel_uri(phone),
            booking=Link(raw["booking_label"], site_href(raw["booking_url"], siteurl)),
            secondary=Link(secondary["label"], site_href(secondary["url"], siteurl))
            if secondary
            else None,
        ),
        [],
    )


class UnknownCTA(LookupError):
    def __init__(self, name: str, known: list[str]) -> None:
        self.name, self.known = name, known
        super().__init__(name)


def resolve_cta(
    requested: str | None,
    category: str | None,
    library: Mapping[str, CTA],
    default: str | None,
    by_category: Mapping[str, str],
) -> CTA | None:
    """The CTA a page shows: its own `CTA:` value, else its category's, else the default.

    `CTA: none` shows none. An unknown name raises UnknownCTA.
    """
    name = requested.strip() if requested else by_category.get(category or "", default)
    if not name or name.lower() == NONE:
        return None
    if name not in library:
        raise UnknownCTA(name, sorted(library))
    return library[name]
