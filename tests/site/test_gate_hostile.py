"""The gate as a second wall: harm injected into a real production build, as if a hostile
contribution had got past the content rules, is reported against the file that holds it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hostile_cases import GATE_SVGS, HIDDEN_MARKUP, SCRIPT_LINKS, SCRIPTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pelicanconf
from checks import hostile
from checks.gate import check_site

SITEURL = pelicanconf.PRODUCTION_SITEURL
ARTICLE = "blog/in-office-vs-diy-microdermabrasion/index.html"
GITHUB_TOKEN = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"  # fake: 36 characters
FINE_GRAINED = "github_pat_11AAAAAAA0" + "x" * 12 + "_" + "Yz09" * 14 + "abc"  # fake
EXTRAHEADER = "AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX2Zha2V0b2tlbmZha2V0b2tlbg=="
PRIVATE_KEY = (
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
    "-----END OPENSSH PRIVATE KEY-----\n"
)


def problems(root: Path) -> list[str]:
    return check_site(root, SITEURL, validate_html=False).problems


def files_named(found: list[str]) -> set[str]:
    return {problem.split(":", 1)[0] for problem in found}


def inject(path: Path, html: str) -> None:
    """Add markup to the end of a page's main content."""
    text = path.read_text(encoding="utf-8")
    assert "</main>" in text
    path.write_text(text.replace("</main>", html + "</main>", 1), encoding="utf-8")


# Harms each in a page (or drawing) of its own, in one copy of the build, checked by the
# gate once: each test reads what the gate found in its file.
PAGE_HARMS = {
    "script-address": SCRIPT_LINKS,
    "hidden": [markup for markup, _ in HIDDEN_MARKUP],
    "handler": ['<p onmouseover="alert(1)">hover</p>'],
    "script": SCRIPTS,
}


SITEMAP = (
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:x="http://www.w3.org/1999/xhtml"><url><loc>https://example.org/</loc>{}</url></urlset>'
)
# XML and XHTML that can carry script, each as the file name it would have.
XML_HARMS = [
    ("page.xhtml", '<html xmlns="http://www.w3.org/1999/xhtml"></html>'),
    ("style.xsl", "<xsl:stylesheet/>"),
    ("data.xml", '<d xmlns:h="http://www.w3.org/1999/xhtml"><h:script>1</h:script></d>'),
    ("all.atom.xml", '<?xml-stylesheet href="/x.xsl" type="text/xsl"?><feed/>'),
    ("old.htm", "<p onclick='alert(1)'>x</p>"),
    # A sitemap's alternates are links that load nothing; any other XHTML link may.
    ("sitemap.xml", SITEMAP.format('<x:link rel="stylesheet" href="/evil.css"/>')),
    ("sitemap.xml", SITEMAP.format('<x:link rel="alternate" hreflang="es" href="/" id="a"/>')),
    (
        "sitemap.xml",
        SITEMAP.format('<x:link rel="alternate" hreflang="es" href="/"><x:b/></x:link>'),
    ),
]
# Secrets, each in a file as it would be published: (name, text, line, kind); an article's
# (no text) is put in its page as Markdown would have put it.
SECRET_HARMS = [
    ("index.html", None, None, "GitHub Token"),
    ("notes.txt", f"draft\n\nour token is {FINE_GRAINED}\n", 3, "GitHub Fine-Grained Token"),
    (
        ".git/config",
        f'[core]\n\tbare = false\n[http "https://github.com/"]\n\textraheader = {EXTRAHEADER}\n',
        4,
        "HTTP Authorization Header",
    ),
    ("key.txt", "Our key:\n" + PRIVATE_KEY, 2, "Private Key"),
    ("extra.js", f'const t = "ghs_{"Q" * 36}"; // pragma: allowlist secret\n', 1, "GitHub Token"),
]
LINKS = "harm/links"  # symbolic links: to a secret outside, to a folder inside, to nothing
LINK_HARMS = [f"{LINKS}/passwd.txt", f"{LINKS}/mirror", f"{LINKS}/dangling.html"]
# What the gate must let through: the site's own scripts and JSON-LD, and a sitemap's
# language alternates.
OWN_SCRIPTS = "harm/fine/index.html"
ALTERNATES = "harm/fine/sitemap.xml"


def harm_page(kind: str, number: int) -> str:
    return f"harm/{kind}-{number}/index.html"


def harm_drawing(number: int) -> str:
    return f"harm/drawing-{number}.svg"


def harm_xml(number: int) -> str:
    return f"harm/xml-{number}/{XML_HARMS[number][0]}"


