"""The Spanish edition, finished (issue #28): each test reads the real content's pages
as built, in Spanish words, punctuation and forms of address."""

from __future__ import annotations

import copy
import json
import re

import pytest

from support import ROOT, build, parse, text_of

ARTICLE_ES = "es/blog/microdermoabrasion-en-consultorio-o-en-casa/"
PROVIDER_ES = "es/providers/dr-example/"


def graph_of(page) -> list[dict]:
    return json.loads(page.select_one('script[type="application/ld+json"]').string)["@graph"]


def spanish_pages(site):
    return [path for path in site.html_files() if path.relative_to(site.root).parts[0] == "es"]


def test_the_providers_description_is_spanish(site):
    """The meta description of a Spanish profile was "<name>, <title> at <clinic>."."""
    spanish = site.page(PROVIDER_ES).select_one('meta[name="description"]')["content"]
    assert " at " not in spanish
    assert spanish == (
        "Dr. Alex Example, MD, FAAD, de Spectrum Dermatology. "
        "Especialista en dermatología con certificación del consejo."
    )
    english = site.page("providers/dr-example/").select_one('meta[name="description"]')
    assert english["content"].endswith(" at Spectrum Dermatology.")


def test_spanish_pages_say_board_certified_and_contact_naturally(site):
    """No calque of "board" ("junta") nor "Contacte" on a Spanish page's text (the calls to
    action's texts, CLINIC_CTAS, are being rewritten apart and are not read here)."""
    for path in spanish_pages(site):
        page = parse(path)
        for cta in page.select(".cta"):
            cta.decompose()
        text = str(page)
        assert "Contacte" not in text, path
        assert "junta" not in text.lower(), path
        assert "certificación de la especialidad" not in text, path
    home = site.page("es/")
    assert "1 dermatólogo con certificación del consejo" in text_of(home)
    missing = site.page("es/404.html")
    assert "Comuníquese con la clínica" in [text_of(a) for a in missing.select("main a")]


def test_the_review_line_sets_the_day_apart_from_the_credentials(site):
    """`Revisión médica: Dr. …, MD, FAAD, el 2 de …`: a comma ends the credentials."""
    line = text_of(site.page(ARTICLE_ES).select_one(".reviewed"))
    assert re.fullmatch(
        r"Revisión médica: Dr\. Alex Example, MD, FAAD, el \d{1,2} de [a-z]+ de \d{4}", line
    ), line
    english = text_of(site.page("blog/in-office-vs-diy-microdermabrasion/").select_one(".reviewed"))
    assert re.fullmatch(
        r"Medically reviewed by Dr\. Alex Example, MD, FAAD on \w+ \d+, \d{4}", english
    )


@pytest.fixture(scope="module")
def dra(tmp_path_factory):
    """The real content, its provider addressed as "Dra." in the Spanish edition's data."""
    import pelicanconf

    editions = copy.deepcopy(pelicanconf.CLINIC_EDITIONS)
    provider = editions["es"]["CLINIC_PROVIDERS"]["dr-example"]
    provider["honorific_prefix"] = "Dra."
    provider["photo"] = {**provider["photo"], "alt": "Retrato de la Dra. Alex Example"}
    output = tmp_path_factory.mktemp("dra") / "output"
    return build(output, ROOT / "pelicanconf.py", CLINIC_EDITIONS=editions)


def test_the_form_of_address_is_the_providers_own_in_each_edition(dra):
    """Spanish pages name the provider with the Spanish data's prefix, English with theirs."""
    profile = dra.page(PROVIDER_ES)
    assert text_of(profile.h1) == "Dra. Alex Example, MD, FAAD"
    assert profile.title.string.startswith("Dra. Alex Example, MD, FAAD |")
    assert profile.select_one('meta[name="description"]')["content"].startswith("Dra. Alex")
    assert text_of(dra.page(ARTICLE_ES).select_one(".reviewed")).startswith(
        "Revisión médica: Dra. Alex Example"
    )
    assert "Dra. Alex Example, MD, FAAD" in text_of(dra.page("es/providers/"))
    for page in (profile, dra.page(ARTICLE_ES)):
        person = next(node for node in graph_of(page) if node["@id"].endswith("#person"))
        assert person["honorificPrefix"] == "Dra."
    for path in spanish_pages(dra):
        assert "Dr. Alex" not in path.read_text(encoding="utf-8"), path
    english = dra.page("providers/dr-example/")
    assert text_of(english.h1) == "Dr. Alex Example, MD, FAAD"
    person = next(node for node in graph_of(english) if node["@id"].endswith("#person"))
    assert person["honorificPrefix"] == "Dr."


def test_a_translated_page_names_its_translations_locale(site):
    """og:locale:alternate: the other edition's locale, on pages with a translation only."""

    def alternates(address: str) -> list[str]:
        page = site.page(address)
        return [m["content"] for m in page.select('meta[property="og:locale:alternate"]')]

    for address in ("", "blog/in-office-vs-diy-microdermabrasion/", "providers/dr-example/"):
        assert alternates(address) == ["es_US"], address
    for address in ("es/", ARTICLE_ES, PROVIDER_ES, "es/contacto/"):
        assert alternates(address) == ["en_US"], address
        assert site.page(address).select_one('meta[property="og:locale"]')["content"] == "es_US"
    assert alternates("blog/tag/exfoliation/") == []  # no Spanish version


