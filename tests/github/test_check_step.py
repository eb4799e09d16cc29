"""The check workflow's "检查推荐材料" step, run as GitHub runs it: `bash .github/scripts/check.sh` with
GITHUB_ACTIONS=true, a step-summary file and the recorded pull_request payload, on a real git repository
where the taiyuan clerk adds two faulty records and edits one of datong's. Then the comment job's
"生成评论" step, run as GitHub runs it too: its own `run` line from check.yml, with `python3` a bare
interpreter (-I -S: no site-packages), on the reports the check step left.

The annotations, the job summary and the comment are compared with the files in fixtures/expected/
exactly. When a checker message changes on purpose, regenerate them with
`AWARDS_UPDATE_GOLDEN=1 .venv/bin/pytest tests/github/test_check_step.py` and review the diff.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.github.helpers import BIN, FIXTURES, REPO, campaign_repo, clean_env, event_file

EXPECTED = FIXTURES / "expected"
SCRIPT = REPO / ".github" / "scripts" / "check.sh"
WORKFLOW = REPO / ".github" / "workflows" / "check.yml"


def comment_step() -> dict[str, Any]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    step: dict[str, Any] = next(s for s in workflow["jobs"]["comment"]["steps"] if "run" in s)
    return step


def run_comment(reports: Path, sha: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    """The comment job's run step, in this checkout (the base revision's code), on `reports`.

    `python3` is this interpreter without its virtual environment and, by the step's own -S, without
    any site-packages: the step works on a bare runner with nothing installed.
    """
    shim = tmp / "bin"
    shim.mkdir(exist_ok=True)
    python3 = shim / "python3"
    if not python3.exists():
        python3.symlink_to(sys.executable)
    env = clean_env(
        PATH=f"{shim}{os.pathsep}/usr/bin{os.pathsep}/bin",
        REPORTS=str(reports),
        HEAD_SHA=sha,
        COMMENT_FILE=str(tmp / "awards-comment" / "comment.md"),
    )
    return subprocess.run(
        ["bash", "-c", comment_step()["run"]], cwd=REPO, env=env, capture_output=True, text=True
    )


@dataclass
class Step:
    returncode: int
    stdout: str
    stderr: str
    summary: str
    out: Path
    head: str


def run_step(
    tmp_path: Path,
    event_name: str = "pull_request",
    today: str = "2021-08-20",
    recorded: str = "pull_request.json",
) -> Step:
    repo, base, head = campaign_repo(tmp_path / "repo")
    summary = tmp_path / "step_summary.md"
    summary.write_text("", encoding="utf-8")
    env = clean_env(
        GITHUB_ACTIONS="true",
        GITHUB_EVENT_NAME=event_name,
        GITHUB_EVENT_PATH=str(event_file(tmp_path / "event.json", base, head, recorded)),
        GITHUB_STEP_SUMMARY=str(summary),
        AWARDS=str(BIN / "awards"),
        AWARDS_OUT=str(tmp_path / "awards-report"),
        AWARDS_TODAY=today,
    )
    done = subprocess.run(["bash", str(SCRIPT)], cwd=repo.root, env=env, capture_output=True, text=True)
    return Step(
        done.returncode,
        done.stdout,
        done.stderr,
        summary.read_text(encoding="utf-8"),
        tmp_path / "awards-report",
        head,
    )


def golden(name: str, actual: str) -> None:
    path = EXPECTED / name
    if os.environ.get("AWARDS_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"与 {path.name} 不同"


@pytest.fixture(scope="module")
def step(tmp_path_factory: pytest.TempPathFactory) -> Step:
    return run_step(tmp_path_factory.mktemp("step"))


def test_the_workflow_runs_this_script() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/check.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    check = next(s for s in steps if s.get("id") == "check")
    assert check["run"] == "bash .github/scripts/check.sh"
    assert set(check["env"]) == {"AWARDS_OUT"}


def test_exit_status_fails_the_check(step: Step) -> None:
    assert step.returncode == 1, step.stderr
    assert step.stderr == (
        "检查了 8 个文件：12 个错误，5 个警告。未通过\n“ty-clerk”的合并请求改动了 3 个文件：1 处越权，未通过。\n"
    )


def test_annotations_are_exactly_what_github_shows(step: Step) -> None:
    lines = step.stdout.splitlines()
    # 13 errors in all: GitHub would show 10; we emit those 10, the permission problem first.
    assert sum(ln.startswith("::error ") for ln in lines) == 10
    assert lines[0].startswith(
        "::error file=submissions/datong/individuals/ma-wen.yml,line=1,col=1,title=pr-outside-unit::"
    )
    golden("annotations.txt", step.stdout)


def test_job_summary(step: Step) -> None:
    assert "本次另有 3 个错误、0 个警告没有显示为标注" in step.summary
    golden("summary.md", step.summary)


def test_the_comment_job_runs_this_step() -> None:
    step = comment_step()
    assert str(step["run"]).startswith("python3 -I -S .github/scripts/comment.py ")
    env = step["env"]
    assert set(env) == {"REPORTS", "HEAD_SHA", "COMMENT_FILE"}
    assert env["HEAD_SHA"] == "${{ github.event.pull_request.head.sha }}"  # the event's, not the artifact's
    assert env["COMMENT_FILE"].startswith("${{ runner.temp }}/awards-comment/")  # outside the artifact


def test_check_step_leaves_no_comment(step: Step) -> None:
    """The check step runs the pull request's code: nothing it writes may become the comment."""
    assert sorted(p.name for p in step.out.iterdir()) == ["check-pr.json", "preview", "report.json"]


