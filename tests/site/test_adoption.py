"""Another clinic makes the site its own from clinic.toml alone: a clinic in Mesa changes
that one file and deletes the seed article, as the README says, and builds the
published site. No word, address, alt text, feed, search entry or JSON-LD of the site
names the first clinic any more."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
from pathlib import Path

from test_publish import copy_project, make_github

from support import parse

# What a clinic called Desert Skin Clinic, in Mesa, writes into clinic.toml: every fact of
# the first clinic's replaced, in that file alone.
ADOPTION = (
    ("Spectrum Dermatology", "Desert Skin Clinic"),
    ("Spectrum", "Desert Skin"),
    ("spectrum-dermatology", "desert-skin"),
    ("Scottsdale", "Mesa"),
    ("85251", "85201"),
    ('initials = "SD"', 'initials = "DS"'),
    ("555-0100", "555-0142"),
    ("555-0101", "555-0143"),
    ("demo = true", "demo = false"),
)
SEED = (
    "content/articles/in-office-vs-diy-microdermabrasion.md",
    "content/es/articles/microdermoabrasion-en-consultorio-o-en-casa.md",
)
FIRST_CLINIC = re.compile(rb"(?i:spectrum|scottsdale)|\bSD\b")
# Pictures whose pixels are compressed: their text is in their chunks (a PNG's) or nowhere.
PIXELS = (".webp", ".jpg", ".jpeg", ".avif")


def adopted(tmp_path: Path) -> Path:
    """A fresh copy of the project, made Desert Skin Clinic's as the README says."""
    clone = tmp_path / "project"
    copy_project(clone)
    facts = clone / "clinic.toml"
    text = facts.read_text(encoding="utf-8")
    for old, new in ADOPTION:
        assert old in text, old
        text = text.replace(old, new)
    facts.write_text(text, encoding="utf-8")
    for name in SEED:
        (clone / name).unlink()
    return clone


def published_bytes(path: Path) -> bytes:
    """What a published file says in words: Pagefind's compressed index read open, a PNG's
    chunks but its pixels (drawn pictures are checked apart), nothing of other pixels."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        return gzip.decompress(data)
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        chunks, at = [], 8
        while at < len(data):
            length = int.from_bytes(data[at : at + 4], "big")
            kind = data[at + 4 : at + 8]
            if kind != b"IDAT":
                chunks.append(kind + data[at + 8 : at + 8 + length])
            at += 12 + length
        return b" ".join(chunks)
    return b"" if path.suffix in PIXELS else data


def test_another_clinic_changes_one_file_and_no_trace_of_the_first_is_published(tmp_path):
    clone = adopted(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "tools.build", "publish"],
        cwd=clone,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    output = clone / "output"
    files = [path for path in output.rglob("*") if path.is_file()]
    assert len(files) > 50
    traces = {
        path.relative_to(output).as_posix(): FIRST_CLINIC.findall(published_bytes(path))[:3]
        for path in files
    }
    assert {name: found for name, found in traces.items() if found} == {}

    home = parse(output / "index.html")
    assert home.select("footer .demo-note") == []  # demo = false: no sample-site note
    assert home.title.get_text().startswith("Desert Skin Clinic")
    contact = parse(output / "contact" / "index.html").get_text(" ")
    assert "Mesa" in contact
    assert "(480) 555-0142" in contact
    treatment = parse(output / "treatments" / "microdermabrasion" / "index.html")
    assert (
        treatment.find("aside", class_="cta").h2.get_text() == "Contact Desert Skin Clinic Today!"
    )
    spanish = parse(output / "es" / "sobre-nosotros" / "index.html")
    assert spanish.h1.get_text(" ", strip=True).replace("\xa0", " ") == "Sobre Desert Skin Clinic"

    # The drawn pictures carry the new initials: each is what the first clinic's would be
    # with "DS" for "SD", and not the first clinic's.
    from clinic.pages.brand import FAVICON, FONT_FILE, LOGO, TOUCH_ICON, mark_png
    from clinic.settings.brand import Brand

    font = FONT_FILE.read_bytes()
    for mark in (LOGO, FAVICON, TOUCH_ICON):
        drawn = (output / mark.path).read_bytes()
        assert drawn == mark_png(Brand(initials="DS"), mark, font), mark.path
        assert drawn != mark_png(Brand(initials="SD"), mark, font), mark.path


def test_make_github_refuses_a_site_with_invented_facts_unless_it_is_a_demo(tmp_path):
    """With demo = false, `make github` lists each invented fact still in place with its
    file and line, and publishes nothing."""
    clone = tmp_path / "project"
    copy_project(clone)
    facts = clone / "clinic.toml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace("demo = true", "demo = false"), "utf-8"
    )
    remote = tmp_path / "pages.git"
    done = make_github(clone, remote)
    assert done.returncode != 0
    lines = facts.read_text(encoding="utf-8").split("\n")
    phone = next(n for n, text in enumerate(lines, 1) if text.startswith("telephone ="))
    assert f"clinic.toml:{phone}: '555-0100' is a placeholder" in done.stderr
    assert "content/pages/treatments/microdermabrasion.md:" in done.stderr
    assert "Nothing was published" in done.stderr
    assert "set demo = true in clinic.toml" in done.stderr
    assert not (clone / "output").exists()  # it stopped before building
    assert not remote.exists()
