"""Pelican settings for a local build of the Spectrum Dermatology site.

Everything a local build needs lives here: the site, the clinic's facts, the
theme and the plugins. `publishconf.py` imports this file and changes only what
production needs.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------
# PLACEHOLDERS: the clinic's facts, in this one place.
#
# Every value in this block is invented. Replace each one with the clinic's
# real facts before the site goes live. Phone numbers use the 555-0100 to
# 555-0199 range, which is reserved for fiction; the address is an example.
# --------------------------------------------------------------------------
PRODUCTION_SITEURL = "https://www.spectrum-dermatology.example"  # REPLACE

CLINIC = {
    "name": "Spectrum Dermatology",
    "description": (
        "A dermatology clinic in Scottsdale, Arizona, offering medical, surgical "
        "and cosmetic care for skin, hair and nails."
    ),
    "telephone": "+1-480-555-0100",  # REPLACE: fictional number
    "email": "appointments@spectrum-dermatology.example",  # REPLACE
    "booking_url": "/contact/#book",  # REPLACE with the clinic's booking page
    "price_range": "$$",  # REPLACE or set to None
    # The clinic's initials and colours: the build draws the logo, the favicon and the
    # touch icon from them, and the theme's links and buttons take the colours (light
    # and dark mode). A pair that reads poorly (WCAG AA, 4.5:1) stops the build.
    "brand": {
        "initials": "SD",  # REPLACE: drawn on the logo, favicon and touch icon
        "colors": {  # REPLACE: #rrggbb
            "accent": "#0a5f66",  # links and buttons, on the white page
            "accent_text": "#ffffff",  # text on the accent (buttons)
            "accent_dark": "#7fd3d9",  # links and buttons in dark mode
            "accent_text_dark": "#0b1a1c",  # text on accent_dark
        },
    },
    # None: the logo is drawn from the initials and colours; or the clinic's own,
    # {"path": "images/....png|svg", "alt": "..."} (the icons still draw the initials).
    "logo": None,
    "same_as": [],  # REPLACE: the clinic's own profiles, e.g. a practice page
    # The languages the phone is answered in (language codes), said on the contact page.
    "phone_languages": ["en", "es"],  # REPLACE
    # The Section 1557 Coordinator (45 CFR 92.7), named on the nondiscrimination notice
    # (45 CFR 92.10): who takes requests for help and grievances.
    "coordinator": {
        "title": "Practice Manager",  # REPLACE: the coordinator's name, or job title
        "telephone": "+1-480-555-0101",  # REPLACE: fictional number
        "tty": "711",  # the relay service, or the clinic's own TTY number
        "email": "civil-rights@spectrum-dermatology.example",  # REPLACE
        "mailing_address": None,  # None: the first location's; or a dict like it
    },
    "locations": [
        {
            "name": "Spectrum Dermatology Scottsdale",
            "street_address": "1234 N Example Road, Suite 100",  # REPLACE
            "locality": "Scottsdale",
            "region": "AZ",
            "postal_code": "85251",  # REPLACE
            "country": "US",
            "telephone": "+1-480-555-0100",  # REPLACE: fictional number
            "latitude": 33.4942,  # REPLACE
            "longitude": -111.9261,  # REPLACE
            # Opening hours: (days, opens, closes), 24-hour clock, local time.
            "hours": [  # REPLACE
                (("Monday", "Tuesday", "Wednesday", "Thursday"), "08:00", "17:00"),
                (("Friday",), "08:00", "12:00"),
            ],
        },
    ],
}

# The clinic's providers, keyed by the short name that articles use in
# `Reviewed_By:`. Each gets a page at /providers/<key>/. `type` is Physician
# (MD or DO) or Person (other clinicians).
CLINIC_PROVIDERS = {
    "dr-example": {  # REPLACE: an invented provider
        "name": "Alex Example",
        "honorific_prefix": "Dr.",
        "credentials": ["MD", "FAAD"],
        "type": "Physician",
        "job_title": "Board-certified dermatologist",
        "specialty": "Dermatology",
        "languages": ["en", "es"],  # REPLACE: the languages they speak with patients
        "photo": {  # REPLACE: a placeholder drawing (see CLINIC_HERO_IMAGE below)
            "path": "images/placeholders/provider-face.svg",
            "alt": "Portrait of Dr. Alex Example",
        },
        "bio": (
            "Dr. Example is a placeholder for one of the clinic's dermatologists. "
            "Replace this entry with a real provider's name, credentials and biography."
        ),
    },
}
# Pictures to replace: every picture in content/images/placeholders/ is a
# drawing made for this repository (free to use) standing in for a photo of the
# clinic, its rooms, its treatments or its people. Replace each with a photo
# (JPEG or PNG, at least 1600 pixels wide: the build cuts and sizes it) and its
# description, here, in the providers' `photo` and in the pages' `Image:` lines.
CLINIC_HERO_IMAGE = {  # REPLACE: the home page's photo, or None for none
    "path": "images/placeholders/clinic-hero.svg",
    "alt": "The clinic's front entrance in the morning light",
}

# --------------------------------------------------------------------------
# End of placeholders.
# --------------------------------------------------------------------------

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
        "heading": "Contact Spectrum Dermatology Today!",
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
        "heading": "Contact Spectrum Dermatology Today!",
        "text": (
            "There are many at-home treatment options to complement in-office procedures, "
            "but microdermabrasion isn’t one of them. If you’re interested in a "
            "microdermabrasion session or a personalized skin care routine that also "
            "includes at-home options, contact Spectrum Dermatology today for your "
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
# prefix on their own (plugins/clinic/settings/editions.py). The Spanish facts below are
# translations of the placeholders above: replace them with them.
_es_booking_url = "/es/contacto/#book"  # REPLACE with the clinic's booking page, in Spanish
CLINIC_EDITIONS = {
    "en": {},
    "es": {
        "CLINIC_LANGUAGE": "es-US",
        "SITE_TAGLINE": "dermatología en Scottsdale, Arizona",
        "CLINIC": {
            "description": (
                "Una clínica de dermatología en Scottsdale, Arizona, que ofrece atención "
                "médica, quirúrgica y estética para la piel, el cabello y las uñas."
            ),
            "booking_url": _es_booking_url,
            # REPLACE with the coordinator's job title in Spanish (a name stays as it is)
            "coordinator": {**CLINIC["coordinator"], "title": "Gerente del consultorio"},
        },
        "CLINIC_HERO_IMAGE": {  # REPLACE with the photo's description in Spanish
            "path": "images/placeholders/clinic-hero.svg",
            "alt": "La entrada de la clínica con la luz de la mañana",
        },
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
        "CLINIC_PROVIDERS": {
            "dr-example": {  # REPLACE with the provider's own words in Spanish
                "photo": {
                    "path": "images/placeholders/provider-face.svg",
                    "alt": "Retrato del Dr. Alex Example",
                },
                "honorific_prefix": "Dr.",  # or "Dra.": how the Spanish pages address them
                "job_title": "Especialista en dermatología con certificación del consejo",
                "bio": (
                    "Esta entrada ocupa el lugar de uno de los dermatólogos de la clínica. "
                    "Sustitúyala por el nombre, las credenciales y la biografía de una "
                    "persona real del equipo."
                ),
            },
        },
        "CLINIC_CATEGORIES": [
            "Tratamientos de la piel",
            "Afecciones de la piel",
            "Cuidado de la piel",
            "Noticias de la clínica",
        ],
        "CLINIC_MEDICAL_CATEGORIES": ["Tratamientos de la piel", "Afecciones de la piel"],
        "CLINIC_CTAS": {
            "consultation": {
                "heading": "¡Comuníquese hoy con Spectrum Dermatology!",
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
                "heading": "¡Comuníquese hoy con Spectrum Dermatology!",
                "text": (
                    "Hay muchos tratamientos en casa que complementan los procedimientos "
                    "en el consultorio, pero la microdermoabrasión no es uno de ellos. Si le "
                    "interesa una sesión de microdermoabrasión o una rutina de cuidado de la "
                    "piel personalizada que también incluya opciones para casa, comuníquese "
                    "hoy con Spectrum Dermatology para su consulta personalizada."
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
SITE_TAGLINE = "Dermatology in Scottsdale, Arizona"
SITEURL = ""
AUTHOR = "Spectrum Dermatology"

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
# A file in content/extra/ is published at the site root when EXTRA_PATH_METADATA
# names it, e.g. {"extra/robots.txt": {"path": "robots.txt"}}. The logo, favicon and
# touch icon are drawn by the build from CLINIC["brand"].
EXTRA_PATH_METADATA = {}

# Arizona keeps Mountain Standard Time all year (no daylight saving).
TIMEZONE = "America/Phoenix"
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
