"""The workflows and Dependabot settings: zizmor and the GitHub JSON schemas, pinned actions, and the
security properties the issue asks for, read from the YAML itself."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.github.helpers import BIN, REPO, clean_env

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
NAMES = [p.name for p in WORKFLOWS]
PIN = re.compile(r"^(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40}) # v\d+\.\d+\.\d+$")


def load(path: Path) -> dict[Any, Any]:
    # PyYAML reads the key `on` as True (YAML 1.1); look it up under both names.
    doc: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in doc:
        doc["on"] = doc.pop(True)
    return doc


def tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / name), *args], capture_output=True, text=True, env=clean_env(), cwd=REPO)


def test_the_expected_workflows_exist() -> None:
    assert NAMES == ["check.yml", "nightly.yml", "publish.yml"]


def test_zizmor_finds_nothing() -> None:
    # The strictest persona: no finding at any severity except the inline suppressions below.
    done = tool(
        "zizmor", "--offline", "--persona", "auditor", "--no-progress", "--format", "plain", ".github"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout
    assert not (GITHUB / "zizmor.yml").exists()  # no suppression hidden in a config file


IGNORE = re.compile(r"# zizmor: ignore\[(?P<audits>[a-z-,]+)\](?P<rest>.*)$")


def test_every_zizmor_suppression_says_why() -> None:
    found = []
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if m := IGNORE.search(line):
                assert re.match(r"^ -- \S.{9,}", m["rest"]), f"{path.name}: {line.strip()} 没有写明理由"
                found.append((path.name, m["audits"]))
    # Only the Debian container image (unpinned: see the reason) is suppressed, once per job that uses it.
    assert found == [
        ("check.yml", "unpinned-images"),
        ("nightly.yml", "unpinned-images"),
        ("publish.yml", "unpinned-images"),
    ]


@pytest.mark.parametrize("name", NAMES)
def test_workflow_schema(name: str) -> None:
    done = tool(
        "check-jsonschema", "--builtin-schema", "vendor.github-workflows", f".github/workflows/{name}"
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_dependabot_schema_and_contents() -> None:
    done = tool("check-jsonschema", "--builtin-schema", "vendor.dependabot", ".github/dependabot.yml")
    assert done.returncode == 0, done.stdout + done.stderr
    doc = load(GITHUB / "dependabot.yml")
    ecosystems = {u["package-ecosystem"]: u for u in doc["updates"]}
    assert set(ecosystems) == {"github-actions", "pip"}
    assert all(u["cooldown"]["default-days"] >= 7 for u in ecosystems.values())


def uses(doc: dict[Any, Any]) -> list[str]:
    return [s["uses"] for job in doc["jobs"].values() for s in job.get("steps", []) if "uses" in s]


@pytest.mark.parametrize("name", NAMES)
def test_every_action_is_pinned_to_a_commit_with_its_version(name: str) -> None:
    path = GITHUB / "workflows" / name
    refs = uses(load(path))
    assert refs
    # The comment is not in the parsed YAML, so read the `uses:` lines as written.
    lines = [
        ln.split("uses:", 1)[1].strip()
        for ln in path.read_text(encoding="utf-8").splitlines()
        if "uses:" in ln
    ]
    assert len(lines) == len(refs)
    for line in lines:
        assert PIN.match(line), f"{name}: {line} 没有固定到 40 位提交号并注明版本"


def test_one_version_per_action_everywhere() -> None:
    seen: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                m = PIN.match(line.split("uses:", 1)[1].strip())
                assert m
                seen.setdefault(m["action"], set()).add(m["sha"])
    assert all(len(shas) == 1 for shas in seen.values()), seen


def test_no_privileged_triggers_and_read_only_defaults() -> None:
    for path in WORKFLOWS:
        doc = load(path)
        assert "pull_request_target" not in doc["on"] and "workflow_run" not in doc["on"], path.name
        assert doc["permissions"] == {}, path.name
        assert "secrets." not in path.read_text(encoding="utf-8"), path.name
        assert all(job["permissions"] for job in doc["jobs"].values()), path.name


def test_check_workflow_shape() -> None:
    doc = load(GITHUB / "workflows" / "check.yml")
    assert set(doc["on"]) == {"pull_request", "merge_group"}
    check, comment = doc["jobs"]["check"], doc["jobs"]["comment"]
    assert check["permissions"] == {"contents": "read"}
    runs = [s.get("run", "") for s in check["steps"]]
    # Set up exactly as make does, on the machine make is written for: a fresh Debian 12, as root.
    assert check["container"] == "debian:bookworm"
    assert runs[0].startswith("apt-get update -q && apt-get install")
    assert "make setup" in runs
    checkout = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}
    # The job that can write never checks out or runs the pull request's code: it checks out the base
    # revision and runs one script from there with the standard library only (see the test below).
    assert comment["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert comment["needs"] == "check"
    assert "github.event.pull_request.head.repo.full_name == github.repository" in comment["if"]
    kinds = [s["uses"].split("@")[0] if "uses" in s else "run" for s in comment["steps"]]
    assert kinds == ["actions/checkout", "actions/download-artifact", "run", "actions/github-script"]
    assert comment["steps"][2]["run"].startswith("python3 -I -S .github/scripts/comment.py ")
    script = comment["steps"][-1]["with"]["script"]
    assert "${{" not in script  # values reach the script through env, never by template expansion
    assert "<!-- awards-check -->" in script and "updateComment" in script
    # What it posts is what the base's code wrote, outside the folder the artifact is unpacked into.
    artifact = comment["steps"][1]["with"]["path"]
    posted = comment["steps"][-1]["env"]["COMMENT_FILE"]
    assert posted == comment["steps"][2]["env"]["COMMENT_FILE"] and not posted.startswith(artifact)


BASE = "${{ github.event.pull_request.base.sha }}"
UNTRUSTED_BUILD = ("make", ".venv", "pip ", "awards ", "bash .github/scripts/check.sh")


def writes(job: dict[Any, Any]) -> list[str]:
    return [k for k, v in job["permissions"].items() if v == "write"]


@pytest.mark.parametrize("name", NAMES)
def test_no_job_holding_a_write_token_runs_pull_request_code(name: str) -> None:
    """Issue 4: a job that can write checks out nothing but the base revision, without keeping the
    token, and installs or runs nothing of the pull request's (no make, no venv, no awards command)."""
    doc = load(GITHUB / "workflows" / name)
    pull_request = "pull_request" in doc["on"]
    for job_name, job in doc["jobs"].items():
        if not writes(job):
            continue
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert pull_request, f"{name}:{job_name}"
                assert step["with"]["ref"] == BASE, f"{name}:{job_name}: 只能检出目标分支"
                assert step["with"]["persist-credentials"] is False, f"{name}:{job_name}"
            run = step.get("run", "")
            assert not any(word in run for word in UNTRUSTED_BUILD), f"{name}:{job_name}: {run}"


def test_publish_workflow_shape() -> None:
    doc = load(GITHUB / "workflows" / "publish.yml")
    assert doc["on"]["push"] == {"branches": ["main"]}
    build, deploy = doc["jobs"]["build"], doc["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert "make site" in [s.get("run") for s in build["steps"]]
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "public/"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    # No dependency cache in the job whose output is published.
    assert not any("cache" in s.get("uses", "") or "cache" in s.get("with", {}) for s in build["steps"])
    assert build["container"] == "debian:bookworm"


def test_nightly_rechecks_main_on_a_schedule() -> None:
    doc = load(GITHUB / "workflows" / "nightly.yml")
    assert doc["on"]["schedule"] and "workflow_dispatch" in doc["on"]
    steps = doc["jobs"]["check"]["steps"]
    assert "bash .github/scripts/check.sh" in [s.get("run") for s in steps]


def test_campaign_clock_is_beijing_time() -> None:
    for path in WORKFLOWS:
        assert load(path)["env"]["TZ"] == "Asia/Shanghai", path.name
