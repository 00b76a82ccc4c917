"""Questions and answers on treatment pages: disclosures in the page, a FAQPage in its graph,
and the content rules for the Markdown convention (faq.py, README "Questions and answers")."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from test_faq_unit import BASE_URL, TREATMENT

from checks.schema_vocab import Vocabulary, check_document, extract_documents
from clinic.core.problems import ContentError
from support import ROOT, build, text_of

PAGES = {
    "en": ("treatments/microdermabrasion/", "Questions"),
    "es": ("es/tratamientos/microdermoabrasion/", "Preguntas"),
}


SOURCES = {
    "en": ROOT / "content" / "pages" / "treatments" / "microdermabrasion.md",
    "es": ROOT / "content" / "es" / "pages" / "tratamientos" / "microdermoabrasion.md",
}


def written_questions(lang: str) -> list[str]:
    """The `###` headings the writer put under the questions heading, as written."""
    text = SOURCES[lang].read_text(encoding="utf-8")
    section = text.split(f"\n## {PAGES[lang][1]}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^### (.+)$", section, flags=re.MULTILINE)


def questions_section(page: BeautifulSoup, heading: str):
    """The section's h2 in the page's main text, and the elements after it up to the next h2."""
    [h2] = [h2 for h2 in page.select("main article .prose h2") if text_of(h2) == heading]
    following = []
    for sibling in h2.find_next_siblings():
        if sibling.name == "h2":
            break
        following.append(sibling)
    return h2, following


def graph_nodes(page: BeautifulSoup) -> dict[str, dict]:
    [document] = extract_documents(str(page))
    assert check_document(document, Vocabulary.load()) == []
    return {node["@id"]: node for node in document["@graph"] if "@id" in node}


@pytest.mark.parametrize("lang", PAGES)
def test_each_question_is_a_closed_disclosure_under_the_sections_heading(site, lang):
    path, heading = PAGES[lang]
    page = site.page(path)
    h2, section = questions_section(page, heading)
    assert section, "no disclosures after the heading"
    assert [element.name for element in section] == ["details"] * len(section)
    assert 4 <= len(section) <= 6
    # Each summary reads exactly as the question the writer wrote.
    assert [text_of(details.summary) for details in section] == written_questions(lang)
    for details in section:
        summary = details.find("summary", recursive=False)
        assert details.find(recursive=False) is summary  # the summary comes first
        assert summary.find(["h1", "h2", "h3", "h4", "h5", "h6", "p", "div"]) is None
        answer = [child for child in details.find_all(recursive=False) if child is not summary]
        assert answer
        assert all(child.name in {"p", "ul", "ol"} for child in answer)
        assert not details.has_attr("open")  # closed until the reader opens it
    # The outline stays as written: no question is left as a heading, none is an h2.
    assert page.select("main article .prose h3") == []
    assert not h2.find_parent("article").select("details script, details [onclick]")


@pytest.mark.parametrize("lang", PAGES)
def test_answers_keep_their_lists_and_links(site, lang):
    path, heading = PAGES[lang]
    _, section = questions_section(site.page(path), heading)
    last = section[-1]
    assert len(last.select("ul > li")) == 2
    [link] = last.select("a[href]")
    # The contact page: the answer stands when the seed article is gone (another clinic's).
    assert link["href"] == ("/contact/" if lang == "en" else "/es/contacto/")
    assert site.file_for(link["href"]).is_file()


def test_the_english_and_spanish_pages_ask_the_same_number_of_questions(site):
    counts = {
        lang: len(questions_section(site.page(path), heading)[1])
        for lang, (path, heading) in PAGES.items()
    }
    assert counts["en"] == counts["es"]


@pytest.mark.parametrize("lang", PAGES)
def test_the_faqpage_asks_the_pages_questions_with_its_answers(site, lang):
    path, heading = PAGES[lang]
    page = site.page(path)
    _, section = questions_section(page, heading)
    nodes = graph_nodes(page)
    web_page = nodes[f"{BASE_URL}/{path}#webpage"]
    faq = nodes[f"{BASE_URL}/{path}#faq"]
    assert faq["@type"] == "FAQPage"
    assert faq["isPartOf"] == {"@id": web_page["@id"]}
    assert web_page["hasPart"] == {"@id": faq["@id"]}
    assert web_page["mainEntity"]["@id"].endswith("#procedure")  # still the treatment
    assert faq["inLanguage"] == web_page["inLanguage"] == ("es-US" if lang == "es" else "en-US")
    shown = [text_of(details.summary) for details in section]
    asked = [question["name"] for question in faq["mainEntity"]]
    assert asked == shown
    for details, question in zip(section, faq["mainEntity"], strict=True):
        assert question["@type"] == "Question"
        answer = question["acceptedAnswer"]
        assert answer["@type"] == "Answer"
        visible = " ".join(text_of(child) for child in details.find_all(recursive=False)[1:])
        assert text_of(BeautifulSoup(answer["text"], "html.parser")) == visible


def test_the_faqpage_answer_keeps_the_html_google_reads_with_absolute_links(site):
    page = site.page(PAGES["en"][0])
    faq = graph_nodes(page)[f"{BASE_URL}/{PAGES['en'][0]}#faq"]
    answer = BeautifulSoup(faq["mainEntity"][-1]["acceptedAnswer"]["text"], "html.parser")
    assert [element.name for element in answer.find_all(recursive=False)] == ["p", "ul", "p"]
    [link] = answer.find_all("a")
    assert link["href"] == f"{BASE_URL}/contact/"
    assert answer.find("span") is None


def test_a_page_without_questions_has_no_faqpage(site):
    nodes = graph_nodes(site.page("blog/in-office-vs-diy-microdermabrasion/"))
    assert not [node for node in nodes.values() if node["@type"] == "FAQPage"]


def test_the_spanish_heading_is_checked_in_spanish_pages(content, tmp_path):
    spanish = content / "es" / "pages" / "tratamientos" / "peeling.md"
    spanish.write_text(
        TREATMENT.replace("treatments/chemical-peel", "es/tratamientos/peeling").replace(
            "Slug: chemical-peel", "Slug: peeling\nLang: es"
        )
        + "## Preguntas\n\n### ¿Duele?\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as raised:
        build(tmp_path / "output", content=content)
    [problem] = raised.value.problems
    assert str(problem).endswith(
        "peeling.md:15: the question '¿Duele?' has no answer; "
        "fix: write its answer below it, before the next heading"
    )


def test_an_article_may_have_a_questions_heading_of_its_own(content, tmp_path):
    """The convention is the treatment pages': elsewhere `## Questions` is a plain heading."""
    article = content / "articles" / "questions.md"
    article.write_text(
        "Title: Your questions\nDate: 2025-02-01 10:00\nCategory: Skin Care\n"
        "Summary: Questions.\nAuthor: Spectrum Dermatology\n\n## Questions\n\nWe answer them.\n",
        encoding="utf-8",
    )
    site = build(tmp_path / "output", content=content)
    page = site.page("blog/your-questions/")
    assert page.find("details") is None
    assert [text_of(h2) for h2 in page.select("main article h2")][:1] == ["Questions"]
