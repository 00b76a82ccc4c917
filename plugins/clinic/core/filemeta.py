"""What a published file says about the people behind it: the metadata policy.

A clinic's pictures are often of patients, taken on a phone that writes where
and with what they were taken (EXIF GPS, serial numbers), and tools that add
who made them (an author, a caption, an Inkscape file name, a PDF's document
information). None of it belongs on the site. This module reads that metadata
(`findings`); `scrub.py` removes it. The content rules report a source file
with it, and the pre-publish gate refuses a built file with it, both from here.

A finding has a kind: "location" (an error in the content rules), "serial" and
"person" (warnings: a camera's serial number, a name or a caption someone wrote),
"orientation" (a photo stored sideways, with a tag saying so) and "metadata"
(anything else: camera model, dates, editor data). A published file may carry
none of them; it keeps only what display needs: its colour profile (ICC), and a
PDF's title.
"""

from __future__ import annotations

import io
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePath
from xml.etree.ElementTree import ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from defusedxml.ElementTree import fromstring as parse_xml_safely
from PIL import ExifTags, IptcImagePlugin, UnidentifiedImageError
from PIL import Image as PILImage

PRIVATE = ("location", "serial", "person")
RASTER = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".ico"})
CHECKED = RASTER | {".svg", ".pdf"}

# EXIF tags (Pillow's numbering) that hold what a person wrote, or a camera's serial.
PERSON_TAGS = {
    0x013B: "author",  # Artist
    0x8298: "copyright",
    0x010E: "caption",  # ImageDescription
    0x9C9B: "title",  # XPTitle
    0x9C9C: "comment",  # XPComment
    0x9C9D: "author",  # XPAuthor
    0x9C9E: "keywords",  # XPKeywords
    0x9C9F: "subject",  # XPSubject
    0xA430: "camera owner",  # CameraOwnerName
    0x9286: "comment",  # UserComment
}
SERIAL_TAGS = {
    0xA431: "camera serial number",
    0xA435: "lens serial number",
    0xC62F: "serial number",
}
# XMP and IPTC fields, by local name, that place a picture or name a person.
XMP_LOCATION = {
    "gpslatitude",
    "gpslongitude",
    "city",
    "state",
    "country",
    "location",
    "sublocation",
    "provincestate",
    "countryname",
    "worldregion",
}
XMP_PERSON = {
    "creator",
    "author",
    "artist",
    "personinimage",
    "description",
    "title",
    "captionwriter",
    "rights",
    "cameraownername",
    "owner",
    "by-line",
    "headline",
}
XMP_SERIAL = {"serialnumber", "lensserialnumber", "bodyserialnumber", "cameraserialnumber"}
IPTC_FIELDS = {
    (2, 80): ("person", "author"),
    (2, 120): ("person", "caption"),
    (2, 122): ("person", "caption writer"),
    (2, 105): ("person", "headline"),
    (2, 90): ("location", "city"),
    (2, 92): ("location", "sub-location"),
    (2, 95): ("location", "state"),
    (2, 101): ("location", "country"),
}
# JPEG segments display needs: JFIF, the colour profile, Adobe's colour transform.
JPEG_KEPT = (
    ("APP0", b"JFIF\x00"),
    ("APP0", b"JFXX\x00"),
    ("APP2", b"ICC_PROFILE\x00"),
    ("APP14", b"Adobe"),
)
JPEG_SEGMENTS = (
    (b"Exif\x00", "EXIF"),
    (b"http://ns.adobe.com/", "XMP"),
    (b"Photoshop 3.0", "IPTC"),
    (b"MPF\x00", "a second picture (MPF)"),
)
# Signatures of metadata blocks, looked for anywhere in a raster file: data a
# container parser passes over (after a JPEG's end, in an unknown chunk) is still found.
SIGNATURES = ((b"Exif\x00\x00", "EXIF"), (b"<x:xmpmeta", "XMP"), (b"Photoshop 3.0\x00", "IPTC"))
# PNG text chunks that hold what a person wrote.
PNG_PERSON = {"author", "title", "description", "comment", "copyright", "disclaimer", "source"}
# Editors' own namespaces in an SVG: Inkscape, Sodipodi, Illustrator, Sketch, Affinity.
EDITOR_NAMESPACES = (
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://ns.adobe.com/",
    "http://www.bohemiancoding.com/sketch/ns",
    "http://www.serif.com/",
)
# Editor attributes that name a file or a folder, which often names its person.
SVG_PERSON_ATTRIBUTES = {
    "docname": "file name",
    "export-filename": "export file name",
    "absref": "file path",
    "docbase": "folder",
}
PDF_KEPT = frozenset({"/Title"})
# What makes a PDF run or open something when viewed: the site publishes none of it.
PDF_ACTIVE_KEYS = {
    "/JS": "JavaScript",
    "/JavaScript": "JavaScript",
    "/AA": "actions on opening a page or a field",
    "/XFA": "an XFA form (it runs scripts)",
    "/EmbeddedFiles": "attached files",
    "/RichMedia": "embedded media",
}
PDF_ACTIVE_ACTIONS = {
    "/JavaScript": "JavaScript",
    "/Launch": "an action that launches a program",
    "/SubmitForm": "a form that sends its fields somewhere",
    "/ImportData": "an action that imports data",
}
PDF_PERSON = {"/Author": "author", "/Subject": "subject", "/Keywords": "keywords"}


