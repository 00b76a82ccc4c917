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
out the same, and is not rendered: the file in the folder being built is kept when it
holds the last build's bytes (the site before last, recycled: core/recycling.py), else
the last build's file (in output/) is written again, each checked by its SHA-256.
Anything else, and it renders and is recorded anew.

What a template can reach without such a read is in the build's own key, which
every record must match: the theme's files; the settings, the plugin's code, the
pictures (the cache folder the records live in is named after them); every
source's address (a link to another page is written with its address); and what
CLINIC_BUILD shows the theme (the clinic's facts, the taglines, the map of
translations). tests/site/test_incremental.py holds an incremental build to a clean one,
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
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from jinja2.runtime import Context
from pelican.contents import Content
from pelican.paginator import Page as ListPage
from pelican.paginator import Paginator
from pelican.urlwrappers import URLWrapper

from ..core.atomic import write_atomically
from ..core.recycling import keep_if_same

logger = logging.getLogger(__name__)

VERSION = 3
RECORDS = "clinic-pages.json"  # in the build's cache folder
# Never fingerprinted: Pelican's settings and context (the build's key covers them).
SKIPPED_ATTRIBUTES = frozenset({"settings", "_context"})
_ABSENT = object()  # no such key
# Nor are the plugin's build machinery (no page shows it), nor a value worked out when
# first read (a page's head): made from the object's other values and the build's,
# which are fingerprinted, reading it here would make every head of every build.
SKIPPED_TYPES = frozenset({"ClinicBuild", "ContentMemo", "Processes", "ShareCards", "LazyHead"})
MAX_DEPTH = 8
# Values this long are remembered by the build (kept alive with their fingerprint): the
# site's lists, which every page looks up. Smaller ones are fingerprinted each time.
SHARED_SIZE = 16
CODE_TYPES = (
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    functools.partial,
    type,
)
# The kinds of value fingerprinted alike, as tuples made once: `isinstance(v, a | b)`
# makes a new union at each call, and a rebuild asks 150,000 times.
SCALARS = (bool, int, float)
MOMENTS = (datetime, date)
SEQUENCES = (list, tuple)
SHAREABLE = (list, tuple, dict)
COLLECTIONS = (list, tuple, set, frozenset)
SETS = (set, frozenset)
LISTINGS = (Paginator, ListPage)


def identity(item: Content) -> str:
    return f"{type(item).__name__}:{item.source_path}"


