"""`make scrub`: remove metadata from the pictures, drawings and PDFs in content/, in place.

The fix `make lint` names for a photo that carries a location, a serial number or
a name: the same cleaning the build gives every file it publishes (plugins/clinic/
scrub.py), applied to the source, so the repository stops carrying it too. A
JPEG or WebP stored upright keeps its compressed picture exactly; a photo stored
turned is turned upright, which for a JPEG means one more encoding with its own
quantization tables (each line says which).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from clinic.core import filemeta  # noqa: E402 (needs the plugins folder on the path first)
from clinic.core.problems import display_path  # noqa: E402
from clinic.rules.files import regular_files  # noqa: E402
from clinic.sitewide.scrub import ScrubError, scrubbed, write_atomically  # noqa: E402


@dataclass(frozen=True)
class Cleaned:
    """One file `scrub_tree` changed (or could not), and the line that says so."""

    path: Path
    line: str
    failed: bool = False


def scrub_file(path: Path) -> Cleaned | None:
    """Clean one file in place; None when it carries nothing."""
    shown = display_path(str(path))
    data = path.read_bytes()
    try:
        result = scrubbed(data, path.suffix)
    except (ScrubError, filemeta.UnreadableFile, OSError) as error:
        return Cleaned(path, f"{shown}: not cleaned: {error}", failed=True)
    if result is None:
        return None
    write_atomically(path, result.data, durable=True)  # the writer's own file, in place
    removed = filemeta.summary(list(result.removed))
    how = result.how if result.lossless else f"{result.how} (not lossless)"
    line = f"{shown}: removed {removed}; {how}; {len(data):,} -> {len(result.data):,} bytes"
    if path.suffix.lower() == ".pdf":
        title = filemeta.pdf_title(result.data)
        line += f"; kept its title '{title}'" if title else "; it has no title"
    return Cleaned(path, line)


def scrub_tree(root: Path) -> list[Cleaned]:
    """Clean every picture, drawing and PDF below `root` (symbolic links are not followed)."""
    cleaned = []
    for relative in regular_files(root):
        path = root / relative
        if filemeta.is_checked(path):
            result = scrub_file(path)
            if result is not None:
                cleaned.append(result)
    return cleaned


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tools.scrub", description=__doc__)
    parser.add_argument("content", nargs="?", type=Path, default=ROOT / "content")
    args = parser.parse_args(argv)
    cleaned = scrub_tree(args.content)
    for item in cleaned:
        print(item.line, file=sys.stderr if item.failed else sys.stdout)
    changed = [item for item in cleaned if not item.failed]
    print(
        f"{len(changed)} file(s) cleaned in {display_path(str(args.content))}/"
        + (": commit them (git add -A content && git commit)" if changed else "")
    )
    return 1 if any(item.failed for item in cleaned) else 0


if __name__ == "__main__":
    sys.exit(main())
