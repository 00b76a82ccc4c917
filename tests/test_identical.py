"""The speed-ups change nothing: builds with and without the content cache, and the live
preview's one-page fast path, write the same bytes as a plain build."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from bench.corpus import make_corpus
from support import ROOT
from tools.build import build_site, load_settings, run_pelican
from tools.devserver import pages_of

SETTINGS = {"dev": ROOT / "pelicanconf.py", "prod": ROOT / "publishconf.py"}


def files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def assert_same_tree(left: Path, right: Path) -> None:
    a, b = files(left), files(right)
    assert sorted(a) == sorted(b)
    differing = [name for name in a if a[name] != b[name]]
    assert differing == []


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus"), articles=60)


@pytest.mark.parametrize("mode", ["dev", "prod"])
def test_content_cache_cold_and_warm_give_the_same_site(corpus, tmp_path, mode):
    overrides = {"SITEURL": "https://example.org"} if mode == "prod" else {}
    cache = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path / "c")}
    build_site(SETTINGS[mode], tmp_path / "plain", corpus, overrides)
    build_site(SETTINGS[mode], tmp_path / "cold", corpus, {**overrides, **cache})
    build_site(SETTINGS[mode], tmp_path / "warm", corpus, {**overrides, **cache})
    assert (tmp_path / "c").is_dir()
    assert_same_tree(tmp_path / "plain", tmp_path / "cold")
    assert_same_tree(tmp_path / "plain", tmp_path / "warm")


def test_the_preview_fast_path_writes_the_same_page_as_a_full_build(corpus, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(corpus, content)
    article = content / "articles" / "article-00003.md"
    cache = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path / "c")}
    build_site(SETTINGS["dev"], tmp_path / "preview", content, cache)
    article.write_text(article.read_text() + "\nA new closing sentence.\n", encoding="utf-8")

    settings = load_settings(SETTINGS["dev"], content=content, output=tmp_path / "preview")
    selected = [str(tmp_path / "preview" / page) for page in pages_of(article, content, settings)]
    before = files(tmp_path / "preview")
    run_pelican(
        SETTINGS["dev"], tmp_path / "preview", content, {**cache, "WRITE_SELECTED": selected}
    )
    after = files(tmp_path / "preview")
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == ["blog/article-00003/index.html"]

    build_site(SETTINGS["dev"], tmp_path / "full", content)
    assert filecmp.cmp(
        tmp_path / "preview" / changed[0], tmp_path / "full" / changed[0], shallow=False
    )
