"""`awards check-pr` against real git repositories: who may change what, renames, the deadline, reopening."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from awards.cli import main
from awards.core.problems import Severity
from awards.github import event
from awards.rules.loader import load
from tests.github.helpers import CAMPAIGN, FIXTURES, REPO, GitRepo, copy_rules, event_file, overlay

TY = "ty-clerk"  # member of taiyuan
DT = "dt-clerk"  # member of datong
REVIEWER = "sx-reviewer-li"
DATONG_RECORD = "submissions/datong/individuals/ma-wen.yml"
TAIYUAN_RECORD = "submissions/taiyuan/windows/xiaodian-shebao.yml"
DECISIONS = "submissions/decisions.yml"
BEFORE = "2021-08-20"
AFTER = "2021-08-25"  # first_review deadline: 2021-08-23


@pytest.fixture(autouse=True)
def _no_github(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_ACTIONS", "GITHUB_EVENT_PATH", "GITHUB_EVENT_NAME"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """`main` with the fixture records; each test branches off it as a city or a reviewer would."""
    repo = GitRepo(tmp_path / "campaign")
    copy_rules(repo.root)
    overlay(CAMPAIGN / "base", repo.root)
    repo.commit("初始材料")
    repo.git("checkout", "-q", "-b", "change")
    return repo


def edit(repo: GitRepo, rel: str, line: str = "备注: 补充说明\n") -> None:
    path = repo.root / rel
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    repo.write(rel, old + line)


def check(repo: GitRepo, actor: str | None, today: str = BEFORE, fmt: str = "text") -> int:
    args = ["check-pr", "--root", str(repo.root), "--base", "main", "--head", "change", "--today", today]
    args += ["--format", fmt]
    if actor is not None:
        args += ["--actor", actor]
    return main(args)


def run(
    capsys: pytest.CaptureFixture[str], repo: GitRepo, actor: str, today: str = BEFORE, fmt: str = "text"
) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of `awards check-pr` on main...change."""
    code = check(repo, actor, today, fmt)
    out, err = capsys.readouterr()
    return code, out, err


OUTSIDE = (
    f"{DATONG_RECORD}:1:1: error: “ty-clerk”属于“太原市人力资源和社会保障局”，只能修改 submissions/taiyuan/ 下的文件，"
    "不能修改此文件（属于大同市人力资源和社会保障局）。 [pr-outside-unit]\n"
)
PROTECTED = f"{DECISIONS}:1:1: error: 此文件只有省推荐评选办的审核人员可以修改（省推荐评选办的评审决定）。 [pr-protected-path]\n"


def test_city_editing_another_citys_record(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, DATONG_RECORD)
    edit(repo, TAIYUAN_RECORD)  # its own: fine
    repo.commit("改了大同的记录")
    code, out, err = run(capsys, repo, TY)
    assert (code, out) == (1, OUTSIDE)
    assert err == "“ty-clerk”的合并请求改动了 2 个文件：1 处越权，未通过。\n"


def test_city_editing_the_decisions(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, DECISIONS, "决定: []\n")
    repo.commit("自己写决定")
    assert run(capsys, repo, TY)[:2] == (1, PROTECTED)


