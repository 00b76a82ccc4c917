"""What a pull request changes on the published site, for its job summary on GitHub.

`python -m tools.pr_summary --base <main's build> --head <this build> --siteurl URL
content/articles/x.md ...` prints Markdown: the pages added, changed and removed
against main's build, then, for each content file the pull request changes, its
page's weight against the budget, its medical reviewer and review date, and what
the pre-publish gate says about that page.

When the pull request's site could not be built (a content rule stopped it), there is
no page to weigh or compare: the summary says so, and lists each changed file with
the content rules' problems on their lines, so that a writer with one typo still sees
where it is and what else the pull request changes.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from checks.gate import Budget, BuiltSite, check_site, fetched_urls, page_weight  # noqa: E402
from checks.hostile import parse_html  # noqa: E402
from clinic.core.addresses import address_of  # noqa: E402
from clinic.core.sources import Source  # noqa: E402
from clinic.rules.check import read_all  # noqa: E402
from clinic.rules.lint import check_site_content, content_files, slugify_of  # noqa: E402
from clinic.settings.options import PelicanSite  # noqa: E402
from clinic.settings.validation import validate  # noqa: E402
from tools.build import edition_runs  # noqa: E402


@dataclass(frozen=True)
class Changes:
    added: list[str]
    changed: list[str]
    removed: list[str]


@dataclass(frozen=True)
class PageReport:
    source: str  # the content file, as the pull request names it
    title: str
    page: str  # below the site root; "" when the file makes no page
    weight: int = 0  # gzip bytes, images aside
    requests: int = 0
    reviewer: str = ""
    reviewed: str = ""
    problems: tuple[str, ...] = ()


def pages_of(site: Path) -> dict[str, str]:
    """Each HTML page below `site` (the search index aside) and the digest of its bytes."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*.html"))
        if "pagefind" not in path.relative_to(site).parts
    }


def compare(base: dict[str, str], head: dict[str, str]) -> Changes:
    """Pages only in `head`, in both but different, and only in `base`."""
    return Changes(
        added=sorted(set(head) - set(base)),
        changed=sorted(name for name in set(head) & set(base) if head[name] != base[name]),
        removed=sorted(set(base) - set(head)),
    )


def changed_content(main_content: Path, content: Path) -> list[str]:
    """The Markdown files (below the project, content/'s parent) that are new or different
    from main's."""
    changed = []
    for path in sorted(content.rglob("*.md")):
        before = main_content / path.relative_to(content)
        if not before.is_file() or before.read_bytes() != path.read_bytes():
            changed.append(path.resolve().relative_to(content.resolve().parent).as_posix())
    return changed


def page_of(source: Source, settings: dict) -> str:
    """The file Pelican writes for `source` with these settings ("" for a draft)."""
    if source.get("status").lower() == "draft":
        return ""
    return address_of(source, settings, slugify_of(settings)).save_as


def sources_changed(
    changed: list[str], runs: list[dict], content: Path
) -> list[tuple[Source, str, dict]]:
    """(source, section, its edition's settings) for each changed Markdown file (named
    below the project, content/'s parent), from the editions' `runs` (edition_runs)."""
    wanted = {Path(name).as_posix() for name in changed if name.endswith(".md")}
    project = content.resolve().parent
    found = []
    for settings in runs:
        files = content_files(PelicanSite.of(settings))
        sources, _ = read_all(files)
        for path, _shown, section in files:
            relative = path.resolve().relative_to(project).as_posix()
            if relative in wanted:
                source = next(s for s in sources if s.path == path)
                found.append((source, section, settings))
    return found


def rule_problems(changed: list[str], settings_file: Path, content: Path) -> list[PageReport]:
    """A report for each changed content file of a pull request whose site could not be
    built: the content rules' problems with it, each with its line (those `make html`
    stops on, and the warnings)."""
    project = content.resolve().parent
    runs = edition_runs(settings_file, content)
    problems = []
    for settings in runs:
        problems += check_site_content(settings, validate(settings))
    reports = []
    for source, _section, _settings in sources_changed(changed, runs, content):
        mine = [
            problem
            for problem in dict.fromkeys(problems)
            if Path(problem.where).resolve() == source.path.resolve()
        ]
        shown = tuple(
            ("line " + str(problem.line) + ": " if problem.line else "")
            + ("warning: " if problem.warning else "")
            + problem.message
            + (f"; fix: {problem.fix}" if problem.fix else "")
            for problem in mine
        )
        reports.append(
            PageReport(
                source=source.path.resolve().relative_to(project).as_posix(),
                title=source.get("title"),
                page="",
                reviewer=source.get("reviewed_by"),
                reviewed=source.get("last_reviewed"),
                problems=shown,
            )
        )
    return reports


