"""The build stamp: a rebuild is skipped only when nothing it reads, and no date, has moved."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tools import stamp

pytestmark = pytest.mark.unit

NOON = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


@pytest.fixture
def project(tmp_path):
    """A project with content, a theme, settings, and an output/ a build left."""
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (root / "theme" / "templates").mkdir(parents=True)
    (root / "content" / "acne.md").write_text(
        "Title: Acne\nDate: 2025-05-06 09:00\nExpires: 2027-03-01\n\nBody 2026-12-07.\n",
        encoding="utf-8",
    )
    (root / "theme" / "templates" / "base.html").write_text("<html>", encoding="utf-8")
    (root / "pelicanconf.py").write_text("SITENAME = 'x'\n", encoding="utf-8")
    (root / "output").mkdir()
    (root / "output" / "index.html").write_text("<p>site</p>", encoding="utf-8")
    return root


def built(root, now=NOON, options=None):
    """Record a stamp as a successful build would, and return the inputs it saw."""
    inputs = stamp.read_inputs(root, root / "content", options or {"command": "html"})
    stamp.record(
        stamp.stamp_of(inputs, root / "output", ["WARNING: a warning"], now), root / "output"
    )
    return inputs


def fresh(root, now=NOON, options=None) -> bool:
    inputs = stamp.read_inputs(root, root / "content", options or {"command": "html"})
    return stamp.unchanged(stamp.load(root / "output"), inputs, root / "output", now)


def test_nothing_changed_means_nothing_to_build(project):
    built(project)
    assert fresh(project, NOON + timedelta(minutes=5))
    assert stamp.load(project / "output").warnings == ("WARNING: a warning",)
    assert not (project / "output" / "output.built").exists()  # never published


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / "content" / "acne.md").write_text("Title: Acne!\n", encoding="utf-8"),
        lambda root: (root / "content" / "new.md").write_text("Title: New\n", encoding="utf-8"),
        lambda root: (root / "content" / "acne.md").unlink(),
        lambda root: (root / "theme" / "templates" / "base.html").write_text("<html lang=en>"),
        lambda root: (root / "pelicanconf.py").write_text("SITENAME = 'y'\n", encoding="utf-8"),
        lambda root: (root / "output" / "index.html").write_text("<p>edited</p>"),
        lambda root: (root / "output" / "index.html").unlink(),
        lambda root: (root / "output" / "extra.html").write_text("left behind"),
        lambda root: write(root / "content" / "articles" / "2026" / "new.md", "Title: New\n"),
        lambda root: write(root / "output" / "blog" / "new" / "index.html", "left behind"),
    ],
    ids=[
        "edit",
        "add",
        "delete",
        "template",
        "settings",
        "output-edited",
        "output-gone",
        "output-added",
        "add-below",
        "output-added-below",
    ],
)
def test_any_change_builds_again(project, change):
    built(project)
    change(project)
    assert not fresh(project, NOON + timedelta(minutes=5))


def write(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_compiled_modules_and_links_to_folders_are_not_inputs(project, tmp_path):
    """Python's compiled modules (written by any run) change no page, and a link to a
    folder elsewhere is not followed: neither makes a build."""
    built(project)
    write(project / "theme" / "__pycache__" / "helpers.cpython-311.pyc", "compiled")
    write(tmp_path / "elsewhere" / "notes.md", "Title: Not the site's\n")
    (project / "content" / "linked").symlink_to(tmp_path / "elsewhere")
    assert fresh(project, NOON + timedelta(minutes=5))


def test_other_options_build_again(project):
    built(project, options={"command": "html"})
    assert not fresh(project, NOON, options={"command": "publish"})


def test_a_new_day_builds_again(project):
    built(project)
    assert not fresh(project, NOON + timedelta(days=1))


def test_a_header_date_coming_due_builds_again(project):
    """`Expires: 2027-03-01` takes the page down that day, in the site's time zone."""
    eve = datetime(2027, 2, 28, 9, 0, tzinfo=UTC)
    built(project, now=eve)
    assert not fresh(project, eve + timedelta(hours=3))  # within 14 h of the written day
    far = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
    built(project, now=far)
    assert fresh(project, far + timedelta(hours=3))  # no date near: the stamp holds


def test_only_the_header_counts_as_dates(project):
    assert stamp.header_moments((project / "content" / "acne.md").read_bytes()) == {
        "2025-05-06T09:00",
        "2027-03-01T00:00",
    }


@pytest.mark.parametrize("text", ["", "{", "[]", '{"version": 1}', "\udcff"])
def test_a_stamp_that_cannot_be_read_means_a_build(project, text):
    built(project)
    path = stamp.stamp_path(project / "output")
    path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    assert not fresh(project, NOON)


def test_forgetting_and_recording_leave_no_temporary_file(project):
    built(project)
    assert [path.name for path in project.iterdir() if path.name.startswith("output.")] == [
        "output.built"
    ]
    stamp.forget(project / "output")
    assert not stamp.stamp_path(project / "output").exists()
    assert not fresh(project, NOON)
