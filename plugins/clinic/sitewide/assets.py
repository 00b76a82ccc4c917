"""Theme asset URLs that carry a content hash, and the page's Content-Security-Policy.

A hash in the URL lets a host cache the file for as long as it likes: a changed
file gets a new URL.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def content_hash(path: Path, length: int = 10) -> str:
    """The first `length` hex digits of the file's SHA-256."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:length]


def asset_urls(static_root: Path, url_prefix: str) -> dict[str, str]:
    """Every file below the theme's static folder, mapped to its versioned URL."""
    return {
        path.relative_to(static_root).as_posix(): (
            f"{url_prefix}/{path.relative_to(static_root).as_posix()}?v={content_hash(path)}"
        )
        for path in sorted(static_root.rglob("*"))
        if path.is_file()
    }


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