@dataclass(frozen=True)
class Finding:
    """One piece of metadata in one file: its kind and how a writer would name it."""

    # "location", "serial", "person", "orientation", "metadata", or "active" (a PDF's
    # script, actions or attached files: never published, and never cleaned away
    # quietly: the writer exports the document again)
    kind: str
    text: str  # e.g. "GPS 33.495 N, 111.925 W", "author 'Maria Lopez'"

    @property
    def private(self) -> bool:
        return self.kind in PRIVATE


class UnreadableFile(ValueError):
    """The file is not what its name says; the content rules report it elsewhere."""


def findings(data: bytes, suffix: str) -> list[Finding]:
    """Every piece of metadata `data` (a file named `*suffix`) carries, what stops a
    build first. Empty for a file that may be published as it is. Raises
    UnreadableFile when the file cannot be read as its kind.

    Thorough, for the gate and the cleaning: a picture's bytes are also searched for
    metadata blocks its container hides (after a JPEG's end, in an unknown chunk).
    """
    suffix = suffix.lower()
    if suffix in RASTER:
        return _ordered(_raster(io.BytesIO(data), data))
    return _ordered(_document_findings(data, suffix))


def file_findings(path: Path) -> list[Finding]:
    """What the file at `path` carries, as the content rules need it at every build: a
    picture's metadata is read from its header alone, without reading the whole photo
    (the gate and the cleaning search every byte of what is published)."""
    suffix = path.suffix.lower()
    if suffix in RASTER:
        return _ordered(_raster(path, None))
    return _ordered(_document_findings(path.read_bytes(), suffix))


def _document_findings(data: bytes, suffix: str) -> list[Finding]:
    if suffix == ".svg":
        return _svg(data)
    if suffix == ".pdf":
        return _pdf(data)
    return []


def _ordered(found: list[Finding]) -> list[Finding]:
    """Each finding once, what stops a build first: active content, then a location,
    then what else is private, then the rest."""

    def order(finding: Finding) -> tuple[bool, bool, bool]:
        return finding.kind != "active", not finding.private, finding.kind != "location"

    return sorted(dict.fromkeys(found), key=order)


def is_checked(path: str | PurePath) -> bool:
    """Whether files of this kind are checked (and scrubbed) before they are published.
    A path given as text is not made a PurePath: the rules ask for every file below
    content/ at every build."""
    return os.path.splitext(os.fspath(path))[1].lower() in CHECKED


def summary(found: list[Finding]) -> str:
    """The findings as one phrase: "GPS 33.495 N, 111.925 W; author 'Maria Lopez'"."""
    return "; ".join(finding.text for finding in found)


def _quote(value) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-16-le" if value[1:2] == b"\x00" else "utf-8", "replace")
    text = " ".join(str(value).replace("\x00", " ").split())
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


# Raster pictures -----------------------------------------------------------------------


