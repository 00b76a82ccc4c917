"""The clinic's brand: the pictures drawn from its initials and colours, the colours put in
the theme's stylesheet, and the contrast rule that refuses colours the pages cannot show."""

from __future__ import annotations

import copy
import io
import struct
import time

import pytest
from PIL import Image

import pelicanconf
from clinic.core.colours import contrast_ratio, root_colours, with_root_colours
from clinic.core.problems import SettingsError
from clinic.pages import brand as marks
from clinic.settings.brand import Brand, BrandColours, contrast_problems, parse_brand
from clinic.settings.validation import validate
from clinic.sitewide.assets import asset_urls, branded_files
from support import ROOT

pytestmark = pytest.mark.unit

THEME_CSS = (ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")
FONT = marks.FONT_FILE.read_bytes()
PURPLE = BrandColours(
    accent="#6a1b9a", accent_text="#ffffff", accent_dark="#e1bee7", accent_text_dark="#1a0526"
)


def chunks(png: bytes) -> list[bytes]:
    """The kinds of a PNG's chunks, in order."""
    kinds, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kinds.append(png[at + 4 : at + 8])
        at += 12 + length
    return kinds


def opened(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def near(pixel, colour: str, tolerance: int = 3) -> bool:
    rgb = Image.new("RGB", (1, 1), colour).getpixel((0, 0))
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], rgb, strict=True))


# ------------------------------------------------------------------ drawing


