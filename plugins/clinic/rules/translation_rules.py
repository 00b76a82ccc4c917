"""Content rules for the editions: a file's language, and what a translation translates.

A file says its language with `Lang:` (the first edition's may leave it out) and
lives in that edition's folder. A translation names its original with
`Translation_Of: <slug>`, which must be an article (or page) of the first
edition, translated at most once per language. A draft original may have a draft
translation, worked on alongside it; a published one would link to a page that is not
there, so it waits for its original.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from ..core.addresses import slug_of
from ..core.problems import Problem
from ..core.sources import Source
from ..settings.editions import languages, prefix_of
from ..settings.options import PelicanSite
from .check import read_all


@dataclass(frozen=True)
class Original:
    """What a translation's rules need of its original: where it is, and whether it is a
    draft (its translation must be one too)."""

    shown: str
    draft: bool


def is_draft(source: Source) -> bool:
    return source.get("status").strip().lower() == "draft"


def originals_in(
    sources: list[Source], slugify: Callable[[str], str]
) -> dict[tuple[str, str], Original]:
    """The first edition's files by (section, slug): the originals translations may name,
    drafts too."""
    return {
        (source.section, slug_of(source, slugify)): Original(source.shown, is_draft(source))
        for source in sources
    }


def _folder_hint(settings: Mapping, lang: str) -> str:
    prefix = prefix_of(settings, lang)
    return f"content/{prefix}articles/ or content/{prefix}pages/"


def language_problems(sources: list[Source], settings: Mapping, here: str) -> list[Problem]:
    """`Lang` is one of the site's languages, and the one of the folder the file is in
    (`here`: the edition's language, PelicanSite.lang)."""
    editions = languages(settings)
    problems = []
    for source in sources:
        declared = source.get("lang").strip()
        line = source.line_of("lang")
        if declared and declared not in editions:
            fix = f"use one of: {', '.join(editions)}"
            problems.append(
                Problem(source.shown, f"Lang {declared!r} is not a language of the site", fix, line)
            )
        elif (declared or editions[0]) != here:
            folder = _folder_hint(settings, declared or editions[0])
            fix = f"move the file to {folder}, or write Lang: {here}"
            said = f"Lang: {declared}" if declared else f"no Lang (so {editions[0]})"
            problems.append(
                Problem(
                    source.shown,
                    f"the file says {said} but is in the {here} edition's folder",
                    fix,
                    line,
                )
            )
        if source.get("translation_of") and here == editions[0]:
            fix = (
                "remove it: an original is not a translation (translations live in content/<lang>/)"
            )
            problems.append(
                Problem(
                    source.shown,
                    "Translation_Of in an original",
                    fix,
                    source.line_of("translation_of"),
                )
            )
    return problems


def translation_problems(
    sources: list[Source], settings: Mapping, known: Mapping[tuple[str, str], Original]
) -> list[Problem]:
    """Each `Translation_Of` names an original of its kind (`known`: the first edition's,
    originals_in), translated once in this language, and a draft's translation is a draft."""
    by_original: dict[tuple[str, str], list[Source]] = defaultdict(list)
    problems = []
    for source in sources:
        target = source.get("translation_of").strip()
        if not target:
            continue
        line = source.line_of("translation_of")
        kind = "article" if source.section == "articles" else "page"
        original = known.get((source.section, target))
        if original is None:
            fix = f"use the Slug of the {kind} it translates (the last part of its address)"
            problems.append(
                Problem(
                    source.shown, f"Translation_Of: no {kind} has the slug {target!r}", fix, line
                )
            )
            continue
        if original.draft and not is_draft(source):
            fix = (
                f"publish the original first (delete `Status: draft` in {original.shown}), "
                "or make this translation a draft too (add `Status: draft`)"
            )
            problems.append(
                Problem(
                    source.shown,
                    f"a published translation of a draft: {original.shown} says Status: draft",
                    fix,
                    source.line_of("status") or line,
                )
            )
        by_original[(source.section, target)].append(source)
    for (_, target), translations in by_original.items():
        for source in translations if len(translations) > 1 else ():
            others = ", ".join(other.shown for other in translations if other is not source)
            fix = f"keep one translation of {target!r} per language; the other: {others}"
            problems.append(
                Problem(
                    source.shown,
                    f"a second translation of {target!r}",
                    fix,
                    source.line_of("translation_of"),
                )
            )
    return problems


def originals_of(
    settings: Mapping,
    pelican: PelicanSite,
    content_files: Callable[[PelicanSite], list],
    slugify: Callable[[str], str],
) -> Mapping[tuple[str, str], Original]:
    """The first edition's originals (originals_in), for a later edition's translations to
    name: as the build read them for every edition, else read here (`pelican` is the
    edition's reading of Pelican's settings; the first edition's folders are its own
    without the prefix)."""
    prefix = prefix_of(settings, pelican.lang)
    if not prefix:
        return {}
    editions = settings.get("CLINIC_EDITIONS_BUILD")  # the build runner's, when it has one
    if editions is not None and editions.originals is not None:
        return editions.originals
    first = replace(
        pelican,
        article_paths=tuple(path.removeprefix(prefix) for path in pelican.article_paths),
        page_paths=tuple(path.removeprefix(prefix) for path in pelican.page_paths),
    )
    sources, _ = read_all(content_files(first))
    return originals_in(sources, slugify)