def harm_secret(number: int) -> str:
    return f"harm/secret-{number}/{SECRET_HARMS[number][0]}"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


@pytest.fixture(scope="module")
def harmed(published, tmp_path_factory) -> dict[str, list[str]]:
    """The production build with every harm above added, each in a file of its own (a copy
    of the article page, a drawing, a feed, a link...), checked by the gate once: what the
    gate found, by file. The harms' own lines are under the "lines" key."""
    root = tmp_path_factory.mktemp("harmed") / "output"
    shutil.copytree(published.root, root, symlinks=True)
    article = (root / ARTICLE).read_text(encoding="utf-8")
    for kind, cases in PAGE_HARMS.items():
        for number, markup in enumerate(cases):
            write(root / harm_page(kind, number), article)
            inject(root / harm_page(kind, number), markup)
    for number, svg in enumerate(GATE_SVGS):
        write(root / harm_drawing(number), svg)
    for number, (_, text) in enumerate(XML_HARMS):
        write(root / harm_xml(number), text)
    for number, (_, text, _, _) in enumerate(SECRET_HARMS):
        path = root / harm_secret(number)
        if text is None:
            write(path, article)
            inject(path, f"<p>token: <code>{GITHUB_TOKEN}</code></p>")
        else:
            write(path, text)
    (root / LINKS).mkdir(parents=True)
    (root / LINK_HARMS[0]).symlink_to("/etc/passwd")
    (root / LINK_HARMS[1]).symlink_to(root / "about", target_is_directory=True)
    (root / LINK_HARMS[2]).symlink_to(root / "nowhere.html")
    write(root / OWN_SCRIPTS, article)
    inject(root / OWN_SCRIPTS, '<script src="/theme/js/search.js" defer></script>')
    inject(root / OWN_SCRIPTS, '<script type="application/ld+json">{}</script>')
    write(root / ALTERNATES, SITEMAP.format(
        '<x:link rel="alternate" hreflang="es" href="https://example.org/es/"/>'
    ))  # fmt: skip
    found: dict[str, list[str]] = {
        "lines": [line_of(root / harm_secret(0), GITHUB_TOKEN)]  # the article's secret
    }
    for problem in problems(root):
        found.setdefault(problem.split(":", 1)[0], []).append(problem)
    return found


def test_the_gate_reports_every_harmed_file_and_no_other(harmed):
    expected = {harm_page(kind, n) for kind, cases in PAGE_HARMS.items() for n in range(len(cases))}
    expected |= {harm_drawing(number) for number in range(len(GATE_SVGS))}
    expected |= {harm_xml(number) for number in range(len(XML_HARMS))}
    expected |= {harm_secret(number) for number in range(len(SECRET_HARMS))}
    expected |= {*LINK_HARMS, OWN_SCRIPTS}  # the last for its empty JSON-LD alone
    assert set(harmed) - {"lines"} == expected


@pytest.mark.parametrize(("number", "link"), enumerate(SCRIPT_LINKS))
def test_a_script_address_in_an_article(harmed, number, link):
    assert harmed.get(harm_page("script-address", number)), link


@pytest.mark.parametrize(("number", "words"), enumerate(words for _, words in HIDDEN_MARKUP))
def test_markup_hidden_from_simpler_parsers(harmed, number, words):
    found = harmed.get(harm_page("hidden", number), [])
    assert any(words in problem for problem in found), found


def test_an_inline_event_handler(harmed):
    name = harm_page("handler", 0)
    assert harmed[name] == [f"{name}: <p onmouseover> is an inline event handler"]


@pytest.mark.parametrize(("number", "script"), enumerate(SCRIPTS))
def test_a_script_that_is_not_ours(harmed, number, script):
    found = harmed.get(harm_page("script", number), [])
    assert any("script" in problem and ": JSON-LD" not in problem for problem in found), script


@pytest.mark.parametrize(("number", "svg"), enumerate(GATE_SVGS))
def test_an_svg_that_runs_or_loads_something(harmed, number, svg):
    assert harmed.get(harm_drawing(number)), svg


def test_the_sites_own_scripts_and_json_ld_pass(harmed):
    found = harmed[OWN_SCRIPTS]
    assert found
    assert not [problem for problem in found if "script" in problem and "JSON-LD" not in problem]


@pytest.mark.parametrize("number", range(len(XML_HARMS)))
def test_xml_and_xhtml_that_can_carry_script(harmed, number):
    assert harmed.get(harm_xml(number)), XML_HARMS[number]


def test_a_sitemaps_language_alternates_pass(harmed):
    assert ALTERNATES not in harmed


