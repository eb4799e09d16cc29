"""`awards check-pr` on what a diff can carry besides text files: symbolic links and submodules in a unit's
folder, file names that are not UTF-8; and the roster rule that a login belongs to one place only."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from awards.cli import main
from tests.github.helpers import CAMPAIGN, GitRepo, copy_rules, overlay
from tests.github.test_check_pr import BEFORE, REVIEWER, TY, check, repo

__all__ = ["repo"]  # the fixture, shared with test_check_pr.py


@pytest.fixture(autouse=True)
def _no_github(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_ACTIONS", "GITHUB_EVENT_PATH", "GITHUB_EVENT_NAME"):
        monkeypatch.delenv(name, raising=False)


def problems(
    repo: GitRepo, actor: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[tuple[str, str]]]:
    capsys.readouterr()
    code = check(repo, actor, fmt="json")
    doc = json.loads(capsys.readouterr().out)
    return code, [(p["path"], p["code"]) for p in doc["problems"]]


@pytest.mark.parametrize("actor", [TY, REVIEWER])
def test_a_symlink_in_a_unit_folder_is_refused(
    repo: GitRepo, actor: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo.root / "submissions/taiyuan/windows").mkdir(parents=True, exist_ok=True)
    (repo.root / "submissions/taiyuan/windows/a.yml").symlink_to("../../../rules/units.yml")
    repo.commit("链接")
    code, found = problems(repo, actor, capsys)
    assert code == 1
    assert found == [("submissions/taiyuan/windows/a.yml", "pr-link-in-unit")]
    capsys.readouterr()
    check(repo, actor)
    assert "这是一个符号链接，单位文件夹里只能放普通文件" in capsys.readouterr().out


def test_a_submodule_in_a_unit_folder_is_refused(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    # A gitlink entry, as `git submodule add` leaves it, written straight into the index.
    sha = repo.git("rev-parse", "HEAD")
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{sha},submissions/taiyuan/vendor")
    repo.tick += 1
    repo.git("commit", "-q", "-m", "子模块")
    code, found = problems(repo, TY, capsys)
    assert code == 1
    assert found == [("submissions/taiyuan/vendor", "pr-link-in-unit")]


def test_a_name_that_is_not_utf8_is_explained_not_a_crash(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    # 王芳 in GBK, as a zip made on a Chinese Windows leaves it.
    # os.fsdecode keeps the GBK bytes as surrogate escapes, so the file gets exactly these bytes as name.
    path = Path(os.fsdecode(os.fsencode(repo.root) + b"/submissions/taiyuan/" + "王芳.yml".encode("gbk")))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("姓名: 王芳\n".encode())
    repo.commit("GBK 文件名")
    code, found = problems(repo, TY, capsys)
    assert code == 1
    assert found == [("submissions/taiyuan/\\xcd\\xf5\\xb7\\xbc.yml", "pr-bad-name")]
    check(repo, TY)
    out = capsys.readouterr()
    assert "不是 UTF-8 编码" in out.out and "内部错误" not in out.out + out.err


def test_a_login_in_two_units_is_a_rules_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = GitRepo(tmp_path / "campaign")
    copy_rules(repo.root)
    overlay(CAMPAIGN / "base", repo.root)
    units = repo.root / "rules/units.yml"
    units.write_text(
        units.read_text(encoding="utf-8").replace("members: [dt-clerk]", "members: [dt-clerk, TY-Clerk]"),
        encoding="utf-8",
    )
    repo.commit("两处登记")
    repo.git("checkout", "-q", "-b", "change")
    repo.write("submissions/taiyuan/notes.txt", "说明\n")
    repo.commit("说明")
    assert check(repo, TY) == 2
    err = capsys.readouterr().err
    assert "rules/units.yml:" in err
    assert "登录名“TY-Clerk”同时登记在单位“taiyuan”和单位“datong”，每个登录名只能属于一处" in err


def test_renames_and_modes_come_from_git_objects(repo: GitRepo) -> None:
    from awards.github import git

    (repo.root / "submissions/taiyuan").mkdir(parents=True, exist_ok=True)
    repo.write("submissions/taiyuan/a.yml", "名称: 甲\n" * 20)
    repo.commit("甲")
    repo.git("mv", "submissions/taiyuan/a.yml", "submissions/taiyuan/b.yml")
    (repo.root / "submissions/taiyuan/c.yml").symlink_to("b.yml")
    repo.commit("改名和链接")
    found = git.changes(repo.root, "main", "change")
    assert [(c.status, c.path, c.old_path, c.mode, c.link) for c in found] == [
        ("A", "submissions/taiyuan/b.yml", None, "100644", None),
        ("A", "submissions/taiyuan/c.yml", None, "120000", "symlink"),
    ]
    # Against the commit in between, the move is one rename with both paths.
    middle = repo.git("rev-parse", "change~1")
    moved = git.changes(repo.root, middle, "change")
    assert ("R", "submissions/taiyuan/b.yml", "submissions/taiyuan/a.yml") in [
        (c.status, c.path, c.old_path) for c in moved
    ]


def test_git_is_never_asked_to_check_anything_out(repo: GitRepo) -> None:
    """The head's files never reach the working tree: check-pr leaves it exactly as it was."""
    repo.write("submissions/taiyuan/notes.txt", "说明\n")
    repo.commit("说明")
    repo.git("checkout", "-q", "main")
    before = subprocess.run(["git", "status", "--porcelain", "--ignored"], cwd=repo.root, capture_output=True)
    assert (
        main(
            [
                "check-pr",
                "--root",
                str(repo.root),
                "--base",
                "main",
                "--head",
                "change",
                "--actor",
                TY,
                "--today",
                BEFORE,
            ]
        )
        == 0
    )
    after = subprocess.run(["git", "status", "--porcelain", "--ignored"], cwd=repo.root, capture_output=True)
    assert before.stdout == after.stdout
    assert not (repo.root / "submissions/taiyuan/notes.txt").exists()


def test_pr_records_reads_the_head_as_data_and_skips_links_and_bad_names(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """The records of the head are checked with the base's rules from git objects; a symlink (even one
    pointing at the rules) and a GBK name are left out here, because check-pr refuses them on the file."""
    (repo.root / "submissions/taiyuan/windows").mkdir(parents=True, exist_ok=True)
    (repo.root / "submissions/taiyuan/windows/link.yml").symlink_to("../../../rules/units.yml")
    gbk = Path(os.fsdecode(os.fsencode(repo.root) + b"/submissions/taiyuan/" + "王芳.yml".encode("gbk")))
    gbk.write_bytes("姓名: 王芳\n".encode())
    repo.write("rules/campaign.yml", "这不是规则\n")  # the head's rules are never read
    repo.commit("链接、GBK 文件名和改坏的规则")
    repo.git("checkout", "-q", "main")
    capsys.readouterr()
    args = ["pr-records", "--root", str(repo.root), "--base", "main", "--head", "change", "--today", BEFORE]
    code = main([*args, "--format", "json"])
    out = capsys.readouterr()
    assert code in (0, 1), out.err
    doc = json.loads(out.out)
    paths = {p["path"] for p in doc["problems"]}
    assert not any("link.yml" in p or "\\x" in p or "rules/" in p for p in paths)
    assert doc["files_checked"] >= 3
    assert "内部错误" not in out.err
