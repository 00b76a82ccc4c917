"""Questions and answers on treatment pages: disclosures in the page, a FAQPage in its graph,
and the content rules for the Markdown convention (faq.py, README "Questions and answers")."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from clinic.core.problems import ContentError
from clinic.rendering.faq import Question, answer_markup, disclosures, markdown_sections
from support import build, text_of

BASE_URL = "https://www.spectrum-dermatology.example"


BODY = (
    "<p>Intro.</p>\n"
    "<h2>Who it suits</h2>\n<p>Most skins.</p>\n"
    "<h2>Questions</h2>\n<p>Ask us anything.</p>\n"
    '<h3 id="hurt">Does it <span class="caps">REALLY</span>&nbsp;hurt?</h3>\n'
    "<p>A light scratching.</p>\n<ul>\n<li>one</li>\n</ul>\n"
    '<h3>How long?</h3>\n<p>An <a href="/contact/">hour</a>.</p>\n'
    "<h2>Before and after</h2>\n<p>Sun care.</p>\n"
)


@pytest.mark.unit
def test_disclosures_turn_each_question_into_details_and_list_them():
    html, questions = disclosures(BODY, "Questions")
    assert questions == [
        Question("Does it REALLY hurt?", "<p>A light scratching.</p>\n<ul>\n<li>one</li>\n</ul>"),
        Question("How long?", '<p>An <a href="/contact/">hour</a>.</p>'),
    ]
    soup = BeautifulSoup(html, "html.parser")
    assert [text_of(h2) for h2 in soup.find_all("h2")] == [
        "Who it suits",
        "Questions",
        "Before and after",
    ]
    assert soup.find("h3") is None
    first, second = soup.find_all("details")
    assert first["id"] == "hurt"
    assert text_of(first.summary) == "Does it REALLY hurt?"
    assert first.summary.find("span", class_="caps")  # the question's own markup stays
    assert text_of(second.summary) == "How long?"
    assert second.find("a")["href"] == "/contact/"
    # Around the section, the body is untouched, byte for byte.
    assert html.startswith(BODY[: BODY.index("<h3")])
    assert html.endswith(BODY[BODY.index("<h2>Before") :])
    assert "<p>Ask us anything.</p>" in html  # text before the first question stays


@pytest.mark.unit
def test_disclosures_end_at_the_body_end_and_match_any_case():
    body = "<h2>preguntas</h2>\n<h3>¿Duele?</h3>\n<p>Poco.</p>"
    html, questions = disclosures(body, "Preguntas")
    assert questions == [Question("¿Duele?", "<p>Poco.</p>")]
    assert (
        html
        == "<h2>preguntas</h2>\n<details>\n<summary>¿Duele?</summary>\n<p>Poco.</p>\n</details>\n"
    )


@pytest.mark.unit
@pytest.mark.parametrize(
    "body",
    [
        "<h2>Before</h2>\n<h3>Not a question</h3>\n<p>Text.</p>",
        "<h2>Questions</h2>\n<p>No question here.</p>\n<h2>After</h2>\n<h3>Q?</h3>\n<p>A.</p>",
        "<div>\n<h2>Questions</h2>\n<h3>Nested?</h3>\n<p>Yes.</p>\n</div>",
        "",
    ],
    ids=["other-heading", "no-question-in-section", "not-top-level", "empty"],
)
def test_a_body_without_a_questions_section_comes_back_unchanged(body):
    assert disclosures(body, "Questions") == (body, [])


@pytest.mark.unit
def test_a_question_with_no_answer_stays_a_heading_and_is_not_listed():
    body = "<h2>Questions</h2>\n<h3>Asked?</h3>\n<h3>Answered?</h3>\n<p>Yes.</p>"
    html, questions = disclosures(body, "Questions")
    assert questions == [Question("Answered?", "<p>Yes.</p>")]
    assert "<h3>Asked?</h3>" in html
    assert html.count("<details>") == 1


@pytest.mark.unit
def test_answer_markup_keeps_what_google_shows_and_makes_links_absolute():
    answer = (
        '<p class="x">A <span class="caps">UV</span>&nbsp;index, <em>always</em>:</p>\n'
        '<ul>\n<li><a href="/contact/" title="t">call</a></li>\n'
        '<li><a href="https://example.net/a?b=1&amp;c=2">there</a></li>\n</ul>\n'
        "<p>Tom &amp; Jerry <code>&lt;b&gt;</code></p>"
    )
    assert answer_markup(answer, f"{BASE_URL}/treatments/x/") == (
        "<p>A UV index, <em>always</em>:</p> <ul> "
        f'<li><a href="{BASE_URL}/contact/">call</a></li> '
        '<li><a href="https://example.net/a?b=1&amp;c=2">there</a></li> </ul> '
        "<p>Tom &amp; Jerry &lt;b&gt;</p>"
    )


@pytest.mark.unit
def test_markdown_sections_read_the_writers_convention():
    markdown = (
        "Intro.\n\n## Questions {#faq}\n\nSome words.\n\n### Does it hurt? ###\n\n"
        "A little.\n\n### Empty?\n\n[//]: # (a comment shows nothing)\n\n"
        "### Code?\n\n```\n## not a heading\n```\n\n## Before and after\n\n### Not asked\n"
    )
    [section] = markdown_sections(markdown, "questions")
    assert section.line == 2
    assert [(q.line, q.text, q.answered) for q in section.questions] == [
        (6, "Does it hurt?", True),
        (10, "Empty?", False),
        (14, "Code?", True),
    ]


TREATMENT = (
    "Title: Chemical peel\nSlug: chemical-peel\nURL: treatments/chemical-peel/\n"
    "Save_as: treatments/chemical-peel/index.html\nTemplate: treatment\n"
    "Summary: A peel.\nReviewed_By: dr-example\nLast_Reviewed: 2026-11-02\n\n"
    "A peel removes the outer layer of skin.\n\n"
)


@pytest.mark.unit
def test_an_empty_questions_section_and_an_unanswered_question_stop_the_build(content, tmp_path):
    english = content / "pages" / "treatments" / "chemical-peel.md"
    english.write_text(
        TREATMENT
        + "## Questions\n\n## Questions\n\n### Does it sting?\n\n### Is it safe?\n\nAsk us.\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as raised:
        build(tmp_path / "output", content=content)
    found = [str(problem) for problem in raised.value.problems]
    assert [problem.line for problem in raised.value.problems] == [12, 16]
    assert found[0].endswith(
        "chemical-peel.md:12: the '## Questions' section has no question; fix: write each "
        "question under it as a '### ' heading, its answer below it; or remove the "
        "'## Questions' heading"
    )
    assert found[1].endswith(
        "chemical-peel.md:16: the question 'Does it sting?' has no answer; "
        "fix: write its answer below it, before the next heading"
    )
    assert not (tmp_path / "output" / "treatments" / "chemical-peel").exists()
