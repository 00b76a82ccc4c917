"""Images: their size read from the file, and content images made light and stable.

`prepare_images` gives every local `<img>` in a body its width and height (so
nothing shifts while it loads), lazy loading below the first block, and the
class that pelican-image-process turns into a responsive WebP `srcset`.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from PIL import ExifTags, ImageOps, UnidentifiedImageError
from PIL import Image as PILImage

from ..core.atomic import is_whole, write_atomically

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r'\s([a-zA-Z-]+)="([^"]*)"')
LOCAL_SOURCE = re.compile(r"^\{(?:static|attach)\}(?P<path>.+)$")
RESPONSIVE_CLASS = "image-process-article"
RESPONSIVE = RESPONSIVE_CLASS.removeprefix("image-process-")  # its IMAGE_PROCESS entry
PLACED_STORE = "placed.json"  # in the build cache's pictures folder: ImageProcessSettings


# A share image's size (Open Graph's): the share cards and the default image.
CARD_SIZE = (1200, 630)


@dataclass(frozen=True)
class Image:
    """An image below the site root: `path` as published, with its pixel size and alt text."""

    path: str
    width: int
    height: int
    alt: str


def pixel_size(path: Path) -> tuple[int, int]:
    """Width and height as shown: a phone's photo stored turned, with an Orientation tag,
    is measured upright, as every copy the site publishes of it is. Raises OSError when
    the file is missing or not an image."""
    try:
        with PILImage.open(path) as image:
            return upright_size(image)
    except UnidentifiedImageError as error:
        raise OSError(f"{path.name} is not an image Pillow can read") from error
    except PILImage.DecompressionBombError as error:
        raise OSError(f"{path.name} has more pixels than Pillow's limit") from error


def upright_size(image: PILImage.Image) -> tuple[int, int]:
    """An open picture's width and height as shown: its Orientation tag applied."""
    width, height = image.size
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def svg_size(path: Path) -> tuple[int, int]:
    """An SVG's width and height from its root's attributes or viewBox; OSError if none."""
    try:
        for _event, root in ElementTree.iterparse(path, events=("start",)):
            width, height = root.get("width", ""), root.get("height", "")
            if width.isdigit() and height.isdigit():
                return int(width), int(height)
            box = root.get("viewBox", "").replace(",", " ").split()
            if len(box) == 4:
                return round(float(box[2])), round(float(box[3]))
            break
    except (ElementTree.ParseError, ValueError) as error:
        raise OSError(f"{path.name} is not an SVG drawing the build can read") from error
    raise OSError(f"{path.name} gives no width and height (nor viewBox)")


def read_image(content_root: Path, path: str, alt: str) -> Image:
    """Measure `content_root / path`; raises OSError when it is missing or not an image."""
    width, height = pixel_size(content_root / path)
    return Image(path=path, width=width, height=height, alt=alt)


def image_source(tag: str) -> str:
    """The `src` of one `<img>` tag; "" when it has none."""
    return dict(ATTRIBUTE.findall(tag)).get("src", "")


def source_file(src: str, content_root: Path, source_dir: Path) -> Path | None:
    """The regular file under content/ that a `{static}` or `{attach}` image source names.

    None for other sources, and for a path that leads out of content/ or to anything
    but a regular file (the content rules report it; it is never opened, since a
    device such as /dev/stdin could hold the build).
    """
    match = LOCAL_SOURCE.match(src)
    if not match:
        return None
    path = match.group("path")
    found = content_root / path.lstrip("/") if path.startswith("/") else source_dir / path
    root = content_root.resolve()
    resolved = found.resolve()
    if not resolved.is_relative_to(root) or found.is_symlink() or not resolved.is_file():
        return None
    return found


def local_images(body_html: str, content_root: Path, source_dir: Path) -> list[Path]:
    """The files under content/ that a body's `<img>` tags show (`prepare_images` sizes
    them from these files, so a body read before is stale once one of them changes)."""
    found = (
        source_file(image_source(tag), content_root, source_dir)
        for tag in IMG_TAG.findall(body_html)
    )
    return [path for path in found if path is not None]


def _with_attributes(tag: str, extra: dict[str, str]) -> str:
    present = {name.lower() for name, _ in ATTRIBUTE.findall(tag)}
    added = "".join(f' {name}="{value}"' for name, value in extra.items() if name not in present)
    closing = "/>" if tag.endswith("/>") else ">"
    return tag[: -len(closing)].rstrip() + added + closing


