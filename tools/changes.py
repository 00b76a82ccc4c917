"""Whether a pull request changes the code, or only the writers' files.

test.yml runs the speed benchmark and the Lighthouse audit (minutes each) only when
it does: a new article or a README sentence cannot slow the build nor change the
theme's scores. Anything outside the writers' files counts as code, a file nobody
listed included, so a new kind of file is benchmarked rather than skipped.

`git diff --name-only BASE HEAD | python3 -m tools.changes` prints `code=true` or
`code=false`, for $GITHUB_OUTPUT. Standard library only: it runs before any install.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

# The writers' files: the content, the README and its screenshots.
WRITERS_FILES = ("content/", "docs/", "README.md")


def code_changed(paths: Iterable[str]) -> bool:
    """True when any changed path is not one of the writers' files."""
    changed = [line.strip() for line in paths if line.strip()]
    return any(not any(_under(path, kept) for kept in WRITERS_FILES) for path in changed)


def _under(path: str, listed: str) -> bool:
    """`path` is the listed file, or lies in the listed folder."""
    return path == listed or (listed.endswith("/") and path.startswith(listed))


if __name__ == "__main__":
    print(f"code={'true' if code_changed(sys.stdin) else 'false'}")
