"""Building the site in this process: all or nothing, and problems without tracebacks.

A build writes to `<output>.partial/` and replaces `<output>/` only when it
succeeds, in one step (`replace_directory`), so a failed or killed build never
leaves a half-written site, nor none: the last good one stays where it was. One
build at a time per output folder (`build_lock`): a second one waits its turn.
The site swapped out waits as `<output>.spare/`, where the next build writes only
what differs (clinic.core.recycling): creating every file again was a third of a
rebuild's time.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from tools import stamp  # noqa: E402

# Pelican and the plugin are imported by the functions that build (a second, at
# most, on a busy machine): a rebuild with nothing to do (tools/stamp.py) never
# pays for them.


class BuildFailed(Exception):
    """The build stopped; the message says why and where, without a traceback."""

    def __init__(self, message: str, problems=()) -> None:
        super().__init__(message)
        self.problems = list(problems)  # the content problems, when there are some


def load_settings(settings_file: Path, content=None, output=None, overrides=None) -> dict:
    """Pelican's settings from a settings file, with the given paths and overrides."""
    from pelican.settings import read_settings

    override = dict(overrides or {})
    if output is not None:
        override["OUTPUT_PATH"] = str(output)
    if content is not None:
        override["PATH"] = str(content)
    return read_settings(str(settings_file), override=override)


def edition_runs(
    settings_file: Path, content=None, output=None, overrides=None, stock=None
) -> list[dict]:
    """The settings of each edition's run (editions.py), those with content of their own."""
    from clinic.pages.alternates import index_editions
    from clinic.rules.memo import memo_of
    from clinic.settings.editions import (
        EditionsBuild,
        edition_settings,
        has_content,
        language_tag,
        languages,
    )

    overrides = dict(overrides or {})
    first = load_settings(settings_file, content, output, overrides)
    langs = [lang for lang in languages(first) if has_content(first, lang)]
    tags = {lang: language_tag(first, lang) for lang in langs}
    shared = EditionsBuild(languages=tuple(langs), tags=tags)
    if stock is not None:
        shared.stock = stock
    # What the rules remember (the live preview's, or this build's): the files read for
    # the editions' index below are those the rules check, not read from the disk again.
    memo = overrides["CLINIC_MEMO"] = memo_of(overrides, shared.templates)
    if len(langs) > 1:
        shared.versions, shared.originals = index_editions(first, memo.checked)
    if overrides.get("WRITE_SELECTED"):  # the live preview's one page: its edition alone
        langs = [lang for lang in langs if _writes_any(first, lang, overrides["WRITE_SELECTED"])]
    return [
        load_settings(
            settings_file,
            content,
            output,
            {**overrides, **edition_settings(first, lang), "CLINIC_EDITIONS_BUILD": shared},
        )
        for lang in langs
    ]


def _writes_any(first: dict, lang: str, selected: list[str]) -> bool:
    """Whether edition `lang` writes one of the `selected` output files."""
    from clinic.settings.editions import languages, prefix_of

    output = Path(first["OUTPUT_PATH"])
    others = [prefix_of(first, other) for other in languages(first) if prefix_of(first, other)]
    prefix = prefix_of(first, lang)

    def edition_of(path: str) -> str:
        relative = Path(path).resolve().relative_to(output.resolve()).as_posix() + "/"
        return next((other for other in others if relative.startswith(other)), "")

    return any(edition_of(path) == prefix for path in selected)


@dataclass
class BuildFigures:
    """How a build went about it (tests check that the work was shared out and the
    unchanged pages kept): the files read ahead, on at most how many processes, how
    many wrote the pages, and how many pages were rendered or kept."""

    read_ahead: int = 0
    readers: int = 0
    writers: int = 0
    rendered: int = 0  # pages rendered, and pages whose inputs had not changed, kept
    kept: int = 0


def run_pelican(
    settings_file: Path, output: Path, content=None, overrides=None, stock=None
) -> BuildFigures:
    """Build every edition with Pelican in this process, one after the other, into `output`;
    raise BuildFailed on any problem or logged error. `stock`: the files already in
    `output` (clinic.core.recycling), which the last edition sweeps before the search index."""
    figures = BuildFigures()
    for settings in edition_runs(settings_file, content, output, overrides, stock):
        _run_edition(settings, figures)
    return figures


