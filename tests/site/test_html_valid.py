"""Every page of the site is valid HTML, as the Nu HTML Checker (vnu) sees it."""

from __future__ import annotations

from checks.html_valid import check_pages, errors


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
