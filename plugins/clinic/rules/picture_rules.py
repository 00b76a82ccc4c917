"""Content rules for a page's own picture: `Image:` names a photo or drawing in
content/images/, and `Image_Alt:` says what it shows (or that it is decorative)."""

from __future__ import annotations

from pathlib import Path

from ..core.problems import Problem
from ..core.sources import Source
from ..rendering.pictures import (
    DECORATIVE,
    PICTURE_SUFFIXES,
    RASTER_SUFFIXES,
    image_path,
    picture_size,
)

ALT_FIX = (
    "describe what the picture shows for someone who cannot see it, e.g. "
    "'Image_Alt: A clinician treating a patient's cheek'; or write "
    f"'Image_Alt: {DECORATIVE}' when it adds nothing the text does not say"
)

# The narrowest photo the README asks for: the widest copy the build cuts (the home
# page's 1440, a lead's 1200 for a high-density screen) with room to crop it.
MIN_PHOTO_WIDTH = 1600


def picture_problems(sources: list[Source], root: Path) -> list[Problem]:
    """Every problem of every file's `Image:` and `Image_Alt:` (below the content folder
    `root`), with its line."""
    problems = []
    for source in sources:
        problems += _problems_of(source, root)
    return problems


def _problems_of(source: Source, root: Path) -> list[Problem]:
    value, alt = source.get("image").strip(), " ".join(source.get("image_alt").split())
    if not value:
        if alt:
            fix = "add 'Image: {static}/images/<file>', or delete the Image_Alt line"
            line = source.line_of("image_alt")
            return [Problem(source.shown, "Image_Alt without Image", fix, line)]
        return []
    line = source.line_of("image")
    path = image_path(value)
    problem, size = _file_problem(root, path)
    found = []
    if problem:
        found.append(Problem(source.shown, f"Image {value!r} {problem}", _file_fix(), line))
    elif size and Path(path).suffix.lower() in RASTER_SUFFIXES and size[0] < MIN_PHOTO_WIDTH:
        found.append(
            Problem(
                source.shown,
                f"Image {value!r} is {size[0]} pixels wide, narrower than {MIN_PHOTO_WIDTH}: "
                "it would look blurred on a large or sharp screen (the build never enlarges it)",
                f"use a photo at least {MIN_PHOTO_WIDTH} pixels wide (the original from the "
                "camera, not a copy sent by a messaging app), or a drawing (SVG)",
                line,
                warning=True,
            )
        )
    if not alt:
        found.append(Problem(source.shown, "Image without Image_Alt", ALT_FIX, line))
    return found


def _file_problem(root: Path, path: str) -> tuple[str | None, tuple[int, int] | None]:
    """Why the picture cannot be shown, or None; and its width and height when it can."""
    if Path(path).suffix.lower() not in PICTURE_SUFFIXES:
        return f"is not a photo or drawing ({', '.join(sorted(PICTURE_SUFFIXES))})", None
    found = root / path
    if found.is_symlink() or not found.resolve().is_relative_to(root.resolve()):
        return "is not a file inside content/", None
    if not found.is_file():
        return "does not exist", None
    try:
        return None, picture_size(found)
    except OSError as error:
        return f"cannot be read: {error}", None


def _file_fix() -> str:
    return "save the picture in content/images/ and write 'Image: {static}/images/<file>'"
