"""The site's commands as invoke tasks; the Makefile calls these by the same names.

`invoke --list` shows them. Builds go to a staging folder first and replace
`output/` only when they succeed, so a failed build never leaves a
half-written site behind (tools/build.py).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from invoke import task

from tools.build import (
    BuildFailed,
    build_command,
    build_lock,
    build_site,
    edition_runs,
    keep_bytecode,
    load_settings,
    plain_logging,
)

ROOT = Path(__file__).resolve().parent
CONFIG = {
    "content": ROOT / "content",
    "output": ROOT / "output",
    "settings_base": ROOT / "pelicanconf.py",
    "settings_publish": ROOT / "publishconf.py",
    "facts": ROOT / "clinic.toml",
}
PYTHON = sys.executable


@task
def html(c, content="", output=""):
    """Build the site into output/ with the development settings (content cache on)."""
    build_command("html", content=content, output=output)


@task
def publish(c, siteurl="", content="", output="", noindex=False):
    """Build the production site into output/ (SITEURL overrides the address; cache on;
    NOINDEX for a pull request's preview, which no search engine should list)."""
    build_command("publish", siteurl=siteurl, content=content, output=output, noindex=noindex)


@task
def serve(c, port=8000):
    """Serve output/ at http://localhost:PORT/ as the host will (no rebuilds)."""
    from checks.serve import serve as serve_site

    try:
        with serve_site(CONFIG["output"], int(port)) as url:
            print(f"Serving output/ at {url}/ (Ctrl-C to stop)")
            _wait_for_interrupt()
    except OSError as error:
        sys.exit(_port_busy(port, "serve", error))


def _port_busy(port, command: str, error: OSError) -> str:
    return (
        f"Cannot listen on port {port} ({error.strerror}): try make {command} PORT={int(port) + 1}"
    )


def _wait_for_interrupt() -> None:
    import threading

    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        print()


@task(aliases=["livereload"])
def devserver(c, port=8000):
    """Preview at http://localhost:PORT/: rebuilds on every save and reloads the browser."""
    from tools.devserver import DevServer

    plain_logging()
    watched = [CONFIG["content"], ROOT / "theme", ROOT / "plugins", CONFIG["settings_base"]]
    try:
        server = DevServer(
            CONFIG["settings_base"],
            CONFIG["content"],
            CONFIG["output"],
            watched,
            int(port),
            cache=ROOT / "cache",
        )
    except OSError as error:
        sys.exit(_port_busy(port, "devserver", error))
    server.start()
    print(f"Preview at {server.url}/ (drafts at {server.url}/drafts/<slug>/); Ctrl-C to stop")
    try:
        _wait_for_interrupt()
    finally:
        server.stop()


@task
def new(c, title="", lang="", translation_of=""):
    """Start a draft: content/articles/<slug>.md with every metadata field; with LANG and
    TRANSLATION_OF, a translation in content/<lang>/articles/, from the original's text."""
    import pelicanconf
    from tools.newpost import create_post, create_translation

    editions = getattr(pelicanconf, "CLINIC_EDITIONS", {})
    first = next(iter(editions), "en")
    try:
        if (lang and lang != first) or translation_of:
            if lang not in editions or lang == first:
                others = ", ".join(code for code in editions if code != first) or "none"
                raise ValueError(f"lang must be one of the site's other languages: {others}")
            if not translation_of:
                raise ValueError("name the original: translation_of=<the English article's slug>")
            categories = editions[lang].get("CLINIC_CATEGORIES", pelicanconf.CLINIC_CATEGORIES)
            path = create_translation(CONFIG["content"], title, lang, translation_of, categories)
            preview = f"/{lang}/drafts/{path.stem}/"
        else:
            path = create_post(
                CONFIG["content"] / "articles",
                title,
                datetime.now(),
                pelicanconf.AUTHOR,
                pelicanconf.CLINIC_CATEGORIES,
            )
            preview = f"/drafts/{path.stem}/"
    except (ValueError, FileExistsError) as error:
        sys.exit(f"make new: {error}")
    shown = path.relative_to(ROOT)
    print(f"{shown}\nWrite it, then preview it with `make devserver` at {preview}.")


def _content_problems(content: Path | None = None):
    """Every content problem, edition by edition with each edition's settings (its
    categories, calls to action, providers: what `make html` checks), each reported
    once; and the settings' own warnings: the language-assistance taglines (too few, or
    unchecked), and each of the repository's invented facts still in place.

    Unlike the build, an edition with errors does not stop the next one: a writer sees
    every language's mistakes in one pass. The rules over the whole content/ tree (links,
    private metadata) run once per edition, hence the one-of-each."""
    from clinic.core.problems import SettingsError
    from clinic.rules.lint import check_site_content
    from clinic.settings.taglines import tagline_warnings
    from clinic.settings.validation import validate

    problems = []
    for number, settings in enumerate(edition_runs(CONFIG["settings_base"], content)):
        try:
            site = validate(settings)
        except SettingsError as error:
            sys.exit(str(error))
        if number == 0:
            state = str(settings["CLINIC"].get("state") or "")
            problems += tagline_warnings(site.taglines, state) + _invented_facts(content)
        problems += check_site_content(settings, site)
    return list(dict.fromkeys(problems))


def _invented_facts(content: Path | None = None):
    """Each of the repository's invented facts still in place, one warning per line: in
    clinic.toml, the settings files and the content (placeholders.py)."""
    from clinic.settings.placeholders import (
        content_placeholder_problems,
        placeholder_problems,
        toml_placeholder_problems,
    )

    found = toml_placeholder_problems(CONFIG["facts"], CONFIG["facts"].name)
    for name in ("settings_base", "settings_publish"):
        found += placeholder_problems(CONFIG[name], CONFIG[name].name)
    root = Path(content) if content else CONFIG["content"]
    shown = os.path.relpath(root, ROOT) if root.is_relative_to(ROOT) else str(root)
    return found + content_placeholder_problems(root, shown)


def _ruff(c) -> None:
    """ruff's lint rules and its formatting check, as pyproject.toml configures them."""
    c.run(f'"{PYTHON}" -m ruff check "{ROOT}"')
    c.run(f'"{PYTHON}" -m ruff format --check "{ROOT}"')


def _zizmor(c) -> None:
    """zizmor's audits of the GitHub workflows, all of them (pedantic), offline."""
    zizmor = Path(PYTHON).parent / "zizmor"
    workflows = ROOT / ".github" / "workflows"
    c.run(f'"{zizmor}" --offline --persona=pedantic --no-progress --quiet "{workflows}"')


def _layers(c) -> None:
    """The plugin's layers (pyproject.toml, import-linter): no package imports one above it."""
    lint_imports = Path(PYTHON).parent / "lint-imports"
    c.run(
        f'"{lint_imports}" --config "{ROOT / "pyproject.toml"}"',
        env={"PYTHONPATH": str(ROOT / "plugins")},
    )


@task
def lint(c, content="", annotate=True):
    """The writers' check: the content rules, the translations and the settings' warnings.

    Content only, so that a writer reads their own problems and nothing about the code;
    the developers' checks are `make check-code`. CONTENT: another content folder;
    --no-annotate: no notes on the pull request's lines (`make test`'s, in test.yml,
    would repeat preview.yml's)."""
    from clinic.rules.annotations import report_to_github

    problems = _content_problems(Path(content) if content else None)
    for problem in problems:
        print(("warning: " if problem.warning else "") + str(problem))
    if annotate:
        report_to_github(problems)  # in GitHub Actions: on the lines of the pull request
    errors = [p for p in problems if not p.warning]
    print(f"Content: {len(errors)} error(s), {len(problems) - len(errors)} warning(s).")
    from tools.translations import catalog_problems

    untranslated = catalog_problems()
    for problem in untranslated:
        print(problem)
    print(f"Translations: {len(untranslated)} template text(s) without a translation.")
    if errors or untranslated:
        sys.exit(1)


@task(name="check-code")
def check_code(c):
    """The developers' check: ruff on the Python code, the plugin's layers, zizmor on the
    workflows. Apart from `make lint`, whose readers are the writers."""
    _ruff(c)
    _layers(c)
    _zizmor(c)


@task
def scrub(c, content=""):
    """Remove the metadata (GPS, serial numbers, names) from content/'s pictures, drawings
    and PDFs in place, and turn phone photos upright: the fix `make lint` names."""
    from tools.scrub import main as scrub_main

    code = scrub_main([content] if content else [])
    if code:
        sys.exit(code)


@task
def translations(c):
    """Add the templates' new text to every language's catalog, to be translated there."""
    from tools.translations import update_catalogs

    lacking = update_catalogs()
    for problem in lacking:
        print(problem)
    print(f"{len(lacking)} text(s) to translate in theme/translations/.")


@task
def report(c, today=""):
    """reports/content-health.html: articles per month, reviews due, page weights, what expires."""
    from tools.report import main

    main(["--today", today] if today else [])


@task(name="review-due")
def review_due(c, age=0):
    """Medical articles whose last review is older than AGE days (the re-review worklist)."""
    import pelicanconf
    from clinic.rules.check import read_all
    from clinic.rules.expiry import expiring_soon, format_expiring, soonest_first
    from clinic.rules.lint import content_files
    from clinic.rules.review import format_due, oldest_first, review_due
    from clinic.settings.options import PelicanSite, build_now

    max_age = int(age) or pelicanconf.CLINIC_REVIEW_MAX_AGE_DAYS
    today, due, expiring = date.today(), [], []
    for settings in edition_runs(CONFIG["settings_base"]):  # every language's articles
        sources, _ = read_all(content_files(PelicanSite.of(settings)))
        medical = frozenset(settings["CLINIC_MEDICAL_CATEGORIES"])
        due += review_due(sources, medical, today, max_age, settings["DEFAULT_LANG"])
        expiring += expiring_soon(sources, build_now(settings), lang=settings["DEFAULT_LANG"])
    print(format_due(oldest_first(due, today), max_age))
    print(format_expiring(soonest_first(expiring)))  # what comes down in the next 14 days


@task(aliases=["gh-pages"])
def github(c, remote="origin", siteurl="", push=True):
    """Production build, pre-publish gate, then ghp-import to gh-pages and push to REMOTE.

    With --no-push, gh-pages is committed locally (on top of REMOTE's gh-pages when it
    is known) and not pushed: CI pushes it in a step of its own, the only one with the
    token.
    """
    with build_lock(CONFIG["output"]):  # no other build swaps output/ before it is published
        _build_gate_publish(c, remote, siteurl, push)


def _build_gate_publish(c, remote: str, siteurl: str, push: bool) -> None:
    from ghp_import import GhpError, ghp_import

    from checks.gate import check_site
    from tools.previews import PREVIEWS, kept_previews

    overrides = {"SITEURL": siteurl} if siteurl else None
    settings = load_settings(CONFIG["settings_publish"], overrides=overrides)
    invented = _invented_facts()
    if invented and not settings.get("CLINIC_DEMO"):
        for problem in invented:
            print(problem, file=sys.stderr)
        sys.exit(
            f"Nothing was published: {len(invented)} invented fact(s) above are still in "
            "place, and a patient could call a 555 number. Replace them (README: Make it "
            "your clinic's site), or set demo = true in clinic.toml to publish a sample site."
        )
    build_command("publish", siteurl=siteurl, locked=True)  # github holds the lock
    report = check_site(
        CONFIG["output"], settings["SITEURL"], settings.get("CLINIC_ALLOWED_ORIGINS", ())
    )
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(report.summary())
    if report.problems:
        sys.exit(f"Nothing was published: {settings['GITHUB_PAGES_BRANCH']} is unchanged.")
    revision = c.run("git rev-parse --short HEAD", hide=True, warn=True).stdout.strip()
    _default_committer(c, settings["SITENAME"])
    branch = settings["GITHUB_PAGES_BRANCH"]
    # ghp-import commits output/ as the branch's whole tree: the pull requests' previews
    # (preview.yml) are copied in from the branch for that commit, or it would drop them.
    with kept_previews(ROOT, CONFIG["output"], remote, branch) as previews:
        try:
            ghp_import(
                str(CONFIG["output"]),
                mesg=f"Publish {revision or 'the site'} ({datetime.now():%Y-%m-%d %H:%M})",
                branch=branch,
                remote=remote,
                push=push,
                nojekyll=True,
                cname=settings.get("GITHUB_PAGES_CNAME"),
            )
        except GhpError as error:
            sys.exit(f"ghp-import failed: {error}")
    if previews:
        print(f"Kept {previews} pull-request preview(s) in {branch}'s {PREVIEWS}/.")
    if push:
        print(f"Published to {remote} {branch}.")
    else:
        print(f"Committed {branch} locally, not pushed: git push {remote} {branch} publishes it.")


def _default_committer(c, site_name: str) -> None:
    """ghp-import commits as git's user; CI machines may have none configured: then the
    site's own name (the clinic's, from clinic.toml)."""
    for key, config, fallback in (
        ("GIT_COMMITTER_NAME", "user.name", f"{site_name} site"),
        ("GIT_COMMITTER_EMAIL", "user.email", "site@localhost"),
    ):
        if not c.run(f"git config {config}", hide=True, warn=True).stdout.strip():
            os.environ.setdefault(key, fallback)


@task
def audit(c, port=8123, runs=1):
    """Lighthouse on the production build served at 127.0.0.1:PORT: scores, bytes, budgets."""
    site = ROOT / "audit-reports" / "site"
    plain_logging()
    try:
        build_site(
            CONFIG["settings_publish"],
            site,
            overrides={"SITEURL": f"http://127.0.0.1:{int(port)}"},
        )
    except BuildFailed as failure:
        sys.exit(f"{failure}\nAudit stopped: the production build failed.")
    c.run(f'"{PYTHON}" -m checks.audit --site "{site}" --port {int(port)} --runs {int(runs)}')


@task(
    help={
        "report-only": "print every figure and target but exit 0 (own runs, never CI)",
        "floor-only": "fail only beyond the cold-build floors (CI)",
    }
)
def bench(c, articles=1000, rounds=3, report_only=False, floor_only=False):
    """make html and make publish against a stock pelican-quickstart project (bench/run.py)."""
    flag = (" --report-only" if report_only else "") + (" --floor-only" if floor_only else "")
    c.run(f'"{PYTHON}" -m bench.run --articles {int(articles)} --rounds {int(rounds)}{flag}')


# What each test command should take on a quiet two-core machine; each prints its time
# against its target when it ends (a report, not a test that fails on a busy machine).
TEST_TARGET_SECONDS = 120
TEST_FAST_TARGET_SECONDS = 20


@contextmanager
def _timed(command: str, target: float):
    """Print how long `command` took against its target, when it ends, pass or fail.

    The compiled modules are kept (keep_bytecode): the suite starts dozens of Python
    processes, and each would compile the plugin, the tools and the tests again, 3 of
    the 5 seconds each worker takes to collect the tests."""
    keep_bytecode()
    start = time.monotonic()
    try:
        yield
    finally:
        took = time.monotonic() - start
        verdict = "within" if took <= target else "OVER"
        print(f"{command}: {took:.0f} s, {verdict} its {target:.0f} s target", flush=True)


@task
def test(c):
    """Both checks (`make check-code`, then `make lint`), then the whole pytest suite, one
    worker per core (pytest-xdist; the session's sites are built once and shared by the
    workers, each starts a browser; a worker that runs out of tests takes some of the
    other's, so both end together)."""
    with _timed("make test", TEST_TARGET_SECONDS):
        check_code(c)
        lint(c, annotate=False)  # preview.yml puts them on the pull request's lines
        c.run(f'"{PYTHON}" -m pytest -n auto --dist worksteal')


@task(name="test-fast")
def test_fast(c):
    """The unit tests alone (tests/unit, pytest -m unit): the rules and functions, in seconds;
    no site build, no browser, no HTML checker. The inner loop; `make test` runs everything."""
    with _timed("make test-fast", TEST_FAST_TARGET_SECONDS):
        c.run(f'"{PYTHON}" -m pytest -m unit "{ROOT / "tests" / "unit"}"')


@task
def clean(c):
    """Remove the built site and caches."""
    for name in (
        "output",
        "output.partial",
        "output.previous",
        "output.spare",
        "output.built",
        "output.cache",
        "cache",
        "audit-reports",
        "bench-work",
    ):
        shutil.rmtree(ROOT / name, ignore_errors=True)
