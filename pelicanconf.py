"""Pelican settings for a local build of the clinic's site.

Everything a local build needs lives here: the site, the theme and the plugins;
the clinic's facts come from clinic.toml. `publishconf.py` imports this file and
changes only what production needs.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "plugins"))  # the clinic plugin reads the clinic's facts

from clinic.settings.facts import words_of  # noqa: E402
from clinic.settings.identity import read_clinic_file  # noqa: E402

# --------------------------------------------------------------------------
# The clinic's facts live in clinic.toml, the one file a clinic changes to make
# the site its own (README: "Make it your clinic's site"). Everything below
# takes them from there; nothing here names the clinic.
# --------------------------------------------------------------------------
# The site's editions' languages: English at the root, Spanish in /es/ (CLINIC_EDITIONS).
_facts = read_clinic_file(HERE / "clinic.toml", ("en", "es"))

PRODUCTION_SITEURL = _facts.website
CLINIC = _facts.clinic("en")
CLINIC_PROVIDERS = _facts.providers("en")
CLINIC_HERO_IMAGE = _facts.hero("en")
# A sample site (clinic.toml's `demo`): every footer says so, and `make github` publishes it
# with its placeholders.
CLINIC_DEMO = _facts.demo
# The words pages and calls to action name the clinic with: {clinic}, {city}, ...
CLINIC_WORDS = words_of(CLINIC)

# Language-assistance taglines (Section 1557, 45 CFR 92.11), shown on the
# language-assistance page: English and the 15 languages most spoken by people
# with limited English proficiency in the state, with the source of that list.
# They live in taglines.toml beside this file; a clinic in another state replaces
# that file's list (`make lint` warns while fewer than 15 languages besides
# English are listed). A dict of language code to tagline also works here.
CLINIC_LANGUAGE_TAGLINES = str(HERE / "taglines.toml")

# The image shared links show when a page has none of its own (1200 x 630): None
# draws it, in each edition's language, from the clinic's name, logo and
# SITE_TAGLINE in the brand's colours (CLINIC["brand"]); or a picture of the
# clinic's own, as {"path": "images/....png", "alt": "..."} (in each edition's settings).
CLINIC_SOCIAL_IMAGE = None

# Calls to action: a library of named blocks. Articles show the default (or
# their category's), and choose another with `CTA: <name>` or none with
# `CTA: none`; pages show one only when they ask. `text` is Markdown.
CLINIC_CTAS = {
    "consultation": {
        # The default: it closes articles on any subject, so it names none.
        "heading": "Contact {clinic} Today!",
        "text": (
            "Questions about your skin, hair or nails, or about a treatment you read "
            "about here? Call us or book a consultation, and we’ll help you choose what "
            "suits you."
        ),
        "phone": CLINIC["telephone"],
        "booking_url": CLINIC["booking_url"],
        "booking_label": "Book a consultation",
    },
    "microdermabrasion": {
        # The seed article's closing section, verbatim (the seed chooses it: `CTA:`).
        "heading": "Contact {clinic} Today!",
        "text": (
            "There are many at-home treatment options to complement in-office procedures, "
            "but microdermabrasion isn’t one of them. If you’re interested in a "
            "microdermabrasion session or a personalized skin care routine that also "
            "includes at-home options, contact {clinic} today for your "
            "customized consultation."
        ),
        "phone": CLINIC["telephone"],
        "booking_url": CLINIC["booking_url"],
        "booking_label": "Book a consultation",
    },
    "visit": {
        "heading": "Talk to our team",
        "text": "Questions about your skin or a treatment? Call us, or book a visit.",
        "phone": CLINIC["telephone"],
        "booking_url": CLINIC["booking_url"],
        "booking_label": "Book a visit",
        "secondary": {"label": "Address and opening hours", "url": "/contact/"},
    },
}
CLINIC_CTA_DEFAULT = "consultation"
CLINIC_CTA_BY_CATEGORY = {}

# The site's editions: English at the site's root, Spanish under /es/, each a
# whole site built from its own files (content/es/articles, content/es/pages for
# Spanish). Each edition lists what it says differently; addresses get its
# prefix on their own (plugins/clinic/settings/editions.py). The clinic's facts in
# Spanish come from clinic.toml.
_es = _facts.edition("es")
_es_booking_url = _facts.clinic("es")["booking_url"]
CLINIC_EDITIONS = {
    "en": {},
    "es": {
        **_es,
        "CLINIC_LANGUAGE": "es-US",
        "NAV_LINKS": (
            ("Quiénes somos", "es/sobre-nosotros/"),
            ("Tratamientos", "es/tratamientos/"),
            ("Blog", "es/blog/"),
            ("Equipo", "es/providers/"),
            ("Contacto", "es/contacto/"),
        ),
        "FOOTER_LINKS": (
            ("Privacidad", "es/privacidad/"),
            ("Accesibilidad", "es/accesibilidad/"),
            ("Aviso médico", "es/aviso-medico/"),
            ("Asistencia lingüística", "es/asistencia-linguistica/"),
            ("Aviso de no discriminación", "es/aviso-de-no-discriminacion/"),
        ),
        "CONTACT_URL": "es/contacto/",
        "LANGUAGE_ASSISTANCE_URL": "es/asistencia-linguistica/",
        "CLINIC_CATEGORIES": [
            "Tratamientos de la piel",
            "Afecciones de la piel",
            "Cuidado de la piel",
            "Noticias de la clínica",
        ],
        "CLINIC_MEDICAL_CATEGORIES": ["Tratamientos de la piel", "Afecciones de la piel"],
        "CLINIC_CTAS": {
            "consultation": {
                "heading": "¡Comuníquese hoy con {clinic}!",
                "text": (
                    "¿Tiene preguntas sobre su piel, su cabello o sus uñas, o sobre algún "
                    "tratamiento que vio aquí? Llámenos o pida una consulta y le ayudaremos "
                    "a elegir lo que más le convenga."
                ),
                "phone": CLINIC["telephone"],
                "booking_url": _es_booking_url,
                "booking_label": "Pida una consulta",
            },
            "microdermabrasion": {
                "heading": "¡Comuníquese hoy con {clinic}!",
                "text": (
                    "Hay muchos tratamientos en casa que complementan los procedimientos "
                    "en el consultorio, pero la microdermoabrasión no es uno de ellos. Si le "
                    "interesa una sesión de microdermoabrasión o una rutina de cuidado de la "
                    "piel personalizada que también incluya opciones para casa, comuníquese "
                    "hoy con {clinic} para su consulta personalizada."
                ),
                "phone": CLINIC["telephone"],
                "booking_url": _es_booking_url,
                "booking_label": "Pida una consulta",
            },
            "visit": {
                "heading": "Hable con nuestro equipo",
                "text": (
                    "¿Tiene preguntas sobre su piel o sobre algún tratamiento? "
                    "Llámenos o pida una cita."
                ),
                "phone": CLINIC["telephone"],
                "booking_url": _es_booking_url,
                "booking_label": "Pida una cita",
                "secondary": {"label": "Dirección y horario", "url": "/es/contacto/"},
            },
        },
    },
}

# The blog's categories: an article's Category must be one of these.
CLINIC_CATEGORIES = ["Skin Treatments", "Skin Conditions", "Skin Care", "Clinic News"]

# Articles in these categories are medical content: their pages are marked up
# as MedicalWebPage, and they name a reviewer (Reviewed_By, Last_Reviewed).
CLINIC_MEDICAL_CATEGORIES = ["Skin Treatments", "Skin Conditions"]

# A medical review older than this is listed by `make review-due` and warned
# about by every build.
CLINIC_REVIEW_MAX_AGE_DAYS = 365

# The language of every page, for <html lang>, JSON-LD and Open Graph.
CLINIC_LANGUAGE = "en-US"

SITENAME = CLINIC["name"]
SITE_TAGLINE = _facts.tagline("en")
SITEURL = ""
AUTHOR = CLINIC["name"]

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
# A file in content/extra/ is published at the site root when EXTRA_PATH_METADATA
# names it, e.g. {"extra/robots.txt": {"path": "robots.txt"}}. The logo, favicon and
# touch icon are drawn by the build from CLINIC["brand"].
EXTRA_PATH_METADATA = {}

# The clinic's time zone (clinic.toml): posts appear and expire by its clock.
TIMEZONE = _facts.time_zone
DEFAULT_LANG = "en"
LOCALE = ("en_US.UTF-8", "C.UTF-8", "")
DEFAULT_DATE_FORMAT = "%B %-d, %Y"

# Clean URLs: /blog/<slug>/ for articles, /<slug>/ for pages.
ARTICLE_URL = "blog/{slug}/"
ARTICLE_SAVE_AS = "blog/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "blog/category/{slug}/"
CATEGORY_SAVE_AS = "blog/category/{slug}/index.html"
CATEGORIES_URL = "blog/categories/"
CATEGORIES_SAVE_AS = "blog/categories/index.html"
TAG_URL = "blog/tag/{slug}/"
TAG_SAVE_AS = "blog/tag/{slug}/index.html"
TAGS_URL = "blog/tags/"
TAGS_SAVE_AS = "blog/tags/index.html"
AUTHOR_URL = "blog/author/{slug}/"
AUTHOR_SAVE_AS = "blog/author/{slug}/index.html"
AUTHORS_URL = "blog/authors/"
AUTHORS_SAVE_AS = "blog/authors/index.html"
# The blog's front door: every article, newest first.
ARCHIVES_URL = "blog/"
ARCHIVES_SAVE_AS = "blog/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/pages/{slug}/index.html"
# Pelican's per-language article copies are not used: one language.
ARTICLE_LANG_SAVE_AS = ""
PAGE_LANG_SAVE_AS = ""

DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{base_name}/", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Atom feeds are written by the production build (publishconf.py), where every
# link in them can be absolute; none in a local build.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

THEME = "theme"
# Autoescape is on: every writer-supplied value is escaped unless a template
# says otherwise (only the rendered article body and the serialised JSON-LD).
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "extensions": ["jinja2.ext.i18n"],
}

# Metadata stays plain text (no Markdown in Summary): the plugin derives the
# typographic HTML for display, and meta tags and JSON-LD keep the plain text.
FORMATTED_FIELDS = []
# Typography (curly quotes, caps, widows) is applied by the clinic plugin to
# the rendered body and display titles only, never to metadata values.
TYPOGRIFY = False
CLINIC_TYPOGRIFY = True

MARKDOWN = {
    "extension_configs": {
        # {clinic}, {city} ... in a page: the clinic's words (plugins/clinic/rendering/words.py)
        "clinic.rendering.words": {"words": CLINIC_WORDS},
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
    },
    "output_format": "html5",
}

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["clinic", "pelican.plugins.neighbors"]

# Other origins a page may load from. Empty: every page loads from this site
# alone, which the Content-Security-Policy tells browsers and the checks enforce.
CLINIC_ALLOWED_ORIGINS = []

# Article images: pelican-image-process writes WebP copies at three widths and
# a srcset, for every local image in an article or page. The clinic plugin
# calls it on the bodies that hold images only, rather than registering it,
# which would re-parse and re-serialise every page of the site.
IMAGE_PROCESS_DIR = "derivatives"
IMAGE_PROCESS = {
    "article": {
        "type": "responsive-image",
        "sizes": "(min-width: 44rem) 40rem, calc(100vw - 2rem)",
        "srcset": [
            ("480w", ["scale_in 480 4000 False"], "webp"),
            ("800w", ["scale_in 800 4000 False"], "webp"),
            ("1200w", ["scale_in 1200 4000 False"], "webp"),
        ],
        "default": "800w",
    },
}

# Main navigation: (label, path below SITEURL), in order.
# The site's name in the header links to the home page.
NAV_LINKS = (
    ("About", "about/"),
    ("Treatments", "treatments/"),
    ("Blog", "blog/"),
    ("Team", "providers/"),
    ("Contact", "contact/"),
)
# The contact page, which the 404 page offers.
CONTACT_URL = "contact/"
# The language-assistance page, which every page's footer leads to in a few languages.
LANGUAGE_ASSISTANCE_URL = "language-assistance/"
# Footer links: the pages a patient or regulator looks for.
FOOTER_LINKS = (
    ("Privacy", "privacy/"),
    ("Accessibility", "accessibility/"),
    ("Medical disclaimer", "medical-disclaimer/"),
    ("Language assistance", "language-assistance/"),
    ("Nondiscrimination notice", "nondiscrimination/"),
)
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = False

DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives", "search"]
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
# The search index (Pagefind) is built by `make publish`; a local build skips it
# to stay fast, and its search page says so.
CLINIC_SEARCH_INDEX = False
# Share cards are drawn for the published site only (publishconf.py).
CLINIC_SHARE_CARDS = False
# Related articles shown under each article.
CLINIC_RELATED_MAX = 3
# A page whose inputs did not change since the last build is kept, not rendered again
# (plugins/clinic/build/incremental.py); publishconf.py renders every page.
CLINIC_KEEP_PAGES = True
INDEX_SAVE_AS = "index.html"

# A post dated in the future is a draft until its date: the nightly rebuild publishes it.
WITH_FUTURE_DATES = False

# Pelican's content cache is switched on by `make html` and `make devserver`
# (tools/build.py names its folder after the code and settings it depends on);
# production builds and the tests always read every file.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False
