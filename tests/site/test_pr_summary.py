"""The pull request's job summary: what changes on the site, and each changed page's figures."""

from __future__ import annotations

import shutil

from test_pr_summary_unit import SEED

from tools.pr_summary import compare, main, pages_of


def test_pages_added_changed_and_removed_against_mains_build(published, tmp_path):
    base = tmp_path / "main"
    shutil.copytree(published.root, base)
    (base / "privacy" / "index.html").unlink()  # a page the pull request adds
    (base / "about" / "index.html").write_text("<p>older</p>", encoding="utf-8")
    (base / "old" / "index.html").parent.mkdir()
    (base / "old" / "index.html").write_text("<p>gone</p>", encoding="utf-8")
    changes = compare(pages_of(base), pages_of(published.root))
    assert changes.added == ["privacy/index.html"]
    assert changes.changed == ["about/index.html"]
    assert changes.removed == ["old/index.html"]
    assert not any("pagefind" in name for name in pages_of(published.root))


def test_the_summary_gives_each_changed_articles_weight_review_and_gate(
    published, tmp_path, capsys
):
    import pelicanconf

    base = tmp_path / "main"
    shutil.copytree(published.root, base)
    (base / "about" / "index.html").write_text("<p>older</p>", encoding="utf-8")
    args = ["--base", str(base), "--head", str(published.root)]
    assert main([*args, "--siteurl", pelicanconf.PRODUCTION_SITEURL, SEED]) == 0
    summary = capsys.readouterr().out
    assert "0 page(s) added, 1 changed, 0 removed." in summary
    [row] = [line for line in summary.splitlines() if line.startswith(f"| `{SEED}`")]
    cells = [cell.strip() for cell in row.split(" | ")]
    assert cells[1] == "`blog/in-office-vs-diy-microdermabrasion/index.html`"
    kilobytes = float(cells[2].split(" KB")[0])
    assert 1 < kilobytes < 20
    assert cells[3] == "dr-example, 2026-11-02"
    assert cells[4].rstrip(" |") == "passes"


def test_a_pull_request_whose_build_stopped_still_gets_its_summary(content, tmp_path, capsys):
    """A writer with one typo: no site was built, and the summary names the file, the line
    and the fix, beside the other changed files."""
    article = content / "articles" / "sunscreen.md"
    article.write_text(
        "Title: How to choose a sunscreen\nDate: 2025-02-01 10:00\nCategory: Skin Cair\n"
        "Summary: What the label says, and what it means for your skin.\n"
        "Author: Spectrum Dermatology\n\nWear it daily.\n",
        encoding="utf-8",
    )
    args = ["--base", str(tmp_path / "main"), "--head", str(tmp_path / "no-site")]
    args += ["--siteurl", "https://example.org", "--content", str(content)]
    assert main([*args, "content/articles/sunscreen.md"]) == 0
    summary = capsys.readouterr().out
    assert "**The site could not be built:**" in summary
    [row] = [line for line in summary.splitlines() if "sunscreen.md" in line]
    assert row.startswith("| `content/articles/sunscreen.md` (How to choose a sunscreen) |")
    assert "line 3: " in row
    assert "Skin Cair" in row
    assert "fix: " in row
