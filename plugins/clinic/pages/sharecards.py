"""Share cards: the 1200×630 picture a shared link shows, one for every article and page.

A page with a picture of its own shares that picture, cropped to fill the card; a
page without one (or with a drawing, an SVG that sharing sites do not show, or a
decorative picture with no alt text) shares a card drawn from its title, in the
clinic's colours, with its logo and name. Drawing is pure: data in, PNG bytes out,
the same bytes for the same data. `ShareCards` names each card after a hash of
everything it is drawn from, and keeps it in the build's cache folder too, so a
rebuild links or copies instead of drawing. Two processes write pages
(splitwrite.py): a card is created once (the second finds it there), and a cached
card appears whole, by a link made after its file is finished, so neither process
nor a later build reads a half-written one.

A drawn card's PNG is put together here rather than by Pillow's `save(..., bits=4)`,
because only the title's band is compressed for each card (the frame once a build).
For 200 cards (`python -m bench.card_writer`, median of 7 runs, 2 cores, Pillow 13.0):
362 ms and 13.0 KB a card here; Pillow alone 653 ms and 15.2 KB at zlib level 1,
725 ms and 14.4 KB at 3, 1075 ms and 11.8 KB at its default 6. Pillow's quickest
takes 1.8 times as long, with larger files.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import struct
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

import PIL
from PIL import Image as PILImage
from PIL import ImageColor, ImageOps

from ..core import atomic
from ..core.colours import contrast_ratio
from ..rendering.images import CARD_SIZE, Image
from ..settings.options import PelicanSite
from ..settings.validation import ClinicSettings
from .pageinfo import PageInfo

if TYPE_CHECKING:
    from PIL import ImageFont

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = CARD_SIZE
CARDS_DIR = "images/cards"
FONT_FILE = Path(__file__).with_name("fonts") / "DejaVuSans-Bold.ttf"
# The pages that share a card of their own; the home page and lists share the
# site's image (CLINIC_SOCIAL_IMAGE).
CARD_KINDS = frozenset({"article", "page", "provider"})
MIN_CONTRAST = 4.5  # WCAG AA for text

# The drawing: margins, the logo's size, and the title's sizes, largest first.
MARGIN = 80
LOGO_SIZE = 112
LOGO_TOP = 64
NAME_SIZE = 40
TITLE_TOP = 236
TITLE_SIZES = (76, 66, 58)
TITLE_LINES = 3
LINE_HEIGHT = 1.2
BAR_TOP, BAR_WIDTH, BAR_HEIGHT = 556, 160, 10
# Sixteen colours in all, so the PNG stores four bits a pixel: eight shades from the
# background to the text colour (antialiased edges), and eight for the logo.
TEXT_SHADES = 8
LOGO_COLOURS = 8
# The title is drawn in a band between the logo and the bar; the rows above and below
# it are the same on every card, so they are packed and compressed once per build.
BAND_TOP, BAND_BOTTOM = LOGO_TOP + LOGO_SIZE + 4, BAR_TOP
# Two leading pixels of index 0 in every row: packed four bits a pixel, a row then
# begins with a zero byte, PNG's filter "none", and Pillow's packer writes the
# scanlines whole.
PAD = 2
# zlib's levels for a card's unfiltered rows, mostly runs of one colour: a quick one for
# each title's band (level 3 takes twice as long for a tenth fewer bytes), the best for
# the frame, compressed once. A card is 9-17 KB.
BAND_COMPRESSION, FRAME_COMPRESSION = 2, 9
ZLIB_HEADER = b"\x78\x5e"  # deflate, 32 KiB window, a fast level's flag (informative only)


@dataclass(frozen=True)
class Palette:
    """A card's colours as `#rrggbb`: the background, and the text drawn on it."""

    background: str = "#0a5f66"
    text: str = "#ffffff"


@dataclass(frozen=True)
class Design:
    """What every drawn card of a site shares: its name, colours, logo and font."""

    site_name: str
    palette: Palette
    logo: bytes  # an image file's bytes
    font: bytes  # a TrueType file's bytes


# ---------------------------------------------------------------- colours


def readable(palette: Palette) -> Palette:
    """`palette`, with its text made black or white when it reads poorly on the background
    (the settings refuse such brand colours; a Palette made elsewhere may still have them)."""
    if contrast_ratio(palette.text, palette.background) >= MIN_CONTRAST:
        return palette
    best = max(("#000000", "#ffffff"), key=lambda c: contrast_ratio(c, palette.background))
    return Palette(background=palette.background, text=best)


