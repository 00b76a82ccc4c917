"""The content-health report (tools/report.py): its numbers match the content and the build,
and the page is self-contained, script-free and accessible."""

from __future__ import annotations

from datetime import date

import pytest
from bs4 import BeautifulSoup

from tools import report

TODAY = date(2026, 11, 26)


@pytest.mark.unit
def test_text_from_the_content_is_shown_as_text_never_as_markup():
    """The template escapes what it is given (autoescape); only pygal's charts go in as they are."""
    hostile = '<script>alert("x")</script> & <b>bold</b>'
    chart = report.bar_chart("c", "A chart", "one bar", [hostile], [("Bars", [1])])
    figure = report.Figure(chart, hostile, report.table(hostile, ["Name"], [[hostile]]))
    due = report.Overdue(hostile, "English", "content/articles/x.md", None, None, hostile)
    page = report.render_page(
        report.ContentHealth(
            today=TODAY,
            max_age=365,
            soon_days=14,
            page_budget_kb=20,
            home_budget_kb=150,
            where=hostile,
            months=figure,
            reviews=figure,
            overdue=(due,),
            weights=figure,
            words=figure,
            labels=(("Categories", figure), ("Tags", figure)),
            expiring=report.table(hostile, ["Title"], [[hostile]]),
        )
    )
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("script") is None
    assert soup.find("b") is None
    assert len(soup.find_all("svg")) == 6
    assert hostile in soup.find(class_="overdue").get_text()
    assert hostile in soup.find(id="expiring").td.get_text()
    assert f"Measured on {hostile}." in soup.find(id="page-weights").p.get_text()
