"""Pelican's content cache files (`<CACHE_PATH>/ArticlesGenerator-Readers`...): saved
whole, and checked before a build loads them.

Pelican saves them by opening the file for writing (which empties it) and then
pickling into it: a build killed in between leaves an empty or cut file, and
Pelican's load does not catch the EOFError that follows, so every later build
stopped there. Here the save writes through a temporary file and a rename, and
appends a check (a SHA-256 of the pickle, after its end, where unpickling never
reads); the build runner (tools/build.py) reads the check before Pelican loads a
file, and throws away one that fails it, with one warning: a check costs a
hash of the bytes, where trying the load first would unpickle every file twice.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from functools import partial
from pathlib import Path

from ..core.atomic import write_streamed
from ..rendering.images import local_images

logger = logging.getLogger(__name__)

CHECK = b"\n#clinic-cache-sha256:"
CHECK_LENGTH = len(CHECK) + 64
# The files Pelican's reader-level cache writes, one per generator (and edition folder).
PATTERN = "*Generator-Readers"


def with_check(data: bytes) -> bytes:
    """The pickle, then its check: the file as saved."""
    return data + _check(hashlib.sha256(data))


def _check(digest) -> bytes:
    """What follows the pickle: the mark, then the SHA-256 of the pickle's bytes."""
    return CHECK + digest.hexdigest().encode("ascii")


def problem_of(data: bytes) -> str | None:
    """Why a saved file cannot be loaded (empty, cut short, changed), or None when whole."""
    if not data:
        return "empty"
    body, check = memoryview(data)[:-CHECK_LENGTH], data[-CHECK_LENGTH:]  # no copy of the body
    if not check.startswith(CHECK):
        return "cut short, or not saved by this site's build"
    if hashlib.sha256(body).hexdigest().encode("ascii") != check[len(CHECK) :]:
        return "its bytes do not match its check"
    return None


def save_whole(cacher) -> None:
    """Pelican's `save_cache`, written whole: the same pickle, with its check, through a
    temporary file, flushed to the disk, then renamed over the old one. The pickle goes
    to the file as it is made, hashed on the way: made whole in memory, then copied to
    add its check, it was the build's peak memory (8 MB at 1,000 posts)."""
    if not cacher._cache_data_policy:
        return

    def write(file) -> None:
        checked = _Checked(file)
        pickle.dump(cacher._cache, checked)
        file.write(_check(checked.digest))

    try:
        write_streamed(Path(cacher._cache_path), write)
    except (OSError, pickle.PicklingError, TypeError) as error:
        logger.warning("Could not save the cache %s: %s", cacher._cache_path, error)


class _Checked:
    """A file that hashes what is written to it (for the check `_check` makes)."""

    def __init__(self, file) -> None:
        self.file, self.digest = file, hashlib.sha256()

    def write(self, data) -> int:
        self.digest.update(data)
        return self.file.write(data)


def write_whole(readers) -> None:
    """Give this Readers instance (at `readers_init`, before it loads its cache) the whole
    save. Not with GZIP_CACHE, which this site's builds never set (tools/build.py): the
    check is read from the plain file."""
    if not readers.settings.get("GZIP_CACHE"):
        readers.save_cache = partial(save_whole, readers)


def discard_unreadable(folder: Path) -> list[Path]:
    """Throw away every cache file under `folder` that a build could not load, with one
    warning each; the build then reads those files' sources again. The files thrown away."""
    thrown = []
    for path in sorted(folder.rglob(PATTERN)):
        try:
            problem = problem_of(path.read_bytes())
        except OSError as error:
            problem = error.strerror or type(error).__name__
        if problem:
            logger.warning(
                "The cache file %s could not be read (%s): thrown away, this build reads "
                "the content again",
                path,
                problem,
            )
            path.unlink(missing_ok=True)
            thrown.append(path)
    return thrown


def picture_stamps(content: object, content_root: Path, source_dir: Path) -> tuple:
    """Each picture a body shows, with its size and time of change: the body was read with
    their pixel sizes in its `<img>` tags."""
    if not isinstance(content, str) or "<img" not in content:
        return ()
    stamps = []
    for path in local_images(content, content_root, source_dir):
        stat = path.stat()
        stamps.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


def _stamps_now(stamps: tuple) -> tuple:
    now = []
    for name, _, _ in stamps:
        try:
            stat = Path(name).stat()
        except OSError:
            return ()
        now.append((name, stat.st_size, stat.st_mtime_ns))
    return tuple(now)


def check_pictures(readers, content_root: Path) -> None:
    """Pelican keeps a file's read body until the file itself changes; this Readers
    instance also keeps, with each body, the stamps of the pictures it shows, and reads
    the file again when one of them changed (a photo replaced by one of another size:
    its page must show the new width and height, as a clean build does)."""
    cache_data, get_cached_data = readers.cache_data, readers.get_cached_data

    def cache_with_pictures(filename, data):
        content = data[0] if isinstance(data, tuple) and data else None
        stamps = picture_stamps(content, content_root, Path(filename).parent)
        cache_data(filename, (data, stamps))

    def cached_while_pictures_unchanged(filename, default=None):
        found = get_cached_data(filename, None)
        if not (isinstance(found, tuple) and len(found) == 2 and isinstance(found[1], tuple)):
            return default
        data, stamps = found
        return data if _stamps_now(stamps) == stamps else default

    readers.cache_data = cache_with_pictures
    readers.get_cached_data = cached_while_pictures_unchanged


def no_stamps_where_nothing_is_kept(generator) -> None:
    """A generator that keeps nothing itself (this site's cache is at the readers' layer,
    CONTENT_CACHING_LAYER = "reader": tools/build.py) still reads and hashes every file
    twice a build, to compare with the nothing it holds and to store nothing
    (FileStampDataCacher.get_cached_data, cache_data). Its stamp is then no file's:
    nothing it is compared with can match, as before. At `article_generator_init` and
    `page_generator_init`, once Pelican has set the generator's stamp up."""
    if not getattr(generator, "_cache_data_policy", True) and not generator._cache:
        generator._filestamp_func = _no_stamp


def _no_stamp(filename) -> bytes:
    return b""
