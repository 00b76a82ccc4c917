"""Pictures from metadata: `Image:`/`Image_Alt:` on articles and pages, providers' photos,
the home page's photo; each shown in its role, sized, and loaded when it is needed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image as PILImage
from test_pictures_unit import article

from clinic.rendering.pictures import (
    PHONE_MEDIA,
    ROLES,
)
from support import ROOT, build, built_once, text_of


@pytest.fixture(scope="session")  # built once for the test run, all workers
def site(tmp_path_factory):
    """The real content, with a photo (a JPEG) on a second article."""

    def write(content: Path) -> None:
        shutil.copytree(ROOT / "content", content)
        photo = PILImage.new("RGB", (1600, 1000), (180, 120, 90))
        photo.paste((20, 90, 100), (600, 300, 1000, 700))
        photo.save(content / "images" / "room.jpg", quality=90)
        (content / "articles" / "photo.md").write_text(
            article("photo", "Image: {static}/images/room.jpg\nImage_Alt: A treatment room\n"),
            encoding="utf-8",
        )

    return built_once(tmp_path_factory, "pictures", ROOT / "pelicanconf.py", write)


def test_a_page_leads_with_its_picture_sized_and_described(site):
    page = site.page("treatments/microdermabrasion/")
    lead = page.find("article").find(class_="picture-lead")
    assert lead.name == "img"
    assert lead["alt"] == "Drawing of a diamond-tipped microdermabrasion wand over the skin"
    assert lead["fetchpriority"] == "high"
    assert not lead.get("loading")
    assert (int(lead["width"]), int(lead["height"])) == (1200, 900)
    assert lead["src"].endswith("/images/placeholders/microdermabrasion.svg")
    assert (site.root / "images" / "placeholders" / "microdermabrasion.svg").is_file()


def test_an_article_without_a_picture_shows_none(site):
    page = site.page("blog/in-office-vs-diy-microdermabrasion/")
    assert not page.find(class_="picture")
    assert page.find("article").find("h1")


def test_a_photo_is_offered_in_avif_and_webp_at_each_size(site):
    page = site.page("blog/photo/")
    picture = page.find("picture", class_="picture-lead")
    types = [source["type"] for source in picture.find_all("source")]
    assert types == ["image/avif", "image/webp"]
    img = picture.find("img")
    assert img["alt"] == "A treatment room"
    for source in picture.find_all("source"):
        for candidate in source["srcset"].split(", "):
            url, width = candidate.split(" ")
            written = site.file_for(url)
            with PILImage.open(written) as opened:
                assert opened.format == source["type"].split("/")[1].upper()
                assert opened.size[0] == int(width.removesuffix("w"))
                assert abs(opened.size[0] / opened.size[1] - 1.6) < 0.01  # the photo's own shape
    with PILImage.open(site.file_for(img["src"])) as opened:
        assert opened.size == (int(img["width"]), int(img["height"]))


def test_lists_show_a_lazy_four_by_three_thumbnail(site):
    listing = site.page("blog/")
    item = next(a for a in listing.select(".article-list article") if "photo" in str(a))
    card = item.find("picture", class_="picture-card")
    img = card.find("img")
    assert img["loading"] == "lazy"
    assert int(img["width"]) * 3 == int(img["height"]) * 4
    with PILImage.open(site.file_for(img["src"])) as opened:
        assert opened.size == (int(img["width"]), int(img["height"]))


def test_the_home_page_shows_the_clinic_its_treatments_and_its_faces(site):
    home = site.page("")
    hero = home.find("section", class_="hero").find(class_="picture-hero")
    assert hero["fetchpriority"] == "high"
    assert hero["alt"] == "The clinic's front entrance in the morning light"
    treatments = home.find(id="treatments-heading").find_parent("section")
    assert "Microdermabrasion" in text_of(treatments)
    assert treatments.find(class_="picture-card")["loading"] == "lazy"
    team = home.find(id="team-heading").find_parent("section")
    face = team.find(class_="picture-face")
    assert face["alt"] == "Portrait of Dr. Alex Example"
    assert face["width"] == face["height"]
    assert "Speaks English and Spanish" in text_of(team)
    assert home.find("a", string="Map and directions")["href"].startswith(
        "https://www.openstreetmap.org/"
    )
    trust = [text_of(li) for li in home.select(".trust li")]
    assert trust[0] == "1 board-certified dermatologist"
    assert "Care in English and Spanish" in trust
    assert len(home.find_all(attrs={"fetchpriority": "high"})) == 1


def test_spanish_pages_describe_their_pictures_in_spanish(site):
    home = site.page("es/")
    assert home.find(class_="picture-hero")["alt"].startswith("La entrada de la clínica")
    assert home.find(class_="picture-face")["alt"] == "Retrato del Dr. Alex Example"
    assert "Habla inglés y español" in text_of(home)


def test_a_page_without_a_picture_is_complete_without_one(site):
    page = site.page("about/")
    assert not page.find(class_="picture")
    assert page.find("h1")


def test_a_decorative_picture_has_empty_alt_text(content, tmp_path):
    PILImage.new("RGB", (1600, 1000), (90, 120, 200)).save(content / "images" / "plain.png")
    (content / "articles" / "plain.md").write_text(
        article("plain", "Image: {static}/images/plain.png\nImage_Alt: decorative\n"),
        encoding="utf-8",
    )
    site = build(tmp_path / "output", content=content)
    lead = site.page("blog/plain/").find(class_="picture-lead")
    assert lead.find("img")["alt"] == ""


def test_the_home_photo_is_cut_for_phones_and_for_wider_screens(content, tmp_path):
    photo = PILImage.new("RGB", (2000, 1400), (200, 160, 130))
    photo.save(content / "images" / "front.jpg", quality=90)
    hero = {"path": "images/front.jpg", "alt": "The clinic's front door"}
    site = build(tmp_path / "output", content=content, CLINIC_HERO_IMAGE=hero)
    picture = site.page("").find("section", class_="hero").find("picture")
    sources = picture.find_all("source")
    assert [(s["type"], s.get("media")) for s in sources] == [
        ("image/avif", PHONE_MEDIA),
        ("image/webp", PHONE_MEDIA),
        ("image/avif", None),
        ("image/webp", None),
    ]
    for source, shape_wanted in zip(sources, [(4, 5), (4, 5), (16, 9), (16, 9)], strict=True):
        url = source["srcset"].split(", ")[-1].split(" ")[0]
        with PILImage.open(site.file_for(url)) as opened:
            width, height = opened.size
        assert abs(width / height - shape_wanted[0] / shape_wanted[1]) < 0.01
        assert (int(source["width"]), int(source["height"])) == (width, height)
    assert picture.find("img")["fetchpriority"] == "high"
    assert picture.find("img")["alt"] == "The clinic's front door"


def test_a_rebuild_copies_each_photos_sizes_from_the_cache(content, tmp_path):
    """Encoding AVIF is slow: the live preview's every save must not do it again. A size
    changed in the cache shows in the rebuild's output: it was copied, not encoded anew."""
    PILImage.new("RGB", (1600, 1000), (120, 160, 180)).save(content / "images" / "p.jpg")
    (content / "articles" / "p.md").write_text(
        article("p", "Image: {static}/images/p.jpg\nImage_Alt: A room\n"), encoding="utf-8"
    )
    cache = {"CACHE_CONTENT": True, "CACHE_PATH": str(tmp_path / "cache")}
    first = build(tmp_path / "first", content=content, **cache)
    files = sorted(p.relative_to(first.root) for p in (first.root / "derivatives").rglob("*.*"))
    assert len(files) == 2 * (len(ROLES["lead"].widths) + len(ROLES["card"].widths))
    kept = sorted((tmp_path / "cache" / "derivatives").glob("*.webp"))
    assert len(kept) == len(files) // 2
    marked = next(
        name for name in files if (first.root / name).read_bytes() == kept[0].read_bytes()
    )
    with PILImage.open(kept[0]) as size:
        red = PILImage.new("RGB", size.size, (255, 0, 0))
    red.save(kept[0], format="WEBP")
    changed = kept[0].read_bytes()

    second = build(tmp_path / "second", content=content, **cache)
    assert (second.root / marked).read_bytes() == changed
    for name in files:
        if name != marked:
            assert (first.root / name).read_bytes() == (second.root / name).read_bytes()


def test_a_provider_page_offers_the_next_step(site):
    """A patient who has read about a dermatologist can book or call from there."""
    for address, call in (("providers/dr-example/", "Call"), ("es/providers/dr-example/", "Llame")):
        aside = site.page(address).find("aside", class_="cta")
        assert aside.find("a", href="tel:+14805550100")
        assert text_of(aside.find("a", href="tel:+14805550100")).startswith(call)
