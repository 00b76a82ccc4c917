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


def test_every_footer_leads_to_the_taglines_in_the_first_languages(site):
    """A few words in each of the first languages, where patients look first: each in its
    own language, leading to its whole tagline on the edition's language-assistance page."""
    pages = [path for path in site.html_files() if "pagefind" not in path.parts]
    for path in pages:
        edition = "es" if path.relative_to(site.root).parts[0] == "es" else "en"
        notice = next(iter(NOTICES[edition]))  # the edition's language-assistance page
        items = site.page(str(path.relative_to(site.root))).select("footer .footer-languages li")
        assert [item["lang"] for item in items] == ["es", "nv", "zh-Hant", "vi"], path
        for item in items:
            address, _, fragment = item.a["href"].partition("#")
            assert address == f"/{notice}", path
            tagline = site.page(f"{notice}index.html").select_one(f"li#{fragment}")
            assert tagline is not None
            assert tagline["lang"] == item["lang"]
            name = text_of(tagline.strong).rstrip(":")
            assert text_of(item).startswith(name), (text_of(item), name)


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
    assert text_of(spanish).startswith("Español: ATENCIÓN: si habla español")
    assert "(480) 555-0100" in text_of(spanish)  # the clinic's number, not `{phone}`
    assert "{phone}" not in text


# What 45 CFR 92.10(a) asks a notice to say, as each edition says it.
NOTICE_ELEMENTS = {
    "nondiscrimination/index.html": [
        *("race", "color", "national origin", "age", "disability", "sex"),
        "National origin includes limited English proficiency and primary language",
        "Sex includes sex stereotypes; sex characteristics, including intersex traits; "
        "pregnancy or related conditions; and sexual orientation",
        "free of charge and in a timely manner",
        "reasonable modifications",
        "auxiliary aids and services",
        "braille",
        "language assistance services",
        "How to ask for this help",
        "a copy of our grievance procedure",
        "Office for Civil Rights",
        "1-800-368-1019",
        "We last checked it against the rule’s text on December 6, 2026",
    ],
    "es/aviso-de-no-discriminacion/index.html": [
        *("raza", "color", "origen nacional", "edad", "discapacidad", "sexo"),
        "El origen nacional incluye el dominio limitado del inglés y el idioma principal",
        "El sexo incluye los estereotipos sexuales; las características sexuales, incluidos "
        "los rasgos intersexuales; el embarazo o las afecciones relacionadas; y la "
        "orientación sexual",
        "sin costo y de manera oportuna",
        "modificaciones razonables",
        "ayudas y servicios auxiliares",
        "braille",
        "servicios de asistencia lingüística",
        "Cómo pedir esta ayuda",
        "una copia de nuestro procedimiento de quejas",
        "Oficina de Derechos Civiles",
        "1-800-368-1019",
        "el 6 de diciembre de 2026",
    ],
}


def test_the_nondiscrimination_notice_has_every_element_in_both_languages(site):
    import pelicanconf

    coordinator = pelicanconf.CLINIC["coordinator"]
    titles = {"nondiscrimination/index.html": coordinator["title"]}
    titles["es/aviso-de-no-discriminacion/index.html"] = "Gerente del consultorio"
    for path, elements in NOTICE_ELEMENTS.items():
        page = site.page(path)
        text = text_of(page.select_one("main"))
        for element in elements:
            assert element in text, (path, element)
        assert page.select_one('a[href="https://ocrportal.hhs.gov/ocr/portal/lobby.jsf"]')
        language = (
            "/es/asistencia-linguistica/" if path.startswith("es/") else "/language-assistance/"
        )
        assert page.select_one(f'main a[href="{language}"]') is not None
        # The coordinator, from the clinic's facts: title, mailing address, phone, TTY, email.
        block = page.select_one("#coordinator-heading").parent
        said = text_of(block)
        assert titles[path] in said
        assert "1234 N Example Road, Suite 100" in said
        assert "Scottsdale, AZ 85251" in said
        assert block.select_one('a[href="tel:+14805550101"]').get_text() == "(480) 555-0101"
        assert block.select_one('a[href="tel:711"]').get_text() == "711"
        assert block.select_one(f'a[href="mailto:{coordinator["email"]}"]') is not None


def test_the_contact_page_says_which_languages_the_phone_is_answered_in(site):
    said = {
        "contact/index.html": "We answer the phone in English and Spanish.",
        "es/contacto/index.html": "Atendemos el teléfono en inglés y español.",
    }
    for path, sentence in said.items():
        assert sentence in text_of(site.page(path).select_one("#book")), path


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
    # The repository's invented facts are named, each on its line: the coordinator's too.
    facts = (ROOT / "clinic.toml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(facts, 1) if "+1-480-555-0101" in text)
    assert f"warning: clinic.toml:{line}: '555-0101' is a placeholder" in done.stdout
