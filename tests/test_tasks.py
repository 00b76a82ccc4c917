"""The build commands: a failed build keeps the last good site; publish builds absolute URLs."""

from __future__ import annotations

import shutil

import pytest

import tasks
from support import ROOT
from tools.build import BuildFailed, build_site, content_cache, load_settings, replace_directory


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


@pytest.mark.unit
def test_the_cache_folder_follows_the_plugins_code(tmp_path):
    """The content cache pickles the settings, which hold the plugin's own objects: a
    module changed or moved names a fresh folder, so no build loads a cache that names
    modules that are gone (a stale one stopped every build with ModuleNotFoundError)."""
    root = tmp_path / "project"
    shutil.copytree(
        ROOT / "plugins", root / "plugins", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pelicanconf.py", "requirements.txt"):
        shutil.copy2(ROOT / name, root / name)
    (root / "content" / "images").mkdir(parents=True)
    first = content_cache(root)["CACHE_PATH"]
    sitemap = root / "plugins" / "clinic" / "sitewide" / "sitemap.py"
    sitemap.rename(sitemap.with_name("sitemaps.py"))
    moved = content_cache(root)["CACHE_PATH"]
    sitemap.with_name("sitemaps.py").write_text("# changed\n", encoding="utf-8")
    assert len({first, moved, content_cache(root)["CACHE_PATH"]}) == 3