# ---------------------------------------------------------------- drawing


@cache
def _font(font: bytes, size: int) -> ImageFont.FreeTypeFont:
    # Imported by what draws or measures (Pillow's fonts, 3 MB with their libraries):
    # a development build draws in a second process alone (brand_pictures in
    # clinic/__init__.py), and the process that writes the pages never needs them.
    from PIL import ImageFont

    return ImageFont.truetype(io.BytesIO(font), size)


def wrap(
    text: str,
    measure: Callable[[str], float],
    width: float,
    max_lines: int,
    word_width: Callable[[str], float] | None = None,
    slack: float = 0.0,
) -> tuple[list[str], bool]:
    """`text` in lines no wider than `width`, at most `max_lines` of them.

    Returns the lines and whether all of the text fits; when it does not, the last
    line ends in an ellipsis, and the marks that close a "¿" or "¡" it left open
    (closing_marks). A word wider than a line is broken between letters.

    With `word_width` (a word's width, kept from one title to the next), a line is
    first reckoned as its words' widths and the spaces between: where that sum is
    further from `width` than `slack` at each place two words meet (what kerning
    there could change), it decides alone; closer, the whole line is measured. The
    lines are the same as when every line is measured, with far fewer measurements.
    """
    space = word_width(" ") if word_width else 0.0
    lines: list[str] = []
    current, reckoned, joins = "", 0.0, 0  # the line so far, its width, joins since measured
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        fits = None
        if word_width:
            total = reckoned + space + word_width(word) if current else word_width(word)
            doubt = (joins + (1 if current else 0)) * slack
            if total + doubt <= width:
                fits, reckoned, joins = True, total, joins + (1 if current else 0)
            elif total - doubt > width:
                fits = False
        if fits is None:
            exact = measure(candidate)
            fits = exact <= width
            if fits:
                reckoned, joins = exact, 0
        if fits:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        reckoned, joins = (word_width or measure)(word), 0
        while reckoned > width:  # a word too long for a line of its own
            cut = len(current) - 1
            while cut > 1 and measure(current[:cut]) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
            reckoned = measure(current)
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines, True
    kept = lines[:max_lines]

    def cut(last: str) -> str:
        shown = last.rstrip(CUT_TRIM)
        return shown + "…" + closing_marks(" ".join([*kept[:-1], shown]))

    last = kept[-1]
    while last and measure(cut(last)) > width:
        last = last[:-1]
    kept[-1] = cut(last)
    return kept, False


# Spanish opens a question or an exclamation with its own mark: "¿Realmente…?".
PAIRED_MARKS = {"¿": "?", "¡": "!"}
CUT_TRIM = " ,;:–—-"


def closing_marks(text: str) -> str:
    """The marks that close what `text` opens and leaves open, innermost first: a title
    cut short ends "¿Realmente necesito…?", as Spanish writes an unfinished question
    (the ellipsis inside it), rather than dropping its opening mark, which would turn the
    question into a statement, or leaving it unclosed."""
    still_open: list[str] = []
    for char in text:
        if char in PAIRED_MARKS:
            still_open.append(char)
        elif still_open and char == PAIRED_MARKS[still_open[-1]]:
            still_open.pop()
    return "".join(PAIRED_MARKS[mark] for mark in reversed(still_open))


@cache
def _word_width(font: bytes, size: int, word: str) -> float:
    return _font(font, size).getlength(word)


# How far kerning where two words meet could move a line's end, as a share of the
# type size: more than any pair of this font's, so the reckoning never misjudges.
KERNING_SLACK = 0.15


def title_layout(title: str, font: bytes) -> tuple[int, list[str]]:
    """The largest title size whose lines fit; the smallest, cut with an ellipsis, if none."""
    width = WIDTH - 2 * MARGIN
    for size in TITLE_SIZES:
        measure = _font(font, size).getlength
        # Longer than its lines end to end, less the spaces where they break (and an em
        # for kerning there): wrapping cannot make it fit, so it is not tried.
        spare = (TITLE_LINES - 1) * _word_width(font, size, " ") + size
        if size != TITLE_SIZES[-1] and measure(title) > width * TITLE_LINES + spare:
            continue
        words = partial(_word_width, font, size)
        lines, fits = wrap(title, measure, width, TITLE_LINES, words, KERNING_SLACK * size)
        if fits:
            return size, lines
    return size, lines


