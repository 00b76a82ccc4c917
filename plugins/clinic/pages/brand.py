"""The pictures that carry the clinic's initials, drawn at build time from its brand.

The logo (512×512, JSON-LD's and the share cards'), the favicon (48×48) and the
touch icon (180×180, opaque: iOS fills transparency with black) are drawn from
CLINIC['brand'] (settings/brand.py): the initials in `accent_text` on an `accent`
rounded square, in the bundled DejaVu Sans Bold. Drawing is pure: data in, PNG bytes
out, the same bytes for the same data, and no metadata (no text chunks, no time).
`write_brand_files` keeps each drawn picture in the build's cache, named after a hash
of what it is drawn from, so a rebuild copies instead of drawing, and writes it to the
output at the addresses the pages link (base.html) and the JSON-LD names.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import PIL
from PIL import Image as PILImage

from ..core import atomic
from ..core.colours import rgb
from ..settings.brand import Brand
from ..settings.validation import DRAWN_LOGO_PATH, DRAWN_LOGO_SIZE

if TYPE_CHECKING:
    from PIL import ImageFont

FONT_FILE = Path(__file__).with_name("fonts") / "DejaVuSans-Bold.ttf"
FAVICON_PATH, FAVICON_SIZE = "favicon.png", 48
TOUCH_ICON_PATH, TOUCH_ICON_SIZE = "apple-touch-icon.png", 180
# Drawn larger, then reduced, so the square's rounded edges are smooth as the letters'
# are: four times for the icons, at most this many pixels a side for the logo (2048
# pixels took 180 ms; 1024 take a quarter of it, and look the same at 512).
SUPERSAMPLE, MAX_DRAWN = 4, 1024
CORNER = 0.2  # the square's corner radius, as a share of its side
# The initials' widest extent as a share of the side: room around them at any count.
INITIALS_WIDTH, INITIALS_HEIGHT = 0.68, 0.5
REFERENCE_SIZE = 1000  # the type size the initials are measured at, then scaled from


@dataclass(frozen=True)
class Mark:
    """One drawn picture: where it is published, its side in pixels, and whether it is
    opaque (a full square) or a rounded square on transparency."""

    path: str
    size: int
    opaque: bool


LOGO = Mark(DRAWN_LOGO_PATH, DRAWN_LOGO_SIZE, opaque=False)
FAVICON = Mark(FAVICON_PATH, FAVICON_SIZE, opaque=False)
TOUCH_ICON = Mark(TOUCH_ICON_PATH, TOUCH_ICON_SIZE, opaque=True)


def _font(font: bytes, size: int) -> ImageFont.FreeTypeFont:
    """The font at `size`, kept by the caller alone: each holds its own copy of the font
    file (740 kB), so keeping every size tried (a cache) held 40 MB for three marks."""
    from PIL import ImageFont  # see draw_mark

    return ImageFont.truetype(io.BytesIO(font), size)


def _initials_font(initials: str, font: bytes, side: int) -> ImageFont.FreeTypeFont:
    """The font at the largest type size at which `initials` fit the square's middle:
    measured once at a large size and scaled (the letters' box grows with the type), then
    checked, a size smaller while they do not fit. Trying sizes one by one loaded the font
    thirty times a mark (80 ms and 5 MB of a build's peak memory for three marks)."""
    width, height = side * INITIALS_WIDTH, side * INITIALS_HEIGHT
    left, top, right, bottom = _font(font, REFERENCE_SIZE).getbbox(initials, anchor="mm")
    scale = min(width / max(1, right - left), height / max(1, bottom - top))
    size = max(4, int(REFERENCE_SIZE * scale))
    while True:
        typeface = _font(font, size)
        left, top, right, bottom = typeface.getbbox(initials, anchor="mm")
        if size <= 4 or (right - left <= width and bottom - top <= height):
            return typeface
        size -= 1


def draw_mark(
    initials: str, background: str, text: str, size: int, opaque: bool, font: bytes
) -> bytes:
    """A `size`-pixel square PNG: `initials` in `text` on `background` (`#rrggbb`), a full
    square when `opaque`, else a rounded one on transparency."""
    # Imported by what draws (Pillow's fonts, 3 MB with their libraries): a build
    # draws in a second process (brand_pictures in clinic/__init__.py), and the
    # process that goes on to write the pages never needs them.
    from PIL import ImageDraw

    big = size * max(1, min(SUPERSAMPLE, MAX_DRAWN // size))
    fill = rgb(background)
    if opaque:
        image = PILImage.new("RGB", (big, big), fill)
    else:
        image = PILImage.new("RGBA", (big, big), (*fill, 0))
        ImageDraw.Draw(image).rounded_rectangle(
            (0, 0, big - 1, big - 1), radius=round(big * CORNER), fill=(*fill, 255)
        )
    draw = ImageDraw.Draw(image)
    typeface = _initials_font(initials, font, big)
    left, top, right, bottom = typeface.getbbox(initials, anchor="mm")
    # Centred on the letters' ink, not on the font's line: caps sit in the middle.
    centre = (big / 2 - (left + right) / 2, big / 2 - (top + bottom) / 2)
    draw.text(centre, initials, font=typeface, fill=rgb(text), anchor="mm")
    small = image.resize((size, size), PILImage.LANCZOS)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)  # no text chunks, no time: same bytes
    return out.getvalue()


def mark_png(brand: Brand, mark: Mark, font: bytes) -> bytes:
    """`mark` drawn in the brand's light colours (what a browser tab and a home screen show)."""
    colours = brand.colours
    return draw_mark(
        brand.initials, colours.accent, colours.accent_text, mark.size, mark.opaque, font
    )


@cache
def code_version() -> str:
    """This module's code, the font and Pillow's version: a change to any draws anew."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(FONT_FILE.read_bytes())
    digest.update(PIL.__version__.encode())
    return digest.hexdigest()


def mark_name(brand: Brand, mark: Mark) -> str:
    """The cached file's name: changes whenever anything the mark is drawn from does."""
    digest = hashlib.sha256(code_version().encode())
    colours = brand.colours
    for part in (brand.initials, colours.accent, colours.accent_text, str(mark)):
        data = part.encode()
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return f"{digest.hexdigest()[:20]}.png"


def marks_of(brand: Brand) -> tuple[Mark, ...]:
    """What the build draws: the icons always, the logo unless the clinic gives its own."""
    return (LOGO, FAVICON, TOUCH_ICON) if brand.draws_logo else (FAVICON, TOUCH_ICON)


def brand_png(
    brand: Brand, mark: Mark, cache_folder: Path | None, drawn: dict[str, bytes] | None = None
) -> bytes:
    """`mark`'s bytes: from `drawn` (what this build's editions drew already: the
    build's context holds it), from the cache, or drawn now (and kept in both)."""
    data = kept_png(brand, mark, cache_folder, drawn)
    name = mark_name(brand, mark)
    if data is None:
        data = mark_png(brand, mark, FONT_FILE.read_bytes())
        if cache_folder is not None:
            kept = cache_folder / name
            kept.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_atomically(kept, data, durable=False)
    if drawn is not None:
        drawn[name] = data
    return data


def kept_png(
    brand: Brand, mark: Mark, cache_folder: Path | None, drawn: dict[str, bytes] | None = None
) -> bytes | None:
    """`mark`'s bytes from `drawn` or from the cache; None when it is still to be drawn."""
    name = mark_name(brand, mark)
    if drawn is not None and name in drawn:
        return drawn[name]
    kept = cache_folder / name if cache_folder is not None else None
    return kept.read_bytes() if kept is not None and atomic.is_whole(kept) else None


def draw_marks(brand: Brand, cache_folder: Path | None, drawn: dict[str, bytes]) -> None:
    """Each mark's bytes into `drawn` (the build's), from the cache or drawn now. A build
    does this first, while it holds little: the pictures drawn at its end (a mark is
    drawn at twice its size) raised its peak memory by 5 MB."""
    for mark in marks_of(brand):
        brand_png(brand, mark, cache_folder, drawn)


def take_kept_marks(brand: Brand, cache_folder: Path | None, drawn: dict[str, bytes]) -> bool:
    """Each mark the cache holds into `drawn` (read once: what draws them later finds them
    there); whether every mark is there now, none left to draw."""
    complete = True
    for mark in marks_of(brand):
        data = kept_png(brand, mark, cache_folder, drawn)
        if data is None:
            complete = False
        else:
            drawn[mark_name(brand, mark)] = data
    return complete


def write_brand_files(
    brand: Brand, output: Path, cache_folder: Path | None, drawn: dict[str, bytes] | None = None
) -> None:
    """The drawn logo and icons, written whole at their addresses below `output`; a file
    already holding the same bytes (the other edition's run wrote it) is left alone."""
    for mark in marks_of(brand):
        atomic.replace_if_changed(output / mark.path, brand_png(brand, mark, cache_folder, drawn))


# The clinic's own logo in these formats is shown on the share cards as it is; Pillow
# cannot draw an SVG, whose cards show the drawn logo instead.
CARD_LOGO_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp"})


def card_logo(
    logo_path: str,
    brand: Brand,
    content_root: Path,
    cache_folder: Path | None,
    drawn: dict[str, bytes] | None = None,
) -> bytes:
    """The logo the share cards show: the clinic's own file when it gives one Pillow
    reads (`logo_path` below `content_root`), else the one drawn from the initials."""
    own = _own_card_logo(logo_path, brand, content_root)
    return own if own is not None else brand_png(brand, LOGO, cache_folder, drawn)


def kept_card_logo(
    logo_path: str,
    brand: Brand,
    content_root: Path,
    cache_folder: Path | None,
    drawn: dict[str, bytes] | None = None,
) -> bytes | None:
    """`card_logo`, when it is at hand without drawing; None when it is still to be drawn."""
    own = _own_card_logo(logo_path, brand, content_root)
    return own if own is not None else kept_png(brand, LOGO, cache_folder, drawn)


def _own_card_logo(logo_path: str, brand: Brand, content_root: Path) -> bytes | None:
    if not brand.draws_logo and Path(logo_path).suffix.lower() in CARD_LOGO_SUFFIXES:
        return (content_root / logo_path).read_bytes()
    return None
