"""Rendering only the pages whose inputs changed, by what each page read when it was made.

While a page renders, the template's reads are noted: each name it looked up in its
context (`article`, `articles_page`, `SITENAME`…), and each article or page whose
attributes it read (through `environment.getattr`, which every `a.b` in a template
calls). The page's record keeps a fingerprint of each: of a name, its value (lists
of articles by who is in them, in order); of an article or page, everything it holds
(its text, its metadata, what the plugin attached: related articles, translations,
head, call to action), other articles and pages inside it by their source.

At the next build, before a page renders, its record is checked against the same
reads of the new context. When every fingerprint is the same, the page would come
out the same: the last build's file (in output/, checked by its SHA-256) is written
again instead of rendering it. Anything else, and it renders and is recorded anew.

What a template can reach without such a read is in the build's own key, which
every record must match: the theme's files; the settings, the plugin's code, the
pictures (the cache folder the records live in is named after them); every
source's address (a link to another page is written with its address); and what
CLINIC_BUILD shows the theme (the clinic's facts, the taglines, the map of
translations). tests/test_identical.py holds an incremental build to a clean one,
byte for byte, after every kind of change.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import types
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

from jinja2.runtime import Context
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from ..core.atomic import write_atomically

logger = logging.getLogger(__name__)

VERSION = 1
RECORDS = "clinic-pages.json"  # in the build's cache folder
GLOBAL = "_clinic_page_records"  # the records, where the templates' look-ups find them
# Never fingerprinted: Pelican's settings and context (the build's key covers them).
SKIPPED_ATTRIBUTES = frozenset({"settings", "_context"})
# Nor are the plugin's build machinery (no page shows it), nor a value worked out when
# first read (a page's head): made from the object's other values and the build's,
# which are fingerprinted, reading it here would make every head of every build.
SKIPPED_TYPES = frozenset({"ClinicBuild", "ContentMemo", "Processes", "ShareCards", "LazyHead"})
MAX_DEPTH = 8
CODE_TYPES = (
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    functools.partial,
    type,
)


def identity(item: Content) -> str:
    return f"{type(item).__name__}:{item.source_path}"


class Fingerprints:
    """One build's fingerprints of values and of content objects, each worked out once."""

    def __init__(self) -> None:
        self._values: dict[int, tuple[object, str]] = {}  # by id, with the value kept alive
        self._contents: dict[str, str] = {}
        self.touched: set | None = None  # the render under way's content objects

    def of_value(self, value: object) -> str:
        """The value's fingerprint; content objects inside it count as read."""
        known = self._values.get(id(value))
        if known is not None and known[0] is value:
            if self.touched is not None:
                self._touch_inside(value)
            return known[1]
        digest = hashlib.sha256()
        self._feed(digest, value, 0, contents=[])
        fingerprint = digest.hexdigest()
        self._values[id(value)] = (value, fingerprint)
        if self.touched is not None:
            self._touch_inside(value)
        return fingerprint

    def _touch_inside(self, value: object) -> None:
        if isinstance(value, Content):
            self.touched.add(value)
        elif isinstance(value, list | tuple):
            for item in value:
                if isinstance(item, Content):
                    self.touched.add(item)
                elif isinstance(item, tuple):
                    self._touch_inside(item)

    def of_content(self, item: Content) -> str:
        """Everything the article or page holds (see the module)."""
        key = identity(item)
        fingerprint = self._contents.get(key)
        if fingerprint is None:
            digest = hashlib.sha256(key.encode())
            for name in sorted(vars(item)):
                if name not in SKIPPED_ATTRIBUTES:
                    digest.update(f"\0{name}=".encode())
                    self._feed(digest, vars(item)[name], 1, contents=[])
            fingerprint = self._contents[key] = digest.hexdigest()
        return fingerprint

    def _feed(self, digest, value, depth: int, contents: list) -> None:
        """The value, written out into `digest` in a form the same on every run."""
        update = digest.update
        if value is None or isinstance(value, bool | int | float):
            update(repr(value).encode())
        elif isinstance(value, str):
            update(b"s%d:" % len(value))
            update(value.encode("utf-8", "surrogatepass"))
        elif isinstance(value, Content):
            update(f"c:{identity(value)}".encode())
        elif isinstance(value, URLWrapper):
            update(f"w:{type(value).__name__}:{value.name}:{value.slug}".encode())
        elif isinstance(value, datetime | date):
            update(f"d:{value.isoformat()}".encode())
        elif type(value).__name__ in SKIPPED_TYPES:
            update(f"t:{type(value).__name__}".encode())
        elif depth >= MAX_DEPTH:
            update(f"deep:{type(value).__name__}".encode())
        elif isinstance(value, Mapping):
            update(b"{")
            for key in sorted(value, key=str):
                update(str(key).encode() + b":")
                self._feed(digest, value[key], depth + 1, contents)
            update(b"}")
        elif isinstance(value, list | tuple | set | frozenset):
            items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
            update(b"[")
            for item in items:
                self._feed(digest, item, depth + 1, contents)
                update(b",")
            update(b"]")
        elif isinstance(value, CODE_TYPES):  # code is in the build's key: its name is enough
            function = getattr(value, "func", value)
            update(f"f:{getattr(function, '__qualname__', type(function).__name__)}".encode())
        elif dataclasses.is_dataclass(value):
            update(f"o:{type(value).__name__}(".encode())
            for field in dataclasses.fields(value):
                update(field.name.encode() + b"=")
                self._feed(digest, getattr(value, field.name), depth + 1, contents)
            update(b")")
        elif hasattr(value, "__dict__"):
            update(f"o:{type(value).__name__}(".encode())
            attributes = vars(value)
            for name in sorted(attributes):
                if name not in SKIPPED_ATTRIBUTES:
                    update(name.encode() + b"=")
                    self._feed(digest, attributes[name], depth + 1, contents)
            update(b")")
        else:
            shown = repr(value)
            update(f"r:{type(value).__name__}:{'' if ' at 0x' in shown else shown}".encode())


