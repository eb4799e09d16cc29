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

from tests.github.helpers import FIXTURES, REPO, campaign_repo, clean_env, event_file

EXPECTED = FIXTURES / "expected"
SCRIPT = REPO / ".github" / "scripts" / "check.sh"
FETCH = REPO / ".github" / "scripts" / "fetch-head.sh"
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
        # What GitHub sets in every job; the step builds the link to the run from them.
        GITHUB_SERVER_URL="https://github.com",
        GITHUB_REPOSITORY="sx-rst-awards/awards",
        GITHUB_RUN_ID="42",
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


def run_check(
    tmp_path: Path,
    origin: Path,
    head: str,
    event_name: str = "pull_request_target",
    event: Path | None = None,
    today: str = "2021-08-20",
    branch: str = "main",
    **extra: str,
) -> Step:
    """The check job as the forge runs it: a clone of `origin` checked out at the base branch (`branch`),
    the head commit fetched as objects only (fetch-head.sh), then check.sh with this checkout's program."""
    work = tmp_path / "work"
    subprocess.run(
        ["git", "clone", "-q", "-b", branch, str(origin), str(work)],
        env=clean_env(),
        check=True,
        capture_output=True,
    )
    fetched = subprocess.run(
        ["bash", str(FETCH)], cwd=work, env=clean_env(HEAD_SHA=head), capture_output=True, text=True
    )
    assert fetched.returncode == 0, fetched.stderr
    summary = tmp_path / "step_summary.md"
    summary.write_text("", encoding="utf-8")
    env = clean_env(
        GITHUB_ACTIONS="true",
        GITHUB_EVENT_NAME=event_name,
        GITHUB_STEP_SUMMARY=str(summary),
        AWARDS_PYTHON=sys.executable,
        AWARDS_OUT=str(tmp_path / "awards-report"),
        AWARDS_TODAY=today,
        **extra,
    )
    if event is not None:
        env["GITHUB_EVENT_PATH"] = str(event)
    done = subprocess.run(["bash", str(SCRIPT)], cwd=work, env=env, capture_output=True, text=True)
    return Step(
        done.returncode,
        done.stdout,
        done.stderr,
        summary.read_text(encoding="utf-8"),
        tmp_path / "awards-report",
        head,
    )


def run_step(
    tmp_path: Path,
    event_name: str = "pull_request_target",
    today: str = "2021-08-20",
    recorded: str = "pull_request.json",
    branch: str = "main",
) -> Step:
    repo, base, head = campaign_repo(tmp_path / "repo")
    event = event_file(tmp_path / "event.json", base, head, recorded)
    return run_check(tmp_path, repo.root, head, event_name, event, today, branch)


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
    check = next(s for s in steps if s.get("run") == "bash .github/scripts/check.sh")
    assert set(check["env"]) == {"AWARDS_OUT", "AWARDS_PUSHES"}
    fetch = next(s for s in steps if s.get("run") == "bash .github/scripts/fetch-head.sh")
    assert steps.index(fetch) < steps.index(check)


def test_exit_status_fails_the_check(step: Step) -> None:
    assert step.returncode == 1, step.stderr
    assert step.stderr == (
        "“ty-clerk”的合并请求改动了 3 个文件：1 处越权，未通过。\n检查了 8 个文件：12 个错误，5 个警告。未通过\n"
    )


def test_annotations_are_exactly_what_github_shows(step: Step) -> None:
    lines = step.stdout.splitlines()
    # 16 errors in all: GitHub would show 10; we emit those 10, the permission problem first.
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
    assert "--run-url " in step["run"]
    assert env["HEAD_SHA"] == "${{ github.event.pull_request.head.sha }}"  # the event's, not the artifact's
    assert env["COMMENT_FILE"].startswith("${{ runner.temp }}/awards-comment/")  # outside the artifact


def test_check_step_leaves_no_comment(step: Step) -> None:
    """The comment is written by the comment job from these reports (data), never taken from the check."""
    assert sorted(p.name for p in step.out.iterdir()) == ["check-pr.json", "preview", "report.json"]


def test_comment_names_the_commit(step: Step, tmp_path: Path) -> None:
    done = run_comment(step.out, step.head, tmp_path)
    assert done.returncode == 0, done.stderr
    body = (tmp_path / "awards-comment" / "comment.md").read_text(encoding="utf-8")
    assert body.startswith("<!-- awards-check -->\n")
    assert (
        f"本评论针对提交 {step.head}（[检查运行记录](https://github.com/sx-rst-awards/awards/actions/runs/42)），"
        in body
    )
    golden("comment.md", body.replace(step.head, "@HEAD_SHA@"))


