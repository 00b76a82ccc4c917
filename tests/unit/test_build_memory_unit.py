"""What a build keeps while it writes, and how it looks articles up (issue #27): the
tags', categories' and authors' lists answer `in` without walking them, a page's head is
let go once the page is written, and the files read and titles set stay one a file
whatever the site's size. tests/site/test_incremental.py and test_identical.py hold
the pages to a clean build's, byte for byte."""

from __future__ import annotations

import pickle
from types import SimpleNamespace

import pytest

from clinic.build.members import Members, quick_membership


class Article:
    """An article as Pelican's lists hold it: compared by identity; any other comparison
    (a walk along a list calls `==` on every item it passes) fails the test."""

    def __eq__(self, other):
        if other is self:
            return True
        raise AssertionError("the list was walked")

    __hash__ = object.__hash__


@pytest.mark.unit
def test_members_answer_in_without_walking_the_list():
    articles = [Article() for _ in range(50)]
    members = Members(articles)
    assert list(members) == articles  # the same articles, in the same order
    assert articles[-1] in members
    assert Article() not in members
    with pytest.raises(AssertionError, match="walked"):
        _ = Article() in articles  # a plain list walks, and compares each


@pytest.mark.unit
def test_members_are_saved_as_the_plain_list_they_are():
    articles = ["a", "b", "c"]
    restored = pickle.loads(pickle.dumps(Members(articles)))
    assert type(restored) is list
    assert restored == articles


@pytest.mark.unit
def test_the_generators_tags_categories_and_authors_become_members():
    first, second = Article(), Article()
    tags = {"acne": [first, second], "sun": [second]}
    generator = SimpleNamespace(
        tags=tags,
        categories=[("skin", [first]), ("news", [second])],
        authors=[("clinic", [first, second])],
        context={},
    )
    categories = generator.categories
    quick_membership(generator)
    assert generator.tags is tags
    assert all(type(group) is Members for group in tags.values())
    assert generator.context["tags"] == [("acne", [first, second]), ("sun", [second])]
    assert generator.categories is categories  # the context's list, changed in place
    assert [type(group) for _, group in generator.categories] == [Members, Members]
    assert first not in dict(generator.categories)["news"]
    assert second in dict(generator.authors)["clinic"]


@pytest.mark.unit
def test_a_pages_head_is_let_go_once_the_page_is_written():
    """Only the page itself shows its head; kept, the heads held 9 KB an article."""
    from clinic import record_written
    from clinic.pages.head import LazyHead

    made = []

    def build() -> dict:
        made.append(1)
        return {"title": f"Acne, made {len(made)} times"}

    article = SimpleNamespace(head=LazyHead(build))
    assert article.head.title == "Acne, made 1 times"
    assert article.head["title"] == "Acne, made 1 times"  # built once while it is read
    record_written("output/blog/acne/index.html", {"article": article})
    assert article.head._head is None
    assert article.head.title == "Acne, made 2 times"  # read again: built again


@pytest.mark.unit
def test_the_files_read_are_kept_one_a_file_for_a_site_of_any_size(monkeypatch):
    """The live preview reads only what changed since its last pass, even past the
    8,192 files its reads were once bounded to."""
    from pathlib import Path

    from clinic.rules import check

    reads = []

    def read_source(path, shown, section):
        reads.append(path)
        return SimpleNamespace(path=path)

    monkeypatch.setattr(check, "read_source", read_source)
    checked = check.CheckedFiles()
    paths = [Path(f"content/articles/post-{number}.md") for number in range(9000)]
    for _ in range(2):
        for path in paths:
            checked.read(path, 1, 100, str(path), "articles")
    assert len(reads) == 9000
    checked.read(paths[0], 2, 101, str(paths[0]), "articles")  # saved again: read again
    assert len(reads) == 9001


@pytest.mark.unit
def test_every_title_of_a_large_site_is_kept_and_a_save_keeps_only_those_used(tmp_path):
    from clinic.rendering.typography import DisplayTitles

    titles = DisplayTitles()
    for number in range(9000):
        titles.remember(f"Post {number}", True, f"Post&nbsp;{number}")
    assert all(titles.get(f"Post {number}", True) for number in range(9000))
    titles.save(tmp_path / "clinic-titles.json")
    titles.remember("Renamed post", True, "Renamed&nbsp;post")
    titles.save(tmp_path / "clinic-titles.json")
    assert titles.get("Post 1", True) is None  # not used by the last build: let go
    assert titles.get("Renamed post", True) == "Renamed&nbsp;post"


@pytest.mark.unit
def test_a_generator_that_keeps_nothing_reads_no_file_for_its_stamps(tmp_path, caplog):
    """The site's cache is at the readers' layer: the article and page generators keep
    nothing themselves, and no longer read and hash every file to compare with it."""
    from pelican.cache import FileStampDataCacher

    from clinic.build.pelicancache import no_stamps_where_nothing_is_kept

    settings = {"CACHE_PATH": str(tmp_path), "GZIP_CACHE": False, "CHECK_MODIFIED_METHOD": "sha256"}
    gone = str(tmp_path / "no-such-article.md")  # reading it would fail, with a warning
    idle = FileStampDataCacher(settings, "Idle", caching_policy=False, load_policy=False)
    no_stamps_where_nothing_is_kept(idle)
    assert idle.get_cached_data(gone, "default") == "default"
    idle.cache_data(gone, "article")
    assert idle.get_cached_data(gone, "default") == "default"
    assert caplog.records == []

    keeping = FileStampDataCacher(settings, "Keeping", caching_policy=True, load_policy=False)
    no_stamps_where_nothing_is_kept(keeping)
    article = tmp_path / "article.md"
    article.write_text("Title: A\n\nText\n", encoding="utf-8")
    keeping.cache_data(str(article), "article")
    assert keeping.get_cached_data(str(article)) == "article"
    article.write_text("Title: A\n\nOther text\n", encoding="utf-8")
    assert keeping.get_cached_data(str(article)) is None  # its stamps are the files' own
