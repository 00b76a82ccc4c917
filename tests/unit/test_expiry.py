"""`Expires:`: a page is published until its date, and a build on or after it leaves it out."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from clinic.core.sources import read_source
from clinic.rules.check import check_source
from clinic.rules.expiry import (
    expired_problems,
    expiring_soon,
    format_expiring,
    is_expired,
)
from clinic.rules.rule_base import RulesConfig
from clinic.settings.options import build_now

PROMO = """Title: Summer peel offer
Date: 2025-06-01 09:00
Expires: 2025-07-01
Category: Skin Care
Tags: sun-safety, summer-offer
Slug: summer-peel-offer
Summary: A summer offer on peels, for June only.
Author: Spectrum Dermatology

Book a peel in June and the follow-up visit is on us.
"""


EVENT_PAGE = """Title: Open house
Summary: Visit the clinic on our open house day.
Expires: 2025-07-01 18:00

Come and meet the team.
"""


@pytest.fixture
def config(tmp_path) -> RulesConfig:
    (tmp_path / "articles").mkdir()
    return RulesConfig(
        content_root=tmp_path,
        ctas=frozenset(),
        providers=frozenset(),
        categories=frozenset({"Skin Care"}),
        medical_categories=frozenset(),
        today=date(2025, 6, 20),
    )


def lines_of(config: RulesConfig, text: str) -> list[str]:
    path = config.content_root / "articles" / "offer.md"
    path.write_text(text, encoding="utf-8")
    source = read_source(path, "offer.md", "articles")
    return [str(problem) for problem in check_source(source, config)]


@pytest.mark.unit
def test_a_good_expires_has_no_problem(config):
    assert lines_of(config, PROMO) == []
    assert lines_of(config, PROMO.replace("2025-07-01", "2025-07-01 18:30")) == []


@pytest.mark.unit
@pytest.mark.parametrize("value", ["1 July 2025", "2025-7-1", "2025-02-30", "soon"])
def test_expires_must_be_a_real_date(config, value):
    assert lines_of(config, PROMO.replace("Expires: 2025-07-01", f"Expires: {value}")) == [
        f"offer.md:3: Expires '{value}' is not a real date; "
        "fix: write YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2025-03-01 09:00"
    ]


@pytest.mark.unit
@pytest.mark.parametrize("value", ["2025-05-31", "2025-06-01", "2025-06-01 09:00"])
def test_expires_must_come_after_the_date(config, value):
    found = lines_of(config, PROMO.replace("Expires: 2025-07-01", f"Expires: {value}"))
    assert found == [
        f"offer.md:3: Expires {value} is not after the Date 2025-06-01 09:00 (line 2): "
        "the page would never be shown; fix: set Expires to the first day the page "
        "should no longer be shown, after Date"
    ]


@pytest.mark.unit
def test_a_page_without_a_date_may_expire(config):
    path = config.content_root / "articles" / "page.md"
    path.write_text(EVENT_PAGE, encoding="utf-8")
    assert check_source(read_source(path, "page.md", "pages"), config) == ()


@pytest.mark.unit
def test_an_expired_file_is_a_warning_not_an_error(tmp_path):
    path = tmp_path / "offer.md"
    path.write_text(PROMO, encoding="utf-8")
    source = read_source(path, "offer.md", "articles")
    assert expired_problems([source], datetime(2025, 6, 30, 23, 59)) == []
    (problem,) = expired_problems([source], datetime(2025, 7, 1))
    assert problem.warning
    assert str(problem) == (
        "offer.md:3: expired on 2025-07-01: it is not published; "
        "fix: delete the file, or change Expires if it should still be shown"
    )


@pytest.mark.unit
def test_now_is_pinned_by_the_setting_or_is_the_clock():
    assert build_now({"CLINIC_TODAY": date(2025, 7, 1)}) == datetime(2025, 7, 1)
    assert build_now({"CLINIC_TODAY": "2025-07-01 08:30"}) == datetime(2025, 7, 1, 8, 30)
    clock = build_now({"TIMEZONE": "America/Phoenix"})
    assert abs((clock - datetime.now()).total_seconds()) < 15 * 3600


@pytest.mark.unit
def test_expired_on_and_after_the_moment():
    assert not is_expired("2025-07-01", datetime(2025, 6, 30, 23, 59))
    assert is_expired("2025-07-01", datetime(2025, 7, 1))
    assert not is_expired("2025-07-01 18:00", datetime(2025, 7, 1, 17, 59))
    assert is_expired("2025-07-01 18:00", datetime(2025, 7, 1, 18, 0))
    assert not is_expired("", datetime(2030, 1, 1))
    assert not is_expired("not a date", datetime(2030, 1, 1))


@pytest.mark.unit
def test_expiring_soon(tmp_path):
    def source(name: str, header: str):
        path = tmp_path / name
        path.write_text(f"Title: {name}\n{header}\nBody.\n", encoding="utf-8")
        return read_source(path, name, "articles")

    sources = [
        source("later.md", "Expires: 2025-07-20\n"),  # 20 days away
        source("soon.md", "Expires: 2025-07-14 12:00\nLang: es\n"),  # 14 days away
        source("tomorrow.md", "Expires: 2025-07-01\n"),
        source("gone.md", "Expires: 2025-06-30\n"),  # expired: lint's warning, not this list
        source("draft.md", "Expires: 2025-07-02\nStatus: draft\n"),
        source("forever.md", ""),
    ]
    found = expiring_soon(sources, date(2025, 6, 30))
    assert [(item.shown, item.lang, item.days_left) for item in found] == [
        ("tomorrow.md", "en", 1),
        ("soon.md", "es", 14),
    ]
    assert found[1].expires == datetime(2025, 7, 14, 12, 0)
    assert expiring_soon(sources, date(2025, 6, 30), days=30)[-1].shown == "later.md"
    text = format_expiring(found)
    assert text.splitlines()[0] == "2 page(s) expire in the next 14 days, and leave the site then:"
    assert "2025-07-01 (tomorrow)" in text
    assert "2025-07-14 12:00 (in 14 days)" in text
    assert "soon.md  soon.md" in text
    assert format_expiring([]) == "No page expires in the next 14 days."