def test_city_editing_rules_workflows_and_site(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    for rel in (
        "rules/campaign.yml",
        ".github/workflows/check.yml",
        "site/docs/index.md",
        "Makefile",
        "submissions/README.md",
    ):
        edit(repo, rel, "# 改动\n")
    repo.commit("越界")
    code, out, _ = run(capsys, repo, TY)
    assert code == 1
    assert out == (
        ".github/workflows/check.yml:1:1: error: 此文件只有省推荐评选办的审核人员可以修改（GitHub 工作流程和代码负责人设置）。 [pr-protected-path]\n"
        "Makefile:1:1: error: 此文件只有省推荐评选办的审核人员可以修改（仓库的公共文件）。 [pr-protected-path]\n"
        "rules/campaign.yml:1:1: error: 此文件只有省推荐评选办的审核人员可以修改（评选规则和单位名单）。 [pr-protected-path]\n"
        "site/docs/index.md:1:1: error: 此文件只有省推荐评选办的审核人员可以修改（公示网站的源文件）。 [pr-protected-path]\n"
        "submissions/README.md:1:1: error: 此文件只有省推荐评选办的审核人员可以修改（submissions/ 下各单位文件夹以外的文件）。 [pr-protected-path]\n"
    )


def test_reviewer_doing_both(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, DATONG_RECORD)
    edit(repo, DECISIONS, "决定: []\n")
    repo.commit("审核人员更正")
    code, out, err = run(capsys, repo, REVIEWER, today=AFTER)
    assert (code, out) == (0, "")
    assert err == "“sx-reviewer-li”的合并请求改动了 2 个文件：都在可以修改的范围内。\n"


def test_rename_across_units_counts_both_paths(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    moved = "submissions/taiyuan/individuals/ma-wen.yml"
    (repo.root / moved).parent.mkdir()
    repo.git("mv", DATONG_RECORD, moved)
    repo.commit("把大同的个人挪到太原")
    # For taiyuan the new place is its own, the old one is datong's.
    code, out, _ = run(capsys, repo, TY)
    assert (code, out) == (1, OUTSIDE)
    # For datong it is the other way round; for a third unit both are wrong.
    code, out, _ = run(capsys, repo, DT)
    assert code == 1
    assert out.startswith(
        f"{moved}:1:1: error: “dt-clerk”属于“大同市人力资源和社会保障局”，只能修改 submissions/datong/"
    )
    code, out, _ = run(capsys, repo, "sb-clerk", fmt="json")
    doc = json.loads(out)
    assert [(p["path"], p["code"]) for p in doc["problems"]] == [
        (DATONG_RECORD, "pr-outside-unit"),
        (moved, "pr-outside-unit"),
    ]
    assert doc["changed"] == [DATONG_RECORD, moved]


def test_late_change_after_the_deadline(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, TAIYUAN_RECORD)
    repo.commit("截止后修改")
    assert run(capsys, repo, TY, today="2021-08-23")[0] == 0  # the deadline day itself still counts
    code, out, _ = run(capsys, repo, TY, today=AFTER)
    assert (code, out) == (
        1,
        f"{TAIYUAN_RECORD}:1:1: error: 初审材料已于 2021-08-23 截止，“太原市人力资源和社会保障局”不能再修改此文件；"
        "如需更正，请联系审核人员在 rules/units.yml 的 reopened 中重新开放本单位。 [pr-after-deadline]\n",
    )


def reopen(repo: GitRepo, unit: str, until: str) -> None:
    path = repo.root / "rules/units.yml"
    text = path.read_text(encoding="utf-8").replace(
        "reopened: []", f"reopened:\n  - {{unit: {unit}, until: {until}, reason: 补交材料}}"
    )
    path.write_text(text, encoding="utf-8")


def test_reopened_unit(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.git("checkout", "-q", "main")
    reopen(repo, "taiyuan", "2021-08-27")
    repo.commit("审核人员重新开放太原")
    repo.git("checkout", "-q", "-B", "change")
    edit(repo, TAIYUAN_RECORD)
    repo.commit("补交")
    assert run(capsys, repo, TY, today=AFTER)[:2] == (0, "")
    assert run(capsys, repo, TY, today="2021-08-27")[0] == 0
    assert run(capsys, repo, TY, today="2021-08-28")[0] == 1  # the reopening has lapsed
    # Reopening taiyuan does not reopen datong.
    edit(repo, DATONG_RECORD)
    repo.commit("大同也改")
    code, out, _ = run(capsys, repo, DT, today=AFTER)
    assert code == 1 and "[pr-after-deadline]" in out and TAIYUAN_RECORD in out


def test_a_pull_request_cannot_reopen_or_promote_itself(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """The roster and the reopen list are read from the base: changes in the pull request do not count."""
    reopen(repo, "taiyuan", "2021-12-31")
    path = repo.root / "rules/units.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("[sx-reviewer-li, ", "[ty-clerk, sx-reviewer-li, "),
        encoding="utf-8",
    )
    edit(repo, TAIYUAN_RECORD)
    repo.commit("自己开放、自己当审核人员")
    code, out, _ = run(capsys, repo, TY, today=AFTER)
    assert code == 1
    assert out.splitlines()[0].startswith(
        "rules/units.yml:1:1: error: 此文件只有省推荐评选办的审核人员可以修改"
    )
    assert f"{TAIYUAN_RECORD}:1:1: error: 初审材料已于 2021-08-23 截止" in out


def test_unknown_actor(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, TAIYUAN_RECORD)
    repo.commit("陌生人")
    code, out, _ = run(capsys, repo, "someone-else")
    assert (code, out) == (
        1,
        "rules/units.yml:1:1: error: 提交人“someone-else”没有在 rules/units.yml 中登记，不能修改推荐材料；"
        "请联系省推荐评选办。 [pr-unknown-actor]\n",
    )


def test_logins_are_case_insensitive(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, TAIYUAN_RECORD)
    repo.commit("大小写")
    assert run(capsys, repo, "TY-Clerk")[0] == 0


def test_github_format(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, DECISIONS, "决定: []\n")
    repo.commit("决定")
    _, out, _ = run(capsys, repo, TY, fmt="github")
    assert out == (
        "::error file=submissions/decisions.yml,line=1,col=1,title=pr-protected-path::"
        "此文件只有省推荐评选办的审核人员可以修改（省推荐评选办的评审决定）。\n"
    )


def test_revisions_and_author_from_the_event(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    edit(repo, DATONG_RECORD)
    head = repo.commit("改了大同的记录")
    base = repo.git("rev-parse", "main")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event_file(tmp_path / "event.json", base, head)))
    code = main(["check-pr", "--root", str(repo.root), "--today", BEFORE, "--format", "text"])
    assert (code, capsys.readouterr().out) == (1, OUTSIDE)  # the payload's author is ty-clerk


def test_a_push_by_another_units_member_is_judged_too(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """ty-clerk's pull request, into which dt-clerk (datong) pushed a change to a taiyuan record: the
    author may change it, the pusher may not. The recorded event names dt-clerk as its sender."""
    edit(repo, TAIYUAN_RECORD)
    head = repo.commit("大同的人改了太原的记录")
    base = repo.git("rev-parse", "main")
    args = ["check-pr", "--root", str(repo.root), "--today", BEFORE, "--format", "text"]
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event_file(tmp_path / "own.json", base, head)))
    assert main(args) == 0  # pushed by the author himself: fine
    capsys.readouterr()
    pushed = event_file(tmp_path / "pushed.json", base, head, "pull_request_pushed_by_datong.json")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(pushed))
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert out == (
        f"{TAIYUAN_RECORD}:1:1: error: “dt-clerk”属于“大同市人力资源和社会保障局”，只能修改 submissions/datong/ 下的文件，"
        "不能修改此文件（属于太原市人力资源和社会保障局）。 [pr-outside-unit]\n"
    )
    assert err == "“ty-clerk”的合并请求（本次由“dt-clerk”推送或打开）改动了 1 个文件：1 处越权，未通过。\n"
    # In JSON, both logins are recorded; the author stays `actor`.
    assert main([*args, "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert (doc["actor"], doc["actors"]) == ("ty-clerk", ["ty-clerk", "dt-clerk"])


def test_every_actor_given_is_judged(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    """Both must be within their rights: a file either may not change is refused, once per reason."""
    edit(repo, DATONG_RECORD)
    edit(repo, TAIYUAN_RECORD)
    edit(repo, DECISIONS, "决定: []\n")
    repo.commit("两个单位各改一处，再改决定")
    args = ["check-pr", "--root", str(repo.root), "--base", "main", "--head", "change", "--today", BEFORE]
    assert main([*args, "--format", "json", "--actor", TY, "--actor", DT, "--actor", "TY-CLERK"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["actors"] == [TY, DT]  # logins are case-insensitive: ty-clerk is judged once
    assert [(p["path"], p["code"]) for p in doc["problems"]] == [
        (DATONG_RECORD, "pr-outside-unit"),
        (DECISIONS, "pr-protected-path"),  # the same problem for both: reported once
        (TAIYUAN_RECORD, "pr-outside-unit"),
    ]
    assert doc["problems"][0]["message"].startswith("“ty-clerk”属于")
    assert doc["problems"][2]["message"].startswith("“dt-clerk”属于")
    # A reviewer beside a city member adds no rights: the city member's limits still apply.
    assert main([*args, "--actor", REVIEWER, "--actor", TY]) == 1


def test_event_actors() -> None:
    payload = json.loads((FIXTURES / "pull_request_pushed_by_datong.json").read_text(encoding="utf-8"))
    ev = event.parse(payload)
    assert ev is not None and (ev.author, ev.sender, ev.actors) == ("ty-clerk", "dt-clerk", [TY, DT])
    payload["sender"]["login"] = "Ty-Clerk"
    ev = event.parse(payload)
    assert ev is not None and ev.actors == [TY]
    del payload["sender"]
    ev = event.parse(payload)
    assert ev is not None and (ev.sender, ev.actors) == (None, [TY])


def test_unknown_revision_is_a_usage_error(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check-pr", "--root", str(repo.root), "--base", "nope", "--head", "change", "--actor", TY])
    assert code == 2
    assert capsys.readouterr().err.startswith("awards: 无法比较 nope...change：git merge-base 失败：")


def test_missing_actor_is_a_usage_error(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(repo, None) == 2
    assert "请用 --actor 指定合并请求的提交人" in capsys.readouterr().err


def test_permission_rules_are_catalogued_errors() -> None:
    """The rules above, each asserted by a scenario in this file or in test_forging.py (links, names),
    are the catalogue's `pr-` rules."""
    checks = load(REPO).checks
    codes = {
        "pr-unknown-actor",
        "pr-outside-unit",
        "pr-protected-path",
        "pr-after-deadline",
        "pr-link-in-unit",
        "pr-bad-name",
    }
    assert {c for c in checks if c.startswith("pr-")} == codes
    assert all(checks[c].severity is Severity.ERROR for c in codes)


def feed_back(repo: GitRepo, goes_on: str, declined: str, on: str = "2021-10-01") -> None:
    """The province records the ministry's feedback on main (the base every pull request is judged by)."""
    repo.git("checkout", "-q", "main")
    repo.write(
        DECISIONS,
        "决定:\n"
        f"  - {{记录: {goes_on}, 决定: 推荐, 排序: 1, 人社部反馈: 拟推荐}}\n"
        f"  - {{记录: {declined}, 决定: 推荐, 排序: 2, 人社部反馈: 未通过}}\n"
        f"人社部反馈日期: {on}\n",
    )
    repo.commit("人社部反馈")
    repo.git("checkout", "-q", "-B", "change")


def test_the_formal_stage_opens_fed_back_records_without_reopening(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """Between the feedback and the formal deadline a city completes its fed-back nominees' records."""
    fed_back, declined = "submissions/taiyuan/individuals/zhang-li.yml", TAIYUAN_RECORD
    feed_back(repo, fed_back.removeprefix("submissions/").removesuffix(".yml"),
              declined.removeprefix("submissions/").removesuffix(".yml"))  # fmt: skip
    edit(repo, fed_back)
    repo.write("submissions/taiyuan/photos/zhang-li-2.jpg", "照片")
    repo.commit("补充正式推荐材料")
    formal_deadline = load(repo.root).settings.schedule.formal
    assert formal_deadline is not None and formal_deadline.isoformat() > "2021-10-08"
    assert run(capsys, repo, TY, today="2021-10-08")[:2] == (0, "")
    assert run(capsys, repo, TY, today=formal_deadline.isoformat())[0] == 0
    # Before the feedback's day, and after the formal deadline: closed as after 8月23日.
    assert run(capsys, repo, TY, today="2021-09-30")[0] == 1
    code, out, _ = run(capsys, repo, TY, today="2099-01-01")
    assert code == 1 and "[pr-after-deadline]" in out


def test_a_declined_nominee_stays_closed_in_the_formal_stage(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    fed_back, declined = "taiyuan/individuals/zhang-li", TAIYUAN_RECORD
    feed_back(repo, fed_back, declined.removeprefix("submissions/").removesuffix(".yml"))
    edit(repo, declined)
    repo.commit("修改未通过的窗口")
    code, out, _ = run(capsys, repo, TY, today="2021-10-08")
    assert code == 1
    assert out.startswith(f"{declined}:1:1: error:") and "[pr-after-deadline]" in out


def test_a_pull_request_cannot_feed_its_own_nominee_back(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """The feedback is read from the base: a city writing it into its own pull request gains nothing."""
    repo.write(
        DECISIONS,
        f"决定:\n  - {{记录: {TAIYUAN_RECORD[12:-4]}, 决定: 推荐, 排序: 1, 人社部反馈: 拟推荐}}\n"
        "人社部反馈日期: 2021-10-01\n",
    )
    edit(repo, TAIYUAN_RECORD)
    repo.commit("自己写反馈")
    code, out, _ = run(capsys, repo, TY, today="2021-10-08")
    assert code == 1 and "[pr-protected-path]" in out and f"{TAIYUAN_RECORD}:1:1: error:" in out
