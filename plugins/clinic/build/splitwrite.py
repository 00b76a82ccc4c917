"""Writing the pages on two cores: one fork, and every other page each.

Rendering and writing the pages is the longest part of a build once reading is
done, and Pelican does it one page after another. At the first page, the build
forks: both processes then go through the very same sequence of pages, and each
renders the pages it is the first to claim, in a table of claims the two share: a
process held up (by the machine's other work, or by pages that take longer, such
as those whose share card it draws) leaves more pages to the other, and both
finish together.
The child sends back what the parent needs from its pages (their sitemap
entries) and stops before the finishing touches, which the parent alone makes.
Every page is rendered once, from the same state, so the site is the same, byte
for byte, as when one process writes it all (tests/site/test_identical.py).

A build's second processes (the writers' fork, work ahead, work in the background)
belong to its `Processes`, which the build's context owns from start to finish.
The fork stays at the first page written, not at the start of the build: the one
process reads, relates and compiles before, and a fork there would leave it nothing
to share. The build runner (tools/build.py) makes each run's `Processes` and hands it
in (CLINIC_PROCESSES), so that it can stop them whatever happens to the run.
"""

from __future__ import annotations

import contextlib
import logging
import mmap
import multiprocessing
import os
import pickle
import signal
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from ..core.problems import ClinicError, ErrorCounter, Problem
from .readahead import workers

logger = logging.getLogger(__name__)


class SplitWritingError(ClinicError):
    def __init__(self, detail: str) -> None:
        problem = Problem("writing the pages", detail, "see the messages above")
        super().__init__([problem], "The build could not write every page:")


# One byte a page: how many pages can be claimed as they come. Any beyond (a site
# of a million pages) are shared by turns.
CLAIMS = 1 << 20


class Claims:
    """A table the processes of a fork share: the first to claim a turn has it."""

    def __init__(self, size: int = CLAIMS) -> None:
        self._taken = mmap.mmap(-1, size)  # anonymous and shared: both see each claim
        self._lock = multiprocessing.get_context("fork").Lock()

    def __len__(self) -> int:
        return len(self._taken)

    def claim(self, turn: int) -> bool:
        with self._lock:
            if self._taken[turn]:
                return False
            self._taken[turn] = 1
            return True


@dataclass
class Share:
    """Which pages this process writes: those it claims first (or, beyond the table of
    claims, those whose turn modulo `count` is `index`)."""

    index: int = 0
    count: int = 1
    turn: int = 0
    child: int | None = None  # the parent's: the child's pid
    pipe: int | None = None
    errors: ErrorCounter = field(default_factory=ErrorCounter)
    claims: Claims | None = None

    @property
    def is_child(self) -> bool:
        return self.index > 0

    def mine(self) -> bool:
        """Whether this process writes the next page (every process asks for every page,
        in the same order): whether it is the first to ask."""
        turn = self.turn
        self.turn += 1
        if self.claims is None or turn >= len(self.claims):
            return turn % self.count == self.index
        return self.claims.claim(turn)


def can_fork() -> bool:
    """Two cores, and a process a fork cannot hang (one thread)."""
    return hasattr(os, "fork") and workers() >= 2 and threading.active_count() == 1


def _fork() -> Share:
    read, write = os.pipe()
    claims = Claims()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        child = Share(index=1, count=2, pipe=write, claims=claims)
        logging.getLogger().addHandler(child.errors)
        return child
    os.close(write)
    return Share(index=0, count=2, child=pid, pipe=read, claims=claims)


def share_out(items: list, work: Callable[[Any], None]) -> None:
    """`work(item)` for every item, on two processes when the machine has two cores: each
    takes the next item not yet taken. A failure in the second process stops the build."""
    if len(items) < 2 or not can_fork():
        for item in items:
            work(item)
        return
    claims = Claims(len(items))
    pid = os.fork()
    if pid == 0:
        status = 0
        try:
            for turn, item in enumerate(items):
                if claims.claim(turn):
                    work(item)
        except BaseException as error:
            logger.error("in a second process: %s", error)
            status = 1
        finally:
            os._exit(status)
    try:
        for turn, item in enumerate(items):
            if claims.claim(turn):
                work(item)
    except BaseException:
        os.kill(pid, 9)
        raise
    finally:
        _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SplitWritingError("the second process stopped with an error")


class Background:
    """Work going on in a second process at the lowest priority (`in_background`)."""

    def __init__(self, pid: int) -> None:
        self.pid: int | None = pid
        self.owner = os.getpid()  # a process forked later (a page writer) leaves it alone

    def stop(self) -> None:
        """Ask it to stop after the item it is on, and wait for it (at once if it is done)."""
        if self.pid is None or os.getpid() != self.owner:
            return
        pid, self.pid = self.pid, None
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)


