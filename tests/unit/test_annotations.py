"""Content problems as GitHub Actions annotations and a job summary (clinic.annotations)."""

from __future__ import annotations

import io
import re

import pytest

from clinic.core.problems import Problem
from clinic.rules.annotations import (
    annotations,
    escape_data,
    escape_property,
    job_summary,
    report_to_github,
    workflow_command,
)
from support import ROOT

# What Actions reads as one annotation: a kind, properties without a raw ':' or ',',
# and a message, all on one line.
COMMAND = re.compile(
    r"^::(?P<kind>error|warning)"
    r"( file=(?P<file>[^,:]+)(,line=(?P<line>\d+))?(,title=(?P<title>[^:]*))?)?"
    r"::(?P<message>.+)$"
)


def unescape(text: str) -> str:
    """What the runner reads back from an escaped value (the escapes' inverse)."""
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, raw)
    return text


def everything_exists(path: str) -> bool:
    return True


@pytest.mark.unit
def test_escaping_follows_the_actions_toolkit():
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("a%b\r\nc: d, e") == "a%25b%0D%0Ac%3A d%2C e"
    assert escape_data("%0A") == "%250A"  # an escape already in the text stays text


@pytest.mark.unit
def test_a_problem_becomes_one_escaped_command(tmp_path):
    folder = tmp_path / "content" / "articles"
    folder.mkdir(parents=True)
    (folder / "a:b,c.md").write_text("", encoding="utf-8")
    problem = Problem(
        "content/articles/a:b,c.md",
        "Title '50% off\nnow' is too long",
        "shorten it: at most 70 characters, or so",
        line=3,
    )
    command = workflow_command(problem, root=tmp_path, cwd=tmp_path)
    assert command == (
        "::error file=content/articles/a%3Ab%2Cc.md,line=3,title=Content error"
        "::Title '50%25 off%0Anow' is too long. Fix: shorten it: at most 70 characters, or so"
    )
    assert "\n" not in command
    parsed = COMMAND.match(command)
    assert unescape(parsed["file"]) == "content/articles/a:b,c.md"
    assert unescape(parsed["message"]).startswith("Title '50% off\nnow'")


@pytest.mark.unit
def test_a_setting_is_named_in_the_message_without_a_file():
    problem = Problem("CLINIC_PROVIDERS['a:b,c']", "expected a dict\nof fields", warning=True)
    command = workflow_command(problem)
    assert command == "::warning::CLINIC_PROVIDERS['a:b,c']: expected a dict%0Aof fields"
    assert COMMAND.match(command)


@pytest.mark.unit
def test_file_and_line_only_when_known(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "x.md").write_text("", encoding="utf-8")
    no_line = Problem("content/x.md", "missing Summary", "add 'Summary: ...'")
    assert workflow_command(no_line, root=tmp_path, cwd=tmp_path).startswith(
        "::error file=content/x.md,title=Content error::missing Summary. Fix: "
    )
    # A setting, a step of the build, or a file outside the repository: no file=.
    for where in ("CLINIC", "search index", str(ROOT / "pelicanconf.py")):
        command = workflow_command(Problem(where, "wrong"), root=tmp_path, cwd=tmp_path)
        assert " file=" not in command, command
        assert COMMAND.match(command)
    # A path relative to the current directory is named from the repository root.
    inside = Problem("x.md", "wrong", line=2)
    command = workflow_command(inside, root=tmp_path, cwd=tmp_path / "content")
    assert command.startswith("::error file=content/x.md,line=2,")
    # A catalog's problem names its line in `where`.
    catalog = Problem("content/x.md:12", "bad entry")
    assert workflow_command(catalog, root=tmp_path, cwd=tmp_path).startswith(
        "::error file=content/x.md,line=12,"
    )


@pytest.mark.unit
def test_ten_of_each_kind_errors_first():
    errors = [Problem(f"content/e{n:02}.md", f"error {n}", line=n) for n in range(12)]
    warnings = [Problem(f"content/w{n}.md", f"warning {n}", warning=True) for n in range(3)]
    mixed = [warnings[1], *reversed(errors), warnings[2], warnings[0]]
    lines = annotations(mixed, exists=everything_exists)
    assert len(lines) == 13
    assert [line.split("::")[1].split(" ")[0] for line in lines] == ["error"] * 10 + ["warning"] * 3
    assert [line.rsplit("::", 1)[1] for line in lines] == [
        *(f"error {n}" for n in range(10)),
        *(f"warning {n}" for n in range(3)),
    ]
    assert annotations(list(reversed(mixed)), exists=everything_exists) == lines  # stable
    assert len(annotations(errors, limit=5, exists=everything_exists)) == 5