@cache
def logo_tile(logo: bytes, background: tuple[int, int, int]) -> tuple[bytes, list[int]]:
    """The logo at its size on the card, over the background, in LOGO_COLOURS colours:
    its pixels as palette indices after the text's shades, and those colours."""
    with PILImage.open(io.BytesIO(logo)) as source:
        upright = ImageOps.exif_transpose(source).convert("RGBA")
        tile = ImageOps.fit(upright, (LOGO_SIZE, LOGO_SIZE), PILImage.LANCZOS)
    flat = PILImage.new("RGB", tile.size, background)
    flat.paste(tile, (0, 0), tile)
    indexed = flat.quantize(
        LOGO_COLOURS, method=PILImage.Quantize.MEDIANCUT, dither=PILImage.Dither.NONE
    )
    shifted = indexed.tobytes().translate(bytes(min(i + TEXT_SHADES, 255) for i in range(256)))
    return shifted, indexed.getpalette()[: 3 * LOGO_COLOURS]


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# A photo's card, saved by Pillow (which picks a filter for each row).
COVER_PNG_COMPRESSION = 3
# Text coverage (0 the background, 255 the text) to one of TEXT_SHADES shades.
_SHADE_STEP = 255 // (TEXT_SHADES - 1)
SHADES = [(value + _SHADE_STEP // 2) // _SHADE_STEP for value in range(256)]


def _png(image: PILImage.Image) -> bytes:
    """PNG bytes with no metadata (no time, no text chunks): the same pixels, the same bytes."""
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=COVER_PNG_COMPRESSION)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _scanlines(indices: PILImage.Image) -> bytes:
    """Palette indices (mode L, below 16, PAD columns of 0 first) as four-bit PNG scanlines,
    each opened by its filter byte 0."""
    return PILImage.frombytes("P", indices.size, indices.tobytes()).tobytes("raw", "P;4")


def _empty_rows(count: int) -> bytes:
    """`count` rows of the background: index 0 throughout, their filter bytes 0 too."""
    return bytes(count * ((PAD + WIDTH) // 2))  # four bits a pixel


@cache
def _empty_deflated(count: int) -> bytes:
    """`_empty_rows(count)` as raw deflate, ending on a full flush: the same for every
    card with as many (kept compressed only: a few hundred bytes each)."""
    return _deflate(_empty_rows(count), zlib.Z_FULL_FLUSH) if count else b""


def _deflate(rows: bytes, end: int, level: int = BAND_COMPRESSION) -> bytes:
    """`rows` as raw deflate blocks that refer to nothing before them; `end` is zlib's
    Z_FULL_FLUSH (more blocks follow) or Z_FINISH (the last)."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return compressor.compress(rows) + compressor.flush(end)


@dataclass(frozen=True)
class Frame:
    """What every card of a design shares, compressed: the rows above the title's band
    (the logo, its ring and the site's name) and below it (the bar)."""

    palette: bytes  # the text's shades from background to text, then the logo's colours
    head: bytes  # raw deflate of the rows above the band, ending on a full flush
    tail: bytes  # raw deflate of the rows below it, ending the stream
    head_check: int  # zlib's Adler-32 of the head's rows
    tail_rows: bytes  # the rows below, to carry the checksum over them


@cache
def card_frame(design: Design) -> Frame:
    """The frame of every card drawn in `design` (drawn once per build)."""
    from PIL import ImageDraw  # see _font

    palette = readable(design.palette)
    background, text = ImageColor.getrgb(palette.background), ImageColor.getrgb(palette.text)
    coverage = PILImage.new("L", (PAD + WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(coverage)
    left = PAD + MARGIN
    ring = (left - 3, LOGO_TOP - 3, left + LOGO_SIZE + 2, LOGO_TOP + LOGO_SIZE + 2)
    draw.rectangle(ring, outline=255, width=3)
    draw.text(
        (left + LOGO_SIZE + 28, LOGO_TOP + LOGO_SIZE // 2),
        design.site_name,
        font=_font(design.font, NAME_SIZE),
        fill=255,
        anchor="lm",
    )
    draw.rectangle((left, BAR_TOP, left + BAR_WIDTH - 1, BAR_TOP + BAR_HEIGHT - 1), fill=255)
    indices = coverage.point(SHADES)
    logo, logo_colours = logo_tile(design.logo, background)
    indices.paste(PILImage.frombytes("L", (LOGO_SIZE, LOGO_SIZE), logo), (left, LOGO_TOP))
    rows = _scanlines(indices)
    row_bytes = len(rows) // HEIGHT
    head, tail = rows[: BAND_TOP * row_bytes], rows[BAND_BOTTOM * row_bytes :]
    colours = [
        round(b + (t - b) * shade / (TEXT_SHADES - 1))
        for shade in range(TEXT_SHADES)
        for b, t in zip(background, text, strict=True)
    ]
    return Frame(
        palette=bytes(colours + logo_colours),
        head=_deflate(head, zlib.Z_FULL_FLUSH, FRAME_COMPRESSION),
        tail=_deflate(tail, zlib.Z_FINISH, FRAME_COMPRESSION),
        head_check=zlib.adler32(head),
        tail_rows=tail,
    )


def draw_card(title: str, design: Design) -> bytes:
    """A 1200×630 PNG: the site's logo and name above `title`, in the site's colours.

    Text is drawn as coverage and kept in TEXT_SHADES shades between the two
    colours; the logo keeps a palette of its own after them, sixteen colours in all
    (four bits a pixel). Only the title's band is drawn and compressed for each
    card; its compressed rows are joined between the frame's (PNG's image data is
    one zlib stream, and each part ends on a byte, referring to nothing before it).
    """
    from PIL import ImageDraw  # see _font

    frame = card_frame(design)
    size, lines = title_layout(" ".join(title.split()), design.font)
    font = _font(design.font, size)
    # Only the rows down to the last line's lowest glyph are drawn; the empty rows below
    # it, the same for every card with as many, are compressed once (_empty_rows).
    tops = [
        TITLE_TOP - BAND_TOP + round(number * size * LINE_HEIGHT) for number in range(len(lines))
    ]
    lowest = max(
        (top + font.getbbox(line, anchor="la")[3] for top, line in zip(tops, lines, strict=True)),
        default=0,
    )
    drawn = max(0, min(BAND_BOTTOM - BAND_TOP, lowest + 1))
    band = PILImage.new("L", (PAD + WIDTH, drawn), 0)
    draw = ImageDraw.Draw(band)
    for top, line in zip(tops, lines, strict=True):
        draw.text((PAD + MARGIN, top), line, font=font, fill=255, anchor="la")
    rows = _scanlines(band.point(SHADES))
    empty = BAND_BOTTOM - BAND_TOP - drawn
    check = zlib.adler32(_empty_rows(empty), zlib.adler32(rows, frame.head_check))
    check = zlib.adler32(frame.tail_rows, check)
    image_data = (
        ZLIB_HEADER
        + frame.head
        + _deflate(rows, zlib.Z_FULL_FLUSH)
        + _empty_deflated(empty)
        + frame.tail
        + struct.pack(">I", check)
    )
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 4, 3, 0, 0, 0)  # 4-bit, palette
    return (
        PNG_SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"PLTE", frame.palette)
        + _chunk(b"IDAT", image_data)
        + _chunk(b"IEND", b"")
    )


PHOTO_FORMATS = frozenset({"JPEG", "MPO", "WEBP"})
SHAREABLE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp"})


def cover_extension(picture: bytes) -> str:
    """The card's file type for a page's own picture: JPEG for a photograph, else PNG.

    Raises OSError for a file Pillow cannot read.
    """
    with PILImage.open(io.BytesIO(picture)) as source:
        return "jpg" if source.format in PHOTO_FORMATS else "png"


def cover_card(picture: bytes) -> bytes:
    """A page's own picture, cropped about its centre to fill 1200×630, as `cover_extension`
    says: JPEG for a photograph, PNG for anything else (a drawing, a transparent picture)."""
    photo = cover_extension(picture) == "jpg"
    with PILImage.open(io.BytesIO(picture)) as source:
        image = ImageOps.exif_transpose(source)
        image.info = {}  # Pillow would write the source's JPEG comment into the card
        image = image.convert("RGB") if photo or image.mode not in ("RGB", "RGBA") else image
        fitted = ImageOps.fit(image, (WIDTH, HEIGHT), PILImage.LANCZOS, centering=(0.5, 0.5))
    if not photo:
        return _png(fitted)
    out = io.BytesIO()
    fitted.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()


# ---------------------------------------------------------------- naming and files


@cache
def code_version() -> str:
    """This module's code and Pillow's version: a change to either draws every card anew."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(PIL.__version__.encode())
    return digest.hexdigest()


def card_name(*parts: str | bytes) -> str:
    """A file name (without extension) that changes whenever any of `parts` does."""
    digest = hashlib.sha256(code_version().encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()[:20]


def card_alt(title: str, site_name: str) -> str:
    """A drawn card's description: its words, in the page's own language."""
    return f"{title} — {site_name}"


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole (core/atomic.py): another process reading `path`
    meanwhile, or a build killed meanwhile, leaves the old file, or none, never half.
    Not flushed to the disk one by one: a cold build draws a card for every page."""
    atomic.write_atomically(path, data, durable=False)


def _in_folder(path: Path, make: Callable[[], None]) -> None:
    """`make()`, which creates `path`; its folder is made first if missing (rather than
    asked after each time: a folder's making is slow on some file systems)."""
    try:
        make()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        make()


def write_new(path: Path, data: bytes) -> None:
    """Write `data` to a new file `path`; nothing if it already exists (the other writing
    process made the same card, of the same bytes)."""

    def create() -> None:
        with path.open("xb") as file:
            file.write(data)

    with contextlib.suppress(FileExistsError):
        _in_folder(path, create)


def place(source: Path, target: Path) -> None:
    """The finished file `source` at `target` too: a second name for the same file (all
    are only ever created whole, never changed in place), or a copy where the two are on
    different file systems. A link appears whole: another process sees all or nothing."""
    try:
        _in_folder(target, lambda: os.link(source, target))
    except FileExistsError:
        pass  # the other writing process placed it first
    except OSError:
        write_atomically(target, source.read_bytes())


def _shareable(path: str) -> bool:
    return Path(path).suffix.lower() in SHAREABLE_SUFFIXES


class ShareCards:
    """One build's cards: made on first use, kept in `cache` (when given), written to `output`."""

    def __init__(
        self, output: Path, cache: Path | None, content_root: Path, design: Design, lang: str
    ):
        self.output, self.cache, self.content_root = output, cache, content_root
        self.design, self.lang = design, lang
        self._made: dict[tuple, Image] = {}
        # Drawn cards neither in the output nor in the cache: file name -> title. They
        # are drawn at the end of the build, while Pagefind indexes (it leaves a core
        # idle for much of its time), rather than between the pages.
        self.pending: dict[str, str] = {}
        palette = readable(design.palette)
        # Everything a drawn card shares, hashed once (the font alone is 700 kB).
        self._design_key = card_name(
            design.site_name, palette.background, palette.text, design.logo, design.font
        )

    def card_for(self, page: PageInfo) -> Image | None:
        """The card `page` shares; None for lists and the home page (they share the site's)."""
        return self.image_for(page) if page.kind in CARD_KINDS else None

    def image_for(self, page: PageInfo) -> Image:
        """The card `page` shares: its own picture filled to the card, or its title drawn.

        A picture that cannot be a card is left out for the drawn one: a drawing
        (SVG, which sharing sites do not show), a decorative one (no alt text to
        describe it with), or a file Pillow cannot read.
        """
        picture = page.image
        if picture is not None and picture.alt and _shareable(picture.path):
            if (picture.width, picture.height) == (WIDTH, HEIGHT):
                return picture
            key: tuple = ("picture", picture.path, picture.alt)
            if key not in self._made:
                try:
                    self._made[key] = self._cover(picture)
                except OSError as error:
                    logger.warning("share card: %s: %s; drawing one instead", picture.path, error)
                    self._made[key] = self._drawn(page.title)
            return self._made[key]
        key = ("title", page.title)
        if key not in self._made:
            self._made[key] = self._drawn(page.title)
        return self._made[key]

    def _drawn(self, title: str) -> Image:
        """A card drawn from `title`: placed from the cache now, or drawn later (`draw`)."""
        filename = f"{card_name('drawn', title, self.lang, self._design_key)}.png"
        if not self._placed(filename):
            self.pending[filename] = title
        alt = card_alt(title, self.design.site_name)
        return Image(path=f"{CARDS_DIR}/{filename}", width=WIDTH, height=HEIGHT, alt=alt)

    def ahead(self, titles: Iterable[str]) -> list[str]:
        """Of `titles`, those whose cards the cache does not hold, to draw ahead of need
        (`draw_ahead`); none without a cache."""
        if self.cache is None:
            return []
        wanted = dict.fromkeys(title for title in titles if title)
        return [title for title in wanted if not atomic.is_whole(self._kept(title))]

    def draw_ahead(self, title: str) -> None:
        """Draw `title`'s card into the cache only: the pages that show it place it in the
        output when they are written (a draft's card never reaches it)."""
        kept = self._kept(title)
        if not atomic.is_whole(kept):
            write_atomically(kept, draw_card(title, self.design))

    def _kept(self, title: str) -> Path:
        assert self.cache is not None
        return self.cache / f"{card_name('drawn', title, self.lang, self._design_key)}.png"

    def draw(self, filename: str) -> None:
        """Draw a pending card into the output (and the cache)."""
        title, design = self.pending[filename], self.design
        self._file(filename, lambda: draw_card(title, design))

    def _placed(self, filename: str) -> bool:
        """Whether `filename` is in the output already, or is placed there from the cache now."""
        target = self.output / CARDS_DIR / filename
        kept = self.cache / filename if self.cache is not None else None
        if kept is not None and atomic.is_whole(kept):
            place(kept, target)
            return True
        return target.is_file()

    def _cover(self, picture: Image) -> Image:
        source = (self.content_root / picture.path).read_bytes()
        name = card_name("cover", source)
        path = self._file(f"{name}.{cover_extension(source)}", lambda: cover_card(source))
        return Image(path=path, width=WIDTH, height=HEIGHT, alt=picture.alt)

    def _file(self, filename: str, make: Callable[[], bytes]) -> str:
        """`images/cards/<filename>` under the output: already there, placed from the
        cache, or made now (and kept in the cache)."""
        relative = f"{CARDS_DIR}/{filename}"
        if not self._placed(filename):
            target = self.output / relative
            write_new(target, make())
            if self.cache is not None:
                place(target, self.cache / filename)
        return relative


def pending(builds: list[ShareCards]) -> list[tuple[ShareCards, str]]:
    """Every card still to draw, with the cards it belongs to, in order of file name."""
    return [(cards, filename) for cards in builds for filename in sorted(cards.pending)]


def draw_pending(job: tuple[ShareCards, str]) -> None:
    cards, filename = job
    cards.draw(filename)


def brand_design(site: ClinicSettings, logo: bytes) -> Design:
    """The cards' design: the site's name and logo, in the brand's colours (the theme's
    buttons': accent_text on accent, CLINIC['brand']) and our font."""
    colours = site.brand.colours
    palette = Palette(background=colours.accent, text=colours.accent_text)
    return Design(site_name=site.site_name, palette=palette, logo=logo, font=FONT_FILE.read_bytes())


def start(
    pelican: PelicanSite, site: ClinicSettings, logo: bytes, cache: Path | None
) -> ShareCards:
    """The cards of a build with Pelican's folders (`pelican`), kept in `cache` (the build
    cache's folder for them) when the build has a cache; the build's context holds them.
    `logo` is the picture the cards show (pages/brand.py's `card_logo`)."""
    return ShareCards(
        output=pelican.output,
        cache=cache,
        content_root=pelican.path,
        design=brand_design(site, logo),
        lang=site.language,
    )


def default_image(
    pelican: PelicanSite, site: ClinicSettings, logo: bytes, cache: Path | None
) -> bytes | None:
    """The edition's default share image (site.social_image), drawn as a card with the
    edition's words, when the clinic gives no picture of its own (None then): a shared
    link to a page with no picture or card of its own shows the edition's language. Kept
    in the build's cache (`cache`, the cards' folder) like the pages' cards, and drawn
    anew only when its words, the design or this code change."""
    if site.social_words is None:  # the clinic's own picture, copied as content
        return None
    design = brand_design(site, logo)
    kept = _default_image_file(site.social_words, design, cache)
    if kept is not None and kept.is_file():
        return kept.read_bytes()
    card = draw_card(site.social_words, design)
    if kept is not None:
        _in_folder(kept, lambda: write_atomically(kept, card))
    return card


def default_image_kept(site: ClinicSettings, logo: bytes, cache: Path | None) -> bool:
    """Whether `default_image` has nothing to draw: the clinic gives its own picture, or
    the cache holds the card."""
    if site.social_words is None:
        return True
    kept = _default_image_file(site.social_words, brand_design(site, logo), cache)
    return kept is not None and kept.is_file()


def _default_image_file(words: str, design: Design, cache: Path | None) -> Path | None:
    """Where the cache keeps the default share image drawn with `words` in `design`."""
    if cache is None:
        return None
    palette = readable(design.palette)
    name = card_name("default", words, design.site_name, palette.background, palette.text)
    return cache / f"{name}-{card_name(design.logo, design.font)}.png"


def write_default_image(pelican: PelicanSite, site: ClinicSettings, card: bytes) -> None:
    """The default share image (`default_image`) at its address below the output."""
    target = pelican.output / site.social_image.path
    _in_folder(target, lambda: write_atomically(target, card))
