"""Run Lighthouse on a production build served locally and hold it to the site's budgets.

Patients mostly arrive on phones over slow connections, so the figures are taken with Lighthouse's
default mobile emulation and throttling. The build is served from 127.0.0.1 the way GitHub Pages
serves it (folder index pages, the site's own 404 page, gzip), so nothing leaves the machine.

    python -m checks.audit --site /tmp/audit-site --port 8123

The built site's SITEURL must be the served address (links and the canonical URL are absolute).
Exit status: 0 within budget, 1 over budget, 2 when the tools or the build are missing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from checks.serve import serve

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from clinic.core.progress import progress

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
DEFAULT_REPORT_DIR = ROOT / "audit-reports"
ARTICLE = "/blog/in-office-vs-diy-microdermabrasion/"
SPANISH_ARTICLE = "/es/blog/microdermoabrasion-en-consultorio-o-en-casa/"
TREATMENT = "/treatments/microdermabrasion/"
PROVIDER = "/providers/dr-example/"
DEFAULT_PAGES = ("/", ARTICLE, TREATMENT, PROVIDER, "/contact/", SPANISH_ARTICLE)
# The home page, with its photo, cards and faces, is held to this weight.
HOME_MAX_BYTES = 150 * 1024
# Article pages without images, held to the light-page budget.
DEFAULT_LIGHT = (ARTICLE, SPANISH_ARTICLE)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE_TIMEOUT = 300  # seconds; a throttled mobile run takes 10-30 s here

# Chrome must stay off the network: only the served site may be fetched.
# The browser tests start Chromium with the same flags (tests/browser.py).
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
CHROME_FLAGS = ("--headless=new", *CHROMIUM_FLAGS)


class AuditError(Exception):
    """Lighthouse could not produce a report; the message says why."""


# --- running Lighthouse -----------------------------------------------------------------------


def lighthouse_command(url: str, user_data_dir: str | os.PathLike[str]) -> list[str]:
    """The Lighthouse command line for one mobile run that never reaches the network."""
    chrome_flags = " ".join((*CHROME_FLAGS, f"--user-data-dir={os.fspath(user_data_dir)}"))
    return [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        "--form-factor=mobile",
        f"--chrome-flags={chrome_flags}",
        # The full-page screenshot is only for the HTML viewer; skipping it saves time.
        "--disable-full-page-screenshot",
        # Otherwise Lighthouse may ask (on a terminal) to send crash reports to Sentry.
        "--no-enable-error-reporting",
    ]


def run_lighthouse(url: str, chrome_path: str | os.PathLike[str]) -> dict[str, Any]:
    """Audit `url` once in a fresh Chrome profile and return the parsed report (LHR).

    A fresh profile keeps one run's cache and service workers out of the next.
    """
    env = {**os.environ, "CHROME_PATH": os.fspath(chrome_path)}
    with tempfile.TemporaryDirectory(prefix="audit-chrome-", ignore_cleanup_errors=True) as tmp:
        try:
            done = subprocess.run(
                lighthouse_command(url, tmp),
                env=env,
                capture_output=True,
                text=True,
                timeout=LIGHTHOUSE_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise AuditError(f"Lighthouse took over {LIGHTHOUSE_TIMEOUT} s on {url}") from None
    if done.returncode != 0:
        raise AuditError(f"Lighthouse failed on {url}:\n{_tail(done.stderr or done.stdout)}")
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        message = f"Lighthouse printed no JSON report for {url}:\n{_tail(done.stderr)}"
        raise AuditError(message) from None


def _tail(text: str, lines: int = 15) -> str:
    """The end of a tool's output, where the reason usually is."""
    return "\n".join(text.strip().splitlines()[-lines:])


# --- figures ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FailedAudit:
    """One audit that cost a category points."""

    category: str
    id: str
    title: str


@dataclass(frozen=True)
class PageFigures:
    """What one Lighthouse run says about one page; scores are 0–100, None when not measured."""

    path: str
    performance: int | None
    accessibility: int | None
    best_practices: int | None
    seo: int | None
    cls: float
    lcp_ms: float
    transfer_bytes: int
    requests: int
    failed_audits: tuple[FailedAudit, ...] = ()
    errored_audits: tuple[str, ...] = ()
    runtime_error: str | None = None

    @property
    def scores(self) -> dict[str, int | None]:
        """The four category scores by Lighthouse's category id."""
        return {
            "performance": self.performance,
            "accessibility": self.accessibility,
            "best-practices": self.best_practices,
            "seo": self.seo,
        }


def _percent(score: float | None) -> int | None:
    """A 0–1 score as Lighthouse displays it (rounding halves up, as JavaScript does)."""
    return None if score is None else math.floor(score * 100 + 0.5)