def _run_edition(settings: dict, figures: BuildFigures) -> None:
    """One edition's run, whose second processes (handed in, CLINIC_PROCESSES) are stopped
    here whatever happens: a failed build leaves none behind."""
    from clinic.build.runner import SitePelican
    from clinic.build.splitwrite import Processes
    from clinic.core.problems import ClinicError, ErrorCounter
    from clinic.settings.options import context_of

    processes = settings["CLINIC_PROCESSES"] = Processes()
    counter = ErrorCounter()
    pelican_logger = logging.getLogger("pelican")
    pelican_logger.addHandler(counter)
    try:
        SitePelican(settings).run()
    except BaseException as error:
        processes.leave_if_child(error)  # a second process writing pages stops here
        if isinstance(error, ClinicError):
            raise BuildFailed(str(error), error.problems) from None
        raise
    finally:
        processes.stop()
        pelican_logger.removeHandler(counter)
    build = context_of(settings)
    if build is not None:
        figures.read_ahead += build.memo.reading.files
        figures.readers = max(figures.readers, build.memo.reading.workers)
        figures.rendered += build.pages.rendered
        figures.kept += build.pages.reused
    figures.writers = max(figures.writers, processes.most)
    if counter.count:
        raise BuildFailed(f"{counter.count} error(s) reported above.")


# What a cached read depends on: the settings and packages that shape its output, and
# the plugin's code (every module, by path and bytes: the cache pickles the settings,
# which hold the plugin's own objects, so a module moved or changed could not load it).
# A change to any of them starts a fresh cache.
CACHE_INPUTS = ("pelicanconf.py", "clinic.toml", "requirements.txt")
PLUGIN_CODE = Path("plugins") / "clinic"


