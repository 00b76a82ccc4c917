"""The build commands: a failed build keeps the last good site; publish builds absolute URLs."""

from __future__ import annotations

import shutil

import pytest

from support import ROOT
from tools.build import content_cache, load_settings, replace_directory


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


@pytest.mark.unit
def test_publish_takes_the_siteurl_from_the_environment(monkeypatch):
    monkeypatch.setenv("SITEURL", "https://staging.example.org")
    assert load_settings(ROOT / "publishconf.py")["SITEURL"] == "https://staging.example.org"


@pytest.mark.unit
def test_publish_defaults_to_the_production_address(monkeypatch):
    monkeypatch.delenv("SITEURL", raising=False)
    settings = load_settings(ROOT / "publishconf.py")
    assert settings["SITEURL"] == settings["PRODUCTION_SITEURL"]


@pytest.mark.unit
def test_the_cache_folder_follows_the_plugins_code(tmp_path):
    """The content cache pickles the settings, which hold the plugin's own objects: a
    module changed or moved names a fresh folder, so no build loads a cache that names
    modules that are gone (a stale one stopped every build with ModuleNotFoundError)."""
    root = tmp_path / "project"
    shutil.copytree(
        ROOT / "plugins", root / "plugins", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pelicanconf.py", "clinic.toml", "requirements.txt"):
        shutil.copy2(ROOT / name, root / name)
    (root / "content" / "images").mkdir(parents=True)
    first = content_cache(root)["CACHE_PATH"]
    sitemap = root / "plugins" / "clinic" / "sitewide" / "sitemap.py"
    sitemap.rename(sitemap.with_name("sitemaps.py"))
    moved = content_cache(root)["CACHE_PATH"]
    sitemap.with_name("sitemaps.py").write_text("# changed\n", encoding="utf-8")
    assert len({first, moved, content_cache(root)["CACHE_PATH"]}) == 3