def summarise(lhr: Mapping[str, Any]) -> PageFigures:
    """The figures the budgets and the table need, out of a full Lighthouse report."""
    audits = lhr["audits"]
    categories = lhr["categories"]
    scores = {name: _percent(categories.get(name, {}).get("score")) for name in CATEGORIES}
    failed: list[FailedAudit] = []
    for name in CATEGORIES:
        category = categories.get(name)
        if category is None or scores[name] == 100:
            continue
        for ref in category.get("auditRefs", ()):
            audit = audits.get(ref["id"], {})
            score = audit.get("score")
            if score is not None and score < 1:
                failed.append(FailedAudit(name, ref["id"], audit.get("title", ref["id"])))
    errored = tuple(sorted(k for k, a in audits.items() if a.get("scoreDisplayMode") == "error"))
    network = audits.get("network-requests", {}).get("details", {}).get("items", [])
    runtime_error = lhr.get("runtimeError")
    url = lhr.get("requestedUrl") or lhr.get("finalDisplayedUrl") or "/"
    return PageFigures(
        path=urlsplit(url).path or "/",
        performance=scores["performance"],
        accessibility=scores["accessibility"],
        best_practices=scores["best-practices"],
        seo=scores["seo"],
        cls=float(audits.get("cumulative-layout-shift", {}).get("numericValue") or 0.0),
        lcp_ms=float(audits.get("largest-contentful-paint", {}).get("numericValue") or 0.0),
        transfer_bytes=sum(int(item.get("transferSize") or 0) for item in network),
        requests=len(network),
        failed_audits=tuple(failed),
        errored_audits=errored,
        runtime_error=(
            f"{runtime_error.get('code')}: {runtime_error.get('message')}"
            if runtime_error
            else None
        ),
    )


