"""Hostile contributions, first wall: the content rules refuse what could put a script on the
site, publish a secret, or send patients elsewhere; each harm stops `make html` with one line."""

from __future__ import annotations

import base64
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_cases import CONTENT_SVGS, DISGUISED_ADDRESSES, MARKDOWN_LINKS, RAW_HTML, SCRIPTED_SVG
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from test_hostile_content_unit import FAKE_TOKEN, HARMS, harmed_content
from test_rules import HEADER, messages
from test_rules import config as config  # the fixture

from clinic.core import policy
from clinic.rendering import markup
from clinic.rules.files import static_problems, symlink_problems
from clinic.rules.svg import svg_problems
from support import ROOT, failed_html_build

# --- Addresses -------------------------------------------------------------------------


def published_schemes(config, text: str) -> list[str]:
    """The schemes a browser reads in the file's addresses, as Pelican renders the file."""
    html = markup.render(text, config.markdown)
    return [
        policy.scheme_of(address.value) or "unreadable"
        for element in markup.elements(html)
        for address in markup.addresses(element)
    ]


def assert_refused(config, text: str) -> None:
    """Refused, and when the page would hold a script address, refused for that."""
    found = messages(config, text)
    assert len(found) == 1, found
    dangerous = set(published_schemes(config, text)) - policy.ALLOWED_SCHEMES
    assert ("scheme" in found[0]) == bool(dangerous), (found, dangerous)


@pytest.mark.parametrize("address", DISGUISED_ADDRESSES)
def test_other_schemes_are_refused_in_html(config, address):
    text = HEADER + f'\n<a href="{address}">Offer</a>\n'
    assert_refused(config, text)
    if "\t" not in address:  # Markdown expands tabs to spaces, which disarms the address
        assert "scheme" in messages(config, text)[0]


@pytest.mark.parametrize("markdown", MARKDOWN_LINKS)
def test_other_schemes_are_refused_in_markdown_links(config, markdown):
    assert_refused(config, HEADER + "\n" + markdown + "\n")


def test_ordinary_links_pass(config):
    body = (
        "\n[AAD](https://www.aad.org/) [mail](mailto:care@example.org) "
        "[call](tel:+1-480-555-0100) [here](#top) [contact](/contact/) "
        "[guide]({filename}/articles/other.md) [plain](http://example.org/x?a=1&b=2)\n"
    )
    assert messages(config, HEADER + body) == []


def _disguise(draw, word: str) -> str:
    """`word` with random case, some letters as HTML character references, tabs and newlines."""
    out = []
    for letter in word:
        letter = letter.upper() if draw(st.booleans()) else letter
        # Without a semicolon only the decimal form: a hex reference would run on into a
        # following letter a-f, which changes the character it stands for.
        form = draw(st.sampled_from(["plain", "plain", "dec", "dec;", "hex;"]))
        if form == "dec":
            letter = f"&#{ord(letter)}"
        elif form == "dec;":
            letter = f"&#{ord(letter)};"
        elif form == "hex;":
            letter = f"&#X{ord(letter):X};"
        out.append(letter + draw(st.sampled_from(["", "", "", "\t", "\n", "&#9;", "&#10;"])))
    return "".join(out)


@st.composite
def disguised_javascript(draw) -> str:
    # Leading controls and spaces; not line breaks, whose blank line would end the HTML block.
    controls = [chr(c) for c in range(1, 33) if chr(c) not in "\n\r"]
    lead = draw(st.text(alphabet=controls, max_size=4))
    scheme = _disguise(draw, draw(st.sampled_from(["javascript", "vbscript", "data"])))
    colon = draw(st.sampled_from([":", "&#58;", "&colon;", "&#x3a;"]))
    return lead.replace('"', "") + scheme + colon + "alert(1)"


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(address=disguised_javascript())
def test_every_disguised_script_address_is_refused(config, address):
    """Whatever the disguise, the rules refuse it, for its scheme whenever a browser reads one."""
    html = f'<a href="{address}">Offer</a>'
    (element,) = [e for e in markup.elements(html) if e.tag == "a"]
    if "\t" not in address:  # the disguise works on a browser, as written
        assert policy.scheme_of(element.get("href")) in {"javascript", "vbscript", "data"}
    assert_refused(config, HEADER + "\n" + html + "\n")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    address=st.one_of(
        st.from_regex(r"\Ahttps://[a-z]{1,12}\.example\.org/[a-z0-9/-]{0,20}\Z"),
        st.from_regex(r"\Amailto:[a-z]{1,10}@example\.org\Z"),
        st.from_regex(r"\Atel:\+1-480-555-01[0-9]{2}\Z"),
    )
)
def test_ordinary_addresses_always_pass(config, address):
    assert (
        messages(config, HEADER + f"\n[Link]({address}) and <a href='{address}'>link</a>\n") == []
    )


