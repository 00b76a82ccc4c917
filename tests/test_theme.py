"""The theme's promises that static HTML can show: privacy headers, cacheable assets, images."""

from __future__ import annotations

import hashlib
import shutil

import pytest
from PIL import Image

from clinic.rendering.images import prepare_images, source_file
from clinic.sitewide.assets import content_security_policy
from support import ROOT, build, parse, text_of


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


@pytest.mark.unit
def test_the_stylesheet_is_small_and_uses_system_fonts():
    css = (ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")
    # 12.5 kB with the phone header and the wide home page (3.8 kB compressed).
    assert len(css.encode()) < 13_000
    assert "@import" not in css
    assert "@font-face" not in css
    assert "system-ui" in css
    assert "prefers-color-scheme: dark" in css
    assert "prefers-reduced-motion" in css
    assert "@media print" in css


def test_no_page_needs_javascript(site):
    for path in site.html_files():
        page = parse(path)
        assert [s for s in page.find_all("script") if s.get("type") != "application/ld+json"] == []


def test_article_shows_reading_time(site):
    byline = site.page("blog/in-office-vs-diy-microdermabrasion/").select_one("article .meta")
    assert "min read" in text_of(byline)


@pytest.mark.unit
def test_csp_allows_origins_only_when_a_setting_says_so():
    assert "https://maps.example.net" not in content_security_policy()
    policy = content_security_policy(["https://maps.example.net"])
    assert "default-src 'self' https://maps.example.net;" in policy
    assert "script-src 'self' https://maps.example.net 'wasm-unsafe-eval'" in policy


@pytest.mark.unit
def test_prepare_images_sizes_and_lazy_loads_local_images(tmp_path):
    Image.new("RGB", (640, 480)).save(tmp_path / "a.png")
    body = (
        '<p><img alt="First" src="{static}/a.png"></p><p>Text</p>'
        '<p><img alt="Second" class="wide" src="{static}/a.png"></p>'
        '<p><img alt="Remote" src="https://example.org/x.png"></p>'
    )
    result = prepare_images(body, tmp_path, tmp_path)
    first, second, remote = parse_imgs(result)
    assert first["width"] == "640"
    assert first["height"] == "480"
    assert "loading" not in first.attrs  # above the fold: loads at once
    assert second["loading"] == "lazy"
    assert second["class"] == ["wide", "image-process-article"]
    assert "width" not in remote.attrs  # not ours to touch


def parse_imgs(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser").find_all("img")


@pytest.mark.unit
def test_source_file_resolves_static_and_relative_paths(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "articles").mkdir()
    (tmp_path / "images" / "a.png").write_bytes(b"")
    (tmp_path / "articles" / "a.png").write_bytes(b"")
    assert source_file("{static}/images/a.png", tmp_path, tmp_path / "articles") == (
        tmp_path / "images" / "a.png"
    )
    assert source_file("{attach}a.png", tmp_path, tmp_path / "articles") == (
        tmp_path / "articles" / "a.png"
    )
    assert source_file("https://example.org/a.png", tmp_path, tmp_path) is None


@pytest.fixture(scope="module")
def image_site(tmp_path_factory):
    """The real content plus an article with two photographs."""
    root = tmp_path_factory.mktemp("images")
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    Image.new("RGB", (1600, 1000), (200, 120, 90)).save(content / "images" / "room.jpg")
    (content / "articles" / "room.md").write_text(
        "Title: Our treatment room\nDate: 2025-03-01\nCategory: Skin Care\nSlug: room\n"
        "Summary: A look at the room.\nAuthor: Spectrum Dermatology\n\n"
        "![The treatment room]({static}/images/room.jpg)\n\nSome text.\n\n"
        "![The room, later]({static}/images/room.jpg)\n",
        encoding="utf-8",
    )
    return build(root / "output", content=content)


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
