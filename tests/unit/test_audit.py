"""The audit's pure parts and its local server; Lighthouse itself runs in `make audit`."""

from __future__ import annotations

import dataclasses
import gzip
import urllib.error
import urllib.request
from typing import Any

import pytest

from checks.audit import (
    Budget,
    FailedAudit,
    PageFigures,
    check_budget,
    format_table,
    report_name,
    representative,
    summarise,
)
from checks.serve import serve

pytestmark = pytest.mark.unit

ARTICLE = "/blog/in-office-vs-diy-microdermabrasion/"


def audit(title: str, score: float | None, mode: str = "binary", **extra: Any) -> dict[str, Any]:
    return {"title": title, "score": score, "scoreDisplayMode": mode, **extra}


def make_lhr(
    performance: float = 0.97, best_practices: float = 0.96, path: str = ARTICLE
) -> dict[str, Any]:
    """A report cut down to what the audit reads, shaped like Lighthouse 12's."""
    return {
        "requestedUrl": f"http://127.0.0.1:8123{path}",
        "finalDisplayedUrl": f"http://127.0.0.1:8123{path}",
        "categories": {
            "performance": {
                "score": performance,
                "auditRefs": [
                    {"id": "largest-contentful-paint", "weight": 25},
                    {"id": "cumulative-layout-shift", "weight": 25},
                    {"id": "uses-text-compression", "weight": 0},
                ],
            },
            "accessibility": {"score": 1, "auditRefs": [{"id": "color-contrast", "weight": 7}]},
            "best-practices": {
                "score": best_practices,
                "auditRefs": [
                    {"id": "errors-in-console", "weight": 1},
                    {"id": "doctype", "weight": 1},
                    {"id": "inspector-issues", "weight": 0},
                ],
            },
            "seo": {"score": 1, "auditRefs": [{"id": "meta-description", "weight": 1}]},
        },
        "audits": {
            "largest-contentful-paint": audit(
                "Largest Contentful Paint", 0.91, "numeric", numericValue=2712.4
            ),
            "cumulative-layout-shift": audit(
                "Cumulative Layout Shift", 1, "numeric", numericValue=0.0
            ),
            "uses-text-compression": audit("Enable text compression", 0.5, "metricSavings"),
            "color-contrast": audit("Background and foreground colors have contrast", 1),
            "errors-in-console": audit("Browser errors were logged to the console", 0),
            "doctype": audit("Page has the HTML doctype", 1),
            "inspector-issues": audit("No issues in the Issues panel", None, "notApplicable"),
            "meta-description": audit("Document has a meta description", 0),
            "layout-shifts": audit("Avoid large layout shifts", None, "error"),
            "network-requests": {
                "title": "Network Requests",
                "score": None,
                "scoreDisplayMode": "informative",
                "details": {
                    "type": "table",
                    "items": [
                        {"url": f"http://127.0.0.1:8123{path}", "transferSize": 2336},
                        {"url": "http://127.0.0.1:8123/theme/css/site.css", "transferSize": 1972},
                        {"url": "http://127.0.0.1:8123/favicon.ico", "transferSize": 2100},
                    ],
                },
            },
        },
    }


def figures(**changes: Any) -> PageFigures:
    """Figures within every budget, with `changes` applied."""
    good = PageFigures(
        path=ARTICLE,
        performance=100,
        accessibility=100,
        best_practices=100,
        seo=100,
        cls=0.0,
        lcp_ms=900.0,
        transfer_bytes=12 * 1024,
        requests=3,
    )
    return dataclasses.replace(good, **changes)


def test_summarise_reads_scores_metrics_and_network() -> None:
    page = summarise(make_lhr())

    assert page.path == ARTICLE
    assert page.scores == {
        "performance": 97,
        "accessibility": 100,
        "best-practices": 96,
        "seo": 100,
    }
    assert page.cls == 0.0
    assert page.lcp_ms == pytest.approx(2712.4)
    assert page.transfer_bytes == 2336 + 1972 + 2100
    assert page.requests == 3


def test_summarise_lists_failed_audits_of_categories_below_100_only() -> None:
    page = summarise(make_lhr())

    assert page.failed_audits == (
        FailedAudit("performance", "largest-contentful-paint", "Largest Contentful Paint"),
        FailedAudit("performance", "uses-text-compression", "Enable text compression"),
        FailedAudit(
            "best-practices", "errors-in-console", "Browser errors were logged to the console"
        ),
    )
    # seo scored 100 in this report, so its (made-up) failing audit is not listed.
    assert "meta-description" not in {a.id for a in page.failed_audits}
    assert page.errored_audits == ("layout-shifts",)


def test_summarise_rounds_scores_half_up_like_lighthouse() -> None:
    assert summarise(make_lhr(performance=0.985)).performance == 99


