"""Content rules for a page's own picture: `Image:` names a photo or drawing in
content/images/, and `Image_Alt:` says what it shows (or that it is decorative)."""

from __future__ import annotations

from pathlib import Path

from ..core.problems import Problem
from ..core.sources import Source
from ..rendering.pictures import DECORATIVE, PICTURE_SUFFIXES, image_path, picture_size

ALT_FIX = (
    "describe what the picture shows for someone who cannot see it, e.g. "
    "'Image_Alt: A clinician treating a patient's cheek'; or write "
    f"'Image_Alt: {DECORATIVE}' when it adds nothing the text does not say"
)


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
    problem = _file_problem(root, image_path(value))
    found = []
    if problem:
        found.append(Problem(source.shown, f"Image {value!r} {problem}", _file_fix(), line))
    if not alt:
        found.append(Problem(source.shown, "Image without Image_Alt", ALT_FIX, line))
    return found


def _file_problem(root: Path, path: str) -> str | None:
    """Why the picture cannot be shown, or None."""
    if Path(path).suffix.lower() not in PICTURE_SUFFIXES:
        return f"is not a photo or drawing ({', '.join(sorted(PICTURE_SUFFIXES))})"
    found = root / path
    if found.is_symlink() or not found.resolve().is_relative_to(root.resolve()):
        return "is not a file inside content/"
    if not found.is_file():
        return "does not exist"
    try:
        picture_size(found)
    except OSError as error:
        return f"cannot be read: {error}"
    return None


def _file_fix() -> str:
    return "save the picture in content/images/ and write 'Image: {static}/images/<file>'"
