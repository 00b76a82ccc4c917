"""Publishing: `make github` against a local bare repository, the gate that guards it,
and the deploy workflow's push step (the workflow files themselves: test_workflows.py)."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import pelicanconf
from checks.gate import Budget, check_site
from support import ROOT

# The address the session's production build (`published`) is built for.
SITEURL = pelicanconf.PRODUCTION_SITEURL

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@localhost",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@localhost",
}


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
    ).stdout.strip()


def copy_project(target: Path) -> None:
    """The files of this project's tree that a commit would hold (tracked, or new and not
    ignored), as they are now: what a fresh clone of it has, and no build or cache."""
    from bench.run import tracked_files

    for name in tracked_files():
        source = ROOT / name
        if source.is_file() or source.is_symlink():  # (a tracked file deleted is not)
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name, follow_symlinks=False)


@pytest.fixture
def project(tmp_path):
    """A fresh clone of this project's tree, with a bare repository as its Pages remote."""
    clone = tmp_path / "project"
    copy_project(clone)
    (clone / "node_modules").symlink_to(ROOT / "node_modules")
    git("init", "-q", "-b", "main", cwd=clone)
    git("add", "-A", cwd=clone)
    git("commit", "-q", "-m", "snapshot", cwd=clone)
    remote = tmp_path / "pages.git"
    git("init", "-q", "--bare", str(remote), cwd=tmp_path)
    return clone, remote


def make_github(clone: Path, remote: Path) -> subprocess.CompletedProcess:
    """What `make github GITHUB_PAGES_REMOTE=<remote>` runs, in the clone."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", "github", "--remote", str(remote)],
        cwd=clone,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
    )


def pages_head(remote: Path) -> str | None:
    result = subprocess.run(
        ["git", "rev-parse", "--verify", "-q", "gh-pages"],
        cwd=remote,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip() or None


def test_make_github_publishes_then_refuses_a_broken_site(project):
    clone, remote = project
    first = make_github(clone, remote)
    assert first.returncode == 0, first.stderr
    assert "Pre-publish gate passed" in first.stdout
    published = pages_head(remote)
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).splitlines()
    for name in (
        ".nojekyll",
        "index.html",
        "sitemap.xml",
        "robots.txt",
        "feeds/all.atom.xml",
        "pagefind/pagefind.js",
        "blog/in-office-vs-diy-microdermabrasion/index.html",
    ):
        assert name in files
    assert "CNAME" not in files

    # A content error: the build fails, nothing is published.
    bad = clone / "content" / "articles" / "bad.md"
    bad.write_text("Title: Bad\nDate: 2025-13-45\n\nBody.\n", encoding="utf-8")
    second = make_github(clone, remote)
    assert second.returncode != 0
    assert "bad.md:2: Date '2025-13-45' is not a real date" in second.stderr
    assert "Traceback" not in second.stderr
    assert pages_head(remote) == published
    bad.unlink()

    # A third-party stylesheet in the theme: the gate stops it.
    base = clone / "theme" / "templates" / "base.html"
    original = base.read_text(encoding="utf-8")
    base.write_text(
        original.replace(
            "</head>", '  <link rel="stylesheet" href="https://cdn.example.com/x.css">\n</head>'
        ),
        encoding="utf-8",
    )
    third = make_github(clone, remote)
    assert third.returncode != 0
    assert "loads https://cdn.example.com/x.css from another origin" in third.stderr
    assert "Nothing was published: gh-pages is unchanged." in third.stderr
    assert pages_head(remote) == published
    # A deploy once fixed again adds to that history: the next test's second deploy.


def make_github_no_push(clone: Path, remote: str) -> subprocess.CompletedProcess:
    """`make github PUSH=no` in the clone, with this venv and its prerequisites taken as made."""
    venv = Path(sys.executable).parent.parent
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            *("-o", str(venv / ".runtime-installed")),
            *("-o", "node_modules/.installed"),
            *("-o", "system-packages"),
            f"VENV={venv}",
            "github",
            f"GITHUB_PAGES_REMOTE={remote}",
            "PUSH=no",
        ],
        cwd=clone,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
    )


DUMMY_TOKEN = "dummy-token"
# What git must send to github.com for that token, as actions/checkout would.
DUMMY_HEADER = "AUTHORIZATION: basic " + base64.b64encode(
    f"x-access-token:{DUMMY_TOKEN}".encode()
).decode("ascii")


def workflow_push(clone: Path) -> subprocess.CompletedProcess:
    """The deploy workflow's "Push gh-pages" step, run as written with a dummy token, then
    the header git would send to github.com within that step, on the last line of stdout."""
    from ruamel.yaml import YAML

    workflow = YAML(typ="safe").load((ROOT / ".github" / "workflows" / "deploy.yml").read_text())
    (step,) = [s for s in workflow["jobs"]["deploy"]["steps"] if s.get("name") == "Push gh-pages"]
    script = step["run"] + "\ngit config --get-urlmatch http.extraheader https://github.com/o/r\n"
    return subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=clone,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV, "GITHUB_TOKEN": DUMMY_TOKEN},
    )


def test_make_github_push_no_commits_locally_and_the_push_step_publishes(project):
    clone, remote = project
    git("remote", "add", "origin", str(remote), cwd=clone)

    first = make_github_no_push(clone, "origin")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "invoke github" in first.stdout
    assert "--no-push" in first.stdout
    assert "Pre-publish gate passed" in first.stdout
    assert "Committed gh-pages locally, not pushed: git push origin gh-pages" in first.stdout
    committed = git("rev-parse", "gh-pages", cwd=clone)
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=clone).splitlines()
    assert {"index.html", ".nojekyll", "sitemap.xml"} <= set(files)
    assert pages_head(remote) is None  # nothing pushed

    pushed = workflow_push(clone)
    assert pushed.returncode == 0, pushed.stderr
    assert pages_head(remote) == committed
    # The step hands git the token's header through its environment, and leaves no trace.
    assert pushed.stdout.splitlines()[-1] == DUMMY_HEADER
    assert f"::add-mask::{DUMMY_HEADER}" in pushed.stdout
    config = (clone / ".git" / "config").read_text()
    assert DUMMY_TOKEN not in config
    assert DUMMY_HEADER.split()[-1] not in config

    assert "CNAME" not in files

    # The next deploy, as CI runs it: a fresh checkout holds only origin's gh-pages
    # (fetch-depth: 0), and the new commit goes on top of it, keeping every deploy;
    # with GITHUB_PAGES_CNAME set, it carries the CNAME file.
    git("branch", "-D", "gh-pages", cwd=clone)
    git("fetch", "-q", "origin", cwd=clone)
    about = clone / "content" / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    settings = clone / "publishconf.py"
    settings.write_text(
        settings.read_text().replace(
            "GITHUB_PAGES_CNAME = None", 'GITHUB_PAGES_CNAME = "www.example.org"'
        )
    )
    second = make_github_no_push(clone, "origin")
    assert second.returncode == 0, second.stdout + second.stderr
    assert git("rev-parse", "gh-pages~1", cwd=clone) == committed
    assert pages_head(remote) == committed
    assert workflow_push(clone).returncode == 0
    assert git("rev-parse", "gh-pages~1", cwd=remote) == committed
    assert pages_head(remote) == git("rev-parse", "gh-pages", cwd=clone)
    assert git("show", "gh-pages:CNAME", cwd=remote) == "www.example.org"


def test_make_github_refuses_an_unknown_push_value(project):
    clone, _ = project
    result = subprocess.run(
        ["make", "-n", "github", "PUSH=maybe"], cwd=clone, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "PUSH must be yes or no, not 'maybe'" in result.stderr


@pytest.fixture
def site_copy(published, tmp_path):
    """A copy of the session's production build, for a test to break."""
    target = tmp_path / "site"
    shutil.copytree(published.root, target)
    return target


