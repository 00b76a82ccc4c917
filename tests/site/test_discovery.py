"""What visitors and search engines find: sitemap, robots.txt, feeds, search index, related
articles, neighbours, icons and treatment pages, on a small synthetic site built for production."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from test_discovery_unit import article

from checks.schema_vocab import Vocabulary, check_document, extract_documents
from support import ROOT, built_once, parse, text_of

SITEURL = "https://example.org"


ATOM = "{http://www.w3.org/2005/Atom}"


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="session")  # built once for the test run, all workers
def site(tmp_path_factory):

    def write(content: Path) -> None:
        shutil.copytree(ROOT / "content", content)
        future = (datetime.now() + timedelta(days=3)).strftime("%Y-%m-%d")
        posts = {
            "sunscreen": article("sunscreen", title="Choosing sunscreen", tags="sun, spf"),
            "hats": article("hats", title="Hats and shade", tags="sun", date="2025-04-01 10:00"),
            "acne": article(
                "acne",
                title="Acne basics",
                category="Skin Conditions",
                tags="acne",
                date="2025-02-15 10:00",
                extra="Modified: 2025-05-01\nReviewed_By: dr-example\nLast_Reviewed: 2026-10-01\n",
            ),
            "unrelated": article("unrelated", title="Clinic news", category="Clinic News"),
            "draft": article("draft", title="Unfinished", extra="Status: draft\n"),
            "future": article("future", title="Next month", date=future),
        }
        for slug, text in posts.items():
            (content / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")

    return built_once(
        tmp_path_factory, "discovery", ROOT / "publishconf.py", write, SITEURL=SITEURL
    )


def sitemap(site) -> dict[str, str | None]:
    tree = ET.parse(site.root / "sitemap.xml")
    return {
        url.find(f"{SITEMAP}loc").text: getattr(url.find(f"{SITEMAP}lastmod"), "text", None)
        for url in tree.getroot()
    }


def test_sitemap_lists_published_pages_with_absolute_urls(site):
    urls = sitemap(site)
    assert all(url.startswith(f"{SITEURL}/") for url in urls)
    for path in ("", "blog/sunscreen/", "blog/acne/", "contact/", "treatments/microdermabrasion/"):
        assert f"{SITEURL}/{path}" in urls
    for hidden in ("blog/draft/", "drafts/draft/", "blog/future/", "404.html"):
        assert f"{SITEURL}/{hidden}" not in urls
    assert not any("draft" in url or "future" in url for url in urls)


def test_sitemap_lastmod_is_the_latest_of_modified_and_review(site):
    urls = sitemap(site)
    assert urls[f"{SITEURL}/blog/acne/"] == "2026-10-01"  # reviewed after it was modified
    assert urls[f"{SITEURL}/blog/hats/"].startswith("2025-04-01T10:00:00")
    assert urls[f"{SITEURL}/"].startswith("2025-05-01")  # the latest change on the page


def test_robots_txt_names_the_sitemap(site):
    robots = (site.root / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots
    assert "Disallow: /\n" not in robots


def test_every_page_links_the_atom_feed(site):
    for path in site.html_files():
        link = parse(path).find("link", rel="alternate", type="application/atom+xml")
        edition = "es/" if path.relative_to(site.root).parts[0] == "es" else ""
        assert link["href"] == f"{SITEURL}/{edition}feeds/all.atom.xml", path
        assert (site.root / edition / "feeds" / "all.atom.xml").is_file()


def test_feed_entries_have_absolute_links_and_summaries(site):
    feed = ET.parse(site.root / "feeds" / "all.atom.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert "Choosing sunscreen" in titles
    assert "Unfinished" not in titles
    assert "Next month" not in titles
    for entry in entries:
        assert entry.find(f"{ATOM}link").get("href").startswith(f"{SITEURL}/blog/")
        assert entry.find(f"{ATOM}summary").text
    assert (site.root / "feeds" / "skin-care.atom.xml").is_file()


def test_search_index_is_built_and_the_search_page_uses_it(site):
    assert (site.root / "pagefind" / "pagefind.js").is_file()
    page = site.page("search/")
    scripts = [script.get("src", "") for script in page.find_all("script", src=True)]
    assert len(scripts) == 1
    assert scripts[0].startswith(f"{SITEURL}/theme/js/search.js?v=")
    form = page.find("form", id="search-form")
    assert form["data-pagefind"] == f"{SITEURL}/pagefind/"
    assert form["action"] == f"{SITEURL}/search/"
    assert form.find("input", attrs={"name": "q"})
    assert page.find("noscript").find("a", href=f"{SITEURL}/blog/")


def test_only_article_and_page_bodies_are_indexed(site):
    article = site.page("blog/sunscreen/")
    body = article.find(attrs={"data-pagefind-body": True})
    assert body is not None
    ignored = [tag.get("class") for tag in body.find_all(attrs={"data-pagefind-ignore": True})]
    assert ["meta"] in ignored  # the byline
    assert ["cta"] in ignored
    assert not site.page("blog/").find(attrs={"data-pagefind-body": True})
    assert not site.page("404.html").find(attrs={"data-pagefind-body": True})


def indexed_pages(root: Path) -> dict[str, dict]:
    """What Pagefind's index holds for each page, by its address: each fragment file is
    gzip, and inside it a signature and the page's JSON (its url, meta and content)."""
    import gzip

    signature = b"pagefind_dcd"
    pages = {}
    for fragment in (root / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(signature), fragment
        page = json.loads(data[len(signature) :])
        pages[page["url"]] = page
    return pages


def test_provider_pages_are_in_the_search_index(published):
    """A patient who searches for a clinician's name finds their page: provider pages are
    indexed (their name, title, languages and biography; not the articles they reviewed,
    which are indexed on their own pages)."""
    pages = indexed_pages(published.root)
    assert "/blog/in-office-vs-diy-microdermabrasion/" in pages  # the reading works
    for url, words in (
        ("/providers/dr-example/", "Board-certified dermatologist"),
        ("/es/providers/dr-example/", "Especialista en dermatología"),
    ):
        page = pages[url]
        assert page["meta"]["title"] == "Dr. Alex Example, MD, FAAD"
        assert words in page["content"]
        assert "Articles reviewed by" not in page["content"]
        assert "Do I Really Need" not in page["content"]


def test_the_search_index_reads_only_the_pages_it_indexes_and_is_the_same(site, tmp_path):
    """Pagefind is given the articles and pages, not every list page; the index is the
    one it makes when it reads every file, byte for byte."""
    import shutil
    import subprocess
    import sys

    from clinic.sitewide.search import sort_languages

    whole = tmp_path / "whole"
    shutil.copytree(site.root, whole, ignore=shutil.ignore_patterns("pagefind"))
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(whole), "--silent"], check=True)
    sort_languages(whole / "pagefind" / "pagefind-entry.json")
    ours, theirs = site.root / "pagefind", whole / "pagefind"
    files = sorted(path.relative_to(ours) for path in ours.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(theirs) for path in theirs.rglob("*") if path.is_file())
    assert len([name for name in files if name.parts[0] == "fragment"]) > 3
    for name in files:
        assert (ours / name).read_bytes() == (theirs / name).read_bytes(), name


