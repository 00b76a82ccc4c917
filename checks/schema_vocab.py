"""Check a page's schema.org JSON-LD against the real schema.org vocabulary.

Search engines drop structured data quietly when a type or property is wrong, so every term the
site emits is checked against the vendored release file rather than against anyone's memory of it.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "schemaorg-current-https.jsonld.gz"
CONTEXTS = ("https://schema.org", "https://schema.org/")
_PREFIX = "schema:"


def _kinds(term: Mapping[str, Any]) -> frozenset[str]:
    """A vocabulary term's `@type`, which the file writes as a string or a list."""
    kind = term["@type"]
    return frozenset([kind] if isinstance(kind, str) else kind)


def _schema_ids(value: Any) -> frozenset[str]:
    """The bare schema.org names in one `{"@id": ...}` or a list of them.

    The file also names other vocabularies' terms (`fibo-fnd-plc-adr:PostalAddress`,
    `rdfs:Class`); dropping them keeps them from colliding with schema.org's own names.
    """
    refs = value if isinstance(value, list) else [value] if value else []
    return frozenset(r["@id"].removeprefix(_PREFIX) for r in refs if r["@id"].startswith(_PREFIX))


def _closure(name: str, parents: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """`name` and everything reachable from it through `parents`."""
    seen: set[str] = set()
    stack = [name]
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(parents.get(current, ()))
    return frozenset(seen)


@dataclass(frozen=True)
class Vocabulary:
    """The parts of schema.org a JSON-LD check needs, keyed by bare names (`MedicalClinic`)."""

    ancestors: Mapping[str, frozenset[str]]
    domains: Mapping[str, frozenset[str]]
    ranges: Mapping[str, frozenset[str]]
    super_properties: Mapping[str, frozenset[str]]
    superseded_by: Mapping[str, str]
    terms: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path | None = None) -> Vocabulary:
        """Read a schema.org release file (`.jsonld` or `.jsonld.gz`); default: the vendored one."""
        return _default_vocabulary() if path is None else cls._read(path)

    @classmethod
    def _read(cls, path: Path) -> Vocabulary:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as file:
            return cls.from_graph(json.load(file)["@graph"])

    @classmethod
    def from_graph(cls, graph: list[dict[str, Any]]) -> Vocabulary:
        """Index the release file's `@graph`, keeping only schema.org's own terms."""
        terms = {
            term["@id"].removeprefix(_PREFIX): term
            for term in graph
            if term["@id"].startswith(_PREFIX)
        }
        # Only rdfs:Class terms: some enumeration members (Dermatology) also carry subClassOf.
        parents = {
            name: _schema_ids(term.get("rdfs:subClassOf"))
            for name, term in terms.items()
            if "rdfs:Class" in _kinds(term)
        }
        properties = {name: t for name, t in terms.items() if "rdf:Property" in _kinds(t)}
        return cls(
            ancestors={name: _closure(name, parents) for name in parents},
            domains={n: _schema_ids(t.get("schema:domainIncludes")) for n, t in properties.items()},
            ranges={n: _schema_ids(t.get("schema:rangeIncludes")) for n, t in properties.items()},
            super_properties={
                n: _schema_ids(t.get("rdfs:subPropertyOf")) for n, t in properties.items()
            },
            superseded_by={
                name: term["schema:supersededBy"]["@id"].removeprefix(_PREFIX)
                for name, term in terms.items()
                if "schema:supersededBy" in term
            },
            terms=frozenset(terms),
        )

    def superclasses(self, name: str) -> frozenset[str]:
        """`name` and all its ancestors; empty when `name` is not an rdfs:Class."""
        return self.ancestors.get(name, frozenset())

    def is_class(self, name: str) -> bool:
        """Whether `name` can be a node's `@type`: a class under Thing.

        Data types (Text, URL, Quantity, Duration...) are rdfs:Class terms outside Thing's tree.
        """
        return "Thing" in self.superclasses(name)

    def is_property(self, name: str) -> bool:
        """Whether `name` is a schema.org property."""
        return name in self.domains

    def domain(self, prop: str) -> frozenset[str]:
        """The classes `prop` may be used on; its super-properties' if it names none."""
        own = self.domains.get(prop, frozenset())
        if own:
            return own
        return frozenset().union(*(self.domain(p) for p in self.super_properties.get(prop, ())))

    def range(self, prop: str) -> frozenset[str]:
        """The classes and data types `prop`'s values may have."""
        return self.ranges.get(prop, frozenset())

    def superseded(self, name: str) -> str | None:
        """The term that replaces a deprecated `name`, or None if `name` is current."""
        return self.superseded_by.get(name)


