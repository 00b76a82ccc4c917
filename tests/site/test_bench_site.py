"""`make bench`'s pieces: the corpus shapes and the stock quickstart project it measures against."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench.corpus import (
    make_corpus,
    stock_copy,
)
from bench.stock import make_stock_project
from support import ROOT


def test_the_stock_project_builds_a_tiny_corpus_with_its_makefile(tmp_path):
    content = make_corpus(tmp_path / "ours", 4, shape="short")
    project = make_stock_project(tmp_path / "stock", siteurl="https://example.org")
    stock_copy(content, project / "content")
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    for key in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS"):
        env.pop(key, None)
    done = subprocess.run(
        ["make", "html"], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    index = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert "Spectrum Dermatology" in index
    assert (project / "output" / "article-00003.html").is_file()


def test_measure_reports_the_search_indexer_apart_from_the_build(tmp_path):
    """Pagefind runs as its own program; measure.py finds its peak and the rest's."""
    import json
    import subprocess
    import sys

    site = tmp_path / "site"
    site.mkdir()
    words = " ".join(f"word{number}" for number in range(3000))
    for page in range(150):  # enough for Pagefind to run for a good part of a second
        (site / f"{page}.html").write_text(
            f'<!DOCTYPE html><html lang="en"><head><title>{page}</title></head>'
            f"<body><main data-pagefind-body><p>{words} page{page}</p></main></body></html>",
            encoding="utf-8",
        )
    command = [
        sys.executable,
        "-c",
        "import time, subprocess, sys; "
        "subprocess.run([sys.executable, '-m', 'pagefind', '--site', sys.argv[1]], "
        "check=True); time.sleep(0.2)",
        str(site),
    ]
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "measure.py"), str(tmp_path / "log"), *command],
        capture_output=True,
        text=True,
        check=True,
    )
    run = json.loads(done.stdout)
    assert run["returncode"] == 0
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert run["indexer_mb"] > 1
    assert run["build_mb"] > 1
    assert run["peak_mb"] >= max(run["indexer_mb"], run["build_mb"]) - 1
    assert run["cpu_seconds"] > 0.05  # the indexer's work, a child of a child, counted