def test_other_pages_load_no_script(site):
    for path in site.html_files():
        if path.parent.name == "search":
            continue
        scripts = [
            s for s in parse(path).find_all("script") if s.get("type") != "application/ld+json"
        ]
        assert scripts == [], path


def test_related_articles_by_tags_then_category(site):
    page = site.page("blog/sunscreen/")
    related = [text_of(a) for a in page.select("section.related a")]
    assert related[0] == "Hats and shade"  # a shared tag and the category
    assert "Clinic news" not in related  # nothing in common


def test_previous_and_next_articles(site):
    page = site.page("blog/sunscreen/")
    assert page.find("a", rel="prev")  # an older article exists (the seed)
    assert page.find("a", rel="next")["href"] == f"{SITEURL}/blog/hats/"


def test_icons_are_published_and_linked(site):
    home = site.page("")
    assert home.find("link", rel="icon")["href"] == f"{SITEURL}/favicon.png"
    assert home.find("link", rel="apple-touch-icon")["href"] == f"{SITEURL}/apple-touch-icon.png"
    with Image.open(site.root / "favicon.png") as icon:
        assert (icon.format, icon.size) == ("PNG", (48, 48))
    with Image.open(site.root / "apple-touch-icon.png") as icon:
        assert (icon.size, icon.mode) == ((180, 180), "RGB")  # opaque


def test_not_found_page_offers_search_and_the_main_links(site):
    page = site.page("404.html")
    form = page.find("main").find("form", role="search")
    assert form["action"] == f"{SITEURL}/search/"
    links = {a["href"] for a in page.select("main a[href]")}
    assert {f"{SITEURL}/", f"{SITEURL}/blog/", f"{SITEURL}/contact/"} <= links
    assert len(page.find_all(attrs={"role": "search"})) == 1


def test_treatment_page_is_a_medical_procedure(site):
    page = site.page("treatments/microdermabrasion/")
    [document] = extract_documents(str(page))
    assert check_document(document, Vocabulary.load()) == []
    nodes = {node["@id"]: node for node in document["@graph"]}
    web_page = nodes[f"{SITEURL}/treatments/microdermabrasion/#webpage"]
    assert web_page["@type"] == "MedicalWebPage"
    procedure = nodes[web_page["about"]["@id"]]
    assert procedure["@type"] == "MedicalProcedure"
    assert procedure["name"] == "Microdermabrasion"
    assert procedure["procedureType"] == "https://schema.org/NoninvasiveProcedure"
    assert text_of(page.find("p", class_="reviewed")).startswith("Medically reviewed by")
    listing = site.page("treatments/")
    assert listing.find("a", href=f"{SITEURL}/treatments/microdermabrasion/")


def test_search_results_page_type(site):
    [document] = extract_documents(str(site.page("search/")))
    types = {node["@type"] for node in document["@graph"] if isinstance(node["@type"], str)}
    assert "SearchResultsPage" in types