def _raster(source, data: bytes | None) -> list[Finding]:
    """A picture's findings, opened from `source` (a path or a file object); `data`,
    when given, is searched for metadata signatures too."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with PILImage.open(source) as image:
                return _picture(image, data)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise UnreadableFile(f"not a picture Pillow can read ({error})") from error


def _picture(image, data: bytes | None) -> list[Finding]:
    found = []
    exif = image.getexif()
    found += _exif(exif)
    xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp")
    if xmp:
        found += _xmp(xmp)
    if image.format in ("JPEG", "MPO"):
        found += _jpeg(image)
    if image.format == "PNG":
        found += _png_text(image)
    if image.info.get("comment"):
        found.append(Finding("metadata", f"a comment {_quote(image.info['comment'])}"))
    for signature, name in SIGNATURES if data is not None else ():
        if signature in data and not any(name in finding.text for finding in found):
            found.append(Finding("metadata", name))
    return found


def _exif(exif) -> list[Finding]:
    if not exif:
        return []
    found = []
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    where = _gps_text(gps)
    if where:
        found.append(Finding("location", where))
    elif gps:
        found.append(Finding("location", "GPS data"))
    details = exif.get_ifd(ExifTags.IFD.Exif)
    tags = {**exif, **details}
    for tag, label in SERIAL_TAGS.items():
        if tags.get(tag):
            found.append(Finding("serial", f"{label} {_quote(tags[tag])}"))
    for tag, label in PERSON_TAGS.items():
        value = tags.get(tag)
        if value and _quote(value).strip("' "):
            found.append(Finding("person", f"{label} {_quote(value)}"))
    orientation = exif.get(ExifTags.Base.Orientation, 1)
    if orientation not in (1, None):
        found.append(Finding("orientation", f"stored turned, with Orientation {orientation}"))
    names = sorted(
        {ExifTags.TAGS.get(tag, hex(tag)) for tag in tags}
        - {"ExifOffset", "GPSInfo", "Orientation"}
    )
    if names or gps:
        shown = ", ".join(names[:6]) + (", …" if len(names) > 6 else "")
        found.append(Finding("metadata", f"EXIF ({shown or 'GPS'})"))
    return found


def _gps_text(gps) -> str:
    """ "GPS 33.495 N, 111.925 W" from an EXIF GPS directory, or "" if it holds no position."""
    try:
        latitude = _degrees(gps[2]), str(gps.get(1, "N")).strip("\x00 ") or "N"
        longitude = _degrees(gps[4]), str(gps.get(3, "E")).strip("\x00 ") or "E"
    except (KeyError, TypeError, ValueError, ZeroDivisionError, IndexError):
        return ""
    return f"GPS {latitude[0]:.3f} {latitude[1]}, {longitude[0]:.3f} {longitude[1]}"


def _degrees(value) -> float:
    degrees, minutes, seconds = (float(part) for part in value)
    return degrees + minutes / 60 + seconds / 3600


def _xmp(xmp: bytes | str) -> list[Finding]:
    text = xmp.decode("utf-8", "replace") if isinstance(xmp, bytes) else xmp
    try:
        root = parse_xml_safely(text.strip().strip("\x00"), forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError):
        return [Finding("metadata", "XMP")]
    found = []
    for name, value in _xmp_properties(root, ""):
        value = " ".join(value.split())
        if not value:
            continue
        if name in XMP_LOCATION:
            found.append(Finding("location", f"{name} {_quote(value)} (XMP)"))
        elif name in XMP_SERIAL:
            found.append(Finding("serial", f"serial number {_quote(value)} (XMP)"))
        elif name in XMP_PERSON:
            found.append(Finding("person", f"{name} {_quote(value)} (XMP)"))
    return [*found, Finding("metadata", "XMP")]


def _xmp_properties(element, owner: str):
    """(property, value) for every value in an XMP tree: an attribute, or the text of a
    leaf, named after the nearest element outside RDF's own (an `rdf:li` in `dc:creator`
    is a creator)."""
    namespace, local = split_name(element.tag)
    name = owner if namespace.endswith("22-rdf-syntax-ns#") else local.lower()
    for attribute, value in element.attrib.items():
        yield split_name(attribute)[1].lower(), value
    if len(element) == 0 and element.text:
        yield name, element.text
    for child in element:
        yield from _xmp_properties(child, name)


def _jpeg(image) -> list[Finding]:
    found = []
    for marker, payload in getattr(image, "applist", []):
        if any(marker == kept and payload.startswith(start) for kept, start in JPEG_KEPT):
            continue
        name = next((label for start, label in JPEG_SEGMENTS if payload.startswith(start)), "")
        if marker != "COM" and name not in ("EXIF", "XMP"):  # read in full elsewhere
            found.append(Finding("metadata", name or f"an {marker} segment"))
    try:
        iptc = IptcImagePlugin.getiptcinfo(image) or {}
    except (SyntaxError, OSError, ValueError):
        iptc = {}
    for key, (kind, label) in IPTC_FIELDS.items():
        values = iptc.get(key)
        if values:
            value = b", ".join(values) if isinstance(values, list) else values
            found.append(Finding(kind, f"{label} {_quote(value)} (IPTC)"))
    return found


def _png_text(image) -> list[Finding]:
    found = []
    for key, value in getattr(image, "text", {}).items():
        if key in ("XML:com.adobe.xmp",) or key.startswith("Raw profile type"):
            continue  # read as XMP and EXIF above
        kind = "person" if key.lower() in PNG_PERSON else "metadata"
        found.append(Finding(kind, f"a text chunk {key} {_quote(value)}"))
    return found


# SVG drawings --------------------------------------------------------------------------


def _svg(data: bytes) -> list[Finding]:
    builder = _CommentCounter()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True)
    try:
        parser.feed(data)
        root = parser.close()
    except (ParseError, DefusedXmlException) as error:
        raise UnreadableFile(f"not an SVG drawing the build can read ({error})") from error
    found, editor_data = [], set()
    declared = re.findall(rb'xmlns:([\w.-]+)\s*=\s*["\']([^"\']*)["\']', data)
    for prefix, namespace in declared:
        if is_editor_namespace(namespace.decode("utf-8", "replace")):
            editor_data.add(f"xmlns:{prefix.decode()}")
    if builder.comments:
        found.append(Finding("metadata", "comments"))
    for element in root.iter():
        namespace, local = split_name(element.tag)
        if local == "metadata":
            found.append(Finding("metadata", "a <metadata> block"))
            found += [
                Finding("person", f"{split_name(child.tag)[1]} {_quote(text)} (in <metadata>)")
                for child in element.iter()
                if isinstance(child.tag, str)
                and split_name(child.tag)[1] in ("creator", "publisher", "rights", "contributor")
                and (text := " ".join("".join(child.itertext()).split()))
            ]
        elif is_editor_namespace(namespace):
            editor_data.add(local)
        for name, value in element.attrib.items():
            attribute_ns, attribute = split_name(name)
            if not is_editor_namespace(attribute_ns):
                continue
            label = SVG_PERSON_ATTRIBUTES.get(attribute)
            if label and value.strip():
                found.append(Finding("person", f"{label} {_quote(value)} ({attribute})"))
            editor_data.add(attribute)
    if editor_data:
        names = sorted(editor_data)
        shown = ", ".join(names[:6]) + (", …" if len(names) > 6 else "")
        found.append(Finding("metadata", f"the editor's own data ({shown})"))
    return found


class _CommentCounter(TreeBuilder):
    """A tree builder that counts comments, those before and after the root too."""

    def __init__(self) -> None:
        super().__init__()
        self.comments = 0

    def comment(self, text):
        self.comments += 1


def split_name(name: str) -> tuple[str, str]:
    """`{namespace}local` as (namespace, local)."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return "", name


