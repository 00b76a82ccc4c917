"""A build writes into the site before last (clinic.core.recycling): what it leaves is
what it wrote, whatever the folder held."""

from __future__ import annotations

import hashlib
import os
import pickle

import pytest

from clinic.core.recycling import Stock, keep_if_same, sweep, take_stock, write_unless_same

pytestmark = pytest.mark.unit


def _tree(folder) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_build_leaves_what_it_wrote_and_nothing_it_did_not(tmp_path):
    site = tmp_path / "site"
    for name, text in {
        "index.html": "same",
        "blog/a/index.html": "old text",
        "blog/gone/index.html": "a page since deleted",
        "feeds/all.atom.xml": "same feed",
        "images/photo-640w.webp": "a picture: made again by its own writer",
    }.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
    stock = take_stock(site)
    assert sorted(stock) == [
        "blog/a/index.html",
        "blog/gone/index.html",
        "feeds/all.atom.xml",
        "index.html",
    ]
    assert not (site / "images" / "photo-640w.webp").exists()

    assert write_unless_same(site / "index.html", b"same") is False
    assert write_unless_same(site / "blog/a/index.html", b"new text") is True
    assert write_unless_same(site / "feeds/all.atom.xml", b"same feed") is False
    (site / "sitemap.xml").write_text("written by other means")
    removed = sweep(site, stock)

    assert removed == ["blog/gone/index.html"]
    assert stock == {}  # spent: the runner's second sweep looks at nothing
    assert sweep(site, stock) == []
    assert _tree(site) == {
        "index.html": b"same",
        "blog/a/index.html": b"new text",
        "feeds/all.atom.xml": b"same feed",
        "sitemap.xml": b"written by other means",
    }
    assert sorted(p.name for p in (site / "blog").iterdir()) == ["a"]  # no empty folders
    assert not (site / "images").exists()


def test_a_file_kept_as_it_is_keeps_its_bytes_and_times(tmp_path):
    page = tmp_path / "index.html"
    page.write_bytes(b"<p>same</p>")
    os.utime(page, ns=(1_000_000_000, 1_000_000_000))
    stock = take_stock(tmp_path)
    assert write_unless_same(page, b"<p>same</p>") is False
    assert sweep(tmp_path, stock) == []
    assert page.read_bytes() == b"<p>same</p>"
    assert page.stat().st_mtime_ns == 1_000_000_000  # a server's Last-Modified stays true


def test_nothing_is_written_through_a_second_name(tmp_path):
    """A file linked from the cache (a share card) is never changed through the site."""
    cache, site = tmp_path / "cache", tmp_path / "site"
    cache.mkdir()
    site.mkdir()
    (cache / "card.html").write_text("the cache's")
    os.link(cache / "card.html", site / "card.html")
    os.symlink(cache / "card.html", site / "elsewhere.html")
    os.symlink(cache, site / "folder")
    stock = take_stock(site)
    assert stock == {}
    assert sorted(os.listdir(site)) == []
    (site / "page.html").write_text("x")
    os.link(site / "page.html", cache / "page.html")
    assert write_unless_same(site / "page.html", b"new") is True
    assert (cache / "card.html").read_text() == "the cache's"
    assert (cache / "page.html").read_text() == "x"


def test_a_killed_builds_leftovers_are_only_a_start(tmp_path):
    """A page cut short by a kill is written again; a stray file is swept."""
    (tmp_path / "index.html").write_bytes(b"<html><bo")
    (tmp_path / "stray.html").write_bytes(b"from a build that was stopped")
    stock = take_stock(tmp_path)
    assert write_unless_same(tmp_path / "index.html", b"<html><body></body></html>") is True
    assert sweep(tmp_path, stock) == ["stray.html"]
    assert _tree(tmp_path) == {"index.html": b"<html><body></body></html>"}


def test_the_stock_is_never_saved_with_the_settings(tmp_path):
    (tmp_path / "index.html").write_text("x")
    stock = take_stock(tmp_path)
    assert len(pickle.dumps(stock)) < 100
    assert pickle.loads(pickle.dumps(stock)) == Stock()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_a_page_found_with_the_bytes_it_should_hold_is_kept_unwritten(tmp_path):
    """A rebuild finds most pages in the site before last as they should be: each is kept
    with one read, counted as written for the sweep, its bytes and times as they were."""
    page, other = tmp_path / "index.html", tmp_path / "other.html"
    page.write_bytes(b"<p>same</p>")
    other.write_bytes(b"<p>old</p>")
    os.utime(page, ns=(1_000_000_000, 1_000_000_000))
    stock = take_stock(tmp_path)
    assert keep_if_same(page, _sha(b"<p>same</p>")) is True
    assert keep_if_same(other, _sha(b"<p>new</p>")) is False  # the writer writes it
    assert keep_if_same(tmp_path / "missing.html", _sha(b"")) is False
    assert sweep(tmp_path, stock) == ["other.html"]  # neither kept nor written
    assert page.read_bytes() == b"<p>same</p>"
    assert page.stat().st_mtime_ns == 1_000_000_000


def test_a_page_reached_through_a_second_name_is_never_kept(tmp_path):
    """A link, or a file with a second name, is not the site's own file: the writer
    replaces it, never keeps it."""
    cache, site = tmp_path / "cache", tmp_path / "site"
    cache.mkdir()
    site.mkdir()
    (cache / "page.html").write_bytes(b"x")
    os.symlink(cache / "page.html", site / "linked.html")
    os.link(cache / "page.html", site / "second.html")
    assert keep_if_same(site / "linked.html", _sha(b"x")) is False
    assert keep_if_same(site / "second.html", _sha(b"x")) is False