class _Recording:
    """What one render read: the names it looked up in the page's context or the
    environment's globals (a name an including template passes on is made from those),
    and the content objects it read from."""

    def __init__(self, localcontext: Mapping, shared: Mapping, prints: Fingerprints) -> None:
        self.localcontext, self.shared, self.prints = localcontext, shared, prints
        self.names: dict[str, str] = {}  # name -> fingerprint, taken at its first look-up
        self.touched: set = set()

    def note(self, key: str) -> None:
        """A name looked up: its value's fingerprint as it is before the template uses it
        (as the next build finds it before rendering; a value can fill in as it is read)."""
        if key in self.names:
            return
        if key in self.localcontext:
            self.names[key] = self.prints.of_value(self.localcontext[key])
        elif key in self.shared:
            self.names[key] = self.prints.of_value(self.shared[key])


class PageRecords:
    """The pages' records (see the module): those of the last build, checked before each
    page renders, and this build's, saved for the next one."""

    def __init__(self, path: Path | None, previous_output: Path | None, key: str = "") -> None:
        self.path = path
        self.previous_output = previous_output
        self.key = key
        self.fingerprints = Fingerprints()
        self.recording: _Recording | None = None
        self.before: dict[str, dict] = self._load() if path else {}
        self.now: dict[str, dict] = {}
        self.reused = 0
        self.rendered = 0

    def _load(self) -> dict[str, dict]:
        try:
            data = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            logger.warning(
                "The cache file %s could not be read (%s): thrown away, this build renders "
                "every page",
                self.path,
                type(error).__name__,
            )
            return {}
        if not isinstance(data, dict) or data.get("version") != VERSION:
            return {}
        pages = data.get("pages")
        return pages if isinstance(pages, dict) else {}

    @property
    def active(self) -> bool:
        return self.path is not None

    def prepare(self, items) -> None:
        """Every article's and page's fingerprint, taken once all are made and before any
        page renders: what a page fills in as it renders (a head worked out when first
        shown) never makes two builds' fingerprints differ."""
        for item in items:
            self.fingerprints.of_content(item)

    def render(self, template, localcontext: dict) -> str:
        """The page: the last build's, when nothing it read has changed; else rendered."""
        name = localcontext.get("output_file", "")
        kept = self._kept(name, localcontext, template.environment.globals)
        if kept is not None:
            self.reused += 1
            return kept
        recording = _Recording(localcontext, template.environment.globals, self.fingerprints)
        self.recording = recording
        self.fingerprints.touched = recording.touched
        try:
            output = template.render(localcontext)
        finally:
            self.recording = None
            self.fingerprints.touched = None
        self.rendered += 1
        self.now[name] = {
            "key": self.key,
            "sha": hashlib.sha256(output.encode("utf-8")).hexdigest(),
            "names": dict(sorted(recording.names.items())),
            "contents": {
                identity(item): self.fingerprints.of_content(item)
                for item in sorted(recording.touched, key=identity)
            },
        }
        return output

    def _kept(self, name: str, localcontext: dict, shared: Mapping) -> str | None:
        record = self.before.get(name)
        if not record or record.get("key") != self.key or self.previous_output is None:
            return None
        for read, fingerprint in record.get("names", {}).items():
            if read in localcontext:
                value = localcontext[read]
            elif read in shared:  # the environment's globals: functions, the gettext
                value = shared[read]
            else:
                return None
            if self.fingerprints.of_value(value) != fingerprint:
                return None
        contents = self._contents_of(localcontext)
        for key, fingerprint in record.get("contents", {}).items():
            item = contents.get(key)
            if item is None or self.fingerprints.of_content(item) != fingerprint:
                return None
        try:
            data = (self.previous_output / name).read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != record.get("sha"):
            return None
        self.now[name] = record
        return data.decode("utf-8")

    def _contents_of(self, localcontext: dict) -> dict[str, Content]:
        """Every article and page of the build, by identity (from its context, once)."""
        found = getattr(self, "_by_identity", None)
        if found is None:
            found = self._by_identity = {
                identity(item): item
                for item in localcontext.get("generated_content", {}).values()
                if isinstance(item, Content)
            }
            for item in list(found.values()):
                for other in getattr(item, "translations", ()):
                    found.setdefault(identity(other), other)
        return found

    def handed_on(self) -> tuple[dict[str, dict], int, int]:
        """What the second process writing pages hands the first: its records and counts."""
        return self.now, self.reused, self.rendered

    def adopt(self, handed: tuple[dict[str, dict], int, int] | None) -> None:
        """The records and counts of the pages the second process wrote."""
        if handed:
            records, reused, rendered = handed
            self.now.update(records)
            self.reused += reused
            self.rendered += rendered

    def save(self) -> None:
        if self.path is None:
            return
        data = {"version": VERSION, "pages": dict(sorted(self.now.items()))}
        write_atomically(self.path, json.dumps(data, separators=(",", ":")).encode("utf-8"))


