"""Hostile contributions, first wall: each harm is one error line of the content rules, the
line `make html` prints (tests/site/test_hostile_content.py builds with them all at once)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hostile_cases import SCRIPTED_SVG

from support import ROOT, content_errors

GOOD = (
    "Title: Sun care basics\nDate: 2025-02-01 10:00\nCategory: Skin Care\n"
    "Slug: sun-care\nSummary: How to look after your skin in the sun.\n"
    "Author: Spectrum Dermatology\n"
)
FAKE_TOKEN = "ghs_" + "a1B2c3D4e5F6g7H8i9J0" * 2

# --- Each harm: what it does to content/, where `make html` reports it, and in which words


def _write(content: Path, relative: str, text: str | bytes) -> None:
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def _link(content: Path, relative: str, target: Path) -> None:
    (content / relative).symlink_to(target)


HARMS = {
    "javascript link": (
        lambda c, t: _write(
            c, "articles/offer.md", GOOD + "\nSee the [offer](JaVa&#x09;Script:steal()).\n"
        ),
        "articles/offer.md:8:",
        "uses the 'javascript:' scheme",
    ),
    "inline handler": (
        lambda c, t: _write(
            c, "articles/hover.md", GOOD + '\n<p onmouseover="steal()">Hover</p>\n'
        ),
        "articles/hover.md:8:",
        "inline event handler 'onmouseover='",
    ),
    "scripted svg": (
        lambda c, t: _write(c, "images/chart.svg", SCRIPTED_SVG),
        "images/chart.svg:3:",
        "has a <script> element",
    ),
    "page url elsewhere": (
        lambda c, t: _write(
            c,
            "pages/partner.md",
            "Title: Partner\nSummary: Our partner.\nURL: https://evil.example/\n\nBody.\n",
        ),
        "pages/partner.md:3:",
        "is not an address inside the site",
    ),
    "symlinked article": (
        lambda c, t: _link(c, "articles/notes.md", t / "secret.md"),
        "articles/notes.md:",
        "is a symbolic link",
    ),
    "symlinked static file": (
        lambda c, t: _link(c, "images/photo.png", t / "secret.md"),
        "images/photo.png:",
        "is a symbolic link",
    ),
}


def harmed_content(tmp_path: Path, harms) -> Path:
    """A copy of the real content/ with each of `harms` done to it, and a secret outside it."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (tmp_path / "secret.md").write_text(GOOD + f"\nToken: {FAKE_TOKEN}\n", encoding="utf-8")
    for harm in harms:
        add, _, _ = HARMS[harm]
        add(content, tmp_path)
    return content


@pytest.mark.unit
@pytest.mark.parametrize("harm", HARMS)
def test_each_harm_is_one_error_line_naming_its_place_and_fix(harm, tmp_path):
    _, place, words = HARMS[harm]
    lines = content_errors(harmed_content(tmp_path, [harm]), place)
    assert len(lines) == 1, lines
    assert words in lines[0]
    assert "; fix: " in lines[0]
