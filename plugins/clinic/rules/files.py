"""The files a contribution adds: no symbolic links, only picture and document types, safe SVG.

Pelican copies static files as they are, following symbolic links, so a link
committed under content/ would publish whatever it points at (`.git/config`
holds CI's token). Every symbolic link under content/ and theme/ is refused,
as GitHub Pages' safe mode refuses them: nobody needs one to write an article,
and refusing all of them is simpler to trust than judging where each leads.

Pillow's verdict and the metadata found are remembered by the process, by path, time
and size: pure functions of the file's bytes, small, no build's state.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..core import filemeta
from ..core.problems import Problem, display_path
from .svg import svg_problems

RASTER = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico"})
# What a static folder may publish: pictures and documents, nothing a browser runs.
PUBLISHABLE = RASTER | {".svg", ".pdf", ".txt"}


def _entries(root: Path) -> Iterator[tuple[str, os.DirEntry]]:
    """Every entry below `root`, with its path relative to it. Read with `os.scandir`,
    whose entries know their type without a call to the file system for each file (a
    build and every live-preview rebuild walk content/). Symbolic links are listed, not
    followed; a folder that cannot be read is passed over, as `os.walk` does."""
    folders = [("", str(root))]
    while folders:
        prefix, folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            yield prefix + entry.name, entry
            if entry.is_dir(follow_symlinks=False):
                folders.append((f"{prefix}{entry.name}/", entry.path))


def regular_files(root: Path) -> list[str]:
    """Every regular file below `root`, relative to it; symbolic links are not followed."""
    return sorted(
        relative for relative, entry in _entries(root) if entry.is_file(follow_symlinks=False)
    )


def symbolic_links(root: Path) -> list[Path]:
    """Every symbolic link at or below `root`, to a file or a folder, not followed."""
    if root.is_symlink():
        return [root]
    return sorted(Path(entry.path) for _, entry in _entries(root) if entry.is_symlink())


def symlink_problems(roots: list[Path]) -> list[Problem]:
    """One problem for each symbolic link under the given folders."""
    return [
        Problem(
            display_path(str(link)),
            f"is a symbolic link (to '{os.readlink(link)}'), which the site never publishes",
            "replace the link with the file itself: a link can point at a secret outside "
            "content/, so the build refuses every one (as GitHub Pages does)",
        )
        for root in roots
        for link in symbolic_links(root)
    ]


def _size_beyond_the_limit(path: Path) -> tuple[int, int]:
    """The size of an image Pillow refused as too large, read from its header alone."""
    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    try:
        with Image.open(path) as image:
            return image.size
    finally:
        Image.MAX_IMAGE_PIXELS = limit


@lru_cache(maxsize=4096)
def _image_problem(path: Path, mtime_ns: int, size: int) -> str | None:
    """Pillow's verdict on an image's header, remembered while the file is unchanged."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path):
                pass
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        width, height = _size_beyond_the_limit(path)
        return (
            f"is {width}×{height} pixels, more than the {Image.MAX_IMAGE_PIXELS:,} "
            "an image may have (a picture that large could exhaust the build's memory)"
        )
    except (UnidentifiedImageError, OSError) as error:
        return f"is not an image Pillow can read ({error.__class__.__name__})"
    return None


def image_problem(path: Path) -> str | None:
    stat = path.stat()
    return _image_problem(path, stat.st_mtime_ns, stat.st_size)


def static_problems(root: Path, tree: list[str], static_paths: list[str]) -> list[Problem]:
    """Problems in the files Pelican copies as they are (pictures, icons, documents)."""
    problems = []
    for relative in tree:
        if not any(relative.startswith(folder.rstrip("/") + "/") for folder in static_paths):
            continue
        path = root / relative
        shown = display_path(str(path))
        suffix = path.suffix.lower()
        if suffix not in PUBLISHABLE:
            problems.append(
                Problem(
                    shown,
                    f"'{suffix or path.name}' files are not published",
                    f"static folders hold {', '.join(sorted(PUBLISHABLE))} files only; "
                    "pages and scripts belong to the theme, articles to content/articles/",
                )
            )
        elif suffix == ".svg":
            for line, message in svg_problems(path.read_bytes()):
                problems.append(
                    Problem(
                        shown,
                        f"the SVG {message}",
                        "keep only the drawing: no script, event handler, embedded HTML, "
                        "or address outside the picture (export it again as plain SVG)",
                        line=line,
                    )
                )
        elif suffix in RASTER:
            message = image_problem(path)
            if message:
                problems.append(
                    Problem(
                        shown,
                        f"the image {message}",
                        "save it again as PNG, JPEG or WebP, at most 4000 pixels wide",
                    )
                )
    return problems


def private_metadata_problems(root: Path, tree: list[str]) -> list[Problem]:
    """The metadata problems of every picture, drawing and PDF below content/ (a file
    outside the static folders is published too, when an article links to it)."""
    problems = []
    for relative in filter(filemeta.is_checked, tree):
        path = root / relative
        if not (path.suffix.lower() in RASTER and image_problem(path)):  # reported as unreadable
            problems += metadata_problems(path, display_path(str(path)))
    return problems


SCRUB_FIX = (
    "run `make scrub` (it removes this from the file in place), then commit the file; "
    "git keeps what was committed before (README, 'Pictures and privacy')"
)


def metadata_problems(path: Path, shown: str) -> list[Problem]:
    """A source picture, drawing or PDF whose metadata places it or names a person.

    A location is an error: the repository is public, and a patient's photo with the
    place it was taken is health information. A serial number, a name or a caption is
    a warning. The build publishes none of it either way (scrub.py)."""
    stat = path.stat()
    try:
        found, title = _metadata_of(path, stat.st_mtime_ns, stat.st_size)
    except filemeta.UnreadableFile as error:
        fix = "export it again from the program that made it"
        return [Problem(shown, f"cannot be read: {error}", fix)]
    problems = []
    active = [finding for finding in found if finding.kind == "active"]
    if active:
        problems.append(
            Problem(
                shown,
                f"holds {filemeta.summary(active)}, which would run or open when it is viewed",
                "export the document again without scripts, form actions or attached files "
                "(print it to a new PDF); the site publishes none of them",
            )
        )
    private = [finding for finding in found if finding.private]
    if private:
        kept = f" (the published copy keeps only its title '{title}')" if title else ""
        located = any(finding.kind == "location" for finding in private)
        message = f"carries {filemeta.summary(private)} in its metadata{kept}"
        problems.append(Problem(shown, message, SCRUB_FIX, warning=not located))
    if path.suffix.lower() == ".pdf" and not title:
        problems.append(
            Problem(
                shown,
                "has no title: a screen reader announces its file name instead",
                "set its title in the program that made it (File > Properties > Title) "
                "and export it again",
                warning=True,
            )
        )
    return problems


@lru_cache(maxsize=4096)
def _metadata_of(path: Path, mtime_ns: int, size: int) -> tuple[list, str]:
    """filemeta's findings, and a PDF's title, remembered while the file is unchanged."""
    if path.suffix.lower() != ".pdf":
        return filemeta.file_findings(path), ""
    data = path.read_bytes()
    return filemeta.findings(data, ".pdf"), filemeta.pdf_title(data)
