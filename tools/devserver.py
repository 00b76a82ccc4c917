"""`make devserver`: a live preview that rebuilds on every save and reloads the browser.

Written for this site rather than taken from the livereload package, because
the preview must (1) work under the pages' Content-Security-Policy, which
blocks the inline script livereload injects; (2) show a content error on the
previewed page itself, instead of the last good (stale) page; and (3) use
nothing but the standard library and watchfiles, which Pelican already needs.

The browser keeps one EventSource connection open to `/__devserver/events`;
after each build the server sends `reload`, and the page reloads itself.

Saving an article or page that already exists takes the fast path: a build
with the content cache that renders only that file's page, written straight
into the preview (well under a second on a 1000-article site). A full build
follows once the writer pauses, so that lists, feeds and the sitemap catch up;
any other change (theme, settings, a new or deleted file) builds everything.
"""

from __future__ import annotations

import html
import threading
import time
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path

from watchfiles import watch

from checks.serve import PagesHandler
from tools.build import BuildFailed, build_lock, build_site, run_pelican

EVENTS = "/__devserver/events"
SCRIPT = "/__devserver/reload.js"
RELOAD_JS = b"""// Live preview: reload when the site has been rebuilt (development only).
(function () {
  var source = new EventSource("/__devserver/events");
  source.onmessage = function (event) {
    if (event.data === "reload") { window.location.reload(); }
  };
})();
"""
SCRIPT_TAG = f'<script src="{SCRIPT}" defer></script>'.encode()


@dataclass
class BuildState:
    """What the server tells browsers: which build is current, and why the last one failed."""

    number: int = 0
    error: str | None = None
    seconds: float = 0.0
    changed: threading.Condition = field(default_factory=threading.Condition)

    def record(self, error: str | None, seconds: float) -> None:
        with self.changed:
            self.number += 1
            self.error, self.seconds = error, seconds
            self.changed.notify_all()

    def wait_for_build_after(self, number: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.number != number, timeout=timeout)
            return self.number


