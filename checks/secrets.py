"""Secrets in the published site, found by detect-secrets rather than a list of our own.

A token pasted into an article, a key left in theme/static, the .git/config that
actions/checkout writes: whatever reaches output/ is public the moment it is pushed. Every text
file is scanned line by line with detect-secrets' own plugins, and a finding names the file and
line, never the secret.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
from detect_secrets.core.scan import scan_line
from detect_secrets.plugins.base import RegexBasedDetector
from detect_secrets.settings import get_plugins, transient_settings

# detect-secrets' detectors for credentials with a recognisable shape. Left out on purpose:
# - Base64HighEntropyString, HexHighEntropyString and KeywordDetector: they flag asset hashes,
#   Pagefind's bundles and prose such as "password: ..." in an article;
# - IPPublicDetector: an address is not a secret;
# - ArtifactoryDetector, CloudantDetector, IbmCloudIamDetector, IbmCosHmacDetector,
#   SoftlayerDetector: assignments in service configuration files that a static clinic site
#   does not publish; their patterns (lookbehinds tried at every character) also took half of
#   the scan's time on our build, and Artifactory's `AP` + 9 letters matches capitalised words.
BUILTIN_PLUGINS = (
    "AWSKeyDetector",
    "AzureStorageKeyDetector",
    "BasicAuthDetector",
    "DiscordBotTokenDetector",
    "GitHubTokenDetector",
    "GitLabTokenDetector",
    "JwtTokenDetector",
    "MailchimpDetector",
    "NpmDetector",
    "OpenAIDetector",
    "PrivateKeyDetector",
    "PypiTokenDetector",
    "SendGridDetector",
    "SlackDetector",
    "SquareOAuthDetector",
    "StripeDetector",
    "TelegramBotTokenDetector",
    "TwilioKeyDetector",
)
# Ours, in checks/secret_detectors.py: what detect-secrets 1.5.0 does not know yet.
CUSTOM_PLUGINS = ("GitHubFineGrainedTokenDetector", "HTTPAuthorizationHeaderDetector")
CUSTOM_PLUGIN_FILE = Path(__file__).resolve().with_name("secret_detectors.py")

# Files that are not text: images, fonts, WebAssembly and Pagefind's gzip index chunks (which
# hold the pages' words, scanned already in the pages themselves).
BINARY_SUFFIXES = {
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".bmp", ".tif", ".tiff",
    ".woff", ".woff2", ".ttf", ".otf", ".eot", ".wasm", ".pagefind", ".pf_fragment",
    ".pf_index", ".pf_meta", ".gz", ".br", ".zip", ".pdf", ".mp4", ".webm", ".mp3",
}  # fmt: skip

# Lookarounds that behave alike at a line break and at the end of a lone line (see _screens).
_SAFE_LOOKAROUNDS = ("(?!\\w)",)
_CONTEXT_SENSITIVE = re.compile(r"\\[AZz]|\(\?<!|\(\?!")


@dataclass(frozen=True)
class Finding:
    """One secret: where it is and what it looks like, but not the secret itself."""

    path: str
    line: int
    kind: str

    def problem(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where}: looks like a {self.kind}; remove it from the site and revoke it"


def settings() -> dict:
    """detect-secrets settings: our plugins, and none of its heuristic filters.

    The filters are for source code, and one of them skips any line that says
    `pragma: allowlist secret`, which a hostile page could say too.
    """
    custom = [{"name": name, "path": f"file://{CUSTOM_PLUGIN_FILE}"} for name in CUSTOM_PLUGINS]
    return {
        "plugins_used": [{"name": name} for name in BUILTIN_PLUGINS] + custom,
        "filters_used": [],
    }


@contextmanager
def detectors() -> Iterator[list]:
    """detect-secrets configured with settings() for the duration, its plugins initialised."""
    # The plugin registry is cached once per process, custom plugins or not: rebuild it.
    get_mapping_from_secret_type_to_class.cache_clear()
    try:
        with transient_settings(settings()):
            get_mapping_from_secret_type_to_class.cache_clear()
            yield get_plugins()
    finally:
        get_mapping_from_secret_type_to_class.cache_clear()


class _Screen:
    """A cheap test that tells which lines some plugin's pattern could match at all.

    Only a line that one of the plugins' own patterns matches can give a finding (every
    plugin is a RegexBasedDetector), so the rest are skipped. A pattern is first searched
    over the whole file (in MULTILINE mode, `^` and `$` mean what they mean on one line), which
    finds any match that one line has, unless the pattern asserts something about what
    follows or precedes (`\\A`, `\\Z`, negative lookarounds): those are searched line by line.
    """

    def __init__(self, plugins: list) -> None:
        if not all(isinstance(plugin, RegexBasedDetector) for plugin in plugins):
            raise TypeError("a plugin that is not regex-based needs every line")
        self.whole: list[re.Pattern] = []
        self.per_line: list[re.Pattern] = []
        for plugin in plugins:
            for pattern in plugin.denylist:
                if self._screens(pattern.pattern):
                    self.whole.append(re.compile(pattern.pattern, pattern.flags | re.MULTILINE))
                else:
                    self.per_line.append(pattern)

    @staticmethod
    def _screens(source: str) -> bool:
        for safe in _SAFE_LOOKAROUNDS:
            source = source.replace(safe, "")
        return not _CONTEXT_SENSITIVE.search(source)

    def candidates(self, lines: list[str]) -> list[int]:
        """Indexes of the lines that some pattern matches."""
        text = "\n".join(lines)
        patterns = [pattern for pattern in self.whole if pattern.search(text)]
        patterns += self.per_line
        if not patterns:
            return []
        return [i for i, line in enumerate(lines) if any(p.search(line) for p in patterns)]


def is_text(path: Path, data: bytes) -> bool:
    """Worth scanning: not a known binary format, and no NUL byte."""
    return path.suffix.lower() not in BINARY_SUFFIXES and b"\0" not in data


def scan_text(shown: str, text: str, screen: _Screen) -> list[Finding]:
    """Findings in one file's text; HTML entities are decoded too, as a browser shows them."""
    # Line breaks as detect-secrets reads a file (universal newlines), so line numbers agree.
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    findings: dict[tuple[int, str], Finding] = {}
    for variant in (lines, [html.unescape(line) if "&" in line else "" for line in lines]):
        for index in screen.candidates(variant):
            for secret in scan_line(variant[index]):
                findings.setdefault((index, secret.type), Finding(shown, index + 1, secret.type))
    return sorted(findings.values(), key=lambda f: (f.line, f.kind))


def scan_files(root: Path, files: list[Path]) -> list[Finding]:
    """Findings in every text file of `files` (paths below `root`)."""
    found: list[Finding] = []
    with detectors() as plugins:
        screen = _Screen(plugins)
        for path in files:
            data = path.read_bytes()
            if not is_text(path, data):
                continue
            text = data.decode("utf-8", errors="replace")
            found += scan_text(str(path.relative_to(root)), text, screen)
    return found
