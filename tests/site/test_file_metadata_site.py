"""Published files carry nothing private, and phone photos show the right way up (issue 25),
in whole builds: `make lint` reports a phone's photo, `make scrub` fixes it in place, the
build publishes it clean and upright, and the pre-publish gate refuses a file that still
carries metadata. tests/unit/test_file_metadata.py holds the policy and the cleaning."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from phone_files import (
    GPS_TEXT,
    PDF_TITLE,
    STORED,
    filled_pdf,
    inkscape_svg,
    looks_upright,
    phone_photo,
)
from PIL import Image
from test_file_metadata import KINDS, PRIVATE_TEXT, filemeta_problems

from checks.gate import check_site
from clinic.core import filemeta
from clinic.sitewide.scrub import scrubbed
from support import ROOT, build, built_once


def article(slug: str, image: str, body: str) -> str:
    return (
        f"Title: Pictured {slug}\nDate: 2025-02-01 10:00\nCategory: Skin Care\nSlug: {slug}\n"
        "Summary: A short summary.\nAuthor: Spectrum Dermatology\n"
        f"Image: {{static}}/images/{image}\nImage_Alt: A cheek before treatment\n\n{body}\n"
    )


def write_phone_content(content: Path) -> None:
    """The real content, with phone photos (no location: the content rules would stop the
    build for one) as pages' pictures and inline in every orientation, a drawing and a PDF."""
    shutil.copytree(ROOT / "content", content)
    images = content / "images"
    body = ["Text."]
    for orientation in sorted(STORED):
        kind = sorted(KINDS)[orientation % 3]
        name = f"inline-{orientation}{KINDS[kind]}"
        (images / name).write_bytes(phone_photo(kind, orientation, (480, 640), located=False))
        body.append(f"![A cheek, photo {orientation}]({{static}}/images/{name})")
    (images / "map.svg").write_bytes(inkscape_svg())
    (images / "consent.pdf").write_bytes(filled_pdf())
    body += ["![A map of the car park]({static}/images/map.svg)",
             "Read [the consent form]({static}/images/consent.pdf)."]  # fmt: skip
    for kind, orientation in (("jpeg", 6), ("png", 8), ("webp", 5)):
        name = f"lead-{kind}{KINDS[kind]}"
        (images / name).write_bytes(phone_photo(kind, orientation, located=False))
        text = article(f"lead-{kind}", name, "\n\n".join(body) if kind == "jpeg" else "Text.")
        (content / "articles" / f"lead-{kind}.md").write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")  # built once for the test run, all workers
def phone_site(tmp_path_factory):
    import pelicanconf

    return built_once(
        tmp_path_factory,
        "phone-site",
        ROOT / "publishconf.py",
        write_phone_content,
        SITEURL=pelicanconf.PRODUCTION_SITEURL,
    )


def published_pictures(root):
    return sorted(path for path in root.rglob("*") if path.is_file() and filemeta.is_checked(path))


def test_nothing_private_is_in_any_published_file(phone_site):
    files = [path for path in phone_site.root.rglob("*") if path.is_file()]
    for path in files:
        data = path.read_bytes()
        for text in PRIVATE_TEXT:
            assert text not in data, (path, text)
    pictures = published_pictures(phone_site.root)
    assert len(pictures) > 50
    for path in pictures:
        assert filemeta.findings(path.read_bytes(), path.suffix) == [], path


def test_every_copy_of_every_photo_is_upright(phone_site):
    copies = [
        path
        for path in published_pictures(phone_site.root)
        if path.stem.startswith(("inline-", "lead-")) and path.suffix != ".svg"
    ]
    # The originals, the article sizes of the inline photos, the lead and card sizes.
    assert {path.stem for path in copies} >= {f"inline-{n}" for n in STORED}
    assert len(copies) >= 8 * 4 + 3 * 11
    for path in copies:
        with Image.open(path) as picture:
            assert looks_upright(picture), path
            assert "derivatives/card/" in path.as_posix() or picture.height > picture.width, path