def test_the_gate_passes_the_real_site(published):
    # Its pages' HTML is checked by vnu in test_html_valid.py and by `make github` above;
    # the gate's own use of vnu in test_the_gate_finds_invalid_json_ld_and_html.
    report = check_site(published.root, SITEURL, validate_html=False)
    assert report.problems == []
    assert report.pages > 15
    assert report.links > 200


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_gate_finds_a_broken_link(site_copy):
    links = '<a href="/nowhere/">x</a><a href="#nothing">y</a></main>'
    edit(site_copy / "about" / "index.html", "</main>", links)
    problems = check_site(site_copy, SITEURL, validate_html=False).problems
    assert problems == [
        "about/index.html: link to #nothing, which is not on the page",
        "about/index.html: broken link or asset /nowhere/",
    ]


def test_the_gate_finds_a_third_party_image_unless_allowed(site_copy):
    img = '<img src="https://images.example.net/a.png" alt="a" width="1" height="1">'
    edit(site_copy / "about" / "index.html", "</main>", img + "</main>")
    problems = check_site(site_copy, SITEURL, validate_html=False).problems
    assert problems == [
        "about/index.html: loads https://images.example.net/a.png from another origin"
    ]
    allowed = check_site(site_copy, SITEURL, ["https://images.example.net"], validate_html=False)
    assert allowed.problems == []


def test_the_gate_finds_invalid_json_ld_and_html(site_copy):
    edit(site_copy / "privacy" / "index.html", '"@type":"WebPage"', '"@type":"WebPagee"')
    edit(site_copy / "contact" / "index.html", "</main>", "<p><div>x</div></p></main>")
    problems = check_site(site_copy, SITEURL).problems
    assert any(p.startswith("privacy/index.html: JSON-LD:") and "WebPagee" in p for p in problems)
    assert any(p.startswith("HTML: contact/index.html:") for p in problems)


def test_the_gate_holds_the_page_budget(site_copy):
    report = check_site(site_copy, SITEURL, budget=Budget(max_bytes=4096), validate_html=False)
    assert report.problems
    assert all("over the page budget" in problem for problem in report.problems)


def test_the_gate_reads_stylesheets_too(site_copy):
    css = next((site_copy / "theme" / "css").glob("*.css"))
    css.write_text(css.read_text() + "\n@font-face{src:url(https://fonts.example.com/a.woff2)}")
    problems = check_site(site_copy, SITEURL, validate_html=False).problems
    assert problems == [
        "theme/css/site.css: loads https://fonts.example.com/a.woff2 from another origin"
    ]
