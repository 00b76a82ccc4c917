"""The files a contribution adds: no symbolic links, only picture and document types, safe SVG.

Pelican copies static files as they are, following symbolic links, so a link
committed under content/ would publish whatever it points at (`.git/config`
holds CI's token). Every symbolic link under content/ and theme/ is refused,
as GitHub Pages' safe mode refuses them: nobody needs one to write an article,
and refusing all of them is simpler to trust than judging where each leads.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from .problems import Problem, display_path
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
