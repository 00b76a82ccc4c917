"""An incremental build equals a clean one, byte for byte, after every kind of change
(issue #27): a page whose inputs did not change is kept from the last build, and a page
whose inputs did is rendered again (build/incremental.py).

Each change is made to a copy of the site's content with a few generated articles (so
that listings, tags and related articles have something to show), built with its cache,
changed, built again into the same output/, and compared with a clean build of the
changed content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_identical import assert_same_tree, files
from test_identical_unit import SETTINGS

from bench.corpus import PICTURE, make_corpus
from support import ROOT, made_once
from tools.build import build_site

# The content cache as the build runner keeps it (tools/build.py content_cache).
CACHE = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "GZIP_CACHE": False}


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> Path:
    """The site's own content and eight generated articles, written once for the run."""
    folder, _ = made_once(tmp_path_factory, "small-corpus", lambda f: make_corpus(f, articles=8))
    return folder / "content"


def folders(root: Path) -> list[str]:
    """Every folder below `root`: one left behind, empty, would be published too."""
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_dir())


def article(content: Path, number: int) -> Path:
    return content / "articles" / f"article-{number:05d}.md"


def header_line(path: Path, key: str, value: str) -> None:
    """Set (or add) one `Key: value` line of the file's header."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blank = lines.index("")
    kept = [line for line in lines[:blank] if not line.startswith(f"{key}:")]
    path.write_text("\n".join([*kept, f"{key}: {value}", *lines[blank:]]) + "\n", "utf-8")


def edit_body(content, theme):
    path = article(content, 3)
    path.write_text(path.read_text(encoding="utf-8") + "\nA closing sentence.\n", "utf-8")


def edit_title(content, theme):
    header_line(article(content, 3), "Title", "A title written again")


def retag(content, theme):
    header_line(article(content, 3), "Tags", "a tag of its own")


def delete(content, theme):
    article(content, 7).unlink()  # no other article links to it


def rename(content, theme):
    old = article(content, 2)
    header_line(old, "Slug", "a-new-address")
    old.rename(old.with_name("renamed.md"))


def add(content, theme):
    added = content / "articles" / "added.md"
    shutil.copy(article(content, 2), added)
    header_line(added, "Title", "An added article")
    header_line(added, "Slug", "an-added-article")


def draft(content, theme):
    header_line(article(content, 4), "Status", "draft")


def scheduled(content, theme):
    header_line(article(content, 5), "Date", "2999-01-01 09:00")


def expired(content, theme):
    header_line(article(content, 6), "Expires", "2026-01-01")


def translated(content, theme):
    """A Spanish translation of a generated article appears."""
    source = article(content, 2)
    slug = next(
        line.split(":", 1)[1].strip()
        for line in source.read_text(encoding="utf-8").splitlines()
        if line.startswith("Slug:")
    )
    spanish = content / "es" / "articles" / "traduccion.md"
    shutil.copy(
        content / "es" / "articles" / "microdermoabrasion-en-consultorio-o-en-casa.md", spanish
    )
    header_line(spanish, "Translation_Of", slug)
    header_line(spanish, "Slug", "una-traduccion")
    header_line(spanish, "Title", "Una traducción")


def picture(content, theme):
    """The generated articles' picture (bench/corpus.py) replaced by a smaller one: the
    articles that show it show its new size, whose bodies Pelican's cache kept until a
    picture they show changed."""
    from PIL import Image

    picture = content / PICTURE
    with Image.open(picture) as image:
        smaller = image.resize((max(1, image.width // 2), max(1, image.height // 2)))
    smaller.save(picture)


def template(content, theme):
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- x --></body>"))


CHANGES = {
    "edit a body": edit_body,
    "edit a title": edit_title,
    "change tags": retag,
    "delete": delete,
    "rename": rename,
    "add": add,
    "draft": draft,
    "scheduled": scheduled,
    "expired": expired,
    "translation": translated,
    "picture": picture,
    "template": template,
}


# Each change is made on top of the ones before it in its chain, as a writer makes them:
# one output/ and one cache for the chain, so that from the second change on the build
# writes into the site before last (clinic.core.recycling), and each is compared with a
# clean build (an empty folder, an empty cache). Two chains, one per worker. (An article
# a change removes or renames is not used by a later one.)
CHAINS = {
    "articles": ["edit a body", "edit a title", "change tags", "add", "rename", "delete"],
    "states and shared inputs": ["draft", "scheduled", "expired", "translation", "picture"],
}
CHAINS["states and shared inputs"].append("template")
assert sorted(name for chain in CHAINS.values() for name in chain) == sorted(CHANGES)


@pytest.mark.parametrize("chain", list(CHAINS))
def test_an_incremental_build_after_each_change_equals_a_clean_one(small_corpus, tmp_path, chain):
    content, theme = tmp_path / "content", tmp_path / "theme"
    shutil.copytree(small_corpus, content)
    shutil.copytree(ROOT / "theme", theme)
    overrides = {"THEME": str(theme)}

    def build(output: str, cache: str):
        settings = {**overrides, **CACHE, "CACHE_PATH": str(tmp_path / cache)}
        return build_site(SETTINGS["dev"], tmp_path / output, content, settings)

    assert build("site", "cache").kept == 0
    for step, change in enumerate(CHAINS[chain]):
        CHANGES[change](content, theme)
        incremental = build("site", "cache")
        assert (tmp_path / "site.spare").is_dir(), change  # the next build's start
        build(f"clean-{step}", f"clean-cache-{step}")  # an empty folder and cache

        clean, kept = files(tmp_path / f"clean-{step}"), files(tmp_path / "site")
        assert sorted(clean) == sorted(kept), change
        assert folders(tmp_path / f"clean-{step}") == folders(tmp_path / "site"), change
        assert [name for name in clean if clean[name] != kept[name]] == [], change
        assert incremental.rendered > 0, change  # the change shows
        if change == "edit a body":
            assert incremental.kept > 3 * incremental.rendered  # and the rest was kept


def test_nothing_changed_keeps_every_page_and_html_and_publish_take_turns(small_corpus, tmp_path):
    """A second build with no change renders nothing; `make publish` after `make html` into
    the same output/, and `make html` again, each equal their clean builds."""
    cache = {**CACHE, "CACHE_PATH": str(tmp_path / "c")}
    output = tmp_path / "output"
    build_site(SETTINGS["dev"], output, small_corpus, cache)
    again = build_site(SETTINGS["dev"], output, small_corpus, cache)
    assert again.rendered == 0
    assert again.kept > 40

    production = {**cache, "SITEURL": "https://example.org", "CLINIC_KEEP_PAGES": True}
    build_site(SETTINGS["prod"], output, small_corpus, production)
    build_site(
        SETTINGS["prod"], tmp_path / "clean-prod", small_corpus, {"SITEURL": "https://example.org"}
    )
    assert_same_tree(tmp_path / "clean-prod", output)
    build_site(SETTINGS["dev"], output, small_corpus, cache)
    build_site(SETTINGS["dev"], tmp_path / "clean-dev", small_corpus)
    assert_same_tree(tmp_path / "clean-dev", output)


def test_a_rebuild_saves_beside_the_content_cache_only_what_changed(tmp_path, monkeypatch, caplog):
    """Pelican's content cache is saved whole once; each rebuild after an edit saves the
    entries read since beside it (build/pelicancache.py), and the next build loads both:
    it reads only the file edited since. A delta that cannot be read is thrown away with
    one warning naming it; every build equals a clean one."""
    import pickle

    from clinic.build import pelicancache
    from clinic.build.reader import ClinicMarkdownReader

    # Enough articles for a delta of three to stay under its share of the whole.
    content = make_corpus(tmp_path, articles=3 * pelicancache.DELTA_SHARE)
    cache = {**CACHE, "CACHE_PATH": str(tmp_path / "cache")}
    read: list[str] = []
    reading = ClinicMarkdownReader.read

    def read_noted(self, source_path):
        read.append(Path(source_path).name)
        return reading(self, source_path)

    monkeypatch.setattr(ClinicMarkdownReader, "read", read_noted)

    def build_and_compare(step: str) -> list[str]:
        """The files the incremental build read."""
        read.clear()
        build_site(SETTINGS["dev"], tmp_path / "site", content, cache)
        incremental = list(read)
        build_site(SETTINGS["dev"], tmp_path / f"clean-{step}", content)
        assert_same_tree(tmp_path / f"clean-{step}", tmp_path / "site")
        return incremental

    build_and_compare("first")
    whole = tmp_path / "cache" / "ArticlesGenerator-Readers"
    delta = pelicancache.delta_path(whole)
    saved = whole.read_bytes()
    assert not delta.exists()

    edit_body(content, None)
    assert build_and_compare("edited") == ["article-00003.md"]
    assert whole.read_bytes() == saved  # not saved again
    assert list(pickle.loads(delta.read_bytes())) == [str(article(content, 3))]

    header_line(article(content, 4), "Title", "Another title written again")
    # Not article 3: the delta had it.
    assert build_and_compare("edited again") == ["article-00004.md"]
    assert whole.read_bytes() == saved
    assert sorted(pickle.loads(delta.read_bytes())) == [
        str(article(content, 3)),
        str(article(content, 4)),
    ]

    delta.write_bytes(b"garbage")
    header_line(article(content, 5), "Title", "A fifth title written again")
    with caplog.at_level("WARNING"):
        read_again = build_and_compare("delta damaged")
    assert sorted(read_again) == ["article-00003.md", "article-00004.md", "article-00005.md"]
    named = [record for record in caplog.records if str(delta) in record.getMessage()]
    assert len(named) == 1
    assert pelicancache.problem_of(delta.read_bytes()) is None  # a new delta, with its check


def test_a_later_index_page_reads_only_the_articles_it_lists(tmp_path):
    """Each page is made again when an article it read changes (build/incremental.py). The
    front page counts every reviewed article; the later index pages each read only the ten
    they list, or a change to any article would make every one of them again (at 5,000
    articles, five hundred pages: a rebuild after one edit went from 11.8 to 7.2 s)."""
    from clinic.build.incremental import RECORDS, PageRecords

    content = make_corpus(tmp_path / "corpus", articles=25)
    cache = tmp_path / "cache"
    build_site(SETTINGS["dev"], tmp_path / "output", content, {**CACHE, "CACHE_PATH": str(cache)})
    records = PageRecords(cache / RECORDS, None)  # the first edition's, as the next build reads
    articles_read = {
        name: {key for key in records.before_sets[record.contents] if key.startswith("Article:")}
        for name, record in records.before.items()
    }
    everyone = articles_read["index.html"]
    assert len(everyone) == 26  # the front page: the site's article and the 25
    later = sorted(name for name in articles_read if name.startswith("page/"))
    assert later == ["page/2/index.html", "page/3/index.html"]
    for name in later:  # ten a page (DEFAULT_PAGINATION), the last one six
        assert 0 < len(articles_read[name]) <= 10, name


def test_a_build_reads_each_content_file_once_for_the_index_and_the_rules(
    small_corpus, tmp_path, monkeypatch
):
    """The editions' index (which page has a translation) and each edition's content
    rules read the same files: the build reads and splits each of them once, whatever its
    edition, and the rules still see every file."""
    from collections import Counter

    from clinic.rules import check

    read, counted = check.read_source, Counter()

    def counting(path, *args):
        counted[Path(path)] += 1
        return read(path, *args)

    monkeypatch.setattr(check, "read_source", counting)
    cache = {**CACHE, "CACHE_PATH": str(tmp_path / "cache")}
    build_site(SETTINGS["dev"], tmp_path / "site", small_corpus, cache)
    spanish = [path for path in counted if path.relative_to(small_corpus).parts[0] == "es"]
    assert spanish, "the Spanish edition's files were read"
    assert len(counted) == len(list(small_corpus.rglob("*.md")))
    assert [path for path, times in counted.items() if times > 1] == []


def test_a_build_hooks_what_it_saves_into_pelican(small_corpus, tmp_path):
    """What tests/unit/test_build_memory_unit.py checks piece by piece is hooked into a
    real build: Pelican's tag, category and author lists look articles up without walking
    them, every page's head is let go once the page is written, and the article and page
    generators, whose cache is the readers', stamp no file."""
    from pelican import signals

    from clinic.build.members import Members
    from clinic.build.pelicancache import _no_stamp
    from clinic.pages.head import LazyHead

    generators = []

    def finished(pelican_generators):
        generators.extend(pelican_generators)

    signals.all_generators_finalized.connect(finished)
    try:
        cache = {**CACHE, "CACHE_PATH": str(tmp_path / "cache")}
        build_site(SETTINGS["dev"], tmp_path / "site", small_corpus, cache)
    finally:
        signals.all_generators_finalized.disconnect(finished)
    writing = [g for g in generators if hasattr(g, "tags")]
    lists = [
        listed
        for generator in writing
        for listed in [
            *generator.tags.values(),
            *(articles for _, articles in generator.categories),
            *(articles for _, articles in generator.authors),
        ]
    ]
    assert len(writing) == 2  # each edition's
    assert lists
    assert all(type(listed) is Members for listed in lists)
    items = [
        item for g in generators for item in [*getattr(g, "articles", ()), *getattr(g, "pages", ())]
    ]
    heads = [item.head for item in items if isinstance(getattr(item, "head", None), LazyHead)]
    assert len(heads) == len(items)
    assert [head for head in heads if head._head is not None] == []
    stamping = [g for g in generators if hasattr(g, "_filestamp_func") and hasattr(g, "_cache")]
    assert {type(g).__name__ for g in stamping} == {"ArticlesGenerator", "PagesGenerator"}
    assert all(g._filestamp_func is _no_stamp for g in stamping)


