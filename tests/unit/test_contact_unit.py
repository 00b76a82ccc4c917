"""The contact page and footer show the clinic's facts from clinic.toml, and only those."""

from __future__ import annotations

import re

import pytest

import pelicanconf

CLINIC = pelicanconf.CLINIC


@pytest.mark.unit
def test_clinic_phone_numbers_are_reserved_fictional_numbers():
    phones = [CLINIC["telephone"], *(loc["telephone"] for loc in CLINIC["locations"])]
    for phone in phones:
        assert re.fullmatch(r"\+1-\d{3}-555-01\d\d", phone), phone


@pytest.mark.unit
def test_placeholders_are_marked_for_replacement():
    source = (pelicanconf.HERE / "clinic.toml").read_text(encoding="utf-8")
    assert "PLACEHOLDERS" in source
    assert source.count("# REPLACE") >= 8
