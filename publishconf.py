"""Production settings: pelicanconf.py plus what only the published site needs.

`SITEURL` can be overridden without editing a file, for preview deployments and
audits: `make publish SITEURL=https://staging.example.org`.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403
from pelicanconf import PRODUCTION_SITEURL

SITEURL = os.environ.get("SITEURL") or PRODUCTION_SITEURL
RELATIVE_URLS = False

# Atom feeds: every article, and one per category; entries link absolutely
# (Pelican takes FEED_DOMAIN from SITEURL, so an overridden SITEURL counts too).
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
FEED_MAX_ITEMS = 20

# Full-text search (Pagefind), indexed after the pages are written.
CLINIC_SEARCH_INDEX = True

# A 1200×630 share card for every article and page (sharecards.py): drawn for
# the published site only, which is what sharing reads; kept in cache/ between
# builds, so only a new or retitled page is drawn.
CLINIC_SHARE_CARDS = True

# Every page rendered: the published site is built from a fresh clone in CI, with no
# last build to keep pages from, and noting what each page reads costs a tenth of the
# build there. `make html` and the live preview keep the pages that did not change.
CLINIC_KEEP_PAGES = False

# A clean output folder: nothing left over from an earlier build is published.
DELETE_OUTPUT_DIRECTORY = True

# Drafts (and posts dated in the future) are not written at all: no page, and so
# no sitemap, feed or search entry.
DRAFT_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_URL = ""

# GitHub Pages: the branch `make github` publishes to, and the custom domain
# written to CNAME (None: no CNAME, the site lives at <user>.github.io).
GITHUB_PAGES_BRANCH = "gh-pages"
GITHUB_PAGES_CNAME = None