def in_background(items: list, work: Callable[[Any], None]) -> Background | None:
    """`work(item)` for each item, in a second process at the lowest priority: it takes
    only what the build leaves of the machine's cores, so it never slows the build down.

    It is work done ahead of need (what it leaves undone is done when needed): it stops
    at its first failure, quietly, and at `stop()` or the build's end (`Processes.stop`).
    None when there is nothing to do or no second core.
    """
    if not items or not can_fork():
        return None
    pid = os.fork()
    if pid == 0:
        stopping = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stopping.set())
        try:
            os.nice(19)
            for item in items:
                if stopping.is_set():
                    break
                work(item)
        finally:
            os._exit(0)
    return Background(pid)


class Ahead(Background):
    """Work going on in a second process at the build's own priority, its result to be
    taken later (`ahead`)."""

    def __init__(self, pid: int, file: IO[bytes]) -> None:
        super().__init__(pid)
        self.file = file

    def result(self) -> object | None:
        """What the work returned, once it is done; None when it failed."""
        if self.pid is None or os.getpid() != self.owner:
            return None
        pid, self.pid = self.pid, None
        with self.file:
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                return None
            self.file.seek(0)
            return pickle.load(self.file)

    def stop(self) -> None:
        super().stop()
        self.file.close()


def ahead(work: Callable[[], object]) -> Ahead | None:
    """`work()` in a second process, started now while this one goes on with what the
    result is not needed for (a core would otherwise wait). None without a second core;
    the result is None when the work failed: either way the caller does it itself."""
    if not can_fork():
        return None
    file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by result() or stop())
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            pickle.dump(work(), file)
            file.flush()
            code = 0
        finally:
            os._exit(code)
    return Ahead(pid, file)


class Processes:
    """One build's second processes: the writers' fork (`share`, then `collect` in the parent
    and `finish_child` in the child), and the work it started ahead or in the background.

    Made by the build runner for each run (or by the build, run without it), stopped
    at the end (`stop`), or when it fails (`stop`, and `leave_if_child` in the child).
    `split` is whether the pages may be shared out at all (a whole build,
    CLINIC_SPLIT_WRITING): the fork is at the first page written.
    """

    def __init__(self, split: bool = False) -> None:
        self.split = split
        self._share: Share | None = None
        self._started: list[Background] = []
        self.most = 0  # how many processes wrote the pages, at most (the runner's figure)

    def __reduce__(self):
        """Never saved (the settings that hand it in reach Pelican's content cache): none
        under way stands in for it when loaded."""
        return (Processes, ())

    def __deepcopy__(self, memo: dict) -> Processes:
        return self  # one owner: a copy of the settings shares it

    def share(self) -> Share:
        """This process's share of the pages; the first call forks (when it can)."""
        if self._share is None:
            self._share = _fork() if self.split and can_fork() else Share()
        return self._share

    @property
    def is_child(self) -> bool:
        return self._share is not None and self._share.is_child

    def in_background(self, items: list, work: Callable[[Any], None]) -> Background | None:
        """`in_background`, stopped with the build."""
        return self._keep(in_background(items, work))

    def ahead(self, work: Callable[[], object]) -> Ahead | None:
        """`ahead`, stopped with the build if its result is never taken."""
        return self._keep(ahead(work))

    def _keep(self, started):
        if started is not None:
            self._started.append(started)
        return started

    def stop_background(self) -> None:
        """Stop the work going on in the background, if any."""
        while self._started:
            self._started.pop().stop()

    def finish_child(self, payload: object) -> None:
        """In the child: hand the parent what it needs, and stop here (never returns)."""
        current = self._share
        if current is None or not current.is_child:
            return
        try:
            data = pickle.dumps((current.errors.count, payload))
            with os.fdopen(current.pipe, "wb") as pipe:
                pipe.write(data)
        finally:
            os._exit(0)

    def leave_if_child(self, error: BaseException) -> None:
        """In the child, when its part of the build fails: say why and stop, rather than go
        on with the parent's work (the parent then reports the failure)."""
        if self.is_child:
            try:
                logger.error("while writing pages in a second process: %s", error)
            finally:
                os._exit(1)

    def collect(self) -> object | None:
        """In the parent: the child's payload, once it has finished; None without a child."""
        current, self._share = self._share, None
        self.most = max(self.most, 0 if current is None else current.count)
        if current is None or current.child is None:
            return None
        with os.fdopen(current.pipe, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(current.child, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not data:
            raise SplitWritingError("the second process writing the pages stopped with an error")
        errors, payload = pickle.loads(data)
        if errors:
            raise SplitWritingError(f"{errors} error(s) reported while writing the pages")
        return payload

    def stop(self) -> None:
        """In the parent, at the build's end or when it stops early: end the child, if any,
        and the work in the background."""
        self.stop_background()
        current, self._share = self._share, None
        if current is None or current.child is None:
            return
        try:
            os.kill(current.child, 9)
            os.waitpid(current.child, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        if current.pipe is not None:
            os.close(current.pipe)
