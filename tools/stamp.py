"""The last build's stamp: when nothing it read has changed, `make html` has nothing to do.

A build that succeeds records, beside its output (`output.built`, never inside the
published folder), what it read and what it wrote:

- a digest of every file that shapes the site: content/, the theme, the plugin and
  the build's own code, the settings files, the pinned requirements, and the
  command's own options (settings file, SITEURL, folders);
- the day it ran, and every date written in a file's header (`Date:`, `Expires:`,
  `Reviewed:`…): a page due to appear or expire, or a review falling due, changes
  the site without any file changing. Such a moment counts from 14 hours before to
  14 hours after its written time, whatever the site's time zone;
- each published file's size and modification time, so a changed or missing
  file in output/ is seen;
- the warnings the build printed, to print them again.

The next build compares; the same stamp means the same site, byte for byte (the
build is deterministic; tests/site/test_identical.py holds it so), and it stops there.
Anything else, or a stamp it cannot read, and it builds. The stamp is JSON: read
as data, never run, so a stamp that came with a commit can at most cost a build
(its output/ times cannot match a fresh checkout's).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

VERSION = 1
# The folders and files, under the project's root, whose bytes shape the site.
SHAPING = (
    "theme",
    "plugins/clinic",
    "tools",
    "pelicanconf.py",
    "publishconf.py",
    "taglines.toml",
    "clinic.toml",
)
SHAPING_GLOBS = ("requirements*.txt",)
SKIPPED_PARTS = frozenset({"__pycache__", ".pytest_cache"})
# A header date, with its time if given: "2025-09-01", "2025-09-01 14:30".
HEADER_DATE = re.compile(r"^[A-Za-z][\w-]*:\s*(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2}))?")
# Every time zone lies within 14 hours of UTC: a written time counts over that span.
ZONE_SPAN = timedelta(hours=14)


@dataclass(frozen=True)
class Stamp:
    """What one successful build read and wrote (see the module)."""

    inputs: str
    built_at: str  # UTC, ISO 8601
    local_day: str  # the build machine's own date
    moments: tuple[str, ...]  # the header dates, ISO 8601, naive as written
    output: str
    warnings: tuple[str, ...] = ()
    version: int = VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Stamp | None:
        """The stamp, or None for anything that is not one of this version's."""
        try:
            data = json.loads(text)
            if data.get("version") != VERSION:
                return None
            data["moments"] = tuple(data["moments"])
            data["warnings"] = tuple(data["warnings"])
            return cls(**data)
        except (ValueError, TypeError, KeyError, AttributeError):
            return None


@dataclass
class Inputs:
    """The digest of what shapes a build, and the dates its content's headers hold."""

    digest: str
    moments: tuple[str, ...] = field(default_factory=tuple)


def stamp_path(output: Path) -> Path:
    return output.with_name(output.name + ".built")


def read_inputs(root: Path, content: Path, options: Mapping[str, object]) -> Inputs:
    """Every shaping file's path and bytes, and the build's options, in one digest."""
    digest = hashlib.sha256(json.dumps(options, sort_keys=True, default=str).encode())
    moments: set[str] = set()
    for path, in_content in _files(root, content):
        with open(path, "rb") as file:
            data = file.read()
        digest.update(path.encode() + b"\0")
        digest.update(hashlib.sha256(data).digest())
        if in_content and os.path.splitext(path)[1] in (".md", ".markdown", ".mdown"):
            moments.update(header_moments(data))
    return Inputs(digest.hexdigest(), tuple(sorted(moments)))


def _files(root: Path, content: Path) -> Iterable[tuple[str, bool]]:
    """Each shaping file's path, and whether it is content, in an order the same each run."""
    places = [content, *(root / name for name in SHAPING)]
    places += [path for pattern in SHAPING_GLOBS for path in sorted(root.glob(pattern))]
    for place in places:
        in_content = place == content
        if place.is_file():
            yield os.fspath(place), in_content
        elif place.is_dir():
            for _, entry in sorted(_below(os.fspath(place))):
                yield entry.path, in_content


def _below(top: str, relative: str = "") -> Iterable[tuple[str, os.DirEntry]]:
    """(path below `top`, its entry) for every file below `top`, links to files too, the
    SKIPPED_PARTS folders left out: each folder listed once, and what the listing says of
    a file (its kind) not asked of the disk again."""
    with os.scandir(top) as entries:
        for entry in entries:
            shown = f"{relative}/{entry.name}" if relative else entry.name
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in SKIPPED_PARTS:
                    yield from _below(entry.path, shown)
            elif entry.is_file():
                yield shown, entry


def header_moments(data: bytes) -> set[str]:
    """The dates in a Markdown file's header (its lines up to the first blank one)."""
    found = set()
    for line in data.decode("utf-8", errors="replace").splitlines():
        if not line.strip():
            break
        match = HEADER_DATE.match(line)
        if match:
            day, hour, minute = match.groups()
            found.add(f"{day}T{hour or '00'}:{minute or '00'}")
    return found


def output_listing(output: Path) -> str:
    """A digest of every file's path, size and modification time in output/."""
    digest = hashlib.sha256()
    for shown, entry in sorted(_below(os.fspath(output))):
        stat = entry.stat(follow_symlinks=False)
        digest.update(f"{shown}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def stamp_of(inputs: Inputs, output: Path, warnings: Iterable[str], now: datetime) -> Stamp:
    return Stamp(
        inputs=inputs.digest,
        built_at=now.astimezone(UTC).isoformat(),
        local_day=now.astimezone().date().isoformat(),
        moments=inputs.moments,
        output=output_listing(output),
        warnings=tuple(warnings),
    )


def unchanged(stamp: Stamp | None, inputs: Inputs, output: Path, now: datetime) -> bool:
    """Whether a build now would write what `output` already holds (see the module)."""
    if stamp is None or stamp.inputs != inputs.digest or not output.is_dir():
        return False
    built = datetime.fromisoformat(stamp.built_at)
    if now.astimezone(UTC).date() != built.date():
        return False
    if now.astimezone().date() != date.fromisoformat(stamp.local_day):
        return False
    if any(_passed_between(moment, built, now) for moment in inputs.moments):
        return False
    return stamp.output == output_listing(output)


def _passed_between(moment: str, built: datetime, now: datetime) -> bool:
    """Whether the written `moment` may have passed, in any time zone, since `built`."""
    written = datetime.fromisoformat(moment).replace(tzinfo=UTC)
    return written - ZONE_SPAN <= now and written + ZONE_SPAN > built


def load(output: Path) -> Stamp | None:
    try:
        return Stamp.from_json(stamp_path(output).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def forget(output: Path) -> None:
    """Before a build: a build that fails, or is killed, leaves no stamp behind."""
    stamp_path(output).unlink(missing_ok=True)


def record(stamp: Stamp, output: Path) -> None:
    """Written whole or not at all: a temporary file renamed into place."""
    target = stamp_path(output)
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    temporary.write_text(stamp.to_json(), encoding="utf-8")
    os.replace(temporary, target)
