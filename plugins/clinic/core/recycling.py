"""A build writes into the folder of the site before last, changing only what differs.

Creating a file, and the folder it goes in, costs this kind of machine about half a
millisecond each (a journalled metadata write); reading a file and finding it the same
costs a fiftieth of that. A build that wrote a whole new tree of 1,700 files and 1,100
folders for every edit spent a third of its time creating them. So the build runner
(tools/build.py) keeps the site it swapped out (`<output>.spare/`) and builds the next
site in it:

- `take_stock` notes each page there (HTML and XML: 1,673 of a build's 1,688
  files) by inode and change time (ctime), and removes every other file (RECYCLED).
- Every page the writer makes goes through `write_unless_same`: a file already holding
  the same bytes is left as it is, and counted as written by setting its mode again
  (which moves its ctime and nothing else); any other is written. A page whose inputs
  did not change (build/incremental.py) is not even made: `keep_if_same` keeps the
  file if it holds the last build's bytes for it, by their SHA-256, with one read.
- `sweep` then removes every file the build did not write, nor keep: one whose inode
  and ctime are as noted (the kernel moves a file's ctime on every write, rename,
  link or mode change, and no program can set it back). Anything the build wrote, by
  any means (Pelican's static copies, pictures, Pagefind), has moved.

What is left is what a build into an empty folder writes, byte for byte
(tests/site/test_incremental.py). Whatever a killed build left there is only a
starting point: a file with the wrong bytes is written again, a file left over is swept.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from pathlib import Path

# What the page writer writes (build/writer.py, through `write_unless_same`). The
# build's other writers (pictures, share cards, the brand's drawings, Pagefind) may
# take a file already there for one they made themselves, so they find none: every
# other file is removed before the build, as are those with a second name (a card
# linked from the cache) and anything that is not a plain file.
RECYCLED = frozenset({".html", ".xml"})


class Stock(dict):
    """The files of a recycled folder as the build found them: relative path to (inode,
    ctime); `emptied`, the folders files were removed from. Handed to the build
    (EditionsBuild), whose last run sweeps before Pagefind reads the site; never saved
    (the settings that hand it in reach Pelican's content cache), an empty one stands
    in for it when loaded."""

    def __init__(self) -> None:
        super().__init__()
        self.emptied: set[str] = set()

    def __reduce__(self):
        return (Stock, ())

    def __deepcopy__(self, memo: dict) -> Stock:
        return self  # one owner: a copy of the settings shares it


def take_stock(folder: Path) -> Stock:
    """Every page file below `folder` (see Stock), after removing the rest (RECYCLED):
    links too, to folders or files, never followed. Each folder is listed once, and
    only the files are looked at (a rebuild's 1,700 folders, no look each)."""
    noted = Stock()
    pending = [(".", os.fspath(folder))]
    while pending:
        relative_top, top = pending.pop()
        with os.scandir(top) as entries:
            for entry in entries:
                relative = entry.name if relative_top == "." else f"{relative_top}/{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    pending.append((relative, entry.path))
                    continue
                info = entry.stat(follow_symlinks=False)
                recycled = os.path.splitext(entry.name)[1] in RECYCLED
                if recycled and _own(info):
                    noted[relative] = (info.st_ino, info.st_ctime_ns)
                else:
                    os.unlink(entry.path)
                    noted.emptied.add(relative_top)
    return noted


def _own(info: os.stat_result) -> bool:
    """A plain file with no second name: the folder's own, which the build may keep or
    write through (a link, or a file linked from the cache, it never does)."""
    return stat.S_ISREG(info.st_mode) and info.st_nlink == 1


def write_unless_same(path: str | Path, data: bytes) -> bool:
    """Write `data` to `path`, unless the file holds those bytes already; True if written.

    A file kept has its mode set again, to mark it as this build's for `sweep`."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    if info is not None and _own(info):
        if info.st_size == len(data):
            with open(path, "rb") as file:
                if file.read() == data:
                    os.chmod(path, stat.S_IMODE(info.st_mode))
                    return False
    elif info is not None:
        os.unlink(path)  # never written through: a second name, a link, a device
    with open(path, "wb") as file:
        file.write(data)
    return True


def keep_if_same(path: str | Path, sha256: str) -> bool:
    """Whether the file at `path` holds bytes of this SHA-256; if so it is kept as this
    build's (its mode set again, as `write_unless_same` does) without being written.
    One read and no write: a rebuild's pages are mostly the same as two builds ago."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    with open(descriptor, "rb") as file:
        info = os.fstat(descriptor)
        if not _own(info):
            return False
        if hashlib.sha256(file.read()).hexdigest() != sha256:
            return False
        os.fchmod(descriptor, stat.S_IMODE(info.st_mode))
    return True


def sweep(folder: Path, noted: Stock) -> list[str]:
    """Remove each noted file the build neither wrote nor kept, and the folders left empty;
    the files removed. The stock is spent: a second sweep (the build runner's, after the
    one before the search index) has nothing to look at."""
    removed = []
    for relative, (inode, ctime) in list(noted.items()):
        path = folder / relative
        with contextlib.suppress(FileNotFoundError):
            info = os.lstat(path)
            if (info.st_ino, info.st_ctime_ns) == (inode, ctime):
                os.unlink(path)
                removed.append(relative)
    parents = {str(Path(name).parent) for name in removed} | noted.emptied
    for parent in sorted((Path(name) for name in parents), key=_depth, reverse=True):
        while parent != Path("."):
            with contextlib.suppress(OSError):  # not empty: this build wrote something there
                (folder / parent).rmdir()
            parent = parent.parent
    noted.clear()
    noted.emptied.clear()
    return removed


def _depth(path: Path) -> int:
    return len(path.parts)
