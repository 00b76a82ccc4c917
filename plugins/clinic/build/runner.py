"""Pelican as this site runs it: the plugins it names, and no other imported.

Stock Pelican imports every installed `pelican.plugins` package before it looks the
names in PLUGINS up among them, whatever PLUGINS says. pelican-image-process is one,
and it imports Beautiful Soup and lxml: 60 ms and 9 MB on every build, though the
plugin needs it only for a build that makes or places a photo (rendering/images.py and
rendering/pictures.py import it then). `make html`, the live preview and the tests'
builds all run this class.
"""

from __future__ import annotations

from pelican import Pelican
from pelican.plugins._utils import get_plugin_name, load_legacy_plugin


class SitePelican(Pelican):
    """Pelican that imports only the plugins PLUGINS names, found the way Pelican finds a
    name it has not discovered (PLUGIN_PATHS, then anything importable)."""

    def init_plugins(self) -> None:
        # A plugin that fails to import or register stops the build, where Pelican would
        # log it and build the site without it.
        paths = self.settings.get("PLUGIN_PATHS", [])
        self.plugins = [
            load_legacy_plugin(plugin, paths) if isinstance(plugin, str) else plugin
            for plugin in self.settings["PLUGINS"]
        ]
        for plugin in self.plugins:
            plugin.register()
        self.settings["PLUGINS"] = [get_plugin_name(plugin) for plugin in self.plugins]
