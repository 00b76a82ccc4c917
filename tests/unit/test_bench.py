"""`make bench`'s pieces: the corpus shapes and the stock quickstart project it measures against."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from bench.corpus import (
    SHAPES,
    body_words,
    count_for,
    make_corpus,
    replicated_copies,
    site_sources,
    split,
    stock_copy,
)
from bench.stock import make_stock_project, stock_settings
from support import ROOT


def tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.mark.unit
@pytest.mark.parametrize("shape", list(SHAPES))
def test_the_corpus_is_the_same_bytes_every_time(tmp_path, shape):
    first = make_corpus(tmp_path / "a", 24, shape=shape)
    second = make_corpus(tmp_path / "b", 24, shape=shape)
    assert tree(first) == tree(second)


@pytest.mark.unit
def test_n_scales_every_shape():
    assert [count_for(shape, 1000) for shape in SHAPES] == [1000, 250, 1000]
    assert [count_for(shape, 10000) for shape in SHAPES] == [10000, 2500, 10000]
    assert count_for("long", 40) == 10


def generated(content: Path) -> list[str]:
    return [
        path.read_text(encoding="utf-8")
        for path in sorted((content / "articles").glob("article-*.md"))
    ]


@pytest.mark.unit
@pytest.mark.parametrize("shape", ["short", "long"])
def test_generated_shapes_have_their_words_and_tags(tmp_path, shape):
    spec = SHAPES[shape]
    texts = generated(make_corpus(tmp_path, 60, shape=shape))
    assert len(texts) == 60
    for text in texts:
        assert abs(body_words(text) - spec.words) <= spec.words * 0.1
        assert len(split(text)[0]["tags"].split(", ")) == spec.tags_per_article
    tags = {tag for text in texts for tag in split(text)[0]["tags"].split(", ")}
    assert len(tags) == spec.tags


@pytest.mark.unit
def test_the_replicated_shape_copies_the_site_with_unique_addresses(tmp_path):
    content = make_corpus(tmp_path, 40, shape="replicated")
    sources = site_sources()
    copies = replicated_copies(40)
    # The Spanish edition's files come along once, as they are.
    files = sorted(
        path for path in content.rglob("*.md") if path.relative_to(content).parts[0] != "es"
    )
    assert len(files) == copies * len(sources)
    assert (content / "es" / "pages" / "contacto.md").is_file()
    headers = [split(path.read_text(encoding="utf-8"))[0] for path in files]
    sections = [path.parent.name == "articles" for path in files]
    for key in ("slug", "title"):
        values = [(section, h[key]) for section, h in zip(sections, headers, strict=True)]
        assert len(set(values)) == len(values), key
    for key in ("url", "save_as"):
        values = [h[key] for h in headers if key in h]
        assert len(values) == len(set(values)) == copies * 2, key  # the 404 and the treatment


@pytest.mark.unit
@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_shape_keeps_the_content_rules(tmp_path, shape):
    from clinic.rules.lint import check_site_content
    from clinic.settings.validation import validate
    from tools.build import load_settings

    content = make_corpus(tmp_path, 30, shape=shape)
    settings = load_settings(ROOT / "pelicanconf.py", content=content)
    problems = check_site_content(settings, validate(settings))
    assert [str(p) for p in problems if not p.warning] == []


@pytest.mark.unit
def test_the_stock_copy_drops_only_template_lines(tmp_path):
    content = make_corpus(tmp_path / "ours", 3, shape="replicated")
    stock = stock_copy(content, tmp_path / "stock")
    ours, theirs = tree(content), tree(stock)
    assert sorted(ours) == sorted(theirs)
    for name, data in ours.items():
        kept = b"".join(line for line in data.splitlines(True) if not line.startswith(b"Template:"))
        assert theirs[name] == kept


@pytest.mark.unit
def test_the_stock_project_is_pelican_quickstart_with_no_plugins(tmp_path):
    project = make_stock_project(tmp_path / "stock", siteurl="https://example.org")
    assert sorted(p.name for p in project.iterdir()) == [
        "Makefile",
        "content",
        "output",
        "pelicanconf.py",
        "publishconf.py",
        "tasks.py",
    ]
    dev = stock_settings(project)
    assert dev["PLUGINS"] == []
    assert dev["DEFAULT_PAGINATION"] == 10
    assert dev["FEED_ALL_ATOM"] is None
    assert dev["THEME"].endswith(os.path.join("pelican", "themes", "notmyidea"))
    prod = stock_settings(project, "publishconf.py")
    assert prod["PLUGINS"] == []
    assert prod["SITEURL"] == "https://example.org"
    assert prod["FEED_ALL_ATOM"] == "feeds/all.atom.xml"
    assert prod["RELATIVE_URLS"] is False
    assert prod["DELETE_OUTPUT_DIRECTORY"] is True
    makefile = (project / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^html:\n\t\"\$\(PELICAN\)\" \"\$\(INPUTDIR\)\"", makefile, re.M)


@pytest.mark.unit
def test_floor_only_fails_beyond_a_floor_and_reports_the_rest():
    from bench.run import verdict_of

    floor = "cold production build (make publish) / stock's FLOOR"
    memory = "peak memory of the build / stock's"
    assert verdict_of([memory], report_only=False, floor_only=True)[0] == 0
    code, message = verdict_of([floor, memory], report_only=False, floor_only=True)
    assert code == 1
    assert floor in message
    assert memory in message
    assert verdict_of([memory], report_only=False, floor_only=False)[0] == 1
    assert verdict_of([floor], report_only=True, floor_only=False)[0] == 0
    assert verdict_of([], report_only=False, floor_only=False) == (0, "\nBench passed.")


@pytest.mark.unit
def test_the_report_sets_cpu_rebuilds_and_growth_against_stock(capsys):
    """Every row of issue #27's table, as a ratio to stock from the same run."""
    from argparse import Namespace

    from bench.run import ShapeResult, report

    def run(seconds, cpu):
        return {
            "seconds": seconds,
            "cpu_seconds": cpu,
            "peak_mb": 100.0,
            "build_mb": 100.0,
            "indexer_mb": 0.0,
        }

    result = ShapeResult("short", "1000 short posts")
    result.runs = {
        ("stock", "dev"): [run(10.0, 9.0)] * 3,
        ("ours", "dev"): [run(8.0, 13.5)] * 3,
        ("stock", "prod"): [run(10.0, 9.0)] * 3,
        ("ours", "prod"): [run(12.0, 18.0)] * 3,
    }
    result.warm = [2.0, 3.0, 4.0]
    result.unchanged = [1.0, 1.5, 2.0]
    result.scale, result.growth = 5.5, 1.1
    missed = report([result], Namespace(rounds=3, articles=5000))
    printed = capsys.readouterr().out
    assert "cold make html CPU / stock's" in printed
    assert "1.500x" in printed  # 13.5 s of CPU against 9 s
    assert "no-change rebuild / stock's cold make html" in printed
    assert "0.150x" in printed  # 1.5 s against stock's cold 10 s
    assert "growth from 1000 to N / stock's growth" in printed
    assert "AIM <= 0.1x not yet" in printed
    assert not any(name.startswith("no-change") for name in missed)  # an aim never fails


