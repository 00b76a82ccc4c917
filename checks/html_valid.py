"""HTML validity: the Nu HTML Checker (vnu.jar from the vnu-jar npm package) on built pages.

Runs Debian's Java on the checker shipped in node_modules; nothing is fetched.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


# Java's options for one short run: the quick compiler alone (the optimising one spends
# more CPU warming up than a few hundred pages repay: half the CPU time, the same report),
# and a thread stack deep enough for the HTML schema (vnu fails without one, saying so).
JAVA_OPTIONS = ("-Xss4m", "-XX:TieredStopAtLevel=1")


class CheckerError(RuntimeError):
    """The pages could not be checked: never read as a pass."""


class CheckerMissing(CheckerError):
    """Java or vnu.jar is not installed: `make test` installs both."""


class CheckerFailed(CheckerError):
    """vnu ran but gave no report: a page was never checked, which is not a pass."""


@dataclass(frozen=True)
class Message:
    path: str
    line: int | None
    kind: str  # error, or info (warnings are info with subType warning)
    text: str

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}" if self.line else self.path
        return f"{place}: {self.kind}: {self.text}"


def parse_report(report: str, root: Path) -> list[Message]:
    """vnu's JSON report as messages, paths relative to the site root."""
    try:
        items = json.loads(report)["messages"]
    except (ValueError, KeyError, TypeError):
        raise CheckerFailed(f"the Nu HTML checker gave no report: {report.strip()[:500]}") from None
    messages = []
    for item in items:
        url = item.get("url", "").removeprefix("file:")
        path = Path(url)
        shown = str(path.relative_to(root)) if path.is_relative_to(root) else url
        kind = item["type"] if item.get("subType") is None else item["subType"]
        messages.append(Message(shown, item.get("lastLine"), kind, item.get("message", "")))
    return messages


def check_pages(paths: Iterable[Path], root: Path) -> list[Message]:
    """Every message vnu gives on these HTML files (errors and warnings)."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        raise CheckerMissing(
            "the Nu HTML checker needs Java and node_modules/vnu-jar: run `make test`, "
            "which installs both (apt-get default-jre-headless, npm ci)"
        )
    files = [str(path) for path in paths]
    if not files:
        return []
    result = subprocess.run(
        [
            java,
            *JAVA_OPTIONS,
            "-jar",
            str(VNU_JAR),
            *("--format", "json"),
            "--exit-zero-always",
            *files,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return parse_report(result.stderr or result.stdout, root)


def errors(messages: Iterable[Message]) -> list[Message]:
    return [message for message in messages if message.kind in ("error", "fatal")]