def test_each_editions_feeds_are_its_own(published):
    """Spanish feeds: their own id, their site as the alternate link, xml:lang in Spanish;
    the English feeds keep their id and link, in English."""
    from xml.etree import ElementTree

    atom = "{http://www.w3.org/2005/Atom}"
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    base = published.settings["SITEURL"] + "/"

    def feeds(folder: str) -> dict[str, ElementTree.Element]:
        return {
            path.name: ElementTree.parse(path).getroot()
            for path in sorted((published.root / folder).glob("*.xml"))
        }

    english, spanish = feeds("feeds"), feeds("es/feeds")
    assert "all.atom.xml" in english
    assert "all.atom.xml" in spanish
    assert len(spanish) >= 2  # the category's too
    english_ids = {feed.findtext(f"{atom}id") for feed in english.values()}
    assert english_ids == {base}
    for feed in english.values():
        assert feed.get(lang) == "en-US"
        assert feed.find(f"{atom}link[@rel='alternate']").get("href") == base
    for name, feed in spanish.items():
        assert feed.get(lang) == "es-US", name
        assert feed.find(f"{atom}link[@rel='alternate']").get("href") == base + "es/"
        self_link = feed.find(f"{atom}link[@rel='self']").get("href")
        assert self_link == f"{base}es/feeds/{name}"
        assert feed.findtext(f"{atom}id") == self_link


def test_a_spanish_share_card_cut_short_closes_its_question(published):
    """The Spanish article's title is too long for its card: the card drawn in production
    is the one whose last line ends "…?", not with a "¿" left open."""
    from clinic.pages import sharecards

    page = published.page(ARTICLE_ES)
    title = page.select_one('meta[property="og:title"]')["content"]
    card = page.select_one('meta[property="og:image"]')["content"]
    assert f"/{sharecards.CARDS_DIR}/" in card
    from clinic.pages.brand import card_logo
    from clinic.settings.validation import validate

    site = validate(published.settings)
    design = sharecards.brand_design(site, card_logo(site.logo.path, site.brand, ROOT, None))
    _, lines = sharecards.title_layout(title, design.font)
    assert lines[-1].endswith("…?"), lines  # the real title is cut
    assert sharecards.closing_marks(" ".join(lines)) == ""
    drawn = published.file_for(card.removeprefix(published.settings["SITEURL"]))
    assert drawn.read_bytes() == sharecards.draw_card(title, design)


@pytest.mark.parametrize("build_name", ["site", "published"])
def test_spanish_pages_describe_the_default_share_image_in_spanish(build_name, request):
    """The default share image's Spanish words reach og:image:alt and twitter:image:alt on
    every Spanish page that shares it, in development and production builds alike."""
    built = request.getfixturevalue(build_name)
    english_alt = "Spectrum Dermatology: dermatology in Scottsdale, Arizona"
    spanish_alt = "Spectrum Dermatology: dermatología en Scottsdale, Arizona"
    default_shown = 0
    for path in spanish_pages(built):
        page = parse(path)
        image = page.select_one('meta[property="og:image"]')
        if image is None:
            continue
        alts = {
            page.select_one('meta[property="og:image:alt"]')["content"],
            page.select_one('meta[name="twitter:image:alt"]')["content"],
        }
        assert english_alt not in alts, path
        if image["content"].endswith("/images/share-es.png"):
            assert alts == {spanish_alt}, path
            default_shown += 1
    assert default_shown >= 3  # the home page and the lists, at least
    home = built.page("")
    assert home.select_one('meta[name="twitter:image:alt"]')["content"] == english_alt


@pytest.mark.parametrize("build_name", ["site", "published"])
def test_the_root_404_speaks_both_editions_languages(build_name, request):
    """GitHub Pages serves the root 404.html for a missing /es/ address too: English first,
    then Spanish, each in its own `lang`, each with a link to its edition's home."""
    built = request.getfixturevalue(build_name)
    base = built.settings["SITEURL"]
    parts = built.page("404.html").select("main > [lang]")
    assert [part["lang"] for part in parts] == ["en-US", "es-US"]
    english, spanish = parts
    assert text_of(english.h1) == "Page not found"
    assert text_of(spanish.h2) == "Página no encontrada"
    assert "Lo sentimos, no encontramos esa página" in text_of(spanish)
    assert f"{base}/" in [a["href"] for a in english.select("a")]
    links = {text_of(a): a["href"] for a in spanish.select("a")}
    assert links["Página de inicio"] == f"{base}/es/"
    assert links["Comuníquese con la clínica"] == f"{base}/es/contacto/"
    assert "Search" not in text_of(spanish)
    # The Spanish edition's own 404, for hosts that serve one per folder: Spanish alone.
    own = built.page("es/404.html")
    assert own.html["lang"] == "es-US"
    assert [part["lang"] for part in own.select("main > [lang]")] == ["es-US"]
    assert text_of(own.h1) == "Página no encontrada"
