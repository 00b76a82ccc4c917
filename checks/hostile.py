"""The gate's second wall: what a hostile contribution could slip into the built site.

The content rules (plugins/clinic/rules/check.py) should reject a `javascript:` link, an event
handler or a script in an article; these checks look at the BUILT site again without trusting
them, the way a browser will read it:

- every address in every page (href, src, srcset, action, ...) parsed as a browser parses it
  (WHATWG URL, with ada), with only http, https, mailto and tel schemes allowed;
- no inline event handler (`on*` attribute), no `<base>`, no `srcdoc`, no inline CSS, no
  `<meta>` refresh, no form that sends to another site;
- scripts: JSON-LD data blocks, or the site's own files under theme/js/ or pagefind/;
- SVG and XML files: no script, no foreign content, no event handler, no xml-stylesheet;

Which attributes hold addresses, which schemes are allowed, how a srcset and CSS are read
and which SVG elements are active: the content rules' own policy (plugins/clinic/core/policy.py),
so the two walls cannot drift apart.
- no symbolic link, nothing that is not a regular file;
- no secrets (checks.secrets, with detect-secrets);
- no metadata in a picture, drawing or PDF (GPS, serial numbers, authors, captions, editor
  data, XMP, a photo stored turned): read with the content rules' own policy
  (plugins/clinic/core/filemeta.py), since the build removes all of it.
"""

from __future__ import annotations

import os
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import ada_url
import defusedxml.ElementTree as DefusedET
from bs4 import BeautifulSoup
from defusedxml import DefusedXmlException
from selectolax.lexbor import LexborHTMLParser

from checks import secrets

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from clinic.core import filemeta, policy  # the plugin folder is on the path from here

SCRIPT_FOLDERS = ("/theme/js/", "/pagefind/")
JSON_LD = "application/ld+json"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# Files a browser may run script from and that this site never publishes.
FORBIDDEN_SUFFIXES = {
    ".xhtml", ".xht", ".xsl", ".xslt", ".svgz", ".shtml", ".mht", ".mhtml", ".swf", ".hta",
}  # fmt: skip
HTML_SUFFIXES = {".html", ".htm"}
REFRESH_URL = re.compile(r"^[\s\d.]*[;,]?\s*(?:url\s*=\s*)?(['\"]?)(.*?)\1\s*$", re.I | re.S)
FALLBACK_SITEURL = "https://site.invalid"
# Attributes that name where a form sends what a patient types in it.
FORM_TARGETS = frozenset({"action", "formaction"})
# The theme styles pages from its own files only, and the pages' security policy ignores
# inline CSS; inline CSS that reaches the site came from elsewhere (and can load from anywhere).
NO_INLINE_STYLE = " (the site styles pages from its own CSS files only)"


@dataclass(frozen=True)
class Site:
    """Where the site is published: pages' addresses resolve against it."""

    url: str
    origin: str
    path: str

    @classmethod
    def at(cls, siteurl: str) -> Site:
        try:
            parsed = ada_url.URL(siteurl.rstrip("/") or FALLBACK_SITEURL)
        except ValueError:
            parsed = ada_url.URL(FALLBACK_SITEURL)
        path = parsed.pathname.rstrip("/")
        return cls(f"{parsed.origin}{path}", parsed.origin, path)

    def page_url(self, shown: str) -> str:
        return f"{self.url}/{Path(shown).as_posix()}"

    def owns(self, address: str, page_url: str) -> bool:
        """True when the address, on the page at page_url, resolves to this site's origin."""
        return policy.origin_of(address, page_url) == self.origin


def _short(value: str, limit: int = 80) -> str:
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 4] + "...'"


def address_problem(value: str, base: str) -> str | None:
    """Why a browser must not follow this address (the policy's reason), or None if it may."""
    reason = policy.address_problem(value, base)
    return f"{_short(value)} {reason}" if reason else None


@dataclass(frozen=True)
class Element:
    """One element as a browser's HTML parser builds it: its tag, its attributes (the first of
    a repeated one), and whether it sits inside a `<noscript>`."""

    name: str
    attrs: dict[str, str]
    in_noscript: bool = False

    def get(self, name: str, default=None):
        return self.attrs.get(name, default)


def browser_elements(html: str) -> list[Element]:
    """Every element of a page as a browser builds it, with Lexbor's HTML5 parser.

    Python's own HTML parser (and BeautifulSoup's html.parser) reads some markup differently
    from browsers: `<!-->` ends a comment for a browser but not for it, which hides what
    follows. Lexbor implements the HTML standard's parsing algorithm, as browsers do.
    """
    tree = LexborHTMLParser(html)
    found: list[Element] = []
    if tree.root is None:
        return found
    for node in tree.root.traverse(include_text=False):
        if not isinstance(node.tag, str) or node.tag.startswith(("-", "_")):
            continue
        inside = any(parent.tag == "noscript" for parent in _ancestors(node))
        attributes = {name.lower(): value or "" for name, value in node.attributes.items()}
        found.append(Element(node.tag.lower(), attributes, inside))
    return found