@functools.cache
def _default_vocabulary() -> Vocabulary:
    """The vendored vocabulary, parsed once per process: every test and page shares it."""
    return Vocabulary._read(DEFAULT_PATH)


def _types(obj: Mapping[str, Any]) -> list[str]:
    """An object's `@type` as a list (JSON-LD allows a string or a list)."""
    kind = obj.get("@type", [])
    return [kind] if isinstance(kind, str) else list(kind)


def _items(value: Any) -> list[Any]:
    """A property's values: JSON-LD writes several as a list, one as itself."""
    return value if isinstance(value, list) else [value]


def _is_reference(value: Any) -> bool:
    """Whether `value` only points at a node declared elsewhere: `{"@id": ...}`."""
    return isinstance(value, dict) and value.keys() == {"@id"}


def _label(obj: Mapping[str, Any], parent: str, prop: str) -> str:
    """How messages name an object: its `@id`, else the path to it, then its types."""
    types = f"({', '.join(_types(obj)) or 'no @type'})"
    if "@id" in obj:
        return f"{obj['@id']} {types}"
    return f"{parent} → {prop} {types}" if parent else types


def _walk(obj: dict[str, Any], label: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """`obj` and every object nested in it, except references, each with its label."""
    yield label, obj
    for prop, value in obj.items():
        if prop.startswith("@"):
            continue
        for item in _items(value):
            if isinstance(item, dict) and not _is_reference(item):
                yield from _walk(item, _label(item, label, prop))


def _declared_ids(
    objects: list[tuple[str, dict[str, Any]]],
) -> tuple[dict[str, list[str]], list[str]]:
    """Each declared `@id` with its node's types, and a problem for every repeated one."""
    declared: dict[str, list[str]] = {}
    problems = []
    for label, obj in objects:
        if "@id" not in obj:
            continue
        if obj["@id"] in declared:
            problems.append(f"{label}: @id '{obj['@id']}' is declared more than once")
        else:
            declared[obj["@id"]] = _types(obj)
    return declared, problems


def _ancestors(types: list[str], vocab: Vocabulary) -> frozenset[str]:
    """Every class the types stand for, counting superclasses."""
    return frozenset().union(*(vocab.superclasses(t) for t in types))


def _check_types(label: str, obj: Mapping[str, Any], vocab: Vocabulary) -> list[str]:
    """Rule 2: every type is a current schema.org class."""
    types = _types(obj)
    if not types:
        return [f"{label}: has no @type"]
    problems = []
    for name in types:
        if not vocab.is_class(name):
            problems.append(f"{label}: type '{name}' is not a schema.org class")
        elif replacement := vocab.superseded(name):
            problems.append(f"{label}: type '{name}' is superseded by '{replacement}'")
    return problems


def _check_property(label: str, obj: Mapping[str, Any], prop: str, vocab: Vocabulary) -> list[str]:
    """Rule 3: `prop` is a current property, used within its domain."""
    if not vocab.is_property(prop):
        return [f"{label}: property '{prop}' is not in the schema.org vocabulary"]
    problems = []
    if replacement := vocab.superseded(prop):
        problems.append(f"{label}: '{prop}' is superseded by '{replacement}'")
    known = _ancestors(_types(obj), vocab)
    domain = vocab.domain(prop)
    if known and not known & domain:
        problems.append(
            f"{label}: '{prop}' is not used on {', '.join(_types(obj))} "
            f"(domain: {', '.join(sorted(domain)) or 'none'})"
        )
    return problems


_TERM_URL = re.compile(r"^https?://schema\.org/([A-Za-z][A-Za-z0-9]*)$")


def _check_term_url(label: str, prop: str, value: str, vocab: Vocabulary) -> list[str]:
    """A literal naming a term (`https://schema.org/Dermatology`) must name a current one."""
    match = _TERM_URL.match(value)
    if not match:
        return []
    name = match.group(1)
    if name not in vocab.terms:
        return [f"{label}: '{prop}' names '{value}', which is not a schema.org term"]
    if vocab.superseded(name):
        return [f"{label}: '{prop}' names '{value}', superseded by {vocab.superseded(name)}"]
    return []


def _check_value(
    label: str, prop: str, value: Any, vocab: Vocabulary, declared: Mapping[str, list[str]]
) -> list[str]:
    """Rule 4: an object value, given in place or by reference, fits `prop`'s range."""
    if isinstance(value, str):
        return _check_term_url(label, prop, value, vocab)
    if not isinstance(value, dict):  # a literal: schema.org accepts text where a thing is expected
        return []
    if _is_reference(value) and value["@id"] not in declared:
        return [f"{label}: '{prop}' refers to '{value['@id']}', which is not in the graph"]
    types = declared[value["@id"]] if _is_reference(value) else _types(value)
    known = _ancestors(types, vocab)
    allowed = vocab.range(prop)
    # Unknown properties and types are reported by rules 2 and 3; a range check would repeat them.
    if not known or not vocab.is_property(prop) or "Thing" in allowed or known & allowed:
        return []
    return [
        f"{label}: '{prop}' does not take {', '.join(types)} (range: {', '.join(sorted(allowed))})"
    ]


def _check_object(
    label: str, obj: Mapping[str, Any], vocab: Vocabulary, declared: Mapping[str, list[str]]
) -> list[str]:
    """Rules 2 to 4 for one object's own types and properties (nested objects are walked apart)."""
    problems = _check_types(label, obj, vocab)
    for prop, value in obj.items():
        if prop.startswith("@"):
            continue
        problems += _check_property(label, obj, prop, vocab)
        for item in _items(value):
            problems += _check_value(label, prop, item, vocab, declared)
    return problems


def check_document(doc: dict[str, Any], vocab: Vocabulary) -> list[str]:
    """Every way one JSON-LD object breaks the schema.org vocabulary; empty when it is valid."""
    problems = []
    if doc.get("@context") not in CONTEXTS:
        problems.append(f"@context is {doc.get('@context')!r}, not 'https://schema.org'")
    objects = [
        pair for node in doc.get("@graph", [doc]) for pair in _walk(node, _label(node, "", ""))
    ]
    declared, duplicates = _declared_ids(objects)
    problems += duplicates
    for label, obj in objects:
        problems += _check_object(label, obj, vocab, declared)
    return problems


class _JsonLdScripts(HTMLParser):
    """Collects the text of every `<script type="application/ld+json">`."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = dict(attrs).get("type") or ""
        self._inside = tag == "script" and kind.strip().lower() == "application/ld+json"
        if self._inside:
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.texts[-1] += data


def _parse_script(number: int, text: str) -> dict[str, Any]:
    """One script's JSON object, or a ValueError that says which script is broken."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"JSON-LD script {number} is not valid JSON: {error}") from error
    if not isinstance(doc, dict):
        raise ValueError(f"JSON-LD script {number} is a {type(doc).__name__}, not a JSON object")
    return doc


def extract_documents(html: str) -> list[dict[str, Any]]:
    """The parsed JSON-LD objects of a page, in document order (stdlib only, no BeautifulSoup)."""
    parser = _JsonLdScripts()
    parser.feed(html)
    parser.close()
    return [_parse_script(number, text) for number, text in enumerate(parser.texts, start=1)]