def built_apart(script: str, *arguments: object) -> str:
    """Run `script` (one of the build scripts below) in a Python process of its own, in
    the checkout, and return what it printed; it must succeed."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", script, *map(str, arguments)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def photos_in(output: Path) -> list:
    """The `<img>` of the generated articles' bodies that show the corpus's photo."""
    from support import parse

    return [
        image
        for page in output.joinpath("blog").glob("*/index.html")
        for image in parse(page).select("article .prose img")
        if Path(PICTURE).stem in image["src"]
    ]


# Builds the small corpus as `make html` does, in a process of its own, and says what it
# imported: the process that writes the pages is the one that starts the build.
WHAT_A_BUILD_IMPORTS = """
import json, sys
from pathlib import Path
from tools.build import build_site, settle_imports
from clinic.build.readahead import workers
settle_imports()
settings, output, content, cache = sys.argv[1:]
build_site(Path(settings), Path(output), Path(content), {"CACHE_PATH": cache})
named = ("bs4", "lxml", "pelican.plugins.image_process", "PIL.ImageFont", "PIL.ImageDraw")
loaded = sorted(name for name in sys.modules if name.startswith(named))
print(json.dumps({"cores": workers(), "loaded": loaded}))
"""


def test_the_process_writing_the_pages_imports_neither_image_process_nor_fonts(
    small_corpus, tmp_path
):
    """pelican-image-process imports Beautiful Soup and lxml (9 MB, 60 ms). A build whose
    article places a photo leaves it to the second process that writes the photos' sizes,
    which hands the bodies back; and Pelican loads only the plugins the settings name
    (build/runner.py), where stock Pelican imports every one installed. The article still
    offers the photo in its sizes. Likewise the logo, the icons and the default share
    image are drawn by a second process (brand_pictures): Pillow's fonts held 5 MB of the
    build's peak memory. They are still published, as the pictures they are. On one core
    there is no second process, and the build does all of it itself."""
    import json

    from PIL import Image

    output = tmp_path / "site"
    cache = tmp_path / "cache"
    printed = built_apart(WHAT_A_BUILD_IMPORTS, SETTINGS["dev"], output, small_corpus, cache)
    report = json.loads(printed.strip().splitlines()[-1])
    if report["cores"] >= 2:
        assert report["loaded"] == []
    photo = photos_in(output)[0]
    widths = [part.split()[1] for part in photo["srcset"].split(",")]
    assert widths == ["480w", "800w", "1200w"]
    assert all(
        output.joinpath(part.split()[0].lstrip("/")).is_file()
        for part in photo["srcset"].split(",")
    )
    drawn = {
        "favicon.png": (48, 48),
        "apple-touch-icon.png": (180, 180),
        "images/logo.png": (512, 512),
        "images/share-en.png": (1200, 630),
    }
    for name, size in drawn.items():
        with Image.open(output / name) as picture:
            assert (picture.format, picture.size) == ("PNG", size), name


def test_a_rebuild_copies_a_body_photos_sizes_from_the_cache(small_corpus, tmp_path):
    """pelican-image-process encodes each size of a photo placed in a body (three sizes of
    one photo took 80 ms, on every rebuild). The build keeps them in its cache, named after
    the photo's bytes, and a later build copies them; a photo changed is encoded again."""
    from PIL import Image

    content = tmp_path / "content"
    shutil.copytree(small_corpus, content)
    cache = {**CACHE, "CACHE_PATH": str(tmp_path / "cache")}
    output = tmp_path / "site"
    build_site(SETTINGS["dev"], output, content, cache)
    photo = Path(PICTURE).stem
    sizes = {path.parent.name: path for path in output.glob(f"images/derivatives/*/*/{photo}.*")}
    assert sorted(sizes) == ["1200w", "480w", "800w"]
    kept = {path.stem.rsplit("-", 1)[1]: path for path in (tmp_path / "cache").rglob("*-body-*")}
    assert sorted(kept) == sorted(sizes)
    for copy in kept.values():  # each copy replaced by a picture of its own
        with Image.open(copy) as image:
            Image.new("RGB", image.size, (0, 128, 0)).save(copy, "WEBP")
    edit_body(content, None)
    build_site(SETTINGS["dev"], output, content, cache)
    assert all(sizes[name].read_bytes() == kept[name].read_bytes() for name in sizes)
    Image.new("RGB", (960, 640), (10, 20, 30)).save(content / PICTURE)
    build_site(SETTINGS["dev"], output, content, cache)
    for path in sizes.values():
        with Image.open(path) as image:
            assert image.convert("RGB").getpixel((0, 0)) != (0, 128, 0)


