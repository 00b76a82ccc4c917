"""Removing what filemeta finds: the copy of a picture, drawing or PDF the site publishes.

Data in, data out: `scrubbed(data, suffix)` returns the file without its metadata
and the right way up, or None when it carries nothing (it is then published byte
for byte). The same function serves the build (the published originals, through a
cache named after each file's bytes) and `make scrub` (the source files, in place).

How each kind is cleaned, from the least change to the most:
- a JPEG or WebP stored upright: its metadata segments or chunks are dropped by
  exiv2, and the compressed picture is kept as it is (lossless);
- an SVG: the editor's elements, attributes and namespaces, `<metadata>` and
  comments are removed with lxml; `<title>` and `<desc>` (its accessible name) stay;
- a PDF: rewritten by qpdf (pikepdf) without its document information, but for its
  title, and without XMP; earlier revisions and unused objects go with it;
- a PNG, GIF or ICO: decoded and written again by Pillow with its colour profile and
  transparency: the same pixels, in a new file;
- a JPEG stored turned (an Orientation tag), or one holding a second picture (MPF),
  is turned upright and encoded again with its own quantization tables and chroma
  subsampling, which keeps the loss to rounding (README, "Pictures and privacy");
  a turned WebP or any AVIF is encoded again at high quality (lossless if it was).
Each result is read again with filemeta: a file that still carries anything stops
the build (ScrubError) rather than being published.
"""

from __future__ import annotations

import hashlib
import io
import struct
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageOps, JpegImagePlugin, PngImagePlugin

from ..core import atomic
from ..core.filemeta import (
    RASTER,
    Finding,
    findings,
    is_checked,
    is_editor_namespace,
    split_name,
    summary,
)

# Where the build keeps what it published of each file, beside its other caches.
CACHE_FOLDER = "published"
# Mode and info a re-encoded picture keeps: what display needs, nothing else.
KEPT_INFO = ("transparency", "duration", "loop", "background", "disposal")


class ScrubError(ValueError):
    """The file could not be cleaned; the message says what it still carries."""


@dataclass(frozen=True)
class Scrubbed:
    """A cleaned file: its bytes, what was removed, and whether the picture was kept
    exactly (`lossless`) or encoded again (`how` says how)."""

    data: bytes
    removed: tuple[Finding, ...]
    lossless: bool
    how: str


def scrubbed(data: bytes, suffix: str) -> Scrubbed | None:
    """`data` (a file named `*suffix`) without metadata and upright; None if it has none.

    Raises ScrubError when the result would still carry something, and
    filemeta.UnreadableFile when the file is not what its name says.
    """
    suffix = suffix.lower()
    found = findings(data, suffix)
    if not found:
        return None
    active = [finding for finding in found if finding.kind == "active"]
    if active:
        raise ScrubError(
            f"holds {summary(active)}, which the site never publishes and this command does "
            "not take out: export the document again without them (print it to a new PDF)"
        )
    if suffix in RASTER:
        result = _raster(data, suffix, found)
    elif suffix == ".svg":
        result = Scrubbed(_svg(data), tuple(found), True, "the drawing kept as it was")
    else:
        result = Scrubbed(_pdf(data), tuple(found), True, "the pages kept as they were")
    left = findings(result.data, suffix)
    if left and result.lossless and suffix in RASTER:
        # exiv2 removes what it knows; a segment it left goes with a new encoding.
        result = _encoded_again(data, suffix, found)
        left = findings(result.data, suffix)
    if left:
        raise ScrubError(f"still carries {summary(left)} after cleaning")
    return result


def published_copy(source: Path, cache: Path | None) -> bytes | None:
    """What the site publishes of `source`: its cleaned bytes, or None to publish it as is.

    The answer is kept in `cache` (when the build has one), named after the file's
    bytes, so each picture is cleaned once, not at every build.
    """
    if not is_checked(source):
        return None
    data = source.read_bytes()
    suffix = source.suffix.lower()
    if cache is None:
        result = scrubbed(data, suffix)
        return result.data if result else None
    key = hashlib.sha256(data).hexdigest()[:24]
    kept, as_is = cache / f"{key}{suffix}", cache / f"{key}.as-is"
    if as_is.is_file():
        return None
    if atomic.is_whole(kept):  # an empty one is what a power cut can leave
        return kept.read_bytes()
    result = scrubbed(data, suffix)
    write_atomically(as_is if result is None else kept, b"" if result is None else result.data)
    return result.data if result else None


def write_atomically(path: Path, data: bytes, durable: bool = False) -> None:
    """Write through a temporary file and a rename (core/atomic.py): a reader, or a build
    killed meanwhile, sees the old file or the new. `durable` (fsync) for a writer's own
    files, changed in place by `make scrub`; not for the build's many copies."""
    atomic.write_atomically(path, data, durable=durable)


# Pictures ------------------------------------------------------------------------------


def _raster(data: bytes, suffix: str, found: list[Finding]) -> Scrubbed:
    turned = any(finding.kind == "orientation" for finding in found)
    with PILImage.open(io.BytesIO(data)) as image:
        kind = image.format  # "MPO" for a JPEG holding a second picture
    if kind in ("JPEG", "WEBP") and not turned:
        return Scrubbed(_exiv2_cleared(data), tuple(found), True, "the picture kept as it was")
    return _encoded_again(data, suffix, found)


def _exiv2_cleared(data: bytes) -> bytes:
    """The file without EXIF, IPTC, XMP and comments, its colour profile kept: exiv2
    rewrites only the metadata, never the compressed picture."""
    import exiv2  # imported here: most builds have nothing to clean

    exiv2.LogMsg.setLevel(exiv2.LogMsg.Level.mute)
    image = exiv2.ImageFactory.open(data)
    image.readMetadata()
    profile = bytes(image.iccProfile().data()) if image.iccProfileDefined() else b""
    image.clearMetadata()
    if profile:
        image.setIccProfile(exiv2.DataBuf(profile))
    image.writeMetadata()
    with image.io().mmap() as written:
        return bytes(written)


