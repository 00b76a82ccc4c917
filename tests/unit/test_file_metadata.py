"""Published files carry nothing private, and phone photos show the right way up (issue 25).

Photos made the way a phone makes them (GPS, serial number, a caption naming the
patient, each of the eight orientations), an Inkscape drawing and a PDF form with
document information: read by the policy (filemeta), cleaned (scrub), reported by
`make lint`, fixed by `make scrub`, published clean and upright by the build, and
refused by the pre-publish gate when a file still carries any of it.
"""

from __future__ import annotations

import io

import pikepdf
import pytest
from phone_files import (
    CAPTION,
    GPS_TEXT,
    NAME,
    PDF_TITLE,
    SERIAL,
    STORED,
    XMP,
    filled_pdf,
    inkscape_svg,
    looks_upright,
    phone_exif,
    phone_photo,
    scripted_pdf,
    upright_picture,
)
from PIL import Image, ImageChops

from checks.hostile import metadata_problems
from clinic.core import filemeta
from clinic.core.problems import ContentError
from clinic.sitewide.scrub import ScrubError, published_copy, scrubbed
from support import ROOT, build

KINDS = {"jpeg": ".jpg", "png": ".png", "webp": ".webp"}


PRIVATE_TEXT = (NAME.encode(), b"mlopez", SERIAL.encode(), b'City="Scottsdale"')


def kinds_of(found: list[filemeta.Finding]) -> set[str]:
    return {finding.kind for finding in found}


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.unit
@pytest.mark.unit
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_phone_photo_is_read_for_its_location_serial_caption_and_orientation(kind):
    found = filemeta.findings(phone_photo(kind, 6), KINDS[kind])
    texts = filemeta.summary(found)
    assert found[0] == filemeta.Finding("location", GPS_TEXT)  # the location first
    assert f"serial number '{SERIAL}'" in texts
    assert f"'{CAPTION}'" in texts
    assert kinds_of(found) >= {"location", "serial", "person", "orientation", "metadata"}


@pytest.mark.unit
@pytest.mark.unit
def test_an_inkscape_drawing_is_read_for_its_file_names_author_and_editor_data():
    found = filemeta.findings(inkscape_svg(), ".svg")
    texts = filemeta.summary(found)
    assert "'consent-maria-lopez.svg' (docname)" in texts
    assert "'/home/mlopez/Desktop/parking-map.png' (export-filename)" in texts
    assert f"creator '{NAME}' (in <metadata>)" in texts
    assert "comments" in texts
    assert "a <metadata> block" in texts
    assert kinds_of(found) == {"person", "metadata"}


@pytest.mark.unit
@pytest.mark.unit
def test_a_pdf_is_read_for_its_document_information_and_xmp():
    found = filemeta.findings(filled_pdf(), ".pdf")
    texts = filemeta.summary(found)
    assert f"author '{NAME}' (document information)" in texts
    assert "Producer 'LibreOffice 24.8'" in texts
    assert "XMP" in texts
    assert PDF_TITLE not in texts  # the title is kept, not a finding
    assert filemeta.pdf_title(filled_pdf()) == PDF_TITLE


@pytest.mark.unit
@pytest.mark.unit
def test_the_sites_own_pictures_carry_nothing():
    checked = [
        path
        for path in (ROOT / "content").rglob("*")
        if path.is_file() and filemeta.is_checked(path)
    ]
    assert checked
    for path in checked:
        assert filemeta.findings(path.read_bytes(), path.suffix) == [], path


@pytest.mark.unit
@pytest.mark.unit
@pytest.mark.parametrize("orientation", sorted(STORED))
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_orientation_of_every_format_comes_out_clean_and_upright(kind, orientation):
    source = phone_photo(kind, orientation, size=(300, 400))
    result = scrubbed(source, KINDS[kind])
    assert result is not None
    assert filemeta.findings(result.data, KINDS[kind]) == []
    for text in PRIVATE_TEXT:
        assert text not in result.data
    picture = opened(result.data)
    assert picture.size == (300, 400)  # portrait, as it was held
    assert looks_upright(picture)
    assert picture.info.get("icc_profile") == opened(source).info["icc_profile"]


@pytest.mark.unit
@pytest.mark.unit
def test_a_gif_and_an_avif_come_out_clean_and_upright():
    gif, avif = io.BytesIO(), io.BytesIO()
    upright_picture(300, 400).convert("P").save(gif, "GIF", comment=NAME.encode())
    stored = upright_picture(300, 400).transpose(STORED[6])
    stored.save(avif, "AVIF", exif=phone_exif(6), xmp=XMP, quality=80)
    for data, suffix, carried in (
        (gif.getvalue(), ".gif", NAME),
        (avif.getvalue(), ".avif", GPS_TEXT),
    ):
        assert carried in filemeta.summary(filemeta.findings(data, suffix))
        result = scrubbed(data, suffix)
        assert filemeta.findings(result.data, suffix) == []
        assert looks_upright(opened(result.data))
        assert opened(result.data).size == (300, 400)


@pytest.mark.unit
@pytest.mark.unit
@pytest.mark.parametrize("kind", ["jpeg", "webp"])
def test_an_upright_jpeg_or_webp_keeps_its_compressed_picture(kind):
    source = phone_photo(kind, 1, size=(300, 400))
    result = scrubbed(source, KINDS[kind])
    assert result.lossless
    assert ImageChops.difference(opened(source), opened(result.data)).getbbox() is None
    assert len(result.data) < len(source)
    if kind == "jpeg":  # the entropy-coded data, from the start of the scan, byte for byte
        assert source[source.index(b"\xff\xda") :] == result.data[result.data.index(b"\xff\xda") :]


