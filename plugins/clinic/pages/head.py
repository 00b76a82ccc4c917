"""The document head's metadata: title, description, canonical, Open Graph, Twitter card."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from markupsafe import Markup

from ..rendering.images import Image
from ..settings.validation import ClinicSettings
from .jsonld import SharedGraph, graph_json, page_nodes
from .pageinfo import PageInfo
from .sharecards import ShareCards


def open_graph(
    page: PageInfo, site: ClinicSettings, image: Image | None = None
) -> list[tuple[str, str]]:
    """`(property, content)` pairs, in the order Open Graph readers expect."""
    image = image or page.image or site.social_image
    pairs = [
        ("og:type", "article" if page.kind == "article" else "website"),
        ("og:title", page.title),
        ("og:description", page.description),
        ("og:url", site.absolute(page.path)),
        ("og:image", site.absolute(image.path)),
        ("og:image:width", str(image.width)),
        ("og:image:height", str(image.height)),
        ("og:image:alt", image.alt),
        ("og:site_name", site.site_name),
        ("og:locale", site.og_locale),
    ]
    if page.kind == "article":
        if page.published:
            pairs.append(("article:published_time", page.published.isoformat()))
        if page.modified:
            pairs.append(("article:modified_time", page.modified.isoformat()))
        if page.section:
            pairs.append(("article:section", page.section))
        pairs += [("article:tag", tag) for tag in page.keywords]
    return [(key, value) for key, value in pairs if value]


def twitter_card(image: Image, site: ClinicSettings) -> list[tuple[str, str]]:
    """`(name, content)` pairs: a large image card, with its picture and its description."""
    pairs = [
        ("twitter:card", "summary_large_image"),
        ("twitter:image", site.absolute(image.path)),
        ("twitter:image:alt", image.alt),
    ]
    return [(key, value) for key, value in pairs if value]


class LazyHead(Mapping):
    """A page's head, built the first time a template reads it.

    A build that writes only some pages (the live preview) then builds only
    their heads; a full build builds each one once, as before.
    """

    def __init__(self, factory: Callable[[], dict]) -> None:
        self._factory = factory
        self._head: dict | None = None

    def _value(self) -> dict:
        if self._head is None:
            self._head = self._factory()
        return self._head

    def release(self) -> None:
        """Let the head go once its page is written (a template reading it again builds it
        again, the same): only its own page shows it, and every head (9 KB, its JSON-LD
        above all) was kept to the build's end. A cold build of 1,000 posts peaked at 102
        MB instead of 105."""
        self._head = None

    def __getitem__(self, key: str):
        return self._value()[key]

    def __getattr__(self, key: str):
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return self._value()[key]
        except KeyError:
            raise AttributeError(key) from None

    def __iter__(self):
        return iter(self._value())

    def __len__(self) -> int:
        return len(self._value())


def build_head(
    page: PageInfo, site: ClinicSettings, shared_nodes: SharedGraph, cards: ShareCards | None
) -> dict:
    """Everything `partials/head.html` renders for one page: plain text, and the JSON-LD.
    `cards` are the build's share cards (sharecards.py), in production."""
    card = cards.card_for(page) if cards is not None else None
    image = card or page.image or site.social_image  # what a shared link shows
    return {
        "title": page.html_title,
        "description": page.description,
        "canonical": site.absolute(page.path),
        "open_graph": open_graph(page, site, image),
        "twitter": twitter_card(image, site),
        "jsonld": Markup(graph_json(shared_nodes, page_nodes(page, site, card))),
    }