def _with_class(tag: str, name: str) -> str:
    if re.search(r'\sclass="', tag):
        return re.sub(r'\sclass="([^"]*)"', lambda m: f' class="{m.group(1)} {name}"', tag, count=1)
    return _with_attributes(tag, {"class": name})


def prepare_images(body_html: str, content_root: Path, source_dir: Path) -> str:
    """Size, lazy-load and mark for responsive sizes every local image in a body.

    The image in the first block of the body may be the largest thing on screen,
    so it loads at once; later ones load as the reader scrolls near them.
    """
    first_block_end = body_html.find("</", 1)

    def rewrite(match: re.Match) -> str:
        tag = match.group(0)
        path = source_file(image_source(tag), content_root, source_dir)
        if path is None:
            return tag
        extra = {"decoding": "async"}
        if match.start() > first_block_end:
            extra["loading"] = "lazy"
        drawing = path.suffix.lower() == ".svg"
        try:
            width, height = svg_size(path) if drawing else pixel_size(path)
            extra = {"width": str(width), "height": str(height), **extra}
        except OSError:
            pass  # a missing image is reported by the content rules, not here
        tag = _with_attributes(tag, extra)
        # A drawing scales by itself: only photos get sizes and formats of their own.
        return tag if drawing else _with_class(tag, RESPONSIVE_CLASS)

    return IMG_TAG.sub(rewrite, body_html)


class ImageProcessSettings:
    """What pelican-image-process reads, taken once per build: Pelican's settings and
    context (it finds each image's source among `static_content`). Completed when a body
    first places a photo: its defaults filled in, each derivative made from the photo
    turned upright first. Only then is it imported (with Beautiful Soup: 60 ms, 9 MB),
    so a rebuild that renders no photo does without it (build/runner.py).

    `cache` (the build cache's folder for pictures, when there is one) keeps each size
    it writes, named after the photo's bytes and the size: a later build copies it
    instead of encoding it again (it finds the file there, newer than the photo). It
    also keeps what each marked `<img>` became (PLACED_STORE), with the photo's digest
    and its sizes: a later build that finds the same tag, the same photo and every size
    in the cache puts them in place and takes the markup, without pelican-image-process.
    The cache's folder is named after the settings and the code, which the markup and the
    sizes' names also depend on.
    """

    def __init__(self, settings: dict, context: dict, cache: Path | None = None) -> None:
        self._taken = {**settings, **context}
        self.cache = cache
        self.output = Path(self._taken.get("OUTPUT_PATH", "output"))
        self._photos: dict[str, str | None] = {}  # a photo's path to its bytes' digest

    @cached_property
    def complete(self) -> dict:
        from pelican.plugins.image_process.image_process import set_default_settings

        merged = dict(self._taken)
        set_default_settings(merged)
        return {**merged, "IMAGE_PROCESS": upright_first(merged["IMAGE_PROCESS"])}

    @cached_property
    def _placed(self) -> dict[str, dict]:
        """The tags placed by earlier builds (PLACED_STORE); none when it cannot be read."""
        if self.cache is None:
            return {}
        try:
            stored = json.loads((self.cache / PLACED_STORE).read_bytes())
            return stored if isinstance(stored, dict) else {}
        except (OSError, ValueError):
            return {}

    def place(self, tag: str) -> str:
        """A marked `<img>` as pelican-image-process writes it, its sizes in place."""
        known = self._placed.get(tag)
        if known is not None and self._restored(known):
            return known["placed"]
        from pelican.plugins.image_process.image_process import harvest_images_in_fragment

        photo, kept = self._kept_sizes(tag)
        placed = harvest_images_in_fragment(tag, self.complete)
        for size, copy in kept:  # whole or not at all, for a build killed meanwhile
            if not is_whole(copy) and size.is_file():
                copy.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(copy, size.read_bytes(), durable=False)
        if kept and all(is_whole(copy) for _, copy in kept):
            self._remember(tag, placed, photo, kept)
        return placed

    def _digest(self, photo: str) -> str | None:
        if photo not in self._photos:
            try:
                data = Path(photo).read_bytes()
            except OSError:
                data = None
            self._photos[photo] = hashlib.sha256(data).hexdigest()[:16] if data else None
        return self._photos[photo]

    def _restored(self, known: dict) -> bool:
        """Whether a tag placed before can be taken as it is: the same photo, and each of
        its sizes in `output` or put there from the cache."""
        try:
            if self._digest(known["photo"]) != known["digest"]:
                return False
            sizes = [(self.output / name, self.cache / copy) for name, copy in known["sizes"]]
        except (KeyError, TypeError, ValueError):
            return False
        if not all(_below(size, self.output) and _below(copy, self.cache) for size, copy in sizes):
            return False  # a store written by hand: nothing outside its folders is touched
        if not all(size.exists() or is_whole(copy) for size, copy in sizes):
            return False
        _put_back(sizes)
        return True

    def _kept_sizes(self, tag: str) -> tuple[str, list[tuple[Path, Path]]]:
        """The tag's photo, and each file pelican-image-process writes for it with its
        copy in the cache; the copies there are put in place first. No sizes without a
        cache, nor for a photo that cannot be read (pelican-image-process reports it)."""
        if self.cache is None:
            return "", []
        photo, sizes = _sizes_of(image_source(tag), self.complete)
        digest = self._digest(photo)
        if digest is None:
            return photo, []
        kept = [
            (size, self.cache / f"{digest}-body-{size.parent.name}{size.suffix}") for size in sizes
        ]
        _put_back(kept)
        return photo, kept

    def _remember(self, tag: str, placed: str, photo: str, kept) -> None:
        try:
            sizes = [[size.relative_to(self.output).as_posix(), copy.name] for size, copy in kept]
        except ValueError:  # a size outside the output: nothing to put back later
            return
        entry = {"placed": placed, "photo": photo, "digest": self._digest(photo), "sizes": sizes}
        if self._placed.get(tag) != entry:
            self._placed[tag] = entry
            store = json.dumps(self._placed, ensure_ascii=False, sort_keys=True)
            write_atomically(self.cache / PLACED_STORE, store.encode("utf-8"), durable=False)