@pytest.mark.unit
def test_the_summary_lists_every_problem_grouped_by_file():
    problems = [
        Problem("content/b.md", "b late", "fix b", line=9),
        Problem("content/a.md", "a | pipe\nsecond line <script>", "use *this*", line=4),
        Problem("CLINIC_CTAS['x']", "unknown field", "remove it", warning=True),
        Problem("content/b.md", "b early", "", line=2, warning=True),
        *(Problem(f"content/c{n:02}.md", f"c {n}", "fix c", line=1) for n in range(11)),
    ]
    summary = job_summary(problems)
    lines = summary.splitlines()
    assert lines[0] == "## Content: 13 errors, 2 warnings"
    rows = [line for line in lines if line.startswith("| ")][2:]  # after the header
    assert len(rows) == len(problems)  # every one, not the first 10
    assert rows[0] == "| CLINIC\\_CTAS\\['x'\\] |  | warning | unknown field | remove it |"
    assert rows[1] == (
        "| content/a.md | 4 | error | a \\| pipe<br>second line &lt;script&gt; | use \\*this\\* |"
    )
    assert rows[2:4] == [
        "| content/b.md | 2 | warning | b early |  |",
        "| content/b.md | 9 | error | b late | fix b |",
    ]
    assert all(row.count(" | ") == 4 for row in rows)  # five cells: no pipe got through
    assert "Only the first 10 errors and the first 10 warnings appear on the diff" in summary
    assert "Only the first" not in job_summary(problems[:4])
    assert job_summary([]) == "## Content: 0 errors, 0 warnings\n"


@pytest.mark.unit
def test_nothing_happens_outside_actions(tmp_path):
    out = io.StringIO()
    summary = tmp_path / "summary.md"
    problem = Problem("CLINIC", "missing 'name'")
    report_to_github([problem], environ={"GITHUB_STEP_SUMMARY": str(summary)}, stdout=out)
    report_to_github([problem], environ={"GITHUB_ACTIONS": "false"}, stdout=out)
    # preview.yml's build after a failed `make lint`: the lint step annotated them already.
    already = {"GITHUB_ACTIONS": "true", "CLINIC_ANNOTATED": "true"}
    report_to_github(
        [problem], environ={**already, "GITHUB_STEP_SUMMARY": str(summary)}, stdout=out
    )
    assert out.getvalue() == ""
    assert not summary.exists()


@pytest.mark.unit
def test_in_actions_the_commands_are_printed_and_the_summary_added(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "x.md").write_text("", encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    environ = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_WORKSPACE": str(tmp_path),
    }
    out = io.StringIO()
    problems = [Problem(str(tmp_path / "content" / "x.md"), "missing Summary", line=1)]
    report_to_github(problems, environ=environ, stdout=out)
    assert (
        out.getvalue() == "::error file=content/x.md,line=1,title=Content error::missing Summary\n"
    )
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("# Earlier step\n## Content: 1 error, 0 warnings\n")
    # Without a summary file, the commands alone; without GITHUB_WORKSPACE, files are named
    # from the current directory, and a file outside it is named in the message instead.
    out = io.StringIO()
    report_to_github(problems, environ={"GITHUB_ACTIONS": "true"}, stdout=out)
    assert out.getvalue() == f"::error::{problems[0].where}: missing Summary\n"


@pytest.mark.unit
def test_a_broken_article_annotates_its_file_and_lines(content, monkeypatch):
    """The real content rules on a copy of the site, as `make lint` runs them."""
    from clinic.rules.lint import check_site_content
    from clinic.settings.validation import validate
    from tools.build import edition_runs

    broken = content / "articles" / "broken.md"
    broken.write_text(
        "Title: Broken: 100% wrong, sadly\nDate: 2025-02-01 10:00\nCategory: Skin Care\n"
        "Slug: broken\nAuthor: Spectrum Dermatology\nCTA: book-now\n\nBody.\n",
        encoding="utf-8",
    )
    repository = content.parent  # the copy's root, as GITHUB_WORKSPACE is on GitHub
    monkeypatch.chdir(repository)  # `make lint` runs from the root: files show relative to it
    problems = []
    for settings in edition_runs(ROOT / "pelicanconf.py", content):
        problems += check_site_content(settings, validate(settings))
    assert {problem.where for problem in problems} == {"content/articles/broken.md"}

    lines = annotations(problems, root=repository)
    assert len(lines) == len(problems) == 2
    parsed = []
    for line in lines:
        assert "\n" not in line
        assert "\r" not in line
        match = COMMAND.match(line)
        assert match, line
        parsed.append(match.groupdict())
    assert [(p["kind"], p["file"], p["line"], p["title"]) for p in parsed] == [
        ("error", "content/articles/broken.md", None, "Content error"),
        ("error", "content/articles/broken.md", "6", "Content error"),
    ]
    assert parsed[0]["message"] == "missing Summary. Fix: add 'Summary: ...' to the header at " + (
        "the top of the file"
    )
    assert parsed[1]["message"] == (
        "unknown CTA 'book-now' (known: consultation, microdermabrasion, none, visit). "
        "Fix: use a name from CLINIC_CTAS in pelicanconf.py, or none"
    )

    summary = job_summary(problems)
    assert summary.startswith("## Content: 2 errors, 0 warnings\n")
    assert "| content/articles/broken.md | 6 | error | unknown CTA 'book-now'" in summary
