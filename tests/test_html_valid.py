"""Every page of the site is valid HTML, as the Nu HTML Checker (vnu) sees it."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.html_valid import Message, check_pages, errors, parse_report


def test_every_page_of_the_development_build_is_valid(site):
    messages = check_pages(site.html_files(), site.root)
    assert [str(m) for m in errors(messages)] == []


def test_every_page_of_the_production_build_is_valid(published):
    messages = check_pages(published.html_files(), published.root)
    assert [str(m) for m in errors(messages)] == []


def test_the_checker_reports_an_invalid_page(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><html lang=en><title>x</title><p><div>block in p</div></p>",
        encoding="utf-8",
    )
    found = errors(check_pages([page], tmp_path))
    assert found
    assert all(message.path == "bad.html" for message in found)


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
