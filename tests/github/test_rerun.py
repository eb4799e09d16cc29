"""Issue 13: a check that means what it says on every run. The roster and the reopened units are those of
the base branch as it is now (not the event's old base.sha: a retarget or a reopening re-runs with the
current ones), and lateness is judged by when the unit's change was pushed, so an on-time change stays on
time through re-runs and "Update branch". Runs as the workflow does, with recorded event payloads."""

from __future__ import annotations

import json
from pathlib import Path

from awards.cli import main
from tests.github.helpers import FIXTURES, GitRepo, campaign_repo, event_file
from tests.github.test_check_step import Step, run_check


def codes(step: Step) -> list[str]:
    doc = json.loads((step.out / "check-pr.json").read_text(encoding="utf-8"))
    return [p["code"] for p in doc["problems"]]


def edited_event(path: Path, base: str, head: str, login: str) -> Path:
    """The recorded `edited` payload (base changed), with this repository's commits and author."""
    text = (FIXTURES / "pull_request_target_edited.json").read_text(encoding="utf-8")
    doc = json.loads(text.replace("@BASE_SHA@", base).replace("@HEAD_SHA@", head))
    doc["pull_request"]["user"]["login"] = doc["sender"]["login"] = login
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def branch(repo: GitRepo, name: str, rel: str = "submissions/taiyuan/notes.txt") -> str:
    repo.git("checkout", "-q", "main")
    repo.git("checkout", "-q", "-b", name)
    repo.write(rel, "补充说明\n")
    return repo.commit("太原市：补充说明")


def on_main(repo: GitRepo, old: str, new: str, message: str) -> str:
    repo.git("checkout", "-q", "main")
    units = repo.root / "rules/units.yml"
    units.write_text(units.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return repo.commit(message)


def test_a_clerk_added_after_the_event_is_known(tmp_path: Path) -> None:
    repo, old_base, _ = campaign_repo(tmp_path / "repo")
    head = branch(repo, "units/taiyuan/notes")
    on_main(repo, "members: [ty-clerk]", "members: [ty-clerk, ty-new]", "太原市新增经办人")
    event = edited_event(tmp_path / "event.json", old_base, head, "ty-new")
    step = run_check(tmp_path, repo.root, head, event=event)
    assert codes(step) == []
    # The event's base.sha still has the old roster: judged by it, the new clerk would be refused.
    args = ["check-pr", "--root", str(repo.root), "--base", old_base, "--head", head, "--actor", "ty-new"]
    assert main([*args, "--today", "2021-08-20", "--format", "json"]) == 1


def test_a_unit_reopened_after_the_event_may_change_its_files(tmp_path: Path) -> None:
    repo, old_base, _ = campaign_repo(tmp_path / "repo")
    head = branch(repo, "units/taiyuan/late")
    after = {"today": "2021-08-25"}
    late = run_check(
        tmp_path / "before", repo.root, head, event=event_file(tmp_path / "e1.json", old_base, head), **after
    )
    assert codes(late) == ["pr-after-deadline"]
    on_main(
        repo,
        "reopened: []",
        "reopened:\n  - {unit: taiyuan, until: 2021-08-27, reason: 补交材料}",
        "重新开放",
    )
    rerun = run_check(
        tmp_path / "after", repo.root, head, event=event_file(tmp_path / "e2.json", old_base, head), **after
    )
    assert codes(rerun) == []


def pushes(path: Path, *pushed: tuple[str, str]) -> str:
    path.write_text(json.dumps([{"after": c, "timestamp": t} for c, t in pushed]), encoding="utf-8")
    return str(path)


def test_on_time_stays_on_time_through_update_branch_and_reruns(tmp_path: Path) -> None:
    repo, base, _ = campaign_repo(tmp_path / "repo")
    first = branch(repo, "units/taiyuan/ontime")
    # A reviewer's change on main, then "Update branch" merges it into the clerk's branch the day after.
    repo.git("checkout", "-q", "main")
    repo.write("submissions/decisions.yml", "# 评审决定\n")
    repo.commit("评审决定")
    repo.git("checkout", "-q", "units/taiyuan/ontime")
    repo.git("merge", "-q", "--no-edit", "main")
    updated = repo.git("rev-parse", "HEAD")
    record = pushes(
        tmp_path / "pushes.json",
        (first, "2021-08-23T15:30:00Z"),  # 23:30 Beijing time on the deadline day
        (updated, "2021-08-24T02:00:00Z"),  # "Update branch", the next morning
    )
    event = event_file(tmp_path / "event.json", base, updated)
    env = {"today": "2021-08-26", "AWARDS_PUSHES": record}
    assert codes(run_check(tmp_path / "run1", repo.root, updated, event=event, **env)) == []
    # A re-run days later: the same answer.
    assert (
        codes(
            run_check(
                tmp_path / "run2", repo.root, updated, event=event, today="2021-08-30", AWARDS_PUSHES=record
            )
        )
        == []
    )
    # Without the push record, the day of the run decides, as before.
    assert codes(run_check(tmp_path / "run3", repo.root, updated, event=event, today="2021-08-26")) == [
        "pr-after-deadline"
    ]


def test_a_new_edit_after_the_deadline_is_late(tmp_path: Path) -> None:
    repo, base, _ = campaign_repo(tmp_path / "repo")
    first = branch(repo, "units/taiyuan/edit")
    repo.write("submissions/taiyuan/notes.txt", "补充说明（改）\n")
    second = repo.commit("太原市：再改")
    record = pushes(
        tmp_path / "pushes.json", (first, "2021-08-23T15:30:00Z"), (second, "2021-08-24T02:00:00Z")
    )
    event = event_file(tmp_path / "event.json", base, second)
    step = run_check(tmp_path, repo.root, second, event=event, today="2021-08-26", AWARDS_PUSHES=record)
    assert codes(step) == ["pr-after-deadline"]


def test_a_forged_push_record_is_ignored_not_fatal(tmp_path: Path) -> None:
    repo, base, _ = campaign_repo(tmp_path / "repo")
    head = branch(repo, "units/taiyuan/forged")
    record = tmp_path / "pushes.json"
    record.write_text('{"not": "a list"}', encoding="utf-8")
    event = event_file(tmp_path / "event.json", base, head)
    step = run_check(tmp_path, repo.root, head, event=event, today="2021-08-26", AWARDS_PUSHES=str(record))
    assert codes(step) == ["pr-after-deadline"]
