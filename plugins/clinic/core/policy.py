"""The site's HTML, URL and SVG safety policy, in one place for both walls.

The content rules (markup.py, svg.py, rules.py) and the pre-publish gate
(checks/hostile.py) read addresses, srcsets, CSS and SVG elements the same way,
from here: a rule written twice drifts, and a drift is a way past one wall.
Constants and pure functions only; nothing here knows Pelican.
"""

from __future__ import annotations

import re

import ada_url

# Schemes a page may link to; relative addresses and fragments take the page's own.
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Attributes whose value is one address: the HTML and SVG ones a browser follows or fetches,
# on whatever element (a browser honours some where the HTML spec does not list them, such
# as `background` on a table).
ADDRESS_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "data",
        "poster",
        "cite",
        "background",
        "longdesc",
        "manifest",
        "icon",
        "codebase",
        "xlink:href",
    }
)
# Attributes whose value is a list of image candidates, split as a srcset.
SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
# Attributes whose value is a list of addresses separated by spaces.
SPACED_LIST_ATTRIBUTES = frozenset({"ping"})
# Attributes that make the browser fetch with the page, as opposed to links a reader follows.
FETCHING_ATTRIBUTES = frozenset({"src", "srcset", "imagesrcset", "poster", "data", "background"})
# Attributes an SVG or XML element links or loads with (after its namespace prefix).
SVG_LINK_ATTRIBUTES = frozenset({"href", "src"})

# In SVG and other XML, in any namespace: elements that run script, listen for events,
# embed another document or play media.
ACTIVE_ELEMENTS = frozenset(
    {
        "script",
        "foreignobject",
        "handler",
        "listener",
        "iframe",
        "embed",
        "object",
        "audio",
        "video",
    }
)
# Animations that could set a link's address after the file was checked.
ANIMATIONS = frozenset(
    {"animate", "set", "animatemotion", "animatetransform", "animatecolor", "discard"}
)
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"

# Where relative addresses resolve: only the scheme, and whether the host stays this one,
# are ever read from the result.
SITE_HOST = "site.invalid"
PAGE_BASE = f"https://{SITE_HOST}/page/"

_ASCII_WHITESPACE = " \t\n\r\f"
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
# A CSS escape: up to six hex digits and one optional whitespace, or any other character.
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})(?:\r\n|[ \t\n\r\f])?|(.))", re.DOTALL)
# `url(...)`, quoted or not; a quoted address may hold a `)`.
_CSS_URL = re.compile(r"url\(\s*(?:\"(.*?)\"|'(.*?)'|([^)]*?))\s*\)", re.IGNORECASE | re.DOTALL)
_MAX_CODE_POINT = 0x10FFFF


def local_name(name: str) -> str:
    """`href` for `{http://www.w3.org/1999/xlink}href`, `xlink:href` or `href`, lower-cased.

    XML elements and attributes are judged by their local name in any namespace: a
    `<x:script>` in a made-up namespace is still refused.
    """
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def is_html_element(tag: str) -> bool:
    """True for an element in an XHTML namespace (`{...xhtml}p`), which carries HTML into XML."""
    return tag.startswith("{") and "xhtml" in tag[1:].split("}", 1)[0].lower()


def scheme_of(address: str, base: str = PAGE_BASE) -> str | None:
    """The scheme a browser reads in an address on a page at `base` (`javascript`), or None.

    ada follows the WHATWG URL standard, as browsers do: it strips leading C0 controls and
    spaces, drops tabs and newlines anywhere and lower-cases the scheme, so
    `\\x01 Ja\\tvaScript:` is javascript. None means no browser could read the address.
    """
    try:
        return ada_url.URL(ada_url.join_url(base, address)).protocol.rstrip(":").lower()
    except ValueError:
        return None


def address_problem(address: str, base: str = PAGE_BASE) -> str | None:
    """Why a browser must not follow this address, or None when its scheme is allowed."""
    scheme = scheme_of(address, base)
    if scheme is None:
        return "is not an address a browser can read"
    if scheme not in ALLOWED_SCHEMES:
        return f"uses the '{scheme}:' scheme (only http, https, mailto and tel)"
    return None


def is_same_site(address: str, base: str = PAGE_BASE) -> bool:
    """True when a browser resolves the address to a page or file of the base's own site:
    a fragment or a path, nothing with another scheme or host."""
    try:
        url = ada_url.URL(ada_url.join_url(base, address))
        own = ada_url.URL(base)
    except ValueError:
        return False
    return url.protocol == own.protocol and url.host == own.host


def origin_of(address: str, base: str = PAGE_BASE) -> str | None:
    """`scheme://host[:port]` of an address, as a browser resolves it on a page at `base`."""
    try:
        return ada_url.URL(ada_url.join_url(base, address)).origin
    except ValueError:
        return None


def srcset_urls(value: str) -> list[str]:
    """The addresses in a srcset, split as the HTML standard's srcset parser splits them.

    A candidate's address runs to the next ASCII whitespace; a trailing comma ends it
    with no descriptors (`a.png,b.png 2x` is two addresses); descriptors run to the next
    comma outside parentheses.
    """
    urls, position = [], 0
    while position < len(value):
        while position < len(value) and value[position] in _ASCII_WHITESPACE + ",":
            position += 1
        start = position
        while position < len(value) and value[position] not in _ASCII_WHITESPACE:
            position += 1
        url = value[start:position]
        if not url:
            break
        if url.endswith(","):
            urls.append(url.rstrip(","))
            continue
        urls.append(url)
        depth = 0  # skip the descriptors, up to a comma outside parentheses
        while position < len(value):
            char = value[position]
            position += 1
            if char == "(":
                depth += 1
            elif char == ")":
                depth = max(depth - 1, 0)
            elif char == "," and depth == 0:
                break
    return [url for url in urls if url]


def attribute_addresses(name: str, value: str) -> list[str]:
    """The addresses an HTML attribute holds (none for an attribute that holds none)."""
    if name in ADDRESS_ATTRIBUTES:
        return [value]
    if name in SRCSET_ATTRIBUTES:
        return srcset_urls(value)
    if name in SPACED_LIST_ATTRIBUTES:
        return value.split()
    return []


def _css_unescape(match: re.Match) -> str:
    hex_digits, character = match[1], match[2]
    if hex_digits is None:
        return "" if character == "\n" else character  # an escaped newline continues the line
    code = int(hex_digits, 16)
    if code == 0 or code > _MAX_CODE_POINT or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return chr(code)


def decoded_css(css: str) -> str:
    """CSS as a browser reads it: comments gone, escapes decoded (`u\\72l(` is `url(`)."""
    return _CSS_ESCAPE.sub(_css_unescape, _CSS_COMMENT.sub("", css))


def css_imports(css: str) -> bool:
    """True when the CSS imports another stylesheet, however it is spelled."""
    return "@import" in decoded_css(css).lower()


def css_urls(css: str) -> list[str]:
    """The addresses of every `url()` in the CSS, escapes decoded."""
    return [
        next(part for part in match.groups() if part is not None)
        for match in _CSS_URL.finditer(decoded_css(css))
    ]
