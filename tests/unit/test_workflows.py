"""The GitHub workflows: valid, pinned, least privilege, and the token in one step only.

zizmor audits the same files in `make test` and `make lint` (tasks.py); these tests
pin down this project's own rules, which zizmor does not know.
"""

from __future__ import annotations

import re

import pytest
from ruamel.yaml import YAML

from support import ROOT
from tools.build import load_settings

WORKFLOWS = ROOT / ".github" / "workflows"


# A reference to the job's token: ${{ secrets.GITHUB_TOKEN }}, ${{ github.token }}, or the
# environment variable that hands it to a step. Expressions are case-insensitive.
TOKEN = re.compile(
    r"secrets\s*\.\s*github_token|secrets\s*\[|github\s*\.\s*token|github_token", re.I
)


DIGEST = re.compile(r"[^\s@]+@sha256:[0-9a-f]{64}")


LEAST_PERMISSIONS = {
    ("test.yml", "test"): {"contents": "read"},
    ("deploy.yml", "deploy"): {"contents": "write"},  # push gh-pages
    ("preview.yml", "preview"): {"contents": "read"},
}


def load(name: str) -> dict:
    return YAML(typ="safe").load((WORKFLOWS / name).read_text(encoding="utf-8"))


def strings(value) -> list[str]:
    """Every string in a parsed YAML value, keys included."""
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in (*strings(key), *strings(item))]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return [value] if isinstance(value, str) else []


@pytest.fixture(params=["test.yml", "deploy.yml", "preview.yml"])
def workflow(request):
    return request.param, load(request.param)


@pytest.mark.unit
def test_workflows_pin_actions_and_never_race():
    deploy = (WORKFLOWS / "deploy.yml").read_text()
    for path in WORKFLOWS.glob("*.yml"):
        for action in re.findall(r"uses:\s*(\S+)", path.read_text()):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), (path.name, action)
    assert "cancel-in-progress: false" in deploy
    assert "schedule:" in deploy
    assert "make github" in deploy


@pytest.mark.unit
def test_checkouts_leave_no_credentials_behind(workflow):
    name, parsed = workflow
    checkouts = [
        step
        for job in parsed["jobs"].values()
        for step in job["steps"]
        if step.get("uses", "").startswith("actions/checkout@")
    ]
    assert checkouts, name
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, (name, step)


@pytest.mark.unit
def test_permissions_are_none_by_default_and_least_per_job(workflow):
    name, parsed = workflow
    assert parsed["permissions"] == {}, name
    for job_id, job in parsed["jobs"].items():
        assert job["permissions"] == LEAST_PERMISSIONS[name, job_id], (name, job_id)
        assert job.get("name"), (name, job_id)


@pytest.mark.unit
def test_container_images_are_pinned_by_digest(workflow):
    name, parsed = workflow
    images = []
    for job in parsed["jobs"].values():
        container = job.get("container")
        images.append(container["image"] if isinstance(container, dict) else container)
        images += [service["image"] for service in job.get("services", {}).values()]
    assert images, name
    for image in images:
        assert DIGEST.fullmatch(image or ""), (name, image)


@pytest.mark.unit
def test_no_run_script_expands_an_expression(workflow):
    """Values reach scripts through env:, never ${{ }} pasted into the shell (injection)."""
    name, parsed = workflow
    for job in parsed["jobs"].values():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), (name, step.get("name"))


@pytest.mark.unit
def test_only_the_last_deploy_step_holds_the_token():
    deploy = load("deploy.yml")
    assert not any(TOKEN.search(s) for s in strings(deploy.get("env", {})))
    (job,) = deploy["jobs"].values()
    assert not any(TOKEN.search(s) for s in strings(job.get("env", {})))
    steps = job["steps"]
    holding = [i for i, step in enumerate(steps) if any(TOKEN.search(s) for s in strings(step))]
    build = [i for i, step in enumerate(steps) if "make github" in step.get("run", "")]
    assert len(build) == 1
    assert "PUSH=no" in steps[build[0]]["run"]
    assert holding == [len(steps) - 1]
    assert holding[0] > build[0]
    push = steps[holding[0]]
    assert push["name"] == "Push gh-pages"
    assert re.fullmatch(r"\$\{\{\s*secrets\.GITHUB_TOKEN\s*\}\}", push["env"]["GITHUB_TOKEN"])
    # The token goes to git as an http header in its environment: not in a URL, not in
    # .git/config, not on a command line (printf is bash's own).
    assert "GIT_CONFIG_KEY_0=" in push["run"]
    assert "git config" not in push["run"]
    assert "x-access-token:%s" in push["run"]
    assert "@github.com" not in push["run"]


@pytest.mark.unit
def test_the_push_step_pushes_gh_pages_to_the_remote_make_github_committed_for():
    steps = load("deploy.yml")["jobs"]["deploy"]["steps"]
    build = next(step["run"] for step in steps if "make github" in step.get("run", ""))
    remote = re.search(r"GITHUB_PAGES_REMOTE=(\S+)", build).group(1)
    branch = load_settings(ROOT / "publishconf.py")["GITHUB_PAGES_BRANCH"]
    push_line = steps[-1]["run"].strip().splitlines()[-1]
    assert push_line.split() == ["git", "push", remote, f"refs/heads/{branch}:refs/heads/{branch}"]


@pytest.mark.unit
def test_a_pull_request_preview_runs_its_code_with_no_secret_and_publishes_nothing():
    """Safe for a fork's pull request: the pull_request trigger (never _target), a
    read-only token, no secret, no push; the gate and the summary run, the site is attached."""
    preview = load("preview.yml")
    assert set(preview["on"]) == {"pull_request"}
    assert not any(TOKEN.search(s) or "secrets" in s for s in strings(preview))
    steps = preview["jobs"]["preview"]["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    assert "make lint" in runs
    assert "make publish" in runs
    assert "checks.gate" in runs
    assert "tools.pr_summary" in runs
    assert "GITHUB_STEP_SUMMARY" in runs
    assert "git push" not in runs
    assert "make github" not in runs
    uploads = [step for step in steps if step.get("uses", "").startswith("actions/upload-artifact")]
    assert [step["with"]["path"] for step in uploads] == ["output/", "reports/content-health.html"]
    assert "make report" in runs
    # The gate checks HTML with vnu: Java and the npm package must be there first.
    gate = next(step["run"] for step in steps if "checks.gate" in step.get("run", ""))
    assert gate.index("system-packages") < gate.index("checks.gate")
    assert any(step.get("uses", "").startswith("actions/setup-node@") for step in steps)


@pytest.mark.unit
def test_deploys_build_warm_from_mains_own_cache():
    """The content cache and share cards come back between deploys; pull requests never
    restore a cache (a cache is a pickle Pelican loads: only main's runs write it)."""
    steps = load("deploy.yml")["jobs"]["deploy"]["steps"]
    [cache] = [s for s in steps if s.get("uses", "").startswith("actions/cache@")]
    assert cache["with"]["path"] == "cache"
    for source in ("pelicanconf.py", "requirements.txt", "plugins/clinic/**", "content/**"):
        assert source in cache["with"]["key"]
    build = next(i for i, s in enumerate(steps) if "make github" in s.get("run", ""))
    assert steps.index(cache) < build
    for name in ("test.yml", "preview.yml"):
        assert "actions/cache" not in (WORKFLOWS / name).read_text()
