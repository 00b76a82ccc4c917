"""The content rules for translations: each problem one line with file:line and its fix
(checked in this process as the build runs the rules, edition after edition), and
`make html` stops on one with the last good site left as it was."""

from __future__ import annotations

from test_translation_rules import draft_and_translation, rewrite

from support import ROOT, build, failed_html_build

ES_CONTACT = "es/pages/contacto.md"


def test_a_language_the_site_does_not_have_is_named(content, tmp_path):
    line = rewrite(content / ES_CONTACT, "Lang: es", "Lang: fr")
    errors = failed_html_build(content, tmp_path / "out", "contacto.md")
    assert any(
        f"contacto.md:{line}: Lang 'fr' is not a language of the site; fix: use one of: en, es"
        in row
        for row in errors
    ), errors


def test_a_draft_translation_of_a_draft_builds_as_a_draft(content, tmp_path):
    """It once stopped the build: the originals it knew were the published ones."""
    draft_and_translation(content, "Status: draft\n")
    built = build(tmp_path / "out", content=content)
    assert built.file_for("drafts/sun-care/").is_file()
    assert built.file_for("es/drafts/cuidado-solar/").is_file()


def test_review_due_lists_both_languages_with_a_language_column():
    import subprocess

    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "invoke"), "review-due", "--age", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = {row.split()[4]: row for row in done.stdout.splitlines() if row.startswith("  ")}
    assert "content/articles/in-office-vs-diy-microdermabrasion.md" in rows["en"]
    assert "content/es/articles/microdermoabrasion-en-consultorio-o-en-casa.md" in rows["es"]