# --- Raw HTML ----------------------------------------------------------------------------


@pytest.mark.parametrize(("snippet", "words"), RAW_HTML)
def test_raw_html_that_runs_or_redirects_is_refused(config, snippet, words):
    found = messages(config, HEADER + "\nAn article.\n\n" + snippet + "\n")
    assert any(words in message for message in found), found


# --- Page addresses ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("URL: https://evil.example/", "URL 'https://evil.example/' is not an address inside"),
        ("URL: //evil.example/", "is not an address inside the site"),
        ("URL: ../../elsewhere/", "is not an address inside the site"),
        ("URL: /about/", "is not an address inside the site"),
        ("Save_as: ../outside.html", "is not an address inside the site"),
        ("Save_as: CNAME", "is not an address inside the site"),
        ("Save_as: .git/config.html", "is not an address inside the site"),
        ("Slug: ../../x", "Slug '../../x' may hold only"),
        ("Template: ../../../etc/passwd", "unknown Template"),
    ],
)
def test_pages_stay_inside_the_site(config, line, words):
    config = config.__class__(**{**config.__dict__, "templates": frozenset({"page", "treatment"})})
    page = "Title: About\nSummary: About us.\n" + line + "\n\nBody.\n"
    found = messages(config, page, section="pages")
    assert any(words in message for message in found), found
    ok = "Title: About\nSummary: About us.\nURL: es/contacto/\nSave_as: es/contacto/index.html\n"
    assert messages(config, ok + "Template: page\n\nBody.\n", section="pages") == []


# --- Files: links, SVG, images -------------------------------------------------------------


def test_every_symbolic_link_is_refused(tmp_path):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text(FAKE_TOKEN)
    (content / "images" / "logo.png").symlink_to(tmp_path / "secret.txt")
    (content / "images" / "inside.png").symlink_to("logo.png")
    (content / "shared").symlink_to(tmp_path)
    found = symlink_problems([content])
    assert sorted(Path(p.where).name for p in found) == ["inside.png", "logo.png", "shared"]
    assert all("is a symbolic link" in p.message and p.fix for p in found)


@pytest.mark.parametrize(("svg", "words"), CONTENT_SVGS)
def test_svg_that_runs_or_loads_is_refused(svg, words):
    found = svg_problems(svg.encode())
    assert any(words in message for _, message in found), found


def test_the_project_svgs_are_clean():
    for path in [*ROOT.glob("content/**/*.svg"), *ROOT.glob("theme/**/*.svg")]:
        assert svg_problems(path.read_bytes()) == [], path


def test_static_files_only_pictures_and_documents(tmp_path):
    images = tmp_path / "images"
    images.mkdir()
    (images / "page.html").write_text("<script>steal()</script>")
    (images / "app.js").write_text("steal()")
    (images / "bad.svg").write_text(SCRIPTED_SVG)
    (images / "fake.png").write_text("<html>not a picture</html>")
    Image.new("RGB", (4, 4)).save(images / "ok.png")
    tree = sorted(f"images/{path.name}" for path in images.iterdir())
    found = {
        Path(p.where).name: (p.line, p.message) for p in static_problems(tmp_path, tree, ["images"])
    }
    assert set(found) == {"page.html", "app.js", "bad.svg", "fake.png"}
    assert found["bad.svg"] == (3, "the SVG has a <script> element")
    assert "not an image" in found["fake.png"][1]


def test_a_decompression_bomb_is_named(tmp_path):
    images = tmp_path / "images"
    images.mkdir()
    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = 1000  # the same check, at a size a test can write quickly
    try:
        Image.new("1", (100, 100)).save(images / "huge.png")
        (problem,) = static_problems(tmp_path, ["images/huge.png"], ["images"])
    finally:
        Image.MAX_IMAGE_PIXELS = limit
    assert problem.message.startswith("the image is 100×100 pixels, more than the 1,000")


