"""The writers' workflow: each kind of bad article gets a one-line message naming the file,
the line and the fix, and `make html` stops on it with no traceback, keeping the last good
site; drafts and future posts stay out."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta

from test_writers_unit import GOOD_HEADER, MEDICAL_HEADER

from support import ROOT, build, failed_html_build


def invoke(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args], cwd=cwd, capture_output=True, text=True
    )


def test_make_html_fails_on_a_bad_article_and_says_where(content, tmp_path):
    """The rules are wired to `make html`: it stops with the problem's line on stderr, no
    traceback, and the last good site left as it was (one end-to-end case for them all)."""
    (content / "articles" / "cta.md").write_text(
        GOOD_HEADER + "CTA: book-now\n\nBody.\n", encoding="utf-8"
    )
    [problem] = failed_html_build(content, tmp_path / "output", "articles/cta.md")
    assert problem.endswith(
        "articles/cta.md:7: unknown CTA 'book-now' "
        "(known: consultation, microdermabrasion, none, visit); "
        "fix: use a name from CLINIC_CTAS in pelicanconf.py, or none"
    )


def test_make_new_makes_a_draft_that_builds_and_stays_out_of_production(content, tmp_path):
    from tools.newpost import create_post

    path = create_post(
        content / "articles",
        "How to choose a sunscreen",
        datetime(2026, 5, 1, 9, 30),
        "Spectrum Dermatology",
        ["Skin Care"],
    )
    assert path.name == "how-to-choose-a-sunscreen.md"
    text = path.read_text(encoding="utf-8")
    for field in (
        "Title:",
        "Date: 2026-05-01 09:30",
        "Category:",
        "Tags:",
        "Summary:",
        "Author: Spectrum Dermatology",
        "Status: draft",
        "Reviewed_By:",
        "Last_Reviewed:",
    ):
        assert field in text

    dev = build(tmp_path / "dev", content=content)
    assert dev.file_for("drafts/how-to-choose-a-sunscreen/").is_file()
    assert any("still a placeholder" in record.getMessage() for record in dev.log)

    prod = build(tmp_path / "prod", settings_file=ROOT / "publishconf.py", content=content)
    assert not list(prod.root.rglob("*sunscreen*"))
    for page in prod.html_files():
        assert "sunscreen" not in page.read_text(encoding="utf-8").lower(), page


def test_a_future_post_is_held_back_until_its_date(content, tmp_path):
    tomorrow = (datetime.now() + timedelta(days=2)).strftime("%Y-%m-%d")
    (content / "articles" / "soon.md").write_text(
        GOOD_HEADER.replace("2025-02-01 10:00", tomorrow).replace("sun-care", "soon")
        + "\nComing soon.\n",
        encoding="utf-8",
    )
    prod = build(tmp_path / "prod", settings_file=ROOT / "publishconf.py", content=content)
    assert not prod.file_for("blog/soon/").exists()
    assert "/blog/soon/" not in prod.file_for("").read_text(encoding="utf-8")


def test_warnings_do_not_fail_the_local_build(content, tmp_path):
    (content / "articles" / "old.md").write_text(
        MEDICAL_HEADER.replace("sun-care", "old")
        + "Reviewed_By: dr-example\nLast_Reviewed: 2020-01-01\n\nBody.\n",
        encoding="utf-8",
    )
    result = invoke("html", "--content", str(content), "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "old.md:8: medical review is" in result.stderr
