"""What the share cards' own PNG writer saves over Pillow's: time and bytes for 200 cards.

`python -m bench.card_writer [ROUNDS]` draws 200 titles with `sharecards.draw_card`
(the frame compressed once, each title's band compressed alone and joined in) and
with a Pillow-only writer: the frame drawn once as a palette image, each title
pasted into a copy and saved with `save(..., bits=4)` at several zlib levels. It
checks the two show the same pixels, then prints each writer's median time over
ROUNDS (default 7) and its files' sizes. The frame is drawn before timing: both
writers draw it once a build.
"""

from __future__ import annotations

import io
import random
import statistics
import sys
import time
from functools import cache
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from clinic.pages import sharecards as s  # noqa: E402 (needs the plugins folder on the path first)

CARDS = 200
LEVELS = (1, 3, 6, 9)
TITLE_TEXT = (
    "acne rosacea sun protection in Arizona what every patient should know chemical peels "
    "dry skin microdermabrasion laser treatment for eczema psoriasis moles skin cancer "
    "screening Ácido glicólico qué es"
)


def design() -> s.Design:
    """The site's cards' design: the logo drawn from the initials, the brand's colours."""
    from clinic.pages.brand import LOGO, mark_png
    from clinic.settings.brand import Brand

    font_file = s.FONT_FILE.read_bytes()
    logo = mark_png(Brand(), LOGO, font_file)
    return s.Design("Spectrum Dermatology", s.Palette(), logo, font_file)


@cache
def font(data: bytes, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(io.BytesIO(data), size)


@cache
def frame(look: s.Design) -> Image.Image:
    """Every card's logo, name and bar, as one palette image."""
    palette = s.readable(look.palette)
    background, text = ImageColor.getrgb(palette.background), ImageColor.getrgb(palette.text)
    coverage = Image.new("L", (s.WIDTH, s.HEIGHT), 0)
    draw = ImageDraw.Draw(coverage)
    ring = (s.MARGIN - 3, s.LOGO_TOP - 3, s.MARGIN + s.LOGO_SIZE + 2, s.LOGO_TOP + s.LOGO_SIZE + 2)
    draw.rectangle(ring, outline=255, width=3)
    name_at = (s.MARGIN + s.LOGO_SIZE + 28, s.LOGO_TOP + s.LOGO_SIZE // 2)
    draw.text(name_at, look.site_name, font=font(look.font, s.NAME_SIZE), fill=255, anchor="lm")
    bar = (s.MARGIN, s.BAR_TOP, s.MARGIN + s.BAR_WIDTH - 1, s.BAR_TOP + s.BAR_HEIGHT - 1)
    draw.rectangle(bar, fill=255)
    card = Image.frombytes("P", coverage.size, coverage.point(s.SHADES).tobytes())
    logo, logo_colours = s.logo_tile(look.logo, background)
    card.paste(Image.frombytes("P", (s.LOGO_SIZE, s.LOGO_SIZE), logo), (s.MARGIN, s.LOGO_TOP))
    shades = [
        round(b + (t - b) * shade / (s.TEXT_SHADES - 1))
        for shade in range(s.TEXT_SHADES)
        for b, t in zip(background, text, strict=True)
    ]
    card.putpalette(shades + logo_colours)
    return card


def pillow_card(title: str, look: s.Design, level: int) -> bytes:
    """The card as Pillow alone writes it: four bits a pixel, at zlib `level`."""
    card = frame(look).copy()
    size, lines = s.title_layout(" ".join(title.split()), look.font)
    band = Image.new("L", (s.WIDTH, s.BAND_BOTTOM - s.BAND_TOP), 0)
    draw = ImageDraw.Draw(band)
    for number, line in enumerate(lines):
        top = s.TITLE_TOP - s.BAND_TOP + round(number * size * s.LINE_HEIGHT)
        draw.text((s.MARGIN, top), line, font=font(look.font, size), fill=255, anchor="la")
    card.paste(Image.frombytes("P", band.size, band.point(s.SHADES).tobytes()), (0, s.BAND_TOP))
    out = io.BytesIO()
    card.save(out, format="PNG", bits=4, compress_level=level)
    return out.getvalue()


def pixels(png: bytes) -> bytes:
    with Image.open(io.BytesIO(png)) as image:
        return image.convert("RGB").tobytes()


def main(rounds: int) -> None:
    pick, words = random.Random(1), TITLE_TEXT.split()
    titles = [
        " ".join(pick.choice(words) for _ in range(pick.randint(2, 14))) + f" {number}"
        for number in range(CARDS)
    ]
    look = design()
    s.card_frame(look)
    frame(look)
    writers = {"sharecards": lambda title: s.draw_card(title, look)}
    for level in LEVELS:
        writers[f"pillow z{level}"] = lambda title, level=level: pillow_card(title, look, level)
    for title in titles[:20]:
        assert pixels(writers["sharecards"](title)) == pixels(pillow_card(title, look, 6)), title
    times: dict[str, list[float]] = {name: [] for name in writers}
    sizes: dict[str, list[int]] = {}
    for _ in range(rounds):
        for name, write in writers.items():
            start = time.perf_counter()
            sizes[name] = [len(write(title)) for title in titles]
            times[name].append(time.perf_counter() - start)
    for name in writers:
        median, fastest, sized = statistics.median(times[name]), min(times[name]), sizes[name]
        print(
            f"{name:11} {median * 1000:6.0f} ms for {CARDS} cards (fastest {fastest * 1000:.0f}),"
            f" {statistics.mean(sized) / 1024:.1f} KB a card ({min(sized) / 1024:.1f}"
            f" to {max(sized) / 1024:.1f})"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