def test_summarise_keeps_a_runtime_error_and_missing_scores() -> None:
    lhr = make_lhr()
    lhr["runtimeError"] = {"code": "NO_FCP", "message": "The page did not paint any content."}
    lhr["categories"]["performance"]["score"] = None

    page = summarise(lhr)

    assert page.performance is None
    assert page.runtime_error == "NO_FCP: The page did not paint any content."
    assert check_budget(page, Budget()) == [
        f"{ARTICLE}: Lighthouse could not audit the page "
        "(NO_FCP: The page did not paint any content.)"
    ]


def test_representative_is_the_median_performance_run() -> None:
    runs = [make_lhr(performance=score) for score in (0.91, 1.0, 0.98)]
    assert representative(runs) is runs[2]
    assert representative(runs[:2]) is runs[0]  # an even count keeps the lower middle


def test_check_budget_passes_good_figures() -> None:
    assert check_budget(figures(), Budget()) == []
    assert check_budget(figures(), Budget(light=True)) == []
    assert check_budget(figures(performance=100, cls=0.0009), Budget()) == []


def test_check_budget_names_each_score_below_its_minimum() -> None:
    failures = check_budget(
        figures(performance=97, accessibility=99, best_practices=96, seo=None), Budget()
    )
    assert failures == [
        f"{ARTICLE}: performance 97 < 100",
        f"{ARTICLE}: accessibility 99 < 100",
        f"{ARTICLE}: best-practices 96 < 100",
        f"{ARTICLE}: seo has no score (needs >= 100)",
    ]


def test_check_budget_allows_no_layout_shift() -> None:
    failures = check_budget(figures(cls=0.002), Budget())
    assert failures == [f"{ARTICLE}: CLS 0.002 (needs 0, under 0.001)"]


def test_check_budget_holds_light_pages_to_the_weight_limits() -> None:
    heavy = figures(transfer_bytes=20 * 1024 + 1, requests=5)

    assert check_budget(heavy, Budget()) == []
    assert check_budget(heavy, Budget(light=True)) == [
        f"{ARTICLE}: 20.0 KB transferred > 20.0 KB for a light page",
        f"{ARTICLE}: 5 requests > 4 for a light page",
    ]
    at_limit = figures(transfer_bytes=20 * 1024, requests=4)
    assert check_budget(at_limit, Budget(light=True)) == []


def test_the_home_page_is_held_to_its_weight_and_articles_without_pictures_to_theirs() -> None:
    from checks.audit import HOME_MAX_BYTES, budget_for

    home = budget_for("/", [ARTICLE])
    assert check_budget(figures(path="/", transfer_bytes=HOME_MAX_BYTES), home) == []
    assert check_budget(figures(path="/", transfer_bytes=HOME_MAX_BYTES + 1024), home) == [
        "/: 151.0 KB transferred > 150.0 KB"
    ]
    assert budget_for(ARTICLE, [ARTICLE]).light
    assert not budget_for("/treatments/microdermabrasion/", [ARTICLE]).light


def test_format_table_shows_the_figures_and_failed_audits() -> None:
    home = figures(path="/", performance=97, lcp_ms=2712.4, transfer_bytes=6408)
    failing = summarise(make_lhr())

    table = format_table([home, failing])
    lines = table.splitlines()

    assert lines[0].split() == [
        "page",
        "perf",
        "a11y",
        "b-p",
        "seo",
        "CLS",
        "LCP",
        "ms",
        "KB",
        "req",
    ]
    assert lines[1].split() == ["/", "97", "100", "100", "100", "0.000", "2712", "6.3", "3"]
    assert lines[2].split() == [ARTICLE, "97", "100", "96", "100", "0.000", "2712", "6.3", "3"]
    assert "errors-in-console: Browser errors were logged to the console" in table
    assert "uses-text-compression: Enable text compression" in table
    assert "layout-shifts" in table


def test_report_name() -> None:
    assert report_name("/") == "home.json"
    assert report_name(ARTICLE) == "blog-in-office-vs-diy-microdermabrasion.json"


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


def test_serve_answers_like_github_pages(tmp_path) -> None:
    (tmp_path / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<p>not here</p>", encoding="utf-8")
    (tmp_path / "contact").mkdir()
    (tmp_path / "contact" / "index.html").write_text("<p>contact</p>", encoding="utf-8")
    (tmp_path / "empty").mkdir()

    with serve(tmp_path, 0) as base:
        assert base.startswith("http://127.0.0.1:")
        assert _get(base + "/")[::2] == (200, b"<p>home</p>")
        assert _get(base + "/contact/")[::2] == (200, b"<p>contact</p>")
        assert _get(base + "/missing/page/")[::2] == (404, b"<p>not here</p>")
        assert _get(base + "/empty/")[::2] == (404, b"<p>not here</p>")  # no folder listings

        status, headers, body = _get(base + "/contact/", **{"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == b"<p>contact</p>"