# --- Whole builds: each harm stops `make html` with one line ---------------------------


def test_the_harms_stop_make_html_each_with_one_line(tmp_path):
    """The rules are wired into the build: `make html` on content with every harm at once
    fails, without a traceback, keeps the last good site, and names each harm on one line.
    (tests/unit/test_hostile_content_unit.py checks each harm alone against the rules.)"""
    content = harmed_content(tmp_path, HARMS)
    lines = failed_html_build(content, tmp_path / "output", "")  # every line it printed
    for harm, (_, place, words) in HARMS.items():
        found = [line for line in lines if place in line]
        assert len(found) == 1, (harm, lines)
        assert words in found[0]
        assert "; fix: " in found[0]


def test_a_symlink_to_ci_credentials_is_never_published(tmp_path):
    """The attack on CI: link a static file to .git/config, where checkout keeps the token."""
    from test_publish import copy_project, git, make_github, pages_head

    clone = tmp_path / "project"
    copy_project(clone)
    (clone / "node_modules").symlink_to(ROOT / "node_modules")
    git("init", "-q", "-b", "main", cwd=clone)
    header = base64.b64encode(f"x-access-token:{FAKE_TOKEN}".encode()).decode()
    git(
        "config",
        "http.https://github.com/.extraheader",
        f"AUTHORIZATION: basic {header}",
        cwd=clone,
    )
    (clone / "content" / "images" / "clinic.png").symlink_to("../../.git/config")
    git("add", "-A", cwd=clone)
    git("commit", "-q", "-m", "A new photo of the clinic", cwd=clone)
    remote = tmp_path / "pages.git"
    git("init", "-q", "--bare", str(remote), cwd=tmp_path)

    html = subprocess.run(
        [sys.executable, "-m", "invoke", "html"], cwd=clone, capture_output=True, text=True
    )
    assert html.returncode != 0
    assert "content/images/clinic.png: is a symbolic link" in html.stderr
    published = make_github(clone, remote)
    assert published.returncode != 0
    assert "content/images/clinic.png: is a symbolic link" in published.stderr
    assert pages_head(remote) is None
    for folder in (clone / "output", clone / "output.partial", clone / "output.spare"):
        for path in folder.rglob("*") if folder.exists() else ():
            if path.is_file():
                assert header.encode() not in path.read_bytes(), path


def test_a_committed_cache_is_never_loaded(tmp_path):
    """Pelican's content cache is a pickle, which runs code as it loads: a build never loads
    one that came in a commit (`git add -f` gets past .gitignore)."""
    from test_publish import git

    from tools.build import CACHE_INPUTS, content_cache

    root = tmp_path / "project"
    for name in CACHE_INPUTS:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, root / name)
    (root / "content" / "images").mkdir(parents=True)
    git("init", "-q", "-b", "main", cwd=root)
    assert content_cache(root)["LOAD_CONTENT_CACHE"] is True
    poisoned = root / "cache" / "0123456789ab" / "ArticlesGenerator-Readers"
    poisoned.parent.mkdir(parents=True)
    poisoned.write_bytes(b"cos\nsystem\n(S'echo pwned'\ntR.")
    git("add", "-f", "cache", cwd=root)
    git("commit", "-q", "-m", "Speed up the build", cwd=root)
    assert content_cache(root) == {"CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}


def test_image_sizing_opens_nothing_outside_content(tmp_path):
    """Bodies are sized before the rules have judged them: a path out of content/, to a
    device or through a link is never opened (the rules then report it)."""
    from clinic.rendering.images import source_file

    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    Image.new("RGB", (4, 4)).save(content / "images" / "ok.png")
    (content / "images" / "link.png").symlink_to(content / "images" / "ok.png")
    articles = content / "articles"
    articles.mkdir()
    assert source_file("{static}/images/ok.png", content, articles) == content / "images/ok.png"
    for src in (
        "{static}/../../../../../../dev/stdin",
        "{static}/../secret.png",
        "{attach}../../outside.png",
        "{static}/images/link.png",
        "{static}/images",
    ):
        assert source_file(src, content, articles) is None, src
