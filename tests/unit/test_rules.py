"""Unit tests for the content rules: for each rule, a file that breaks it and one that keeps it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clinic.core.sources import read_source, split_header
from clinic.rules.check import check_duplicate_slugs, check_source, read_all
from clinic.rules.rule_base import RulesConfig

pytestmark = pytest.mark.unit

HEADER = (
    "Title: Sun care\nDate: 2025-02-01\nCategory: Skin Care\nSummary: Short.\n"
    "Author: Spectrum Dermatology\n"
)
MEDICAL = HEADER.replace("Skin Care", "Skin Conditions")


@pytest.fixture
def config(tmp_path) -> RulesConfig:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.png").write_bytes(b"png")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "other.md").write_text(HEADER + "\nBody.\n")
    return RulesConfig(
        content_root=tmp_path,
        ctas=frozenset({"consultation", "visit"}),
        providers=frozenset({"dr-example"}),
        categories=frozenset({"Skin Care", "Skin Conditions"}),
        medical_categories=frozenset({"Skin Conditions"}),
        allowed_origins=frozenset({"https://maps.example.net"}),
        known_urls=frozenset({"", "contact/", "blog/", "images/a.png"}),
        known_files=frozenset({"images/a.png", "articles/other.md"}),
        today=date(2026, 11, 25),
    )


def problems(config: RulesConfig, text: str, name: str = "x.md", section: str = "articles"):
    path = config.content_root / "articles" / name
    path.write_text(text, encoding="utf-8")
    found = check_source(read_source(path, name, section), config)
    return [(p.line, p.message, p.warning) for p in found]


def messages(config, text, **kwargs) -> list[str]:
    return [message for _, message, _ in problems(config, text, **kwargs)]


def test_a_good_article_has_no_problem(config):
    assert problems(config, HEADER + "\nBody with a [link]({filename}other.md).\n") == []


@pytest.mark.parametrize("key", ["Title", "Date", "Category", "Summary", "Author"])
def test_required_fields(config, key):
    text = "".join(line + "\n" for line in HEADER.splitlines() if not line.startswith(key))
    assert messages(config, text + "\nBody.\n") == [f"missing {key}"]


def test_required_fields_in_a_draft_are_warnings(config):
    found = problems(config, "Title: Draft\nStatus: draft\n\nBody.\n")
    assert found
    assert all(warning for _, _, warning in found)


def test_medical_articles_need_a_review(config):
    assert messages(config, MEDICAL + "\nBody.\n") == [
        "missing Reviewed_By",
        "missing Last_Reviewed",
    ]
    reviewed = MEDICAL + "Reviewed_By: dr-example\nLast_Reviewed: 2026-10-01\n\nBody.\n"
    assert problems(config, reviewed) == []


def test_unknown_key_with_a_hint(config):
    found = problems(config, HEADER + "Reviewd_By: dr-example\n\nBody.\n")
    assert found == [(6, "unknown metadata key 'Reviewd_By' (did you mean 'Reviewed_By'?)", False)]


def test_keys_are_case_insensitive_and_not_repeated(config):
    assert messages(config, HEADER.replace("Title", "title") + "\nBody.\n") == []
    assert messages(config, HEADER + "Title: Again\n\nBody.\n") == [
        "Title is given twice (first on line 1)"
    ]


@pytest.mark.parametrize("value", ["2025-02-30", "tomorrow", "01/02/2025", "2025-2-1"])
def test_dates_must_be_real(config, value):
    assert messages(config, HEADER.replace("2025-02-01", value) + "\nBody.\n") == [
        f"Date '{value}' is not a real date"
    ]


@pytest.mark.parametrize("value", ["2025-02-01", "2025-02-01 09:30", "2025-02-01 09:30:15"])
def test_dates_in_every_accepted_form(config, value):
    assert messages(config, HEADER.replace("2025-02-01", value) + "\nBody.\n") == []


def test_names_must_be_known(config):
    text = HEADER.replace("Skin Care", "Skin Cares") + "CTA: book\nReviewed_By: dr-smith\n\nBody.\n"
    found = messages(config, text)
    category = "unknown category 'Skin Cares' (did you mean 'Skin Care'?)"
    assert f"{category} (known: Skin Care, Skin Conditions)" in found
    assert any(m.startswith("unknown CTA 'book'") for m in found)
    assert any(m.startswith("unknown reviewer 'dr-smith'") for m in found)
    assert messages(config, HEADER + "CTA: none\n\nBody.\n") == []
    assert messages(config, HEADER + "CTA: visit\n\nBody.\n") == []


def test_review_date_rules(config):
    base = MEDICAL + "Reviewed_By: dr-example\n"
    assert messages(config, base + "Last_Reviewed: 2026-13-01\n\nBody.\n") == [
        "Last_Reviewed '2026-13-01' is not a date"
    ]
    assert messages(config, base + "Last_Reviewed: 2027-01-01\n\nBody.\n") == [
        "Last_Reviewed 2027-01-01 is in the future"
    ]
    old = problems(config, base + "Last_Reviewed: 2024-01-01\n\nBody.\n")
    assert old == [(7, "medical review is 1059 days old (more than 365)", True)]


def test_summary_length(config):
    long = "word " * 33
    assert messages(config, HEADER.replace("Short.", long) + "\nBody.\n") == [
        "Summary is 164 characters, more than 160"
    ]


def test_status_values(config):
    assert messages(config, HEADER + "Status: hidden\n\nBody.\n") == ["unknown Status 'hidden'"]
    assert messages(config, HEADER + "Status: hidden\n\nBody.\n", section="pages") == []


def test_placeholders_fail_once_published(config):
    found = problems(config, HEADER + "Tags: TODO: some tags\n\nTODO: write it\n")
    assert found == [
        (6, "Tags is still a placeholder", False),
        (8, "the text still has a TODO", False),
    ]


def test_images_need_alt_text(config):
    assert messages(config, HEADER + "\n![]({static}/images/a.png)\n") == ["image without alt text"]
    assert messages(config, HEADER + '\n<img src="/images/a.png">\n') == ["image without alt text"]
    assert messages(config, HEADER + "\n![A room]({static}/images/a.png)\n") == []


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>track()</script>",
        '<iframe src="https://video.example.com/1"></iframe>',
        '<object data="x.swf"></object>',
    ],
)
def test_no_embedded_code(config, snippet):
    assert messages(config, HEADER + f"\n{snippet}\n")[0].endswith("is not allowed in content")


def test_no_resources_from_other_sites(config):
    found = messages(config, HEADER + "\n![A chart](https://cdn.example.com/chart.png)\n")
    assert found == ["loads 'https://cdn.example.com/chart.png' from another site"]
    allowed = HEADER + "\n![A map](https://maps.example.net/tile.png)\n"
    assert messages(config, allowed) == []
    assert messages(config, HEADER + "\nSee [the AAD](https://www.aad.org/).\n") == []


def test_internal_links_must_resolve(config):
    assert messages(config, HEADER + "\n[x]({filename}/articles/nope.md)\n") == [
        "'{filename}/articles/nope.md' points at a file that does not exist"
    ]
    assert messages(config, HEADER + "\n[x](/nowhere/)\n") == [
        "link to '/nowhere/', which is not a page of the site"
    ]
    assert messages(config, HEADER + "\n[x](other.html)\n") == [
        "relative link 'other.html' breaks when pages move"
    ]
    good = "\n[a](/contact/) [b](/contact/#book) [c](#top) [d]({index}) [e](mailto:x@example.org)\n"
    assert messages(config, HEADER + good) == []


def test_empty_and_undecodable_files(tmp_path):
    (tmp_path / "empty.md").write_text("  \n")
    (tmp_path / "latin.md").write_bytes(b"Title: x\n\nCaf\xe9\n")
    (tmp_path / "notes.txt").write_text("x")
    sources, found = read_all(
        (tmp_path / name, name, "articles") for name in ("empty.md", "latin.md", "notes.txt")
    )
    assert sources == []
    assert [(p.where, p.line, p.message) for p in found] == [
        ("empty.md", None, "the file is empty"),
        ("latin.md", 3, "the file is not valid UTF-8"),
        ("notes.txt", None, "not a Markdown file"),
    ]


def test_duplicate_slugs_name_every_file(config):
    paths = []
    for name in ("a.md", "b.md"):
        path = config.content_root / "articles" / name
        path.write_text(HEADER + "Slug: same\n\nBody.\n")
        paths.append(read_source(path, name, "articles"))
    found = check_duplicate_slugs(paths, config)
    assert [(p.where, p.line, p.message) for p in found] == [
        ("a.md", 6, "slug 'same' is also used by b.md"),
        ("b.md", 6, "slug 'same' is also used by a.md"),
    ]
    draft = config.content_root / "articles" / "c.md"
    draft.write_text(HEADER + "Slug: other\nStatus: draft\n\nBody.\n")
    assert check_duplicate_slugs([paths[0], read_source(draft, "c.md", "articles")], config) == []


def test_split_header():
    entries, body, first = split_header("Title: A\nTags: x,\n    y\n\nSee [a](/b/).\n![c](d.png)\n")
    assert [(e.line, e.key, e.value) for e in entries] == [(1, "Title", "A"), (2, "Tags", "x, y")]
    assert first == 5
    assert body == "See [a](/b/).\n![c](d.png)\n"


def test_body_problems_carry_their_line(config):
    text = (
        HEADER
        + "\nFirst paragraph.\n\n![](x.png) and [a](/nowhere/)\n\n"
        + "<p\n  title=x\n  onclick=go()>multi-line tag</p>\n\n[b](/nowhere/)\n"
    )
    assert problems(config, text) == [
        (9, "image without alt text", False),
        (9, "relative link 'x.png' breaks when pages move", False),
        (9, "link to '/nowhere/', which is not a page of the site", False),
        (13, "inline event handler 'onclick=' on <p> is not allowed", False),
        (15, "link to '/nowhere/', which is not a page of the site", False),
    ]


def test_the_project_content_keeps_every_rule():
    from clinic.rules.lint import check_site_content
    from clinic.settings.validation import validate
    from tools.build import load_settings

    settings = load_settings(Path(__file__).parents[2] / "pelicanconf.py")
    assert [str(p) for p in check_site_content(settings, validate(settings))] == []


def test_checks_kept_on_disk_are_made_again_when_the_file_or_the_site_changes(
    config, tmp_path, monkeypatch
):
    """A build keeps each file's check for the next (CheckedFiles.save): kept while the file
    and what the rules know of the site are the same; made again when either changes."""
    from dataclasses import replace

    import clinic.rules.check as check_module

    path = config.content_root / "articles" / "links.md"
    path.write_text(HEADER + "\nSee [the other]({filename}other.md).\n", encoding="utf-8")
    source = read_source(path, "articles/links.md", "articles")
    store = tmp_path / "checks.json"
    first = check_module.CheckedFiles()
    assert first.check(source, config) == ()
    first.save(store)

    later = check_module.CheckedFiles()  # the next build's
    later.load(store)
    calls = []
    real = check_module.check_source
    monkeypatch.setattr(check_module, "check_source", lambda *args: calls.append(1) or real(*args))
    assert later.check(source, config) == ()
    assert calls == []  # kept
    gone = replace(config, known_files=frozenset({"images/a.png"}))  # other.md deleted
    found = later.check(source, gone)
    assert len(calls) == 1
    assert [problem.line for problem in found] == [7]
    assert "other.md" in found[0].message
    path.write_text(HEADER + "Status: draft\n\nChanged.\n", encoding="utf-8")
    later.check(read_source(path, "articles/links.md", "articles"), config)
    assert len(calls) == 2


def test_a_damaged_file_of_checks_is_thrown_away(config, tmp_path, caplog):
    from clinic.rules.check import CheckedFiles

    store = tmp_path / "checks.json"
    store.write_bytes(b'{"cut sh')
    checked = CheckedFiles()
    checked.load(store)
    assert "could not be read" in caplog.text
    assert not store.exists()
    path = config.content_root / "articles" / "x.md"
    path.write_text("Title: only\n\nBody.\n", encoding="utf-8")
    assert checked.check(read_source(path, "x.md", "articles"), config)  # checked anew
