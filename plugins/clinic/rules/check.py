"""The content rules, in one place: every problem in content/, each with file, line and fix.

`read_all` reads the Markdown files themselves and `check_sources` returns every
problem at once, errors and warnings: a header's (metadata_rules.py), a body's
(body_rules.py), and those between files (two files with one address). The build
(every `make html` and `make publish`) and `make lint` call it; an error stops the
build before Pelican reads a file, so nothing wrong is published.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from ..core.addresses import slug_of
from ..core.atomic import read_stored, write_atomically
from ..core.problems import Problem
from ..core.sources import Source, bad_utf8_line, read_source
from .body_rules import BodyRules
from .metadata_rules import MetadataRules, front_matter_problem
from .rule_base import RulesConfig


def check_source(source: Source, config: RulesConfig) -> tuple[Problem, ...]:
    """Every problem in one file that can be seen without the others.

    A pure function of its arguments, so CheckedFiles can remember it, and a rebuild
    of the live preview re-checks only changed files.
    """
    front_matter = front_matter_problem(source)
    if front_matter:
        return (front_matter,)
    header, body = MetadataRules(source, config), BodyRules(source, config)
    header.check()
    body.check()
    return (*header.problems, *body.problems)


def check_duplicate_slugs(sources: list[Source], config: RulesConfig) -> list[Problem]:
    """Two files with one address: one would overwrite the other. Each of them is told."""
    by_address: dict[str, list[Source]] = defaultdict(list)
    for source in sources:
        if source.get("status").lower() == "draft" or not source.get("title"):
            continue
        by_address[f"{source.section}/{slug_of(source, config.slugify)}"].append(source)
    problems = []
    for address, same in by_address.items():
        for source in same if len(same) > 1 else ():
            others = ", ".join(other.shown for other in same if other is not source)
            problems.append(
                Problem(
                    source.shown,
                    f"slug '{address.split('/', 1)[1]}' is also used by {others}",
                    "give one of them another 'Slug:'",
                    line=source.line_of("slug") or source.line_of("title"),
                )
            )
    return problems


def _read_stamped(path: Path, mtime_ns: int, size: int, shown: str, section: str) -> Source:
    return read_source(path, shown, section)


class CheckedFiles:
    """The files read and the checks made, remembered while a file's time and size (for a
    read) or its text and the rules' settings (for a check) stay the same.

    Owned by whoever runs the rules: a build (which lets it go once checked: its memory
    goes to writing the site), the live preview (kept across its builds, so a save
    re-reads and re-checks only the file that changed), `make lint`. A build with a
    cache also keeps the checks on disk (`load`, `save`), so that the next build checks
    only the files that changed: a check is a pure function of the file and of what the
    rules know of the site (RulesConfig), and both are in its key.
    """

    def __init__(self) -> None:
        self._sources: dict[Path, tuple[tuple, Source]] = {}
        self._results: dict[str, tuple[Problem, ...]] = {}
        self._used: set[str] = set()
        self._configs: dict[int, tuple[RulesConfig, str]] = {}

    def read(self, path: Path, mtime_ns: int, size: int, shown: str, section: str) -> Source:
        """`read_source`, unless the file was read before with the same time and size. One
        entry a file, whatever the site's size (a bound on the entries, passed by the
        live preview's every pass over 10,000 files, had it read every one again)."""
        stamp = (mtime_ns, size, shown, section)
        known = self._sources.get(path)
        if known is None or known[0] != stamp:
            known = self._sources[path] = (stamp, read_source(path, shown, section))
        return known[1]

    def check(self, source: Source, config: RulesConfig) -> tuple[Problem, ...]:
        """`check_source(source, config)`, made once for each text and config."""
        key = self._key(source, config)
        found = self._results.get(key)
        if found is None:
            found = self._results[key] = check_source(source, config)
        self._used.add(key)
        return found

    def _key(self, source: Source, config: RulesConfig) -> str:
        known = self._configs.get(id(config))
        if known is None or known[0] is not config:
            known = self._configs[id(config)] = (config, config_digest(config))
        digest = hashlib.sha256(known[1].encode())
        for part in (str(source.path), source.shown, source.section, source.text):
            digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def forget(self, paths: Iterable[Path]) -> None:
        """Drop these files read (they hold their text) and the results remembered: the
        rules are done with them. Files read for an edition still to be checked stay."""
        for path in paths:
            self._sources.pop(path, None)
        self._results.clear()
        self._used.clear()
        self._configs.clear()

    def load(self, path: Path) -> None:
        """The checks of an earlier build (plain JSON, never code); a missing file means
        none, a bad one is thrown away with a warning and every file is checked again."""
        found = read_stored(
            path,
            lambda stored: {
                key: tuple(
                    Problem(str(where), str(message), str(fix), line, bool(warning))
                    for where, message, fix, line, warning in seen
                )
                for key, seen in stored.items()
            },
        )
        self._results.update(found or {})

    def save(self, path: Path) -> None:
        """Write the checks this pass of the rules used, for the next one; the others are
        forgotten (a file's text before the live preview's last save)."""
        self._results = {key: self._results[key] for key in self._used}
        self._used = set()
        stored = {
            key: [[p.where, p.message, p.fix, p.line, p.warning] for p in found]
            for key, found in sorted(self._results.items())
        }
        write_atomically(path, json.dumps(stored, separators=(",", ":")).encode("utf-8"))


def config_digest(config: RulesConfig) -> str:
    """What a check depends on besides its file (the fields compared: not the build's
    scans, made from the texts, nor the slug function, made from the settings that name
    the cache folder), written out the same way on every run."""
    digest = hashlib.sha256()
    for item in dataclasses.fields(config):
        if not item.compare:
            continue
        value = getattr(config, item.name)
        shown = sorted(map(str, value)) if isinstance(value, frozenset) else str(value)
        digest.update(f"{item.name}={json.dumps(shown)}\n".encode())
    return digest.hexdigest()


def read_all(
    files: Iterable[tuple[Path, str, str]], checked: CheckedFiles | None = None
) -> tuple[list[Source], list[Problem]]:
    """Read (path, shown, section) files; unreadable and empty files are problems. With
    `checked`, a file read before and unchanged since is not read again."""
    read = checked.read if checked is not None else _read_stamped
    sources, problems = [], []
    for path, shown, section in files:
        if path.suffix.lower() != ".md":
            problems.append(
                Problem(
                    shown, "not a Markdown file", "rename it to .md, or move it out of content/"
                )
            )
            continue
        try:
            stat = path.stat()
            source = read(path, stat.st_mtime_ns, stat.st_size, shown, section)
        except UnicodeDecodeError as error:
            problems.append(
                Problem(
                    shown,
                    "the file is not valid UTF-8",
                    "save it as UTF-8 in your editor",
                    line=bad_utf8_line(path, error),
                )
            )
            continue
        if not source.entries and not source.body.strip():
            problems.append(
                Problem(shown, "the file is empty", "write the article, or delete the file")
            )
            continue
        sources.append(source)
    return sources, problems


def check_sources(
    sources: list[Source], config: RulesConfig, checked: CheckedFiles | None = None
) -> list[Problem]:
    """Every problem in the content's files, errors and warnings (a file's own remembered
    in `checked`, when given)."""
    check = checked.check if checked is not None else check_source
    problems = []
    for source in sources:
        problems += check(source, config)
    return problems + check_duplicate_slugs(sources, config)
