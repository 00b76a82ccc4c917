"""One safety policy, two walls: every hostile case either wall's tests know is refused by the
content rules AND by the pre-publish gate, and ordinary addresses and drawings pass both."""

from __future__ import annotations

import pytest
from hostile_cases import (
    ARTICLE_BODIES,
    HARMLESS_IN_A_PAGE,
    ORDINARY_ADDRESSES,
    ORDINARY_SVG,
    SVGS,
    is_markdown,
)
from test_rules import HEADER, messages
from test_rules import config as config  # the fixture

import pelicanconf
from checks import hostile
from clinic.core import policy
from clinic.rendering import markup
from clinic.rules.svg import svg_problems

ARTICLE = "blog/in-office-vs-diy-microdermabrasion/index.html"
SITE_MARKDOWN = markup.markdown_settings_key(pelicanconf.MARKDOWN)


@pytest.fixture(scope="module")
def article_html(published) -> str:
    """A real article page of the production build, for the gate to read."""
    return (published.root / ARTICLE).read_text(encoding="utf-8")


def as_article(body: str) -> str:
    return HEADER + "\nAn article.\n\n" + body + "\n"


def gate_problems(article_html: str, body: str) -> list[str]:
    """The gate's findings in the article page with `body` at the end of its main content:
    as the build renders it when it is Markdown, as it stands when it is HTML."""
    html = markup.render(body, SITE_MARKDOWN) if is_markdown(body) else body
    page = article_html.replace("</main>", html + "</main>", 1)
    return hostile.check_page(ARTICLE, page, hostile.Site.at(pelicanconf.PRODUCTION_SITEURL))


@pytest.mark.parametrize("body", ARTICLE_BODIES)
def test_the_content_rules_refuse_every_hostile_article(config, body):
    assert messages(config, as_article(body)), body


@pytest.mark.parametrize("body", [b for b in ARTICLE_BODIES if b not in HARMLESS_IN_A_PAGE])
def test_the_gate_refuses_every_hostile_article(article_html, body):
    found = gate_problems(article_html, body)
    assert found, body
    assert all(problem.startswith(f"{ARTICLE}: ") for problem in found), found


@pytest.mark.parametrize("svg", SVGS)
def test_the_content_rules_refuse_every_hostile_svg(svg):
    assert svg_problems(svg.encode()), svg


@pytest.mark.parametrize("svg", SVGS)
def test_the_gate_refuses_every_hostile_svg(svg):
    found = hostile.check_xml("images/chart.svg", svg.encode(), svg=True)
    assert found, svg
    assert all(problem.startswith("images/chart.svg: ") for problem in found), found


@pytest.mark.parametrize("address", ORDINARY_ADDRESSES)
def test_both_walls_accept_an_ordinary_address(config, article_html, address):
    body = f"[Link]({address}) and <a href='{address}'>link</a>"
    assert messages(config, as_article(body)) == []
    assert gate_problems(article_html, body) == []


def test_both_walls_accept_a_drawing_that_links_inside_itself():
    assert svg_problems(ORDINARY_SVG.encode()) == []
    assert hostile.check_xml("images/chart.svg", ORDINARY_SVG.encode(), svg=True) == []


# --- The drifts, each refused by both walls for the right reason ---------------------------


def test_a_srcset_candidate_ended_by_its_comma_is_read(config, article_html):
    """`a.png, javascript:... 2x` is two candidates; the content rules once read one."""
    body = '<img srcset="/images/a.png, javascript:alert(1) 2x" alt="Logo">'
    assert messages(config, as_article(body)) == [
        "address 'javascript:alert(1)' in srcset= uses the 'javascript:' scheme "
        "(only http, https, mailto and tel)"
    ]
    assert gate_problems(article_html, body) == [
        f"{ARTICLE}: <img srcset> 'javascript:alert(1)' uses the 'javascript:' scheme "
        "(only http, https, mailto and tel)"
    ]


def test_an_icon_address_is_read_by_both_walls(config, article_html):
    body = '<menuitem icon="javascript:alert(1)">Menu</menuitem>'
    assert any("in icon= uses the 'javascript:'" in m for m in messages(config, as_article(body)))
    assert gate_problems(article_html, body) == [
        f"{ARTICLE}: <menuitem icon> 'javascript:alert(1)' uses the 'javascript:' scheme "
        "(only http, https, mailto and tel)"
    ]


@pytest.mark.parametrize(
    "css",
    [
        "fill: u\\72l(https://evil.example/p)",  # `\72 ` is `r`
        "fill: \\75 \\72 \\6c (https://evil.example/p)",
        "fill: url(/* hidden */https://evil.example/p)",
        'fill: url("https://evil.example/a)b")',
        'fill: URL( "https://evil.example/p" )',
    ],
)
def test_css_is_read_as_a_browser_reads_it(css):
    svg = f"<svg xmlns='http://www.w3.org/2000/svg'><rect style='{css}'/></svg>"
    assert [message for _, message in svg_problems(svg.encode())] == [
        "loads 'https://evil.example/" + ("a)b" if "a)b" in css else "p") + "' from another site"
    ]
    assert hostile.check_xml("x.svg", svg.encode(), svg=True)


# --- The policy itself -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("srcset", "urls"),
    [
        ("a.png 1x, b.png 2x", ["a.png", "b.png"]),
        ("a.png, b.png 2x", ["a.png", "b.png"]),
        ("a.png,b.png 2x", ["a.png,b.png"]),  # a comma inside an address is part of it
        (" ,a.png  ,, b.png", ["a.png", "b.png"]),
        ("a.png (x, y) 1x, b.png", ["a.png", "b.png"]),
        ("data:image/png;base64,AAA 1x", ["data:image/png;base64,AAA"]),
        ("", []),
    ],
)
def test_srcset_is_split_as_the_html_standard_splits_it(srcset, urls):
    assert policy.srcset_urls(srcset) == urls


def test_css_escapes_outside_unicode_do_not_break_the_reading():
    assert policy.decoded_css("a\\110000 b\\0 c\\d800 d") == "a\ufffdb\ufffdc\ufffdd"
    assert policy.decoded_css("u\\\nrl") == "url"


@pytest.mark.parametrize(
    ("address", "scheme"),
    [
        (" \x01Ja\tvaScript:alert(1)", "javascript"),
        ("/contact/", "https"),
        ("#top", "https"),
        ("MAILTO:care@example.org", "mailto"),
        ("http://[::1", None),
    ],
)
def test_the_scheme_is_the_one_a_browser_reads(address, scheme):
    assert policy.scheme_of(address) == scheme
    assert (policy.address_problem(address) is None) == (scheme in policy.ALLOWED_SCHEMES)