def representative(lhrs: Sequence[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The run with the median performance score (the lower one of an even count).

    Shared machines make single runs noisy; keeping a whole real run, rather than medians of each
    figure, keeps its figures and its saved report consistent with each other.
    """
    if not lhrs:
        raise ValueError("no Lighthouse runs")
    ranked = sorted(lhrs, key=lambda lhr: lhr["categories"]["performance"].get("score") or 0.0)
    return ranked[(len(ranked) - 1) // 2]


# --- budgets ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Budget:
    """What a page must score; `light` pages (no images) also have a weight limit."""

    min_performance: int = 100
    min_accessibility: int = 100
    min_best_practices: int = 100
    min_seo: int = 100
    max_cls: float = 0.001  # exclusive: "no layout shift" with room for float noise
    light: bool = False
    max_light_bytes: int = 20 * 1024
    max_light_requests: int = 4
    max_bytes: int | None = None  # any page's weight limit (the home page's)


def budget_for(path: str, light: Sequence[str]) -> Budget:
    """Every page: 100 in each category and no layout shift; an article without pictures
    (`light`) also at most 20 KB in 4 requests; the home page at most 150 KB."""
    return Budget(light=path in light, max_bytes=HOME_MAX_BYTES if path == "/" else None)


def check_budget(page: PageFigures, budget: Budget) -> list[str]:
    """Readable reasons `page` is over `budget`; empty when it is within it."""
    where = page.path
    if page.runtime_error:
        return [f"{where}: Lighthouse could not audit the page ({page.runtime_error})"]
    failures = []
    minimums = {
        "performance": budget.min_performance,
        "accessibility": budget.min_accessibility,
        "best-practices": budget.min_best_practices,
        "seo": budget.min_seo,
    }
    for name, minimum in minimums.items():
        score = page.scores[name]
        if score is None:
            failures.append(f"{where}: {name} has no score (needs >= {minimum})")
        elif score < minimum:
            failures.append(f"{where}: {name} {score} < {minimum}")
    if page.cls >= budget.max_cls:
        failures.append(f"{where}: CLS {page.cls:.3f} (needs 0, under {budget.max_cls})")
    if budget.max_bytes is not None and page.transfer_bytes > budget.max_bytes:
        failures.append(
            f"{where}: {_kb(page.transfer_bytes)} KB transferred > {_kb(budget.max_bytes)} KB"
        )
    if budget.light:
        if page.transfer_bytes > budget.max_light_bytes:
            failures.append(
                f"{where}: {_kb(page.transfer_bytes)} KB transferred "
                f"> {_kb(budget.max_light_bytes)} KB for a light page"
            )
        if page.requests > budget.max_light_requests:
            failures.append(
                f"{where}: {page.requests} requests > {budget.max_light_requests} for a light page"
            )
    return failures


# --- output -----------------------------------------------------------------------------------


def _kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def _score(score: int | None) -> str:
    return "-" if score is None else str(score)


def format_table(rows: Sequence[PageFigures]) -> str:
    """One line of figures per page, then the audits that cost each page points."""
    header = ("page", "perf", "a11y", "b-p", "seo", "CLS", "LCP ms", "KB", "req")
    lines = [
        (
            page.path,
            *(_score(score) for score in page.scores.values()),
            f"{page.cls:.3f}",
            f"{page.lcp_ms:.0f}",
            _kb(page.transfer_bytes),
            str(page.requests),
        )
        for page in rows
    ]
    width = max(len(cells[0]) for cells in [header, *lines])
    text = [
        f"{cells[0]:<{width}}  " + "  ".join(f"{cell:>6}" for cell in cells[1:])
        for cells in [header, *lines]
    ]
    for page in rows:
        if page.runtime_error:
            text.append(f"\n{page.path}: Lighthouse error {page.runtime_error}")
        if page.failed_audits:
            text.append(f"\n{page.path} failed audits:")
            text.extend(
                f"  [{audit.category}] {audit.id}: {audit.title}" for audit in page.failed_audits
            )
        if page.errored_audits:
            text.append(f"{page.path} audits Lighthouse could not run (no score, not counted):")
            text.append("  " + ", ".join(page.errored_audits))
    return "\n".join(text)


def report_name(path: str) -> str:
    """A file name for a page's saved report: `/blog/post/` -> `blog-post.json`."""
    slug = "-".join(part for part in path.split("/") if part)
    return f"{slug or 'home'}.json"


# --- command line -----------------------------------------------------------------------------


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m checks.audit",
        description="Run Lighthouse (mobile) on a built site served at 127.0.0.1 and "
        "fail when a page is over budget.",
    )
    parser.add_argument("--site", type=Path, required=True, help="the built site's folder")
    parser.add_argument(
        "--port", type=int, default=8123, help="port to serve at; the build's SITEURL must match"
    )
    parser.add_argument(
        "--pages", nargs="+", default=list(DEFAULT_PAGES), metavar="PATH", help="paths to audit"
    )
    parser.add_argument(
        "--light",
        nargs="*",
        default=list(DEFAULT_LIGHT),
        metavar="PATH",
        help="pages without images, held to the weight limit too",
    )
    parser.add_argument("--chrome", default="/usr/bin/chromium", help="Chrome or Chromium binary")
    parser.add_argument(
        "--runs", type=int, default=1, help="runs per page; the median performance run is kept"
    )
    parser.add_argument(
        "--report-dir",
        type=Path,
        default=DEFAULT_REPORT_DIR,
        help="where each page's full JSON report is written",
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def _missing_tools(chrome: str) -> list[str]:
    """What keeps the audit from starting, each with its fix."""
    problems = []
    if not LIGHTHOUSE.exists():
        problems.append(
            f"Lighthouse is not installed ({LIGHTHOUSE.relative_to(ROOT)} is missing): "
            "`make audit` installs it with `npm ci`."
        )
    if not (os.path.isfile(chrome) and os.access(chrome, os.X_OK)):
        problems.append(
            f"No Chrome binary at {chrome}: install Chromium (apt-get install chromium) "
            "or pass --chrome PATH (only Lighthouse comes from `npm ci`)."
        )
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the site, audit each page, print the figures; 0 passed, 1 over budget, 2 unusable."""
    args = _parse(argv)
    problems = _missing_tools(args.chrome)
    if not (args.site / "index.html").is_file():
        problems.append(f"No built site at {args.site} (no index.html): build it first.")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    address = f"http://127.0.0.1:{args.port}"
    if address not in (args.site / "index.html").read_text(encoding="utf-8"):
        print(
            f"Warning: {args.site} does not seem built with SITEURL={address}; "
            "absolute links will leave the served copy.",
            file=sys.stderr,
        )
    args.report_dir.mkdir(parents=True, exist_ok=True)
    rows: list[PageFigures] = []
    failures: list[str] = []
    with contextlib.ExitStack() as stack:
        try:
            base = stack.enter_context(serve(args.site, args.port))
        except OSError as error:
            print(f"Cannot serve {args.site} at {address}: {error}", file=sys.stderr)
            return 2
        advance = stack.enter_context(progress("Lighthouse", len(args.pages) * args.runs))
        for path in args.pages:
            url = base + "/" + path.lstrip("/")
            try:
                lhrs = []
                for _ in range(args.runs):
                    lhrs.append(run_lighthouse(url, args.chrome))
                    advance(1)
            except AuditError as error:
                print(error, file=sys.stderr)
                return 2
            lhr = representative(lhrs)
            (args.report_dir / report_name(path)).write_text(json.dumps(lhr), encoding="utf-8")
            page = summarise(lhr)
            if args.runs > 1:
                runs = ", ".join(
                    _score(_percent(run["categories"]["performance"].get("score"))) for run in lhrs
                )
                print(f"{page.path} performance over {args.runs} runs: {runs}", file=sys.stderr)
            rows.append(page)
            failures += check_budget(page, budget_for(path, args.light))
    print(format_table(rows))
    print(f"\nFull reports: {args.report_dir}")
    if failures:
        print("\nAudit failed, over budget:\n" + "\n".join(f"  {f}" for f in failures))
        return 1
    print("\nAudit passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
