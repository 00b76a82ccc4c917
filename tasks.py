"""The site's commands as invoke tasks; the Makefile calls these by the same names.

`invoke --list` shows them. Builds go to a staging folder first and replace
`output/` only when Pelican succeeds, so a failed build never leaves a
half-written site behind.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))
CONFIG = {
    "content": ROOT / "content",
    "output": ROOT / "output",
    "settings_base": ROOT / "pelicanconf.py",
    "settings_publish": ROOT / "publishconf.py",
}
PYTHON = sys.executable


def _pelican(c, settings: Path, output: Path, *options: str):
    """Run Pelican's own command line (the server modes)."""
    args = " ".join(options)
    return c.run(
        f'"{PYTHON}" -m pelican "{CONFIG["content"]}" -o "{output}" -s "{settings}" {args}'
    )


def replace_directory(new: Path, target: Path) -> None:
    """Put `new` where `target` is, keeping the old one until the swap is done."""
    previous = target.with_name(target.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    new.rename(target)
    shutil.rmtree(previous, ignore_errors=True)


class BuildFailed(Exception):
    """The build stopped; the message says why and where, without a traceback."""


class _ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def run_pelican(settings_file: Path, output: Path, content=None, overrides=None) -> None:
    """Build with Pelican in this process; raise BuildFailed on any problem or logged error."""
    from pelican import Pelican
    from pelican.settings import read_settings

    from clinic.problems import ClinicError

    override = {"OUTPUT_PATH": str(output), **(overrides or {})}
    if content is not None:
        override["PATH"] = str(content)
    counter = _ErrorCounter()
    pelican_logger = logging.getLogger("pelican")
    pelican_logger.addHandler(counter)
    try:
        Pelican(read_settings(str(settings_file), override=override)).run()
    except ClinicError as error:
        raise BuildFailed(str(error)) from None
    finally:
        pelican_logger.removeHandler(counter)
    if counter.count:
        raise BuildFailed(f"{counter.count} error(s) reported above.")


def build_site(settings: Path, content=None, output=None, overrides=None) -> None:
    """Build into output.partial/, then swap it in for output/; on failure keep output/."""
    output = output or CONFIG["output"]
    staging = output.with_name(output.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        run_pelican(settings, staging, content=content, overrides=overrides)
        replace_directory(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _build_or_exit(settings: Path, overrides=None) -> None:
    """Build for a command line: problems printed one per line, then exit 1."""
    from pelican.log import init as init_logging

    init_logging(level=logging.WARNING)
    try:
        build_site(settings, overrides=overrides)
    except BuildFailed as failure:
        print(f"{failure}\nBuild failed: output/ was left as it was.", file=sys.stderr)
        sys.exit(1)


@task
def html(c):
    """Build the site into output/ with the development settings."""
    _build_or_exit(CONFIG["settings_base"])


@task
def publish(c, siteurl=""):
    """Build the production site into output/ (SITEURL overrides the address)."""
    _build_or_exit(CONFIG["settings_publish"], {"SITEURL": siteurl} if siteurl else None)


@task
def serve(c, port=8000):
    """Serve output/ at http://localhost:PORT/."""
    _pelican(c, CONFIG["settings_base"], CONFIG["output"], "--listen", f"--port {int(port)}")


@task
def devserver(c, port=8000):
    """Rebuild on every change to content, theme or plugin, and serve."""
    _pelican(
        c,
        CONFIG["settings_base"],
        CONFIG["output"],
        "--autoreload --listen",
        f"--port {int(port)}",
    )


@task
def github(c):
    """Publish to GitHub Pages: arrives with the publishing work."""
    sys.exit(
        "make github: publishing to GitHub Pages is not set up yet. "
        "Build the production site with `make publish` in the meantime."
    )


@task
def audit(c, port=8123, runs=1):
    """Lighthouse on the production build served at 127.0.0.1:PORT: scores, bytes, budgets."""
    site = ROOT / "audit-reports" / "site"
    try:
        build_site(
            CONFIG["settings_publish"],
            output=site,
            overrides={"SITEURL": f"http://127.0.0.1:{int(port)}"},
        )
    except BuildFailed as failure:
        sys.exit(f"{failure}\nAudit stopped: the production build failed.")
    c.run(f'"{PYTHON}" -m checks.audit --site "{site}" --port {int(port)} --runs {int(runs)}')


@task
def lint(c):
    """Check the Python code with ruff (lint rules and formatting)."""
    c.run(f'"{PYTHON}" -m ruff check "{ROOT}"')
    c.run(f'"{PYTHON}" -m ruff format --check "{ROOT}"')


@task
def test(c):
    """Run ruff, then the whole pytest suite."""
    lint(c)
    c.run(f'"{PYTHON}" -m pytest')


@task
def clean(c):
    """Remove the built site and caches."""
    for name in ("output", "output.partial", "output.previous", "cache"):
        shutil.rmtree(ROOT / name, ignore_errors=True)
