"""Content problems as GitHub Actions annotations, and a table of them for the job summary.

On GitHub, a problem printed as a workflow command shows on the pull request's diff,
at its file and line:

    ::error file=content/articles/acne.md,line=7,title=Content error::unknown CTA ...

Actions shows at most 10 errors and 10 warnings of a step on the diff, so the job
summary ($GITHUB_STEP_SUMMARY) lists every problem. Outside Actions nothing is printed.

Values are escaped as GitHub's Actions toolkit escapes them: the message ('data')
with % as %25, CR as %0D and LF as %0A; a property value (file, title) with
those and also : as %3A and , as %2C.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import TextIO

from ..core.problems import Problem

LIMIT = 10  # annotations of each kind Actions shows for one step

_DATA_ESCAPES = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A"})
_PROPERTY_ESCAPES = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"})

# Markdown that would change a table cell: its separators, HTML, and inline formatting.
_MARKDOWN_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "\\": "\\\\",
        "|": "\\|",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "~": "\\~",
        "\n": "<br>",
    }
)

_PLACE_WITH_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+)$")


def escape_data(text: str) -> str:
    """A command's message, as the Actions toolkit escapes it."""
    return text.translate(_DATA_ESCAPES)


def escape_property(text: str) -> str:
    """A command's property value (file, title), as the Actions toolkit escapes it."""
    return text.translate(_PROPERTY_ESCAPES)


def place_of(problem: Problem) -> tuple[str, int | None]:
    """`where` and line; a `where` written as 'path:line' (a catalog's) gives its line."""
    match = _PLACE_WITH_LINE.match(problem.where)
    if problem.line is None and match:
        return match["path"], int(match["line"])
    return problem.where, problem.line


def repo_path(
    where: str,
    root: str | os.PathLike | None = None,
    cwd: str | os.PathLike | None = None,
    exists: Callable[[str], bool] = os.path.lexists,
) -> str | None:
    """`where` as a path relative to the repository `root` (default: `cwd`), with '/';
    None when it names no file there (a setting such as "CLINIC_PROVIDERS['x']").

    A relative `where` is taken from `cwd` (default: the current directory), as
    problems.display_path shows it. Links are not followed: a symbolic link is
    reported where it is.
    """
    cwd = os.path.abspath(cwd if cwd is not None else os.getcwd())
    root = os.path.abspath(root if root is not None else cwd)
    path = os.path.normpath(os.path.join(cwd, where))
    relative = os.path.relpath(path, root)
    if relative == os.curdir or relative.split(os.sep)[0] == os.pardir:
        return None
    if not exists(path):
        return None
    return relative.replace(os.sep, "/")


def _text(problem: Problem) -> str:
    """The message and how to fix it, as one sentence each."""
    if not problem.fix:
        return problem.message
    message = problem.message.rstrip()
    stop = "" if message.endswith((".", "!", "?")) else "."
    return f"{message}{stop} Fix: {problem.fix}"


def workflow_command(
    problem: Problem,
    root: str | os.PathLike | None = None,
    cwd: str | os.PathLike | None = None,
    exists: Callable[[str], bool] = os.path.lexists,
) -> str:
    """One problem as an ::error or ::warning workflow command, with the file relative
    to the repository `root` and the line when both are known (see repo_path)."""
    where, line = place_of(problem)
    file = repo_path(where, root, cwd, exists)
    kind = "warning" if problem.warning else "error"
    if file is None:  # a setting, or a step of the build: the message says which
        return f"::{kind}::{escape_data(f'{problem.where}: {_text(problem)}')}"
    properties = [("file", file)]
    if line:
        properties.append(("line", str(line)))
    properties.append(("title", f"Content {kind}"))
    listed = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{kind} {listed}::{escape_data(_text(problem))}"


def _order(problem: Problem) -> tuple:
    where, line = place_of(problem)
    return (problem.warning, where, line or 0, problem.message)


def first_of_each_kind(problems: Iterable[Problem], limit: int = LIMIT) -> list[Problem]:
    """The first `limit` errors, then the first `limit` warnings, by file and line."""
    ordered = sorted(problems, key=_order)
    errors = [problem for problem in ordered if not problem.warning]
    warnings = [problem for problem in ordered if problem.warning]
    return errors[:limit] + warnings[:limit]


def annotations(
    problems: Iterable[Problem],
    limit: int = LIMIT,
    root: str | os.PathLike | None = None,
    cwd: str | os.PathLike | None = None,
    exists: Callable[[str], bool] = os.path.lexists,
) -> list[str]:
    """The workflow commands for the first `limit` errors and `limit` warnings, errors first."""
    return [
        workflow_command(problem, root, cwd, exists)
        for problem in first_of_each_kind(problems, limit)
    ]


def escape_markdown(text: str) -> str:
    """Text for one cell of a Markdown table: it stays in its cell and reads as written."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_MARKDOWN_ESCAPES)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def job_summary(problems: Iterable[Problem], limit: int = LIMIT, heading: str = "Content") -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: the counts, then every problem, grouped by file."""
    ordered = sorted(problems, key=_order)
    errors = sum(not problem.warning for problem in ordered)
    warnings = len(ordered) - errors
    counts = f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"
    lines = [f"## {escape_markdown(heading)}: {counts}", ""]
    if not ordered:
        return lines[0] + "\n"
    lines += [
        "| File or setting | Line | Kind | Problem | Fix |",
        "| --- | --- | --- | --- | --- |",
    ]
    by_file: dict[str, list[tuple[int | None, Problem]]] = {}
    for problem in ordered:
        where, line = place_of(problem)
        by_file.setdefault(where, []).append((line, problem))
    for where in sorted(by_file):
        rows = sorted(by_file[where], key=lambda row: (row[0] or 0, row[1].warning))
        for line, problem in rows:
            cells = (
                where,
                str(line) if line else "",
                "warning" if problem.warning else "error",
                problem.message,
                problem.fix,
            )
            lines.append("| " + " | ".join(escape_markdown(cell) for cell in cells) + " |")
    if errors > limit or warnings > limit:
        lines += [
            "",
            f"Only the first {limit} errors and the first {limit} warnings appear on the "
            "diff; this table has them all.",
        ]
    return "\n".join(lines) + "\n"


def report_to_github(
    problems: Iterable[Problem],
    environ: Mapping[str, str] | None = None,
    stdout: TextIO | None = None,
    limit: int = LIMIT,
) -> None:
    """In GitHub Actions (GITHUB_ACTIONS is "true"), print the problems as annotations and
    add the table to the job summary (the file GITHUB_STEP_SUMMARY names, when set).
    Anywhere else, or with no problems, do nothing. `environ` and `stdout` default to
    the process's own; files are named relative to GITHUB_WORKSPACE, the checkout.

    With CLINIC_ANNOTATED "true" (preview.yml's build, after `make lint` failed and put
    the same problems on their lines) nothing is printed twice."""
    environ = os.environ if environ is None else environ
    if environ.get("GITHUB_ACTIONS") != "true" or environ.get("CLINIC_ANNOTATED") == "true":
        return
    problems = list(problems)
    if not problems:
        return
    stdout = sys.stdout if stdout is None else stdout
    root = environ.get("GITHUB_WORKSPACE") or None
    for command in annotations(problems, limit, root=root):
        print(command, file=stdout)
    stdout.flush()
    summary = environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(job_summary(problems, limit) + "\n")  # a blank line after it
