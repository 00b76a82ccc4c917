"""Pull-request previews on GitHub Pages, beside the published site.

preview.yml publishes a pull request's site into PREVIEWS/pr-<number>/ of the
gh-pages branch (rossjrw/pr-preview-action), and removes it when the pull request
closes. `make github` publishes the site with ghp-import, which commits output/ as
the branch's whole tree: `kept_previews` copies the previews' folder from the
branch into output/ for that commit, so a deploy from main leaves them in place.

`python -m tools.previews --pr N` prints, for $GITHUB_OUTPUT, the preview's address
(`siteurl`, what its build links to) and the Pages site's (`pages-base-url`, no
scheme, as the action takes it), both below the production address.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# The folder of gh-pages that holds the previews: the action's `umbrella-dir`.
PREVIEWS = "pr-preview"


def preview_address(production_siteurl: str, number: int) -> str:
    """Where pull request `number`'s preview is served: below the published site."""
    return f"{production_siteurl.rstrip('/')}/{PREVIEWS}/pr-{int(number)}"


def pages_base_url(production_siteurl: str) -> str:
    """The published site's address as rossjrw/pr-preview-action takes it: no scheme."""
    return production_siteurl.split("://", 1)[-1].rstrip("/")


def _branch_tip(root: Path, remote: str, branch: str) -> str | None:
    """The commit ghp-import builds on: REMOTE's branch when known, else the local one."""
    for ref in (f"refs/remotes/{remote}/{branch}", f"refs/heads/{branch}"):
        found = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
            cwd=root,
            capture_output=True,
            text=True,
        )
        if found.returncode == 0:
            return found.stdout.strip()
    return None


@contextmanager
def kept_previews(root: Path, output: Path, remote: str, branch: str) -> Iterator[int]:
    """The previews' folder of `branch` copied into `output` while the block runs (the
    ghp-import commit), then removed: output/ stays the site that was built. Yields how
    many previews were kept. Without the branch, or with no previews, copies nothing."""
    target = output / PREVIEWS
    if target.exists():
        raise RuntimeError(f"{target} exists: the site must not have a {PREVIEWS}/ of its own")
    tip = _branch_tip(root, remote, branch)
    archive = None
    if tip is not None:
        archive = subprocess.run(
            ["git", "archive", "--format=tar", tip, "--", PREVIEWS],
            cwd=root,
            capture_output=True,
        )
    if archive is None or archive.returncode != 0:  # no branch yet, or no previews on it
        yield 0
        return
    try:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(output, filter="data")
        yield sum(1 for child in target.iterdir() if child.is_dir())
    finally:
        shutil.rmtree(target, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    """The preview's addresses for preview.yml, as `name=value` lines."""
    import argparse

    from tools.build import ROOT, load_settings

    parser = argparse.ArgumentParser(prog="python -m tools.previews")
    parser.add_argument("--pr", type=int, required=True, help="the pull request's number")
    args = parser.parse_args(argv)
    production = load_settings(ROOT / "publishconf.py")["PRODUCTION_SITEURL"]
    print(f"siteurl={preview_address(production, args.pr)}")
    print(f"pages-base-url={pages_base_url(production)}")


if __name__ == "__main__":
    main()
