"""The clinic's facts, turned into what pages show: phone links, hours, maps.

Pure functions over the plain `CLINIC` setting; `__init__.py` attaches their
results to the template context once per build.
"""

from __future__ import annotations

import re
from datetime import time
from urllib.parse import urlencode

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NANP = re.compile(r"^\+1-(\d{3})-(\d{3})-(\d{4})$")


def tel_uri(phone: str) -> str:
    """`+1-480-555-0100` -> `tel:+14805550100` (RFC 3966, no separators)."""
    return "tel:+" + re.sub(r"\D", "", phone)


def display_phone(phone: str) -> str:
    """`+1-480-555-0100` -> `(480) 555-0100`, as US patients write it."""
    match = _NANP.match(phone)
    if not match:
        return phone
    area, exchange, line = match.groups()
    return f"({area}) {exchange}-{line}"


def display_time(hhmm: str) -> str:
    """`08:00` -> `8:00 AM`; `17:30` -> `5:30 PM`."""
    value = time.fromisoformat(hhmm)
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"


def day_range(days: tuple[str, ...] | list[str]) -> str:
    """Consecutive weekdays as a range (`Monday–Thursday`), others listed."""
    ordered = sorted(days, key=WEEKDAYS.index)
    indexes = [WEEKDAYS.index(day) for day in ordered]
    consecutive = indexes == list(range(indexes[0], indexes[0] + len(indexes)))
    if len(ordered) > 2 and consecutive:
        return f"{ordered[0]}\u2013{ordered[-1]}"
    return ", ".join(ordered)


def opening_hours(hours) -> list[dict]:
    """Rows for an hours table: days label, opening and closing times."""
    return [
        {
            "days": day_range(days),
            "opens": display_time(opens),
            "closes": display_time(closes),
            "opens_iso": opens,
            "closes_iso": closes,
        }
        for days, opens, closes in hours
    ]


def map_url(latitude: float, longitude: float) -> str:
    """A link to OpenStreetMap: a map page to open, not a map to embed."""
    query = urlencode({"mlat": latitude, "mlon": longitude})
    return f"https://www.openstreetmap.org/?{query}#map=17/{latitude}/{longitude}"


def location_view(location: dict) -> dict:
    """One location as the contact page and footer show it."""
    return {
        **location,
        "phone_display": display_phone(location["telephone"]),
        "phone_uri": tel_uri(location["telephone"]),
        "opening_hours": opening_hours(location["hours"]),
        "map_url": map_url(location["latitude"], location["longitude"]),
    }


def clinic_view(clinic: dict) -> dict:
    """The whole clinic as templates use it."""
    return {
        **clinic,
        "phone_display": display_phone(clinic["telephone"]),
        "phone_uri": tel_uri(clinic["telephone"]),
        "locations": [location_view(location) for location in clinic["locations"]],
    }