def test_comment_without_the_artifact_says_the_check_did_not_finish(tmp_path: Path) -> None:
    done = run_comment(tmp_path / "no-artifact", "a" * 40, tmp_path)
    assert done.returncode == 0, done.stderr
    body = (tmp_path / "awards-comment" / "comment.md").read_text(encoding="utf-8")
    assert body.startswith(
        "<!-- awards-check -->\n<!-- awards-verdict: incomplete -->\n## 推荐材料检查：没有完成\n"
    )
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
    step = run_check(tmp_path, repo.root, head, event=event)
    assert step.returncode == 0, step.stderr
    text = step.summary
    assert text.startswith("## 推荐材料检查：通过（有警告，请核实）\n")
    assert "修改权限：本合并请求改动了 1 个文件，都在提交人可以修改的范围内。" in text
    assert "没有显示为标注" not in text
    assert step.stdout.count("::warning ") == 3


def test_nightly_run_checks_records_only(tmp_path: Path) -> None:
    # main, as the nightly run sees it, holds the pull request's records here.
    step = run_step(tmp_path, event_name="schedule", branch="taiyuan/tuijian")
    assert step.returncode == 1
    assert sorted(p.name for p in step.out.iterdir()) == ["report.json"]
    assert step.summary.startswith(
        "## 推荐材料检查：未通过\n\n推荐材料：检查了 8 个文件，12 个错误，5 个警告。\n"
    )


def test_a_pull_request_cannot_change_the_rules_it_is_judged_by(tmp_path: Path) -> None:
    """The head breaks rules/campaign.yml: its records are still checked, with the base's rules, and the
    edit of rules/ is refused; nothing of the head's rules is read."""
    repo, base, _ = campaign_repo(tmp_path / "repo")
    campaign = repo.root / "rules" / "campaign.yml"
    campaign.write_text(
        campaign.read_text(encoding="utf-8").replace("first_review: ", "first_review: x"), encoding="utf-8"
    )
    head = repo.commit("改坏了规则")
    step = run_check(tmp_path, repo.root, head, event=event_file(tmp_path / "event.json", base, head))
    assert step.returncode == 1, step.stderr
    assert "rules/campaign.yml:" not in step.stderr
    assert step.summary.startswith("## 推荐材料检查：未通过\n")
    assert "推荐材料：检查了 8 个文件，12 个错误，5 个警告。" in step.summary
    assert "::error file=rules/campaign.yml,line=1,col=1,title=pr-protected-path::" in step.stdout


def test_broken_base_rules_say_the_check_did_not_finish(tmp_path: Path) -> None:
    repo, _, head = campaign_repo(tmp_path / "repo")
    repo.git("checkout", "-q", "main")
    campaign = repo.root / "rules" / "campaign.yml"
    campaign.write_text(
        campaign.read_text(encoding="utf-8").replace("first_review: ", "first_review: x"), encoding="utf-8"
    )
    base = repo.commit("审核人员改坏了规则")
    step = run_check(tmp_path, repo.root, head, event=event_file(tmp_path / "event.json", base, head))
    assert step.returncode == 2
    assert "rules/campaign.yml:" in step.stderr
    assert step.summary.startswith(
        "## 推荐材料检查：没有完成\n\n推荐材料检查没有完成（report.json 没有生成），请查看检查日志中的出错信息。\n"
    )
    assert run_comment(step.out, head, tmp_path).returncode == 0
    comment = (tmp_path / "awards-comment" / "comment.md").read_text(encoding="utf-8")
    assert "## 推荐材料检查：没有完成" in comment


def test_id_numbers_and_phones_never_reach_github(step: Step, tmp_path: Path) -> None:
    """Annotations, job summary and comment show 140105**********21; the full number stays local."""
    done = run_comment(step.out, step.head, tmp_path)
    assert done.returncode == 0, done.stderr
    comment = (tmp_path / "awards-comment" / "comment.md").read_text(encoding="utf-8")
    for text in (step.stdout, step.summary, comment):
        assert "140105198803150021" not in text
        assert "140105" in text and "21”校验码不对" in text
    # The report in the artifact is the checker's own output, like a clerk's local run: unmasked.
    assert "140105198803150021" in (step.out / "report.json").read_text(encoding="utf-8")
