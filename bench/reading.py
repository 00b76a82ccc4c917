"""Reading the files, stock's reader against ours: the share of a cold build both must do.

`python -m bench.reading [N] [ROUNDS]` makes the bench's corpora (short posts and long
articles, at `make bench N=...`, default 1000) and times, in this one process, every
file read as each build reads it:

- stock: Pelican's MarkdownReader with Pelican's default settings, which a
  `pelican-quickstart` project keeps (Markdown with codehilite, extra and meta; a new
  Markdown for each file, as the reader makes it);
- ours: what a read-ahead worker does for each file (`build/readahead.prepare`):
  Markdown with the site's settings, the typography, the images sized, the display
  title and the scan the content rules check.

It prints each one's median over ROUNDS (default 3), their ratio, and ours in parts.
The rest of a cold build, stock's or ours, is what `make bench` measures (CPU of the
whole process tree) less these figures: the README's Build speed section sets the
two side by side.
"""

from __future__ import annotations

import copy
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.corpus import SHAPES, count_for, make_corpus, split

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

SHAPES_READ = ("short", "long")


def stock_reader() -> Callable[[Path], object]:
    """Pelican's MarkdownReader.read with Pelican's default settings (a copy: the reader
    completes its MARKDOWN setting in place)."""
    from pelican.readers import MarkdownReader
    from pelican.settings import DEFAULT_CONFIG

    reader = MarkdownReader(copy.deepcopy(DEFAULT_CONFIG))
    return lambda path: reader.read(str(path))


def our_reader(content: Path) -> tuple[Callable[[Path], object], dict[str, Callable]]:
    """The read-ahead's `prepare` with the site's settings, and its parts one by one."""
    from clinic.build.readahead import Job, finish_body, prepare
    from clinic.rendering import markup
    from clinic.rendering.typography import display_title
    from tools.build import load_settings

    settings = load_settings(ROOT / "pelicanconf.py", content=content)
    key = markup.markdown_settings_key(settings.get("MARKDOWN", {}))
    typeset = bool(settings.get("CLINIC_TYPOGRIFY", True))  # as settings/options.py reads it

    def job(path: Path) -> Job:
        text = path.read_text(encoding="utf-8")
        return Job(text, key, typeset, str(content), str(path.parent))

    def typography(path: Path) -> str:
        html, _ = markup.render_with_meta(path.read_text(encoding="utf-8"), key)
        return finish_body(html, typeset, content, path.parent)

    parts = {
        "Markdown": lambda path: markup.render_with_meta(path.read_text(encoding="utf-8"), key),
        "Markdown, then typography and images": typography,
        "display title": lambda path: display_title(
            split(path.read_text(encoding="utf-8"))[0].get("title", ""), typeset
        ),
        "scan for the rules": lambda path: markup.scan_html(
            markup.render_with_meta(path.read_text(encoding="utf-8"), key)[0]
        ),
    }
    return (lambda path: prepare(job(path))), parts


def seconds(read: Callable[[Path], object], files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        read(path)
    return time.perf_counter() - start


def median_of(read: Callable[[Path], object], files: list[Path], rounds: int) -> float:
    read(files[0])  # imports and first-use set-up out of the timing
    return statistics.median(seconds(read, files) for _ in range(rounds))


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv else 1000
    rounds = int(argv[1]) if len(argv) > 1 else 3
    stock = stock_reader()
    for shape in SHAPES_READ:
        with tempfile.TemporaryDirectory() as folder:
            content = make_corpus(Path(folder), count_for(shape, n), shape=shape)
            files = sorted((content / "articles").glob("*.md"))
            ours, parts = our_reader(content)
            theirs = median_of(stock, files, rounds)
            mine = median_of(ours, files, rounds)
            print(f"{SHAPES[shape].description}, {len(files)} files, medians of {rounds}:")
            print(f"  stock's reader   {theirs:6.2f} s")
            print(f"  ours             {mine:6.2f} s  ({mine / theirs:.2f}x)")
            markdown = median_of(parts["Markdown"], files, rounds)
            finished = median_of(parts["Markdown, then typography and images"], files, rounds)
            scanned = median_of(parts["scan for the rules"], files, rounds)
            titles = median_of(parts["display title"], files, rounds)
            print(f"    Markdown                {markdown:6.2f} s")
            print(f"    typography, images      {finished - markdown:6.2f} s")
            print(f"    scan for the rules      {scanned - markdown:6.2f} s")
            print(f"    display titles          {titles:6.2f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
