"""Files made the way phones and desktop tools make them, for the metadata tests.

A phone photo carries where it was taken (EXIF GPS), the camera's serial number, a
caption naming the patient, and an Orientation tag: held upright, stored turned. An
Inkscape drawing names its file and its author; a PDF form names who filled it in.
"""

from __future__ import annotations

import io

import pikepdf
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

NAME = "Maria Lopez"
CAPTION = f"Patient {NAME}, left cheek before treatment"
SERIAL = "SN-4711-0815"
LATITUDE, LONGITUDE = (33.0, 29.0, 42.0), (111.0, 55.0, 30.0)  # 33.495 N, 111.925 W
GPS_TEXT = "GPS 33.495 N, 111.925 W"
# The quadrants of the upright picture: a test finds which way up a copy is from them.
QUADRANTS = {"top left": (220, 40, 40), "top right": (40, 200, 40),
             "bottom left": (40, 40, 220), "bottom right": (240, 240, 240)}  # fmt: skip
# How a phone stores a picture for each Orientation value: the transposition that
# Orientation's reader undoes (EXIF 2.32, Pillow's ImageOps.exif_transpose).
STORED = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}
XMP = (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="Scottsdale">'
    f"<dc:creator><rdf:Seq><rdf:li>{NAME}</rdf:li></rdf:Seq></dc:creator>"
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
).encode()


def upright_picture(width: int = 1200, height: int = 1600) -> Image.Image:
    """A portrait picture whose four quadrants tell which way up it is shown."""
    picture = Image.new("RGB", (width, height))
    half_w, half_h = width // 2, height // 2
    boxes = {
        "top left": (0, 0, half_w, half_h),
        "top right": (half_w, 0, width, half_h),
        "bottom left": (0, half_h, half_w, height),
        "bottom right": (half_w, half_h, width, height),
    }
    for name, box in boxes.items():
        picture.paste(QUADRANTS[name], box)
    return picture


def phone_exif(orientation: int, located: bool = True) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "PhoneMaker", "Phone 15"  # Make, Model
    exif[0x010E] = CAPTION  # ImageDescription
    exif[0x0112] = orientation
    details = exif.get_ifd(0x8769)
    details[0xA431] = SERIAL  # BodySerialNumber
    details[0x927C] = b"Apple iOS\x00\x00\x01MM maker data"  # MakerNote
    if located:
        gps = exif.get_ifd(0x8825)
        gps[1], gps[2], gps[3], gps[4] = "N", LATITUDE, "W", LONGITUDE
    return exif


def phone_photo(
    kind: str, orientation: int = 6, size: tuple[int, int] = (1200, 1600), located: bool = True
) -> bytes:
    """A photo as a phone saves it: stored turned for `orientation`, with GPS (unless not
    `located`), serial, caption, XMP (JPEG, WebP) or text chunks (PNG), and an sRGB
    colour profile."""
    upright = upright_picture(*size)
    method = STORED[orientation]
    stored = upright if method is None else upright.transpose(method)
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    exif = phone_exif(orientation, located)
    xmp = XMP if located else XMP.replace(b' photoshop:City="Scottsdale"', b"")
    out = io.BytesIO()
    if kind == "jpeg":
        stored.save(out, "JPEG", exif=exif, icc_profile=profile, xmp=xmp, quality=88,
                    comment=NAME.encode())  # fmt: skip
    elif kind == "png":
        text = PngInfo()
        text.add_text("Author", NAME)
        text.add_itxt("Description", CAPTION)
        stored.save(out, "PNG", exif=exif, icc_profile=profile, pnginfo=text)
    elif kind == "webp":
        stored.save(out, "WEBP", exif=exif, icc_profile=profile, xmp=xmp, quality=88)
    else:
        raise ValueError(kind)
    return out.getvalue()


def inkscape_svg() -> bytes:
    """A drawing as Inkscape saves it: its file name, an export folder in a home folder,
    RDF metadata naming its author, the editor's own elements, a comment."""
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg width="400" height="300" viewBox="0 0 400 300" version="1.1" id="svg1"
   inkscape:version="1.3.2" sodipodi:docname="consent-{NAME.lower().replace(" ", "-")}.svg"
   inkscape:export-filename="/home/mlopez/Desktop/parking-map.png"
   inkscape:export-xdpi="96" inkscape:export-ydpi="96"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:cc="http://creativecommons.org/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <title id="title1">Parking behind the clinic</title>
  <desc id="desc1">A map: the car park is behind the building, off the side street.</desc>
  <sodipodi:namedview id="namedview1" pagecolor="#ffffff" inkscape:zoom="1.5"/>
  <metadata id="metadata1"><rdf:RDF><cc:Work rdf:about="">
    <dc:creator><cc:Agent><dc:title>{NAME}</dc:title></cc:Agent></dc:creator>
  </cc:Work></rdf:RDF></metadata>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1">
    <rect x="20" y="20" width="360" height="120" fill="#2d5f8b"/>
    <rect x="20" y="160" width="160" height="120" fill="#7a9a3a"/>
  </g>
</svg>
""".encode()


PDF_TITLE = "Consent to treatment"


def filled_pdf() -> bytes:
    """A PDF form as an office suite exports it, with document information naming the
    person who filled it in, and XMP saying the same."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))
    pdf.Root.Metadata = pdf.make_stream(XMP)
    pdf.trailer.Info = pdf.make_indirect(
        pikepdf.Dictionary(
            Title=pikepdf.String(PDF_TITLE),
            Author=pikepdf.String(NAME),
            Creator=pikepdf.String("Writer"),
            Producer=pikepdf.String("LibreOffice 24.8"),
            Subject=pikepdf.String(f"Consent form of {NAME}"),
            Keywords=pikepdf.String("patient, consent"),
        )
    )
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, fix_metadata_version=False)
    return out.getvalue()


def quadrant_colours(picture: Image.Image) -> dict[str, tuple[int, int, int]]:
    """The colour at the centre of each quadrant of a picture as shown (no tag applied)."""
    rgb = picture.convert("RGB")
    width, height = rgb.size
    points = {
        "top left": (width // 4, height // 4),
        "top right": (3 * width // 4, height // 4),
        "bottom left": (width // 4, 3 * height // 4),
        "bottom right": (3 * width // 4, 3 * height // 4),
    }
    return {name: rgb.getpixel(point) for name, point in points.items()}


def looks_upright(picture: Image.Image, tolerance: int = 40) -> bool:
    """Whether a picture, shown as stored, has each quadrant where the upright one has it."""
    seen = quadrant_colours(picture)
    return all(
        max(abs(a - b) for a, b in zip(seen[name], QUADRANTS[name], strict=True)) <= tolerance
        for name in QUADRANTS
    )


def scripted_pdf(kind: str) -> bytes:
    """A PDF that does something when opened: JavaScript on opening, or an attached file."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))
    if kind == "script":
        pdf.Root.OpenAction = pikepdf.Dictionary(
            S=pikepdf.Name("/JavaScript"), JS=pikepdf.String("app.launchURL('https://x.test')")
        )
    else:
        attached = pikepdf.AttachedFileSpec(pdf, b"patient list", filename="list.txt")
        pdf.attachments["list.txt"] = attached
    pdf.trailer.Info = pdf.make_indirect(pikepdf.Dictionary(Title=pikepdf.String(PDF_TITLE)))
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()
