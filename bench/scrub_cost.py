"""What cleaning costs a photo: PSNR against the upright source, and bytes, per case.

`python -m bench.scrub_cost [PHOTO ...]` cleans each photo as the build and `make
scrub` do (plugins/clinic/sitewide/scrub.py), once as it is and once stored turned
(Orientation 6, the way a phone stores a portrait photo), and prints what was
kept exactly and what was encoded again. Without arguments it uses a generated
photo-like picture (gradients, noise and edges, 2000×1500) saved as a phone would:
JPEG at quality 92 with 4:2:0 chroma, and WebP at quality 88.
"""

from __future__ import annotations

import io
import math
import sys
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter, ImageOps, ImageStat

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from clinic.sitewide.scrub import scrubbed  # noqa: E402 (needs the plugins folder on the path first)


def photo_like(size: tuple[int, int] = (2000, 1500)) -> Image.Image:
    """A picture with what makes photos hard to compress: smooth light, grain and edges."""
    width, height = size
    light = Image.linear_gradient("L").resize(size)
    shade = Image.radial_gradient("L").resize(size)
    grain = Image.effect_noise(size, 24).filter(ImageFilter.GaussianBlur(0.6))
    red = ImageChops.add(light, grain, scale=1.3)
    green = ImageChops.multiply(shade, ImageOps.invert(light))
    blue = ImageChops.screen(grain, shade.rotate(30))
    picture = Image.merge("RGB", (red, green, blue))
    for step in range(12):  # hard edges, as a face or a window has
        box = (step * width // 14, height // 5, step * width // 14 + width // 20, height * 4 // 5)
        picture.paste((200 - 12 * step, 90 + 8 * step, 60), box)
    return picture.filter(ImageFilter.SMOOTH)


def psnr(first: Image.Image, second: Image.Image) -> float:
    """Peak signal-to-noise ratio in dB over RGB (higher is closer; inf when identical)."""
    difference = ImageChops.difference(first.convert("RGB"), second.convert("RGB"))
    mean_square = sum(value**2 for value in ImageStat.Stat(difference).rms) / 3
    return math.inf if mean_square == 0 else 10 * math.log10(255**2 / mean_square)


def turned(data: bytes, kind: str) -> bytes:
    """The same picture as a phone stores a portrait: on its side, Orientation 6."""
    with Image.open(io.BytesIO(data)) as picture:
        options = {"quality": 92, "subsampling": "4:2:0"} if kind == "JPEG" else {"quality": 88}
        exif = Image.Exif()
        exif[0x0112] = 6
        out = io.BytesIO()
        picture.transpose(Image.Transpose.ROTATE_90).save(out, kind, exif=exif, **options)
        return out.getvalue()


def report(name: str, data: bytes, suffix: str) -> str:
    with Image.open(io.BytesIO(data)) as source:
        upright = ImageOps.exif_transpose(source)
        upright.load()
    result = scrubbed(data, suffix)
    if result is None:
        return f"{name}: nothing to clean, published byte for byte"
    with Image.open(io.BytesIO(result.data)) as cleaned:
        quality = psnr(upright, cleaned)
    shown = "identical pixels" if math.isinf(quality) else f"PSNR {quality:.1f} dB"
    change = 100 * (len(result.data) - len(data)) / len(data)
    return (
        f"{name}: {result.how}; {shown}; {len(data):,} -> {len(result.data):,} bytes "
        f"({change:+.1f}%)"
    )


def samples(paths: list[str]) -> list[tuple[str, bytes, str]]:
    if paths:
        return [(path, Path(path).read_bytes(), Path(path).suffix) for path in paths]
    picture = photo_like()
    found = []
    for kind, suffix, options in (
        ("JPEG", ".jpg", {"quality": 92, "subsampling": "4:2:0"}),
        ("WEBP", ".webp", {"quality": 88}),
    ):
        out = io.BytesIO()
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # something to clean, as every phone photo has
        picture.save(out, kind, exif=exif, **options)
        found.append((f"generated {kind} photo", out.getvalue(), suffix))
    return found


def main(argv: list[str] | None = None) -> int:
    for name, data, suffix in samples(list(argv if argv is not None else sys.argv[1:])):
        kind = Image.open(io.BytesIO(data)).format
        print(report(f"{name}, upright", data, suffix))
        if kind in ("JPEG", "WEBP"):
            print(report(f"{name}, stored turned", turned(data, kind), suffix))
    return 0


if __name__ == "__main__":
    sys.exit(main())