@pytest.mark.unit
def test_the_ratio_to_stock_pairs_each_rounds_two_builds():
    """A load that slows one round's two builds alike leaves that round's ratio alone: the
    median of the rounds' own ratios, not the ratio of two medians from other rounds."""
    from bench.run import ShapeResult

    result = ShapeResult("short", "1000 short posts")
    # The third round ran under load, and ours alone in the second.
    result.runs = {
        ("stock", "prod"): [{"seconds": s} for s in (10.0, 10.0, 20.0)],
        ("ours", "prod"): [{"seconds": s} for s in (12.0, 24.0, 24.0)],
    }
    assert result.ratio("prod") == pytest.approx(1.2)
    assert result.median("ours", "prod") / result.median("stock", "prod") == pytest.approx(2.4)


@pytest.mark.unit
def test_a_cold_round_starts_without_what_the_last_left_which_is_deleted_at_the_end(tmp_path):
    """Between cold rounds the bench takes away what a build left (output/, cache/, a new
    top-level file), leaving the project as set up, and sets it aside rather than deleting
    it then (bench/run.py clean): it is deleted once every figure is taken."""
    from bench import run

    project = tmp_path / "short" / "ours"
    (project / "content").mkdir(parents=True)
    (project / "Makefile").write_text("html:\n", encoding="utf-8")
    run.remember_pristine(project)
    for name in ("output", "cache", "output.partial"):
        (project / name).mkdir()
        (project / name / "index.html").write_text("<p>built</p>", encoding="utf-8")
    (project / "output.lock").write_text("", encoding="utf-8")
    run.clean(project)
    assert sorted(path.name for path in project.iterdir()) == ["Makefile", "content"]
    aside = list((tmp_path / "short").glob("set-aside-*"))
    assert len(aside) == 1
    assert sorted(path.name for path in aside[0].iterdir()) == [
        "cache",
        "output",
        "output.lock",
        "output.partial",
    ]
    run.clean(project)  # nothing left to set aside: no empty folder either
    assert len(list((tmp_path / "short").glob("set-aside-*"))) == 1
    run.delete_set_aside(tmp_path)
    assert sorted(path.name for path in (tmp_path / "short").iterdir()) == ["ours"]


def shown_text(html: str) -> str:
    """What a reader sees of a body, whatever its typography: tags, entities, curly
    quotes, dashes and non-breaking spaces taken out or made plain."""
    import html as entities

    unwrapped = re.sub(r"</?span[^>]*>", "", html)  # caps() wraps capitals in a word's place
    text = entities.unescape(re.sub(r"<[^>]+>", " ", unwrapped))
    for fancy, plain in {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "--", "—": "--"}.items():
        text = text.replace(fancy, plain)
    return " ".join(re.sub("-{2,}", "--", text).replace("\xa0", " ").split())


@pytest.mark.unit
@pytest.mark.parametrize("shape", ["short", "long"])
def test_the_reading_bench_times_both_readers_on_the_same_bodies(tmp_path, shape):
    """bench.reading compares like with like: stock's reader and ours read each file to
    the same text, ours typeset (a reader that skipped work would read faster), and the
    part it times as typography ends where the read-ahead's own work does."""
    from bench.reading import our_reader, stock_reader

    content = make_corpus(tmp_path, 6, shape=shape)
    files = sorted((content / "articles").glob("article-*.md"))
    ours, parts = our_reader(content)
    stock = stock_reader()
    for path in files:
        theirs, _metadata = stock(path)
        prepared = ours(path)
        assert shown_text(prepared.body) == shown_text(theirs)
        assert "&#8217;" in prepared.body or "’" in prepared.body  # typeset: apostrophes curled
        assert parts["Markdown, then typography and images"](path) == prepared.body