class Fingerprints:
    """One build's fingerprints of values and of content objects, each worked out once."""

    def __init__(self) -> None:
        self._values: dict[int, tuple[object, str]] = {}  # by id, with the value kept alive
        self._contents: dict[str, str] = {}
        self._identities: dict[int, tuple[Content, bytes]] = {}
        self._labels: dict[str, bytes] = {}  # an attribute's name as fed, made once
        # Each paginator's, and each of its pages', by the paginator's id and the number.
        self._listings: dict[tuple[int, int], tuple[Paginator, str]] = {}
        self.touched: set | None = None  # the render under way's content objects

    def of_value(self, value: object, constant: bool = False) -> str:
        """The value's fingerprint; content objects inside it count as read. `constant`: a
        value that no page changes (a setting, a global of the templates), whose
        fingerprint is kept for the build, as those of the lists every page shares."""
        self.touch_inside(value)
        return self._fingerprint(value, constant)

    def _fingerprint(self, value: object, constant: bool = False) -> str:
        known = self._kept(value)
        if known is not None:
            return known
        digest = hashlib.sha256()
        self._feed(digest, value, 0)
        fingerprint = digest.hexdigest()
        if constant or (isinstance(value, SHAREABLE) and len(value) > SHARED_SIZE):
            self._keep(value, fingerprint)
        return fingerprint

    def _kept(self, value: object) -> str | None:
        """The fingerprint of `value` the build keeps (`_keep`), if it keeps one."""
        known = self._values.get(id(value))
        return known[1] if known is not None and known[0] is value else None

    def _keep(self, value: object, fingerprint: str) -> None:
        """Keep `value`'s fingerprint for the build, with the value: kept alive, its id
        stays its own."""
        self._values[id(value)] = (value, fingerprint)

    def touch_inside(self, value: object) -> None:
        """Content objects in `value` (itself, or in its lists) count as read by the render
        under way, if any."""
        if self.touched is None:
            return
        if isinstance(value, Content):
            self.touched.add(value)
        elif isinstance(value, SEQUENCES):
            for item in value:  # a list of articles, or of (category, articles) pairs
                if isinstance(item, Content):
                    self.touched.add(item)
                elif isinstance(item, SEQUENCES):
                    self.touch_inside(item)

    def _identity(self, item: Content) -> bytes:
        known = self._identities.get(id(item))
        if known is None or known[0] is not item:
            known = self._identities[id(item)] = (item, identity(item).encode())
        return known[1]

    def identity_of(self, item: Content) -> str:
        """The item's identity, its fingerprint taken if it was not yet (a page made late)."""
        key = self._identity(item).decode()
        if key not in self._contents:
            self.of_content(item)
        return key

    def known(self, key: str) -> str | None:
        """The fingerprint of the article or page of this identity, once taken."""
        return self._contents.get(key)

    def of_content(self, item: Content) -> str:
        """Everything the article or page holds (see the module)."""
        key = identity(item)
        fingerprint = self._contents.get(key)
        if fingerprint is None:
            digest = hashlib.sha256(key.encode())
            update, labels = digest.update, self._labels
            attributes = vars(item)
            metadata = attributes.get("metadata")
            shared = metadata if isinstance(metadata, dict) else {}
            for name in sorted(attributes):
                if name in SKIPPED_ATTRIBUTES:
                    continue
                label = labels.get(name)
                if label is None:
                    label = labels[name] = f"\0{name}=".encode()
                update(label)
                value = attributes[name]
                if name != "metadata" and shared.get(name, _ABSENT) is value:
                    update(b"m")  # the metadata's own value, fed with the metadata
                elif type(value) is str:
                    update(b"s%d:" % len(value))
                    update(value.encode("utf-8", "surrogatepass"))
                else:
                    self._feed(digest, value, 1)
            fingerprint = self._contents[key] = digest.hexdigest()
        return fingerprint

    def _feed(self, digest, value, depth: int) -> None:
        """The value, written out into `digest` in a form the same on every run."""
        update = digest.update
        if isinstance(value, str):  # most values are: asked first
            update(b"s%d:" % len(value))
            update(value.encode("utf-8", "surrogatepass"))
        elif value is None or isinstance(value, SCALARS):
            update(repr(value).encode())
        elif isinstance(value, Content):
            update(b"c:" + self._identity(value))
        elif isinstance(value, URLWrapper):
            update(f"w:{type(value).__name__}:{value.name}:{value.slug}".encode())
        elif isinstance(value, MOMENTS):
            update(f"d:{value.isoformat()}".encode())
        elif type(value).__name__ in SKIPPED_TYPES:
            update(f"t:{type(value).__name__}".encode())
        elif depth >= MAX_DEPTH:
            update(f"deep:{type(value).__name__}".encode())
        elif isinstance(value, SHAREABLE) and len(value) > SHARED_SIZE and depth:
            update(b"=" + self._fingerprint(value).encode())  # a shared list, once a build
        elif isinstance(value, COLLECTIONS):
            items = sorted(value, key=repr) if isinstance(value, SETS) else value
            update(b"[")
            for item in items:
                self._feed(digest, item, depth + 1)
                update(b",")
            update(b"]")
        elif isinstance(value, Mapping):
            update(b"{")
            for key in sorted(value, key=str):
                update(str(key).encode() + b":")
                self._feed(digest, value[key], depth + 1)
            update(b"}")
        elif isinstance(value, CODE_TYPES):  # code is in the build's key: its name is enough
            function = getattr(value, "func", value)
            update(f"f:{getattr(function, '__qualname__', type(function).__name__)}".encode())
        elif dataclasses.is_dataclass(value):
            if value.__dataclass_params__.frozen:  # the reviewer, the call to action: shared
                update(b"=" + self._frozen(value).encode())
                return
            self._feed_fields(digest, value, depth)
        elif isinstance(value, LISTINGS):
            update(b"=" + self._listing(value).encode())
        elif hasattr(value, "__dict__"):
            self._feed_attributes(digest, value, depth)
        else:
            shown = repr(value)
            update(f"r:{type(value).__name__}:{'' if ' at 0x' in shown else shown}".encode())

    def _feed_attributes(self, digest, value, depth: int) -> None:
        update = digest.update
        update(f"o:{type(value).__name__}(".encode())
        attributes = vars(value)
        for name in sorted(attributes):
            if name not in SKIPPED_ATTRIBUTES:
                update(name.encode() + b"=")
                self._feed(digest, attributes[name], depth + 1)
        update(b")")

    def _listing(self, value: Paginator | ListPage) -> str:
        """A list's paginator's fingerprint, or one of its pages', worked out once a build:
        each list page reads its paginator, its own page and its neighbours' (new objects
        every time, the same values), 28,000 values fed for 320 list pages. A page is the
        same for the same paginator and number; a paginator does not change once its pages
        are written."""
        paginator = value.paginator if isinstance(value, ListPage) else value
        key = (id(paginator), value.number if isinstance(value, ListPage) else 0)
        known = self._listings.get(key)
        if known is None or known[0] is not paginator:
            digest = hashlib.sha256()
            self._feed_attributes(digest, value, 1)
            known = self._listings[key] = (paginator, digest.hexdigest())
        return known[1]

    def _feed_fields(self, digest, value, depth: int) -> None:
        update = digest.update
        update(f"o:{type(value).__name__}(".encode())
        for field in dataclasses.fields(value):
            if not field.compare:  # no part of the value (a build's "now")
                continue
            update(field.name.encode() + b"=")
            self._feed(digest, getattr(value, field.name), depth + 1)
        update(b")")

    def _frozen(self, value) -> str:
        """A frozen dataclass's fingerprint, worked out once a build: a thousand articles
        share one reviewer and a few calls to action."""
        known = self._kept(value)
        if known is None:
            digest = hashlib.sha256()
            self._feed_fields(digest, value, 1)
            known = digest.hexdigest()
            self._keep(value, known)
        return known


