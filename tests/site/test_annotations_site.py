"""Content problems as GitHub Actions annotations and a job summary (clinic.annotations)."""

from __future__ import annotations

from support import ROOT


def test_a_failed_build_in_actions_annotates_the_pull_request(content, tmp_path):
    """`make html` as CI runs it: the commands on stdout, the table in the job summary,
    and the build's own message on stderr as anywhere else."""
    import os
    import subprocess
    import sys

    (content / "articles" / "broken.md").write_text(
        "Title: Broken\nDate: 2025-02-01 10:00\nCategory: Skin Care\nSlug: broken\n"
        "Summary: Short.\nAuthor: Spectrum Dermatology\nCTA: book-now\n\nBody.\n",
        encoding="utf-8",
    )
    summary, out = tmp_path / "summary.md", str(tmp_path / "output")
    environment = {
        **os.environ,
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_WORKSPACE": str(content.parent),
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tools.build", "html", "--content", str(content), "--output", out],
        cwd=content.parent,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "::error file=content/articles/broken.md,line=7,title=Content error::unknown CTA "
        "'book-now' (known: consultation, microdermabrasion, none, visit). "
        "Fix: use a name from CLINIC_CTAS in pelicanconf.py, or none"
    ]
    assert "Build failed" in done.stderr
    assert "| content/articles/broken.md | 7 | error |" in summary.read_text(encoding="utf-8")