def _put_back(sizes: list[tuple[Path, Path]]) -> None:
    """Each (size, its copy in the cache) whose size the output lacks, copied there from a
    whole copy: pelican-image-process then finds it, newer than the photo."""
    for size, copy in sizes:
        if not size.exists() and is_whole(copy):
            size.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(copy, size)


def _below(path: Path, folder: Path) -> bool:
    """Whether `path`, made from a stored name, stays below `folder`."""
    return ".." not in path.parts and path.is_relative_to(folder) and path != folder


def _sizes_of(source: str, settings: dict) -> tuple[str, list[Path]]:
    """The photo an `<img src>` shows, and the files pelican-image-process makes of it for
    a responsive image (build_srcset's, one per `srcset` entry), named by its own helpers."""
    from pelican.plugins.image_process.image_process import (
        compute_paths,
        get_target_filename,
        get_target_format,
    )

    process = settings["IMAGE_PROCESS"].get(RESPONSIVE)
    paths = compute_paths(source, settings, RESPONSIVE)
    if not isinstance(process, dict) or process.get("type") != "responsive-image":
        return paths.source, []
    default = get_target_format(process)
    return paths.source, [
        Path(
            paths.base_path,
            entry[0],
            get_target_filename(paths.filename, get_target_format(entry, default)),
        )
        for entry in process["srcset"]
    ]


def responsive_images(body_html: str, settings: ImageProcessSettings) -> str:
    """Let pelican-image-process write the WebP sizes and the `srcset` of a body's images.

    It is given each marked `<img>` on its own, not the whole body: it parses what it
    is given with BeautifulSoup and writes it out again, which on a long article cost a
    tenth of a second per page and changed the rest of the body (its entities written
    as characters) on the pages with an image only.
    """

    def harvested(match: re.Match) -> str:
        tag = match.group(0)
        return settings.place(tag) if RESPONSIVE_CLASS in tag else tag

    return IMG_TAG.sub(harvested, body_html)


def upright_first(process: dict) -> dict:
    """pelican-image-process's derivatives, each made from the photo turned upright first
    (it applies the steps it is given to the pixels as stored, and a phone stores a
    portrait photo on its side, with a tag saying so)."""

    def steps(ops):
        return [ImageOps.exif_transpose, *ops]

    upright = {}
    for name, derivative in process.items():
        if isinstance(derivative, list):
            upright[name] = steps(derivative)
        elif "srcset" in derivative:
            srcset = [(width, steps(ops), *rest) for width, ops, *rest in derivative["srcset"]]
            upright[name] = {**derivative, "srcset": srcset}
        elif "ops" in derivative:
            upright[name] = {**derivative, "ops": steps(derivative["ops"])}
        else:
            upright[name] = derivative
    return upright
