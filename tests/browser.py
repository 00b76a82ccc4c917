"""Headless Debian Chromium for the browser tests, driven by Playwright (never its own browser)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


def chromium_path() -> str:
    """Debian's chromium; a missing browser fails the run, it never skips it."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail("chromium is not installed: `make test` installs it with apt-get")
    return path


def run_axe(page) -> list[dict]:
    """axe-core's violations on the loaded page, with the failing elements' selectors
    (axe-core is added to the page once, for as many runs as the test makes on it; as the
    browser's tools add a script, which the page's Content-Security-Policy does not stop)."""
    if not AXE.is_file():
        pytest.fail("node_modules/axe-core is missing: `make test` installs it with npm ci")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')),
            }));
        }""",
        AXE_TAGS,
    )
