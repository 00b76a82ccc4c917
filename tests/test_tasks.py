"""The build commands: a failed build keeps the last good site; publish builds absolute URLs."""

from __future__ import annotations

import shutil

import pytest

import tasks
from support import ROOT
from tools.build import BuildFailed, build_site, load_settings, replace_directory


@pytest.mark.unit
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


def test_failed_build_keeps_the_previous_site(site, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output = tmp_path / "output"
    shutil.copytree(site.root, output)  # the last good site: the session's development build
    before = sorted(p.relative_to(output) for p in output.rglob("*"))
    assert (output / "index.html").is_file()

    (content / "articles" / "broken.md").write_text(
        "Title: Broken\nDate: not a date\nCategory: Skin\n\nBody.\n", encoding="utf-8"
    )
    with pytest.raises(BuildFailed):
        build_site(tasks.CONFIG["settings_base"], output, content=content)
    assert sorted(p.relative_to(output) for p in output.rglob("*")) == before
    assert not (tmp_path / "output.partial").exists()


@pytest.mark.unit
def test_publish_takes_the_siteurl_from_the_environment(monkeypatch):
    monkeypatch.setenv("SITEURL", "https://staging.example.org")
    assert load_settings(ROOT / "publishconf.py")["SITEURL"] == "https://staging.example.org"


@pytest.mark.unit
def test_publish_defaults_to_the_production_address(monkeypatch):
    monkeypatch.delenv("SITEURL", raising=False)
    settings = load_settings(ROOT / "publishconf.py")
    assert settings["SITEURL"] == settings["PRODUCTION_SITEURL"]


def test_publish_builds_absolute_urls_for_its_siteurl(published):
    page = published.page("blog/in-office-vs-diy-microdermabrasion/")
    stylesheet = page.find("link", rel="stylesheet")["href"]
    assert stylesheet.startswith(f"{published.settings['SITEURL']}/theme/css/site.css?v=")
    assert published.settings["SITEURL"].startswith("https://")
