"""Section 1557 notices: every page links to the language-assistance page and the
nondiscrimination notice; taglines are in their own language and direction; `make lint`
warns while fewer languages are listed than HHS asks for."""

from __future__ import annotations

from support import ROOT, build, text_of

NOTICES = {
    "en": {
        "language-assistance/": "Language assistance",
        "nondiscrimination/": "Nondiscrimination notice",
    },
    "es": {
        "es/asistencia-linguistica/": "Asistencia lingüística",
        "es/aviso-de-no-discriminacion/": "Aviso de no discriminación",
    },
}


def test_every_page_links_both_notices_from_its_footer(site):
    pages = [path for path in site.html_files() if "pagefind" not in path.parts]
    assert len(pages) > 10
    for path in pages:
        footer = site.page(str(path.relative_to(site.root))).select_one("footer.site-footer")
        links = {a["href"].lstrip("/"): text_of(a) for a in footer.select("nav a")}
        edition = "es" if path.relative_to(site.root).parts[0] == "es" else "en"
        for address, label in NOTICES[edition].items():
            assert links.get(address) == label, path
            assert (site.root / address / "index.html").is_file()


def test_the_language_assistance_page_says_what_is_free_and_how_to_ask(site):
    page = site.page("language-assistance/index.html")
    text = text_of(page.select_one("main"))
    assert "free of charge" in text
    assert "interpreters" in text
    assert "dial 711" in text
    assert page.select_one('main a[href^="tel:+1"]') is not None
    taglines = page.select(".taglines li")
    assert [item["lang"] for item in taglines][:2] == ["en", "es"]
    spanish = taglines[1]
    assert spanish["dir"] == "ltr"
    assert text_of(spanish).startswith("Español: ATENCIÓN: Si habla español")
    assert "(480) 555-0100" in text_of(spanish)  # the clinic's number, not `{phone}`
    assert "{phone}" not in text


def test_the_nondiscrimination_notice_names_the_grounds_the_coordinator_and_ocr(site):
    page = site.page("nondiscrimination/index.html")
    text = text_of(page.select_one("main"))
    for ground in ("race", "color", "national origin", "age", "disability", "sex"):
        assert ground in text
    assert "Section 1557 Coordinator" in text
    assert "(TTY: 711)" in text
    assert "1-800-368-1019" in text
    assert page.select_one('a[href="https://ocrportal.hhs.gov/ocr/portal/lobby.jsf"]')
    assert page.select_one('main a[href="/language-assistance/"]') is not None


def test_a_right_to_left_tagline_is_set_right_to_left_and_named_in_its_own_script(tmp_path):
    taglines = {
        "en": "ATTENTION: free help. Call {phone}.",
        "ar": "ملحوظة: إذا كنت تتحدث اللغة العربية، فإن خدمات المساعدة اللغوية متوفرة لك مجاناً.",
        "vi": "CHÚ Ý: Nếu bạn nói Tiếng Việt, có các dịch vụ hỗ trợ ngôn ngữ miễn phí.",
    }
    built = build(tmp_path / "output", CLINIC_LANGUAGE_TAGLINES=taglines)
    items = built.page("language-assistance/index.html").select(".taglines li")
    by_lang = {item["lang"]: item for item in items}
    assert by_lang["ar"]["dir"] == "rtl"
    assert by_lang["vi"]["dir"] == "ltr"
    assert text_of(by_lang["ar"]).startswith("العربية:")
    assert text_of(by_lang["vi"]).startswith("Tiếng Việt:")


def test_make_lint_does_not_warn_about_the_shipped_taglines():
    import subprocess

    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "invoke"), "lint"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Content: 0 error(s)" in done.stdout
    assert "language(s) besides English" not in done.stdout  # taglines.toml lists 15
