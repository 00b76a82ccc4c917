"""Whole builds of small synthetic sites (hostile metadata, CTA choices, lists), and the
content errors such a site's files get, found by the rules as the build runs them."""

from __future__ import annotations

import json

from test_content_rules_unit import article, write

from clinic.rendering.words import fill
from support import build, text_of

HOSTILE = "</script><script>alert('title')</script><!--"


HOSTILE_SUMMARY = "Fine & dandy </script><script>alert(1)</script> <b>bold</b>"


def test_hostile_metadata_is_escaped_everywhere(content, tmp_path):
    write(
        content,
        "hostile",
        article("hostile", title=HOSTILE, summary=HOSTILE_SUMMARY, extra="Tags: <img src=x>\n"),
    )
    site = build(tmp_path / "output", content=content)
    for path in site.html_files():
        raw = path.read_text(encoding="utf-8")
        assert raw.count("<script") == 1, path  # only the JSON-LD element
        assert "<img src=x>" not in raw, path
        assert "<b>bold</b>" not in raw, path
    page = site.page("blog/hostile/")
    assert page.title.string == f"{HOSTILE} | Spectrum Dermatology"
    # The heading is typeset (curly quotes, dashes) but keeps the markup as text.
    assert text_of(page.h1).startswith("</script><script>alert(")
    assert page.h1.find("script") is None
    assert page.find("meta", attrs={"name": "description"})["content"] == HOSTILE_SUMMARY
    script = page.find("script", type="application/ld+json")
    graph = json.loads(script.string)["@graph"]
    post = next(n for n in graph if n["@type"] == "BlogPosting")
    assert post["headline"] == HOSTILE
    assert post["description"] == HOSTILE_SUMMARY


def test_cta_none_removes_the_call_to_action(content, tmp_path):
    write(content, "no-cta", article("no-cta", extra="CTA: none\n"))
    site = build(tmp_path / "output", content=content)
    assert site.page("blog/no-cta/").find("aside") is None


def test_an_article_can_choose_another_cta(content, tmp_path):
    write(content, "visit", article("visit", extra="CTA: visit\n"))
    site = build(tmp_path / "output", content=content)
    aside = site.page("blog/visit/").find("aside", class_="cta")
    assert text_of(aside.h2) == "Talk to our team"


def test_the_default_cta_fits_any_article_and_the_seed_keeps_its_own(content, tmp_path):
    """The default call to action closes articles on any subject, so it speaks of none (it
    once was the seed's microdermabrasion text); the seed chooses that text by name. One
    build, both editions."""
    import pelicanconf

    write(content, "sunscreen", article("sunscreen", body="Wear it daily."))
    (content / "es" / "articles" / "protector.md").write_text(
        "Title: El protector solar\nDate: 2025-02-01 10:00\nCategory: Cuidado de la piel\n"
        "Slug: protector\nLang: es\nSummary: Un resumen breve.\n"
        "Author: Spectrum Dermatology\n\nÚselo todos los días.\n",
        encoding="utf-8",
    )
    site = build(tmp_path / "output", content=content)
    spanish = pelicanconf.CLINIC_EDITIONS["es"]["CLINIC_CTAS"]
    editions = [
        (pelicanconf.CLINIC_CTAS, "blog/sunscreen/", "blog/in-office-vs-diy-microdermabrasion/"),
        (spanish, "es/blog/protector/", "es/blog/microdermoabrasion-en-consultorio-o-en-casa/"),
    ]
    words = pelicanconf.CLINIC_WORDS  # "Contact {clinic} Today!": the clinic's name filled in
    for ctas, plain, seed in editions:
        general, own = ctas["consultation"], ctas["microdermabrasion"]
        general = {key: fill(str(value), words) for key, value in general.items()}
        own = {key: fill(str(value), words) for key, value in own.items()}
        aside = site.page(plain).find("aside", class_="cta")
        assert (text_of(aside.h2), text_of(aside.p)) == (general["heading"], general["text"])
        assert "microderm" not in text_of(aside).lower(), plain
        aside = site.page(seed).find("aside", class_="cta")
        assert (text_of(aside.h2), text_of(aside.p)) == (own["heading"], own["text"])
    assert text_of(aside.h2) == "¡Comuníquese hoy con Spectrum Dermatology!"


def test_a_category_default_applies(content, tmp_path):
    write(content, "cat", article("cat"))
    site = build(
        tmp_path / "output", content=content, CLINIC_CTA_BY_CATEGORY={"Skin Care": "visit"}
    )
    assert text_of(site.page("blog/cat/").find("aside").h2) == "Talk to our team"


def test_the_cta_marker_places_the_block_inside_the_body(content, tmp_path):
    body = "First paragraph.\n\n[[cta]]\n\nLast paragraph."
    write(content, "marker", article("marker", body=body))
    page = build(tmp_path / "output", content=content).page("blog/marker/")
    post = page.find("article")
    blocks = [child for child in post.children if getattr(child, "name", None)]
    names = [(b.name, " ".join(b.get("class", []))) for b in blocks]
    assert names[1:4] == [("div", "prose"), ("aside", "cta"), ("div", "prose")]
    assert text_of(blocks[1]) == "First paragraph."
    assert text_of(blocks[3]) == "Last paragraph."
    assert "[[cta]]" not in text_of(page.body)


def test_lists_paginate_with_working_links(content, tmp_path):
    for number in range(12):
        write(content, f"post-{number:02d}", article(f"post-{number:02d}", title=f"Post {number}"))
    site = build(tmp_path / "output", content=content)
    first, second = site.page(""), site.page("page/2/")
    assert len(first.select("ol.article-list > li")) == 10
    assert len(second.select("ol.article-list > li")) == 3  # 13 articles with the seed
    older = first.find("a", rel="next")
    assert older["href"] == "/page/2/"
    assert second.find("a", rel="prev")["href"] == "/"
    category = site.page("blog/category/skin-care/page/2/")
    assert len(category.select("ol.article-list > li")) == 2
    assert category.find("link", rel="canonical")["href"].endswith(
        "/blog/category/skin-care/page/2/"
    )
