"""Publishing: `make github` against a local bare repository, the gate that guards it,
and the workflow files that run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checks.gate import Budget, check_site
from support import ROOT, build

COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    "output*",
    "audit-reports",
    "cache",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
)
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


@pytest.fixture
def project(tmp_path):
    """A fresh clone of this project's tree, with a bare repository as its Pages remote."""
    clone = tmp_path / "project"
    shutil.copytree(ROOT, clone, ignore=COPY_IGNORE)
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

    # Fixed again: a second deploy adds to the history, which keeps every deploy.
    base.write_text(original, encoding="utf-8")
    (clone / "publishconf.py").write_text(
        (clone / "publishconf.py")
        .read_text()
        .replace("GITHUB_PAGES_CNAME = None", 'GITHUB_PAGES_CNAME = "www.example.org"')
    )
    fourth = make_github(clone, remote)
    assert fourth.returncode == 0, fourth.stderr
    assert git("rev-parse", "gh-pages~1", cwd=remote) == published
    assert git("show", "gh-pages:CNAME", cwd=remote) == "www.example.org"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(
        tmp_path_factory.mktemp("gate") / "output",
        ROOT / "publishconf.py",
        SITEURL="https://example.org",
    )


@pytest.fixture
def site_copy(built, tmp_path):
    target = tmp_path / "site"
    shutil.copytree(built.root, target)
    return target


def test_the_gate_passes_the_real_site(built):
    report = check_site(built.root, "https://example.org")
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
    problems = check_site(site_copy, "https://example.org", validate_html=False).problems
    assert problems == [
        "about/index.html: link to #nothing, which is not on the page",
        "about/index.html: broken link or asset /nowhere/",
    ]


def test_the_gate_finds_a_third_party_image_unless_allowed(site_copy):
    img = '<img src="https://images.example.net/a.png" alt="a" width="1" height="1">'
    edit(site_copy / "about" / "index.html", "</main>", img + "</main>")
    problems = check_site(site_copy, "https://example.org", validate_html=False).problems
    assert problems == [
        "about/index.html: loads https://images.example.net/a.png from another origin"
    ]
    allowed = check_site(
        site_copy, "https://example.org", ["https://images.example.net"], validate_html=False
    )
    assert allowed.problems == []


def test_the_gate_finds_invalid_json_ld_and_html(site_copy):
    edit(site_copy / "privacy" / "index.html", '"@type":"WebPage"', '"@type":"WebPagee"')
    edit(site_copy / "contact" / "index.html", "</main>", "<p><div>x</div></p></main>")
    problems = check_site(site_copy, "https://example.org").problems
    assert any(p.startswith("privacy/index.html: JSON-LD:") and "WebPagee" in p for p in problems)
    assert any(p.startswith("HTML: contact/index.html:") for p in problems)


def test_the_gate_holds_the_page_budget(site_copy):
    report = check_site(
        site_copy, "https://example.org", budget=Budget(max_bytes=4096), validate_html=False
    )
    assert report.problems
    assert all("over the page budget" in problem for problem in report.problems)


def test_the_gate_reads_stylesheets_too(site_copy):
    css = next((site_copy / "theme" / "css").glob("*.css"))
    css.write_text(css.read_text() + "\n@font-face{src:url(https://fonts.example.com/a.woff2)}")
    problems = check_site(site_copy, "https://example.org", validate_html=False).problems
    assert problems == [
        "theme/css/site.css: loads https://fonts.example.com/a.woff2 from another origin"
    ]


def test_workflow_files_are_valid_github_workflows():
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert {path.name for path in workflows} >= {"test.yml", "deploy.yml"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, workflows),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pin_actions_and_never_race():
    import re

    deploy = (ROOT / ".github" / "workflows" / "deploy.yml").read_text()
    for path in (ROOT / ".github" / "workflows").glob("*.yml"):
        for action in re.findall(r"uses:\s*(\S+)", path.read_text()):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), (path.name, action)
    assert "cancel-in-progress: false" in deploy
    assert "schedule:" in deploy
    assert "make github" in deploy
