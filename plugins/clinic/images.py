"""Images the head and the graph point at: their size is read once, from the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage
from PIL import UnidentifiedImageError


@dataclass(frozen=True)
class Image:
    """An image below the site root: `path` as published, with its pixel size and alt text."""

    path: str
    width: int
    height: int
    alt: str


def read_image(content_root: Path, path: str, alt: str) -> Image:
    """Measure `content_root / path`; raises OSError when it is missing or not an image."""
    try:
        with PILImage.open(content_root / path) as image:
            width, height = image.size
    except UnidentifiedImageError as error:
        raise OSError(f"{path} is not an image Pillow can read") from error
    return Image(path=path, width=width, height=height, alt=alt)
