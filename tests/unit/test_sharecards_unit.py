"""Share cards: every article, page, treatment and provider page shares a 1200×630 picture
of its own, described in its language, drawn once and then copied from the cache."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image as PILImage
from PIL import ImageColor, ImageDraw, ImageFont

from clinic.pages import brand, sharecards
from clinic.pages.pageinfo import PageInfo
from clinic.rendering.images import Image
from clinic.settings.brand import Brand


def design() -> sharecards.Design:
    """The cards' design as the site's settings make it: the drawn logo, the brand's colours."""
    font = sharecards.FONT_FILE.read_bytes()
    logo = brand.mark_png(Brand(), brand.LOGO, font)
    return sharecards.Design("Spectrum Dermatology", sharecards.Palette(), logo, font)


@pytest.mark.unit
def test_a_card_drawn_ahead_goes_to_the_cache_and_reaches_the_output_with_its_page(tmp_path):
    """What the background drawing does, step by step (in a build it runs in a second
    process, as far as idle time allows): the cache only, until a page shares the card."""
    output, cache = tmp_path / "output", tmp_path / "cache"
    cards = sharecards.ShareCards(output, cache, tmp_path, design(), "en-US")
    titles = ["Secret plans", "", "Chemical peels", "Secret plans"]
    assert cards.ahead(titles) == ["Secret plans", "Chemical peels"]
    for title in cards.ahead(titles):
        cards.draw_ahead(title)
    assert cards.ahead(titles) == []
    assert len(list(cache.glob("*.png"))) == 2
    assert not output.exists()  # a title no page shares (a draft's) is never published

    shown = cards.image_for(_page(None, title="Chemical peels"))
    assert (output / shown.path).read_bytes() == (cache / Path(shown.path).name).read_bytes()
    assert cards.pending == {}  # found made: nothing left to draw at the end
    other = cards.image_for(_page(None, title="Acne"))
    assert not (output / other.path).exists()
    assert list(cards.pending.values()) == ["Acne"]
    assert [path.name for path in (output / "images" / "cards").iterdir()] == [
        Path(shown.path).name
    ]


@pytest.mark.unit
def test_the_same_title_draws_the_same_bytes_with_no_timestamp():
    card = sharecards.draw_card("Acne: what helps, and what does not", design())
    assert card == sharecards.draw_card("Acne: what helps, and what does not", design())
    assert b"tIME" not in card
    assert b"tEXt" not in card
    with PILImage.open(io.BytesIO(card)) as image:
        assert (image.mode, image.size) == ("P", (1200, 630))
    assert len(card) < 30_000


