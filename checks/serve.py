"""Serve a built site on 127.0.0.1 the way GitHub Pages serves it, for browser checks and audits.

Folder index pages, the site's own 404 page with status 404, no directory listings, and gzip
for text, so byte counts match what a visitor downloads. Nothing leaves the machine.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# GitHub Pages gzips these; serving them raw would overstate the bytes a visitor downloads.
COMPRESSIBLE = frozenset(
    {
        "text/html",
        "text/css",
        "text/plain",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/ld+json",
        "application/manifest+json",
        "application/xml",
        "image/svg+xml",
    }
)


class PagesHandler(SimpleHTTPRequestHandler):
    """Answer like GitHub Pages: `/path/` is `path/index.html`, misses get the site's 404 page."""

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the audit's output to the figures."""

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """A folder without an index page is a 404 on GitHub Pages, not a listing."""
        self.send_error(404)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Send the built 404.html for missing paths, so Lighthouse sees what visitors would."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        self._send_file(404, page, "text/html; charset=utf-8")

    def do_GET(self) -> None:
        """Serve text files gzipped when the browser accepts it, as the production host does."""
        path = self._file_for_request()
        if path is None or not self._gzip_accepted(self.guess_type(str(path))):
            super().do_GET()  # also redirects `/folder` to `/folder/` and sends 404s
            return
        self._send_file(200, path, self.guess_type(str(path)))

    def _file_for_request(self) -> Path | None:
        """The file a GET for this path would send, or None when the standard handler decides."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return None
            path = path / "index.html"
        return path if path.is_file() else None

    def _gzip_accepted(self, content_type: str) -> bool:
        """Whether the production host would gzip this response for this browser."""
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        return accepted and content_type.split(";")[0].strip() in COMPRESSIBLE

    def _send_file(self, status: int, path: Path, content_type: str) -> None:
        """Send a whole file, gzipped when `_gzip_accepted` says so."""
        body = path.read_bytes()
        compress = self._gzip_accepted(content_type)
        if compress:
            body = gzip.compress(body, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(directory: str | os.PathLike[str], port: int = 0) -> Iterator[str]:
    """Serve `directory` at 127.0.0.1:`port` in a background thread; yield the base URL.

    Port 0 picks a free port (the tests use it); the audit needs the port SITEURL was built with.
    """
    handler = functools.partial(PagesHandler, directory=os.fspath(directory))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="audit-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
