"""The build commands: a failed build keeps the last good site; publish builds absolute URLs."""

from __future__ import annotations

import shutil

import pytest

import tasks
from support import ROOT, build, parse
from tools.build import BuildFailed, build_site, replace_directory


def test_replace_directory_swaps_in_the_new_build(tmp_path):
    old, new = tmp_path / "output", tmp_path / "output.partial"
    old.mkdir()
    (old / "stale.html").write_text("old")
    new.mkdir()
    (new / "index.html").write_text("new")
    replace_directory(new, old)
    assert [p.name for p in old.iterdir()] == ["index.html"]
    assert not new.exists()
    assert not (tmp_path / "output.previous").exists()


def test_failed_build_keeps_the_previous_site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output = tmp_path / "output"
    build_site(tasks.CONFIG["settings_base"], output, content=content)
    before = sorted(p.relative_to(output) for p in output.rglob("*"))
    assert (output / "index.html").is_file()

    (content / "articles" / "broken.md").write_text(
        "Title: Broken\nDate: not a date\nCategory: Skin\n\nBody.\n", encoding="utf-8"
    )
    with pytest.raises(BuildFailed):
        build_site(tasks.CONFIG["settings_base"], output, content=content)
    assert sorted(p.relative_to(output) for p in output.rglob("*")) == before
    assert not (tmp_path / "output.partial").exists()


def test_publish_builds_absolute_urls_for_the_given_siteurl(tmp_path, monkeypatch):
    monkeypatch.setenv("SITEURL", "https://staging.example.org")
    site = build(tmp_path / "output", settings_file=ROOT / "publishconf.py")
    assert site.settings["SITEURL"] == "https://staging.example.org"
    page = parse(site.file_for("blog/in-office-vs-diy-microdermabrasion/"))
    stylesheet = page.find("link", rel="stylesheet")["href"]
    assert stylesheet.startswith("https://staging.example.org/theme/css/site.css?v=")


def test_publish_defaults_to_the_production_address(tmp_path, monkeypatch):
    monkeypatch.delenv("SITEURL", raising=False)
    site = build(tmp_path / "output", settings_file=ROOT / "publishconf.py")
    assert site.settings["SITEURL"] == site.settings["PRODUCTION_SITEURL"]
