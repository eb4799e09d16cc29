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
    assert NAMES == ["check.yml", "nightly.yml", "publish.yml", "test.yml"]


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
    # The Debian container image (unpinned: see the reason), once per job that uses it, and the check's
    # pull_request_target trigger, whose reason is the design of check.yml (tested below).
    assert found == [
        ("check.yml", "dangerous-triggers"),
        ("publish.yml", "unpinned-images"),
        ("test.yml", "unpinned-images"),
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


def test_read_only_defaults_and_no_secrets() -> None:
    for path in WORKFLOWS:
        doc = load(path)
        assert "workflow_run" not in doc["on"], path.name
        assert doc["permissions"] == {}, path.name
        assert "secrets." not in path.read_text(encoding="utf-8"), path.name
        assert all(job["permissions"] for job in doc["jobs"].values()), path.name


def test_only_the_check_uses_pull_request_target_and_says_why() -> None:
    users = [p.name for p in WORKFLOWS if "pull_request_target" in load(p)["on"]]
    assert users == ["check.yml"]
    text = (GITHUB / "workflows" / "check.yml").read_text(encoding="utf-8")
    trigger = next(ln for ln in text.splitlines() if ln.startswith("  pull_request_target:"))
    assert "只检出目标分支" in trigger and "从不执行" in trigger
    # The lines right above the trigger explain the choice too.
    above = text.split("  pull_request_target:")[0].splitlines()[-3:]
    assert any("pull_request_target" in ln for ln in above)


def test_check_workflow_shape() -> None:
    doc = load(GITHUB / "workflows" / "check.yml")
    assert set(doc["on"]) == {"pull_request_target", "merge_group"}
    # Retargeting (edited) and reopening re-run the check, with the base branch as it is now.
    assert set(doc["on"]["pull_request_target"]["types"]) >= {"opened", "synchronize", "reopened", "edited"}
    check, comment = doc["jobs"]["check"], doc["jobs"]["comment"]
    assert check["permissions"] == {"contents": "read"}
    # No container, no system packages: Python from the runner, the check's lock file, the pip cache.
    assert "container" not in check
    runs = "\n".join(s.get("run", "") for s in check["steps"])
    assert "apt-get" not in runs and "make" not in runs.split()
    assert "--require-hashes --no-deps -r requirements/build.txt" in runs
    assert "--require-hashes --no-deps --no-build-isolation -r requirements/check.txt" in runs
    setup = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert (
        setup["with"]["cache"] == "pip" and "requirements/check.txt" in setup["with"]["cache-dependency-path"]
    )
    upload = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["overwrite"] is True  # a re-run replaces the report instead of failing
    # The only commits checked out are the base branch's, as it is now (roster, reopened): never the head.
    for job in (check, comment):
        checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
        assert checkout["with"]["ref"].startswith("${{ github.event.pull_request.base.ref")
        assert checkout["with"]["persist-credentials"] is False
    assert comment["permissions"]["pull-requests"] == "write"
    assert comment["needs"] == "check"
    assert "github.event.pull_request.head.repo.full_name == github.repository" in comment["if"]
    kinds = [s["uses"].split("@")[0] if "uses" in s else "run" for s in comment["steps"]]
    assert kinds == ["actions/checkout", "actions/download-artifact", "run", "run"]
    assert comment["steps"][2]["run"].startswith("python3 -I -S .github/scripts/comment.py ")
    assert comment["steps"][3]["run"].startswith("python3 -I -S .github/scripts/post-comment.py ")
    # What it posts is what the base's code wrote, outside the folder the artifact is unpacked into.
    artifact = comment["steps"][1]["with"]["path"]
    posted = comment["steps"][3]["env"]["COMMENT_FILE"]
    assert posted == comment["steps"][2]["env"]["COMMENT_FILE"] and not posted.startswith(artifact)


SAFE_FLAGS = (["-P", "-I"], ["-I", "-S"])


def unsafe_pythons(line: str) -> list[str]:
    """Each interpreter started in `line` without -P -I (or -I -S) right after it; a path given to
    pip's --python is the target environment, not an interpreter started here."""
    words = line.split()
    return [
        line.strip()
        for i, word in enumerate(words)
        if word.rsplit("/", 1)[-1] in ("python", "python3")
        and (i == 0 or words[i - 1] != "--python")
        and words[i + 1 : i + 3] not in SAFE_FLAGS
    ]


def test_the_safe_path_rule_sees_unsafe_lines() -> None:
    assert unsafe_pythons("python -m venv .venv") == ["python -m venv .venv"]
    assert unsafe_pythons("cd x && .venv/bin/python script.py") != []
    assert unsafe_pythons("python -P -I -m pip --python .venv/bin/python install -r r.txt") == []
    assert unsafe_pythons("python3 -I -S .github/scripts/comment.py") == []


@pytest.mark.parametrize("name", NAMES)
def test_every_python_runs_with_safe_path_flags(name: str) -> None:
    """A `python` in a run step always carries -P -I (or -I -S): no working directory on sys.path."""
    doc = load(GITHUB / "workflows" / name)
    for job in doc["jobs"].values():
        for step in job.get("steps", []):
            for line in step.get("run", "").splitlines():
                assert not unsafe_pythons(line), f"{name}: {line.strip()}"
    for script in (GITHUB / "scripts").glob("*.sh"):
        for line in script.read_text(encoding="utf-8").splitlines():
            if '"$python"' in line:
                assert '"$python" -P -I' in line, f"{script.name}: {line.strip()}"


BASE_NOW = "${{ github.event.pull_request.base.ref }}"
UNTRUSTED_BUILD = ("make", ".venv", "pip ", "awards ", "bash .github/scripts/check.sh")


def writes(job: dict[Any, Any]) -> list[str]:
    return [k for k, v in job["permissions"].items() if v == "write"]


@pytest.mark.parametrize("name", NAMES)
def test_no_job_holding_a_write_token_runs_pull_request_code(name: str) -> None:
    """A job that can write checks out nothing but the base branch, without keeping the token, and
    installs or runs nothing of the pull request's (no make, no venv, no awards command)."""
    doc = load(GITHUB / "workflows" / name)
    for job_name, job in doc["jobs"].items():
        if not writes(job):
            continue
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert "pull_request_target" in doc["on"], f"{name}:{job_name}"
                assert step["with"]["ref"] == BASE_NOW, f"{name}:{job_name}: 只能检出目标分支"
                assert step["with"]["persist-credentials"] is False, f"{name}:{job_name}"
            run = step.get("run", "")
            assert not any(word in run for word in UNTRUSTED_BUILD), f"{name}:{job_name}: {run}"


def test_the_test_workflow_is_unprivileged() -> None:
    doc = load(GITHUB / "workflows" / "test.yml")
    assert set(doc["on"]) == {"pull_request"}
    assert {"scripts/**", "rules/**", ".github/**", "pyproject.toml", "Makefile"} <= set(
        doc["on"]["pull_request"]["paths"]
    )
    (job,) = doc["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    assert "make test" in [s.get("run") for s in job["steps"]]
    assert not any("cache" in s.get("uses", "") or "cache" in s.get("with", {}) for s in job["steps"])


def test_publish_workflow_shape() -> None:
    doc = load(GITHUB / "workflows" / "publish.yml")
    assert doc["on"]["push"] == {"branches": ["main"]}
    # The 公示 day must not depend on one scheduled run: GitHub delays or drops some at busy times.
    assert len(doc["on"]["schedule"]) >= 2
    build, deploy = doc["jobs"]["build"], doc["jobs"]["deploy"]
    # Deployed from main only, whatever started the run (a manual run on another branch builds nothing).
    for job in (build, deploy):
        assert "github.ref == 'refs/heads/main'" in job["if"]
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
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "main"


def test_campaign_clock_is_beijing_time() -> None:
    for path in WORKFLOWS:
        assert load(path)["env"]["TZ"] == "Asia/Shanghai", path.name
