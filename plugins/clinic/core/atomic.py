"""Files written whole: whoever reads one, and a build killed at any moment, sees the
old file or the new one, never part of either.

A file opened for writing is emptied first; a build killed before it has written
everything leaves an empty or cut file that the next build would trip on. Writing
to a temporary file in the same folder and renaming it over the old name (one
step, on the same file system) leaves no such moment.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

T = TypeVar("T")


def write_atomically(path: Path, data: bytes, durable: bool = True) -> None:
    """Write `data` to `path` whole: to a temporary file beside it, then renamed over it.

    `durable` also flushes the bytes to the disk (fsync) before the rename, so that a
    power cut cannot leave the new name on an empty file. It costs milliseconds a
    file: callers writing thousands of small files a build (the pictures' sizes, the
    share cards) pass False, and treat an empty file as missing (`is_whole`).
    """
    write_streamed(path, lambda file: file.write(data), durable)


def write_streamed(path: Path, write: Callable[[BinaryIO], object], durable: bool = True) -> None:
    """`write_atomically`, with the bytes written by `write(file)` as they are made: a
    large file (Pelican's content cache, 4 MB at 1,000 posts) is never held whole in
    memory, nor twice."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    # os.open, not mkstemp: the file gets the usual permissions (0666 less the umask),
    # as a plain write would give it; some of these files are published.
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as file:
            write(file)
            if durable:
                file.flush()
                os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def replace_if_changed(path: Path, data: bytes) -> None:
    """`write_atomically` (not flushed to the disk), unless `path` holds `data` already:
    a file this build wrote before (the other edition's run) is left alone."""
    path = Path(path)
    if path.is_file() and path.read_bytes() == data:
        return
    write_atomically(path, data, durable=False)


def is_whole(path: Path) -> bool:
    """Whether a file written without `durable` is there, and not the empty file a power
    cut can leave under its name (what a build finds so is made again)."""
    try:
        return Path(path).stat().st_size > 0
    except OSError:
        return False


def read_stored(path: Path, parse: Callable[[Any], T]) -> T | None:
    """What an earlier build stored in `path` as JSON (plain data, never code), made into
    the caller's values by `parse`; None when there is none. A file that cannot be read
    or parsed (cut short, garbage) is thrown away with one warning: the build works it
    all out again."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        return parse(json.loads(data))
    except (ValueError, TypeError, AttributeError) as error:
        logging.getLogger(__name__).warning(
            "The cache file %s could not be read (%s): thrown away, this build works out "
            "what it held again",
            path,
            type(error).__name__,
        )
        path.unlink(missing_ok=True)
        return None