def _encoded_again(data: bytes, suffix: str, found: list[Finding]) -> Scrubbed:
    """The picture decoded, turned upright and written again with only its colour profile."""
    with PILImage.open(io.BytesIO(data)) as image:
        kind = image.format
        profile = image.info.get("icc_profile")
        out = io.BytesIO()
        if kind in ("JPEG", "MPO"):
            how = _jpeg_again(image, out, profile)
        elif kind == "PNG":
            how = _png_again(image, out, profile)
        elif kind == "WEBP":
            lossless = b"VP8L" in data and b"VP8 " not in data
            frames = _upright_frames(image)
            options = {"lossless": True, "exact": True} if lossless else {"quality": 95}
            _save_frames(frames, out, "WEBP", profile, method=6, **options)
            how = "encoded again losslessly" if lossless else "encoded again at quality 95"
        elif kind == "AVIF":
            _save_frames(_upright_frames(image), out, "AVIF", profile, quality=90)
            how = "encoded again at quality 90"
        elif kind == "GIF":
            _save_frames(_upright_frames(image), out, "GIF", None, optimize=False)
            how = "written again, the same pixels"
        else:  # ICO: every size it holds
            sizes = sorted(image.info.get("sizes") or {image.size})
            _upright(image).save(out, kind, sizes=sizes)
            how = "written again, the same pixels"
    exact = how.endswith("the same pixels") or how.endswith("losslessly")
    return Scrubbed(out.getvalue(), tuple(found), exact, how)


def _upright(image):
    """The picture the right way up (its Orientation applied), with no metadata in info."""
    upright = ImageOps.exif_transpose(image)
    upright.info = {key: image.info[key] for key in KEPT_INFO if key in image.info}
    return upright


def _upright_frames(image) -> list:
    frames = []
    for index in range(getattr(image, "n_frames", 1)):
        image.seek(index)
        frames.append(_upright(image))
    image.seek(0)
    return frames


def _save_frames(frames: list, out, kind: str, profile: bytes | None, **options) -> None:
    if profile:
        options["icc_profile"] = profile
    first, rest = frames[0], frames[1:]
    if rest:
        options.update(save_all=True, append_images=rest)
    first.save(out, kind, **options)


def _jpeg_again(image, out, profile: bytes | None) -> str:
    """A JPEG encoded again with the source's own quantization tables and subsampling:
    the loss is the rounding of one more pass, not a new quality setting."""
    image.seek(0)  # a multi-picture file: its first, main picture
    tables = image.quantization
    sampling = JpegImagePlugin.get_sampling(image)
    progressive = bool(image.info.get("progressive") or image.info.get("progression"))
    options = {"qtables": tables, "optimize": True, "progressive": progressive}
    if sampling != -1:
        options["subsampling"] = sampling
    if profile:
        options["icc_profile"] = profile
    upright = _upright(image)
    upright.save(out, "JPEG", **options)
    return "turned upright and encoded again with its own quantization tables"


def _png_again(image, out, profile: bytes | None) -> str:
    """A PNG written again with its colour chunks (gamma, sRGB, chromaticity), no text."""
    chunks = PngImagePlugin.PngInfo()
    info = image.info
    if "gamma" in info and not profile:
        chunks.add(b"gAMA", struct.pack(">I", round(info["gamma"] * 100000)))
    if "chromaticity" in info and not profile:
        values = (round(value * 100000) for value in info["chromaticity"])
        chunks.add(b"cHRM", struct.pack(">8I", *values))
    if "srgb" in info and not profile:
        chunks.add(b"sRGB", bytes([info["srgb"]]))
    frames = _upright_frames(image)
    _save_frames(frames, out, "PNG", profile, pnginfo=chunks, optimize=True)
    return "written again, the same pixels"


# Drawings and documents ----------------------------------------------------------------


def _svg(data: bytes) -> bytes:
    """The drawing without comments, `<metadata>`, and its editor's elements, attributes
    and namespace declarations; everything else (title and desc included) as it was."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )
    root = etree.fromstring(data, parser)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        namespace, local = split_name(element.tag)
        if local == "metadata" or is_editor_namespace(namespace):
            _remove_keeping_tail(element)
            continue
        for name in list(element.attrib):
            if is_editor_namespace(split_name(name)[0]):
                del element.attrib[name]
    etree.cleanup_namespaces(root)
    text = etree.tostring(root, encoding="UTF-8", xml_declaration=True)
    return text if text.endswith(b"\n") else text + b"\n"


def _remove_keeping_tail(element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if tail.strip():
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _pdf(data: bytes) -> bytes:
    """The document rewritten without its information dictionary (but its title) and
    without XMP anywhere; a full rewrite, so no earlier revision keeps them."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pdf.trailer.get("/Info")
        title = info.get("/Title") if isinstance(info, pikepdf.Dictionary) else None
        for item in pdf.objects:
            if isinstance(item, (pikepdf.Dictionary, pikepdf.Stream)):
                for key in ("/Metadata", "/PieceInfo"):
                    if key in item:
                        del item[key]
        if "/Metadata" in pdf.Root:
            del pdf.Root["/Metadata"]
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        if title is not None and str(title).strip():
            kept = pikepdf.Dictionary(Title=pikepdf.String(str(title)))
            pdf.trailer.Info = pdf.make_indirect(kept)
        out = io.BytesIO()
        pdf.save(out, fix_metadata_version=False, deterministic_id=True)
    return out.getvalue()
