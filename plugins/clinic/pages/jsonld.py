"""schema.org JSON-LD: one linked `@graph` per page, serialised safely for a script element.

The graph follows the shape Yoast SEO popularised: site-wide nodes (WebSite, the
clinic as a MedicalOrganization, each location as a MedicalClinic) with stable
`@id`s, then the page's own nodes (WebPage or MedicalWebPage, BlogPosting,
BreadcrumbList, an ImageObject, reviewers, a FAQPage) pointing at them by `@id`.
Empty fields are left out, never written as null.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from pelican.utils import slugify

from ..rendering.faq import answer_markup
from ..rendering.images import Image
from ..settings.facts import WEEKDAYS
from ..settings.providers import Provider
from ..settings.validation import ClinicSettings
from .pageinfo import PageInfo, headline

DERMATOLOGY = "https://schema.org/Dermatology"


CONTEXT = "https://schema.org"


def _ref(node_id: str) -> dict:
    return {"@id": node_id}


def _compact(node: dict) -> dict:
    """Drop empty values, so that no field is written as null, "" or []."""
    return {key: value for key, value in node.items() if value not in (None, "", [], ())}


class Ids:
    """The graph's stable `@id`s, all below the site's absolute address."""

    def __init__(self, site: ClinicSettings) -> None:
        self.site = site
        self.website = site.absolute("#website")
        self.organization = site.absolute("#organization")
        self.logo = site.absolute("#logo")

    def location(self, location: dict) -> str:
        return self.site.absolute(f"#clinic-{self.slug(location['name'])}")

    def author(self, name: str) -> str:
        return self.site.absolute(f"#author-{self.slug(name)}")

    def slug(self, text: str) -> str:
        return slugify(text, regex_subs=self.site.slug_substitutions)

    def provider(self, provider: Provider) -> str:
        return self.site.absolute(f"{provider.canonical_url}#person")

    def page(self, page: PageInfo, fragment: str) -> str:
        return self.site.absolute(f"{page.path}#{fragment}")


def _image_node(node_id: str, site: ClinicSettings, image) -> dict:
    url = site.absolute(image.path)
    return {
        "@type": "ImageObject",
        "@id": node_id,
        "url": url,
        "contentUrl": url,
        "width": image.width,
        "height": image.height,
        "caption": image.alt,
    }


def _opening_hours(hours) -> list[dict]:
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"https://schema.org/{day}" for day in sorted(days, key=WEEKDAYS.index)],
            "opens": opens,
            "closes": closes,
        }
        for days, opens, closes in hours
    ]


def site_nodes(site: ClinicSettings) -> list[dict]:
    """The nodes every page carries: the website, the clinic and its locations.

    Built once per build; pages add their own nodes around them.
    """
    ids, clinic = Ids(site), site.clinic
    organization = _compact(
        {
            "@type": "MedicalOrganization",
            "@id": ids.organization,
            "name": clinic["name"],
            "description": clinic["description"],
            "url": site.absolute(""),
            "logo": _ref(ids.logo),
            "image": site.absolute(site.social_image.path),
            "telephone": clinic["telephone"],
            "email": clinic.get("email"),
            "medicalSpecialty": DERMATOLOGY,
            "sameAs": list(clinic.get("same_as") or []),
            "knowsLanguage": list(site.languages),
        }
    )
    locations = [
        _compact(
            {
                "@type": "MedicalClinic",
                "@id": ids.location(location),
                "name": location["name"],
                "url": site.absolute("contact/"),
                "parentOrganization": _ref(ids.organization),
                "logo": _ref(ids.logo),
                "image": site.absolute(site.social_image.path),
                "telephone": location["telephone"],
                "medicalSpecialty": DERMATOLOGY,
                "priceRange": clinic.get("price_range"),
                "sameAs": list(clinic.get("same_as") or []),
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": location["street_address"],
                    "addressLocality": location["locality"],
                    "addressRegion": location["region"],
                    "postalCode": location["postal_code"],
                    "addressCountry": location["country"],
                },
                "geo": {
                    "@type": "GeoCoordinates",
                    "latitude": location["latitude"],
                    "longitude": location["longitude"],
                },
                "hasMap": location["map_url"],
                "knowsLanguage": list(site.languages),
                "contactPoint": {
                    "@type": "ContactPoint",
                    "contactType": "appointments",
                    "telephone": location["telephone"],
                    "availableLanguage": list(site.languages),
                },
                "openingHoursSpecification": _opening_hours(location["hours"]),
            }
        )
        for location in clinic["locations"]
    ]
    website = {
        "@type": "WebSite",
        "@id": ids.website,
        "url": site.absolute(""),
        "name": site.site_name,
        "description": clinic["description"],
        "publisher": _ref(ids.organization),
        "inLanguage": site.language,
    }
    logo = _image_node(ids.logo, site, site.logo)
    return [website, organization, logo, *locations]


def provider_node(provider: Provider, site: ClinicSettings) -> dict:
    """A clinician: a Person, and also a Physician when they are one."""
    ids = Ids(site)
    physician = provider.type == "Physician"
    return _compact(
        {
            "@type": ["Person", "Physician"] if physician else "Person",
            "@id": ids.provider(provider),
            "name": provider.name,
            "honorificPrefix": provider.honorific_prefix,
            "honorificSuffix": ", ".join(provider.credentials),
            "hasCredential": [
                {"@type": "EducationalOccupationalCredential", "name": credential}
                for credential in provider.credentials
            ],
            "jobTitle": provider.job_title,
            "medicalSpecialty": DERMATOLOGY if physician and provider.specialty else None,
            "knowsAbout": provider.specialty,
            "knowsLanguage": list(provider.languages),
            "worksFor": _ref(ids.organization),
            "url": site.absolute(provider.url),
        }
    )


def _procedure_node(page: PageInfo, site: ClinicSettings, ids: Ids) -> dict:
    procedure = page.procedure
    kind = procedure.procedure_type
    return _compact(
        {
            "@type": "MedicalProcedure",
            "@id": ids.page(page, "procedure"),
            "name": procedure.name,
            "description": procedure.description,
            "url": site.absolute(page.path),
            "procedureType": f"https://schema.org/{kind}" if kind else None,
            "bodyLocation": procedure.body_location,
            "relevantSpecialty": DERMATOLOGY,
        }
    )


def _faq_node(page: PageInfo, site: ClinicSettings, ids: Ids) -> dict:
    """The page's questions as a FAQPage: a part of the page, beside its main entity.

    Its own node rather than a second type on the WebPage: a treatment page's
    `mainEntity` is its procedure, and a FAQPage's must be its questions. Each
    answer keeps the HTML Google shows (paragraphs, lists, links).
    """
    url = site.absolute(page.path)
    return {
        "@type": "FAQPage",
        "@id": ids.page(page, "faq"),
        "isPartOf": _ref(ids.page(page, "webpage")),
        "inLanguage": site.language,
        "mainEntity": [
            {
                "@type": "Question",
                "name": question.text,
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": answer_markup(question.answer_html, url),
                },
            }
            for question in page.questions
        ],
    }


def _author(page: PageInfo, site: ClinicSettings, ids: Ids) -> tuple[dict, dict | None]:
    """A reference to the article's author, and the author's node when it is new."""
    if not page.author or page.author == site.clinic["name"]:
        return _ref(ids.organization), None
    for provider in site.providers.values():
        if page.author in (provider.name, provider.display_name):
            return _ref(ids.provider(provider)), provider_node(provider, site)
    author_id = ids.author(page.author)
    return _ref(author_id), {"@type": "Person", "@id": author_id, "name": page.author}


def build_graph(
    page: PageInfo, site: ClinicSettings, shared: Iterable[dict], card: Image | None = None
) -> dict:
    """The page's whole graph: `shared` site nodes plus this page's nodes.

    Shape: {"@context": "https://schema.org", "@graph": [WebSite, MedicalOrganization,
    ImageObject (logo), MedicalClinic..., WebPage, ImageObject, BreadcrumbList,
    BlogPosting?, FAQPage?, Person..., MedicalProcedure?]}. A page with questions
    (`PageInfo.questions`) has a FAQPage `<page>#faq`, part of the WebPage (`hasPart`).

    The page's image is its own picture, else its share `card` (a production build
    draws one with its title: sharecards.py), else the site's. An article with both
    a picture and a card names both (Google asks for several shapes of image).
    """
    return {"@context": CONTEXT, "@graph": [*shared, *page_nodes(page, site, card)]}


def page_nodes(page: PageInfo, site: ClinicSettings, card: Image | None = None) -> list[dict]:
    """This page's own nodes of its graph (build_graph), in order."""
    ids = Ids(site)
    url = site.absolute(page.path)
    image = page.image or card or site.social_image
    page_id, crumbs_id, image_id = (
        ids.page(page, name) for name in ("webpage", "breadcrumb", "primaryimage")
    )
    extra: dict[str, dict] = {}

    web_page = {
        "@type": page.web_page_type,
        "@id": page_id,
        "url": url,
        "name": page.title,
        "description": page.description,
        "isPartOf": _ref(ids.website),
        "breadcrumb": _ref(crumbs_id),
        "primaryImageOfPage": _ref(image_id),
        "inLanguage": site.language,
        "datePublished": page.published.isoformat() if page.published else None,
        "dateModified": page.modified.isoformat() if page.modified else None,
    }
    if page.reviewer:
        node = provider_node(page.reviewer, site)
        extra[node["@id"]] = node
        web_page["reviewedBy"] = _ref(node["@id"])
    if page.last_reviewed:
        web_page["lastReviewed"] = page.last_reviewed.isoformat()
    if page.procedure:
        procedure = _procedure_node(page, site, ids)
        extra[procedure["@id"]] = procedure
        web_page["about"] = web_page["mainEntity"] = _ref(procedure["@id"])
    if page.main_provider:
        node = provider_node(page.main_provider, site)
        extra[node["@id"]] = node
        web_page["mainEntity"] = _ref(node["@id"])
    faq = _faq_node(page, site, ids) if page.questions else None
    if faq:
        web_page["hasPart"] = _ref(faq["@id"])

    breadcrumbs = {
        "@type": "BreadcrumbList",
        "@id": crumbs_id,
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.name,
                "item": site.absolute(crumb.path),
            }
            for position, crumb in enumerate(page.breadcrumbs, start=1)
        ],
    }
    nodes = [_compact(web_page), _image_node(image_id, site, image), breadcrumbs]

    if page.kind == "article":
        images = [_ref(image_id)]
        if card is not None and card != image:
            card_id = ids.page(page, "shareimage")
            nodes.append(_image_node(card_id, site, card))
            images.append(_ref(card_id))
        author_ref, author_node = _author(page, site, ids)
        if author_node:
            extra.setdefault(author_node["@id"], author_node)
        nodes.append(
            _compact(
                {
                    "@type": "BlogPosting",
                    "@id": ids.page(page, "article"),
                    "headline": headline(page.title),
                    "description": page.description,
                    "datePublished": page.published.isoformat() if page.published else None,
                    "dateModified": page.modified.isoformat() if page.modified else None,
                    "author": author_ref,
                    "publisher": _ref(ids.organization),
                    "image": images if len(images) > 1 else images[0],
                    "mainEntityOfPage": _ref(page_id),
                    "isPartOf": _ref(ids.website),
                    "wordCount": page.word_count,
                    "articleSection": page.section,
                    "keywords": list(page.keywords),
                    "inLanguage": site.language,
                }
            )
        )
    if faq:
        nodes.append(faq)
    return [*nodes, *extra.values()]