def error_page(error: str) -> bytes:
    """The page every preview shows while the content has an error."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in error.splitlines() if line)
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Build failed: fix the content</title></head>"
        '<body style="font-family: system-ui, sans-serif; margin: 2rem; line-height: 1.5">'
        "<main><h1>The site did not build</h1>"
        "<p>Fix these problems and save: this page reloads by itself.</p>"
        f'<ul style="font-family: monospace">{items}</ul></main>'
        f"{SCRIPT_TAG.decode()}</body></html>"
    ).encode()


def with_reload_script(page: bytes) -> bytes:
    """The page with the reload script before `</body>`."""
    marker = b"</body>"
    if marker in page:
        return page.replace(marker, SCRIPT_TAG + marker, 1)
    return page + SCRIPT_TAG


def make_handler(state: BuildState):
    class PreviewHandler(PagesHandler):
        """Serves the site as GitHub Pages would, plus the reload channel and error pages."""

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == EVENTS:
                return self._events()
            if path == SCRIPT:
                return self._send_bytes(200, RELOAD_JS, "text/javascript; charset=utf-8")
            page = self._file_for_request()
            is_html = page is not None and page.suffix == ".html"
            if state.error and (is_html or path.endswith("/")):
                return self._send_bytes(500, error_page(state.error), "text/html; charset=utf-8")
            if is_html:
                body = with_reload_script(page.read_bytes())
                return self._send_bytes(200, body, "text/html; charset=utf-8")
            return super().do_GET()

        def _send_bytes(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def _events(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = state.number
            try:
                while True:
                    current = state.wait_for_build_after(seen, timeout=15)
                    message = b"data: reload\n\n" if current != seen else b": still here\n\n"
                    seen = current
                    self.wfile.write(message)
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

    return PreviewHandler


def pages_of(source: Path, content: Path, settings: dict) -> list[str] | None:
    """The output paths an existing article or page is written to (as published or as a
    draft), or None when a change to `source` needs a full build."""
    from clinic.core.addresses import address_of
    from clinic.core.sources import read_source
    from clinic.rules.lint import slugify_of

    try:
        section = source.relative_to(content).parts[0]
        if source.suffix != ".md" or section not in ("articles", "pages"):
            return None
        header = read_source(source, str(source), section)
    except (ValueError, OSError, UnicodeDecodeError):
        return None
    address = address_of(header, settings, slugify_of(settings))
    if not address.slug:
        return None
    return [path for path in (address.save_as, address.draft_save_as) if path]


class DevServer:
    """Builds, serves and watches; `start()` returns once the first build is done."""

    QUIET_SECONDS = 2.0  # after the last fast build, the full build that follows it

    def __init__(self, settings: Path, content: Path, output: Path, watched, port=8000, cache=None):
        self.settings, self.content, self.output = settings, content, output
        self.watched = [path for path in watched if path.exists()]
        # Where the content cache's named folders go: `make devserver` shares make html's
        # cache/; by default (tests, the benchmark) a folder beside the output.
        self.cache = Path(cache) if cache else output.with_name(output.name + ".cache")
        self.overrides: dict = {}
        self.state = BuildState()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.server.daemon_threads = True
        self.stop_event = threading.Event()
        self.threads: list[threading.Thread] = []
        self.lock = threading.Lock()  # one build at a time
        self.full_build_due: float | None = None
        self.known: set[Path] = set()
        # What the builds remember across saves (files read and checked, their scans, the
        # compiled theme): handed to each build, so a save re-does only what changed.
        from clinic.rules.memo import ContentMemo

        self.memo = ContentMemo(kept=True)

    def _handler(self):
        import functools

        return functools.partial(make_handler(self.state), directory=str(self.output))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def build_overrides(self) -> dict:
        """The content cache as `make html` decides it (tools/build.py: a folder named
        after the code, settings and pictures, none for a committed cache/), worked out
        again for every full build, so that a changed picture or setting starts a fresh
        one; and compiled templates kept between builds, in that folder."""
        from jinja2 import FileSystemBytecodeCache

        from tools.build import content_cache, load_settings

        cache = content_cache(settings_file=self.settings, content=self.content, folder=self.cache)
        overrides = {"CLINIC_MEMO": self.memo, **cache}
        if cache.get("CACHE_PATH"):
            templates = Path(cache["CACHE_PATH"]) / "templates"
            templates.mkdir(parents=True, exist_ok=True)
            jinja = load_settings(self.settings)["JINJA_ENVIRONMENT"]
            bytecode = FileSystemBytecodeCache(str(templates))
            overrides["JINJA_ENVIRONMENT"] = {**jinja, "bytecode_cache": bytecode}
        return overrides

    def _content_files(self) -> set[Path]:
        return {path for path in self.content.rglob("*.md") if path.is_file()}

    def rebuild(self, changed: set[Path] | None = None, notify: bool = True) -> None:
        """Build (fast when it can); a failure shows in the terminal and on every page."""
        with self.lock:
            started = time.perf_counter()
            selected = self._selected(changed)
            try:
                if selected:  # with the last full build's cache: what its pages came from
                    overrides = {**self.overrides, "WRITE_SELECTED": selected}
                    with build_lock(self.output):  # straight into output/: never during a swap
                        run_pelican(self.settings, self.output, self.content, overrides)
                    self.full_build_due = time.monotonic() + self.QUIET_SECONDS
                else:
                    self.overrides = self.build_overrides()
                    build_site(self.settings, self.output, self.content, self.overrides)
                    self.known = self._content_files()
                    self.full_build_due = None
                error = None
            except BuildFailed as failure:
                error = str(failure)
            seconds = time.perf_counter() - started
        if error or notify or self.state.error:
            self.state.record(error, seconds)
        what = "the changed page" if selected else "the site"
        if error:
            print(f"{error}\nBuild failed: the preview shows these problems.", flush=True)
        else:
            print(f"Rebuilt {what} in {seconds:.2f} s: {self.url}/", flush=True)

    def _selected(self, changed: set[Path] | None) -> list[str] | None:
        """The pages to write for a fast build, or None for a full one."""
        if not changed or not changed <= self.known:
            return None
        from tools.build import load_settings

        settings = load_settings(self.settings, content=self.content, output=self.output)
        pages: list[str] = []
        for source in changed:
            found = pages_of(source, self.content, settings)
            if found is None:
                return None
            pages += [str(self.output / page) for page in found]
        return pages

    def _watch(self) -> None:
        changes_seen = watch(
            *self.watched,
            stop_event=self.stop_event,
            debounce=400,
            step=30,
            rust_timeout=500,
            yield_on_timeout=True,
        )
        for changes in changes_seen:
            if changes:
                self.rebuild({Path(path).resolve() for _, path in changes})
            elif self.full_build_due and time.monotonic() >= self.full_build_due:
                self.rebuild(notify=False)

    def start(self) -> None:
        self.content = self.content.resolve()
        self.rebuild()
        for target in (self.server.serve_forever, self._watch):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self.threads.append(thread)

    def stop(self) -> None:
        self.stop_event.set()
        self.server.shutdown()
        self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=5)
