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

A rebuild after an edit changes one entry of a thousand: pickling and flushing the
whole file again was a fortieth of the rebuild. So the entries that changed since the
whole file was saved go to a second file beside it (`<file>.delta`, with the same
check), loaded over the whole one; once they are more than an eighth of the entries,
the whole file is saved again and the delta removed. Each entry holds the SHA-256 of
the file it was read from, and Pelican uses it only for that file: a delta left from
before a whole save (a kill between the two) holds entries still true of their files.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
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


DELTA = ".delta"  # the entries changed since the whole file was saved, beside it
# The delta is saved while it holds at most this share of the entries.
DELTA_SHARE = 8


def delta_path(cache_path: str | Path) -> Path:
    return Path(f"{cache_path}{DELTA}")


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


def _write(path: Path, entries: dict) -> None:
    """`entries` pickled into `path` whole, with their check (a delta: small)."""
    write_streamed(path, lambda file: file.write(with_check(pickle.dumps(entries))))


class Saving:
    """What a Readers instance's cache holds that its files do not yet: the entries read
    since the whole file was saved (those in its delta, and this build's), saved as a
    delta while they are few (see the module)."""

    def __init__(self, readers) -> None:
        self.readers = readers
        self.pending: set[str] = set()  # in the delta, or changed by this build
        self.changed = False
        self.loaded = False

    def load_delta(self) -> None:
        """The delta's entries over those Pelican loaded from the whole file (once, at the
        first look-up: Pelican loads it after `readers_init`); a delta that cannot be read
        is thrown away with one warning (its files are read again)."""
        if self.loaded:
            return
        self.loaded = True
        readers = self.readers
        path = delta_path(readers._cache_path)
        if not readers._cache or not path.exists():  # no whole file: nothing it adds to
            path.unlink(missing_ok=True)
            return
        try:
            data = path.read_bytes()
            problem = problem_of(data)
            entries = None if problem else pickle.loads(data)
        except (OSError, pickle.PickleError, EOFError, ValueError, TypeError) as error:
            problem, entries = type(error).__name__, None
        if not isinstance(entries, dict):
            logger.warning(
                "The cache file %s could not be read (%s): thrown away, this build reads "
                "the files it held again",
                path,
                problem or "not a cache",
            )
            path.unlink(missing_ok=True)
            return
        readers._cache.update(entries)
        self.pending.update(entries)

    def note(self, filename: str) -> None:
        self.load_delta()
        self.pending.add(filename)
        self.changed = True

    def save(self) -> None:
        """Pelican's `save_cache`: nothing when nothing changed; else the delta, or the
        whole file when the delta would hold too much of it."""
        readers = self.readers
        if not getattr(readers, "_cache_data_policy", False):
            return
        path = Path(readers._cache_path)
        saved = path.exists()
        if saved and not self.changed:
            return
        cache = readers._cache
        if saved and len(self.pending) * DELTA_SHARE <= len(cache):
            try:
                _write(delta_path(path), {name: cache[name] for name in sorted(self.pending)})
            except (OSError, pickle.PicklingError, TypeError) as error:
                logger.warning("Could not save the cache %s: %s", delta_path(path), error)
            return
        save_whole(readers)
        delta_path(path).unlink(missing_ok=True)
        self.pending.clear()


def write_whole(readers) -> None:
    """Give this Readers instance (at `readers_init`, before Pelican loads its cache) the
    whole save and its delta (see the module). Not with GZIP_CACHE, which this site's
    builds never set (tools/build.py): the check is read from the plain file."""
    if readers.settings.get("GZIP_CACHE"):
        return
    saving = Saving(readers)
    cache_data, get_cached_data = readers.cache_data, readers.get_cached_data

    def cache_data_noted(filename, data):
        saving.note(filename)
        cache_data(filename, data)

    def get_cached_data_with_delta(filename, default=None):
        saving.load_delta()
        return get_cached_data(filename, default)

    readers.cache_data = cache_data_noted
    readers.get_cached_data = get_cached_data_with_delta
    readers.save_cache = saving.save


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