def content_cache(
    root: Path = ROOT,
    settings_file: Path | None = None,
    overrides=None,
    content=None,
    folder: Path | None = None,
) -> dict:
    """Settings for Pelican's content cache, in a folder named after what it depends on:
    the one decision of whether a build has a cache, and where (the plugin reads it
    through clinic.cache.BuildCache).

    Pelican keeps a file's read result until the file changes, but not when the
    code, settings or pictures that produced it change; naming the folder after
    them does (a picture's size is part of the page). Files are compared by their
    content, not their time, so a fresh checkout (CI) still finds its cache. The
    named folders live in `folder` (root/cache by default).
    """
    digest = hashlib.sha256()
    for name in CACHE_INPUTS:
        digest.update((root / name).read_bytes())
    for path in sorted((root / PLUGIN_CODE).rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    if settings_file is not None:
        digest.update(Path(settings_file).read_bytes())
    digest.update(json.dumps(overrides or {}, sort_keys=True, default=str).encode())
    content_root = Path(content) if content else root / "content"
    for kind in ("images", "extra"):
        for path in sorted((content_root / kind).rglob("*")):
            if path.is_file() and not path.is_symlink():
                digest.update(path.relative_to(content_root).as_posix().encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    if committed_cache(root):
        logging.getLogger(__name__).warning(
            "cache/ is committed to the repository: this build reads every file instead of "
            "loading it (a cache is code Pelican runs); remove it with `git rm -r --cached cache`"
        )
        return {"CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}
    return {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        # Pelican's default layer, said here because the plugin saves that layer's files
        # whole and build_site checks them (clinic.build.pelicancache); both need plain files.
        "CONTENT_CACHING_LAYER": "reader",
        "GZIP_CACHE": False,
        "CHECK_MODIFIED_METHOD": "sha256",
        "CACHE_PATH": str((folder or root / "cache") / digest.hexdigest()[:12]),
    }


def committed_cache(root: Path) -> bool:
    """Whether git tracks anything under cache/, which only a contribution could have put there.

    Pelican's content cache is a pickle, which runs code when loaded: a build never
    loads one that came with a commit (nor one that is a symbolic link).
    """
    if (root / "cache").is_symlink():
        return True
    try:
        tracked = subprocess.run(
            ["git", "ls-files", "--", "cache"], cwd=root, capture_output=True, text=True
        ).stdout
    except OSError:
        return False
    return bool(tracked.strip())


# renameat2(2)'s flag that swaps two names in one step, and "the current folder" for
# its folder arguments (Linux 3.15 and glibc 2.28 on; ext4, xfs, btrfs, tmpfs).
RENAME_EXCHANGE = 2
AT_FDCWD = -100


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing folders' names in one step; False where the system cannot (not
    Linux, an old kernel or C library, a file system without the operation)."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    text, number = ctypes.c_char_p, ctypes.c_int
    renameat2.argtypes = [number, text, number, text, ctypes.c_uint]
    first_name, second_name = os.fsencode(first), os.fsencode(second)
    if renameat2(AT_FDCWD, first_name, AT_FDCWD, second_name, RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def replace_directory(new: Path, target: Path, spare: Path | None = None) -> None:
    """Put `new` where `target` is, so that `target` holds a whole site at every instant,
    a build killed half-way included: the two folders' names are exchanged in one step,
    then the old site (now under `new`'s name) becomes `spare`, or is removed. Where the
    system cannot exchange names, two renames, with an instant without `target` between
    them that the next build mends (`recover_output`)."""
    if not target.exists():
        new.rename(target)
        return
    if exchange(new, target):
        old = new
    else:
        old = target.with_name(target.name + ".previous")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
        new.rename(target)
    if spare is None:
        shutil.rmtree(old, ignore_errors=True)
    else:
        shutil.rmtree(spare, ignore_errors=True)
        old.rename(spare)


def recover_output(target: Path) -> None:
    """A site left as `<target>.previous` by a build killed between the two renames (where
    names cannot be exchanged) goes back to `target`; one left after them is removed."""
    previous = target.with_name(target.name + ".previous")
    if previous.is_dir() and not target.exists():
        previous.rename(target)
    elif previous.exists():
        shutil.rmtree(previous, ignore_errors=True)


def lock_file(output: Path) -> Path:
    """The lock file of builds into `output`: beside it, never published."""
    return output.with_name(output.name + ".lock")


@contextlib.contextmanager
def build_lock(output: Path):
    """One build into `output` at a time, across processes (fcntl.flock on `output.lock`):
    two builds at once into one `output.partial/` both ended with part of the site.

    A second build waits for the first, saying so, rather than stopping: the writer who
    typed `make html` wants the site with their latest change, which the first build
    may have started too early to include. The lock goes with its process, even a
    killed one. A caller that holds it around a build (`make html` around its stamp,
    `make github` around its gate) builds with `build_site(..., locked=True)`.
    """
    handle = _take(lock_file(output))
    try:
        yield
    finally:
        # Let go explicitly: a forked helper still holding a copy of the descriptor
        # would otherwise keep the lock after this build.
        fcntl.flock(handle, fcntl.LOCK_UN)
        os.close(handle)


def _take(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 32, 0).decode("ascii", "replace").strip() or "unknown"
            print(f"waiting for another build (pid {holder}) to finish", file=sys.stderr)
            sys.stderr.flush()
            fcntl.flock(handle, fcntl.LOCK_EX)
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{os.getpid()}\n".encode("ascii"), 0)
    except BaseException:
        os.close(handle)
        raise
    return handle


# The content cache's folders, one per digest of the code and settings (content_cache);
# a build keeps the ones last used besides its own, for a branch switched back to.
GENERATION = re.compile(r"[0-9a-f]{12}")
KEEP_GENERATIONS = 3


def prune_generations(current: Path, keep: int = KEEP_GENERATIONS) -> list[Path]:
    """Remove the cache folders beside `current` but the `keep` last used (and `current`,
    marked as used now): each change of code or settings starts a new one, and without
    this cache/ only grows. The folders removed. Under the build lock."""
    current.mkdir(parents=True, exist_ok=True)
    os.utime(current)
    root = current.parent
    for leftover in root.glob(".removing-*"):  # a removal a killed build left half done
        shutil.rmtree(leftover, ignore_errors=True)
    others = [
        folder
        for folder in root.iterdir()
        if folder != current
        and GENERATION.fullmatch(folder.name)
        and folder.is_dir()
        and not folder.is_symlink()
    ]
    others.sort(key=lambda folder: folder.stat().st_mtime, reverse=True)
    removed = others[keep:]
    for folder in removed:
        doomed = root / f".removing-{folder.name}-{os.getpid()}"
        folder.rename(doomed)  # gone in one step: never found half removed, and loaded
        shutil.rmtree(doomed, ignore_errors=True)
    return removed


def prepare_cache(overrides: dict | None) -> None:
    """Before a build, under its lock: old cache folders removed, and this build's cache
    files that cannot be loaded thrown away (clinic.build.pelicancache)."""
    cache = (overrides or {}).get("CACHE_PATH")
    if not cache or not (overrides or {}).get("CACHE_CONTENT"):
        return
    prune_generations(Path(cache))
    # Only the files this site's save wrote can be checked (Pelican's gzip save is its own).
    if overrides.get("LOAD_CONTENT_CACHE") and overrides.get("GZIP_CACHE") is False:
        from clinic.build import pelicancache

        pelicancache.discard_unreadable(Path(cache))


def build_site(
    settings: Path, output: Path, content=None, overrides=None, locked: bool = False
) -> BuildFigures:
    """Build into output.partial/, then swap it in for output/; on failure keep output/.
    One build at a time into `output`: it takes the build lock, unless its caller holds it
    (`locked`)."""
    from clinic.core.recycling import sweep

    staging, spare = output.with_name(output.name + ".partial"), spare_of(output)
    with contextlib.nullcontext() if locked else build_lock(output):
        recover_output(output)
        stock = recycle(staging, spare)
        prepare_cache(overrides)
        try:
            given = {
                **(overrides or {}),
                # Pages whose inputs did not change are taken from the site being replaced.
                "CLINIC_PREVIOUS_OUTPUT": str(output),
                # The sweep leaves only what this build wrote, as this setting asks,
                # without writing every file anew.
                "DELETE_OUTPUT_DIRECTORY": False,
            }
            figures = run_pelican(settings, staging, content, given, stock)
            sweep(staging, stock)
            replace_directory(staging, output, spare)
        except BaseException:
            if staging.is_dir() and not spare.exists():
                staging.rename(spare)  # a start for the next build, never served
            raise
    return figures


def spare_of(output: Path) -> Path:
    """Where the site a build swapped out waits for the next build (never published)."""
    return output.with_name(output.name + ".spare")


def recycle(staging: Path, spare: Path):
    """The folder to build in, with what is in it (a Stock): a killed build's, else the
    spare site, else a new one (clinic.core.recycling)."""
    from clinic.core.recycling import take_stock

    if staging.is_dir():
        shutil.rmtree(spare, ignore_errors=True)  # one is enough
    elif spare.is_dir():
        spare.rename(staging)
    else:
        staging.mkdir(parents=True)
    return take_stock(staging)


LOG_FORMAT = "%(levelname)s: %(message)s"


def plain_logging() -> None:
    """One line per message, never wrapped: writers read them, and CI logs keep them."""
    from pelican.log import init as init_logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    init_logging(level=logging.WARNING, handler=handler)


SETTINGS_OF = {"html": ROOT / "pelicanconf.py", "publish": ROOT / "publishconf.py"}


def keep_bytecode() -> None:
    """Python keeps the compiled modules of the plugin and the tools (__pycache__, ignored
    by git and by the build's stamp) even where the environment says not to
    (PYTHONDONTWRITEBYTECODE), as pip compiles Pelican's when it installs it: else every
    build compiles the plugin again, 0.3 s of a 1.9 s rebuild after one edit. For this
    process, its forks, and the processes it starts."""
    sys.dont_write_bytecode = False
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def build_command(
    command: str,
    siteurl: str = "",
    content: str = "",
    output: str = "",
    locked: bool = False,
    noindex: bool = False,
) -> None:
    """`make html` and `make publish`: build with the content cache, or print why not and exit 1.

    Problems are printed one per line; `output/` is left as it was on failure. When
    nothing the last build read has changed (tools/stamp.py), it says so, prints the
    last build's warnings again, and leaves output/ as it is. `locked`: the caller holds
    the build lock already (`make github`). `noindex`: a pull request's preview, which
    asks search engines to stay away (CLINIC_NOINDEX).
    """
    keep_bytecode()
    settings = SETTINGS_OF[command]
    overrides = {"SITEURL": siteurl} if siteurl else {}
    if noindex:
        overrides["CLINIC_NOINDEX"] = True
    target = Path(output) if output else ROOT / "output"
    content_root = Path(content) if content else ROOT / "content"
    options = {"command": command, "siteurl": siteurl, "content": content, "output": str(target)}
    options["noindex"] = noindex  # a preview's pages differ: not "nothing changed"
    with contextlib.nullcontext() if locked else build_lock(target):
        started = datetime.now(UTC)
        inputs = stamp.read_inputs(ROOT, content_root, options)
        last = stamp.load(target)
        if stamp.unchanged(last, inputs, target, started):
            for line in last.warnings:
                print(line, file=sys.stderr)
            print(f"Nothing changed since the last build: {target.name}/ is up to date.")
            return
        stamp.forget(target)
        cache = content_cache(settings_file=settings, overrides=overrides, content=content or None)
        settle_imports()
        plain_logging()
        warnings = _WarningsKept()
        logging.getLogger().addHandler(warnings)
        try:
            build_site(
                settings,
                target,
                content=Path(content) if content else None,
                overrides={**overrides, **cache},
                locked=True,
            )
        except BuildFailed as failure:
            from clinic.rules.annotations import report_to_github

            report_to_github(failure.problems)  # in GitHub Actions: on the lines that caused them
            print(f"{failure}\nBuild failed: {target.name}/ was left as it was.", file=sys.stderr)
            sys.exit(1)
        else:
            stamp.record(stamp.stamp_of(inputs, target, warnings.lines, started), target)
        finally:
            logging.getLogger().removeHandler(warnings)
            warnings.close()


def settle_imports() -> None:
    """Pelican and the plugin imported, and what is alive then set aside from the garbage
    collector (gc.freeze): its full collections then pass over the build's own objects
    only. A rebuild after one edit spent 0.12 s in them, 0.02 s so. The collector is off
    while they are imported: modules live as long as the process, and its passes over
    them, every few thousand objects imported, were wasted. Only for a process that
    builds once (`make html`, `make publish`): the live preview builds again and again,
    and what it froze would never be freed."""
    import gc

    gc.disable()
    try:
        import pelican
        import pelican.generators
        import pelican.log  # noqa: F401

        import clinic  # noqa: F401
    finally:
        gc.freeze()
        gc.enable()


class _WarningsKept(logging.Handler):
    """The build's warnings as printed, for the stamp to print again when nothing changed.

    Kept in an unnamed file opened for appending, not in a list: the pages written
    by a second process (splitwrite) log there too, through the same descriptor."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.setFormatter(logging.Formatter(LOG_FORMAT))
        self.fd, name = tempfile.mkstemp(prefix="build-warnings-")
        os.unlink(name)
        fcntl.fcntl(self.fd, fcntl.F_SETFL, os.O_APPEND)  # each line whole, from any process

    def emit(self, record: logging.LogRecord) -> None:
        os.write(self.fd, (self.format(record).replace("\n", " ") + "\n").encode())

    @property
    def lines(self) -> list[str]:
        size = os.fstat(self.fd).st_size
        return os.pread(self.fd, size, 0).decode("utf-8", errors="replace").splitlines()

    def close(self) -> None:
        os.close(self.fd)
        super().close()


def main(argv: list[str] | None = None) -> None:
    """The Makefile's way in, without invoke's start-up (tasks.py offers the same commands)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tools.build")
    parser.add_argument("command", choices=sorted(SETTINGS_OF))
    parser.add_argument("--siteurl", default="")
    parser.add_argument("--content", default="")
    parser.add_argument("--output", default="")
    parser.add_argument("--noindex", action="store_true", help="a preview: no search engine")
    args = parser.parse_args(argv)
    build_command(args.command, args.siteurl, args.content, args.output, noindex=args.noindex)


def leave(code: int) -> None:
    """End the process at once, output flushed, without tearing down its heap one object at
    a time: that took 0.2 s after a build of 1,000 posts, a tenth of a rebuild. Only when
    nothing else would have run at exit: no second process, no other thread (else the
    usual exit, which waits for them)."""
    import multiprocessing
    import threading

    if multiprocessing.active_children() or threading.active_count() > 1:
        sys.exit(code)
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":
    try:
        main()
    except SystemExit as stop:  # sys.exit(1) after a failed build, argparse's 2, --help's 0
        if stop.code is not None and not isinstance(stop.code, int):
            raise
        leave(stop.code or 0)
    leave(0)
