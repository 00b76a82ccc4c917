"""Every page of the site is valid HTML, as the Nu HTML Checker (vnu) sees it."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.html_valid import CheckerFailed, Message, parse_report


@pytest.mark.unit
def test_parse_report_reads_vnu_json():
    report = (
        '{"messages": [{"type": "error", "url": "file:/site/a/index.html", "lastLine": 3,'
        ' "message": "Stray end tag"}, {"type": "info", "subType": "warning",'
        ' "url": "file:/site/b.html", "message": "Consider"}]}'
    )
    assert parse_report(report, Path("/site")) == [
        Message("a/index.html", 3, "error", "Stray end tag"),
        Message("b.html", None, "warning", "Consider"),
    ]


@pytest.mark.unit
def test_a_run_that_gave_no_report_is_an_error_not_a_pass():
    said = "StackOverflowError while evaluating HTML schema."
    with pytest.raises(CheckerFailed, match="gave no report: StackOverflowError"):
        parse_report(said, Path("/site"))
    with pytest.raises(CheckerFailed):
        parse_report("", Path("/site"))