@pytest.mark.parametrize("mark", [marks.LOGO, marks.FAVICON, marks.TOUCH_ICON])
def test_each_mark_has_its_size_and_the_brands_colours(mark):
    brand = Brand(initials="AB", colours=PURPLE)
    image = opened(marks.mark_png(brand, mark, FONT))
    assert image.size == (mark.size, mark.size)
    side = mark.size
    # Left of the letters, inside the square: the accent, fully opaque.
    inside = image.convert("RGBA").getpixel((side // 8, side // 2))
    assert near(inside, PURPLE.accent)
    assert inside[3] == 255
    # The letters: pixels in the text colour, near the middle.
    middle = image.convert("RGB").crop((side // 4, side // 4, 3 * side // 4, 3 * side // 4))
    colours = [colour for _, colour in middle.getcolors(maxcolors=side * side)]
    assert any(near(colour, PURPLE.accent_text, 8) for colour in colours)


def test_the_touch_icon_is_opaque_and_the_logo_has_rounded_corners():
    brand = Brand(initials="AB", colours=PURPLE)
    touch = opened(marks.mark_png(brand, marks.TOUCH_ICON, FONT))
    assert touch.mode == "RGB"  # no alpha: iOS would show black where it is clear
    assert near(touch.getpixel((0, 0)), PURPLE.accent)
    logo = opened(marks.mark_png(brand, marks.LOGO, FONT))
    assert logo.mode == "RGBA"
    assert logo.getpixel((0, 0))[3] == 0  # outside the rounded corner


def test_same_inputs_same_bytes_other_initials_other_pixels_and_no_metadata():
    one = marks.mark_png(Brand(initials="SD"), marks.FAVICON, FONT)
    assert one == marks.mark_png(Brand(initials="SD"), marks.FAVICON, FONT)
    other = marks.mark_png(Brand(initials="MK"), marks.FAVICON, FONT)
    assert opened(one).tobytes() != opened(other).tobytes()
    for png in (one, marks.mark_png(Brand(), marks.LOGO, FONT)):
        assert set(chunks(png)) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}, chunks(png)


def test_one_to_three_initials_all_fit_inside_the_square():
    for initials in ("K", "SD", "WMW"):
        image = opened(marks.mark_png(Brand(initials=initials), marks.TOUCH_ICON, FONT))
        edge = [image.getpixel((x, y)) for x in range(180) for y in (0, 4, 175, 179)]
        edge += [image.getpixel((x, y)) for y in range(180) for x in (0, 4, 175, 179)]
        assert all(near(pixel, "#0a5f66") for pixel in edge), initials


def test_marks_are_drawn_once_then_read_from_the_cache(tmp_path):
    brand = Brand(initials="AB", colours=PURPLE)
    start = time.perf_counter()
    drawn = marks.brand_png(brand, marks.LOGO, tmp_path)
    took = time.perf_counter() - start
    assert took < 1.0  # about 75 ms for the 512-pixel logo on a 2-core machine
    [kept] = tmp_path.iterdir()
    kept.write_bytes(b"what the cache holds")  # read, not drawn again
    assert marks.brand_png(brand, marks.LOGO, tmp_path) == b"what the cache holds"
    assert drawn == marks.mark_png(brand, marks.LOGO, FONT)
    # Without a cache (production, the tests), the build's editions share what was drawn.
    shared: dict[str, bytes] = {}
    first = marks.brand_png(brand, marks.FAVICON, None, shared)
    [name] = shared
    shared[name] = b"drawn by the first edition"
    assert marks.brand_png(brand, marks.FAVICON, None, shared) == b"drawn by the first edition"
    assert first == marks.mark_png(brand, marks.FAVICON, FONT)


def test_the_clinics_own_logo_replaces_the_drawn_one_on_the_cards(tmp_path):
    (tmp_path / "images").mkdir()
    Image.new("RGB", (300, 300), (1, 2, 3)).save(tmp_path / "images" / "own.png")
    own = Brand(draws_logo=False)
    assert (
        marks.card_logo("images/own.png", own, tmp_path, None)
        == (tmp_path / "images" / "own.png").read_bytes()
    )
    # An SVG cannot be drawn by Pillow: the cards show the initials instead.
    drawn = marks.mark_png(own, marks.LOGO, FONT)
    assert marks.card_logo("images/own.svg", own, tmp_path, None) == drawn
    assert marks.marks_of(own) == (marks.FAVICON, marks.TOUCH_ICON)  # no logo written


def test_brand_files_are_written_whole_at_their_addresses(tmp_path):
    brand = Brand(initials="AB", colours=PURPLE)
    marks.write_brand_files(brand, tmp_path / "output", None)
    written = sorted(p.relative_to(tmp_path / "output").as_posix() for p in tmp_path.rglob("*.png"))
    assert written == ["apple-touch-icon.png", "favicon.png", "images/logo.png"]


# ------------------------------------------------------------------ the stylesheet


def test_the_stylesheet_takes_the_brands_colours_light_and_dark_and_nothing_else():
    published = with_root_colours(THEME_CSS, PURPLE.light(), PURPLE.dark())
    light, dark = root_colours(published)
    assert (light["accent"], light["accent-text"]) == ("#6a1b9a", "#ffffff")
    assert (dark["accent"], dark["accent-text"]) == ("#e1bee7", "#1a0526")
    theme_light, _theme_dark = root_colours(THEME_CSS)
    assert {k: v for k, v in light.items() if "accent" not in k} == {
        k: v for k, v in theme_light.items() if "accent" not in k
    }
    assert len(published) == len(THEME_CSS)  # the same length: values swapped in place
    # The theme's own colours publish the theme's file, byte for byte.
    default = BrandColours()
    assert with_root_colours(THEME_CSS, default.light(), default.dark()) == THEME_CSS


def test_the_stylesheets_address_changes_with_its_colours():
    static = ROOT / "theme" / "static"
    files = branded_files(static, PURPLE.light(), PURPLE.dark())
    urls = asset_urls(static, "/theme", files)
    assert urls["css/site.css"] != asset_urls(static, "/theme")["css/site.css"]
    assert b"--accent: #6a1b9a;" in files["css/site.css"]


# ------------------------------------------------------------------ settings and contrast


def good_brand(**colours) -> dict:
    base = {
        "accent": "#0a5f66",
        "accent_text": "#ffffff",
        "accent_dark": "#7fd3d9",
        "accent_text_dark": "#0b1a1c",
    }
    return {"initials": "SD", "colors": {**base, **colours}}


def test_the_projects_brand_passes_and_a_good_one_is_parsed():
    brand, problems = parse_brand(good_brand(accent="#6A1B9A"), draws_logo=True)
    assert problems == []
    assert brand.colours.accent == "#6a1b9a"  # written as the stylesheet writes it
    assert contrast_problems(BrandColours(), THEME_CSS) == []


def test_malformed_brand_settings_are_named_with_their_fix():
    raw = good_brand(accent="teal", accent_text="#fff")
    raw["initials"] = "SDXY"
    brand, problems = parse_brand(raw, draws_logo=True)
    shown = [str(problem) for problem in problems]
    assert brand is None
    initials = "clinic.toml [brand] initials: 'SDXY' is not 1 to 3 letters"
    assert any(row.startswith(initials) for row in shown)
    assert any(
        "clinic.toml [brand] accent: 'teal' is not a colour written #rrggbb; fix:" in row
        for row in shown
    )
    assert any(" accent_text: '#fff' is not a colour written #rrggbb" in row for row in shown)
    assert parse_brand(None, True)[1][0].where == "clinic.toml [brand]"


def test_a_pale_accent_is_refused_naming_the_pair_and_its_ratio():
    pale = BrandColours(accent="#7fb2b8", accent_text="#000000")
    shown = [str(problem) for problem in contrast_problems(pale, THEME_CSS)]
    assert shown == [
        "clinic.toml [brand]: accent #7fb2b8 on the page background #ffffff has a "
        "contrast of 2.3:1; WCAG AA needs 4.5:1 for text; fix: choose a darker accent",
        "clinic.toml [brand]: accent #7fb2b8 on the panels #f3f6f8 has a contrast of "
        "2.1:1; WCAG AA needs 4.5:1 for text; fix: choose a darker accent",
    ]
    assert contrast_ratio("#7fb2b8", "#ffffff") == pytest.approx(2.34, abs=0.01)


def test_the_dark_mode_and_the_buttons_are_checked_too():
    colours = BrandColours(accent_text="#0b1a1c", accent_dark="#0a5f66")
    shown = [str(problem) for problem in contrast_problems(colours, THEME_CSS)]
    assert (
        "clinic.toml [brand]: accent_text #0b1a1c on accent #0a5f66 (buttons) has a "
        "contrast of 2.4:1; WCAG AA needs 4.5:1 for text; fix: make accent_text stand out "
        "from accent, e.g. #ffffff"
    ) in shown
    assert any("accent_dark #0a5f66 on the page background (dark mode) #12171d" in r for r in shown)
    assert any("fix: choose a lighter accent_dark" in row for row in shown)


def test_a_ratio_just_short_never_reads_as_enough():
    # #777777 on white is 4.48:1: refused, and shown as 4.4:1, never as a rounded 4.5:1.
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    shown = [str(p) for p in contrast_problems(BrandColours(accent="#777777"), THEME_CSS)]
    assert any("page background #ffffff has a contrast of 4.4:1" in row for row in shown), shown


@pytest.fixture
def settings() -> dict:
    values = {key: getattr(pelicanconf, key) for key in dir(pelicanconf) if key.isupper()}
    values = copy.deepcopy(values)
    values["PATH"] = str(pelicanconf.HERE / "content")
    values["THEME"] = str(pelicanconf.HERE / "theme")
    return values


def test_the_build_refuses_bad_contrast_from_the_settings(settings):
    settings["CLINIC"]["brand"] = good_brand(accent="#7fb2b8")
    with pytest.raises(SettingsError) as raised:
        validate(settings)
    assert "accent #7fb2b8 on the page background #ffffff has a contrast of 2.3:1" in str(
        raised.value
    )


def test_the_drawn_logo_is_described_in_each_editions_language(settings):
    site = validate(settings)
    assert (site.logo.path, site.logo.width, site.logo.alt) == (
        "images/logo.png",
        512,
        "Spectrum Dermatology logo",
    )
    assert site.brand.draws_logo
    settings["DEFAULT_LANG"] = "es"
    assert validate(settings).logo.alt == "Logotipo de Spectrum Dermatology"


def test_the_clinics_own_logo_is_kept_as_given(settings):
    own = {"path": "images/placeholders/clinic-hero.svg", "alt": "Our sign"}
    settings["CLINIC"]["logo"] = own
    site = validate(settings)
    assert (site.logo.path, site.logo.alt, site.brand.draws_logo) == (
        own["path"],
        "Our sign",
        False,
    )