def test_comment_names_the_commit(step: Step, tmp_path: Path) -> None:
    done = run_comment(step.out, step.head, tmp_path)
    assert done.returncode == 0, done.stderr
    body = (tmp_path / "awards-comment" / "comment.md").read_text(encoding="utf-8")
    assert body.startswith("<!-- awards-check -->\n")
    assert f"本评论针对提交 {step.head}，" in body
    golden("comment.md", body.replace(step.head, "@HEAD_SHA@"))


def test_comment_without_the_artifact_says_the_check_did_not_finish(tmp_path: Path) -> None:
    done = run_comment(tmp_path / "no-artifact", "a" * 40, tmp_path)
    assert done.returncode == 0, done.stderr
    body = (tmp_path / "awards-comment" / "comment.md").read_text(encoding="utf-8")
    assert body.startswith("<!-- awards-check -->\n## 推荐材料检查：没有完成\n")
    assert "推荐材料检查没有完成（report.json 没有生成）" in body
    assert "修改权限检查没有完成（check-pr.json 没有生成）" in body


def test_comment_refuses_a_sha_that_is_not_one(tmp_path: Path) -> None:
    done = run_comment(tmp_path, "$(id)", tmp_path)
    assert done.returncode == 2
    assert not (tmp_path / "awards-comment" / "comment.md").exists()


def test_reports_are_left_for_the_artifact(step: Step) -> None:
    report = json.loads((step.out / "report.json").read_text(encoding="utf-8"))
    assert (report["errors"], report["warnings"], report["files_checked"]) == (12, 5, 8)
    permissions = json.loads((step.out / "check-pr.json").read_text(encoding="utf-8"))
    assert permissions["check"] == "check-pr"
    assert permissions["actor"] == "ty-clerk"
    assert permissions["changed"] == [
        "submissions/datong/individuals/ma-wen.yml",
        "submissions/taiyuan/individuals/wang-fang.yml",
        "submissions/taiyuan/windows/city-12333.yml",
    ]
    assert [p["code"] for p in permissions["problems"]] == ["pr-outside-unit"]


def test_preview_shows_public_fields_only(step: Step) -> None:
    page = (step.out / "preview" / "index.html").read_text(encoding="utf-8")
    assert page.count("<section>") == 3
    for shown in ("王芳", "马文", "太原市人力资源和社会保障局12333电话咨询服务窗口", "窗口经办员"):
        assert shown in page
    # Private values of the changed records: ID numbers, phones, an e-mail, photo paths, the unit leader.
    for private in (
        "140105198803150021",
        "140211198607230038",
        "0351-12345",
        "0352-6123457",
        '12333"',
        "wangfang@example",
        "photos/",
        "赵文博",
        "单位公示",
    ):
        assert private not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>" not in page


def test_a_push_by_another_unit_is_judged_as_well(tmp_path: Path) -> None:
    """The same pull request, but dt-clerk (datong) made this push: the taiyuan files are not theirs."""
    step = run_step(tmp_path, recorded="pull_request_pushed_by_datong.json")
    assert step.returncode == 1
    permissions = json.loads((step.out / "check-pr.json").read_text(encoding="utf-8"))
    assert permissions["actors"] == ["ty-clerk", "dt-clerk"]
    assert [(p["path"], p["message"].split("属于")[0]) for p in permissions["problems"]] == [
        ("submissions/datong/individuals/ma-wen.yml", "“ty-clerk”"),
        ("submissions/taiyuan/individuals/wang-fang.yml", "“dt-clerk”"),
        ("submissions/taiyuan/windows/city-12333.yml", "“dt-clerk”"),
    ]
    assert "修改权限：本合并请求改动了 3 个文件，3 处越权。" in step.summary
    assert (
        "“ty-clerk”的合并请求（本次由“dt-clerk”推送或打开）改动了 3 个文件：3 处越权，未通过。" in step.stderr
    )


