"""Issue 13: the required check cannot be forged by the pull request it judges.

Each scenario is a real git repository (the fixture campaign: the taiyuan clerk adds two records and edits
one of datong's, which is forbidden) plus a file that, if the check ever ran or imported it, would leave a
marker and try to turn the check green: a GNUmakefile, a makefile, setup.py, setup.cfg, venv.py,
pip/__main__.py, sitecustomize.py, usercustomize.py, conftest.py, a .pth file, or a changed Makefile.
The check runs as the workflow runs it (a clone at the base branch, the head fetched as objects only by
fetch-head.sh, then check.sh with the recorded pull_request_target payload). The verdict must be exactly
the verdict without the extra file, plus the refusal of that file itself, and the marker must never exist.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.github.helpers import campaign_repo, event_file
from tests.github.test_check_step import Step, run_check

PY_ATTACK = "import pathlib\npathlib.Path({marker!r}).write_text('pwned')\nraise SystemExit(0)\n"
MAKE_ATTACK = "setup:\n\ttouch {marker}\nsite validate test:\n\ttouch {marker}\n\t@echo 通过\n"
ATTACKS: dict[str, str] = {
    "GNUmakefile": MAKE_ATTACK,
    "makefile": MAKE_ATTACK,
    "Makefile": MAKE_ATTACK,  # changed: the base has a harmless Makefile (see `attacked`)
    "setup.py": PY_ATTACK,
    "setup.cfg": "[options]\nsetup_requires = pwned @ file:///{marker}\n",
    "venv.py": PY_ATTACK,
    "pip/__main__.py": PY_ATTACK,
    "sitecustomize.py": PY_ATTACK,
    "usercustomize.py": PY_ATTACK,
    "conftest.py": PY_ATTACK,
    "awards-evil.pth": "import pathlib; pathlib.Path({marker!r}).write_text('pwned')\n",
}


def permissions(step: Step) -> list[tuple[str, str]]:
    doc = json.loads((step.out / "check-pr.json").read_text(encoding="utf-8"))
    return [(p["path"], p["code"]) for p in doc["problems"]]


def records(step: Step) -> tuple[int, int, int]:
    doc = json.loads((step.out / "report.json").read_text(encoding="utf-8"))
    return doc["errors"], doc["warnings"], doc["files_checked"]


@pytest.fixture(scope="module")
def honest(tmp_path_factory: pytest.TempPathFactory) -> Step:
    """The same pull request without any attack: the verdict every attack must leave as it is."""
    tmp = tmp_path_factory.mktemp("honest")
    repo, base, head = campaign_repo(tmp / "repo")
    return run_check(tmp, repo.root, head, event=event_file(tmp / "event.json", base, head))


def attacked(tmp_path: Path, name: str, inside: str = "") -> tuple[Step, Path, Path]:
    marker = tmp_path / "pwned"
    repo, base, _ = campaign_repo(tmp_path / "repo")
    if name == "Makefile":
        # A Makefile the reviewers committed; the pull request rewrites it ("Update branch" brings it in).
        repo.git("checkout", "-q", "main")
        repo.write("Makefile", "setup:\n\t@echo 安装\n")
        base = repo.commit("Makefile")
        repo.git("checkout", "-q", "taiyuan/tuijian")
        repo.git("merge", "-q", "--no-edit", "main")
    repo.write(inside + name, ATTACKS[name].format(marker=str(marker)))
    head = repo.commit(f"太原市：{name}")
    step = run_check(tmp_path, repo.root, head, event=event_file(tmp_path / "event.json", base, head))
    return step, marker, tmp_path / "work"


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_an_added_file_cannot_change_the_verdict(tmp_path: Path, honest: Step, name: str) -> None:
    step, marker, work = attacked(tmp_path, name)
    assert not marker.exists(), f"{name} 被执行了"
    # Never checked out: the head exists only as git objects (the base's own Makefile is harmless).
    assert not (work / name).exists() or str(marker) not in (work / name).read_text(encoding="utf-8")
    assert step.returncode == honest.returncode == 1
    assert records(step) == records(honest)
    assert permissions(step) == sorted([*permissions(honest), (name, "pr-protected-path")])
    assert "::error file=submissions/datong/individuals/ma-wen.yml,line=1,col=1,title=pr-outside-unit::" in (
        step.stdout
    )


@pytest.mark.parametrize("name", ["sitecustomize.py", "conftest.py", "GNUmakefile", "awards-evil.pth"])
def test_an_attack_inside_the_own_folder_is_not_run_either(tmp_path: Path, honest: Step, name: str) -> None:
    """The clerk may put files in the own folder; the check still only reads them."""
    step, marker, _ = attacked(tmp_path, name, inside="submissions/taiyuan/")
    assert not marker.exists(), f"{name} 被执行了"
    assert permissions(step) == permissions(honest)
    assert step.returncode == 1


def test_a_skip_ci_commit_still_gets_the_check(tmp_path: Path, honest: Step) -> None:
    """`[skip ci]` in the head commit does not matter to the script: the forge's setting is documented
    (required check from GitHub Actions only), and what runs judges the same."""
    repo, base, _ = campaign_repo(tmp_path / "repo")
    repo.write("submissions/taiyuan/notes.txt", "补充说明\n")
    head = repo.commit("太原市：说明 [skip ci]")
    step = run_check(tmp_path, repo.root, head, event=event_file(tmp_path / "event.json", base, head))
    assert permissions(step) == permissions(honest)
    assert step.returncode == 1