def is_setting(name: str) -> bool:
    """Whether a page's name is one of Pelican's settings (upper case), which no page
    changes while the pages are written."""
    return name.isupper()


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
            self.names[key] = self.prints.of_value(self.localcontext[key], is_setting(key))
        elif key in self.shared:
            self.names[key] = self.prints.of_value(self.shared[key], constant=True)


@dataclass(frozen=True)
class Record:
    """One page's record: its file's SHA-256; the names it looked up (an index into the
    store's name lists) with one digest of their fingerprints; the articles and pages it
    read (an index into the store's sets) with one digest of theirs. Pages share their
    lists and sets (a hundred index pages read the same thousand articles)."""

    sha: str
    names: int
    names_digest: str
    contents: int
    contents_digest: str


class Kept:
    """What `PageRecords.render` gives for a page whose file in the folder being built holds
    its bytes already (recycling.keep_if_same): there is nothing to write. Only the build's
    writer takes it (writer.py); any other would fail on it, never write a wrong page."""

    __slots__ = ()


KEPT = Kept()


class PageRecords:
    """The pages' records (see the module): those of the last build, checked before each
    page renders, and this build's, saved for the next one. `building`: the folder the
    pages are written into, where most are found already written (recycling.py)."""

    def __init__(
        self,
        path: Path | None,
        previous_output: Path | None,
        key: str = "",
        building: Path | None = None,
    ) -> None:
        self.path = path
        self.previous_output = previous_output
        self.building = building
        self.key = key
        self.fingerprints = Fingerprints()
        self.recording: _Recording | None = None
        self.reused = 0
        self.rendered = 0
        # The last build's store, as saved; this build's, as it grows.
        self.before_key, self.before_lists, self.before_sets, self.before = self._load()
        self.lists: list[tuple[str, ...]] = []
        self.sets: list[tuple[str, ...]] = []
        self.now: dict[str, Record] = {}
        self._list_index: dict[tuple[str, ...], int] = {}
        self._set_index: dict[tuple[str, ...], int] = {}
        self._set_digests: dict[int, str | None] = {}  # the last build's sets, as now

    def _load(self):
        empty = ("", [], [], {})
        if self.path is None:
            return empty
        try:
            data = json.loads(self.path.read_bytes())
            if data.get("version") != VERSION:
                return empty
            pages = {name: Record(*fields) for name, fields in data["pages"].items()}
            lists = [tuple(names) for names in data["lists"]]
            keys = data["keys"]
            sets = [tuple(keys[number] for number in numbers) for numbers in data["sets"]]
            return str(data["key"]), lists, sets, pages
        except FileNotFoundError:
            return empty
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError) as error:
            logger.warning(
                "The cache file %s could not be read (%s): thrown away, this build renders "
                "every page",
                self.path,
                type(error).__name__,
            )
            return empty

    @property
    def active(self) -> bool:
        return self.path is not None

    def prepare(self, items) -> None:
        """Every article's and page's fingerprint, taken once all are made and before any
        page renders: what a page fills in as it renders (a head worked out when first
        shown) never makes two builds' fingerprints differ."""
        for item in items:
            self.fingerprints.of_content(item)

    def render(self, template, localcontext: dict) -> str | Kept:
        """The page: the last build's, when nothing it read has changed (KEPT when its file
        holds it already); else rendered."""
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
        names = tuple(sorted(recording.names))
        keys = tuple(sorted(self.fingerprints.identity_of(item) for item in recording.touched))
        self.now[name] = Record(
            sha=hashlib.sha256(output.encode("utf-8")).hexdigest(),
            names=self._index(self.lists, self._list_index, names),
            names_digest=_digest(recording.names[read] for read in names),
            contents=self._index(self.sets, self._set_index, keys),
            contents_digest=_digest(self.fingerprints.known(key) for key in keys),
        )
        return output

    def note_given(self, values) -> None:
        """Values a template hands a part it renders once (templates.RenderedOnce): the
        articles and pages among them count as read by the page under way, as when
        it reads them itself, whether the part is made now or was made for another page."""
        for value in values:
            self.fingerprints.touch_inside(value)

    @staticmethod
    def _index(store: list, index: dict, value: tuple) -> int:
        if value not in index:
            index[value] = len(store)
            store.append(value)
        return index[value]

    def _kept(self, name: str, localcontext: dict, shared: Mapping) -> str | Kept | None:
        record = self.before.get(name)
        if record is None or self.before_key != self.key or self.previous_output is None:
            return None
        try:
            names = self.before_lists[record.names]
            keys = self.before_sets[record.contents]
        except IndexError:
            return None
        prints = []
        for read in names:
            if read in localcontext:
                prints.append(self.fingerprints.of_value(localcontext[read], is_setting(read)))
            elif read in shared:  # the environment's globals: functions, the gettext
                prints.append(self.fingerprints.of_value(shared[read], constant=True))
            else:
                return None
        if _digest(prints) != record.names_digest:
            return None
        if self._set_digest(record.contents, keys) != record.contents_digest:
            return None
        if self.building is not None and keep_if_same(self.building / name, record.sha):
            page = KEPT
        else:
            try:
                data = (self.previous_output / name).read_bytes()
            except OSError:
                return None
            if hashlib.sha256(data).hexdigest() != record.sha:
                return None
            page = data.decode("utf-8")
        self.now[name] = Record(
            sha=record.sha,
            names=self._index(self.lists, self._list_index, names),
            names_digest=record.names_digest,
            contents=self._index(self.sets, self._set_index, keys),
            contents_digest=record.contents_digest,
        )
        return page

    def _set_digest(self, number: int, keys: tuple[str, ...]) -> str | None:
        """The digest of the last build's set `number` as its articles and pages are now
        (None when one is gone), worked out once per set."""
        if number not in self._set_digests:
            prints = [self.fingerprints.known(key) for key in keys]
            self._set_digests[number] = None if None in prints else _digest(prints)
        return self._set_digests[number]

    def handed_on(self) -> tuple:
        """What the second process writing pages hands the first: its records and counts."""
        return self.lists, self.sets, self.now, self.reused, self.rendered

    def adopt(self, handed: tuple | None) -> None:
        """The records and counts of the pages the second process wrote."""
        if not handed:
            return
        lists, sets, records, reused, rendered = handed
        for name, record in records.items():
            self.now[name] = dataclasses.replace(
                record,
                names=self._index(self.lists, self._list_index, lists[record.names]),
                contents=self._index(self.sets, self._set_index, sets[record.contents]),
            )
        self.reused += reused
        self.rendered += rendered

    def save(self) -> None:
        if self.path is None:
            return
        # Each article's or page's key written once, and the sets as their numbers: the
        # keys are paths, and a thousand pages' sets name them fifteen thousand times.
        keys = sorted({key for members in self.sets for key in members})
        number = {key: index for index, key in enumerate(keys)}
        data = {
            "version": VERSION,
            "key": self.key,
            "lists": self.lists,
            "keys": keys,
            "sets": [[number[key] for key in members] for members in self.sets],
            "pages": {name: dataclasses.astuple(self.now[name]) for name in sorted(self.now)},
        }
        write_atomically(self.path, json.dumps(data, separators=(",", ":")).encode("utf-8"))