def unbuilt_markdown(reports: list[PageReport]) -> str:
    """The job summary of a pull request whose site could not be built."""
    lines = [
        "## The site with this pull request",
        "",
        "**The site could not be built:** the content rules stopped it (each problem is "
        "also on its line under *Files changed*). Fix them and push: the preview and the "
        "comparison with main's site then appear here.",
        "",
    ]
    if reports:
        lines += ["| content file | medical review | content rules |", "| --- | --- | --- |"]
        for report in reports:
            lines.append(
                f"| {_file_cell(report)} | {_review_cell(report)} | {_found_cell(report)} |"
            )
        lines.append("")
    return "\n".join(lines) + "\n"


def page_reports(
    changed: list[str],
    head: Path,
    siteurl: str,
    gate_problems: list[str],
    settings_file: Path,
    content: Path = ROOT / "content",
) -> list[PageReport]:
    """A report for each changed content file, from the built pages of this pull request."""
    site = BuiltSite(head, siteurl)
    reports = []
    runs = edition_runs(settings_file, content)
    for source, _section, settings in sources_changed(changed, runs, content):
        page = page_of(source, settings)
        target = head / page if page else None
        base = {
            "source": source.path.resolve().relative_to(content.resolve().parent).as_posix(),
            "title": source.get("title"),
            "reviewer": source.get("reviewed_by"),
            "reviewed": source.get("last_reviewed"),
        }
        if target is None or not target.is_file():
            reports.append(PageReport(page="", **base))
            continue
        fetched = fetched_urls(parse_html(target.read_text(encoding="utf-8")))
        weight, requests = page_weight(site, target, fetched)
        mine = tuple(problem for problem in gate_problems if problem.startswith(page + ":"))
        reports.append(
            PageReport(page=page, weight=weight, requests=requests, problems=mine, **base)
        )
    return reports


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;") or "—"


def _file_cell(report: PageReport) -> str:
    return f"`{_cell(report.source)}` ({_cell(report.title)})"


def _review_cell(report: PageReport) -> str:
    return _cell(f"{report.reviewer}, {report.reviewed}" if report.reviewer else "not reviewed")


def _found_cell(report: PageReport) -> str:
    """What the gate (or, with no site, the content rules) found; "passes" for nothing."""
    return _cell("; ".join(report.problems) if report.problems else "passes")


def summary_markdown(changes: Changes, reports: list[PageReport], budget: Budget) -> str:
    """The job summary: what changes on the site, then each changed article's figures."""
    lines = [
        "## The site with this pull request",
        "",
        f"Against main's build: {len(changes.added)} page(s) added, "
        f"{len(changes.changed)} changed, {len(changes.removed)} removed.",
        "",
    ]
    for label, names in (("Added", changes.added), ("Removed", changes.removed)):
        if names:
            lines += [f"**{label}:** " + ", ".join(f"`{name}`" for name in names), ""]
    if reports:
        lines += [
            "| content file | page | weight (budget "
            f"{budget.max_bytes // 1024} KB, {budget.max_requests} requests) | medical review "
            "| pre-publish gate |",
            "| --- | --- | --- | --- | --- |",
        ]
        for report in reports:
            weight = (
                f"{report.weight / 1024:.1f} KB in {report.requests} requests"
                + (" (over)" if report.weight > budget.max_bytes else "")
                if report.page
                else "no page (a draft?)"
            )
            lines.append(
                f"| {_file_cell(report)} | `{_cell(report.page)}` | {weight} "
                f"| {_review_cell(report)} | {_found_cell(report)} |"
            )
        lines.append("")
    lines.append(
        "The built site is attached to this run as the artifact `site-preview`: download "
        "and unzip it, run `python3 -m http.server -d site-preview 8000`, and open "
        "http://localhost:8000/ to see the pages as they will be published."
    )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="main's built site")
    parser.add_argument("--head", type=Path, required=True, help="this pull request's build")
    parser.add_argument("--siteurl", required=True)
    parser.add_argument("--settings", type=Path, default=ROOT / "publishconf.py")
    parser.add_argument("--main-content", type=Path, help="main's content/, to find the changes")
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="this content/")
    parser.add_argument("changed", nargs="*", help="content files the pull request changes")
    args = parser.parse_args(argv)
    if args.main_content:
        args.changed += changed_content(args.main_content, args.content)
    if not (args.head / "index.html").is_file():  # the build stopped: no site to compare
        print(unbuilt_markdown(rule_problems(args.changed, args.settings, args.content)))
        return 0
    base = pages_of(args.base) if args.base.is_dir() else {}
    changes = compare(base, pages_of(args.head))
    report = check_site(args.head, args.siteurl, validate_html=False)
    reports = page_reports(
        args.changed, args.head, args.siteurl, report.problems, args.settings, args.content
    )
    print(summary_markdown(changes, reports, Budget()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
