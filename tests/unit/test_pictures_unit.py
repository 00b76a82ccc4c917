"""Pictures from metadata: `Image:`/`Image_Alt:` on articles and pages, providers' photos,
the home page's photo; each shown in its role, sized, and loaded when it is needed."""

from __future__ import annotations

import pytest

from clinic.core.problems import ContentError
from clinic.rendering.images import Image
from clinic.rendering.pictures import (
    ROLES,
    alt_of,
    image_path,
    picture_html,
    shape,
    svg_size,
)
from support import build


def article(slug: str, extra: str) -> str:
    """A valid article whose header gets `extra` lines from line 7."""
    return (
        f"Title: Pictured {slug}\nDate: 2025-02-01 10:00\nCategory: Skin Care\nSlug: {slug}\n"
        f"Summary: A short summary.\nAuthor: Spectrum Dermatology\n{extra}\nBody text.\n"
    )


@pytest.mark.unit
def test_an_image_value_names_a_file_below_content():
    for value in (
        "{static}/images/a.jpg",
        "/images/a.jpg",
        "images/a.jpg",
        " {attach}images/a.jpg",
    ):
        assert image_path(value) == "images/a.jpg"
    assert alt_of("  A   room ") == "A room"
    assert alt_of("Decorative") == ""


@pytest.mark.unit
def test_a_drawing_is_measured_from_its_own_size(tmp_path):
    drawing = tmp_path / "d.svg"
    drawing.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200"/>')
    assert svg_size(drawing) == (300, 200)
    drawing.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"/>')
    assert svg_size(drawing) == (40, 30)


@pytest.mark.unit
def test_each_role_cuts_to_its_shape_and_never_enlarges():
    photo = Image("images/p.jpg", 1600, 1000, "x")
    assert shape(photo, ROLES["face"], 320) == (320, 320)
    assert shape(photo, ROLES["card"], 640) == (640, 480)
    assert shape(photo, ROLES["lead"], 800) == (800, 500)
    assert shape(Image("images/s.jpg", 300, 300, "x"), ROLES["lead"], 1200) == (300, 300)


@pytest.mark.unit
def test_only_the_leading_picture_loads_at_once():
    drawing = Image("images/d.svg", 1200, 900, 'A "quoted" room')
    eager = picture_html(drawing, ROLES["lead"], "", eager=True)
    lazy = picture_html(drawing, ROLES["card"], "")
    assert 'fetchpriority="high"' in eager
    assert "loading=" not in eager
    assert 'loading="lazy"' in lazy
    assert "fetchpriority" not in lazy
    assert 'alt="A &quot;quoted&quot; room"' in eager


@pytest.mark.unit
@pytest.mark.parametrize(
    ("extra", "line", "message"),
    [
        ("Image: {static}/images/placeholders/clinic-hero.svg\n", 7, "Image without Image_Alt"),
        ("Image_Alt: A room\n", 7, "Image_Alt without Image"),
        (
            "Image: {static}/images/missing.jpg\nImage_Alt: A room\n",
            7,
            "Image '{static}/images/missing.jpg' does not exist",
        ),
        (
            "Image: {static}/extra/robots.txt\nImage_Alt: A room\n",
            7,
            "Image '{static}/extra/robots.txt' is not a photo or drawing "
            "(.jpeg, .jpg, .png, .svg, .webp)",
        ),
    ],
)
def test_picture_mistakes_name_the_file_and_line(content, tmp_path, extra, line, message):
    (content / "articles" / "bad.md").write_text(article("bad", extra), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        build(tmp_path / "output", content=content)
    [problem] = raised.value.problems
    assert (problem.where.endswith("articles/bad.md"), problem.line) == (True, line)
    assert problem.message == message


@pytest.mark.unit
def test_a_kept_placing_names_nothing_outside_the_output_and_the_cache(tmp_path):
    """A body's photo placed before is taken from the build cache's store (placed.json),
    whose sizes are copied into the output: a store naming a file outside either folder
    (written by hand, or by anything but the build) is not taken, and nothing is copied."""
    import json

    from clinic.rendering.images import PLACED_STORE, ImageProcessSettings

    photo, cache, output = tmp_path / "room.png", tmp_path / "cache", tmp_path / "output"
    photo.write_bytes(b"not really a photo, but bytes to digest")
    cache.mkdir()
    (cache / "kept.webp").write_bytes(b"a size")
    (tmp_path / "elsewhere.webp").write_bytes(b"not the cache's")
    settings = ImageProcessSettings({"OUTPUT_PATH": str(output)}, {}, cache)
    digest = settings._digest(str(photo))
    stored = {
        tag: {"placed": f"<img {tag}>", "photo": str(photo), "digest": digest, "sizes": sizes}
        for tag, sizes in {
            "fine": [["images/800w/room.webp", "kept.webp"]],
            "out": [["../escaped.webp", "kept.webp"]],
            "from-elsewhere": [["images/480w/room.webp", "../elsewhere.webp"]],
        }.items()
    }
    (cache / PLACED_STORE).write_text(json.dumps(stored), encoding="utf-8")
    assert settings._restored(stored["fine"])
    assert (output / "images" / "800w" / "room.webp").read_bytes() == b"a size"
    assert not settings._restored(stored["out"])
    assert not settings._restored(stored["from-elsewhere"])
    assert not (tmp_path / "escaped.webp").exists()
    assert not (output / "images" / "480w").exists()
