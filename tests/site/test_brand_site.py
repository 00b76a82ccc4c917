"""Another clinic's initials and colours make the whole site its own: the drawn logo and
icons, the stylesheet's accents, the JSON-LD's logo and its description in each edition."""

from __future__ import annotations

import copy
import hashlib
import json

import pytest
from PIL import Image

import pelicanconf
from clinic.core.colours import root_colours
from support import build, built_once

NAME = "Mesa Kids Skin"
BRAND = {
    "initials": "MK",
    "colors": {
        "accent": "#6a1b9a",
        "accent_text": "#ffffff",
        "accent_dark": "#e1bee7",
        "accent_text_dark": "#1a0526",
    },
}


def other_clinic() -> dict:
    clinic = copy.deepcopy(pelicanconf.CLINIC)
    return {**clinic, "name": NAME, "brand": BRAND}


@pytest.fixture(scope="session")
def branded(tmp_path_factory):
    return built_once(tmp_path_factory, "branded", CLINIC=other_clinic(), SITENAME=NAME)


def near(pixel, colour: str, tolerance: int = 3) -> bool:
    rgb = Image.new("RGB", (1, 1), colour).getpixel((0, 0))
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], rgb, strict=True))


def logo_node(page) -> dict:
    [script] = page.find_all("script", type="application/ld+json")
    graph = json.loads(script.string)["@graph"]
    return next(node for node in graph if node["@id"].endswith("#logo"))


def test_the_icons_and_logo_are_drawn_in_the_clinics_colours(branded):
    for name, size in (
        ("favicon.png", 48),
        ("apple-touch-icon.png", 180),
        ("images/logo.png", 512),
    ):
        with Image.open(branded.root / name) as image:
            assert image.size == (size, size), name
            assert near(image.convert("RGB").getpixel((size // 8, size // 2)), "#6a1b9a"), name
            assert not {"dpi", "exif", "icc_profile"} & set(image.info), name
            assert not getattr(image, "text", {}), name
    with Image.open(branded.root / "apple-touch-icon.png") as touch:
        assert touch.mode == "RGB"


def test_the_published_stylesheet_carries_the_clinics_colours_and_its_hash(branded):
    css = (branded.root / "theme" / "css" / "site.css").read_bytes()
    light, dark = root_colours(css.decode())
    assert (light["accent"], light["accent-text"]) == ("#6a1b9a", "#ffffff")
    assert (dark["accent"], dark["accent-text"]) == ("#e1bee7", "#1a0526")
    home = branded.page("")
    digest = hashlib.sha256(css).hexdigest()[:10]
    assert home.find("link", rel="stylesheet")["href"] == f"/theme/css/site.css?v={digest}"
    assert home.find("meta", attrs={"name": "theme-color"})["content"] == "#6a1b9a"
    assert not home.find(style=True)  # no inline style: the CSP allows none
    assert not home.find("style")


def test_the_json_ld_logo_is_the_drawn_one_described_in_each_language(branded):
    english = logo_node(branded.page(""))
    assert english["url"].endswith("/images/logo.png")
    assert (english["width"], english["caption"]) == (512, f"{NAME} logo")
    spanish = logo_node(branded.page("es/"))
    assert spanish["url"] == english["url"]
    assert spanish["caption"] == f"Logotipo de {NAME}"


def test_the_default_share_image_is_drawn_in_the_clinics_colours(branded):
    with Image.open(branded.root / "images" / "share-en.png") as card:
        assert near(card.convert("RGB").getpixel((600, 600)), "#6a1b9a")


def test_the_clinics_own_logo_replaces_the_drawn_one(tmp_path, content):
    Image.new("RGB", (400, 400), (200, 30, 40)).save(content / "images" / "own-logo.png")
    clinic = {**other_clinic(), "logo": {"path": "images/own-logo.png", "alt": "Our sign"}}
    site = build(tmp_path / "output", content=content, CLINIC=clinic, SITENAME=NAME)
    node = logo_node(site.page(""))
    assert node["url"].endswith("/images/own-logo.png")
    assert node["caption"] == "Our sign"
    assert (site.root / "favicon.png").is_file()  # the icons still draw the initials
    assert not (site.root / "images" / "logo.png").exists()