def _digest(prints) -> str:
    digest = hashlib.sha256()
    for fingerprint in prints:
        digest.update(f"{fingerprint}\n".encode())
    return digest.hexdigest()


def build_key(theme: Path, context: Mapping, shown: object) -> str:
    """What every page may depend on without reading it in the template (see the module):
    `shown` is what the build's context shows the theme (CLINIC_BUILD's values)."""
    digest = hashlib.sha256(f"{VERSION}:{Fingerprints().of_value(shown)}".encode())
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
        value = Context.resolve_or_missing(self, key)
        recording = self.environment.clinic_records.recording
        if recording is not None and key not in recording.names:
            recording.note(key)
        return value


def record_reads(environment, records: PageRecords) -> None:
    """Make `environment` note what its templates read into `records` (see the module): its
    context class, and its attribute and item look-ups. Every template look-up goes
    through these: they do as little as they can."""
    environment.clinic_records = records
    if getattr(environment, "_clinic_records_reads", False):
        return
    environment.context_class = _RecordingContext

    def noting(look_up):
        def look_up_noted(obj, name):
            if isinstance(obj, Content):
                recording = environment.clinic_records.recording
                if recording is not None:
                    recording.touched.add(obj)
            return look_up(obj, name)

        return look_up_noted

    environment.getattr = noting(environment.getattr)
    environment.getitem = noting(environment.getitem)
    environment._clinic_records_reads = True