def whole_card(title: str, look: sharecards.Design) -> PILImage.Image:
    """The card as Pillow draws it in one piece, every row at once: what the quick
    drawing, band by band with the frame compressed once, must show pixel for pixel."""
    s = sharecards
    palette = s.readable(look.palette)
    background, text = ImageColor.getrgb(palette.background), ImageColor.getrgb(palette.text)
    coverage = PILImage.new("L", (s.WIDTH, s.HEIGHT), 0)
    draw = ImageDraw.Draw(coverage)
    ring = (s.MARGIN - 3, s.LOGO_TOP - 3, s.MARGIN + s.LOGO_SIZE + 2, s.LOGO_TOP + s.LOGO_SIZE + 2)
    draw.rectangle(ring, outline=255, width=3)
    name_font = ImageFont.truetype(io.BytesIO(look.font), s.NAME_SIZE)
    name_at = (s.MARGIN + s.LOGO_SIZE + 28, s.LOGO_TOP + s.LOGO_SIZE // 2)
    draw.text(name_at, look.site_name, font=name_font, fill=255, anchor="lm")
    bar = (s.MARGIN, s.BAR_TOP, s.MARGIN + s.BAR_WIDTH - 1, s.BAR_TOP + s.BAR_HEIGHT - 1)
    draw.rectangle(bar, fill=255)
    size, lines = s.title_layout(" ".join(title.split()), look.font)
    font = ImageFont.truetype(io.BytesIO(look.font), size)
    for number, line in enumerate(lines):
        top = s.TITLE_TOP + round(number * size * s.LINE_HEIGHT)
        draw.text((s.MARGIN, top), line, font=font, fill=255, anchor="la")
    shades = s.TEXT_SHADES - 1
    text_colours = [
        round(b + (t - b) * shade / shades)
        for shade in range(s.TEXT_SHADES)
        for b, t in zip(background, text, strict=True)
    ]
    card = PILImage.frombytes("P", coverage.size, coverage.point(s.SHADES).tobytes())
    logo, logo_colours = s.logo_tile(look.logo, background)
    card.paste(PILImage.frombytes("P", (s.LOGO_SIZE, s.LOGO_SIZE), logo), (s.MARGIN, s.LOGO_TOP))
    card.putpalette(text_colours + logo_colours)
    return card.convert("RGB")


@pytest.mark.unit
@pytest.mark.parametrize(
    "title",
    [
        "Acne",
        "Ácido glicólico: ¿Qué es? ÑANDÚ Ångström",  # accents above the first line
        "Why dry skin happens: a quick guide to jojoba, gypsy",  # three lines, the last one low
        "Sun protection in Arizona: what every patient should know before summer " * 3,
        "Marks stacked below the line: ç̣̣̣̣ q̧̧",  # below the descent
        "",
    ],
)
def test_a_card_drawn_band_by_band_shows_the_pixels_of_one_drawn_whole(title):
    look = design()
    with PILImage.open(io.BytesIO(sharecards.draw_card(title, look))) as card:
        quick = card.convert("RGB")
    assert quick.tobytes() == whole_card(title, look).tobytes()


@pytest.mark.unit
def test_a_long_title_is_cut_at_three_lines_with_an_ellipsis():
    def measure(text: str) -> float:
        return len(text) * 10.0

    lines, fits = sharecards.wrap("word " * 40, measure, 100, 3)
    assert not fits
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert all(measure(line) <= 100 for line in lines)
    assert sharecards.wrap("two words", measure, 100, 3) == (["two words"], True)
    assert sharecards.wrap("unbreakableword", measure, 50, 3) == (["unbre", "akabl", "eword"], True)


@pytest.mark.unit
def test_reckoning_lines_from_word_widths_breaks_them_as_measuring_each_line_does():
    """The quick wrap (words measured once, whole lines only when close) gives the lines
    that measuring every candidate line gives, in the card's font at each of its sizes."""
    import random

    font = sharecards.FONT_FILE.read_bytes()
    words = [
        "AVAILABLE",
        "To",
        "Wave",
        "yellow",
        "skin",
        "care",
        "acne",
        "rosacea",
        "Tú",
        "Año",
        "dermatología",
        "jojoba",
        "microdermabrasion,",
        "laser:",
        "peel",
        "(FAQ)",
        "—",
        "what's",
        "new?",
        "“quoted”",
        "V.A.",
        "Ty",
        "Yo",
        "LT",
        "Wo",
    ]
    pick = random.Random(7)
    titles = [" ".join(pick.choice(words) for _ in range(pick.randint(1, 16))) for _ in range(150)]
    width = sharecards.WIDTH - 2 * sharecards.MARGIN
    for size in sharecards.TITLE_SIZES:
        measure = ImageFont.truetype(io.BytesIO(font), size).getlength
        quick = ImageFont.truetype(io.BytesIO(font), size).getlength
        slack = sharecards.KERNING_SLACK * size
        for title in titles:
            expected = sharecards.wrap(title, measure, width, sharecards.TITLE_LINES)
            assert sharecards.wrap(title, measure, width, 3, quick, slack) == expected, title


@pytest.mark.unit
def test_the_text_reads_on_the_theme_colours():
    palette = design().palette
    assert sharecards.contrast_ratio(palette.text, palette.background) >= 4.5
    pale = sharecards.readable(sharecards.Palette(background="#7fd3d9", text="#ffffff"))
    assert pale.text == "#000000"
    assert sharecards.contrast_ratio(pale.text, pale.background) >= 4.5


def _page(image: Image | None, title: str = "Chemical peels") -> PageInfo:
    return PageInfo(
        kind="page",
        path="peels/",
        title=title,
        html_title=title,
        description="",
        breadcrumbs=(),
        image=image,
    )


@pytest.mark.unit
def test_a_pages_own_picture_is_cropped_to_fill_the_card(tmp_path):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    PILImage.new("RGB", (900, 900), (200, 120, 90)).save(content / "images" / "peel.jpg")
    PILImage.new("RGB", (1200, 630), (20, 40, 60)).save(content / "images" / "wide.png")
    cards = sharecards.ShareCards(tmp_path / "output", None, content, design(), "en-US")

    picture = Image(path="images/peel.jpg", width=900, height=900, alt="A chemical peel")
    card = cards.image_for(_page(picture))
    assert (card.width, card.height, card.alt) == (1200, 630, "A chemical peel")
    assert card.path.startswith("images/cards/")
    assert card.path.endswith(".jpg")
    with PILImage.open(tmp_path / "output" / card.path) as image:
        assert image.size == (1200, 630)

    PILImage.new("RGBA", (800, 800), (20, 90, 100, 255)).save(content / "images" / "room.png")
    room = Image(path="images/room.png", width=800, height=800, alt="A treatment room")
    card = cards.image_for(_page(room))
    assert card.path.endswith(".png")
    with PILImage.open(tmp_path / "output" / card.path) as image:
        assert image.size == (1200, 630)
        assert image.getpixel((600, 315))[:3] == (20, 90, 100)

    wide = Image(path="images/wide.png", width=1200, height=630, alt="A treatment room")
    assert cards.image_for(_page(wide)) == wide  # already the card's size: shared as it is

    drawn = cards.image_for(_page(None))
    assert drawn.alt == "Chemical peels — Spectrum Dermatology"
    assert not (tmp_path / "output" / drawn.path).exists()  # drawn at the build's end
    for job in sharecards.pending([cards]):
        sharecards.draw_pending(job)
    assert (tmp_path / "output" / drawn.path).is_file()
    # A drawing (SVG) or a decorative picture (no alt) is not a card: the title is drawn.
    svg = Image(path="images/peel.svg", width=600, height=400, alt="A drawing of a peel")
    decorative = Image(path="images/peel.jpg", width=900, height=900, alt="")
    assert cards.image_for(_page(svg)) == drawn
    assert cards.image_for(_page(decorative)) == drawn


LONG_QUESTION = (
    "¿Realmente necesito microdermoabrasión en el consultorio si hay opciones para hacerla "
    "en casa con los aparatos y las cremas que se venden en todas las farmacias del país?"
)


def balanced(text: str) -> bool:
    """Every "¿" and "¡" closed after it, in order."""
    return sharecards.closing_marks(text) == ""


@pytest.mark.unit
@pytest.mark.parametrize(
    ("title", "closer"),
    [
        (LONG_QUESTION, "?"),
        ("¡" + LONG_QUESTION.removeprefix("¿").replace("?", "!"), "!"),
        ("Microdermoabrasión: " + LONG_QUESTION, "?"),  # the question opens mid-title
    ],
)
def test_a_cut_spanish_title_closes_the_question_it_opened(title, closer):
    """The card's last line ends "…?" (or "…!"), within the card's width."""
    font = sharecards.FONT_FILE.read_bytes()
    size, lines = sharecards.title_layout(title, font)
    assert len(lines) == sharecards.TITLE_LINES
    assert lines[-1].endswith("…" + closer)
    assert balanced(" ".join(lines))
    width = sharecards.WIDTH - 2 * sharecards.MARGIN
    measure = ImageFont.truetype(io.BytesIO(font), size).getlength
    assert all(measure(line) <= width for line in lines)


@pytest.mark.unit
def test_a_title_that_fits_or_closes_its_marks_gets_none_added():
    font = sharecards.FONT_FILE.read_bytes()
    _, lines = sharecards.title_layout("¿Duele la microdermoabrasión?", font)
    assert lines == ["¿Duele la", "microdermoabrasión?"]
    assert sharecards.closing_marks("¿Qué es? ¡Pida una cita!") == ""
    assert sharecards.closing_marks("¿Por qué ¡ahora") == "!?"
    assert sharecards.closing_marks("word " * 3) == ""
    lines, fits = sharecards.wrap("¿" + "word " * 40, lambda text: len(text) * 10.0, 100, 3)
    assert not fits
    assert lines[-1].endswith("…?")
    assert len(lines[-1]) * 10.0 <= 100
