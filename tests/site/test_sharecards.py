"""Share cards: every article, page, treatment and provider page shares a 1200×630 picture
of its own, described in its language, drawn once and then copied from the cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image as PILImage

import pelicanconf
from clinic.pages import sharecards
from support import ROOT, build, parse

BASE = pelicanconf.PRODUCTION_SITEURL


CARD_PAGES = {
    "article": "blog/in-office-vs-diy-microdermabrasion/",
    "page": "about/",
    "treatment": "treatments/microdermabrasion/",
    "provider": "providers/dr-example/",
    "Spanish article": "es/blog/microdermoabrasion-en-consultorio-o-en-casa/",
    "Spanish page": "es/sobre-nosotros/",
    "Spanish treatment": "es/tratamientos/microdermoabrasion/",
    "Spanish provider": "es/providers/dr-example/",
}


def share_tags(page) -> dict[str, str]:
    tags = page.find_all("meta", attrs={"property": True}) + page.find_all(
        "meta", attrs={"name": True}
    )
    return {tag.get("property") or tag["name"]: tag["content"] for tag in tags}


def card_file(site, url: str) -> Path:
    assert url.startswith(f"{BASE}/images/cards/"), url
    return site.root / url.removeprefix(f"{BASE}/")


@pytest.mark.parametrize("address", CARD_PAGES.values(), ids=CARD_PAGES.keys())
def test_each_page_shares_a_card_of_its_own(published, address):
    tags = share_tags(published.page(address))
    path = card_file(published, tags["og:image"])
    with PILImage.open(path) as card:
        assert (card.format, card.size) == ("PNG", (1200, 630))
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:alt"].startswith(tags["og:title"])
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:image"] == tags["og:image"]
    assert tags["twitter:image:alt"] == tags["og:image:alt"]


def test_a_page_without_a_picture_names_its_card_as_its_image_in_the_graph(published):
    """Search engines read the JSON-LD: the page's image is its card, not the site's."""
    import json

    page = published.page(CARD_PAGES["article"])
    graph = json.loads(page.find("script", type="application/ld+json").string)["@graph"]
    nodes = {node["@id"]: node for node in graph}
    web_page = next(node for node in graph if "primaryImageOfPage" in node)
    image = nodes[web_page["primaryImageOfPage"]["@id"]]
    assert image["url"] == share_tags(page)["og:image"]
    assert (image["width"], image["height"]) == (1200, 630)
    posting = next(node for node in graph if node["@type"] == "BlogPosting")
    assert posting["image"] == {"@id": image["@id"]}


def test_a_spanish_card_is_drawn_and_described_in_spanish(published):
    page = published.page("es/sobre-nosotros/")
    tags = share_tags(page)
    assert page.html["lang"].startswith("es")
    assert tags["og:image:alt"] == "Sobre Spectrum Dermatology — Spectrum Dermatology"
    english = share_tags(published.page("about/"))
    assert english["og:image:alt"] == "About Spectrum Dermatology — Spectrum Dermatology"
    assert tags["og:image"] != english["og:image"]


def test_two_titles_give_two_cards(published):
    about = share_tags(published.page("about/"))["og:image"]
    privacy = share_tags(published.page("privacy/"))["og:image"]
    assert about != privacy
    assert card_file(published, about).read_bytes() != card_file(published, privacy).read_bytes()


def test_the_home_page_and_lists_share_the_editions_drawn_picture(published):
    """The default share image is drawn for each edition, in its words: a card with the
    site's name and logo above its tagline (the Spanish one in Spanish)."""
    from PIL import Image

    for address, lang in (("", "en"), ("blog/", "en"), ("es/", "es"), ("es/blog/", "es")):
        assert share_tags(published.page(address))["og:image"].endswith(f"/images/share-{lang}.png")
    english = (published.root / "images" / "share-en.png").read_bytes()
    spanish = (published.root / "images" / "share-es.png").read_bytes()
    assert english != spanish
    for drawn in ("share-en.png", "share-es.png"):
        with Image.open(published.root / "images" / drawn) as image:
            assert image.size == (1200, 630)


def test_no_half_written_card_is_left_behind(published):
    cards = list((published.root / "images" / "cards").iterdir())
    assert cards
    assert all(path.suffix == ".png" and not path.name.startswith(".") for path in cards)


def test_a_rebuild_copies_the_cached_cards_instead_of_drawing_them(tmp_path, monkeypatch):
    drawn = tmp_path / "drawn.txt"  # both page-writing processes append to it
    draw = sharecards.draw_card

    def counting(title, card_design):
        with drawn.open("a", encoding="utf-8") as log:
            log.write(title + "\n")
        return draw(title, card_design)

    monkeypatch.setattr(sharecards, "draw_card", counting)
    cache = {
        "CACHE_CONTENT": True,
        "CACHE_PATH": str(tmp_path / "cache"),
        "CLINIC_SHARE_CARDS": True,
    }
    first = build(tmp_path / "first", **cache)
    assert "About Spectrum Dermatology" in drawn.read_text(encoding="utf-8").splitlines()
    assert list((tmp_path / "cache" / "cards").glob("*.png"))
    drawn.unlink()

    second = build(tmp_path / "second", **cache)
    assert not drawn.exists()
    names = sorted(p.name for p in (first.root / "images" / "cards").iterdir())
    assert names == sorted(p.name for p in (second.root / "images" / "cards").iterdir())
    for name in names:
        a = (first.root / "images" / "cards" / name).read_bytes()
        assert a == (second.root / "images" / "cards" / name).read_bytes()


def test_a_drafts_card_never_reaches_the_published_site(content, tmp_path):
    """Cards are drawn ahead, from every file's title, into the cache only: the published
    cards are exactly those the published pages share, so a draft's (or an expired
    page's) title is never published in a picture."""
    draft = content / "articles" / "secret-plans.md"
    draft.write_text(
        "Title: Secret plans for next year\nDate: 2025-01-20\nCategory: Clinic News\n"
        "Summary: Not yet.\nStatus: draft\n\nNot for patients yet.\n",
        encoding="utf-8",
    )
    cache = {"CACHE_CONTENT": True, "CACHE_PATH": str(tmp_path / "cache")}
    site = build(tmp_path / "out", ROOT / "publishconf.py", content, **cache)
    shared = set()
    for page in site.html_files():
        for tag in parse(page).find_all("meta", attrs={"property": "og:image"}):
            shared.add(tag["content"].rsplit("/", 1)[-1])
    published = {path.name for path in (site.root / "images" / "cards").iterdir()}
    assert published <= shared
    assert len(published) >= len(CARD_PAGES)


def test_a_development_build_draws_no_card(site):
    """`make html` shares the page's own picture or the site's: cards are for publishing."""
    assert not (site.root / "images" / "cards").exists()
    tags = share_tags(site.page("about/"))
    assert tags["og:image"].endswith("/images/share-en.png")
    assert (site.root / "images" / "share-en.png").is_file()


def test_the_builds_cards_are_not_saved_with_the_content_cache(published):
    """The share cards (font and logo included) ride in the build's context, which
    Pelican's content cache pickles with the settings: they are left out of it."""
    import dataclasses
    import pickle

    # As the cache saves it: when the files are read, before the pages' images are known.
    build = dataclasses.replace(published.settings["CLINIC_BUILD"], image_settings=None)
    assert build.cards is not None  # a production build has them
    saved = pickle.dumps(build)
    assert pickle.loads(saved).cards is None
    assert len(saved) < len(build.cards.design.font) / 4
