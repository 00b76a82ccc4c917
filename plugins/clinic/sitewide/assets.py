"""Theme asset URLs that carry a content hash, the stylesheet in the clinic's colours,
and the page's Content-Security-Policy.

A hash in the URL lets a host cache the file for as long as it likes: a changed
file gets a new URL. The published stylesheet is the theme's with the brand's
accent colours put in its `:root` custom properties (CLINIC['brand']): no inline
style (the CSP allows none) and no second request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..core import atomic
from ..core.colours import with_root_colours

STYLESHEET = "css/site.css"  # below the theme's static folder


def content_hash(path: Path, length: int = 10) -> str:
    """The first `length` hex digits of the file's SHA-256."""
    return _hash(path.read_bytes(), length)


def _hash(data: bytes, length: int = 10) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def asset_urls(
    static_root: Path, url_prefix: str, replaced: Mapping[str, bytes] | None = None
) -> dict[str, str]:
    """Every file below the theme's static folder, mapped to its versioned URL; a file in
    `replaced` (by its name below the folder) is hashed as it is published."""
    replaced = replaced or {}
    urls = {}
    for path in sorted(static_root.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(static_root).as_posix()
        digest = _hash(replaced[name]) if name in replaced else content_hash(path)
        urls[name] = f"{url_prefix}/{name}?v={digest}"
    return urls


def branded_files(
    static_root: Path, light: Mapping[str, str], dark: Mapping[str, str]
) -> dict[str, bytes]:
    """The theme's files that the brand changes, as published: the stylesheet, with the
    `:root` custom properties named in `light` and `dark` (by name without `--`) set to
    theirs (the same bytes when they are the theme's own)."""
    path = static_root / STYLESHEET
    if not path.is_file():
        return {}
    css = path.read_text(encoding="utf-8")
    return {STYLESHEET: with_root_colours(css, dict(light), dict(dark)).encode()}


def write_branded_files(output_static: Path, files: Mapping[str, bytes]) -> None:
    """Put the branded files where Pelican copied the theme's (its THEME_STATIC_DIR
    below the output), whole; one holding the same bytes is left alone."""
    for name, data in files.items():
        atomic.replace_if_changed(output_static / name, data)


def content_security_policy(allowed_origins: Iterable[str] = ()) -> str:
    """Only the site's own origin, plus origins a setting explicitly allows.

    `'wasm-unsafe-eval'` lets the search index (Pagefind, WebAssembly) run; it
    allows no JavaScript `eval`. `frame-ancestors` is left out: browsers ignore
    it in a meta tag.
    """
    extra = " ".join(sorted(set(allowed_origins)))
    own = f"'self' {extra}".strip()
    directives = [
        f"default-src {own}",
        f"script-src {own} 'wasm-unsafe-eval'",
        f"style-src {own}",
        f"img-src {own} data:",
        f"font-src {own}",
        f"connect-src {own}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)
