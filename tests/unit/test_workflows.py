"""The GitHub workflows: valid, pinned, least privilege, and the token in one step only;
what a writer sees on a pull request, and what runs on it.

zizmor audits the same files in `make check-code` and `make test` (tasks.py); these
tests pin down this project's own rules, which zizmor does not know.
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
    ("deploy.yml", "keepalive"): {"actions": "write", "contents": "read"},  # re-enable
    ("preview.yml", "preview"): {"contents": "read"},
    # commit the preview into gh-pages, and comment its address on the pull request
    ("preview.yml", "publish-preview"): {"contents": "write", "pull-requests": "write"},
}

# The jobs that run on the runner itself, not in the pinned container: they run none of
# the project's code, nor any script, only pinned actions.
RUNNER_JOBS = {("deploy.yml", "keepalive"), ("preview.yml", "publish-preview")}


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
    for job_id, job in parsed["jobs"].items():
        if (name, job_id) in RUNNER_JOBS:
            assert "container" not in job
            assert all("run" not in step for step in job["steps"]), (name, job_id)
            continue
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
    job = deploy["jobs"]["deploy"]
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
def test_a_pull_request_preview_runs_its_code_with_no_secret_and_pushes_nothing():
    """Safe for a fork's pull request: the pull_request trigger (never _target), a
    read-only token, no secret, no push; the gate and the summary run, the site is attached."""
    preview = load("preview.yml")
    assert set(preview["on"]) == {"pull_request"}
    assert not any(TOKEN.search(s) or "secrets" in s for s in strings(preview))
    assert preview["jobs"]["preview"]["permissions"] == {"contents": "read"}
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


def steps_of(name: str, job: str) -> list[dict]:
    return load(name)["jobs"][job]["steps"]


def step_running(steps: list[dict], command: str) -> dict:
    (step,) = [step for step in steps if command in step.get("run", "")]
    return step


@pytest.mark.unit
def test_when_lint_fails_the_preview_summary_and_report_still_come_and_the_job_is_red():
    """Every step after `make lint` runs unless the run was cancelled; no step hides a
    failure (continue-on-error), so a failed lint still ends the job red."""
    steps = steps_of("preview.yml", "preview")
    lint = steps.index(step_running(steps, "make lint"))
    assert "if" not in steps[lint]
    assert steps[lint]["id"] == "lint"
    for step in steps[lint + 1 :]:
        assert "!cancelled()" in step.get("if", ""), step["name"]
    for name in ("test.yml", "deploy.yml", "preview.yml"):
        assert "continue-on-error" not in strings(load(name)), name
    # What needs a site waits for the build, which runs after a failed lint too.
    build = step_running(steps, "make publish")
    assert build["if"] == "${{ !cancelled() }}"
    assert build["env"]["CLINIC_ANNOTATED"] == "${{ steps.lint.outcome == 'failure' }}"
    for command in ("checks.gate", "tools.build publish"):
        assert "steps.build.outcome == 'success'" in step_running(steps, command)["if"]
    # The summary comes either way: against main's site, or, when the build stopped on a
    # content rule, each changed file with its problems (tools/pr_summary.py).
    summary = step_running(steps, "tools.pr_summary")
    assert "steps.build.outcome != 'success'" in summary["if"]
    assert summary["env"]["BUILT"] == "${{ steps.build.outcome == 'success' }}"
    assert step_running(steps, "make report")["if"] == "${{ !cancelled() }}"
    uploads = [step for step in steps if step.get("uses", "").startswith("actions/upload")]
    assert all("!cancelled()" in step["if"] for step in uploads)


@pytest.mark.unit
def test_the_preview_is_built_noindex_and_so_is_mains_to_compare_with():
    steps = steps_of("preview.yml", "preview")
    assert "NOINDEX=1" in step_running(steps, "make publish")["run"]
    assert "--noindex" in step_running(steps, "tools.build publish")["run"]


@pytest.mark.unit
def test_only_this_repositorys_pull_requests_are_published_and_removed_on_close():
    from tools.previews import PREVIEWS

    preview = load("preview.yml")
    assert set(preview["on"]["pull_request"]["types"]) == {
        "opened",
        "reopened",
        "synchronize",
        "closed",
    }
    build, publish = preview["jobs"]["preview"], preview["jobs"]["publish-preview"]
    assert build["if"] == "github.event.action != 'closed'"
    assert publish["needs"] == "preview"
    condition = " ".join(publish["if"].split())
    assert "github.event.pull_request.head.repo.full_name == github.repository" in condition
    assert "!cancelled()" in condition  # the build job is skipped on close
    assert "github.event.action == 'closed'" in condition
    assert "needs.preview.outputs.built == 'true'" in condition
    assert build["outputs"]["built"] == "${{ steps.build.outcome == 'success' }}"
    [action] = [s for s in publish["steps"] if s.get("uses", "").startswith("rossjrw/")]
    assert action["uses"].startswith("rossjrw/pr-preview-action@")
    assert action["with"]["umbrella-dir"] == PREVIEWS  # what `make github` keeps
    assert (
        action["with"]["preview-branch"]
        == load_settings(ROOT / "publishconf.py")["GITHUB_PAGES_BRANCH"]
    )
    assert action["with"]["source-dir"] == "site-preview"
    assert action["with"]["action"] == "auto"
    assert action["with"]["qr-code"] is False
    [download] = [s for s in publish["steps"] if s.get("uses", "").startswith("actions/down")]
    assert download["with"]["name"] == "site-preview"
    assert download["if"] == "github.event.action != 'closed'"
    # The address the build links to is the one the preview is served at.
    address = step_running(build["steps"], "tools.previews")
    assert '[ "$SAME_REPOSITORY" = true ]' in address["run"]
    assert build["env"]["SAME_REPOSITORY"] == (
        "${{ github.event.pull_request.head.repo.full_name == github.repository }}"
    )


@pytest.mark.unit
def test_the_benchmark_and_the_audit_run_only_when_the_code_changes():
    """Gated on a step's output, not on `paths` (a check that never reports blocks a
    merge); the same commands as .ci/run, so CI here and on GitHub agree."""
    test = load("test.yml")
    assert set(test["on"]) == {"push", "pull_request"}
    assert not any("paths" in (trigger or {}) for trigger in test["on"].values())
    steps = test["jobs"]["test"]["steps"]
    checkout = steps[0]
    assert checkout["with"]["fetch-depth"] == 2  # the merge commit's first parent: the base
    changes = next(step for step in steps if step.get("id") == "changes")
    assert "git diff --name-only HEAD^1 HEAD" in changes["run"]
    assert "python3 -m tools.changes" in changes["run"]
    for command in ("make audit", "make bench"):
        step = step_running(steps, command)
        assert step["if"] == "steps.changes.outputs.code == 'true'"
        assert steps.index(changes) < steps.index(step)
    assert "if" not in step_running(steps, "make test")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_commands = [line for line in ci.splitlines() if line.startswith("make ")]
    assert [step["run"] for step in steps if step.get("run", "").startswith("make ")] == (
        ci_commands
    )


@pytest.mark.unit
@pytest.mark.parametrize(
    ("paths", "code"),
    [
        (["content/articles/a.md", "content/images/b.jpg"], False),
        (["README.md", "docs/screenshots/x.png"], False),
        (["content/articles/a.md", "theme/static/css/site.css"], True),
        (["pelicanconf.py"], True),
        (["requirements.txt"], True),
        (["package-lock.json"], True),
        (["Makefile"], True),
        (["tasks.py"], True),
        (["tools/build.py"], True),
        (["bench/run.py"], True),
        (["plugins/clinic/__init__.py"], True),
        ([".github/workflows/test.yml"], True),
        (["a-new-file.toml"], True),  # nobody listed it: benchmarked rather than skipped
        (["content.md", "README.md.orig"], True),  # only the listed file, the listed folder
    ],
)
def test_what_counts_as_a_code_change(paths, code):
    from tools.changes import code_changed

    assert code_changed(f"{path}\n" for path in paths) is code


@pytest.mark.unit
def test_the_nightly_schedule_is_kept_enabled_with_the_least_permission():
    deploy = load("deploy.yml")
    assert "schedule" in deploy["on"]
    keepalive = deploy["jobs"]["keepalive"]
    assert keepalive["if"] == "github.event_name == 'schedule'"
    [action] = [s for s in keepalive["steps"] if "keepalive" in s.get("uses", "")]
    assert action["uses"].startswith("gautamkrishnar/keepalive-workflow@")
    assert action["with"]["use_api"] is True  # the API, never a commit to main
    assert int(action["with"]["time_elapsed"]) < 60


@pytest.mark.unit
def test_noindex_is_read_into_the_build_options_and_robots_txt():
    from clinic.settings.options import BuildOptions
    from clinic.sitewide.sitemap import robots_txt

    settings = load_settings(ROOT / "publishconf.py")
    assert BuildOptions.of(settings).noindex is False
    assert BuildOptions.of({**settings, "CLINIC_NOINDEX": True}).noindex is True
    assert robots_txt("https://x.example/sitemap.xml", noindex=True) == (
        "User-agent: *\nDisallow: /\n"
    )
    assert "Disallow" not in robots_txt("https://x.example/sitemap.xml")
