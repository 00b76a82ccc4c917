"""The build commands: a failed build keeps the last good site; publish builds absolute URLs."""

from __future__ import annotations

import os
import shutil

import pytest
from invoke import MockContext, Result

from support import ROOT
from tools.build import content_cache, load_settings, replace_directory


@pytest.mark.unit
def test_replace_directory_swaps_in_the_new_build(tmp_path):
    old, new = tmp_path / "output", tmp_path / "output.partial"
    old.mkdir()
    (old / "stale.html").write_text("old")
    new.mkdir()
    (new / "index.html").write_text("new")
    replace_directory(new, old)
    assert [p.name for p in old.iterdir()] == ["index.html"]
    assert not new.exists()
    assert not (tmp_path / "output.previous").exists()


@pytest.mark.unit
def test_publish_takes_the_siteurl_from_the_environment(monkeypatch):
    monkeypatch.setenv("SITEURL", "https://staging.example.org")
    assert load_settings(ROOT / "publishconf.py")["SITEURL"] == "https://staging.example.org"


@pytest.mark.unit
def test_publish_defaults_to_the_production_address(monkeypatch):
    monkeypatch.delenv("SITEURL", raising=False)
    settings = load_settings(ROOT / "publishconf.py")
    assert settings["SITEURL"] == settings["PRODUCTION_SITEURL"]


@pytest.mark.unit
def test_the_cache_folder_follows_the_plugins_code(tmp_path):
    """The content cache pickles the settings, which hold the plugin's own objects: a
    module changed or moved names a fresh folder, so no build loads a cache that names
    modules that are gone (a stale one stopped every build with ModuleNotFoundError)."""
    root = tmp_path / "project"
    shutil.copytree(
        ROOT / "plugins", root / "plugins", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pelicanconf.py", "clinic.toml", "requirements.txt"):
        shutil.copy2(ROOT / name, root / name)
    (root / "content" / "images").mkdir(parents=True)
    first = content_cache(root)["CACHE_PATH"]
    sitemap = root / "plugins" / "clinic" / "sitewide" / "sitemap.py"
    sitemap.rename(sitemap.with_name("sitemaps.py"))
    moved = content_cache(root)["CACHE_PATH"]
    sitemap.with_name("sitemaps.py").write_text("# changed\n", encoding="utf-8")
    assert len({first, moved, content_cache(root)["CACHE_PATH"]}) == 3


def _recorded() -> MockContext:
    """An invoke context that runs no command; its `run` (a Mock) records each one."""
    return MockContext(run=Result(), repeat=True)


def _commands(context: MockContext) -> list[str]:
    return [call.args[0] for call in context.run.call_args_list]


@pytest.mark.unit
def test_make_lint_shows_a_writer_the_content_and_nothing_of_the_code(tmp_path):
    """`make lint` is the writers' check: their problem, on its line, and no ruff, no
    zizmor, no import-linter output between them (`make check-code` has those)."""
    import subprocess
    import sys

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "articles" / "broken.md").write_text(
        "Title: Broken\nDate: not a date\nCategory: Skin\n\nBody.\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "lint", "--content", str(content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "GITHUB_ACTIONS": ""},
    )
    shown = result.stdout + result.stderr
    assert result.returncode == 1, shown
    assert "broken.md" in shown
    assert "Content: " in shown
    assert "Translations: " in shown
    assert "Traceback" not in shown
    for code_check in ("All checks passed!", "files already formatted", "Contracts", "zizmor"):
        assert code_check not in shown, code_check


@pytest.mark.unit
def test_check_code_runs_ruff_the_layers_and_zizmor_and_no_content_rule():
    import tasks

    context = _recorded()
    tasks.check_code(context)
    ran = "\n".join(_commands(context))
    assert '-m ruff check "' in ran
    assert '-m ruff format --check "' in ran
    assert "lint-imports" in ran
    assert "zizmor" in ran
    assert "--offline" in ran
    assert len(_commands(context)) == 4  # nothing else: the content is `make lint`'s


@pytest.mark.unit
def test_make_test_runs_both_checks_before_the_suite(monkeypatch):
    import tasks

    order = []
    monkeypatch.setattr(tasks, "check_code", lambda c: order.append("check-code"))
    monkeypatch.setattr(tasks, "lint", lambda c, annotate: order.append(f"lint {annotate}"))
    context = _recorded()
    tasks.test(context)
    assert order == ["check-code", "lint False"]  # preview.yml annotates, not test.yml
    assert [command.split()[1:3] for command in _commands(context)] == [["-m", "pytest"]]


@pytest.mark.unit
def test_a_build_keeps_its_compiled_modules_where_the_environment_says_not_to(tmp_path):
    """With PYTHONDONTWRITEBYTECODE set (CI images often set it), a build would compile
    the plugin again every time; keep_bytecode has this process and its children keep
    what they compile, as pip did for Pelican's own modules."""
    import subprocess
    import sys

    (tmp_path / "piece.py").write_text("VALUE = 1\n")
    script = (
        "import sys, subprocess; sys.path[:0] = [sys.argv[1], sys.argv[2]]\n"
        "from tools.build import keep_bytecode\n"
        "assert sys.dont_write_bytecode\n"
        "keep_bytecode()\n"
        "import piece\n"
        "subprocess.run([sys.executable, '-c', 'import sys; assert not sys.dont_write_bytecode'],"
        " check=True)\n"
    )
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run(
        [sys.executable, "-c", script, str(ROOT), str(tmp_path)], env=env, check=True, timeout=60
    )
    assert list((tmp_path / "__pycache__").glob("piece.*.pyc"))
