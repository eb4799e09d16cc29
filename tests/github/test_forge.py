"""The same workflows run on GitHub and on a self-hosted Forgejo/Gitea with its runner (issue 13, personal
data that stays in the province): GitHub-only steps sit behind one switch (the repository variable
AWARDS_FORGE), each with a self-hosted alternative, and nothing else uses syntax or services that only
GitHub has where an alternative exists."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.github.test_workflows import GITHUB, NAMES, load

# Actions that talk to GitHub-only services; each needs the switch and an alternative for the self-hosted forge.
GITHUB_ONLY_ACTIONS = {"actions/upload-pages-artifact", "actions/deploy-pages"}
# Clients of GitHub's API where a forge-neutral one exists (.github/scripts/post-comment.py, pushes.py).
GITHUB_ONLY_CLIENTS = ("actions/github-script", "gh ")
OFF_GITHUB = "vars.AWARDS_FORGE != 'forgejo'"
ON_FORGEJO = "vars.AWARDS_FORGE == 'forgejo'"
VARIABLES = {"AWARDS_FORGE", "AWARDS_RUNNER", "AWARDS_DEPLOY_TARGET", "AWARDS_COMMENT_BOT"}


def jobs() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (name, job_name, job)
        for name in NAMES
        for job_name, job in load(GITHUB / "workflows" / name)["jobs"].items()
    ]


@pytest.mark.parametrize(("name", "job_name", "job"), jobs())
def test_the_runner_label_is_a_setting(name: str, job_name: str, job: dict[str, Any]) -> None:
    """GitHub's `ubuntu-24.04`, or whatever label the province's runner registered with."""
    assert re.fullmatch(r"\$\{\{ vars\.AWARDS_RUNNER \|\| '[\w.-]+' \}\}", job["runs-on"]), (
        f"{name}:{job_name}"
    )


@pytest.mark.parametrize("name", NAMES)
def test_github_only_steps_are_behind_the_switch(name: str) -> None:
    doc = load(GITHUB / "workflows" / name)
    for job_name, job in doc["jobs"].items():
        for step in job.get("steps", []):
            action = step.get("uses", "").split("@")[0]
            if action in GITHUB_ONLY_ACTIONS:
                guard = f"{job.get('if', '')} {step.get('if', '')}"
                assert OFF_GITHUB in guard, f"{name}:{job_name}: {action} 需要 {OFF_GITHUB}"
            assert not any(step.get("uses", "").startswith(c) for c in GITHUB_ONLY_CLIENTS), (
                f"{name}:{job_name}"
            )
            assert not any(line.lstrip().startswith("gh ") for line in step.get("run", "").splitlines())


def test_every_github_only_step_has_a_self_hosted_alternative() -> None:
    publish = load(GITHUB / "workflows" / "publish.yml")["jobs"]["build"]["steps"]
    alternative = next(
        s for s in publish if s.get("run", "").startswith("bash .github/scripts/deploy-site.sh")
    )
    assert alternative["if"] == "${{ " + ON_FORGEJO + " }}"
    assert (GITHUB / "deploy" / "nginx-awards.conf").is_file()
    # The comment goes through the API paths GitHub and Forgejo share, with the API URL both set.
    comment = load(GITHUB / "workflows" / "check.yml")["jobs"]["comment"]["steps"][-1]
    assert comment["run"].startswith("python3 -I -S .github/scripts/post-comment.py")
    post = (GITHUB.parent / "scripts/awards/github/post.py").read_text(encoding="utf-8")
    assert 'os.environ["GITHUB_API_URL"]' in post and "api.github.com" not in post


def test_one_switch_and_a_few_settings() -> None:
    used = {
        m
        for name in NAMES
        for m in re.findall(r"vars\.(\w+)", (GITHUB / "workflows" / name).read_text("utf-8"))
    }
    assert used == VARIABLES
    switches = {
        m
        for name in NAMES
        for m in re.findall(
            r"vars\.AWARDS_FORGE ([!=]=) '(\w+)'", (GITHUB / "workflows" / name).read_text("utf-8")
        )
    }
    assert switches == {("!=", "forgejo"), ("==", "forgejo")}


@pytest.mark.parametrize("name", NAMES)
def test_no_github_hosts_or_secrets_in_the_workflows(name: str) -> None:
    text = (GITHUB / "workflows" / name).read_text(encoding="utf-8")
    # The server and API come from the forge's own variables (GITHUB_SERVER_URL, GITHUB_API_URL).
    assert "github.com" not in text and "githubusercontent" not in text
    assert "secrets." not in text