# Builds the small corpus, edits an article without a photo, and builds again with
# pelican-image-process unimportable, in every process the build forks too.
REBUILT_WITHOUT_IMAGE_PROCESS = """
import sys
from pathlib import Path
from tools.build import build_site, settle_imports
settle_imports()
settings, output, content, cache = sys.argv[1:]
overrides = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "GZIP_CACHE": False}
build_site(Path(settings), Path(output), Path(content), {**overrides, "CACHE_PATH": cache})
for name in ("bs4", "pelican.plugins.image_process", "pelican.plugins.image_process.image_process"):
    sys.modules[name] = None
edited = Path(content) / "articles" / "article-00003.md"
edited.write_text(edited.read_text(encoding="utf-8") + "\\nOne more line.\\n", encoding="utf-8")
build_site(Path(settings), Path(output), Path(content), {**overrides, "CACHE_PATH": cache})
"""


def test_a_rebuild_places_a_body_photo_as_before_without_pelican_image_process(
    small_corpus, tmp_path
):
    """What each marked `<img>` became is kept in the build cache with its photo's digest
    (rendering/images.py PLACED_STORE): a rebuild whose photo is unchanged puts the
    sizes back from the cache and takes the markup, and never imports pelican-image-
    process and Beautiful Soup (60 ms that the rebuild waited for). Here it cannot: the
    rebuild still publishes the same page, the photo in its sizes."""
    content = tmp_path / "content"
    shutil.copytree(small_corpus, content)
    output = tmp_path / "site"
    cache = tmp_path / "cache"
    built_apart(REBUILT_WITHOUT_IMAGE_PROCESS, SETTINGS["dev"], output, content, cache)
    clean = tmp_path / "clean"
    build_site(SETTINGS["dev"], clean, content)
    assert_same_tree(clean, output)
    placed = photos_in(output)
    assert placed
    assert all(
        output.joinpath(part.split()[0].lstrip("/")).is_file()
        for part in placed[0]["srcset"].split(",")
    )