def test_merge_group_checks_records_without_the_author(tmp_path: Path) -> None:
    step = run_step(tmp_path, event_name="merge_group")
    assert step.returncode == 1
    assert sorted(p.name for p in step.out.iterdir()) == ["preview", "report.json"]
    assert "修改权限" not in step.summary
    assert "本次另有 2 个错误、0 个警告没有显示为标注" in step.summary


def test_clean_pull_request_passes(tmp_path: Path) -> None:
    """Only the base records, proposed by a reviewer: warnings only, exit 0, and the summary says so."""
    repo, base, _ = campaign_repo(tmp_path / "repo")
    repo.git("checkout", "-q", "main")
    repo.git("checkout", "-q", "-b", "fix")
    repo.write(
        "submissions/sx-shebao/unit.yml",
        (repo.root / "submissions/sx-shebao/unit.yml")
        .read_text(encoding="utf-8")
        .replace("山西省社保中心", "山西省社会保险中心"),
    )
    head = repo.commit("更正单位名称")
    payload = json.loads((FIXTURES / "pull_request.json").read_text(encoding="utf-8"))
    payload["pull_request"]["user"]["login"] = payload["sender"]["login"] = "sx-reviewer-zhao"
    payload["pull_request"]["base"]["sha"], payload["pull_request"]["head"]["sha"] = base, head
    event = tmp_path / "event.json"
    event.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    summary = tmp_path / "summary.md"
    env = clean_env(
        GITHUB_ACTIONS="true",
        GITHUB_EVENT_NAME="pull_request",
        GITHUB_EVENT_PATH=str(event),
        GITHUB_STEP_SUMMARY=str(summary),
        AWARDS=str(BIN / "awards"),
        AWARDS_OUT=str(tmp_path / "out"),
        AWARDS_TODAY="2021-08-20",
    )
    done = subprocess.run(["bash", str(SCRIPT)], cwd=repo.root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## 推荐材料检查：通过（有警告，请核实）\n")
    assert "修改权限：本合并请求改动了 1 个文件，都在提交人可以修改的范围内。" in text
    assert "没有显示为标注" not in text
    assert done.stdout.count("::warning ") == 3


def test_nightly_run_checks_records_only(tmp_path: Path) -> None:
    step = run_step(tmp_path, event_name="schedule")
    assert step.returncode == 1
    assert sorted(p.name for p in step.out.iterdir()) == ["report.json"]
    assert step.summary.startswith(
        "## 推荐材料检查：未通过\n\n推荐材料：检查了 8 个文件，12 个错误，5 个警告。\n"
    )


def test_broken_rules_say_the_check_did_not_finish(tmp_path: Path) -> None:
    repo, base, _ = campaign_repo(tmp_path / "repo")
    campaign = repo.root / "rules" / "campaign.yml"
    campaign.write_text(
        campaign.read_text(encoding="utf-8").replace("first_review: ", "first_review: x"), encoding="utf-8"
    )
    head = repo.commit("改坏了规则")
    summary = tmp_path / "summary.md"
    env = clean_env(
        GITHUB_ACTIONS="true",
        GITHUB_EVENT_NAME="pull_request",
        GITHUB_EVENT_PATH=str(event_file(tmp_path / "event.json", base, head)),
        GITHUB_STEP_SUMMARY=str(summary),
        AWARDS=str(BIN / "awards"),
        AWARDS_OUT=str(tmp_path / "out"),
        AWARDS_TODAY="2021-08-20",
    )
    done = subprocess.run(["bash", str(SCRIPT)], cwd=repo.root, env=env, capture_output=True, text=True)
    assert done.returncode == 2
    assert "rules/campaign.yml:" in done.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith(
        "## 推荐材料检查：没有完成\n\n推荐材料检查没有完成（report.json 没有生成），请查看检查日志中的出错信息。\n"
    )
    assert "规则文件有错误，无法统计各单位的报送情况。" in text
    # The permission check still ran, on the base's rules, and caught the edit of rules/.
    assert "::error file=rules/campaign.yml,line=1,col=1,title=pr-protected-path::" in done.stdout
    # The preview needs the head's rules too; it is a convenience, so only a warning says it is missing.
    assert done.stdout.startswith("::warning title=pr-preview::没能生成推荐材料预览\n")
    assert "| pr-protected-path |" in text
    assert run_comment(tmp_path / "out", head, tmp_path).returncode == 0
    comment = (tmp_path / "awards-comment" / "comment.md").read_text(encoding="utf-8")
    assert "## 推荐材料检查：没有完成" in comment