def test_the_published_original_is_its_upright_self_with_its_colour_profile(phone_site):
    for kind in KINDS:
        source = phone_site.settings["PATH"] + f"/images/lead-{kind}{KINDS[kind]}"
        with Image.open(source) as original:
            profile = original.info["icc_profile"]
        with Image.open(phone_site.root / "images" / f"lead-{kind}{KINDS[kind]}") as copy:
            assert copy.size == (1200, 1600)
            assert copy.info.get("icc_profile") == profile
            assert "exif" not in copy.info


def test_pages_give_the_upright_size_and_the_share_card_is_upright(phone_site):
    page = phone_site.page("blog/lead-jpeg/")
    inline = page.find("img", alt="A cheek, photo 6")
    assert (inline["width"], inline["height"]) == ("480", "640")
    drawing = page.find("img", alt="A map of the car park")
    assert drawing["src"].endswith("/images/map.svg")  # a drawing is shown as it is
    assert "srcset" not in drawing.attrs
    card = page.find("meta", property="og:image")["content"].split("/images/", 1)[1]
    with Image.open(phone_site.root / "images" / card) as shared:
        assert looks_upright(shared.crop((300, 0, 900, 630)).resize((600, 800)))


def test_the_gate_passes_the_built_site(phone_site):
    found = check_site(phone_site.root, phone_site.settings["SITEURL"], validate_html=False)
    assert found.problems == []


def test_make_scrub_fixes_each_file_in_place(content, tmp_path):
    images = content / "images"
    (images / "located.jpg").write_bytes(phone_photo("jpeg", 6))
    (images / "upright.jpg").write_bytes(phone_photo("jpeg", 1))
    (images / "map.svg").write_bytes(inkscape_svg())
    (images / "consent.pdf").write_bytes(filled_pdf())
    command = [sys.executable, "-m", "tools.scrub", str(content)]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    lines = run.stdout.splitlines()
    assert lines[-1].startswith("4 file(s) cleaned")
    by_file = {line.split(":", 1)[0].rsplit("/", 1)[1]: line for line in lines[:-1]}
    assert set(by_file) == {"located.jpg", "upright.jpg", "map.svg", "consent.pdf"}
    assert f"removed {GPS_TEXT};" in by_file["located.jpg"]
    assert "(not lossless)" in by_file["located.jpg"]
    assert "the picture kept as it was" in by_file["upright.jpg"]
    assert f"kept its title '{PDF_TITLE}'" in by_file["consent.pdf"]
    assert filemeta_problems(content) == []
    with Image.open(images / "located.jpg") as fixed:
        assert fixed.size == (1200, 1600)
        assert looks_upright(fixed)
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    assert again.stdout.splitlines() == [f"0 file(s) cleaned in {content}/"]
    build(tmp_path / "output", content=content)  # the build goes through now


def test_the_gate_refuses_a_published_file_that_carries_metadata(published, tmp_path):
    site = tmp_path / "output"
    shutil.copytree(published.root, site)
    (site / "images" / "photo.jpg").write_bytes(phone_photo("jpeg", 6))
    (site / "images" / "cleaned.png").write_bytes(scrubbed(phone_photo("png", 1), ".png").data)
    (site / "images" / "map.svg").write_bytes(inkscape_svg())
    (site / "images" / "consent.pdf").write_bytes(filled_pdf())
    found = [
        problem
        for problem in check_site(site, published.settings["SITEURL"], validate_html=False).problems
        if "carries" in problem
    ]
    named = {problem.split(":", 1)[0] for problem in found}
    assert named == {"images/photo.jpg", "images/map.svg", "images/consent.pdf"}
    photo = next(problem for problem in found if problem.startswith("images/photo.jpg"))
    assert GPS_TEXT in photo
    assert "Orientation 6" in photo
