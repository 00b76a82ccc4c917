"""A page's own picture (`Image:` and `Image_Alt:`), and how each place on a page shows it.

Writers name one picture per article or page; the registry names each provider's
photo. A picture appears in several places (an article's lead, a card on the home
page, a face on the team page), each a `Role` with its own shape and sizes. A
photo (JPEG, PNG, WebP) is cut to the role's shape and written in AVIF and WebP
at each size by pelican-image-process, then offered in a `<picture>` for the
browser to choose; a drawing (SVG) scales by itself and is shown as it is.
Width and height are always set, so nothing moves while a picture loads.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass
from html import escape
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup
from PIL import ImageOps

from ..core.atomic import is_whole, write_atomically
from .images import Image, pixel_size, svg_size

DECORATIVE = "decorative"  # `Image_Alt: decorative`: the picture says nothing the text does not
RASTER_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp"})
PICTURE_SUFFIXES = RASTER_SUFFIXES | {".svg"}
LOCAL_PREFIX = re.compile(r"^\{(?:static|attach)\}")
DERIVATIVES = "derivatives"


@dataclass(frozen=True)
class Role:
    """A place a picture is shown: its shape (width / height, None: the picture's own),
    the widths written, and how wide it shows (`sizes`)."""

    name: str
    aspect: float | None
    widths: tuple[int, ...]
    sizes: str
    phone: str = ""  # the role that replaces this one on a phone's screen (art direction)


ROLES = {
    "lead": Role("lead", None, (480, 800, 1200), "(min-width: 48rem) 44rem, calc(100vw - 2rem)"),
    # Three cards a row on a wide home page (site.css, 64rem), two or more on a tablet.
    "card": Role(
        "card", 4 / 3, (320, 640), "(min-width: 64rem) 23rem, (min-width: 30rem) 50vw, 100vw"
    ),
    "face": Role("face", 1.0, (160, 320), "10rem"),
    # Beside the hero's text from 40rem; six elevenths of the 72rem home page from 64rem.
    "hero": Role(
        "hero",
        16 / 9,
        (960, 1440),
        "(min-width: 64rem) 38rem, (min-width: 40rem) 50vw, 100vw",
        "hero-phone",
    ),
    "hero-phone": Role("hero-phone", 4 / 5, (480, 960), "calc(100vw - 2rem)"),
}
# The width below which a phone's crop is shown (the stylesheet's breakpoint).
PHONE_MEDIA = "(max-width: 39.99rem)"
FORMATS = (("avif", "image/avif"), ("webp", "image/webp"))


def image_path(value: str) -> str:
    """The file below content/ that an `Image:` value names:
    `{static}/images/x.jpg`, `/images/x.jpg` and `images/x.jpg` are the same file."""
    return LOCAL_PREFIX.sub("", value.strip()).lstrip("/")


def alt_of(value: str) -> str:
    """The alt text an `Image_Alt:` value gives: empty for a decorative picture."""
    value = " ".join(value.split())
    return "" if value.lower() == DECORATIVE else value


def picture_size(path: Path) -> tuple[int, int]:
    """Width and height of a photo or drawing; OSError when it cannot be read."""
    if path.suffix.lower() == ".svg":
        return svg_size(path)
    return pixel_size(path)


def read_picture(content_root: Path, value: str, alt_value: str) -> Image:
    """The picture an `Image:` header names, measured; OSError when it cannot be read."""
    path = image_path(value)
    width, height = picture_size(content_root / path)
    return Image(path=path, width=width, height=height, alt=alt_of(alt_value))


def is_raster(image: Image) -> bool:
    return Path(image.path).suffix.lower() in RASTER_SUFFIXES


def shape(image: Image, role: Role, width: int) -> tuple[int, int]:
    """The size of `image` cut to the role's shape at `width` (never wider than the picture)."""
    aspect = role.aspect or image.width / image.height
    width = min(width, image.width, round(image.height * aspect))
    return width, max(1, round(width / aspect))


def derivative_path(image: Image, role: Role, width: int, extension: str) -> str:
    """Where one size of one format of a picture is written, below the output folder."""
    stem = Path(image.path).with_suffix("")
    return f"{DERIVATIVES}/{role.name}/{width}w/{stem.as_posix()}.{extension}"


def derivatives(image: Image, role: Role) -> list[tuple[str, int, int, str]]:
    """(path, width, height, format) of every file a role needs of a photo, smallest first."""
    seen, files = set(), []
    for wanted in role.widths:
        width, height = shape(image, role, wanted)
        if width in seen:
            continue
        seen.add(width)
        for extension, _mime in FORMATS:
            files.append((derivative_path(image, role, width, extension), width, height, extension))
    return files


def picture_html(image: Image, role: Role, base: str, eager: bool = False) -> str:
    """The markup of a picture in one role; `base` is the site's address ("" or SITEURL).

    The picture most likely to be the largest on screen loads at once with high
    priority (`eager`); every other one loads as it nears the screen.
    """
    loading = ' fetchpriority="high"' if eager else ' loading="lazy"'
    alt = escape(image.alt)
    css = f"picture picture-{role.name}"
    if not is_raster(image):
        width, height = shape(image, role, max(role.widths))
        return (
            f'<img class="{css}" src="{base}/{escape(image.path)}" alt="{alt}" '
            f'width="{width}" height="{height}" decoding="async"{loading}>'
        )
    files = derivatives(image, role)
    sources = []
    if role.phone:  # a crop of its own for phones, offered first
        phone = ROLES[role.phone]
        sources += _sources(derivatives(image, phone), phone, base, f' media="{PHONE_MEDIA}"')
    sources += _sources(files, role, base)
    middle = [entry for entry in files if entry[3] == "webp"]
    path, width, height, _ = middle[len(middle) // 2]
    return (
        f'<picture class="{css}">{"".join(sources)}'
        f'<img src="{base}/{escape(path)}" alt="{alt}" width="{width}" height="{height}" '
        f'decoding="async"{loading}></picture>'
    )


def _sources(files: list, role: Role, base: str, media: str = "") -> list[str]:
    """One `<source>` per format, with its sizes, and the shape the browser should reserve."""
    sources = []
    for extension, mime in FORMATS:
        chosen = [entry for entry in files if entry[3] == extension]
        srcset = ", ".join(f"{base}/{escape(path)} {width}w" for path, width, _h, _f in chosen)
        _path, width, height, _ = chosen[-1]
        sources.append(
            f'<source type="{mime}"{media} srcset="{srcset}" sizes="{role.sizes}" '
            f'width="{width}" height="{height}">'
        )
    return sources


@pass_context
def picture_markup(context, image: Image | None, role: str, eager: bool = False) -> Markup:
    """Templates' `picture(image, "card")`: nothing when there is no picture."""
    if image is None:
        return Markup("")
    return Markup(picture_html(image, ROLES[role], context.get("SITEURL", ""), eager))


def page_picture(metadata: dict, content_root: Path) -> Image | None:
    """The picture an article's or page's header names, or None (also when it cannot be
    read: the content rules have reported that, with its line, before the build)."""
    if not metadata.get("image"):
        return None
    try:
        return read_picture(
            content_root, str(metadata["image"]), str(metadata.get("image_alt", ""))
        )
    except OSError:
        return None


def write_derivatives(
    image: Image,
    roles: list[Role],
    content_root: Path,
    output: Path,
    settings: dict,
    cache: Path | None,
) -> None:
    """Every size and format of a photo in each of its roles, cut to their shapes, into
    the `output` folder (`settings`: pelican-image-process's). pelican-image-process
    writes each file once; `cache` (the build cache's folder for them, when there is
    one) keeps it, named after the photo's bytes, the role and the size, so that a later
    build (every save in the live preview) copies it instead of encoding it again."""
    if not is_raster(image):
        return
    source = content_root / image.path
    photo = hashlib.sha256(source.read_bytes()).hexdigest()[:16] if cache else ""
    for role in roles:
        for path, width, height, extension in derivatives(image, role):
            target = output / path
            kept = cache / f"{photo}-{role.name}-{width}x{height}.{extension}" if cache else None
            if kept is not None and is_whole(kept):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(kept, target)
                continue
            _encode(source, target, (width, height), settings)
            if kept is not None:  # whole or not at all, for a build killed meanwhile
                write_atomically(kept, target.read_bytes(), durable=False)


def _encode(source: Path, target: Path, size: tuple[int, int], settings: dict) -> None:
    """One derivative, cut to `size` and saved in the format its name says."""
    # Imported here: a build that makes no photo does without it (build/runner.py).
    from pelican.plugins.image_process.image_process import process_image, set_default_settings

    set_default_settings(settings)

    def cut(picture):  # upright first: a phone stores a portrait photo on its side
        return ImageOps.fit(ImageOps.exif_transpose(picture).convert("RGB"), size)

    process_image((str(source), str(target), [cut]), settings)
