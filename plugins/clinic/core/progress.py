"""Progress for long work, on a terminal only: a bar while thousands of files are read,
benchmark rounds run or pages are audited; nothing at all in a log (CI, a pipe, a file)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def shown(stream=None, environ=None) -> bool:
    """Whether a person is watching: a terminal, and not CI (which sets CI=true)."""
    stream = stream if stream is not None else sys.stderr
    environ = environ if environ is not None else os.environ
    return bool(getattr(stream, "isatty", lambda: False)()) and not environ.get("CI")


@contextmanager
def progress(
    description: str, total: int | None = None, at_least: int = 0
) -> Iterator[Callable[[int], None]]:
    """`with progress("Reading", 5000) as advance: ... advance(1)`. A bar on a terminal
    (rich, which Pelican brings) when there are at least `at_least` steps; else nothing."""
    if not shown() or (total is not None and total < at_least):
        yield lambda steps=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    columns = (
        "{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda steps=1: bar.advance(task, steps)
