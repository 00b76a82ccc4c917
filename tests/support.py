"""Helpers for whole-build tests: build a site in-process, then read its pages."""

from __future__ import annotations

import fcntl
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from bs4 import BeautifulSoup

from clinic.build.runner import SitePelican
from tools.build import edition_runs

ROOT = Path(__file__).resolve().parent.parent
# The seed the site started from (shared/seeds/000_e0362418a743ce19.txt), kept verbatim.
SEED = ROOT / "tests" / "data" / "seed-article.txt"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class BuiltSite:
    """A built output folder, with the warnings Pelican logged while building it."""

    root: Path
    settings: dict
    log: list[logging.LogRecord] = field(default_factory=list)

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def page(self, path: str) -> BeautifulSoup:
        """Parse a page by its URL path below the site root (`blog/x/` or `404.html`)."""
        return parse(self.file_for(path))

    def file_for(self, url_path: str) -> Path:
        target = self.root / unquote(url_path).lstrip("/")
        if url_path == "" or url_path.endswith("/"):
            target = target / "index.html"
        return target


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def build(
    output: Path,
    settings_file: Path = ROOT / "pelicanconf.py",
    content: Path | None = None,
    **overrides,
) -> BuiltSite:
    """Build a site with Pelican in this process, every edition, as `make html` does."""
    runs = edition_runs(settings_file, content, output, {"CACHE_CONTENT": False, **overrides})
    collector = _Collect()
    logger = logging.getLogger()  # Pelican's loggers and the clinic plugin's
    logger.addHandler(collector)
    try:
        for settings in runs:
            SitePelican(settings).run()
    finally:
        logger.removeHandler(collector)
    return BuiltSite(root=output, settings=runs[0], log=collector.records)


def made_once(tmp_path_factory, name: str, make: Callable[[Path], object]) -> tuple[Path, object]:
    """A folder that `make` fills once for the whole test run, and what `make` returned, or
    None in a pytest-xdist worker that found it made by another. The first worker to take
    the lock makes it; the others wait, then use it (the pytest-xdist recipe: a file lock in
    the temporary folder all the run's workers share)."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):  # one process: it makes its own
        folder = tmp_path_factory.mktemp(name)
        return folder, make(folder)
    shared = tmp_path_factory.getbasetemp().parent / name  # this run's, every worker's
    shared.mkdir(exist_ok=True)
    folder, done = shared / "made", shared / "done"
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if done.exists():
            return folder, None
        folder.mkdir(exist_ok=True)
        made = make(folder)
        done.touch()  # only once `make` has succeeded: after a failure the next one tries
        return folder, made


def built_once(
    tmp_path_factory,
    name: str,
    settings_file: Path = ROOT / "pelicanconf.py",
    write_content: Callable[[Path], object] | None = None,
    **overrides,
) -> BuiltSite:
    """A site built once for the whole test run (made_once): the real content/, or what
    `write_content(folder)` writes into its folder. The worker that builds has its build;
    the others read its output, its logged warnings, and the settings as Pelican makes them
    (the plugin's start included), without building again."""

    def build_here(folder: Path) -> BuiltSite:
        content = None
        if write_content is not None:
            content = folder / "content"
            write_content(content)
        built = build(folder / "output", settings_file, content, **overrides)
        warnings = [[record.levelno, record.getMessage()] for record in built.log]
        (folder / "warnings.json").write_text(json.dumps(warnings), encoding="utf-8")
        return built

    folder, built = made_once(tmp_path_factory, name, build_here)
    if built is not None:
        return built
    output = folder / "output"
    content = folder / "content" if write_content is not None else None
    settings = edition_runs(settings_file, content, output, {"CACHE_CONTENT": False, **overrides})
    SitePelican(settings[0])  # the plugin's start: the build's context in the settings, as built
    log = [
        logging.makeLogRecord(
            {"levelno": level, "levelname": logging.getLevelName(level), "msg": text}
        )
        for level, text in json.loads((folder / "warnings.json").read_text(encoding="utf-8"))
    ]
    return BuiltSite(root=output, settings=settings[0], log=log)


def seed_paragraphs() -> list[str]:
    """The seed article's paragraphs, as the clinic wrote them."""
    text = SEED.read_text(encoding="utf-8")
    return [part.strip() for part in text.split("\n\n") if part.strip()]


def seed_metadata() -> dict[str, str]:
    """The seed article's metadata header, keyed by lower-case key."""
    from clinic.core.sources import split_header

    source = ROOT / "content" / "articles" / "in-office-vs-diy-microdermabrasion.md"
    entries, _, _ = split_header(source.read_text(encoding="utf-8"))
    return {entry.key.lower(): entry.value for entry in entries}


def text_of(element) -> str:
    """What a reader sees: no-break spaces read as spaces, runs of spaces as one."""
    return " ".join(element.get_text().replace("\xa0", " ").split())


def content_problems(content: Path, settings_file: Path = ROOT / "pelicanconf.py", **overrides):
    """The content problems `make html` finds in content/, in this process: the real rules
    with the real settings, edition after edition as the build runs them, stopping after
    the first edition with an error as the build does. Errors and warnings, as Problems."""
    from clinic.rules.lint import check_site_content
    from clinic.settings.validation import validate

    problems = []
    runs = edition_runs(settings_file, content, None, {"CACHE_CONTENT": False, **overrides})
    for settings in runs:
        found = check_site_content(settings, validate(settings))
        problems += found
        if any(not problem.warning for problem in found):
            break
    return problems


def content_errors(content: Path, place: str, **overrides) -> list[str]:
    """The lines `make html` prints for the errors in content/ that name `place`."""
    return [
        str(problem)
        for problem in content_problems(content, **overrides)
        if not problem.warning and place in str(problem)
    ]


def failed_html_build(content: Path, output: Path, place: str) -> list[str]:
    """Run `make html` (its invoke task) on content/ over a last good site, and check it
    failed as a writer should see it: no traceback, the last good site left as it was.
    Returns the lines of its error output that name `place`."""
    import subprocess
    import sys

    output.mkdir()
    (output / "index.html").write_text("the last good site", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "invoke",
            "html",
            "--content",
            str(content),
            "--output",
            str(output),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert (output / "index.html").read_text(encoding="utf-8") == "the last good site"
    return [row for row in result.stderr.splitlines() if place in row]


def generated_texts(pieces: list[str], count: int, seed: int) -> list[str]:
    """`count` texts of 3 to 200 pieces each, drawn from `pieces` (repeat a piece to draw it
    more often): the same texts for the same seed."""
    import random

    rng = random.Random(seed)
    return [
        "".join(rng.choice(pieces) for _ in range(rng.choice([3, 8, 20, 60, 200])))
        for _ in range(count)
    ]