def is_editor_namespace(namespace: str) -> bool:
    """Whether a namespace is a drawing program's own (Inkscape's, Illustrator's...)."""
    return any(namespace.startswith(editor) for editor in EDITOR_NAMESPACES)


# PDF documents -------------------------------------------------------------------------


def _pdf(data: bytes) -> list[Finding]:
    import pikepdf  # imported here: a site without PDFs never needs it

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return _document(pdf)
    except pikepdf.PdfError as error:
        raise UnreadableFile(f"not a PDF the build can read ({error})") from error


def _document(pdf) -> list[Finding]:
    import pikepdf

    found = []
    info = pdf.trailer.get("/Info")
    if isinstance(info, pikepdf.Dictionary):
        for key in sorted(set(info.keys()) - PDF_KEPT):
            value = str(info.get(key, ""))
            label = PDF_PERSON.get(key)
            if label:
                found.append(Finding("person", f"{label} {_quote(value)} (document information)"))
            else:
                found.append(Finding("metadata", f"{key[1:]} {_quote(value)}"))
    if "/Metadata" in pdf.Root:
        found.append(Finding("metadata", "XMP"))
    parts = (pikepdf.Dictionary, pikepdf.Stream)
    for item in pdf.objects:
        if (
            isinstance(item, parts)
            and item.objgen != pdf.Root.objgen
            and ("/Metadata" in item or "/PieceInfo" in item)
        ):
            found.append(Finding("metadata", "XMP or editor data on a part of the document"))
            break
    found += [
        Finding("active", text)
        for item in pdf.objects
        if isinstance(item, parts)
        for text in _active_parts(item, pikepdf)
    ]
    return found


def _active_parts(item, pikepdf, depth: int = 0) -> list[str]:
    """What in one PDF object runs or opens something when the document is viewed: a
    script, an action on opening or on a field, a program launched, an attached file,
    embedded media, an XFA form. Its direct sub-dictionaries are read too."""
    present = set(item.keys())  # a Stream's keys too (iterating a Stream is not its keys)
    found = [PDF_ACTIVE_KEYS[key] for key in sorted(present & PDF_ACTIVE_KEYS.keys())]
    if str(item.get("/S", "")) in PDF_ACTIVE_ACTIONS:
        found.append(PDF_ACTIVE_ACTIONS[str(item.get("/S"))])
    if str(item.get("/Type", "")) == "/EmbeddedFile":
        found.append("an attached file")
    opening = item.get("/OpenAction")
    if isinstance(opening, pikepdf.Dictionary):  # an action, not a page to open at
        found.append("an action on opening")
    if depth < 3:
        for _key, value in item.items():
            if isinstance(value, pikepdf.Dictionary) and not value.is_indirect:
                found += _active_parts(value, pikepdf, depth + 1)
    return found


def pdf_title(data: bytes) -> str:
    """The document title a PDF keeps (what a screen reader announces), or ""."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pdf.trailer.get("/Info")
        return str(info.get("/Title", "")) if isinstance(info, pikepdf.Dictionary) else ""
