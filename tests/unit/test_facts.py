"""Unit tests for the clinic facts' pure functions."""

from __future__ import annotations

import pytest

from clinic.settings.facts import (
    day_range,
    display_phone,
    display_time,
    is_phone,
    map_url,
    opening_hours,
    tel_uri,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("phone", "uri"),
    [("+1-480-555-0100", "tel:+14805550100"), ("+44 20 7946 0000", "tel:+442079460000")],
)
def test_a_tel_link_dials_the_number_in_e164(phone, uri):
    assert tel_uri(phone) == uri


@pytest.mark.parametrize(
    ("phone", "shown"),
    [
        ("+1-480-555-0100", "(480) 555-0100"),
        ("+1 480 555 0199", "(480) 555-0199"),
        ("+44 20 7946 0000", "+44 20 7946 0000"),  # abroad: with its country code
    ],
)
def test_display_phone(phone, shown):
    assert display_phone(phone) == shown


@pytest.mark.parametrize(
    ("phone", "dialable"),
    [
        ("+1-480-555-0100", True),  # the placeholders' fictional numbers pass
        ("+1-480-555-0199", True),
        ("+44 20 7946 0000", True),
        ("480-555-0100", False),
        ("+1-480-555-010", False),
        ("+1-480-555-0100 ext. 12", False),
    ],
)
def test_is_phone(phone, dialable):
    assert is_phone(phone) is dialable


@pytest.mark.parametrize(
    ("value", "shown"),
    [("08:00", "8:00 AM"), ("12:00", "12:00 PM"), ("17:30", "5:30 PM"), ("00:15", "12:15 AM")],
)
def test_display_time(value, shown):
    assert display_time(value) == shown


@pytest.mark.parametrize(
    ("days", "shown"),
    [
        (("Monday", "Tuesday", "Wednesday"), "Monday–Wednesday"),
        (("Wednesday", "Monday", "Tuesday"), "Monday–Wednesday"),
        (("Monday", "Wednesday", "Friday"), "Monday, Wednesday, Friday"),
        (("Saturday", "Sunday"), "Saturday, Sunday"),
        (("Friday",), "Friday"),
    ],
)
def test_day_range(days, shown):
    assert day_range(days) == shown


def test_opening_hours_rows():
    rows = opening_hours([(("Friday",), "08:00", "12:00")])
    assert rows == [
        {
            "days": "Friday",
            "opens": "8:00 AM",
            "closes": "12:00 PM",
            "opens_iso": "08:00",
            "closes_iso": "12:00",
        }
    ]


def test_map_url_points_at_the_coordinates():
    url = map_url(33.4942, -111.9261)
    assert "mlat=33.4942" in url
    assert "mlon=-111.9261" in url
