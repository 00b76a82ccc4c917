"""Two detect-secrets plugins that detect-secrets 1.5.0 lacks, loaded by file path.

checks.secrets hands this file to detect-secrets as custom plugins (`plugins_used` entries with
a `path`), so the scanner runs them alongside its own. Keep only detector classes in here:
detect-secrets registers every concrete plugin class it finds in the module.
"""

from __future__ import annotations

import re

from detect_secrets.plugins.base import RegexBasedDetector


class GitHubFineGrainedTokenDetector(RegexBasedDetector):
    """Fine-grained personal access tokens (`github_pat_` + 82 characters), which the built-in
    GitHubTokenDetector (ghp_/gho_/ghu_/ghs_/ghr_ only) does not know. Matches 22 characters
    or more, so a token cut short by a line break is still caught."""

    secret_type = "GitHub Fine-Grained Token"
    denylist = (re.compile(r"github_pat_[A-Za-z0-9_]{22,255}"),)


class HTTPAuthorizationHeaderDetector(RegexBasedDetector):
    """An HTTP `Authorization: Basic <base64>` (or Bearer) header with its credentials: what
    actions/checkout writes into .git/config as `http.https://github.com/.extraheader`. The
    token inside is base64-encoded, so no token detector sees it."""

    secret_type = "HTTP Authorization Header"
    denylist = (
        re.compile(
            r"authorization:\s*(?:basic\s+[A-Za-z0-9+/]{8,}=*|bearer\s+[A-Za-z0-9._~+/-]{16,}=*)",
            re.IGNORECASE,
        ),
    )
