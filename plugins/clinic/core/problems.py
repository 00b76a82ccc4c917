"""Problems found in content or settings, reported together, each with where and how to fix.

A problem prints as one line a writer can act on:

    content/articles/acne.md:4: unknown CTA 'book-now' (known: call, consultation); fix: ...
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one place. `where` is a file path or a setting name."""

    where: str
    message: str
    fix: str = ""
    line: int | None = None
    warning: bool = False

    def __str__(self) -> str:
        place = f"{self.where}:{self.line}" if self.line else self.where
        fix = f"; fix: {self.fix}" if self.fix else ""
        return f"{place}: {self.message}{fix}"


class ClinicError(Exception):
    """Raised once with every problem found, so that all are fixed in one pass."""

    def __init__(self, problems: list[Problem], summary: str) -> None:
        self.problems = list(problems)
        lines = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"{summary}\n{lines}")


class SettingsError(ClinicError, ValueError):
    """A clinic setting in pelicanconf.py is missing or malformed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems, f"{len(problems)} problem(s) in the clinic settings:")


class ContentError(ClinicError):
    """One or more content files break the site's rules; nothing is written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems, f"{len(problems)} problem(s) in the content:")


def display_path(source_path: str, base: str | None = None) -> str:
    """A source path as the writer knows it: relative to the project when possible."""
    relative = os.path.relpath(os.path.abspath(source_path), os.path.abspath(base or os.getcwd()))
    return source_path if relative.startswith("..") else relative


class ErrorCounter(logging.Handler):
    """Counts the errors logged while it is attached: a build with any has failed."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