@pytest.mark.unit
@pytest.mark.unit
def test_a_png_keeps_its_pixels():
    source = phone_photo("png", 8, size=(300, 400))
    result = scrubbed(source, ".png")
    assert result.lossless
    expected = opened(source).transpose(Image.Transpose.ROTATE_90)  # Orientation 8 undone
    assert ImageChops.difference(expected, opened(result.data).convert("RGB")).getbbox() is None


@pytest.mark.unit
@pytest.mark.unit
def test_a_turned_jpeg_is_encoded_again_with_its_own_tables():
    source = phone_photo("jpeg", 6, size=(300, 400))
    result = scrubbed(source, ".jpg")
    assert not result.lossless
    assert "its own quantization tables" in result.how
    assert opened(result.data).quantization == opened(source).quantization


@pytest.mark.unit
@pytest.mark.unit
def test_a_drawing_keeps_its_title_description_and_shapes():
    result = scrubbed(inkscape_svg(), ".svg")
    text = result.data.decode()
    assert filemeta.findings(result.data, ".svg") == []
    assert '<title id="title1">Parking behind the clinic</title>' in text
    assert '<desc id="desc1">A map: the car park' in text
    assert text.count("<rect ") == 2
    for gone in ("inkscape", "sodipodi", "metadata", "<!--", "rdf", NAME, "mlopez"):
        assert gone not in text


@pytest.mark.unit
@pytest.mark.unit
def test_a_pdf_keeps_its_title_and_pages_only():
    result = scrubbed(filled_pdf(), ".pdf")
    assert filemeta.findings(result.data, ".pdf") == []
    assert filemeta.pdf_title(result.data) == PDF_TITLE
    with pikepdf.open(io.BytesIO(result.data)) as pdf:
        assert len(pdf.pages) == 1
        assert set(pdf.trailer.Info.keys()) == {"/Title"}
    for text in (NAME.encode(), b"LibreOffice", b"xmpmeta"):
        assert text not in result.data


@pytest.mark.unit
@pytest.mark.unit
def test_a_clean_file_is_published_byte_for_byte_and_a_cleaned_one_from_the_cache(tmp_path):
    clean = tmp_path / "clean.jpg"
    clean.write_bytes(scrubbed(phone_photo("jpeg", 1), ".jpg").data)
    photo = tmp_path / "photo.webp"
    photo.write_bytes(phone_photo("webp", 6, located=False))
    cache = tmp_path / "cache"
    assert scrubbed(clean.read_bytes(), ".jpg") is None
    assert published_copy(clean, cache) is None
    first = published_copy(photo, cache)
    assert first == published_copy(photo, None)  # the same bytes with a cache or without
    assert sorted(path.suffix for path in cache.iterdir()) == [".as-is", ".webp"]
    assert published_copy(photo, cache) == first


@pytest.mark.unit
def test_the_content_rules_name_each_file_and_what_it_carries(content, tmp_path):
    images = content / "images"
    (images / "located.jpg").write_bytes(phone_photo("jpeg", 6))
    (images / "serial.webp").write_bytes(phone_photo("webp", 1, located=False))
    (images / "map.svg").write_bytes(inkscape_svg())
    (images / "consent.pdf").write_bytes(filled_pdf())
    with pytest.raises(ContentError) as failure:
        build(tmp_path / "output", content=content)
    errors = {str(problem) for problem in failure.value.problems}
    assert len(errors) == 1  # a location is an error
    (error,) = errors
    assert error.startswith(f"{content}/images/located.jpg: carries {GPS_TEXT};")
    assert "fix: run `make scrub`" in error
    warnings = [
        problem for problem in filemeta_problems(content) if problem.warning
    ]  # a serial number, a name, a caption: warnings
    shown = {problem.where.rsplit("/", 1)[1]: problem.message for problem in warnings}
    assert set(shown) == {"serial.webp", "map.svg", "consent.pdf"}
    assert f"serial number '{SERIAL}'" in shown["serial.webp"]
    assert "'/home/mlopez/Desktop/parking-map.png'" in shown["map.svg"]
    assert f"keeps only its title '{PDF_TITLE}'" in shown["consent.pdf"]


def filemeta_problems(content):
    from clinic.rules.files import private_metadata_problems, regular_files

    return private_metadata_problems(content, regular_files(content))


@pytest.mark.unit
@pytest.mark.unit
def test_the_gate_refuses_a_photo_stored_turned_even_without_other_metadata():
    turned = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    turned.save(out, "JPEG", exif=exif)
    (problem,) = metadata_problems("images/turned.jpg", out.getvalue(), ".jpg")
    assert "stored turned, with Orientation 6" in problem


@pytest.mark.unit
@pytest.mark.parametrize(("kind", "holds"), [("script", "JavaScript"), ("file", "attached files")])
def test_a_pdf_that_runs_or_carries_something_is_refused_everywhere(kind, holds, content, tmp_path):
    """A PDF's script, opening action or attached file is never published: the rules stop
    the build, make scrub will not quietly remove it, and the gate refuses it."""
    data = scripted_pdf(kind)
    assert holds in filemeta.summary(filemeta.findings(data, ".pdf"))
    with pytest.raises(ScrubError, match="export the document again"):
        scrubbed(data, ".pdf")
    (content / "images" / "form.pdf").write_bytes(data)
    (problem,) = filemeta_problems(content)
    assert not problem.warning
    assert holds in problem.message
    assert "print it to a new PDF" in problem.fix
    (gate,) = metadata_problems("images/form.pdf", data, ".pdf")
    assert holds in gate