def build_key(theme: Path, context: Mapping, shown: object) -> str:
    """What every page may depend on without reading it in the template (see the module):
    `shown` is what the build's context shows the theme (CLINIC_BUILD's values)."""
    digest = hashlib.sha256(str(VERSION).encode())
    Fingerprints()._feed(digest, shown, 0, contents=[])
    for path in sorted(theme.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(theme).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for kind in ("generated_content", "static_content"):
        addresses = {
            str(source): getattr(item, "url", "") for source, item in context.get(kind, {}).items()
        }
        digest.update(json.dumps(addresses, sort_keys=True).encode())
    return digest.hexdigest()


class _RecordingContext(Context):
    """Jinja's context, noting each name a template looks up while a page is recorded."""

    def resolve_or_missing(self, key: str):
        value = super().resolve_or_missing(key)
        records = self.environment.globals.get(GLOBAL)
        recording = records.recording if records is not None else None
        if recording is not None:
            recording.note(key)
        return value


def record_reads(environment) -> None:
    """Make `environment` note what its templates read (see the module): its context class,
    and its attribute and item look-ups."""
    if getattr(environment, "_clinic_records_reads", False):
        return
    environment.context_class = _RecordingContext
    plain_getattr, plain_getitem = environment.getattr, environment.getitem

    def getattr_noted(obj, attribute):
        _note(environment, obj)
        return plain_getattr(obj, attribute)

    def getitem_noted(obj, argument):
        _note(environment, obj)
        return plain_getitem(obj, argument)

    environment.getattr, environment.getitem = getattr_noted, getitem_noted
    environment._clinic_records_reads = True


def _note(environment, obj) -> None:
    if isinstance(obj, Content):
        records = environment.globals.get(GLOBAL)
        if records is not None and records.recording is not None:
            records.recording.touched.add(obj)