def test_a_symbolic_link(harmed):
    for name in LINK_HARMS:
        assert len(harmed[name]) == 1
        assert "symbolic link" in harmed[name][0]


@pytest.mark.parametrize("number", range(len(SECRET_HARMS)))
def test_a_secret_in_a_published_file(harmed, number):
    name, _, line, kind = SECRET_HARMS[number]
    name, line = harm_secret(number), line or harmed["lines"][0]
    found = harmed[name]
    assert found == [f"{name}:{line}: looks like a {kind}; remove it from the site and revoke it"]
    secret_parts = (GITHUB_TOKEN, FINE_GRAINED, "eC1hY2Nlc3M", "b3BlbnNzaC1rZXkt", "QQQQ")
    assert not any(part in found[0] for part in secret_parts)


def test_detect_secrets_knows_ghs_and_ghp_tokens():
    from detect_secrets.core.scan import scan_line

    from checks.secrets import detectors

    with detectors():
        for token in (GITHUB_TOKEN, "ghs_" + "k" * 36, FINE_GRAINED, EXTRAHEADER):
            assert list(scan_line(f"x = {token}")), token
        assert not list(scan_line("A plain sentence about sunscreen, SPF 30 and 2 hours."))


# The property: however a javascript: address is disguised, a browser reads it as one and so
# does the gate; ordinary addresses are never reported.

C0_OR_SPACE = st.sampled_from([chr(code) for code in range(0x01, 0x21)])
INSIDE_SCHEME = st.sampled_from(["\t", "\n", "\r", "&Tab;", "&NewLine;", "&#9;", "&#x0A;"])


@st.composite
def disguised_javascript(draw) -> str:
    """`javascript:` with random case, leading controls, tabs and newlines inside, and some
    letters as decimal or hex character references, with or without their semicolon."""
    pieces: list[str] = draw(st.lists(C0_OR_SPACE, max_size=4))
    for letter in "javascript:":
        if letter != "j":
            pieces += draw(st.lists(INSIDE_SCHEME, max_size=2))
        letter = letter.upper() if draw(st.booleans()) else letter
        form = draw(st.sampled_from(["plain", "plain", "decimal", "hex", "HEX"]))
        if form == "decimal":
            pieces.append(f"&#{'0' * draw(st.integers(0, 3))}{ord(letter)};")
        elif form in ("hex", "HEX"):
            x = "x" if form == "hex" else "X"
            pieces.append(f"&#{x}{ord(letter):x};")
        else:
            pieces.append(letter)
    # Drop a reference's semicolon where the next character cannot extend the number.
    for index, piece in enumerate(pieces[:-1]):
        following = pieces[index + 1][0]
        digits = "0123456789abcdefABCDEF" if piece.startswith(("&#x", "&#X")) else "0123456789"
        if piece.startswith("&#") and following not in digits and draw(st.booleans()):
            pieces[index] = piece[:-1]
    return "".join(pieces) + draw(st.sampled_from(["alert(1)", "void(0)", ""]))


ORDINARY = st.one_of(
    st.from_regex(r"\Ahttps://(www\.)?[a-z]{1,10}\.example/[a-z0-9/-]{0,20}\Z"),
    st.from_regex(r"\Ahttp://[a-z]{1,10}\.example/\Z"),
    st.from_regex(r"\Amailto:[a-z]{1,8}@[a-z]{1,8}\.example\Z"),
    st.from_regex(r"\Atel:\+1[0-9]{10}\Z"),
    st.from_regex(r"\A(\.\./|/)?[a-z0-9-]{1,12}(/[a-z0-9-]{1,12}){0,3}/?(#[a-z-]{1,8})?\Z"),
    st.from_regex(r"\A#[a-z][a-z0-9-]{0,10}\Z"),
    st.from_regex(r"\A\?q=[a-z]{1,8}\Z"),
)


@pytest.fixture(scope="module")
def article_html(published) -> str:
    return (published.root / ARTICLE).read_text(encoding="utf-8")


def check_with_link(article_html: str, href: str) -> list[str]:
    html = article_html.replace("</main>", f'<a href="{href}">x</a></main>', 1)
    return hostile.check_page(ARTICLE, html, hostile.Site.at(SITEURL))


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(href=disguised_javascript())
def test_every_disguised_javascript_address_is_reported(article_html, href):
    found = check_with_link(article_html, href)
    assert len(found) == 1
    assert found[0].startswith(f"{ARTICLE}: <a href> ")
    assert found[0].endswith(" uses the 'javascript:' scheme (only http, https, mailto and tel)")


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(href=ORDINARY)
def test_ordinary_addresses_are_not_reported(article_html, href):
    assert check_with_link(article_html, href) == []