def _ancestors(node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def element_addresses(element: Element) -> Iterator[tuple[str, str]]:
    """(attribute, address) for every address an element holds."""
    for name, value in element.attrs.items():
        yield from ((name, url) for url in policy.attribute_addresses(name, str(value)))
    if element.name == "meta" and str(element.get("http-equiv", "")).lower() == "refresh":
        match = REFRESH_URL.match(str(element.get("content", "")))
        if match and match[2]:
            yield "content", match[2]


def script_problem(script: Element, page_url: str, site: Site) -> str | None:
    """A script is a JSON-LD data block or one of the site's own files; nothing else runs."""
    kind = str(script.get("type", "")).strip().lower()
    src = script.get("src")
    if src is None:
        return None if kind == JSON_LD else "an inline script (only JSON-LD may be inline)"
    try:
        url = ada_url.URL(ada_url.join_url(page_url, str(src)))
    except ValueError:
        return f"a script at {_short(str(src))}, which is not a valid address"
    folders = tuple(site.path + folder for folder in SCRIPT_FOLDERS)
    if url.origin != site.origin or not url.pathname.startswith(folders):
        return f"a script from {_short(str(src))}, not the site's own theme/js/ or pagefind/"
    return None


def check_page(shown: str, html: str, site: Site) -> list[str]:
    """Addresses, event handlers and scripts of one page, parsed as a browser parses it."""
    problems, base = [], site.page_url(shown)
    for element in browser_elements(html):
        tag = element.name
        for name, value in element.attrs.items():
            if name.startswith("on"):
                problems.append(f"{shown}: <{tag} {name}> is an inline event handler")
            elif name == "srcdoc":
                problems.append(f"{shown}: <{tag} srcdoc> embeds a document in the page")
            elif element.in_noscript and "<" in value:
                # A browser that runs scripts reads <noscript> as text up to `</noscript`,
                # so markup inside an attribute here becomes live elements there.
                problems.append(f"{shown}: <{tag} {name}> inside <noscript> holds markup")
            elif name == "style":
                problems.append(f"{shown}: <{tag} style> is an inline style{NO_INLINE_STYLE}")
            elif name in FORM_TARGETS and value.strip() and not site.owns(value, base):
                problems.append(
                    f"{shown}: <{tag} {name}> sends a form to {_short(value)}, another site"
                )
        if tag == "template":
            # Its content is parsed apart; a declarative shadow root makes it live.
            problems.append(f"{shown}: a <template> element, whose content the gate cannot see")
        for name, value in element_addresses(element):
            problem = address_problem(value, base)
            if problem:
                problems.append(f"{shown}: <{tag} {name}> {problem}")
        if tag == "script":
            problem = script_problem(element, base, site)
            if problem:
                problems.append(f"{shown}: {problem}")
        elif tag == "base":
            problems.append(f"{shown}: a <base> element, which redirects every relative link")
        elif tag == "style":
            problems.append(f"{shown}: a <style> element{NO_INLINE_STYLE}")
        elif tag == "meta" and element.get("http-equiv", "").strip().lower() == "refresh":
            problems.append(f"{shown}: a <meta> refresh, which sends the reader to another page")
        elif (
            tag in policy.ANIMATIONS
            and policy.local_name(element.get("attributename", "")) == "href"
        ):
            problems.append(f"{shown}: <{tag}> animates a link's address")
    return problems


class _Recorder(ET.TreeBuilder):
    """A tree builder that also remembers processing instructions (xml-stylesheet)."""

    def __init__(self) -> None:
        super().__init__(insert_pis=True)
        self.instructions: list[str] = []

    def pi(self, target, data=None):
        self.instructions.append(target)
        return super().pi(target, data)


def parse_xml(data: bytes) -> tuple[ET.Element | None, list[str], str | None]:
    """(root, processing instructions, error): defusedxml, which refuses entities."""
    target = _Recorder()
    parser = DefusedET.XMLParser(target=target, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(data)
        return parser.close(), target.instructions, None
    except DefusedXmlException as error:
        return None, target.instructions, f"declares entities ({type(error).__name__})"
    except ET.ParseError as error:
        return None, target.instructions, f"is not well-formed XML ({error})"


def css_problems(css: str) -> list[str]:
    """@import and url() to anything but a fragment or a relative path, CSS escapes decoded."""
    problems = ["an @import in its CSS"] if policy.css_imports(css) else []
    for url in policy.css_urls(css):
        if not policy.is_same_site(url):
            problems.append(f"CSS url({_short(url)}) outside the image")
    return problems


def _sitemap_alternate(element) -> bool:
    """The one XHTML element a sitemap holds, a page's version in another language:
    `<xhtml:link rel="alternate" hreflang=".." href="..">`, which loads nothing."""
    return (
        element.tag == f"{{{policy.XHTML_NAMESPACE}}}link"
        and set(element.attrib) == {"rel", "hreflang", "href"}
        and element.get("rel") == "alternate"
        and len(element) == 0
        and not (element.text or "").strip()
    )


def check_xml(shown: str, data: bytes, svg: bool) -> list[str]:
    """An SVG image or XML file holds no script, foreign content or event handler."""
    root, instructions, error = parse_xml(data)
    problems = [f"{shown}: {error}"] if error else []
    problems += [
        f"{shown}: an xml-stylesheet instruction (a stylesheet can run script)"
        for target in instructions
        if target.strip().lower() == "xml-stylesheet"
    ]
    for element in [] if root is None else root.iter():
        if not isinstance(element.tag, str):  # a processing instruction or comment
            continue
        name = policy.local_name(element.tag)
        namespace = element.tag[1:].split("}")[0] if element.tag.startswith("{") else ""
        attributes = {policy.local_name(key): value for key, value in element.attrib.items()}
        if name in policy.ACTIVE_ELEMENTS:
            problems.append(f"{shown}: a <{name}> element")
        if svg and policy.is_html_element(element.tag):
            problems.append(f"{shown}: an XHTML <{name}> element inside the image")
        is_page = namespace in (policy.XHTML_NAMESPACE, SVG_NAMESPACE)
        if not svg and is_page and not _sitemap_alternate(element):
            problems.append(f"{shown}: an XHTML or SVG <{name}> element, which a browser renders")
        if (
            name in policy.ANIMATIONS
            and policy.local_name(attributes.get("attributename", "")) == "href"
        ):
            problems.append(f"{shown}: <{name}> animates a link's address")
        if svg and name == "style":
            problems += [f"{shown}: {p}" for p in css_problems("".join(element.itertext()))]
        for local, value in attributes.items():
            if local.startswith("on"):
                problems.append(f"{shown}: <{name} {local}> is an event handler")
            elif local in policy.SVG_LINK_ATTRIBUTES and svg and not policy.is_same_site(value):
                problems.append(f"{shown}: <{name} {local}> {_short(value)} leaves the image")
            elif local in policy.SVG_LINK_ATTRIBUTES and not svg:
                problem = address_problem(value, policy.PAGE_BASE)
                if problem:
                    problems.append(f"{shown}: <{name} {local}> {problem}")
            elif svg:  # `style`, and presentation attributes such as fill="url(...)", are CSS
                problems += [f"{shown}: {p}" for p in css_problems(value)]
    return problems


@dataclass
class Tree:
    """The regular files of a built site, and what is wrong with the rest of it."""

    files: list[Path]
    problems: list[str]


def walk(root: Path) -> Tree:
    """Every regular file below root; a symbolic link anywhere (not followed) is a problem,
    since it could publish a file from outside output/ or stand for a page the gate skipped."""
    files, problems = [], []
    if root.is_symlink():
        problems.append(f"{root}: the site folder is a symbolic link")
    for folder, dirs, names in os.walk(root, followlinks=False):
        for name in sorted(dirs + names):
            path = Path(folder) / name
            shown = path.relative_to(root).as_posix()
            if path.is_symlink():
                problems.append(f"{shown}: a symbolic link; the site must hold real files")
            elif name in names and not path.is_file():
                problems.append(f"{shown}: not a regular file")
            elif name in names:
                files.append(path)
    return Tree(sorted(files), problems)


def check_files(root: Path, files: Iterable[Path], site: Site, parsed: Iterable[Path]) -> list[str]:
    """File-level checks: forbidden kinds, HTML the page loop did not parse, SVG, XML,
    secrets."""
    problems, parsed = [], set(parsed)
    files = list(files)
    for path in files:
        shown, suffix = path.relative_to(root).as_posix(), path.suffix.lower()
        if suffix in FORBIDDEN_SUFFIXES:
            problems.append(f"{shown}: a {suffix} file, which a browser may run script from")
        elif suffix in HTML_SUFFIXES and path not in parsed:
            problems += check_page(shown, path.read_text(encoding="utf-8", errors="replace"), site)
        elif suffix in (".svg", ".xml"):
            problems += check_xml(shown, path.read_bytes(), svg=suffix == ".svg")
        if filemeta.is_checked(path):
            problems += metadata_problems(shown, path.read_bytes(), suffix)
    problems += [finding.problem() for finding in secrets.scan_files(root, files)]
    return problems


def metadata_problems(shown: str, data: bytes, suffix: str) -> list[str]:
    """A published picture, drawing or PDF that still carries metadata, or is stored turned."""
    try:
        found = filemeta.findings(data, suffix)
    except filemeta.UnreadableFile as error:
        return [f"{shown}: {error}"]
    if not found:
        return []
    return [
        f"{shown}: carries {filemeta.summary(found)}; the build publishes every picture, "
        "drawing and PDF without metadata and upright, so this one did not come from it"
    ]


def parse_html(html: str) -> BeautifulSoup:
    """A page for the gate's link checks: entities decoded; of a repeated attribute, the first.

    The hostile checks do not use it: they parse with browser_elements (Lexbor)."""
    return BeautifulSoup(html, "html.parser", on_duplicate_attribute="ignore")