def test_a_rebuild_takes_the_titles_and_the_languages_from_the_cache(
    small_corpus, tmp_path, monkeypatch
):
    """A build keeps the display titles and the taglines' language facts in its cache; a
    rebuild sets no title and reads no language from CLDR again, and equals the first."""
    import json

    from markupsafe import escape

    from clinic.rendering import typography
    from clinic.settings import editions

    cache = {**CACHE, "CACHE_PATH": str(tmp_path / "cache")}
    build_site(SETTINGS["dev"], tmp_path / "first", small_corpus, cache)
    stored = json.loads((tmp_path / "cache" / "clinic-titles.json").read_text(encoding="utf-8"))
    titles = {str(escape(text)) for text, _, _ in stored if text}
    assert len(titles) > 5
    assert (tmp_path / "cache" / "clinic-languages.json").is_file()
    shutil.copytree(tmp_path / "first", tmp_path / "kept")

    typeset, set_again = typography.typogrify, []

    def noting(text):
        set_again.append(text)
        return typeset(text)

    def never(code):
        raise AssertionError(f"CLDR read again for {code}")

    monkeypatch.setattr(typography, "typogrify", noting)
    monkeypatch.setattr(editions, "locale_facts", never)
    build_site(SETTINGS["dev"], tmp_path / "first", small_corpus, cache)
    assert titles.isdisjoint(set_again)
    assert_same_tree(tmp_path / "kept", tmp_path / "first")
