"""The theme's promises that static HTML can show: privacy headers, cacheable assets, images."""

from __future__ import annotations

import pytest
from PIL import Image

from clinic.rendering.images import prepare_images, source_file
from clinic.sitewide.assets import content_security_policy
from support import ROOT


@pytest.mark.unit
def test_the_stylesheet_is_small_and_uses_system_fonts():
    css = (ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")
    # 13 kB with the phone header, the wide home page and the sample site's note
    # (3.8 kB compressed).
    assert len(css.encode()) < 13_500
    assert "@import" not in css
    assert "@font-face" not in css
    assert "system-ui" in css
    assert "prefers-color-scheme: dark" in css
    assert "prefers-reduced-motion" in css
    assert "@media print" in css


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


@pytest.mark.unit
def test_a_part_rendered_once_is_rendered_once_and_sees_only_what_it_is_given():
    """`once` (rendering/templates.py RenderedOnce), which renders the footer once per
    edition: the partial is rendered the first time it is asked for with given values,
    the same markup is given after, other values render it again, and nothing of the
    page that asks reaches it."""
    from jinja2 import DictLoader, Environment

    from clinic.rendering.templates import RenderedOnce

    rendered = []
    environment = Environment(
        loader=DictLoader(
            {
                "part.html": "{{ note(name) }} & {{ page or 'no page' }}",
                "page.html": "<p>{{ once('part.html', name=name) }}</p>",
            }
        ),
        autoescape=True,
    )
    once = RenderedOnce()
    environment.globals.update(once=once, note=lambda name: rendered.append(name) or name)
    page = environment.get_template("page.html")
    first = page.render(name="Spectrum", page="about/")
    assert first == "<p>Spectrum & no page</p>"
    assert page.render(name="Spectrum", page="contact/") == first
    assert page.render(name="Otra", page="about/") == "<p>Otra & no page</p>"
    assert rendered == ["Spectrum", "Otra"]
    once.forget()  # every page written: what was made is let go, and made again if asked
    assert page.render(name="Spectrum", page="about/") == first
    assert rendered == ["Spectrum", "Otra", "Spectrum"]
