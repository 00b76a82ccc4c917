"""The GitHub workflows: valid, pinned, least privilege, and the token in one step only.

zizmor audits the same files in `make test` and `make lint` (tasks.py); these tests
pin down this project's own rules, which zizmor does not know.
"""

from __future__ import annotations

import subprocess
import sys

from test_workflows import WORKFLOWS


def test_workflow_files_are_valid_github_workflows():
    workflows = sorted(WORKFLOWS.glob("*.yml"))
    assert {path.name for path in workflows} == {"test.yml", "deploy.yml", "preview.yml"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, workflows),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