_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"}
_UNSAFE_PATTERN = re.compile("[<>&']")


def to_script_json(graph: dict) -> str:
    """Serialise for `<script type="application/ld+json">`: valid JSON, safe in HTML.

    `<`, `>`, `&` and `'` are written as `\\u003c`, `\\u003e`, `\\u0026`, `\\u0027`
    (JSON string escapes, so the data is unchanged), which means no value can end
    the script element, open a comment or start markup. Keys are sorted, so the
    same site always gives the same bytes.
    """
    text = json.dumps(graph, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _UNSAFE_PATTERN.sub(lambda match: _UNSAFE[match.group()], text)


@dataclass(frozen=True)
class SharedGraph:
    """The site's nodes every page's graph begins with (site_nodes), and each of them
    written out once per build as to_script_json writes it: half of every page's graph."""

    nodes: tuple[dict, ...]
    written: tuple[str, ...]

    @classmethod
    def of(cls, nodes: Iterable[dict]) -> SharedGraph:
        nodes = tuple(nodes)
        return cls(nodes, tuple(to_script_json(node) for node in nodes))


def graph_json(shared: SharedGraph, nodes: list[dict]) -> str:
    """to_script_json(build_graph(...)), the shared nodes as written once: the graph's two
    keys in their sorted order, then its nodes, as json.dumps separates them."""
    written = [*shared.written, *map(to_script_json, nodes)]
    return f'{{"@context":{to_script_json(CONTEXT)},"@graph":[{",".join(written)}]}}'
