"""How a header's values are read, for the rules and for what reads the same headers
(expiry, review, the content-health report): dates, and the `TODO` placeholder."""

from __future__ import annotations

import re
from datetime import date, datetime, time

DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")
DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$")
# Upper case only: "Todo" begins many a Spanish sentence.
PLACEHOLDER = re.compile(r"^\s*TODO\b")


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


def moment_of(value) -> datetime | None:
    """A date or time as a naive datetime (a date is its day's start); None if it is not one."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, str) and value.strip() and not PLACEHOLDER.match(value):
        return parse_date(value.strip())
    return None


# `Procedure_Type:` values a treatment page may use, and the schema.org term each names.
PROCEDURE_TYPES = {"noninvasive": "NoninvasiveProcedure", "percutaneous": "PercutaneousProcedure"}
