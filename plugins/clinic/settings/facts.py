"""The clinic's facts, turned into what pages show: phone links, hours, maps.

Pure functions over the plain `CLINIC` setting; `__init__.py` attaches their
results to the template context once per build.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time
from urllib.parse import urlencode

import phonenumbers
from babel import Locale, UnknownLocaleError
from babel.dates import format_time, get_day_names
from phonenumbers import NumberParseException, PhoneNumberFormat

from ..rendering.i18n import language_list

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# The clinic's patients dial numbers of its own country (the US: +1) without the code.
HOME_COUNTRY_CODE = phonenumbers.country_code_for_region("US")
PHONE_HINT = "write it with its country code, e.g. +1-480-555-0100"


def is_phone(phone: str) -> bool:
    """Whether `phone` is a number one can call, written with its country code
    (`+1-480-555-0100`, `+1 480 555 0100`), and without an extension (a tel: link
    would drop it)."""
    # is_valid_number checks the number against its country's plan (area code, length);
    # it accepts the clinic's fictional 555-01xx placeholders, so the stricter check serves.
    try:
        number = phonenumbers.parse(phone, None)
    except NumberParseException:
        return False
    return phonenumbers.is_valid_number(number) and not number.extension


def tel_uri(phone: str) -> str:
    """`+1-480-555-0100` -> `tel:+14805550100` (RFC 3966 with the E.164 number)."""
    number = phonenumbers.parse(phone, None)
    return "tel:" + phonenumbers.format_number(number, PhoneNumberFormat.E164)


def display_phone(phone: str) -> str:
    """`+1-480-555-0100` -> `(480) 555-0100`, as US patients write it; a number abroad
    keeps its country code (`+44 20 7946 0000`)."""
    number = phonenumbers.parse(phone, None)
    home = number.country_code == HOME_COUNTRY_CODE
    style = PhoneNumberFormat.NATIONAL if home else PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style)


def display_time(hhmm: str, locale: str = "en_US") -> str:
    """`08:00` -> `8:00 AM` (en_US), `8:00 a.m.` (es_US): the language's short form."""
    shown = format_time(time.fromisoformat(hhmm), format="short", locale=locale)
    return shown.replace("\u202f", " ")  # CLDR's narrow space, which some fonts lack


def day_name(day: str, locale: str = "en_US") -> str:
    """`Monday` (as the settings name it) in the language: `Monday`, `Lunes`."""
    name = get_day_names("wide", locale=locale)[WEEKDAYS.index(day)]
    return name[:1].upper() + name[1:]


# Languages that write a run of days with a word and the later days in lower case
# ("Lunes a jueves"), where English uses a dash ("Monday–Thursday").
DAY_RANGE_WORDS = {"es": " a "}


def day_range(days: tuple[str, ...] | list[str], locale: str = "en_US") -> str:
    """Consecutive weekdays as a range (`Monday–Thursday`, `Lunes a jueves`), others listed."""
    ordered = sorted(days, key=WEEKDAYS.index)
    indexes = [WEEKDAYS.index(day) for day in ordered]
    consecutive = indexes == list(range(indexes[0], indexes[0] + len(indexes)))
    names = [day_name(day, locale) for day in ordered]
    word = DAY_RANGE_WORDS.get(locale.split("_")[0].split("-")[0])
    if word is not None:
        names = [names[0], *(name.lower() for name in names[1:])]
    if len(ordered) > 2 and consecutive:
        return f"{names[0]}{word or chr(0x2013)}{names[-1]}"
    return ", ".join(names)


def opening_hours(hours, locale: str = "en_US") -> list[dict]:
    """Rows for an hours table: days label, opening and closing times."""
    return [
        {
            "days": day_range(days, locale),
            "opens": display_time(opens, locale),
            "closes": display_time(closes, locale),
            "opens_iso": opens,
            "closes_iso": closes,
        }
        for days, opens, closes in hours
    ]


def map_url(latitude: float, longitude: float) -> str:
    """A link to OpenStreetMap: a map page to open, not a map to embed."""
    query = urlencode({"mlat": latitude, "mlon": longitude})
    return f"https://www.openstreetmap.org/?{query}#map=17/{latitude}/{longitude}"


def location_view(location: dict, locale: str = "en_US") -> dict:
    """One location as the contact page and footer show it."""
    return {
        **location,
        "phone_display": display_phone(location["telephone"]),
        "phone_uri": tel_uri(location["telephone"]),
        "opening_hours": opening_hours(location["hours"], locale),
        "map_url": map_url(location["latitude"], location["longitude"]),
    }


def is_language(code: object) -> bool:
    """Whether `code` names a language Babel knows (`en`, `es`, `zh-Hant`)."""
    try:
        return isinstance(code, str) and bool(Locale.parse(code.replace("-", "_")).language)
    except (ValueError, UnknownLocaleError):
        return False


def phone_link(phone: str) -> tuple[str, str]:
    """(shown, tel: address) of a phone number, or of a short code such as 711 (the
    relay service, which a tel: link dials as it is)."""
    if phone.isdigit():
        return phone, f"tel:{phone}"
    return display_phone(phone), tel_uri(phone)


def coordinator_view(coordinator: dict, first_location: dict) -> dict:
    """The Section 1557 Coordinator as the notice shows them: their mailing address is
    the first location's unless they have one of their own."""
    phone, phone_uri = phone_link(coordinator["telephone"])
    tty, tty_uri = phone_link(str(coordinator["tty"]))
    address = coordinator.get("mailing_address") or first_location
    return {
        **coordinator,
        "phone_display": phone,
        "phone_uri": phone_uri,
        "tty_display": tty,
        "tty_uri": tty_uri,
        "address": {key: address[key] for key in ADDRESS_KEYS},
    }


ADDRESS_KEYS = ("street_address", "locality", "region", "postal_code")


def clinic_view(clinic: dict, locale: str = "en_US") -> dict:
    """The whole clinic as templates use it, in the language of `locale`."""
    return {
        **clinic,
        "phone_display": display_phone(clinic["telephone"]),
        "phone_uri": tel_uri(clinic["telephone"]),
        "locations": [location_view(location, locale) for location in clinic["locations"]],
        "phone_languages": language_list(clinic["phone_languages"], locale),
        "coordinator": coordinator_view(clinic["coordinator"], clinic["locations"][0]),
    }


def words_of(clinic: Mapping) -> dict[str, str]:
    """The words pages and calls to action name the clinic with (`{clinic}`, `{city}`:
    rendering/words.py), from the CLINIC setting."""
    first = clinic["locations"][0]
    return {
        "clinic": str(clinic["name"]),
        "short_name": str(clinic.get("short_name") or clinic["name"]),
        "city": str(first["locality"]),
        "state": str(clinic.get("state") or first["region"]),
        "phone": display_phone(clinic["telephone"]),
        "email": str(clinic["email"]),
    }
