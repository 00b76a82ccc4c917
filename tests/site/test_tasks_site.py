"""The build commands: a failed build keeps the last good site; publish builds absolute URLs."""

from __future__ import annotations

import shutil

import pytest

import tasks
from support import ROOT
from tools.build import BuildFailed, build_site


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


def test_publish_builds_absolute_urls_for_its_siteurl(published):
    page = published.page("blog/in-office-vs-diy-microdermabrasion/")
    stylesheet = page.find("link", rel="stylesheet")["href"]
    assert stylesheet.startswith(f"{published.settings['SITEURL']}/theme/css/site.css?v=")
    assert published.settings["SITEURL"].startswith("https://")
