"""Pull-request previews live in gh-pages beside the site: a deploy from main keeps them."""

from __future__ import annotations

import subprocess

import pytest
from ghp_import import ghp_import

from tools.previews import PREVIEWS, kept_previews, pages_base_url, preview_address


def git(root, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repository(tmp_path, monkeypatch):
    """A repository whose gh-pages holds a published page and one pull request's preview."""
    for key, value in (("NAME", "Test"), ("EMAIL", "test@localhost")):
        monkeypatch.setenv(f"GIT_AUTHOR_{key}", value)
        monkeypatch.setenv(f"GIT_COMMITTER_{key}", value)
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "README").write_text("source\n")
    git(root, "add", "README")
    git(root, "commit", "-qm", "source")
    pages = tmp_path / "pages"
    (pages / PREVIEWS / "pr-7").mkdir(parents=True)
    (pages / "index.html").write_text("old site")
    (pages / PREVIEWS / "pr-7" / "index.html").write_text("preview 7")
    monkeypatch.chdir(root)  # ghp-import works in the current repository
    ghp_import(str(pages), branch="gh-pages", push=False, mesg="first")
    return root


def tree(root, ref: str = "gh-pages") -> set[str]:
    return set(git(root, "ls-tree", "-r", "--name-only", ref).split())


@pytest.mark.unit
def test_a_deploy_replaces_the_site_and_keeps_the_previews(repository, tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("new site")
    with kept_previews(repository, output, "origin", "gh-pages") as kept:
        ghp_import(str(output), branch="gh-pages", push=False, mesg="deploy", nojekyll=True)
    assert kept == 1
    assert tree(repository) == {".nojekyll", "index.html", f"{PREVIEWS}/pr-7/index.html"}
    assert git(repository, "show", "gh-pages:index.html") == "new site"
    assert git(repository, "show", f"gh-pages:{PREVIEWS}/pr-7/index.html") == "preview 7"
    assert sorted(p.name for p in output.iterdir()) == ["index.html"]  # output/ as built


@pytest.mark.unit
def test_without_a_pages_branch_nothing_is_kept(repository, tmp_path):
    git(repository, "branch", "-D", "gh-pages")
    output = tmp_path / "output"
    output.mkdir()
    with kept_previews(repository, output, "origin", "gh-pages") as kept:
        assert kept == 0
        assert not (output / PREVIEWS).exists()


@pytest.mark.unit
def test_a_site_with_its_own_previews_folder_is_refused(repository, tmp_path):
    (tmp_path / "output" / PREVIEWS).mkdir(parents=True)
    with pytest.raises(RuntimeError), kept_previews(repository, tmp_path / "output", "o", "b"):
        pass


@pytest.mark.unit
def test_the_preview_lives_below_the_published_address():
    assert (
        preview_address("https://clinic.example/", 12) == "https://clinic.example/pr-preview/pr-12"
    )
    assert pages_base_url("https://user.github.io/site/") == "user.github.io/site"
