"""The live preview: an edit shows in the browser by itself; so does a content error."""

from __future__ import annotations

import shutil
from pathlib import Path

from support import ROOT
from tools.devserver import DevServer


def test_the_preview_takes_the_cache_decision_of_make_html(tmp_path, monkeypatch):
    """The preview's cache is `make html`'s decision, made again at every full build: a
    replaced picture names a fresh folder, and a committed cache/ turns it off (it
    used to crash `make devserver` with a KeyError)."""
    import tools.build

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    server = DevServer(ROOT / "pelicanconf.py", content, tmp_path / "output", [content], port=0)
    try:
        first = server.build_overrides()
        assert first["CACHE_CONTENT"] is True
        assert Path(first["CACHE_PATH"]).parent == tmp_path / "output.cache"
        (content / "images" / "logo.png").write_bytes(
            (ROOT / "content" / "images" / "placeholders" / "provider-face.svg").read_bytes()
        )
        assert server.build_overrides()["CACHE_PATH"] != first["CACHE_PATH"]
        monkeypatch.setattr(tools.build, "committed_cache", lambda root: True)
        refused = server.build_overrides()
        assert refused["CACHE_CONTENT"] is False
        assert "CACHE_PATH" not in refused
        assert "JINJA_ENVIRONMENT" not in refused
    finally:
        server.server.server_close()
