"""The site's commands as invoke tasks; the Makefile calls these by the same names.

`invoke --list` shows them. Builds go to a staging folder first and replace
`output/` only when Pelican succeeds, so a failed build never leaves a
half-written site behind.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
CONFIG = {
    "content": ROOT / "content",
    "output": ROOT / "output",
    "settings_base": ROOT / "pelicanconf.py",
    "settings_publish": ROOT / "publishconf.py",
}
PYTHON = sys.executable


def _pelican(c, settings: Path, output: Path, *options: str, env=None, content=None):
    args = " ".join(options)
    source = content or CONFIG["content"]
    return c.run(
        f'"{PYTHON}" -m pelican "{source}" -o "{output}" -s "{settings}" {args}',
        env=env or {},
    )


def replace_directory(new: Path, target: Path) -> None:
    """Put `new` where `target` is, keeping the old one until the swap is done."""
    previous = target.with_name(target.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    new.rename(target)
    shutil.rmtree(previous, ignore_errors=True)


def build_site(c, settings: Path, env=None, content=None, output=None) -> None:
    """Build into output.partial/, then swap it in for output/."""
    output = output or CONFIG["output"]
    staging = output.with_name(output.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        _pelican(c, settings, staging, "--fatal errors", env=env, content=content)
        replace_directory(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@task
def html(c):
    """Build the site into output/ with the development settings."""
    build_site(c, CONFIG["settings_base"])


@task
def publish(c, siteurl=""):
    """Build the production site into output/ (SITEURL overrides the address)."""
    env = {"SITEURL": siteurl} if siteurl else {}
    build_site(c, CONFIG["settings_publish"], env=env)


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
