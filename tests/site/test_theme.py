"""The theme's promises that static HTML can show: privacy headers, cacheable assets, images."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from PIL import Image

from support import ROOT, built_once, parse, text_of


def test_every_page_declares_a_same_origin_content_security_policy(site):
    for path in site.html_files():
        page = parse(path)
        csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert "default-src 'self';" in csp, path
        assert "http" not in csp, path  # no other origin is allowed
        assert page.find("meta", attrs={"name": "referrer"})["content"] == "no-referrer"


def test_stylesheet_url_carries_the_files_content_hash(site):
    css = (ROOT / "theme" / "static" / "css" / "site.css").read_bytes()
    digest = hashlib.sha256(css).hexdigest()[:10]
    for path in site.html_files():
        href = parse(path).find("link", rel="stylesheet")["href"]
        assert href == f"/theme/css/site.css?v={digest}", path
    assert (site.root / "theme" / "css" / "site.css").read_bytes() == css


def test_no_page_needs_javascript(site):
    for path in site.html_files():
        page = parse(path)
        assert [s for s in page.find_all("script") if s.get("type") != "application/ld+json"] == []


def test_article_shows_reading_time(site):
    byline = site.page("blog/in-office-vs-diy-microdermabrasion/").select_one("article .meta")
    assert "min read" in text_of(byline)


@pytest.fixture(scope="session")  # built once for the test run, all workers
def image_site(tmp_path_factory):
    """The real content plus an article with two photographs."""

    def write(content: Path) -> None:
        shutil.copytree(ROOT / "content", content)
        Image.new("RGB", (1600, 1000), (200, 120, 90)).save(content / "images" / "room.jpg")
        (content / "articles" / "room.md").write_text(
            "Title: Our treatment room\nDate: 2025-03-01\nCategory: Skin Care\nSlug: room\n"
            "Summary: A look at the room.\nAuthor: Spectrum Dermatology\n\n"
            "![The treatment room]({static}/images/room.jpg)\n\nSome text.\n\n"
            "![The room, later]({static}/images/room.jpg)\n",
            encoding="utf-8",
        )

    return built_once(tmp_path_factory, "images", ROOT / "pelicanconf.py", write)


def test_article_images_get_responsive_webp_sizes(image_site):
    images = image_site.page("blog/room/").select("article .prose img")
    assert len(images) == 2
    for image in images:
        assert (image["width"], image["height"]) == ("1600", "1000")
        assert image["decoding"] == "async"
        assert image["sizes"]
        candidates = [part.split() for part in image["srcset"].split(",")]
        assert [width for _, width in candidates] == ["480w", "800w", "1200w"]
        for url, width in candidates:
            file = image_site.file_for(url)
            assert file.suffix == ".webp"
            with Image.open(file) as derived:
                assert derived.format == "WEBP"
                assert derived.width == int(width[:-1])
        assert image_site.file_for(image["src"]).is_file()
    assert "loading" not in images[0].attrs
    assert images[1]["loading"] == "lazy"
